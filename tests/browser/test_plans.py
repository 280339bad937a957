"""A verksamhetsplan as people work with it: "An editor of an enhet opens the verksamhetsplan,
adds an activity linked to a nämndmål, submits the plan; the nämnd's redaktör decides it; it
becomes read-only."

Exempelkommun has no editor of an enhet, so the test adds one for Förskolan Solrosen (under
Barn- och utbildningsnämndens förvaltning). Expected texts come from the demo data and from
the translation catalogue the pages use.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import translation
from playwright.sync_api import expect

from apps.demo import data, goals_data
from apps.goals.models import Goal
from apps.organisation.models import Unit
from apps.plans.models import Plan, PlanState
from tests.browser.conftest import Visitor
from tests.factories import RoleAssignmentFactory, UserFactory

YEAR = 2026
SOLROSEN = "Förskolan Solrosen"
BUN = "Barn- och utbildningsnämnden"
ACTIVITY = "Högläsning varje dag i alla barngrupper"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def sv(label) -> str:
    with translation.override("sv"):
        return str(label)


def demo_goal(key: str) -> Goal:
    spec = next(spec for spec in goals_data.GOALS if spec["key"] == key)
    return Goal.objects.get(
        level__model__key=goals_data.PRESET,
        level__key=spec["level"],
        owner__ansvarskod=spec["owner"],
        title=spec["title"],
    )


def last_change(plan: Plan) -> tuple[str, str]:
    record = plan.history.order_by("-history_date", "-history_id").first()
    return record.history_user.username, record.history_change_reason


def log_out(visitor: Visitor) -> None:
    visitor.page.locator("header").get_by_role("button", name=t("Log out")).click()
    expect(visitor.page).to_have_url(visitor.url("/login/"))
    visitor.axe()


def test_an_enhets_editor_writes_and_submits_the_plan_and_the_namnd_decides_it(
    visitor: Visitor,
) -> None:
    page = visitor.page
    solrosen = Unit.objects.get(name=SOLROSEN, valid_to__isnull=True)
    namndmal = demo_goal("bun-behorighet")
    chef = UserFactory(username="forskolechef", first_name="Frida", last_name="Ek")
    chef.set_password(data.DEMO_PASSWORD)
    chef.save()
    RoleAssignmentFactory(user=chef, role="redaktor", unit=solrosen)

    # The head of the förskola opens this year's plans and starts Solrosen's plan.
    visitor.login("forskolechef")
    page.locator("header nav").get_by_role("link", name=t("Plans"), exact=True).click()
    expect(page).to_have_url(visitor.url("/planer/"))
    expect(page.locator("h1")).to_have_text(t("Plans %(year)s") % {"year": YEAR})
    visitor.axe()
    row = page.locator("main table tbody tr").filter(
        has=page.get_by_role("rowheader", name=SOLROSEN, exact=True)
    )
    existing = Plan.objects.filter(unit=solrosen, year=YEAR).first()
    if existing is None:
        row.get_by_role("button", name=t("Start an empty plan")).click()
    else:  # the demo kommun may one day come with Solrosen's plan
        row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/planer/\d+/$"))
    expect(page.locator("h1")).to_have_text(SOLROSEN)
    visitor.axe()
    plan = Plan.objects.get(unit=solrosen, year=YEAR)
    assert page.url == visitor.url(f"/planer/{plan.pk}/")
    assert (plan.kind, plan.state) == ("enhetsplan", "draft")
    if existing is None:
        assert last_change(plan) == (
            "forskolechef",
            t("Plan for %(year)s started") % {"year": YEAR},
        )
    expect(page.locator("main .plan-state")).to_have_text(t("Draft"))

    # … adds an activity for BUN's nämndmål …
    page.locator("main").get_by_role("link", name=t("Add an activity")).click()
    expect(page).to_have_url(visitor.url(f"/planer/{plan.pk}/aktiviteter/ny/"))
    expect(page.locator("h1")).to_have_text(t("New activity"))
    visitor.axe()
    form = page.locator("main form")
    goal = form.get_by_label(t("Goal"), exact=True)
    label = f"Nämndmål: {namndmal.title} (BUN)"
    expect(goal.locator("option", has_text=namndmal.title)).to_have_text(label)
    expect(goal.locator("option", has_text="(SN)")).to_have_count(0)  # not Socialnämndens
    form.get_by_label(t("Title")).fill(ACTIVITY)
    form.get_by_label(t("Description")).fill("Läsvilan efter lunch blir en stund för högläsning.")
    goal.select_option(label=label)
    form.get_by_label(t("Responsible")).fill("Förskolechef")
    form.get_by_label(t("Start")).fill("2026-02-01")
    form.get_by_label(t("End")).fill("2026-12-18")
    form.get_by_label(t("Status")).select_option(label=t("Started"))
    form.get_by_label(t("Reason for the change")).fill("Förskolans plan för språkutveckling")
    form.get_by_role("button", name=t("Save")).click()

    expect(page).to_have_url(visitor.url(f"/planer/{plan.pk}/#activities"))
    visitor.axe()
    expect(page.locator("main .messages")).to_have_text(t("The activity was saved."))
    activity = plan.activities.get(title=ACTIVITY)
    assert (activity.goal, activity.status, activity.responsible) == (
        namndmal,
        "started",
        "Förskolechef",
    )
    assert (activity.starts_on, activity.ends_on) == (dt.date(2026, 2, 1), dt.date(2026, 12, 18))
    activity_row = page.locator("#activities tbody tr").filter(has_text=ACTIVITY)
    expect(activity_row.get_by_role("link", name=namndmal.title)).to_be_visible()

    # … and submits it to the nämnd, which the head of the förskola cannot decide.
    page.locator("main").get_by_role("button", name=t("Submit the plan")).click()
    expect(page.locator("main .messages")).to_have_text(t("The plan was submitted."))
    visitor.axe()
    plan.refresh_from_db()
    assert plan.state == "submitted"
    assert last_change(plan) == ("forskolechef", t("Submitted to the committee"))
    expect(page.locator("main .plan-state")).to_have_text(t("Submitted"))
    expect(page.locator("main")).to_contain_text(
        t("The plan waits for the decision of %(body)s.") % {"body": BUN}
    )
    expect(page.locator("main").get_by_role("button", name=t("Decide the plan"))).to_have_count(0)
    log_out(visitor)

    # BUN's redaktör decides the plan with the date and § of the meeting.
    visitor.login("redaktor")
    visitor.goto(f"/planer/?ar={YEAR}")
    row = page.locator("main table tbody tr").filter(
        has=page.get_by_role("rowheader", name=SOLROSEN, exact=True)
    )
    expect(row.locator(".plan-state")).to_have_text(t("Submitted"))
    row.get_by_role("link").click()
    expect(page).to_have_url(visitor.url(f"/planer/{plan.pk}/"))
    visitor.axe()
    decide = page.locator("main form").filter(
        has=page.get_by_role("button", name=t("Decide the plan"))
    )
    decide.get_by_label(t("Decision date")).fill("2026-01-28")
    decide.get_by_label(t("Paragraph")).fill("§ 7")
    decide.get_by_label(t("Reason for the change")).fill("BUN 2026-01-28 § 7")
    decide.get_by_role("button", name=t("Decide the plan")).click()

    expect(page.locator("main .messages")).to_have_text(
        t("The plan was decided and is now read-only.")
    )
    visitor.axe()
    plan.refresh_from_db()
    assert (plan.state, plan.decided_on, plan.paragraph, plan.decided_by.name) == (
        "decided",
        dt.date(2026, 1, 28),
        "§ 7",
        BUN,
    )
    assert last_change(plan) == ("redaktor", "BUN 2026-01-28 § 7")
    main = page.locator("main")
    expect(main.locator(".plan-state")).to_have_text(sv(PlanState.DECIDED.label))
    expect(main.locator(".lead")).to_contain_text(f"{BUN} den 28 jan. 2026, § 7")
    # The nämnd may reopen it; nothing else on the page can be changed.
    expect(main.locator("form")).to_have_count(1)
    expect(main.get_by_role("button", name=t("Reopen the plan"))).to_be_visible()
    expect(main.get_by_role("textbox")).to_have_count(1)  # the reason to reopen
    expect(main.get_by_role("link", name=t("Add an activity"))).to_have_count(0)
    log_out(visitor)

    # For the förskola the decided plan is read-only: no forms, and no way into one.
    visitor.login("forskolechef")
    visitor.goto(f"/planer/{plan.pk}/")
    expect(main.locator(".plan-state")).to_have_text(sv(PlanState.DECIDED.label))
    expect(main.locator("form")).to_have_count(0)
    expect(main.locator("#activities").get_by_role("link", name=ACTIVITY)).to_have_count(0)
    expect(main.locator("#activities")).to_contain_text(ACTIVITY)
    visitor.goto(f"/planer/{plan.pk}/aktiviteter/{activity.pk}/")
    expect(page).to_have_url(visitor.url(f"/planer/{plan.pk}/"))
    expect(main.locator(".messages")).to_have_text(
        t("The plan is decided and read-only. Reopen it to change it.")
    )
    expect(main.locator("form")).to_have_count(0)
    activity.refresh_from_db()
    assert activity.status == "started"
