"""Writes of forecasts: each body's full-year forecast of its net operating cost per open
period and the forecasts of its investment projects, both versioned (apps.core.locking).

A body (KS, nämnd, bolag) forecasts a deficit when its forecast exceeds its current budget.
A deficit the nämnd cannot handle within its delegation calls for an åtgärdsplan (DOMAIN.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import require_reason, save_with_history
from apps.economy import selectors
from apps.economy.models import Forecast, InvestmentForecast
from apps.economy.services import may_write_for_body
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_reportable

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.economy.models import InvestmentProject
    from apps.organisation.models import Unit


def deficit(*, forecast: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """How far the forecast exceeds the budget (positive), else zero; None if either is
    missing, since a deficit needs both a decided budget and a forecast."""
    if forecast is None or budget is None:
        return None
    return max(forecast - budget, Decimal("0.00"))


def forecast_with_unhandled_deficit(
    *, unit: Unit, period: ReportingPeriod, lock: bool = False
) -> Forecast | None:
    """``unit``'s forecast in ``period`` if it shows a deficit the nämnd has not said it can
    handle within its delegation; otherwise None. Two queries; ``lock`` locks the forecast
    for the rest of the transaction."""
    forecasts = Forecast.objects.select_for_update() if lock else Forecast.objects
    forecast = forecasts.filter(unit=unit, period=period).first()
    if forecast is None or forecast.deficit_handled:
        return None
    budget = selectors.operating_budgets(period.year).get(unit.pk)
    shortfall = deficit(forecast=forecast.amount, budget=budget.current if budget else None)
    return forecast if shortfall else None


def _require_body(unit: Unit) -> None:
    if unit.kind not in selectors.BODY_KINDS:
        raise ValidationError(
            {"unit": _("Forecasts are made by the executive board, committees and companies.")}
        )


@transaction.atomic
def forecast_save(
    *,
    actor: User,
    unit: Unit,
    period: ReportingPeriod,
    amount: Decimal,
    comment: str,
    deficit_handled: bool = False,
    expected_version: int | None = None,
    reason: str,
) -> Forecast:
    """Create or change ``unit``'s full-year forecast of its net operating cost in ``period``.

    ``expected_version`` is the version the editor started from (0 for a new forecast); if
    someone saved since, ``StaleEdit`` is raised and nothing is written.
    """
    access_for(actor).require(may_write_for_body(actor, unit))
    _require_body(unit)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=unit)
    if amount is None:
        raise ValidationError({"amount": _("Enter the full-year forecast in kronor.")})
    comment = (comment or "").strip()
    if deficit_handled and not comment:
        raise ValidationError(
            {"comment": _("Explain how the committee handles the deficit within its delegation.")}
        )
    forecast = Forecast.objects.select_for_update().filter(unit=unit, period=period).first()
    forecast = forecast or Forecast(unit=unit, period=period)
    forecast.amount, forecast.comment, forecast.deficit_handled = amount, comment, deficit_handled
    save_with_history(
        forecast, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return forecast


@transaction.atomic
def investment_forecast_save(
    *,
    actor: User,
    project: InvestmentProject,
    period: ReportingPeriod,
    year_amount: Decimal,
    total_amount: Decimal,
    comment: str,
    expected_version: int | None = None,
    reason: str,
) -> InvestmentForecast:
    """Create or change an investment project's forecast for the year and its total cost
    (``expected_version``: the version the form was opened on, 0 for none yet)."""
    access_for(actor).require(may_write_for_body(actor, project.unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=project.unit)
    errors = {}
    if year_amount is None:
        errors["year_amount"] = _("Enter the forecast for the year in kronor.")
    if total_amount is None:
        errors["total_amount"] = _("Enter the forecast total cost in kronor.")
    if not project.first_year <= period.year <= project.last_year:
        errors["period"] = _("The project does not run in %(year)s.") % {"year": period.year}
    if errors:
        raise ValidationError(errors)
    forecast = InvestmentForecast.objects.select_for_update().filter(
        project=project, period=period
    ).first() or InvestmentForecast(project=project, period=period)
    forecast.year_amount, forecast.total_amount = year_amount, total_amount
    forecast.comment = (comment or "").strip()
    save_with_history(
        forecast, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return forecast
