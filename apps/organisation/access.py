from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from apps.accounts.access import access_for
from apps.accounts.models import User
from apps.organisation.models import Unit


def get_unit_for_user(user: User, pk: int, *, write: bool = False) -> Unit:
    """The unit, if ``user`` may read it (or, with ``write``, change it); else 404 or 403.

    Reading the organisation is open to every role; changing a unit is configuration,
    which is the administrators' part.
    """
    unit = get_object_or_404(Unit, pk=pk)
    access = access_for(user)
    if not access.can_read:
        raise PermissionDenied
    if write and not access.is_administrator:
        raise PermissionDenied
    return unit


def require_organisation_reader(user: User) -> None:
    if not access_for(user).can_read:
        raise PermissionDenied
