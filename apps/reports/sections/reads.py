"""The reads a report's sections share: the ledger, the resultat- and balansräkning, the key
figures, the bodies' budgets and forecasts, each computed once per report and kept in
``ctx.shared`` so that every chapter prints the same figures from one read; and the small
formats of the economy's tables (the outcome column's header, "–" for a missing amount)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from django.utils.translation import gettext as _

from apps.economy import keyfigures, selectors, statements
from apps.economy.models import Forecast
from apps.economy.selectors import BudgetFigures
from apps.reports.content import BuildContext, ReportKind
from styrmodell.lib.formats import MONTH_ABBREVIATIONS, format_tkr

T = TypeVar("T")


def cached(ctx: BuildContext, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per report: the builders share the ledger and the statements."""
    return ctx.once(f"economy:{key}", compute)


def ledger(ctx: BuildContext) -> statements.Ledger:
    return cached(ctx, "ledger", lambda: statements.ledger(ctx.year, ctx.through_month))


def income(ctx: BuildContext) -> statements.IncomeStatement:
    return cached(
        ctx,
        "income",
        lambda: statements.income_statement(
            ctx.year, ctx.through_month, period_id=ctx.period.pk, book=ledger(ctx)
        ),
    )


def balance(ctx: BuildContext) -> statements.BalanceSheet:
    return cached(
        ctx,
        "balance",
        lambda: statements.balance_sheet(
            ctx.year, ctx.through_month, book=ledger(ctx), result=income(ctx)
        ),
    )


def key_figures(ctx: BuildContext) -> keyfigures.KeyFigures:
    return cached(ctx, "key_figures", lambda: keyfigures.key_figures(ctx.period))


def operating_budgets(ctx: BuildContext) -> dict[int, BudgetFigures]:
    return cached(ctx, "operating_budgets", lambda: selectors.operating_budgets(ctx.year))


def forecasts(ctx: BuildContext) -> dict[int, Forecast]:
    return cached(ctx, "forecasts", lambda: selectors.forecasts(ctx.period.pk))


def is_annual(ctx: BuildContext) -> bool:
    return ctx.kind == ReportKind.ANNUAL


def _short_months(year: int, month: int) -> str:
    """ "jan.–aug. 2026": short enough for a column header."""
    if month <= 1:
        return f"{MONTH_ABBREVIATIONS[0]} {year}"
    return f"{MONTH_ABBREVIATIONS[0]}–{MONTH_ABBREVIATIONS[month - 1]} {year}"


def outcome_header(ctx: BuildContext, year: int | None = None) -> str:
    year = ctx.year if year is None else year
    if ctx.through_month == 12:
        return _("Outcome %(months)s") % {"months": year}
    return _("Outcome %(months)s") % {"months": _short_months(year, ctx.through_month)}


def tkr(value: Decimal | None) -> str:
    return format_tkr(value) if value is not None else "–"
