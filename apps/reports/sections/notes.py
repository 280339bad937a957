"""The notes to the resultaträkning and balansräkning, the redovisningsprinciper, and the
pension obligations (avsättning and ansvarsförbindelse; soliditet with and without).

The notes are numbered once per report (``apps.economy.notes.statement_notes``, shared through
``ctx.shared``): the "Not" column of the statements (``references``) and the "Noter" section
print the same numbers. Each note is a subsection with its own table, drawn in the PDF; one
combined table with every note's rows and its number is the Excel sheet "Noter", and is not
drawn in the PDF (the notes' template draws the principles only).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.economy import notes as economy_notes
from apps.economy.models import AccountingPrinciples
from apps.economy.pensions import PensionFigures, pension_figures
from apps.reports.content import (
    BuildContext,
    Col,
    ColumnKind,
    ReportKind,
    RichText,
    Section,
    Table,
    formatted,
)
from apps.reports.sections import reads
from styrmodell.lib.formats import format_date, format_percent, format_tkr

KR = ColumnKind.KR
NOTES_TEMPLATE = "reports/pdf/sections/notes.html"
NOTE_TEMPLATE = "reports/pdf/sections/notes_note.html"


def _in_scope(ctx: BuildContext) -> bool:
    """The kommun's delårsrapport and årsredovisning have notes and pension figures."""
    return ctx.is_kommun and ctx.kind in (ReportKind.INTERIM, ReportKind.ANNUAL)


def _notes(ctx: BuildContext) -> list[economy_notes.Note]:
    """The report's notes, computed once: the references and the section read the same."""
    key = "notes:notes"
    if key not in ctx.shared:
        ctx.shared[key] = economy_notes.statement_notes(ctx.period, book=reads.ledger(ctx))
    return ctx.shared[key]


def references(ctx: BuildContext) -> dict[str, int]:
    """{statement line key: note number} for the notes this report prints."""
    if not _in_scope(ctx):
        return {}
    return {note.key: note.number for note in _notes(ctx)}


# --- Pensionsförpliktelser ------------------------------------------------------------------


def _pension_figures(ctx: BuildContext) -> PensionFigures | None:
    key = "notes:pensions"
    if key not in ctx.shared:
        ctx.shared[key] = pension_figures(
            ctx.period, book=reads.ledger(ctx), sheet=reads.balance(ctx)
        )
    return ctx.shared[key]


def _previous_header(figures: PensionFigures) -> str:
    if figures.previous is not None:
        return _("Balance %(date)s") % {"date": format_date(figures.previous.period.ends_on)}
    return _("Balance %(date)s") % {"date": format_date(dt.date(figures.period.year - 1, 12, 31))}


def _pension_sentence(figures: PensionFigures) -> str:
    statement = figures.statement
    sentences = [
        _(
            "The provision for pensions is %(provision)s and the contingent liability for "
            "pensions earned before 1998 %(liability)s, both including payroll tax; the total "
            "pension obligation is %(total)s."
        )
        % {
            "provision": format_tkr(statement.provision),
            "liability": format_tkr(statement.contingent_liability),
            "total": format_tkr(figures.total_obligation),
        }
    ]
    if figures.previous is not None:
        change = statement.contingent_liability - figures.previous.contingent_liability
        sentences.append(
            _("The contingent liability has changed by %(change)s since the previous year-end.")
            % {"change": format_tkr(change)}
        )
    if figures.equity_ratio is not None and figures.equity_ratio_with_pensions is not None:
        sentences.append(
            _(
                "The equity ratio is %(ratio)s, and %(with_pensions)s including the contingent "
                "liability for pensions."
            )
            % {
                "ratio": format_percent(figures.equity_ratio),
                "with_pensions": format_percent(figures.equity_ratio_with_pensions),
            }
        )
    if figures.difference:
        sentences.append(
            _(
                "The provision according to the pension administrator differs from the ledger "
                "by %(difference)s."
            )
            % {"difference": format_tkr(figures.difference)}
        )
    return " ".join(sentences)


def pensions(ctx: BuildContext) -> Section | None:
    """Pensionsförpliktelser: the statement this period and at the previous year-end, and
    soliditet with and without the ansvarsförbindelse."""
    if not _in_scope(ctx):
        return None
    figures = _pension_figures(ctx)
    if figures is None:
        return None
    statement, previous = figures.statement, figures.previous

    def of(statement, field: str):
        return None if statement is None else getattr(statement, field)

    rows: list[list[object]] = [
        [_("Provision for pensions incl. payroll tax"), statement.provision,
         of(previous, "provision")],
        [_("Contingent liability for pensions earned before 1998 incl. payroll tax"),
         statement.contingent_liability, of(previous, "contingent_liability")],
    ]  # fmt: skip
    if statement.pension_funds is not None or of(previous, "pension_funds") is not None:
        rows.append([_("Pension funds under management, market value"), statement.pension_funds,
                     of(previous, "pension_funds")])  # fmt: skip
    obligations = Table(
        key="pensioner",
        title=_("Pension obligations, %(period)s") % {"period": ctx.period},
        columns=[
            Col(_("Item")),
            Col(_("Balance %(date)s") % {"date": format_date(ctx.period.ends_on)}, KR),
            Col(_previous_header(figures), KR),
        ],
        rows=rows,
        total=[_("Total pension obligation"), figures.total_obligation,
               figures.previous_total_obligation],
        sheet=_("Pension obligations"),
        note=_(
            "According to the pension administrator's statement%(administrator)s. The total "
            "obligation is the provision plus the contingent liability minus the funds under "
            "management."
        ) % {"administrator": f" ({statement.administrator})" if statement.administrator else ""},
    )  # fmt: skip
    ratios = Table(
        key="pensioner-soliditet",
        title=_("Equity ratio with and without the pension obligations"),
        columns=[Col(_("Key figure")), Col(format_date(ctx.period.ends_on), ColumnKind.PERCENT)],
        rows=[
            [_("Equity ratio"), figures.equity_ratio],
            [
                _("Equity ratio incl. the contingent liability for pensions"),
                figures.equity_ratio_with_pensions,
            ],
        ],
        sheet=_("Equity ratio and pensions"),
        note=_("Equity (the result for the period included) divided by total assets."),
    )
    return Section(
        key="pensions",
        title=_("Pension obligations"),
        tables=[obligations, ratios],
        intro=_pension_sentence(figures),
    )


# --- Noter ----------------------------------------------------------------------------------


def _principles(ctx: BuildContext) -> tuple[str, int | None]:
    """The redovisningsprinciper the report prints (this year's; the delårsrapport falls back
    on last year's, which its year follows) and their year."""
    found = {
        p.year: p for p in AccountingPrinciples.objects.filter(year__in=(ctx.year, ctx.year - 1))
    }
    chosen = found.get(ctx.year)
    if chosen is None and ctx.kind == ReportKind.INTERIM:
        chosen = found.get(ctx.year - 1)
    return (chosen.text, chosen.year) if chosen is not None else ("", None)


def _columns(ctx: BuildContext, note: economy_notes.Note) -> list[Col]:
    if note.is_balance:
        return [
            Col(_("Account group")),
            Col(_("Balance %(date)s") % {"date": format_date(ctx.period.ends_on)}, KR),
            Col(_("Balance %(date)s") % {"date": format_date(dt.date(ctx.year - 1, 12, 31))}, KR),
        ]
    return [
        Col(_("Account group")),
        Col(reads.outcome_header(ctx), KR),
        Col(reads.outcome_header(ctx, ctx.year - 1), KR),
    ]


def _pension_rows(note: economy_notes.Note) -> list[list[object]]:
    if note.pensions is None:
        return []
    previous = note.previous_pensions
    return [
        [_("Provision for pensions according to the pension administrator"),
         note.pensions.provision, previous.provision if previous else None],
        [_("Contingent liability: pension obligations not included among liabilities or "
           "provisions"),
         note.pensions.contingent_liability, previous.contingent_liability if previous else None],
    ]  # fmt: skip


def _note_section(ctx: BuildContext, note: economy_notes.Note) -> Section:
    columns = _columns(ctx, note)
    title = _("Note %(number)s %(name)s") % {"number": note.number, "name": note.line.name}
    tables = [
        Table(
            key=f"not-{note.number}",
            title=_("Note %(number)s by account group") % {"number": note.number},
            columns=columns,
            rows=[[f"{g.prefix} {g.name}", g.amount, g.previous] for g in note.groups],
            total=[_("Total"), note.amount, note.previous],
        )
    ]
    pension_rows = _pension_rows(note)
    if pension_rows:
        tables.append(
            Table(
                key=f"not-{note.number}-pensioner",
                title=_("Pension obligations according to the pension administrator"),
                columns=[Col(_("Item")), *columns[1:]],
                rows=pension_rows,
                note=_("Including payroll tax."),
            )
        )
    return Section(
        key=f"note-{note.number}",
        title=title,
        template=NOTE_TEMPLATE,
        data={"text": formatted(note.text) if note.text else ""},
        tables=tables,
    )


def _combined_table(notes: list[economy_notes.Note]) -> Table:
    """Every note's rows with its number: the Excel sheet "Noter" (not drawn in the PDF)."""
    rows: list[list[object]] = []
    for note in notes:
        name = note.line.name
        for group in note.groups:
            rows.append([note.number, name, f"{group.prefix} {group.name}", group.amount,
                         group.previous])  # fmt: skip
        rows.append([note.number, name, _("Total"), note.amount, note.previous])
        for label, amount, previous in _pension_rows(note):
            rows.append([note.number, name, label, amount, previous])
        if note.text:
            rows.append([note.number, name, RichText(note.text), None, None])
    return Table(
        key="noter",
        title=_("Notes"),
        columns=[
            Col(pgettext("statement column", "Note"), ColumnKind.NUMBER, decimals=0),
            Col(_("Line")),
            Col(_("Account group")),
            Col(_("This year"), KR),
            Col(_("Comparison"), KR),
        ],
        rows=rows,
        sheet=_("Notes"),
        note=_(
            "The income statement's notes compare with the previous year's same months, the "
            "balance sheet's with the previous year-end."
        ),
    )


def notes(ctx: BuildContext) -> Section | None:
    """Redovisningsprinciper and the numbered notes."""
    if not _in_scope(ctx):
        return None
    numbered = _notes(ctx)
    text, principles_year = _principles(ctx)
    if not numbered and not text:
        return None
    interim = ""
    if ctx.kind == ReportKind.INTERIM:
        interim = _(
            "The interim report has been prepared according to the same accounting principles "
            "as the annual report."
        )
    return Section(
        key="notes",
        title=_("Notes"),
        template=NOTES_TEMPLATE,
        data={
            "principles_heading": _("Accounting principles"),
            "principles": formatted(text) if text else "",
            "principles_year": principles_year,
            "interim": interim,
        },
        tables=[_combined_table(numbered)] if numbered else [],
        children=[_note_section(ctx, note) for note in numbered],
    )
