"""Two people edit the same thing at once, in two browsers (issue 12): BUN's redaktör and the
administrator open the same plan section and the same nämndmål; the redaktör saves first;
the administrator's save from the page opened earlier is refused in Swedish with both
versions shown, nothing of the redaktör's is lost, and after merging the save goes through.
Every page either of them lands on, the conflict pages too, is checked with axe."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.utils import translation
from playwright.sync_api import Browser, expect

from apps.accounts.models import User
from apps.demo import goals_data
from apps.goals.models import Goal
from apps.organisation.models import Unit
from apps.plans import services as plan_services
from apps.plans.models import Plan, PlanSection
from tests.browser.conftest import TABLET, Visitor
from tests.stale import NOTHING_SAVED

YEAR = 2026
SOLROSEN = "Förskolan Solrosen"


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


def demo_goal(key: str) -> Goal:
    spec = next(spec for spec in goals_data.GOALS if spec["key"] == key)
    return Goal.objects.get(
        level__model__key=goals_data.PRESET,
        level__key=spec["level"],
        owner__ansvarskod=spec["owner"],
        title=spec["title"],
    )


def draft_plan() -> Plan:
    solrosen = Unit.objects.get(name=SOLROSEN, valid_to__isnull=True)
    plan = Plan.objects.filter(unit=solrosen, year=YEAR).first()
    if plan is None:
        plan = plan_services.plan_create(
            actor=User.objects.get(username="redaktor"), unit=solrosen, year=YEAR,
            reason="Förskolans plan",
        )  # fmt: skip
    assert plan.state == "draft"
    return plan


def test_two_people_save_the_same_plan_section(visitor: Visitor, administrator: Visitor) -> None:
    plan = draft_plan()
    section = plan.sections.select_related("template").first()
    body = f"#id_s{section.pk}-body"
    save = f'main button[name=action][value="section-{section.pk}"]'
    visitor.login("redaktor")
    administrator.login("admin")
    for person in (visitor, administrator):
        person.goto(f"/planer/{plan.pk}/")

    visitor.page.locator(body).fill("Högläsning varje dag.")
    visitor.page.locator(save).click()
    expect(visitor.page).to_have_url(visitor.url(f"/planer/{plan.pk}/#section-{section.pk}"))
    visitor.axe()

    page = administrator.page
    page.locator(body).fill("Språkpromenader varje vecka.")
    page.locator(save).click()
    conflict = page.locator(f"#section-{section.pk} #conflict")
    expect(conflict).to_be_visible()
    administrator.axe()
    expect(conflict).to_contain_text(t(NOTHING_SAVED))
    expect(conflict).to_contain_text("Rasmus Berg")
    expect(conflict.locator("blockquote").nth(0)).to_have_text("Högläsning varje dag.")
    expect(conflict.locator("blockquote").nth(1)).to_have_text("Språkpromenader varje vecka.")
    expect(page.locator(body)).to_have_value("Språkpromenader varje vecka.")
    assert PlanSection.objects.get(pk=section.pk).body == "<p>Högläsning varje dag.</p>"

    page.locator(body).fill("Högläsning varje dag.\n\nSpråkpromenader varje vecka.")
    page.locator(save).click()
    expect(page).to_have_url(administrator.url(f"/planer/{plan.pk}/#section-{section.pk}"))
    administrator.axe()
    expect(page.locator("main .messages")).to_have_text(t("The section was saved."))
    assert PlanSection.objects.get(pk=section.pk).body == (
        "<p>Högläsning varje dag.</p><p>Språkpromenader varje vecka.</p>"
    )


def test_two_people_save_the_same_goal(visitor: Visitor, administrator: Visitor) -> None:
    goal = demo_goal("bun-behorighet")
    title, description = goal.title, goal.description
    edit = f"/mal/{goal.pk}/andra/"
    visitor.login("redaktor")
    administrator.login("admin")
    for person in (visitor, administrator):
        person.goto(edit)

    form = visitor.page.locator("main form")
    form.get_by_label(t("Title")).fill("Fler elever behöriga till gymnasiet")
    form.get_by_label(t("Reason for the change")).fill("Nämndens beslut § 12")
    form.get_by_role("button", name=t("Save")).click()
    expect(visitor.page).to_have_url(visitor.url(f"/mal/{goal.pk}/"))
    visitor.axe()

    # The administrator opened the page before: changes the description only …
    page = administrator.page
    form = page.locator("main form")
    form.get_by_label(t("Description")).fill("Mäts som andelen behöriga elever i årskurs 9.")
    form.get_by_label(t("Reason for the change")).fill("Tydligare beskrivning")
    form.get_by_role("button", name=t("Save")).click()
    # … and is refused, instead of putting the old title back.
    conflict = page.locator("#conflict")
    expect(conflict).to_be_visible()
    administrator.axe()
    expect(conflict).to_contain_text("Rasmus Berg")
    titles = conflict.locator("dt", has_text=re.compile(f"^{t('Title')}$"))
    expect(titles).to_have_count(1)
    expect(conflict.locator("dd").first).to_contain_text("Fler elever behöriga till gymnasiet")
    expect(conflict.locator("dd").first).to_contain_text(title)
    expect(form.get_by_label(t("Description"))).to_have_value(
        "Mäts som andelen behöriga elever i årskurs 9."
    )
    stored = Goal.objects.get(pk=goal.pk)
    assert (stored.title, stored.description) == (
        "Fler elever behöriga till gymnasiet",
        description,
    )

    # Merged: the redaktör's title, the administrator's description.
    form.get_by_label(t("Title")).fill("Fler elever behöriga till gymnasiet")
    form.get_by_role("button", name=t("Save")).click()
    expect(page).to_have_url(administrator.url(f"/mal/{goal.pk}/"))
    administrator.axe()
    stored = Goal.objects.get(pk=goal.pk)
    assert (stored.title, stored.description) == (
        "Fler elever behöriga till gymnasiet",
        "Mäts som andelen behöriga elever i årskurs 9.",
    )
