"""A ``ReportDocument`` drawn as HTML, as a tagged PDF (WeasyPrint) and as an Excel workbook.

The PDF embeds the vendored Liberation Sans (static/fonts), which has every glyph the reports
print (the minus sign, ≤ ≥ →, no-break and thin spaces), so no host font fills in and the PDF
looks the same on every machine; WeasyPrint subsets the fonts into the file.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.reports.content import Col, ColumnKind, ReportDocument, RichText, Section, Table
from styrmodell.lib import xlsx
from styrmodell.lib.formats import format_date, format_number, format_percent
from styrmodell.lib.richtext import plain_text

Progress = Callable[[int, str], None]
PDF_VARIANT = "pdf/ua-1"  # tagged PDF for screen readers; see README "Rapporter"


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool
    # How the PDF may break the cell's words to fit its column: "" (only between words),
    # "hyphenated" or "unbreakable" (anywhere); a CSS class of report.css, see _breaks
    breaks: str = ""


# Table cells' words: the PDF hyphenates a word only when it is this long or does not fit its
# column (a hyphenated word is harder to find); Swedish hyphenation (report.css's
# hyphenate-limit-chars) leaves words shorter than HYPHENATION_MIN whole and may not break
# those longer than UNBREAKABLE_WORD enough, so such a word that does not fit breaks anywhere.
# Only the cells that need it get a rule: breaking anywhere makes WeasyPrint's table layout
# much slower.
HYPHENATED_WORD = 16
HYPHENATION_MIN = 12
UNBREAKABLE_WORD = 30


def _breaks(text: str, room: int) -> str:
    """The CSS class that lets a text cell's words fit a column of ``room`` letters."""
    if "<" in text:  # a rich text cell's markup (a link's address) is not its text
        text = plain_text(text)
    longest = max((len(word) for word in text.split()), default=0)
    if longest > UNBREAKABLE_WORD or room < longest < HYPHENATION_MIN:
        return "unbreakable"
    if longest >= min(HYPHENATED_WORD, room + 1):
        return "hyphenated"
    return ""


def _cell(value: object, column: Col, room: int) -> Cell:
    if value is None or value == "":
        return Cell("", column.kind != ColumnKind.TEXT)
    if column.kind == ColumnKind.KR and isinstance(value, (Decimal, int, float)):
        return Cell(format_number(Decimal(str(value)) / 1000, 1), True)
    if column.kind == ColumnKind.PERCENT and isinstance(value, (Decimal, int, float)):
        return Cell(format_percent(value, column.decimals), True)
    if column.kind == ColumnKind.NUMBER and isinstance(value, (Decimal, int, float)):
        return Cell(format_number(value, column.decimals), True)
    if isinstance(value, dt.date):
        return Cell(format_date(value), False)
    if isinstance(value, RichText):
        return Cell(value.html, False, _breaks(value.html, room))
    return Cell(str(value), False, _breaks(str(value), room))


@dataclass(frozen=True)
class DrawnTable:
    table: Table
    headers: list[tuple[str, bool]]
    rows: list[tuple[list[Cell], bool]]  # cells, emphasised
    total: list[Cell] | None

    @property
    def many_columns(self) -> bool:
        """Drawn in a smaller type, with tighter cells."""
        return len(self.headers) >= MANY_COLUMNS

    @property
    def landscape(self) -> bool:
        """Drawn on a landscape page of its own: it would not fit the portrait page's width."""
        return len(self.headers) >= LANDSCAPE_COLUMNS

    @property
    def short(self) -> bool:
        """A short table of figures (the RR, the BR, the key figures), kept whole on one page;
        a table of texts may be tall however few its rows, and breaks between them."""
        texts = sum(1 for column in self.table.columns if column.kind == ColumnKind.TEXT)
        return len(self.rows) <= SHORT_ROWS and texts <= 2


# A table of this many columns gets a smaller type; of the second, a landscape page; a table
# of figures of at most SHORT_ROWS rows is not split between pages.
MANY_COLUMNS = 7
LANDSCAPE_COLUMNS = 9
SHORT_ROWS = 25
# report.css's measures for tables: the page's content box (A4 less 38 mm of side margins),
# portrait and landscape, and the type (smaller in a table of many columns); a letter of
# Liberation Sans is about 0.55 em wide, a cell's padding about two letters
CONTENT_MM = 172
CONTENT_MM_LANDSCAPE = 259
TYPE_PT = 8.5
TYPE_PT_MANY_COLUMNS = 7.5
LETTER_EM = 0.55
PADDING_LETTERS = 2
MM_PER_PT = 25.4 / 72


def _column_room(columns: int) -> int:
    """The letters of a word that fit one of ``columns`` columns sharing the width evenly."""
    width = CONTENT_MM_LANDSCAPE if columns >= LANDSCAPE_COLUMNS else CONTENT_MM
    type_pt = TYPE_PT_MANY_COLUMNS if columns >= MANY_COLUMNS else TYPE_PT
    line = int(width / (type_pt * MM_PER_PT * LETTER_EM))
    return line // max(columns, 1) - PADDING_LETTERS


def draw_table(table: Table) -> DrawnTable:
    headers = [
        (f"{c.header}, tkr" if c.kind == ColumnKind.KR else c.header, c.kind != ColumnKind.TEXT)
        for c in table.columns
    ]
    room = _column_room(len(table.columns))
    rows = [
        (
            [_cell(v, c, room) for v, c in zip(row, table.columns, strict=True)],
            i in table.emphasised,
        )
        for i, row in enumerate(table.rows)
    ]
    total = (
        [_cell(v, c, room) for v, c in zip(table.total, table.columns, strict=True)]
        if table.total is not None
        else None
    )
    return DrawnTable(table=table, headers=headers, rows=rows, total=total)


def render_html(document: ReportDocument) -> str:
    sections = [
        {
            "depth": depth,
            "heading": f"h{min(depth + 1, 6)}",
            "section": section,
            "tables": [draw_table(t) for t in section.tables],
        }
        for depth, section in document.all_sections()
    ]
    _open_on_landscape(sections)
    logo = None
    if document.logo:
        encoded = base64.b64encode(document.logo).decode()
        logo = f"data:{document.logo_type};base64,{encoded}"
    return render_to_string(
        "reports/pdf/document.html",
        {
            "document": document,
            "sections": sections,
            "contents": [s for s in sections if s["depth"] <= 2],
            "logo": logo,
        },
    )


def _open_on_landscape(sections: list[dict]) -> None:
    """Marks ``landscape`` each section whose heading would stand alone at the bottom of a
    portrait page: one that draws nothing but tables and starts with a landscape one, or
    nothing at all before a subsection that so starts. Its heading goes on the landscape page."""
    following = None
    for entry in reversed(sections):
        section, tables = entry["section"], entry["tables"]
        bare = not section.intro and section.template == Section.template
        if not bare:
            entry["landscape"] = False
        elif tables:
            entry["landscape"] = tables[0].landscape
        else:
            deeper = following is not None and following["depth"] > entry["depth"]
            entry["landscape"] = deeper and following["landscape"]
        following = entry


# WeasyPrint tells of each page it lays out on this logger (settings.LOGGING lets its INFO
# records through to handlers added here, and no further).
PROGRESS_LOGGER = logging.getLogger("weasyprint.progress")


class _LayoutProgress(logging.Handler):
    """Turns WeasyPrint's "Creating layout - Page N" into progress from 20 towards 75 %, at
    most once a second, so that a long report's bar moves while its pages are laid out. The
    page count is unknown until the end, hence a curve rather than a share."""

    def __init__(self, tell: Progress) -> None:
        super().__init__(logging.INFO)
        self.thread = threading.get_ident()  # the logger is shared; the render is ours
        self.tell = tell
        self.told_at = 0.0
        self.percent = 20

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or not str(record.msg).startswith(
            "Step 5 - Creating layout - Page"
        ):
            return
        page = record.args[0] if isinstance(record.args, tuple) and record.args else None
        now = time.monotonic()
        if not isinstance(page, int) or now - self.told_at < 1:
            return
        self.told_at = now
        self.percent = max(self.percent, 20 + 55 * page // (page + 40))
        self.tell(self.percent, _("Page %(page)s is laid out") % {"page": page})


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """WeasyPrint's fetcher for the reports: ``data:`` URLs and the application's own
        static and media files, read from disk; anything else (another host, a file
        elsewhere, a way out with "..") is refused, and WeasyPrint leaves it out with a
        warning. A report's HTML holds what users wrote; the server must not fetch for it."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)
            roots = [*settings.STATICFILES_DIRS, settings.STATIC_ROOT, settings.MEDIA_ROOT]
            self.roots = [Path(root).resolve() for root in roots]

        def fetch(self, url: str, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(parts.path)).resolve()
                if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        path.as_uri(), path.read_bytes(), {"Content-Type": kind}
                    )
            raise ValueError(f"Not fetched for a report: {url[:200]}")

    return LocalFetcher


def __getattr__(name: str):
    # WeasyPrint is imported when it is first needed (loading pango takes a moment)
    if name == "LocalFetcher":
        return _fetcher_class()
    raise AttributeError(name)


def render_pdf(document: ReportDocument, progress: Progress | None = None) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages."""
    return pdf_from_html(render_html(document), progress)


def layout_html(html: str, progress: Progress | None = None):
    """WeasyPrint's laid-out ``Document`` of the report's HTML, before it is written: the
    layout tests read its pages' boxes (tests/reports/layout.py)."""
    from weasyprint import HTML  # imported here: loading pango takes a moment

    watcher = _LayoutProgress(progress or (lambda percent, stage: None))
    PROGRESS_LOGGER.addHandler(watcher)
    try:
        return HTML(
            string=html,
            base_url=str(settings.BASE_DIR / "static") + "/",
            url_fetcher=_fetcher_class()(),
        ).render(pdf_variant=PDF_VARIANT, pdf_tags=True)
    finally:
        PROGRESS_LOGGER.removeHandler(watcher)


def layout_document(document: ReportDocument):
    """The report laid out as a WeasyPrint ``Document`` (see ``layout_html``)."""
    return layout_html(render_html(document))


def pdf_from_html(html: str, progress: Progress | None = None) -> tuple[bytes, int]:
    """WeasyPrint's part: the report's HTML laid out and written as a tagged PDF."""

    def tell(percent: int, stage: str) -> None:
        if progress is not None:
            progress(percent, stage)

    tell(20, _("The pages are laid out"))
    rendered = layout_html(html, tell)
    tell(80, _("The PDF is written"))
    pdf = write_pdf(rendered)
    tell(100, _("The PDF is ready"))
    return pdf, len(rendered.pages)


def write_pdf(laid_out) -> bytes:
    """A laid-out report (``layout_html``) written as the tagged PDF the reports are."""
    return laid_out.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, custom_metadata=True)


def render_xlsx(document: ReportDocument) -> bytes:
    sheets = document.sheets()
    if not sheets:
        sheets = [
            xlsx.Sheet(
                title=_("Report"),
                columns=[xlsx.Column(_("Content"))],
                rows=[[_("This report has no tables.")]],
            )
        ]
    return xlsx.workbook_bytes(sheets)
