"""The demo kommun's delårsrapport 2026 and årsredovisning 2025 read back as an auditor reads
them: the PDF's text (pdftotext) has R15's and R17's headings with their texts, the notes the
statements refer to, the sammanställd redovisning, the pension figures and the personnel
breakdown the law asks for; every table stays inside the page box, no heading or caption is
left at a page's bottom (from WeasyPrint's layout, tests/reports/layout.py), and each
indicator's chart is drawn once.

What is looked for is taken from the report's own content (its headings' titles, its tables'
figures formatted as the PDF prints them), so the test reads what a reader sees without
repeating how a figure is computed."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.economy.models import PensionStatement
from apps.periods.models import ReportingPeriod
from apps.personnel.models import Group
from apps.reports import document as documents
from apps.reports import render
from apps.reports.content import BuildContext, ReportKind
from apps.reports.document import PERIOD_OF_KIND, headings_of
from apps.reports.sections import narrative, notes
from apps.reports.texts import period_texts
from styrmodell.lib.formats import format_tkr
from styrmodell.lib.richtext import plain_text
from tests.reports import layout
from tests.reports.pdftext import pdf_words, words

pytestmark = pytest.mark.django_db

REPORTS = ((ReportKind.INTERIM, 2026), (ReportKind.ANNUAL, 2025))


def _amount(value) -> str:
    """An amount as the PDF's tables print it: tkr with one decimal, without the unit."""
    return words(format_tkr(value)).replace(" tkr", "")


def _read(kind: ReportKind, year: int):
    period = ReportingPeriod.objects.get(year=year, kind=PERIOD_OF_KIND[kind])
    doc = documents.build_document(kind=kind, period=period)
    laid_out = render.layout_document(doc)
    return period, doc, laid_out, pdf_words(laid_out.write_pdf())


def test_the_demo_reports_read_as_the_law_asks():
    call_command("seed_demo", stdout=io.StringIO())
    for kind, year in REPORTS:
        _check(kind, year)


def _check(kind: ReportKind, year: int) -> None:
    period, doc, laid_out, text = _read(kind, year)

    # Every table inside the page box; no heading or caption alone at a page's bottom.
    assert layout.overflowing_boxes(laid_out) == [], kind
    assert layout.stranded_headings(laid_out) == [], kind

    # Each indicator's chart once; a later goal with the same figures refers back to it.
    goals = next(s for _d, s in doc.all_sections() if s.key == "goals-fulfilment")
    lines = [line for block in goals.data["blocks"] for line in block.indicators]
    charted = [line.chart_key for line in lines if line.chart]
    assert charted and len(charted) == len(set(charted)) == len({ln.chart_key for ln in lines})
    assert all(line.chart or line.chart_at for line in lines)

    # R15's headings (R17's in the delårsrapport), each with its written text.
    texts = period_texts(period)
    for heading in headings_of(kind):
        assert words(str(narrative.TITLES[heading])) in text, heading
        opening = " ".join(plain_text(texts[heading].text).split()[:6])
        assert opening and opening in text, heading
    assert "Text saknas" not in text

    # The statements refer to notes, and each note they refer to is printed.
    ctx = BuildContext(kind=kind, period=period, unit=None, municipality=None)
    references = notes.references(ctx)
    assert references
    for table_key in ("resultatrakning", "balansrakning"):
        printed = {int(row[-1]) for row in doc.table(table_key).rows if row[-1]}
        assert printed and printed <= set(references.values()), table_key
    for number in sorted(set(references.values())):
        assert f"Not {number} " in text, number

    # The sammanställd redovisning: the koncern's RR, BR and kassaflöde.
    for table_key in ("koncern-rr", "koncern-br", "koncern-kf"):
        assert words(doc.table(table_key).title) in text, table_key

    # The pension figures of the administrator's statement.
    statement = PensionStatement.objects.get(period=period)
    assert _amount(statement.provision) in text
    assert _amount(statement.contingent_liability) in text

    # Personnel: every group the law names is a row, with its figures or said to be left out.
    personnel = doc.table("personal")
    labels = [row[0] for row in personnel.rows]
    assert labels == [str(label) for label in Group.labels]
    for label in labels:
        assert words(label) in text
