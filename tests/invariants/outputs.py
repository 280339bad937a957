"""Reading a figure back from where a reader sees it: the PDF (pdftotext -layout), the Excel
workbook (openpyxl) and a web page (the HTML's tables), and the checks that printed rows
make the printed totals.

Nothing here knows how the project computes a figure: it reads what is printed, in Swedish
formats ("1 234,5", U+2212 minus, "–" for nothing), scaled by the unit its column header
states (kr in Excel, tkr in the PDF and on the pages).
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

from openpyxl import load_workbook

# A Swedish number: groups of three separated by a (no-break, narrow) space, a decimal comma,
# a minus or hyphen in front. "2025" and "11001" are numbers too: labels are cut off first.
NUMBER = re.compile(r"(?<![\w,])[−\-–]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?(?![\w])")
SPACES = re.compile(r"[ \u00a0\u202f]")


def parse_number(text: str) -> Decimal:
    """ "−1 234,5" -> Decimal("-1234.5")."""
    text = SPACES.sub("", text.strip())
    negative = text[:1] in ("−", "-", "–")
    digits = text.lstrip("−-–").replace(",", ".")
    value = Decimal(digits)
    return -value if negative else value


def decimals_of(text: str) -> int:
    match = re.search(r",(\d+)", text)
    return len(match.group(1)) if match else 0


def first_number(text: str) -> tuple[Decimal, int] | None:
    """The first number in a cell ("4 000 tkr överskott"), with the decimals it shows;
    None for an empty cell ("", "–")."""
    match = NUMBER.search(text)
    if match is None:
        return None
    return parse_number(match.group()), decimals_of(match.group())


def normalise_label(text: str) -> str:
    """Spaces collapsed, lower case; a hyphenation mark a PDF line ends with (U+2010, the
    part of a word the layout broke) dropped, so the part is a prefix of the whole label."""
    text = re.sub(r"[\u2010\u00ad]\s*$", "", text.strip())
    return re.sub(r"\s+", " ", SPACES.sub(" ", text)).strip().lower()


# --- Rows as printed ---------------------------------------------------------------------


@dataclass
class PrintedTable:
    """A table as a reader sees it: headers, and per row a label and one value per column
    (Decimal in the column's stated unit scaled to kronor for amounts, None when empty)."""

    headers: list[str]
    rows: list[tuple[str, list[Decimal | None]]]
    # The smallest step a printed value can show, per column, in the values' unit
    # (1 kr in Excel, 100 kr for "1 234,5 tkr", 1000 kr for "1 234 tkr").
    steps: list[Decimal] = field(default_factory=list)

    def row(self, *starts: str) -> list[Decimal | None] | None:
        """The first row whose label starts with one of ``starts`` (case-insensitive)."""
        for label, values in self.rows:
            if normalise_label(label).startswith(tuple(s.lower() for s in starts)):
                return values
        return None

    def exact(self, label: str) -> list[Decimal | None] | None:
        """The row labelled ``label`` (spaces and case aside)."""
        wanted = normalise_label(label)
        return next((v for lbl, v in self.rows if normalise_label(lbl) == wanted), None)

    def labels(self) -> list[str]:
        return [label for label, _values in self.rows]


def xlsx_tables(data: bytes) -> dict[str, PrintedTable]:
    """Every sheet of a workbook: row 1 the headers, column A the label. An amount column
    ("…, kr") is in kronor; every other numeric column as it stands."""
    book = load_workbook(io.BytesIO(data), data_only=True)
    tables = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if not rows:
            continue
        headers = [str(h or "") for h in rows[0]]
        printed = []
        for row in rows[1:]:
            label = "" if row[0] is None else str(row[0])
            values: list[Decimal | None] = []
            for value in row[1:]:
                if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                    values.append(Decimal(str(value)))
                else:
                    values.append(None)
            printed.append((label, values))
        steps = [Decimal(1)] * (len(headers) - 1)
        tables[sheet.title] = PrintedTable(headers[1:], printed, steps)
    return tables


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _label_part(line: str) -> str:
    """The text a layout line starts with, up to the first gap of two spaces or more."""
    return re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]


def pdf_rows(
    text: str, caption: str, labels: Sequence[str], first_header: str = ""
) -> list[tuple[str, list[tuple[Decimal, int]]]]:
    """The numbers printed on each of ``labels``' rows of the table under ``caption`` in a
    PDF's layout text, in order: (label, [(value, decimals shown), …]).

    Each label is looked for after the previous one (so a "Summa" of another table is not
    taken) after the caption that the table's header (``first_header``) follows, as the
    start of a line; a label that wraps is found by the part on its first
    line, and the row's numbers are read from its lines up to the blank line that ends it,
    without the label's own words ("etapp 2")."""
    lines = text.splitlines()
    header_word = (first_header.split() or [""])[0]  # a header may wrap: its first word
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if caption in line
            # the table's caption, not a line of the contents: its header follows
            and any(header_word in following for following in lines[i + 1 : i + 12])
        ),
        None,
    )
    if start is None:
        raise AssertionError(f"the PDF has no table {caption!r}")
    position = start + 1
    found = []
    for label in labels:
        wanted = normalise_label(label)
        for i in range(position, len(lines)):
            part = normalise_label(_label_part(lines[i]))
            if part and wanted.startswith(part) and (part == wanted or len(part) >= 3):
                break
        else:
            raise AssertionError(f"the PDF's table {caption!r} has no row {label!r}")
        numbers = []
        for j in range(i, min(i + 4, len(lines))):
            line = lines[j]
            if not line.strip():
                break
            if (
                j > i
                and normalise_label(_label_part(line))
                and not wanted.__contains__(normalise_label(_label_part(line)))
            ):
                break  # the next row
            head = _label_part(line)
            rest = line.strip()[len(head) :] if normalise_label(head) in wanted else line
            numbers += [(parse_number(m.group()), decimals_of(m.group()))
                        for m in NUMBER.finditer(rest)]  # fmt: skip
        found.append((label, numbers))
        position = i + 1
    return found


class _Tables(HTMLParser):
    """Every <table> of a page: caption, header cells, and rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._stack: list[dict] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_caption = False
        self._hidden = 0
        self._cell_tag = ""
        self._row_class = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._hidden:
            self._hidden += tag not in ("br", "img", "input")
            return
        if "visually-hidden" in (attributes.get("class") or ""):
            self._hidden = 1
            return
        if tag == "table":
            self._stack.append({"caption": "", "head": [], "rows": [], "row_classes": []})
        elif not self._stack:
            return
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._row = []
            self._row_class = attributes.get("class") or ""
        elif tag in ("td", "th"):
            self._cell = []
            self._cell_tag = tag
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if self._hidden:
            self._hidden -= 1
            return
        if not self._stack:
            return
        table = self._stack[-1]
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if table["head"] or table["rows"] or self._cell_tag == "td":
                if "group-row" not in self._row_class:
                    table["rows"].append(self._row)
                    table["row_classes"].append(self._row_class)
            else:
                table["head"] = self._row
            self._row = None
        elif tag == "table":
            self.tables.append(self._stack.pop())

    def handle_data(self, data):
        if self._hidden or not self._stack:
            return
        if self._in_caption:
            self._stack[-1]["caption"] += data
        elif self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> list[dict]:
    parser = _Tables()
    parser.feed(html)
    for table in parser.tables:
        table["caption"] = " ".join(table["caption"].split())
    return parser.tables


def html_table(html: str, caption_start: str) -> PrintedTable:
    """The page's table whose caption starts with ``caption_start``, amounts in tkr scaled
    to kronor (a cell "1 234,5 tkr" reads 1 234 500 kr, printed to the nearest 100 kr)."""
    tables = html_tables(html)
    matches = [t for t in tables if t["caption"].lower().startswith(caption_start.lower())]
    if not matches:
        captions = [t["caption"] for t in tables]
        raise AssertionError(f"no table {caption_start!r} on the page; it has {captions}")
    table = matches[0]
    headers = [" ".join(h.split()) for h in table["head"][1:]]
    rows = []
    steps = [Decimal(1)] * len(headers)
    for cells in table["rows"]:
        if not cells:
            continue
        label = cells[0].split("\n")[0].strip()
        values: list[Decimal | None] = []
        for i, cell in enumerate(cells[1:]):
            read = first_number(cell)
            if read is None:
                values.append(None)
                continue
            value, decimals = read
            scale = Decimal(1000) if "tkr" in cell or "tkr" in table["caption"] else Decimal(1)
            if "%" in cell:
                scale = Decimal(1)
            values.append(value * scale)
            if i < len(steps):
                steps[i] = max(steps[i], scale / Decimal(10) ** decimals)
        rows.append((" ".join(label.split()), values))
    return PrintedTable(headers, rows, steps)


# --- Sums ----------------------------------------------------------------------------------

TOTAL_WORDS = ("summa", "total")
PART_OF_WORDS = ("varav", "därav", "of which")


def is_total(label: str) -> bool:
    return normalise_label(label).startswith(TOTAL_WORDS)


def is_part_of(label: str) -> bool:
    """A "varav" row is part of the row above it, not one more row to add."""
    return normalise_label(label).startswith(PART_OF_WORDS)


def close(a: Decimal | None, b: Decimal | None, tolerance: Decimal) -> bool:
    return (a or Decimal(0)) - (b or Decimal(0)) <= tolerance and (b or Decimal(0)) - (
        a or Decimal(0)
    ) <= tolerance


def block_sum_errors(
    rows: Sequence[tuple[str, Sequence[Decimal | None]]], column: int, step: Decimal
) -> list[str]:
    """Each "Summa …" row against the rows printed above it, in one column.

    A total is the sum of the rows directly above it that no earlier total took: the rows
    of its block, or the subtotals of its blocks and the rows between them ("Summa eget
    kapital, avsättningar och skulder" after "Summa eget kapital", "Avsättningar" and
    "Summa skulder"). A total is taken as a row by the totals after it, its parts no longer.
    "Varav" rows are parts of the row above, never added. A total whose block has no figure
    at all in the column is the body's own figure and is taken as printed. Tolerance: half a
    printed step per row added.
    """
    errors = []
    stack: list[tuple[str, Decimal | None, bool]] = []  # (label, value, is a total)
    for label, values in rows:
        amount = values[column] if column < len(values) else None
        if is_part_of(label):
            continue
        if not is_total(label):
            stack.append((label, amount, False))
            continue
        sums = []  # the sum of each run of rows ending just above, shortest first
        running = Decimal(0)
        for _label, item, _total in reversed(stack):
            running += item or Decimal(0)
            sums.append(running)
        matched = next(
            (n for n, total in enumerate(sums, start=1)
             if close(amount, total, step / 2 * (n + 1))),
            None,
        )  # fmt: skip
        if matched is None and amount is not None:
            block = 0
            for _label, _item, item_total in reversed(stack):
                if item_total and block:
                    break
                block += 1
            natural = sums[block - 1] if block else Decimal(0)
            if all(item is None for _l, item, _t in stack[len(stack) - block :]):
                # No row of the block has a figure in this column: the total is the body's
                # own (a nämnd's forecast, not spread on its units), not a sum
                stack.append((label, amount, True))
                del stack[len(stack) - 1 - block : len(stack) - 1]
                continue
            errors.append(
                f"{label!r} reads {amount} but the rows of its block sum to {natural} "
                f"(difference {amount - natural})"
            )
            matched = block
        if matched:
            del stack[len(stack) - matched :]
        stack.append((label, amount, True))
    return errors


# A statement's column of note references ("Not 3"): numbers, but no figures to add up.
NOTE_HEADERS = {"not", "note"}


def numeric_columns(table: PrintedTable) -> Iterable[int]:
    """The columns that hold figures (a note reference column is not one)."""
    for column in range(len(table.headers)):
        if normalise_label(table.headers[column]) in NOTE_HEADERS:
            continue
        if any(column < len(v) and v[column] is not None for _l, v in table.rows):
            yield column
