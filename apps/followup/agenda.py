"""Agenda 2030 through the chain (Alvesta): the work and the results per global goal.

``agenda_2030`` is the one read that the follow-up page "Agenda 2030" and every report's
section of the same name share, so that a global goal's lines are the same in both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Q

from apps.followup.access import readable_followup
from apps.followup.models import AssignmentReport
from apps.goals.models import (
    Assignment,
    AssignmentIndicator,
    AssignmentRecipient,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    MissionIndicator,
    RecipientStatus,
    SteeringModel,
    Tag,
    TagKind,
)
from apps.goals.selectors import PeriodStatus, goals_in_year, period_statuses
from apps.goals.services import active_model
from apps.plans.models import Activity

if TYPE_CHECKING:
    from apps.accounts.access import UserAccess
    from apps.organisation.models import Unit
    from apps.periods.models import ReportingPeriod


class GoalLine(NamedTuple):
    goal: Goal  # with level and owner
    status: PeriodStatus  # ``period_statuses``: the one read of a goal's status


class RecipientLine(NamedTuple):
    """One receiving unit of an uppdrag: its återrapport in the period, if any, and the
    status that counts in the period (the report's, else the recipient row's latest)."""

    recipient: AssignmentRecipient  # with unit
    report: AssignmentReport | None
    status: str

    @property
    def status_label(self) -> str:
        return str(RecipientStatus(self.status).label)


class AssignmentLine(NamedTuple):
    assignment: Assignment  # with given_by and goal
    recipients: list[RecipientLine]


class IndicatorLine(NamedTuple):
    """An indicator with the year's target and its value in the period: the narrowed unit's
    own where there is one, else the kommun-wide one, else the only unit's that has one."""

    indicator: Indicator
    target: IndicatorTarget | None
    value: IndicatorValue | None  # with unit


@dataclass
class GlobalGoalBlock:
    """One global goal (a Tag of kind agenda2030) and everything tagged with it."""

    tag: Tag
    goals: list[GoalLine] = field(default_factory=list)
    assignments: list[AssignmentLine] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)  # with plan__unit, goal, assignment
    indicators: list[IndicatorLine] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.goals or self.assignments or self.activities or self.indicators)


def _within(units: Sequence[Unit] | None, prefix: str) -> Q:
    """Rows whose unit (at ``prefix``) is one of ``units`` or under one: no query."""
    if units is None:
        return Q()
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(
            **{
                f"{prefix}__tree_id": unit.tree_id,
                f"{prefix}__lft__gte": unit.lft,
                f"{prefix}__rght__lte": unit.rght,
            }
        )
    return condition


def _preferred(found: dict, indicator_id: int, unit_ids: set[int] | None):
    """The narrowed unit's own row, else the kommun-wide one, else the only unit's."""
    rows = found.get(indicator_id, {})
    if unit_ids is not None and len(unit_ids) == 1:
        own = rows.get(next(iter(unit_ids)))
        if own is not None:
            return own
    if None in rows:
        return rows[None]
    return next(iter(rows.values())) if len(rows) == 1 else None


def agenda_2030(
    *,
    period: ReportingPeriod,
    units: Sequence[Unit] | None = None,
    reader: UserAccess | None = None,
    model: SteeringModel | None = None,
) -> list[GlobalGoalBlock]:
    """Per global goal (1–17, in order) that has anything tagged in the period's year: the
    goals with their status in ``period``, the uppdrag with each recipient's status, the
    activities of the year's plans, and the indicators with the year's target and the
    period's value. Global goals with nothing tagged are left out.

    - goals: of ``model`` (the active one by default), valid in the year, in tree order;
      the status from ``period_statuses`` (``reader`` None: everything reported, as in a
      report);
    - uppdrag: valid in the year (first_year ≤ year ≤ last_year), each with its recipients
      in tree order and their återrapport in the period;
    - activities: of the plans for the period's year;
    - indicators: tagged, and in use in the year (measuring a goal, grunduppdrag or uppdrag
      in the year, or with a value in the period).

    ``units`` narrows to those units and the units under them (a nämnd's own report): the
    goals they own, the uppdrag they received (only their recipient lines), the activities
    of their plans, and the indicators measuring their goals, grunduppdrag or uppdrag, whose
    figures are a single unit's own where it has them. ``reader`` (a page) reads only the
    reports and values it may (``apps.followup.access``).

    Eleven queries whatever the size, plus the computed statuses' providers (one today);
    at most two without a model or global goals.
    """
    model = model or active_model()
    tags = list(Tag.objects.filter(kind=TagKind.AGENDA_2030))
    if model is None or not tags:
        return []
    tags.sort(key=lambda tag: (tag.position, int(tag.code) if tag.code.isdigit() else 0))
    year = period.year
    blocks = {tag.pk: GlobalGoalBlock(tag) for tag in tags}
    tag_ids = list(blocks)

    # Goals: one query, their statuses one more (and the computed statuses' providers).
    goal_tags = (
        Goal.tags.through.objects.filter(
            tag_id__in=tag_ids,
            goal__in=goals_in_year(model, year).filter(_within(units, "owner")),
        )
        .select_related("goal__level", "goal__owner")
        .order_by("goal__tree_id", "goal__lft")
    )
    goals: dict[int, Goal] = {}
    goal_pairs = []
    for row in goal_tags:
        goal = goals.setdefault(row.goal_id, row.goal)
        goal_pairs.append((row.tag_id, goal))
    statuses = period_statuses(goals=list(goals.values()), period=period, reader=reader)
    for tag_id, goal in goal_pairs:
        blocks[tag_id].goals.append(GoalLine(goal, statuses[goal.pk]))

    # Uppdrag: the tagged ones, their recipients, the period's reports: three queries.
    assignment_tags = (
        Assignment.tags.through.objects.filter(
            tag_id__in=tag_ids,
            assignment__first_year__lte=year,
            assignment__last_year__gte=year,
        )
        .select_related("assignment__given_by", "assignment__goal")
        .order_by("assignment__first_year", "assignment__title", "assignment_id")
    )
    if units is not None:
        assignment_tags = assignment_tags.filter(
            assignment__in=AssignmentRecipient.objects.filter(_within(units, "unit")).values(
                "assignment_id"
            )
        )
    assignment_pairs = [(row.tag_id, row.assignment) for row in assignment_tags]
    assignment_ids = {assignment.pk for _, assignment in assignment_pairs}
    recipients: dict[int, list[AssignmentRecipient]] = defaultdict(list)
    reports: dict[int, AssignmentReport] = {}
    if assignment_ids:
        for recipient in (
            AssignmentRecipient.objects.filter(
                _within(units, "unit"), assignment_id__in=assignment_ids
            )
            .select_related("unit")
            .order_by("unit__tree_id", "unit__lft")
        ):
            recipients[recipient.assignment_id].append(recipient)
        found = AssignmentReport.objects.filter(
            _within(units, "recipient__unit"),
            recipient__assignment_id__in=assignment_ids,
            period=period,
        )
        if reader is not None:
            found = found.filter(readable_followup(reader, unit="recipient__unit"))
        reports = {report.recipient_id: report for report in found}
    for tag_id, assignment in assignment_pairs:
        lines = []
        for recipient in recipients[assignment.pk]:
            report = reports.get(recipient.pk)
            lines.append(
                RecipientLine(recipient, report, report.status if report else recipient.status)
            )
        blocks[tag_id].assignments.append(AssignmentLine(assignment, lines))

    # Activities of the year's plans: one query.
    for row in (
        Activity.tags.through.objects.filter(
            _within(units, "activity__plan__unit"), tag_id__in=tag_ids, activity__plan__year=year
        )
        .select_related("activity__plan__unit", "activity__goal", "activity__assignment")
        .order_by("activity__plan__unit__tree_id", "activity__plan__unit__lft",
                  "activity__starts_on", "activity__title")
    ):  # fmt: skip
        blocks[row.tag_id].activities.append(row.activity)

    # Indicators: the tagged ones in use, their targets and values: three queries.
    in_use = (
        Q(indicator__in=GoalIndicator.objects.filter(_within(units, "goal__owner"), year=year)
          .values("indicator_id"))
        | Q(indicator__in=MissionIndicator.objects.filter(
            _within(units, "basic_mission__unit"), year=year).values("indicator_id"))
        | Q(indicator__in=AssignmentIndicator.objects.filter(
            year=year,
            assignment__in=AssignmentRecipient.objects.filter(_within(units, "unit"))
            .values("assignment_id"),
        ).values("indicator_id"))
    )  # fmt: skip
    if units is None:
        in_use |= Q(indicator__in=IndicatorValue.objects.filter(period=period).values("indicator"))
    indicator_pairs = [
        (row.tag_id, row.indicator)
        for row in Indicator.tags.through.objects.filter(in_use, tag_id__in=tag_ids)
        .select_related("indicator")
        .order_by("indicator__title", "indicator_id")
    ]
    indicator_ids = {indicator.pk for _, indicator in indicator_pairs}
    unit_ids = {unit.pk for unit in units} if units is not None else None
    figures = Q(unit__isnull=True) | (
        Q(unit_id__in=unit_ids) if unit_ids is not None else Q(unit__isnull=False)
    )
    targets: dict[int, dict[int | None, IndicatorTarget]] = defaultdict(dict)
    values: dict[int, dict[int | None, IndicatorValue]] = defaultdict(dict)
    if indicator_ids:
        for target in IndicatorTarget.objects.filter(
            figures, indicator_id__in=indicator_ids, year=year
        ):
            targets[target.indicator_id][target.unit_id] = target
        found_values = IndicatorValue.objects.filter(
            figures, indicator_id__in=indicator_ids, period=period
        ).select_related("unit")
        if reader is not None:
            found_values = found_values.filter(readable_followup(reader))
        for value in found_values:
            values[value.indicator_id][value.unit_id] = value
    for tag_id, indicator in indicator_pairs:
        blocks[tag_id].indicators.append(
            IndicatorLine(
                indicator,
                _preferred(targets, indicator.pk, unit_ids),
                _preferred(values, indicator.pk, unit_ids),
            )
        )
    return [block for block in blocks.values() if not block.is_empty]
