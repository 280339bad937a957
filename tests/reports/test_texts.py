"""The förvaltningsberättelse's texts: who writes them, with who and why in the history, a
closed period read-only, a stale save refused, the text sanitised; the writing page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.core.locking import StaleEdit
from apps.periods.models import ReportingPeriod
from apps.reports import text_services
from apps.reports.models import ReportText
from apps.reports.sections import narrative
from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tertial2(org) -> ReportingPeriod:
    return ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2",
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 8, 31),
    )  # fmt: skip


@pytest.fixture
def ks_editor(org):
    user = UserFactory(username="redaktor_ks", first_name="Kerstin")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.ks)
    return user


def save(actor, period, heading=narrative.OVERVIEW, text="<p>Året gick bra.</p>", **kwargs):
    kwargs.setdefault("reason", "Första utkastet")
    return text_services.report_text_save(
        actor=actor, period=period, heading=heading, text=text, **kwargs
    )


def close(period) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
    period.refresh_from_db()


# --- The service -------------------------------------------------------------------------


def test_economist_writes_a_text_with_who_and_why(tertial2, economist):
    text = save(economist, tertial2, expected_version=0)
    record = text.history.first()
    assert text.version == 1
    assert record.history_user == economist
    assert record.history_change_reason == "Första utkastet"


@pytest.mark.parametrize("persona", ["admin_user", "ks_editor"])
def test_administrators_and_the_executive_boards_editors_write(request, tertial2, persona):
    save(request.getfixturevalue(persona), tertial2)
    assert ReportText.objects.filter(period=tertial2, heading=narrative.OVERVIEW).exists()


@pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider"])
def test_others_may_not_write(request, tertial2, persona):
    with pytest.raises(PermissionDenied):
        save(request.getfixturevalue(persona), tertial2)
    assert not ReportText.objects.exists()


def test_a_reason_is_required(tertial2, economist):
    with pytest.raises(ValidationError) as error:
        save(economist, tertial2, reason="  ")
    assert "reason" in error.value.message_dict


def test_a_closed_period_is_read_only(tertial2, economist):
    save(economist, tertial2)
    close(tertial2)
    with pytest.raises(PermissionDenied):
        save(economist, tertial2, text="Ändrat efteråt", reason="Rättelse")
    assert ReportText.objects.get().text == "<p>Året gick bra.</p>"


def test_the_database_refuses_a_text_in_a_closed_period(tertial2, economist):
    text = save(economist, tertial2)
    close(tertial2)
    text.text = "<p>Förbi tjänsten</p>"
    with pytest.raises(IntegrityError), transaction.atomic():
        text.save()


def test_a_heading_the_report_does_not_have_is_refused(tertial2, economist):
    # The delårsrapport (R17) has no heading for governance.
    with pytest.raises(ValidationError) as error:
        save(economist, tertial2, heading=narrative.GOVERNANCE)
    assert "heading" in error.value.message_dict


def test_a_stale_save_is_refused_and_nothing_is_overwritten(tertial2, economist, admin_user):
    save(economist, tertial2, expected_version=0)  # both opened the page at version 0
    with pytest.raises(StaleEdit):
        save(admin_user, tertial2, text="<p>Annan text</p>", expected_version=0)
    assert ReportText.objects.get().text == "<p>Året gick bra.</p>"


def test_the_text_is_sanitised(tertial2, economist):
    text = save(
        economist, tertial2,
        text='<h3>Rubrik</h3><p onclick="x()">Bra <b>år</b><script>alert(1)</script></p>'
             '<ul><li><a href="https://exempel.se">Länk</a></li></ul><img src="x">',
    )  # fmt: skip
    assert "<script" not in text.text and "onclick" not in text.text and "<img" not in text.text
    assert "<h3>Rubrik</h3>" in text.text and "<li>" in text.text and "href=" in text.text


def test_plain_text_with_blank_lines_becomes_paragraphs(tertial2, economist):
    text = save(economist, tertial2, text="Första stycket.\n\nAndra stycket.")
    assert text.text.count("<p>") == 2


# --- The writing page --------------------------------------------------------------------


def url(period, rest=""):
    return f"/rapporter/{period.pk}/forvaltningsberattelse/{rest}"


def test_the_page_lists_the_reports_headings_for_the_economist(client, tertial2, economist):
    client.force_login(economist)
    response = client.get(url(tertial2))
    assert response.status_code == 200
    body = response.content.decode()
    for key in (narrative.OVERVIEW, narrative.GOOD_MANAGEMENT, narrative.OUTLOOK):
        assert f'id="fb-{key}"' in body
        assert url(tertial2, f"{key}/spara/") in body
    assert 'id="fb-styrning"' not in body  # R15 only


def test_a_reader_of_the_open_period_gets_403(client, tertial2, politician):
    client.force_login(politician)
    assert client.get(url(tertial2)).status_code == 403


def test_the_closed_periods_texts_are_read_by_every_reader_without_forms(
    client, tertial2, economist, politician
):
    save(economist, tertial2, text="<p>Ett gott år för kommunen.</p>")
    close(tertial2)
    client.force_login(politician)
    body = client.get(url(tertial2)).content.decode()
    assert "Ett gott år för kommunen." in body
    assert url(tertial2, f"{narrative.OVERVIEW}/spara/") not in body


def test_post_saves_the_text(client, tertial2, economist):
    client.force_login(economist)
    response = client.post(
        url(tertial2, f"{narrative.EVENTS}/spara/"),
        {"handelser-text": "Ny förskola invigd.", "handelser-version": "0",
         "handelser-change_reason": "Utkast"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].endswith("#fb-handelser")
    text = ReportText.objects.get(heading=narrative.EVENTS)
    assert text.text == "<p>Ny förskola invigd.</p>"
    assert text.history.first().history_change_reason == "Utkast"


def test_post_without_reason_keeps_the_text_in_the_form(client, tertial2, economist):
    client.force_login(economist)
    response = client.post(
        url(tertial2, f"{narrative.EVENTS}/spara/"),
        {"handelser-text": "Mitt utkast", "handelser-version": "0"},
    )
    assert response.status_code == 200
    assert "Mitt utkast" in response.content.decode()
    assert not ReportText.objects.exists()


def test_a_stale_post_shows_both_versions_and_keeps_the_users_text(
    client, tertial2, economist, admin_user
):
    save(admin_user, tertial2, heading=narrative.EVENTS, text="<p>Deras text</p>")
    client.force_login(economist)
    response = client.post(
        url(tertial2, f"{narrative.EVENTS}/spara/"),
        {"handelser-text": "Min text", "handelser-version": "0",
         "handelser-change_reason": "Utkast"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="conflict"' in body and "Min text" in body and "Deras text" in body
    assert ReportText.objects.get().text == "<p>Deras text</p>"
    # The form now carries the stored version: saving again goes through.
    assert 'name="handelser-version" value="1"' in body


@pytest.mark.parametrize("persona", ["editor_b", "politician"])
def test_editor_of_another_unit_and_readers_cannot_post(client, request, tertial2, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        url(tertial2, f"{narrative.EVENTS}/spara/"),
        {"handelser-text": "x", "handelser-version": "0", "handelser-change_reason": "x"},
    )
    assert response.status_code == 403
    assert not ReportText.objects.exists()


def test_get_on_a_save_url_is_refused(client, tertial2, economist):
    client.force_login(economist)
    assert client.get(url(tertial2, f"{narrative.EVENTS}/spara/")).status_code == 405


def test_an_unknown_heading_is_404(client, tertial2, economist):
    client.force_login(economist)
    response = client.post(url(tertial2, "styrning/spara/"), {})
    assert response.status_code == 404


def test_the_report_page_links_the_writing_page_for_writers_only(
    client, tertial2, economist, ks_editor, editor_a
):
    for user, linked in ((economist, True), (ks_editor, True), (editor_a, False)):
        client.force_login(user)
        body = client.get(f"/rapporter/{tertial2.pk}/").content.decode()
        assert (url(tertial2) in body) is linked, user
