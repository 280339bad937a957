"""Kontroller before a report, as the ekonom reads them: the request page of the open tertial 2
lists the failing checks, the checks page lists them all with pass or fail in words; a closed
period's report is marked final, with a reason where a check fails. axe checks every page."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import translation
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.periods.models import ReportingPeriod
from apps.reports.checks import CHECKS, failing, period_checks
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest, RequestState
from tests.browser.conftest import Visitor
from tests.factories import IndicatorFactory, IndicatorValueFactory


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def finished_report(period: ReportingPeriod, kind: ReportKind) -> ReportRequest:
    made = ReportRequest.objects.create(
        kind=kind, period=period, version=1, requested_by=User.objects.get(username="ekonom"),
        state=RequestState.DONE, progress=100, pages=12,
    )  # fmt: skip
    made.pdf.save(f"r{made.pk}.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    made.save()
    return made


def test_the_ekonom_reads_the_checks_and_marks_a_report_final(visitor: Visitor):
    tertial2 = ReportingPeriod.objects.get(year=2026, kind="tertial2")
    failed = failing(period_checks(tertial2))
    visitor.login("ekonom")

    visitor.goto(f"/rapporter/{tertial2.pk}/")
    panel = visitor.page.locator("main section.panel").filter(
        has=visitor.page.get_by_role("heading", name=t("Checks before the report"), exact=True)
    )
    for check in failed:
        expect(panel.get_by_role("heading", name=check.title)).to_be_visible()
    panel.get_by_role("link", name=t("All checks before the report")).click()
    visitor.axe()
    expect(visitor.page.get_by_role("heading", level=1)).to_contain_text(str(tertial2))
    headings = visitor.page.locator("main h3")
    expect(headings).to_have_count(len(CHECKS))
    # Pass and fail in words ("Ej godkänd" holds "godkänd": the marks are told by class).
    passes = visitor.page.locator("main h3 .status--met")
    fails = visitor.page.locator("main h3 .status--not_met")
    expect(passes).to_have_count(len(CHECKS) - len(failed))
    expect(fails).to_have_count(len(failed))
    expect(passes.first).to_contain_text(t("Passes"))
    if failed:
        expect(fails.first).to_contain_text(t("Fails"))

    # A closed period: the year's first tertial, whose checks all pass in the demo.
    closed = ReportingPeriod.objects.get(year=2026, kind="tertial1")
    assert not failing(period_checks(closed))
    report = finished_report(closed, ReportKind.BUDGET_FOLLOWUP)
    visitor.goto(f"/rapporter/{closed.pk}/versioner/")
    visitor.page.get_by_role("button", name=t("Mark final")).click()
    visitor.axe()
    expect(visitor.page.get_by_role("cell", name=t("Final"), exact=False)).to_be_visible()
    report.refresh_from_db()
    assert report.is_final

    # A closed period whose checks fail (a value typed with its comma lost, at least): the
    # reason is asked for, and kept.
    earlier = ReportingPeriod.objects.get(year=2025, kind="tertial2")
    first = ReportingPeriod.objects.get(year=2025, kind="tertial1")
    typo = IndicatorFactory(title="Andel nöjda besökare")
    IndicatorValueFactory(indicator=typo, period=first, total=Decimal("6.5"))
    IndicatorValueFactory(indicator=typo, period=earlier, total=Decimal("65"))
    assert "indicator_values" in [c.key for c in failing(period_checks(earlier))]
    report = finished_report(earlier, ReportKind.INTERIM)
    visitor.goto(f"/rapporter/{earlier.pk}/versioner/")
    visitor.page.get_by_role("button", name=t("Mark final")).click()
    visitor.axe()
    reason = visitor.page.get_by_label(t("Why the report is final although checks fail"))
    expect(reason).to_be_visible()
    reason.fill("Prognoser gjordes inte 2025; beslutat med revisorerna.")
    visitor.page.get_by_role("button", name=t("Mark final")).click()
    visitor.axe()
    expect(visitor.page.get_by_text("Prognoser gjordes inte 2025", exact=False)).to_be_visible()
    report.refresh_from_db()
    assert report.final_acknowledgement.startswith("Prognoser gjordes inte 2025")
