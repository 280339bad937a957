"""Reads for follow-up entry, in a fixed number of queries whatever the unit's size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from apps.accounts.access import UserAccess
from apps.followup.models import ActionPlan, Assessment, UnitCompletion
from apps.goals.models import Goal, GoalIndicator, IndicatorValue
from apps.goals.selectors import goals_in_year
from apps.goals.services import active_model
from apps.organisation.models import Unit
from apps.periods.models import PeriodState, ReportingPeriod
from apps.periods.services import deadlines_for


@dataclass
class GoalEntry:
    goal: Goal
    assessment: Assessment | None
    contributes: bool  # a KF goal the unit reports its contribution to
    action_plans: list[ActionPlan] = field(default_factory=list)

    @property
    def needs_action_plan(self) -> bool:
        return bool(self.assessment and self.assessment.status == "not_met")


@dataclass
class IndicatorEntry:
    link: GoalIndicator
    value: IndicatorValue | None


@dataclass
class UnitFollowup:
    unit: Unit
    period: ReportingPeriod
    goals: list[GoalEntry]
    indicators: list[IndicatorEntry]
    completion: UnitCompletion | None

    @property
    def assessed(self) -> int:
        return sum(1 for entry in self.goals if entry.assessment is not None)


def unit_followup(*, unit: Unit, period: ReportingPeriod) -> UnitFollowup:
    """What ``unit`` reports in ``period``: its own goals, the KF goals above them, their
    indicators, what it has entered so far, and whether it marked itself done."""
    model = active_model()
    own = (
        list(
            goals_in_year(model, period.year)
            .filter(owner=unit, retired_on__isnull=True)
            .select_related("level", "owner", "perspective")
            .order_by("tree_id", "lft")
        )
        if model
        else []
    )
    council = (
        list(
            Goal.objects.filter(
                level__decided_by="kf",
                level__is_measurable=True,
                tree_id__in={g.tree_id for g in own},
            )
            .filter(_above_any(own))
            .filter(pk__in=goals_in_year(model, period.year).filter(retired_on__isnull=True))
            .select_related("level", "owner", "perspective")
            .order_by("tree_id", "lft")
        )
        if own
        else []
    )
    goals = council + own
    assessments = {
        a.goal_id: a for a in Assessment.objects.filter(unit=unit, period=period, goal__in=goals)
    }
    links = list(
        GoalIndicator.objects.filter(goal__in=own, year=period.year)
        .select_related("indicator", "goal")
        .order_by("indicator__title", "goal__lft")
    )
    seen: set[int] = set()
    unique_links = []
    for link in links:
        if link.indicator_id not in seen:
            seen.add(link.indicator_id)
            unique_links.append(link)
    values = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(period=period, unit=unit, indicator_id__in=seen)
    }
    plans: dict[int, list[ActionPlan]] = {}
    for plan in (
        ActionPlan.objects.filter(unit=unit, goal__in=goals).select_related("period").order_by("pk")
    ):
        plans.setdefault(plan.goal_id, []).append(plan)
    return UnitFollowup(
        unit=unit,
        period=period,
        goals=[
            GoalEntry(g, assessments.get(g.pk), g.owner_id != unit.pk, plans.get(g.pk, []))
            for g in goals
        ],
        indicators=[IndicatorEntry(link, values.get(link.indicator_id)) for link in unique_links],
        completion=UnitCompletion.objects.filter(unit=unit, period=period)
        .select_related("marked_by")
        .first(),
    )


def _above_any(goals: list[Goal]) -> Q:
    condition = Q(pk__in=[])
    for goal in goals:
        condition |= Q(tree_id=goal.tree_id, lft__lt=goal.lft, rght__gt=goal.rght)
    return condition


@dataclass
class TodoItem:
    period: ReportingPeriod
    unit: Unit
    goals: int
    assessed: int
    done: bool
    deadline: dt.date  # the period's, or the unit's extension

    @property
    def missing(self) -> int:
        return self.goals - self.assessed

    @property
    def overdue(self) -> bool:
        return not self.done and timezone.localdate() > self.deadline


@dataclass
class PeriodOverviewRow:
    unit: Unit
    goals: int
    assessed: int
    completion: UnitCompletion | None = None


def reporting_units(period: ReportingPeriod) -> list[tuple[Unit, int, int]]:
    """Every unit that owns goals in the period's year, with its goal and assessment counts:
    three queries."""
    model = active_model()
    if model is None:
        return []
    owned = dict(
        goals_in_year(model, period.year)
        .filter(retired_on__isnull=True)
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
    )
    assessed = dict(
        Assessment.objects.filter(period=period, goal__owner_id=F("unit_id"))
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    units = Unit.objects.filter(pk__in=owned).order_by("tree_id", "lft")
    return [(unit, owned[unit.pk], assessed.get(unit.pk, 0)) for unit in units]


def period_overview(period: ReportingPeriod) -> list[PeriodOverviewRow]:
    """For the ekonom: which units are done with the period, and how far the others are."""
    completions = {
        c.unit_id: c
        for c in UnitCompletion.objects.filter(period=period).select_related("marked_by")
    }
    return [
        PeriodOverviewRow(unit, goals, assessed, completions.get(unit.pk))
        for unit, goals, assessed in reporting_units(period)
    ]


def todo_for(access: UserAccess) -> list[TodoItem]:
    """What the user still has to report, per open period and unit, earliest deadline first."""
    periods = list(ReportingPeriod.objects.filter(state=PeriodState.OPEN).order_by("deadline"))
    own_units = {u.pk for u in access.editor_units()}
    items = []
    for period in periods:
        done = set(UnitCompletion.objects.filter(period=period).values_list("unit_id", flat=True))
        # Administrators may write everywhere; their to-do list is still their own units.
        rows = [
            (unit, goals, assessed)
            for unit, goals, assessed in reporting_units(period)
            if access.can_edit_for(unit) and (not access.is_administrator or unit.pk in own_units)
        ]
        deadlines = deadlines_for(period, [unit for unit, _goals, _assessed in rows])
        for unit, goals, assessed in rows:
            items.append(
                TodoItem(period, unit, goals, assessed, unit.pk in done, deadlines[unit.pk])
            )
    return sorted(items, key=lambda item: item.deadline)
