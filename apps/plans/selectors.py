"""Reads of plans, each in a fixed number of queries."""

from __future__ import annotations

from apps.accounts.access import UserAccess
from apps.goals.models import Assignment, Goal
from apps.goals.selectors import goals_in_year
from apps.goals.services import active_model
from apps.organisation.models import Unit
from apps.plans.access import can_read_plan
from apps.plans.models import PLAN_KIND_OF_UNIT, Plan


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
