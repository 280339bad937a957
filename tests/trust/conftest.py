from __future__ import annotations

import pytest

from apps.goals import services as goal_services
from apps.goals.models import SteeringModel
from tests.factories import RoleAssignmentFactory, UserFactory


@pytest.fixture
def ks_editor(org):
    """An editor of Kommunstyrelsen, who writes the kommungemensamma omvärldsanalysen."""
    user = UserFactory(username="redaktor_ks", first_name="Kim")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.ks)
    return user


@pytest.fixture
def ale(org) -> SteeringModel:
    """Ale's styrmodell in use: omvärldsfaktorer, nulägesbeskrivningar, tillitsdialoger."""
    return goal_services.steering_model_load_preset(actor=None, key="ale", activate=True)


@pytest.fixture
def alvesta(org) -> SteeringModel:
    """Alvesta's styrmodell in use: tillit, but no omvärldsfaktorer."""
    return goal_services.steering_model_load_preset(actor=None, key="alvesta", activate=True)
