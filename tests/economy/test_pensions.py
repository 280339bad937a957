"""``pension_figures``: the statement against the ledger, soliditet with and without the
ansvarsförbindelse, the total obligation; the figures of tests/economy/notes_fixtures.py."""

from __future__ import annotations

from decimal import Decimal

from apps.economy.pensions import PENSION_ACCOUNT_PREFIX, pension_figures
from apps.economy.statements import balance_sheet, ledger
from tests.economy import notes_fixtures
from tests.economy.notes_fixtures import mkr, pension_year, statements

period = notes_fixtures.period


def test_without_a_statement_there_are_no_figures(period):
    assert pension_figures(period) is None


def test_the_statement_and_the_previous_year_end(period):
    current, previous = statements(period)
    figures = pension_figures(period)
    assert figures.statement == current
    assert figures.previous == previous
    assert figures.total_obligation == mkr(130)  # 40 + 100 − 10
    assert figures.previous_total_obligation == mkr(134)  # 38 + 106 − 10


def test_the_ledger_agrees_with_the_statement(period):
    statements(period)
    figures = pension_figures(period)
    assert PENSION_ACCOUNT_PREFIX == "221"
    assert figures.ledger_provision == mkr(40)
    assert figures.difference == 0
    assert figures.agrees
    assert figures.line_key == "br_provisions"


def test_a_ledger_that_differs_shows_the_difference(org):
    period = pension_year(org, provision_booked=37)
    statements(period)
    figures = pension_figures(period)
    assert figures.ledger_provision == mkr(37)
    assert figures.difference == mkr(3)
    assert not figures.agrees


def test_equity_ratio_both_ways(period):
    statements(period)
    figures = pension_figures(period)
    sheet = balance_sheet(2026, 4)
    assert sheet.balances
    assert sheet.total_assets.closing == mkr(642)
    assert sheet.equity() == mkr(352)
    assert figures.equity_ratio == Decimal("54.8")  # 352 / 642
    assert figures.equity_ratio_with_pensions == Decimal("39.3")  # (352 − 100) / 642


def test_the_report_s_ledger_and_sheet_cost_one_query(period, django_assert_num_queries):
    statements(period)
    book = ledger(2026, 4)
    sheet = balance_sheet(2026, 4, book=book)
    with django_assert_num_queries(1):
        figures = pension_figures(period, book=book, sheet=sheet)
    assert figures.equity_ratio == Decimal("54.8")
