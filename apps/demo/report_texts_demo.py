"""The förvaltningsberättelse's texts, the nämnder's verksamhetsberättelser and the reports'
treatment dates."""

from __future__ import annotations

from apps.accounts.models import User
from apps.periods.models import ReportingPeriod


def load(admin: User) -> None:
    """What belongs to no period; runs before the periods are written."""


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The period's part, written while it is open (key: goals_data.PERIODS' key)."""
