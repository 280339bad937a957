"""A report of an open period holds the period's open assessments and forecasts: it is a draft
for ekonomer, administrators and (a body's report) the body's editors, and every reader's once
the period is closed. Others see that it exists but not its files (403 on the downloads)."""

from __future__ import annotations

import pytest

from apps.periods.models import ReportingPeriod
from tests.reports.test_views import done_request, page_url, t

pytestmark = pytest.mark.django_db

NOT_YET = "The reports of an open period are published when the period is closed."


def files(made) -> list[str]:
    return [f"/rapporter/bestallning/{made.pk}/pdf/", f"/rapporter/bestallning/{made.pk}/excel/"]


def close(period) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")


@pytest.fixture
def reports(org, economist, tertial2):
    return done_request(tertial2, economist), done_request(tertial2, economist, unit=org.namnd_a)


@pytest.mark.parametrize("persona", ["politician", "editor_b"])
def test_open_periods_reports_are_refused_to_other_readers(
    request,
    client,
    reports,
    tertial2,
    persona,
):
    kommun, namnd_a = reports
    client.force_login(request.getfixturevalue(persona))
    for url in files(kommun) + files(namnd_a):
        assert client.get(url).status_code == 403, url
    page = client.get(page_url(tertial2)).content.decode()
    assert f"/rapporter/bestallning/{kommun.pk}/pdf/" not in page
    assert f"/rapporter/bestallning/{namnd_a.pk}/pdf/" not in page
    assert t(NOT_YET) in page
    assert client.get(f"/rapporter/{tertial2.pk}/versioner/").status_code == 403


def test_a_bodys_editor_reads_the_bodys_report_but_not_the_kommuns(
    client,
    reports,
    tertial2,
    editor_a,
):
    kommun, namnd_a = reports
    client.force_login(editor_a)
    for url in files(namnd_a):
        assert client.get(url).status_code == 200, url
    for url in files(kommun):
        assert client.get(url).status_code == 403, url
    page = client.get(page_url(tertial2)).content.decode()
    assert f"/rapporter/bestallning/{namnd_a.pk}/pdf/" in page


@pytest.mark.parametrize("persona", ["economist", "admin_user"])
def test_ekonom_and_admin_read_every_report(request, client, reports, persona):
    client.force_login(request.getfixturevalue(persona))
    for made in reports:
        for url in files(made):
            assert client.get(url).status_code == 200, url


def test_every_reader_once_the_period_is_closed(client, reports, tertial2, politician):
    close(tertial2)
    client.force_login(politician)
    for made in reports:
        for url in files(made):
            assert client.get(url).status_code == 200, url
    assert t(NOT_YET) not in client.get(page_url(tertial2)).content.decode()
