"""The demo's financial goals are linked to their key figures, so its årsredovisning 2025 and
delårsrapport 2026 print computed statuses only: the goal chapter and the economy chapter the
same status and value, the ones ``computed_statuses`` gives, and no typed status is stored.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from apps.demo.loader import load_demo
from apps.economy import keyfigures
from apps.economy.models import FinancialGoalLink
from apps.followup.models import Assessment, GoalStatus
from apps.goals.computed import computed_statuses
from apps.goals.models import Goal
from tests.invariants.kommun import Kommun, built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kommun(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "Exempelkommun", load_demo) as built:
        yield built


def label(status: str) -> str:
    with translation.override("sv"):
        return str(GoalStatus(status).label)


def test_every_financial_goal_of_the_demo_is_linked(kommun: Kommun):
    financial = set(Goal.objects.filter(level__is_financial=True).values_list("pk", flat=True))
    linked = set(FinancialGoalLink.objects.values_list("goal_id", flat=True))
    assert financial and financial == linked
    figures = set(FinancialGoalLink.objects.values_list("figure", flat=True))
    assert figures == {"result_share", "self_financing", "equity_ratio"}


def test_no_linked_goal_holds_a_typed_status(kommun: Kommun):
    typed = Assessment.objects.filter(goal__financial_link__isnull=False).exclude(
        status=GoalStatus.NOT_ASSESSED
    )
    assert list(typed.values_list("goal__title", "period__name", "status")) == []


@pytest.mark.parametrize("key", ["2025-bokslut", "2026-tertial2"])
def test_both_chapters_print_the_computed_status_and_value(kommun: Kommun, key: str):
    period = kommun.period(key)
    links = list(FinancialGoalLink.objects.select_related("goal"))
    computed = computed_statuses([link.goal_id for link in links], period)
    figures = keyfigures.key_figures(period)
    economy = {row[0]: row for row in kommun.table(key, "finansiella-mal").rows}
    chapter = {row[0]: row for row in kommun.table(key, "goals-fulfilment").rows}
    for link in links:
        status = computed[link.goal_id]
        value, _missing = figures.assessed(link.figure)
        assert status.value_text == keyfigures.format_figure(value, keyfigures.UNIT_OF[link.figure])
        title = link.goal.title
        assert (economy[title][3], economy[title][4]) == (status.value_text, label(status.status))
        assert chapter[title][3] == label(status.status)
        assert status.value_text in chapter[title][5]
