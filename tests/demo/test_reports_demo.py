"""The demo's tertial 1 reports exist after seeding; the delårsrapport is one click away."""

from __future__ import annotations

import pytest

from apps.demo.loader import load_demo
from apps.demo.reports_demo import load_reports
from apps.periods.models import ReportingPeriod
from apps.reports.models import ReportRequest, RequestState
from apps.reports.services import report_bodies


@pytest.mark.django_db(transaction=True)
def test_tertial_1_reports_exist_and_a_second_run_changes_nothing():
    load_demo()
    requested = load_reports()
    period = ReportingPeriod.objects.get(year=2026, kind="tertial1")
    reports = ReportRequest.objects.filter(period=period)
    assert requested == len(report_bodies(period)) + 1
    assert reports.count() == requested
    assert set(reports.values_list("state", flat=True)) == {RequestState.DONE}
    kommun = reports.get(unit=None)
    assert kommun.pdf.read().startswith(b"%PDF")
    assert kommun.kind == "budgetuppfoljning"

    assert load_reports() == 0
    assert ReportRequest.objects.filter(period=period).count() == requested
    t2 = ReportingPeriod.objects.get(year=2026, kind="tertial2")
    assert t2.state == "open"  # the delårsrapport can be requested
