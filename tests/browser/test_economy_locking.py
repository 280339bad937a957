"""Two people edit the same budget proposal's table of amounts at once, in two browsers
(issue 12): the ekonom and the administrator open it; the ekonom saves first; the
administrator's save from the page opened earlier is refused in Swedish with the cells that
differ, both amounts shown, the administrator's figures still in the table and the ekonom's
stored; after merging the save goes through. Every page is checked with axe."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import Browser, expect

from apps.accounts.models import User
from apps.economy.models import Appropriation, BudgetYear
from apps.economy.services import budget as services
from apps.organisation.models import Unit
from styrmodell.lib.formats import format_tkr
from tests.browser.conftest import TABLET, Visitor
from tests.stale import NOTHING_SAVED

MILLION = Decimal("1000000")


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def administrator(browser: Browser, live_server, demo_kommun) -> Iterator[Visitor]:
    """The second person: another browser, another session."""
    context = browser.new_context(viewport=TABLET, locale="sv-SE")
    other = Visitor(context.new_page(), live_server.url)
    yield other
    context.close()
    assert not other.unchecked()


def test_two_people_save_the_same_table_of_amounts(
    visitor: Visitor, administrator: Visitor
) -> None:
    ekonom = User.objects.get(username="ekonom")
    taken = set(BudgetYear.objects.values_list("year", flat=True))
    year = next(year for year in range(2027, 2100) if year not in taken)
    budget_year = services.budget_year_create(actor=ekonom, year=year, reason="Prognos")
    proposal = services.budget_decision_create(
        actor=ekonom, budget_year=budget_year, kind="frame", title=f"Budget {year}", reason="x"
    )
    first, second = Unit.objects.filter(kind="namnd", valid_to__isnull=True).order_by("lft")[:2]
    url = f"/ekonomi/budget/beslut/{proposal.pk}/"
    cell = f"input[name='a-operations-{first.pk}-{year}']"
    other_cell = f"input[name='a-operations-{second.pk}-{year}']"
    visitor.login("ekonom")
    administrator.login("admin")
    for person in (visitor, administrator):
        person.goto(url)

    page = visitor.page
    page.locator(cell).fill("412 000")
    page.locator("#id_a-change_reason").fill("Ramar enligt budgetberedningen")
    page.get_by_role("button", name=t("Save the amounts")).click()
    expect(page.locator(".messages")).to_contain_text(t("The amounts were saved."))
    visitor.axe()

    # The administrator opened the table before: enters the other nämnd's frame and a
    # different figure for the first …
    page = administrator.page
    page.locator(cell).fill("410 000")
    page.locator(other_cell).fill("300 000")
    page.locator("#id_a-change_reason").fill("Ramar")
    page.get_by_role("button", name=t("Save the amounts")).click()
    # … and is refused, instead of writing over the ekonom's figure unseen.
    conflict = page.locator("#conflict")
    expect(conflict).to_be_visible()
    administrator.axe()
    expect(conflict).to_contain_text(t(NOTHING_SAVED))
    expect(conflict).to_contain_text(ekonom.get_full_name() or ekonom.username)
    expect(conflict.locator("dt")).to_have_text(
        [f"{first.name} – {year}", f"{second.name} – {year}"]
    )
    expect(conflict.locator("dd").first.locator("blockquote")).to_have_text(
        [format_tkr(412 * MILLION), format_tkr(410 * MILLION)]
    )
    expect(page.locator(cell)).to_have_value("410 000")
    expect(page.locator(other_cell)).to_have_value("300 000")
    assert {a.unit_id: a.amount for a in proposal.appropriations.all()} == {first.pk: 412 * MILLION}

    # Merged: keeps the ekonom's figure, adds the other nämnd's; the save goes through.
    page.locator(cell).fill("412 000")
    page.get_by_role("button", name=t("Save the amounts")).click()
    expect(page.locator(".messages")).to_contain_text(t("The amounts were saved."))
    administrator.axe()
    stored = Appropriation.objects.filter(decision=proposal)
    assert {a.unit_id: a.amount for a in stored} == {
        first.pk: 412 * MILLION,
        second.pk: 300 * MILLION,
    }
