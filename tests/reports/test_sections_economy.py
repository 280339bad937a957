"""The economy's report sections: their figures against the economy's selectors and
statements (and hand-computed numbers), their scope, their query counts, and the demo
kommun's delårsrapport read back from the PDF and the workbook."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from apps.economy import keyfigures, selectors, statements
from apps.economy.models import AppropriationKind
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.reports import render
from apps.reports.content import BuildContext, ReportKind
from apps.reports.document import build_document
from apps.reports.sections import economy
from styrmodell.lib.formats import format_number
from tests.economy.factories import (
    AppropriationFactory,
    BudgetDecisionFactory,
    BudgetYearFactory,
    ForecastFactory,
    InvestmentForecastFactory,
    InvestmentProjectFactory,
    book_outcome,
    book_rows,
    example_year,
    kommun_bas_chart,
)
from tests.factories import ReportingPeriodFactory, UnitFactory

M = 1_000_000
KOMMUN_ONLY = (
    economy.income_statement,
    economy.balance_sheet,
    economy.cash_flow,
    economy.forecast_and_balance_requirement,
    economy.good_financial_management,
    economy.expected_development,
)


def ctx_for(period, *, unit=None, kind=ReportKind.BUDGET_FOLLOWUP) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


def t1() -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def column(table, header_start: str) -> int:
    return next(i for i, c in enumerate(table.columns) if c.header.startswith(header_start))


@pytest.fixture
def economy_year(org):
    example_year(org)
    return org


# --- Driftredovisning -----------------------------------------------------------------------


def test_operating_has_a_row_per_body_and_a_total_that_sums_them(economy_year):
    org = economy_year
    section = economy.operating(ctx_for(t1()))
    table = section.tables[0]
    names = [row[0] for row in table.rows]
    assert names == ["Kommunstyrelsen", "Nämnd A", "Nämnd B"]
    by_name = {row[0]: row for row in table.rows}
    # original, changes, current, outcome, forecast, deviation
    assert by_name["Nämnd A"][1:4] == [Decimal(150 * M), Decimal(5 * M), Decimal(155 * M)]
    assert by_name["Nämnd A"][5] == Decimal(160 * M)
    assert by_name["Nämnd A"][6] == Decimal(-5 * M)  # budget − forecast: a deficit
    assert by_name["Nämnd B"][6] == Decimal(2 * M)
    # KS has no forecast: its current budget is counted ("ingen prognos – budget")
    assert by_name["Kommunstyrelsen"][5] == by_name["Kommunstyrelsen"][3]
    assert by_name["Kommunstyrelsen"][6] == 0
    assert "Kommunstyrelsen" in table.note
    outcome = selectors.operating_outcome(2026, 4)
    assert by_name["Nämnd A"][4] == outcome[org.namnd_a.pk]
    for index in range(1, 7):
        present = [row[index] for row in table.rows if row[index] is not None]
        assert table.total[index] == sum(present, Decimal(0))
    assert table.sheet


def test_a_body_without_a_forecast_counts_with_its_budget_as_the_income_statement_does(
    economy_year,
):
    period = t1()
    table = economy.operating(ctx_for(period)).tables[0]
    budget, forecast, deviation = 3, 5, 6  # current budget, full-year forecast, deviation
    assert table.total[deviation] == table.total[budget] - table.total[forecast]
    income = statements.income_statement(2026, 4, period_id=period.pk)
    assert income.amount(statements.NET_COST, "forecast") == -table.total[forecast]
    brief = economy.economy_in_brief(ctx_for(period)).tables[0]
    labels = ("Nämndernas budgetavvikelse", "Committees' budget deviation")
    committees = next(r for r in brief.rows if r[0] in labels)
    assert committees[-1] == table.total[deviation]


def test_a_row_without_a_budget_deviates_by_its_outcome_and_the_total_by_its_columns(
    economy_year,
):
    org = economy_year
    bolag = UnitFactory(parent=org.kf, kind="bolag", name="Bolaget AB", ansvarskod="9000")
    book_rows([(3, "3010", Decimal(-1_200_000))], unit=bolag)  # revenue, no decided frame
    table = economy.operating(ctx_for(bokslut(), kind=ReportKind.ANNUAL)).tables[0]
    row = next(r for r in table.rows if r[0] == "Bolaget AB")
    assert row[3] is None and row[4] == Decimal(-1_200_000)
    assert row[5] == Decimal(1_200_000)  # against a budget of zero
    assert table.total[5] == table.total[3] - table.total[4]
    assert table.total[5] == sum(r[5] for r in table.rows)
    assert "Bolaget AB" in table.note


def test_a_committees_annual_drift_computes_every_deviation_from_its_columns(economy_year):
    org = economy_year
    table = economy.operating(ctx_for(bokslut(), unit=org.namnd_a, kind=ReportKind.ANNUAL))
    table = table.tables[0]
    for row in table.rows:
        assert row[5] == (row[3] or 0) - row[4], row
    assert table.total[5] == table.total[3] - table.total[4]
    assert table.total[5] == sum(r[5] for r in table.rows)
    assert table.total[3] == sum(r[3] or 0 for r in table.rows)
    assert table.total[4] == sum(r[4] for r in table.rows)


def test_the_operating_section_prints_its_reconciliation_with_the_income_statement(
    economy_year,
):
    org = economy_year
    book_rows([(2, "5010", 4 * M)], unit=org.kf)  # outside every nämnd
    period = t1()
    section = economy.operating(ctx_for(period))
    drift, reconciliation = section.tables
    check = statements.drift_reconciliation(period)
    assert [row[1] for row in reconciliation.rows] == [a for _l, a, _t in check.rows]
    assert reconciliation.rows[0][1] == drift.total[4]
    assert reconciliation.rows[1][1] == 4 * M
    assert reconciliation.rows[3][1] == -statements.income_statement(2026, 4).amount(
        statements.NET_COST, "outcome"
    )
    assert reconciliation.rows[-1][1] == 0
    assert reconciliation.key != drift.key and reconciliation.sheet


def test_operating_in_the_annual_report_drops_the_forecast(economy_year):
    period = ReportingPeriodFactory(
        year=2026, kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31)
    )
    table = economy.operating(ctx_for(period, kind=ReportKind.ANNUAL)).tables[0]
    assert len(table.columns) == 6
    nämnd_a = next(row for row in table.rows if row[0] == "Nämnd A")
    assert nämnd_a[5] == nämnd_a[3] - nämnd_a[4]  # current budget − outcome for the year


def test_operating_for_a_committee_lists_only_its_own_units(economy_year):
    org = economy_year
    section = economy.operating(ctx_for(t1(), unit=org.namnd_a))
    table = section.tables[0]
    names = [row[0] for row in table.rows]
    assert "Enhet A1" in names
    assert not any("Nämnd B" in name or "Förvaltning B" in name for name in names)
    assert table.total[3] == Decimal(155 * M)
    assert table.total[3] == sum((row[3] for row in table.rows if row[3] is not None), Decimal(0))
    assert table.total[4] == selectors.operating_outcome(2026, 4)[org.namnd_a.pk]
    assert table.total[5] == Decimal(160 * M) and table.total[6] == Decimal(-5 * M)


@pytest.mark.parametrize("builder", KOMMUN_ONLY)
def test_kommun_only_sections_are_left_out_of_a_committee_report(economy_year, builder):
    period = ReportingPeriodFactory(
        year=2026, kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31)
    )
    assert builder(ctx_for(period, unit=economy_year.namnd_a, kind=ReportKind.ANNUAL)) is None


# --- Investeringar ------------------------------------------------------------------------


def test_investments_compare_the_forecast_total_with_the_decided_total(economy_year):
    org = economy_year
    from apps.economy.models import InvestmentForecast

    InvestmentForecast.objects.filter(project__code="P1").update(
        total_amount=Decimal(12 * M)
    )  # decided 10 M: over
    section = economy.investments(ctx_for(t1()))
    table = section.tables[0]
    rows = {row[0].split()[0]: row for row in table.rows if not row[0].startswith(("Total",))}
    p1 = rows["P1"]
    # decided, budget, outcome, year forecast, forecast total, deviation, note
    assert p1[1:7] == [
        Decimal(10 * M), Decimal(50 * M), Decimal(20 * M), Decimal(60 * M),
        Decimal(12 * M), Decimal(-2 * M),
    ]  # fmt: skip
    assert p1[7] == translation.gettext("Exceeds the decided total")
    # P2 has no forecast: it counts with its budget for the year and its decided total.
    assert rows["P2"][3] == Decimal(10 * M)
    assert rows["P2"][4:7] == [Decimal(40 * M), Decimal(10 * M), Decimal(0)]
    assert rows["P2"][7] == translation.gettext("No forecast: the budget and the decided total")
    assert "P1" in section.intro
    assert table.total[1] == Decimal(20 * M) and table.total[3] == Decimal(30 * M)
    assert len(table.emphasised) == 2  # a subtotal per committee
    mine = economy.investments(ctx_for(t1(), unit=org.namnd_b)).tables[0]
    assert [row[0].split()[0] for row in mine.rows] == ["P2"]


# --- Resultaträkning, balansräkning, balanskrav, nyckeltal -------------------------------


def test_income_statement_has_the_statement_rows_with_subtotals(economy_year):
    statement = statements.income_statement(2026, 4, period_id=t1().pk)
    table = economy.income_statement(ctx_for(t1())).tables[0]
    assert [row[0] for row in table.rows] == [r.label for r in statement.rows]
    result = table.rows[-1]
    assert result[1] == statement.row(statements.RESULT).outcome == Decimal(52 * M)
    assert result[3] == statement.row(statements.RESULT).forecast
    assert {i for i, r in enumerate(statement.rows) if r.is_subtotal} == set(table.emphasised)


def test_balance_sheet_has_the_totals_of_the_statement(economy_year):
    sheet = statements.balance_sheet(2026, 4)
    table = economy.balance_sheet(ctx_for(t1())).tables[0]
    total = next(row for row in table.rows if row[0] == sheet.total_assets.label)
    assert total[1:] == [sheet.total_assets.closing, sheet.total_assets.opening,
                         sheet.total_assets.previous]  # fmt: skip


def test_balance_requirement_follows_the_key_figures(economy_year):
    figures = keyfigures.key_figures(t1())
    section = economy.forecast_and_balance_requirement(ctx_for(t1()))
    rows = section.tables[0].rows
    assert rows[0][1:] == [figures.balance_outcome.result, figures.balance_forecast.result]
    assert rows[1][1] == Decimal(-2 * M)  # the realisation gains are deducted
    assert rows[-1][1:] == [figures.balance_outcome.value, figures.balance_forecast.value]
    assert format_number(figures.balance_forecast.value / 1000, 1) in section.intro


def test_key_figures_table_has_the_percentages(economy_year):
    figures = keyfigures.key_figures(t1())
    table = economy.good_financial_management(ctx_for(t1())).tables[0]
    share = next(row for row in table.rows if row[0] == str(figures.figures["result_share"].label))
    assert share[2:] == [figures.figures["result_share"].outcome,
                         figures.figures["result_share"].forecast]  # fmt: skip


def test_economy_in_brief_for_the_kommun_and_for_a_committee(economy_year):
    figures = keyfigures.key_figures(t1())
    table = economy.economy_in_brief(ctx_for(t1())).tables[0]
    assert table.rows[0][2:] == [figures.balance_outcome.result, figures.balance_forecast.result]
    assert table.rows[2][3] == Decimal(-3 * M)  # −5 for Nämnd A, +2 for Nämnd B
    mine = economy.economy_in_brief(ctx_for(t1(), unit=economy_year.namnd_b)).tables[0]
    assert mine.rows == [["Nämnd B", Decimal(140 * M), Decimal(0), Decimal(138 * M),
                          Decimal(2 * M)]]  # fmt: skip


# --- Kassaflöde, koncernen, förväntad utveckling (årsredovisning) --------------------------


def bokslut() -> ReportingPeriod:
    return ReportingPeriodFactory(
        year=2026, kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31)
    )


def balanced_year(org) -> None:
    """A year that reconciles: result 30 (tax 100, costs 60, depreciation 10), an investment
    of 30 on P1, a loan of 20, receivables up 5: cash and bank up 25."""
    kommun_bas_chart()
    book_rows(
        [
            (0, "1110", 500 * M), (0, "1910", 50 * M), (0, "2010", -300 * M),
            (0, "2310", -200 * M), (0, "2510", -50 * M),
            (2, "8010", -100 * M), (2, "1910", 100 * M),
            (3, "5010", 60 * M), (3, "1910", -60 * M),
            (12, "7810", 10 * M), (12, "1110", -10 * M),
            (5, "1110", 30 * M, "P1"), (5, "1910", -30 * M),
            (6, "2310", -20 * M), (6, "1910", 20 * M),
            (7, "1510", 5 * M), (7, "1910", -5 * M),
        ],
        unit=org.forvaltning_a,
    )  # fmt: skip


def test_cash_flow_reconciles_with_the_change_in_cash_and_bank(org):
    balanced_year(org)
    ctx = ctx_for(bokslut(), kind=ReportKind.ANNUAL)
    flow = economy.cash_flow_figures(ctx)
    assert flow.cash_flow == Decimal(25 * M) == flow.closing_cash - flow.opening_cash
    assert flow.unreconciled == 0
    rows = economy.cash_flow(ctx).tables[0].rows
    labels = [row[0] for row in rows]
    assert translation.gettext("Unreconciled difference") not in labels
    assert economy.cash_flow(ctx_for(t1_period_for(org))) is None  # not in an interim report


def t1_period_for(org) -> ReportingPeriod:
    return ReportingPeriodFactory(year=2026)


def test_cash_flow_shows_a_difference_it_cannot_reconcile(org):
    balanced_year(org)
    book_rows([(8, "1910", 3 * M)], unit=org.forvaltning_a)  # cash without a counterpart
    ctx = ctx_for(bokslut(), kind=ReportKind.ANNUAL)
    rows = economy.cash_flow(ctx).tables[0].rows
    difference = next(r for r in rows if r[0] == translation.gettext("Unreconciled difference"))
    assert difference[1] == Decimal(3 * M)


def test_expected_development_shows_the_budget_with_plan(economy_year):
    org = economy_year
    ctx = ctx_for(bokslut(), kind=ReportKind.ANNUAL)
    assert economy.expected_development(ctx) is None  # no budget for 2027 yet
    frame = BudgetDecisionFactory(budget_year=BudgetYearFactory(year=2027))
    for year, amount in ((2027, 160), (2028, 165)):
        AppropriationFactory(
            decision=frame, unit=org.namnd_a, year=year, amount=Decimal(amount * M)
        )
    section = economy.expected_development(ctx_for(bokslut(), kind=ReportKind.ANNUAL))
    plan = section.tables[0]
    assert plan.rows == [["Nämnd A", Decimal(160 * M), Decimal(165 * M), None]]
    assert plan.total[1] == Decimal(160 * M)


# --- Query counts ----------------------------------------------------------------------------


BUILDERS = (
    ("economy_in_brief", None),
    ("economy_in_brief", "namnd_a"),
    ("operating", None),
    ("operating", "namnd_a"),
    ("investments", None),
    ("investments", "namnd_a"),
    ("income_statement", None),
    ("balance_sheet", None),
    ("forecast_and_balance_requirement", None),
    ("good_financial_management", None),
)
ANNUAL_BUILDERS = ("cash_flow", "expected_development", "operating")


def grow(org) -> None:
    """More bodies, units, projects, forecasts and ledger rows."""
    period = t1()
    for n in range(4):
        body = UnitFactory(parent=org.kf, kind="namnd", name=f"Extra {n}", ansvarskod=f"5{n}00")
        unit = UnitFactory(parent=body, kind="verksamhet", name=f"V {n}", ansvarskod=f"5{n}10")
        frame = BudgetDecisionFactory._meta.model.objects.get(kind="frame")
        AppropriationFactory(decision=frame, unit=body, amount=Decimal(10 * M))
        ForecastFactory(unit=body, period=period, amount=Decimal(11 * M))
        project = InvestmentProjectFactory(code=f"X{n}", unit=body)
        AppropriationFactory(
            decision=frame, unit=body, project=project, kind=AppropriationKind.INVESTMENT,
            amount=Decimal(M),
        )  # fmt: skip
        InvestmentForecastFactory(project=project, period=period)
        book_outcome([(unit, 2, 3 * M)], account="5010")
        book_outcome([(unit, 3, M)], account="1110", project=f"X{n}")
    UnitFactory(parent=org.forvaltning_a, kind="enhet", name="Enhet A2", ansvarskod="2120")
    UnitFactory(parent=org.kf, kind="bolag", name="Bolaget 2 AB", ansvarskod="9100")


def count(builder, ctx) -> int:
    with CaptureQueriesContext(connection) as queries:
        builder(ctx)
    return len(queries)


def test_every_builder_runs_a_fixed_number_of_queries(economy_year, django_assert_num_queries):
    org = economy_year
    annual = bokslut()
    UnitFactory(parent=org.kf, kind="bolag", name="Bolaget AB", ansvarskod="9000")
    org.kf.refresh_from_db()

    def contexts():
        for name, unit in BUILDERS:
            yield (
                f"{name} {unit or 'kommun'}",
                ctx_for(t1(), unit=getattr(org, unit) if unit else None),
            )
        for name in ANNUAL_BUILDERS:
            yield f"{name} annual", ctx_for(annual, kind=ReportKind.ANNUAL)

    small = {}
    for name, ctx in contexts():
        small[name] = count(getattr(economy, name.split()[0]), ctx)
    grow(org)
    for name, ctx in contexts():
        with django_assert_num_queries(small[name], info=name):
            getattr(economy, name.split()[0])(ctx)
    assert small == EXPECTED_QUERIES


# A fresh report's count; builders later in a report reuse the shared ledger and statements.
EXPECTED_QUERIES = {
    # the nämnder's deviation is the driftredovisning's total (its four reads, one shared)
    "economy_in_brief kommun": 19,
    "economy_in_brief namnd_a": 4,
    # the driftredovisning and its reconciliation with the RR: the ledger and the income
    # statement (shared in a report) and the outcome outside the bodies
    "operating kommun": 13,
    "operating namnd_a": 5,
    # the overview, and the accumulated outcome and the forecasts' comments (apps.economy.finance)
    "investments kommun": 6,
    "investments namnd_a": 6,
    "income_statement kommun": 6,
    "balance_sheet kommun": 6,
    "forecast_and_balance_requirement kommun": 13,
    "good_financial_management kommun": 14,
    "cash_flow annual": 7,
    "expected_development annual": 5,
    "operating annual": 12,
}


# --- The demo kommun's delårsrapport, read back from the PDF and the workbook ------------


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def tkr(amount: Decimal) -> str:
    return format_number(amount / 1000, 1).replace("\u00a0", " ").replace("\u2212", "−")


def sheet_rows(book, name: str) -> list[tuple]:
    return [tuple(row) for row in book[name].iter_rows(values_only=True)]


def test_the_demo_interim_report_shows_the_economy_in_the_pdf_and_the_workbook(demo):
    with translation.override("sv"):
        period = ReportingPeriod.objects.get(year=2026, kind="tertial2")
        document = build_document(kind=ReportKind.INTERIM, period=period)
        pdf, _pages = render.render_pdf(document)
        book = load_workbook(io.BytesIO(render.render_xlsx(document)))
        names = {
            key: translation.gettext(key)
            for key in ("Operations", "Income statement", "Balance sheet", "Investments")
        }
    text = pdf_text(pdf)
    month = period.ends_on.month

    budgets = selectors.operating_budgets(2026)
    forecasts = selectors.forecasts(period.pk)
    total_current = sum((b.current for b in budgets.values()), Decimal(0))
    total_outcome = sum(selectors.operating_outcome(2026, month).values(), Decimal(0))
    total_forecast = sum((f.amount for f in forecasts.values()), Decimal(0))
    for amount in (total_current, total_outcome, total_forecast):
        assert tkr(amount) in text
    drift_total = sheet_rows(book, names["Operations"])[-1]
    assert drift_total[3:6] == (int(total_current), pytest.approx(float(total_outcome)),
                                int(total_forecast))  # fmt: skip

    statement = statements.income_statement(2026, month, period_id=period.pk)
    result = statement.row(statements.RESULT)
    assert tkr(result.outcome) in text
    rr_result = sheet_rows(book, names["Income statement"])[-1]
    assert rr_result[0] == result.label
    assert rr_result[1] == pytest.approx(float(result.outcome))
    assert rr_result[3] == pytest.approx(float(result.forecast))

    sheet = statements.balance_sheet(2026, month)
    assert tkr(sheet.total_assets.closing) in text
    br_rows = {row[0]: row for row in sheet_rows(book, names["Balance sheet"])}
    assert br_rows[sheet.total_assets.label][1] == pytest.approx(float(sheet.total_assets.closing))

    overview = selectors.investment_overview(2026)
    project = next(r for g in overview.groups for r in g.rows if r.forecast_total is not None)
    label = f"{project.project.code} {project.project.name}"
    for amount in (project.project.decided_total, project.outcome, project.forecast_total):
        assert tkr(amount) in text
    investment = next(row for row in sheet_rows(book, names["Investments"]) if row[0] == label)
    assert investment[1] == pytest.approx(float(project.project.decided_total))
    assert investment[3] == pytest.approx(float(project.outcome))
    assert investment[5] == pytest.approx(float(project.forecast_total))
    assert Unit.objects.filter(kind="bolag").exists()
