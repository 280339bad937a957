"""Reads for follow-up entry, in a fixed number of queries whatever the unit's size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.accounts.access import UserAccess
from apps.followup.models import (
    ActionPlan,
    Assessment,
    AssignmentReport,
    GoalStatus,
    MissionAssessment,
    UnitCompletion,
)
from apps.goals.computed import ComputedStatus, computed_statuses
from apps.goals.models import (
    Assignment,
    AssignmentDecision,
    AssignmentIndicator,
    AssignmentRecipient,
    AssignmentState,
    BasicMission,
    DecidedBy,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    MissionIndicator,
    SteeringModel,
)
from apps.goals.selectors import goals_in_year
from apps.goals.services import active_model
from apps.organisation.models import BODY_KINDS, Unit
from apps.organisation.selectors import bodies_in_period
from apps.periods.models import PeriodState, ReportingPeriod
from apps.periods.services import deadlines_for

# --- "X av Y": the one counting rule -----------------------------------------------------


def required_goals(period: ReportingPeriod, model: SteeringModel | None):
    """The goals each owner must assess in ``period``: the goals part of "X av Y".

    A unit's own goals of ``model`` (the one in use) valid in the period's year at
    measurable levels (a vision is not assessed), leaving out goals retired by the end of
    the period. KF goals above the unit's own, where it may report its contribution, are not
    part of it, unless the model has every body report on every KF goal (then they are the
    body's contributions: ``council_goals``). "X" is ``reported_assessments``; the whole
    rule, with the other parts, is ``followup_progress``. Unordered; None without a
    steering model in use.
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


class PartKind(models.TextChoices):
    """What a unit reports on in a period, in the order the pages list them."""

    GOALS = "goals", _("Goals")  # its own goals
    # Its contribution to each KF goal (a body, where the model says so).
    CONTRIBUTIONS = "contributions", _("Contribution to the council's goals")
    MISSIONS = "missions", _("Basic missions")  # each of its grunduppdrag (by the flag)
    ASSIGNMENTS = "assignments", _("Assignments")  # each uppdrag it received (by the flag)


@dataclass(frozen=True)
class ProgressPart:
    """One kind of item in a unit's "X av Y": ``reported`` of ``required``."""

    kind: PartKind
    required: int
    reported: int

    @property
    def complete(self) -> bool:
        return self.reported >= self.required

    @property
    def label(self) -> str:
        """ "3 of 4 goals", "5 of 5 council goals" … as the pages say it."""
        values = {"reported": self.reported, "required": self.required}
        if self.kind == PartKind.CONTRIBUTIONS:
            text = ngettext(
                "%(reported)s of %(required)s council goal",
                "%(reported)s of %(required)s council goals",
                self.required,
            )
        elif self.kind == PartKind.MISSIONS:
            text = ngettext(
                "%(reported)s of %(required)s basic mission",
                "%(reported)s of %(required)s basic missions",
                self.required,
            )
        elif self.kind == PartKind.ASSIGNMENTS:
            text = ngettext(
                "%(reported)s of %(required)s assignment",
                "%(reported)s of %(required)s assignments",
                self.required,
            )
        else:
            text = ngettext(
                "%(reported)s of %(required)s goal", "%(reported)s of %(required)s goals",
                self.required,
            )  # fmt: skip
        return text % values


@dataclass(frozen=True)
class FollowupProgress:
    """How far ``unit`` has come with its follow-up in a period: "``reported`` av
    ``required``", by the rule of ``followup_progress``, with the breakdown per kind of item
    in ``parts`` (only the kinds the unit has items of). Every page and report that shows a
    unit's progress reads it from ``followup_progress``."""

    unit: Unit
    required: int
    reported: int
    parts: tuple[ProgressPart, ...] = ()

    @property
    def missing(self) -> int:
        return self.required - self.reported

    @property
    def complete(self) -> bool:
        return self.reported >= self.required

    @property
    def only_goals(self) -> bool:
        """Nothing but the unit's own goals (a model without the per-period parts)."""
        return all(part.kind == PartKind.GOALS for part in self.parts)

    def part(self, kind: PartKind) -> ProgressPart | None:
        return next((part for part in self.parts if part.kind == kind), None)

    @classmethod
    def of(cls, unit: Unit, parts: list[ProgressPart]) -> FollowupProgress:
        parts = tuple(part for part in parts if part.required)
        return cls(
            unit,
            sum(part.required for part in parts),
            sum(part.reported for part in parts),
            parts,
        )


# The bodies that report their contribution to every KF goal when the model says so: KS, the
# nämnder and the bolag (Ale: "nämnderna/bolagen ... återkopplar i nämndens/bolagets
# uppföljning hur man relaterar till [riktningsmålen]").
CONTRIBUTING_BODY_KINDS = BODY_KINDS

# What counts as reported, as conditions on the rows (the "X"); the dataclasses below say the
# same of one row they hold.
REPORTED_CONTRIBUTION = ~Q(analysis="")  # the body's reasoning; the status is optional
REPORTED_MISSION = ~Q(status=GoalStatus.NOT_ASSESSED) | ~Q(analysis="")
REPORTED_ASSIGNMENT = ~Q(report="")


def council_goals(period: ReportingPeriod, model: SteeringModel | None):
    """The KF goals every contributing body reports on in ``period`` (when the model says
    so): ``required_goals`` on a level KF decides. Unordered."""
    required = required_goals(period, model)
    if required is None:
        return Goal.objects.none()
    return required.filter(level__decided_by=DecidedBy.COUNCIL)


def _valid_in_period(period: ReportingPeriod, prefix: str) -> Q:
    return Q(**{f"{prefix}valid_from__lte": period.ends_on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": period.starts_on})
    )


def _contributing_bodies(period: ReportingPeriod, units: list[Unit] | None) -> list[Unit]:
    bodies = bodies_in_period(period, kinds=CONTRIBUTING_BODY_KINDS)
    if units is not None:
        wanted = {unit.pk for unit in units}
        bodies = [body for body in bodies if body.pk in wanted]
    return bodies


def required_missions(period: ReportingPeriod, units: list[Unit] | None = None):
    """The grunduppdrag followed up in ``period`` (when the model says so): each body's
    missions valid in the year, of bodies valid in the period. Unordered."""
    missions = BasicMission.objects.filter(first_year__lte=period.year).filter(
        Q(last_year__isnull=True) | Q(last_year__gte=period.year),
        _valid_in_period(period, "unit__"),
    )
    if units is not None:
        missions = missions.filter(unit__in=units)
    return missions.order_by()


def required_recipients(period: ReportingPeriod, units: list[Unit] | None = None):
    """The uppdrag each receiving unit reports on in ``period`` (when the model says so): its
    recipient rows of uppdrag valid in the year and not completed or ended by a decision
    before the period began. Unordered."""
    ended_before = AssignmentDecision.objects.filter(
        assignment=OuterRef("assignment"),
        state__in=ENDED_STATES,
        decided_on__lt=period.starts_on,
    )
    recipients = (
        AssignmentRecipient.objects.filter(
            assignment__first_year__lte=period.year, assignment__last_year__gte=period.year
        )
        .filter(_valid_in_period(period, "unit__"))
        .exclude(Q(assignment__state__in=ENDED_STATES) & Exists(ended_before))
    )
    if units is not None:
        recipients = recipients.filter(unit__in=units)
    return recipients.order_by()


ENDED_STATES = (AssignmentState.COMPLETED, AssignmentState.ENDED)


def followup_progress(
    *, period: ReportingPeriod, units: list[Unit] | None = None
) -> dict[int, FollowupProgress]:
    """Each unit's progress in ``period`` (every unit with something to report in it, or only
    ``units``), by unit id, in the organisation's order. The one rule of "X av Y".

    A unit's required items are its own goals (``required_goals``: X is
    ``reported_assessments`` or a computed status) and, as the active model says: for every
    body, its contribution to each KF goal (``council_goals``: reported with the body's
    reasoning); each body's grunduppdrag (``required_missions``: reported with a status, or
    "ej bedömt" with the reason); each uppdrag a unit received (``required_recipients``:
    reported with this period's återrapport). Four queries and the computed statuses'
    providers, and two more for each part the model switches on.
    """
    model = active_model()
    required = required_goals(period, model)
    if required is None:
        return {}
    parts: dict[int, list[ProgressPart]] = defaultdict(list)

    own = required.filter(owner__in=units) if units is not None else required
    goals = list(own.values_list("pk", "owner_id"))
    done = _reported_goal_ids(period, own, [pk for pk, _owner in goals])
    _count(parts, PartKind.GOALS, [(owner, pk in done) for pk, owner in goals])

    if model.bodies_report_on_council_goals:
        bodies = _contributing_bodies(period, units)
        kf_goals = list(council_goals(period, model).values_list("pk", flat=True))
        reported = set(
            Assessment.objects.filter(period=period, goal_id__in=kf_goals, unit__in=bodies)
            .filter(REPORTED_CONTRIBUTION)
            .values_list("goal_id", "unit_id")
        )
        _count(
            parts,
            PartKind.CONTRIBUTIONS,
            [(body.pk, (goal, body.pk) in reported) for body in bodies for goal in kf_goals],
        )
    if model.follows_up_basic_missions:
        missions = list(required_missions(period, units).values_list("pk", "unit_id"))
        reported = set(
            MissionAssessment.objects.filter(
                period=period, basic_mission_id__in=[pk for pk, _unit in missions]
            )
            .filter(REPORTED_MISSION)
            .values_list("basic_mission_id", flat=True)
        )
        _count(parts, PartKind.MISSIONS, [(unit, pk in reported) for pk, unit in missions])
    if model.follows_up_assignments:
        recipients = list(required_recipients(period, units).values_list("pk", "unit_id"))
        reported = set(
            AssignmentReport.objects.filter(
                period=period, recipient_id__in=[pk for pk, _unit in recipients]
            )
            .filter(REPORTED_ASSIGNMENT)
            .values_list("recipient_id", flat=True)
        )
        _count(parts, PartKind.ASSIGNMENTS, [(unit, pk in reported) for pk, unit in recipients])

    found = Unit.objects.filter(pk__in=parts).order_by("tree_id", "lft")
    return {unit.pk: FollowupProgress.of(unit, parts[unit.pk]) for unit in found}


def _count(parts: dict[int, list[ProgressPart]], kind: PartKind, items) -> None:
    """Add a part of ``kind`` to each unit of ``items`` (pairs of unit id and reported)."""
    required: dict[int, int] = defaultdict(int)
    reported: dict[int, int] = defaultdict(int)
    for unit_id, done in items:
        required[unit_id] += 1
        reported[unit_id] += done
    for unit_id, count in required.items():
        parts[unit_id].append(ProgressPart(kind, count, reported[unit_id]))


def _reported_goal_ids(period: ReportingPeriod, required, goal_ids: list[int]) -> set[int]:
    """Of ``goal_ids`` (in ``required``), those reported: an owner's assessment that counts,
    or a status computed from a key figure (nothing to type then). One query and the
    providers."""
    done = set(
        reported_assessments(period).filter(goal__in=required).values_list("goal_id", flat=True)
    )
    return done | set(computed_statuses(goal_ids, period))


@dataclass(frozen=True)
class MissingItem:
    """Something a unit must still report in a period, named for the refusal of "klar"."""

    kind: PartKind
    title: str


def missing_items(*, unit: Unit, period: ReportingPeriod) -> list[MissingItem]:
    """What ``unit`` must report in ``period`` by ``followup_progress``'s rule and has not,
    in the order of the entry page: a fixed number of queries."""
    model = active_model()
    if model is None:
        return []
    missing = [
        MissingItem(PartKind.GOALS, goal.title) for goal in missing_goals(unit=unit, period=period)
    ]
    missing += [
        MissingItem(PartKind.CONTRIBUTIONS, c.goal.title)
        for c in _council_contributions(model, period, [unit])
        if not c.reported
    ]
    missing += [
        MissingItem(PartKind.MISSIONS, m.title)
        for m in _mission_followups(model, period, [unit])
        if not m.reported
    ]
    missing += [
        MissingItem(PartKind.ASSIGNMENTS, a.assignment.title)
        for a in _assignment_followups(model, period, [unit])
        if not a.reported
    ]
    return missing


def missing_goals(*, unit: Unit, period: ReportingPeriod) -> list[Goal]:
    """The goals ``unit`` must assess in ``period`` that it has not reported: three queries
    and the computed statuses' providers."""
    required = required_goals(period, active_model())
    if required is None:
        return []
    goals = list(required.filter(owner=unit).order_by("tree_id", "lft"))
    done = _reported_goal_ids(period, required.filter(owner=unit), [g.pk for g in goals])
    return [goal for goal in goals if goal.pk not in done]


# --- The per-period parts: contributions, grunduppdrag, uppdrag ---------------------------


@dataclass
class Contribution:
    """A body's contribution to a KF goal in a period: its status (optional) and reasoning."""

    goal: Goal
    unit: Unit  # the body
    assessment: Assessment | None

    @property
    def reported(self) -> bool:
        return self.assessment is not None and bool(self.assessment.analysis.strip())


def council_contributions(
    *, period: ReportingPeriod, units: list[Unit] | None = None
) -> list[Contribution]:
    """Every contributing body's contribution to every KF goal in ``period`` (or only those of
    ``units``), reported or not, by KF goal in tree order and then body in tree order. Empty
    unless the active model has every body report on the KF goals. Four queries."""
    return _council_contributions(active_model(), period, units)


def _council_contributions(
    model: SteeringModel | None, period: ReportingPeriod, units: list[Unit] | None
) -> list[Contribution]:
    if model is None or not model.bodies_report_on_council_goals:
        return []
    bodies = _contributing_bodies(period, units)
    goals = list(
        council_goals(period, model)
        .select_related("level", "owner", "perspective")
        .order_by("tree_id", "lft")
    )
    assessments = {
        (a.goal_id, a.unit_id): a
        for a in Assessment.objects.filter(period=period, goal__in=goals, unit__in=bodies)
    }
    return [
        Contribution(goal, body, assessments.get((goal.pk, body.pk)))
        for goal in goals
        for body in bodies
    ]


@dataclass
class IndicatorLine:
    """An indicator that follows a grunduppdrag or an uppdrag in the period's year: its
    target for the year and its value in the period, the unit's own or else kommun-wide."""

    link: MissionIndicator | AssignmentIndicator
    target: IndicatorTarget | None
    value: IndicatorValue | None
    unit: Unit  # whose line it is

    @property
    def indicator(self) -> Indicator:
        return self.link.indicator

    @property
    def own_value(self) -> IndicatorValue | None:
        """The unit's own value (what its editors enter), not a kommun-wide one."""
        return self.value if self.value is not None and self.value.unit_id == self.unit.pk else None


@dataclass
class MissionFollowup:
    """A grunduppdrag's follow-up in a period by the body that holds it."""

    mission: BasicMission
    assessment: MissionAssessment | None
    indicators: list[IndicatorLine] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.mission.title or self.mission.text[:80]

    @property
    def reported(self) -> bool:
        return self.assessment is not None and self.assessment.reported


def mission_followups(
    *, period: ReportingPeriod, units: list[Unit] | None = None
) -> list[MissionFollowup]:
    """Every body's grunduppdrag followed up in ``period`` (or only those of ``units``), with
    this period's assessment and indicators, by body in tree order. Empty unless the active
    model follows the grunduppdrag up each period. Seven queries."""
    return _mission_followups(active_model(), period, units)


def _mission_followups(
    model: SteeringModel | None, period: ReportingPeriod, units: list[Unit] | None
) -> list[MissionFollowup]:
    if model is None or not model.follows_up_basic_missions:
        return []
    missions = list(
        required_missions(period, units)
        .select_related("unit")
        .prefetch_related("tags")
        .order_by("unit__tree_id", "unit__lft", "title", "pk")
    )
    assessments = {
        a.basic_mission_id: a
        for a in MissionAssessment.objects.filter(period=period, basic_mission__in=missions)
    }
    links = list(
        MissionIndicator.objects.filter(basic_mission__in=missions, year=period.year)
        .select_related("indicator")
        .order_by("indicator__title", "pk")
    )
    lines = _indicator_lines(
        period, [(link.basic_mission_id, link) for link in links], {m.pk: m.unit for m in missions}
    )
    return [
        MissionFollowup(mission, assessments.get(mission.pk), lines.get(mission.pk, []))
        for mission in missions
    ]


@dataclass
class AssignmentFollowup:
    """A receiving unit's återrapport of an uppdrag in a period."""

    assignment: Assignment
    recipient: AssignmentRecipient
    report: AssignmentReport | None
    indicators: list[IndicatorLine] = field(default_factory=list)

    @property
    def unit(self) -> Unit:
        return self.recipient.unit

    @property
    def reported(self) -> bool:
        return self.report is not None and bool(self.report.report.strip())


def assignment_followups(
    *, period: ReportingPeriod, units: list[Unit] | None = None
) -> list[AssignmentFollowup]:
    """Every receiving unit's uppdrag reported on in ``period`` (or only those of ``units``),
    with this period's återrapport and the uppdrag's indicators, by unit in tree order and
    then uppdrag. Empty unless the active model has uppdrag reported each period. Seven
    queries."""
    return _assignment_followups(active_model(), period, units)


def _assignment_followups(
    model: SteeringModel | None, period: ReportingPeriod, units: list[Unit] | None
) -> list[AssignmentFollowup]:
    if model is None or not model.follows_up_assignments:
        return []
    recipients = list(
        required_recipients(period, units)
        .select_related("unit", "assignment__given_by", "assignment__goal")
        .prefetch_related("assignment__tags")
        .order_by("unit__tree_id", "unit__lft", "assignment__first_year", "assignment__title", "pk")
    )
    reports = {
        r.recipient_id: r
        for r in AssignmentReport.objects.filter(period=period, recipient__in=recipients)
    }
    links = list(
        AssignmentIndicator.objects.filter(
            assignment__in={r.assignment_id for r in recipients}, year=period.year
        )
        .select_related("indicator")
        .order_by("indicator__title", "pk")
    )
    by_assignment: dict[int, list] = defaultdict(list)
    for link in links:
        by_assignment[link.assignment_id].append(link)
    lines = _indicator_lines(
        period,
        [(r.pk, link) for r in recipients for link in by_assignment[r.assignment_id]],
        {r.pk: r.unit for r in recipients},
    )
    return [
        AssignmentFollowup(r.assignment, r, reports.get(r.pk), lines.get(r.pk, []))
        for r in recipients
    ]


def _indicator_lines(
    period: ReportingPeriod, links: list[tuple[int, object]], units: dict[int, Unit]
) -> dict[int, list[IndicatorLine]]:
    """Each holder's (a mission's, a recipient's) indicator lines, with the target and value
    for the holder's unit, else the kommun-wide ones: two queries."""
    indicator_ids = {link.indicator_id for _holder, link in links}
    unit_ids = {unit.pk for unit in units.values()}
    near = Q(unit__isnull=True) | Q(unit__in=unit_ids)
    targets = {
        (t.indicator_id, t.unit_id): t
        for t in IndicatorTarget.objects.filter(
            near, indicator_id__in=indicator_ids, year=period.year
        )
    }
    values = {
        (v.indicator_id, v.unit_id): v
        for v in IndicatorValue.objects.filter(near, indicator_id__in=indicator_ids, period=period)
    }
    lines: dict[int, list[IndicatorLine]] = defaultdict(list)
    for holder, link in links:
        unit = units[holder]
        key, kommun = (link.indicator_id, unit.pk), (link.indicator_id, None)
        lines[holder].append(
            IndicatorLine(
                link,
                targets.get(key) or targets.get(kommun),
                values.get(key) or values.get(kommun),
                unit,
            )
        )
    return lines


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
    # The parts the model switches on (empty otherwise): each KF goal's contribution,
    # each grunduppdrag, each uppdrag received.
    contributions: list[Contribution] = field(default_factory=list)
    missions: list[MissionFollowup] = field(default_factory=list)
    assignments: list[AssignmentFollowup] = field(default_factory=list)

    @property
    def progress(self) -> FollowupProgress:
        """ "X av Y" by the one rule (``followup_progress``), from the entries already read:
        the unit's own goals and the parts the model switches on."""
        own = [entry for entry in self.goals if not entry.contributes]
        return FollowupProgress.of(
            self.unit,
            [
                ProgressPart(PartKind.GOALS, len(own), sum(e.reported for e in own)),
                ProgressPart(
                    PartKind.CONTRIBUTIONS,
                    len(self.contributions),
                    sum(c.reported for c in self.contributions),
                ),
                ProgressPart(
                    PartKind.MISSIONS, len(self.missions), sum(m.reported for m in self.missions)
                ),
                ProgressPart(
                    PartKind.ASSIGNMENTS,
                    len(self.assignments),
                    sum(a.reported for a in self.assignments),
                ),
            ],
        )


def unit_followup(*, unit: Unit, period: ReportingPeriod) -> UnitFollowup:
    """What ``unit`` reports in ``period``: its own goals (``required_goals``), the KF goals
    above them, their indicators, what it has entered so far, and whether it marked itself
    done; and the parts the model switches on (its contribution to every KF goal, which
    then replaces the KF goals above its own; its grunduppdrag; its uppdrag)."""
    model = active_model()
    required = required_goals(period, model)
    # A body that reports on every KF goal has them in its contributions; a förvaltning
    # still reports, if it will, on the KF goals above its own.
    contributes_to_all = (
        model is not None
        and model.bodies_report_on_council_goals
        and unit.kind in CONTRIBUTING_BODY_KINDS
    )
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
        if own and not contributes_to_all
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
        contributions=_council_contributions(model, period, [unit]),
        missions=_mission_followups(model, period, [unit]),
        assignments=_assignment_followups(model, period, [unit]),
    )


def _above_any(goals: list[Goal]) -> Q:
    condition = Q(pk__in=[])
    for goal in goals:
        condition |= Q(tree_id=goal.tree_id, lft__lt=goal.lft, rght__gt=goal.rght)
    return condition


@dataclass
class TodoItem:
    period: ReportingPeriod
    progress: FollowupProgress
    done: bool
    deadline: dt.date  # the period's, or the unit's extension

    @property
    def unit(self) -> Unit:
        return self.progress.unit

    @property
    def goals(self) -> int:
        """The "Y": every item the unit must report (its goals and the parts switched on)."""
        return self.progress.required

    @property
    def assessed(self) -> int:
        return self.progress.reported

    @property
    def missing(self) -> int:
        return self.progress.missing

    @property
    def overdue(self) -> bool:
        return not self.done and timezone.localdate() > self.deadline


@dataclass
class PeriodOverviewRow:
    progress: FollowupProgress
    completion: UnitCompletion | None = None

    @property
    def unit(self) -> Unit:
        return self.progress.unit

    @property
    def goals(self) -> int:
        return self.progress.required

    @property
    def assessed(self) -> int:
        return self.progress.reported

    @property
    def contributions_missing(self) -> int:
        """KF goals the body has not yet reported its contribution to (0 without the part)."""
        part = self.progress.part(PartKind.CONTRIBUTIONS)
        return part.required - part.reported if part else 0


def reporting_units(period: ReportingPeriod) -> list[tuple[Unit, int, int]]:
    """Every unit that must report in the period, with "Y" and "X" of its "X av Y"
    (``followup_progress``)."""
    return [(p.unit, p.required, p.reported) for p in followup_progress(period=period).values()]


def period_overview(period: ReportingPeriod) -> list[PeriodOverviewRow]:
    """For the ekonom: every unit that must report in the period (each body, where it reports
    on every KF goal), which are done, and how far the others are, part by part."""
    completions = {
        c.unit_id: c
        for c in UnitCompletion.objects.filter(period=period).select_related("marked_by")
    }
    return [
        PeriodOverviewRow(progress, completions.get(unit_id))
        for unit_id, progress in followup_progress(period=period).items()
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
            progress
            for progress in followup_progress(period=period).values()
            if access.can_edit_for(progress.unit)
            and (not access.is_administrator or progress.unit.pk in own_units)
        ]
        deadlines = deadlines_for(period, [progress.unit for progress in rows])
        for progress in rows:
            items.append(
                TodoItem(period, progress, progress.unit.pk in done, deadlines[progress.unit.pk])
            )
    return sorted(items, key=lambda item: item.deadline)
