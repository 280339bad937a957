"""Personas shared by every test (STYLE.md): a politician who reads, an editor of unit A,
an editor of unit B, an economist, an admin, and an outsider with no role.

The organisation they live in:

    KF
    ├── KS
    ├── Nämnd A ── Förvaltning A ── Enhet A1
    └── Nämnd B ── Förvaltning B
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from apps.accounts.models import User
from apps.organisation.models import Unit
from tests.factories import MunicipalityFactory, RoleAssignmentFactory, UnitFactory, UserFactory


def services_required() -> bool:
    """In CI a test that needs PostgreSQL, Redis or Chromium fails instead of skipping."""
    return os.environ.get("REQUIRE_SERVICES", "").lower() in {"1", "true", "yes", "on"}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Hashing with a million PBKDF2 rounds per persona would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def reports_in_the_request(settings) -> None:
    """Tests read a requested report right after the request: it is made there (eagerly)
    unless a test switches the in-process thread on (tests/reports/test_in_process.py)."""
    settings.REPORTS_IN_PROCESS = False


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory) -> None:
    """Uploads, logos and generated reports go to a temporary folder, not the repository's."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@dataclass
class Org:
    kf: Unit
    ks: Unit
    namnd_a: Unit
    forvaltning_a: Unit
    enhet_a1: Unit
    namnd_b: Unit
    forvaltning_b: Unit


@pytest.fixture
def org(db) -> Org:
    MunicipalityFactory()
    kf = UnitFactory(kind="kf", name="Kommunfullmäktige", short_name="KF", ansvarskod="100")
    ks = UnitFactory(
        parent=kf, kind="ks", name="Kommunstyrelsen", short_name="KS", ansvarskod="1000"
    )
    namnd_a = UnitFactory(
        parent=kf, kind="namnd", name="Nämnd A", short_name="NA", ansvarskod="2000"
    )
    forvaltning_a = UnitFactory(
        parent=namnd_a, kind="forvaltning", name="Förvaltning A", short_name="FA", ansvarskod="2100"
    )
    enhet_a1 = UnitFactory(
        parent=forvaltning_a, kind="enhet", name="Enhet A1", short_name="A1", ansvarskod="2110"
    )
    namnd_b = UnitFactory(
        parent=kf, kind="namnd", name="Nämnd B", short_name="NB", ansvarskod="3000"
    )
    forvaltning_b = UnitFactory(
        parent=namnd_b, kind="forvaltning", name="Förvaltning B", short_name="FB", ansvarskod="3100"
    )
    units = [kf, ks, namnd_a, forvaltning_a, enhet_a1, namnd_b, forvaltning_b]
    for unit in units:
        unit.refresh_from_db()  # MPTT bounds change as siblings are inserted
    return Org(*units)


def _persona(username: str, role: str | None, unit: Unit | None) -> User:
    user = UserFactory(username=username, first_name=username.capitalize())
    if role:
        RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def politician(org) -> User:
    return _persona("politiker", "lasare", None)


@pytest.fixture
def editor_a(org) -> User:
    return _persona("redaktor_a", "redaktor", org.namnd_a)


@pytest.fixture
def editor_b(org) -> User:
    return _persona("redaktor_b", "redaktor", org.namnd_b)


@pytest.fixture
def economist(org) -> User:
    return _persona("ekonom", "ekonom", None)


@pytest.fixture
def admin_user(org) -> User:
    return _persona("admin", "administrator", None)


@pytest.fixture
def outsider(org) -> User:
    return _persona("outsider", None, None)


@pytest.fixture
def superuser(org) -> User:
    """A superuser with no role assignment: may do everything, everywhere."""
    return UserFactory(username="superuser", first_name="Super", is_superuser=True)


@pytest.fixture
def inactive_editor(org) -> User:
    """An editor of unit A whose account has been deactivated: may do nothing."""
    user = UserFactory(username="inaktiv", first_name="Inaktiv", is_active=False)
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user
