"""What a user may do, computed once per request from their role assignments.

Every view and every service asks here; nothing else decides access. Per-model helpers
(``get_unit_for_user`` and the like) build on ``access_for``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from apps.accounts.models import Role, RoleAssignment

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.organisation.models import Unit


@dataclass(frozen=True)
class Subtree:
    """A unit and everything below it, as its MPTT bounds, so containment needs no query."""

    unit_id: int
    tree_id: int
    lft: int
    rght: int

    def contains(self, unit: Unit) -> bool:
        return unit.tree_id == self.tree_id and self.lft <= unit.lft and unit.rght <= self.rght


class UserAccess:
    def __init__(self, user: User) -> None:
        self.user = user
        self.is_superuser = bool(user.is_active and user.is_superuser)
        self.assignments: list[RoleAssignment] = []
        if user.is_authenticated and user.is_active:
            self.assignments = list(
                RoleAssignment.objects.filter(user=user).select_related("unit").order_by("pk")
            )
        self.roles = frozenset(a.role for a in self.assignments)

    def _scopes(self, role: str) -> list[Subtree | None]:
        """The subtrees where the user holds ``role``; None stands for the whole kommun."""
        scopes: list[Subtree | None] = []
        for assignment in self.assignments:
            if assignment.role != role:
                continue
            unit = assignment.unit
            if unit is None:
                scopes.append(None)
            else:
                scopes.append(Subtree(unit.pk, unit.tree_id, unit.lft, unit.rght))
        return scopes

    def _holds_for(self, role: str, unit: Unit) -> bool:
        return any(scope is None or scope.contains(unit) for scope in self._scopes(role))

    @property
    def can_read(self) -> bool:
        """Reads what is published: every role includes reading."""
        return self.is_superuser or bool(self.roles)

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATOR in self.roles

    @property
    def is_economist(self) -> bool:
        return self.is_superuser or Role.ECONOMIST in self.roles

    @property
    def reads_unpublished(self) -> bool:
        """Economists and administrators read drafts everywhere; editors their own (see below)."""
        return self.is_administrator or self.is_economist

    def can_edit_for(self, unit: Unit) -> bool:
        """May write the content of ``unit`` (goals, plans, follow-up): its editors and admins."""
        return self.is_administrator or self._holds_for(Role.EDITOR, unit)

    def can_manage_economy_for(self, unit: Unit) -> bool:
        """May write budget, outcomes, forecasts and periods for ``unit``."""
        return self.is_superuser or self._holds_for(Role.ECONOMIST, unit)

    def editor_scopes(self) -> list[Subtree | None]:
        """The subtrees the user writes for as editor (None: the whole kommun)."""
        return self._scopes(Role.EDITOR)

    def editor_units(self) -> list[Unit]:
        """The units the user is editor of (the tops of the subtrees they write for)."""
        return [a.unit for a in self.assignments if a.role == Role.EDITOR and a.unit is not None]

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied


def access_for(user: User) -> UserAccess:
    """The user's access, cached on the user object for the rest of the request."""
    cached = getattr(user, "_styrmodell_access", None)
    if cached is None:
        cached = UserAccess(user)
        user._styrmodell_access = cached
    return cached


def forget_access(user: User) -> None:
    """Drop the cached access, after the user's roles changed."""
    if hasattr(user, "_styrmodell_access"):
        del user._styrmodell_access
