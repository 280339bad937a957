"""The small kommun of ``example_year`` with a pension provision (40 mnkr on account 2210,
paid for from the bank in the opening balance) and pension statements for tertial 1 2026 and
the 2025 year-end, for the notes' and pensions' tests.

Tertial 1 2026: assets 530 (land and buildings) + 72 + 40 (bank) = 642; equity 300 + the
period's result 52 = 352; provision 40, long-term debt 200, current 50. The statement: the
provision 40 (as booked), the contingent liability 100, funds 10. Soliditet 352 / 642 = 54,8 %;
including the contingent liability (352 − 100) / 642 = 39,3 %.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from apps.economy.models import PensionStatement
from apps.periods.models import ReportingPeriod
from tests.economy.factories import (
    AccountMappingFactory,
    StatementLineFactory,
    book_rows,
    example_year,
)
from tests.factories import ReportingPeriodFactory

M = 1_000_000


def mkr(amount) -> Decimal:
    return Decimal(str(amount)) * M


def provisions_line():
    line = StatementLineFactory(
        statement="balance", key="br_provisions", name="Avsättningar", order=100
    )
    AccountMappingFactory(prefix="22", line=line, name="Avsättningar")
    return line


def pension_year(org, *, provision_booked=40) -> ReportingPeriod:
    """``example_year`` with the pension provision booked; the open tertial 1 2026."""
    example_year(org)
    provisions_line()
    book_rows(
        [(0, "2210", -provision_booked * M), (0, "1930", provision_booked * M)],
        year=2026, unit=org.forvaltning_a,
    )  # fmt: skip
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def year_end_2025() -> ReportingPeriod:
    return ReportingPeriodFactory(
        year=2025, kind="bokslut", name="Bokslut", ends_on=dt.date(2025, 12, 31),
        deadline=dt.date(2026, 2, 13), state="open",
    )  # fmt: skip


def statements(period: ReportingPeriod) -> tuple[PensionStatement, PensionStatement]:
    """The period's statement and the 2025 year-end's (whose period is then closed)."""
    previous_period = year_end_2025()
    previous = PensionStatement.objects.create(
        period=previous_period, provision=mkr(38), contingent_liability=mkr(106),
        pension_funds=mkr(10), administrator="KPA Pension",
    )  # fmt: skip
    ReportingPeriod.objects.filter(pk=previous_period.pk).update(state="closed")
    current = PensionStatement.objects.create(
        period=period, provision=mkr(40), contingent_liability=mkr(100),
        pension_funds=mkr(10), actualisation_degree=Decimal("97.0"),
        administrator="KPA Pension", statement_on=dt.date(2026, 5, 8),
    )  # fmt: skip
    return current, previous


@pytest.fixture
def period(org) -> ReportingPeriod:
    return pension_year(org)
