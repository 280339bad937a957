"""Without a broker (the embedded default) a report is made in a background thread of the
web process: the request answers at once, the page shows the progress, the thread makes the
PDF and Excel, one request after the other, and takes the requests an earlier process left
queued."""

from __future__ import annotations

import threading

import pytest
from django.utils import timezone

from apps.reports import in_process, services
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest, RequestState

# The thread has its own database connection: it sees committed rows only.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_process_mode(settings):
    settings.REPORTS_IN_PROCESS = True
    yield
    in_process.wait()


def test_the_request_answers_before_the_report_is_made(
    in_process_mode, economist, tertial2, monkeypatch
):
    release = threading.Event()
    generate = services.report_generate

    def held(*, request_id):
        assert release.wait(timeout=60)
        return generate(request_id=request_id)

    monkeypatch.setattr(services, "report_generate", held)
    made = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial2)
    made.refresh_from_db()
    assert made.state == RequestState.QUEUED  # the thread waits; the request has answered
    assert made.dispatched_at is not None
    release.set()
    in_process.wait()
    made.refresh_from_db()
    assert made.state == RequestState.DONE
    assert made.pdf.read().startswith(b"%PDF")
    assert made.xlsx_sha256


def test_requests_are_made_one_after_the_other_and_a_failure_is_recorded(
    in_process_mode, economist, tertial2, monkeypatch
):
    # (In the tests' in-memory SQLite a write beside the thread's would be refused, not
    # waited for: the thread starts when both requests are handed over.)
    release = threading.Event()
    running, overlaps = [], []
    generate = services.report_generate

    def watched(*, request_id):
        assert release.wait(timeout=60)
        if running:
            overlaps.append(request_id)
        running.append(request_id)
        try:
            if request_id == second.pk:
                raise RuntimeError("Databasen svarade inte")
            return generate(request_id=request_id)
        finally:
            running.remove(request_id)

    monkeypatch.setattr(services, "report_generate", watched)
    first, second = (
        ReportRequest.objects.create(
            kind=ReportKind.INTERIM, period=tertial2, version=v, requested_by=economist
        )
        for v in (1, 2)
    )
    assert services.dispatch(first.pk) and services.dispatch(second.pk)
    release.set()
    in_process.wait()
    first.refresh_from_db()
    second.refresh_from_db()
    assert overlaps == []
    assert first.state == RequestState.DONE
    assert second.state == RequestState.FAILED
    assert "Databasen svarade inte" in second.error


def test_the_first_request_of_a_process_takes_those_an_earlier_process_left(
    in_process_mode, economist, tertial2, monkeypatch
):
    left = ReportRequest.objects.create(
        kind=ReportKind.INTERIM, period=tertial2, version=1, requested_by=economist,
        dispatched_at=timezone.now(),
    )  # fmt: skip
    monkeypatch.setattr(in_process, "_worker", in_process.Worker())  # a new process
    made = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial2)
    in_process.wait()
    left.refresh_from_db()
    made.refresh_from_db()
    assert (left.state, made.state) == (RequestState.DONE, RequestState.DONE)
