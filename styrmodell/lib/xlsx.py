"""Tables as Excel workbooks: real numbers (not text), Swedish headers, widths that fit.

Framework-free: give it a title, the column headers and rows of plain values (str, int,
Decimal, date, None); amounts stay numbers in Excel with a thousands format, so a controller
can go on calculating with them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

AMOUNT_FORMAT = "#,##0"  # Excel shows its own locale's separators: "1 234 567" in Swedish
DECIMAL_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    header: str
    number_format: str | None = None  # None: text or integers as they are
    width: int | None = None


@dataclass(frozen=True)
class Sheet:
    title: str  # at most 31 characters in Excel
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    total_row: Sequence[object] | None = None


def _cell_value(value: object) -> object:
    if isinstance(value, Decimal):
        # openpyxl writes Decimal as a number; keep it exact as far as a double allows
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, str):
        # Control characters (pasted from a word processor) are not allowed in the XML
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _sheet_title(title: str) -> str:
    """At most 31 characters without those Excel refuses (a decision's title may have them)."""
    return re.sub(r"[\\*?:/\[\]]", "-", ILLEGAL_CHARACTERS_RE.sub("", title))[:31].strip("'")


def _append(ws, values: Sequence[object]) -> None:
    """Append a row with every string as text.

    openpyxl takes a string that starts with "=" for a formula; a goal titled
    ``=HYPERLINK(...)`` must reach Excel as the text it is, never as a live formula.
    """
    ws.append([_cell_value(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook as bytes, one worksheet per sheet, header row bold and frozen."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(_sheet_title(sheet.title) or "-")
        _append(ws, [c.header for c in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        widths = [max(len(c.header), 8) for c in sheet.columns]
        rows = list(sheet.rows)
        if sheet.total_row is not None:
            rows.append(sheet.total_row)
        for row in rows:
            _append(ws, row)
            for index, value in enumerate(row):
                if value is not None:
                    shown = f"{value:,.0f}" if isinstance(value, Decimal) else str(value)
                    widths[index] = max(widths[index], min(len(shown), 60))
        for index, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(index)
            if column.number_format:
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    if isinstance(cell.value, (int, float)):
                        cell.number_format = column.number_format
                    elif isinstance(cell.value, dt.date):
                        cell.number_format = DATE_FORMAT
            ws.column_dimensions[letter].width = (column.width or widths[index - 1]) + 2
        if sheet.total_row is not None:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
