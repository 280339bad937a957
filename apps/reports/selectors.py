"""What the reports pages show: each period's reports, their latest versions and batches."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from apps.accounts.access import UserAccess
from apps.followup.access import can_read_followup
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.reports.document import KIND_OF_PERIOD
from apps.reports.models import FINISHED, ReportBatch, ReportRequest, RequestState
from apps.reports.services import report_bodies


@dataclass
class ScopeRow:
    """One report of the period: the kommun's (unit None) or a body's, newest version first."""

    unit: Unit | None
    versions: list[ReportRequest]
    readable: bool = True  # False: a draft of an open period the reader may not open

    @property
    def latest(self) -> ReportRequest | None:
        return self.versions[0] if self.versions else None


@dataclass
class BatchProgress:
    batch: ReportBatch
    total: int
    done: int
    failed: int
    progress: int  # per cent, the mean of its requests'

    @property
    def finished(self) -> bool:
        return self.done + self.failed == self.total


def batch_progress(batch: ReportBatch) -> BatchProgress:
    """The batch's state in one query, whatever its size."""
    requests = list(batch.requests.values_list("state", "progress"))
    done = sum(1 for state, _p in requests if state == RequestState.DONE)
    failed = sum(1 for state, _p in requests if state == RequestState.FAILED)
    finished = done + failed
    running = sum(p for state, p in requests if state not in FINISHED)
    total = len(requests)
    progress = round((finished * 100 + running) / total) if total else 100
    return BatchProgress(batch, total, done, failed, min(progress, 100))


@dataclass
class PeriodReports:
    period: ReportingPeriod
    kommun: ScopeRow
    bodies: list[ScopeRow]
    batch: BatchProgress | None


def period_reports(period: ReportingPeriod, reader: UserAccess) -> PeriodReports:
    """The kommun's report and each body's, with every version; four queries. A report of an
    open period is a draft: ``readable`` says whether ``reader`` may open it."""
    bodies = report_bodies(period)
    by_unit: dict[int | None, list[ReportRequest]] = {}
    requests = (
        ReportRequest.objects.filter(period=period)
        .select_related("requested_by", "unit", "final_by")
        .order_by("-version", "-pk")
    )
    for request in requests:
        by_unit.setdefault(request.unit_id, []).append(request)
    batch = ReportBatch.objects.filter(period=period).order_by("-requested_at", "-pk").first()
    return PeriodReports(
        period=period,
        kommun=ScopeRow(None, by_unit.get(None, []), can_read_followup(reader, None, period)),
        bodies=[
            ScopeRow(body, by_unit.get(body.pk, []), can_read_followup(reader, body, period))
            for body in bodies
        ],
        batch=batch_progress(batch) if batch else None,
    )


def periods_with_reports(year: int) -> list[tuple[ReportingPeriod, int, int]]:
    """The year's periods that have a report, with their finished and all request counts."""
    return [
        (period, period.done_count, period.request_count)
        for period in ReportingPeriod.objects.filter(year=year, kind__in=KIND_OF_PERIOD)
        .annotate(
            request_count=Count("report_requests"),
            done_count=Count("report_requests", filter=Q(report_requests__state="done")),
        )
        .order_by("ends_on")
    ]
