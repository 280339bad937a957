"""The register's and the deviation log's pages at their literal URLs: who reads and writes
them, what a POST leaves in the database, and the query counts of the lists."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from apps.documents import services
from apps.documents.models import Deviation, GoverningDocument
from apps.goals.models import BasicMission
from tests.documents.factories import DeviationFactory, GoverningDocumentFactory
from tests.documents.pdfs import minimal_pdf
from tests.factories import ReportingPeriodFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby

LIST_QUERIES = 6
REVISION_QUERIES = 5
DEVIATIONS_QUERIES = 6
SUMMARY_QUERIES = 7


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def page(response) -> str:
    return unescape(response.content.decode())


def form_data(org, **overrides) -> dict:
    data = {
        "kind": "policy",
        "title": "Policy för intern kontroll",
        "decided_by": org.kf.pk,
        "decided_on": "2024-05-20",
        "paragraph": "§ 61",
        "owner": org.namnd_a.pk,
        "valid_from": "2024-06-01",
        "revise_by": "2028-05-31",
        "url": "https://exempelkommun.se/policy-ik.pdf",
        "change_reason": "Beslut i KF",
    }
    data.update(overrides)
    return data


# --- The register ------------------------------------------------------------------------


def test_outsider_gets_403_on_every_page(client, outsider, org):
    document = GoverningDocumentFactory(decided_by=org.kf, owner=org.namnd_a)
    client.force_login(outsider)
    for url in [
        "/styrdokument/",
        "/styrdokument/revidering/",
        f"/styrdokument/{document.pk}/",
        f"/styrdokument/{document.pk}/pdf/",
        "/styrdokument/avvikelser/",
        "/styrdokument/avvikelser/sammanstallning/",
    ]:
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, org):
    response = client.get("/styrdokument/")
    assert response.status_code == 302
    assert "/login" in response["Location"] or "/logga-in" in response["Location"]


def test_list_filters_by_kind_and_owner_and_shows_the_group(client, politician, org):
    GoverningDocumentFactory(decided_by=org.kf, owner=org.namnd_a, title="Policy A")
    GoverningDocumentFactory(
        decided_by=org.kf, owner=org.namnd_b, title="Reglemente B", kind="reglemente"
    )
    client.force_login(politician)
    response = client.get("/styrdokument/", {"kind": "reglemente"})
    assert "Reglemente B" in page(response) and "Policy A" not in page(response)
    assert t("Mandate and delegation") in page(response)
    response = client.get("/styrdokument/", {"owner": org.namnd_a.pk})
    assert "Policy A" in page(response) and "Reglemente B" not in page(response)


def test_revision_list_labels_overdue_and_due_this_year_in_text(client, politician, org):
    today = timezone.localdate()
    GoverningDocumentFactory(
        decided_by=org.kf, owner=org.ks, title="Gammal plan", revise_by=today - dt.timedelta(1)
    )
    due = dt.date(today.year, 12, 31)
    GoverningDocumentFactory(decided_by=org.kf, owner=org.ks, title="Snart", revise_by=due)
    GoverningDocumentFactory(
        decided_by=org.kf, owner=org.ks, title="Senare", revise_by=due + dt.timedelta(1)
    )
    client.force_login(politician)
    response = client.get("/styrdokument/revidering/")
    assert [d.title for d in response.context["revision"].overdue] == ["Gammal plan"]
    assert [d.title for d in response.context["revision"].due_this_year] == ["Snart"]
    assert "Senare" not in page(response)
    assert t("Overdue for revision") in page(response)
    assert t("Due for revision this year") in page(response)


def test_detail_shows_history_with_who_and_why(client, politician, org, editor_a):
    document = services.document_create(
        actor=editor_a,
        kind="plan",
        title="Plan för digitalisering",
        decided_by=org.namnd_a,
        decided_on=dt.date(2025, 2, 3),
        owner=org.namnd_a,
        valid_from=dt.date(2025, 2, 3),
        revise_by=dt.date(2027, 2, 3),
        url="https://exempelkommun.se/digital.pdf",
        reason="Beslut i nämnden",
    )
    services.document_update(
        actor=editor_a,
        document=document,
        revise_by=dt.date(2028, 2, 3),
        reason="Förlängd giltighet",
    )
    client.force_login(politician)
    response = client.get(f"/styrdokument/{document.pk}/")
    text = page(response)
    assert "Förlängd giltighet" in text and "Beslut i nämnden" in text
    assert "Redaktor_a" in text
    assert f"/styrdokument/{document.pk}/andra/" not in text  # a politician only reads


def test_editor_adds_a_document_with_a_pdf(client, editor_a, org):
    client.force_login(editor_a)
    upload = SimpleUploadedFile("policy.pdf", minimal_pdf(), content_type="application/pdf")
    response = client.post("/styrdokument/ny/", {**form_data(org, url=""), "file": upload})
    document = GoverningDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/styrdokument/{document.pk}/"
    assert document.file.name.endswith(".pdf")
    download = client.get(f"/styrdokument/{document.pk}/pdf/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_file_that_is_not_a_pdf_gets_a_field_error_and_nothing_is_saved(client, editor_a, org):
    client.force_login(editor_a)
    upload = SimpleUploadedFile("policy.pdf", b"<html>not a pdf</html>")
    response = client.post("/styrdokument/ny/", {**form_data(org, url=""), "file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not GoverningDocument.objects.exists()


def test_editor_cannot_pick_another_nämnd_as_owner(client, editor_a, org):
    client.force_login(editor_a)
    response = client.post("/styrdokument/ny/", form_data(org, owner=org.namnd_b.pk))
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not GoverningDocument.objects.exists()


def test_editor_of_another_unit_gets_403_on_edit(client, editor_b, org):
    document = GoverningDocumentFactory(decided_by=org.kf, owner=org.namnd_a)
    client.force_login(editor_b)
    assert client.get(f"/styrdokument/{document.pk}/andra/").status_code == 403
    assert client.post(f"/styrdokument/{document.pk}/andra/", form_data(org)).status_code == 403


def test_politician_cannot_add(client, politician, org):
    client.force_login(politician)
    assert client.get("/styrdokument/ny/").status_code == 403


def test_edit_saves_the_change(client, editor_a, org):
    document = GoverningDocumentFactory(decided_by=org.kf, owner=org.namnd_a)
    client.force_login(editor_a)
    response = client.post(f"/styrdokument/{document.pk}/andra/", form_data(org, title="Ny titel"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Ny titel"
    assert document.history.first().history_change_reason == "Beslut i KF"


def test_download_without_a_file_is_404(client, politician, org):
    document = GoverningDocumentFactory(decided_by=org.kf, owner=org.namnd_a)
    client.force_login(politician)
    assert client.get(f"/styrdokument/{document.pk}/pdf/").status_code == 404


# --- The grunduppdrag cites the register ----------------------------------------------------


def test_basic_mission_cites_a_reglemente(client, editor_a, org, vimmerby):
    reglemente = GoverningDocumentFactory(
        decided_by=org.kf, owner=org.namnd_a, kind="reglemente", title="Reglemente för nämnd A"
    )
    GoverningDocumentFactory(decided_by=org.kf, owner=org.namnd_a, title="En policy")
    client.force_login(editor_a)
    form = client.get(f"/mal/enhet/{org.namnd_a.pk}/grunduppdrag/?ar=2026").context["form"]
    assert list(form.fields["document"].queryset) == [reglemente]
    response = client.post(
        f"/mal/enhet/{org.namnd_a.pk}/grunduppdrag/?ar=2026",
        {
            "text": "Nämnden ansvarar för skolan.",
            "source": "",
            "document": reglemente.pk,
            "first_year": 2026,
            "change_reason": "Nytt reglemente",
        },
    )
    assert response.status_code == 302
    assert BasicMission.objects.get().document == reglemente
    shown = page(client.get(response["Location"]))
    assert "Reglemente för nämnd A" in shown
    assert f"/styrdokument/{reglemente.pk}/" in shown


# --- Avvikelser ----------------------------------------------------------------------------


def test_editor_logs_a_deviation_and_sees_it_in_the_units_list(client, editor_a, org):
    client.force_login(editor_a)
    response = client.post(
        "/styrdokument/avvikelser/ny/",
        {
            "unit": org.enhet_a1.pk,
            "occurred_on": "2026-03-10",
            "kind": "synpunkt",
            "description": "Önskemål om längre öppettider.",
            "measure": "",
            "status": "oppen",
            "change_reason": "Synpunkt via e-post",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/styrdokument/avvikelser/?enhet={org.enhet_a1.pk}"
    deviation = Deviation.objects.get()
    assert deviation.kind == "synpunkt"
    listed = client.get(response["Location"])
    assert "Önskemål om längre öppettider." in page(listed)
    assert f"/styrdokument/avvikelser/{deviation.pk}/andra/" in page(listed)


def test_editor_cannot_log_for_another_nämnd(client, editor_b, org):
    client.force_login(editor_b)
    response = client.post(
        "/styrdokument/avvikelser/ny/",
        {
            "unit": org.enhet_a1.pk,
            "occurred_on": "2026-03-10",
            "kind": "avvikelse",
            "description": "X",
            "status": "oppen",
            "change_reason": "Y",
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Deviation.objects.exists()


def test_editor_of_another_unit_gets_403_on_deviation_edit(client, editor_b, org):
    deviation = DeviationFactory(unit=org.enhet_a1)
    client.force_login(editor_b)
    assert client.get(f"/styrdokument/avvikelser/{deviation.pk}/andra/").status_code == 403


def test_marking_done_without_a_measure_shows_the_error_at_the_field(client, editor_a, org):
    deviation = DeviationFactory(unit=org.enhet_a1)
    client.force_login(editor_a)
    response = client.post(
        f"/styrdokument/avvikelser/{deviation.pk}/andra/",
        {
            "occurred_on": "2026-03-10",
            "unit": org.enhet_a1.pk,
            "kind": "avvikelse",
            "description": deviation.description,
            "measure": "",
            "status": "avslutad",
            "change_reason": "Klar",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["measure"]
    deviation.refresh_from_db()
    assert deviation.status == "oppen"


def test_summary_counts_per_unit_and_period_by_kind_and_status(client, politician, org):
    tertial1 = ReportingPeriodFactory(year=2026, state="closed")
    tertial2 = ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )
    DeviationFactory(unit=org.enhet_a1, occurred_on=dt.date(2026, 2, 1))
    DeviationFactory(
        unit=org.enhet_a1,
        occurred_on=dt.date(2026, 6, 1),
        kind="klagomal",
        status="atgardad",
        measure="Rutin",
    )
    DeviationFactory(unit=org.namnd_b, occurred_on=dt.date(2026, 7, 1), kind="synpunkt")
    DeviationFactory(unit=org.namnd_b, occurred_on=dt.date(2025, 7, 1))  # another year
    client.force_login(politician)
    response = client.get("/styrdokument/avvikelser/sammanstallning/?ar=2026")
    rows = {(r.unit.name, r.period.pk): r for r in response.context["rows"]}
    assert set(rows) == {
        ("Enhet A1", tertial1.pk),
        ("Enhet A1", tertial2.pk),
        ("Nämnd B", tertial2.pk),
    }
    a1_t2 = rows["Enhet A1", tertial2.pk]
    assert (a1_t2.kind_counts, a1_t2.status_counts, a1_t2.total) == ([1, 1, 0], [1, 1, 0], 2)
    assert rows["Enhet A1", tertial1.pk].total == 1
    assert rows["Nämnd B", tertial2.pk].kind_counts == [0, 0, 1]
    assert t("By status") in page(response)


# --- Query counts --------------------------------------------------------------------------


@pytest.fixture(params=[3, 15], ids=["small", "large"])
def size(request) -> int:
    return request.param


@pytest.fixture
def many_documents(org, size, vimmerby) -> int:
    today = timezone.localdate()
    for i in range(size):
        GoverningDocumentFactory(
            decided_by=org.kf,
            owner=[org.namnd_a, org.namnd_b, org.ks][i % 3],
            kind=["policy", "reglemente", "plan"][i % 3],
            decided_on=today - dt.timedelta(days=2000),
            revise_by=today + dt.timedelta(days=(i % 3) - 1),
        )
    return size


@pytest.fixture
def many_deviations(org, size) -> int:
    ReportingPeriodFactory(year=2026, state="closed")
    ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )
    units = [org.enhet_a1, org.forvaltning_a, org.namnd_b, org.forvaltning_b]
    for i in range(size):
        DeviationFactory(
            unit=units[i % len(units)],
            occurred_on=dt.date(2026, 1 + i % 8, 1 + i % 27),
            kind=["avvikelse", "klagomal", "synpunkt"][i % 3],
        )
    return size


class TestQueries:
    def test_list(self, client, editor_a, many_documents, django_assert_num_queries):
        client.force_login(editor_a)
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get("/styrdokument/")
        assert len(response.context["documents"]) == many_documents

    def test_revision_list(self, client, politician, many_documents, django_assert_num_queries):
        client.force_login(politician)
        with django_assert_num_queries(REVISION_QUERIES):
            response = client.get("/styrdokument/revidering/")
        revision = response.context["revision"]
        assert len(revision.overdue) + len(revision.due_this_year) > 0

    def test_deviation_list(self, client, editor_a, many_deviations, django_assert_num_queries):
        client.force_login(editor_a)
        with django_assert_num_queries(DEVIATIONS_QUERIES):
            response = client.get("/styrdokument/avvikelser/")
        assert len(response.context["deviations"]) == many_deviations

    def test_summary(self, client, politician, many_deviations, django_assert_num_queries):
        client.force_login(politician)
        with django_assert_num_queries(SUMMARY_QUERIES):
            response = client.get("/styrdokument/avvikelser/sammanstallning/?ar=2026")
        assert sum(r.total for r in response.context["rows"]) >= many_deviations
