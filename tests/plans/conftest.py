"""Plans of the test organisation, built through the services as people would.

Nämnd A decides the plans of Förvaltning A and Enhet A1; the editor of Enhet A1 writes the
enhetsplan but decides nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from apps.accounts.models import User
from apps.goals import services as goal_services
from apps.goals.models import Assignment
from apps.plans import services
from apps.plans.models import Activity, Plan
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.goals import conftest as goal_fixtures

YEAR = 2026
REASON = "Beslut i nämnden 2026-01-28 § 5"
DECIDED_ON = dt.date(2026, 1, 28)
READ_ONLY = "Planen är fastställd och kan bara läsas. Öppna den igen för att ändra den."

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain


@pytest.fixture
def enhet_editor(org) -> User:
    """Editor of Enhet A1 only: writes its enhetsplan, cannot decide it."""
    user = UserFactory(username="redaktor_a1", first_name="Enhetschef")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.enhet_a1)
    return user


@pytest.fixture
def assignment(chain, org, admin_user) -> Assignment:
    """KF's uppdrag to Nämnd A for 2026."""
    return goal_services.assignment_create(
        actor=admin_user,
        given_by=org.kf,
        goal=chain.school,
        title="Läslyft i hela kommunen",
        first_year=YEAR,
        last_year=YEAR,
        recipients=[org.namnd_a],
        decided_on=dt.date(2025, 6, 16),
        paragraph="§ 87",
        reason="Budget 2026",
    )


def add_activity(plan: Plan, actor: User, goal, **fields) -> Activity:
    fields.setdefault("title", "Läsombud på varje avdelning")
    fields.setdefault("responsible", "Rektor")
    fields.setdefault("starts_on", dt.date(plan.year, 2, 1))
    fields.setdefault("ends_on", dt.date(plan.year, 11, 30))
    return services.activity_save(actor=actor, plan=plan, goal=goal, reason=REASON, **fields)


@pytest.fixture
def draft(org, chain, editor_a) -> Plan:
    """Förvaltning A's verksamhetsplan 2026, a draft with one activity for Nämnd A's goal."""
    plan = services.plan_create(actor=editor_a, unit=org.forvaltning_a, year=YEAR, reason=REASON)
    add_activity(plan, editor_a, chain.reading)
    return plan


@pytest.fixture
def submitted(draft, editor_a) -> Plan:
    return services.plan_submit(actor=editor_a, plan=draft, reason=REASON)


@pytest.fixture
def decided(submitted, editor_a) -> Plan:
    return services.plan_decide(
        actor=editor_a, plan=submitted, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
    )
