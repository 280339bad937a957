"""The consolidated statements as the rows every output draws: the page, the Excel export and
the report's tables take their headers and rows from here, so they show the same figures."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from apps.consolidation.selectors import ConsolidatedStatement
from styrmodell.lib import xlsx
from styrmodell.lib.formats import format_number


def statement_title(statement: ConsolidatedStatement) -> str:
    titles = {
        "rr": _("Consolidated income statement"),
        "br": _("Consolidated balance sheet"),
        "kf": _("Consolidated cash flow statement"),
    }
    return titles[statement.key]


def sheet_name(statement: ConsolidatedStatement) -> str:
    names = {"rr": _("Group income"), "br": _("Group balance"), "kf": _("Group cash flow")}
    return names[statement.key]


def share_text(share) -> str:
    """An ownership share as the koncern's pages and reports write it: "91 %", "33,33 %"."""
    return f"{format_number(share, 0 if share == int(share) else 2)}\u00a0%"


def company_header(name: str, share) -> str:
    """ "Bostäder AB (91 %)": the column of a bolag's figures by the owned share."""
    return f"{name} ({share_text(share)})"


def amount_headers(statement: ConsolidatedStatement) -> list[str]:
    """The amount columns: the kommun, each bolag, the eliminations, the koncern, and the
    koncern of the previous year's same period when there is one."""
    headers = [
        _("Municipality"),
        *(company_header(c.company.name, c.share) for c in statement.companies),
        _("Eliminations"),
        _("Municipal group"),
    ]
    if statement.previous_period is not None:
        headers.append(_("Municipal group, %(period)s") % {"period": statement.previous_period})
    return headers


def statement_rows(statement: ConsolidatedStatement) -> list[list[object]]:
    """Each row as the label followed by its amounts (kronor; None where there is none)."""
    rows = []
    for row in statement.rows:
        label = f"\u2003{row.label}" if row.kind == "memo" else row.label
        cells: list[object] = [label, *row.amounts]
        if statement.previous_period is not None:
            cells.append(row.previous)
        rows.append(cells)
    return rows


def emphasised(statement: ConsolidatedStatement) -> frozenset[int]:
    return frozenset(i for i, row in enumerate(statement.rows) if row.kind in ("subtotal", "total"))


def statement_sheets(statements: Sequence[ConsolidatedStatement]) -> list[xlsx.Sheet]:
    sheets = []
    for statement in statements:
        columns = [xlsx.Column(_("Line"), width=48)] + [
            xlsx.Column(f"{header}, kr", xlsx.AMOUNT_FORMAT) for header in amount_headers(statement)
        ]
        sheets.append(
            xlsx.Sheet(title=sheet_name(statement), columns=columns, rows=statement_rows(statement))
        )
    return sheets
