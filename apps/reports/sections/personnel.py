"""Väsentliga personalförhållanden: antal anställda, årsarbetare and sjukfrånvaro with the
breakdown LKBR 11 kap. requires.

The rows are ``apps.personnel.selectors.personnel_figures``, the same the personnel page and
its Excel export show. The kommun's report has every group the law asks for as a row, shown,
suppressed or missing; a nämnd's report has the rows of its units, if the file had any.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.personnel.selectors import PersonnelTable, UnitFigures, personnel_figures
from apps.reports.content import BuildContext, Col, ColumnKind, ReportKind, Section, Table

NOT_SHOWN = "–"


def _columns(table: PersonnelTable) -> list[Col]:
    previous = (
        _("Sick leave %(period)s") % {"period": table.previous_period.short_label}
        if table.previous_period
        else _("Sick leave previous year")
    )
    return [
        Col(_("Group")),
        Col(_("Employees"), ColumnKind.NUMBER, 0),
        Col(_("Full-time equivalents"), ColumnKind.NUMBER, 1),
        Col(_("Sick leave"), ColumnKind.PERCENT, 1),
        Col(_("Share 60 days or more"), ColumnKind.PERCENT, 1),
        Col(previous, ColumnKind.PERCENT, 1),
    ]


def _note(block: UnitFigures) -> str:
    """Which groups are not reported, and why; and which the file did not have."""
    by_reason: dict[str, list[str]] = {}
    for row in block.suppressed_rows:
        by_reason.setdefault(row.suppressed_reason, []).append(row.label)
    notes = [
        _("%(reason)s Applies to: %(groups)s.") % {"reason": reason, "groups": ", ".join(groups)}
        for reason, groups in by_reason.items()
    ]
    missing = [row.label for row in block.rows if row.missing]
    if missing:
        notes.append(_("Not in the HR system's file: %(groups)s.") % {"groups": ", ".join(missing)})
    return " ".join(notes)


def _rows(block: UnitFigures) -> list[list[object]]:
    rows = []
    for row in block.rows:
        now = row.current
        if row.suppressed:
            figures: list[object] = [NOT_SHOWN] * 4
        else:
            figures = [now.employees, now.annual_workers, now.sick_percent, now.long_sick_share]
        previous = NOT_SHOWN if row.previous_suppressed else row.previous.sick_percent
        rows.append([row.label, *figures, previous])
    return rows


def _table(table: PersonnelTable, block: UnitFigures, key: str, sheet: str) -> Table:
    return Table(
        key=key,
        title=block.name,
        columns=_columns(table),
        rows=_rows(block),
        sheet=sheet[:31],
        note=_note(block),
    )


def personnel(ctx: BuildContext) -> Section | None:
    """The personnel figures of the delårsrapport and the årsredovisning (the budget
    follow-up leaves them out)."""
    if ctx.kind == ReportKind.BUDGET_FOLLOWUP:
        return None
    table = personnel_figures(ctx.period, ctx.unit)
    if ctx.unit is None:
        tables = [_table(table, table.blocks[0], "personal", _("Personnel"))]
    else:
        tables = [
            _table(table, block, f"personal-{block.unit.pk}",
                   f"{_('Personnel')} {block.unit.short_name}")
            for block in table.blocks
        ]  # fmt: skip
        if not tables:
            return None
    intro = _(
        "Employees (permanent and temporary), full-time equivalents and sick leave as a share "
        "of the ordinary working hours, with the share of the sick leave that lasted 60 days "
        "or more, for %(period)s. A group of at most ten employees is not reported."
    ) % {"period": ctx.period}
    if not table.has_figures:
        intro = _("No personnel figures have been imported for %(period)s.") % {
            "period": ctx.period
        }
    return Section(key="personal", title=_("Personnel"), tables=tables, intro=intro)
