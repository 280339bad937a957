from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from apps.accounts.access import UserAccess, access_for
from apps.accounts.models import User
from apps.plans.models import Plan, PlanState

# What every reader reads: a plan the unit has handed in, or the nämnd has decided. A draft,
# and a decided plan reopened to be changed (a draft again), stays with its writers.
PUBLISHED_STATES = (PlanState.SUBMITTED, PlanState.DECIDED)


def can_read_plan(access: UserAccess, plan: Plan) -> bool:
    """Every role reads submitted and decided plans; a draft is for the unit's editors (and
    those of the units above it), ekonomer and administrators."""
    if not access.can_read:
        return False
    if plan.state in PUBLISHED_STATES:
        return True
    if access.reads_unpublished:
        return True
    return access.can_edit_for(plan.unit)


def readable_plans(access: UserAccess, *, prefix: str = "") -> Q:
    """``can_read_plan`` as a condition on plans (``prefix``: the lookup to the plan, like
    ``"plan__"``): no query of its own."""
    if not access.can_read:
        return Q(pk__in=[])
    if access.reads_unpublished:
        return Q()
    condition = Q(**{f"{prefix}state__in": PUBLISHED_STATES})
    for scope in access.editor_scopes():
        if scope is None:
            return Q()
        condition |= Q(
            **{
                f"{prefix}unit__tree_id": scope.tree_id,
                f"{prefix}unit__lft__gte": scope.lft,
                f"{prefix}unit__rght__lte": scope.rght,
            }
        )
    return condition


def get_plan_for_user(user: User, pk: int, *, write: bool = False) -> Plan:
    """The plan, if ``user`` may read it (or, with ``write``, change it); else 404 or 403.

    A draft is refused (403) to readers who may not read it, like an open period's
    follow-up; the unit's editors (and those of the units above) write plans.
    """
    plan = get_object_or_404(Plan.objects.select_related("unit", "decided_by"), pk=pk)
    access = access_for(user)
    if not can_read_plan(access, plan):
        raise PermissionDenied
    if write and not access.can_edit_for(plan.unit):
        raise PermissionDenied
    return plan
