"""Reads of the organisation that span the tree, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from apps.accounts.models import User
from apps.core.history import HistoryEntry, fields_named, history_entries, history_records
from apps.organisation.models import BODY_KINDS, REPORTING_BODY_KINDS, Unit

# --- The body a unit belongs to ----------------------------------------------------------
# One definition for the economy (frames, forecasts, investments), the plans (who decides a
# unit's plan), the control plans and the reports. KF is above every body and is none.

# BODY_KINDS (KS, the nämnder, the bolag) and REPORTING_BODY_KINDS (KS and the nämnder, the
# bodies with a report of their own: pass as ``kinds=`` where only they count) are defined
# with the unit kinds in apps.organisation.models and re-exported here.
__all__ = ["BODY_KINDS", "REPORTING_BODY_KINDS"]


def body_of(unit: Unit, *, kinds: tuple[str, ...] = BODY_KINDS) -> Unit | None:
    """The body ``unit`` belongs to: itself if it is one, else the nearest body above it;
    None for KF and units outside every body. No query for a body, one otherwise."""
    if unit.kind in kinds:
        return unit
    return unit.get_ancestors(ascending=True).filter(kind__in=kinds).first()


def body_of_units(*, kinds: tuple[str, ...] = BODY_KINDS) -> dict[int, int]:
    """Every unit's id mapped to its body's id (``body_of`` for them all). Units outside any
    body (KF itself) map to nothing. One query."""
    result: dict[int, int] = {}
    stack: list[tuple[int, int | None]] = []  # (rght, body id) of the open ancestors
    rows = Unit.objects.order_by("tree_id", "lft").values_list(
        "pk", "tree_id", "lft", "rght", "kind"
    )
    current_tree = None
    for pk, tree_id, lft, rght, kind in rows:
        if tree_id != current_tree:
            stack, current_tree = [], tree_id
        while stack and stack[-1][0] < lft:
            stack.pop()
        body = pk if kind in kinds else (stack[-1][1] if stack else None)
        if body is not None:
            result[pk] = body
        stack.append((rght, body))
    return result


def bodies_between(
    first: dt.date, last: dt.date, *, kinds: tuple[str, ...] = BODY_KINDS
) -> list[Unit]:
    """The bodies valid at some time from ``first`` to ``last``, in tree order. One query."""
    return list(
        Unit.objects.filter(kind__in=kinds, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("tree_id", "lft")
    )


def bodies_in_year(year: int, *, kinds: tuple[str, ...] = BODY_KINDS) -> list[Unit]:
    """The bodies valid at some time in ``year``, in tree order. One query."""
    return bodies_between(dt.date(year, 1, 1), dt.date(year, 12, 31), kinds=kinds)


def bodies_in_period(period, *, kinds: tuple[str, ...] = BODY_KINDS) -> list[Unit]:
    """The bodies valid at some time in a reporting period (anything with ``starts_on`` and
    ``ends_on``), in tree order. One query."""
    return bodies_between(period.starts_on, period.ends_on, kinds=kinds)


# --- The tree -----------------------------------------------------------------------------


@dataclass
class UnitNode:
    unit: Unit
    children: list[UnitNode] = field(default_factory=list)

    @property
    def descendant_count(self) -> int:
        return sum(1 + child.descendant_count for child in self.children)


def units_in_tree_order(*, day: dt.date | None = None):
    """Units valid on ``day`` (all units when None), in tree order: one query."""
    units = Unit.objects.order_by("tree_id", "lft")
    if day is not None:
        units = units.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )
    return units


def unit_tree(*, day: dt.date | None = None) -> list[UnitNode]:
    """The organisation as nested nodes, built in Python from one ordered query.

    A unit whose parent is not shown (ended before ``day``) is left out with its subtree.
    """
    roots: list[UnitNode] = []
    nodes: dict[int, UnitNode] = {}
    for unit in units_in_tree_order(day=day):
        node = UnitNode(unit)
        nodes[unit.pk] = node
        if unit.parent_id is None:
            roots.append(node)
        elif unit.parent_id in nodes:
            nodes[unit.parent_id].children.append(node)
    return roots


def unit_ancestors(unit: Unit) -> list[Unit]:
    """From the root down to the unit's parent: one query."""
    return list(unit.get_ancestors())


def unit_children(unit: Unit) -> list[Unit]:
    return list(unit.get_children().order_by("lft"))


def unit_history(unit: Unit) -> list[HistoryEntry]:
    """The unit's history, newest first, with the fields each change touched: three queries."""
    records = history_records(unit)
    parent_ids = {r.parent_id for r in records if r.parent_id}
    parent_labels = dict(Unit.objects.filter(pk__in=parent_ids).values_list("pk", "name"))
    fields = fields_named(Unit, {"parent", "kind", "name", "short_name", "ansvarskod",
                                 "valid_from", "valid_to", "position", "description"})  # fmt: skip
    entries = history_entries(records, fields, {"parent_id": parent_labels})
    entries.reverse()
    return entries


def role_holders(unit: Unit) -> list[tuple[User, str]]:
    """Who holds a role on this unit itself, for the unit page."""
    return [
        (assignment.user, assignment.get_role_display())
        for assignment in unit.role_assignments.select_related("user").order_by(
            "role", "user__username"
        )
    ]
