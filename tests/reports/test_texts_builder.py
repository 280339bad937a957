"""The förvaltningsberättelse in the report: each heading's written text first, then the
computed material; "Text saknas" in an open period's proposal only; the kommun's report
only; the text is no Excel sheet, the figures are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from apps.periods.models import ReportingPeriod
from apps.reports import text_services
from apps.reports.content import BuildContext, ReportKind, Section, Table
from apps.reports.document import build_document
from apps.reports.render import render_html
from apps.reports.sections import narrative
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tertial2(org) -> ReportingPeriod:
    return ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2",
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 8, 31),
    )  # fmt: skip


def ctx_for(period, unit=None) -> BuildContext:
    return BuildContext(kind=ReportKind.INTERIM, period=period, unit=unit, municipality=None)


def material() -> Section:
    return Section(
        key="figures",
        title="Siffror",
        tables=[Table(key="t", title="T", columns=[], rows=[], sheet="Siffror")],
    )


def write(economist, period, heading, text):
    text_services.report_text_save(
        actor=economist, period=period, heading=heading, text=text, reason="Utkast"
    )


def close(period) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
    period.refresh_from_db()


def test_the_text_comes_first_then_the_material(tertial2, economist):
    write(economist, tertial2, narrative.EVENTS, "<p>Ny förskola invigd i mars.</p>")
    section = narrative.heading(ctx_for(tertial2), narrative.EVENTS, [material(), None])
    assert section.key == "fb-handelser"
    assert "Ny förskola invigd i mars." in section.data["text"].html
    assert section.data["missing"] is False
    assert [child.key for child in section.children] == ["figures"]
    assert section.tables == []  # the text is no table, hence no Excel sheet


def test_an_open_periods_heading_without_text_shows_the_draft_marker(tertial2):
    section = narrative.heading(ctx_for(tertial2), narrative.EVENTS, [])
    assert section is not None and section.data["missing"] is True


def test_a_closed_periods_heading_without_text_prints_the_material_alone(tertial2):
    close(tertial2)
    section = narrative.heading(ctx_for(tertial2), narrative.EVENTS, [material()])
    assert section.data == {"text": "", "missing": False}
    assert narrative.heading(ctx_for(tertial2), narrative.EVENTS, []) is None


def test_a_committees_report_has_no_texts(tertial2, economist, org):
    write(economist, tertial2, narrative.EVENTS, "<p>Kommunens text</p>")
    section = narrative.heading(ctx_for(tertial2, org.namnd_a), narrative.EVENTS, [material()])
    assert section.data == {"text": "", "missing": False}
    assert narrative.heading(ctx_for(tertial2, org.namnd_a), narrative.EVENTS, []) is None


def test_the_document_prints_the_text_and_the_marker_in_order(tertial2, economist):
    write(
        economist, tertial2, narrative.OVERVIEW, "<h3>Året</h3><p>Ett <strong>bra</strong> år.</p>"
    )
    document = build_document(kind=ReportKind.INTERIM, period=tertial2)
    keys = [section.key for _depth, section in document.all_sections()]
    assert keys.index("fb-oversikt") < keys.index("fb-handelser") < keys.index("fb-personal")
    with translation.override("en"):
        html = render_html(document)
    overview = html[html.index('id="fb-oversikt"') : html.index('id="fb-koncernen"')]
    assert "<h3>Året</h3>" in overview and "<strong>bra</strong>" in overview
    events = html[html.index('id="fb-handelser"') :]
    assert "Text missing" in events
    assert not any(sheet.title == "Översikt" for sheet in document.sheets())


def test_the_closed_periods_document_has_no_marker(tertial2):
    close(tertial2)
    document = build_document(kind=ReportKind.INTERIM, period=tertial2)
    with translation.override("en"):
        assert "Text missing" not in render_html(document)


def test_the_budget_followup_carries_its_overview_text(org, economist):
    tertial1 = ReportingPeriodFactory()
    write(economist, tertial1, narrative.OVERVIEW, "<p>Prognosen pekar på överskott.</p>")
    document = build_document(kind=ReportKind.BUDGET_FOLLOWUP, period=tertial1)
    sections = {section.key: section for _depth, section in document.all_sections()}
    assert "Prognosen pekar på överskott." in sections["fb-oversikt"].data["text"]
