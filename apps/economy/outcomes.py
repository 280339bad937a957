"""Reading an outcome file as the ekonomisystem exports it: CSV or XLSX, one row per month,
ansvar, account (and project) with its amount.

CSV as Swedish systems write it: ``;`` between fields (``,`` and tab are recognised too),
Windows-1252 or UTF-8 with or without a byte order mark, decimal comma, spaces or dots
between thousands, a minus written ``-`` or ``−``. XLSX: the first sheet. Either way a header
row names the columns, and a column map says which column holds which field.

Nothing here touches the database: the import service turns ansvarskoder into units,
accounts into statement lines, and decides what is allowed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styrmodell.lib.formats import MONTH_ABBREVIATIONS
from styrmodell.lib.numbers import NumberError, parse_decimal

PERIOD, ANSVARSKOD, ACCOUNT = "period", "ansvarskod", "account"
AMOUNT, PROJECT = "amount", "project"
FIELDS = (PERIOD, ANSVARSKOD, ACCOUNT, AMOUNT, PROJECT)
REQUIRED_FIELDS = (PERIOD, ANSVARSKOD, ACCOUNT, AMOUNT)
FIELD_LABELS = {
    PERIOD: gettext_lazy("Period (year and month)"),
    ANSVARSKOD: gettext_lazy("Responsibility code (ansvar)"),
    ACCOUNT: gettext_lazy("Account"),
    AMOUNT: gettext_lazy("Amount"),
    PROJECT: gettext_lazy("Project code"),
}

# Header names, as normalised by _normalise, that propose a column for a field; earlier
# names win. A header that only starts with one of them ("Belopp kr") is a weaker match.
HEADER_NAMES = {
    PERIOD: ("period", "armanad", "arman", "manad", "bokforingsperiod", "bokforingsdatum", "datum"),
    ANSVARSKOD: ("ansvarskod", "ansvar", "ansv", "ansvarsnummer", "ansvnr", "ansvarsomrade"),
    ACCOUNT: ("konto", "kontonr", "kontonummer", "account", "kto"),
    AMOUNT: ("belopp", "utfall", "amount", "summa", "beloppkr", "utfallkr"),
    PROJECT: ("projektkod", "projekt", "projektnr", "projektnummer", "proj", "project"),
}

XLSX_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive
READ_CHUNK = 64 * 1024  # a CSV file is decoded this many bytes at a time
# An XLSX file is checked before it is unpacked: a workbook of a few hundred thousand ledger
# rows unpacks to some 100 MB of XML, packed 5 to 20 times; a zip bomb packs 1000 times.
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members together
MAX_XLSX_SHARED_STRINGS_BYTES = 20 * 1024 * 1024  # openpyxl holds these all in memory
MAX_XLSX_RATIO = 100  # unpacked size over packed size of a member of 1 MB or more
MAX_XLSX_MEMBERS = 100
MAX_XLSX_COLUMNS = 100  # columns read per row; a ledger export has a dozen
OPENING_BALANCE = 0  # the month of an opening balance (ingående balans)
MAX_INTEGER_DIGITS = 14  # MONEY: 16 digits, 2 of them decimals


def max_upload_bytes() -> int:
    """The largest file the import takes (settings.OUTCOME_UPLOAD_MAX_MB)."""
    return settings.OUTCOME_UPLOAD_MAX_MB * 1024 * 1024


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB, the largest file the import takes.") % {
        "mb": settings.OUTCOME_UPLOAD_MAX_MB
    }


def size_of(source: bytes | BinaryIO) -> int:
    if isinstance(source, bytes | bytearray):
        return len(source)
    size = source.seek(0, io.SEEK_END)
    source.seek(0)
    return size


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file with a header row."""


@dataclass(frozen=True)
class RowError:
    row_number: int  # as a spreadsheet numbers it: the header is row 1
    column: str  # the column's header in the file, or the field's label if it is missing
    value: str
    message: str


@dataclass(frozen=True)
class OutcomeLine:
    """One row of the file, with its fields checked and typed."""

    row_number: int
    year: int
    month: int  # 0 for an opening balance
    ansvarskod: str
    account: str
    project: str
    amount: Decimal


@dataclass
class Table:
    """The file's header and its data rows as text, each with its row number."""

    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]
    kind: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""


# --- Reading the file --------------------------------------------------------------------


def detect_encoding(file: BinaryIO) -> str:
    """The encoding of the text in ``file``, read chunk by chunk from the start: a BOM means
    UTF-8; otherwise UTF-8 if all of it decodes strictly, else Windows-1252 (what Swedish
    Windows systems write). Leaves the file at its start."""
    file.seek(0)
    if file.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
        file.seek(0)
        return "utf-8-sig"
    file.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := file.read(READ_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        file.seek(0)
    return "utf-8"


def text_lines(file: BinaryIO, encoding: str) -> Iterator[str]:
    """The lines of ``file`` with their endings (``\\r\\n``, ``\\n`` or ``\\r``), as the csv module
    wants them, decoded a chunk at a time so that a large file is never all in memory."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    while True:
        chunk = file.read(READ_CHUNK)
        pending += decoder.decode(chunk, final=not chunk)
        lines = io.StringIO(pending, newline="").readlines()
        # The last line may go on in the next chunk (a "\r" may be half of "\r\n")
        pending = lines.pop() if chunk and lines and not lines[-1].endswith("\n") else ""
        yield from lines
        if not chunk:
            return


def sniff_delimiter(header_line: str) -> str:
    """``;``, tab or ``,``: whichever the header line has most of (a header has no decimal
    commas to confuse it); ``;`` when there is a tie or none."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts.values())
    return next(d for d, n in counts.items() if n == best) if best else ";"


def read_table(source: bytes | BinaryIO) -> Table:
    """The header and rows of a CSV or XLSX file, given as bytes or as a binary file open for
    reading (seekable; read a chunk at a time). Raises ``UnreadableFile``."""
    file = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    file.seek(0)
    magic = file.read(len(XLSX_MAGIC))
    file.seek(0)
    if magic == XLSX_MAGIC:
        return _read_xlsx(file)
    return _read_csv(file)


def _read_csv(file: BinaryIO) -> Table:
    encoding = detect_encoding(file)
    lines = text_lines(file, encoding)
    first_line = next(lines, "")
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(itertools.chain([first_line], lines), delimiter=delimiter)
    headers = next(reader, None)
    if not headers or not any(cell.strip() for cell in headers):
        raise UnreadableFile(_("The file is empty or has no header row."))

    def rows() -> Iterator[tuple[int, list[str]]]:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num, cells

    return Table(
        headers=[h.strip() for h in headers], rows=rows(), kind="csv", encoding=encoding,
        delimiter=delimiter,
    )  # fmt: skip


def check_xlsx(file: BinaryIO) -> None:
    """Refuse a zip archive that would unpack to far more than a ledger export does, before
    anything unpacks it: from the sizes its directory declares (zipfile never unpacks more
    than a member declares). Raises ``UnreadableFile``."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile(_("The file could not be read as an Excel workbook.")) from error
    finally:
        file.seek(0)
    unpacked = sum(member.file_size for member in members)
    too_tight = any(
        member.file_size >= 1024 * 1024
        and member.file_size > MAX_XLSX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    shared_strings = sum(
        m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml")
    )
    if (
        len(members) > MAX_XLSX_MEMBERS
        or unpacked > MAX_XLSX_UNPACKED_BYTES
        or shared_strings > MAX_XLSX_SHARED_STRINGS_BYTES
        or too_tight
    ):
        raise UnreadableFile(
            _(
                "The Excel file was not read: unpacked it would be larger than %(mb)s MB, or it "
                "is packed far tighter than a spreadsheet is. Export the file again, or as CSV."
            )
            % {"mb": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _read_xlsx(file: BinaryIO) -> Table:
    from openpyxl import load_workbook

    check_xlsx(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(_("The file could not be read as an Excel workbook.")) from error
    sheet = workbook.worksheets[0]
    cells = sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS)
    header_row = next(cells, None)
    if not header_row or not any(_cell_text(c) for c in header_row):
        workbook.close()
        raise UnreadableFile(_("The file is empty or has no header row."))

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(cells, start=2):
                texts = [_cell_text(value) for value in values]
                if any(texts):
                    yield number, texts
        finally:
            workbook.close()

    return Table(headers=[_cell_text(c) for c in header_row], rows=rows(), kind="xlsx")


def _cell_text(value) -> str:
    """An Excel cell as the text a CSV export would have: 4610.0 as "4610", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


# --- Columns -----------------------------------------------------------------------------


def _normalise(header: str) -> str:
    header = header.lower().translate(str.maketrans("åäö", "aao"))
    return re.sub(r"[^a-z0-9]", "", header)


def propose_column_map(headers: list[str]) -> dict[str, str]:
    """Which header to take for each field, from the headers' names; a field no header
    matches is left out. Each header serves one field at most."""
    normalised = [_normalise(h) for h in headers]
    taken: set[int] = set()
    proposal: dict[str, str] = {}
    for field in FIELDS:
        names = HEADER_NAMES[field]
        exact = [i for name in names for i, h in enumerate(normalised) if h == name]
        loose = [i for name in names for i, h in enumerate(normalised) if h.startswith(name)]
        for index in exact + loose:
            if index not in taken:
                proposal[field] = headers[index]
                taken.add(index)
                break
    return proposal


def column_errors(headers: list[str], column_map: dict[str, str]) -> list[RowError]:
    """Errors for required fields without a column, and for columns the file does not have."""
    errors = []
    for field in FIELDS:
        header = column_map.get(field) or ""
        if not header:
            if field in REQUIRED_FIELDS:
                errors.append(
                    RowError(1, str(FIELD_LABELS[field]), "",
                             _("Choose the column that holds this field."))
                )  # fmt: skip
        elif header not in headers:
            errors.append(
                RowError(1, str(FIELD_LABELS[field]), header, _("The file has no such column."))
            )
    return errors


# --- Values ------------------------------------------------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t")


def parse_amount(text: str) -> Decimal:
    """``-1 234 567,50``, ``1.234.567,50``, ``−1234,5``, ``1234.5`` as a Decimal.

    A comma is the decimal separator when there is one, and dots are then thousands;
    without a comma a single dot is a decimal point (as XLSX and some exports write it).
    Raises ValueError with a message for the person who reads the error list.
    """
    value = text.translate(_SPACES).replace("\u2212", "-").replace("\u2013", "-")
    if value.startswith("+"):
        value = value[1:]
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    try:
        # ASCII digits only, no exponent, NaN or underscores; the dot is a decimal point here
        amount = parse_decimal(value, dot_is_decimal=True)
    except NumberError:
        raise ValueError(_("The amount is not a number.")) from None
    if -amount.as_tuple().exponent > 2:
        raise ValueError(_("An amount has at most two decimals (öre)."))
    if len(value.lstrip("-").split(".")[0].lstrip("0")) > MAX_INTEGER_DIGITS:
        raise ValueError(_("The amount is too large."))
    return amount


_PERIOD_FORMATS = (
    re.compile(r"(?P<year>[0-9]{4})-?(?P<month>[0-9]{2})"),  # 2026-03, 202603
    re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-[0-9]{2}"),  # 2026-03-31
    re.compile(r"(?P<year>[0-9]{4})-?(?P<ib>IB)", re.IGNORECASE),  # 2026-IB: opening balance
)


def parse_period(text: str) -> tuple[int, int]:
    """(year, month) of ``2026-03``, ``202603``, ``2026-03-31``; month 0 for an opening
    balance, written ``2026-IB`` or ``2026-00``. Raises ValueError."""
    value = text.strip()
    for pattern in _PERIOD_FORMATS:
        found = pattern.fullmatch(value)
        if found:
            if found.groupdict().get("ib"):
                return int(found["year"]), OPENING_BALANCE
            year, month = int(found["year"]), int(found["month"])
            if "-" in value and value.count("-") == 2:
                try:
                    dt.date(year, month, int(value[-2:]))
                except ValueError:
                    break
            if 0 <= month <= 12:
                return year, month
            break
    raise ValueError(
        _("Write the period as year and month, e.g. 2026-03 or 202603 (2026-IB for the "
          "opening balance).")
    )  # fmt: skip


def _code(text: str) -> str:
    """An ansvarskod, account or project code: trimmed, and without an Excel ".0"."""
    value = text.strip()
    return value[:-2] if value.endswith(".0") and value[:-2].isdigit() else value


def parse_rows(table: Table, column_map: dict[str, str]) -> Iterator[OutcomeLine | RowError]:
    """Each data row as an ``OutcomeLine``, or one ``RowError`` per field that is wrong.

    The column map must name existing columns (see ``column_errors``).
    """
    index = {field: table.headers.index(header) for field, header in column_map.items() if header}
    header_of = {field: table.headers[i] for field, i in index.items()}
    width = max(index.values()) + 1
    period_at, ansvar_at = index[PERIOD], index[ANSVARSKOD]
    account_at, amount_at = index[ACCOUNT], index[AMOUNT]
    project_at = index.get(PROJECT)
    periods: dict[str, tuple[int, int] | str] = {}  # a file has a handful of distinct periods
    for number, cells in table.rows:
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        failed = False
        raw_period = cells[period_at]
        period = periods.get(raw_period)
        if period is None:
            try:
                period = parse_period(raw_period)
            except ValueError as error:
                period = str(error)
            periods[raw_period] = period
        if isinstance(period, str):
            failed = True
            yield RowError(number, header_of[PERIOD], raw_period, period)
        ansvarskod = _code(cells[ansvar_at])
        if not ansvarskod:
            failed = True
            message = _("The responsibility code is missing.")
            yield RowError(number, header_of[ANSVARSKOD], "", message)
        account = _code(cells[account_at])
        if not (account.isascii() and account.isdigit()):
            failed = True
            message = (_("The account is missing.") if not account
                       else _("An account is written with digits only."))  # fmt: skip
            yield RowError(number, header_of[ACCOUNT], account, message)
        raw_amount = cells[amount_at]
        try:
            amount = parse_amount(raw_amount)
        except ValueError as error:
            failed = True
            yield RowError(number, header_of[AMOUNT], raw_amount.strip(), str(error))
        if failed:
            continue
        project = _code(cells[project_at]) if project_at is not None else ""
        yield OutcomeLine(number, period[0], period[1], ansvarskod, account, project, amount)


def month_label(month: int) -> str:
    """``mars`` for 3; "IB" (the opening balance) for 0."""
    if month == OPENING_BALANCE:
        return _("opening balance")
    return MONTH_ABBREVIATIONS[month - 1]


def months_label(months: list[int] | set[int]) -> str:
    """``jan.–apr.`` for consecutive months, ``jan., mars`` otherwise."""
    ordered = sorted(months)
    if not ordered:
        return ""
    consecutive = ordered == list(range(ordered[0], ordered[-1] + 1))
    if len(ordered) > 2 and consecutive:
        return f"{month_label(ordered[0])}–{month_label(ordered[-1])}"
    return ", ".join(month_label(m) for m in ordered)
