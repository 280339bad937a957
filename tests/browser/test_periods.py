"""Reporting periods as people use them: the ekonom closes a tertial, the politician reads.

Exempelkommun has 2026's Tertial 1 closed, Tertial 2 open and Bokslut planned. Expected
texts come from the same translation catalogue the pages use.
"""

from __future__ import annotations

import re

from django.utils import translation
from playwright.sync_api import Locator, expect

from apps.periods.models import ReportingPeriod
from tests.browser.conftest import Visitor

REASON = "Delårsrapporten behandlad i kommunfullmäktige"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def period_row(visitor: Visitor, name: str) -> Locator:
    """The table row of the period called ``name`` (its row header starts with the name)."""
    header = visitor.page.get_by_role("rowheader", name=re.compile(rf"^{re.escape(name)}\b"))
    return visitor.page.locator("main table tbody tr").filter(has=header)


def expect_2026(visitor: Visitor) -> None:
    expect(visitor.page.locator("h1")).to_contain_text("2026")
    expect(visitor.page.locator("main table tbody tr")).to_have_count(3)
    for name, state in [("Tertial 1", "Closed"), ("Tertial 2", "Open"), ("Bokslut", "Planned")]:
        expect(period_row(visitor, name).locator(".period-state")).to_have_text(t(state))


def test_the_ekonom_closes_tertial_2_with_a_reason(visitor: Visitor) -> None:
    page = visitor.page
    visitor.login("ekonom")

    page.locator("header nav").get_by_role("link", name=t("Periods"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/perioder/$"))
    visitor.axe()
    year_filter = page.get_by_role("form", name=t("Choose year"))
    year_filter.get_by_label(t("Year"), exact=True).select_option("2026")
    year_filter.get_by_role("button", name=t("Show")).click()
    expect(page).to_have_url(visitor.url("/perioder/?ar=2026"))
    visitor.axe()
    expect_2026(visitor)

    tertial2 = period_row(visitor, "Tertial 2")
    tertial2.get_by_role("textbox").fill(REASON)
    tertial2.get_by_role("button", name=t("Close"), exact=True).click()

    expect(period_row(visitor, "Tertial 2").locator(".period-state")).to_have_text("Stängd")
    expect(page).to_have_url(visitor.url("/perioder/?ar=2026"))
    expect(page.get_by_role("status")).to_contain_text("Tertial 2 2026")
    visitor.axe()
    # Closed now, it can only be reopened.
    expect(period_row(visitor, "Tertial 2").get_by_role("button")).to_have_text(t("Reopen"))
    period = ReportingPeriod.objects.get(year=2026, name="Tertial 2")
    assert period.state == "closed"
    latest = period.history.latest()
    assert (latest.history_user.username, latest.history_change_reason) == ("ekonom", REASON)


def test_the_politician_reads_the_periods_without_the_forms(visitor: Visitor) -> None:
    page = visitor.page
    visitor.login("politiker")

    visitor.goto("/perioder/?ar=2026")

    expect_2026(visitor)
    expect(page.locator("main form[method=post]")).to_have_count(0)
    expect(page.locator("main").get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("heading", name=t("Add a period"))).to_have_count(0)
    expect(page.get_by_role("columnheader", name=t("Change state"))).to_have_count(0)
    assert ReportingPeriod.objects.get(year=2026, name="Tertial 2").state == "open"
