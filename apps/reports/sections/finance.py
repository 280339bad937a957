"""Finansförvaltning, balanskravsutredning, flerårsöversikt, känslighetsanalys and the
investments' accumulated outcome in the reports."""

from __future__ import annotations

from apps.reports.content import BuildContext, Section


def multi_year_overview(ctx: BuildContext) -> Section | None:
    """Five years: result, soliditet, nettoinvesteringar, låneskuld per invånare, skattesats,
    invånare."""
    return None


def finance_forecast(ctx: BuildContext) -> Section | None:
    """The full-year forecast of skatteintäkter, generella statsbidrag, pensions and finance,
    and the reconciliation from the driftredovisning to the resultaträkning."""
    return None


def balance_requirement(ctx: BuildContext) -> Section | None:
    """The balanskravsutredning in full."""
    return None


def sensitivity(ctx: BuildContext) -> Section | None:
    """Känslighetsanalys."""
    return None
