"""Dates outside the period: a measure is due after the period it answers, and the nämnd
decides the åtgärdsplan after that period and not in the future; the message names the date
at the field, and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from apps.followup import services
from apps.followup.models import ActionPlan, Measure
from styrmodell.lib.formats import format_date
from tests.followup.test_action_plans import raise_plan, setup  # noqa: F401  (fixture)


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def plan(editor_a, org, setup) -> ActionPlan:  # noqa: F811
    goal, period = setup
    return raise_plan(editor_a, org, goal, period)


def add(editor, plan, due_on) -> Measure:
    return services.measure_add(actor=editor, action_plan=plan, what="Läsombud", who="Rektor",
                                due_on=due_on, reason="Ny åtgärd")  # fmt: skip


class TestMeasureDates:
    def test_due_within_the_period_is_refused_at_the_field(self, editor_a, plan):
        with translation.override("sv"), pytest.raises(ValidationError) as caught:
            add(editor_a, plan, plan.period.ends_on)
        assert caught.value.message_dict["due_on"] == [
            t("A measure is due after the period it answers, which ends %(date)s.")
            % {"date": format_date(plan.period.ends_on)}
        ]
        assert not plan.measures.exists()

    def test_due_the_day_after_is_accepted(self, editor_a, plan):
        add(editor_a, plan, plan.period.ends_on + dt.timedelta(days=1))
        assert plan.measures.count() == 1

    def test_the_page_shows_it_at_the_field(self, client, editor_a, plan):
        client.force_login(editor_a)
        response = client.post(
            f"/uppfoljning/atgardsplan/{plan.pk}/",
            {"action": "measure", "m-what": "Läsombud", "m-who": "Rektor",
             "m-due_on": "2026-03-01"},
        )  # fmt: skip
        assert response.status_code == 200
        assert response.context["measure_form"].errors["due_on"]
        assert not plan.measures.exists()


class TestDecisionDates:
    @pytest.fixture
    def with_measure(self, editor_a, plan) -> ActionPlan:
        add(editor_a, plan, dt.date(2026, 12, 1))
        return plan

    def decide(self, editor, plan, day):
        return services.action_plan_decide(actor=editor, action_plan=plan, decided_on=day,
                                           paragraph="§ 12", reason="Nämndens beslut")  # fmt: skip

    def test_a_decision_before_the_period_ended_is_refused(self, editor_a, with_measure):
        with pytest.raises(ValidationError) as caught:
            self.decide(editor_a, with_measure, with_measure.period.ends_on - dt.timedelta(days=1))
        assert set(caught.value.message_dict) == {"decided_on"}
        with_measure.refresh_from_db()
        assert with_measure.decided_on is None

    def test_a_decision_in_the_future_is_refused(self, editor_a, with_measure):
        with translation.override("sv"), pytest.raises(ValidationError) as caught:
            self.decide(editor_a, with_measure, timezone.localdate() + dt.timedelta(days=1))
        assert caught.value.message_dict["decided_on"] == [
            t("A decision date cannot be in the future.")
        ]

    def test_today_is_fine(self, editor_a, with_measure):
        self.decide(editor_a, with_measure, timezone.localdate())
        with_measure.refresh_from_db()
        assert with_measure.decided_on == timezone.localdate()
