"""Statuses computed from figures rather than typed: the seam between goals and economy.

A financial goal linked to a key figure takes its status from the figure and its threshold.
The economy app computes them, but goals sits below economy in the import order, so economy
registers a provider here (in its ``AppConfig.ready``) and the goal reads call
``computed_statuses`` once per read. Without a provider nothing is computed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apps.periods.models import ReportingPeriod


@dataclass(frozen=True)
class ComputedStatus:
    status: str  # a GoalStatus value
    value_text: str  # "1,4 %"
    threshold_text: str  # "minst 2,0 %"
    source: str  # "Beräknat från nyckeltalet …"


StatusProvider = Callable[[Sequence[int], "ReportingPeriod"], dict[int, ComputedStatus]]

_providers: list[StatusProvider] = []


def register_status_provider(provider: StatusProvider) -> None:
    """Add ``provider``; registering the same one twice (a reloaded app) keeps one."""
    if provider not in _providers:
        _providers.append(provider)


def computed_statuses(
    goal_ids: Sequence[int], period: ReportingPeriod
) -> dict[int, ComputedStatus]:
    """The computed status of each of ``goal_ids`` that has one in ``period``."""
    if not goal_ids:
        return {}
    found: dict[int, ComputedStatus] = {}
    for provider in _providers:
        found.update(provider(goal_ids, period))
    return found
