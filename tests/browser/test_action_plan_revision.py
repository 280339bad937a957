"""A deficit that grows after the åtgärdsplan was decided, as Socialnämnden's redaktör meets
it: the att göra asks for a revised plan with the grown amount, one click raises it (answering
the new deficit and referring to the old plan), a measure is added with its effect typed in
tkr, and the old plan reads revised, no longer flagged.

Exempelkommun's Socialnämnden has a plan decided for its 18 mnkr deficit in 2026's Tertial 2.
Its forecast in that period is raised here by 6,5 mnkr through the ORM (as a later save
would), and the period's deadline moved ahead so that the redaktör reports in time. Expected
texts come from the same translation catalogue the pages use.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone, translation
from playwright.sync_api import expect

from apps.economy.models import Forecast
from apps.followup.models import ActionPlan
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import NBSP
from tests.browser.conftest import Visitor


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def grown(demo_kommun) -> ActionPlan:
    period = ReportingPeriod.objects.get(year=2026, name="Tertial 2")
    sn = Unit.objects.get(ansvarskod="3000")
    in_a_month = timezone.localdate() + dt.timedelta(days=30)
    ReportingPeriod.objects.filter(pk=period.pk, deadline__lt=in_a_month).update(
        deadline=in_a_month
    )
    Forecast.objects.filter(unit=sn, period=period).update(amount=F("amount") + 6_500_000)
    return ActionPlan.objects.get(unit=sn, period=period, cause="deficit")


def test_the_nämnd_raises_a_revised_plan_for_a_grown_deficit(
    visitor: Visitor, grown: ActionPlan
) -> None:
    page = visitor.page
    grown_text = t("The deficit has grown by %(amount)s since the plan was decided") % {
        "amount": f"6{NBSP}500{NBSP}tkr"
    }
    visitor.login("redaktor2")
    visitor.goto("/uppfoljning/")
    todo = page.locator("#todo-revisions")
    expect(todo).to_contain_text(grown_text)
    visitor.axe()

    visitor.goto(f"/uppfoljning/atgardsplan/{grown.pk}/")
    expect(page.locator("#plan-flag")).to_contain_text(grown_text)
    expect(page.locator("#plan-state")).to_have_text(t("Decided – the deficit has grown"))
    visitor.axe()

    visitor.goto("/uppfoljning/")
    todo.get_by_role(
        "button",
        name=t("Raise a revised action plan for %(amount)s") % {"amount": f"24{NBSP}500{NBSP}tkr"},
    ).click()
    revised = ActionPlan.objects.get(revises=grown)
    expect(page).to_have_url(visitor.url(f"/uppfoljning/atgardsplan/{revised.pk}/"))
    assert revised.deficit == Decimal("24500000.00") and revised.decided_on is None
    expect(page.locator("#plan-figures")).to_contain_text(f"24{NBSP}500,0{NBSP}tkr")
    visitor.axe()

    add = page.get_by_role("button", name=t("Add"), exact=True)
    form = page.locator("form").filter(has=add)
    form.get_by_label(t("Measure")).fill("Fler familjehem i egen regi")
    form.get_by_label(t("Responsible")).fill("Socialchef")
    form.get_by_label(t("By when")).fill("2026-12-31")
    form.get_by_label(f"{t('Estimated effect on the deficit')} (tkr)").fill("1 234,5")
    add.click()
    expect(page.locator("#plan-figures")).to_contain_text(f"1{NBSP}234,5{NBSP}tkr")
    assert revised.measures.get().effect == Decimal("1234500.00")
    visitor.axe()

    visitor.goto(f"/uppfoljning/atgardsplan/{grown.pk}/")
    expect(page.locator("#plan-state")).to_have_text(t("Revised"))
    expect(page.locator("#plan-flag")).to_have_count(0)
    visitor.goto("/uppfoljning/")
    expect(page.locator("#todo-revisions")).to_have_count(0)
