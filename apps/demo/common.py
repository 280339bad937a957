"""What the demo's loaders share: the units by ansvarskod, and the test whether a row is
written already, so that a second run of the loader writes nothing."""

from __future__ import annotations

from django.db.models import Model

from apps.organisation.models import Unit


def units() -> dict[str, Unit]:
    """The units in force, by ansvarskod."""
    return {unit.ansvarskod: unit for unit in Unit.objects.filter(valid_to=None)}


def up_to_date(current: Model | None, wanted: dict[str, object]) -> bool:
    """Whether ``current`` exists and holds every ``wanted`` value already."""
    return current is not None and all(getattr(current, k) == v for k, v in wanted.items())
