"""How an indicator stands against its target and its previous value. No Django here."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class TargetStatus(StrEnum):
    MET = "met"
    NEAR = "near"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    UNKNOWN = "unknown"


def target_status(
    value: Decimal | None, target: Decimal | None, *, higher_is_better: bool, near_percent: Decimal
) -> TargetStatus:
    """Met when the value is on the right side of the target; near when within
    ``near_percent`` of the target's size; otherwise not met. No value or target: no data."""
    if value is None or target is None:
        return TargetStatus.NO_DATA
    gap = (value - target) if higher_is_better else (target - value)
    if gap >= 0:
        return TargetStatus.MET
    tolerance = abs(target) * near_percent / Decimal(100)
    if -gap <= tolerance:
        return TargetStatus.NEAR
    return TargetStatus.NOT_MET


def trend(value: Decimal | None, previous: Decimal | None, *, higher_is_better: bool) -> Trend:
    if value is None or previous is None:
        return Trend.UNKNOWN
    if value == previous:
        return Trend.UNCHANGED
    went_up = value > previous
    return Trend.BETTER if went_up == higher_is_better else Trend.WORSE
