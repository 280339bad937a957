from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.views import year_from
from apps.organisation.access import require_organisation_reader
from apps.periods import services
from apps.periods.forms import PeriodForm, PeriodStateForm
from apps.periods.models import PeriodState, ReportingPeriod

NEXT_STATE = {PeriodState.PLANNED: PeriodState.OPEN, PeriodState.OPEN: PeriodState.CLOSED,
              PeriodState.CLOSED: PeriodState.OPEN}  # fmt: skip


def _can_manage(request: HttpRequest) -> bool:
    access = access_for(request.user)
    return access.is_economist or access.is_administrator


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    """The year's reporting periods; ekonomer and administrators add, open and close them."""
    require_organisation_reader(request.user)
    year = year_from(request)
    can_manage = _can_manage(request)
    if request.method == "POST":
        access_for(request.user).require(can_manage)
    form = None
    if can_manage:
        form = PeriodForm(request.POST or None, initial={"year": year})
        if request.method == "POST" and form.is_valid():
            try:
                period = services.period_create(actor=request.user, reason=form.cleaned_data.pop(
                    "change_reason"), **form.cleaned_data)  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(period)s was added.") % {"period": period})
                return redirect(f"{reverse('periods:list')}?ar={period.year}")
    periods = list(ReportingPeriod.objects.filter(year=year).order_by("ends_on", "name"))
    return render(
        request,
        "periods/list.html",
        {
            "year": year,
            "years": range(year - 2, year + 3),
            "periods": [(p, NEXT_STATE[p.state]) for p in periods],
            "form": form,
            "can_manage": can_manage,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def period_change_state(request: HttpRequest, pk: int, state: str) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=pk)
    access_for(request.user).require(_can_manage(request))
    form = PeriodStateForm(request.POST)
    target = f"{reverse('periods:list')}?ar={period.year}"
    if not form.is_valid():
        messages.error(request, _("Say why the state of %(period)s changes.") % {"period": period})
        return redirect(target)
    try:
        services.period_set_state(actor=request.user, period=period, state=state,
                                  reason=form.cleaned_data["change_reason"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        period.refresh_from_db()
        messages.success(
            request,
            _("%(period)s is now %(state)s.") % {"period": period,
                                                 "state": period.get_state_display().lower()},
        )  # fmt: skip
    return redirect(target)
