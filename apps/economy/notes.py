"""The notes to the resultaträkning and balansräkning: one numbered note per line with an
amount (or a written text) in the year, its breakdown on the line's account groups from the
ledger, and the ekonom's text. The pages, the report's "Noter" and the "Not" column of the
statements all number the notes from ``statement_notes``, so a reference always finds its note.

Amounts are shown as the statements show them (``apps.economy.statements``): revenue
positive and costs negative in the resultaträkning, assets and equity and liabilities
positive in the balansräkning. The account groups of a line sum to the line's amount: they are
the same ledger sums, split by the chart's mappings instead of added up.

Comparison: the resultaträkning's notes compare with the previous year's same months, the
balansräkning's with the previous year-end (the year's opening balance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from apps.core.history import HistoryEntry, fields_named, history_entries, history_records
from apps.economy import selectors, statements
from apps.economy.models import (
    AccountingPrinciples,
    PensionStatement,
    Statement,
    StatementLine,
    StatementNote,
)
from apps.economy.pensions import pension_line_key, statements_of
from apps.periods.models import PeriodState, ReportingPeriod

ZERO = selectors.ZERO


@dataclass(frozen=True)
class NoteGroup:
    """An account group under a line: its prefix, name and amounts (None: no rows)."""

    prefix: str
    name: str
    amount: Decimal | None
    previous: Decimal | None


@dataclass(frozen=True)
class Note:
    number: int
    line: StatementLine
    groups: list[NoteGroup]
    amount: Decimal | None  # the line's amount in the statement
    previous: Decimal | None
    text: str = ""  # the ekonom's text (sanitised HTML), "" without one
    written: StatementNote | None = None
    # The pension line's note: the administrator's statement, this period and last year-end.
    pensions: PensionStatement | None = None
    previous_pensions: PensionStatement | None = None

    @property
    def is_balance(self) -> bool:
        return self.line.statement == Statement.BALANCE

    @property
    def key(self) -> str:
        return self.line.key


@dataclass
class _Sums:
    amount: Decimal | None = None
    previous: Decimal | None = None


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return selectors.sum_present((a, b))


def _balance_group(prefixes: list[str]) -> int:
    """The balansräkning's order on the equity and liabilities side (statements.balance_sheet):
    assets, then eget kapital, avsättningar, skulder."""
    if any(p.startswith(statements.ASSET_CLASS) for p in prefixes):
        return 0
    if any(p[:2] in ("20", "21") for p in prefixes):
        return 1
    if any(p.startswith("22") for p in prefixes):
        return 2
    return 3


def _ordered_lines(book: statements.Ledger, prefixes: dict[int, list[str]]) -> list[StatementLine]:
    """The lines in the order the statements print them: the resultaträkning's first."""
    income = [line for line in book.lines if line.statement == Statement.INCOME]
    income.sort(key=lambda line: (statements.GROUP_OF.get(line.key, statements.OTHER_GROUP),
                                  line.order))  # fmt: skip
    balance = [line for line in book.lines if line.statement == Statement.BALANCE]
    balance.sort(key=lambda line: _balance_group(prefixes.get(line.pk, [])))  # stable
    return income + balance


def notes_for(
    book: statements.Ledger,
    *,
    texts: dict[int, StatementNote],
    pensions: PensionStatement | None = None,
    previous_pensions: PensionStatement | None = None,
) -> list[Note]:
    """The numbered notes of ``book`` (a year's ledger to a month) with ``texts`` (the year's
    notes by line id). No queries."""
    prefixes: dict[int, list[str]] = {}
    for mapping in book.chart.mappings:
        prefixes.setdefault(mapping.line_id, []).append(mapping.prefix)
    sign_of = {
        line.pk: (1 if any(p.startswith(statements.ASSET_CLASS) for p in prefixes.get(line.pk, []))
                  else -1)
        for line in book.lines
    }  # fmt: skip
    statement_of = {line.pk: line.statement for line in book.lines}
    by_mapping: dict[int, _Sums] = {}
    for account, sums in book.accounts.items():
        mapping = book.chart.mapping_for(account)
        if mapping is None:
            continue
        group = by_mapping.setdefault(mapping.pk, _Sums())
        if statement_of.get(mapping.line_id) == Statement.INCOME:
            amount, previous = sums.to_date, sums.previous_to_date
            sign = -1
        else:
            amount, previous = _add(sums.opening, sums.to_date), sums.opening
            sign = sign_of[mapping.line_id]
        group.amount = _add(group.amount, None if amount is None else sign * amount)
        group.previous = _add(group.previous, None if previous is None else sign * previous)

    pension_key = pension_line_key(book)
    notes: list[Note] = []
    mappings = sorted(book.chart.mappings, key=lambda m: m.prefix)
    for line in _ordered_lines(book, prefixes):
        groups = [
            NoteGroup(m.prefix, m.name, by_mapping[m.pk].amount, by_mapping[m.pk].previous)
            for m in mappings
            if m.line_id == line.pk and m.pk in by_mapping
        ]
        amount = selectors.sum_present(g.amount for g in groups)
        previous = selectors.sum_present(g.previous for g in groups)
        written = texts.get(line.pk)
        text = written.text if written is not None else ""
        is_pension_line = line.key == pension_key and pensions is not None
        if amount is None and previous is None and not text and not is_pension_line:
            continue
        notes.append(
            Note(
                number=len(notes) + 1,
                line=line,
                groups=groups,
                amount=amount,
                previous=previous,
                text=text,
                written=written,
                pensions=pensions if is_pension_line else None,
                previous_pensions=previous_pensions if is_pension_line else None,
            )
        )
    return notes


@dataclass
class YearNotes:
    year: int
    through_month: int
    notes: list[Note] = field(default_factory=list)

    def references(self) -> dict[str, int]:
        """{line key: note number}: what the statements' "Not" column prints."""
        return {note.key: note.number for note in self.notes}


def statement_notes(
    period: ReportingPeriod, *, book: statements.Ledger | None = None
) -> list[Note]:
    """The period's notes, numbered in statement order.

    Five queries (two with ``book``), whatever the number of lines, accounts or rows.
    """
    book = book or statements.ledger(period.year, period.ends_on.month)
    texts = {n.line_id: n for n in StatementNote.objects.filter(year=period.year)}
    current, previous = statements_of(period)
    return notes_for(book, texts=texts, pensions=current, previous_pensions=previous)


def year_period(year: int) -> ReportingPeriod | None:
    """The period a year's notes are read for on the writing page: the year's latest period
    that has been opened (the year-end once it is), else its latest. One query."""
    periods = list(ReportingPeriod.objects.filter(year=year).order_by("-ends_on", "-pk"))
    opened = next((p for p in periods if p.state != PeriodState.PLANNED), None)
    return opened or (periods[0] if periods else None)


def year_notes(year: int) -> YearNotes:
    """The year's notes as the writing page shows them: for ``year_period``, else (a year
    without periods) the whole year's ledger. Six queries."""
    period = year_period(year)
    if period is not None:
        return YearNotes(year, period.ends_on.month, statement_notes(period))
    book = statements.ledger(year, 12)
    texts = {n.line_id: n for n in StatementNote.objects.filter(year=year)}
    return YearNotes(year, 12, notes_for(book, texts=texts))


def principles_of(year: int) -> AccountingPrinciples | None:
    return AccountingPrinciples.objects.filter(year=year).first()


def principles_history(principles: AccountingPrinciples) -> list[HistoryEntry]:
    """Who wrote the year's principles, when and why, newest first: one query."""
    entries = history_entries(
        history_records(principles), fields_named(AccountingPrinciples, {"text"}), {}
    )
    entries.reverse()
    return entries


def notes_history(year: int) -> dict[int, list[HistoryEntry]]:
    """{line id: the history of the year's note to it, newest first}: one query."""
    records = StatementNote.history.filter(year=year).select_related("history_user")
    by_note: dict[int, list] = {}
    line_of: dict[int, int] = {}
    for record in records.order_by("history_date", "history_id"):
        by_note.setdefault(record.id, []).append(record)
        line_of[record.id] = record.line_id
    fields = fields_named(StatementNote, {"text"})
    result: dict[int, list[HistoryEntry]] = {}
    for note_id, note_records in by_note.items():
        entries = history_entries(note_records, fields, {})
        entries.reverse()
        result[line_of[note_id]] = entries
    return result
