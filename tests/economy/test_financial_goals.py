"""Financial goals computed from the key figures: the link, the status rules, and the
assessment written from them. The goal is KF's finansiella mål "Resultat två procent" of the
chain in tests/goals/conftest.py; the figures are those of ``example_year`` (Tertial 1 2026:
result 10,22 % of tax revenue and grants in the full-year forecast, 34,67 % to date)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.economy import keyfigures
from apps.economy.models import FinancialGoalLink
from apps.economy.services import financial as services
from apps.followup.models import Assessment
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_percent
from tests.economy.factories import FinancialGoalLinkFactory, example_year, kommun_bas_chart
from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


@pytest.fixture
def goal(chain):
    return chain.finance


@pytest.fixture
def kf_economist(economist, org):
    """The ekonom, also editor for KF so that it may write KF's assessments."""
    RoleAssignmentFactory(user=economist, role="redaktor", unit=org.kf)
    return economist


def statuses(period) -> dict:
    return {
        s.goal.pk: s for s in keyfigures.financial_goal_statuses(keyfigures.key_figures(period))
    }


class TestStatus:
    @pytest.mark.parametrize(
        ("comparison", "threshold", "expected"),
        [
            ("gte", "2.00", "met"),
            ("gte", "10.22", "met"),  # the figure as shown meets the threshold
            ("gte", "10.23", "not_met"),
            ("lte", "10.22", "met"),
            ("lte", "5", "not_met"),
        ],
    )
    def test_the_full_year_forecast_is_compared_with_the_threshold(
        self, period, goal, comparison, threshold, expected
    ):
        FinancialGoalLinkFactory(goal=goal, comparison=comparison, threshold=Decimal(threshold))
        status = statuses(period)[goal.pk]
        assert status.value == Decimal("10.22")
        assert not status.is_outcome
        assert status.status == expected

    def test_a_figure_that_cannot_be_computed_is_not_assessed(self, org, goal):
        kommun_bas_chart()
        period = ReportingPeriodFactory()
        FinancialGoalLinkFactory(goal=goal)
        status = statuses(period)[goal.pk]
        assert status.value is None
        assert status.status == "not_assessed"
        assert "2026" in status.missing

    def test_the_year_end_is_judged_on_the_outcome(self, period, goal):
        bokslut = ReportingPeriodFactory(
            kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31),
            deadline=dt.date(2027, 2, 15),
        )  # fmt: skip
        FinancialGoalLinkFactory(goal=goal, figure="result", threshold=Decimal(30_000_000))
        status = statuses(bokslut)[goal.pk]
        assert status.is_outcome
        assert status.value == Decimal(27_000_000)
        assert status.status == "not_met"

    def test_goals_that_ended_before_the_year_are_left_out(self, period, goal):
        FinancialGoalLinkFactory(goal=goal)
        type(goal).objects.filter(pk=goal.pk).update(last_year=2025)
        assert statuses(period) == {}


class TestLink:
    def test_the_economist_links_a_financial_goal(self, period, goal, economist):
        link = services.financial_goal_link_set(
            actor=economist, goal=goal, figure="result_share", comparison="gte",
            threshold=Decimal("2.00"), reason="Mål i budget 2026",
        )  # fmt: skip
        assert link.history.first().history_user == economist
        assert link.history.first().history_change_reason == "Mål i budget 2026"
        services.financial_goal_link_set(
            actor=economist, goal=goal, figure="result_share", comparison="gte",
            threshold=Decimal("2.50"), reason="Skärpt mål",
        )  # fmt: skip
        assert FinancialGoalLink.objects.get().threshold == Decimal("2.50")

    def test_an_administrator_may_link_too(self, period, goal, admin_user):
        services.financial_goal_link_set(
            actor=admin_user, goal=goal, figure="result", comparison="gte",
            threshold=Decimal(0), reason="Balanskravet",
        )  # fmt: skip
        assert FinancialGoalLink.objects.filter(goal=goal).exists()

    @pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider"])
    def test_others_may_not(self, request, period, goal, persona):
        with pytest.raises(PermissionDenied):
            services.financial_goal_link_set(
                actor=request.getfixturevalue(persona), goal=goal, figure="result",
                comparison="gte", threshold=Decimal(0), reason="Försök",
            )  # fmt: skip
        assert not FinancialGoalLink.objects.exists()

    def test_only_financial_goals_are_linked(self, period, chain, economist):
        with pytest.raises(ValidationError) as refused:
            services.financial_goal_link_set(
                actor=economist, goal=chain.school, figure="result", comparison="gte",
                threshold=Decimal(0), reason="Fel mål",
            )  # fmt: skip
        assert "goal" in refused.value.message_dict

    def test_a_reason_is_required(self, period, goal, economist):
        with pytest.raises(ValidationError) as refused:
            services.financial_goal_link_set(
                actor=economist, goal=goal, figure="result", comparison="gte",
                threshold=Decimal(0), reason=" ",
            )  # fmt: skip
        assert "reason" in refused.value.message_dict


class TestAssessmentsUpdate:
    def test_writes_the_computed_status_as_the_owners_assessment(self, period, goal, admin_user):
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("2.00"))
        [written] = services.financial_goal_assessments_update(
            actor=admin_user, period=period, reason="Nyckeltal T1"
        )
        assessment = Assessment.objects.get(goal=goal, period=period)
        assert assessment == written
        assert assessment.unit == goal.owner
        assert assessment.status == "met"
        assert format_percent(Decimal("10.22")) in assessment.analysis  # "10,2 %"
        assert format_percent(Decimal(2)) in assessment.analysis  # "2,0 %"
        assert assessment.history.first().history_user == admin_user
        assert assessment.history.first().history_change_reason == "Nyckeltal T1"

    def test_a_second_run_updates_the_same_assessment(self, period, goal, kf_economist):
        link = FinancialGoalLinkFactory(goal=goal, threshold=Decimal("2.00"))
        services.financial_goal_assessments_update(actor=kf_economist, period=period, reason="T1")
        link.threshold = Decimal(20)
        link.save()
        services.financial_goal_assessments_update(actor=kf_economist, period=period, reason="T1")
        assessment = Assessment.objects.get(goal=goal, period=period)
        assert (assessment.status, assessment.version) == ("not_met", 2)
        assert format_percent(Decimal(20)) in assessment.analysis

    def test_the_economy_department_assesses_the_financial_goals(self, period, goal, economist):
        """A financial goal's status is the ekonom's to write: no editor role on KF needed."""
        assert goal.level.is_financial
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("2.00"))
        services.financial_goal_assessments_update(actor=economist, period=period, reason="T1")
        assert Assessment.objects.get(goal=goal, period=period).status == "met"

    def test_a_linked_goal_on_another_level_takes_an_editor_of_its_owner(
        self, period, chain, economist
    ):
        """assessment_save's rights apply: outside the financial levels, the owner's editors."""
        other = chain.reading
        assert not other.level.is_financial
        FinancialGoalLinkFactory(goal=other)
        with pytest.raises(PermissionDenied) as refused:
            services.financial_goal_assessments_update(actor=economist, period=period, reason="T1")
        assert other.owner.name in str(refused.value)
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize("persona", ["editor_a", "politician"])
    def test_others_may_not_trigger_it(self, request, period, goal, persona):
        FinancialGoalLinkFactory(goal=goal)
        with pytest.raises(PermissionDenied):
            services.financial_goal_assessments_update(
                actor=request.getfixturevalue(persona), period=period, reason="T1"
            )
        assert not Assessment.objects.exists()

    def test_a_closed_period_is_refused(self, period, goal, admin_user):
        FinancialGoalLinkFactory(goal=goal)
        ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
        period.refresh_from_db()
        with pytest.raises(PermissionDenied):
            services.financial_goal_assessments_update(actor=admin_user, period=period, reason="T1")
        assert not Assessment.objects.exists()

    def test_a_goal_not_computable_is_written_as_not_assessed_with_the_reason(
        self, org, goal, admin_user
    ):
        kommun_bas_chart()
        period = ReportingPeriodFactory()
        FinancialGoalLinkFactory(goal=goal)
        services.financial_goal_assessments_update(actor=admin_user, period=period, reason="T1")
        assessment = Assessment.objects.get(goal=goal, period=period)
        assert assessment.status == "not_assessed"
        why = keyfigures.key_figures(period).assessed("result_share")[1]
        assert why and why in assessment.analysis


class TestGoalPage:
    def test_shows_the_computed_status(self, client, economist, period, goal):
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("12.00"))
        client.force_login(economist)  # tertial 1 is open: its forecasts are the ekonom's
        response = client.get(f"/mal/{goal.pk}/?ar=2026")
        assert response.status_code == 200
        financial = response.context["financial"]
        assert financial.status == "not_met"
        content = response.content.decode()
        assert 'id="financial-heading"' in content
        assert format_percent(Decimal("10.22")) in content
        assert f"/ekonomi/{period.pk}/nyckeltal/" in content

    def test_an_open_periods_forecast_status_is_not_the_politicians(
        self, client, politician, economist, period, goal
    ):
        """Before the year-end the status is judged on the nämnder's forecasts: an open
        period's are for ekonomer and administrators, so the politician's page shows the
        latest closed period's status, here none."""
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("12.00"))
        ReportingPeriod.objects.filter(pk=period.pk).update(state="open")
        client.force_login(politician)
        response = client.get(f"/mal/{goal.pk}/?ar=2026")
        assert response.context["financial"] is None
        client.force_login(economist)
        assert client.get(f"/mal/{goal.pk}/?ar=2026").context["financial"].status == "not_met"
        ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
        client.force_login(politician)
        assert client.get(f"/mal/{goal.pk}/?ar=2026").context["financial"].status == "not_met"

    def test_an_unlinked_goal_shows_nothing_computed(self, client, politician, period, goal):
        client.force_login(politician)
        response = client.get(f"/mal/{goal.pk}/?ar=2026")
        assert response.context["financial"] is None
        assert 'id="financial-heading"' not in response.content.decode()

    def test_the_linked_goal_page_runs_a_fixed_number_of_queries(
        self, client, economist, period, goal, org, django_assert_num_queries
    ):
        from tests.economy.factories import book_rows

        FinancialGoalLinkFactory(goal=goal)
        client.force_login(economist)  # tertial 1 is open: its forecasts are the ekonom's
        client.get(f"/mal/{goal.pk}/?ar=2026")
        with django_assert_num_queries(LINKED_GOAL_PAGE_QUERIES):
            client.get(f"/mal/{goal.pk}/?ar=2026")
        book_rows([(2, f"4{n:03d}", n) for n in range(200)], unit=org.enhet_a1)
        with django_assert_num_queries(LINKED_GOAL_PAGE_QUERIES):
            response = client.get(f"/mal/{goal.pk}/?ar=2026")
        assert response.context["financial"].status == "met"


# The goal page's own queries for this small chain (13), + the link, the latest period and
# the key figures (11). An unlinked financial goal costs the link's query only; other goals
# nothing (tests/goals/test_queries.py keeps its count).
LINKED_GOAL_PAGE_QUERIES = 26
