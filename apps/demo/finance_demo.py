"""The finansförvaltning's forecast per period, earlier years' figures, the balanskravsutredning's
adjustments and the rule for god ekonomisk hushållning.

Exempelkommun's ledger starts in 2025: 2021–2024 are entered as their årsredovisningar gave
them (the flerårsöversikt's earlier years), at the demo budget's scale and continuous with
its ledger of 2025 (about 1 800 mnkr of tax revenue and grants, 25 000 invånare, skattesats
22,14, soliditet about 51 %, låneskuld about 790 mnkr). 2023 left a negative
balanskravsresultat of −8,2 mnkr, restored in part by 2024 and in full by 2025. The
finansförvaltning's tax forecasts follow SKR's circulars. Written through the services,
once: a second run leaves what exists (the user's from then on) as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from apps.accounts.models import User
from apps.demo.common import find
from apps.economy.models import FinanceForecast, GoodManagementRule, YearFigures
from apps.economy.services.finance import (
    finance_forecast_set,
    good_management_rule_set,
    year_figures_set,
)
from apps.periods.models import ReportingPeriod

M = Decimal(1_000_000)


def mnkr(amount: str) -> Decimal:
    return (Decimal(amount) * M).quantize(Decimal("0.01"))


# year: result, balanskravsresultat, soliditet, soliditet inkl. pensions, nettoinvesteringar,
# låneskuld (mnkr), skattesats, invånare 31 dec, RUR at the year's end (mnkr)
EARLIER_YEARS = {
    2021: ("34.6", "31.9", "49.8", "30.2", "88.4", "700", "22.14", 24_780, "38.0"),
    2022: ("27.3", "25.0", "50.5", "32.4", "102.7", "730", "22.14", 24_905, "42.0"),
    2023: ("-4.9", "-8.2", "50.9", "34.1", "121.5", "765", "22.14", 25_010, "42.0"),
    2024: ("12.8", "5.1", "51.6", "36.0", "96.2", "785", "22.14", 25_120, "42.0"),
}
YEAR_FIELDS = (
    "result", "balance_requirement_result", "equity_ratio", "equity_ratio_with_pensions",
    "net_investments", "loan_debt", "tax_rate", "population", "rur_balance",
)  # fmt: skip
MONEY_FIELDS = {"result", "balance_requirement_result", "net_investments", "loan_debt",
                "rur_balance"}  # fmt: skip

# period key: tax revenue, general grants, financial income, financial costs, central
# deviation (pensions and other items outside the frames, signed as a result), source, comment.
# The tax revenue and grants together, and the forecast result, stay as budgeted: the demo's
# goal texts and indicator values state the key figures computed when each period's follow-up
# is written, before this step runs (apps/demo/loader.py), so these forecasts leave them as
# they are.
FORECASTS = {
    "2025-t2": (
        "1379.5",
        "403.5",
        "10.2",
        "13.6",
        "-1.6",
        "SKR cirkulär 25:31 (augusti 2025)",
        "Skatteunderlaget växer något snabbare än i budgeten, men utjämningen ger lika mycket "
        "mindre. Pensionskostnaderna blir 1,6 mnkr högre än budgeterat efter KPA:s prognos i "
        "augusti, vilket vägs upp av finansnettot.",
    ),
    "2026-t1": (
        "1412.8",
        "437.2",
        "10.6",
        "15.8",
        "-0.8",
        "SKR cirkulär 26:12 (april 2026)",
        "SKR:s aprilprognos sänker skatteunderlagets tillväxt för 2026, men utjämningen ger "
        "lika mycket mer. Lägre räntor än budgeterat väger upp högre pensionskostnader.",
    ),
    "2026-t2": (
        "1421.6",
        "428.4",
        "12.0",
        "17.2",
        "-0.8",
        "SKR cirkulär 26:31 (augusti 2026)",
        "Starkare lönesumma i augustiprognosen, men lägre generella statsbidrag efter "
        "utjämningen. Högre ränteintäkter på likviditeten väger upp räntekostnaderna för den "
        "nya upplåningen och pensionernas överskridande på 0,8 mnkr.",
    ),
}

RULE_TEXT = (
    "Kommunen har en god ekonomisk hushållning när mer än hälften av kommunfullmäktiges "
    "verksamhetsmål är uppfyllda eller delvis uppfyllda och samtliga finansiella mål är "
    "uppfyllda."
)
REASON = "Demodata"


def load(admin: User) -> None:
    """Earlier years' figures and the rule for god ekonomisk hushållning."""
    for year, values in EARLIER_YEARS.items():
        if find(YearFigures, year=year) is not None:
            continue
        figures = {}
        for name, value in zip(YEAR_FIELDS, values, strict=True):
            if name in MONEY_FIELDS:
                figures[name] = mnkr(value)
            elif name == "population":
                figures[name] = value
            else:
                figures[name] = Decimal(value)
        year_figures_set(
            actor=admin, year=year, reason=f"{REASON}: årsredovisning {year}", **figures
        )
    if find(GoodManagementRule, first_year=2024) is None:
        good_management_rule_set(
            actor=admin,
            first_year=2024,
            min_goal_share=Decimal(50),
            counts_partly_met=True,
            all_financial_goals=True,
            text=RULE_TEXT,
            decided_on=dt.date(2023, 11, 27),
            paragraph="§ 123",
            reason=f"{REASON}: riktlinjer för god ekonomisk hushållning, KF § 123",
        )


def for_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """The finansförvaltning's forecast of the period (the tertials of 2025 and 2026)."""
    if key not in FORECASTS or FinanceForecast.objects.filter(period=period).exists():
        return
    tax, grants, income, costs, central, source, comment = FORECASTS[key]
    finance_forecast_set(
        actor=admin,
        period=period,
        tax_revenue=mnkr(tax),
        general_grants=mnkr(grants),
        financial_income=mnkr(income),
        financial_costs=mnkr(costs),
        central_deviation=mnkr(central),
        source=source,
        comment=comment,
        reason=f"{REASON}: {source}",
    )
