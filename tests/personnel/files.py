"""HR files for the tests: a valid kommun file, and ways to spoil it row by row."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = [
    "Enhet", "Grupp", "Tillsvidareanställda", "Visstidsanställda", "Årsarbetare",
    "Ordinarie timmar", "Sjuktimmar", "Sjuktimmar 60 dagar eller mer",
]  # fmt: skip

# The whole kommun: women and men, and the age groups, add up to the total.
KOMMUN = [
    ["", "Totalt", "1 100", "150", "1 120,5", "1 250 000", "87 500", "35 000"],
    ["", "Kvinnor", "860", "115", "870,5", "975 000", "75 000", "31 000"],
    ["", "Män", "240", "35", "250,0", "275 000", "12 500", "4 000"],
    ["", "29 år eller yngre", "150", "60", "170,5", "190 000", "11 000", "2 000"],
    ["", "30–49 år", "500", "60", "510,0", "570 000", "36 500", "13 000"],
    ["", "50 år eller äldre", "450", "30", "440,0", "490 000", "40 000", "20 000"],
]
# A small förvaltning (ansvarskod 2100 in the test org): 15 employees, 8 women, 7 men.
SMALL_UNIT = [
    ["2100", "Totalt", "14", "1", "14,0", "16 000", "1 000", "400"],
    ["2100", "Kvinnor", "8", "0", "7,5", "8 500", "600", "300"],
    ["2100", "Män", "6", "1", "6,5", "7 500", "400", "100"],
]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    return ("\r\n".join(";".join(cells) for cells in [header, *rows]) + "\r\n").encode("utf-8")


def xlsx_bytes(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def changed(rows: list[list[str]], index: int, column: int, value: str) -> list[list[str]]:
    """``rows`` with one cell changed (``index`` counts data rows from 0)."""
    copy = [list(row) for row in rows]
    copy[index][column] = value
    return copy
