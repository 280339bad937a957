"""Stored rich text in the reports: formatted in the PDF (its paragraphs and lists, never the
markup printed as text) and plain text in Excel."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from unittest import mock

import pytest
from openpyxl import load_workbook

from apps.goals import services
from apps.goals.models import SteeringModel
from apps.reports import document as documents
from apps.reports import render
from apps.reports.content import Col, ReportKind, RichText, Section, Table
from apps.trust.models import StatusReport
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db
YEAR = 2026


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def tertial2(org):
    return ReportingPeriodFactory(
        year=YEAR, kind="tertial2", name="Tertial 2",
        starts_on=dt.date(YEAR, 1, 1), ends_on=dt.date(YEAR, 8, 31),
    )  # fmt: skip


def test_a_status_report_reads_back_from_the_pdf_as_text_without_markup(org, tertial2):
    model = services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    SteeringModel.objects.filter(pk=model.pk).update(uses_status_reports=True)
    StatusReport.objects.create(
        unit=org.namnd_a, year=YEAR, current_state="<p>Läget är gott</p><ul><li>Fler elever"
    )
    doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)

    text = pdf_text(render.render_pdf(doc)[0])

    assert "Läget är gott" in text
    assert "Fler elever" in text
    assert "<p>" not in text and "<li>" not in text and "&lt;" not in text


def test_a_rich_text_cell_is_formatted_in_the_pdf_and_plain_text_in_excel(org, tertial2):
    table = Table(
        key="rich",
        title="Nulägesbeskrivningar",
        columns=[Col("Nämnd"), Col("Nuläge")],
        rows=[["Nämnd A", RichText("<p>Hej &amp; välkommen</p><ul><li>Ett</li><li>Två</li></ul>")]],
        sheet="Nuläge",
    )
    section = Section(key="rich", title="Nuläge", tables=[table])
    with mock.patch.object(documents, "_sections", return_value=[section]):
        doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)

    html = render.render_html(doc)
    assert "<li>Ett</li>" in html and "&lt;li&gt;" not in html
    text = pdf_text(render.render_pdf(doc)[0])
    assert "Hej & välkommen" in text and "<" not in text.replace("<<", "")

    sheet = load_workbook(io.BytesIO(render.render_xlsx(doc)))["Nuläge"]
    assert sheet.cell(2, 2).value == "Hej & välkommen\n• Ett\n• Två"


def test_a_script_in_stored_rich_text_never_reaches_the_pdf(org, tertial2):
    table = Table(
        key="rich",
        title="Nuläge",
        columns=[Col("Nämnd"), Col("Nuläge")],
        rows=[["Nämnd A", RichText('<p>Text</p><script>alert(1)</script><img src="x">')]],
    )
    section = Section(key="rich", title="Nuläge", tables=[table])
    with mock.patch.object(documents, "_sections", return_value=[section]):
        doc = documents.build_document(kind=ReportKind.INTERIM, period=tertial2)
    html = render.render_html(doc)
    assert "<p>Text</p>" in html and "<script" not in html and "<img src" not in html
