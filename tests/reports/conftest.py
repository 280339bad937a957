"""Fixtures the report tests share."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ReportingPeriodFactory


@pytest.fixture
def tertial2(org):
    """Tertial 2 2026, January to August: the delårsrapport's period."""
    return ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2",
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 8, 31),
    )  # fmt: skip
