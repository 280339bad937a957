"""The year's reports as the ekonom makes them: the kommun's delårsrapport of Tertial 2 2026 is
requested, its progress followed on the page and its PDF and Excel downloaded; axe checks
every page.

Celery runs in process here (no REDIS_URL), so a request is generated before the page comes
back; the polling of a report in progress is shown with requests the test writes itself.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import openpyxl
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from playwright.sync_api import Locator, expect

from apps.accounts.models import User
from apps.organisation.models import Municipality
from apps.periods.models import ReportingPeriod
from apps.reports import services
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest, RequestState
from tests.browser.conftest import Visitor

CAUSE = ValueError("diagrammet saknade värden")


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def tertial_2() -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=2026, kind="tertial2")


def kommun_panel(visitor: Visitor) -> Locator:
    return visitor.page.locator("main section.panel").filter(
        has=visitor.page.get_by_role(
            "heading", name=t("The municipality's report (to the municipal council)")
        )
    )


def download(visitor: Visitor, link: Locator, into: Path) -> bytes:
    with visitor.page.expect_download() as info:
        link.click()
    target = into / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def running_request(period: ReportingPeriod, progress: int) -> ReportRequest:
    """A kommun report a worker is making right now (as the worker writes it)."""
    now = timezone.now()
    return ReportRequest.objects.create(
        kind=ReportKind.INTERIM,
        period=period,
        unit=None,
        version=1,
        requested_by=User.objects.get(username="ekonom"),
        state=RequestState.RUNNING,
        progress=progress,
        stage="Sidorna sätts",
        dispatched_at=now,
        attempts=1,
        started_at=now,
        heartbeat_at=now,
    )


def test_the_ekonom_makes_and_downloads_the_kommuns_interim_report(
    visitor: Visitor, tmp_path: Path
) -> None:
    period = tertial_2()
    kommun = Municipality.objects.get().name
    with translation.override("sv"):
        title = str(ReportKind.INTERIM.label)
    page = visitor.page
    visitor.login("ekonom")

    page.locator("header nav").get_by_role("link", name=t("Reports"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/rapporter/$"))
    visitor.axe()
    visitor.goto("/rapporter/?ar=2026")
    page.get_by_role("rowheader").get_by_role("link", name=str(period)).click()
    expect(page).to_have_url(visitor.url(f"/rapporter/{period.pk}/"))
    visitor.axe()
    panel = kommun_panel(visitor)
    expect(panel).to_contain_text(t("Not made yet."))

    panel.get_by_role("button", name=t("Make the report")).click()

    expect(page).to_have_url(visitor.url(f"/rapporter/{period.pk}/"))
    expect(page.get_by_role("status")).to_contain_text(t("The report is requested."))
    report = ReportRequest.objects.get(period=period, unit=None)
    state = page.locator(f"#report-{report.pk}-state")
    expect(state).to_have_text(t("Done"))
    visitor.axe()
    assert report.state == RequestState.DONE and report.pages >= 2

    pdf = download(visitor, panel.get_by_role("link", name=re.compile(t("Download PDF"))), tmp_path)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(next(tmp_path.glob("*.pdf")))
    assert kommun in text
    assert title in text
    workbook_bytes = download(
        visitor, panel.get_by_role("link", name=re.compile(t("Download Excel"))), tmp_path
    )
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes), read_only=True)
    assert workbook.sheetnames
    # The downloads left the page as it was: still the checked period page.
    expect(page).to_have_url(visitor.url(f"/rapporter/{period.pk}/"))


def test_the_progress_bar_follows_the_worker_without_a_reload(visitor: Visitor) -> None:
    period = tertial_2()
    report = running_request(period, 40)
    page = visitor.page
    visitor.login("ekonom")
    visitor.goto(f"/rapporter/{period.pk}/")
    loaded = page.evaluate("() => performance.timeOrigin")

    bar = page.locator(f"#report-{report.pk}-progress")
    expect(bar).to_have_attribute("value", "40")
    expect(page.locator(f"#report-{report.pk}-state")).to_have_text(t("In progress"))

    ReportRequest.objects.filter(pk=report.pk).update(
        progress=70, stage="PDF:en skrivs", heartbeat_at=timezone.now()
    )
    expect(bar).to_have_attribute("value", "70", timeout=10_000)
    expect(page.locator(f"#report-{report.pk}")).to_contain_text("PDF:en skrivs")
    visitor.axe()

    # The worker finishes: files stored, state done.
    report.refresh_from_db()
    report.pdf.save("interim-2026-kommun-v1.pdf", ContentFile(b"%PDF-1.7\n%test\n"), save=False)
    report.xlsx.save("interim-2026-kommun-v1.xlsx", ContentFile(b"PK\x03\x04test"), save=False)
    report.state = RequestState.DONE
    report.progress = 100
    report.pages = 12
    report.finished_at = timezone.now()
    report.save()

    expect(page.locator(f"#report-{report.pk}-state")).to_have_text(t("Done"), timeout=10_000)
    expect(bar).to_have_count(0)
    links = page.locator(f"#report-{report.pk}").get_by_role("link")
    expect(links.filter(has_text=t("Download PDF"))).to_have_attribute(
        "href", f"/rapporter/bestallning/{report.pk}/pdf/"
    )
    expect(links.filter(has_text=t("Download Excel"))).to_have_attribute(
        "href", f"/rapporter/bestallning/{report.pk}/excel/"
    )
    visitor.axe()
    # Polling swapped the fragment; the page itself was never reloaded.
    assert page.evaluate("() => performance.timeOrigin") == loaded
    assert len(visitor.visits) == 3  # login, start page, the period page


def test_a_failed_report_is_tried_again_until_done(visitor: Visitor) -> None:
    period = tertial_2()
    report = running_request(period, 55)
    services.report_fail(request_id=report.pk, error=CAUSE)
    failure = services.failure_message(CAUSE)
    assert str(CAUSE) in failure
    page = visitor.page
    visitor.login("ekonom")
    visitor.goto(f"/rapporter/{period.pk}/")

    status = page.locator(f"#report-{report.pk}")
    expect(status.locator(f"#report-{report.pk}-state")).to_have_text(t("Failed"))
    expect(status.get_by_role("alert")).to_have_text(failure)
    retry = status.get_by_role("button", name=re.compile(re.escape(t("Try again"))))
    expect(retry).to_be_visible()

    retry.click()

    expect(page).to_have_url(visitor.url(f"/rapporter/{period.pk}/"))
    expect(page.locator(f"#report-{report.pk}-state")).to_have_text(t("Done"))
    expect(page.locator(f"#report-{report.pk}").get_by_role("alert")).to_have_count(0)
    visitor.axe()
    report.refresh_from_db()
    assert (report.state, report.version, report.error) == (RequestState.DONE, 1, "")
    assert bytes(report.pdf.open("rb").read(5)) == b"%PDF-"
