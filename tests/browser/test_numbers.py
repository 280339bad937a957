"""Numbers typed in a browser whatever its language (issue 13): "6,5" in an indicator
target once arrived as 65 from an English-locale browser's number input. With a browser
locale of en-US and of sv-SE, an editor types "85,5" as a new indicator's target, corrects a
target from 65 to "6,5" and types "1 234,5" as a forecast in tkr; the database holds 85.5,
6.5 and 1 234 500 kr, and the pages show "85,5", "6,5" and "1 234,5 tkr".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Browser, expect

from apps.economy.models import Forecast
from apps.goals import services
from apps.goals.models import Goal, GoalIndicator, IndicatorTarget
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from tests.browser.conftest import TABLET, Visitor
from tests.factories import IndicatorFactory

YEAR = 2026


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture(params=["en-US", "sv-SE"])
def visitor_in(request, browser: Browser, live_server, demo_kommun) -> Iterator[Visitor]:
    """A redaktör's browser with the given language (the pages stay Swedish)."""
    context = browser.new_context(viewport=TABLET, locale=request.param)
    visitor = Visitor(context.new_page(), live_server.url)
    assert visitor.page.evaluate("() => navigator.language") == request.param
    yield visitor
    context.close()
    assert not visitor.unchecked(), visitor.unchecked()


@pytest.fixture
def bun() -> Unit:
    return Unit.objects.get(ansvarskod="2000")


@pytest.fixture
def goal(bun) -> Goal:
    """One of Barn- och utbildningsnämnden's measurable goals of the year."""
    return next(
        g
        for g in Goal.objects.filter(owner=bun, retired_on__isnull=True).select_related("level")
        if g.level.is_measurable and g.is_valid_in(YEAR)
    )


def type_into(locator, text: str) -> None:
    """Type as a person does, key by key (a number input would drop the comma here)."""
    locator.fill("")
    locator.press_sequentially(text)


def test_a_target_typed_with_a_decimal_comma_is_stored_as_typed(
    visitor_in: Visitor, goal: Goal
) -> None:
    visitor, page = visitor_in, visitor_in.page
    visitor.login("redaktor")

    visitor.goto(f"/mal/{goal.pk}/indikatorer/ny/?ar={YEAR}")
    form = page.locator("main form")
    form.get_by_label(t("Or a new indicator: title")).fill("Andel elever som läser i åk 3")
    form.get_by_label(t("Unit of measure")).fill("%")
    form.get_by_label(t("Desired direction")).select_option("higher")
    type_into(form.get_by_label(t("Target value")), "85,5")
    form.get_by_label(t("Reason for the change")).fill("Budget 2026")
    form.get_by_role("button", name=t("Save")).click()
    expect(page).to_have_url(visitor.url(f"/mal/{goal.pk}/?ar={YEAR}"))
    visitor.axe()
    link = GoalIndicator.objects.get(goal=goal, indicator__title="Andel elever som läser i åk 3")
    assert IndicatorTarget.objects.get(indicator=link.indicator, year=YEAR).value == Decimal("85.5")
    article = page.locator("article.indicator").filter(has_text="Andel elever som läser i åk 3")
    expect(article.locator(".indicator__target")).to_contain_text(f"{t('Target')} {YEAR}: 85,5")


def test_a_wrong_target_is_corrected_from_the_goal_page(
    visitor_in: Visitor, goal: Goal, bun: Unit
) -> None:
    from apps.accounts.models import User

    indicator = IndicatorFactory(title="Andel behöriga lärare", decimals=1)
    services.goal_indicator_add(
        actor=User.objects.get(username="redaktor"), goal=goal, indicator=indicator, year=YEAR,
        target=Decimal(65), reason="Skrevs in med ett engelskt webbläsarspråk",
    )  # fmt: skip
    visitor, page = visitor_in, visitor_in.page
    visitor.login("redaktor")

    visitor.goto(f"/mal/{goal.pk}/?ar={YEAR}")
    page.get_by_role(
        "link", name=t("Correct the target of %(title)s") % {"title": indicator.title}
    ).click()
    expect(page).to_have_url(re.compile(rf"/mal/{goal.pk}/indikatorer/{indicator.pk}/malvarde/"))
    visitor.axe()
    field = page.get_by_role("textbox", name=t("Target value"))
    expect(field).to_have_value("65")
    type_into(field, "6,5")
    page.get_by_label(t("Reason for the change")).fill("65 var fel, målet är 6,5")
    page.get_by_role("button", name=t("Save the correction")).click()
    expect(page).to_have_url(re.compile(rf"/mal/{goal.pk}/\?ar={YEAR}"))
    visitor.axe()
    target = IndicatorTarget.objects.get(indicator=indicator, year=YEAR, unit=bun)
    assert target.value == Decimal("6.5")
    assert target.history.first().history_change_reason == "65 var fel, målet är 6,5"

    visitor.goto(f"/mal/{goal.pk}/indikatorer/{indicator.pk}/malvarde/?ar={YEAR}")
    expect(page.locator("#current-target")).to_have_text("6,5")
    expect(page.get_by_role("textbox", name=t("Target value"))).to_have_value("6,5")


def test_a_forecast_typed_in_tkr_is_stored_in_kronor(visitor_in: Visitor, bun: Unit) -> None:
    period = ReportingPeriod.objects.get(year=YEAR, name="Tertial 2")
    in_a_month = timezone.localdate() + dt.timedelta(days=30)
    ReportingPeriod.objects.filter(pk=period.pk, deadline__lt=in_a_month).update(
        deadline=in_a_month
    )
    visitor, page = visitor_in, visitor_in.page
    visitor.login("redaktor")

    visitor.goto(f"/ekonomi/{period.pk}/prognos/{bun.pk}/")
    field = page.get_by_label(f"{t('Full-year forecast, net cost')} (tkr)")
    type_into(field, "1 234,5")
    page.get_by_role("button", name=t("Save forecast")).click()
    expect(page.locator(".messages")).to_have_text(t("The forecast was saved."))
    visitor.axe()
    assert Forecast.objects.get(unit=bun, period=period).amount == Decimal("1234500")
    expect(page.locator("main table").first).to_contain_text("1\u00a0234,5\u00a0tkr")
    expect(page.get_by_label(f"{t('Full-year forecast, net cost')} (tkr)")).to_have_value(
        "1\u00a0234,5"
    )
