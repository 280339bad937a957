"""The kommun-wide full-year forecast is built from every nämnd's forecast: in an open period
it, and what is computed from it (the forecast result, the balance requirement's forecast, the
financial goals judged on a forecast), is for ekonomer and administrators only. The key
figures, the resultaträkning and the balansräkning and their Excel exports show other readers
the outcome to date and the budget, and that the forecasts are published when the period is
closed. The figures are those of ``example_year`` (tests/economy/factories.py)."""

from __future__ import annotations

import pytest

from apps.followup.models import GoalStatus
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_tkr
from tests.economy import test_statements_views as views
from tests.economy.factories import FinancialGoalLinkFactory
from tests.economy.test_statements_views import mkr, page, t, url, workbook
from tests.goals import conftest as goal_fixtures

period = views.period
vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

# Frames 395, forecasts deviating by +5 and −2: the net operating costs are forecast at 398.
NET_COST_FORECAST = mkr(-398)
NOT_PUBLISHED = "not published"


def note(period) -> str:
    return t("The forecasts of %(period)s are published when the period is closed.") % {
        "period": period
    }


def close(period) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
    period.refresh_from_db()


def statement_rows(response) -> dict[str, tuple]:
    sheet = workbook(response).active
    return {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}


class TestIncomeStatement:
    @pytest.mark.parametrize("persona", ["politician", "editor_a"])
    def test_other_readers_see_outcome_and_budget_but_no_open_forecast(
        self, client, request, persona, period
    ):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(url(period, "resultatrakning"))
        statement = response.context["statement"]
        net_cost = statement.row("net_operating_cost")
        assert net_cost.budget == mkr(-395)
        assert net_cost.outcome is not None
        assert all(row.forecast is None for row in statement.rows)
        content = page(response)
        assert note(period) in content
        assert t(NOT_PUBLISHED) in content
        assert format_tkr(NET_COST_FORECAST) not in content

    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_ekonom_and_admin_see_the_forecast(self, client, request, persona, period):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(url(period, "resultatrakning"))
        assert response.context["statement"].row("net_operating_cost").forecast == (
            NET_COST_FORECAST
        )
        assert note(period) not in page(response)

    def test_every_reader_sees_the_forecast_once_the_period_is_closed(
        self, client, politician, period
    ):
        close(period)
        client.force_login(politician)
        response = client.get(url(period, "resultatrakning"))
        assert response.context["statement"].row("net_operating_cost").forecast == (
            NET_COST_FORECAST
        )

    def test_excel_agrees_with_the_page(self, client, politician, economist, period):
        label = t("Net operating costs")
        client.force_login(politician)
        rows = statement_rows(client.get(url(period, "resultatrakning", "excel/")))
        assert rows[label][1] == -395 * views.M  # the budget
        assert all(row[2] is None for row in rows.values())
        client.force_login(economist)
        rows = statement_rows(client.get(url(period, "resultatrakning", "excel/")))
        assert rows[label][2] == -398 * views.M


class TestKeyFigures:
    def test_politician_sees_the_outcome_but_no_open_forecast(self, client, politician, period):
        client.force_login(politician)
        response = client.get(url(period, "nyckeltal"))
        figures = response.context["figures"]
        assert figures.figures["result"].outcome == mkr(52)
        assert all(f.forecast is None for f in figures.figures.values())
        assert figures.balance_forecast.value is None
        assert figures.net_investments_forecast is None
        content = page(response)
        assert note(period) in content
        assert t(NOT_PUBLISHED) in content

    def test_a_financial_goal_judged_on_the_open_forecast_is_not_shown(
        self, client, politician, economist, period, chain
    ):
        FinancialGoalLinkFactory(goal=chain.finance)
        client.force_login(economist)
        (shown,) = client.get(url(period, "nyckeltal")).context["goals"]
        assert shown.value is not None
        client.force_login(politician)
        (hidden,) = client.get(url(period, "nyckeltal")).context["goals"]
        assert hidden.value is None
        assert hidden.status == GoalStatus.NOT_ASSESSED
        assert hidden.missing == note(period)
        assert shown.value_text not in page(client.get(url(period, "nyckeltal")))

    def test_excel_agrees_with_the_page(self, client, politician, economist, period, chain):
        FinancialGoalLinkFactory(goal=chain.finance)
        client.force_login(politician)
        figures, goals = workbook(client.get(url(period, "nyckeltal", "excel/"))).worksheets
        rows = list(figures.iter_rows(min_row=2, values_only=True))
        assert 52 * views.M in [row[2] for row in rows]
        assert all(row[3] is None and note(period) in row[4] for row in rows)
        assert next(goals.iter_rows(min_row=2, values_only=True))[3] is None
        client.force_login(economist)
        figures, goals = workbook(client.get(url(period, "nyckeltal", "excel/"))).worksheets
        assert any(row[3] is not None for row in figures.iter_rows(min_row=2, values_only=True))
        assert next(goals.iter_rows(min_row=2, values_only=True))[3] is not None

    def test_every_reader_sees_the_forecasts_once_the_period_is_closed(
        self, client, politician, period
    ):
        close(period)
        client.force_login(politician)
        figures = client.get(url(period, "nyckeltal")).context["figures"]
        assert figures.figures["result"].forecast is not None
        assert figures.net_investments_forecast is not None


class TestBalanceSheet:
    def test_has_no_forecast_and_reads_the_same_for_every_reader(
        self, client, politician, economist, period
    ):
        """The balansräkning is outcome only: nothing of the forecasts to hide."""
        client.force_login(economist)
        ekonom = client.get(url(period, "balansrakning"))
        client.force_login(politician)
        other = client.get(url(period, "balansrakning"))
        assert other.context["sheet"].rows == ekonom.context["sheet"].rows
        assert note(period) not in page(other)
