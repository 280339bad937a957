from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from apps.accounts.access import access_for
from apps.accounts.models import User
from apps.plans.models import Plan


def get_plan_for_user(user: User, pk: int, *, write: bool = False) -> Plan:
    """The plan, if ``user`` may read it (or, with ``write``, change it); else 404 or 403.

    Every role reads plans; the unit's editors (and those of the units above) write them.
    """
    plan = get_object_or_404(Plan.objects.select_related("unit", "decided_by"), pk=pk)
    access = access_for(user)
    if not access.can_read:
        raise PermissionDenied
    if write and not access.can_edit_for(plan.unit):
        raise PermissionDenied
    return plan
