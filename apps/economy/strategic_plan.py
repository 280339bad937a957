"""The strategic plan with economic frames as one decided object (Borlänge, Vimmerby).

KF decides, in one decision, the budget year's frames per nämnd and bolag and the goals for
god ekonomisk hushållning, whose fulfilment is judged by their indicators and the governing
documents that support them. There is no model of its own: ``strategic_plan`` reads the
year's frame budget decision, the KF goals of the active model valid in the year (the
financial ones with their status computed from the key figures), their indicators and
documents, and the frames decided with it. ``frame_of`` hands one body's frame to the plan
pages (``apps.plans.panels``; registered in ``EconomyConfig.ready``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.access import UserAccess
from apps.documents.models import GoverningDocument
from apps.economy import selectors
from apps.economy.models import (
    AppropriationKind,
    BudgetDecision,
    DecisionKind,
)
from apps.goals.models import DecidedBy, Goal, GoalIndicator, Indicator, SteeringModel
from apps.goals.selectors import (
    PeriodStatus,
    default_status_period,
    goals_in_year,
    period_statuses,
    status_periods,
)
from apps.goals.services import active_model
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.plans.panels import Frame

ZERO = selectors.ZERO

# Where a model's own document calls the decision "strategisk plan" (Vimmerby, Borlänge),
# the page uses that word; elsewhere it is the budget with its goals.
STRATEGIC_PLAN_WORD = "strategisk plan"


def uses_strategic_plan_word(model: SteeringModel | None) -> bool:
    """Whether ``model`` speaks of a strategisk plan: its name or description says so."""
    if model is None:
        return False
    return STRATEGIC_PLAN_WORD in f"{model.name} {model.description}".lower()


def strategic_plan_title(model: SteeringModel | None, year: int) -> str:
    if uses_strategic_plan_word(model):
        return _("Strategic plan %(year)s") % {"year": year}
    return _("Budget and goals %(year)s") % {"year": year}


# --- One body's frame, for the plan pages ---------------------------------------------------


def frame_of(unit: Unit, year: int) -> Frame | None:
    """``unit``'s decided operating frame for ``year``: the frame budget (or an election
    year's supplementary decision) and the changes decided since, all of ``year``'s own
    budget. None when nothing is decided. One query."""
    rows = list(
        selectors.decided_operating_appropriations(year)
        .filter(unit=unit)
        .select_related("decision__decided_by")
        .order_by("decision__decided_on", "decision_id")
    )
    if not rows:
        return None
    original = [r for r in rows if r.decision.kind in selectors.ORIGINAL_KINDS]
    first = (original or rows)[0].decision
    return Frame(
        amount=sum((r.amount for r in rows), ZERO),
        original=sum((r.amount for r in original), ZERO),
        decision_title=first.title,
        decided_by=first.decided_by.name if first.decided_by else "",
        decided_on=first.decided_on,
        paragraph=first.paragraph,
        url=reverse("economy:budget_decision", args=[first.pk]),
    )


# --- The strategic plan page ----------------------------------------------------------------


@dataclass
class PlanGoal:
    """A KF goal of the year with what judges it: for a financial goal its status in the
    period (computed from its key figure where it is linked to one), its indicators of the
    year and the governing documents that support it."""

    goal: Goal
    is_financial: bool
    status: PeriodStatus | None
    indicators: list[Indicator] = field(default_factory=list)
    documents: list[GoverningDocument] = field(default_factory=list)


@dataclass
class BodyFrame:
    body: Unit
    original: Decimal
    changes: Decimal

    @property
    def current(self) -> Decimal:
        return self.original + self.changes


@dataclass
class StrategicPlan:
    year: int
    title: str
    model: SteeringModel | None
    decision: BudgetDecision | None  # the frame budget (a proposal only for its preparers)
    frames_are_proposal: bool  # the frames shown are the proposal's, not yet decided
    period: ReportingPeriod | None  # the period whose statuses are shown
    goals: list[PlanGoal]
    frames: list[BodyFrame]

    @property
    def financial_goals(self) -> list[PlanGoal]:
        return [g for g in self.goals if g.is_financial]

    @property
    def other_goals(self) -> list[PlanGoal]:
        return [g for g in self.goals if not g.is_financial]

    @property
    def total(self) -> BodyFrame | None:
        if not self.frames:
            return None
        return BodyFrame(
            body=None,
            original=sum((f.original for f in self.frames), ZERO),
            changes=sum((f.changes for f in self.frames), ZERO),
        )


def strategic_plan(year: int, *, reader: UserAccess, may_see_proposals: bool) -> StrategicPlan:
    """The year's strategic plan as ``reader`` may read it. A fixed number of queries
    whatever the number of goals, bodies, indicators and documents: the model, the frame
    decision, the goals, the periods, the statuses (the owners' assessments and the computed
    statuses' providers once), the indicators, the documents, the bodies and the frames."""
    model = active_model()
    decision = (
        BudgetDecision.objects.filter(budget_year__year=year, kind=DecisionKind.FRAME)
        .select_related("decided_by")
        .first()
    )
    if decision is not None and not decision.is_decided and not may_see_proposals:
        decision = None  # a proposal is its preparers' until decided
    goals: list[Goal] = []
    if model is not None:
        goals = list(
            goals_in_year(model, year)
            .filter(
                level__decided_by=DecidedBy.COUNCIL,
                level__is_measurable=True,
                retired_on__isnull=True,
            )
            .select_related("level", "financial_link")
            .order_by("level__position", "tree_id", "lft")
        )
    financial = [g for g in goals if g.level.is_financial or _has_link(g)]
    period = default_status_period(status_periods(year=year, reader=reader)) if goals else None
    statuses = period_statuses(goals=financial, period=period, reader=reader) if period else {}
    goal_ids = [g.pk for g in goals]
    indicators: dict[int, list[Indicator]] = {}
    documents: dict[int, list[GoverningDocument]] = {}
    if goal_ids:
        for link in (
            GoalIndicator.objects.filter(goal_id__in=goal_ids, year=year)
            .select_related("indicator")
            .order_by("indicator__title")
        ):
            indicators.setdefault(link.goal_id, []).append(link.indicator)
        for link in (
            GoverningDocument.goals.through.objects.filter(goal_id__in=goal_ids)
            .select_related("governingdocument")
            .order_by("governingdocument__title")
        ):
            documents.setdefault(link.goal_id, []).append(link.governingdocument)
    financial_ids = {g.pk for g in financial}
    frames, is_proposal = _frames(year, decision)
    return StrategicPlan(
        year=year,
        title=strategic_plan_title(model, year),
        model=model,
        decision=decision,
        frames_are_proposal=is_proposal,
        period=period,
        goals=[
            PlanGoal(
                goal=goal,
                is_financial=goal.pk in financial_ids,
                status=statuses.get(goal.pk) if goal.pk in financial_ids else None,
                indicators=indicators.get(goal.pk, []),
                documents=documents.get(goal.pk, []),
            )
            for goal in goals
        ],
        frames=frames,
    )


def _has_link(goal: Goal) -> bool:
    try:
        return goal.financial_link is not None
    except Goal.financial_link.RelatedObjectDoesNotExist:
        return False


def _frames(year: int, decision: BudgetDecision | None) -> tuple[list[BodyFrame], bool]:
    """Each body's frame for ``year``: decided (original and changes), or, while the frame
    budget is a proposal, the proposal's amounts. Two queries, none without a decision."""
    if decision is None:
        return [], False
    if decision.is_decided:
        figures = selectors.operating_budgets(year)
        frames = [
            BodyFrame(
                body=body, original=figures[body.pk].original, changes=figures[body.pk].changes
            )
            for body in selectors.bodies(year=year)
            if body.pk in figures
        ]
        return frames, False
    amounts = {
        unit_id: amount
        for (kind, unit_id, amount_year), amount in selectors.decision_amounts(decision.pk).items()
        if kind == AppropriationKind.OPERATIONS and amount_year == year
    }
    frames = [
        BodyFrame(body=body, original=amounts[body.pk], changes=ZERO)
        for body in selectors.bodies(year=year)
        if body.pk in amounts
    ]
    return frames, True
