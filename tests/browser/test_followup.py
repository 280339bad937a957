"""Follow-up as people do it: an editor reports a tertial for their nämnd, two editors save the
same assessment at once, and a closed tertial can only be read.

In the demo kommun Tertial 2 2026 is open and Barn- och utbildningsnämnden has already marked
it as done; Tertial 1 2026 is closed. Expected texts come from the demo data and from the same
translation catalogue the pages use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Locator, expect

from apps.accounts.models import User
from apps.demo import goals_data
from apps.followup.models import Assessment, UnitCompletion
from apps.goals.models import Goal, Indicator, IndicatorValue
from apps.organisation.models import Unit
from apps.periods.models import PeriodState, ReportingPeriod
from apps.periods.services import period_set_state
from tests.browser.conftest import CALL_FAILED, TABLET, Visitor

BUN = "Barn- och utbildningsnämnden"
EDITOR_NAME = "Rasmus Berg"


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


def demo_indicator(key: str) -> Indicator:
    spec = next(spec for spec in goals_data.INDICATORS if spec["key"] == key)
    return Indicator.objects.get(title=spec["title"])


def tertial(number: int) -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=2026, name=f"Tertial {number}")


def bun() -> Unit:
    return Unit.objects.get(ansvarskod="2000")


def entry_path(period: ReportingPeriod, unit: Unit) -> str:
    return f"/uppfoljning/{period.pk}/enhet/{unit.pk}/"


def goal_article(visitor: Visitor, goal: Goal) -> Locator:
    return visitor.page.locator(f"main article#goal-{goal.pk}")


@pytest.fixture
def new_visitor(
    request: pytest.FixtureRequest, browser: Browser, live_server, demo_kommun
) -> Iterator[Callable[[], Visitor]]:
    """More people, each in a browser context of their own, checked with axe like ``visitor``."""
    contexts, visitors = [], []

    def open_visitor() -> Visitor:
        context = browser.new_context(viewport=TABLET, locale="sv-SE")
        contexts.append(context)
        visitors.append(Visitor(context.new_page(), live_server.url))
        return visitors[-1]

    yield open_visitor
    for context in contexts:
        context.close()
    if not request.node.stash.get(CALL_FAILED, True):
        unchecked = [url for visitor in visitors for url in visitor.unchecked()]
        assert not unchecked, f"Pages visited without an axe check after they loaded: {unchecked}"


def test_an_editor_reports_the_tertial_and_the_politician_sees_the_new_status(
    visitor: Visitor, new_visitor: Callable[[], Visitor]
) -> None:
    page = visitor.page
    period, unit = tertial(2), bun()
    goal = demo_goal("bun-trygghet")  # "not met" in Tertial 1, not yet assessed in Tertial 2
    indicator = demo_indicator("trygga-i-skolan")
    analysis = "Tryggheten har ökat efter åtgärdsplanen med fler vuxna på rasterna."
    visitor.login("redaktor")

    page.locator("header nav").get_by_role("link", name=t("Follow-up"), exact=True).click()
    expect(page).to_have_url(visitor.url("/uppfoljning/"))
    expect(page.locator("h1")).to_have_text(t("To do"))
    visitor.axe()
    row = (
        page.locator("#todo-followup")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=BUN, exact=True))
    )
    expect(row.get_by_role("cell").first).to_have_text(str(period))
    row.get_by_role("link", name=BUN, exact=True).click()
    expect(page).to_have_url(visitor.url(entry_path(period, unit)))
    expect(page.locator("h1")).to_contain_text(BUN)
    visitor.axe()

    # The nämnd marked itself done in the demo: take that back to change something.
    done = page.locator("section[aria-labelledby=done-heading]")
    done.get_by_role("button", name=t("Take back the done mark")).click()
    expect(done.get_by_role("button", name=t("Mark as done"))).to_be_visible()
    visitor.axe()
    assert not UnitCompletion.objects.filter(unit=unit, period=period).exists()

    article = goal_article(visitor, goal)
    article.get_by_label(t("Status")).select_option(label=t("Met"))
    article.get_by_label(t("Analysis: why it goes as it goes")).fill(analysis)
    article.get_by_role("button", name=t("Save assessment")).click()
    expect(page.locator(".messages")).to_have_text(t("The assessment was saved."))
    expect(page).to_have_url(visitor.url(f"{entry_path(period, unit)}#goal-{goal.pk}"))
    expect(article.get_by_label(t("Status"))).to_have_value("met")
    expect(article.get_by_label(t("Analysis: why it goes as it goes"))).to_have_value(analysis)
    visitor.axe()
    assessment = Assessment.objects.get(goal=goal, period=period, unit=unit)
    assert (assessment.status, assessment.analysis) == ("met", analysis)
    assert assessment.history.first().history_user.username == "redaktor"

    values = page.locator(f"main article#indicator-{indicator.pk}")
    values.get_by_label(t("Value"), exact=True).fill("87,5")
    values.get_by_label(t("Women")).fill("89,5")
    values.get_by_label(t("Men")).fill("85,5")
    values.get_by_label(t("Comment")).fill("Enkät i september")
    values.get_by_role("button", name=t("Save value")).click()
    expect(page.locator(".messages")).to_have_text(t("The value was saved."))
    visitor.axe()
    value = IndicatorValue.objects.get(indicator=indicator, period=period, unit=unit)
    assert (value.total, value.women, value.men, value.comment) == (
        Decimal("87.5"),
        Decimal("89.5"),
        Decimal("85.5"),
        "Enkät i september",
    )

    done.get_by_role("button", name=t("Mark as done")).click()
    expect(page.locator(".messages")).to_have_text(t("The follow-up is marked as done."))
    expect(done).to_contain_text(EDITOR_NAME)
    expect(done.get_by_role("button", name=t("Take back the done mark"))).to_be_visible()
    visitor.axe()
    completion = UnitCompletion.objects.get(unit=unit, period=period)
    assert completion.marked_by.username == "redaktor"

    politician = new_visitor()
    politician.login("politiker")
    politician.page.locator("header nav").get_by_role("link", name=t("Goals"), exact=True).click()
    expect(politician.page).to_have_url(politician.url("/mal/"))
    politician.axe()
    kf_goal = goal.parent
    tree = politician.page.locator("ul.goal-tree")
    kf_item = tree.get_by_role("link", name=kf_goal.title, exact=True).locator(
        "xpath=ancestor::li[1]"
    )
    kf_item.locator(":scope > .goal-row > button[data-goal-toggle]").click()
    item = tree.get_by_role("link", name=goal.title, exact=True).locator("xpath=ancestor::li[1]")
    status = item.locator(":scope > .goal-row .status")
    expect(status).to_be_visible()
    # Tertial 2 is still open: the politician reads the latest closed tertial's status, and
    # the page names that tertial (README, "Who reads what"); the open one is not offered.
    named = politician.page.locator("#status-period")
    expect(named).to_contain_text(t("Status per %(name)s") % {"name": str(tertial(1)).lower()})
    expect(politician.page.locator("#f-period option")).to_have_text([str(tertial(1))])
    expect(status).to_have_class(re.compile(r"\bstatus--not_met\b"))
    expect(status).to_have_text(f"✕{t('Not met')}")
    politician.axe()

    # Once the ekonom closes the tertial, the new status is the politician's to read.
    period_set_state(
        actor=User.objects.get(username="ekonom"),
        period=period,
        state=PeriodState.CLOSED,
        reason="Tertialen stängs",
    )
    politician.page.reload()
    politician.axe()
    kf_item.locator(":scope > .goal-row > button[data-goal-toggle]").click()
    expect(named).to_contain_text(t("Status per %(name)s") % {"name": str(period).lower()})
    expect(status).to_have_class(re.compile(r"\bstatus--met\b"))
    expect(status).to_have_text(f"✓{t('Met')}")
    # Tertial 1 can still be chosen: the status it had then, named.
    politician.page.locator("#f-period").select_option(label=str(tertial(1)))
    politician.page.locator("#f-period").locator("xpath=ancestor::form[1]").get_by_role(
        "button", name=t("Show")
    ).click()
    expect(named).to_contain_text(t("Status per %(name)s") % {"name": str(tertial(1)).lower()})
    kf_item.locator(":scope > .goal-row > button[data-goal-toggle]").click()
    expect(status).to_have_class(re.compile(r"\bstatus--not_met\b"))
    politician.axe()


def test_two_editors_save_the_same_assessment_and_the_second_sees_the_conflict(
    new_visitor: Callable[[], Visitor],
) -> None:
    period, unit = tertial(2), bun()
    goal = demo_goal("bun-behorighet")
    path = entry_path(period, unit)
    first_text = "Behörigheten ökade till 86,3 procent; pojkarna har knappat in."
    second_text = "Målvärdet 87 procent nåddes nästan; läsförståelsen ger effekt på sikt."

    first, second = new_visitor(), new_visitor()
    for editor in (first, second):
        editor.login("redaktor")
        editor.goto(path)
    analysis_label = t("Analysis: why it goes as it goes")

    first_article = goal_article(first, goal)
    first_article.get_by_label(analysis_label).fill(first_text)
    first_article.get_by_role("button", name=t("Save assessment")).click()
    expect(first.page.locator(".messages")).to_have_text(t("The assessment was saved."))
    first.axe()

    article = goal_article(second, goal)
    article.get_by_label(t("Status")).select_option(label=t("Met"))
    article.get_by_label(analysis_label).fill(second_text)
    article.get_by_role("button", name=t("Save assessment")).click()

    conflict = article.get_by_role("alert")
    expect(conflict).to_contain_text(t("Saved by %(who)s meanwhile") % {"who": EDITOR_NAME})
    status_label, analysis_label_text = t("Status"), analysis_label
    theirs = conflict.locator("dd")
    expect(conflict.locator("dt")).to_have_text([status_label, analysis_label_text])
    expect(theirs.nth(0).locator("blockquote")).to_have_text([t("Partly met"), t("Met")])
    expect(theirs.nth(1).locator("blockquote")).to_have_text([first_text, second_text])
    expect(article.locator(".field__error")).to_contain_text(EDITOR_NAME)
    expect(article.get_by_label(analysis_label)).to_have_value(second_text)
    expect(article.get_by_label(t("Status"))).to_have_value("met")
    second.axe()

    assessment = Assessment.objects.get(goal=goal, period=period, unit=unit)
    assert (assessment.status, assessment.analysis) == ("partly", first_text)
    assert assessment.history.first().history_user == User.objects.get(username="redaktor")


def test_the_closed_tertial_is_read_only_for_the_editor(visitor: Visitor) -> None:
    page = visitor.page
    period, unit = tertial(1), bun()
    goal = demo_goal("bun-trygghet")
    spec = next(spec for spec in goals_data.GOALS if spec["key"] == "bun-trygghet")
    status, analysis = spec["assessments"]["2026-t1"]
    assert status == "not_met"
    visitor.login("redaktor")

    response = visitor.goto(entry_path(period, unit))
    assert response is not None and response.status == 200
    expect(page.locator("main .notice")).to_have_text(
        t("The period is closed: what was reported is read-only.")
    )
    expect(page.locator("main form")).to_have_count(0)
    expect(page.locator("main textarea, main select, main input")).to_have_count(0)
    article = goal_article(visitor, goal)
    expect(article.locator(".status")).to_have_text(f"✕{t('Not met')}")
    expect(article).to_contain_text(analysis)
