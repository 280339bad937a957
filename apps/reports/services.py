"""Requesting, dispatching and generating the year's reports.

A request is stored first and handed to the workers after the transaction commits. When the
broker does not answer, the request stays stored with ``dispatched_at`` empty and is sent
again when a worker starts or someone opens the reports page; the web request itself is told
so within seconds instead of hanging. ``report_generate`` is the rendering service: it works
the same with or without Celery, and records every failure on the request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import TYPE_CHECKING

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError

from apps.accounts.access import access_for
from apps.core.history import save_with_history
from apps.economy.services import may_manage_economy
from apps.organisation.models import Unit
from apps.organisation.selectors import REPORTING_BODY_KINDS, bodies_in_period
from apps.periods.models import PeriodState, ReportingPeriod
from apps.reports import render
from apps.reports.checks import failing, period_checks
from apps.reports.content import ReportKind
from apps.reports.document import KIND_OF_PERIOD, build_document
from apps.reports.models import ReportBatch, ReportRequest, RequestState

if TYPE_CHECKING:
    from apps.accounts.models import User

logger = logging.getLogger(__name__)

# The bodies that get a report of their own: KS and the nämnder (the organisation's).
REPORT_BODY_KINDS = REPORTING_BODY_KINDS
MAX_ATTEMPTS = 3  # a report that kills its worker three times is not tried a fourth time


def may_request_reports(actor: User) -> bool:
    """The ekonomer and the administrators produce the reports; everyone who reads may
    download them."""
    return may_manage_economy(actor)


def report_bodies(period: ReportingPeriod) -> list[Unit]:
    """KS and the nämnder valid during the period, in tree order."""
    return bodies_in_period(period, kinds=REPORT_BODY_KINDS)


def _check(kind: ReportKind, period: ReportingPeriod, unit: Unit | None) -> None:
    expected = KIND_OF_PERIOD.get(period.kind)
    if expected is None or expected != kind:
        raise ValidationError(
            {"kind": _("%(period)s has no report of this kind.") % {"period": period}}
        )
    if period.state == PeriodState.PLANNED:
        raise ValidationError(
            {"period": _("%(period)s has not been opened yet.") % {"period": period}}
        )
    if unit is not None and unit.kind not in REPORT_BODY_KINDS:
        message = _("Reports are made for the municipality, the board and the committees.")
        raise ValidationError({"unit": message})


def _next_version(kind: ReportKind, period: ReportingPeriod, unit: Unit | None) -> int:
    latest = ReportRequest.objects.filter(kind=kind, period=period, unit=unit).aggregate(
        latest=Max("version")
    )["latest"]
    return (latest or 0) + 1


def _create(
    *, actor: User, kind: ReportKind, period: ReportingPeriod, unit: Unit | None,
    batch: ReportBatch | None = None,
) -> ReportRequest:  # fmt: skip
    """A new version, numbered under the lock of the period's row (the caller's transaction)."""
    ReportingPeriod.objects.select_for_update().filter(pk=period.pk).first()
    request = ReportRequest(
        kind=kind, period=period, unit=unit, batch=batch, requested_by=actor,
        version=_next_version(kind, period, unit),
    )  # fmt: skip
    save_with_history(request, actor=actor, reason=_("Requested"))
    return request


def report_request(
    *, actor: User, kind: ReportKind, period: ReportingPeriod, unit: Unit | None = None
) -> ReportRequest:
    """Store a new version of a report and hand it to the workers once committed."""
    access_for(actor).require(may_request_reports(actor))
    _check(kind, period, unit)
    with transaction.atomic():
        request = _create(actor=actor, kind=kind, period=period, unit=unit)
        transaction.on_commit(lambda: dispatch(request.pk))
    return request


def report_batch_request(*, actor: User, period: ReportingPeriod) -> ReportBatch:
    """Every body's report of ``period`` as one batch; each is a task of its own, so the
    workers share them."""
    access_for(actor).require(may_request_reports(actor))
    kind = KIND_OF_PERIOD.get(period.kind)
    bodies = report_bodies(period)  # KS and the nämnder only: each may have a report
    if kind is None or not bodies:
        raise ValidationError(_("%(period)s has no committee reports.") % {"period": period})
    _check(kind, period, None)
    with transaction.atomic():
        batch = ReportBatch.objects.create(kind=kind, period=period, requested_by=actor)
        ids = [
            _create(actor=actor, kind=kind, period=period, unit=body, batch=batch).pk
            for body in bodies
        ]
        transaction.on_commit(lambda: dispatch_many(ids))
    return batch


def report_retry(*, actor: User, request: ReportRequest) -> ReportRequest:
    """Run a failed request again (the same version: a failure leaves no files)."""
    access_for(actor).require(may_request_reports(actor))
    with transaction.atomic():
        request = ReportRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != RequestState.FAILED:
            raise ValidationError(_("Only a failed report can be tried again."))
        reason = _("Tried again after: %(error)s") % {"error": request.error}
        request.state = RequestState.QUEUED
        request.progress = request.attempts = 0
        request.stage = request.error = ""
        request.dispatched_at = request.started_at = request.finished_at = None
        request.heartbeat_at = None
        save_with_history(request, actor=actor, reason=reason)
        transaction.on_commit(lambda: dispatch(request.pk))
    request.refresh_from_db()
    return request


def report_mark_final(
    *, actor: User, request: ReportRequest, acknowledgement: str = ""
) -> ReportRequest:
    """Mark a finished report of a closed period as the final version ("slutlig").

    While a check before the report fails (``apps.reports.checks``), the ekonom must say why
    it is final all the same; the reason is kept on the request and in its history. Only one
    version per kind, period and scope is final: marking another moves the mark, recorded on
    both.
    """
    access_for(actor).require(may_request_reports(actor))
    acknowledgement = (acknowledgement or "").strip()
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=request.period_id)
        request = ReportRequest.objects.select_for_update().get(pk=request.pk)
        if period.state != PeriodState.CLOSED:
            raise ValidationError(
                {"report": _("%(period)s is open: a report is final only once the period is "
                             "closed.") % {"period": period}}
            )  # fmt: skip
        if request.state != RequestState.DONE:
            raise ValidationError({"report": _("Only a finished report can be marked final.")})
        if request.final_at is not None:
            raise ValidationError(
                {
                    "report": _("Version %(version)s is already final.")
                    % {"version": request.version}
                }
            )
        failed = failing(period_checks(period))
        if failed and not acknowledgement:
            raise ValidationError(
                {"acknowledgement": ngettext(
                    "A check fails (%(titles)s). Say why the report is final all the same.",
                    "%(count)s checks fail (%(titles)s). Say why the report is final all the "
                    "same.",
                    len(failed),
                ) % {"count": len(failed), "titles": "; ".join(c.title for c in failed)}}
            )  # fmt: skip
        earlier = ReportRequest.objects.select_for_update().filter(
            kind=request.kind, period=period, unit=request.unit_id, final_at__isnull=False
        )
        moved = _("The final mark moved to version %(version)s") % {"version": request.version}
        for previous in earlier:
            previous.final_at = previous.final_by = None
            previous.final_acknowledgement = ""
            save_with_history(previous, actor=actor, reason=moved)
        request.final_at = timezone.now()
        request.final_by = actor
        request.final_acknowledgement = acknowledgement if failed else ""
        if failed:
            reason = _("Marked final although checks fail (%(titles)s): %(why)s") % {
                "titles": "; ".join(c.title for c in failed), "why": acknowledgement,
            }  # fmt: skip
        else:
            reason = _("Marked final; every check passes")
        save_with_history(request, actor=actor, reason=reason)
    return request


# --- Handing requests to the workers ------------------------------------------------------


def dispatch(request_id: int) -> bool:
    """Send one stored request to the workers; False when the broker did not take it."""
    from apps.reports.tasks import generate_report

    claimed = ReportRequest.objects.filter(
        pk=request_id, state=RequestState.QUEUED, dispatched_at__isnull=True
    ).update(dispatched_at=timezone.now())
    if not claimed:
        return True  # already sent (by another process) or no longer waiting
    if settings.REPORTS_IN_PROCESS:
        from apps.reports import in_process

        in_process.submit(request_id)
        return True
    try:
        generate_report.apply_async((request_id,), retry=False)
    except (OperationalError, ConnectionError, OSError) as error:
        logger.warning("Report request %s stays queued: the broker is down (%s)", request_id, error)
        ReportRequest.objects.filter(pk=request_id).update(dispatched_at=None)
        return False
    return True


def dispatch_many(ids: list[int]) -> int:
    """Send requests in order; stop at the first the broker refuses. Returns those sent."""
    sent = 0
    for request_id in ids:
        if not dispatch(request_id):
            break
        sent += 1
    return sent


def dispatch_pending() -> int:
    """Send every stored request the broker has not taken yet (when it is back)."""
    ids = list(
        ReportRequest.objects.filter(state=RequestState.QUEUED, dispatched_at__isnull=True)
        .order_by("requested_at", "pk")
        .values_list("pk", flat=True)
    )
    return dispatch_many(ids)


def expire_stale(now: dt.datetime | None = None) -> int:
    """Requests a worker started but stopped reporting on for longer than the time limit
    end as failed, so that no page shows "in progress" for ever."""
    now = now or timezone.now()
    limit = dt.timedelta(seconds=settings.REPORT_TIME_LIMIT + 60)
    return ReportRequest.objects.filter(
        state=RequestState.RUNNING, heartbeat_at__lt=now - limit
    ).update(
        state=RequestState.FAILED, finished_at=now,
        error=_("The work stopped without an answer and ran past the time limit of %(minutes)s "
                "minutes.") % {"minutes": settings.REPORT_TIME_LIMIT // 60},
    )  # fmt: skip


# --- Generating -----------------------------------------------------------------------------


def _progress(request_id: int, percent: int, stage: str) -> None:
    ReportRequest.objects.filter(pk=request_id).update(
        progress=max(0, min(percent, 99)), stage=stage[:200], heartbeat_at=timezone.now()
    )


def failure_message(error: BaseException) -> str:
    """The Swedish reason a report failed, for the page: a time limit, or the error itself."""
    if isinstance(error, (SoftTimeLimitExceeded, TimeLimitExceeded)):
        return _(
            "The report took longer than the time limit of %(minutes)s minutes and was stopped."
        ) % {"minutes": settings.REPORT_TIME_LIMIT // 60}
    return _("The report could not be generated: %(error)s") % {
        "error": str(error) or type(error).__name__
    }


def report_fail(*, request_id: int, error: BaseException) -> None:
    """Record a failure on the request: its state, the reason and when."""
    ReportRequest.objects.filter(pk=request_id).exclude(state=RequestState.DONE).update(
        state=RequestState.FAILED, error=failure_message(error), finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )  # fmt: skip


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _start(request_id: int) -> ReportRequest | None:
    with transaction.atomic():
        request = (
            # Only the request's row: its unit is an outer join, which PostgreSQL cannot lock.
            ReportRequest.objects.select_for_update(of=("self",))
            .select_related("period", "unit")
            .filter(pk=request_id)
            .first()
        )
        if request is None or request.state in (RequestState.DONE, RequestState.FAILED):
            return None  # gone, or a redelivered task whose work is already done
        if request.attempts >= MAX_ATTEMPTS:
            request.state = RequestState.FAILED
            request.error = _(
                "The work was interrupted %(count)s times (the worker stopped) and is not "
                "tried again automatically."
            ) % {"count": request.attempts}
            request.finished_at = timezone.now()
            request.save(update_fields=["state", "error", "finished_at"])
            return None
        now = timezone.now()
        request.state = RequestState.RUNNING
        request.attempts += 1
        request.started_at = now
        request.heartbeat_at = now
        request.progress = 1
        request.stage = _("Started")
        request.save(
            update_fields=["state", "attempts", "started_at", "heartbeat_at", "progress", "stage"]
        )
        return request


def report_generate(*, request_id: int) -> ReportRequest | None:
    """Render the request's report as PDF and Excel and store both files.

    Progress is written as the work goes (content 0–30 %, Excel 30–35 %, PDF 35–99 %). Any
    error ends the request as failed with its message; nothing is stored half.
    """
    request = _start(request_id)
    if request is None:
        return None
    try:
        document = build_document(
            kind=ReportKind(request.kind), period=request.period, unit=request.unit
        )
        _progress(request_id, 30, _("The Excel workbook is written"))
        workbook = render.render_xlsx(document)
        pdf, pages = render.render_pdf(
            document, lambda pc, stage: _progress(request_id, 35 + pc * 64 // 100, stage)
        )
    except Exception as error:  # SoftTimeLimitExceeded too: every failure is recorded
        logger.exception("Report request %s failed", request_id)
        report_fail(request_id=request_id, error=error)
        return ReportRequest.objects.get(pk=request_id)
    stem = request.file_stem()
    with transaction.atomic():
        request = ReportRequest.objects.select_for_update().get(pk=request_id)
        request.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        request.xlsx.save(f"{stem}.xlsx", ContentFile(workbook), save=False)
        request.pdf_sha256 = _sha256(pdf)
        request.xlsx_sha256 = _sha256(workbook)
        request.content_sha256 = document.fingerprint()
        request.pages = pages
        request.state = RequestState.DONE
        request.progress = 100
        request.stage = ""
        request.error = ""
        request.finished_at = timezone.now()
        request.heartbeat_at = request.finished_at
        request.save()
    return request


def report_render(
    *, kind: ReportKind, period: ReportingPeriod, unit: Unit | None, fmt: str
) -> tuple[bytes, int | None]:
    """One report rendered synchronously in one format, stored nowhere (the command)."""
    _check(kind, period, unit)
    document = build_document(kind=kind, period=period, unit=unit)
    if fmt == "xlsx":
        return render.render_xlsx(document), None
    return render.render_pdf(document)
