"""The registry of model demos and ``seed_demo --model``: one demo kommun per database, named
for its model, and a database with one model's demo refuses another's (the model demos'
own tests, tests/demo/test_model_<key>.py, build each)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.accounts import services as account_services
from apps.accounts.models import User
from apps.demo.models import DEFAULT, MODEL_DEMOS, demo_in_database, model_demo
from apps.organisation import services as organisation_services
from apps.organisation.models import Municipality, Unit
from tests.demo.model_demos import history_counts

pytestmark = pytest.mark.django_db


def test_every_demo_in_the_registry_is_its_models():
    assert {"vimmerby", "ale", "vadstena"} <= set(MODEL_DEMOS)
    assert DEFAULT == "vimmerby"
    for key in MODEL_DEMOS:
        demo = model_demo(key)
        assert demo.key == key
        assert demo.label and demo.users
        assert demo.municipality_name.startswith("Exempelkommun")


def test_each_demos_kommun_has_its_own_name():
    names = [model_demo(key).municipality_name for key in MODEL_DEMOS]
    assert len(set(names)) == len(names)
    assert model_demo("vimmerby").municipality_name == "Exempelkommun"  # as before --model
    assert "Ale" in model_demo("ale").municipality_name


def test_the_command_offers_the_registrys_models():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("seed_demo", "--model", "goteborg", stdout=StringIO())


@pytest.fixture
def admin(db) -> User:
    """An administrator in a database without a kommun (the ``org`` fixture makes one)."""
    user = account_services.user_create(
        actor=None, username="admin", password="x", first_name="A", last_name="B",
        email="admin@example.se", reason="Test",
    )  # fmt: skip
    account_services.role_assign(
        actor=None, user=user, role="administrator", unit=None, reason="Test"
    )
    return user


def name_kommun(admin: User, name: str) -> Municipality:
    return organisation_services.municipality_update(
        actor=admin, name=name, kommunkod="9999", reason="Test"
    )


def test_an_empty_database_holds_no_demo(db):
    assert demo_in_database() is None


def test_the_kommuns_name_when_created_names_the_demo(admin):
    name_kommun(admin, "Exempelkommun (Ale-modellen)")
    assert demo_in_database() == "ale"
    # An administrator renames the kommun: it is still Ale's demo.
    name_kommun(admin, "Vår kommun")
    assert demo_in_database() == "ale"


def test_a_kommun_that_is_no_demo_is_none(admin):
    name_kommun(admin, "Testkommun")
    assert demo_in_database() is None


@pytest.mark.parametrize(
    ("present", "wanted"), [("ale", "vadstena"), ("vadstena", "vimmerby"), ("vimmerby", "ale")]
)
def test_another_models_demo_is_refused_before_anything_is_written(admin, present, wanted):
    name_kommun(admin, model_demo(present).municipality_name)
    before = history_counts()
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo", "--model", wanted, stdout=StringIO())
    message = str(refused.value)
    assert model_demo(present).label in message
    assert f"--model {wanted}" in message
    assert history_counts() == before
    assert not Unit.objects.exists()
