"""The ekonom reads the key figures for god ekonomisk hushållning and the resultaträkning of
the demo kommun's Tertial 2 2026, as a person would; axe checks each page.

The test books its own small ledger (on top of whatever the demo holds) and makes sure KF's
financial goal on the result is linked to the result's share of tax revenue and grants.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import translation
from playwright.sync_api import expect

from apps.demo import goals_data
from apps.economy import keyfigures, statements
from apps.economy.models import FinancialGoalLink, KeyFigure
from apps.goals.models import Goal
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_tkr
from tests.browser.conftest import Visitor
from tests.economy.factories import book_rows, kommun_bas_chart

M = 1_000_000


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def result_goal() -> Goal:
    spec = next(spec for spec in goals_data.GOALS if spec["key"] == "resultat")
    return Goal.objects.get(level__key=spec["level"], title=spec["title"])


def test_the_ekonom_reads_the_key_figures_and_the_income_statement(visitor: Visitor) -> None:
    period = ReportingPeriod.objects.get(year=2026, name="Tertial 2")
    kommun_bas_chart()
    book_rows(
        [(6, "3010", -40 * M), (6, "5010", 100 * M), (6, "8010", -90 * M), (6, "1910", 30 * M)],
        unit=Unit.objects.get(ansvarskod="2000"),
    )
    goal = result_goal()
    # The demo links the goal already; the test makes sure of the figure and the threshold.
    FinancialGoalLink.objects.update_or_create(
        goal=goal, defaults={"figure": "result_share", "comparison": "gte", "threshold": Decimal(2)}
    )
    figures = keyfigures.key_figures(period)
    expected = next(s for s in keyfigures.financial_goal_statuses(figures) if s.goal == goal)

    page = visitor.page
    visitor.login("ekonom")
    visitor.goto(f"/ekonomi/{period.pk}/nyckeltal/")
    expect(page.locator("h1")).to_contain_text("2026")
    result_row = page.locator("main tr#figure-result")
    expect(result_row.get_by_role("rowheader")).to_contain_text(str(KeyFigure.RESULT.label))
    goal_row = page.locator(f"main tr#goal-{goal.pk}")
    expect(goal_row).to_contain_text(goal.title)
    expect(goal_row.locator(".status")).to_have_text(
        re.compile(re.escape(str(expected.status_label)))
    )
    # The status is computed where it is read: nothing to write as an assessment.
    expect(page.get_by_role("button", name=t("Assess the financial goals"))).to_have_count(0)
    expect(page.locator("main tr#figure-equity_ratio")).to_contain_text(
        figures.figures[KeyFigure.EQUITY_RATIO].outcome_text
    )

    page.get_by_role("link", name=t("Income statement"), exact=True).click()
    expect(page).to_have_url(visitor.url(f"/ekonomi/{period.pk}/resultatrakning/"))
    visitor.axe()
    income = statements.income_statement(2026, 8, period_id=period.pk)
    result = page.get_by_role("row", name=re.compile(re.escape(t("Result for the year"))))
    expect(result.locator("td").first).to_have_text(
        format_tkr(income.row(statements.RESULT).outcome)
    )
