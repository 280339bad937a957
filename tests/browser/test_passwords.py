"""Logging in safely, as people do it: the lockout after too many wrong passwords, changing
one's password from the header, and choosing a new one through the e-mailed link."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.demo import data
from tests.browser.conftest import Visitor

NEW_PASSWORD = "Kommunhuset-vid-torget-7"
LOCKED = (
    "För många misslyckade inloggningsförsök. Försök igen om 15 minuter "
    "eller be en administratör att låsa upp kontot."
)


def submit_login(visitor: Visitor, username: str, password: str) -> None:
    page = visitor.page
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    visitor.axe()  # every answer is a new page, the locked one too


def test_five_wrong_passwords_lock_the_login_with_a_swedish_message(visitor: Visitor) -> None:
    page = visitor.page
    visitor.goto("/login/")
    for _ in range(5):
        submit_login(visitor, "politiker", "fel-lösenord")
    alert = page.get_by_role("alert")
    expect(alert).to_have_text(LOCKED)

    submit_login(visitor, "politiker", data.DEMO_PASSWORD)
    expect(page.get_by_role("alert")).to_have_text(LOCKED)
    expect(page).to_have_url(visitor.url("/login/"))


def test_an_editor_changes_the_password_from_the_header(visitor: Visitor) -> None:
    page = visitor.page
    visitor.login("redaktor")
    page.locator("header").get_by_role("link", name="Byt lösenord").click()
    expect(page.locator("h1")).to_have_text("Byt lösenord")
    visitor.axe()

    page.get_by_label("Gammalt lösenord").fill("inte-det")
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    error = page.locator("#id_old_password-error-1")
    expect(error).to_contain_text("lösenord")
    visitor.axe()

    page.get_by_label("Gammalt lösenord").fill(data.DEMO_PASSWORD)
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    expect(page.locator("main")).to_contain_text("Ditt lösenord är ändrat")
    visitor.axe()
    expect(page.locator("header")).to_contain_text("Rasmus")  # still logged in
    assert User.objects.get(username="redaktor").check_password(NEW_PASSWORD)


def test_a_forgotten_password_is_reset_through_the_emailed_link(visitor: Visitor) -> None:
    page = visitor.page
    User.objects.filter(username="ekonom").update(email="erik.ekstrom@exempelkommun.se")
    visitor.goto("/login/")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    visitor.axe()
    page.locator("input[name=email]").fill("erik.ekstrom@exempelkommun.se")
    page.get_by_role("button", name="Skicka länken").click()
    expect(page.locator("h1")).to_have_text("Kolla din e-post")
    visitor.axe()

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/losenord/aterstall/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Välj ett nytt lösenord")
    visitor.axe()
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    expect(page.locator("main")).to_contain_text("Ditt nya lösenord är sparat")
    visitor.axe()

    page.get_by_role("link", name="Logga in").click()
    visitor.axe()
    visitor.login("ekonom", NEW_PASSWORD)
