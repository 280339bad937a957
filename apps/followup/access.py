"""Who reads what a unit reports in a period.

The rule: drafts and open-period figures are for the unit, the editors of the units above
it and the ekonomi and admin roles; every reader sees them once the period is closed. It
covers everything reported per period: assessments, indicator values, "klar" marks,
åtgärdsplaner raised in the period, forecasts and control results. Decided budgets and
imported outcomes are not follow-up and stay readable by every role.

``can_read_followup`` decides for one unit and period; ``readable_followup`` is the same
rule as a filter, so that lists and trees keep their fixed number of queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from apps.periods.models import PeriodState

if TYPE_CHECKING:
    from apps.accounts.access import UserAccess
    from apps.followup.models import ActionPlan
    from apps.organisation.models import Unit
    from apps.periods.models import ReportingPeriod


def can_read_followup(access: UserAccess, unit: Unit | None, period: ReportingPeriod) -> bool:
    """May read what ``unit`` reported in ``period`` (``unit`` None: kommun-wide figures)."""
    if not access.can_read:
        return False
    if period.is_closed:
        return True
    if access.reads_unpublished:
        return True
    return unit is not None and access.can_edit_for(unit)


def can_open_entry(access: UserAccess, unit: Unit) -> bool:
    """May open ``unit``'s follow-up page of a period, where it reports: the unit's editors
    (and the editors above it) and the roles that read unpublished work."""
    return access.can_edit_for(unit) or access.reads_unpublished


def can_read_action_plan(access: UserAccess, plan: ActionPlan) -> bool:
    """An åtgärdsplan is follow-up of the period it was raised in, until the nämnd decides it:
    a decided plan is every reader's."""
    if plan.decided_on is not None and access.can_read:
        return True
    return can_read_followup(access, plan.unit, plan.period)


def readable_followup(access: UserAccess, *, unit: str = "unit", period: str = "period") -> Q:
    """``can_read_followup`` as a condition on rows with a ``unit`` and a ``period`` (the
    lookups' names): no query of its own."""
    if not access.can_read:
        return Q(pk__in=[])
    if access.reads_unpublished:
        return Q()
    condition = Q(**{f"{period}__state": PeriodState.CLOSED})
    for scope in access.editor_scopes():
        if scope is None:
            condition |= Q(**{f"{unit}__isnull": False})
        else:
            condition |= Q(
                **{
                    f"{unit}__tree_id": scope.tree_id,
                    f"{unit}__lft__gte": scope.lft,
                    f"{unit}__rght__lte": scope.rght,
                }
            )
    return condition
