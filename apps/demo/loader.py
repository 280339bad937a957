"""Loads Exempelkommun through the same services as the pages, idempotently.

Each ``load_*`` function compares what is there with the demo data and writes only the
difference, so running the loader twice leaves the database (and its history) unchanged.
Later parts of the product add their own ``load_*`` step to ``load_demo``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from apps.accounts import services as account_services
from apps.accounts.models import RoleAssignment, User
from apps.demo import data
from apps.organisation import services as organisation_services
from apps.organisation.models import Municipality, Unit


def load_users() -> User:
    """The demo users with their roles; returns the administrator, who acts for the rest."""
    users = {}
    for username, first_name, last_name, _role, _unit, _title in data.USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.user_create(
                actor=None,
                username=username,
                password=data.DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@exempelkommun.se",
                reason=data.REASON,
            )
        elif not user.check_password(data.DEMO_PASSWORD):
            user.set_password(data.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[username] = user
    admin = users["admin"]
    if not RoleAssignment.objects.filter(user=admin, role="administrator", unit=None).exists():
        account_services.role_assign(
            actor=None, user=admin, role="administrator", unit=None, reason=data.REASON
        )
    return admin


def assign_demo_roles(admin: User) -> None:
    for username, _first, _last, role, ansvarskod, _title in data.USERS:
        unit = Unit.objects.get(ansvarskod=ansvarskod, valid_to=None) if ansvarskod else None
        user = User.objects.get(username=username)
        if not RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
            account_services.role_assign(
                actor=admin, user=user, role=role, unit=unit, reason=data.REASON
            )


def load_municipality(admin: User) -> Municipality:
    current = Municipality.objects.filter(pk=1).first()
    wanted = data.MUNICIPALITY
    if current and all(getattr(current, key) == value for key, value in wanted.items()):
        return current
    return organisation_services.municipality_update(actor=admin, reason=data.REASON, **wanted)


def load_organisation(admin: User) -> None:
    def visit(spec: tuple, parent: Unit | None) -> None:
        ansvarskod, kind, name, short_name, extra, children = spec
        fields = {
            "kind": kind,
            "name": name,
            "short_name": short_name,
            "valid_from": extra.get("valid_from", data.DEFAULT_VALID_FROM),
            "valid_to": extra.get("valid_to"),
            "position": extra.get("position", 100),
            "description": extra.get("description", ""),
        }
        unit = Unit.objects.filter(ansvarskod=ansvarskod, valid_from=fields["valid_from"]).first()
        if unit is None:
            unit = organisation_services.unit_create(
                actor=admin, parent=parent, ansvarskod=ansvarskod, reason=data.REASON, **fields
            )
        else:
            changes = {k: v for k, v in fields.items() if getattr(unit, k) != v}
            if unit.parent_id != (parent.pk if parent else None):
                changes["parent"] = parent
            if changes:
                unit = organisation_services.unit_update(
                    actor=admin, unit=unit, reason=data.REASON, **changes
                )
        for child in children:
            visit(child, unit)

    visit(data.ORGANISATION, None)


# The steps in order; later issues append theirs (goals, plans, budget, follow-up, reports).
STEPS: list[tuple[str, Callable[[User], object]]] = [
    ("kommunen", load_municipality),
    ("organisationen", load_organisation),
    ("roller", assign_demo_roles),
]


@transaction.atomic
def load_demo(*, log: Callable[[str], None] = lambda message: None) -> None:
    admin = load_users()
    for label, step in STEPS:
        log(f"Laddar {label} …")
        step(admin)
