"""Writes of the finansförvaltning: its full-year forecast per period, the earlier years'
figures and the rule for god ekonomisk hushållning. The ekonomer and the administrators
write them; each change is recorded with who and why."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.bounds import require_years_in_range
from apps.core.history import require_reason, save_with_history
from apps.economy.models import FinanceForecast, GoodManagementRule, YearFigures
from apps.economy.services import require_economy_manager
from apps.periods.services import require_open

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.periods.models import ReportingPeriod

YEAR_FIGURE_FIELDS = (
    "result", "balance_requirement_result", "equity_ratio", "equity_ratio_with_pensions",
    "net_investments", "loan_debt", "tax_rate", "population", "rur_balance",
)  # fmt: skip
# More inhabitants than any kommun has: a typing error, not a figure (and past PostgreSQL's
# integer a database error).
MAX_POPULATION = 10_000_000
HUNDRED = Decimal(100)
RULE_FIELDS = (
    "min_goal_share", "counts_partly_met", "all_financial_goals", "min_financial_share",
    "text", "decided_on", "paragraph",
)  # fmt: skip


def _require_in_range(errors: dict, name: str, value, low, high, message: str) -> None:
    if value is not None and not low <= value <= high:
        errors[name] = message


@transaction.atomic
def finance_forecast_set(
    *,
    actor: User,
    period: ReportingPeriod,
    tax_revenue: Decimal,
    general_grants: Decimal,
    financial_income: Decimal,
    financial_costs: Decimal,
    central_deviation: Decimal = Decimal(0),
    source: str = "",
    comment: str = "",
    expected_version: int | None = None,
    reason: str,
) -> FinanceForecast:
    """Enter or change the finansförvaltning's full-year forecast of ``period`` (an open
    period). ``expected_version``: the version the form was opened on (0: none existed);
    a save after someone else's raises ``StaleEdit``."""
    require_economy_manager(actor)
    require_open(period)
    errors: dict[str, str] = {}
    amounts = {
        "tax_revenue": tax_revenue,
        "financial_income": financial_income,
        "financial_costs": financial_costs,
    }
    for name, amount in amounts.items():  # general grants may be negative (the equalisation)
        if amount is not None and amount < 0:
            errors[name] = _("Enter a positive amount.")
    if errors:
        raise ValidationError(errors)
    reason = require_reason(reason)
    forecast = FinanceForecast.objects.select_for_update().filter(period=period).first()
    forecast = forecast or FinanceForecast(period=period)
    forecast.tax_revenue = tax_revenue
    forecast.general_grants = general_grants
    forecast.financial_income = financial_income
    forecast.financial_costs = financial_costs
    forecast.central_deviation = central_deviation
    forecast.source = (source or "").strip()
    forecast.comment = (comment or "").strip()
    save_with_history(forecast, actor=actor, reason=reason, expected_version=expected_version)
    return forecast


@transaction.atomic
def year_figures_set(
    *,
    actor: User,
    year: int,
    expected_version: int | None = None,
    reason: str,
    **figures,
) -> YearFigures:
    """Enter or change a closed year's figures as its årsredovisning gave them (the
    flerårsöversikt's and the balanskravsutredning's earlier years). Unnamed figures are
    left as they were."""
    require_economy_manager(actor)
    require_years_in_range(year=year)
    errors: dict[str, str] = {}
    tax_rate, population = figures.get("tax_rate"), figures.get("population")
    _require_in_range(
        errors, "tax_rate", tax_rate, 0, HUNDRED, _("Write a tax rate between 0 and 100 kr.")
    )
    _require_in_range(
        errors, "population", population, 0, MAX_POPULATION,
        _("Write a population between 0 and 10 000 000."),
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    reason = require_reason(reason)
    row = YearFigures.objects.select_for_update().filter(year=year).first()
    row = row or YearFigures(year=year)
    for name in YEAR_FIGURE_FIELDS:
        if name in figures:
            setattr(row, name, figures[name])
    save_with_history(row, actor=actor, reason=reason, expected_version=expected_version)
    return row


@transaction.atomic
def good_management_rule_set(
    *,
    actor: User,
    first_year: int,
    min_goal_share: Decimal,
    counts_partly_met: bool,
    all_financial_goals: bool,
    min_financial_share: Decimal | None = None,
    text: str = "",
    decided_on: dt.date | None = None,
    paragraph: str = "",
    expected_version: int | None = None,
    reason: str,
) -> GoodManagementRule:
    """Record the rule KF decided for concluding on god ekonomisk hushållning, applying
    from ``first_year``, or change the rule of that year."""
    require_economy_manager(actor)
    require_years_in_range(first_year=first_year)
    errors: dict[str, str] = {}
    shares = {"min_goal_share": min_goal_share, "min_financial_share": min_financial_share}
    for name, share in shares.items():
        _require_in_range(errors, name, share, 0, HUNDRED, _("Write a share between 0 and 100 %."))
    if errors:
        raise ValidationError(errors)
    reason = require_reason(reason)
    rule = GoodManagementRule.objects.select_for_update().filter(first_year=first_year).first()
    rule = rule or GoodManagementRule(first_year=first_year)
    values = {
        "min_goal_share": min_goal_share,
        "counts_partly_met": counts_partly_met,
        "all_financial_goals": all_financial_goals,
        "min_financial_share": min_financial_share,
        "text": (text or "").strip(),
        "decided_on": decided_on,
        "paragraph": (paragraph or "").strip(),
    }
    for name in RULE_FIELDS:
        setattr(rule, name, values[name])
    save_with_history(rule, actor=actor, reason=reason, expected_version=expected_version)
    return rule
