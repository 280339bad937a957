"""What the demo's loaders share: the units by ansvarskod, and how a loader finds again what
it made, so that a second run adds only what is missing and never undoes a user's change.

The demo's rule: a row the demo made is the user's from then on. A loader looks it up by
its natural key (a unit's ansvarskod, a goal's level, owner and title, …); when a user has
changed a field of that key since (renamed the goal), the row's history still holds the
values it was created with, so the demo finds it there and does not make a second one. A
row that is gone (deleted) is made again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model, QuerySet

from apps.organisation.models import Unit

M = TypeVar("M", bound=Model)


def units() -> dict[str, Unit]:
    """The units in force, by ansvarskod."""
    return {unit.ansvarskod: unit for unit in Unit.objects.filter(valid_to=None)}


def by_key(queryset: QuerySet[M], fields: Iterable[str]) -> dict[tuple, M]:
    """The rows of ``queryset`` by the values of ``fields`` (attribute names: ``owner_id``,
    not ``owner``): those they hold now and, for a row changed since, those it was created
    with. Two queries."""
    fields = tuple(fields)
    rows = {row.pk: row for row in queryset}
    found: dict[tuple, M] = {}
    created = queryset.model.history.filter(history_type="+", id__in=list(rows))
    for pk, *values in created.values_list("id", *fields):
        found.setdefault(tuple(values), rows[pk])
    for row in rows.values():
        found[tuple(getattr(row, name) for name in fields)] = row
    return found


def find(model: type[M], **key: object) -> M | None:
    """The row of ``model`` the demo made with ``key``: the one that has those values now,
    else the one created with them and changed since; None if there is none."""
    row = model._default_manager.filter(**key).first()
    if row is not None:
        return row
    created = model.history.filter(history_type="+", **key).values_list("id", flat=True)
    return model._default_manager.filter(pk__in=list(created)).first()


def by_field(queryset: QuerySet[M], field: str) -> dict[object, M]:
    """``by_key`` for one field: the rows by its value now or when they were created."""
    return {value: row for (value,), row in by_key(queryset, (field,)).items()}
