"""Issue 13, statements and one read per table: the balansräkning and the investment table
as the reports print them (every total the sum of its printed rows, a difference never
printed silently), the net investments forecast one figure on every page and in every
section, and the driftredovisning the same rows on the overview, in its Excel and in the
report. On ``example_year`` (tests/economy/factories.py) and on the demo kommun."""

from __future__ import annotations

import io
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from apps.economy import keyfigures, selectors, statements
from apps.periods.models import ReportingPeriod
from apps.reports.content import BuildContext, ReportKind
from apps.reports.document import KIND_OF_PERIOD, build_document
from apps.reports.sections import economy
from tests.economy.factories import (
    InvestmentForecastFactory,
    InvestmentProjectFactory,
    book_rows,
    example_year,
)
from tests.economy.test_statements import assert_rows_add_up

M = 1_000_000
KINDS = (ReportKind.BUDGET_FOLLOWUP, ReportKind.INTERIM, ReportKind.ANNUAL)


def ctx_for(period, *, kind=ReportKind.BUDGET_FOLLOWUP, unit=None) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def printed_balance_sheet(table, sheet: statements.BalanceSheet) -> None:
    """The report's table is the balance sheet's rows, and they add up."""
    shown = [r for r in sheet.rows if r.kind != "check" or not sheet.balances]
    # A fifth column, when the report has notes, holds the note number (tests/reports/
    # test_sections_notes.py checks it against the notes).
    assert [row[:4] for row in table.rows] == [
        [r.label, r.closing, r.opening, r.previous] for r in shown
    ]
    assert_rows_add_up(sheet)


# --- Balansräkning --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_report_prints_equity_with_the_result_and_rows_that_add_up(period, kind):
    section = economy.balance_sheet(ctx_for(period, kind=kind))
    table = section.tables[0]
    sheet = statements.balance_sheet(2026, 4)
    printed_balance_sheet(table, sheet)
    labels = [row[0] for row in table.rows]
    assert "Periodens resultat" in labels or "Result for the period" in labels
    assert not any(label.lower().startswith(("varav", "of which")) for label in labels)
    assert sheet.balances
    assert table.rows[-1][0] != sheet.check.label  # balanced: no difference row


def test_an_unbalanced_ledger_prints_the_difference(period, org):
    book_rows([(3, "2110", -5 * M), (3, "1910", 5 * M)], unit=org.ks)
    section = economy.balance_sheet(ctx_for(period))
    table = section.tables[0]
    assert table.rows[-1][:4] == [statements.balance_sheet(2026, 4).check.label, 5 * M, 0, 0]
    assert "5 000,0 tkr" in section.intro.replace("\xa0", " ")


# --- Investeringar --------------------------------------------------------------------------


@pytest.fixture
def projects(period, org):
    """P1 forecast at 60 for the year and 55 in all (decided 50); P2 (budget 40, decided 10)
    without a forecast; P3 (no budget) forecast at 4 and 9 in all (decided 10)."""
    from apps.economy.models import InvestmentForecast, InvestmentProject

    InvestmentProject.objects.filter(code="P1").update(decided_total=50 * M)
    InvestmentForecast.objects.filter(project__code="P1").update(total_amount=55 * M)
    p3 = InvestmentProjectFactory(code="P3", unit=org.namnd_b, decided_total=10 * M)
    InvestmentForecastFactory(project=p3, period=period, year_amount=4 * M, total_amount=9 * M)
    return period


def _total_of_columns(table) -> None:
    body_rows = [row for i, row in enumerate(table.rows) if i not in table.emphasised]
    for index, col in enumerate(table.columns):
        if col.kind != economy.KR:
            continue
        assert table.total[index] == sum((row[index] or 0 for row in body_rows), Decimal(0)), (
            col.header
        )


@pytest.mark.parametrize("kind", [ReportKind.BUDGET_FOLLOWUP, ReportKind.ANNUAL])
def test_the_investment_total_row_is_the_sum_of_its_columns(projects, kind):
    table = economy.investments(ctx_for(projects, kind=kind)).tables[0]
    _total_of_columns(table)
    decided, forecast_total, deviation = (
        table.total[1],
        table.total[-3],
        table.total[-2],
    )
    assert deviation == decided - forecast_total
    assert decided - forecast_total == -5 * M + 0 + 1 * M  # P1 −5, P2 as decided, P3 +1


def test_a_project_without_a_forecast_counts_with_its_budget_and_says_so(projects, org):
    table = economy.investments(ctx_for(projects)).tables[0]
    p2 = next(row for row in table.rows if str(row[0]).startswith("P2"))
    assert p2[4] == p2[2]  # the forecast for the year is the budget
    assert p2[5] == p2[1]  # the forecast total cost is the decided total
    assert p2[-1]  # and the note says there is no forecast


def test_the_net_investments_forecast_is_one_figure(projects, client, economist):
    overview = selectors.investment_overview(2026, period=projects)
    figure = overview.net_investments_forecast
    assert figure == 60 * M + 40 * M + 4 * M  # P1's forecast, P2's budget, P3's forecast
    assert keyfigures.key_figures(projects).net_investments_forecast == figure
    table = economy.investments(ctx_for(projects)).tables[0]
    assert table.total[4] == figure
    brief = economy.economy_in_brief(ctx_for(projects))
    net = next(
        row for row in brief.tables[0].rows if row[0] in ("Nettoinvesteringar", "Net investments")
    )
    assert net[-1] == figure
    client.force_login(economist)
    page = client.get("/ekonomi/investeringar/2026/")
    assert page.context["overview"].net_investments_forecast == figure
    sheet = load_workbook(
        io.BytesIO(client.get("/ekonomi/investeringar/2026/?format=xlsx").content)
    ).active
    total = [c for c in list(sheet.iter_rows(values_only=True))[-1]]
    assert figure in [Decimal(str(v)) for v in total if isinstance(v, (int, float))]


# --- Driftredovisning -----------------------------------------------------------------------


def test_the_driftredovisning_is_one_read_on_the_page_in_excel_and_in_the_report(
    period, client, economist
):
    client.force_login(economist)
    page_rows = {
        r.unit.name: (r.budget, r.outcome, r.counted_forecast, r.counted_deviation)
        for r in client.get(f"/ekonomi/{period.pk}/").context["data"].rows
        if r.budget is not None or r.outcome or r.forecast is not None
    }
    workbook = load_workbook(io.BytesIO(client.get(f"/ekonomi/{period.pk}/excel/").content))
    excel_rows = {
        row[0]: tuple(None if v is None else Decimal(str(v)) for v in row[1:5])
        for row in list(workbook.active.iter_rows(min_row=2, values_only=True))[:-1]
        if row[0] in page_rows
    }
    table = economy.operating(ctx_for(period)).tables[0]
    report_rows = {row[0]: (row[3], row[4], row[5], row[6]) for row in table.rows}
    assert page_rows == report_rows
    assert excel_rows == report_rows
    assert table.total[4] == statements.drift_reconciliation(period).operating_accounts


def test_the_drilldown_is_one_read_on_the_page_and_in_the_namnds_report(
    period, client, economist, org
):
    from tests.economy.factories import decided_detail_budget

    decided_detail_budget(org.namnd_a, {org.forvaltning_a: 40 * M, org.enhet_a1: 100 * M})
    book_rows([(2, "5010", 6 * M)], unit=org.enhet_a1)
    client.force_login(economist)
    # The nämnd's report passes through the lone förvaltning to its units, as the page's
    # drill-down from the förvaltning shows them.
    data = client.get(f"/ekonomi/{period.pk}/enhet/{org.forvaltning_a.pk}/").context["data"]
    page_rows = {r.unit.name: (r.budget, r.outcome) for r in data.rows if not r.direct}
    table = economy.operating(ctx_for(period, unit=org.namnd_a)).tables[0]
    report_rows = {row[0]: (row[3], row[4]) for row in table.rows if row[0] in page_rows}
    assert page_rows == report_rows == {"Enhet A1": (100 * M, 6 * M)}


# --- The demo kommun ------------------------------------------------------------------------


@pytest.fixture
def demo(db) -> None:
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_balances_and_reconciles_in_every_period_report_and_page(demo, client):
    from apps.accounts.models import User

    client.force_login(User.objects.get(username="ekonom"))  # the demo's ekonom
    checked = []
    for period in ReportingPeriod.objects.exclude(state="planned").order_by("ends_on"):
        month = period.ends_on.month
        sheet = statements.balance_sheet(period.year, month)
        assert sheet.balances, period
        assert_rows_add_up(sheet)
        kind = KIND_OF_PERIOD[period.kind]
        document = build_document(kind=kind, period=period)
        table = next(t for t in document.tables() if t.key == "balansrakning")
        printed_balance_sheet(table, sheet)
        equity = next(r for r in sheet.equity_and_liabilities if r.key == "total_equity")
        assert equity.closing == sheet.equity()
        assert statements.drift_reconciliation(period).reconciles, period
        response = client.get(f"/ekonomi/{period.pk}/balansrakning/")
        assert response.context["sheet"].rows == sheet.rows
        assert 'id="balance-error"' not in response.content.decode()
        overview = selectors.investment_overview(period.year, period=period)
        assert (
            keyfigures.key_figures(period).net_investments_forecast
            == overview.net_investments_forecast
        )
        investments = next((t for t in document.tables() if t.key == "investeringar"), None)
        if investments is not None:
            _total_of_columns(investments)
        checked.append((period, kind))
    assert len(checked) >= 4
