"""Who reads a unit's follow-up of a period (apps/followup/access.py), branch by branch, and
the åtgärdsplan page that follows the same rule."""

from __future__ import annotations

import pytest

from apps.accounts.access import access_for
from apps.followup.access import can_read_action_plan, can_read_followup, readable_followup
from apps.followup.models import ActionPlan, Assessment
from apps.goals.services import steering_model_load_preset
from apps.periods.models import ReportingPeriod
from tests.factories import AssessmentFactory, GoalFactory, ReportingPeriodFactory


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


def close(period) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
    period.refresh_from_db()


class TestCanReadFollowup:
    def test_outsider_reads_nothing_even_when_closed(self, org, outsider, period):
        close(period)
        assert not can_read_followup(access_for(outsider), org.namnd_a, period)

    def test_closed_period_is_every_readers(self, org, politician, period):
        close(period)
        assert can_read_followup(access_for(politician), org.namnd_a, period)
        assert can_read_followup(access_for(politician), None, period)

    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_ekonom_and_admin_read_an_open_period_everywhere(self, request, org, persona, period):
        access = access_for(request.getfixturevalue(persona))
        assert can_read_followup(access, org.namnd_b, period)
        assert can_read_followup(access, None, period)  # kommun-wide figures

    def test_editor_reads_their_units_and_those_below(self, org, editor_a, period):
        access = access_for(editor_a)
        assert can_read_followup(access, org.namnd_a, period)
        assert can_read_followup(access, org.enhet_a1, period)
        assert not can_read_followup(access, org.namnd_b, period)
        assert not can_read_followup(access, org.kf, period)  # above: not theirs
        assert not can_read_followup(access, None, period)

    def test_politician_does_not_read_an_open_period(self, org, politician, period):
        assert not can_read_followup(access_for(politician), org.namnd_a, period)

    def test_a_planned_period_is_not_closed(self, org, politician):
        planned = ReportingPeriodFactory(name="Tertial 2", kind="tertial2", state="planned")
        assert not can_read_followup(access_for(politician), org.namnd_a, planned)


class TestReadableFollowupAsAFilter:
    """The filter agrees with ``can_read_followup`` for every persona and row."""

    @pytest.mark.parametrize(
        "persona", ["politician", "editor_a", "editor_b", "economist", "admin_user", "outsider"]
    )
    def test_agrees_with_the_rule(self, request, org, period, persona):
        model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
        closed = ReportingPeriodFactory(year=2025, state="open")
        for unit in (org.namnd_a, org.enhet_a1, org.namnd_b):
            goal = GoalFactory(owner=unit, level=model.levels.get(key="namndmal"))
            AssessmentFactory(goal=goal, period=period)
            AssessmentFactory(goal=goal, period=closed)
        close(closed)
        access = access_for(request.getfixturevalue(persona))
        rows = Assessment.objects.select_related("unit", "period")
        expected = {a.pk for a in rows if can_read_followup(access, a.unit, a.period)}
        assert set(rows.filter(readable_followup(access)).values_list("pk", flat=True)) == (
            expected
        )


@pytest.fixture
def plan(org, period):
    return ActionPlan.objects.create(
        unit=org.namnd_a, period=period, cause="deficit", description="Underskott i hemtjänsten"
    )


class TestActionPlanPage:
    def url(self, plan) -> str:
        return f"/uppfoljning/atgardsplan/{plan.pk}/"

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("politician", 403), ("editor_b", 403), ("outsider", 403), ("editor_a", 200),
         ("economist", 200), ("admin_user", 200)],
    )  # fmt: skip
    def test_a_plan_raised_in_an_open_period(self, request, client, plan, persona, status):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(self.url(plan)).status_code == status

    def test_every_reader_once_the_period_is_closed(self, client, plan, politician, period):
        close(period)
        client.force_login(politician)
        assert client.get(self.url(plan)).status_code == 200

    def test_a_decided_plan_is_every_readers(self, client, org, plan, politician):
        plan.decided_on = plan.period.ends_on
        plan.decided_by = org.namnd_a
        plan.save()
        assert can_read_action_plan(access_for(politician), plan)
        client.force_login(politician)
        assert client.get(self.url(plan)).status_code == 200

    @pytest.mark.parametrize(
        ("persona", "shown"),
        [("politician", False), ("editor_b", False), ("editor_a", True), ("economist", True)],
    )
    def test_the_breadcrumb_links_the_units_follow_up_for_whoever_may_open_it(
        self, request, client, org, plan, persona, shown
    ):
        plan.decided_on = plan.period.ends_on
        plan.decided_by = org.namnd_a
        plan.save()
        entry = f"/uppfoljning/{plan.period.pk}/enhet/{org.namnd_a.pk}/"
        client.force_login(request.getfixturevalue(persona))
        assert (f'href="{entry}"' in client.get(self.url(plan)).content.decode()) is shown
        assert client.get(entry).status_code == (200 if shown else 403)
