from __future__ import annotations

import pytest

from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def ks_editor(org):
    """The controller at KS: redaktör of Kommunstyrelsen."""
    user = UserFactory(username="ks_controller", first_name="Kim")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.ks)
    return user


@pytest.fixture
def open_period(db):
    return ReportingPeriodFactory(year=2026)  # Tertial 1 2026, open, deadline ahead


@pytest.fixture
def closed_period(db):
    return ReportingPeriodFactory(year=2026, kind="tertial2", name="Tertial 2", state="closed")
