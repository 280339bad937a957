"""The dates the kommun's report was prepared and treated by KS and KF, and the auditors'
statement: entered also after the period is closed, versioned, printed at the report's end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.locking import StaleEdit
from apps.periods.models import ReportingPeriod
from apps.reports import text_services
from apps.reports.content import BuildContext, ReportKind
from apps.reports.models import ReportTreatment
from apps.reports.sections import narrative
from tests.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual(org) -> ReportingPeriod:
    period = ReportingPeriodFactory(
        year=2025, kind="bokslut", name="Bokslut",
        starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31),
    )  # fmt: skip
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
    period.refresh_from_db()
    return period


def save(actor, period, **fields):
    values = {
        "prepared_on": dt.date(2026, 3, 10), "ks_treated_on": dt.date(2026, 3, 31),
        "ks_paragraph": "KS § 45", "kf_treated_on": dt.date(2026, 4, 27),
        "kf_paragraph": "KF § 38",
        "auditors_statement_reference": "Revisionsberättelse 2025, dnr KS 2026/123",
        "reason": "Beslutad i KF",
    }  # fmt: skip
    values.update(fields)
    return text_services.report_treatment_save(actor=actor, period=period, **values)


def test_the_dates_are_entered_after_the_period_is_closed(annual, economist):
    found = save(economist, annual, expected_version=0)
    assert found.version == 1 and found.kf_paragraph == "KF § 38"
    assert found.history.first().history_change_reason == "Beslutad i KF"


def test_only_writers_of_the_report_enter_them(annual, editor_a):
    with pytest.raises(PermissionDenied):
        save(editor_a, annual)


def test_the_council_treats_after_the_board(annual, economist):
    with pytest.raises(ValidationError) as error:
        save(economist, annual, kf_treated_on=dt.date(2026, 3, 1))
    assert "kf_treated_on" in error.value.message_dict


def test_a_stale_save_is_refused(annual, economist, admin_user):
    save(economist, annual, expected_version=0)
    with pytest.raises(StaleEdit):
        save(admin_user, annual, ks_paragraph="KS § 46", expected_version=0)
    assert ReportTreatment.objects.get().ks_paragraph == "KS § 45"


def test_the_report_ends_with_the_treatment(annual, economist, org):
    def ctx():  # one per report: the report reads the treatment once (narrative.treatment_of)
        return BuildContext(kind=ReportKind.ANNUAL, period=annual, unit=None, municipality=None)

    assert narrative.treatment(ctx()) is None
    save(economist, annual)
    section = narrative.treatment(ctx())
    rows = section.tables[0].rows
    assert [row[1] for row in rows[:3]] == [
        dt.date(2026, 3, 10), dt.date(2026, 3, 31), dt.date(2026, 4, 27),
    ]  # fmt: skip
    assert rows[3][2] == "Revisionsberättelse 2025, dnr KS 2026/123"
    nämnd = BuildContext(kind=ReportKind.ANNUAL, period=annual, unit=org.namnd_a, municipality=None)
    assert narrative.treatment(nämnd) is None


def test_the_page_saves_the_treatment_of_a_closed_period(client, annual, economist):
    client.force_login(economist)
    response = client.post(
        f"/rapporter/{annual.pk}/forvaltningsberattelse/behandling/spara/",
        {"behandling-prepared_on": "2026-03-10", "behandling-kf_treated_on": "2026-04-27",
         "behandling-kf_paragraph": "KF § 38", "behandling-version": "0",
         "behandling-change_reason": "Beslutad"},
    )  # fmt: skip
    assert response.status_code == 302
    assert ReportTreatment.objects.get(period=annual).kf_treated_on == dt.date(2026, 4, 27)
    page = client.get(f"/rapporter/{annual.pk}/forvaltningsberattelse/").content.decode()
    assert 'name="behandling-kf_paragraph"' in page
    assert "/forvaltningsberattelse/oversikt/spara/" not in page  # the texts are read-only


def test_a_reader_cannot_post_the_treatment(client, annual, politician):
    client.force_login(politician)
    response = client.post(
        f"/rapporter/{annual.pk}/forvaltningsberattelse/behandling/spara/",
        {"behandling-version": "0", "behandling-change_reason": "x"},
    )
    assert response.status_code == 403


def test_the_cover_carries_the_dates_and_they_change_the_fingerprint(annual, economist, org):
    from apps.reports.document import build_document
    from apps.reports.render import render_html

    before = build_document(kind=ReportKind.ANNUAL, period=annual)
    assert before.treatment is None
    save(economist, annual, expected_version=0)
    after = build_document(kind=ReportKind.ANNUAL, period=annual)
    assert after.treatment.kf_paragraph == "KF § 38"
    assert after.fingerprint() != before.fingerprint()
    cover = render_html(after).split('class="cover-facts"', 1)[1].split("</dl>", 1)[0]
    assert "KF § 38" in cover and "KS § 45" in cover
    nämnd = build_document(kind=ReportKind.ANNUAL, period=annual, unit=org.namnd_a)
    assert nämnd.treatment is None  # the kommun's treatment, not the nämnd's


def test_a_stale_post_keeps_the_users_dates_and_shows_the_others(client, annual, economist):
    save(economist, annual, expected_version=0)  # the other writer's KS § 45
    client.force_login(economist)
    response = client.post(
        f"/rapporter/{annual.pk}/forvaltningsberattelse/behandling/spara/",
        {"behandling-prepared_on": "2026-03-10", "behandling-ks_paragraph": "KS § 99",
         "behandling-version": "0", "behandling-change_reason": "Rättat"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "efter att du öppnade" in page  # the Swedish StaleEdit message
    conflict = page.split('id="conflict"', 1)[1].split("</div>", 1)[0]
    assert "KS § 45" in conflict and "KS § 99" in conflict  # theirs beside yours
    assert 'value="KS § 99"' in page  # yours kept in the form
    assert 'name="behandling-version" value="1"' in page  # the next save goes through
    assert ReportTreatment.objects.get(period=annual).ks_paragraph == "KS § 45"


def test_the_page_shows_which_dates_each_save_changed(client, annual, economist):
    save(economist, annual)
    save(economist, annual, kf_treated_on=dt.date(2026, 5, 4), reason="Nytt KF", expected_version=1)
    client.force_login(economist)
    page = client.get(f"/rapporter/{annual.pk}/forvaltningsberattelse/").content.decode()
    history = page.split('id="behandling"', 1)[1]
    assert "Nytt KF" in history
    assert "27 apr. 2026" in history and "4 maj 2026" in history  # before and after
