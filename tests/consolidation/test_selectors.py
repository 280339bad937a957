"""The sammanställd redovisning's invariants: the consolidated balansräkning balances when its
parts do, the consolidated result is the kommun's plus each bolag's share less what is
eliminated, and an eliminated loan takes the same amount off both sides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from apps.consolidation import selectors
from apps.consolidation.models import CompanyLine, InternalKind, InternalTransaction, Ownership
from apps.economy import statements
from tests.consolidation.builders import ENERGY, HOUSING, add_figures, build_koncern, result_of
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def test_parts_balance_and_so_does_the_koncern(org):
    koncern = build_koncern(org)
    kommun = statements.kommun_statements(koncern.period)
    assert kommun.sheet.balances
    sheet = selectors.consolidated_balance_sheet(koncern.period)
    assets = sheet.amount(selectors.TOTAL_ASSETS)
    assert assets == sheet.amount(selectors.TOTAL_EQUITY_AND_LIABILITIES)
    assert assets > 0
    assert not sheet.amount(selectors.DIFFERENCE)


def test_consolidated_result_is_kommun_plus_shares_less_eliminations(org):
    koncern = build_koncern(org)
    kommun = statements.kommun_statements(koncern.period)
    income = selectors.consolidated_income_statement(koncern.period)
    own = kommun.income.amount(statements.RESULT, "outcome")
    eliminated = sum((r.eliminations or 0 for r in income.rows if r.kind == "line"), Decimal(0))
    expected = own + result_of(HOUSING) + Decimal("0.91") * result_of(ENERGY) + eliminated
    assert income.amount(selectors.RESULT) == expected
    assert eliminated == 0  # internal sales and interest leave the result as it is
    assert income.amount(selectors.RESULT, "kommun") == own


def test_internal_sales_come_off_revenue_and_costs(org):
    koncern = build_koncern(org)
    income = selectors.consolidated_income_statement(koncern.period)
    # 8 mnkr rent from the wholly owned bolag; 2 mnkr heat between the bolag at 100 % x 91 %
    removed = Decimal("8000000") + Decimal("0.91") * Decimal("2000000")
    assert income.amount("operating_income", "eliminations") == -removed
    assert income.amount("operating_costs", "eliminations") == removed
    assert income.amount("financial_income", "eliminations") == Decimal("-0.91") * 900000


def test_eliminating_a_loan_changes_both_sides_by_the_same_amount(org):
    koncern = build_koncern(org, with_internal=False)
    before = selectors.consolidated_balance_sheet(koncern.period)
    InternalTransaction.objects.create(
        period=koncern.period, seller=None, buyer=koncern.energy, kind=InternalKind.LOAN,
        amount=Decimal("50000000"), description="Lån",
    )  # fmt: skip
    after = selectors.consolidated_balance_sheet(koncern.period)
    change = Decimal("0.91") * 50000000
    for key in (selectors.TOTAL_ASSETS, selectors.TOTAL_EQUITY_AND_LIABILITIES):
        assert before.amount(key) - after.amount(key) == change
    assert (
        before.amount(CompanyLine.LONG_TERM_LIABILITIES)
        - after.amount(CompanyLine.LONG_TERM_LIABILITIES)
        == change
    )


def test_unbalanced_part_shows_in_the_difference_row(org):
    koncern = build_koncern(org)
    koncern.housing.company_figures.filter(line=CompanyLine.EQUITY).update(amount=1)
    sheet = selectors.consolidated_balance_sheet(koncern.period)
    assert sheet.amount(selectors.DIFFERENCE) != 0


def test_company_under_twenty_percent_is_left_out(org):
    koncern = build_koncern(org, with_internal=False)
    Ownership.objects.create(company=koncern.energy, share=15, from_year=2026)
    income = selectors.consolidated_income_statement(koncern.period)
    assert [c.company for c in income.companies] == [koncern.housing]
    assert [o.company for o in income.left_out] == [koncern.energy]


def test_share_in_force_is_the_latest_not_after_the_year(org):
    koncern = build_koncern(org, with_internal=False)
    Ownership.objects.create(company=koncern.energy, share=60, from_year=2026)
    Ownership.objects.create(company=koncern.energy, share=30, from_year=2027)
    income = selectors.consolidated_income_statement(koncern.period)
    assert [c.share for c in income.companies] == [100, 60]


def test_cash_flow_result_matches_the_income_statement(org):
    koncern = build_koncern(org)
    year_end = ReportingPeriodFactory(
        year=2025, kind="bokslut", name="Bokslut", ends_on=dt.date(2025, 12, 31)
    )
    add_figures(year_end, koncern.housing, HOUSING)
    add_figures(year_end, koncern.energy, ENERGY)
    result = selectors.consolidated_statements(koncern.period)
    assert result.cash_flow.amount("result") == result.income.amount(selectors.RESULT)
    flow = result.cash_flow
    total = sum((flow.amount(k) for k in ("operating", "investing", "financing")), Decimal(0))
    assert flow.amount(selectors.CASH_FLOW) == total
    # The bolag's own flows: result, depreciation added back, investeringar, lån
    housing = flow.companies.index(next(c for c in flow.companies if c.company == koncern.housing))
    assert flow.row("investing").companies[housing] == -Decimal(HOUSING[CompanyLine.INVESTMENTS])


def test_bolag_without_the_previous_year_end_is_left_out_of_the_cash_flow(org):
    koncern = build_koncern(org)
    flow = selectors.consolidated_cash_flow(koncern.period)
    assert flow.companies == []
    assert flow.without_opening == [koncern.housing, koncern.energy]
    kommun = statements.kommun_statements(koncern.period)
    assert flow.amount("result") == kommun.income.amount(statements.RESULT, "outcome")


def test_previous_column_needs_the_previous_years_period(org):
    koncern = build_koncern(org)
    assert selectors.consolidated_income_statement(koncern.period).previous_period is None
    previous = ReportingPeriodFactory(year=2025)
    add_figures(previous, koncern.housing, HOUSING)
    income = selectors.consolidated_income_statement(koncern.period)
    assert income.previous_period == previous
    assert income.amount("operating_income", "previous") == Decimal(
        HOUSING[CompanyLine.OPERATING_INCOME]
    )


def test_companies_in_period(org):
    koncern = build_koncern(org)
    rows = selectors.companies_in_period(koncern.period)
    assert [(r.company, r.share, r.result, r.forecast, r.balances) for r in rows] == [
        (koncern.housing, 100, result_of(HOUSING), Decimal("6000000"), True),
        (koncern.energy, 91, result_of(ENERGY), None, True),
    ]
