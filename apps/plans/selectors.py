"""Reads of plans, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.accounts.access import UserAccess
from apps.goals.models import Assignment, DecidedBy, Goal, SteeringModel
from apps.goals.selectors import goals_in_year
from apps.goals.services import active_model
from apps.organisation.models import BODY_KINDS, Unit, UnitKind
from apps.plans.access import can_read_plan
from apps.plans.models import PLAN_KIND_OF_UNIT, Plan, PlanKind
from apps.plans.panels import Frame, frame_for
from apps.trust.models import StatusReport


def link_choices(plan: Plan) -> tuple[list[Goal], list[Assignment]]:
    """The goals and uppdrag an activity of ``plan`` may serve: the unit's own goals and those
    of the units above it, and the uppdrag given to it or a body above it: two queries."""
    model = active_model()
    chain = [*plan.unit.get_ancestors(), plan.unit]
    goals: list[Goal] = []
    if model is not None:
        goals = list(
            goals_in_year(model, plan.year)
            .filter(owner__in=chain, retired_on__isnull=True, level__is_measurable=True)
            .select_related("level", "owner")
            .order_by("tree_id", "lft")
        )
    assignments = list(
        Assignment.objects.filter(
            recipients__in=chain, first_year__lte=plan.year, last_year__gte=plan.year
        )
        .distinct()
        .order_by("title")
    )
    return goals, assignments


def plans_for(access: UserAccess, year: int) -> list[tuple[Unit, Plan | None, bool, bool]]:
    """Every unit that writes a plan, with its plan for ``year``, whether the user may write
    it and whether they may read it (a draft is its writers'): two queries."""
    units = list(
        Unit.objects.filter(kind__in=PLAN_KIND_OF_UNIT, valid_to__isnull=True).order_by(
            "tree_id", "lft"
        )
    )
    plans = {p.unit_id: p for p in Plan.objects.filter(year=year).select_related("unit")}
    return [
        (
            unit,
            plan := plans.get(unit.pk),
            access.can_edit_for(unit),
            plan is not None and can_read_plan(access, plan),
        )
        for unit in units
    ]


# --- What a plan page shows beside its own parts -------------------------------------------

# The standard sections a nulägesbeskrivning holds too: section key → StatusReport field.
REUSED_SECTIONS = {
    "verksamhetsbeskrivning": "operations",
    "omvarldsanalys": "environment",
    "nulagesanalys": "current_state",
}

# The plans of bodies that write a nulägesbeskrivning (a nämnd, KS, a bolag).
REPORTING_PLAN_KINDS = (PlanKind.COMMITTEE, PlanKind.BUSINESS)


def status_report_for(*, unit: Unit, year: int) -> StatusReport | None:
    """The nulägesbeskrivning that ``unit``'s plan for ``year`` builds on: the one written the
    year before, when the plan is drawn up and the nulägesanalys proposes the goals for the
    next period; else, if the unit has none, the one of ``year`` itself (a plan revised
    during its year). None if neither exists. One query. (Plans and trust are one layer.)"""
    return (
        StatusReport.objects.filter(unit=unit, year__in=(year - 1, year))
        .select_related("unit")
        .order_by("year")
        .first()
    )


def reused_status_report(plan: Plan, model: SteeringModel | None) -> StatusReport | None:
    """The nulägesbeskrivning whose three parts and factor responses ``plan`` reads instead
    of asking for them again: where ``model`` uses status reports, the one of the plan's
    body that the plan builds on (``status_report_for``: the year before, else the plan's
    year). None otherwise. One query, none when not used."""
    if model is None or not model.uses_status_reports or plan.kind not in REPORTING_PLAN_KINDS:
        return None
    return status_report_for(unit=plan.unit, year=plan.year)


@dataclass
class CommitteePlan:
    """A verksamhetsplan's nämndplan: the body, its plan (None if not started), whether the
    reader may open it, and the body's goals of the year."""

    body: Unit
    plan: Plan | None
    readable: bool
    goals: list[Goal]


@dataclass
class PlanPanels:
    deciding_unit: Unit  # who decides the plan (``deciding_unit``)
    model: SteeringModel | None = None
    frame: Frame | None = None  # a nämndplan's budget frame
    council_assignments: list[Assignment] = field(default_factory=list)
    council_goals: list[Goal] = field(default_factory=list)
    all_council_goals: bool = False  # every KF goal (bodies report on each), not only those above
    committee_plan: CommitteePlan | None = None  # a verksamhetsplan's nämndplan
    status_report: StatusReport | None = None
    status_responses: list = field(default_factory=list)


# The active model's ``operations_plan_decided_by``: the nämnd decides a verksamhetsplan
# (Vimmerby and the default), or the förvaltning does (Borlänge).
DECIDED_BY_BODY = "body"
DECIDED_BY_ADMINISTRATION = "administration"


def deciding_unit(plan: Plan, model: SteeringModel | None, ancestors: list[Unit]) -> Unit:
    """The unit that decides ``plan`` (``ancestors``: its unit's, nearest first): the
    nämnd, KS or bolag over its unit, or the unit itself if it is one (KF decides its own);
    except a verksamhetsplan where ``model`` says the administration decides it: then the
    förvaltning the plan's unit is or belongs to. A verksamhetsplan outside every förvaltning
    stays with its body. No query."""
    chain = [plan.unit, *ancestors]
    if (
        plan.kind == PlanKind.OPERATIONS
        and model is not None
        and model.operations_plan_decided_by == DECIDED_BY_ADMINISTRATION
    ):
        administration = next((u for u in chain if u.kind == UnitKind.ADMINISTRATION), None)
        if administration is not None:
            return administration
    return next((u for u in chain if u.kind in BODY_KINDS), plan.unit)


def plan_panels(plan: Plan, *, reader: UserAccess) -> PlanPanels:
    """What ``plan``'s page shows from outside the plan: for a nämndplan the nämnd's frame,
    the uppdrag KF gave it and the KF goals it pursues; for a verksamhetsplan its nämndplan
    and the nämnd's goals; where the model uses status reports, the nulägesbeskrivning the
    plan reads; and who decides the plan. A fixed number of queries: at most seven for a
    nämndplan (the model, the frame provider's one, the uppdrag, the KF goals and the
    nämnd's own, the status report and its responses), four for a verksamhetsplan (the
    model, the unit's ancestors, the nämndplan and the nämnd's goals), two for others."""
    model = active_model()
    ancestors = [] if plan.unit.kind in BODY_KINDS else ancestors_of(plan.unit)
    panels = PlanPanels(model=model, deciding_unit=deciding_unit(plan, model, ancestors))
    if plan.kind == PlanKind.COMMITTEE:
        panels.frame = frame_for(plan.unit, plan.year)
        panels.council_assignments = list(
            Assignment.objects.filter(
                recipient_rows__unit=plan.unit,
                given_by__kind=UnitKind.MUNICIPAL_COUNCIL,
                first_year__lte=plan.year,
                last_year__gte=plan.year,
            )
            .select_related("goal")
            .order_by("title", "pk")
        )
        if model is not None:
            panels.all_council_goals = model.bodies_report_on_council_goals
            panels.council_goals = _council_goals_pursued(plan, model)
    elif plan.kind == PlanKind.OPERATIONS:
        body = next((u for u in ancestors if u.kind in BODY_KINDS), None)
        if body is not None:
            committee_plan = Plan.objects.filter(unit=body, year=plan.year).first()
            goals = []
            if model is not None:
                goals = list(
                    goals_in_year(model, plan.year)
                    .filter(owner=body, retired_on__isnull=True)
                    .select_related("level")
                    .order_by("tree_id", "lft")
                )
            panels.committee_plan = CommitteePlan(
                body=body,
                plan=committee_plan,
                readable=committee_plan is not None and can_read_plan(reader, committee_plan),
                goals=goals,
            )
    panels.status_report = reused_status_report(plan, model)
    if panels.status_report is not None:
        panels.status_responses = list(panels.status_report.factor_responses.all())
    return panels


def ancestors_of(unit: Unit) -> list[Unit]:
    """``unit``'s ancestors, nearest first. One query."""
    return list(unit.get_ancestors(ascending=True))


def _council_goals_pursued(plan: Plan, model: SteeringModel) -> list[Goal]:
    """The KF goals of the year the nämnd's own goals hang under, or, where every body
    reports on every KF goal, all of them: two queries."""
    council = list(
        goals_in_year(model, plan.year)
        .filter(
            level__decided_by=DecidedBy.COUNCIL,
            level__is_measurable=True,
            retired_on__isnull=True,
        )
        .select_related("level")
        .order_by("tree_id", "lft")
    )
    if model.bodies_report_on_council_goals:
        return council
    own = list(
        goals_in_year(model, plan.year)
        .filter(owner=plan.unit)
        .values_list("tree_id", "lft", "rght")
    )
    return [
        goal
        for goal in council
        if any(
            tree_id == goal.tree_id and goal.lft < lft and rght < goal.rght
            for tree_id, lft, rght in own
        )
    ]
