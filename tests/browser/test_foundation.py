"""The foundation as people use it: logging in and out, the start page, the organisation.

The UI is Swedish; expected texts come from the same translation catalogue the pages use.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Locator, expect

from apps.accounts.models import RoleAssignment, User
from apps.demo import data
from tests.browser.conftest import Visitor
from tests.factories import UserFactory

ADMIN_NAME = "Maria Lind"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def tree_item(visitor: Visitor, name: str) -> Locator:
    """The <li> of the organisation tree whose own link reads ``name``."""
    link = visitor.page.locator("[data-tree]").get_by_role("link", name=name, exact=True)
    return link.locator("xpath=ancestor::li[1]")


@pytest.mark.parametrize("username", [user[0] for user in data.USERS])
def test_each_demo_user_logs_in_and_sees_their_name_and_roles(
    visitor: Visitor, username: str
) -> None:
    visitor.login(username)

    user = User.objects.get(username=username)
    page = visitor.page
    expect(page.locator("h1")).to_contain_text(user.first_name)
    expect(page.locator("header")).to_contain_text(user.get_full_name())
    roles = page.locator("section[aria-labelledby=roles-heading]")
    with translation.override("sv"):
        for assignment in RoleAssignment.objects.filter(user=user).select_related("unit"):
            expect(roles).to_contain_text(assignment.get_role_display())
            if assignment.unit:
                expect(roles.get_by_role("link", name=assignment.unit.name)).to_be_visible()


def test_a_politician_expands_the_tree_and_reads_the_history_of_a_unit(
    visitor: Visitor,
) -> None:
    page = visitor.page
    visitor.login("politiker")

    page.locator("header nav a[href='/organisation/']").click()
    expect(page).to_have_url(visitor.url("/organisation/"))
    visitor.axe()
    tree = page.locator("[data-tree]")
    for name in ("Kommunfullmäktige", "Barn- och utbildningsnämnden", "Socialnämnden"):
        expect(tree.get_by_role("link", name=name, exact=True)).to_be_visible()
    forvaltning = tree.get_by_role("link", name="Barn- och utbildningsförvaltningen", exact=True)
    expect(forvaltning).to_be_hidden()

    toggle = tree_item(visitor, "Barn- och utbildningsnämnden").locator(
        ":scope > .tree__row > button[data-tree-toggle]"
    )
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(forvaltning).to_be_visible()
    visitor.axe()

    forvaltning.click()
    expect(page.locator("h1")).to_have_text("Barn- och utbildningsförvaltningen")
    visitor.axe()

    page.locator("main a[href$='/historik/']").click()
    expect(page).to_have_url(re.compile(r"/organisation/\d+/historik/$"))
    expect(page.locator("h1")).to_contain_text("Barn- och utbildningsförvaltningen")
    visitor.axe()
    creation = page.locator("main ol > li").filter(has_text=ADMIN_NAME).filter(has_text=data.REASON)
    expect(creation.first).to_be_visible()
    expect(creation.first.locator("h2")).to_contain_text(ADMIN_NAME)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(visitor: Visitor) -> None:
    page = visitor.page
    visitor.login("politiker")

    page.keyboard.press("Tab")
    skip_link = page.locator("a[href='#main']")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_wrong_password_shows_an_error_and_stays_on_the_login_page(visitor: Visitor) -> None:
    page = visitor.page
    visitor.goto("/login/")

    page.locator("input[name=username]").fill("politiker")
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(visitor.url("/login/"))
    visitor.axe()


def test_a_user_without_a_role_is_not_allowed_to_see_the_organisation(
    visitor: Visitor,
) -> None:
    UserFactory(username="utomstaende", first_name="Olle", last_name="Utanför")
    visitor.login("utomstaende", password="secret-pass-123")

    response = visitor.goto("/organisation/")

    assert response is not None and response.status == 403
    expect(visitor.page.locator("h1")).to_have_text(t("Not allowed"))
    expect(visitor.page.locator("[data-tree]")).to_have_count(0)


def test_logging_out_returns_to_the_login_page(visitor: Visitor) -> None:
    page = visitor.page
    visitor.login("ekonom")

    page.locator("header form button[type=submit]").click()

    expect(page).to_have_url(visitor.url("/login/"))
    expect(page.locator("input[name=username]")).to_be_visible()
    visitor.axe()
