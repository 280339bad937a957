"""The kommunal koncern's bolag: ownership, their statements per period and the internal
transactions.

Exempelkommun owns Exempelkommun Bostäder AB wholly and 91 % of Exempelkommun Energi AB (a
neighbouring kommun owns the rest). The bolag report their resultaträkning and balansräkning
in tertial 1 and 2 and at the bokslut, with a full-year forecast of their result in the
tertials; each balansräkning balances (eget kapital includes the result so far). Between the
kommun and the bolag: the kommun rents its school and care premises from the bostadsbolag,
buys district heating from the energibolag, and lends the bostadsbolag 12 mnkr through its
internbank at interest; its shares in the bolag (book value 120 mnkr, account 1310) are
eliminated against the equity they acquired.

Everything is written through the consolidation services (the figures as the bolag's file is
imported), and a second run changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from apps.accounts.models import User
from apps.consolidation import services
from apps.consolidation.figures_file import FORECAST, swedish_name
from apps.consolidation.models import CompanyLine, InternalKind, InternalTransaction
from apps.demo.common import find
from apps.organisation.models import Unit, UnitKind
from apps.periods.models import ReportingPeriod

REASON = "Demodata för Exempelkommun: koncernen"
HOUSING, ENERGY = "8100", "8200"
OWNERSHIP = {HOUSING: Decimal("100"), ENERGY: Decimal("91")}
MONTHS = {"2025-t2": 8, "2025-bokslut": 12, "2026-t1": 4, "2026-t2": 8}
L = CompanyLine

# The bolag's resultaträkning for the whole year, in mnkr: revenue positive, costs negative
YEAR_RESULTS = {
    HOUSING: {
        2025: {L.OPERATING_INCOME: "118", L.OPERATING_COSTS: "-79.5", L.DEPRECIATION: "-22",
               L.FINANCIAL_INCOME: "0.3", L.FINANCIAL_COSTS: "-12.6", L.TAX: "-0.9"},
        2026: {L.OPERATING_INCOME: "123", L.OPERATING_COSTS: "-82", L.DEPRECIATION: "-23",
               L.FINANCIAL_INCOME: "0.3", L.FINANCIAL_COSTS: "-13.4", L.TAX: "-1.0"},
    },
    ENERGY: {
        2025: {L.OPERATING_INCOME: "64", L.OPERATING_COSTS: "-49", L.DEPRECIATION: "-8.5",
               L.FINANCIAL_INCOME: "0.1", L.FINANCIAL_COSTS: "-1.6", L.APPROPRIATIONS: "-1.5",
               L.TAX: "-0.8"},
        2026: {L.OPERATING_INCOME: "67", L.OPERATING_COSTS: "-52", L.DEPRECIATION: "-9",
               L.FINANCIAL_INCOME: "0.1", L.FINANCIAL_COSTS: "-1.7", L.APPROPRIATIONS: "-1.2",
               L.TAX: "-0.7"},
    },
}  # fmt: skip
# Eget kapital at the start of the year (mnkr): last year's closing
OPENING_EQUITY = {HOUSING: {2025: "146.7", 2026: "150.0"}, ENERGY: {2025: "61.0", 2026: "63.7"}}
# Anläggningstillgångar and långfristiga skulder at the end of 2024 (mnkr); later they follow
# from the investeringar and avskrivningar, the nyupplåning and amortering.
YEAR_END_2024 = {HOUSING: ("864", "676"), ENERGY: ("144.5", "72")}
# Balances at the period's end (mnkr): omsättningstillgångar (of which kassa och bank) and
# avsättningar; kortfristiga skulder are what makes the sheet balance.
BALANCES = {
    HOUSING: {"2025-t2": ("30", "15", "6"), "2025-bokslut": ("32", "18", "6"),
              "2026-t1": ("29", "14", "6"), "2026-t2": ("31", "16", "6.2")},
    ENERGY: {"2025-t2": ("22", "9", "3"), "2025-bokslut": ("24", "10", "3"),
             "2026-t1": ("21", "8", "3"), "2026-t2": ("23", "9", "3.2")},
}  # fmt: skip
BALANCE_LINES = (L.CURRENT_ASSETS, L.CASH, L.PROVISIONS)
# Investeringar, nyupplåning and amortering so far in the year (mnkr)
CASH_FLOWS = {
    HOUSING: {"2025-t2": ("24", "10", "4"), "2025-bokslut": ("38", "20", "6"),
              "2026-t1": ("12", "0", "0"), "2026-t2": ("28", "16", "6")},
    ENERGY: {"2025-t2": ("9", "4", "2"), "2025-bokslut": ("14", "6", "4"),
             "2026-t1": ("4", "0", "0"), "2026-t2": ("11", "4", "2")},
}  # fmt: skip
# The bolag's full-year forecast of their result in the tertials (mnkr)
FORECASTS = {
    HOUSING: {"2025-t2": "3.0", "2026-t1": "3.6", "2026-t2": "3.9"},
    ENERGY: {"2025-t2": "2.4", "2026-t1": "2.3", "2026-t2": "2.2"},
}


def mnkr(amount: str | Decimal) -> Decimal:
    """Million kronor as kronor, to the nearest thousand."""
    return Decimal(int((Decimal(amount) * 1000).to_integral_value()) * 1000)


def _company(code: str) -> Unit | None:
    return Unit.objects.filter(ansvarskod=code, kind=UnitKind.COMPANY).first()


def load(admin: User) -> None:
    """The kommun's shares in its bolag."""
    for code, share in OWNERSHIP.items():
        company = _company(code)
        if company is not None:
            services.ownership_save(
                actor=admin, company=company, share=share, from_year=2020, reason=REASON
            )


def figures_for(code: str, key: str) -> dict[str, Decimal]:
    """A bolag's figures (kronor) for the period ``key``: the year's result by the months
    passed, the balances with eget kapital including the result so far, the fixed assets and
    long-term debt carried from the previous year-end by the period's flows (so that the
    bolag's kassaflöde reconciles with its cash)."""
    year, months = int(key[:4]), MONTHS[key]
    figures = {
        line: mnkr(Decimal(amount) * months / 12)
        for line, amount in YEAR_RESULTS[code][year].items()
    }
    result = sum(figures.values(), Decimal(0))
    for line, amount in zip(BALANCE_LINES, BALANCES[code][key], strict=True):
        figures[line] = mnkr(amount)
    investments, borrowing, amortisation = (mnkr(a) for a in CASH_FLOWS[code][key])
    if year == 2025:
        fixed, long_term = (mnkr(a) for a in YEAR_END_2024[code])
    else:
        year_end = figures_for(code, f"{year - 1}-bokslut")
        fixed, long_term = year_end[L.FIXED_ASSETS], year_end[L.LONG_TERM_LIABILITIES]
    figures[L.FIXED_ASSETS] = fixed + investments + figures[L.DEPRECIATION]
    figures[L.LONG_TERM_LIABILITIES] = long_term + borrowing - amortisation
    figures[L.EQUITY] = mnkr(OPENING_EQUITY[code][year]) + result
    figures[L.CURRENT_LIABILITIES] = (
        figures[L.FIXED_ASSETS] + figures[L.CURRENT_ASSETS] - figures[L.EQUITY]
        - figures[L.PROVISIONS] - figures[L.LONG_TERM_LIABILITIES]
    )  # fmt: skip
    figures[L.INVESTMENTS] = investments
    figures[L.NEW_BORROWING] = borrowing
    figures[L.AMORTISATION] = amortisation
    return figures


def _file(companies: dict[str, Unit], key: str) -> bytes:
    """The bolag's figures as the file they send: bolag;rad;belopp, Swedish numbers."""
    lines = ["bolag;rad;belopp"]
    for code, company in companies.items():
        for line, amount in figures_for(code, key).items():
            lines.append(f"{company.name};{swedish_name(line)};{amount}")
        if key in FORECASTS[code]:
            lines.append(f"{company.name};{swedish_name(FORECAST)};{mnkr(FORECASTS[code][key])}")
    return "\n".join(lines).encode("utf-8")


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The period's part, written while it is open (key: goals_data.PERIODS' key)."""
    if key not in MONTHS:
        return
    companies = {code: unit for code in OWNERSHIP if (unit := _company(code)) is not None}
    if len(companies) < len(OWNERSHIP):
        return
    services.company_figures_import(
        actor=admin, period=period, content=_file(companies, key),
        file_name=f"bolagens-siffror-{key}.csv", reason=REASON,
    )  # fmt: skip
    months = MONTHS[key]
    housing, energy = companies[HOUSING], companies[ENERGY]
    internal = (
        (housing, None, InternalKind.SALES, mnkr(Decimal(18) * months / 12),
         "Kommunens hyror för skol- och omsorgslokaler"),
        (energy, None, InternalKind.SALES, mnkr(Decimal(9) * months / 12),
         "Fjärrvärme och el till kommunens lokaler"),
        (None, housing, InternalKind.LOAN, mnkr("12"), "Lån från internbanken"),
        (None, housing, InternalKind.INTEREST, mnkr(Decimal("0.3") * months / 12),
         "Ränta på lånet från internbanken"),
        (None, housing, InternalKind.SHARES, mnkr("100"), "Aktier i Exempelkommun Bostäder AB"),
        (None, energy, InternalKind.SHARES, mnkr("20"), "Aktier i Exempelkommun Energi AB (91 %)"),
    )  # fmt: skip
    for seller, buyer, kind, amount, description in internal:
        if find(InternalTransaction, period=period, description=description) is not None:
            continue
        services.internal_transaction_add(
            actor=admin, period=period, seller=seller, buyer=buyer, kind=kind, amount=amount,
            description=description, reason=REASON,
        )  # fmt: skip
