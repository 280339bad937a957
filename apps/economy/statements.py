"""The kommun's resultaträkning, balansräkning and kassaflödesanalys for a period, from the
imported ledger rows.

Accounts are mapped on statement lines by the longest matching Kommun-Bas prefix. The
database sums the rows per account (one grouped query, whatever the number of rows); the
mapping is done here, in Python, so a statement runs a fixed number of queries.

The ledger keeps its sign (debit positive, credit negative). The statements show amounts as a
Swedish resultaträkning prints them: revenue positive, costs negative, so that årets resultat
is the sum of the lines (= minus the sum of the rows). The balansräkning shows assets and
equity and liabilities both positive.

Budget column of the resultaträkning (the choice made here, see also BudgetYear): the
nämnder's frames are decided as net costs, including their depreciation, so the budget of
verksamhetens nettokostnader is minus the sum of the current frames, and the gross lines
(verksamhetens intäkter and kostnader) have no budget of their own. Depreciation, financial
income and financial costs come from BudgetYear, tax revenue and general grants from its
planning assumptions. The forecast is the budget with the nämnder's forecast deviations
(forecast minus current budget, summed) on the net cost; the other lines keep their budget,
unless the finansförvaltning has made its forecast for the period (``FinanceForecast``): then
tax revenue, general grants and the financial lines are its figures, and its deviation for
pensions and other central items (costs outside the frames) moves the net cost. The forecast
result equals ``apps.economy.finance.forecast_result`` (one ``ForecastBasis`` behind both).
A body without a forecast thus counts with its budget, the driftredovisning's one rule
(``selectors.BodyOperating.counted_forecast``), so that both print the same forecast.
An open period's forecasts are not every reader's (``apps.followup.access``): with
``forecast_hidden`` the forecast column is left out (None) and the statement says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Q, Subquery, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.economy import selectors
from apps.economy.models import (
    AccountMapping,
    BudgetYear,
    FinanceForecast,
    OutcomeRow,
    Statement,
    StatementLine,
)

ZERO = selectors.ZERO

# The lines of the resultaträkning in their groups; a subtotal follows each group. Lines with
# other keys (extraordinary items, say) come last, before årets resultat.
OPERATING_LINES = ("operating_income", "operating_costs", "depreciation")
TAX_LINES = ("tax_revenue", "general_grants")
FINANCIAL_LINES = ("financial_income", "financial_costs")
OTHER_GROUP = 3
GROUP_OF = {
    **dict.fromkeys(OPERATING_LINES, 0),
    **dict.fromkeys(TAX_LINES, 1),
    **dict.fromkeys(FINANCIAL_LINES, 2),
}

NET_COST = "net_operating_cost"  # verksamhetens nettokostnader
OPERATING_RESULT = "operating_result"  # verksamhetens resultat
RESULT_AFTER_FINANCIAL = "result_after_financial_items"  # resultat efter finansiella poster
RESULT = "result"  # årets resultat

# Kommun-Bas class 1 holds the assets; class 2 equity, provisions and liabilities.
ASSET_CLASS = "1"
EQUITY_PREFIX = "20"


# --- The ledger: sums per account, mapped on the lines ---------------------------------------


@dataclass(frozen=True)
class AccountTotals:
    """One account's rows summed, in the ledger's sign. None: no rows at all."""

    to_date: Decimal | None = None  # the year, January to the period's month
    opening: Decimal | None = None  # the year's opening balance (month 0)
    previous_to_date: Decimal | None = None  # the previous year, the same months
    previous_opening: Decimal | None = None
    previous_full: Decimal | None = None  # the previous year, January to December


COLUMNS = ("to_date", "opening", "previous_to_date", "previous_opening", "previous_full")


class Chart:
    """Accounts to statement lines by the longest matching prefix."""

    def __init__(self, mappings: Iterable[AccountMapping]) -> None:
        self.mappings = sorted(mappings, key=lambda m: len(m.prefix), reverse=True)
        self._found: dict[str, AccountMapping | None] = {}

    def mapping_for(self, account: str) -> AccountMapping | None:
        if account not in self._found:
            self._found[account] = next(
                (m for m in self.mappings if account.startswith(m.prefix)), None
            )
        return self._found[account]


@dataclass
class Ledger:
    year: int
    through_month: int
    lines: list[StatementLine]
    chart: Chart
    accounts: dict[str, AccountTotals]

    def line_totals(self, column: str) -> dict[int, Decimal | None]:
        """Each line's sum of ``column`` (ledger sign); None for a line without rows."""
        totals: dict[int, Decimal | None] = {}
        for account, sums in self.accounts.items():
            mapping = self.chart.mapping_for(account)
            amount = getattr(sums, column)
            if mapping is None or amount is None:
                continue
            totals[mapping.line_id] = (totals.get(mapping.line_id) or ZERO) + amount
        return totals

    def unmapped(self) -> list[tuple[str, Decimal]]:
        """Accounts with rows this year that no mapping covers, and their sums to date."""
        return sorted(
            (account, (sums.opening or ZERO) + (sums.to_date or ZERO))
            for account, sums in self.accounts.items()
            if self.chart.mapping_for(account) is None
            and (sums.to_date is not None or sums.opening is not None)
        )

    def realisation_gains(self, column: str = "to_date") -> Decimal:
        """Realisation gains booked (positive: gains are credits in the ledger)."""
        total = ZERO
        for account, sums in self.accounts.items():
            mapping = self.chart.mapping_for(account)
            if mapping is not None and mapping.is_realisation_gain:
                total -= getattr(sums, column) or ZERO
        return total

    def has(self, column: str, statement: str = Statement.INCOME) -> bool:
        """Whether any row of ``column`` was imported on the statement's accounts."""
        line_ids = {line.pk for line in self.lines if line.statement == statement}
        return any(
            getattr(sums, column) is not None
            and (m := self.chart.mapping_for(account)) is not None
            and m.line_id in line_ids
            for account, sums in self.accounts.items()
        )


def ledger(year: int, through_month: int) -> Ledger:
    """The statement lines, the mapping and the year's and last year's sums per account.

    Three queries, whatever the number of rows or accounts.
    """
    lines = list(StatementLine.objects.order_by("statement", "order", "pk"))
    chart = Chart(AccountMapping.objects.all())
    this, last = Q(year=year), Q(year=year - 1)
    months = Q(month__gte=1, month__lte=through_month)
    rows = (
        OutcomeRow.objects.filter(year__in=(year, year - 1))
        .values("account")
        .annotate(
            to_date=Sum("amount", filter=this & months),
            opening=Sum("amount", filter=this & Q(month=0)),
            previous_to_date=Sum("amount", filter=last & months),
            previous_opening=Sum("amount", filter=last & Q(month=0)),
            previous_full=Sum("amount", filter=last & Q(month__gte=1)),
        )
        .order_by()
    )
    # As öre: SQLite sums decimals as floats, which would leave a balance sheet off by 1e-8.
    accounts = {
        row["account"]: AccountTotals(
            **{c: None if row[c] is None else selectors.money(row[c]) for c in COLUMNS}
        )
        for row in rows
    }
    return Ledger(year, through_month, lines, chart, accounts)


# --- Resultaträkning ------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    key: str
    label: str
    is_subtotal: bool
    outcome: Decimal | None  # the year to date
    budget: Decimal | None  # the whole year
    forecast: Decimal | None  # the whole year, as forecast in the period
    previous: Decimal | None  # the previous year, the same months
    previous_full: Decimal | None  # the previous year, the whole year (for the key figures)


@dataclass
class IncomeStatement:
    year: int
    through_month: int
    rows: list[StatementRow]
    has_outcome: bool
    has_previous: bool
    has_budget: bool
    unmapped: list[tuple[str, Decimal]] = field(default_factory=list)
    forecast_hidden: bool = False  # an open period's forecasts the reader may not read
    # What the forecast column was built from (``forecast_result`` reads the same).
    basis: ForecastBasis | None = None

    @property
    def by_finance_forecast(self) -> bool:
        """The forecast column holds the finansförvaltning's forecast of the period."""
        return self.basis is not None and self.basis.finance is not None

    def row(self, key: str) -> StatementRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def amount(self, key: str, column: str) -> Decimal | None:
        row = self.row(key)
        return None if row is None else getattr(row, column)


def _negated(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else -amount


def _line_budgets(budget_year: BudgetYear | None) -> dict[str, Decimal | None]:
    if budget_year is None:
        return {}
    return {
        "depreciation": _negated(budget_year.depreciation),
        "tax_revenue": budget_year.tax_revenue,
        "general_grants": budget_year.general_grants,
        "financial_income": budget_year.financial_income,
        "financial_costs": _negated(budget_year.financial_costs),
    }


def _frames_and_deviation(year: int, period_id: int | None) -> tuple[Decimal | None, Decimal]:
    """The sum of the current frames (None without any) and of the forecast deviations."""
    budgets = selectors.operating_budgets(year)
    frames = sum((b.current for b in budgets.values()), ZERO) if budgets else None
    deviation = ZERO
    if period_id is not None:
        for body_id, forecast in selectors.forecasts(period_id).items():
            current = budgets[body_id].current if body_id in budgets else ZERO
            deviation += forecast.amount - current
    return frames, deviation


# The finansförvaltning's figures, read with the budget year in one query.
FINANCE_FIELDS = (
    "tax_revenue", "general_grants", "financial_income", "financial_costs", "central_deviation",
)  # fmt: skip


@dataclass(frozen=True)
class ForecastBasis:
    """What the full-year forecast of the resultaträkning is built from: the budget year, the
    finansförvaltning's forecast of the period (None: none made), the sum of the current
    frames (None: none decided) and the nämnder's forecast deviation (their forecast net
    cost minus their frames, summed: positive is a cost above the frames)."""

    budget_year: BudgetYear | None
    finance: dict[str, Decimal] | None
    frames: Decimal | None
    deviation: Decimal

    def budget(self, key: str) -> Decimal | None:
        return _line_budgets(self.budget_year).get(key)

    def line_forecast(self, key: str) -> Decimal | None:
        """A line's forecast below the net cost, as the statement prints it."""
        if self.finance is not None and key in FINANCE_FIELDS:
            amount = self.finance[key]
            return -amount if key == "financial_costs" else amount
        return self.budget(key)

    @property
    def net_cost_forecast(self) -> Decimal | None:
        """Verksamhetens nettokostnader, forecast, as printed (negative)."""
        if self.frames is None:
            return None
        central = self.finance["central_deviation"] if self.finance is not None else ZERO
        return -(self.frames + self.deviation) + central


def forecast_basis(year: int, period_id: int | None) -> ForecastBasis:
    """The budget year with the period's ``FinanceForecast`` figures (one query), the frames
    and the nämnder's forecasts (two). Three queries."""
    budget_years = BudgetYear.objects.filter(year=year)
    if period_id is not None:
        finance = FinanceForecast.objects.filter(period_id=period_id)
        budget_years = budget_years.annotate(
            finance_pk=Subquery(finance.values("pk")[:1]),
            **{f"finance_{name}": Subquery(finance.values(name)[:1]) for name in FINANCE_FIELDS},
        )
    budget_year = budget_years.first()
    figures = None
    if budget_year is not None and getattr(budget_year, "finance_pk", None) is not None:
        figures = {
            name: selectors.money(getattr(budget_year, f"finance_{name}"))
            for name in FINANCE_FIELDS
        }
    frames, deviation = _frames_and_deviation(year, period_id)
    return ForecastBasis(budget_year, figures, frames, deviation)


SUBTOTAL_LABELS = {
    0: (NET_COST, gettext_lazy("Net operating costs")),
    1: (OPERATING_RESULT, gettext_lazy("Operating result")),
    2: (RESULT_AFTER_FINANCIAL, gettext_lazy("Result after financial items")),
}


def income_statement(
    year: int,
    through_month: int,
    *,
    period_id: int | None = None,
    book: Ledger | None = None,
    forecast_hidden: bool = False,
) -> IncomeStatement:
    """The resultaträkning from January to ``through_month``: outcome to date, budget for the
    year, full-year forecast (with the forecasts of ``period_id``), previous year's same months.
    ``forecast_hidden``: the reader may not read the period's forecasts; the forecast column
    is None on every row (the same queries run, so every reader's page runs as many).

    Six queries (three when ``book`` is given), whatever the number of rows or accounts.
    """
    book = book or ledger(year, through_month)
    basis = forecast_basis(year, period_id)
    budget_year, frames = basis.budget_year, basis.frames
    line_budgets = _line_budgets(budget_year)
    columns = {c: book.line_totals(c) for c in ("to_date", "previous_to_date", "previous_full")}

    lines = [line for line in book.lines if line.statement == Statement.INCOME]
    lines.sort(key=lambda line: (GROUP_OF.get(line.key, OTHER_GROUP), line.order))
    rows: list[StatementRow] = []
    running = {"outcome": None, "budget": None, "forecast": None, "previous": None, "full": None}
    group = 0
    has_budget = frames is not None or budget_year is not None

    def close_groups_until(next_group: int) -> None:
        nonlocal group
        while group < next_group and group in SUBTOTAL_LABELS:
            key, label = SUBTOTAL_LABELS[group]
            if group == 0:
                # The frames are net costs including depreciation: the budget of the net cost
                # is the frames, not the sum of the lines above.
                running["budget"] = _negated(frames)
                running["forecast"] = basis.net_cost_forecast
            rows.append(
                StatementRow(
                    key, str(label), True, running["outcome"], running["budget"],
                    running["forecast"], running["previous"], running["full"],
                )
            )  # fmt: skip
            group += 1

    for line in lines:
        close_groups_until(GROUP_OF.get(line.key, OTHER_GROUP))
        outcome = _negated(columns["to_date"].get(line.pk))
        previous = _negated(columns["previous_to_date"].get(line.pk))
        full = _negated(columns["previous_full"].get(line.pk))
        budget = line_budgets.get(line.key)
        forecast = basis.line_forecast(line.key)  # the budget, or the finansförvaltning's
        if line.key in ("operating_income", "operating_costs"):
            budget = forecast = None
        rows.append(
            StatementRow(line.key, line.name, False, outcome, budget, forecast, previous, full)
        )
        running["outcome"] = selectors.sum_present((running["outcome"], outcome))
        running["previous"] = selectors.sum_present((running["previous"], previous))
        running["full"] = selectors.sum_present((running["full"], full))
        if group > 0:
            running["budget"] = (
                selectors.sum_present((running["budget"], budget))
                if running["budget"] is not None
                else None
            )
            running["forecast"] = (
                selectors.sum_present((running["forecast"], forecast))
                if running["forecast"] is not None
                else None
            )
    close_groups_until(OTHER_GROUP)
    rows.append(
        StatementRow(
            RESULT, _("Result for the year"), True, running["outcome"], running["budget"],
            running["forecast"], running["previous"], running["full"],
        )
    )  # fmt: skip
    if forecast_hidden:
        rows = [replace(row, forecast=None) for row in rows]
    return IncomeStatement(
        year=year,
        through_month=through_month,
        rows=rows,
        forecast_hidden=forecast_hidden,
        basis=basis,
        has_outcome=book.has("to_date"),
        has_previous=book.has("previous_to_date"),
        has_budget=has_budget,
        unmapped=[(a, s) for a, s in book.unmapped() if not a.startswith(ASSET_CLASS)
                  and not a.startswith("2")],
    )  # fmt: skip


# --- Balansräkning --------------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceRow:
    key: str
    label: str
    kind: str  # "line", "group" (a heading, no amounts), "subtotal", "total" or "check"
    closing: Decimal | None  # at the end of the period's month
    opening: Decimal | None  # at the start of the year
    previous: Decimal | None  # at the same date of the previous year


BALANCE_COLUMNS = ("closing", "opening", "previous")

# The groups of the equity and liabilities side, by Kommun-Bas account group: 20–21 eget
# kapital, 22 avsättningar, 23–29 skulder.
EQUITY, PROVISIONS, LIABILITIES = "equity", "provisions", "liabilities"
GROUP_LABELS = {
    EQUITY: (gettext_lazy("Equity"), gettext_lazy("Total equity")),
    PROVISIONS: (gettext_lazy("Provisions"), gettext_lazy("Total provisions")),
    LIABILITIES: (gettext_lazy("Liabilities"), gettext_lazy("Total liabilities")),
}
RESULT_ROW = "period_result"


def _group_of(prefixes: list[str]) -> str:
    if any(p[:2] in ("20", "21") for p in prefixes):
        return EQUITY
    if any(p.startswith("22") for p in prefixes):
        return PROVISIONS
    return LIABILITIES


@dataclass
class BalanceSheet:
    """The balansräkning as printed: every total is the sum of the rows printed above it.

    ``equity_and_liabilities`` holds, per group (eget kapital, avsättningar, skulder), a
    heading, the group's lines and its subtotal; a group of a single line is that line
    alone. Eget kapital has the period's result as a row of its own (the ledger carries it
    to the equity accounts only when the year is closed)."""

    year: int
    through_month: int
    assets: list[BalanceRow]
    total_assets: BalanceRow
    equity_and_liabilities: list[BalanceRow]
    total_equity_and_liabilities: BalanceRow
    check: BalanceRow
    has_outcome: bool
    equity_keys: frozenset[str] = frozenset()  # the equity lines, the result row among them
    unmapped: list[tuple[str, Decimal]] = field(default_factory=list)

    @property
    def balances(self) -> bool:
        """Assets equal equity, provisions and liabilities in every column."""
        return all(not getattr(self.check, c) for c in BALANCE_COLUMNS)

    @property
    def difference(self) -> Decimal:
        """Assets minus equity, provisions and liabilities at the end of the period."""
        return self.check.closing or ZERO

    @property
    def rows(self) -> list[BalanceRow]:
        return [
            *self.assets,
            self.total_assets,
            *self.equity_and_liabilities,
            self.total_equity_and_liabilities,
            self.check,
        ]

    def equity(self, column: str = "closing") -> Decimal | None:
        """Eget kapital, the result so far included."""
        rows = (
            r for r in self.equity_and_liabilities if r.kind == "line" and r.key in self.equity_keys
        )
        return selectors.sum_present(getattr(r, column) for r in rows)


def _difference(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None and b is None:
        return None
    return (a or ZERO) - (b or ZERO)


def _summed(key: str, label: str, kind: str, rows: list[BalanceRow]) -> BalanceRow:
    """A total of ``rows`` as printed, column by column."""
    sums = (selectors.sum_present(getattr(r, c) for r in rows) for c in BALANCE_COLUMNS)
    return BalanceRow(key, label, kind, *sums)


def balance_sheet(
    year: int,
    through_month: int,
    *,
    book: Ledger | None = None,
    result: IncomeStatement | None = None,
) -> BalanceSheet:
    """The balansräkning at the end of ``through_month``, at the start of the year and at the
    same date last year. Balances are the opening balance (month 0) plus the year's rows up
    to the month. Eget kapital has the result so far as a row of its own ("Periodens
    resultat", "Årets resultat" at the year-end), so that the rows add up to it and the two
    sides can be compared: the check row shows any difference (an unmapped account, an
    unbalanced import).

    No queries with ``book`` and ``result`` given, five without.
    """
    book = book or ledger(year, through_month)
    result = result or income_statement(year, through_month, book=book)
    totals = {
        c: book.line_totals(c)
        for c in ("to_date", "opening", "previous_to_date", "previous_opening")
    }
    prefixes: dict[int, list[str]] = {}
    for mapping in book.chart.mappings:
        prefixes.setdefault(mapping.line_id, []).append(mapping.prefix)

    assets: list[BalanceRow] = []
    groups: dict[str, list[BalanceRow]] = {EQUITY: [], PROVISIONS: [], LIABILITIES: []}
    equity_keys: set[str] = set()
    for line in (line for line in book.lines if line.statement == Statement.BALANCE):
        line_prefixes = prefixes.get(line.pk, [])
        is_asset = any(p.startswith(ASSET_CLASS) for p in line_prefixes)
        sign = 1 if is_asset else -1
        opening = totals["opening"].get(line.pk)
        closing = selectors.sum_present((opening, totals["to_date"].get(line.pk)))
        previous = selectors.sum_present(
            (totals["previous_opening"].get(line.pk), totals["previous_to_date"].get(line.pk))
        )
        row = BalanceRow(
            line.key, line.name, "line",
            *(None if v is None else sign * v for v in (closing, opening, previous)),
        )  # fmt: skip
        if is_asset:
            assets.append(row)
            continue
        group = _group_of(line_prefixes)
        groups[group].append(row)
        if group == EQUITY:
            equity_keys.add(line.key)

    # The result so far is not yet carried to the equity accounts: a row of its own. The
    # opening balance already holds last year's result, so the row has no opening amount.
    period_result = result.row(RESULT)
    groups[EQUITY].insert(
        0,
        BalanceRow(
            RESULT_ROW,
            _("Result for the year") if through_month == 12 else _("Result for the period"),
            "line", period_result.outcome, None, period_result.previous,
        ),
    )  # fmt: skip
    equity_keys.add(RESULT_ROW)

    others: list[BalanceRow] = []
    group_totals: list[BalanceRow] = []
    for group, rows in groups.items():
        if not rows:
            continue
        if len(rows) == 1:
            others.append(rows[0])
            group_totals.append(rows[0])
            continue
        heading, total_label = GROUP_LABELS[group]
        subtotal = _summed(f"total_{group}", str(total_label), "subtotal", rows)
        others += [BalanceRow(group, str(heading), "group", None, None, None), *rows, subtotal]
        group_totals.append(subtotal)

    total_assets = _summed("total_assets", _("Total assets"), "total", assets)
    total_other = _summed(
        "total_equity_and_liabilities",
        _("Total equity, provisions and liabilities"),
        "total",
        group_totals,
    )
    check = BalanceRow(
        "difference", _("Difference (assets minus equity, provisions and liabilities)"), "check",
        *(_difference(getattr(total_assets, c), getattr(total_other, c))
          for c in BALANCE_COLUMNS),
    )  # fmt: skip
    return BalanceSheet(
        year=year,
        through_month=through_month,
        assets=assets,
        total_assets=total_assets,
        equity_and_liabilities=others,
        total_equity_and_liabilities=total_other,
        check=check,
        has_outcome=book.has("to_date", Statement.BALANCE)
        or book.has("opening", Statement.BALANCE),
        equity_keys=frozenset(equity_keys),
        unmapped=[(a, s) for a, s in book.unmapped() if a[:1] in (ASSET_CLASS, "2")],
    )


# --- Driftredovisning against the resultaträkning ------------------------------------------


@dataclass(frozen=True)
class DriftReconciliation:
    """The driftredovisning's net cost against the resultaträkning's verksamhetens
    nettokostnader, January to ``through_month``. Both as net costs (costs positive, the
    driftredovisning's sign). What is booked on operating accounts on units outside every
    body (finansförvaltning, KF) is in the RR but in no body's row: it is its own row here,
    so that any difference left is one that needs looking into (an operating account mapped
    on another line of the RR, an account no line covers, an opening balance on an operating
    account)."""

    year: int
    through_month: int
    operating_accounts: Decimal  # the driftredovisning's total: the bodies' outcome summed
    not_distributed: Decimal  # finansförvaltning / ej fördelat: outside every body
    net_operating_cost: Decimal  # the RR's verksamhetens nettokostnader, as a cost

    @property
    def reconciled(self) -> Decimal:
        """The driftredovisning with what is booked outside the bodies."""
        return self.operating_accounts + self.not_distributed

    @property
    def difference(self) -> Decimal:
        """The RR's net cost minus the driftredovisning and the row outside the bodies."""
        return self.net_operating_cost - self.reconciled

    @property
    def reconciles(self) -> bool:
        return self.difference == ZERO

    @property
    def rows(self) -> list[tuple[str, Decimal, bool]]:
        """(label, amount, is_total) in the order a reconciliation is read."""
        return [
            (_("Operating accounts: the committees' and companies' net costs"),
             self.operating_accounts, False),
            (_("Booked outside the committees (financial administration, not distributed)"),
             self.not_distributed, False),
            (_("Net costs in the operating accounts and outside the committees"),
             self.reconciled, True),
            (_("Net operating costs in the income statement"), self.net_operating_cost, False),
            (_("Difference"), self.difference, True),
        ]  # fmt: skip


def drift_reconciliation(
    period,
    *,
    book: Ledger | None = None,
    income: IncomeStatement | None = None,
    accounts: selectors.OperatingAccounts | None = None,
) -> DriftReconciliation:
    """The reconciliation of ``period``'s driftredovisning (``selectors.operating_accounts``,
    the one the overview and the reports show; ``accounts``: already read) with its
    resultaträkning.

    Eleven queries (six with ``book`` and ``income`` given, two with ``accounts`` too),
    whatever the size of the ledger or the number of bodies.
    """
    year, month = period.year, period.ends_on.month
    book = book or ledger(year, month)
    income = income or income_statement(year, month, book=book)
    accounts = accounts or selectors.operating_accounts(period, with_forecasts=False)
    operating = accounts.outcome
    body_of = selectors.body_of_units()
    outside = sum(
        (
            a
            for u, a in selectors.operating_outcome_by_unit(year, month).items()
            if u not in body_of
        ),
        ZERO,
    )
    net_cost = income.amount(NET_COST, "outcome")
    return DriftReconciliation(
        year=year,
        through_month=month,
        operating_accounts=operating,
        not_distributed=outside,
        net_operating_cost=-(net_cost or ZERO),
    )


# --- Kassaflödesanalys --------------------------------------------------------------------


@dataclass(frozen=True)
class CashFlowLine:
    label: str
    amount: Decimal
    is_subtotal: bool = False


@dataclass(frozen=True)
class CashFlow:
    lines: list[CashFlowLine]
    cash_flow: Decimal  # årets kassaflöde
    opening_cash: Decimal
    closing_cash: Decimal
    unreconciled: Decimal  # the change in kassa och bank minus the cash flow

    def amount(self, label: str) -> Decimal:
        return next(line.amount for line in self.lines if line.label == label)


def cash_flow(
    year: int, through_month: int, *, income: IncomeStatement, sheet: BalanceSheet, book: Ledger
) -> CashFlow:
    """Kassaflödesanalys by the indirect method, from the income statement, the change of the
    balance sheet's lines from the opening to the closing balance and the net investments
    booked on the investment projects. Likvida medel are kassa och bank."""
    lines = {r.key: r for r in sheet.rows}

    def change(key: str) -> Decimal:
        row = lines.get(key)
        if row is None:
            return ZERO
        return (row.closing or ZERO) - (row.opening or ZERO)

    def outcome(key: str) -> Decimal:
        return income.amount(key, "outcome") or ZERO

    gains = book.realisation_gains()
    net_investments = sum(selectors.investment_outcome(year, through_month).values(), ZERO)
    result: list[CashFlowLine] = []

    def group(items: list[tuple[str, Decimal]], subtotal: str) -> Decimal:
        amount = sum((a for _label, a in items), ZERO)
        result.extend(CashFlowLine(label, a) for label, a in items)
        result.append(CashFlowLine(subtotal, amount, True))
        return amount

    funds = group(
        [
            (_("Result for the year"), outcome(RESULT)),
            (_("Adjustment for depreciation"), -outcome("depreciation")),
            (_("Adjustment for realisation gains"), -gains),
            (_("Change in provisions"), change("br_provisions")),
        ],
        _("Funds from operations before changes in working capital"),
    )
    working = [
        (_("Decrease (+) / increase (−) in receivables"), -change("br_receivables")),
        (
            _("Decrease (+) / increase (−) in inventories and development properties"),
            -change("br_inventories"),
        ),
        (_("Increase (+) / decrease (−) in current liabilities"), change("br_current_liabilities")),
    ]
    result.extend(CashFlowLine(label, a) for label, a in working)
    operating_flow = funds + sum((a for _label, a in working), ZERO)
    result.append(CashFlowLine(_("Cash flow from operating activities"), operating_flow, True))
    investing_flow = group(
        [
            (_("Net investments in fixed assets"), -net_investments),
            (_("Sale of fixed assets (realisation gains)"), gains),
            (_("Change in financial fixed assets"), -change("br_financial_assets")),
            (_("Change in short-term investments"), -change("br_short_term_investments")),
        ],
        _("Cash flow from investing activities"),
    )
    financing_flow = group(
        [(_("Change in long-term liabilities"), change("br_long_term_liabilities"))],
        _("Cash flow from financing activities"),
    )
    flow = operating_flow + investing_flow + financing_flow
    cash = lines.get("br_cash")
    opening = (cash.opening or ZERO) if cash else ZERO
    closing = (cash.closing or ZERO) if cash else ZERO
    return CashFlow(result, flow, opening, closing, (closing - opening) - flow)


# --- The kommun's statements for a period, read once -----------------------------------------


@dataclass(frozen=True)
class KommunStatements:
    """The kommun's own ledger, RR, BR and kassaflöde for a period, as its reports draw them:
    read once and handed to whatever else prints or checks them (the koncern's statements,
    the kontroller before a report)."""

    book: Ledger
    income: IncomeStatement
    sheet: BalanceSheet
    flow: CashFlow


def kommun_statements(period) -> KommunStatements:
    """The kommun's statements through the month ``period`` ends in, with its forecasts."""
    year, month = period.year, period.ends_on.month
    book = ledger(year, month)
    income = income_statement(year, month, period_id=period.pk, book=book)
    sheet = balance_sheet(year, month, book=book, result=income)
    flow = cash_flow(year, month, income=income, sheet=sheet, book=book)
    return KommunStatements(book, income, sheet, flow)
