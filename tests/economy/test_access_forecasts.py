"""An open period's forecasts are the body's editors', ekonomer's and administrators' until the
period closes: the overview, its chart and Excel export and the drill-down leave them out (and
the deviation and åtgärdsplan derived from them) for every other reader. Budgets and outcomes
stay every reader's. The test kommun is tests/economy/test_overview_views.py's."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from apps.periods.models import ReportingPeriod
from tests.economy import test_overview_views as kommun
from tests.economy.test_overview_views import (
    M,
    drilldown_url,
    overview_url,
    page,
    rows_by_name,
    t,
    tkr,
)

# The test kommun's fixtures.
tertials = kommun.tertials
period = kommun.period
economy = kommun.economy


def note() -> str:
    return t("The forecasts of %(period)s are published when the period is closed.") % {
        "period": "Tertial 2 2026"
    }


def sheet_rows(response) -> dict[str, tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}


def close(open_period) -> None:
    ReportingPeriod.objects.filter(pk=open_period.pk).update(state="closed")


class TestOverview:
    def test_politician_sees_budget_and_outcome_but_no_open_forecast(
        self, client, politician, org, period, economy
    ):
        client.force_login(politician)
        response = client.get(overview_url(period))
        rows = rows_by_name(response)
        a = rows["Nämnd A"]
        assert (a.budget, a.outcome) == (410 * M, 250 * M)
        assert (a.forecast, a.deviation, a.action_plan) == (None, None, None)
        assert a.previous == 405 * M  # tertial 1 is closed
        assert rows["Nämnd B"].forecast is None
        totals = response.context["data"].totals
        assert (totals.forecast, totals.deviation) == (None, None)
        content = page(response)
        assert note() in content
        assert tkr(420 * M) not in content and "420,0" not in content  # table nor chart
        assert f"/uppfoljning/atgardsplan/{economy.pk}/" not in content

    def test_editor_sees_their_own_bodys_open_forecast_only(
        self, client, editor_a, org, period, economy
    ):
        client.force_login(editor_a)
        response = client.get(overview_url(period))
        rows = rows_by_name(response)
        assert rows["Nämnd A"].forecast.amount == 420 * M
        assert rows["Nämnd A"].action_plan == economy
        assert rows["Nämnd B"].forecast is None
        totals = response.context["data"].totals
        assert totals.forecast is None  # not a total of the bodies one may read

    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_ekonom_and_admin_see_every_forecast(self, client, request, persona, period, economy):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(overview_url(period))
        # Nämnd A's 420 and Nämnd B's 290, and KS's budget of 50 (no forecast – budget)
        assert response.context["data"].totals.forecast == 760 * M
        assert note() not in page(response)

    def test_every_reader_sees_the_forecasts_once_the_period_is_closed(
        self, client, politician, period, economy
    ):
        close(period)
        client.force_login(politician)
        response = client.get(overview_url(period))
        assert rows_by_name(response)["Nämnd A"].forecast.amount == 420 * M
        assert response.context["data"].totals.forecast == 760 * M  # KS counted with its budget

    def test_excel_agrees_with_the_page(self, client, politician, editor_a, period, economy):
        client.force_login(politician)
        rows = sheet_rows(client.get(f"{overview_url(period)}excel/"))
        assert rows["Nämnd A"][:6] == (
            410 * 1_000_000,
            250 * 1_000_000,
            None,
            None,
            405 * 1_000_000,
            None,
        )
        assert rows["Nämnd B"][2] is None
        client.force_login(editor_a)
        rows = sheet_rows(client.get(f"{overview_url(period)}excel/"))
        assert rows["Nämnd A"][2] == 420 * 1_000_000
        assert rows["Nämnd B"][2] is None


class TestDrilldown:
    def test_politician_does_not_see_the_bodys_open_forecast(
        self, client, politician, editor_a, org, period, economy
    ):
        client.force_login(politician)
        response = client.get(drilldown_url(period, org.namnd_a))
        assert response.context["data"].forecast is None
        assert tkr(420 * M) not in page(response)
        assert note() in page(response)
        client.force_login(editor_a)
        response = client.get(drilldown_url(period, org.namnd_a))
        assert response.context["data"].forecast.amount == 420 * M
