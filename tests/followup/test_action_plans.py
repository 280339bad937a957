"""Åtgärdsplaner: raised when a goal is reported ej uppfyllt, decided by the nämnd,
measures followed up in later periods; a closed period's follow-up stays read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.followup import services
from apps.followup.models import ActionPlan, MeasureFollowup
from apps.goals.services import steering_model_load_preset
from apps.periods.services import period_set_state
from tests.factories import AssessmentFactory, GoalFactory, ReportingPeriodFactory


@pytest.fixture
def setup(org, editor_a):
    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    goal = GoalFactory(owner=org.namnd_a, level=model.levels.get(key="namndmal"))
    period = ReportingPeriodFactory(state="open")
    AssessmentFactory(goal=goal, period=period, unit=org.namnd_a, status="not_met",
                      analysis="Färre behöriga.")  # fmt: skip
    return goal, period


def raise_plan(editor, org, goal, period) -> ActionPlan:
    return services.action_plan_create(
        actor=editor, unit=org.namnd_a, period=period, goal=goal, cause="goal_not_met",
        description="Färre behöriga.", reason="Ej uppfyllt",
    )  # fmt: skip


def test_a_plan_follows_an_assessment_of_not_met(editor_a, org, setup):
    goal, period = setup
    plan = raise_plan(editor_a, org, goal, period)
    assert plan.history.first().history_user == editor_a
    other = GoalFactory(owner=org.namnd_a, level=goal.level)
    with pytest.raises(ValidationError) as error:
        raise_plan(editor_a, org, other, period)
    assert "goal" in error.value.message_dict


def test_another_nämnds_editor_cannot_raise_or_add(editor_a, editor_b, org, setup):
    goal, period = setup
    with pytest.raises(PermissionDenied):
        raise_plan(editor_b, org, goal, period)
    plan = raise_plan(editor_a, org, goal, period)
    with pytest.raises(PermissionDenied):
        services.measure_add(actor=editor_b, action_plan=plan, what="x", who="y",
                             due_on=dt.date(2026, 12, 1), reason="x")  # fmt: skip
    assert not plan.measures.exists()


def test_decided_with_measures_by_the_nämnd_then_fixed(editor_a, org, setup):
    goal, period = setup
    plan = raise_plan(editor_a, org, goal, period)
    with pytest.raises(ValidationError):
        services.action_plan_decide(
            actor=editor_a,
            action_plan=plan,
            decided_on=dt.date(2026, 10, 20),
            paragraph="§ 77",
            reason="x",
        )
    services.measure_add(actor=editor_a, action_plan=plan, what="Extra lästräning", who="Rektor",
                         due_on=dt.date(2026, 12, 15), reason="Ny åtgärd")  # fmt: skip
    services.action_plan_decide(actor=editor_a, action_plan=plan,
                                decided_on=dt.date(2026, 10, 20), paragraph="§ 77",
                                reason="Nämndbeslut")  # fmt: skip
    plan.refresh_from_db()
    assert (plan.decided_on, plan.paragraph, plan.decided_by) == (
        dt.date(2026, 10, 20),
        "§ 77",
        org.namnd_a,
    )
    with pytest.raises(ValidationError):
        services.measure_add(actor=editor_a, action_plan=plan, what="Sent", who="x",
                             due_on=dt.date(2026, 12, 1), reason="x")  # fmt: skip
    assert plan.measures.count() == 1


def test_measures_are_followed_up_in_open_periods_only(editor_a, economist, org, setup):
    goal, period = setup
    plan = raise_plan(editor_a, org, goal, period)
    measure = services.measure_add(
        actor=editor_a,
        action_plan=plan,
        what="Extra lästräning",
        who="Rektor",
        due_on=dt.date(2026, 12, 15),
        reason="x",
    )
    services.measure_follow_up(actor=editor_a, measure=measure, period=period, status="started",
                               comment="Igång", reason="Uppföljning")  # fmt: skip
    period_set_state(actor=economist, period=period, state="closed", reason="Perioden stängs")
    with pytest.raises(PermissionDenied):
        services.measure_follow_up(actor=editor_a, measure=measure, period=period,
                                   status="done", comment="Klar", reason="x")  # fmt: skip
    assert MeasureFollowup.objects.get().status == "started"


def test_the_page_raises_a_plan_from_the_follow_up(client, editor_a, org, setup):
    goal, period = setup
    client.force_login(editor_a)
    response = client.post(f"/uppfoljning/{period.pk}/enhet/{org.namnd_a.pk}/",
                           {"action": f"actionplan-{goal.pk}"})  # fmt: skip
    plan = ActionPlan.objects.get()
    assert response["Location"] == f"/uppfoljning/atgardsplan/{plan.pk}/"
    assert plan.description == "Färre behöriga."
    page = client.get(f"/uppfoljning/atgardsplan/{plan.pk}/").content.decode()
    assert "Lägg till en åtgärd" in page
