"""The finansförvaltning's report sections against the selectors of ``apps.economy.finance``,
on the hand-computed year of ``example_year`` (tests/economy/factories.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.economy import finance, keyfigures, statements
from apps.economy.models import YearFigures
from apps.economy.services import finance as services
from apps.periods.models import ReportingPeriod
from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections import economy
from apps.reports.sections import finance as sections
from tests.economy.factories import InvestmentForecastFactory, book_rows, example_year

M = 1_000_000


def ctx_for(period, *, unit=None, kind=ReportKind.BUDGET_FOLLOWUP) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


@pytest.fixture
def forecast(period, economist):
    return services.finance_forecast_set(
        actor=economist, period=period, tax_revenue=Decimal(365 * M),
        general_grants=Decimal(92 * M), financial_income=Decimal(4 * M),
        financial_costs=Decimal(10 * M), central_deviation=Decimal(-2 * M),
        source="SKR cirkulär 26:31", reason="Ny prognos",
    )  # fmt: skip


def test_the_forecast_table_ends_on_the_rr_forecast_result(period, forecast):
    ctx = ctx_for(period, kind=ReportKind.INTERIM)
    section = sections.finance_forecast(ctx)
    table = next(t for t in section.tables if t.key == "finans-prognos")
    total = table.rows[-1][3]
    assert total == finance.forecast_result(period).total == Decimal(51 * M)
    rr = economy.income_statement(ctx).tables[0]
    assert rr.rows[-1][3] == total  # the RR's forecast column
    assert keyfigures.key_figures(period).figures["result"].forecast == total
    assert "SKR cirkulär 26:31" in section.intro


def test_the_annual_report_has_the_reconciliation_to_the_result_only(period):
    section = sections.finance_forecast(ctx_for(period, kind=ReportKind.ANNUAL))
    assert [t.key for t in section.tables] == ["finans-avstamning"]
    table = section.tables[0]
    income = statements.income_statement(2026, 4, period_id=period.pk)
    assert table.rows[-1][1] == income.amount(statements.RESULT, "outcome") == Decimal(52 * M)


def test_a_committee_report_has_no_finance_sections(period, org):
    ctx = ctx_for(period, unit=org.namnd_a, kind=ReportKind.INTERIM)
    for builder in (
        sections.finance_forecast, sections.balance_requirement,
        sections.multi_year_overview, sections.sensitivity,
    ):  # fmt: skip
        assert builder(ctx) is None


def test_the_balance_requirement_in_the_interim_report_has_the_forecast(period, forecast):
    section = sections.balance_requirement(ctx_for(period, kind=ReportKind.INTERIM))
    steps = section.tables[0]
    figures = keyfigures.key_figures(period)
    assert steps.rows[-1][1:] == [figures.balance_outcome.value, figures.balance_forecast.value]
    assert [t.key for t in section.tables] == ["balanskravsutredning", "resultatutjamningsreserv"]


def test_the_restoration_table_lists_an_earlier_deficit(period):
    YearFigures.objects.create(year=2023, balance_requirement_result=Decimal(-8 * M))
    YearFigures.objects.create(year=2024, balance_requirement_result=Decimal(3 * M))
    section = sections.balance_requirement(ctx_for(period, kind=ReportKind.ANNUAL))
    restoration = next(t for t in section.tables if t.key == "balanskrav-aterstallande")
    # 2025 (ledger, result 204) restores what 2024 left
    assert restoration.rows == [["2023", Decimal(8 * M), Decimal(8 * M), Decimal(0), "2026"]]


def test_the_multi_year_overview_has_five_years(period):
    YearFigures.objects.create(year=2022, result=Decimal(20 * M), population=15_300)
    section = sections.multi_year_overview(ctx_for(period, kind=ReportKind.ANNUAL))
    table = section.tables[0]
    assert [row[0] for row in table.rows] == ["2022", "2023", "2024", "2025", "2026"]
    assert table.rows[0][1] == Decimal(20 * M)
    assert table.rows[-1][1] == Decimal(52 * M)


def test_the_sensitivity_table_has_the_hand_computed_effects(period, forecast):
    # The finance forecast's tax 365 and grants 92 over the tax rate 22,21 and 15 400
    # inhabitants; personnel 100 and other costs 30 January–April, scaled to the year.
    table = sections.sensitivity(ctx_for(period, kind=ReportKind.ANNUAL)).tables[0]
    cent = Decimal("0.01")
    assert [row[1] for row in table.rows] == [
        (Decimal(365 * M) / Decimal("22.21")).quantize(cent),
        Decimal(3 * M),
        Decimal(900_000),
        (Decimal(457 * M) / 15400 * 10).quantize(cent),
    ]
    assert [row[1] for row in table.rows] == [
        line.effect for line in finance.sensitivity(period).lines
    ]


def test_investments_have_their_accumulated_outcome_and_overrun_analysis(period, org):
    book_rows([(6, "1110", 35 * M, "P2")], year=2025, unit=org.ks)  # P2 decided 10 M
    project_forecast = InvestmentForecastFactory._meta.model.objects.get(project__code="P1")
    project_forecast.total_amount = Decimal(12 * M)
    project_forecast.comment = "Fördyrad markentreprenad."
    project_forecast.save()
    section = economy.investments(ctx_for(period))
    accumulated = next(t for t in section.tables if t.key == "investeringar-ackumulerat")
    rows = {row[0].split()[0]: row for row in accumulated.rows}
    assert rows["P2"][2] == Decimal(45 * M)  # 35 in 2025 and 10 in 2026
    analysis = next(t for t in section.tables if t.key == "investeringar-overskridanden")
    explained = {row[0].split()[0]: row for row in analysis.rows}
    # P1: decided 10, forecast 12, but 20 booked already: the outcome is the overrun's measure
    assert explained["P1"][1:] == [Decimal(10 * M), "Fördyrad markentreprenad."]
    assert explained["P2"][1] == Decimal(35 * M)
    assert explained["P2"][2] in ("förklaring saknas", "explanation missing")


def test_the_statements_get_a_note_column_when_there_are_notes(period, monkeypatch):
    from apps.reports.sections import notes

    monkeypatch.setattr(notes, "references", lambda ctx: {})
    plain = economy.income_statement(ctx_for(period, kind=ReportKind.ANNUAL)).tables[0]
    monkeypatch.setattr(notes, "references", lambda ctx: {"tax_revenue": 3, "br_cash": 7})
    ctx = ctx_for(period, kind=ReportKind.ANNUAL)
    noted = economy.income_statement(ctx).tables[0]
    assert len(noted.columns) == len(plain.columns) + 1
    label = statements.income_statement(2026, 4).row("tax_revenue").label
    tax = next(row for row in noted.rows if row[0] == label)
    assert tax[-1] == 3
    assert tax[:-1] == next(row for row in plain.rows if row[0] == label)
    sheet = economy.balance_sheet(ctx).tables[0]
    assert 7 in [row[-1] for row in sheet.rows]
