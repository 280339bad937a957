"""Reading a bolag's figures from a simple file: CSV (``;``, UTF-8) or XLSX, with the columns
bolag, rad and belopp, one row per line of the bolag's statements.

``bolag`` is the company's name, short name or ansvarskod; ``rad`` a koncern line's key
(``operating_income``) or its Swedish name (``Verksamhetens intäkter``), or "Helårsprognos"
for the full-year forecast of the result; ``belopp`` an amount in kronor in Swedish format
("1 234,5", "-1234"). The file is read with the outcome import's reader
(``apps.economy.outcomes``); nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.consolidation.models import CompanyLine
from apps.economy.outcomes import RowError, Table, parse_amount

COMPANY, LINE, AMOUNT = "bolag", "rad", "belopp"
COLUMNS = (COMPANY, LINE, AMOUNT)
HEADER_NAMES = {
    COMPANY: ("bolag", "foretag", "company", "organisationsnummer", "ansvarskod", "ansvar"),
    LINE: ("rad", "post", "line", "radnyckel"),
    AMOUNT: ("belopp", "beloppkr", "amount", "kr"),
}
FORECAST = "forecast"  # the row that holds the full-year forecast of the result

# The lines' Swedish names as a bolag's own statements print them (the file is Swedish
# whatever the UI's language); normalised by _normalise.
SWEDISH_NAMES = {
    CompanyLine.OPERATING_INCOME: ("Verksamhetens intäkter", "Nettoomsättning", "Intäkter"),
    CompanyLine.OPERATING_COSTS: ("Verksamhetens kostnader", "Rörelsens kostnader"),
    CompanyLine.DEPRECIATION: ("Avskrivningar",),
    CompanyLine.FINANCIAL_INCOME: ("Finansiella intäkter",),
    CompanyLine.FINANCIAL_COSTS: ("Finansiella kostnader",),
    CompanyLine.APPROPRIATIONS: ("Bokslutsdispositioner",),
    CompanyLine.TAX: ("Skatt", "Bolagsskatt", "Skatt på årets resultat"),
    CompanyLine.FIXED_ASSETS: ("Anläggningstillgångar",),
    CompanyLine.CURRENT_ASSETS: ("Omsättningstillgångar",),
    CompanyLine.CASH: ("Kassa och bank", "Varav kassa och bank", "Likvida medel"),
    CompanyLine.EQUITY: ("Eget kapital",),
    CompanyLine.PROVISIONS: ("Avsättningar",),
    CompanyLine.LONG_TERM_LIABILITIES: ("Långfristiga skulder",),
    CompanyLine.CURRENT_LIABILITIES: ("Kortfristiga skulder",),
    CompanyLine.INVESTMENTS: ("Investeringar", "Investeringsutgifter"),
    CompanyLine.NEW_BORROWING: ("Nyupplåning",),
    CompanyLine.AMORTISATION: ("Amortering", "Amortering av skuld"),
    FORECAST: ("Helårsprognos", "Helårsprognos resultat", "Prognos årets resultat"),
}


def _normalise(text: str) -> str:
    text = text.lower().translate(str.maketrans("åäö", "aao"))
    return re.sub(r"[^a-z0-9]", "", text)


_LINE_OF = {
    _normalise(name): key for key, names in SWEDISH_NAMES.items() for name in (*names, str(key))
}


def line_of(text: str) -> str | None:
    """The line key (or ``FORECAST``) a file's ``rad`` names, None if none."""
    return _LINE_OF.get(_normalise(text))


def swedish_name(key: str) -> str:
    return SWEDISH_NAMES[key][0]


@dataclass(frozen=True)
class FigureRow:
    row_number: int
    company: str  # as written in the file
    line: str  # a CompanyLine value or FORECAST
    amount: Decimal


def column_positions(headers: list[str]) -> tuple[dict[str, int], list[RowError]]:
    """Which column holds each field, by the header names; errors at row 1 for a missing one."""
    normalised = [_normalise(h) for h in headers]
    positions: dict[str, int] = {}
    for column in COLUMNS:
        for name in HEADER_NAMES[column]:
            if name in normalised and normalised.index(name) not in positions.values():
                positions[column] = normalised.index(name)
                break
    errors = [
        RowError(1, column, "", _("The file has no column %(column)s.") % {"column": column})
        for column in COLUMNS
        if column not in positions
    ]
    return positions, errors


def parse_rows(table: Table, positions: dict[str, int]) -> Iterator[FigureRow | RowError]:
    """Each data row as a ``FigureRow``, or a ``RowError`` per bad field."""
    headers = table.headers
    for number, cells in table.rows:
        cells = cells + [""] * (len(headers) - len(cells))
        company = cells[positions[COMPANY]].strip()
        raw_line = cells[positions[LINE]].strip()
        raw_amount = cells[positions[AMOUNT]].strip()
        failed = False
        if not company:
            failed = True
            yield RowError(number, headers[positions[COMPANY]], "", _("Name the company."))
        line = line_of(raw_line)
        if line is None:
            failed = True
            yield RowError(
                number, headers[positions[LINE]], raw_line,
                _("No line of the company's statements has this name."),
            )  # fmt: skip
        try:
            amount = parse_amount(raw_amount)
        except ValueError as error:
            failed = True
            yield RowError(number, headers[positions[AMOUNT]], raw_amount, str(error))
        if not failed:
            yield FigureRow(number, company, line, amount)
