"""Each nämnd's and bolag's verksamhetsberättelse for the demo's periods."""

from __future__ import annotations

from apps.accounts.models import User
from apps.periods.models import ReportingPeriod


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The period's part, written while it is open (key: goals_data.PERIODS' key)."""
