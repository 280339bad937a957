"""The conclusion on god ekonomisk hushållning: the rule the kommun has decided
(``GoodManagementRule``) applied to the statuses of the KF's verksamhetsmål and of the
financial goals in a period, read as every page and report reads them
(``apps.goals.selectors.period_statuses``: the owner's assessment, a computed status of a
financial goal linked to a key figure winning).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.economy.models import GoodManagementRule
from apps.followup.body_reports import GoalCounts
from apps.followup.models import GoalStatus
from apps.goals.models import DecidedBy, SteeringModel
from apps.goals.selectors import goals_in_year, period_statuses
from apps.periods.models import PeriodKind, ReportingPeriod


@dataclass
class GoodManagementConclusion:
    """The rule that applies to the period's year (None: the kommun has decided none, and
    nothing is concluded), the counts, and whether each part of the rule holds."""

    period: ReportingPeriod
    rule: GoodManagementRule | None
    goals: GoalCounts
    financial: GoalCounts
    goals_hold: bool | None = None
    financial_hold: bool | None = None

    @property
    def is_forecast(self) -> bool:
        """Before the year is over the conclusion is a forecast ("bedöms uppnå")."""
        return self.period.kind != PeriodKind.ANNUAL

    @property
    def achieved(self) -> bool | None:
        if self.rule is None:
            return None
        return bool(self.goals_hold and self.financial_hold)

    @property
    def goal_share(self) -> Decimal | None:
        if self.rule is None:
            return None
        return self.goals.share(partly_counts=self.rule.counts_partly_met)

    @property
    def financial_share(self) -> Decimal | None:
        return self.financial.share(partly_counts=False)


def rule_for(year: int) -> GoodManagementRule | None:
    """The rule with the latest first year not after ``year``. One query."""
    return GoodManagementRule.objects.filter(first_year__lte=year).order_by("-first_year").first()


def conclusion(period: ReportingPeriod) -> GoodManagementConclusion:
    """The rule applied to ``period``: four queries and the computed statuses' (a fixed
    number whatever the number of goals); without a rule only the rule is read."""
    rule = rule_for(period.year)
    result = GoodManagementConclusion(
        period=period, rule=rule, goals=GoalCounts(), financial=GoalCounts()
    )
    if rule is None:
        return result
    model = SteeringModel.objects.filter(is_active=True).first()
    if model is not None:
        goals = [
            goal
            for goal in goals_in_year(model, period.year).select_related("level")
            if goal.level.is_financial
            or (goal.level.decided_by == DecidedBy.COUNCIL and goal.level.is_measurable)
        ]
        statuses = period_statuses(goals=goals, period=period, reader=None)
        for goal in goals:
            count = result.financial if goal.level.is_financial else result.goals
            count.counts[statuses[goal.pk].status] += 1
    # "More than" the share of the verksamhetsmål (the rule's help text); no goals: not held.
    share = result.goals.share(partly_counts=rule.counts_partly_met)
    result.goals_hold = share is not None and share > rule.min_goal_share
    if rule.all_financial_goals:
        financial = result.financial
        result.financial_hold = financial.counts[GoalStatus.MET] == financial.total
    elif rule.min_financial_share is not None:
        financial_share = result.financial.share(partly_counts=False)
        result.financial_hold = (
            financial_share is not None and financial_share >= rule.min_financial_share
        )
    else:
        result.financial_hold = True  # the rule asks nothing of the financial goals
    return result
