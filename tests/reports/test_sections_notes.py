"""The report's pension section and notes: the same numbers as the statements' "Not" column
(``references``), one table per note drawn in the PDF and the combined sheet in Excel only,
the scope, and the notes' sums against the statements in the report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from apps.economy.models import AccountingPrinciples, StatementLine, StatementNote
from apps.reports import render
from apps.reports.content import BuildContext, ColumnKind, ReportDocument, ReportKind
from apps.reports.sections import economy, notes
from tests.economy import notes_fixtures
from tests.economy.notes_fixtures import mkr, statements

period = notes_fixtures.period


def ctx_for(period, *, kind=ReportKind.INTERIM, unit=None) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


def document(ctx, sections) -> ReportDocument:
    return ReportDocument(
        kind=ctx.kind, period=ctx.period, unit=None, municipality_name="Exempelkommun",
        title="Delårsrapport 2026", subtitle="", recipient="KF", status="", logo=None,
        logo_type="", sections=sections,
    )  # fmt: skip


def test_references_are_the_numbers_the_notes_print(period):
    ctx = ctx_for(period)
    section = notes.notes(ctx)
    refs = notes.references(ctx)
    assert refs
    printed = {}
    for child in section.children:
        number = int(child.key.removeprefix("note-"))
        printed[number] = child
    assert sorted(refs.values()) == sorted(printed) == list(range(1, len(refs) + 1))
    for key, number in refs.items():
        assert StatementLine.objects.get(key=key).name in printed[number].title


def _by_label(table) -> dict[str, tuple[object, object]]:
    """{row label: (its "Not" cell, its first amount)} of a statement's table."""
    note = next(i for i, c in enumerate(table.columns) if c.header == _note_header())
    amount = next(i for i, c in enumerate(table.columns) if c.kind == ColumnKind.KR)
    return {row[0]: (row[note], row[amount]) for row in table.rows}


def _note_header() -> str:
    return translation.pgettext("statement column", "Note")


def test_each_note_s_table_sums_to_the_statement_s_row_that_refers_to_it(period):
    ctx = ctx_for(period)
    section = notes.notes(ctx)
    refs = notes.references(ctx)
    rows = {
        **_by_label(economy.income_statement(ctx).tables[0]),
        **_by_label(economy.balance_sheet(ctx).tables[0]),
    }
    names = dict(StatementLine.objects.values_list("key", "name"))
    for key, number in refs.items():
        table = section.children[number - 1].tables[0]
        total = sum((row[1] or 0 for row in table.rows), Decimal(0))
        assert table.total[1] == (total if any(r[1] is not None for r in table.rows) else None)
        reference, shown = rows[names[key]]
        assert str(reference) == str(number), key
        assert (shown or 0) == (table.total[1] or 0), key


def test_the_pdf_draws_each_note_and_not_the_combined_sheet(period):
    AccountingPrinciples.objects.create(year=2026, text="<p>Enligt LKBR och RKR.</p>")
    line = StatementLine.objects.get(key="tax_revenue")
    StatementNote.objects.create(year=2026, line=line, text="<p>Skatteprognos från SKR.</p>")
    statements(period)
    ctx = ctx_for(period)
    section = notes.notes(ctx)
    combined = section.tables[0]
    assert combined.sheet
    assert all(t.sheet is None for child in section.children for t in child.tables)
    html = render.render_html(document(ctx, [section]))
    assert 'id="table-noter"' not in html
    assert 'id="table-not-1"' in html
    assert "Enligt LKBR och RKR." in html and "Skatteprognos från SKR." in html
    with translation.override("en"):
        interim = notes.notes(ctx_for(period)).data["interim"]
    assert interim.startswith("The interim report has been prepared")
    # The pension line's note has the contingent liability, in the PDF and in the sheet.
    pension_note = notes.references(ctx)["br_provisions"]
    child = section.children[pension_note - 1]
    assert child.tables[1].rows[1][1:] == [mkr(100), mkr(106)]
    assert [pension_note, "Avsättningar"] == next(r[:2] for r in combined.rows if r[3] == mkr(100))


def test_the_pension_section(period):
    statements(period)
    ctx = ctx_for(period, kind=ReportKind.ANNUAL)
    section = notes.pensions(ctx)
    obligations, ratios = section.tables
    assert obligations.rows[0][1:] == [mkr(40), mkr(38)]
    assert obligations.rows[1][1:] == [mkr(100), mkr(106)]
    assert obligations.total[1:] == [mkr(130), mkr(134)]
    assert [row[1] for row in ratios.rows] == [Decimal("54.8"), Decimal("39.3")]
    assert obligations.sheet and ratios.sheet


@pytest.mark.parametrize("kind", [ReportKind.BUDGET_FOLLOWUP])
def test_the_budget_follow_up_has_no_notes(period, kind):
    statements(period)
    ctx = ctx_for(period, kind=kind)
    assert notes.notes(ctx) is None
    assert notes.pensions(ctx) is None
    assert notes.references(ctx) == {}


def test_a_committee_s_report_has_no_notes(period, org):
    statements(period)
    ctx = ctx_for(period, unit=org.namnd_a)
    assert notes.notes(ctx) is None
    assert notes.pensions(ctx) is None
    assert notes.references(ctx) == {}


def test_without_a_statement_there_is_no_pension_section(period):
    assert notes.pensions(ctx_for(period)) is None
