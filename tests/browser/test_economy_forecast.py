"""The economy as people use it: a nämnd's redaktör enters a forecast with a deficit and is
led to the åtgärdsplan; the ekonom opens the overview, drills down and exports Excel.

Exempelkommun has 2026's Tertial 2 open. The economy these tests need is added here through
the ORM, on top of whatever budget the demo has: a tilläggsanslag for Barn- och
utbildningsnämnden, outcome booked on its förvaltning, (if it has none) a decided
detaljbudget, and a deadline for Tertial 2 that has not passed yet. Expected texts come
from the same translation catalogue the pages use.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from apps.economy import selectors
from apps.economy.models import BudgetYear, DetailBudget
from apps.followup.models import ActionPlan
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_number, format_tkr
from tests.browser.conftest import Visitor
from tests.economy.factories import (
    AppropriationFactory,
    BudgetDecisionFactory,
    book_outcome,
    decided_detail_budget,
)

BUN = "Barn- och utbildningsnämnden"
BUF = "Barn- och utbildningsförvaltningen"
M = Decimal(1_000_000)


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def economy(demo_kommun) -> dict:
    """BUN's budget raised by a tilläggsanslag, outcome booked, no deficit plan yet."""
    period = ReportingPeriod.objects.get(year=2026, name="Tertial 2")
    bun, buf = Unit.objects.get(ansvarskod="2000"), Unit.objects.get(ansvarskod="2100")
    budget_year, _created = BudgetYear.objects.get_or_create(year=2026)
    change = BudgetDecisionFactory(
        budget_year=budget_year, kind="additional", title="Tilläggsanslag lärare",
        decided_on=dt.date(2026, 2, 20),
    )  # fmt: skip
    AppropriationFactory(decision=change, unit=bun, amount=5 * M)
    book_outcome([(buf, 3, 90 * M), (buf, 6, 170 * M)])
    if not DetailBudget.objects.filter(unit=bun, year=2026).exists():
        decided_detail_budget(bun, {buf: selectors.operating_budgets(2026)[bun.pk].current})
    ActionPlan.objects.filter(unit=bun, period=period, cause="deficit").delete()
    # The redaktör reports in time: the deadline lies ahead, whatever today's date.
    in_a_month = timezone.localdate() + dt.timedelta(days=30)
    ReportingPeriod.objects.filter(pk=period.pk, deadline__lt=in_a_month).update(
        deadline=in_a_month
    )
    return {"period": period, "bun": bun, "budget": selectors.operating_budgets(2026)[bun.pk]}


def overview_path(period: ReportingPeriod) -> str:
    return f"/ekonomi/{period.pk}/"


def body_row(visitor: Visitor, name: str):
    page = visitor.page
    header = page.get_by_role("rowheader", name=re.compile(rf"^{re.escape(name)}"))
    return page.locator("main table tbody tr").filter(has=header)


def test_the_redaktor_enters_a_deficit_and_is_led_to_the_action_plan(
    visitor: Visitor, economy: dict
) -> None:
    page, period, bun = visitor.page, economy["period"], economy["bun"]
    forecast = economy["budget"].current + Decimal("12500000")
    visitor.login("redaktor")

    page.locator("header nav").get_by_role("link", name=t("Economy"), exact=True).click()
    expect(page).to_have_url(visitor.url(overview_path(period)))
    visitor.axe()
    row = body_row(visitor, BUN)
    row.get_by_role(
        "link", name=re.compile(f"{t('Enter forecast')}|{t('Change forecast')}")
    ).click()
    expect(page).to_have_url(visitor.url(f"/ekonomi/{period.pk}/prognos/{bun.pk}/"))
    expect(page.locator("h1")).to_contain_text(BUN)
    visitor.axe()

    page.get_by_label(f"{t('Full-year forecast, net cost')} (tkr)").fill(
        format_number(forecast / 1000, 1)
    )
    page.get_by_label(t("Comment on the forecast")).fill("Fler barn i förskolan än planerat.")
    page.get_by_role("button", name=t("Save forecast")).click()
    expect(page.locator(".messages")).to_have_text(t("The forecast was saved."))
    notice = page.locator("#deficit")
    expect(notice).to_contain_text(format_tkr(Decimal("12500000")))
    visitor.axe()

    notice.get_by_role("button", name=t("Draw up an action plan for the deficit")).click()
    expect(page).to_have_url(re.compile(r"/uppfoljning/atgardsplan/\d+/$"))
    plan = ActionPlan.objects.get(unit=bun, period=period, cause="deficit")
    assert page.url == visitor.url(f"/uppfoljning/atgardsplan/{plan.pk}/")
    expect(page.locator("main")).to_contain_text(t("A forecast deficit"))
    expect(page.locator("h1")).to_have_text(BUN)
    visitor.axe()
    assert plan.history.first().history_user.username == "redaktor"
    saved = bun.forecasts.get(period=period)
    assert (saved.amount, saved.deficit_handled) == (forecast, False)


def test_the_ekonom_opens_the_overview_drills_down_and_exports_excel(
    visitor: Visitor, economy: dict, tmp_path
) -> None:
    page, period, bun = visitor.page, economy["period"], economy["bun"]
    visitor.login("ekonom")

    page.locator("header nav").get_by_role("link", name=t("Economy"), exact=True).click()
    expect(page).to_have_url(visitor.url(overview_path(period)))
    expect(page.locator("svg[role=img] title")).to_have_count(1)
    visitor.axe()
    row = body_row(visitor, BUN)
    expect(row.locator("td").first).to_have_text(
        f"{format_number(economy['budget'].current / 1000, 0)}\u00a0tkr"
    )

    row.get_by_role("link", name=BUN, exact=True).click()
    expect(page).to_have_url(visitor.url(f"/ekonomi/{period.pk}/enhet/{bun.pk}/"))
    expect(page.locator("h1")).to_have_text(BUN)
    visitor.axe()
    body_row(visitor, BUF).get_by_role("link", name=BUF, exact=True).click()
    expect(page.locator("h1")).to_have_text(BUF)
    visitor.axe()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=t("Export to Excel")).click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.suffix == ".xlsx"
    sheet = load_workbook(path).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == [t("Unit"), t("Responsibility code")]
    assert rows[-1][0] == t("Total")
    assert rows[-1][3] >= 260_000_000  # the outcome booked above, as a number
