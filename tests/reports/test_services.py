"""Requesting, dispatching and generating reports, without a Celery worker: on the embedded
default the task runs in process when the request's transaction commits."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from kombu.exceptions import OperationalError
from openpyxl import load_workbook

from apps.reports import services, tasks
from apps.reports.content import ReportKind
from apps.reports.models import ReportRequest, RequestState
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def request_report(actor, period, unit=None, kind=ReportKind.INTERIM, *, django_capture):
    with django_capture(execute=True):
        made = services.report_request(actor=actor, kind=kind, period=period, unit=unit)
    made.refresh_from_db()
    return made


def test_a_request_is_stored_then_generated_as_pdf_and_excel(
    economist, tertial2, django_capture_on_commit_callbacks
):
    made = request_report(economist, tertial2, django_capture=django_capture_on_commit_callbacks)

    assert made.state == RequestState.DONE
    assert made.progress == 100
    assert made.version == 1
    assert made.requested_by == economist
    assert made.attempts == 1
    assert made.dispatched_at is not None
    assert made.started_at <= made.finished_at
    pdf = made.pdf.read()
    assert pdf.startswith(b"%PDF")
    assert made.pages >= 2  # the cover and the contents at least
    assert len(made.pdf_sha256) == 64
    assert len(made.content_sha256) == 64
    workbook = load_workbook(io.BytesIO(made.xlsx.read()))
    assert workbook.sheetnames


def test_every_generation_is_a_new_version_and_old_ones_stay(
    economist, tertial2, org, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first = request_report(economist, tertial2, django_capture=capture)
    second = request_report(economist, tertial2, django_capture=capture)
    body = request_report(economist, tertial2, org.namnd_a, django_capture=capture)

    assert (first.version, second.version, body.version) == (1, 2, 1)
    assert first.pdf.name != second.pdf.name
    assert first.pdf.read().startswith(b"%PDF")  # the older file is still there
    assert "2000" in body.pdf.name


def test_only_ekonomer_and_administrators_request_reports(
    politician, editor_a, outsider, admin_user, tertial2, django_capture_on_commit_callbacks
):
    for user in (politician, editor_a, outsider):
        with pytest.raises(PermissionDenied):
            services.report_request(actor=user, kind=ReportKind.INTERIM, period=tertial2)
    assert not ReportRequest.objects.exists()
    made = request_report(admin_user, tertial2, django_capture=django_capture_on_commit_callbacks)
    assert made.state == RequestState.DONE


def test_the_report_kind_must_be_the_periods(economist, tertial2):
    with pytest.raises(ValidationError) as refusal:
        services.report_request(actor=economist, kind=ReportKind.ANNUAL, period=tertial2)
    assert "kind" in refusal.value.message_dict
    assert not ReportRequest.objects.exists()


def test_a_planned_period_has_no_report_yet(economist, org):
    planned = ReportingPeriodFactory(year=2026, kind="tertial1", name="Tertial 1", state="planned")
    with pytest.raises(ValidationError):
        services.report_request(actor=economist, kind=ReportKind.BUDGET_FOLLOWUP, period=planned)


def test_a_report_is_for_the_kommun_ks_or_a_namnd(economist, tertial2, org):
    with pytest.raises(ValidationError) as refusal:
        services.report_request(
            actor=economist, kind=ReportKind.INTERIM, period=tertial2, unit=org.forvaltning_a
        )
    assert "unit" in refusal.value.message_dict


def test_the_batch_makes_one_report_per_body(
    economist, tertial2, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.report_batch_request(actor=economist, period=tertial2)

    requests = list(batch.requests.order_by("unit__lft"))
    assert [r.unit for r in requests] == [org.ks, org.namnd_a, org.namnd_b]
    assert all(r.state == RequestState.DONE for r in requests)
    assert all(r.batch == batch for r in requests)


# --- Broker down --------------------------------------------------------------------------


def broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")


def test_with_the_broker_down_the_request_is_stored_and_sent_when_it_is_back(
    economist, tertial2, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(tasks.generate_report, "apply_async", side_effect=broker_down),
        django_capture_on_commit_callbacks(execute=True),
    ):
        made = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial2)
    made.refresh_from_db()
    assert made.state == RequestState.QUEUED
    assert made.dispatched_at is None

    assert services.dispatch_pending() == 1  # the broker is back (eager here)
    made.refresh_from_db()
    assert made.state == RequestState.DONE
    assert services.dispatch_pending() == 0


def test_dispatch_stops_at_the_first_refusal_and_keeps_the_rest(economist, tertial2, org):
    with mock.patch.object(tasks.generate_report, "apply_async", side_effect=broker_down) as send:
        batch = services.report_batch_request(actor=economist, period=tertial2)
        assert services.dispatch_pending() == 0
    assert send.call_count == 1  # one refusal is enough to know the broker is down
    assert batch.requests.filter(dispatched_at__isnull=True).count() == 3


def test_the_worker_sends_waiting_requests_when_it_starts(economist, tertial2):
    with mock.patch.object(tasks.generate_report, "apply_async", side_effect=broker_down):
        made = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial2)
        services.dispatch(made.pk)
    tasks.send_waiting_requests()
    made.refresh_from_db()
    assert made.state == RequestState.DONE


def test_a_request_already_sent_is_not_sent_twice(economist, tertial2):
    with mock.patch.object(tasks.generate_report, "apply_async") as send:
        made = services.report_request(actor=economist, kind=ReportKind.INTERIM, period=tertial2)
        assert services.dispatch(made.pk) is True
        assert services.dispatch(made.pk) is True
    assert send.call_count == 1


# --- Failures -----------------------------------------------------------------------------


def queued(economist, period) -> ReportRequest:
    with mock.patch.object(tasks.generate_report, "apply_async"):
        return services.report_request(actor=economist, kind=ReportKind.INTERIM, period=period)


def test_a_rendering_error_ends_as_failed_with_its_message(economist, tertial2):
    made = queued(economist, tertial2)
    with mock.patch(
        "apps.reports.render.render_pdf", side_effect=ValueError("Tabellen saknar kolumner")
    ):
        tasks.generate_report.apply(args=[made.pk])
    made.refresh_from_db()
    assert made.state == RequestState.FAILED
    assert "Tabellen saknar kolumner" in made.error
    assert made.error.startswith(t("The report could not be generated: %(error)s").split("%")[0])
    assert made.finished_at is not None
    assert not made.pdf and not made.xlsx  # nothing half-stored


def test_a_report_over_the_time_limit_ends_as_failed_with_the_reason(economist, tertial2, settings):
    made = queued(economist, tertial2)
    with mock.patch("apps.reports.render.render_pdf", side_effect=SoftTimeLimitExceeded()):
        tasks.generate_report.apply(args=[made.pk])
    made.refresh_from_db()
    assert made.state == RequestState.FAILED
    minutes = settings.REPORT_TIME_LIMIT // 60
    expected = t(
        "The report took longer than the time limit of %(minutes)s minutes and was stopped."
    ) % {"minutes": minutes}
    assert made.error == expected


def test_a_failure_outside_the_service_is_recorded_by_the_task(economist, tertial2):
    made = queued(economist, tertial2)
    with mock.patch.object(services, "report_generate", side_effect=RuntimeError("db gone")):
        result = tasks.generate_report.apply(args=[made.pk], throw=False)
    assert result.failed()
    made.refresh_from_db()
    assert made.state == RequestState.FAILED
    assert "db gone" in made.error


def test_a_hard_time_limit_is_recorded_with_the_reason_by_the_task(economist, tertial2):
    """The worker kills the task at the hard limit and calls the failure hook."""
    made = queued(economist, tertial2)
    ReportRequest.objects.filter(pk=made.pk).update(state=RequestState.RUNNING)
    limit = TimeLimitExceeded(600)
    tasks.generate_report.on_failure(limit, "task-id", (made.pk,), {}, None)
    made.refresh_from_db()
    assert made.state == RequestState.FAILED
    assert made.error == services.failure_message(SoftTimeLimitExceeded())
    assert made.error != t("The report could not be generated: %(error)s") % {"error": "600"}


def test_a_failed_report_is_tried_again_to_done(
    economist, politician, tertial2, django_capture_on_commit_callbacks
):
    made = queued(economist, tertial2)
    with mock.patch("apps.reports.render.render_pdf", side_effect=ValueError("fel")):
        services.report_generate(request_id=made.pk)
    made.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.report_retry(actor=politician, request=made)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(actor=economist, request=made)
    made.refresh_from_db()
    assert made.state == RequestState.DONE
    assert made.error == ""
    assert made.version == 1
    requested, retried_again = made.history.filter(state=RequestState.QUEUED).order_by(
        "history_date"
    )
    assert (requested.history_user, requested.history_change_reason) == (
        economist,
        t("Requested"),
    )
    assert retried_again.history_user == economist
    assert retried_again.history_change_reason == t("Tried again after: %(error)s") % {
        "error": t("The report could not be generated: %(error)s") % {"error": "fel"}
    }


def test_only_a_failed_report_is_tried_again(economist, tertial2):
    made = queued(economist, tertial2)
    with pytest.raises(ValidationError):
        services.report_retry(actor=economist, request=made)


def test_a_redelivered_task_after_a_killed_worker_starts_again(economist, tertial2):
    """acks_late: the broker hands the task out again; the request was left running."""
    made = queued(economist, tertial2)
    ReportRequest.objects.filter(pk=made.pk).update(
        state=RequestState.RUNNING, attempts=1, progress=40
    )
    services.report_generate(request_id=made.pk)
    made.refresh_from_db()
    assert made.state == RequestState.DONE
    assert made.attempts == 2


def test_a_report_that_kills_its_worker_again_and_again_is_given_up(economist, tertial2):
    made = queued(economist, tertial2)
    ReportRequest.objects.filter(pk=made.pk).update(
        state=RequestState.RUNNING, attempts=services.MAX_ATTEMPTS
    )
    services.report_generate(request_id=made.pk)
    made.refresh_from_db()
    assert made.state == RequestState.FAILED
    assert str(services.MAX_ATTEMPTS) in made.error


def test_a_done_report_delivered_again_is_left_as_it_is(
    economist, tertial2, django_capture_on_commit_callbacks
):
    made = request_report(economist, tertial2, django_capture=django_capture_on_commit_callbacks)
    assert services.report_generate(request_id=made.pk) is None
    again = ReportRequest.objects.get(pk=made.pk)
    assert (again.pdf_sha256, again.attempts) == (made.pdf_sha256, 1)


def test_a_request_silent_past_the_time_limit_ends_as_failed(economist, tertial2, settings):
    made = queued(economist, tertial2)
    now = timezone.now()
    silent_since = now - dt.timedelta(seconds=settings.REPORT_TIME_LIMIT + 61)
    ReportRequest.objects.filter(pk=made.pk).update(
        state=RequestState.RUNNING, heartbeat_at=silent_since
    )
    fresh = queued(economist, tertial2)
    ReportRequest.objects.filter(pk=fresh.pk).update(state=RequestState.RUNNING, heartbeat_at=now)

    assert services.expire_stale(now) == 1
    made.refresh_from_db()
    fresh.refresh_from_db()
    assert made.state == RequestState.FAILED
    assert made.error
    assert fresh.state == RequestState.RUNNING


# --- Reproducible ---------------------------------------------------------------------------


def test_a_closed_periods_report_says_the_same_when_made_again(
    economist, tertial2, django_capture_on_commit_callbacks
):
    tertial2.state = "closed"
    tertial2.save()
    capture = django_capture_on_commit_callbacks
    first = request_report(economist, tertial2, django_capture=capture)
    second = request_report(economist, tertial2, django_capture=capture)

    assert first.content_sha256 == second.content_sha256
    assert first.pages == second.pages
    assert (first.version, second.version) == (1, 2)


def test_progress_is_written_as_the_work_goes(economist, tertial2):
    made = queued(economist, tertial2)
    seen = []
    original = services._progress

    def spy(request_id, percent, stage):
        original(request_id, percent, stage)
        seen.append(ReportRequest.objects.values_list("progress", flat=True).get(pk=request_id))

    with mock.patch.object(services, "_progress", side_effect=spy):
        services.report_generate(request_id=made.pk)
    assert seen == sorted(seen)
    assert seen[0] < 35 < seen[-1] < 100
    made.refresh_from_db()
    assert made.progress == 100
