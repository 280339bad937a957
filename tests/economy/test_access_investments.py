"""An open period's investment forecasts are the project's body's editors', ekonomer's and
administrators' until the period closes: the investments page and its Excel export show other
readers the decided totals, budgets and outcome, "ej publicerad" for the forecasts and no
forecast totals that would leave some out. The projects are tests/economy/test_budget_views.py's
(P100 and P200 of Nämnd A, P300 of Nämnd B, forecasts on P100 and P200)."""

from __future__ import annotations

import pytest

from apps.periods.models import ReportingPeriod
from tests.economy import test_budget_views as budget
from tests.economy.test_budget_views import MILLION, page, row_of, t, table, tkr, workbook

decided = budget.decided
projects = budget.projects
URL = f"/ekonomi/investeringar/{budget.YEAR}/"


@pytest.fixture
def forecasts(projects, org) -> ReportingPeriod:
    budget.TestInvestmentsPage()._forecasts_and_outcome(projects, org)
    return ReportingPeriod.objects.filter(investment_forecasts__isnull=False).distinct().get()


def note(period) -> str:
    return t("The forecasts of %(period)s are published when the period is closed.") % {
        "period": period
    }


class TestInvestmentsPage:
    def test_politician_sees_budget_and_outcome_but_no_open_forecast(
        self, client, politician, forecasts
    ):
        client.force_login(politician)
        response = client.get(URL)
        rows = table(response, "investment-projects")
        school = row_of(rows, "P100 Skola")
        assert school[2] == tkr(50 * MILLION) and school[6] == tkr(3 * MILLION)
        assert school[7:] == [t("not published"), t("not published")]
        assert row_of(rows, t("Total %(body)s", body="Nämnd A"))[7:] == ["–", "–"]
        assert row_of(rows, t("Total"))[7:] == ["–", "–"]
        content = page(response)
        assert note(forecasts) in content
        assert tkr(52 * MILLION) not in content
        assert t("above the decided total") not in content

    def test_editor_sees_their_own_bodys_open_forecasts_and_no_total(
        self, client, editor_b, editor_a, forecasts
    ):
        client.force_login(editor_a)
        rows = table(client.get(URL), "investment-projects")
        assert row_of(rows, "P100 Skola")[7] == tkr(16 * MILLION)
        assert row_of(rows, t("Total %(body)s", body="Nämnd A"))[7] == tkr(21 * MILLION)
        client.force_login(editor_b)
        response = client.get(URL)
        rows = table(response, "investment-projects")
        assert row_of(rows, "P100 Skola")[7] == t("not published")
        assert row_of(rows, t("Total"))[7] == "–"

    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_ekonom_and_admin_see_every_forecast(self, client, request, persona, forecasts):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(URL)
        rows = table(response, "investment-projects")
        assert row_of(rows, "P100 Skola")[7] == tkr(16 * MILLION)
        # P300 has no forecast: it counts with its budget for the year (30), said beside it.
        assert row_of(rows, t("Total"))[7] == tkr((16 + 5 + 30) * MILLION)
        assert note(forecasts) not in page(response)

    def test_every_reader_sees_the_forecasts_once_the_period_is_closed(
        self, client, politician, forecasts
    ):
        ReportingPeriod.objects.filter(pk=forecasts.pk).update(state="closed")
        client.force_login(politician)
        rows = table(client.get(URL), "investment-projects")
        assert row_of(rows, "P100 Skola")[7] == tkr(16 * MILLION)

    def test_excel_agrees_with_the_page(self, client, politician, economist, forecasts):
        client.force_login(politician)
        rows = list(workbook(client.get(URL + "?format=xlsx")).values)
        school = next(r for r in rows if r[1] == "P100")
        assert school[4:] == (50000000, 20000000, -4000000, 16000000, 3000000, None, None, None)
        assert rows[-1][0] == t("Total") and rows[-1][9:11] == (None, None)
        client.force_login(economist)
        rows = list(workbook(client.get(URL + "?format=xlsx")).values)
        assert next(r for r in rows if r[1] == "P100")[9] == 16000000
