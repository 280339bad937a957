"""Reads of the organisation that span the tree, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from apps.accounts.models import User
from apps.core.history import HistoryEntry, fields_named, history_entries, history_records
from apps.organisation.models import Unit


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
