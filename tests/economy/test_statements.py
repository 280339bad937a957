"""The resultaträkning and balansräkning computed from the ledger, on the hand-computed year
of ``example_year`` (tests/economy/factories.py): amounts below are in million kronor."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.economy import statements
from apps.economy.models import AccountMapping, StatementLine
from tests.economy.factories import (
    AccountMappingFactory,
    StatementLineFactory,
    book_rows,
    example_year,
    kommun_bas_chart,
)

M = 1_000_000


def mkr(amount) -> Decimal:
    return Decimal(str(amount)) * M


@pytest.fixture
def year(org) -> None:
    example_year(org)


@pytest.fixture
def income(year) -> statements.IncomeStatement:
    period_id = _tertial1_id()
    return statements.income_statement(2026, 4, period_id=period_id)


def _tertial1_id() -> int:
    from apps.periods.models import ReportingPeriod

    return ReportingPeriod.objects.get(year=2026, name="Tertial 1").pk


def columns(row: statements.StatementRow) -> tuple:
    return (row.outcome, row.budget, row.forecast, row.previous)


class TestIncomeStatement:
    def test_lines_show_revenue_positive_and_costs_negative(self, income):
        assert income.row("operating_income").outcome == mkr(42)  # 40 + 2 realisation gains
        assert income.row("operating_costs").outcome == mkr(-130)
        assert income.row("depreciation").outcome == mkr(-8)
        assert income.row("tax_revenue").outcome == mkr(120)
        assert income.row("general_grants").outcome == mkr(30)
        assert income.row("financial_income").outcome == mkr(1)
        assert income.row("financial_costs").outcome == mkr(-3)

    def test_subtotals_follow_their_groups(self, income):
        keys = [row.key for row in income.rows if row.key in _ORDERED]
        assert keys == list(_ORDERED)
        assert income.row(statements.NET_COST).outcome == mkr(-96)
        assert income.row(statements.OPERATING_RESULT).outcome == mkr(54)
        assert income.row(statements.RESULT_AFTER_FINANCIAL).outcome == mkr(52)
        assert income.row(statements.RESULT).outcome == mkr(52)
        assert [r.is_subtotal for r in income.rows if r.key == statements.RESULT] == [True]

    def test_the_result_is_minus_the_sum_of_the_rows(self, income):
        # Rows January–April on classes 3–8: −40 −2 +100 +30 +8 −120 −30 −1 +3 = −52.
        assert income.row(statements.RESULT).outcome == -mkr(-52)

    def test_rows_after_the_period_count_for_nothing(self, year):
        may = statements.income_statement(2026, 5)
        assert may.row("operating_costs").outcome == mkr(-155)
        assert statements.income_statement(2026, 4).row("operating_costs").outcome == mkr(-130)

    def test_previous_year_column_covers_the_same_months(self, income):
        assert income.row("operating_income").previous == mkr(38)
        assert income.row(statements.NET_COST).previous == mkr(-92)
        assert income.row(statements.RESULT).previous == mkr(50)
        assert income.row(statements.NET_COST).previous_full == mkr(-228)
        assert income.has_previous

    def test_budget_column_takes_the_frames_as_net_cost(self, income):
        # Frames 100 + 150 + 140 and a tilläggsanslag of 5.
        assert income.row(statements.NET_COST).budget == mkr(-395)
        assert income.row("operating_income").budget is None
        assert income.row("operating_costs").budget is None
        assert income.row("depreciation").budget == mkr(-24)
        assert income.row("tax_revenue").budget == mkr(360)
        assert income.row("general_grants").budget == mkr(90)
        assert income.row(statements.OPERATING_RESULT).budget == mkr(55)
        assert income.row("financial_income").budget == mkr(3)
        assert income.row("financial_costs").budget == mkr(-9)
        assert income.row(statements.RESULT).budget == mkr(49)

    def test_forecast_column_adds_the_forecast_deviations_to_the_net_cost(self, income):
        # Nämnd A forecasts 160 against 155, Nämnd B 138 against 140, KS none: +3.
        assert income.row(statements.NET_COST).forecast == mkr(-398)
        assert income.row("tax_revenue").forecast == mkr(360)
        assert income.row(statements.OPERATING_RESULT).forecast == mkr(52)
        assert income.row(statements.RESULT).forecast == mkr(46)

    def test_without_a_period_there_is_no_forecast_deviation(self, year):
        income = statements.income_statement(2026, 4)
        assert income.row(statements.RESULT).forecast == mkr(49)

    def test_a_year_without_anything_has_empty_columns(self, org):
        kommun_bas_chart()
        income = statements.income_statement(2030, 4)
        assert not income.has_outcome and not income.has_previous and not income.has_budget
        assert all(columns(row) == (None, None, None, None) for row in income.rows)

    def test_the_longest_prefix_decides_the_line(self, org):
        kommun_bas_chart()
        book_rows([(1, "7810", 5 * M), (1, "7010", 7 * M)], unit=org.ks)
        income = statements.income_statement(2026, 1)
        assert income.row("depreciation").outcome == mkr(-5)
        assert income.row("operating_costs").outcome == mkr(-7)

    def test_an_account_that_no_prefix_covers_is_named(self, org):
        kommun_bas_chart()
        AccountMapping.objects.filter(prefix="9").delete()
        book_rows([(1, "9910", 5 * M), (1, "4010", 1 * M)], unit=org.ks)
        income = statements.income_statement(2026, 1)
        assert income.unmapped == [("9910", mkr(5))]
        assert income.row(statements.RESULT).outcome == mkr(-1)

    def test_lines_of_other_kinds_come_before_the_result(self, org):
        kommun_bas_chart()
        extra = StatementLineFactory(
            key="extraordinary_items", name="Extraordinära poster", order=80
        )
        AccountMappingFactory(prefix="87", line=extra)
        book_rows([(1, "8710", -4 * M)], unit=org.ks)
        income = statements.income_statement(2026, 1)
        keys = [r.key for r in income.rows]
        assert keys.index(statements.RESULT_AFTER_FINANCIAL) < keys.index("extraordinary_items")
        assert keys[-1] == statements.RESULT
        assert income.row(statements.RESULT).outcome == mkr(4)

    def test_runs_a_fixed_number_of_queries(self, year, org, django_assert_num_queries):
        # Lines, mappings, sums per account; budget year, frames, forecasts.
        period_id = _tertial1_id()
        with django_assert_num_queries(6):
            statements.income_statement(2026, 4, period_id=period_id)
        book_rows([(2, f"4{n:03d}", n) for n in range(500)], unit=org.enhet_a1)
        with django_assert_num_queries(6):
            income = statements.income_statement(2026, 4, period_id=period_id)
        assert income.row("operating_costs").outcome == mkr(-130) - sum(range(500))


_ORDERED = (
    "operating_income",
    "operating_costs",
    "depreciation",
    statements.NET_COST,
    "tax_revenue",
    "general_grants",
    statements.OPERATING_RESULT,
    "financial_income",
    "financial_costs",
    statements.RESULT_AFTER_FINANCIAL,
    statements.RESULT,
)


class TestBalanceSheet:
    def test_balances_are_the_opening_balance_plus_the_year_so_far(self, year):
        sheet = statements.balance_sheet(2026, 4)
        rows = {row.key: row for row in sheet.rows}
        assert rows["br_land_buildings"].closing == mkr(530)  # 500 + 20 + 10
        assert rows["br_land_buildings"].opening == mkr(500)
        assert rows["br_cash"].closing == mkr(72)
        assert rows["br_equity"].closing == mkr(300)
        assert rows["period_result"].closing == mkr(52)
        assert rows["br_long_term_liabilities"].closing == mkr(200)
        assert rows["br_current_liabilities"].closing == mkr(50)

    def test_assets_equal_equity_and_liabilities(self, year):
        sheet = statements.balance_sheet(2026, 4)
        assert sheet.total_assets.closing == mkr(602)
        assert sheet.total_equity_and_liabilities.closing == mkr(602)
        assert sheet.check.closing == 0
        assert sheet.balances
        assert sheet.equity() == mkr(352)

    def test_previous_year_at_the_same_date(self, year):
        sheet = statements.balance_sheet(2026, 4)
        assert sheet.total_assets.previous == mkr(570)
        assert sheet.total_equity_and_liabilities.previous == mkr(570)
        assert sheet.check.previous == 0

    def test_equity_is_a_group_with_the_result_as_a_row_of_its_own(self, year):
        sheet = statements.balance_sheet(2026, 4)
        rows = sheet.equity_and_liabilities
        keys = [row.key for row in rows]
        assert keys[:4] == ["equity", "period_result", "br_equity", "total_equity"]
        assert [r.kind for r in rows[:4]] == ["group", "line", "line", "subtotal"]
        assert rows[1].label == "Periodens resultat"  # not "varav"
        assert rows[3].closing == mkr(352) == rows[1].closing + rows[2].closing
        assert rows[3].opening == mkr(300)

    def test_the_year_end_names_the_result_for_the_year(self, year):
        sheet = statements.balance_sheet(2026, 12)
        assert sheet.equity_and_liabilities[1].label == "Årets resultat"

    def test_every_total_is_the_sum_of_the_rows_printed_above_it(self, year):
        sheet = statements.balance_sheet(2026, 4)
        assert_rows_add_up(sheet)
        keys = [row.key for row in sheet.equity_and_liabilities]
        # Provisions have no line with amounts of their own here: one line, no subtotal;
        # the liabilities are two lines and a subtotal.
        assert keys[4:] == [
            "br_provisions", "liabilities", "br_long_term_liabilities",
            "br_current_liabilities", "total_liabilities",
        ]  # fmt: skip
        assert sheet.total_equity_and_liabilities.closing == mkr(352) + mkr(250)

    def test_a_difference_in_the_previous_year_alone_does_not_balance(self, year, org):
        AccountMapping.objects.filter(prefix="21").delete()
        book_rows([(0, "2110", -3 * M), (0, "1910", 3 * M)], year=2025, unit=org.ks)
        sheet = statements.balance_sheet(2026, 4)
        assert sheet.check.closing == 0
        assert sheet.check.previous == mkr(3)
        assert not sheet.balances

    def test_an_unmapped_balance_account_shows_as_a_difference(self, year, org):
        AccountMapping.objects.filter(prefix="21").delete()
        book_rows([(3, "2110", -5 * M), (3, "1910", 5 * M)], unit=org.ks)
        sheet = statements.balance_sheet(2026, 4)
        assert sheet.check.closing == mkr(5)
        assert not sheet.balances
        assert sheet.unmapped == [("2110", mkr(-5))]

    def test_runs_a_fixed_number_of_queries(self, year, org, django_assert_num_queries):
        # Lines, mappings, sums per account; the result's budget year and frames.
        with django_assert_num_queries(5):
            statements.balance_sheet(2026, 4)
        book_rows([(0, f"19{n:02d}", n) for n in range(100)], unit=org.enhet_a1)
        with django_assert_num_queries(5):
            sheet = statements.balance_sheet(2026, 4)
        assert sheet.check.closing == sum(range(100))


def assert_rows_add_up(sheet: statements.BalanceSheet) -> None:
    """Every subtotal and total is the sum of the rows printed for it, in every column, and
    the check row is assets minus equity, provisions and liabilities."""
    columns = ("closing", "opening", "previous")

    def added(rows):
        return tuple(sum((getattr(r, c) or 0 for r in rows), Decimal(0)) for c in columns)

    def amounts(row):
        return tuple(getattr(row, c) or 0 for c in columns)

    assert amounts(sheet.total_assets) == added(sheet.assets)
    groups, lines = [], None  # lines: the rows of the group under its heading
    for row in sheet.equity_and_liabilities:
        if row.kind == "group":
            lines = []
        elif row.kind == "subtotal":
            assert amounts(row) == added(lines), row.label
            groups.append(row)
            lines = None
        elif lines is None:
            groups.append(row)  # a group of one line: the line is the group's amount
        else:
            lines.append(row)
    assert amounts(sheet.total_equity_and_liabilities) == added(groups)
    assets, other = amounts(sheet.total_assets), amounts(sheet.total_equity_and_liabilities)
    assert amounts(sheet.check) == tuple(a - b for a, b in zip(assets, other, strict=True))


def test_statement_lines_come_from_the_database(org):
    kommun_bas_chart()
    StatementLine.objects.filter(key="tax_revenue").update(name="Skatteintäkter (egen rubrik)")
    income = statements.income_statement(2026, 4)
    assert income.row("tax_revenue").label == "Skatteintäkter (egen rubrik)"
