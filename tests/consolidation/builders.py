"""A small koncern for the tests: the kommun's ledger for tertial 1 2026 (and 2025), two
bolag owned 100 % and 91 %, their figures (each balansräkning balances) and the internal
transactions between them and the kommun."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.consolidation.models import (
    CompanyFigure,
    CompanyForecast,
    CompanyLine,
    InternalKind,
    InternalTransaction,
    Ownership,
)
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from tests.economy.factories import (
    AccountMappingFactory,
    StatementLineFactory,
    book_rows,
    kommun_bas_chart,
)
from tests.factories import ReportingPeriodFactory, UnitFactory

L = CompanyLine

# A bolag's figures for a period: revenue positive, costs negative; result 40 - 1 = …
HOUSING = {
    L.OPERATING_INCOME: "120000000",
    L.OPERATING_COSTS: "-90000000",
    L.DEPRECIATION: "-15000000",
    L.FINANCIAL_INCOME: "200000",
    L.FINANCIAL_COSTS: "-9000000",
    L.APPROPRIATIONS: "0",
    L.TAX: "-1300000",
    L.FIXED_ASSETS: "850000000",
    L.CURRENT_ASSETS: "50000000",
    L.CASH: "30000000",
    L.EQUITY: "180000000",
    L.PROVISIONS: "10000000",
    L.LONG_TERM_LIABILITIES: "650000000",
    L.CURRENT_LIABILITIES: "60000000",
    L.INVESTMENTS: "40000000",
    L.NEW_BORROWING: "30000000",
    L.AMORTISATION: "10000000",
}
ENERGY = {
    L.OPERATING_INCOME: "60000000",
    L.OPERATING_COSTS: "-50000000",
    L.DEPRECIATION: "-5000000",
    L.FINANCIAL_INCOME: "100000",
    L.FINANCIAL_COSTS: "-1500000",
    L.APPROPRIATIONS: "-500000",
    L.TAX: "-700000",
    L.FIXED_ASSETS: "150000000",
    L.CURRENT_ASSETS: "20000000",
    L.CASH: "8000000",
    L.EQUITY: "60000000",
    L.PROVISIONS: "5000000",
    L.LONG_TERM_LIABILITIES: "80000000",
    L.CURRENT_LIABILITIES: "25000000",
}


def result_of(figures: dict) -> Decimal:
    keys = (L.OPERATING_INCOME, L.OPERATING_COSTS, L.DEPRECIATION, L.FINANCIAL_INCOME,
            L.FINANCIAL_COSTS, L.APPROPRIATIONS, L.TAX)  # fmt: skip
    return sum((Decimal(figures[k]) for k in keys if k in figures), Decimal(0))


@dataclass
class Koncern:
    period: ReportingPeriod
    housing: Unit
    energy: Unit


def kommun_ledger(org, *, year: int = 2026) -> None:
    """A balanced ledger: opening balances and January–April's bookings."""
    kommun_bas_chart()
    AccountMappingFactory(
        prefix="13",
        line=StatementLineFactory(
            statement="balance", key="br_financial_assets",
            name="Finansiella anläggningstillgångar", order=40,
        ),
    )  # fmt: skip
    book_rows(
        [
            (0, "1110", "800000000"),
            (0, "1310", "200000000"),
            (0, "1910", "50000000"),
            (0, "2010", "-600000000"),
            (0, "2310", "-450000000"),
            (1, "3010", "-300000000"),
            (1, "4010", "250000000"),
            (2, "8010", "-200000000"),
            (2, "4510", "180000000"),
            (3, "8410", "-5000000"),
            (3, "8510", "3000000"),
            (4, "1910", "72000000"),
        ],
        year=year,
        unit=org.ks,
    )


def add_figures(period: ReportingPeriod, company: Unit, figures: dict) -> None:
    for line, amount in figures.items():
        CompanyFigure.objects.create(period=period, company=company, line=line, amount=amount)


def build_koncern(org, *, with_internal: bool = True, extra_companies: int = 0) -> Koncern:
    kommun_ledger(org)
    period = ReportingPeriodFactory()
    housing = UnitFactory(parent=org.kf, kind="bolag", name="Bostäder AB", short_name="BAB",
                          ansvarskod="8100")  # fmt: skip
    energy = UnitFactory(parent=org.kf, kind="bolag", name="Energi AB", short_name="EAB",
                         ansvarskod="8200")  # fmt: skip
    Ownership.objects.create(company=housing, share=100, from_year=2020)
    Ownership.objects.create(company=energy, share=91, from_year=2020)
    add_figures(period, housing, HOUSING)
    add_figures(period, energy, ENERGY)
    CompanyForecast.objects.create(period=period, company=housing, result=Decimal("6000000"))
    for number in range(extra_companies):
        company = UnitFactory(parent=org.kf, kind="bolag", name=f"Bolag {number}",
                              short_name=f"B{number}", ansvarskod=f"9{number:03d}")  # fmt: skip
        Ownership.objects.create(company=company, share=50, from_year=2020)
        add_figures(period, company, ENERGY)
        InternalTransaction.objects.create(
            period=period, seller=None, buyer=company, kind=InternalKind.SALES,
            amount=Decimal("1000000"), description="Tjänster",
        )  # fmt: skip
    if with_internal:
        InternalTransaction.objects.create(
            period=period, seller=housing, buyer=None, kind=InternalKind.SALES,
            amount=Decimal("8000000"), description="Hyra för skollokaler",
        )  # fmt: skip
        InternalTransaction.objects.create(
            period=period, seller=None, buyer=housing, kind=InternalKind.LOAN,
            amount=Decimal("150000000"), description="Internbanken",
        )  # fmt: skip
        InternalTransaction.objects.create(
            period=period, seller=None, buyer=energy, kind=InternalKind.INTEREST,
            amount=Decimal("900000"), description="Ränta internbanken",
        )  # fmt: skip
        InternalTransaction.objects.create(
            period=period, seller=energy, buyer=housing, kind=InternalKind.SALES,
            amount=Decimal("2000000"), description="Fjärrvärme",
        )  # fmt: skip
    return Koncern(period, housing, energy)
