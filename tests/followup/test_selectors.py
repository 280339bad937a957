"""What the follow-up reads: a unit's goals and indicators in a period, the units that report,
the ekonom's overview and each editor's to-do list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from apps.accounts.access import access_for
from apps.followup import selectors
from apps.followup.models import UnitCompletion
from apps.goals.models import SteeringModel
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    RoleAssignmentFactory,
)
from tests.goals import conftest as goal_fixtures
from tests.goals.builders import level, periods

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain


@pytest.fixture
def tertials(db):
    """Tertial 1 2026 (closed) and Tertial 2 2026 (open); last year's bokslut (closed)."""
    _bokslut, tertial1, tertial2 = periods()
    return tertial1, tertial2


@pytest.fixture
def closed(tertials):
    return tertials[0]


@pytest.fixture
def period(tertials):
    return tertials[1]


class TestUnitFollowup:
    def test_a_namnd_reports_its_own_goals_and_the_kf_goals_above_them(self, org, chain, period):
        data = selectors.unit_followup(unit=org.namnd_a, period=period)

        # Not the vision (not measurable), not Nämnd B's goal, not the förvaltning's.
        assert [(e.goal, e.contributes) for e in data.goals] == [
            (chain.school, True),
            (chain.reading, False),
        ]
        assert (data.unit, data.period) == (org.namnd_a, period)

    def test_a_forvaltning_reports_its_goal_and_only_kf_goals_above_it(self, org, chain, period):
        data = selectors.unit_followup(unit=org.forvaltning_a, period=period)
        # The nämndmål in between is decided by the nämnd, not by KF.
        assert [e.goal for e in data.goals] == [chain.school, chain.reading_unit]

    def test_a_unit_without_goals_reports_nothing(self, org, chain, period):
        data = selectors.unit_followup(unit=org.enhet_a1, period=period)
        assert (data.goals, data.indicators, data.completion) == ([], [], None)

    def test_retired_goals_and_goals_of_other_years_are_left_out(
        self, org, vimmerby, chain, period
    ):
        namndmal = level(vimmerby, "namndmal")
        GoalFactory(level=namndmal, owner=org.namnd_a, parent=chain.school, title="Pensionerat",
                    retired_on=dt.date(2026, 3, 1))  # fmt: skip
        GoalFactory(level=namndmal, owner=org.namnd_a, parent=chain.school, title="Gammalt",
                    first_year=2024, last_year=2025)  # fmt: skip
        GoalFactory(level=namndmal, owner=org.namnd_a, parent=chain.school, title="Framtida",
                    first_year=2027)  # fmt: skip

        data = selectors.unit_followup(unit=org.namnd_a, period=period)
        assert [e.goal for e in data.goals] == [chain.school, chain.reading]

    def test_only_the_units_assessments_in_the_period_are_attached(
        self, org, chain, closed, period
    ):
        own = AssessmentFactory(goal=chain.reading, period=period, status="partly")
        contribution = AssessmentFactory(goal=chain.school, period=period, unit=org.namnd_a)
        AssessmentFactory(goal=chain.school, period=period, unit=org.namnd_b)  # another unit
        AssessmentFactory(goal=chain.school, period=period)  # KF's own
        AssessmentFactory(goal=chain.reading, period=closed)  # another period

        data = selectors.unit_followup(unit=org.namnd_a, period=period)
        assert [e.assessment for e in data.goals] == [contribution, own]
        # "X av Y" counts the unit's own goals; a contribution to a KF goal is not required.
        assert (data.progress.reported, data.progress.required) == (1, 1)

    def test_an_indicator_shared_by_two_goals_is_entered_once(self, org, vimmerby, chain, period):
        second = GoalFactory(
            level=level(vimmerby, "namndmal"), owner=org.namnd_a, parent=chain.school
        )
        shared = IndicatorFactory(title="B: delad")
        only_second = IndicatorFactory(title="A: egen")
        GoalIndicatorFactory(goal=chain.reading, indicator=shared)
        GoalIndicatorFactory(goal=second, indicator=shared)
        GoalIndicatorFactory(goal=second, indicator=only_second)
        GoalIndicatorFactory(goal=chain.reading, indicator__title="C: förra året", year=2025)
        GoalIndicatorFactory(goal=chain.school, indicator__title="D: KF:s")
        GoalIndicatorFactory(goal=chain.waiting, indicator__title="E: Nämnd B:s")

        data = selectors.unit_followup(unit=org.namnd_a, period=period)
        assert [(e.link.indicator, e.link.goal) for e in data.indicators] == [
            (only_second, second),
            (shared, chain.reading),  # the first goal in the tree measured by it
        ]

    def test_only_the_units_values_in_the_period_are_attached(self, org, chain, closed, period):
        indicator = GoalIndicatorFactory(goal=chain.reading).indicator
        value = IndicatorValueFactory(
            indicator=indicator, period=period, unit=org.namnd_a, total=Decimal(3)
        )
        IndicatorValueFactory(indicator=indicator, period=period, unit=None, total=Decimal(9))
        IndicatorValueFactory(indicator=indicator, period=period, unit=org.namnd_b, total=1)
        IndicatorValueFactory(indicator=indicator, period=closed, unit=org.namnd_a, total=2)

        [entry] = selectors.unit_followup(unit=org.namnd_a, period=period).indicators
        assert entry.value == value

    def test_the_done_mark_is_the_units_own_in_the_period(
        self, org, chain, editor_a, editor_b, period
    ):
        UnitCompletion.objects.create(unit=org.namnd_b, period=period, marked_by=editor_b)
        assert selectors.unit_followup(unit=org.namnd_a, period=period).completion is None
        mark = UnitCompletion.objects.create(unit=org.namnd_a, period=period, marked_by=editor_a)
        assert selectors.unit_followup(unit=org.namnd_a, period=period).completion == mark

    def test_without_an_active_steering_model_there_is_nothing_to_report(self, org, chain, period):
        SteeringModel.objects.update(is_active=False)
        assert selectors.unit_followup(unit=org.namnd_a, period=period).goals == []
        assert selectors.reporting_units(period) == []


class TestReportingUnits:
    def test_every_unit_that_owns_goals_with_its_goal_and_assessment_counts(
        self, org, vimmerby, chain, closed, period
    ):
        GoalFactory(level=level(vimmerby, "namndmal"), owner=org.namnd_a, parent=chain.school)
        AssessmentFactory(goal=chain.reading, period=period)
        AssessmentFactory(goal=chain.waiting, period=closed)  # another period
        AssessmentFactory(goal=chain.school, period=period, unit=org.namnd_a)  # a contribution

        assert selectors.reporting_units(period) == [
            (org.kf, 3, 0),  # the three KF goals; the vision is not assessed
            (org.namnd_a, 2, 1),
            (org.forvaltning_a, 1, 0),
            (org.namnd_b, 1, 0),
        ]

    def test_retired_goals_are_not_counted(self, org, vimmerby, chain, period):
        GoalFactory(level=level(vimmerby, "namndmal"), owner=org.namnd_b, parent=chain.elderly,
                    retired_on=dt.date(2026, 2, 1))  # fmt: skip
        assert (org.namnd_b, 1, 0) in selectors.reporting_units(period)

    def test_the_overview_attaches_each_units_done_mark(self, org, chain, editor_a, period):
        mark = UnitCompletion.objects.create(unit=org.namnd_a, period=period, marked_by=editor_a)
        rows = {row.unit: row for row in selectors.period_overview(period)}
        assert rows[org.namnd_a].completion == mark
        assert rows[org.namnd_b].completion is None
        assert (rows[org.namnd_a].goals, rows[org.namnd_a].assessed) == (1, 0)


class TestTodo:
    def test_an_editor_has_the_units_of_their_subtree_in_each_open_period(
        self, org, chain, editor_a, closed, period
    ):
        items = selectors.todo_for(access_for(editor_a))
        assert [(i.period, i.unit, i.goals, i.missing, i.done) for i in items] == [
            (period, org.namnd_a, 1, 1, False),
            (period, org.forvaltning_a, 1, 1, False),
        ]

    def test_earliest_deadline_first_with_the_done_mark_per_period(
        self, org, chain, editor_b, period
    ):
        earlier = ReportingPeriodFactory(
            kind="other",
            name="Delårsrapport",
            ends_on=dt.date(2026, 6, 30),
            deadline=dt.date(2026, 7, 15),
        )
        ReportingPeriodFactory(year=2027, state="planned")
        UnitCompletion.objects.create(unit=org.namnd_b, period=earlier, marked_by=editor_b)
        AssessmentFactory(goal=chain.waiting, period=period)

        items = selectors.todo_for(access_for(editor_b))
        assert [(i.period, i.unit, i.assessed, i.missing, i.done) for i in items] == [
            (earlier, org.namnd_b, 0, 1, True),
            (period, org.namnd_b, 1, 0, False),
        ]

    @pytest.mark.parametrize("persona", ["politician", "economist", "outsider"])
    def test_those_who_do_not_write_have_nothing_to_do(self, request, chain, period, persona):
        assert selectors.todo_for(access_for(request.getfixturevalue(persona))) == []

    def test_an_administrator_has_only_the_units_they_are_editor_of(
        self, org, chain, admin_user, period
    ):
        assert selectors.todo_for(access_for(admin_user)) == []
        RoleAssignmentFactory(user=admin_user, role="redaktor", unit=org.namnd_b)
        fresh = type(admin_user).objects.get(pk=admin_user.pk)
        assert [i.unit for i in selectors.todo_for(access_for(fresh))] == [org.namnd_b]
