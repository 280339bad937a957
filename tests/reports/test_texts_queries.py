"""The writing page runs a fixed number of queries whatever the number of texts and of
their changes: the texts (one), their history (one), the treatment and its history (two),
and the report's builders for each heading's figures (each a fixed number, shared through
the build context). Pinned at two sizes: the count at the small size holds at the large."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.reports import text_services
from apps.reports.content import ReportKind
from apps.reports.document import headings_of
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual(org):
    return ReportingPeriodFactory(
        year=2025, kind="bokslut", name="Bokslut",
        starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31),
    )  # fmt: skip


def write(actor, period, headings, saves):
    for heading in headings:
        for number in range(saves):
            text_services.report_text_save(
                actor=actor, period=period, heading=heading, text=f"Version {number}",
                reason=f"Ändring {number}",
            )  # fmt: skip


def test_the_writing_page_runs_a_fixed_number_of_queries(
    client, annual, economist, admin_user, django_assert_num_queries
):
    keys = headings_of(ReportKind.ANNUAL)
    write(economist, annual, keys[:1], 1)
    client.force_login(economist)
    url = f"/rapporter/{annual.pk}/forvaltningsberattelse/"
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    write(admin_user, annual, keys, 3)
    text_services.report_treatment_save(
        actor=economist, period=annual, prepared_on=dt.date(2026, 3, 1), ks_treated_on=None,
        ks_paragraph="", kf_treated_on=None, kf_paragraph="",
        auditors_statement_reference="Revisionsberättelse", reason="Beredd",
    )  # fmt: skip
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Version 2") == len(keys)
