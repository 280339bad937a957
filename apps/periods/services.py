"""Writes to reporting periods: ekonomer and administrators open and close them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import require_reason, save_with_history
from apps.periods.models import PeriodState, ReportingPeriod

if TYPE_CHECKING:
    from apps.accounts.models import User

ALLOWED_TRANSITIONS = {
    PeriodState.PLANNED: {PeriodState.OPEN},
    PeriodState.OPEN: {PeriodState.CLOSED},
    PeriodState.CLOSED: {PeriodState.OPEN},  # reopening is possible, with a reason
}


def _require_period_manager(actor: User | None) -> None:
    if actor is None:
        return
    access = access_for(actor)
    access.require(access.is_administrator or access.is_economist)


@transaction.atomic
def period_create(
    *,
    actor: User | None,
    year: int,
    kind: str,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    deadline: dt.date,
    reason: str,
) -> ReportingPeriod:
    _require_period_manager(actor)
    period = ReportingPeriod(
        year=year, kind=kind, name=name, starts_on=starts_on, ends_on=ends_on, deadline=deadline
    )
    save_with_history(period, actor=actor, reason=require_reason(reason))
    return period


@transaction.atomic
def period_set_state(
    *, actor: User | None, period: ReportingPeriod, state: str, reason: str
) -> ReportingPeriod:
    _require_period_manager(actor)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if state == period.state:
        return period
    if state not in ALLOWED_TRANSITIONS[period.state]:
        raise ValidationError(
            {"state": _("A period cannot go from %(old)s to %(new)s.")
             % {"old": period.get_state_display(),
                "new": dict(PeriodState.choices).get(state, state)}}
        )  # fmt: skip
    period.state = state
    save_with_history(period, actor=actor, reason=require_reason(reason))
    return period


def require_open(period: ReportingPeriod) -> None:
    """Refuse a write into a period that is not open (closed or not yet opened)."""
    if period.state == PeriodState.CLOSED:
        raise PermissionDenied(_("The period %(period)s is closed.") % {"period": period})
    if period.state != PeriodState.OPEN:
        raise PermissionDenied(_("The period %(period)s is not open yet.") % {"period": period})
