"""``seed_demo`` loads Exempelkommun through the services; a second run changes nothing, keeps
every change a user made, and adds back only what is missing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from apps.accounts.access import access_for
from apps.accounts.models import RoleAssignment, User
from apps.core.history import delete_with_history
from apps.documents.models import Deviation, GoverningDocument
from apps.economy.models import Forecast
from apps.economy.services import forecasts as forecast_services
from apps.followup import services as followup_services
from apps.followup.models import Assessment, UnitCompletion
from apps.goals import services as goal_services
from apps.goals.models import Goal, SteeringModel
from apps.organisation import services
from apps.organisation.models import Municipality, Unit
from apps.periods.models import ReportingPeriod
from apps.plans import services as plan_services
from apps.plans.models import PlanSection

GOAL_TITLE = "Socialnämnden ska bedriva verksamheten inom tilldelad ram"

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


def every_row_count() -> dict[str, int]:
    """Rows of every model, history included: a run that writes anything changes one."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_second_run_on_an_untouched_database_writes_nothing(seeded):
    before = every_row_count()
    seed()
    assert every_row_count() == before


def open_period() -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=2026, kind="tertial2")


def test_running_it_again_keeps_what_users_changed_and_adds_no_copies(seeded):
    admin = User.objects.get(username="admin")
    ekonom = User.objects.get(username="ekonom")
    period = open_period()
    bun = Unit.objects.get(ansvarskod="2000", valid_to=None)
    sn = Unit.objects.get(ansvarskod="3000", valid_to=None)
    services.unit_update(actor=admin, unit=bun, reason="Test", name="Ändrat namn")
    redaktor = User.objects.get(username="redaktor")
    redaktor.set_password("ett eget lösenord")
    redaktor.save()
    forecast = Forecast.objects.get(unit=sn, period=period)
    forecast_services.forecast_save(
        actor=ekonom, unit=sn, period=period, amount=forecast.amount + 1_500_000,
        comment="Ny prognos", deficit_handled=False, reason="Test",
    )  # fmt: skip
    assessment = Assessment.objects.filter(
        period=period, unit_id=F("goal__owner_id"), goal__level__is_financial=False
    ).first()
    followup_services.assessment_save(
        actor=admin, goal=assessment.goal, period=period, unit=assessment.unit,
        status="met", analysis="Min egen analys.", reason="Test",
    )  # fmt: skip
    section = PlanSection.objects.filter(plan__state="draft").order_by("pk").first()
    plan_services.plan_section_update(
        actor=admin, section=section, body="Min egen plantext.", reason="Test"
    )
    goal = Goal.objects.get(title=GOAL_TITLE)
    goal_services.goal_update(actor=admin, goal=goal, reason="Test", title="Nytt namn på målet")
    model = SteeringModel.objects.get(is_active=True)
    model.values = "egna värdeord"
    goal_services.configuration_save(actor=admin, instance=model, reason="Test")
    counts = every_row_count()

    seed()

    assert Unit.objects.get(pk=bun.pk).name == "Ändrat namn"
    assert User.objects.get(username="redaktor").check_password("ett eget lösenord")
    forecast_now = Forecast.objects.get(unit=sn, period=period)
    assert (forecast_now.amount, forecast_now.comment) == (
        forecast.amount + 1_500_000,
        "Ny prognos",
    )
    assessment_now = Assessment.objects.get(pk=assessment.pk)
    assert (assessment_now.status, assessment_now.analysis) == ("met", "Min egen analys.")
    assert "Min egen plantext." in PlanSection.objects.get(pk=section.pk).body
    assert Goal.objects.get(pk=goal.pk).title == "Nytt namn på målet"
    assert not Goal.objects.filter(title=GOAL_TITLE).exists()  # not made a second time
    assert SteeringModel.objects.get(pk=model.pk).values == "egna värdeord"
    assert every_row_count() == counts  # nothing written: no copies, no history


def test_running_it_again_leaves_a_klar_taken_back(seeded):
    admin = User.objects.get(username="admin")
    period = open_period()
    completion = UnitCompletion.objects.filter(period=period).first()
    followup_services.completion_unmark(
        actor=admin, unit=completion.unit, period=period, reason="Test"
    )
    counts = every_row_count()

    seed()

    assert not UnitCompletion.objects.filter(period=period, unit=completion.unit).exists()
    assert every_row_count() == counts


def test_running_it_again_adds_back_what_was_deleted(seeded):
    admin = User.objects.get(username="admin")
    document = GoverningDocument.objects.get(title="Finanspolicy")
    delete_with_history(document, actor=admin, reason="Test")
    deviation = Deviation.objects.order_by("pk").first()
    delete_with_history(deviation, actor=admin, reason="Test")
    users = User.objects.count()
    User.objects.get(username="redaktor2").delete()

    seed()

    assert GoverningDocument.objects.filter(title="Finanspolicy").count() == 1
    assert Deviation.objects.filter(description=deviation.description).count() == 1
    assert User.objects.count() == users
    assert User.objects.get(username="redaktor2").check_password("demo")
    counts = every_row_count()
    seed()
    assert every_row_count() == counts
