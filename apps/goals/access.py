from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from apps.accounts.access import access_for
from apps.accounts.models import User
from apps.goals.models import (
    Assignment,
    AssignmentRecipient,
    BasicMission,
    Goal,
    Indicator,
    SteeringModel,
)
from apps.goals.selectors import goal_choices


def get_goal_for_user(user: User, pk: int, *, write: bool = False) -> Goal:
    """The goal, if ``user`` may read it (or, with ``write``, change it); else 404 or 403.

    Every role reads the chain; writing is for the owning unit's editors (and the units
    above it) and administrators.
    """
    goal = get_object_or_404(
        Goal.objects.select_related("level__model", "owner", "perspective"), pk=pk
    )
    access = access_for(user)
    if not access.can_read:
        raise PermissionDenied
    if write and not access.can_edit_for(goal.owner):
        raise PermissionDenied
    return goal


def can_create_goal_under(user: User, *, model: SteeringModel, parent: Goal | None) -> bool:
    """May create a goal under ``parent`` (at the top without one): some level the model
    offers there may be owned by a unit the user edits."""
    levels, _owners = goal_choices(model=model, access=access_for(user), parent=parent)
    return bool(levels)


def get_assignment_for_user(user: User, pk: int, *, write: bool = False) -> Assignment:
    """Reading is for every role; deciding on an uppdrag is for whoever gave it."""
    assignment = get_object_or_404(Assignment.objects.select_related("given_by", "goal"), pk=pk)
    access = access_for(user)
    if not access.can_read:
        raise PermissionDenied
    if write and not access.can_edit_for(assignment.given_by):
        raise PermissionDenied
    return assignment


def get_recipient_for_user(user: User, pk: int, *, write: bool = False) -> AssignmentRecipient:
    """A receiving unit's part of an uppdrag: its editors write the report."""
    recipient = get_object_or_404(
        AssignmentRecipient.objects.select_related("assignment__goal", "unit"), pk=pk
    )
    access = access_for(user)
    if not access.can_read:
        raise PermissionDenied
    if write and not access.can_edit_for(recipient.unit):
        raise PermissionDenied
    return recipient


def get_mission_for_user(user: User, pk: int, *, write: bool = False) -> BasicMission:
    """A grunduppdrag: every role reads it; its unit's editors (and administrators) keep it
    and the indicators that follow it."""
    mission = get_object_or_404(BasicMission.objects.select_related("unit", "document"), pk=pk)
    access = access_for(user)
    if not access.can_read:
        raise PermissionDenied
    if write and not access.can_edit_for(mission.unit):
        raise PermissionDenied
    return mission


def get_indicator_for_user(user: User, pk: int) -> Indicator:
    """An indicator, for every reader; who may retag it the service decides."""
    indicator = get_object_or_404(Indicator, pk=pk)
    if not access_for(user).can_read:
        raise PermissionDenied
    return indicator
