"""Budget med plan as the ekonom works with it: the year page with the operating budget per
nämnd, a proposal's table of amounts, a nämnd's detaljbudget and the investments page.

Exempelkommun's demo has no budget yet, so the test builds one through the services: a
decided frame budget for two nämnder with one investment project, and a proposal for a
tilläggsanslag. Expected texts come from the translation catalogue the pages use.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import translation
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.economy.models import BudgetYear
from apps.economy.services import budget as services
from apps.organisation.models import Unit
from styrmodell.lib.formats import format_tkr
from tests.browser.conftest import Visitor

MILLION = Decimal("1000000")


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def free_year() -> int:
    """The first year from 2027 on that the demo kommun has no budget for."""
    taken = set(BudgetYear.objects.values_list("year", flat=True))
    return next(year for year in range(2027, 2100) if year not in taken)


def test_the_ekonom_reads_the_budget_year_and_the_investments(visitor: Visitor) -> None:
    page = visitor.page
    year = free_year()
    ekonom = User.objects.get(username="ekonom")
    first, second = Unit.objects.filter(kind="namnd", valid_to__isnull=True).order_by("lft")[:2]
    budget_year = services.budget_year_create(
        actor=ekonom,
        year=year,
        tax_revenue=Decimal("1650000000"),
        population=15400,
        reason="Skatteprognos april",
    )
    frame = services.budget_decision_create(
        actor=ekonom, budget_year=budget_year, kind="frame", title=f"Budget {year}", reason="x"
    )
    project = services.investment_project_create(
        actor=ekonom,
        code="BR-901",
        name="Ny förskola",
        unit=first,
        decided_total=48 * MILLION,
        first_year=year,
        last_year=year + 1,
        reason="KF § 87",
    )
    services.appropriations_save(
        actor=ekonom,
        decision=frame,
        operations={(first, year): 412 * MILLION, (second, year): 300 * MILLION},
        investments={(project, year): 20 * MILLION},
        reason="Ramar",
    )
    services.budget_decision_decide(
        actor=ekonom, decision=frame, decided_on=dt.date(year - 1, 6, 15), paragraph="§ 87",
        reason="KF:s beslut",
    )  # fmt: skip
    proposal = services.budget_decision_create(
        actor=ekonom,
        budget_year=budget_year,
        kind="additional",
        title="Tilläggsanslag",
        reason="x",
    )

    visitor.login("ekonom")
    visitor.goto(f"/ekonomi/budget/{year}/")
    operating = page.locator("#operating-budget")
    row = operating.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=first.name))
    expect(row.locator("td").nth(2)).to_have_text(format_tkr(412 * MILLION))
    expect(operating.locator("tfoot td").nth(2)).to_have_text(format_tkr(712 * MILLION))
    expect(page.locator("#decisions")).to_contain_text("Tilläggsanslag")

    # The proposal: one table of amounts, each cell labelled.
    page.get_by_role("link", name="Tilläggsanslag").click()
    expect(page).to_have_url(visitor.url(f"/ekonomi/budget/beslut/{proposal.pk}/"))
    visitor.axe()
    cell = page.locator(f"input[name='a-operations-{first.pk}-{year}']")
    cell.fill("2 000")  # tkr
    page.locator("#id_a-change_reason").fill("Särskolan")
    page.get_by_role("button", name=t("Save the amounts")).click()
    expect(page.locator(".messages")).to_contain_text(t("The amounts were saved."))
    visitor.axe()
    assert proposal.appropriations.get().amount == 2 * MILLION

    # The first nämnd's detaljbudget, still empty.
    visitor.goto(f"/ekonomi/budget/{year}/detaljbudget/{first.pk}/")
    expect(page.locator("#detail-sums")).to_contain_text(format_tkr(412 * MILLION))

    visitor.goto(f"/ekonomi/budget/{year}/")
    page.locator(f"main a[href='/ekonomi/investeringar/{year}/']").first.click()
    expect(page).to_have_url(visitor.url(f"/ekonomi/investeringar/{year}/"))
    visitor.axe()
    projects = page.locator("#investment-projects")
    expect(projects).to_contain_text("BR-901 Ny förskola")
    # The demo's projects that run into that year are listed too: look at this one's row.
    ours = projects.locator("tbody tr").filter(has_text="BR-901 Ny förskola")
    expect(ours.locator("td").nth(1)).to_have_text(format_tkr(48 * MILLION))
