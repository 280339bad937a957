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
from apps.core.locking import StaleEdit, conflict_for
from apps.core.views import action_pk, year_from
from apps.organisation.access import require_organisation_reader
from apps.organisation.models import Unit
from apps.periods import services
from apps.periods.forms import DeadlineForm, ExtensionForm, PeriodForm, PeriodStateForm
from apps.periods.models import DeadlineExtension, PeriodState, ReportingPeriod

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


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A period's deadline and the extensions given to units; the ekonom changes both."""
    require_organisation_reader(request.user)
    period = get_object_or_404(ReportingPeriod, pk=pk)
    can_manage = _can_manage(request) and not period.is_closed
    units = (
        Unit.objects.filter(valid_from__lte=period.ends_on)
        .exclude(valid_to__lt=period.starts_on)
        .order_by("tree_id", "lft")
    )
    deadline_form = DeadlineForm(
        prefix="d", initial={"deadline": period.deadline, "version": period.version}
    )
    conflict = None
    extension_form = ExtensionForm(prefix="e", units=units)
    if request.method == "POST":
        access_for(request.user).require(can_manage)
        action = request.POST.get("action")
        page = reverse("periods:detail", args=[period.pk])
        try:
            if action == "deadline":
                deadline_form = DeadlineForm(request.POST, prefix="d")
                if deadline_form.is_valid():
                    services.period_set_deadline(
                        actor=request.user, period=period,
                        deadline=deadline_form.cleaned_data["deadline"],
                        reason=deadline_form.cleaned_data["change_reason"],
                        expected_version=deadline_form.cleaned_data["version"],
                    )  # fmt: skip
                    messages.success(request, _("The deadline was changed."))
                    return redirect(page)
            elif action == "extend":
                extension_form = ExtensionForm(request.POST, prefix="e", units=units)
                if extension_form.is_valid():
                    services.deadline_extend(
                        actor=request.user, period=period,
                        unit=extension_form.cleaned_data["unit"],
                        until=extension_form.cleaned_data["until"],
                        reason=extension_form.cleaned_data["change_reason"],
                    )  # fmt: skip
                    messages.success(request, _("The extension was saved."))
                    return redirect(page)
            elif action and action.startswith("remove-"):
                extension = get_object_or_404(
                    DeadlineExtension, pk=action_pk(action, "remove-"), period=period
                )
                services.deadline_extension_remove(
                    actor=request.user, extension=extension,
                    reason=request.POST.get("change_reason", ""),
                )  # fmt: skip
                messages.success(request, _("The extension was removed."))
                return redirect(page)
        except StaleEdit as error:
            conflict = conflict_for(deadline_form, error)
        except ValidationError as error:
            target = deadline_form if action == "deadline" else extension_form
            if action and action.startswith("remove-"):
                messages.error(request, " ".join(error.messages))
                return redirect(page)
            add_service_errors(target, error)
    return render(
        request,
        "periods/detail.html",
        {
            "period": period,
            "extensions": period.extensions.select_related("unit").order_by(
                "unit__tree_id", "unit__lft"
            ),
            "can_manage": can_manage,
            "deadline_form": deadline_form,
            "conflict": conflict,
            "extension_form": extension_form,
            "today": timezone.localdate(),
        },
    )
