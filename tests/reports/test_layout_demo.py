"""The demo kommun's delårsrapport and årsredovisning laid out: every table inside the page
box, no heading or caption left at a page's bottom, each indicator's chart once. Read from
WeasyPrint's layout (tests/reports/layout.py), not by eye."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.periods.models import ReportingPeriod
from apps.reports import document as documents
from apps.reports import render
from apps.reports.content import ReportKind
from apps.reports.document import PERIOD_OF_KIND
from tests.reports import layout

pytestmark = pytest.mark.django_db


def test_the_demo_reports_fit_their_pages_and_draw_each_chart_once():
    call_command("seed_demo", stdout=io.StringIO())
    for kind, year in ((ReportKind.INTERIM, 2026), (ReportKind.ANNUAL, 2025)):
        period = ReportingPeriod.objects.get(year=year, kind=PERIOD_OF_KIND[kind])
        doc = documents.build_document(kind=kind, period=period)
        laid_out = render.layout_document(doc)
        assert layout.overflowing_boxes(laid_out) == [], kind
        assert layout.stranded_headings(laid_out) == [], kind

        goals = next(s for _d, s in doc.all_sections() if s.key == "goals-fulfilment")
        lines = [line for block in goals.data["blocks"] for line in block.indicators]
        charted = [line.chart_key for line in lines if line.chart]
        assert charted and len(charted) == len(set(charted)) == len({ln.chart_key for ln in lines})
        assert all(line.chart or line.chart_at for line in lines)
