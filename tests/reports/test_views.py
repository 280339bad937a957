"""The reports pages: who sees, who requests, the polled status, the downloads."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.periods.models import ReportingPeriod
from apps.reports import tasks
from apps.reports.checks import period_checks
from apps.reports.content import ReportKind
from apps.reports.models import ReportBatch, ReportRequest, RequestState
from tests.factories import ReportingPeriodFactory, UnitFactory

pytestmark = pytest.mark.django_db


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def close(period) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")


def page_url(period) -> str:
    return f"/rapporter/{period.pk}/"


def done_request(period, user, unit=None, version=1) -> ReportRequest:
    made = ReportRequest.objects.create(
        kind=ReportKind.INTERIM, period=period, unit=unit, version=version, requested_by=user,
        state=RequestState.DONE, progress=100, pages=3,
    )  # fmt: skip
    made.pdf.save(f"r{made.pk}.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    made.xlsx.save(f"r{made.pk}.xlsx", ContentFile(b"PK test"), save=False)
    made.save()
    return made


def test_outsider_gets_403_everywhere(client, outsider, economist, tertial2):
    made = done_request(tertial2, economist)
    client.force_login(outsider)
    for url in (
        "/rapporter/",
        page_url(tertial2),
        f"/rapporter/{tertial2.pk}/versioner/",
        f"/rapporter/bestallning/{made.pk}/status/",
        f"/rapporter/bestallning/{made.pk}/pdf/",
        f"/rapporter/bestallning/{made.pk}/excel/",
    ):
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, tertial2):
    response = client.get(page_url(tertial2))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_politician_reads_and_downloads_but_cannot_request(client, politician, economist, tertial2):
    made = done_request(tertial2, economist)
    close(tertial2)  # an open period's report is a draft (tests/reports/test_access.py)
    client.force_login(politician)
    page = client.get(page_url(tertial2))
    assert page.status_code == 200
    assert f"/rapporter/bestallning/{made.pk}/pdf/".encode() in page.content
    assert b'value="kommun"' not in page.content

    pdf = client.get(f"/rapporter/bestallning/{made.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert f"delarsrapport-2026-kommun-v{made.version}.pdf" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(f"/rapporter/bestallning/{made.pk}/excel/")
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]

    response = client.post(page_url(tertial2), {"action": "kommun"})
    assert response.status_code == 403
    assert ReportRequest.objects.count() == 1


def test_editor_cannot_request_either(client, editor_a, tertial2):
    client.force_login(editor_a)
    response = client.post(page_url(tertial2), {"action": f"unit-{tertial2.pk}"})
    assert response.status_code == 403
    assert not ReportRequest.objects.exists()


# Committed as in production, so the request is sent when its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_the_ekonom_requests_the_kommuns_report_and_it_is_made(client, economist, tertial2):
    client.force_login(economist)
    response = client.post(page_url(tertial2), {"action": "kommun"}, follow=True)
    made = ReportRequest.objects.get()
    assert made.state == RequestState.DONE
    assert made.unit is None
    assert made.requested_by == economist
    assert t("The report is requested.") in response.content.decode()
    assert f"/rapporter/bestallning/{made.pk}/pdf/" in response.content.decode()


# Committed as in production, so the request is sent when its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_the_ekonom_requests_a_bodys_report(client, economist, tertial2, org):
    client.force_login(economist)
    client.post(page_url(tertial2), {"action": f"unit-{org.namnd_b.pk}"})
    made = ReportRequest.objects.get()
    assert made.unit == org.namnd_b
    assert made.state == RequestState.DONE


def test_a_forvaltning_gets_no_report_of_its_own(client, economist, tertial2, org):
    client.force_login(economist)
    response = client.post(
        page_url(tertial2), {"action": f"unit-{org.forvaltning_a.pk}"}, follow=True
    )
    assert response.status_code == 200
    assert not ReportRequest.objects.exists()
    assert t("Reports are made for the municipality, the board and the committees.") in (
        response.content.decode()
    )


# Committed as in production, so the request is sent when its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_the_batch_button_makes_every_bodys_report(client, economist, tertial2):
    client.force_login(economist)
    response = client.post(page_url(tertial2), {"action": "batch"}, follow=True)
    batch = ReportBatch.objects.get()
    assert batch.requests.count() == 3
    assert batch.requests.filter(state=RequestState.DONE).count() == 3
    assert f'id="batch-{batch.pk}"' in response.content.decode()


# Committed as in production, so the request is sent when its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_ekonom_is_told_plainly(client, economist, tertial2):
    client.force_login(economist)

    def refuse(*args, **kwargs):
        from kombu.exceptions import OperationalError

        raise OperationalError("Connection refused")

    with mock.patch.object(tasks.generate_report, "apply_async", side_effect=refuse):
        response = client.post(page_url(tertial2), {"action": "kommun"}, follow=True)
    made = ReportRequest.objects.get()
    assert made.state == RequestState.QUEUED
    assert made.dispatched_at is None
    body = response.content.decode()
    assert (
        t(
            "The report service does not answer right now. The request is saved and starts by "
            "itself when the service is back; you can leave this page."
        )
        in body
    )
    assert 'hx-trigger="every 1s"' in body  # the queued request is polled
    assert t("waiting for the report service, starts when it answers again") in body

    # The broker is back: opening the page sends what waited.
    client.get(page_url(tertial2))
    made.refresh_from_db()
    assert made.state == RequestState.DONE


def test_status_fragment_polls_while_running_and_stops_when_done(
    client, politician, economist, tertial2
):
    made = ReportRequest.objects.create(
        kind=ReportKind.INTERIM, period=tertial2, version=1, requested_by=economist,
        state=RequestState.RUNNING, progress=40, stage="Sidorna sätts",
    )  # fmt: skip
    close(tertial2)  # an open period's report is a draft (tests/reports/test_access.py)
    client.force_login(politician)
    url = f"/rapporter/bestallning/{made.pk}/status/"
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert 'value="40"' in running
    assert "<progress" in running
    assert "Sidorna sätts" in running

    ReportRequest.objects.filter(pk=made.pk).update(
        state=RequestState.FAILED, error="Rapporten kunde inte tas fram: fel"
    )
    failed = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in failed
    assert "Rapporten kunde inte tas fram: fel" in failed
    assert f'value="retry-{made.pk}"' not in failed  # a politician gets no retry button
    client.force_login(economist)
    assert f'value="retry-{made.pk}"' in client.get(url).content.decode()


# Committed as in production, so the request is sent when its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_retry_from_the_page(client, economist, tertial2):
    made = ReportRequest.objects.create(
        kind=ReportKind.INTERIM, period=tertial2, version=1, requested_by=economist,
        state=RequestState.FAILED, error="fel",
    )  # fmt: skip
    client.force_login(economist)
    client.post(page_url(tertial2), {"action": f"retry-{made.pk}"})
    made.refresh_from_db()
    assert made.state == RequestState.DONE


def test_download_of_an_unfinished_report_is_404(client, economist, tertial2):
    made = ReportRequest.objects.create(
        kind=ReportKind.INTERIM, period=tertial2, version=1, requested_by=economist
    )
    client.force_login(economist)
    assert client.get(f"/rapporter/bestallning/{made.pk}/pdf/").status_code == 404


def test_versions_page_lists_every_version(client, politician, economist, tertial2, org):
    old = done_request(tertial2, economist, version=1)
    new = done_request(tertial2, economist, version=2)
    other = done_request(tertial2, economist, unit=org.namnd_a, version=1)
    close(tertial2)  # an open period's report is a draft (tests/reports/test_access.py)
    client.force_login(politician)
    body = client.get(f"/rapporter/{tertial2.pk}/versioner/").content.decode()
    assert f"/rapporter/bestallning/{old.pk}/pdf/" in body
    assert f"/rapporter/bestallning/{new.pk}/pdf/" in body
    assert f"/rapporter/bestallning/{other.pk}/pdf/" not in body
    body = client.get(f"/rapporter/{tertial2.pk}/versioner/?enhet={org.namnd_a.pk}").content
    assert f"/rapporter/bestallning/{other.pk}/pdf/".encode() in body


def test_a_period_without_a_report_kind_is_404(client, economist, org):
    other = ReportingPeriodFactory(year=2026, kind="other", name="Oktober")
    client.force_login(economist)
    assert client.get(page_url(other)).status_code == 404


def test_index_lists_the_years_periods(client, politician, tertial2):
    client.force_login(politician)
    body = client.get("/rapporter/?ar=2026").content.decode()
    assert page_url(tertial2) in body


@pytest.mark.parametrize("bodies", [0, 6])
def test_period_page_runs_a_fixed_number_of_queries(
    client, economist, tertial2, org, bodies, django_assert_num_queries
):
    for index in range(bodies):
        unit = UnitFactory(
            parent=org.kf, kind="namnd", name=f"Extra {index}", short_name=f"E{index}",
            ansvarskod=f"9{index}00",
        )  # fmt: skip
        done_request(tertial2, economist, unit=unit)
        done_request(tertial2, economist, unit=unit, version=2)
    done_request(tertial2, economist)
    client.force_login(economist)
    client.get(page_url(tertial2))  # warm the session and the user's access
    with CaptureQueriesContext(connection) as checks:  # pinned in tests/reports/test_checks.py
        period_checks(tertial2)
    # session, user, roles, period, expire stale, pending, bodies, requests, batch, kommun,
    # and the kontroller the ekonom reads before requesting
    with django_assert_num_queries(10 + len(checks)):
        response = client.get(page_url(tertial2))
    assert response.status_code == 200
