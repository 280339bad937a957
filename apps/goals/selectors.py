"""Reads of the goal chain, each in a fixed number of queries whatever the tree's size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q

from apps.accounts.access import UserAccess
from apps.core.history import (
    FieldChange,
    HistoryEntry,
    fields_named,
    history_entries,
    history_records,
)
from apps.followup.access import can_read_followup, readable_followup
from apps.followup.models import Assessment, GoalStatus, goal_count_phrase
from apps.goals.computed import ComputedStatus, computed_statuses
from apps.goals.models import (
    Assignment,
    AssignmentRecipient,
    BasicMission,
    DecidedBy,
    ExternalFactor,
    FoundationElement,
    FoundationKind,
    Goal,
    GoalIndicator,
    GoalLevel,
    Indicator,
    IndicatorSetChange,
    IndicatorTarget,
    IndicatorValue,
    SteeringModel,
    Tag,
    TagKind,
    owner_kinds,
)
from apps.organisation.models import Unit
from apps.periods.models import PeriodKind, PeriodState, ReportingPeriod
from styrmodell.lib.indicators import TargetStatus, Trend, target_status, trend


@dataclass(frozen=True)
class TreeFilters:
    unit: Unit | None = None
    perspective_id: int | None = None
    tag_id: int | None = None
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.unit or self.perspective_id or self.tag_id or self.text)


@dataclass
class IndicatorCounts:
    met: int = 0
    off: int = 0
    no_data: int = 0

    @property
    def total(self) -> int:
        return self.met + self.off + self.no_data


@dataclass
class GoalRow:
    goal: Goal
    depth: int
    has_children: bool
    status: str = GoalStatus.NOT_ASSESSED
    status_label: str = ""
    earlier_text: str = ""  # "Delvis uppfyllt (Tertial 1 2026)": shown, never counted
    value_text: str = ""  # a computed status's figure: "1,4 %"
    indicators: IndicatorCounts = field(default_factory=IndicatorCounts)
    matches: bool = True
    expanded: bool = False
    closes: int = 0  # how many open <ul> to close after this row, for flat rendering

    @property
    def close_range(self) -> range:
        return range(self.closes)


def goals_in_year(model: SteeringModel, year: int):
    """Goals of ``model`` valid in ``year`` (retired ones too, in the year they ended).

    Unordered: MPTT's default tree order would split every GROUP BY over these rows into
    one group per goal, so callers that list goals order them themselves.
    """
    return (
        Goal.objects.filter(level__model=model, first_year__lte=year)
        .filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        .filter(Q(retired_on__isnull=True) | Q(retired_on__year__gte=year))
        .order_by()
    )


# --- The status of goals in one period ---------------------------------------------------


@dataclass(frozen=True)
class PeriodStatus:
    """A goal's status in one period as one reader may read it.

    ``status`` is what counts in every share and roll-up: the computed status (a financial
    goal linked to a key figure), else the owner's assessment in the period, else "ej
    bedömt". ``previous`` is the owner's latest assessment before the period (this year or
    last): pages may show it beside "ej bedömt", labelled with its period, and it is never
    counted as a status of the period.
    """

    status: str = GoalStatus.NOT_ASSESSED
    assessment: Assessment | None = None
    previous: Assessment | None = None
    computed: ComputedStatus | None = None

    @property
    def label(self) -> str:
        return str(GoalStatus(self.status).label)

    @property
    def analysis(self) -> str:
        return self.assessment.analysis if self.assessment else ""

    @property
    def earlier(self) -> Assessment | None:
        """The earlier assessment to show, only when the period itself has no status."""
        if self.assessment is None and self.computed is None:
            return self.previous
        return None

    @property
    def earlier_text(self) -> str:
        earlier = self.earlier
        if earlier is None or earlier.status == GoalStatus.NOT_ASSESSED:
            return ""
        return f"{earlier.get_status_display()} ({earlier.period})"


def period_statuses(
    *, goals: Sequence[Goal], period: ReportingPeriod | None, reader: UserAccess | None
) -> dict[int, PeriodStatus]:
    """The status of each of ``goals`` in ``period`` as ``reader`` may read it: the one
    read that the goal tree, the goal and unit pages, the glance line, the kontroller and
    the reports share, so their counts for a period are equal by construction.

    ``reader`` None reads everything reported (a report, whose own access is checked where
    it is made). One query for the owners' assessments, and the computed statuses'
    providers once (``apps.goals.computed``); none without a period or goals.
    """
    owners = {goal.pk: goal.owner_id for goal in goals}
    if period is None or not owners:
        return {goal_id: PeriodStatus() for goal_id in owners}
    assessments = (
        Assessment.objects.filter(
            goal_id__in=list(owners),
            unit_id=F("goal__owner_id"),
            period__year__gte=period.year - 1,
            period__ends_on__lte=period.ends_on,
        )
        .filter(Q(period=period) | ~Q(period__kind=PeriodKind.OTHER))
        .select_related("period")
        .order_by("period__ends_on", "pk")
    )
    if reader is not None:
        assessments = assessments.filter(readable_followup(reader))
    current: dict[int, Assessment] = {}
    previous: dict[int, Assessment] = {}
    for assessment in assessments:
        if assessment.period_id == period.pk:
            current[assessment.goal_id] = assessment
        else:
            previous[assessment.goal_id] = assessment
    # A computed status may rest on kommun-wide forecasts, readable as the period's are.
    computed: dict[int, ComputedStatus] = {}
    if reader is None or can_read_followup(reader, None, period):
        computed = computed_statuses(list(owners), period)
    statuses = {}
    for goal_id in owners:
        own, figure = current.get(goal_id), computed.get(goal_id)
        status = figure.status if figure else own.status if own else GoalStatus.NOT_ASSESSED
        statuses[goal_id] = PeriodStatus(status, own, previous.get(goal_id), figure)
    return statuses


def status_periods(*, year: int, reader: UserAccess) -> list[ReportingPeriod]:
    """The periods of ``year`` whose statuses ``reader`` may be shown, in order: closed
    periods for every reader, open ones too for those who read some open follow-up
    (ekonomer, administrators, editors). One query."""
    if not reader.can_read:
        return []
    states = [PeriodState.CLOSED]
    if reader.reads_unpublished or reader.editor_scopes():
        states.append(PeriodState.OPEN)
    return list(ReportingPeriod.objects.filter(year=year, state__in=states).order_by("ends_on"))


def default_status_period(periods: Sequence[ReportingPeriod]) -> ReportingPeriod | None:
    """The latest published (closed) period, else the latest of ``periods``."""
    closed = [p for p in periods if p.is_closed]
    if closed:
        return closed[-1]
    return periods[-1] if periods else None


def _annotate(
    rows: list[GoalRow],
    model: SteeringModel,
    year: int,
    reader: UserAccess,
    period: ReportingPeriod | None,
) -> None:
    """Each row's status in ``period`` (``period_statuses``) and its indicator counts from
    the values up to the period's end: five queries and the computed statuses."""
    if not rows:
        return
    goal_ids = [row.goal.pk for row in rows]
    statuses = period_statuses(goals=[row.goal for row in rows], period=period, reader=reader)
    owners = {row.goal.pk: row.goal.owner_id for row in rows}

    links = list(
        GoalIndicator.objects.filter(goal_id__in=goal_ids, year=year).values_list(
            "goal_id", "indicator_id", "indicator__direction"
        )
    )
    measured = {(indicator_id, owners[goal_id]) for goal_id, indicator_id, _ in links}
    until = period.ends_on if period is not None and period.year == year else None
    figures = indicator_statuses(measured, year, model.near_target_percent, reader, until=until)
    counts: dict[int, IndicatorCounts] = defaultdict(IndicatorCounts)
    for goal_id, indicator_id, _direction in links:
        status = figures.get((indicator_id, owners[goal_id]), TargetStatus.NO_DATA)
        bucket = counts[goal_id]
        if status == TargetStatus.MET:
            bucket.met += 1
        elif status == TargetStatus.NO_DATA:
            bucket.no_data += 1
        else:
            bucket.off += 1
    for row in rows:
        found = statuses[row.goal.pk]
        row.status = found.status
        row.status_label = found.label
        row.earlier_text = found.earlier_text
        row.value_text = found.computed.value_text if found.computed else ""
        row.indicators = counts.get(row.goal.pk, IndicatorCounts())


def indicator_statuses(
    measured: set[tuple[int, int]],
    year: int,
    near_percent: Decimal,
    reader: UserAccess,
    *,
    until=None,
) -> dict[tuple[int, int], TargetStatus]:
    """The status in ``year`` of each (indicator, owning unit): the latest value ``reader``
    may read (up to the date ``until``, when given) against the year's target, each the
    unit's own where it has one, else the kommun-wide one."""
    if not measured:
        return {}
    indicator_ids = {indicator_id for indicator_id, _ in measured}
    figures = Q(unit__isnull=True) | Q(unit_id__in={unit_id for _, unit_id in measured})
    directions = dict(Indicator.objects.filter(pk__in=indicator_ids).values_list("pk", "direction"))
    targets = {
        (indicator_id, unit_id): value
        for indicator_id, unit_id, value in IndicatorTarget.objects.filter(
            figures, indicator_id__in=indicator_ids, year=year
        ).values_list("indicator_id", "unit_id", "value")
    }
    values = IndicatorValue.objects.filter(
        figures, readable_followup(reader), indicator_id__in=indicator_ids, period__year=year
    )
    if until is not None:
        values = values.filter(period__ends_on__lte=until)
    latest: dict[tuple[int, int | None], Decimal | None] = {}
    for indicator_id, unit_id, total in values.order_by("period__ends_on").values_list(
        "indicator_id", "unit_id", "total"
    ):
        latest[(indicator_id, unit_id)] = total

    def own_or_kommun(by_unit: dict, indicator_id: int, unit_id: int) -> Decimal | None:
        own = (indicator_id, unit_id)
        return by_unit[own] if own in by_unit else by_unit.get((indicator_id, None))

    return {
        (indicator_id, unit_id): target_status(
            own_or_kommun(latest, indicator_id, unit_id),
            own_or_kommun(targets, indicator_id, unit_id),
            higher_is_better=directions[indicator_id] == "higher",
            near_percent=near_percent,
        )
        for indicator_id, unit_id in measured
    }


def _rows_in_tree_order(
    goals: list[Goal], *, base_level: int, expanded_ids: set[int]
) -> list[GoalRow]:
    """Flat rows with the nesting the template needs to open and close lists."""
    rows = [
        GoalRow(
            goal=goal,
            depth=goal.depth - base_level,
            has_children=goal.rght - goal.lft > 1,
            expanded=goal.pk in expanded_ids,
        )
        for goal in goals
    ]
    for row, next_depth in _with_next_depth(rows):
        row.closes = max(0, row.depth - next_depth)
        row.expanded = row.expanded and next_depth > row.depth
    return rows


def _with_next_depth(rows: list[GoalRow]):
    """Each row with the depth of the row after it (0 after the last): the nesting."""
    for index, row in enumerate(rows):
        yield row, rows[index + 1].depth if index + 1 < len(rows) else 0


_GOAL_RELATIONS = ("level", "owner", "perspective")


def goal_tree(
    *,
    model: SteeringModel,
    year: int,
    filters: TreeFilters,
    reader: UserAccess,
    period: ReportingPeriod | None,
) -> list[GoalRow]:
    """The chain for a year. Without filters: the top two levels, deeper ones on demand.
    With filters: every matching goal with the goals above it for context, all expanded.
    Each status is the goal's in ``period`` as ``reader`` may read it (``period_statuses``)."""
    base = goals_in_year(model, year)
    if not filters.active:
        goals = list(
            base.filter(depth__lte=1).select_related(*_GOAL_RELATIONS).order_by("tree_id", "lft")
        )
        expanded = {goal.pk for goal in goals if goal.depth == 0}
        rows = _rows_in_tree_order(goals, base_level=0, expanded_ids=expanded)
        _mark_children_in_year(rows, base, lazy_only=True)
        _annotate(rows, model, year, reader, period)
        return rows

    matching = base
    if filters.unit is not None:
        unit = filters.unit
        matching = matching.filter(
            owner__tree_id=unit.tree_id, owner__lft__gte=unit.lft, owner__rght__lte=unit.rght
        )
    if filters.perspective_id:
        matching = matching.filter(perspective_id=filters.perspective_id)
    if filters.tag_id:
        matching = matching.filter(tags__id=filters.tag_id)
    if filters.text:
        matching = matching.filter(
            Q(title__icontains=filters.text) | Q(description__icontains=filters.text)
        )
    matching_ids = set(matching.values_list("pk", flat=True))
    parents = dict(base.values_list("pk", "parent_id"))
    shown = set(matching_ids)
    for goal_id in matching_ids:
        parent_id = parents.get(goal_id)
        while parent_id is not None and parent_id not in shown:
            shown.add(parent_id)
            parent_id = parents.get(parent_id)
    goals: list[Goal] = []
    if shown:
        goals = list(
            Goal.objects.filter(pk__in=shown)
            .select_related(*_GOAL_RELATIONS)
            .order_by("tree_id", "lft")
        )
    depth_of = _depths(goals)
    rows = [
        GoalRow(
            goal=goal, depth=depth_of[goal.pk], has_children=False, matches=goal.pk in matching_ids
        )
        for goal in goals
    ]
    for row, next_depth in _with_next_depth(rows):
        row.has_children = next_depth > row.depth
        row.expanded = row.has_children
        row.closes = max(0, row.depth - next_depth)
    _annotate(rows, model, year, reader, period)
    return rows


def _depths(goals: list[Goal]) -> dict[int, int]:
    """Depth among the shown goals (their parents are shown too, in tree order)."""
    depth: dict[int, int] = {}
    for goal in goals:
        depth[goal.pk] = depth[goal.parent_id] + 1 if goal.parent_id in depth else 0
    return depth


def goal_children(
    *,
    model: SteeringModel,
    goal: Goal,
    year: int,
    reader: UserAccess,
    period: ReportingPeriod | None,
) -> list[GoalRow]:
    """The goals directly under ``goal`` valid in ``year``, for expanding a node."""
    goals = list(
        goals_in_year(model, year)
        .filter(parent=goal)
        .select_related(*_GOAL_RELATIONS)
        .order_by("lft")
    )
    rows = [GoalRow(goal=g, depth=0, has_children=g.rght - g.lft > 1) for g in goals]
    _mark_children_in_year(rows, goals_in_year(model, year), lazy_only=False)
    _annotate(rows, model, year, reader, period)
    return rows


def _mark_children_in_year(rows: list[GoalRow], year_goals, *, lazy_only: bool) -> None:
    """Offer to expand only the goals that have children valid in the year: one query.

    With ``lazy_only``, rows already expanded (their children shown) are left as they are.
    """
    candidates = [r for r in rows if r.has_children and not (lazy_only and r.expanded)]
    if not candidates:
        return
    with_children = set(
        year_goals.filter(parent_id__in=[r.goal.pk for r in candidates])
        .values("parent_id")
        .annotate(n=Count("pk"))
        .values_list("parent_id", flat=True)
    )
    for row in candidates:
        row.has_children = row.goal.pk in with_children


def tree_filter_options(model: SteeringModel) -> dict:
    return {
        "units": list(
            Unit.objects.filter(
                kind__in=["kf", "ks", "namnd", "bolag"], valid_to__isnull=True
            ).order_by("tree_id", "lft")
        ),
        "perspectives": list(model.perspectives.all()),
        "tags": list(Tag.objects.all()),
    }


# --- One goal ----------------------------------------------------------------------------


@dataclass
class IndicatorPoint:
    period: ReportingPeriod
    total: Decimal | None
    women: Decimal | None
    men: Decimal | None


@dataclass
class IndicatorSummary:
    indicator: Indicator
    points: list[IndicatorPoint]
    targets: dict[int, Decimal]
    latest: IndicatorPoint | None
    status: TargetStatus
    trend: Trend


@dataclass
class StatusShares:
    met: int = 0
    partly: int = 0
    not_met: int = 0
    not_assessed: int = 0

    @property
    def total(self) -> int:
        return self.met + self.partly + self.not_met + self.not_assessed

    @property
    def summary(self) -> str:
        """ "3 uppfyllda, 1 delvis uppfyllt, 0 ej uppfyllda, 2 ej bedömda."."""
        counts = (
            (GoalStatus.MET, self.met), (GoalStatus.PARTLY_MET, self.partly),
            (GoalStatus.NOT_MET, self.not_met), (GoalStatus.NOT_ASSESSED, self.not_assessed),
        )  # fmt: skip
        return ", ".join(goal_count_phrase(status, n) for status, n in counts) + "."


@dataclass
class Rollup:
    """How the units assessed a goal in one period: "3 of 7 met, 2 partly …"."""

    period: ReportingPeriod
    shares: StatusShares


@dataclass
class GoalDetail:
    goal: Goal
    ancestors: list[Goal]
    children_by_unit: list[tuple[Unit, list[GoalRow]]]
    assignments: list[Assignment]
    indicators: list[IndicatorSummary]
    assessments: list[Assessment]
    indicator_changes: list[IndicatorSetChange]
    year: int
    period: ReportingPeriod | None = None
    status: PeriodStatus = field(default_factory=PeriodStatus)  # the owner's, in ``period``

    @property
    def rollup(self) -> Rollup | None:
        """Every unit's assessment in the page's period (the latest readable one without a
        period), counted: no queries."""
        if not self.assessments:
            return None
        shown = self.period or self.assessments[0].period  # newest first
        shares = StatusShares()
        for assessment in self.assessments:
            if assessment.period_id == shown.pk:
                setattr(shares, assessment.status, getattr(shares, assessment.status) + 1)
        return Rollup(shown, shares) if shares.total else None


def goal_detail(
    *,
    goal: Goal,
    year: int,
    model: SteeringModel,
    reader: UserAccess,
    period: ReportingPeriod | None,
) -> GoalDetail:
    """The goal page's data, its status and its children's in ``period``; assessments and
    indicator values of an open period only where ``reader`` may read them
    (``apps.followup.access``)."""
    ancestors = list(goal.get_ancestors().select_related("level", "owner"))
    children = goal_children(model=model, goal=goal, year=year, reader=reader, period=period)
    by_unit: dict[int, tuple[Unit, list[GoalRow]]] = {}
    for row in children:
        by_unit.setdefault(row.goal.owner_id, (row.goal.owner, []))[1].append(row)
    assignments = list(
        Assignment.objects.filter(goal=goal)
        .select_related("given_by")
        .prefetch_related("recipient_rows__unit", "decisions__body", "tags")
        .order_by("first_year", "title")
    )
    return GoalDetail(
        goal=goal,
        ancestors=ancestors,
        children_by_unit=list(by_unit.values()),
        assignments=assignments,
        indicators=goal_indicators(
            goal=goal, year=year, near_percent=model.near_target_percent, reader=reader
        ),
        assessments=list(
            Assessment.objects.filter(readable_followup(reader), goal=goal)
            .select_related("period", "unit")
            .order_by("-period__ends_on", "unit__lft")
        ),
        indicator_changes=list(
            IndicatorSetChange.objects.filter(goal=goal)
            .select_related("indicator", "changed_by")
            .order_by("-changed_at")
        ),
        year=year,
        period=period,
        status=period_statuses(goals=[goal], period=period, reader=reader)[goal.pk],
    )


def goal_indicators(
    *, goal: Goal, year: int, near_percent: Decimal, reader: UserAccess
) -> list[IndicatorSummary]:
    """The year's indicators of ``goal`` with their series and targets: 3 queries. The series
    holds the values ``reader`` may read (an open period's are the unit's until it closes).

    A goal is measured with its owning unit's own figures where the unit has them (a nämnd's
    goal gets a target of its own from ``goal_indicator_add``), else with the kommun-wide
    ones: the unit's target of a year before the kommun's, and the unit's series if it has a
    value in ``year``, as ``indicator_statuses`` decides for the tree.
    """
    indicators = list(
        Indicator.objects.filter(goal_links__goal=goal, goal_links__year=year).order_by("title")
    )
    ids = [i.pk for i in indicators]
    figures = Q(unit__isnull=True) | Q(unit_id=goal.owner_id)
    points: dict[tuple[int, int | None], list[IndicatorPoint]] = defaultdict(list)
    for value in (
        IndicatorValue.objects.filter(figures, readable_followup(reader), indicator_id__in=ids)
        .select_related("period")
        .order_by("period__year", "period__ends_on")
    ):
        points[(value.indicator_id, value.unit_id)].append(
            IndicatorPoint(value.period, value.total, value.women, value.men)
        )
    kommun_targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    own_targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, unit_id, target_year, value in IndicatorTarget.objects.filter(
        figures, indicator_id__in=ids
    ).values_list("indicator_id", "unit_id", "year", "value"):
        (kommun_targets if unit_id is None else own_targets)[indicator_id][target_year] = value
    targets = {i: {**kommun_targets[i], **own_targets[i]} for i in ids}
    summaries = []
    for indicator in indicators:
        own = points[(indicator.pk, goal.owner_id)]
        has_own = any(p.period.year == year for p in own)
        series = own if has_own else points[(indicator.pk, None)]
        in_year = [p for p in series if p.period.year <= year]
        latest = in_year[-1] if in_year else None
        previous = in_year[-2] if len(in_year) > 1 else None
        higher = indicator.direction == "higher"
        summaries.append(
            IndicatorSummary(
                indicator=indicator,
                points=series,
                targets=targets[indicator.pk],
                latest=latest,
                status=target_status(
                    latest.total if latest and latest.period.year == year else None,
                    targets[indicator.pk].get(year),
                    higher_is_better=higher,
                    near_percent=near_percent,
                ),
                trend=trend(
                    latest.total if latest else None,
                    previous.total if previous else None,
                    higher_is_better=higher,
                ),
            )
        )
    return summaries


def goal_history(goal: Goal) -> list[HistoryEntry]:
    """The goal's history, newest first, with what each change touched: a fixed few queries."""
    records = history_records(goal)
    related = {r.parent_id for r in records if r.parent_id}
    parent_labels = dict(Goal.objects.filter(pk__in=related).values_list("pk", "title"))
    owner_labels = dict(
        Unit.objects.filter(pk__in={r.owner_id for r in records}).values_list("pk", "name")
    )
    level_labels = dict(goal.level.model.levels.values_list("pk", "name"))
    perspective_labels = dict(goal.level.model.perspectives.values_list("pk", "name"))
    names = {
        "parent",
        "level",
        "owner",
        "title",
        "description",
        "first_year",
        "last_year",
        "perspective",
        "retired_on",
    }
    fields = fields_named(Goal, names)
    entries = history_entries(
        records,
        fields,
        {
            "parent_id": parent_labels,
            "owner_id": owner_labels,
            "level_id": level_labels,
            "perspective_id": perspective_labels,
        },
        extra_changes=_tag_changes(goal, records),
    )
    entries.reverse()
    return entries


def move_candidates(goal: Goal):
    """Goals the goal may be moved under: allowed levels, valid, not itself or below it."""
    return (
        Goal.objects.filter(level__in=goal.level.allowed_parents.all(), retired_on__isnull=True)
        .exclude(tree_id=goal.tree_id, lft__gte=goal.lft, rght__lte=goal.rght)
        .select_related("level", "owner")
        .order_by("tree_id", "lft")
    )


def unit_goal_overview(
    *,
    unit: Unit,
    model: SteeringModel,
    year: int,
    reader: UserAccess,
    period: ReportingPeriod | None,
) -> dict:
    """A unit's grunduppdrag, its goals (with their status in ``period``) and the uppdrag it
    received, for one year."""
    goals = list(
        goals_in_year(model, year)
        .filter(owner=unit)
        .select_related(*_GOAL_RELATIONS, "parent")
        .order_by("tree_id", "lft")
    )
    rows = [GoalRow(goal=g, depth=0, has_children=False) for g in goals]
    _annotate(rows, model, year, reader, period)
    missions = unit_missions(unit, year)
    received = list(
        AssignmentRecipient.objects.filter(
            unit=unit, assignment__first_year__lte=year, assignment__last_year__gte=year
        )
        .select_related("assignment__given_by", "assignment__goal")
        .prefetch_related("assignment__tags")
    )
    return {"missions": missions, "rows": rows, "received": received}


def current_basic_mission(unit: Unit, year: int) -> BasicMission | None:
    """The grunduppdrag in force in ``year``: the latest one that started by then."""
    return (
        BasicMission.objects.select_related("document")
        .filter(unit=unit, first_year__lte=year)
        .filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        .order_by("-first_year", "-pk")
        .first()
    )


def _tag_changes(goal: Goal, records: list) -> dict[int, list[FieldChange]]:
    """Tag changes per history record, from simple-history's m2m history: two queries."""
    tag_rows = goal.history.model._meta.get_field("historicalgoal_tags").related_model
    sets: dict[int, set[int]] = defaultdict(set)
    for history_id, tag_id in tag_rows.objects.filter(
        history__in=[r.history_id for r in records]
    ).values_list("history_id", "tag_id"):
        sets[history_id].add(tag_id)
    tags = Tag.objects.filter(pk__in=set().union(*sets.values())).order_by("kind", "position")
    labels = {tag.pk: str(tag) for tag in tags}
    order = {pk: index for index, pk in enumerate(labels)}
    label = str(Goal._meta.get_field("tags").verbose_name).capitalize()

    def text(ids: set[int]) -> str:
        return ", ".join(labels[i] for i in sorted(ids, key=order.__getitem__)) or "–"

    changes: dict[int, list[FieldChange]] = {}
    previous: set[int] = set()
    for record in records:
        current = sets.get(record.history_id, set())
        if current != previous:
            changes[record.history_id] = [FieldChange(label, text(previous), text(current))]
        previous = current
    return changes


def council_goal_shares(rows: list[GoalRow]) -> StatusShares:
    """How KF's measurable goals stand in the rows' period, from rows already annotated by
    ``period_statuses``: no queries. An earlier period's status counts as not assessed."""
    shares = StatusShares()
    for row in rows:
        level = row.goal.level
        if level.decided_by == "kf" and level.is_measurable:
            setattr(shares, row.status, getattr(shares, row.status) + 1)
    return shares


def external_factors_in(year: int):
    """KF's omvärldsfaktorer in force in ``year``, in their order. A withdrawn factor is in
    force until the end of the year it was withdrawn (what was written about it stays), and
    not after."""
    return ExternalFactor.objects.filter(first_year__lte=year, last_year__gte=year).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__year__gte=year)
    )


@dataclass
class FactorOverview:
    factor: ExternalFactor
    responses: list = field(default_factory=list)  # plan and status report responses


def external_factor_overview(year: int, reader: UserAccess) -> list[FactorOverview]:
    """Each factor in force in ``year`` with how every nämnd and bolag relates to it, from
    their nulägesbeskrivning and their plan (a draft plan's only if ``reader`` may read the
    draft). Three queries."""
    from apps.plans.access import readable_plans
    from apps.plans.models import PlanFactorResponse
    from apps.trust.models import StatusReportFactorResponse

    rows = {f.pk: FactorOverview(f) for f in external_factors_in(year)}
    reports = StatusReportFactorResponse.objects.filter(
        report__year=year, factor_id__in=rows
    ).select_related("report__unit")
    plans = PlanFactorResponse.objects.filter(
        readable_plans(reader, prefix="plan__"), plan__year=year, factor_id__in=rows
    ).select_related("plan__unit")
    for response in [*reports, *plans]:
        if not response.is_empty:
            rows[response.factor_id].responses.append(response)
    for row in rows.values():
        row.responses.sort(key=lambda r: (r.unit.tree_id, r.unit.lft))
    return list(rows.values())


# --- The model's foundation: värdegrund, ledord, ledarfilosofi, principles -----------------

FOUNDATION_ORDER = [kind.value for kind in FoundationKind]


def foundations(*, model: SteeringModel, year: int | None = None) -> list[FoundationElement]:
    """The foundation elements of ``model`` valid in ``year`` (all of them without a year),
    värdegrund first, then ledord, ledarskap and principles, each in its order; with the
    body that decided them. One query."""
    elements = FoundationElement.objects.filter(model=model).select_related("decided_by")
    if year is not None:
        elements = elements.filter(
            Q(first_year__isnull=True) | Q(first_year__lte=year),
            Q(last_year__isnull=True) | Q(last_year__gte=year),
        )
    return sorted(elements, key=lambda e: (FOUNDATION_ORDER.index(e.kind), e.position, e.pk))


@dataclass(frozen=True)
class ModelHeader:
    """What the goal tree's header shows of the model in a year: its vision(s) and the
    värdegrund and ledord."""

    visions: list[Goal]
    foundations: list[FoundationElement]


def model_header(*, model: SteeringModel, year: int) -> ModelHeader:
    """The vision (a text-only goal at the top of the chain) and the värdegrund and ledord
    valid in ``year``. Two queries; a model without a vision (Vadstena) has none."""
    visions = list(
        goals_in_year(model, year)
        .filter(level__allowed_parents__isnull=True, level__is_measurable=False)
        .filter(retired_on__isnull=True)
        .select_related("level")
        .order_by("position", "title")
    )
    shown = {FoundationKind.VALUES, FoundationKind.LEADING_WORDS}
    return ModelHeader(
        visions=visions,
        foundations=[e for e in foundations(model=model, year=year) if e.kind in shown],
    )


# --- Tags, uppdrag and grunduppdrag -----------------------------------------------------


def offered_tag_kinds(model: SteeringModel | None) -> set[str]:
    """The kinds of tag an uppdrag, grunduppdrag, indicator or activity may carry under
    ``model``: the global goals (and Barnkonventionen) where the model runs Agenda 2030
    through the chain, with the three sustainability aspects where it uses them; every kind
    otherwise, as goals are offered."""
    if model is None or not model.uses_agenda_2030:
        return set(TagKind.values)
    kinds = {TagKind.AGENDA_2030.value, TagKind.CHILD_RIGHTS.value}
    if model.uses_sustainability_aspects:
        kinds.add(TagKind.SUSTAINABILITY.value)
    return kinds


def offered_tags(model: SteeringModel | None):
    """The tags of ``offered_tag_kinds``, in order (a queryset: one query when read)."""
    return Tag.objects.filter(kind__in=offered_tag_kinds(model)).order_by("kind", "position")


@dataclass(frozen=True)
class TagCount:
    tag: Tag
    count: int


@dataclass
class TaggedList:
    """The year's uppdrag or grunduppdrag, narrowed to one tag when chosen, with how many of
    them (all of the year's, not only the shown) carry each aspect and each global goal."""

    rows: list
    aspects: list[TagCount]
    global_goals: list[TagCount]
    chosen: Tag | None = None


def _tag_counts(through_rows, owner: str) -> tuple[list[TagCount], list[TagCount]]:
    """Counts per aspect (all three, zero too) and per global goal in use: two queries."""
    counts = dict(
        through_rows.values("tag_id")
        .annotate(n=Count(owner, distinct=True))
        .values_list("tag_id", "n")
    )
    tags = Tag.objects.filter(kind__in=[TagKind.SUSTAINABILITY, TagKind.AGENDA_2030]).order_by(
        "kind", "position"
    )
    aspects, global_goals = [], []
    for tag in tags:
        if tag.kind == TagKind.SUSTAINABILITY:
            aspects.append(TagCount(tag, counts.get(tag.pk, 0)))
        elif counts.get(tag.pk):
            global_goals.append(TagCount(tag, counts[tag.pk]))
    return aspects, global_goals


def _chosen(aspects: list[TagCount], global_goals: list[TagCount], tag_id: int | None):
    return next((c.tag for c in [*aspects, *global_goals] if c.tag.pk == tag_id), None)


def assignment_list(*, year: int, tag_id: int | None = None) -> TaggedList:
    """The uppdrag valid in ``year`` (given by anyone, under a goal or none), with their tags
    and recipients, narrowed to ``tag_id`` when given: six queries."""
    in_year = Q(first_year__lte=year, last_year__gte=year)
    assignments = (
        Assignment.objects.filter(in_year)
        .select_related("given_by", "goal")
        .prefetch_related("tags", "recipient_rows__unit")
        .order_by("given_by__tree_id", "given_by__lft", "title", "pk")
    )
    aspects, global_goals = _tag_counts(
        Assignment.tags.through.objects.filter(
            assignment__first_year__lte=year, assignment__last_year__gte=year
        ),
        "assignment_id",
    )
    chosen = _chosen(aspects, global_goals, tag_id)
    if chosen is not None:
        assignments = assignments.filter(tags=chosen)
    return TaggedList(list(assignments), aspects, global_goals, chosen)


def missions_in_year(year: int):
    return BasicMission.objects.filter(first_year__lte=year).filter(
        Q(last_year__isnull=True) | Q(last_year__gte=year)
    )


def mission_list(*, year: int, tag_id: int | None = None) -> TaggedList:
    """The grunduppdrag in force in ``year`` of every nämnd and bolag, with their tags,
    narrowed to ``tag_id`` when given: four queries."""
    missions = (
        missions_in_year(year)
        .select_related("unit", "document")
        .prefetch_related("tags")
        .order_by("unit__tree_id", "unit__lft", "title", "pk")
    )
    aspects, global_goals = _tag_counts(
        BasicMission.tags.through.objects.filter(
            basicmission__in=missions_in_year(year).values("pk")
        ),
        "basicmission_id",
    )
    chosen = _chosen(aspects, global_goals, tag_id)
    if chosen is not None:
        missions = missions.filter(tags=chosen)
    return TaggedList(list(missions), aspects, global_goals, chosen)


def unit_missions(unit: Unit, year: int) -> list[BasicMission]:
    """The unit's grunduppdrag in force in ``year``, with their tags: two queries."""
    return list(
        missions_in_year(year)
        .filter(unit=unit)
        .select_related("document")
        .prefetch_related("tags")
        .order_by("title", "pk")
    )


@dataclass
class FollowedIndicator:
    """An indicator that follows a grunduppdrag or an uppdrag in a year: the year's target
    and the latest value of the year the reader may read (the unit's own, else kommun-wide)."""

    indicator: Indicator
    year: int
    target: Decimal | None
    latest: IndicatorValue | None


def followed_indicators(
    indicators: Sequence[Indicator], *, year: int, unit: Unit | None, reader: UserAccess
) -> list[FollowedIndicator]:
    """``indicators``' targets and latest values in ``year``: two queries (none without)."""
    ids = [indicator.pk for indicator in indicators]
    if not ids:
        return []
    figures = Q(unit__isnull=True) | (Q(unit=unit) if unit is not None else Q(pk__in=[]))
    targets: dict[tuple[int, int | None], Decimal] = {
        (indicator_id, unit_id): value
        for indicator_id, unit_id, value in IndicatorTarget.objects.filter(
            figures, indicator_id__in=ids, year=year
        ).values_list("indicator_id", "unit_id", "value")
    }
    latest: dict[tuple[int, int | None], IndicatorValue] = {}
    for value in (
        IndicatorValue.objects.filter(
            figures, readable_followup(reader), indicator_id__in=ids, period__year=year
        )
        .select_related("period", "unit")
        .order_by("period__ends_on")
    ):
        latest[(value.indicator_id, value.unit_id)] = value
    own = unit.pk if unit is not None else None

    def pick(found: dict, indicator_id: int):
        if own is not None and (indicator_id, own) in found:
            return found[(indicator_id, own)]
        return found.get((indicator_id, None))

    return [
        FollowedIndicator(indicator, year, pick(targets, indicator.pk), pick(latest, indicator.pk))
        for indicator in indicators
    ]


@dataclass
class AssignmentPage:
    assignment: Assignment
    tags: list[Tag]
    recipients: list[AssignmentRecipient]
    decisions: list
    indicators: list[FollowedIndicator]
    year: int


def assignment_page(*, assignment: Assignment, year: int, reader: UserAccess) -> AssignmentPage:
    """An uppdrag's page: its tags, recipients, decisions and the year's indicators with
    their targets and latest values: six queries."""
    indicators = list(
        Indicator.objects.filter(
            assignment_links__assignment=assignment, assignment_links__year=year
        ).order_by("title")
    )
    given_by = assignment.given_by
    return AssignmentPage(
        assignment=assignment,
        tags=list(assignment.tags.order_by("kind", "position")),
        recipients=list(
            assignment.recipient_rows.select_related("unit").order_by("unit__tree_id", "unit__lft")
        ),
        decisions=list(assignment.decisions.select_related("body")),
        indicators=followed_indicators(
            indicators,
            year=year,
            unit=None if given_by.kind == "kf" else given_by,
            reader=reader,
        ),
        year=year,
    )


@dataclass
class MissionPage:
    mission: BasicMission
    tags: list[Tag]
    indicators: list[FollowedIndicator]
    year: int


def mission_page(*, mission: BasicMission, year: int, reader: UserAccess) -> MissionPage:
    """A grunduppdrag's page: its tags and the year's indicators with their targets and
    latest values (the unit's own, else kommun-wide): four queries."""
    indicators = list(
        Indicator.objects.filter(
            mission_links__basic_mission=mission, mission_links__year=year
        ).order_by("title")
    )
    return MissionPage(
        mission=mission,
        tags=list(mission.tags.order_by("kind", "position")),
        indicators=followed_indicators(indicators, year=year, unit=mission.unit, reader=reader),
        year=year,
    )


def offered_levels(*, model: SteeringModel, parent: Goal | None):
    """The levels a new goal may take under ``parent`` (at the top without one). A model with
    nämndmål switched off offers no level a nämnd or bolag decides, whatever the levels
    allow."""
    levels = model.levels.all()
    if parent is None:
        levels = levels.filter(allowed_parents__isnull=True)
    else:
        levels = levels.filter(allowed_parents=parent.level)
    if not model.uses_committee_goals:
        levels = levels.exclude(decided_by=DecidedBy.BODY)
    return levels


def goal_choices(
    *, model: SteeringModel, access: UserAccess, parent: Goal | None
) -> tuple[list[GoalLevel], list[Unit]]:
    """The levels and owners a new goal under ``parent`` (at the top without one) may take
    for a user with ``access``: the offered levels that one of the units the user edits may
    own, and those units. Both empty where the user may create nothing. At most two
    queries (one for a user who edits nothing)."""
    levels = list(offered_levels(model=model, parent=parent))
    if not levels or not (access.is_administrator or access.editor_scopes()):
        return [], []
    kinds = set().union(*(owner_kinds(level) for level in levels))
    units = [
        unit
        for unit in Unit.objects.filter(kind__in=kinds, valid_to__isnull=True).order_by(
            "tree_id", "lft"
        )
        if access.can_edit_for(unit)
    ]
    # Only the levels one of the offered owners may own: a bolag's editor is offered
    # Bolagsmål, not Nämndmål.
    unit_kinds = {unit.kind for unit in units}
    levels = [level for level in levels if owner_kinds(level) & unit_kinds]
    return levels, units if levels else []
