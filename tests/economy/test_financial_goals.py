"""Financial goals computed from the key figures: the link, the status rules, the one
computation every page reads, and the refusal of a typed status for a linked goal. The goal
is KF's finansiella mål "Resultat två procent" of the chain in tests/goals/conftest.py; the
figures are those of ``example_year`` (Tertial 1 2026: result 10,22 % of tax revenue and
grants in the full-year forecast, 34,67 % to date)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.economy import keyfigures
from apps.economy.models import FinancialGoalLink
from apps.economy.services import financial as services
from apps.followup.models import Assessment
from apps.followup.services import assessment_save
from apps.goals.computed import computed_statuses
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_percent
from tests.economy.factories import FinancialGoalLinkFactory, example_year, kommun_bas_chart
from tests.factories import AssessmentFactory, ReportingPeriodFactory, RoleAssignmentFactory
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


class TestTypedStatusRefused:
    """A linked goal's status is computed: ``assessment_save`` refuses a typed one and keeps
    a comment, whoever writes and from whatever page."""

    def test_a_typed_status_is_refused_at_the_field(self, period, goal, kf_economist):
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("2.00"))
        with pytest.raises(ValidationError) as refused:
            assessment_save(
                actor=kf_economist, goal=goal, period=period, unit=goal.owner,
                status="met", analysis="Resultatet blev 2,4 procent.", reason="T1",
            )  # fmt: skip
        assert list(refused.value.message_dict) == ["status"]
        source = computed_statuses([goal.pk], period)[goal.pk].source
        assert source in refused.value.message_dict["status"][0]
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize("status", ["partly", "not_met"])
    def test_every_typed_status_is_refused(self, period, goal, kf_economist, status):
        FinancialGoalLinkFactory(goal=goal)
        with pytest.raises(ValidationError):
            assessment_save(
                actor=kf_economist, goal=goal, period=period, unit=goal.owner,
                status=status, analysis="Förklaring", reason="T1",
            )  # fmt: skip

    def test_a_comment_is_kept_and_the_status_is_not_used(self, period, goal, kf_economist):
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("2.00"))
        assessment = assessment_save(
            actor=kf_economist, goal=goal, period=period, unit=goal.owner,
            status="", analysis="Skatteintäkterna blev högre än budgeterat.", reason="T1",
        )  # fmt: skip
        assessment.refresh_from_db()
        assert assessment.analysis == "Skatteintäkterna blev högre än budgeterat."
        assert assessment.status == "not_assessed"  # stored, never read: the figure decides
        assert computed_statuses([goal.pk], period)[goal.pk].status == "met"

    def test_an_unlinked_goal_is_still_assessed_by_hand(self, period, goal, kf_economist):
        assessment = assessment_save(
            actor=kf_economist, goal=goal, period=period, unit=goal.owner,
            status="met", analysis="", reason="T1",
        )  # fmt: skip
        assert assessment.status == "met"


class TestComputedStatuses:
    """The one computation every page and report reads (``apps.goals.computed``)."""

    def test_the_provider_is_registered_and_agrees_with_the_key_figures_page(self, period, goal):
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("12.00"))
        [on_page] = keyfigures.financial_goal_statuses(keyfigures.key_figures(period))
        computed = computed_statuses([goal.pk, goal.parent_id], period)
        assert list(computed) == [goal.pk]  # the unlinked parent has none
        assert computed[goal.pk].status == on_page.status == "not_met"
        assert (
            computed[goal.pk].value_text == on_page.value_text == format_percent(Decimal("10.22"))
        )
        assert computed[goal.pk].threshold_text == on_page.threshold_text

    def test_runs_a_fixed_number_of_queries(self, period, chain, org, django_assert_num_queries):
        from apps.goals.models import Goal
        from tests.economy.factories import book_rows

        FinancialGoalLinkFactory(goal=chain.finance)
        goal_ids = list(Goal.objects.values_list("pk", flat=True))
        # The links (1) and the key figures, once for every goal (13).
        with django_assert_num_queries(14):
            computed_statuses(goal_ids, period)
        book_rows([(2, f"4{n:03d}", n, f"P{n}") for n in range(200)], unit=org.enhet_a1)
        FinancialGoalLinkFactory(goal=chain.reading, figure="equity_ratio")
        with django_assert_num_queries(14):
            computed = computed_statuses(goal_ids, period)
        assert set(computed) == {chain.finance.pk, chain.reading.pk}

    def test_without_a_linked_goal_the_key_figures_are_not_computed(
        self, period, goal, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            assert computed_statuses([goal.pk], period) == {}


class TestOneComputationOnEveryPage:
    def test_tree_goal_page_and_nyckeltal_page_agree(self, client, economist, period, goal):
        """The same status and value for the same period on the goal tree, the goal's page
        and the nyckeltal page, all from ``computed_statuses``."""
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("12.00"))
        computed = computed_statuses([goal.pk], period)[goal.pk]
        client.force_login(economist)  # tertial 1 is open: its forecasts are the ekonom's
        chosen = f"?ar=2026&period={period.pk}"
        [row] = [r for r in client.get(f"/mal/{chosen}").context["rows"] if r.goal == goal]
        assert (row.status, row.value_text) == (computed.status, computed.value_text)
        detail = client.get(f"/mal/{goal.pk}/{chosen}")
        assert detail.context["financial"] == computed
        assert computed.value_text in detail.content.decode()
        [on_page] = client.get(f"/ekonomi/{period.pk}/nyckeltal/").context["goals"]
        assert (on_page.status, on_page.value_text) == (computed.status, computed.value_text)
        assert on_page.threshold_text == computed.threshold_text


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

    def test_the_assessments_show_the_comments_not_a_stored_status(
        self, client, economist, period, goal
    ):
        """A status stored before the goal was linked is not printed beside the computed."""
        FinancialGoalLinkFactory(goal=goal, threshold=Decimal("12.00"))
        AssessmentFactory(goal=goal, period=period, status="met", analysis="Om resultatet.")
        client.force_login(economist)
        content = client.get(f"/mal/{goal.pk}/?ar=2026&period={period.pk}").content.decode()
        table = content.split('id="assessment-heading"')[1].split("</section>")[0]
        assert "Om resultatet." in table
        assert "status--met" not in table

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


# The goal page's own queries for this small chain with its periods (15), + the computed
# statuses for the goal's period (``apps.goals.computed``): the links (1) and the key figures
# once (13). An unlinked goal costs the links' query only (tests/goals/test_queries.py keeps
# its count).
LINKED_GOAL_PAGE_QUERIES = 29
