"""The personnel pages: who reads a period, who imports, the row errors of a refused file,
and the Excel export of the table."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from apps.personnel.models import PersonnelFigure, PersonnelImport
from tests.personnel.files import KOMMUN, changed, csv_bytes


def _upload(content: bytes, name: str = "personal.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_index_lists_the_periods(client, economist, period):
    client.force_login(economist)
    response = client.get("/personal/")
    assert response.status_code == 200
    assert f"/personal/{period.pk}/" in response.content.decode()


def test_a_period_is_linked_for_whoever_may_read_its_figures(client, politician, economist, period):
    """An open period's figures are the ekonom's; a politician reads them once it closes."""
    link = f"/personal/{period.pk}/"
    client.force_login(economist)
    assert link in client.get(f"/ekonomi/{period.pk}/").content.decode()  # the economy's nav
    client.force_login(politician)
    index = client.get("/personal/").content.decode()
    assert "Tertial 2" in index and link not in index
    assert link not in client.get(f"/ekonomi/{period.pk}/").content.decode()
    assert client.get(link).status_code == 403
    period.state = "closed"
    period.save()
    assert link in client.get("/personal/").content.decode()
    assert link in client.get(f"/ekonomi/{period.pk}/").content.decode()
    assert client.get(link).status_code == 200


def test_outsider_gets_403(client, outsider, period):
    client.force_login(outsider)
    assert client.get("/personal/").status_code == 403
    assert client.get(f"/personal/{period.pk}/").status_code == 403


def test_an_open_periods_figures_are_the_economists_a_closed_ones_every_readers(
    client, politician, economist, imported, period
):
    client.force_login(politician)
    assert client.get(f"/personal/{period.pk}/").status_code == 403
    client.force_login(economist)
    response = client.get(f"/personal/{period.pk}/")
    assert response.status_code == 200
    assert 'data-group="total"' in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()
    period.state = "closed"
    period.save()
    client.force_login(politician)
    response = client.get(f"/personal/{period.pk}/")
    assert response.status_code == 200
    assert "1 250" in response.content.decode().replace("\xa0", " ")
    assert 'enctype="multipart/form-data"' not in response.content.decode()


def test_economist_imports_a_file(client, economist, period):
    client.force_login(economist)
    response = client.post(
        f"/personal/{period.pk}/import/",
        {"file": _upload(csv_bytes(KOMMUN)), "reason": "Från HR-systemet"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/personal/{period.pk}/"
    record = PersonnelImport.objects.get()
    assert (record.imported_by, record.reason, record.row_count) == (
        economist,
        "Från HR-systemet",
        6,
    )


def test_a_refused_file_shows_its_row_errors_and_saves_nothing(client, admin_user, period):
    client.force_login(admin_user)
    response = client.post(
        f"/personal/{period.pk}/import/",
        {"file": _upload(csv_bytes(changed(KOMMUN, 2, 1, "Chefer"))), "reason": "x"},
    )
    assert response.status_code == 422
    assert 'class="table table--compact row-errors"' in response.content.decode()
    assert "Chefer" in response.content.decode()
    assert not PersonnelFigure.objects.exists()


def test_an_import_needs_a_reason(client, economist, period):
    client.force_login(economist)
    response = client.post(f"/personal/{period.pk}/import/", {"file": _upload(csv_bytes(KOMMUN))})
    assert response.status_code == 422
    assert not PersonnelImport.objects.exists()


@pytest.mark.parametrize("persona", ["editor_a", "editor_b", "politician"])
def test_others_cannot_import(client, request, period, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        f"/personal/{period.pk}/import/", {"file": _upload(csv_bytes(KOMMUN)), "reason": "x"}
    )
    assert response.status_code == 403
    assert not PersonnelImport.objects.exists()


def test_import_only_by_post(client, economist, period):
    client.force_login(economist)
    assert client.get(f"/personal/{period.pk}/import/").status_code == 405


def test_excel_export_has_the_tables_rows(client, economist, imported, period):
    client.force_login(economist)
    response = client.get(f"/personal/{period.pk}/excel/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 6 + 3
    assert rows[1][2] == 1250
    assert rows[8][2] is None  # Förvaltning A's women: suppressed
