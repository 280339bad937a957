"""The outcome import pages at their literal URLs: upload, columns and preview, import or row
errors, the result, and the history; who may use them; what they leave in the database."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.economy import kommun_bas
from apps.economy.models import AccountMapping, OutcomeImport, OutcomeRow, StatementLine
from apps.economy.services.outcomes import outcome_import
from apps.economy.views.outcomes import PENDING
from tests.economy.outcome_files import zip_bomb

EXAMPLES = Path(__file__).resolve().parents[2] / "apps" / "economy" / "examples"
MAY_JUNE = EXAMPLES / "utfall_2026-05_2026-06_windows-1252.csv"
WITH_ERRORS = EXAMPLES / "utfall_med_fel.csv"
REASON = "Utfall maj–juni"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def chart(db):
    kommun_bas.install(StatementLine, AccountMapping)


def page(response) -> str:
    return unescape(response.content.decode())


def upload(client, path: Path | None = None, *, content: bytes | None = None, year=2026):
    content = content if content is not None else path.read_bytes()
    name = path.name if path else "utfall.csv"
    return client.post(
        "/ekonomi/utfall/",
        {"file": SimpleUploadedFile(name, content), "year": year, "reason": REASON},
    )


def stored(media: Path) -> list[Path]:
    folder = media / "outcome-uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


def table_rows(response, css_class: str) -> list[list[str]]:
    """The body rows of the table with ``css_class``, as the text of their cells."""
    html = page(response)
    found = re.search(rf'<table class="[^"]*{css_class}[^"]*">(.*?)</table>', html, re.S)
    assert found, f"no table {css_class}"
    body = re.search(r"<tbody>(.*?)</tbody>", found[1], re.S)[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


MAPPING = {"period": "År-mån", "ansvarskod": "Ansvar", "account": "Konto",
           "amount": "Belopp", "project": "Projekt"}  # fmt: skip


class TestAccess:
    @pytest.mark.parametrize("url", ["/ekonomi/utfall/", "/ekonomi/utfall/kolumner/"])
    @pytest.mark.parametrize("persona", ["politician", "editor_a", "editor_b", "outsider"])
    def test_only_ekonomer_and_administrators(self, client, request, url, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403

    def test_the_result_page_too(self, client, economist, editor_a):
        record = outcome_import(actor=economist, year=2026, content=MAY_JUNE.read_bytes(),
                                file_name="f.csv", reason=REASON)  # fmt: skip
        client.force_login(editor_a)
        assert client.get(f"/ekonomi/utfall/{record.pk}/").status_code == 403

    def test_an_anonymous_visitor_is_sent_to_log_in(self, client, org):
        response = client.get("/ekonomi/utfall/")
        assert response.status_code == 302
        assert "/login/" in response["Location"]

    def test_an_editor_cannot_upload(self, client, editor_a, media):
        client.force_login(editor_a)
        assert upload(client, MAY_JUNE).status_code == 403
        assert stored(media) == []

    @pytest.mark.parametrize("persona", ["economist", "admin_user"])
    def test_the_page_opens_for_them(self, client, request, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get("/ekonomi/utfall/").status_code == 200


class TestTheSteps:
    def test_upload_choose_columns_and_import(self, client, economist, media):
        client.force_login(economist)

        response = upload(client, MAY_JUNE)
        assert response.status_code == 302
        assert response["Location"] == "/ekonomi/utfall/kolumner/"
        [file] = stored(media)
        assert file.read_bytes() == MAY_JUNE.read_bytes()
        assert not OutcomeImport.objects.exists()

        response = client.get("/ekonomi/utfall/kolumner/")
        assert response.status_code == 200
        form = response.context["form"]
        assert {f: form[f].value() for f in MAPPING} == MAPPING  # proposed from the names
        preview = table_rows(response, "outcome-preview")
        assert len(preview) == 10
        assert preview[0][:4] == ["2", "2026-05", "1000", "8010"]
        assert 'name="account"' in page(response)

        response = client.post("/ekonomi/utfall/kolumner/", MAPPING)
        record = OutcomeImport.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/ekonomi/utfall/{record.pk}/"
        assert OutcomeRow.objects.count() == record.row_count == 30
        assert (record.imported_by, record.reason, record.file_name) == (
            economist, REASON, MAY_JUNE.name,
        )  # fmt: skip
        assert stored(media) == []  # deleted after the import
        assert PENDING not in client.session

        response = client.get(response["Location"])
        assert response.status_code == 200
        text = page(response)
        assert "30" in text and record.checksum in text
        assert "maj, juni 2026" in text

    def test_a_changed_mapping_is_used(self, client, economist):
        client.force_login(economist)
        upload(client, content=b"A;B;C;D\n2026-03;2110;5110;12,5\n")
        response = client.get("/ekonomi/utfall/kolumner/")
        assert response.context["form"]["period"].value() in ("", None)
        response = client.post(
            "/ekonomi/utfall/kolumner/",
            {"period": "A", "ansvarskod": "B", "account": "C", "amount": "D", "project": ""},
        )
        assert response.status_code == 302
        assert OutcomeRow.objects.get().amount == Decimal("12.50")
        assert OutcomeImport.objects.get().column_map == {
            "period": "A", "ansvarskod": "B", "account": "C", "amount": "D",
        }  # fmt: skip

    def test_one_column_for_two_fields_is_an_error_on_the_form(self, client, economist):
        client.force_login(economist)
        upload(client, MAY_JUNE)
        response = client.post("/ekonomi/utfall/kolumner/", {**MAPPING, "account": "Ansvar"})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        assert not OutcomeImport.objects.exists()

    def test_a_required_field_without_a_column_is_an_error_at_its_select(self, client, economist):
        client.force_login(economist)
        upload(client, MAY_JUNE)
        response = client.post("/ekonomi/utfall/kolumner/", {**MAPPING, "amount": ""})
        assert response.status_code == 200
        assert response.context["form"].errors["amount"]
        assert 'id="id_amount-error-1"' in page(response) or "field--error" in page(response)

    def test_an_unreadable_file_is_an_error_at_the_file_field(self, client, economist, media):
        client.force_login(economist)
        response = upload(client, content=b"PK\x03\x04broken")
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
        assert stored(media) == []

    def test_a_zip_bomb_is_refused_at_the_file_field_and_not_kept(self, client, economist, media):
        client.force_login(economist)
        response = upload(client, content=zip_bomb(64))
        assert response.status_code == 200
        [error] = response.context["form"].errors["file"]
        assert "200 MB" in error  # the limit, in words the page translates
        assert 'id="id_file-error' in page(response) or "field--error" in page(response)
        assert stored(media) == []
        assert PENDING not in client.session

    def test_a_file_over_the_size_limit_is_refused_at_the_file_field(
        self, client, economist, media, settings
    ):
        settings.OUTCOME_UPLOAD_MAX_MB = 1
        client.force_login(economist)
        response = upload(client, content=b"Period;Ansvar;Konto;Belopp\n" + b" " * (1 << 20))
        assert response.status_code == 200
        [error] = response.context["form"].errors["file"]
        assert "1 MB" in error
        assert stored(media) == []
        response = upload(client, MAY_JUNE)  # a file within the limit is taken
        assert response.status_code == 302

    def test_a_missing_reason_is_an_error_at_its_field(self, client, economist, media):
        client.force_login(economist)
        response = client.post(
            "/ekonomi/utfall/",
            {"file": SimpleUploadedFile("u.csv", MAY_JUNE.read_bytes()), "year": 2026},
        )
        assert response.context["form"].errors["reason"]
        assert stored(media) == []

    def test_cancelling_deletes_the_file(self, client, economist, media):
        client.force_login(economist)
        upload(client, MAY_JUNE)
        response = client.post("/ekonomi/utfall/kolumner/", {"cancel": "1"})
        assert response.status_code == 302
        assert stored(media) == []
        assert not OutcomeImport.objects.exists()

    def test_a_new_upload_replaces_the_waiting_file(self, client, economist, media):
        client.force_login(economist)
        upload(client, MAY_JUNE)
        upload(client, WITH_ERRORS)
        [file] = stored(media)
        assert file.read_bytes() == WITH_ERRORS.read_bytes()

    def test_step_2_without_an_upload_goes_back_to_step_1(self, client, economist):
        client.force_login(economist)
        response = client.get("/ekonomi/utfall/kolumner/")
        assert response.status_code == 302
        assert response["Location"] == "/ekonomi/utfall/"

    def test_only_the_upload_folder_is_ever_read(self, client, economist, media):
        secret = media / "secret.csv"
        secret.write_bytes(MAY_JUNE.read_bytes())
        client.force_login(economist)
        session = client.session
        session[PENDING] = {"path": "../secret.csv", "file_name": "x", "year": 2026,
                            "reason": REASON}  # fmt: skip
        session.save()
        assert client.get("/ekonomi/utfall/kolumner/").status_code == 302
        assert secret.exists()


class TestRefusal:
    def test_row_errors_are_listed_and_nothing_is_imported(self, client, economist, media):
        client.force_login(economist)
        upload(client, WITH_ERRORS)
        response = client.post("/ekonomi/utfall/kolumner/", MAPPING)
        assert response.status_code == 200
        rows = table_rows(response, "row-errors")
        assert [(r[0], r[1], r[2]) for r in rows][:3] == [
            ("3", "Ansvar", "9999"), ("4", "Konto", "9110"), ("5", "År-mån", "2025"),
        ]  # fmt: skip
        assert len(rows) == 6 and all(r[3] for r in rows)
        assert 'role="alert"' in page(response)
        assert not OutcomeImport.objects.exists()
        assert not OutcomeRow.objects.exists()
        assert len(stored(media)) == 1  # kept, so that the columns can be chosen again

    def test_the_first_200_errors_are_shown_with_the_count(self, client, economist):
        client.force_login(economist)
        rows = "".join(f"2026-03;9999;5110;;{n}\n" for n in range(250))
        upload(client, content=f"Period;Ansvar;Konto;Projekt;Belopp\n{rows}".encode())
        response = client.post(
            "/ekonomi/utfall/kolumner/",
            {"period": "Period", "ansvarskod": "Ansvar", "account": "Konto", "amount": "Belopp"},
        )
        assert len(table_rows(response, "row-errors")) == 200
        assert "250" in page(response)

    def test_a_duplicate_file_is_refused_with_who_imported_it(self, client, economist):
        outcome_import(actor=economist, year=2026, content=MAY_JUNE.read_bytes(),
                       file_name="first.csv", reason=REASON)  # fmt: skip
        client.force_login(economist)
        upload(client, MAY_JUNE)
        response = client.post("/ekonomi/utfall/kolumner/", MAPPING)
        assert response.status_code == 200
        assert economist.get_full_name() in page(response)
        assert OutcomeImport.objects.count() == 1


def history_url() -> str:
    return "/ekonomi/utfall/"


@pytest.fixture(params=[2, 12])
def many_imports(request, economist) -> int:
    for month in range(1, request.param + 1):
        content = f"Period;Ansvar;Konto;Belopp\n2026-{month:02d};2110;5110;{month}\n".encode()
        outcome_import(actor=economist, year=2026, content=content, file_name=f"m{month}.csv",
                       reason=REASON)  # fmt: skip
    # A re-import of January: the first import is replaced.
    content = b"Period;Ansvar;Konto;Belopp\n2026-01;2110;5110;99\n"
    outcome_import(actor=economist, year=2026, content=content, file_name="jan-igen.csv",
                   reason=REASON)  # fmt: skip
    return request.param + 1


# Session, user, role assignments, the imports (with who and what replaced them), the kommun
# (its name in the page title).
HISTORY_QUERIES = 5


class TestHistory:
    def test_the_history_lists_every_import_in_a_fixed_number_of_queries(
        self, client, economist, many_imports, django_assert_num_queries
    ):
        client.force_login(economist)
        with django_assert_num_queries(HISTORY_QUERIES):
            response = client.get(history_url())
        rows = table_rows(response, "outcome-history")
        assert len(rows) == many_imports
        newest, oldest = rows[0], rows[-1]
        assert newest[2] == "jan-igen.csv"
        assert oldest[2] == "m1.csv"
        assert oldest[8] == "jan-igen.csv"  # replaced by
        assert newest[8] == "–"
        record = OutcomeImport.objects.get(file_name="m1.csv")
        assert oldest[3] == record.checksum[:12]
        assert oldest[6] == "1" and oldest[7].replace("\xa0", " ") == "1 kr"
        assert oldest[1] == economist.get_full_name()
