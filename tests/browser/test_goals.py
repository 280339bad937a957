"""The goal chain as people use it: the tree, a goal with its indicators, creating a goal.

Exempelkommun's demo goals are valid 2025–2026 (nämndmål) and 2025–2028 (KF's goals); the
tree opens on the current year. Expected texts come from the demo data and from the same
translation catalogue the pages use.
"""

from __future__ import annotations

import re

from django.utils import timezone, translation
from playwright.sync_api import Locator, expect

from apps.demo import data, goals_data
from apps.goals import selectors
from apps.goals.models import Goal, SteeringModel
from apps.organisation.models import Unit
from tests.browser.conftest import Visitor

ADMIN_NAME = "Maria Lind"
BUN = "Barn- och utbildningsnämnden"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def demo_goal(key: str) -> Goal:
    spec = next(spec for spec in goals_data.GOALS if spec["key"] == key)
    return Goal.objects.get(
        level__model__key=goals_data.PRESET,
        level__key=spec["level"],
        owner__ansvarskod=spec["owner"],
        title=spec["title"],
    )


def tree_item(visitor: Visitor, title: str) -> Locator:
    """The <li> of the goal tree whose own link reads ``title``."""
    link = visitor.page.locator("ul.goal-tree").get_by_role("link", name=title, exact=True)
    return link.locator("xpath=ancestor::li[1]")


def toggle_of(visitor: Visitor, title: str) -> Locator:
    return tree_item(visitor, title).locator(":scope > .goal-row > button[data-goal-toggle]")


def children_of(visitor: Visitor, goal: Goal) -> Locator:
    return visitor.page.locator(f"ul.goal-tree #goal-children-{goal.pk}")


def test_a_politician_expands_filters_and_reads_a_goal_with_its_indicator_and_history(
    visitor: Visitor,
) -> None:
    page = visitor.page
    kf_goal = demo_goal("barn-unga")
    namndmal = demo_goal("bun-behorighet")
    indicator_title = next(i["title"] for i in goals_data.INDICATORS if i["key"] == "behorighet")
    visitor.login("politiker")

    page.locator("header nav").get_by_role("link", name=t("Goals"), exact=True).click()
    expect(page).to_have_url(visitor.url("/mal/"))
    visitor.axe()

    toggle = toggle_of(visitor, kf_goal.title)
    children = children_of(visitor, kf_goal)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", f"goal-children-{kf_goal.pk}")
    expect(children).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(children.get_by_role("link", name=namndmal.title, exact=True)).to_be_visible()
    visitor.axe()

    page.locator("#f-enhet").select_option(label=BUN)
    page.get_by_role("search").get_by_role("button", name=t("Show")).click()
    bun = Unit.objects.get(ansvarskod="2000")
    expect(page).to_have_url(re.compile(rf"/mal/\?.*enhet={bun.pk}"))
    visitor.axe()

    # Only the nämnd's (and its förvaltning's) goals, with the KF goals above them for context.
    model = SteeringModel.objects.get(key=goals_data.PRESET)
    in_year = selectors.goals_in_year(model, timezone.localdate().year)
    matching = list(
        in_year.filter(
            owner__tree_id=bun.tree_id, owner__lft__gte=bun.lft, owner__rght__lte=bun.rght
        )
    )
    context = {ancestor for goal in matching for ancestor in goal.get_ancestors()}
    context.difference_update(matching)  # BUN's nämndmål sit above BUF's verksamhetsmål
    assert matching and all(goal.owner.kind == "kf" for goal in context)
    tree = page.locator("ul.goal-tree")
    shown = sorted([*matching, *context], key=lambda goal: (goal.tree_id, goal.lft))
    expect(tree.locator(".goal-row__title")).to_have_text([goal.title for goal in shown])
    expect(tree.locator(".goal-row--context .goal-row__title")).to_have_text(
        [goal.title for goal in shown if goal in context]
    )
    other_namnd = demo_goal("sn-tidiga")
    expect(tree.get_by_role("link", name=other_namnd.title, exact=True)).to_have_count(0)

    tree.get_by_role("link", name=namndmal.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/mal/{namndmal.pk}/"))
    expect(page.locator("h1")).to_have_text(namndmal.title)
    visitor.axe()

    indicator = page.locator("article.indicator").filter(
        has=page.get_by_role("heading", name=indicator_title, exact=True)
    )
    chart = indicator.locator("figure.chart-figure svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_text(
        t("%(indicator)s: values against target") % {"indicator": indicator_title}
    )
    expect(chart).to_have_accessible_name(
        t("%(indicator)s: values against target") % {"indicator": indicator_title}
    )
    values = indicator.get_by_role(
        "table", name=t("Values of %(title)s") % {"title": indicator_title}
    )
    expect(values).to_be_visible()
    # Tertial 2 of 2026 is open: its values are the nämnd's, the ekonom's and the admin's
    # until the period is closed; the politician reads the series up to tertial 1.
    expect(values.get_by_role("rowheader", name="T2 2026")).to_have_count(0)
    expect(values.get_by_role("rowheader", name="T1 2026")).to_have_count(1)

    page.locator("main").get_by_role("link", name=t("History of changes")).click()
    expect(page).to_have_url(visitor.url(f"/mal/{namndmal.pk}/historik/"))
    expect(page.locator("h1")).to_have_text(t("History of %(title)s") % {"title": namndmal.title})
    visitor.axe()
    creation = page.locator("main ol.history > li").filter(
        has=page.locator("h2", has_text=t("Created"))
    )
    expect(creation).to_have_count(1)
    expect(creation.locator("h2")).to_contain_text(t("by %(who)s") % {"who": ADMIN_NAME})
    expect(creation).to_contain_text(data.REASON)


def test_an_editor_creates_a_namndmal_under_a_kf_goal_but_may_not_change_another_namnds(
    visitor: Visitor,
) -> None:
    page = visitor.page
    kf_goal = demo_goal("barn-unga")
    title = "Alla barn ska erbjudas läxhjälp på fritids"
    visitor.login("redaktor")

    page.locator("header nav").get_by_role("link", name=t("Goals"), exact=True).click()
    expect(page).to_have_url(visitor.url("/mal/"))
    visitor.axe()
    page.locator("ul.goal-tree").get_by_role("link", name=kf_goal.title, exact=True).click()
    expect(page.locator("h1")).to_have_text(kf_goal.title)
    visitor.axe()

    page.locator("main").get_by_role("link", name=t("New goal under this one")).click()
    expect(page).to_have_url(visitor.url(f"/mal/nytt/?under={kf_goal.pk}"))
    expect(page.locator("h1")).to_have_text(t("New goal"))
    visitor.axe()

    form = page.locator("main form")
    owner = form.get_by_label(t("Owner"))
    expect(owner.locator("option:not([value=''])")).to_have_text([BUN])
    expect(owner.locator("option", has_text="Socialnämnden")).to_have_count(0)

    form.get_by_label(t("Level")).select_option(label="Nämndmål")
    owner.select_option(label=BUN)
    form.get_by_label(t("Title")).fill(title)
    form.get_by_label(t("Description")).fill("Läxhjälpen ska finnas på alla skolor med fritids.")
    form.get_by_label(t("First year")).fill("2026")
    form.get_by_label(t("Last year")).fill("2026")
    form.get_by_label(t("Perspective")).select_option(label="Invånare och brukare")
    form.get_by_label(t("Reason for the change")).fill("Beslutat i nämnden 2026-01-20 § 4")
    form.get_by_role("button", name=t("Save")).click()

    expect(page).to_have_url(re.compile(r"/mal/\d+/$"))
    expect(page.locator("h1")).to_have_text(title)
    visitor.axe()
    created = Goal.objects.get(title=title)
    assert page.url == visitor.url(f"/mal/{created.pk}/")
    assert (created.parent, created.owner.name, created.level.name) == (kf_goal, BUN, "Nämndmål")
    assert (created.first_year, created.last_year) == (2026, 2026)

    other_namnd = demo_goal("sn-tidiga")
    response = visitor.goto(f"/mal/{other_namnd.pk}/andra/")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text(t("Not allowed"))
    expect(page.locator("main form")).to_have_count(0)


def test_an_empty_title_is_refused_with_a_swedish_error_and_nothing_is_created(
    visitor: Visitor,
) -> None:
    page = visitor.page
    kf_goal = demo_goal("barn-unga")
    goals_before = Goal.objects.count()
    visitor.login("redaktor")
    visitor.goto(f"/mal/nytt/?under={kf_goal.pk}")

    form = page.locator("main form")
    form.get_by_label(t("Level")).select_option(label="Nämndmål")
    form.get_by_label(t("Owner")).select_option(label=BUN)
    form.get_by_label(t("Reason for the change")).fill("Ett försök utan rubrik")
    form.get_by_role("button", name=t("Save")).click()

    required = "Detta fält måste fyllas i."
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(t("The form has errors"))
    expect(summary.get_by_role("link")).to_have_text([f"{t('Title')}: {required}"])
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_title")
    field = page.locator(".field--error").filter(has=page.locator("#id_title"))
    expect(field.locator(".field__error")).to_have_text(required)
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(visitor.url(f"/mal/nytt/?under={kf_goal.pk}"))
    visitor.axe()
    assert Goal.objects.count() == goals_before


def test_a_toggle_in_the_tree_opens_with_the_keyboard(visitor: Visitor) -> None:
    page = visitor.page
    kf_goal = demo_goal("barn-unga")
    namndmal = demo_goal("bun-behorighet")
    visitor.login("politiker")
    visitor.goto("/mal/")

    toggle = toggle_of(visitor, kf_goal.title)
    toggle.focus()
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")

    expect(toggle).to_have_attribute("aria-expanded", "true")
    children = children_of(visitor, kf_goal)
    expect(children.get_by_role("link", name=namndmal.title, exact=True)).to_be_visible()
    expect(toggle).to_be_focused()
    visitor.axe()
