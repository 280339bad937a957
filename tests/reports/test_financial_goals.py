"""A financial goal linked to a key figure reads one computation in every report chapter:
the goal chapter (its status, the counts and the block) and the economy chapter's table of
financial goals show the status and the value that ``computed_statuses`` gives, and that the
nyckeltal page shows, for the same period; a typed status stored for the goal (data from
before the link) is never printed.

KF's finansiella mål "Resultat två procent" of tests/goals/conftest.py's chain, on
``example_year`` (Tertial 1 2026: the full-year forecast gives 10,22 %).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.economy import keyfigures
from apps.followup.models import GoalStatus
from apps.goals.computed import computed_statuses
from apps.periods.models import ReportingPeriod
from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections import economy, goals
from styrmodell.lib.formats import format_percent
from tests.economy.factories import FinancialGoalLinkFactory, example_year
from tests.factories import AssessmentFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

TEN_POINT_TWO = format_percent(Decimal("10.22"))  # "10,2 %"


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


@pytest.fixture
def goal(chain, period):
    FinancialGoalLinkFactory(goal=chain.finance, threshold=Decimal("12.00"))  # not met
    # A status typed before the goal was linked: the reports must not print it.
    AssessmentFactory(
        goal=chain.finance, period=period, status=GoalStatus.MET,
        analysis="Årets resultat blev 2,4 procent.",
    )  # fmt: skip
    return chain.finance


def ctx_for(period) -> BuildContext:
    return BuildContext(kind=ReportKind.INTERIM, period=period, unit=None, municipality=None)


def label(status: str) -> str:
    return str(GoalStatus(status).label)


def test_every_chapter_reads_the_computed_status_and_value(period, goal):
    computed = computed_statuses([goal.pk], period)[goal.pk]
    assert (computed.status, computed.value_text) == ("not_met", TEN_POINT_TWO)
    [on_page] = keyfigures.financial_goal_statuses(keyfigures.key_figures(period))
    assert (on_page.status, on_page.value_text) == (computed.status, computed.value_text)

    ctx = ctx_for(period)
    fulfilment = goals.goal_fulfilment(ctx)
    [block] = [b for b in fulfilment.data["blocks"] if b.goal_id == goal.pk]
    assert block.status == computed.status
    assert computed.value_text in block.analysis and computed.threshold_text in block.analysis
    [row] = [r for r in fulfilment.tables[0].rows if r[0] == goal.title]
    assert row[3] == label(computed.status)

    section = economy.good_financial_management(ctx)
    [table] = [t for t in section.tables if t.key == "finansiella-mal"]
    [row] = [r for r in table.rows if r[0] == goal.title]
    assert (row[3], row[4]) == (computed.value_text, label(computed.status))


def test_the_goal_chapter_no_longer_prints_the_typed_status(period, goal):
    ctx = ctx_for(period)
    fulfilment = goals.goal_fulfilment(ctx)
    [row] = [r for r in fulfilment.tables[0].rows if r[0] == goal.title]
    assert label(GoalStatus.MET) not in row[3]
    assert "2,4 procent" in row[5]  # the text is kept as the owner's comment
    council = goals.goal_shares(ctx_for(period)).tables[0].rows[0]
    columns = [label(s) for s in goals.STATUS_ORDER]
    counts = dict(zip(columns, council[1:5], strict=True))
    assert counts[label(GoalStatus.MET)] == 0  # the finance goal counts as computed: not met
    assert counts[label(GoalStatus.NOT_MET)] >= 1
