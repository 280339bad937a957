"""The conclusion on god ekonomisk hushållning: the kommun's rule applied to the statuses of
the KF's verksamhetsmål and of the financial goals (tests/goals/conftest.py's chain: two
inriktningsmål and one financial goal of KF)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from apps.economy.good_management import conclusion
from apps.economy.models import GoodManagementRule
from apps.followup.models import GoalStatus
from apps.periods.models import ReportingPeriod
from apps.reports import text_services
from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections import narrative
from tests.factories import AssessmentFactory, ReportingPeriodFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

pytestmark = pytest.mark.django_db
MET, PARTLY, NOT_MET = GoalStatus.MET, GoalStatus.PARTLY_MET, GoalStatus.NOT_MET


@pytest.fixture
def tertial2(org) -> ReportingPeriod:
    return ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2",
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 8, 31),
    )  # fmt: skip


@pytest.fixture
def annual(org) -> ReportingPeriod:
    return ReportingPeriodFactory(
        year=2026, kind="bokslut", name="Bokslut",
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31),
    )  # fmt: skip


def assess(chain, period, school, elderly, finance) -> None:
    for goal, status in (
        (chain.school, school),
        (chain.elderly, elderly),
        (chain.finance, finance),
    ):
        if status:
            AssessmentFactory(goal=goal, period=period, status=status)


def rule(**fields) -> GoodManagementRule:
    fields.setdefault("first_year", 2024)
    return GoodManagementRule.objects.create(**fields)


def test_majority_with_partly_met_goals_counted(chain, tertial2):
    rule(min_goal_share=Decimal(50), counts_partly_met=True)
    assess(chain, tertial2, MET, PARTLY, MET)
    found = conclusion(tertial2)
    assert found.goals.counts[MET] == 1 and found.goals.counts[PARTLY] == 1
    assert found.goals.total == 2 and found.financial.total == 1
    assert found.goal_share == Decimal("100.0")
    assert found.achieved is True


def test_majority_without_partly_met_goals_counted(chain, tertial2):
    rule(min_goal_share=Decimal(50), counts_partly_met=False)
    assess(chain, tertial2, MET, PARTLY, MET)
    found = conclusion(tertial2)
    assert found.goal_share == Decimal("50.0")  # not more than half
    assert found.goals_hold is False and found.achieved is False


def test_a_goal_not_assessed_counts_in_the_total(chain, tertial2):
    rule(min_goal_share=Decimal(50))
    assess(chain, tertial2, MET, None, MET)
    found = conclusion(tertial2)
    assert found.goals.counts[GoalStatus.NOT_ASSESSED] == 1
    assert found.achieved is False


def test_every_financial_goal_must_be_met(chain, tertial2):
    rule(all_financial_goals=True)
    assess(chain, tertial2, MET, MET, NOT_MET)
    found = conclusion(tertial2)
    assert found.goals_hold is True and found.financial_hold is False
    assert found.achieved is False


def test_a_share_of_the_financial_goals(chain, tertial2):
    assess(chain, tertial2, MET, MET, NOT_MET)
    rule(all_financial_goals=False, min_financial_share=Decimal(50))
    assert conclusion(tertial2).achieved is False
    GoodManagementRule.objects.update(min_financial_share=Decimal(0))
    assert conclusion(tertial2).achieved is True


def test_the_latest_rule_not_after_the_year_applies(chain, tertial2):
    rule(first_year=2024, counts_partly_met=True)
    rule(first_year=2026, counts_partly_met=False)
    rule(first_year=2027, counts_partly_met=True)
    assert conclusion(tertial2).rule.first_year == 2026


def test_without_a_rule_nothing_is_computed(chain, tertial2, django_assert_num_queries):
    assess(chain, tertial2, MET, MET, MET)
    with django_assert_num_queries(1):
        found = conclusion(tertial2)
    assert found.rule is None and found.achieved is None and found.goals.total == 0


def test_the_conclusion_reads_a_fixed_number_of_queries(
    chain, tertial2, django_assert_num_queries, admin_user, org, vimmerby
):
    rule()
    assess(chain, tertial2, MET, PARTLY, MET)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        conclusion(tertial2)
    from apps.goals import services
    from tests.goals.builders import level

    for number in range(5):
        goal = services.goal_create(
            actor=admin_user, level=level(vimmerby, "inriktningsmal"), owner=org.kf,
            title=f"Mål {number}", parent=chain.vision, first_year=2025, last_year=2028,
            reason="Budget",
        )  # fmt: skip
        AssessmentFactory(goal=goal, period=tertial2, status=MET)
    with django_assert_num_queries(len(small.captured_queries)):
        found = conclusion(tertial2)
    assert found.goals.total == 7


# --- The builder -------------------------------------------------------------------------


def ctx_for(period, kind) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=None, municipality=None)


def test_the_builder_says_the_rule_the_counts_and_the_conclusion(chain, annual, economist):
    rule(min_goal_share=Decimal(50), counts_partly_met=True, all_financial_goals=True,
         decided_on=dt.date(2023, 11, 20), paragraph="KF § 112")  # fmt: skip
    assess(chain, annual, MET, PARTLY, MET)
    text_services.report_text_save(
        actor=economist, period=annual, heading=narrative.GOOD_MANAGEMENT,
        text="<p>Ekonomichefens bedömning.</p>", reason="Utkast",
    )  # fmt: skip
    with translation.override("en"):
        section = narrative.good_management_conclusion(ctx_for(annual, ReportKind.ANNUAL))
    assert section.key == narrative.CONCLUSION_KEY
    assert section.data["conclusion"] == "The municipality has good financial management."
    assert "every financial goal is to be met" in section.data["rule"]
    assert "KF § 112" in section.data["rule"]
    assert "Ekonomichefens bedömning." in section.data["text"]
    rows = section.tables[0].rows
    assert rows[0][1:6] == [1, 1, 0, 0, 2]  # met, partly, not met, not assessed, total
    assert rows[1][1:6] == [1, 0, 0, 0, 1]


def test_an_interim_report_says_expected(chain, tertial2):
    rule()
    assess(chain, tertial2, NOT_MET, NOT_MET, MET)
    with translation.override("en"):
        section = narrative.good_management_conclusion(ctx_for(tertial2, ReportKind.INTERIM))
    assert section.data["conclusion"] == (
        "The municipality is not expected to achieve good financial management."
    )


def test_the_builder_without_a_rule_says_so(chain, tertial2):
    section = narrative.good_management_conclusion(ctx_for(tertial2, ReportKind.INTERIM))
    assert section.data["has_rule"] is False and section.tables == []


def test_the_heading_does_not_repeat_the_assessment_the_conclusion_carries(
    chain, tertial2, economist
):
    rule()
    text_services.report_text_save(
        actor=economist, period=tertial2, heading=narrative.GOOD_MANAGEMENT,
        text="<p>Bedömning</p>", reason="Utkast",
    )  # fmt: skip
    ctx = ctx_for(tertial2, ReportKind.INTERIM)
    heading = narrative.heading(
        ctx, narrative.GOOD_MANAGEMENT, [narrative.good_management_conclusion(ctx)]
    )
    assert heading.data["text"] == ""
    assert "Bedömning" in heading.children[0].data["text"]
