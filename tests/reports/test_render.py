"""The document's frame: tables drawn the same in the PDF and in Excel, the cover, the
contents with page numbers, "Sida N av M", the fonts embedded, tagged PDF."""

from __future__ import annotations

import io
import logging
import subprocess
from decimal import Decimal
from unittest import mock

import pytest
from openpyxl import load_workbook

from apps.reports import document as documents
from apps.reports import render
from apps.reports.content import Col, ColumnKind, ReportKind, Section, Table

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pdf_info(pdf: bytes, tool: str = "pdfinfo") -> str:
    return subprocess.run([tool, "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def long_table(rows: int) -> Section:
    table = Table(
        key="drift",
        title="Drift per nämnd",
        columns=[Col("Nämnd"), Col("Budget", ColumnKind.KR), Col("Andel", ColumnKind.PERCENT)],
        rows=[[f"Rad {i}", Decimal(1_234_567 * i), Decimal("12.35")] for i in range(rows)],
        total=["Summa", Decimal(-1_234_567), None],
        sheet="Drift",
    )
    return Section(key="test-drift", title="Driftredovisning", tables=[table])


@pytest.fixture
def document(tertial2):
    with mock.patch.object(documents, "_sections", return_value=[long_table(150)]):
        return documents.build_document(kind=ReportKind.INTERIM, period=tertial2)


def test_amounts_are_tkr_in_the_pdf_and_kronor_in_excel(document):
    pdf, _pages = render.render_pdf(document)
    text = pdf_text(pdf)
    assert "Budget, tkr" in text
    assert "2 469,1" in text  # row 2: 2 469 134 kr
    assert "−1 234,6" in text  # the total, with a real minus sign
    assert "12,4 %" in text  # 12,35 rounded half up

    book = load_workbook(io.BytesIO(render.render_xlsx(document)))
    sheet = book["Drift"]
    assert [c.value for c in sheet[1]] == ["Nämnd", "Budget, kr", "Andel, %"]
    assert sheet["B4"].value == 2_469_134  # a real number, whole kronor
    assert sheet.cell(sheet.max_row, 2).value == -1_234_567


def test_long_tables_repeat_their_header_on_every_page(document):
    pdf, pages = render.render_pdf(document)
    assert pages >= 5
    text = pdf_text(pdf)
    body_pages = text.split("\f")[2:-1]
    assert all("Budget, tkr" in page for page in body_pages if "Rad " in page)


def test_every_page_after_the_cover_says_sida_n_av_m(document):
    pdf, pages = render.render_pdf(document)
    text = pdf_text(pdf).split("\f")
    for number in range(2, pages + 1):
        assert f"Sida {number} av {pages}" in text[number - 1]
    assert "Sida 1 av" not in text[0]  # the cover has no footer


def test_cover_and_contents_with_page_numbers(document, tertial2):
    pdf, _pages = render.render_pdf(document)
    cover, contents = pdf_text(pdf).split("\f")[:2]
    assert "Tertial 2" in cover
    assert document.municipality_name in cover
    assert document.title in cover
    assert "Driftredovisning" in contents
    line = next(li for li in contents.splitlines() if "Driftredovisning" in li)
    assert line.rstrip().endswith("3")  # the section starts on page 3


def test_the_pdf_is_tagged_with_the_fonts_embedded(document):
    pdf, _pages = render.render_pdf(document)
    info = pdf_info(pdf)
    assert "Tagged:          yes" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    fonts = pdf_info(pdf, "pdffonts").splitlines()[2:]
    assert fonts
    assert all(" yes yes " in line for line in fonts)  # embedded and subset
    assert any("Report-Sans" in line for line in fonts)


def test_the_fingerprint_follows_the_figures_not_the_time(tertial2):
    def build(rows):
        with mock.patch.object(documents, "_sections", return_value=[long_table(rows)]):
            return documents.build_document(kind=ReportKind.INTERIM, period=tertial2)

    assert build(3).fingerprint() == build(3).fingerprint()
    assert build(3).fingerprint() != build(4).fingerprint()


def test_the_cover_shows_the_logo(document, tertial2):
    document.logo = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>'
    document.logo_type = "image/svg+xml"
    html = render.render_html(document)
    assert 'class="cover-logo" src="data:image/svg+xml;base64,' in html


def test_the_layout_reports_its_pages_as_it_goes(document):
    told = []
    clock = iter(range(0, 10_000, 2))  # two "seconds" between records: none is throttled
    with mock.patch.object(render.time, "monotonic", side_effect=lambda: next(clock)):
        _pdf, pages = render.render_pdf(document, lambda percent, stage: told.append(percent))
    laid_out = told[1:-2]  # between "laid out" (20) and "written" (80) and "ready" (100)
    assert told[0] == 20 and told[-2:] == [80, 100]
    assert len(laid_out) >= pages
    assert laid_out == sorted(laid_out)
    assert 20 < laid_out[-1] < 80


def test_other_threads_pages_are_not_ours(document):
    watcher = render._LayoutProgress(lambda percent, stage: pytest.fail("not ours"))
    watcher.thread = -1
    record = logging.LogRecord(
        "weasyprint.progress", logging.INFO, __file__, 1, "Step 5 - Creating layout - Page %d",
        (3,), None,
    )  # fmt: skip
    watcher.emit(record)
