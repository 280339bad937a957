"""The start page, health check, logo, login and logout at their literal URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from apps.accounts.models import User
from apps.organisation.models import Municipality
from tests.factories import RoleAssignmentFactory, UnitFactory


class TestStart:
    def test_anonymous_is_sent_to_login(self, client, org):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/login/?next=/"

    def test_editor_sees_a_link_to_their_namnd(self, client, editor_a, org):
        client.force_login(editor_a)
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<a href="/organisation/{org.namnd_a.pk}/">Nämnd A</a>' in html
        assert [u.pk for u in response.context["editor_units"]] == [org.namnd_a.pk]
        assert "Nämnd B" not in html
        assert 'href="/admin/"' not in html

    def test_reader_sees_a_kommun_wide_role_and_no_units_to_write_for(
        self, client, politician, org
    ):
        client.force_login(politician)
        response = client.get("/")
        assert response.status_code == 200
        [assignment] = response.context["assignments"]
        assert (assignment.role, assignment.unit) == ("lasare", None)
        assert response.context["editor_units"] == []
        assert 'href="/organisation/"' in response.content.decode()

    def test_economist_sees_the_economy_role(self, client, economist):
        client.force_login(economist)
        response = client.get("/")
        assert [a.role for a in response.context["assignments"]] == ["ekonom"]
        assert response.context["access"].is_economist

    def test_administrator_sees_a_link_to_the_admin(self, client, admin_user):
        client.force_login(admin_user)
        response = client.get("/")
        assert [a.role for a in response.context["assignments"]] == ["administrator"]
        assert 'href="/admin/"' in response.content.decode()

    def test_user_with_several_roles_sees_each(self, client, editor_a, org):
        RoleAssignmentFactory(user=editor_a, role="redaktor", unit=org.forvaltning_b)
        RoleAssignmentFactory(user=editor_a, role="ekonom", unit=None)
        client.force_login(editor_a)
        response = client.get("/")
        html = response.content.decode()
        assert f'href="/organisation/{org.namnd_a.pk}/"' in html
        assert f'href="/organisation/{org.forvaltning_b.pk}/"' in html
        assert [a.role for a in response.context["assignments"]] == [
            "redaktor",
            "redaktor",
            "ekonom",
        ]

    def test_superuser_without_roles_reads_everything(self, client, superuser):
        client.force_login(superuser)
        response = client.get("/")
        assert response.status_code == 200
        assert response.context["assignments"] == []
        assert response.context["access"].can_read
        assert 'class="notice"' not in response.content.decode()

    def test_outsider_sees_the_no_role_notice_and_no_counts(self, client, outsider, org):
        client.force_login(outsider)
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="notice"' in html
        assert 'href="/organisation/"' not in html
        assert "Nämnd A" not in html
        assert response.context["counts"] == {"committees": 0, "companies": 0, "units": 0}

    def test_counts_the_units_in_operation(self, client, politician, org):
        UnitFactory(parent=org.kf, kind="bolag", name="Bostäder AB")
        UnitFactory(
            parent=org.kf, kind="namnd", name="Gammal nämnd", valid_to=dt.date(2022, 12, 31)
        )
        client.force_login(politician)
        response = client.get("/")
        assert response.context["counts"] == {"committees": 2, "companies": 1, "units": 8}

    def test_header_shows_the_kommun_and_the_user(self, client, editor_a):
        client.force_login(editor_a)
        html = client.get("/").content.decode()
        assert "Testkommun" in html
        assert str(editor_a) in html
        assert 'lang="sv"' in html


class TestHealth:
    def test_answers_ok_without_login(self, client, db):
        response = client.get("/health/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"status": "ok"}

    def test_is_never_cached(self, client, db):
        response = client.get("/health/")
        assert "no-cache" in response["Cache-Control"]


class TestLogo:
    def test_404_when_the_kommun_has_no_logo(self, client, org):
        assert client.get("/logo/").status_code == 404

    def test_404_when_there_is_no_kommun(self, client, db):
        assert client.get("/logo/").status_code == 404

    def test_serves_the_logo_without_login(self, client, org, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        municipality = Municipality.objects.get()
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
        municipality.logo.save("logo.svg", ContentFile(svg))
        response = client.get("/logo/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == svg


class TestLogin:
    def test_renders_the_form(self, client, db):
        response = client.get("/login/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="username"' in html
        assert 'name="password"' in html
        assert 'autocomplete="current-password"' in html

    def test_wrong_password_shows_an_error_and_does_not_log_in(self, client, editor_a):
        response = client.post("/login/", {"username": "redaktor_a", "password": "fel"})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        assert 'class="error-summary"' in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_right_password_logs_in_and_goes_to_the_start_page(self, client, editor_a):
        response = client.post("/login/", {"username": "redaktor_a", "password": "secret-pass-123"})
        assert response.status_code == 302
        assert response["Location"] == "/"
        assert client.session["_auth_user_id"] == str(editor_a.pk)

    def test_logging_in_adds_no_row_to_the_users_history(self, client, editor_a):
        before = User.history.count()
        client.post("/login/", {"username": "redaktor_a", "password": "secret-pass-123"})
        editor_a.refresh_from_db()
        assert editor_a.last_login is not None
        assert User.history.count() == before

    def test_goes_on_to_next_after_login(self, client, editor_a, org):
        url = f"/organisation/{org.namnd_a.pk}/"
        response = client.post(
            f"/login/?next={url}",
            {"username": "redaktor_a", "password": "secret-pass-123", "next": url},
        )
        assert response.status_code == 302
        assert response["Location"] == url

    def test_next_to_another_site_is_ignored(self, client, editor_a):
        response = client.post(
            "/login/",
            {
                "username": "redaktor_a",
                "password": "secret-pass-123",
                "next": "https://evil.example.com/",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == "/"

    def test_inactive_user_cannot_log_in(self, client, inactive_editor):
        response = client.post("/login/", {"username": "inaktiv", "password": "secret-pass-123"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_logged_in_user_is_sent_on(self, client, editor_a):
        client.force_login(editor_a)
        response = client.get("/login/")
        assert response.status_code == 302
        assert response["Location"] == "/"


class TestLogout:
    def test_post_logs_out(self, client, editor_a):
        client.force_login(editor_a)
        response = client.post("/logout/")
        assert response.status_code == 302
        assert response["Location"] == "/login/"
        assert "_auth_user_id" not in client.session
        assert client.get("/").status_code == 302

    def test_get_does_not_log_out(self, client, editor_a):
        client.force_login(editor_a)
        assert client.get("/logout/").status_code == 405
        assert client.session["_auth_user_id"] == str(editor_a.pk)

    def test_logout_needs_the_csrf_token(self, editor_a):
        client = Client(enforce_csrf_checks=True)
        client.force_login(editor_a)
        assert client.post("/logout/").status_code == 403
        assert client.session["_auth_user_id"] == str(editor_a.pk)


@pytest.mark.parametrize("url", ["/", "/health/", "/login/"])
def test_pages_forbid_framing(client, db, url):
    assert client.get(url)["X-Frame-Options"] == "DENY"
