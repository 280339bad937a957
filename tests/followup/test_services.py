"""Assessments of goals per period: who may write them, that "not met" needs an analysis, and
optimistic locking so that two editors never overwrite each other silently."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from apps.core.locking import StaleEdit
from apps.followup.models import Assessment
from apps.followup.services import assessment_save
from apps.goals.models import Goal
from apps.goals.services import steering_model_load_preset
from tests.factories import (
    GoalFactory,
    ReportingPeriodFactory,
    RoleAssignmentFactory,
    UserFactory,
)


@pytest.fixture
def goal(org) -> Goal:
    model = steering_model_load_preset(actor=None, key="borlange", activate=True)
    kf_goal = GoalFactory(
        level=model.levels.get(key="god-hushallning"), owner=org.kf, title="Budget i balans"
    )
    return GoalFactory(
        level=model.levels.get(key="namndmal"),
        owner=org.namnd_a,
        parent=kf_goal,
        title="Nämndens resultat i balans",
    )


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


def save(actor, goal, period, **fields):
    fields.setdefault("unit", goal.owner)
    fields.setdefault("status", "partly")
    fields.setdefault("analysis", "Underskott inom hemtjänsten.")
    fields.setdefault("reason", "Tertial 1")
    return assessment_save(actor=actor, goal=goal, period=period, **fields)


def test_editor_assesses_their_goal(goal, period, editor_a):
    assessment = save(editor_a, goal, period)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.analysis, assessment.version) == (
        "partly",
        "Underskott inom hemtjänsten.",
        1,
    )
    record = assessment.history.get()
    assert (record.history_user, record.history_change_reason) == (editor_a, "Tertial 1")


def test_saving_again_bumps_the_version(goal, period, editor_a):
    first = save(editor_a, goal, period)
    second = save(editor_a, goal, period, status="met", expected_version=first.version)
    assert second.pk == first.pk
    assert second.version == 2
    assert Assessment.objects.get().status == "met"


def test_editor_of_another_committee_cannot_assess(goal, period, editor_b):
    with pytest.raises(PermissionDenied):
        save(editor_b, goal, period)
    assert not Assessment.objects.exists()


def test_politician_cannot_assess(goal, period, politician):
    with pytest.raises(PermissionDenied):
        save(politician, goal, period)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("analysis", ["", "   "])
def test_not_met_without_analysis_is_refused(goal, period, editor_a, analysis):
    with pytest.raises(ValidationError) as caught:
        save(editor_a, goal, period, status="not_met", analysis=analysis)
    assert set(caught.value.error_dict) == {"analysis"}
    assert not Assessment.objects.exists()


def test_not_met_with_analysis_is_saved(goal, period, editor_a):
    save(editor_a, goal, period, status="not_met", analysis="Färre platser än planerat.")
    assert Assessment.objects.get().status == "not_met"


@pytest.mark.parametrize("state", ["planned", "closed"])
def test_period_that_is_not_open_is_refused(goal, editor_a, state):
    period = ReportingPeriodFactory(state=state)
    with pytest.raises(PermissionDenied):
        save(editor_a, goal, period)
    assert not Assessment.objects.exists()


def test_reason_is_required(goal, period, editor_a):
    with pytest.raises(ValidationError) as caught:
        save(editor_a, goal, period, reason="")
    assert set(caught.value.error_dict) == {"reason"}
    assert not Assessment.objects.exists()


def test_second_of_two_saves_from_the_same_version_is_stale(org, goal, period, editor_a):
    colleague = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=colleague, role="redaktor", unit=org.namnd_a)
    opened = save(editor_a, goal, period, status="partly", analysis="Första utkast.")
    assert opened.version == 1

    save(colleague, goal, period, status="met", analysis="Karins text.", expected_version=1)
    with translation.override("en"), pytest.raises(StaleEdit) as caught:
        save(editor_a, goal, period, status="not_met", analysis="Min text.", expected_version=1)

    assert caught.value.messages[0].startswith("Karin Ek saved this at ")
    assert "after you opened it. Nothing of yours was saved" in caught.value.messages[0]
    assert caught.value.current.analysis == "Karins text."
    kept = Assessment.objects.get()
    assert (kept.status, kept.analysis, kept.version) == ("met", "Karins text.", 2)
    assert kept.history.count() == 2


def test_stale_edit_is_a_validation_error(goal, period, editor_a):
    save(editor_a, goal, period)
    save(editor_a, goal, period, expected_version=1)
    with pytest.raises(ValidationError):
        save(editor_a, goal, period, expected_version=1)


def test_two_units_assess_the_same_goal_separately(org, goal, period, editor_a):
    save(editor_a, goal, period, unit=org.namnd_a, status="partly")
    save(editor_a, goal, period, unit=org.forvaltning_a, status="met")
    assert sorted(Assessment.objects.values_list("unit__short_name", "status")) == [
        ("FA", "met"),
        ("NA", "partly"),
    ]


def test_unknown_status_is_refused(goal, period, editor_a):
    with pytest.raises(ValidationError) as caught:
        save(editor_a, goal, period, status="kanske")
    assert set(caught.value.error_dict) == {"status"}
    assert not Assessment.objects.exists()
