"""What a plan page shows from the layers above plans: the seam between plans and economy.

A nämndplan shows the nämnd's budget frame for the year. The economy app holds the frames,
but plans sits below economy in the import order, so economy registers a provider here (in
its ``AppConfig.ready``) and the plan page calls ``frame_for`` once. Without a provider no
frame is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apps.organisation.models import Unit


@dataclass(frozen=True)
class Frame:
    """A body's decided operating frame (net cost) for a year, in kronor."""

    amount: Decimal  # the current frame: the frame budget and the changes decided since
    original: Decimal  # as the frame budget (or an election year's supplementary) decided it
    decision_title: str  # the frame budget's decision
    decided_by: str  # "Kommunfullmäktige"
    decided_on: dt.date | None
    paragraph: str
    url: str = ""  # the decision's page

    @property
    def changes(self) -> Decimal:
        return self.amount - self.original


FrameProvider = Callable[["Unit", int], Frame | None]

_providers: list[FrameProvider] = []


def register_frame_provider(provider: FrameProvider) -> None:
    """Add ``provider``; registering the same one twice (a reloaded app) keeps one."""
    if provider not in _providers:
        _providers.append(provider)


def frame_for(unit: Unit, year: int) -> Frame | None:
    """``unit``'s decided frame for ``year`` from the first provider that has one."""
    for provider in _providers:
        frame = provider(unit, year)
        if frame is not None:
            return frame
    return None
