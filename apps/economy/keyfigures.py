"""Key figures for god ekonomisk hushållning, computed from the ledger per reporting period,
and the status of the financial goals linked to them.

Each figure of the income statement has the outcome to date (January to the period's month)
and the full-year forecast; the figures of the balance sheet (soliditet, skuldsättningsgrad,
låneskuld per invånare) have the balance at the end of the period's month and no forecast. A
figure that cannot be computed is None with the reason in words. Percentages are rounded to
two decimals before a goal is compared with them, so that a status agrees with the figure the
page shows.

A financial goal linked to a key figure takes its status only from the figure and the link's
threshold (``computed_goal_statuses``, registered with ``apps.goals.computed`` so that every
page and report reads the same computation): at the year-end the outcome, before it the
full-year forecast, and for a balance sheet figure the balance at the period's end.

The forecasts are the nämnder's: an open period's are for ekonomer and administrators
(``apps.followup.access``, kommun-wide figures). With ``forecast_hidden`` every forecast, and
what is computed from them (the balance requirement's forecast, the financial goals judged on
a forecast), is None with the reason in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.economy import selectors, statements
from apps.economy.models import (
    BalanceRequirementAdjustment,
    BudgetYear,
    Comparison,
    FinancialGoalLink,
    KeyFigure,
)
from apps.followup.models import GoalStatus
from apps.goals.computed import ComputedStatus
from apps.organisation.models import Municipality
from apps.periods.models import PeriodKind, ReportingPeriod
from styrmodell.lib.formats import (
    MONTH_NAMES,
    format_kr,
    format_number,
    format_percent,
    format_tkr,
)

if TYPE_CHECKING:
    from apps.goals.models import Goal

ZERO = selectors.ZERO
LONG_TERM_LIABILITIES = "br_long_term_liabilities"  # the Kommun-Bas line (account group 23)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

PERCENT, KRONOR, POINTS, KRONOR_PER_INHABITANT = "%", "kr", "pp", "kr/inv"
UNIT_OF = {
    KeyFigure.RESULT: KRONOR,
    KeyFigure.RESULT_SHARE: PERCENT,
    KeyFigure.BALANCE_REQUIREMENT: KRONOR,
    KeyFigure.SELF_FINANCING: PERCENT,
    KeyFigure.NET_COST_SHARE: PERCENT,
    KeyFigure.NET_COST_GROWTH: PERCENT,
    KeyFigure.TAX_GROWTH: PERCENT,
    KeyFigure.GROWTH_MARGIN: POINTS,
    KeyFigure.EQUITY_RATIO: PERCENT,
    KeyFigure.DEBT_RATIO: PERCENT,
    KeyFigure.DEBT_PER_INHABITANT: KRONOR_PER_INHABITANT,
}
# Read from the balansräkning at the end of the period's month: a stock, with no forecast.
BALANCE_FIGURES = frozenset(
    {KeyFigure.EQUITY_RATIO, KeyFigure.DEBT_RATIO, KeyFigure.DEBT_PER_INHABITANT}
)

EXPLANATIONS = {
    KeyFigure.RESULT: gettext_lazy(
        "Revenue minus costs for the whole kommun: the last line of the income statement."
    ),
    KeyFigure.RESULT_SHARE: gettext_lazy(
        "The result for the year divided by tax revenue and general grants and equalisation. "
        "A common goal is at least 2 per cent."
    ),
    KeyFigure.BALANCE_REQUIREMENT: gettext_lazy(
        "The result for the year minus realisation gains, adjusted for the result "
        "equalisation reserve and the other items of the balance requirement. It must not "
        "be negative; a deficit must be restored within three years."
    ),
    KeyFigure.SELF_FINANCING: gettext_lazy(
        "The result for the year plus depreciation, divided by the net investments: the share "
        "of the investments paid for without borrowing."
    ),
    KeyFigure.NET_COST_SHARE: gettext_lazy(
        "Net operating costs (depreciation included) and the net of financial items, divided "
        "by tax revenue and general grants and equalisation: the share of the revenue that "
        "the running costs take. Below 100 per cent leaves a positive result."
    ),
    KeyFigure.NET_COST_GROWTH: gettext_lazy(
        "The change in net operating costs since the same months of the previous year."
    ),
    KeyFigure.TAX_GROWTH: gettext_lazy(
        "The change in tax revenue and general grants since the same months of the previous year."
    ),
    KeyFigure.GROWTH_MARGIN: gettext_lazy(
        "Tax revenue growth minus net cost growth, in percentage points. Negative when the "
        "costs grow faster than the revenue that finances them."
    ),
    KeyFigure.EQUITY_RATIO: gettext_lazy(
        "Equity, the result so far included, divided by total assets at the end of the "
        "period: the share of the assets financed with the kommun's own means. Excluding the "
        "contingent liability for pensions, which is not yet reported."
    ),
    KeyFigure.DEBT_RATIO: gettext_lazy(
        "Provisions and liabilities divided by total assets at the end of the period: the "
        "share of the assets financed by others. Equity ratio and debt ratio add up to 100 "
        "per cent."
    ),
    KeyFigure.DEBT_PER_INHABITANT: gettext_lazy(
        "Long-term liabilities at the end of the period divided by the population (the "
        "budget year's population forecast, or the kommun's population where there is none)."
    ),
}


@dataclass(frozen=True)
class Figure:
    key: str
    outcome: Decimal | None  # January to the period's month
    forecast: Decimal | None  # the whole year
    outcome_missing: str = ""  # why the outcome is None
    forecast_missing: str = ""

    @property
    def label(self) -> str:
        return KeyFigure(self.key).label

    @property
    def explanation(self) -> str:
        return str(EXPLANATIONS[self.key])

    @property
    def unit(self) -> str:
        return UNIT_OF[self.key]

    @property
    def unit_label(self) -> str:
        if self.unit == POINTS:
            return _("percentage points")
        if self.unit == KRONOR_PER_INHABITANT:
            return _("kr per inhabitant")
        return self.unit

    @property
    def is_balance(self) -> bool:
        """A balance at the period's end rather than a flow of the year: no forecast."""
        return self.key in BALANCE_FIGURES

    @property
    def outcome_text(self) -> str:
        return format_figure(self.outcome, self.unit)

    @property
    def forecast_text(self) -> str:
        return format_figure(self.forecast, self.unit)


@dataclass(frozen=True)
class BalanceRequirement:
    """The balanskravsutredning, for the outcome to date or the forecast."""

    result: Decimal | None
    realisation_gains: Decimal
    adjustments: tuple[BalanceRequirementAdjustment, ...]

    @property
    def value(self) -> Decimal | None:
        if self.result is None:
            return None
        return (
            self.result
            - self.realisation_gains
            + sum((a.signed_amount for a in self.adjustments), ZERO)
        )


@dataclass
class KeyFigures:
    period: ReportingPeriod
    year: int
    through_month: int
    income: statements.IncomeStatement
    figures: dict[str, Figure]
    balance_outcome: BalanceRequirement
    balance_forecast: BalanceRequirement
    net_investments: Decimal | None
    net_investments_forecast: Decimal | None
    notes: list[str] = field(default_factory=list)
    forecast_hidden: bool = False  # an open period's forecasts the reader may not read

    @property
    def is_year_end(self) -> bool:
        return self.period.kind == PeriodKind.ANNUAL or self.through_month == 12

    def judged_on_outcome(self, key: str) -> bool:
        """Whether a financial goal on ``key`` is judged on the outcome: at the year-end, and
        always for a balance sheet figure (a balance has no forecast)."""
        return self.is_year_end or key in BALANCE_FIGURES

    def assessed(self, key: str) -> tuple[Decimal | None, str]:
        """The value a financial goal is judged on, and why it is missing if it is: the
        outcome at the year-end, the full-year forecast in the periods before it, and the
        balance at the period's end for a balance sheet figure."""
        figure = self.figures[key]
        if self.judged_on_outcome(key):
            return figure.outcome, figure.outcome_missing
        return figure.forecast, figure.forecast_missing


def through_month(period: ReportingPeriod) -> int:
    return period.ends_on.month


def months_label(year: int, month: int) -> str:
    """ "januari–april 2026", as the statements' captions say which months they cover."""
    if month <= 1:
        return f"{MONTH_NAMES[0]} {year}"
    return f"{MONTH_NAMES[0]}–{MONTH_NAMES[month - 1]} {year}"


def _percent(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator / denominator * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def _growth(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    if now is None or not before:
        return None
    return ((now / before - 1) * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def forecasts_unpublished(period: ReportingPeriod) -> str:
    return _("The forecasts of %(period)s are published when the period is closed.") % {
        "period": period
    }


def key_figures(period: ReportingPeriod, *, forecast_hidden: bool = False) -> KeyFigures:
    """Every key figure for ``period``'s year, January to the month the period ends in.
    ``forecast_hidden``: the reader may not read the period's forecasts (see the module's
    docstring); the same queries run.

    Thirteen queries, whatever the number of rows, accounts, nämnder or projects (the
    balance sheet is built from the same ledger; one query reads the kommun's population;
    the net investments forecast is the investment overview's).
    """
    year, month = period.year, through_month(period)
    book = statements.ledger(year, month)
    income = statements.income_statement(
        year, month, period_id=period.pk, book=book, forecast_hidden=forecast_hidden
    )
    budget_year = BudgetYear.objects.filter(year=year).first()
    adjustments = tuple(BalanceRequirementAdjustment.objects.filter(year=year))
    project_outcome = selectors.investment_outcome(year, month)
    investments = selectors.investment_overview(year, period=period, booked=project_outcome)

    no_outcome = _("No outcome has been imported for %(months)s.") % {
        "months": months_label(year, month)
    }
    no_previous = _("No outcome has been imported for %(months)s.") % {
        "months": months_label(year - 1, month)
    }
    no_previous_full = _("No outcome has been imported for %(months)s.") % {
        "months": months_label(year - 1, 12)
    }
    no_budget = _("There is no decided budget for %(year)s.") % {"year": year}

    def amount(key: str, column: str) -> Decimal | None:
        return income.amount(key, column)

    result = amount(statements.RESULT, "outcome") if income.has_outcome else None
    result_forecast = amount(statements.RESULT, "forecast")
    taxes = {
        column: selectors.sum_present(amount(k, column) for k in statements.TAX_LINES)
        for column in ("outcome", "forecast", "previous", "previous_full")
    }
    # Net cost as a cost (positive): minus the statement's verksamhetens nettokostnader.
    net_cost = {
        column: (None if (v := amount(statements.NET_COST, column)) is None else -v)
        for column in ("outcome", "forecast", "previous", "previous_full")
    }
    if not income.has_outcome:
        taxes["outcome"] = net_cost["outcome"] = None

    figures: dict[str, Figure] = {}

    def add(key: str, outcome, forecast, outcome_missing: str, forecast_missing: str) -> None:
        figures[key] = Figure(
            key,
            outcome,
            forecast,
            outcome_missing if outcome is None else "",
            forecast_missing if forecast is None else "",
        )

    add(KeyFigure.RESULT, result, result_forecast, no_outcome, no_budget)

    no_taxes = _("No tax revenue or general grants are booked for %(months)s.") % {
        "months": months_label(year, month)
    }
    add(
        KeyFigure.RESULT_SHARE,
        _percent(result, taxes["outcome"]),
        _percent(result_forecast, taxes["forecast"]),
        no_outcome if result is None else no_taxes,
        no_budget
        if result_forecast is None
        else _("The budget has no tax revenue or general grants for %(year)s.") % {"year": year},
    )

    gains = book.realisation_gains()
    balance_outcome = BalanceRequirement(result, gains, adjustments)
    balance_forecast = BalanceRequirement(result_forecast, gains, adjustments)
    add(
        KeyFigure.BALANCE_REQUIREMENT,
        balance_outcome.value,
        balance_forecast.value,
        no_outcome,
        no_budget,
    )

    # Självfinansieringsgrad: depreciation as a cost, positive.
    depreciation = amount("depreciation", "outcome")
    depreciation = None if depreciation is None else -depreciation
    depreciation_forecast = None if budget_year is None else budget_year.depreciation
    net_investments = sum(project_outcome.values(), ZERO) if project_outcome else None
    # The one definition the investment page and the reports' tables read too.
    net_investments_forecast = investments.net_investments_forecast
    no_investments = _("No net investments are booked for %(months)s.") % {
        "months": months_label(year, month)
    }
    add(
        KeyFigure.SELF_FINANCING,
        _percent(
            selectors.sum_present((result, depreciation)) if result is not None else None,
            net_investments,
        ),
        _percent(
            result_forecast + depreciation_forecast
            if result_forecast is not None and depreciation_forecast is not None
            else None,
            net_investments_forecast,
        ),
        no_outcome if result is None else no_investments,
        no_budget
        if result_forecast is None
        else (
            _("The budget for %(year)s has no depreciation.") % {"year": year}
            if depreciation_forecast is None
            else _("No investments are budgeted or forecast for %(year)s.") % {"year": year}
        ),
    )

    add(
        KeyFigure.NET_COST_GROWTH,
        _growth(net_cost["outcome"], net_cost["previous"]),
        _growth(net_cost["forecast"], net_cost["previous_full"]),
        no_outcome if net_cost["outcome"] is None else no_previous,
        no_budget if net_cost["forecast"] is None else no_previous_full,
    )
    add(
        KeyFigure.TAX_GROWTH,
        _growth(taxes["outcome"], taxes["previous"]),
        _growth(taxes["forecast"], taxes["previous_full"]),
        no_outcome if taxes["outcome"] is None else no_previous,
        no_budget if taxes["forecast"] is None else no_previous_full,
    )
    add(
        KeyFigure.GROWTH_MARGIN,
        selectors.difference(
            figures[KeyFigure.TAX_GROWTH].outcome, figures[KeyFigure.NET_COST_GROWTH].outcome
        ),
        selectors.difference(
            figures[KeyFigure.TAX_GROWTH].forecast, figures[KeyFigure.NET_COST_GROWTH].forecast
        ),
        figures[KeyFigure.TAX_GROWTH].outcome_missing
        or figures[KeyFigure.NET_COST_GROWTH].outcome_missing,
        figures[KeyFigure.TAX_GROWTH].forecast_missing
        or figures[KeyFigure.NET_COST_GROWTH].forecast_missing,
    )

    _add_net_cost_share(add, amount, net_cost, taxes, no_outcome, no_budget, no_taxes)
    _add_balance_figures(add, year, month, book, income, budget_year, no_outcome)

    figures = {key: figures[key] for key in UNIT_OF}  # in the order the pages show them
    notes = []
    if income.unmapped:
        notes.append(
            _("Accounts with outcome that belong to no line of the income statement: %(accounts)s.")
            % {"accounts": ", ".join(account for account, _sum in income.unmapped)}
        )
    if forecast_hidden:
        unpublished = forecasts_unpublished(period)
        figures = {
            key: replace(f, forecast=None, forecast_missing=unpublished)
            for key, f in figures.items()
        }
        balance_forecast = BalanceRequirement(None, gains, adjustments)
        net_investments_forecast = None
    return KeyFigures(
        period=period,
        year=year,
        through_month=month,
        income=income,
        figures=figures,
        balance_outcome=balance_outcome,
        balance_forecast=balance_forecast,
        net_investments=net_investments,
        net_investments_forecast=net_investments_forecast,
        notes=notes,
        forecast_hidden=forecast_hidden,
    )


def _add_net_cost_share(add, amount, net_cost, taxes, no_outcome, no_budget, no_taxes) -> None:
    """Nettokostnadsandel: what the operations (depreciation included, as the statement's
    net operating costs hold it) and the net of financial items take of the tax revenue and
    general grants."""
    values = {}
    for column in ("outcome", "forecast"):
        financial_net = selectors.sum_present(
            amount(key, column) for key in statements.FINANCIAL_LINES
        )
        cost = net_cost[column]
        if cost is not None and financial_net is not None:
            cost -= financial_net  # a net financial cost (negative) adds to the cost
        values[column] = _percent(cost, taxes[column])
    add(
        KeyFigure.NET_COST_SHARE,
        values["outcome"],
        values["forecast"],
        no_outcome if net_cost["outcome"] is None else no_taxes,
        no_budget,
    )


def _add_balance_figures(add, year, month, book, income, budget_year, no_outcome) -> None:
    """Soliditet, skuldsättningsgrad and låneskuld per invånare from the balansräkning at the
    end of ``month`` (the one ``statements.balance_sheet`` builds from the same ledger, the
    period's result included in equity). One query: the kommun's population."""
    sheet = statements.balance_sheet(year, month, book=book, result=income)
    municipality_population = (
        Municipality.objects.filter(pk=1).values_list("population", flat=True).first()
    )
    population = (budget_year.population if budget_year else None) or municipality_population
    assets = sheet.total_assets.closing if sheet.has_outcome else None
    equity = sheet.equity("closing") if sheet.has_outcome else None
    total = sheet.total_equity_and_liabilities.closing if sheet.has_outcome else None
    liabilities = selectors.difference(total, equity)
    long_term = next(
        (r.closing for r in sheet.equity_and_liabilities if r.key == LONG_TERM_LIABILITIES),
        None,
    )
    if sheet.has_outcome and long_term is None:
        long_term = ZERO  # a balance sheet without long-term liabilities has none
    no_balance = _("No balances have been imported for %(months)s.") % {
        "months": months_label(year, month)
    }
    no_forecast = _("A balance sheet figure has no forecast: it is read at the period's end.")
    why = no_balance if not sheet.has_outcome else no_outcome
    add(KeyFigure.EQUITY_RATIO, _percent(equity, assets), None, why, no_forecast)
    add(KeyFigure.DEBT_RATIO, _percent(liabilities, assets), None, why, no_forecast)
    add(
        KeyFigure.DEBT_PER_INHABITANT,
        None
        if long_term is None or not population
        else (long_term / population).quantize(Decimal(1), rounding=ROUND_HALF_UP),
        None,
        no_balance
        if long_term is None
        else _("The population is not recorded: enter it on the kommun or the budget year."),
        no_forecast,
    )


# --- Financial goals --------------------------------------------------------------------------


def format_figure(value: Decimal | None, unit: str) -> str:
    """A figure as Swedish text: "12 345,6 tkr", "2,1 %", "−0,4 procentenheter"."""
    if value is None:
        return "–"
    if unit == KRONOR:
        return format_tkr(value)
    if unit == KRONOR_PER_INHABITANT:
        return f"{format_kr(value)}\u00a0{_('per inhabitant')}"
    if unit == POINTS:
        return f"{format_number(value, 1)}\u00a0{_('percentage points')}"
    return format_percent(value)


@dataclass(frozen=True)
class FinancialGoalStatus:
    link: FinancialGoalLink
    figure: Figure
    value: Decimal | None
    missing: str  # why the value is None
    is_outcome: bool  # the year-end's outcome (or a balance) rather than a forecast
    period: ReportingPeriod

    @property
    def goal(self) -> Goal:
        return self.link.goal

    @property
    def status(self) -> str:
        if self.value is None:
            return GoalStatus.NOT_ASSESSED
        threshold = self.link.threshold
        if self.link.comparison == Comparison.AT_LEAST:
            return GoalStatus.MET if self.value >= threshold else GoalStatus.NOT_MET
        return GoalStatus.MET if self.value <= threshold else GoalStatus.NOT_MET

    @property
    def status_label(self) -> str:
        return GoalStatus(self.status).label

    @property
    def threshold_text(self) -> str:
        threshold = format_figure(self.link.threshold, self.figure.unit)
        return f"{self.link.get_comparison_display()} {threshold}"

    @property
    def value_text(self) -> str:
        return format_figure(self.value, self.figure.unit)

    @property
    def basis(self) -> str:
        """What the value is: "utfallet 2025", "helårsprognosen i Tertial 2 2026", "balansen
        vid utgången av augusti 2026"."""
        if self.figure.is_balance:
            return _("the balance at the end of %(month)s %(year)s") % {
                "month": MONTH_NAMES[self.period.ends_on.month - 1],
                "year": self.period.ends_on.year,
            }
        if self.is_outcome:
            return _("the outcome for %(year)s") % {"year": self.period.year}
        return _("the full-year forecast in %(period)s") % {"period": self.period}

    @property
    def source(self) -> str:
        """Where the status comes from, in words, with why the figure is missing if it is."""
        text = _("Computed from the key figure %(figure)s, %(basis)s.") % {
            "figure": str(self.figure.label).lower(),
            "basis": self.basis,
        }
        return f"{text} {self.missing}" if self.value is None and self.missing else text

    def computed(self) -> ComputedStatus:
        """The status as ``apps.goals.computed`` hands it to every page and report."""
        return ComputedStatus(
            status=self.status,
            value_text=self.value_text,
            threshold_text=self.threshold_text,
            source=self.source,
        )


def _links_valid_in(year: int):
    return FinancialGoalLink.objects.select_related("goal__owner", "goal__level").filter(
        Q(goal__last_year__isnull=True) | Q(goal__last_year__gte=year),
        goal__first_year__lte=year,
        goal__retired_on__isnull=True,
    )


def _status(link: FinancialGoalLink, figures: KeyFigures) -> FinancialGoalStatus:
    value, missing = figures.assessed(link.figure)
    return FinancialGoalStatus(
        link=link,
        figure=figures.figures[link.figure],
        value=value,
        missing=missing,
        is_outcome=figures.judged_on_outcome(link.figure),
        period=figures.period,
    )


def financial_goal_statuses(figures: KeyFigures) -> list[FinancialGoalStatus]:
    """The financial goals of the year linked to a key figure, each with its computed status.
    One query."""
    links = _links_valid_in(figures.year).order_by("goal__position", "goal__title")
    return [_status(link, figures) for link in links]


def computed_goal_statuses(
    goal_ids: Sequence[int], period: ReportingPeriod
) -> dict[int, ComputedStatus]:
    """The provider ``apps.goals.computed`` calls (registered in ``EconomyConfig.ready``):
    the computed status in ``period`` of each of ``goal_ids`` that is linked to a key figure.

    One query when none is linked; otherwise the key figures are computed once for the call
    (fourteen queries in all), whatever the number of goals. The figures are the period's
    whole truth, forecasts included: whether the reader may read an open period's forecasts
    is the caller's question (``apps.followup.access``), as for every status of that period.
    """
    links = list(FinancialGoalLink.objects.filter(goal_id__in=list(goal_ids)))
    if not links:
        return {}
    figures = key_figures(period)
    return {link.goal_id: _status(link, figures).computed() for link in links}
