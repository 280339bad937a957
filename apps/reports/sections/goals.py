"""The steering's sections: key events, goal fulfilment in shares and per goal with its
indicators, uppdrag, åtgärdsplaner and intern kontroll, and the steering's parts of the
årsredovisning's förvaltningsberättelse (the trust-based analysis is in ``trust``).

Every builder reads a fixed number of queries whatever the number of goals: the goal set of
the report's scope, its assessments and its indicators are fetched once per report and kept
in ``ctx.shared`` for the builders that follow.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from apps.control.models import ResultStatus, Risk, RiskLevel
from apps.control.selectors import level_for, rollup
from apps.documents.models import Deviation, DeviationKind, GoverningDocument
from apps.economy.action_plans import ActionPlanState, action_plan_states
from apps.economy.models import BudgetDecision
from apps.followup.models import (
    ActionPlan,
    ActionPlanCause,
    GoalStatus,
    MeasureFollowup,
    goal_count_phrase,
)
from apps.goals.charts import values_against_target
from apps.goals.computed import ComputedStatus
from apps.goals.models import (
    Assignment,
    AssignmentDecision,
    AssignmentRecipient,
    DecidedBy,
    FoundationKind,
    Goal,
    GoalIndicator,
    GoalLevel,
    Indicator,
    IndicatorSetDecision,
    IndicatorTarget,
    IndicatorValue,
    RecipientStatus,
    SteeringModel,
)
from apps.goals.selectors import (
    external_factors_in,
    foundations,
    goals_in_year,
    model_header,
    period_statuses,
)
from apps.organisation.models import BODY_KINDS, Unit
from apps.periods.models import PeriodState, ReportingPeriod
from apps.plans.models import Plan, PlanState
from apps.reports.content import BuildContext, Col, ColumnKind, RichText, Section, Table
from styrmodell.lib.charts import Point
from styrmodell.lib.formats import format_date, format_number
from styrmodell.lib.indicators import TargetStatus, Trend, target_status, trend

TEMPLATES = "reports/pdf/sections/"
STATUS_ORDER = (GoalStatus.MET, GoalStatus.PARTLY_MET, GoalStatus.NOT_MET, GoalStatus.NOT_ASSESSED)
STATUS_CLASS = {
    GoalStatus.MET: "status-met",
    GoalStatus.PARTLY_MET: "status-partly",
    GoalStatus.NOT_MET: "status-not-met",
    GoalStatus.NOT_ASSESSED: "status-not-assessed",
}
_STATUS_RANK = {GoalStatus.MET: 3, GoalStatus.PARTLY_MET: 2, GoalStatus.NOT_MET: 1}
CHART_POINTS = 8  # as on the goal page
TOP_RISKS = 10
STAFF_WORDS = ("medarbet", "personal", "staff", "employee")


def _status_label(status: str) -> str:
    return str(GoalStatus(status).label)


def _target_status_label(status: TargetStatus) -> str:
    return {
        TargetStatus.MET: _("On target"),
        TargetStatus.NEAR: _("Near target"),
        TargetStatus.NOT_MET: _("Off target"),
        TargetStatus.NO_DATA: _("No data for the year"),
    }[status]


def _trend_label(value: Trend) -> str:
    return {
        Trend.BETTER: _("Better"),
        Trend.WORSE: _("Worse"),
        Trend.UNCHANGED: _("Unchanged"),
        Trend.UNKNOWN: "",
    }[value]


def _subtree(unit: Unit, prefix: str = "") -> Q:
    """Rows of ``unit`` and every unit under it."""
    return Q(
        **{
            f"{prefix}tree_id": unit.tree_id,
            f"{prefix}lft__gte": unit.lft,
            f"{prefix}rght__lte": unit.rght,
        }
    )


def _model(ctx: BuildContext) -> SteeringModel | None:
    return ctx.once("goals:model", lambda: SteeringModel.objects.filter(is_active=True).first())


# --- The goals of the report's scope, with their assessments -----------------------------


@dataclass
class ScopedGoal:
    goal: Goal
    depth: int  # 0: a KF goal, 1: a nämndmål, 2: a goal directly below a nämndmål
    context_only: bool = False  # a KF goal shown in a nämnd report as the heading it serves
    status: str = GoalStatus.NOT_ASSESSED
    analysis: str = ""
    trend: Trend = Trend.UNKNOWN


@dataclass
class GoalScope:
    model: SteeringModel
    levels: list[GoalLevel]
    goals: list[ScopedGoal]  # in tree order

    def of_depth(self, depth: int) -> list[ScopedGoal]:
        return [g for g in self.goals if g.depth == depth and not g.context_only]

    @property
    def reported(self) -> list[ScopedGoal]:
        return [g for g in self.goals if not g.context_only]


def _scope(ctx: BuildContext) -> GoalScope | None:
    """The goals the report follows: the kommun's KF goals and nämndmål, or a nämnd's own
    goals, the goals directly below them and the KF goals they serve. Four to six queries."""
    if "goals:scope" in ctx.shared:
        return ctx.shared["goals:scope"]
    model = _model(ctx)
    scope = None
    if model is not None:
        levels = list(model.levels.all())
        council = {
            lv.pk for lv in levels if lv.decided_by == DecidedBy.COUNCIL and lv.is_measurable
        }
        bodies = {lv.pk for lv in levels if lv.decided_by == DecidedBy.BODY}
        base = goals_in_year(model, ctx.year).select_related("level", "owner", "perspective")
        if ctx.is_kommun:
            goals = list(base.filter(level_id__in=council | bodies).order_by("tree_id", "lft"))
            scoped = [ScopedGoal(g, 0 if g.level_id in council else 1) for g in goals]
        else:
            own = Q(owner=ctx.unit, level_id__in=bodies)
            below = Q(parent__owner=ctx.unit, parent__level_id__in=bodies)
            goals = list(base.filter(own | below).order_by("tree_id", "lft"))
            own_ids = {g.pk for g in goals if g.owner_id == ctx.unit.pk and g.level_id in bodies}
            scoped = [ScopedGoal(g, 1 if g.pk in own_ids else 2) for g in goals]
            parent_ids = {g.parent_id for g in goals if g.pk in own_ids and g.parent_id}
            if parent_ids:
                served = Goal.objects.filter(pk__in=parent_ids, level_id__in=council)
                scoped += [
                    ScopedGoal(g, 0, context_only=True)
                    for g in served.select_related("level", "owner", "perspective")
                ]
                scoped.sort(key=lambda s: (s.goal.tree_id, s.goal.lft))
        _assess(ctx, scoped)
        scope = GoalScope(model=model, levels=levels, goals=scoped)
    ctx.shared["goals:scope"] = scope
    return scope


def _assess(ctx: BuildContext, scoped: list[ScopedGoal]) -> None:
    """Each goal's status and analysis in the period, read as the goal tree reads them
    (``period_statuses``: the owner's assessment, a computed status winning), and the trend
    against the owner's assessment before it (this year or last): one query and the
    computed statuses."""
    if not scoped:
        return
    statuses = period_statuses(goals=[s.goal for s in scoped], period=ctx.period, reader=None)
    for item in scoped:
        found = statuses[item.goal.pk]
        item.status = found.status
        item.analysis = found.analysis
        if found.computed is not None:
            # A financial goal linked to a key figure: its figure and status are computed
            # (the same computation as the economy chapter's), the owner's comment follows.
            item.analysis = _computed_analysis(found.computed, found.analysis)
        before = found.previous
        if (
            found.status != GoalStatus.NOT_ASSESSED
            and before is not None
            and found.status in _STATUS_RANK
            and before.status in _STATUS_RANK
        ):
            change = _STATUS_RANK[found.status] - _STATUS_RANK[before.status]
            item.trend = Trend.BETTER if change > 0 else Trend.WORSE if change else Trend.UNCHANGED


def _computed_analysis(computed: ComputedStatus, comment: str) -> str:
    """ "Värde 1,4 % mot målet minst 2,0 %. Beräknat från nyckeltalet …" and the comment."""
    figure = _("Value %(value)s against the target %(threshold)s.") % {
        "value": computed.value_text,
        "threshold": computed.threshold_text,
    }
    return " ".join(part for part in (figure, computed.source, comment.strip()) if part)


@dataclass
class Shares:
    label: str
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def row(self) -> list[object]:
        return [self.label, *(self.counts[s] for s in STATUS_ORDER), self.total]

    def sentence(self) -> str:
        rest = (GoalStatus.PARTLY_MET, GoalStatus.NOT_MET, GoalStatus.NOT_ASSESSED)
        return _("%(met)s of %(total)s goals met, %(others)s.") % {
            "met": self.counts[GoalStatus.MET],
            "total": self.total,
            "others": ", ".join(goal_count_phrase(s, self.counts[s]) for s in rest),
        }


def _shares(ctx: BuildContext, scope: GoalScope) -> list[Shares]:
    """The first row: the KF goals (kommun) or the nämnd's goals; then one row per nämnd
    (kommun) or the goals below the nämnd's goals (nämnd)."""
    if ctx.is_kommun:
        first = Shares(_("Goals of the municipal council"))
        for item in scope.of_depth(0):
            first.counts[item.status] += 1
        per_owner: dict[int, Shares] = {}
        for item in sorted(
            scope.of_depth(1), key=lambda s: (s.goal.owner.tree_id, s.goal.owner.lft)
        ):
            owner = item.goal.owner
            per_owner.setdefault(owner.pk, Shares(owner.name)).counts[item.status] += 1
        return [first, *per_owner.values()]
    own = Shares(_("Goals of %(unit)s") % {"unit": ctx.unit.name})
    for item in scope.of_depth(1):
        own.counts[item.status] += 1
    rows = [own]
    below = scope.of_depth(2)
    if below:
        under = Shares(_("Goals directly below them"))
        for item in below:
            under.counts[item.status] += 1
        rows.append(under)
    return rows


def _shares_table(key: str, rows: list[Shares], sheet: str | None) -> Table:
    return Table(
        key=key,
        title=_("Goals by status"),
        columns=[
            Col(_("Goals")),
            *(Col(_status_label(s), ColumnKind.NUMBER, 0) for s in STATUS_ORDER),
            Col(_("Total"), ColumnKind.NUMBER, 0),
        ],
        rows=[r.row() for r in rows],
        sheet=sheet,
        note=_(
            "Status as assessed by each goal's owner in the period, or computed from its key "
            "figure; a goal without an assessment in the period is counted as not assessed."
        ),
    )


def goal_shares(ctx: BuildContext) -> Section | None:
    scope = _scope(ctx)
    if scope is None or not scope.reported:
        return None
    rows = _shares(ctx, scope)
    return Section(
        key="goals-shares",
        title=_("Goal fulfilment in brief"),
        intro=rows[0].sentence(),
        tables=[_shares_table("goals-shares", rows, _("Goal fulfilment in brief"))],
    )


def operations_development(ctx: BuildContext) -> Section | None:
    """ "Verksamhetens utveckling": goal fulfilment per nämnd in brief."""
    scope = _scope(ctx)
    if scope is None or not scope.reported:
        return None
    rows = _shares(ctx, scope)
    lines = [f"{r.label}: {r.sentence()}" for r in rows]
    return Section(
        key="goals-operations",
        title=_("Development of operations"),
        template=TEMPLATES + "goals_lines.html",
        data={"lines": lines},
        tables=[_shares_table("goals-operations", rows, None)],
    )


# --- Goal fulfilment per goal ------------------------------------------------------------


@dataclass
class IndicatorLine:
    indicator_id: int
    title: str
    goal_title: str
    measure_unit: str
    decimals: int
    target: Decimal | None
    value: Decimal | None
    value_period: str
    previous: Decimal | None
    status: TargetStatus
    trend: Trend
    chart: SafeString | str = ""
    # What the chart draws (the indicator, its points: values and targets); a second line
    # with the same key refers to the first's chart
    chart_key: tuple[int, tuple[Point, ...]] | None = None
    chart_at: tuple[int, str] | None = None  # the goal (id, title) whose block has the chart

    def text(self, value: Decimal | None) -> str:
        if value is None:
            return "–"
        unit = f" {self.measure_unit}" if self.measure_unit else ""
        return f"{format_number(value, self.decimals)}{unit}"

    @property
    def value_text(self) -> str:
        return self.text(self.value)

    @property
    def target_text(self) -> str:
        return self.text(self.target)

    @property
    def previous_text(self) -> str:
        return self.text(self.previous)

    @property
    def status_label(self) -> str:
        return _target_status_label(self.status)

    @property
    def trend_label(self) -> str:
        return _trend_label(self.trend)


def _indicator_lines(
    ctx: BuildContext, goals: list[Goal], near_percent: Decimal, *, charts: bool
) -> dict[int, list[IndicatorLine]]:
    """The year's indicators of each goal with the latest value up to the period's end
    against the year's target, each the owner's own figures where it has them, else the
    kommun's (as ``goals.selectors.goal_indicators`` decides for one goal): three queries."""
    if not goals:
        return {}
    by_id = {g.pk: g for g in goals}
    links = list(
        GoalIndicator.objects.filter(goal_id__in=by_id, year=ctx.year)
        .select_related("indicator")
        .order_by("indicator__title", "pk")
    )
    if not links:
        return {}
    indicator_ids = {link.indicator_id for link in links}
    owners = {g.owner_id for g in goals}
    figures = Q(unit__isnull=True) | Q(unit_id__in=owners)
    series: dict[tuple[int, int | None], list[IndicatorValue]] = defaultdict(list)
    for value in (
        IndicatorValue.objects.filter(
            figures, indicator_id__in=indicator_ids, period__ends_on__lte=ctx.period.ends_on
        )
        .select_related("period")
        .order_by("period__ends_on", "period_id")
    ):
        series[(value.indicator_id, value.unit_id)].append(value)
    targets: dict[tuple[int, int | None], dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, unit_id, year, value in IndicatorTarget.objects.filter(
        figures, indicator_id__in=indicator_ids
    ).values_list("indicator_id", "unit_id", "year", "value"):
        targets[(indicator_id, unit_id)][year] = value

    lines: dict[int, list[IndicatorLine]] = defaultdict(list)
    for link in links:
        goal, indicator = by_id[link.goal_id], link.indicator
        lines[goal.pk].append(_line(ctx, goal, indicator, series, targets, near_percent, charts))
    return lines


def _line(
    ctx: BuildContext, goal: Goal, indicator: Indicator, series, targets, near_percent, charts
) -> IndicatorLine:
    own = series.get((indicator.pk, goal.owner_id), [])
    has_own = any(v.period.year == ctx.year for v in own)
    values = own if has_own else series.get((indicator.pk, None), [])
    year_targets = {
        **targets.get((indicator.pk, None), {}),
        **targets.get((indicator.pk, goal.owner_id), {}),
    }
    latest = values[-1] if values else None
    before = values[-2] if len(values) > 1 else None
    in_year = latest if latest is not None and latest.period.year == ctx.year else None
    higher = indicator.direction == "higher"
    line = IndicatorLine(
        indicator_id=indicator.pk,
        title=indicator.title,
        goal_title=goal.title,
        measure_unit=indicator.measure_unit,
        decimals=indicator.decimals,
        target=year_targets.get(ctx.year),
        value=in_year.total if in_year else None,
        value_period=in_year.period.short_label if in_year else "",
        previous=before.total if in_year and before else None,
        status=target_status(
            in_year.total if in_year else None,
            year_targets.get(ctx.year),
            higher_is_better=higher,
            near_percent=near_percent,
        ),
        trend=trend(
            latest.total if latest else None,
            before.total if before else None,
            higher_is_better=higher,
        ),
    )
    if charts:
        points = [
            Point(v.period.short_label, v.total, year_targets.get(v.period.year)) for v in values
        ][-CHART_POINTS:]
        line.chart_key = (indicator.pk, tuple(points))
        line.chart = values_against_target(
            indicator, points, chart_id=f"goal-{goal.pk}-indicator-{indicator.pk}"
        )
    return line


@dataclass
class GoalBlock:
    goal_id: int
    title: str
    level: str
    owner: str
    perspective: str
    depth: int
    context_only: bool
    status: str
    status_label: str
    status_class: str
    trend_label: str
    analysis: str
    indicators: list[IndicatorLine]

    @property
    def heading(self) -> str:
        return f"h{min(4 + self.depth, 6)}"


def goal_fulfilment(ctx: BuildContext) -> Section | None:
    scope = _scope(ctx)
    if scope is None or not scope.reported:
        return None
    lines = _indicator_lines(
        ctx, [s.goal for s in scope.reported], scope.model.near_target_percent, charts=True
    )
    blocks = [
        GoalBlock(
            goal_id=item.goal.pk,
            title=item.goal.title,
            level=item.goal.level.name,
            owner=item.goal.owner.name,
            perspective=item.goal.perspective.name if item.goal.perspective_id else "",
            depth=item.depth,
            context_only=item.context_only,
            status=item.status,
            status_label=_status_label(item.status),
            status_class=STATUS_CLASS[item.status],
            trend_label=_trend_label(item.trend),
            analysis=item.analysis,
            indicators=lines.get(item.goal.pk, []),
        )
        for item in scope.goals
    ]
    reported = [b for b in blocks if not b.context_only]
    _chart_once(reported)
    goal_rows = [
        [b.title, b.level, b.owner, b.status_label, b.trend_label, b.analysis] for b in reported
    ]
    indicator_lines = [line for b in reported for line in b.indicators]
    decimals = max((line.decimals for line in indicator_lines), default=1)
    indicator_rows = [
        [
            line.title,
            line.goal_title,
            line.measure_unit,
            line.target,
            line.value,
            line.previous,
            line.status_label,
        ]
        for line in indicator_lines
    ]
    return Section(
        key="goals-fulfilment",
        title=_("Goal fulfilment"),
        template=TEMPLATES + "goals_fulfilment.html",
        intro=_shares(ctx, scope)[0].sentence(),
        data={"blocks": blocks, "period": ctx.period.short_label},
        tables=[
            Table(
                key="goals-fulfilment",
                title=_("Goal fulfilment"),
                columns=[
                    Col(_("Goal")),
                    Col(_("Level")),
                    Col(_("Owner")),
                    Col(_("Status")),
                    Col(_("Trend")),
                    Col(_("Analysis")),
                ],
                rows=goal_rows,
                sheet=_("Goal fulfilment"),
            ),
            Table(
                key="goals-indicators",
                title=_("Indicators"),
                columns=_indicator_columns(decimals, with_goal=True),
                rows=indicator_rows,
                sheet=_("Indicators"),
            ),
        ],
    )


def _chart_once(blocks: list[GoalBlock]) -> None:
    """Each indicator's chart once in the report, in the first goal block that shows it; a
    later block showing the same figures (an indicator linked to several goals) refers back
    to it instead of drawing it again."""
    first: dict[tuple[int, tuple[Point, ...]], GoalBlock] = {}
    for block in blocks:
        for line in block.indicators:
            if not line.chart:
                continue
            shown = first.setdefault(line.chart_key, block)
            if shown is not block:
                line.chart = ""
                line.chart_at = (shown.goal_id, shown.title)


def _indicator_columns(decimals: int, *, with_goal: bool) -> list[Col]:
    """The columns of an indicator table: target, value and previous value as numbers."""
    return [
        Col(_("Indicator")),
        *([Col(_("Goal"))] if with_goal else []),
        Col(_("Unit of measure")),
        Col(_("Target"), ColumnKind.NUMBER, decimals),
        Col(_("Value this period"), ColumnKind.NUMBER, decimals),
        Col(_("Previous value"), ColumnKind.NUMBER, decimals),
        Col(_("Status")),
    ]


def staff(ctx: BuildContext) -> Section | None:
    """ "Personal": the indicators of goals in a staff perspective, if the model has one."""
    model = _model(ctx)
    if model is None:
        return None
    perspectives = [
        p
        for p in model.perspectives.all()
        if any(word in f"{p.key} {p.name}".lower() for word in STAFF_WORDS)
    ]
    if not perspectives:
        return None
    goals = goals_in_year(model, ctx.year).filter(perspective__in=perspectives)
    if not ctx.is_kommun:
        goals = goals.filter(_subtree(ctx.unit, "owner__"))
    goals = list(goals.select_related("owner").order_by("tree_id", "lft"))
    lines = _indicator_lines(ctx, goals, model.near_target_percent, charts=False)
    seen: set[int] = set()
    rows = []
    decimals = 0
    for goal in goals:
        for line in lines.get(goal.pk, []):
            if line.indicator_id in seen:
                continue
            seen.add(line.indicator_id)
            decimals = max(decimals, line.decimals)
            rows.append(
                [
                    line.title,
                    line.measure_unit,
                    line.target,
                    line.value,
                    line.previous,
                    line.status_label,
                ]
            )
    if not rows:
        return None
    return Section(
        key="goals-staff",
        title=_("Staff"),
        intro=_("Indicators of the goals in the perspective %(perspectives)s.")
        % {"perspectives": ", ".join(p.name for p in perspectives)},
        tables=[
            Table(
                key="goals-staff",
                title=_("Staff indicators"),
                columns=_indicator_columns(decimals, with_goal=False),
                rows=rows,
                sheet=_("Staff"),
            )
        ],
    )


# --- Key events --------------------------------------------------------------------------


def key_events(ctx: BuildContext) -> Section | None:
    """What was decided and done within the period's dates, from the records: budget
    decisions, åtgärdsplaner, styrdokument, uppdrag decisions, goal and plan decisions, and
    the deviation log counted. Six or seven queries."""
    start, end = ctx.period.starts_on, ctx.period.ends_on
    unit = ctx.unit
    events: list[tuple[dt.date, str, str]] = []

    decisions = BudgetDecision.objects.filter(
        state=BudgetDecision.State.DECIDED, decided_on__range=(start, end)
    ).select_related("decided_by", "budget_year")
    if unit is not None:
        decisions = decisions.filter(Q(decided_by=unit) | Q(appropriations__unit=unit)).distinct()
    for d in decisions:
        events.append(
            (d.decided_on, f"{d.get_kind_display()}: {d.title}", _by(d.decided_by, d.paragraph))
        )

    plans = ActionPlan.objects.filter(decided_on__range=(start, end)).select_related(
        "unit", "decided_by", "goal"
    )
    if unit is not None:
        plans = plans.filter(_subtree(unit, "unit__"))
    for p in plans.order_by("decided_on", "pk"):
        subject = p.goal.title if p.goal_id else p.get_cause_display()
        events.append(
            (
                p.decided_on,
                _("Action plan decided for %(unit)s: %(subject)s")
                % {"unit": p.unit.name, "subject": subject},
                _by(p.decided_by, p.paragraph),
            )
        )

    documents = GoverningDocument.objects.filter(decided_on__range=(start, end)).select_related(
        "decided_by"
    )
    if unit is not None:
        documents = documents.filter(Q(decided_by=unit) | _subtree(unit, "owner__"))
    for doc in documents.order_by("decided_on", "pk"):
        events.append(
            (
                doc.decided_on,
                _("%(kind)s adopted: %(title)s")
                % {"kind": doc.get_kind_display(), "title": doc.title},
                _by(doc.decided_by, doc.paragraph),
            )
        )

    assignment_decisions = AssignmentDecision.objects.filter(
        decided_on__range=(start, end)
    ).select_related("assignment", "body")
    if unit is not None:
        assignment_decisions = assignment_decisions.filter(
            Q(body=unit)
            | Q(assignment__given_by=unit)
            | Q(assignment__recipient_rows__unit__in=Unit.objects.filter(_subtree(unit)))
        ).distinct()
    for d in assignment_decisions.order_by("decided_on", "pk"):
        events.append(
            (
                d.decided_on,
                _("Assignment %(state)s: %(title)s")
                % {"state": d.get_state_display().lower(), "title": d.assignment.title},
                _by(d.body, d.paragraph),
            )
        )

    if unit is None:
        for s in IndicatorSetDecision.objects.filter(decided_on__range=(start, end)):
            events.append(
                (
                    s.decided_on,
                    _("Goals and indicators for %(year)s decided with the budget")
                    % {"year": s.year},
                    s.paragraph,
                )
            )
    goal_plans = Plan.objects.filter(
        state=PlanState.DECIDED, decided_on__range=(start, end)
    ).select_related("unit", "decided_by")
    goal_plans = (
        goal_plans.filter(unit=unit)
        if unit is not None
        else goal_plans.filter(unit__kind__in=BODY_KINDS)
    )
    for p in goal_plans.order_by("decided_on", "pk"):
        events.append(
            (
                p.decided_on,
                _("%(plan)s decided for %(unit)s")
                % {"plan": p.get_kind_display(), "unit": p.unit.name},
                _by(p.decided_by, p.paragraph),
            )
        )

    deviations = Deviation.objects.filter(occurred_on__range=(start, end))
    if unit is not None:
        deviations = deviations.filter(_subtree(unit, "unit__"))
    counted = Counter(deviations.values_list("kind", flat=True))
    if counted:
        events.append(
            (
                end,
                _("Registered in the deviation log during the period: %(counts)s")
                % {
                    "counts": ", ".join(
                        f"{DeviationKind(k).label}: {counted[k]}"
                        for k in DeviationKind.values
                        if counted[k]
                    )
                },
                "",
            )
        )

    if not events:
        return None
    events.sort(key=lambda e: e[0])
    title = _("Significant events") if ctx.kind == "arsredovisning" else _("Key events")
    return Section(
        key="goals-events",
        title=title,
        intro=_("Decisions and events from %(start)s to %(end)s, as recorded.")
        % {"start": format_date(start), "end": format_date(end)},
        tables=[
            Table(
                key="goals-events",
                title=title,
                columns=[Col(_("Date"), ColumnKind.DATE), Col(_("Event")), Col(_("Decided by"))],
                rows=[list(e) for e in events],
                sheet=_("Key events"),
            )
        ],
    )


def _by(body: Unit | None, paragraph: str) -> str:
    return " ".join(part for part in (body.name if body else "", paragraph) if part)


# --- Uppdrag, åtgärdsplaner, intern kontroll, tillit ------------------------------------


def closed_at(period: ReportingPeriod) -> dt.datetime | None:
    """When a closed period was (last) closed, from its history; None while it is open.
    One query for a closed period, none for an open one."""
    if period.state != PeriodState.CLOSED:
        return None
    moment = None
    previous = None
    for state, when in period.history.order_by("history_date", "history_id").values_list(
        "state", "history_date"
    ):
        if state == PeriodState.CLOSED and previous != PeriodState.CLOSED:
            moment = when
        previous = state
    return moment


def _as_of(model, ids: list[int], moment: dt.datetime) -> dict[int, object]:
    """Each row's last historical version at ``moment`` (absent if it did not exist then)."""
    latest = {}
    for record in model.history.filter(id__in=ids, history_date__lte=moment).order_by(
        "history_date", "history_id"
    ):
        latest[record.id] = record
    return {pk: record for pk, record in latest.items() if record.history_type != "-"}


def assignments(ctx: BuildContext) -> Section | None:
    """The year's uppdrag and their status per receiving unit: four queries (seven for a
    closed period, whose report shows the statuses as they were when it was closed, so that
    the report reads the same whenever it is made)."""
    model = _model(ctx)
    if model is not None and not model.uses_assignments:
        return None
    found = list(
        Assignment.objects.filter(first_year__lte=ctx.year, last_year__gte=ctx.year)
        .select_related("given_by", "goal")
        .prefetch_related("recipient_rows__unit")
        .order_by("given_by__tree_id", "given_by__lft", "title", "pk")
    )
    moment = closed_at(ctx.period)
    if moment is not None:
        then = _as_of(Assignment, [a.pk for a in found], moment)
        found = [a for a in found if a.pk in then]
        recipient_ids = [r.pk for a in found for r in a.recipient_rows.all()]
        recipients_then = _as_of(AssignmentRecipient, recipient_ids, moment)
        for assignment in found:
            assignment.state = then[assignment.pk].state
            for recipient in assignment.recipient_rows.all():
                if recipient.pk in recipients_then:
                    recipient.status = recipients_then[recipient.pk].status
                    recipient.report = recipients_then[recipient.pk].report
    rows = []
    done = 0
    for assignment in found:
        recipients = sorted(
            (
                r
                for r in assignment.recipient_rows.all()
                if moment is None or r.pk in recipients_then
            ),
            key=lambda r: (r.unit.tree_id, r.unit.lft),
        )
        if ctx.unit is not None and assignment.given_by_id != ctx.unit.pk:
            recipients = [
                r for r in recipients if ctx.unit.is_ancestor_of(r.unit, include_self=True)
            ]
            if not recipients:
                continue
        for r in recipients:
            done += r.status == RecipientStatus.COMPLETED
            rows.append(
                [
                    assignment.title,
                    assignment.given_by.name,
                    r.unit.name,
                    r.get_status_display(),
                    assignment.get_state_display(),
                    assignment.deadline,
                    r.report,
                ]
            )
    if not rows:
        return None
    return Section(
        key="goals-assignments",
        title=_("Assignments"),
        intro=_("%(done)s of %(total)s receiving units have completed their assignment.")
        % {"done": done, "total": len(rows)},
        tables=[
            Table(
                key="goals-assignments",
                title=_("Assignments and their status per receiving unit"),
                columns=[
                    Col(_("Assignment")),
                    Col(_("Given by")),
                    Col(_("Receiving unit")),
                    Col(_("Status")),
                    Col(_("State of the assignment")),
                    Col(_("Deadline"), ColumnKind.DATE),
                    Col(_("Report")),
                ],
                rows=rows,
                sheet=_("Assignments"),
            )
        ],
    )


@dataclass
class MeasureLine:
    what: str
    who: str
    due_on: dt.date
    status: str
    comment: str


@dataclass
class PlanBlock:
    unit: str
    cause: str
    goal: str
    description: str
    raised_in: str
    decision: str
    measures: list[MeasureLine]
    state: ActionPlanState | None = None  # a deficit plan's figures (kr) and flag


def action_plans(ctx: BuildContext) -> Section | None:
    """Åtgärdsplaner raised this year up to the period, with their measures and how each
    stands at the period (its latest follow-up), and for a deficit plan the deficit it
    answers, the measures' effects, the gap left and the deficit forecast at the period
    (apps.economy.action_plans): seven queries."""
    plans = (
        ActionPlan.objects.filter(period__year=ctx.year, period__ends_on__lte=ctx.period.ends_on)
        .select_related("unit", "goal", "decided_by", "period")
        .prefetch_related("measures")
        .order_by("unit__tree_id", "unit__lft", "period__ends_on", "pk")
    )
    if ctx.unit is not None:
        plans = plans.filter(_subtree(ctx.unit, "unit__"))
    plans = list(plans)
    if not plans:
        return None
    states = action_plan_states(plans, as_of=ctx.period)
    followups: dict[int, MeasureFollowup] = {}
    for f in MeasureFollowup.objects.filter(
        measure__action_plan__in=[p.pk for p in plans], period__ends_on__lte=ctx.period.ends_on
    ).order_by("period__ends_on", "pk"):
        followups[f.measure_id] = f
    blocks, rows = [], []
    not_followed = _("Not followed up")
    for plan in plans:
        decision = (
            _("Decided %(date)s by %(body)s")
            % {"date": format_date(plan.decided_on), "body": _by(plan.decided_by, plan.paragraph)}
            if plan.decided_on
            else _("Not decided yet")
        )
        measures = []
        for m in plan.measures.all():
            f = followups.get(m.pk)
            measures.append(
                MeasureLine(
                    m.what,
                    m.who,
                    m.due_on,
                    f.get_status_display() if f else not_followed,
                    f.comment if f else "",
                )
            )
        block = PlanBlock(
            unit=plan.unit.name,
            cause=plan.get_cause_display(),
            goal=plan.goal.title if plan.goal_id else "",
            description=plan.description,
            raised_in=plan.period.short_label,
            decision=decision,
            measures=measures,
            state=states[plan.pk] if plan.cause == ActionPlanCause.DEFICIT else None,
        )
        blocks.append(block)
        state = block.state
        for m in measures or [None]:
            rows.append(
                [
                    block.unit,
                    block.cause,
                    block.goal,
                    block.description,
                    plan.decided_on,
                    state.deficit if state else None,
                    state.effects if state else None,
                    state.gap if state else None,
                    state.current_deficit if state else None,
                    state.flag if state else "",
                    m.what if m else "",
                    m.who if m else "",
                    m.due_on if m else None,
                    m.status if m else "",
                    m.comment if m else "",
                ]
            )
    return Section(
        key="goals-action-plans",
        title=_("Action plans"),
        template=TEMPLATES + "goals_action_plans.html",
        data={"plans": blocks},
        tables=[
            Table(
                key="goals-action-plans",
                title=_("Action plans"),
                columns=[
                    Col(_("Unit")),
                    Col(_("Cause")),
                    Col(_("Goal")),
                    Col(_("What has gone wrong")),
                    Col(_("Decision date"), ColumnKind.DATE),
                    Col(_("Deficit the plan answers"), ColumnKind.KR),
                    Col(_("Estimated effect of the measures"), ColumnKind.KR),
                    Col(_("Remaining gap"), ColumnKind.KR),
                    Col(_("Current forecast deficit"), ColumnKind.KR),
                    Col(_("Flag")),
                    Col(_("Measure")),
                    Col(_("Responsible")),
                    Col(_("By when"), ColumnKind.DATE),
                    Col(_("Status")),
                    Col(_("Comment")),
                ],
                rows=rows,
                sheet=_("Action plans"),
            )
        ],
    )


RESULT_CLASS = {
    ResultStatus.NO_REMARKS: "status-met",
    ResultStatus.MINOR: "status-partly",
    ResultStatus.MAJOR: "status-not-met",
    ResultStatus.NOT_DONE: "status-not-assessed",
}


def internal_control(ctx: BuildContext) -> Section | None:
    """Every control of the year's plans with its result in the period (KS's roll-up), or
    the nämnd's own: two queries."""
    found = rollup(period=ctx.period)
    if ctx.unit is not None:
        found = [row for row in found if ctx.unit.is_ancestor_of(row.unit, include_self=True)]
    if not found:
        return None
    not_reported = _("Not reported")
    counts: Counter = Counter()
    rows = []
    for row in found:
        result = row.result
        label = result.get_status_display() if result else not_reported
        counts[label] += 1
        rows.append(
            [
                row.unit.name,
                row.control.what,
                row.control.risk.description,
                str(label),
                result.comment if result else "",
                result.measures if result else "",
            ]
        )
    order = [str(label) for label in ResultStatus.labels] + [str(not_reported)]
    summary = ", ".join(
        f"{str(label).lower()}: {counts[label]}" for label in order if counts[label]
    )
    return Section(
        key="goals-internal-control",
        title=_("Internal control"),
        intro=_("%(total)s controls in the period (%(summary)s).")
        % {"total": len(rows), "summary": summary},
        tables=[
            Table(
                key="goals-internal-control",
                title=_("Results of the internal control"),
                columns=[
                    Col(_("Unit")),
                    Col(_("Control")),
                    Col(_("Risk")),
                    Col(_("Result")),
                    Col(_("Comment")),
                    Col(_("Measures")),
                ],
                rows=rows,
                sheet=_("Internal control"),
            )
        ],
    )


# --- The förvaltningsberättelse's steering parts -----------------------------------------


def important_conditions(ctx: BuildContext) -> Section | None:
    """ "Viktiga förhållanden för resultat och ställning": the omvärldsfaktorer in force and
    the highest-scored risks of the year's risk analyses. Three queries."""
    factors = list(external_factors_in(ctx.year).order_by("position", "title"))
    risks = Risk.objects.filter(year=ctx.year).select_related("unit", "category")
    if ctx.unit is not None:
        risks = risks.filter(_subtree(ctx.unit, "unit__"))
    risks = list(
        risks.annotate(score=F("probability") * F("consequence")).order_by(
            "-score", "-consequence", "unit__lft", "pk"
        )[:TOP_RISKS]
    )
    if not factors and not risks:
        return None
    levels = list(RiskLevel.objects.order_by("min_value"))
    rows = []
    for risk in risks:
        level = level_for(risk.value, levels)
        rows.append(
            [
                risk.description,
                risk.unit.name,
                risk.category.name,
                risk.probability,
                risk.consequence,
                risk.value,
                level.name if level else "",
            ]
        )
    tables = []
    if rows:
        tables.append(
            Table(
                key="goals-risks",
                title=_("The highest-scored risks of the internal control's risk analyses"),
                columns=[
                    Col(_("Risk")),
                    Col(_("Unit")),
                    Col(_("Category")),
                    Col(_("Probability"), ColumnKind.NUMBER, 0),
                    Col(_("Consequence"), ColumnKind.NUMBER, 0),
                    Col(_("Risk value"), ColumnKind.NUMBER, 0),
                    Col(_("Risk level")),
                ],
                rows=rows,
                sheet=_("Risks"),
                note=_("Risk value = probability × consequence, each scored 1–5."),
            )
        )
    return Section(
        key="goals-conditions",
        title=_("Important conditions for result and financial position"),
        template=TEMPLATES + "goals_conditions.html",
        data={"factors": [{"title": f.title, "description": f.description} for f in factors]},
        tables=tables,
    )


def governance(ctx: BuildContext) -> Section | None:
    """ "Styrning och uppföljning": the styrmodell's vision and foundation elements
    (värdegrund, ledord, ledarskap, principles) with their decisions and years, its levels,
    the year's reporting periods and how goals are assessed. Seven queries."""
    model = _model(ctx)
    if model is None:
        return None
    levels = list(model.levels.all())
    periods = list(ReportingPeriod.objects.filter(year=ctx.year).order_by("ends_on", "pk"))
    statuses = ", ".join(_status_label(s).lower() for s in STATUS_ORDER)
    visions = model_header(model=model, year=ctx.year).visions
    level_names = {lv.pk: lv.name for lv in levels}
    owners = Unit.objects.in_bulk({v.owner_id for v in visions})
    elements = foundations(model=model, year=ctx.year)
    decided = [
        _Decided(
            title=v.title,
            kind=level_names.get(v.level_id, ""),
            html=RichText(v.description).html,
            body=owners[v.owner_id].name if v.decided_on else "",
            decided_on=v.decided_on,
            paragraph=v.decision_paragraph,
            years=v.years_label,
        )
        for v in visions
    ] + [
        _Decided(
            title=e.title,
            kind=e.get_kind_display(),
            html=RichText(e.text).html,
            body=e.decided_by.name if e.decided_by_id else "",
            decided_on=e.decided_on,
            paragraph=e.paragraph,
            years=_years(e.first_year, e.last_year),
        )
        for e in elements
    ]
    tables = []
    if decided:
        tables.append(
            Table(
                key="goals-foundations",
                title=_("Vision and foundations of the steering model"),
                columns=[
                    Col(_("Element")),
                    Col(_("Kind")),
                    Col(_("Decided by")),
                    Col(_("Decision date"), ColumnKind.DATE),
                    Col(_("Paragraph")),
                    Col(_("Years")),
                ],
                rows=[
                    [d.title, d.kind, d.body, d.decided_on, d.paragraph, d.years] for d in decided
                ],
                sheet=_("Foundations"),
            )
        )
    has_values = any(e.kind == FoundationKind.VALUES for e in elements)
    return Section(
        key="goals-governance",
        title=_("Governance and follow-up"),
        template=TEMPLATES + "goals_governance.html",
        data={
            "name": model.name,
            "description": model.description,
            "values": "" if has_values else model.values,
            "decided": decided,
            "assessment": _(
                "Each goal is assessed by its owner in every reporting period as %(statuses)s, "
                "with an analysis of why it goes as it goes. Indicators are measured against "
                "their targets; an indicator within %(near)s %% of its target counts as near."
            )
            % {"statuses": statuses, "near": format_number(model.near_target_percent, 0)},
        },
        tables=[
            Table(
                key="goals-levels",
                title=_("Levels of the steering model"),
                columns=[Col(_("Level")), Col(_("Decided by")), Col(_("Measured with indicators"))],
                rows=[
                    [
                        lv.name,
                        lv.get_decided_by_display(),
                        _("Yes") if lv.is_measurable else _("No"),
                    ]
                    for lv in levels
                ],
            ),
            Table(
                key="goals-periods",
                title=_("Reporting periods of the year"),
                columns=[
                    Col(_("Period")),
                    Col(_("Covers from"), ColumnKind.DATE),
                    Col(_("Covers to"), ColumnKind.DATE),
                    Col(_("Deadline"), ColumnKind.DATE),
                    Col(_("State")),
                ],
                rows=[
                    [p.name, p.starts_on, p.ends_on, p.deadline, p.get_state_display()]
                    for p in periods
                ],
            ),
            *tables,
        ],
    )


@dataclass
class _Decided:
    """A vision or foundation element as the governance section shows it."""

    title: str
    kind: str
    html: SafeString  # its text, formatted
    body: str
    decided_on: dt.date | None
    paragraph: str
    years: str

    @property
    def decision(self) -> str:
        if self.decided_on is None:
            return ""
        return _("Decided %(date)s by %(body)s") % {
            "date": format_date(self.decided_on),
            "body": " ".join(part for part in (self.body, self.paragraph) if part),
        }


def _years(first: int | None, last: int | None) -> str:
    if first is None and last is None:
        return ""
    if first == last:
        return str(first)
    return f"{first or ''}–{last or ''}"
