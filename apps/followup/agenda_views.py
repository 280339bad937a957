"""The follow-up page "Agenda 2030": the work and results per global goal in a period."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from apps.accounts.access import access_for
from apps.followup.agenda import agenda_2030
from apps.goals.selectors import status_periods
from apps.goals.services import active_model
from apps.periods.models import ReportingPeriod


@login_required
def agenda_page(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Each global goal with its goals and their status in the period, its uppdrag with each
    recipient's status, the year's activities and its indicators with target and value.
    A period is shown to those who may read its statuses (an open one: ekonomer,
    administrators and editors, each reading only what they may)."""
    access = access_for(request.user)
    access.require(access.can_read)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    periods = status_periods(year=period.year, reader=access)
    if period not in periods:
        raise PermissionDenied
    return render(
        request,
        "followup/agenda.html",
        {
            "period": period,
            "periods": periods,
            "model": active_model(),
            "blocks": agenda_2030(period=period, reader=access),
        },
    )
