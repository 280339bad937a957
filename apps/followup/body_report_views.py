"""A nämnd's or bolag's verksamhetsberättelse for a period: the page, with the body's figures
and goal counts beside the text, and its one write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.locking import Conflict, StaleEdit, conflict_for
from apps.economy.selectors import operating_accounts
from apps.followup import body_reports
from apps.followup.access import can_read_followup
from apps.followup.body_report_forms import BodyReportForm
from apps.followup.body_report_services import body_report_save
from apps.followup.models import BodyReport
from apps.organisation.models import Unit
from apps.organisation.selectors import BODY_KINDS
from apps.periods.models import PeriodKind, ReportingPeriod
from apps.periods.services import reporting_deadline


def _body_and_period(period_pk: int, unit_pk: int) -> tuple[ReportingPeriod, Unit]:
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if unit.kind not in BODY_KINDS:
        raise Http404
    return period, unit


@login_required
def body_report(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    """The body's verksamhetsberättelse: its editors write it, its readers read it."""
    period, unit = _body_and_period(period_pk, unit_pk)
    access = access_for(request.user)
    access.require(can_read_followup(access, unit, period))
    return _render(request, period, unit)


@login_required
@require_POST
def body_report_save_view(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    period, unit = _body_and_period(period_pk, unit_pk)
    access = access_for(request.user)
    access.require(access.can_edit_for(unit))
    page = reverse("followup:body_report", args=[period.pk, unit.pk])
    form = BodyReportForm(request.POST)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            body_report_save(
                actor=request.user,
                period=period,
                unit=unit,
                important_events=data["important_events"],
                goal_summary=data["goal_summary"],
                economy=data["economy"],
                outlook=data["outlook"],
                reason=data["change_reason"],
                version=data["version"],
            )
        except StaleEdit as stale:
            conflict = conflict_for(form, stale)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You cannot write here."))
            return redirect(page)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The operations report was saved."))
            return redirect(page)
    return _render(request, period, unit, form=form, conflict=conflict)


def _render(
    request: HttpRequest,
    period: ReportingPeriod,
    unit: Unit,
    *,
    form: BodyReportForm | None = None,
    conflict: Conflict | None = None,
) -> HttpResponse:
    """The page, with the form a failed save left: the one render of the page and its write."""
    access = access_for(request.user)
    report = body_reports.body_report(period=period, unit=unit)
    deadline, late = reporting_deadline(period, unit, actor=request.user)
    can_write = access.can_edit_for(unit) and period.state == "open" and not late
    if can_write and form is None:
        initial = {name: getattr(report, name) for name in BodyReport.TEXT_FIELDS} if report else {}
        form = BodyReportForm(initial={**initial, "version": report.version if report else 0})
    figures = next(
        (
            row
            for row in operating_accounts(period, reader=access, with_previous=False).rows
            if row.body.pk == unit.pk
        ),
        None,
    )
    counts = body_reports.body_goal_counts(period=period, bodies=[unit], reader=access)[unit.pk]
    return render(
        request,
        "followup/body_report.html",
        {
            "period": period,
            "unit": unit,
            "report": report,
            "form": form if can_write else None,
            "conflict": conflict,
            "deadline": deadline,
            "late": late and access.can_edit_for(unit) and period.state == "open",
            "figures": figures,
            "annual": period.kind == PeriodKind.ANNUAL,
            "counts": counts,
            "entries": body_reports.body_report_history(report),
        },
    )
