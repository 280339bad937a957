"""Reading the finansförvaltning: the full-year forecast result, the balanskravsutredning in
full (realisation gains, RUR, restoration of earlier deficits), the flerårsöversikt, the
känslighetsanalys and the investments' accumulated outcome.

Each is one selector that the pages, the exports and the reports call, and each runs a fixed
number of queries whatever the number of rows, accounts, nämnder or projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from apps.economy import selectors, statements
from apps.economy.models import (
    AdjustmentKind,
    BalanceRequirementAdjustment,
    BudgetYear,
    FinanceForecast,
    GoodManagementRule,
    OutcomeRow,
    PensionStatement,
    YearFigures,
)
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import MONTH_NAMES, format_number, format_tkr

ZERO = selectors.ZERO
HUNDRED = Decimal(100)
RESTORATION_YEARS = 3  # LKBR 11 kap. 12 §: a deficit is restored within three years


def _or_zero(amount: Decimal | None) -> Decimal:
    return ZERO if amount is None else amount


# --- The finansförvaltning's forecast -------------------------------------------------------


@dataclass(frozen=True)
class ForecastItem:
    """A line from the budgeted result to the forecast result: its budget, its forecast and
    the deviation as it moves the result (negative: worse than the budget)."""

    key: str
    label: str
    budget: Decimal | None
    forecast: Decimal | None
    deviation: Decimal


@dataclass(frozen=True)
class ForecastResult:
    period: ReportingPeriod
    finance: FinanceForecast | None  # the finansförvaltning's forecast of the period
    budgeted_result: Decimal | None  # None: no frames decided
    items: list[ForecastItem]

    @property
    def total(self) -> Decimal | None:
        """The forecast result: the budgeted result plus every item's deviation."""
        if self.budgeted_result is None:
            return None
        return self.budgeted_result + sum((i.deviation for i in self.items), ZERO)

    @property
    def deviation(self) -> Decimal:
        return sum((i.deviation for i in self.items), ZERO)


def forecast_result(
    period: ReportingPeriod, *, basis: statements.ForecastBasis | None = None
) -> ForecastResult:
    """The full-year forecast result of ``period``: the budgeted result (as the
    resultaträkning's budget column computes it) plus the nämnder's forecast deviation plus
    each central item's deviation from the budget year's figure. The resultaträkning's
    forecast column is built from the same ``statements.ForecastBasis`` (pass its
    ``basis`` to read it once) and ends on the same total. Four queries (one with
    ``basis``)."""
    basis = basis or statements.forecast_basis(period.year, period.pk)
    finance = FinanceForecast.objects.filter(period=period).first()
    budget_year = basis.budget_year

    def budget(name: str) -> Decimal | None:
        return None if budget_year is None else getattr(budget_year, name)

    budgeted = None
    if basis.frames is not None:
        budgeted = (
            -basis.frames
            + _or_zero(budget("tax_revenue"))
            + _or_zero(budget("general_grants"))
            + _or_zero(budget("financial_income"))
            - _or_zero(budget("financial_costs"))
        )
    items = [
        ForecastItem(
            "committees",
            _("The committees' forecast deviation"),
            basis.frames,
            None if basis.frames is None else basis.frames + basis.deviation,
            -basis.deviation,
        )
    ]
    figures = basis.finance
    labels = {
        "tax_revenue": _("Tax revenue"),
        "general_grants": _("General grants and equalisation"),
        "financial_income": _("Financial income"),
        "financial_costs": _("Financial costs"),
    }
    for name, label in labels.items():
        planned = budget(name)
        forecast = figures[name] if figures is not None else planned
        deviation = _or_zero(forecast) - _or_zero(planned) if figures is not None else ZERO
        if name == "financial_costs":
            deviation = -deviation  # a cost above the budget lowers the result
        items.append(ForecastItem(name, str(label), planned, forecast, deviation))
    central = figures["central_deviation"] if figures is not None else ZERO
    items.append(
        ForecastItem(
            "central_deviation",
            _("Pensions and other central items"),
            None,
            None,
            central,
        )
    )
    return ForecastResult(period=period, finance=finance, budgeted_result=budgeted, items=items)


# --- Balanskravsutredning ---------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceStep:
    key: str
    label: str
    amount: Decimal | None
    is_total: bool = False


@dataclass(frozen=True)
class Restoration:
    """A negative balanskravsresultat of a year and its restoration since."""

    year: int
    deficit: Decimal  # positive
    restored: Decimal
    source: str  # "ledger" or "year_figures"

    @property
    def remaining(self) -> Decimal:
        return self.deficit - self.restored

    @property
    def restore_by(self) -> int:
        return self.year + RESTORATION_YEARS


@dataclass(frozen=True)
class BalanceRequirementStatement:
    """The balanskravsutredning of a year, on the outcome (to date) or the full-year
    forecast, with the RUR's balance and the restoration of earlier deficits."""

    year: int
    on_forecast: bool
    steps: list[BalanceStep]
    rur_opening: Decimal | None
    rur_reservation: Decimal
    rur_use: Decimal
    restorations: list[Restoration] = field(default_factory=list)

    def amount(self, key: str) -> Decimal | None:
        return next((s.amount for s in self.steps if s.key == key), None)

    @property
    def result(self) -> Decimal | None:
        return self.amount("balance_requirement_result")

    @property
    def rur_closing(self) -> Decimal | None:
        if self.rur_opening is None and not (self.rur_reservation or self.rur_use):
            return None
        return _or_zero(self.rur_opening) + self.rur_reservation - self.rur_use


def _adjustment_sums(adjustments) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for a in adjustments:
        sums[a.kind] = sums.get(a.kind, ZERO) + a.amount
    return sums


def balance_steps(result: Decimal | None, gains: Decimal, adjustments) -> list[BalanceStep]:
    """From årets resultat to balanskravsresultat (the RKR's order). The value equals
    ``keyfigures.BalanceRequirement.value`` for the same result, gains and adjustments."""
    sums = _adjustment_sums(adjustments)
    exception = sums.get(AdjustmentKind.REALISATION_EXCEPTION, ZERO)
    unrealised = sums.get(AdjustmentKind.UNREALISED_LOSS_REVERSAL, ZERO) - sums.get(
        AdjustmentKind.UNREALISED_LOSS, ZERO
    )
    other = sums.get(AdjustmentKind.OTHER_ADDITION, ZERO) - sums.get(
        AdjustmentKind.OTHER_DEDUCTION, ZERO
    )
    reservation = sums.get(AdjustmentKind.RUR_RESERVATION, ZERO)
    use = sums.get(AdjustmentKind.RUR_USE, ZERO)
    adjusted = None if result is None else result - gains + exception + unrealised + other
    final = None if adjusted is None else adjusted - reservation + use
    steps = [
        BalanceStep("result", _("Result for the year"), result, True),
        BalanceStep("realisation_gains", _("Less all realisation gains"), -gains),
        BalanceStep(
            "realisation_exception",
            _("Realisation gains and losses under the exception rule"),
            exception,
        ),
        BalanceStep(
            "unrealised",
            _("Unrealised losses in securities and their reversal"),
            unrealised,
        ),
    ]
    if other:
        steps.append(BalanceStep("other", _("Other adjustments"), other))
    steps += [
        BalanceStep(
            "adjusted_result",
            _("Result for the year after balance requirement adjustments"),
            adjusted,
            True,
        ),
        BalanceStep("rur_reservation", _("Less reservation to the RUR"), -reservation),
        BalanceStep("rur_use", _("Add use of the RUR"), use),
        BalanceStep("balance_requirement_result", _("Balance requirement result"), final, True),
    ]
    return steps


@dataclass(frozen=True)
class EarlierYear:
    year: int
    result: Decimal | None
    balance_requirement_result: Decimal | None
    source: str  # "ledger", "year_figures" or ""


def _ledger_results(years: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """Each year with a full ledger: (årets resultat, realisation gains), from one grouped
    query on the income statement's accounts (with the chart: two queries)."""
    chart = statements.Chart(statements.AccountMapping.objects.select_related("line"))
    rows = (
        OutcomeRow.objects.filter(year__in=years, month__gte=1, month__lte=12)
        .values("year", "account")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    found: dict[int, tuple[Decimal, Decimal]] = {}
    for row in rows:
        mapping = chart.mapping_for(row["account"])
        if mapping is None or mapping.line.statement != statements.Statement.INCOME:
            continue
        amount = selectors.money(row["total"])
        result, gains = found.get(row["year"], (ZERO, ZERO))
        result -= amount  # the ledger's sign: revenue is a credit
        if mapping.is_realisation_gain:
            gains -= amount
        found[row["year"]] = (result, gains)
    return found


def earlier_years(year: int) -> list[EarlierYear]:
    """The three years before ``year``: their result and balanskravsresultat, from the
    ledger where it has rows for the year (with the year's adjustments), else from
    ``YearFigures``. Four queries."""
    years = list(range(year - RESTORATION_YEARS, year))
    ledger = _ledger_results(years)
    adjustments: dict[int, list] = {}
    for a in BalanceRequirementAdjustment.objects.filter(year__in=years):
        adjustments.setdefault(a.year, []).append(a)
    figures = {f.year: f for f in YearFigures.objects.filter(year__in=years)}
    found = []
    for y in years:
        if y in ledger:
            result, gains = ledger[y]
            steps = balance_steps(result, gains, adjustments.get(y, []))
            value = next(s.amount for s in steps if s.key == "balance_requirement_result")
            found.append(EarlierYear(y, result, value, "ledger"))
        elif y in figures:
            f = figures[y]
            found.append(EarlierYear(y, f.result, f.balance_requirement_result, "year_figures"))
        else:
            found.append(EarlierYear(y, None, None, ""))
    return found


def restorations(
    earlier: list[EarlierYear], current: Decimal | None, current_year: int
) -> list[Restoration]:
    """Each negative balanskravsresultat of the earlier years (and of the current year),
    restored by the positive results after it, the oldest deficit first."""
    results = [(e.year, e.balance_requirement_result, e.source) for e in earlier]
    results.append((current_year, current, "current"))
    open_deficits: list[list] = []  # [year, deficit, restored, source]
    for y, value, source in results:
        if value is None:
            continue
        if value < 0:
            open_deficits.append([y, -value, ZERO, source])
            continue
        surplus = value
        for deficit in open_deficits:
            if surplus <= 0:
                break
            take = min(surplus, deficit[1] - deficit[2])
            deficit[2] += take
            surplus -= take
    return [Restoration(y, d, r, s) for y, d, r, s in open_deficits]


def rur_balance_before(year: int) -> Decimal | None:
    """The RUR at the start of ``year``: the latest balance entered for an earlier year
    (``YearFigures``) with the reservations and uses recorded for the years after it. None
    when no balance was ever entered and nothing was reserved. Two queries."""
    known = (
        YearFigures.objects.filter(year__lt=year, rur_balance__isnull=False)
        .order_by("-year")
        .values_list("year", "rur_balance")
        .first()
    )
    since, balance = known if known else (None, None)
    moves = BalanceRequirementAdjustment.objects.filter(
        year__lt=year, kind__in=(AdjustmentKind.RUR_RESERVATION, AdjustmentKind.RUR_USE)
    )
    if since is not None:
        moves = moves.filter(year__gt=since)
    for move in moves:
        balance = _or_zero(balance) + (
            move.amount if move.kind == AdjustmentKind.RUR_RESERVATION else -move.amount
        )
    return balance


def balance_requirement_statements(
    period: ReportingPeriod,
    *,
    income: statements.IncomeStatement | None = None,
    book: statements.Ledger | None = None,
) -> tuple[BalanceRequirementStatement, BalanceRequirementStatement]:
    """The balanskravsutredning of ``period``'s year on the outcome to date (at the year's
    end: the year's) and on the full-year forecast: the same realisation gains, adjustments,
    earlier years and RUR, read once for both. Thirteen queries (seven with ``income`` and
    ``book``)."""
    year, month = period.year, period.ends_on.month
    book = book or statements.ledger(year, month)
    income = income or statements.income_statement(year, month, period_id=period.pk, book=book)
    adjustments = list(BalanceRequirementAdjustment.objects.filter(year=year))
    sums = _adjustment_sums(adjustments)
    gains = book.realisation_gains()
    earlier = earlier_years(year)
    rur_opening = rur_balance_before(year)

    def on(forecast: bool) -> BalanceRequirementStatement:
        result = income.amount(statements.RESULT, "forecast" if forecast else "outcome")
        if not forecast and not income.has_outcome:
            result = None
        steps = balance_steps(result, gains, adjustments)
        value = next(s.amount for s in steps if s.key == "balance_requirement_result")
        return BalanceRequirementStatement(
            year=year,
            on_forecast=forecast,
            steps=steps,
            rur_opening=rur_opening,
            rur_reservation=sums.get(AdjustmentKind.RUR_RESERVATION, ZERO),
            rur_use=sums.get(AdjustmentKind.RUR_USE, ZERO),
            restorations=restorations(earlier, value, year),
        )

    return on(False), on(True)


def balance_requirement_statement(
    period: ReportingPeriod,
    *,
    on_forecast: bool,
    income: statements.IncomeStatement | None = None,
    book: statements.Ledger | None = None,
) -> BalanceRequirementStatement:
    """One of ``balance_requirement_statements``: with ``on_forecast``, on the full-year
    forecast, else on the outcome."""
    outcome, forecast = balance_requirement_statements(period, income=income, book=book)
    return forecast if on_forecast else outcome


# --- Flerårsöversikt ------------------------------------------------------------------------


@dataclass(frozen=True)
class YearOverview:
    year: int
    source: str  # "ledger", "year_figures" or "" (nothing known)
    result: Decimal | None = None
    equity_ratio: Decimal | None = None
    equity_ratio_with_pensions: Decimal | None = None
    net_investments: Decimal | None = None
    loan_debt: Decimal | None = None
    tax_rate: Decimal | None = None
    population: int | None = None

    @property
    def loan_debt_per_inhabitant(self) -> Decimal | None:
        if self.loan_debt is None or not self.population:
            return None
        return (self.loan_debt / self.population).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _percent(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator / denominator * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def multi_year_overview(
    period: ReportingPeriod,
    *,
    years: int = 5,
    book: statements.Ledger | None = None,
    income: statements.IncomeStatement | None = None,
    sheet: statements.BalanceSheet | None = None,
) -> list[YearOverview]:
    """The report's year and the four before, oldest first. A year with ledger rows is
    computed from them (the report's year through its month, earlier years in full; the
    resultaträkning and balansräkning of ``statements``); the others read ``YearFigures``.
    The tax rate and population come from the budget year where the figures lack them; the
    soliditet including every pension obligation from the year's pension statement. A
    fixed number of queries for the five years; the report's year reads no ledger of its own
    when its ``book``, ``income`` and ``sheet`` (the report's) are given."""
    wanted = list(range(period.year - years + 1, period.year + 1))
    with_ledger = set(
        OutcomeRow.objects.filter(year__in=wanted, month__gte=1)
        .values_list("year", flat=True)
        .distinct()
        .order_by()
    )
    figures = {f.year: f for f in YearFigures.objects.filter(year__in=wanted)}
    budget_years = {b.year: b for b in BudgetYear.objects.filter(year__in=wanted)}
    pensions = _pension_liabilities(period, wanted)
    found = []
    for y in wanted:
        f = figures.get(y)
        b = budget_years.get(y)
        tax_rate = (f.tax_rate if f else None) or (b.tax_rate if b else None)
        population = (f.population if f else None) or (b.population if b else None)
        if y in with_ledger:
            month = period.ends_on.month if y == period.year else 12
            given = (book, income, sheet) if y == period.year else (None, None, None)
            found.append(_ledger_year(y, month, tax_rate, population, f, pensions.get(y), *given))
        elif f is not None:
            found.append(
                YearOverview(
                    y, "year_figures", f.result, f.equity_ratio, f.equity_ratio_with_pensions,
                    f.net_investments, f.loan_debt, tax_rate, population,
                )
            )  # fmt: skip
        else:
            found.append(YearOverview(y, "", tax_rate=tax_rate, population=population))
    return found


def _pension_liabilities(period: ReportingPeriod, years: list[int]) -> dict[int, Decimal]:
    """Each year's ansvarsförbindelse for pensions: the report's own period's statement, else
    the year's annual (latest) statement. One query."""
    found: dict[int, Decimal] = {}
    statements_ = PensionStatement.objects.filter(
        period__year__in=years, period__ends_on__lte=period.ends_on
    ).order_by("period__ends_on")
    for s in statements_.values("period__year", "contingent_liability"):
        found[s["period__year"]] = s["contingent_liability"]
    return found


def _ledger_year(
    year: int,
    month: int,
    tax_rate,
    population,
    figures: YearFigures | None,
    pension,
    book: statements.Ledger | None = None,
    income: statements.IncomeStatement | None = None,
    sheet: statements.BalanceSheet | None = None,
) -> YearOverview:
    book = book or statements.ledger(year, month)
    income = income or statements.income_statement(year, month, book=book)
    sheet = sheet or statements.balance_sheet(year, month, book=book, result=income)
    result = income.amount(statements.RESULT, "outcome")
    assets = sheet.total_assets.closing if sheet.has_outcome else None
    equity = sheet.equity("closing") if sheet.has_outcome else None
    with_pensions = None
    if pension is not None and equity is not None:
        with_pensions = _percent(equity - pension, assets)
    elif figures is not None:
        with_pensions = figures.equity_ratio_with_pensions
    long_term = next(
        (r.closing for r in sheet.equity_and_liabilities if r.key == "br_long_term_liabilities"),
        None,
    )
    investments = selectors.investment_outcome(year, month)
    return YearOverview(
        year=year,
        source="ledger",
        result=result,
        equity_ratio=_percent(equity, assets),
        equity_ratio_with_pensions=with_pensions,
        net_investments=sum(investments.values(), ZERO) if investments else None,
        loan_debt=long_term if sheet.has_outcome else None,
        tax_rate=tax_rate,
        population=population,
    )


# --- Känslighetsanalys ----------------------------------------------------------------------

# Kommun-Bas: 50–56 löner och sociala avgifter; 78 avskrivningar; classes 4–7 the costs.
PERSONNEL_PREFIXES = ("50", "51", "52", "53", "54", "55", "56")
DEPRECIATION_PREFIX = "78"
COST_CLASSES = ("4", "5", "6", "7")


@dataclass(frozen=True)
class SensitivityLine:
    key: str
    label: str
    effect: Decimal | None  # kr, for the year
    basis: str  # what it is computed from, in words


@dataclass(frozen=True)
class Sensitivity:
    year: int
    lines: list[SensitivityLine]
    personnel_costs: Decimal
    other_costs: Decimal
    tax_base: Decimal | None  # skatteunderlaget: tax revenue per krona of tax rate


def _cost_sums(year: int, through_month: int) -> tuple[Decimal, Decimal]:
    """(personnel costs, other costs outside depreciation) booked January to the month, in
    kronor, costs positive. One grouped query."""
    costs = Q()
    for prefix in COST_CLASSES:
        costs |= Q(account__startswith=prefix)
    rows = (
        OutcomeRow.objects.filter(costs, year=year, month__gte=1, month__lte=through_month)
        .values("account")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    personnel = other = ZERO
    for row in rows:
        account, amount = row["account"], selectors.money(row["total"])
        if account.startswith(PERSONNEL_PREFIXES):
            personnel += amount
        elif not account.startswith(DEPRECIATION_PREFIX):
            other += amount
    return personnel, other


def sensitivity(
    period: ReportingPeriod, *, basis: statements.ForecastBasis | None = None
) -> Sensitivity:
    """The effect on the result of a year of: one krona of skattesats (the skatteunderlag:
    tax revenue divided by the tax rate), one per cent of wages (personnel costs, Kommun-Bas
    50–56), one per cent of prices (the other costs of classes 4–7 but depreciation), ten
    more inhabitants (tax revenue and grants per inhabitant). The costs are the year's
    outcome, in a period before the year's end scaled up to twelve months; the revenue the
    finansförvaltning's forecast of the period, else the budget year (both from the
    resultaträkning's ``basis``: pass the report's to read it once). Four queries (one with
    ``basis``)."""
    year, month = period.year, period.ends_on.month
    basis = basis or statements.forecast_basis(year, period.pk)
    budget_year, finance = basis.budget_year, basis.finance

    def revenue_of(name: str) -> Decimal | None:
        if finance is not None:
            return finance[name]
        return getattr(budget_year, name) if budget_year else None

    tax, grants = revenue_of("tax_revenue"), revenue_of("general_grants")
    tax_rate = budget_year.tax_rate if budget_year else None
    population = budget_year.population if budget_year else None
    personnel, other = _cost_sums(year, month)
    if month < 12:
        personnel = (personnel * 12 / month).quantize(Decimal("0.01"))
        other = (other * 12 / month).quantize(Decimal("0.01"))
    scope = (
        _("the outcome for %(year)s") % {"year": year}
        if month == 12
        else _("the outcome January–%(month)s scaled up to the whole year")
        % {"month": MONTH_NAMES[month - 1]}
    )
    source = (
        _("the finance forecast of %(period)s") % {"period": period}
        if finance is not None
        else _("the budget year %(year)s") % {"year": year}
    )
    tax_base = (tax / tax_rate).quantize(Decimal("0.01")) if tax and tax_rate else None
    revenue = None if tax is None and grants is None else _or_zero(tax) + _or_zero(grants)
    per_inhabitant = (revenue / population) if revenue is not None and population else None
    lines = [
        SensitivityLine(
            "tax_rate",
            _("Tax rate changed by 1 krona"),
            tax_base,
            _("Tax revenue of %(tax)s divided by the tax rate %(rate)s (%(source)s).")
            % {
                "tax": format_tkr(tax) or "–",
                "rate": format_number(tax_rate, 2) or "–",
                "source": source,
            },
        ),
        SensitivityLine(
            "wages",
            _("Wages changed by 1 per cent"),
            (personnel / HUNDRED).quantize(Decimal("0.01")),
            _("Personnel costs (accounts 50–56) of %(amount)s, %(scope)s.")
            % {"amount": format_tkr(personnel), "scope": scope},
        ),
        SensitivityLine(
            "prices",
            _("Prices changed by 1 per cent"),
            (other / HUNDRED).quantize(Decimal("0.01")),
            _(
                "Other operating costs (classes 4–7 without personnel and depreciation) of "
                "%(amount)s, %(scope)s."
            )
            % {"amount": format_tkr(other), "scope": scope},
        ),
        SensitivityLine(
            "inhabitants",
            _("Ten more inhabitants"),
            None if per_inhabitant is None else (per_inhabitant * 10).quantize(Decimal("0.01")),
            _(
                "Tax revenue and general grants of %(revenue)s for %(population)s inhabitants "
                "(%(source)s)."
            )
            % {
                "revenue": format_tkr(revenue) or "–",
                "population": format_number(population) or "–",
                "source": source,
            },
        ),
    ]
    return Sensitivity(year, lines, personnel, other, tax_base)


# --- Investments: accumulated outcome ---------------------------------------------------------


def investment_accumulated(year: int, through_month: int) -> dict[str, Decimal]:
    """What has been booked on each investment project (by code) over every year up to
    ``through_month`` of ``year``, opening balances left out. One grouped query."""
    rows = (
        OutcomeRow.objects.filter(
            Q(year__lt=year) | Q(year=year, month__lte=through_month), month__gte=1
        )
        .exclude(project="")
        .values("project")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["project"]: selectors.money(row["total"]) for row in rows}


# --- The rule for god ekonomisk hushållning ---------------------------------------------------


def good_management_rules() -> list[GoodManagementRule]:
    """Every rule, the oldest first. One query."""
    return list(GoodManagementRule.objects.order_by("first_year"))
