"""The pages where the parts of the reports a revisor reads are entered (issue 15), as the
ekonom and a nämnd's redaktör use them: each passes axe-core, and a förvaltningsberättelse
text and a verksamhetsberättelse saved in the browser are what the report then prints."""

from __future__ import annotations

from playwright.sync_api import expect

from apps.accounts.models import User
from apps.followup.models import BodyReport
from apps.organisation.models import Unit
from apps.organisation.selectors import body_of
from apps.periods.models import ReportingPeriod
from apps.reports.models import ReportText
from apps.reports.sections import narrative
from tests.browser.conftest import Visitor


def test_the_ekonom_enters_the_parts_of_the_delarsrapport(visitor: Visitor) -> None:
    page = visitor.page
    period = ReportingPeriod.objects.get(year=2026, kind="tertial2")
    visitor.login("ekonom")
    for path in (
        f"/ekonomi/koncern/{period.pk}/",
        f"/ekonomi/{period.pk}/finansforvaltning/",
        f"/ekonomi/{period.pk}/pensioner/",
        "/ekonomi/noter/2026/",
        "/ekonomi/tidigare-ar/",
        "/ekonomi/god-ekonomisk-hushallning/regler/",
        f"/personal/{period.pk}/",
        f"/rapporter/{period.pk}/kontroller/",
    ):
        response = visitor.goto(path)
        assert response is not None and response.ok, path

    visitor.goto(f"/rapporter/{period.pk}/forvaltningsberattelse/")
    key = narrative.EVENTS
    form = page.locator(f"form[action$='/forvaltningsberattelse/{key}/spara/']")
    form.locator("textarea[name$='text']").fill("Nya äldreboendet öppnade i juni.")
    form.locator("input[name$='change_reason']").fill("Delårsrapportens text")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    visitor.axe()
    text = ReportText.objects.get(period=period, heading=key)
    assert "Nya äldreboendet öppnade i juni." in text.text
    assert text.history.first().history_user == User.objects.get(username="ekonom")


def test_a_redaktor_writes_the_nämnds_verksamhetsberattelse(visitor: Visitor) -> None:
    page = visitor.page
    period = ReportingPeriod.objects.get(year=2026, kind="tertial2")
    body = body_of(Unit.objects.get(ansvarskod="2000"))
    visitor.login("redaktor")
    visitor.goto(f"/uppfoljning/{period.pk}/verksamhetsberattelse/{body.pk}/")
    page.locator("textarea[name='outlook']").fill("Fler barn i förskolan från hösten.")
    page.locator("input[name='change_reason']").fill("Nämndens text till delårsrapporten")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    visitor.axe()
    expect(page.locator("main")).to_contain_text("Fler barn i förskolan från hösten.")
    report = BodyReport.objects.get(period=period, unit=body)
    assert "Fler barn i förskolan från hösten." in report.outlook
