"""The demo's reports: tertial 1's budgetuppföljning for the kommun and every nämnd exists
already, made by the ekonom through the same services as the page, so that the reports page
has versions to download and the delårsrapport is one click away.

Run after ``load_demo`` has committed (the requests are handed to the workers on commit; on
the embedded default they run in process). A second run changes nothing."""

from __future__ import annotations

from apps.accounts.models import User
from apps.periods.models import PeriodKind, ReportingPeriod
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest
from apps.reports.services import report_batch_request, report_request

DEMO_YEAR = 2026
ECONOMIST = "ekonom"  # the demo user who makes them (apps/demo/data.py USERS)


def load_reports() -> int:
    """Request the tertial 1 reports unless they exist; returns how many were requested."""
    period = ReportingPeriod.objects.filter(year=DEMO_YEAR, kind=PeriodKind.TERTIAL_1).first()
    if period is None or ReportRequest.objects.filter(period=period).exists():
        return 0
    ekonom = User.objects.get(username=ECONOMIST)
    report_request(actor=ekonom, kind=ReportKind.BUDGET_FOLLOWUP, period=period)
    batch = report_batch_request(actor=ekonom, period=period)
    return 1 + batch.requests.count()
