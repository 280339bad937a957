"""``seed_demo --model vadstena`` (seed 002): the yearly cycle of Vadstena's styrmodell on its
demo — no vision and no nämndmål; the grunduppdrag and the local political uppdrag, each
with its sustainability aspects and indicators, are followed up every period and reach the
to-do list, the follow-up and the delårsrapport and årsredovisning read back as text."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.accounts.access import access_for
from apps.accounts.models import User
from apps.demo.models import vadstena_data
from apps.followup import selectors as followup_selectors
from apps.goals.models import (
    AssignmentIndicator,
    BasicMission,
    Goal,
    MissionIndicator,
    SteeringModel,
)
from apps.organisation.models import Unit
from apps.periods.models import PeriodState
from apps.plans.models import Plan, PlanState
from tests.demo.model_demos import history_counts, text_of
from tests.invariants.kommun import Kommun, built_once

pytestmark = pytest.mark.django_db

CLOSED = ["2025-tertial1", "2025-tertial2", "2025-bokslut", "2026-tertial1"]


def seed(model: str = "vadstena") -> str:
    out = StringIO()
    call_command("seed_demo", "--model", model, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Exempelkommun (Vadstenamodellen)", seed) as built:
        built.committee = "7000"
        yield built


# --- Configure ---------------------------------------------------------------------------


def test_the_kommun_runs_vadstenas_model(kommun: Kommun):
    model = SteeringModel.objects.get(is_active=True)
    assert model.key == "vadstena"
    assert not model.uses_committee_goals
    assert model.follows_up_basic_missions and model.follows_up_assignments
    assert model.uses_sustainability_aspects
    assert list(model.levels.values_list("decided_by", flat=True)) == ["kf"]
    assert set(model.perspectives.values_list("key", flat=True)) == {
        "ekonomisk",
        "ekologisk",
        "social",
    }


def test_no_vision_and_no_namndmal_only_kfs_politiska_inriktningar(kommun: Kommun):
    goals = list(Goal.objects.select_related("owner", "perspective", "level"))
    assert {g.level.key for g in goals} == {"politisk-inriktning"}
    assert {g.owner.kind for g in goals} == {"kf"}
    assert {(g.first_year, g.last_year) for g in goals} == {(2023, 2026)}
    assert {g.perspective.key for g in goals} == {"ekonomisk", "ekologisk", "social"}


def test_each_grunduppdrag_has_a_title_its_reglemente_aspects_and_indicators(kommun: Kommun):
    missions = list(BasicMission.objects.prefetch_related("tags").select_related("unit"))
    assert len(missions) == len(vadstena_data.MISSIONS)
    for mission in missions:
        assert mission.title and len(mission.title) <= 40
        assert mission.source.startswith("Reglemente för")
        aspects = [t for t in mission.tags.all() if t.kind == "hallbarhet"]
        assert 1 <= len(aspects) <= 3, mission
        for year in (2025, 2026):
            links = MissionIndicator.objects.filter(basic_mission=mission, year=year)
            assert 1 <= links.count() <= 2, (mission, year)
    holders = {m.unit.kind for m in missions}
    assert holders <= {"ks", "namnd"}
    assert Unit.objects.filter(kind="namnd", basic_missions__isnull=False).distinct().count() >= 6


def test_local_political_uppdrag_with_aspects_and_an_indicator_some_under_no_goal(kommun):
    from apps.goals.models import Assignment

    assignments = list(Assignment.objects.prefetch_related("tags").select_related("given_by"))
    assert len(assignments) == len(vadstena_data.ASSIGNMENTS)
    assert {a.given_by.kind for a in assignments} == {"kf"}
    assert any(a.goal_id is None for a in assignments)
    assert any(a.goal_id is not None for a in assignments)
    for assignment in assignments:
        assert any(t.kind == "hallbarhet" for t in assignment.tags.all()), assignment
        assert AssignmentIndicator.objects.filter(assignment=assignment).exists(), assignment


def test_a_ks_dialogue_about_a_grunduppdrag_led_to_an_uppdrag(kommun: Kommun):
    from apps.trust.models import TrustDialogue

    dialogue = TrustDialogue.objects.get(kind="oversight")
    assert {u.ansvarskod for u in dialogue.units.all()} == {"1000", "4000"}
    assert [a.title for a in dialogue.assignments.all()] == ["Utreda ett kulturhus vid torget"]


# --- Plan ------------------------------------------------------------------------------------


def test_the_plans_of_2026_are_decided_without_namndmal(kommun: Kommun):
    plans = list(Plan.objects.filter(year=2026).prefetch_related("activities__goal__level"))
    assert len(plans) >= 3
    for plan in plans:
        assert plan.state == PlanState.DECIDED
        for activity in plan.activities.all():
            assert activity.goal is None or activity.goal.level.key == "politisk-inriktning"


# --- Follow up -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", CLOSED)
def test_every_grunduppdrag_is_followed_up_in_a_closed_period(kommun: Kommun, key: str):
    period = kommun.period(key)
    assert period.state == PeriodState.CLOSED
    followups = followup_selectors.mission_followups(period=period)
    assert len(followups) == len(vadstena_data.MISSIONS)
    assert [f.title for f in followups if not f.reported] == []
    for followup in followups:
        assert followup.assessment.analysis
        assert followup.indicators, followup.title
        assert all(line.value is not None for line in followup.indicators)


@pytest.mark.parametrize("key", CLOSED)
def test_every_uppdrag_is_reported_in_a_closed_period(kommun: Kommun, key: str):
    followups = followup_selectors.assignment_followups(period=kommun.period(key))
    assert followups
    assert [(f.assignment.title, f.unit.name) for f in followups if not f.reported] == []


@pytest.mark.parametrize("key", CLOSED)
def test_every_unit_is_done_in_a_closed_period(kommun: Kommun, key: str):
    progress = followup_selectors.followup_progress(period=kommun.period(key))
    assert [p.unit.name for p in progress.values() if not p.complete] == []
    namnder = Unit.objects.filter(kind="namnd", basic_missions__isnull=False).distinct()
    assert {u.pk for u in namnder} <= set(progress)


def test_a_namnd_editor_has_grunduppdrag_to_follow_up_in_the_open_period(kommun: Kommun):
    assert kommun.period("2026-tertial2").state == PeriodState.OPEN
    editor = User.objects.get(username="redaktor")  # Barn- och utbildningsnämnden
    open_items = [item for item in followup_selectors.todo_for(access_for(editor)) if not item.done]
    assert open_items, "the to-do list says there is nothing to report"
    assert {item.unit.ansvarskod for item in open_items} == {"2000"}
    assert sum(item.progress.required for item in open_items) >= 2


# --- Report ----------------------------------------------------------------------------------

# A grunduppdrag's analysis and an uppdrag's återrapport as the demo wrote them. Both are
# printed in table cells, whose lines the PDF's text interleaves with the other columns':
# their words are matched as far as they share a line.
MISSION_ANALYSIS = "Matsvinnet har halverats"  # "… sedan mätningarna började."
ASSIGNMENT_REPORT = "Upphandlingen"  # "… är klar och de första sex platserna är byggda."


@pytest.mark.parametrize("key", ["2025-tertial2", "2025-bokslut"])
@pytest.mark.parametrize("expected", [MISSION_ANALYSIS, ASSIGNMENT_REPORT, "Ekologisk"])
def test_the_report_to_kf_carries_the_grunduppdrag_and_uppdrag(kommun: Kommun, key, expected):
    text = text_of(kommun.pdf_text(key))
    assert expected in text
    assert "<p>" not in text


# --- Idempotent, and one model per database --------------------------------------------------


def test_a_second_run_changes_nothing(kommun: Kommun):
    before = history_counts()
    seed()
    assert history_counts() == before


def test_another_models_demo_is_refused(kommun: Kommun):
    with pytest.raises(CommandError, match="Vadstenamodellen"):
        seed("ale")
    with pytest.raises(CommandError, match="Vadstenamodellen"):
        call_command("seed_demo", stdout=StringIO())  # Vimmerby's, the default
