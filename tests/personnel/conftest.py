from __future__ import annotations

import pytest

from apps.personnel.services import personnel_import
from tests.factories import ReportingPeriodFactory
from tests.personnel.files import KOMMUN, SMALL_UNIT, csv_bytes


@pytest.fixture
def period(org):
    return ReportingPeriodFactory(year=2026, kind="tertial2", name="Tertial 2")


@pytest.fixture
def imported(period, economist):
    """The kommun's rows and Förvaltning A's (2100), imported by the ekonom."""
    return personnel_import(
        actor=economist, period=period, content=csv_bytes(KOMMUN + SMALL_UNIT),
        file_name="personal.csv", reason="Från HR-systemet",
    )  # fmt: skip
