"""``statement_notes``: one note per line with an amount or a text, numbered in statement
order (the resultaträkning's first); each note's account groups sum to the line's amount in
the statement; a fixed number of queries at two sizes."""

from __future__ import annotations

import datetime as dt

import pytest

from apps.economy import statements
from apps.economy.models import StatementLine, StatementNote
from apps.economy.notes import statement_notes, year_notes
from tests.economy import notes_fixtures
from tests.economy.factories import AccountMappingFactory, book_rows
from tests.economy.notes_fixtures import mkr
from tests.economy.notes_fixtures import statements as pension_statements
from tests.factories import ReportingPeriodFactory

period = notes_fixtures.period


def test_notes_are_numbered_in_statement_order(period):
    notes = statement_notes(period)
    assert [n.number for n in notes] == list(range(1, len(notes) + 1))
    keys = [n.key for n in notes]
    assert keys[:7] == [
        "operating_income", "operating_costs", "depreciation", "tax_revenue",
        "general_grants", "financial_income", "financial_costs",
    ]  # fmt: skip
    income = [n for n in notes if not n.is_balance]
    assert notes[: len(income)] == income  # the resultaträkning's notes come first
    assert keys[len(income):] == [
        "br_land_buildings", "br_cash", "br_equity", "br_provisions",
        "br_long_term_liabilities", "br_current_liabilities",
    ]  # fmt: skip


def test_lines_without_amounts_have_no_note(period):
    keys = {n.key for n in statement_notes(period)}
    assert "br_receivables" not in keys  # no rows on 15–17 in either year


def test_a_written_text_gives_a_line_a_note(period):
    line = StatementLine.objects.get(key="br_receivables")
    StatementNote.objects.create(year=2026, line=line, text="<p>Inga fordringar.</p>")
    note = next(n for n in statement_notes(period) if n.key == "br_receivables")
    assert note.amount is None
    assert note.text == "<p>Inga fordringar.</p>"


def test_the_account_groups_sum_to_the_statement_lines(period):
    book = statements.ledger(2026, 4)
    income = statements.income_statement(2026, 4, book=book)
    sheet = statements.balance_sheet(2026, 4, book=book, result=income)
    balance_rows = {r.key: r for r in sheet.rows}
    notes = statement_notes(period)
    assert notes
    for note in notes:
        total = sum((g.amount or 0 for g in note.groups), 0)
        previous = sum((g.previous or 0 for g in note.groups), 0)
        if note.is_balance:
            row = balance_rows[note.key]
            assert (total, previous) == (row.closing or 0, row.opening or 0), note.key
        else:
            row = income.row(note.key)
            assert (total, previous) == (row.outcome or 0, row.previous or 0), note.key
        assert note.amount == (total if any(g.amount is not None for g in note.groups) else None)


def test_breakdown_by_account_group(period):
    income = next(n for n in statement_notes(period) if n.key == "operating_income")
    assert [(g.prefix, g.amount) for g in income.groups] == [("3", mkr(40)), ("38", mkr(2))]
    assert income.amount == mkr(42)
    assert income.previous == mkr(38)


def test_the_pension_line_s_note_carries_the_contingent_liability(period):
    current, previous = pension_statements(period)
    notes = statement_notes(period)
    pension_note = next(n for n in notes if n.key == "br_provisions")
    assert pension_note.pensions == current
    assert pension_note.previous_pensions == previous
    assert pension_note.amount == mkr(40)
    assert all(n.pensions is None for n in notes if n is not pension_note)


def test_the_year_page_reads_the_latest_opened_period(period):
    ReportingPeriodFactory(
        year=2026, kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31),
        deadline=dt.date(2027, 2, 12), state="planned",
    )  # fmt: skip
    year = year_notes(2026)
    assert year.through_month == 4
    assert year.references() == {n.key: n.number for n in statement_notes(period)}


@pytest.mark.parametrize("accounts", [3, 60])
def test_notes_run_five_queries_whatever_the_size(period, org, accounts, django_assert_num_queries):
    line = StatementLine.objects.get(key="operating_costs")
    for i in range(accounts):
        prefix = f"46{i:02d}"
        AccountMappingFactory(prefix=prefix, line=line, name=f"Grupp {prefix}")
        book_rows([(2, f"{prefix}1", 1000 + i), (3, "1930", -(1000 + i))], unit=org.forvaltning_a)
    for line in StatementLine.objects.all()[: accounts // 3]:
        StatementNote.objects.get_or_create(year=2026, line=line, defaults={"text": "Text"})
    pension_statements(period)
    # The statement lines, the mappings, the ledger's grouped sums; the year's texts; the
    # period's and the previous year-end's pension statements.
    with django_assert_num_queries(5):
        notes = statement_notes(period)
    costs = next(n for n in notes if n.key == "operating_costs")
    assert len(costs.groups) >= accounts
