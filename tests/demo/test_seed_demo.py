"""``seed_demo`` loads Exempelkommun through the services, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from apps.accounts.access import access_for
from apps.accounts.models import RoleAssignment, User
from apps.organisation import services
from apps.organisation.models import Municipality, Unit

USERS = {
    # username: (role, ansvarskod of the unit or None for the whole kommun)
    "admin": ("administrator", None),
    "ekonom": ("ekonom", None),
    "politiker": ("lasare", None),
    "redaktor": ("redaktor", "2000"),
    "redaktor2": ("redaktor", "3000"),
}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "unit history": Unit.history.count(),
        "users": User.objects.count(),
        "user history": User.history.count(),
        "roles": RoleAssignment.objects.count(),
        "role history": RoleAssignment.history.count(),
        "municipality": Municipality.objects.count(),
        "municipality history": Municipality.history.count(),
    }


@pytest.fixture
def seeded(db) -> str:
    return seed()


def test_creates_exempelkommun(seeded):
    municipality = Municipality.objects.get()
    assert (municipality.name, municipality.kommunkod) == ("Exempelkommun", "9999")
    assert municipality.population == 25_340


def test_creates_the_organisation(seeded):
    open_units = Unit.objects.filter(valid_to=None)
    assert Unit.objects.get(kind="kf", parent=None).name == "Kommunfullmäktige"
    assert Unit.objects.filter(kind="ks").count() == 1
    assert 6 <= open_units.filter(kind="namnd").count() <= 8
    assert open_units.filter(kind="bolag").count() == 2
    assert open_units.filter(kind="forvaltning").count() >= 6
    assert open_units.filter(kind="enhet").count() >= 10
    assert open_units.filter(kind="verksamhet").count() >= 10


def test_every_unit_is_valid_and_in_one_tree(seeded):
    kf = Unit.objects.get(kind="kf")
    assert Unit.objects.exclude(tree_id=kf.tree_id).count() == 0
    for unit in Unit.objects.select_related("parent"):
        unit.full_clean()
    assert kf.get_descendant_count() == Unit.objects.count() - 1


def test_includes_a_unit_that_has_ended(seeded):
    ended = Unit.objects.get(ansvarskod="2113")
    assert ended.valid_to == dt.date(2025, 6, 30)
    assert ended.is_valid_on(dt.date(2024, 1, 1))


def test_history_records_who_and_why(seeded):
    admin = User.objects.get(username="admin")
    records = Unit.history.all()
    assert records.count() == Unit.objects.count()
    assert set(records.values_list("history_user", flat=True)) == {admin.pk}
    assert set(records.values_list("history_change_reason", flat=True)) == {
        "Demodata för Exempelkommun"
    }


def log_in(username: str, password: str = "demo") -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": password})
    assert response.status_code == 302, username
    assert response["Location"] == "/"
    return client


def test_each_demo_user_logs_in_with_password_demo(seeded):
    for username in USERS:
        client = log_in(username)
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
        assert client.get("/organisation/").status_code == 200


def test_each_demo_user_has_the_right_role(seeded):
    for username, (role, ansvarskod) in USERS.items():
        user = User.objects.get(username=username)
        [assignment] = user.role_assignments.select_related("unit")
        assert assignment.role == role, username
        assert (assignment.unit.ansvarskod if assignment.unit else None) == ansvarskod


def test_the_roles_give_the_right_access(seeded):
    users = {u.username: u for u in User.objects.all()}
    bun = Unit.objects.get(ansvarskod="2000")
    skola = Unit.objects.get(ansvarskod="2121")
    sn = Unit.objects.get(ansvarskod="3000")
    assert access_for(users["admin"]).is_administrator
    assert access_for(users["ekonom"]).can_manage_economy_for(skola)
    assert access_for(users["politiker"]).can_read
    assert not access_for(users["politiker"]).can_edit_for(bun)
    assert access_for(users["redaktor"]).can_edit_for(skola)
    assert not access_for(users["redaktor"]).can_edit_for(sn)
    assert access_for(users["redaktor2"]).can_edit_for(sn)
    assert not access_for(users["redaktor2"]).can_edit_for(bun)


def test_prints_the_logins(seeded):
    assert "Exempelkommun" in seeded
    for username in USERS:
        assert username in seeded


def test_running_it_twice_changes_nothing(seeded):
    before = row_counts()
    units = list(Unit.objects.order_by("pk").values())
    seed()
    assert row_counts() == before
    assert list(Unit.objects.order_by("pk").values()) == units


def test_running_it_again_after_people_logged_in_changes_nothing(seeded):
    for username in USERS:
        log_in(username)
    before = row_counts()
    seed()
    assert row_counts() == before


def test_running_it_again_restores_a_changed_unit_and_password(seeded):
    admin = User.objects.get(username="admin")
    bun = Unit.objects.get(ansvarskod="2000")
    services.unit_update(actor=admin, unit=bun, reason="Test", name="Ändrat namn")
    redaktor = User.objects.get(username="redaktor")
    redaktor.set_password("glömt")
    redaktor.save()

    seed()

    assert Unit.objects.get(ansvarskod="2000").name == "Barn- och utbildningsnämnden"
    assert User.objects.get(username="redaktor").check_password("demo")
    before = row_counts()
    seed()
    assert row_counts() == before
