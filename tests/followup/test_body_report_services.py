"""``body_report_save``: a nämnd's or bolag's verksamhetsberättelse, written by its editors in
an open period, sanitised, with who and why in the history and no lost updates."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.core.locking import StaleEdit
from apps.followup.body_report_services import body_report_save
from apps.followup.models import BodyReport
from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(kind="tertial2", name="Tertial 2", state="open")


def save(actor, period, unit, *, version=0, reason="Delårsrapport", **texts):
    fields = {"important_events": "", "goal_summary": "", "economy": "", "outlook": ""}
    fields.update(texts)
    return body_report_save(
        actor=actor, period=period, unit=unit, reason=reason, version=version, **fields
    )


def test_editor_writes_their_committees_report_with_who_and_why(org, editor_a, period):
    report = save(editor_a, period, org.namnd_a, important_events="Ny skola invigd.")

    stored = BodyReport.objects.get(period=period, unit=org.namnd_a)
    assert stored.pk == report.pk
    assert stored.important_events == "<p>Ny skola invigd.</p>"
    assert stored.version == 1
    record = stored.history.first()
    assert record.history_user == editor_a
    assert record.history_change_reason == "Delårsrapport"


def test_texts_are_sanitised(org, editor_a, period):
    save(
        editor_a, period, org.namnd_a,
        economy='<p onclick="x()">Underskott <strong>2 mnkr</strong></p><script>alert(1)</script>',
        outlook="Första stycket.\n\nAndra stycket.",
    )  # fmt: skip

    stored = BodyReport.objects.get()
    assert stored.economy == "<p>Underskott <strong>2 mnkr</strong></p>"
    assert stored.outlook == "<p>Första stycket.</p><p>Andra stycket.</p>"


def test_editor_of_another_body_is_refused(org, editor_b, period):
    with pytest.raises(PermissionDenied):
        save(editor_b, period, org.namnd_a, important_events="Inte min nämnd.")
    assert not BodyReport.objects.exists()


def test_reader_is_refused(org, politician, period):
    with pytest.raises(PermissionDenied):
        save(politician, period, org.namnd_a, important_events="Läsare skriver inte.")


def test_unit_that_is_not_a_body_is_refused(org, editor_a, period):
    with pytest.raises(ValidationError) as error:
        save(editor_a, period, org.forvaltning_a, important_events="En förvaltning.")
    assert "unit" in error.value.message_dict


def test_closed_period_is_refused(org, editor_a):
    closed = ReportingPeriodFactory(year=2025, name="Bokslut", kind="bokslut", state="closed")
    with pytest.raises(PermissionDenied):
        save(editor_a, closed, org.namnd_a, important_events="För sent.")
    assert not BodyReport.objects.exists()


def test_database_refuses_a_row_in_a_closed_period(org, period):
    report = BodyReport.objects.create(period=period, unit=org.namnd_a, outlook="<p>x</p>")
    period.state = "closed"
    period.save()
    report.outlook = "<p>ändrat</p>"
    with pytest.raises(IntegrityError), transaction.atomic():
        report.save()


def test_reason_is_required(org, editor_a, period):
    with pytest.raises(ValidationError) as error:
        save(editor_a, period, org.namnd_a, important_events="Utan skäl.", reason="  ")
    assert "reason" in error.value.message_dict
    assert not BodyReport.objects.exists()


def test_stale_version_is_refused_and_the_first_text_stays(org, editor_a, period):
    colleague = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=colleague, role="redaktor", unit=org.namnd_a)
    save(editor_a, period, org.namnd_a, important_events="Första texten.")

    with pytest.raises(StaleEdit) as stale:
        save(colleague, period, org.namnd_a, version=0, important_events="Andra texten.")

    assert stale.value.current.important_events == "<p>Första texten.</p>"
    assert BodyReport.objects.get().important_events == "<p>Första texten.</p>"
    save(colleague, period, org.namnd_a, version=1, important_events="Sammanslaget.")
    stored = BodyReport.objects.get()
    assert (stored.important_events, stored.version) == ("<p>Sammanslaget.</p>", 2)
