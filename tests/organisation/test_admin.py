"""The admin at /admin/: open to administrators by role; every save goes through a service
and is recorded with who and why."""

from __future__ import annotations

import pytest

from apps.organisation.models import Municipality, Unit

NON_ADMINS = ["politician", "editor_a", "economist", "outsider"]


def unit_form(org, **overrides) -> dict[str, str]:
    data = {
        "parent": str(org.kf.pk),
        "kind": "namnd",
        "name": "Kultur- och fritidsnämnden",
        "short_name": "KFN",
        "ansvarskod": "4000",
        "valid_from": "2024-01-01",
        "valid_to": "",
        "position": "40",
        "description": "",
        "change_reason": "Ny nämnd enligt KF 2023-11-20 § 112",
        "_save": "Spara",
    }
    data.update(overrides)
    return data


def change_form(unit: Unit, **overrides) -> dict[str, str]:
    data = {
        "parent": str(unit.parent_id or ""),
        "kind": unit.kind,
        "name": unit.name,
        "short_name": unit.short_name,
        "ansvarskod": unit.ansvarskod,
        "valid_from": unit.valid_from.isoformat(),
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else "",
        "position": str(unit.position),
        "description": unit.description,
        "_save": "Spara",
    }
    data.update(overrides)
    return data


def counts() -> tuple[int, int]:
    return Unit.objects.count(), Unit.history.count()


class TestWhoGetsIn:
    def test_anonymous_is_sent_to_the_admin_login(self, client, org):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?next=/admin/"

    @pytest.mark.parametrize("persona", NON_ADMINS)
    @pytest.mark.parametrize(
        "url", ["/admin/", "/admin/organisation/unit/", "/admin/organisation/unit/add/"]
    )
    def test_non_administrator_gets_no_access(self, request, client, persona, url):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_cannot_create_a_unit(self, request, client, org, persona):
        client.force_login(request.getfixturevalue(persona))
        before = counts()
        response = client.post("/admin/organisation/unit/add/", unit_form(org))
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert counts() == before

    def test_editor_cannot_change_their_own_unit(self, client, editor_a, org):
        client.force_login(editor_a)
        before = counts()
        response = client.post(
            f"/admin/organisation/unit/{org.namnd_a.pk}/change/",
            change_form(org.namnd_a, name="Kapad", change_reason="Jag vill"),
        )
        assert response.status_code == 302
        assert Unit.objects.get(pk=org.namnd_a.pk).name == "Nämnd A"
        assert counts() == before

    @pytest.mark.parametrize("persona", ["admin_user", "superuser"])
    def test_administrator_opens_the_admin_and_the_unit_list(self, request, client, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get("/admin/").status_code == 200
        response = client.get("/admin/organisation/unit/")
        assert response.status_code == 200
        html = response.content.decode()
        for name in ("Kommunfullmäktige", "Nämnd A", "Enhet A1", "Förvaltning B"):
            assert name in html

    def test_administrator_by_role_logs_in_at_the_admin_login(self, client, admin_user):
        assert not admin_user.is_staff  # the role, not Django's staff flag, opens the admin
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": "admin", "password": "secret-pass-123", "next": "/admin/"},
        )
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_cannot_log_in_at_the_admin_login(self, request, client, persona):
        user = request.getfixturevalue(persona)
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": user.username, "password": "secret-pass-123", "next": "/admin/"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors
        assert "_auth_user_id" not in client.session

    def test_units_cannot_be_deleted(self, client, admin_user, org):
        client.force_login(admin_user)
        response = client.post(
            f"/admin/organisation/unit/{org.enhet_a1.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 403
        assert Unit.objects.filter(pk=org.enhet_a1.pk).exists()


class TestCreateUnit:
    def test_add_form_asks_for_a_reason(self, client, admin_user):
        client.force_login(admin_user)
        response = client.get("/admin/organisation/unit/add/")
        assert response.status_code == 200
        assert 'name="change_reason"' in response.content.decode()

    def test_creates_the_unit_with_who_and_why(self, client, admin_user, org):
        client.force_login(admin_user)
        response = client.post("/admin/organisation/unit/add/", unit_form(org))

        assert response.status_code == 302
        assert response["Location"] == "/admin/organisation/unit/"
        unit = Unit.objects.get(ansvarskod="4000")
        assert (unit.name, unit.kind, unit.parent_id, unit.position) == (
            "Kultur- och fritidsnämnden",
            "namnd",
            org.kf.pk,
            40,
        )
        record = unit.history.get()
        assert record.history_user == admin_user
        assert record.history_change_reason == "Ny nämnd enligt KF 2023-11-20 § 112"

    def test_without_a_reason_is_refused_and_nothing_saved(self, client, admin_user, org):
        client.force_login(admin_user)
        before = counts()
        response = client.post("/admin/organisation/unit/add/", unit_form(org, change_reason=""))
        assert response.status_code == 200
        assert "change_reason" in response.context["adminform"].form.errors
        assert counts() == before
        assert not Unit.objects.filter(ansvarskod="4000").exists()

    def test_a_forvaltning_under_kf_is_refused_and_nothing_saved(self, client, admin_user, org):
        client.force_login(admin_user)
        before = counts()
        response = client.post("/admin/organisation/unit/add/", unit_form(org, kind="forvaltning"))
        assert response.status_code == 200
        assert "parent" in response.context["adminform"].form.errors
        assert counts() == before

    def test_a_code_in_use_is_refused_and_nothing_saved(self, client, admin_user, org):
        client.force_login(admin_user)
        before = counts()
        response = client.post("/admin/organisation/unit/add/", unit_form(org, ansvarskod="3000"))
        assert response.status_code == 200
        assert "ansvarskod" in response.context["adminform"].form.errors
        assert counts() == before


class TestChangeUnit:
    def test_rename_is_recorded_with_who_and_why(self, client, admin_user, org):
        client.force_login(admin_user)
        response = client.post(
            f"/admin/organisation/unit/{org.namnd_b.pk}/change/",
            change_form(org.namnd_b, name="Socialnämnden", change_reason="Nytt namn"),
        )
        assert response.status_code == 302
        unit = Unit.objects.get(pk=org.namnd_b.pk)
        assert unit.name == "Socialnämnden"
        record = unit.history.latest("history_date")
        assert (record.history_user, record.history_change_reason) == (admin_user, "Nytt namn")

    def test_setting_an_end_date_ends_the_units_below_too(self, client, admin_user, org):
        client.force_login(admin_user)
        response = client.post(
            f"/admin/organisation/unit/{org.namnd_a.pk}/change/",
            change_form(org.namnd_a, valid_to="2025-12-31", change_reason="Sammanslagning"),
        )
        assert response.status_code == 302
        for unit in (org.namnd_a, org.forvaltning_a, org.enhet_a1):
            unit.refresh_from_db()
            assert unit.valid_to.isoformat() == "2025-12-31"
            record = unit.history.latest("history_date")
            assert record.history_user == admin_user
            assert record.history_change_reason == "Sammanslagning"
        assert Unit.objects.get(pk=org.namnd_b.pk).valid_to is None

    def test_moving_a_unit_through_the_admin(self, client, admin_user, org):
        client.force_login(admin_user)
        response = client.post(
            f"/admin/organisation/unit/{org.forvaltning_b.pk}/change/",
            change_form(org.forvaltning_b, parent=str(org.namnd_a.pk), change_reason="Flytt"),
        )
        assert response.status_code == 302
        assert Unit.objects.get(pk=org.forvaltning_b.pk).parent_id == org.namnd_a.pk

    def test_without_a_reason_nothing_is_saved(self, client, admin_user, org):
        client.force_login(admin_user)
        before = counts()
        response = client.post(
            f"/admin/organisation/unit/{org.namnd_b.pk}/change/",
            change_form(org.namnd_b, name="Utan skäl"),
        )
        assert response.status_code == 200
        assert "change_reason" in response.context["adminform"].form.errors
        assert Unit.objects.get(pk=org.namnd_b.pk).name == "Nämnd B"
        assert counts() == before


class TestMunicipality:
    def test_change_is_recorded_with_who_and_why(self, client, admin_user, org):
        client.force_login(admin_user)
        response = client.post(
            "/admin/organisation/municipality/1/change/",
            {
                "name": "Exempelkommun",
                "kommunkod": "0884",
                "population": "25340",
                "change_reason": "Rätt kommunkod",
                "_save": "Spara",
            },
        )
        assert response.status_code == 302
        municipality = Municipality.objects.get()
        assert (municipality.name, municipality.kommunkod) == ("Exempelkommun", "0884")
        record = municipality.history.latest("history_date")
        assert (record.history_user, record.history_change_reason) == (
            admin_user,
            "Rätt kommunkod",
        )

    def test_a_second_municipality_cannot_be_added(self, client, admin_user, org):
        client.force_login(admin_user)
        assert client.get("/admin/organisation/municipality/add/").status_code == 403
