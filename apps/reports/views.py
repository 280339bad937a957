"""The reports pages: the year's periods, a period's reports with their progress (htmx polls
the status while a report is made), every version, and the downloads.

Everyone who reads may open and download the reports of a closed period; a report of an open
period holds the period's open assessments and forecasts, so it is a draft for those who may
read them (``apps.followup.access``): ekonomer, administrators and a body's editors. The
ekonomer and the administrators request them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import UserAccess, access_for
from apps.core.forms import add_service_errors
from apps.core.views import action_pk, year_from
from apps.followup.access import can_read_followup
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.reports import selectors, services
from apps.reports.checks import failing, period_checks
from apps.reports.content import ReportKind
from apps.reports.document import KIND_OF_PERIOD
from apps.reports.forms import MarkFinalForm
from apps.reports.models import ReportBatch, ReportRequest, RequestState
from apps.reports.texts import can_write_texts
from styrmodell.lib import xlsx


def _reader(request: HttpRequest) -> UserAccess:
    access = access_for(request.user)
    access.require(access.can_read)
    return access


def _report_request(request: HttpRequest, pk: int) -> ReportRequest:
    """The access helper: a report request, if the reader may read its period's follow-up of
    its scope (every reader once the period is closed); else 403."""
    access = _reader(request)
    report = get_object_or_404(
        ReportRequest.objects.select_related("period", "unit", "requested_by"), pk=pk
    )
    access.require(can_read_followup(access, report.unit, report.period))
    return report


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _reader(request)
    year = year_from(request)
    return render(
        request,
        "reports/index.html",
        {
            "year": year,
            "years": [year - 1, year, year + 1],
            "periods": selectors.periods_with_reports(year),
        },
    )


def _tell_if_waiting(request: HttpRequest, report_requests: list[ReportRequest]) -> None:
    waiting = ReportRequest.objects.filter(
        pk__in=[r.pk for r in report_requests],
        state=RequestState.QUEUED,
        dispatched_at__isnull=True,
    ).exists()
    if waiting:
        messages.warning(
            request,
            _("The report service does not answer right now. The request is saved and starts "
              "by itself when the service is back; you can leave this page."),
        )  # fmt: skip
    else:
        messages.success(request, _("The report is requested."))


@login_required
def period(request: HttpRequest, period_pk: int) -> HttpResponse:
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    kind = KIND_OF_PERIOD.get(period.kind)
    if kind is None:
        raise Http404
    may_request = services.may_request_reports(request.user)
    if request.method == "POST":
        access.require(may_request)
        action = request.POST.get("action", "")
        try:
            if action == "kommun":
                made = services.report_request(actor=request.user, kind=kind, period=period)
                _tell_if_waiting(request, [made])
            elif action.startswith("unit-"):
                unit = get_object_or_404(Unit, pk=action_pk(action, "unit-"))
                made = services.report_request(
                    actor=request.user, kind=kind, period=period, unit=unit
                )
                _tell_if_waiting(request, [made])
            elif action == "batch":
                batch = services.report_batch_request(actor=request.user, period=period)
                _tell_if_waiting(request, list(batch.requests.all()))
            elif action.startswith("retry-"):
                failed = get_object_or_404(
                    ReportRequest, pk=action_pk(action, "retry-"), period=period
                )
                retried = services.report_retry(actor=request.user, request=failed)
                _tell_if_waiting(request, [retried])
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    # A page view is where waiting requests get a new chance and dead ones are ended.
    services.expire_stale()
    if may_request:
        services.dispatch_pending()
    return render(
        request,
        "reports/period.html",
        {
            "period": period,
            "title": ReportKind(kind).label,
            "data": selectors.period_reports(period, access),
            "may_request": may_request,
            "may_write_texts": can_write_texts(access),
            # What the ekonom should know before requesting: the checks that fail.
            "failing_checks": failing(period_checks(period)) if may_request else [],
        },
    )


def _checker(request: HttpRequest) -> UserAccess:
    """The kontroller are the ekonomers' and the administrators': 403 for other readers."""
    access = _reader(request)
    access.require(services.may_request_reports(request.user))
    return access


@login_required
def checks(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Kontroller inför rapport: every check of the period, passed or not, with what fails
    and a link to where it is fixed."""
    _checker(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    results = period_checks(period)
    return render(
        request,
        "reports/checks.html",
        {
            "period": period,
            "has_report": period.kind in KIND_OF_PERIOD,
            "checks": results,
            "failing_checks": failing(results),
        },
    )


def _versions_page(
    request: HttpRequest,
    period: ReportingPeriod,
    unit: Unit | None,
    form: MarkFinalForm | None = None,
    failed: list | None = None,
) -> HttpResponse:
    """The versions page, with the form that marks one final for the ekonom once the period
    is closed (the failing checks listed above it)."""
    rows = (
        ReportRequest.objects.filter(period=period, unit=unit)
        .select_related("requested_by", "unit", "period", "final_by")
        .order_by("-version", "-pk")
    )
    candidates = [row for row in rows if row.state == RequestState.DONE and not row.is_final]
    may_mark = services.may_request_reports(request.user) and period.is_closed and candidates
    if may_mark and form is None:
        failed = failing(period_checks(period))
        form = MarkFinalForm(
            versions=rows, ask_reason=bool(failed), initial={"report": candidates[0]}
        )
    return render(
        request,
        "reports/versions.html",
        {
            "period": period,
            "unit": unit,
            "rows": rows,
            # A refused form is shown with its errors, whatever may be marked now.
            "form": form if may_mark or (form is not None and form.is_bound) else None,
            "failing_checks": failed or [],
        },
        status=400 if form is not None and form.is_bound else 200,
    )


def _unit_from(raw: str) -> Unit | None:
    return get_object_or_404(Unit, pk=int(raw)) if raw.isascii() and raw.isdigit() else None


@login_required
def versions(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Every version of one report (?enhet=<pk> for a body's, none for the kommun's)."""
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit = _unit_from(request.GET.get("enhet", ""))
    access.require(can_read_followup(access, unit, period))
    return _versions_page(request, period, unit)


@require_POST
@login_required
def mark_final(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Mark one version of a closed period's report final (?enhet=<pk> for a body's)."""
    _checker(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit = _unit_from(request.GET.get("enhet", ""))
    scope = ReportRequest.objects.filter(period=period, unit=unit)
    failed = failing(period_checks(period))
    form = MarkFinalForm(request.POST, versions=scope, ask_reason=bool(failed))
    if form.is_valid():
        try:
            report = services.report_mark_final(
                actor=request.user,
                request=form.cleaned_data["report"],
                acknowledgement=form.cleaned_data.get("acknowledgement", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s is the final report.") % {"version": report.version},
            )
            query = f"?enhet={unit.pk}" if unit else ""
            return redirect(reverse("reports:versions", args=[period.pk]) + query)
    return _versions_page(request, period, unit, form=form, failed=failed)


@login_required
def request_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One request's state: the fragment htmx polls while it is queued or in progress."""
    report = _report_request(request, pk)
    return render(
        request,
        "reports/partials/request_status.html",
        {
            "report": report,
            "may_request": services.may_request_reports(request.user),
            "compact": request.GET.get("kort") == "1",
        },
    )


@login_required
def batch_status(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    batch = get_object_or_404(ReportBatch.objects.select_related("period"), pk=pk)
    return render(
        request,
        "reports/partials/batch_status.html",
        {"progress": selectors.batch_progress(batch)},
    )


CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": xlsx.CONTENT_TYPE}


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    report = _report_request(request, pk)
    stored = report.pdf if fmt == "pdf" else report.xlsx
    if report.state != RequestState.DONE or not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{report.file_stem()}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
