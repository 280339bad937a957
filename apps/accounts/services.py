"""Writes to users and roles: administrators only, each recorded with who and why."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import transaction

from apps.accounts.access import access_for, forget_access
from apps.accounts.models import RoleAssignment, User
from apps.core.history import delete_with_history, require_reason, save_with_history

if TYPE_CHECKING:
    from axes.models import AccessAttempt
    from django.db.models import QuerySet

    from apps.organisation.models import Unit

logger = logging.getLogger(__name__)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    reason: str,
) -> User:
    """Create a user. ``actor=None`` is the system itself (the demo loader, first setup)."""
    if actor is not None:
        access_for(actor).require(access_for(actor).is_administrator)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    save_with_history(user, actor=actor, reason=require_reason(reason))
    return user


@transaction.atomic
def user_update(
    *, actor: User, user: User, reason: str, expected_version: int | None = None, **changes
) -> User:
    """Change ``user``'s fields; ``expected_version`` is the version the administrator's
    form was opened on, refused with ``StaleEdit`` when another administrator saved since."""
    access_for(actor).require(access_for(actor).is_administrator)
    allowed = {"username", "first_name", "last_name", "email", "is_active", "is_staff",
               "is_superuser"}  # fmt: skip
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"user_update() got unknown fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(user, name, value)
    save_with_history(
        user, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return user


@transaction.atomic
def role_assign(
    *, actor: User | None, user: User, role: str, unit: Unit | None, reason: str
) -> RoleAssignment:
    """Give ``user`` ``role`` for ``unit`` and the units below it (None: the whole kommun)."""
    if actor is not None:
        access_for(actor).require(access_for(actor).is_administrator)
    assignment = RoleAssignment(user=user, role=role, unit=unit)
    save_with_history(assignment, actor=actor, reason=require_reason(reason))
    forget_access(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment, reason: str) -> None:
    access_for(actor).require(access_for(actor).is_administrator)
    user = assignment.user
    delete_with_history(assignment, actor=actor, reason=require_reason(reason))
    forget_access(user)


@transaction.atomic
def login_lockout_clear(*, actor: User, attempts: QuerySet[AccessAttempt]) -> int:
    """Unlock the usernames and addresses of ``attempts`` by forgetting their failures.

    django-axes keeps no history of its own rows, so who unlocked what goes to the log.
    """
    access_for(actor).require(access_for(actor).is_administrator)
    cleared = list(attempts.values_list("username", "ip_address"))
    count, _ = attempts.delete()
    for username, ip_address in cleared:
        logger.info("%s unlocked login for %s from %s", actor, username, ip_address)
    return count
