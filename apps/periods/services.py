"""Writes to reporting periods: ekonomer and administrators open and close them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.bounds import require_dates_in_range, require_years_in_range
from apps.core.history import delete_with_history, require_reason, save_with_history
from apps.periods.models import DeadlineExtension, PeriodState, ReportingPeriod
from styrmodell.lib.formats import format_date

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.organisation.models import Unit

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
    require_years_in_range(year=year)
    require_dates_in_range(starts_on=starts_on, ends_on=ends_on, deadline=deadline)
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


@transaction.atomic
def period_set_deadline(
    *,
    actor: User | None,
    period: ReportingPeriod,
    deadline: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> ReportingPeriod:
    """Move the period's deadline for everyone (an extension moves it for one unit);
    ``StaleEdit`` if the period changed after the ekonom opened ``expected_version``."""
    _require_period_manager(actor)
    require_dates_in_range(deadline=deadline)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise ValidationError({"deadline": _("The period is closed; reopen it first.")})
    period.deadline = deadline
    period.full_clean()
    save_with_history(
        period, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return period


@transaction.atomic
def deadline_extend(
    *, actor: User | None, period: ReportingPeriod, unit: Unit, until: dt.date, reason: str
) -> DeadlineExtension:
    """Give ``unit`` and the units under it until ``until`` to report in ``period``."""
    _require_period_manager(actor)
    require_dates_in_range(until=until)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise ValidationError({"until": _("The period is closed; reopen it first.")})
    if until <= period.deadline:
        raise ValidationError(
            {"until": _("An extension must end after the period's deadline, %(date)s.")
             % {"date": format_date(period.deadline)}}
        )  # fmt: skip
    extension = DeadlineExtension.objects.filter(period=period, unit=unit).first()
    extension = extension or DeadlineExtension(period=period, unit=unit)
    extension.until = until
    save_with_history(extension, actor=actor, reason=require_reason(reason))
    return extension


@transaction.atomic
def deadline_extension_remove(
    *, actor: User | None, extension: DeadlineExtension, reason: str
) -> None:
    _require_period_manager(actor)
    delete_with_history(extension, actor=actor, reason=require_reason(reason))


def deadline_for(period: ReportingPeriod, unit: Unit) -> dt.date:
    """The last day ``unit`` may report in ``period``: the period's deadline, or the latest
    extension given to the unit or a unit above it."""
    extensions = DeadlineExtension.objects.filter(
        Q(unit=unit)
        | Q(unit__tree_id=unit.tree_id, unit__lft__lt=unit.lft, unit__rght__gt=unit.rght),
        period=period,
    ).values_list("until", flat=True)
    return max([period.deadline, *extensions])


def deadlines_for(period: ReportingPeriod, units) -> dict[int, dt.date]:
    """``deadline_for`` of many units at once, in one query (extensions are few)."""
    extensions = list(
        DeadlineExtension.objects.filter(period=period).values_list(
            "until", "unit__tree_id", "unit__lft", "unit__rght"
        )
    )
    return {
        unit.pk: max(
            [period.deadline]
            + [until for until, tree, lft, rght in extensions
               if tree == unit.tree_id and lft <= unit.lft and unit.rght <= rght]
        )
        for unit in units
    }  # fmt: skip


def reporting_deadline(
    period: ReportingPeriod, unit: Unit, *, actor: User | None
) -> tuple[dt.date, bool]:
    """``unit``'s last day to report in ``period``, and whether ``actor`` has missed it.
    Ekonomer and administrators own the deadlines and may still correct an open period
    after them."""
    deadline = deadline_for(period, unit)
    if actor is not None:
        access = access_for(actor)
        if access.is_administrator or access.is_economist:
            return deadline, False
    return deadline, timezone.localdate() > deadline


def require_reportable(period: ReportingPeriod, *, actor: User | None, unit: Unit) -> None:
    """Refuse a unit's report into a period that is not open, or after its deadline."""
    require_open(period)
    deadline, late = reporting_deadline(period, unit, actor=actor)
    if late:
        raise ValidationError(
            _("The deadline for %(period)s was %(date)s. Ask the economy department for more "
              "time.") % {"period": period, "date": format_date(deadline)}
        )  # fmt: skip
