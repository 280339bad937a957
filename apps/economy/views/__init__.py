"""The economy's views, one module per part: budget, outcomes, forecasts, statements."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.text import slugify

from apps.economy.models import Forecast
from apps.economy.services.forecasts import deficit
from styrmodell.lib import xlsx


def xlsx_response(sheets: Sequence[xlsx.Sheet], name: str) -> HttpResponse:
    """The sheets as an Excel download named after ``name`` (made a safe file name)."""
    response = HttpResponse(xlsx.workbook_bytes(sheets), content_type=xlsx.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.xlsx"'
    return response


class BudgetAgainstForecast:
    """Deviation and deficit for a page or a row with a body's current ``budget`` (None
    without a decided budget) and its ``forecast`` (None before one is entered)."""

    budget: Decimal | None
    forecast: Forecast | None

    @property
    def forecast_amount(self) -> Decimal | None:
        return self.forecast.amount if self.forecast else None

    @property
    def deviation(self) -> Decimal | None:
        """Budget minus forecast: negative is a deficit."""
        if self.budget is None or self.forecast is None:
            return None
        return self.budget - self.forecast.amount

    @property
    def deficit(self) -> Decimal | None:
        return deficit(forecast=self.forecast_amount, budget=self.budget) or None
