"""Reads for follow-up entry, in a fixed number of queries whatever the unit's size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from apps.accounts.access import UserAccess
from apps.followup.models import ActionPlan, Assessment, GoalStatus, UnitCompletion
from apps.goals.computed import ComputedStatus, computed_statuses
from apps.goals.models import Goal, GoalIndicator, IndicatorValue, SteeringModel
from apps.goals.selectors import goals_in_year
from apps.goals.services import active_model
from apps.organisation.models import Unit
from apps.periods.models import PeriodState, ReportingPeriod
from apps.periods.services import deadlines_for

# --- "X av Y": the one counting rule -----------------------------------------------------


def required_goals(period: ReportingPeriod, model: SteeringModel | None):
    """The goals each unit must assess in ``period``: the "Y" of "X av Y".

    A unit's own goals of ``model`` (the one in use) valid in the period's year at
    measurable levels (a vision is not assessed), leaving out goals retired by the end of
    the period. KF goals above the unit's own, where it may report its contribution, are not
    part of it. "X" is ``reported_assessments``; "Marking a unit's follow-up done" requires
    X = Y. Unordered; None without a steering model in use.
    """
    if model is None:
        return None
    return goals_in_year(model, period.year).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=period.ends_on), level__is_measurable=True
    )


def reported_assessments(period: ReportingPeriod):
    """The assessments that count as reported: the "X" of "X av Y".

    An owner's assessment of its goal in ``period`` with a status, or with "ej bedömt" and
    the reason why it is not assessed (the analysis). An "ej bedömt" without a reason is
    not reported.
    """
    return Assessment.objects.filter(period=period, unit_id=F("goal__owner_id")).filter(
        ~Q(status=GoalStatus.NOT_ASSESSED) | ~Q(analysis="")
    )


@dataclass(frozen=True)
class FollowupProgress:
    """How far ``unit`` has come with its follow-up in a period: "``reported`` av
    ``required``", by the rule of ``required_goals`` and ``reported_assessments``. Every page
    and report that shows a unit's progress reads it from ``followup_progress``."""

    unit: Unit
    required: int
    reported: int

    @property
    def missing(self) -> int:
        return self.required - self.reported

    @property
    def complete(self) -> bool:
        return self.reported >= self.required


def followup_progress(
    *, period: ReportingPeriod, units: list[Unit] | None = None
) -> dict[int, FollowupProgress]:
    """Each unit's progress in ``period`` (every unit that must assess goals in it, or only
    ``units``), by unit id, in the organisation's order: four queries and the computed
    statuses' providers."""
    required = required_goals(period, active_model())
    if required is None:
        return {}
    if units is not None:
        required = required.filter(owner__in=units)
    goals = list(required.values_list("pk", "owner_id"))
    done = _reported_goal_ids(period, required, [pk for pk, _owner in goals])
    owned: dict[int, int] = defaultdict(int)
    reported: dict[int, int] = defaultdict(int)
    for goal_id, owner_id in goals:
        owned[owner_id] += 1
        reported[owner_id] += goal_id in done
    found = Unit.objects.filter(pk__in=owned).order_by("tree_id", "lft")
    return {unit.pk: FollowupProgress(unit, owned[unit.pk], reported[unit.pk]) for unit in found}


def _reported_goal_ids(period: ReportingPeriod, required, goal_ids: list[int]) -> set[int]:
    """Of ``goal_ids`` (in ``required``), those reported: an owner's assessment that counts,
    or a status computed from a key figure (nothing to type then). One query and the
    providers."""
    done = set(
        reported_assessments(period).filter(goal__in=required).values_list("goal_id", flat=True)
    )
    return done | set(computed_statuses(goal_ids, period))


def missing_goals(*, unit: Unit, period: ReportingPeriod) -> list[Goal]:
    """The goals ``unit`` must assess in ``period`` that it has not reported: three queries
    and the computed statuses' providers."""
    required = required_goals(period, active_model())
    if required is None:
        return []
    goals = list(required.filter(owner=unit).order_by("tree_id", "lft"))
    done = _reported_goal_ids(period, required.filter(owner=unit), [g.pk for g in goals])
    return [goal for goal in goals if goal.pk not in done]


@dataclass
class GoalEntry:
    goal: Goal
    assessment: Assessment | None
    contributes: bool  # a KF goal the unit reports its contribution to
    action_plans: list[ActionPlan] = field(default_factory=list)

    @property
    def needs_action_plan(self) -> bool:
        return bool(self.assessment and self.assessment.status == "not_met")

    computed: ComputedStatus | None = None  # a financial goal's status from its key figure

    @property
    def reported(self) -> bool:
        """Counts as reported (``_reported_goal_ids``): a computed status, an assessed
        status, or "ej bedömt" with the reason why."""
        if self.computed is not None:
            return True
        return self.assessment is not None and (
            self.assessment.status != GoalStatus.NOT_ASSESSED or bool(self.assessment.analysis)
        )


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
    computed: dict[int, ComputedStatus] = field(default_factory=dict)  # by goal id

    @property
    def progress(self) -> FollowupProgress:
        """ "X av Y" by the one rule, from the entries already read: the unit's own goals."""
        own = [entry for entry in self.goals if not entry.contributes]
        return FollowupProgress(self.unit, len(own), sum(1 for entry in own if entry.reported))


def unit_followup(*, unit: Unit, period: ReportingPeriod) -> UnitFollowup:
    """What ``unit`` reports in ``period``: its own goals (``required_goals``), the KF goals
    above them, their indicators, what it has entered so far, and whether it marked itself
    done."""
    model = active_model()
    required = required_goals(period, model)
    own = (
        list(
            required.filter(owner=unit)
            .select_related("level", "owner", "perspective")
            .order_by("tree_id", "lft")
        )
        if required is not None
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
    computed = computed_statuses([g.pk for g in goals], period)
    return UnitFollowup(
        unit=unit,
        period=period,
        goals=[
            GoalEntry(
                g,
                assessments.get(g.pk),
                g.owner_id != unit.pk,
                plans.get(g.pk, []),
                computed.get(g.pk),
            )
            for g in goals
        ],
        computed=computed,
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
    def progress(self) -> FollowupProgress:
        return FollowupProgress(self.unit, self.goals, self.assessed)

    @property
    def overdue(self) -> bool:
        return not self.done and timezone.localdate() > self.deadline


@dataclass
class PeriodOverviewRow:
    unit: Unit
    goals: int
    assessed: int
    completion: UnitCompletion | None = None

    @property
    def progress(self) -> FollowupProgress:
        return FollowupProgress(self.unit, self.goals, self.assessed)


def reporting_units(period: ReportingPeriod) -> list[tuple[Unit, int, int]]:
    """Every unit that must assess goals in the period, with "Y" and "X" of its "X av Y"
    (``followup_progress``): four queries."""
    return [(p.unit, p.required, p.reported) for p in followup_progress(period=period).values()]


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
