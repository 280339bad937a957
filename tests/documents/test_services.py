"""The register's and the deviation log's services: who may write, and what bad input leaves
(a Swedish message at the field and nothing saved)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from apps.documents import services
from apps.documents.models import Deviation, GoverningDocument
from tests.documents.factories import DeviationFactory, GoverningDocumentFactory
from tests.documents.pdfs import minimal_pdf
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def document_fields(org, **overrides) -> dict:
    fields = {
        "kind": "reglemente",
        "title": "Reglemente för nämnd A",
        "decided_by": org.kf,
        "decided_on": dt.date(2023, 1, 30),
        "paragraph": "§ 12",
        "owner": org.namnd_a,
        "valid_from": dt.date(2023, 2, 1),
        "revise_by": dt.date(2027, 1, 31),
        "url": "https://exempelkommun.se/reglemente-a.pdf",
        "reason": "Beslut i KF",
    }
    fields.update(overrides)
    return fields


def pdf(name: str = "reglemente.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf() if content is None else content)


# --- Rights ------------------------------------------------------------------------------


def test_owner_units_editor_registers_a_document_with_history(org, editor_a):
    document = services.document_create(actor=editor_a, **document_fields(org))
    record = document.history.get()
    assert record.history_user == editor_a
    assert record.history_change_reason == "Beslut i KF"


def test_administrator_registers_for_any_unit(org, admin_user):
    document = services.document_create(actor=admin_user, **document_fields(org, owner=org.ks))
    assert document.owner == org.ks


@pytest.mark.parametrize("persona", ["editor_b", "politician", "economist", "outsider"])
def test_others_may_not_register_for_nämnd_a(org, persona, request):
    with pytest.raises(PermissionDenied):
        services.document_create(actor=request.getfixturevalue(persona), **document_fields(org))
    assert not GoverningDocument.objects.exists()


def test_editor_may_not_hand_a_document_to_another_unit(org, editor_a):
    document = services.document_create(actor=editor_a, **document_fields(org))
    with pytest.raises(PermissionDenied):
        services.document_update(
            actor=editor_a, document=document, owner=org.namnd_b, reason="Flytt"
        )
    document.refresh_from_db()
    assert document.owner == org.namnd_a


def test_editor_of_another_unit_may_not_change_a_document(org, editor_a, editor_b):
    document = services.document_create(actor=editor_a, **document_fields(org))
    with pytest.raises(PermissionDenied):
        services.document_update(actor=editor_b, document=document, title="X", reason="Byte")


# --- Bad input ---------------------------------------------------------------------------


def test_upload_that_is_not_a_pdf_is_refused_whatever_its_name(org, editor_a, settings):
    with pytest.raises(ValidationError) as raised:
        services.document_create(
            actor=editor_a,
            file=pdf("reglemente.pdf", b"PK\x03\x04 this is a zip file"),
            **document_fields(org),
        )
    assert "file" in raised.value.error_dict
    assert not GoverningDocument.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(media.rglob("*.pdf")) if media.exists() else True


def test_upload_larger_than_ten_megabytes_is_refused(org, editor_a):
    big = minimal_pdf() + b"0" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError) as raised:
        services.document_create(actor=editor_a, file=pdf(content=big), **document_fields(org))
    assert "10 MB" in str(raised.value.error_dict["file"][0].messages[0])
    assert not GoverningDocument.objects.exists()


def test_pdf_of_exactly_ten_megabytes_is_accepted(org, editor_a):
    exact = minimal_pdf()
    exact += b"0" * (10 * 1024 * 1024 - len(exact))
    document = services.document_create(
        actor=editor_a, file=pdf(content=exact), **document_fields(org, url="")
    )
    assert document.file.size == 10 * 1024 * 1024


def test_real_pdf_is_stored_under_media_root(org, editor_a, settings):
    document = services.document_create(actor=editor_a, file=pdf(), **document_fields(org, url=""))
    assert document.file.path.startswith(str(settings.MEDIA_ROOT))
    with document.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"


def test_revise_by_before_the_decision_is_refused(org, editor_a):
    with pytest.raises(ValidationError) as raised:
        services.document_create(
            actor=editor_a, **document_fields(org, revise_by=dt.date(2022, 12, 31))
        )
    assert "revise_by" in raised.value.error_dict
    assert not GoverningDocument.objects.exists()


def test_valid_before_the_decision_is_refused(org, editor_a):
    with pytest.raises(ValidationError) as raised:
        services.document_create(
            actor=editor_a, **document_fields(org, valid_from=dt.date(2022, 1, 1))
        )
    assert "valid_from" in raised.value.error_dict


def test_document_needs_a_link_or_a_file(org, editor_a):
    with pytest.raises(ValidationError) as raised:
        services.document_create(actor=editor_a, **document_fields(org, url=""))
    assert "url" in raised.value.error_dict


def test_an_administration_cannot_decide_a_document(org, admin_user):
    with pytest.raises(ValidationError) as raised:
        services.document_create(
            actor=admin_user, **document_fields(org, decided_by=org.forvaltning_a)
        )
    assert "decided_by" in raised.value.error_dict


def test_a_change_without_reason_is_refused(org, editor_a):
    with pytest.raises(ValidationError) as raised:
        services.document_create(actor=editor_a, **document_fields(org, reason=" "))
    assert "reason" in raised.value.error_dict


def test_messages_are_swedish(org, editor_a):
    with translation.override("sv"), pytest.raises(ValidationError) as raised:
        services.document_create(actor=editor_a, file=pdf(content=b"hello"), **document_fields(org))
    message = str(raised.value.error_dict["file"][0].messages[0])
    assert "PDF" in message


# --- Goals and their history -------------------------------------------------------------


def test_goal_links_are_kept_in_the_history(chain, org, editor_a):
    document = services.document_create(
        actor=editor_a, goals=[chain.reading], **document_fields(org)
    )
    services.document_update(
        actor=editor_a,
        document=document,
        goals=[chain.reading, chain.school],
        reason="Även inriktningsmålet",
    )
    from apps.documents.selectors import document_history

    entries = document_history(document)
    goal_changes = [
        c for e in entries for c in e.changes if c.label == t("goals it supports").capitalize()
    ]
    assert goal_changes[0].new == "Alla elever läser i årskurs 3, Fler elever når målen"
    assert goal_changes[0].old == "Alla elever läser i årskurs 3"
    assert entries[0].reason == "Även inriktningsmålet"


def test_unchanged_goals_add_no_history(chain, org, editor_a):
    document = services.document_create(
        actor=editor_a, goals=[chain.reading], **document_fields(org)
    )
    before = document.history.count()
    services.document_update(
        actor=editor_a, document=document, goals=[chain.reading], title="Nytt", reason="Titel"
    )
    assert document.history.count() == before + 1


# --- Avvikelser --------------------------------------------------------------------------


def test_editor_logs_a_deviation_for_a_unit_below_their_nämnd(org, editor_a):
    deviation = services.deviation_create(
        actor=editor_a,
        unit=org.enhet_a1,
        occurred_on=dt.date(2026, 3, 10),
        kind="klagomal",
        description="Lång väntetid i telefon.",
        reason="Inkommet klagomål",
    )
    assert deviation.history.get().history_user == editor_a


def test_editor_of_another_nämnd_may_not_log_or_change(org, editor_a, editor_b):
    with pytest.raises(PermissionDenied):
        services.deviation_create(
            actor=editor_b,
            unit=org.enhet_a1,
            occurred_on=dt.date(2026, 3, 10),
            kind="avvikelse",
            description="X",
            reason="Y",
        )
    deviation = DeviationFactory(unit=org.enhet_a1)
    with pytest.raises(PermissionDenied):
        services.deviation_update(
            actor=editor_b,
            deviation=deviation,
            occurred_on=deviation.occurred_on,
            kind="avvikelse",
            description="X",
            measure="Y",
            status="atgardad",
            reason="Z",
        )


def test_deviation_in_the_future_is_refused(org, editor_a):
    with pytest.raises(ValidationError) as raised:
        services.deviation_create(
            actor=editor_a,
            unit=org.namnd_a,
            occurred_on=timezone.localdate() + dt.timedelta(days=1),
            kind="avvikelse",
            description="X",
            reason="Y",
        )
    assert "occurred_on" in raised.value.error_dict
    assert not Deviation.objects.exists()


def test_deviation_marked_done_needs_a_measure(org, editor_a):
    deviation = DeviationFactory(unit=org.namnd_a)
    with pytest.raises(ValidationError) as raised:
        services.deviation_update(
            actor=editor_a,
            deviation=deviation,
            occurred_on=deviation.occurred_on,
            kind=deviation.kind,
            description=deviation.description,
            measure="  ",
            status="avslutad",
            reason="Klar",
        )
    assert "measure" in raised.value.error_dict
    deviation.refresh_from_db()
    assert deviation.status == "oppen"


def test_deviation_measure_and_status_are_saved_with_history(org, editor_a):
    deviation = DeviationFactory(unit=org.namnd_a)
    services.deviation_update(
        actor=editor_a,
        deviation=deviation,
        occurred_on=deviation.occurred_on,
        kind=deviation.kind,
        description=deviation.description,
        measure="Ny rutin för dubbelkontroll.",
        status="atgardad",
        reason="Åtgärd införd",
    )
    deviation.refresh_from_db()
    assert deviation.status == "atgardad"
    assert deviation.history.first().history_change_reason == "Åtgärd införd"


def test_factory_document_is_valid(org):
    GoverningDocumentFactory(decided_by=org.kf, owner=org.namnd_a).full_clean()
