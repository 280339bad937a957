"""The sammanställd redovisning: the kommun's statements with its bolag's, by ownership share,
less what the parties sold, lent and paid each other.

Proportional consolidation (RKR R16): each bolag's figures count by the kommun's share of it
in the period's year; a bolag owned under 20 % is left out (and said to be). Internal
transactions are eliminated by the same share (the product of both parties' shares between two
bolag; the kommun's is 1):

- sales and purchases: off the seller's verksamhetens intäkter and the buyer's kostnader;
- interest: off the lender's finansiella intäkter and the borrower's finansiella kostnader;
- loans: off the lender's (financial) anläggningstillgångar and the borrower's långfristiga
  skulder, and their change since the previous year-end moves between the investing and the
  financing activities of the kassaflöde;
- shares: the owner's book value of its holding off its anläggningstillgångar and off the
  bolag's eget kapital (the kommun's holding is its share already: not scaled).

Every elimination takes the same amount off both sides, so the consolidated result is the
kommun's plus each bolag's share of its result, and a balansräkning whose parts balance still
balances.

The kommun's part comes from ``apps.economy.statements``: its outcome to date, and its
previous column for the previous year's koncern column. A statement runs a fixed number of
queries whatever the number of bolag, figures and transactions: five of its own, plus the
kommun's statements' unless the caller passes them in (``KommunStatements``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from apps.consolidation.models import (
    ASSET_LINES,
    EQUITY_AND_LIABILITY_LINES,
    INCOME_LINES,
    CompanyFigure,
    CompanyForecast,
    CompanyLine,
    InternalKind,
    InternalTransaction,
    Ownership,
)
from apps.economy import statements
from apps.economy.selectors import ZERO, sum_present
from apps.economy.statements import KommunStatements, kommun_statements
from apps.organisation.models import Unit
from apps.periods.models import PeriodKind, ReportingPeriod

# The kommun's balance lines that are omsättningstillgångar; its other assets are fixed
CURRENT_ASSET_KEYS = frozenset(
    {"br_inventories", "br_receivables", "br_short_term_investments", "br_cash"}
)
PROVISION_KEYS = frozenset({"br_provisions"})
LONG_TERM_KEYS = frozenset({"br_long_term_liabilities"})

RESULT = "result"
TOTAL_ASSETS, TOTAL_EQUITY_AND_LIABILITIES = "total_assets", "total_equity_and_liabilities"
DIFFERENCE = "difference"
CASH_FLOW = "cash_flow"


# --- The koncern's data for a period --------------------------------------------------------


@dataclass(frozen=True)
class CompanyColumn:
    company: Unit
    share: Decimal  # per cent
    factor: Decimal  # the share as a fraction; 0 when not consolidated


@dataclass(frozen=True)
class LeftOut:
    company: Unit
    share: Decimal


@dataclass
class _Figures:
    """A period's figures: {company id: {line: amount}} and its internal transactions."""

    by_company: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    internal: list[InternalTransaction] = field(default_factory=list)

    def amount(self, company_id: int, line: str) -> Decimal | None:
        return self.by_company.get(company_id, {}).get(line)

    def result(self, company_id: int) -> Decimal | None:
        lines = self.by_company.get(company_id, {})
        return sum_present(lines.get(line) for line in INCOME_LINES)


@dataclass
class GroupData:
    period: ReportingPeriod
    previous_period: ReportingPeriod | None  # the previous year's same period
    opening_period: ReportingPeriod | None  # the previous year's bokslut
    columns: list[CompanyColumn]  # the consolidated bolag, in the organisation's order
    previous_factors: dict[int, Decimal]
    left_out: list[LeftOut]
    now: _Figures
    previous: _Figures
    opening: _Figures
    forecasts: dict[int, Decimal]


def _shares(ownerships: Iterable[Ownership], year: int) -> dict[int, Ownership]:
    """The ownership in force in ``year`` per company (the latest from a year not after it)."""
    in_force: dict[int, Ownership] = {}
    for ownership in ownerships:
        if ownership.from_year <= year:
            in_force[ownership.company_id] = ownership  # ordered by from_year
    return in_force


def group_data(period: ReportingPeriod) -> GroupData:
    """Everything the koncern's statements read for ``period``: five queries."""
    earlier = list(
        ReportingPeriod.objects.filter(
            year=period.year - 1, kind__in={period.kind, PeriodKind.ANNUAL}
        ).order_by("ends_on", "pk")
    )
    previous = next(
        (p for p in earlier if p.kind == period.kind and p.ends_on.month == period.ends_on.month),
        None,
    )
    opening = next((p for p in earlier if p.kind == PeriodKind.ANNUAL), None)
    ownerships = list(
        Ownership.objects.filter(from_year__lte=period.year)
        .select_related("company")
        .order_by("from_year", "pk")
    )
    now_shares = _shares(ownerships, period.year)
    before = _shares(ownerships, period.year - 1)
    ordered = sorted(
        now_shares.values(), key=lambda o: (o.company.position, o.company.name, o.company_id)
    )
    columns = [CompanyColumn(o.company, o.share, o.factor) for o in ordered if o.is_consolidated]
    left_out = [LeftOut(o.company, o.share) for o in ordered if not o.is_consolidated]
    company_ids = [c.company.pk for c in columns]

    figures = {p.pk: _Figures() for p in (period, previous, opening) if p is not None}
    rows = CompanyFigure.objects.filter(
        period_id__in=list(figures), company_id__in=company_ids
    ).values_list("period_id", "company_id", "line", "amount")
    for period_id, company_id, line, amount in rows:
        figures[period_id].by_company.setdefault(company_id, {})[line] = amount
    for internal in InternalTransaction.objects.filter(period_id__in=list(figures)).order_by(
        "kind", "pk"
    ):
        figures[internal.period_id].internal.append(internal)
    forecasts = dict(
        CompanyForecast.objects.filter(period=period, company_id__in=company_ids).values_list(
            "company_id", "result"
        )
    )
    empty = _Figures()
    return GroupData(
        period=period,
        previous_period=previous,
        opening_period=opening,
        columns=columns,
        previous_factors={k: o.factor for k, o in before.items()},
        left_out=left_out,
        now=figures[period.pk],
        previous=figures[previous.pk] if previous else empty,
        opening=figures[opening.pk] if opening else empty,
        forecasts=forecasts,
    )


def _factor(factors: dict[int, Decimal], party_id: int | None) -> Decimal:
    return Decimal(1) if party_id is None else factors.get(party_id, ZERO)


def eliminations(
    internal: Iterable[InternalTransaction], factors: dict[int, Decimal]
) -> dict[str, Decimal]:
    """What the internal transactions take off each koncern line (signed as the statements
    print the line: a negative amount lowers a revenue or a balance, a positive one lowers
    a cost). A transaction with a party outside the koncern is not eliminated."""
    result: dict[str, Decimal] = {}

    def add(line: str, amount: Decimal) -> None:
        result[line] = result.get(line, ZERO) + amount

    for item in internal:
        factor = _factor(factors, item.seller_id) * _factor(factors, item.buyer_id)
        if not factor:
            continue
        # The owner's book value of its holding is its share already
        amount = item.amount if item.kind == InternalKind.SHARES else factor * item.amount
        if item.kind == InternalKind.SALES:
            add(CompanyLine.OPERATING_INCOME, -amount)
            add(CompanyLine.OPERATING_COSTS, amount)
        elif item.kind == InternalKind.INTEREST:
            add(CompanyLine.FINANCIAL_INCOME, -amount)
            add(CompanyLine.FINANCIAL_COSTS, amount)
        elif item.kind == InternalKind.LOAN:
            add(CompanyLine.FIXED_ASSETS, -amount)
            add(CompanyLine.LONG_TERM_LIABILITIES, -amount)
        elif item.kind == InternalKind.SHARES:
            add(CompanyLine.FIXED_ASSETS, -amount)
            add(CompanyLine.EQUITY, -amount)
    return result


def _loans(internal: Iterable[InternalTransaction], factors: dict[int, Decimal]) -> Decimal:
    """The internal loans at a period's end, by the koncern's share."""
    return sum(
        (
            _factor(factors, i.seller_id) * _factor(factors, i.buyer_id) * i.amount
            for i in internal
            if i.kind == InternalKind.LOAN
        ),
        ZERO,
    )


# --- The statements ---------------------------------------------------------------------


@dataclass(frozen=True)
class ConsolidatedRow:
    key: str
    label: str
    kind: str  # "line", "memo" (of which: not summed), "subtotal", "total" or "check"
    kommun: Decimal | None
    companies: tuple[Decimal | None, ...]  # each bolag's figure by the owned share
    eliminations: Decimal | None
    koncern: Decimal | None
    previous: Decimal | None  # the koncern, the previous year's same period

    @property
    def amounts(self) -> list[Decimal | None]:
        return [self.kommun, *self.companies, self.eliminations, self.koncern]


@dataclass(frozen=True)
class ConsolidatedStatement:
    key: str  # "rr", "br" or "kf"
    period: ReportingPeriod
    companies: list[CompanyColumn]
    left_out: list[LeftOut]
    rows: list[ConsolidatedRow]
    previous_period: ReportingPeriod | None  # None: no previous column
    # The kassaflöde: bolag left out for want of their figures at the previous year-end
    without_opening: list[Unit] = field(default_factory=list)

    def row(self, key: str) -> ConsolidatedRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def amount(self, key: str, column: str = "koncern") -> Decimal | None:
        row = self.row(key)
        return None if row is None else getattr(row, column)

    @property
    def has_companies(self) -> bool:
        return bool(self.companies)


class _Builder:
    """Rows built column by column: lines, then sums of the rows they name."""

    def __init__(self, width: int) -> None:
        self.width = width  # the bolag
        self.rows: list[ConsolidatedRow] = []

    def line(
        self,
        key: str,
        label: str,
        kommun: Decimal | None,
        companies: Sequence[Decimal | None],
        elimination: Decimal | None,
        previous: Decimal | None,
        kind: str = "line",
    ) -> ConsolidatedRow:
        koncern = sum_present((kommun, *companies, elimination))
        row = ConsolidatedRow(
            key, label, kind, kommun, tuple(companies), elimination or None, koncern, previous
        )
        self.rows.append(row)
        return row

    def total(
        self, key: str, label: str, parts: Sequence[ConsolidatedRow], kind: str = "subtotal"
    ) -> ConsolidatedRow:
        def summed(values: Iterable[Decimal | None]) -> Decimal | None:
            return sum_present(values)

        row = ConsolidatedRow(
            key, label, kind,
            summed(p.kommun for p in parts),
            tuple(summed(p.companies[i] for p in parts) for i in range(self.width)),
            summed(p.eliminations for p in parts),
            summed(p.koncern for p in parts),
            summed(p.previous for p in parts),
        )  # fmt: skip
        self.rows.append(row)
        return row


def _scaled(factor: Decimal, amount: Decimal | None) -> Decimal | None:
    return None if amount is None else factor * amount


def _previous(
    data: GroupData, line: str, kommun_previous: Decimal | None, elims: dict[str, Decimal]
) -> Decimal | None:
    """The koncern's line in the previous year's same period: None without that period."""
    if data.previous_period is None:
        return None
    companies = (
        _scaled(
            data.previous_factors.get(c.company.pk, ZERO), data.previous.amount(c.company.pk, line)
        )
        for c in data.columns
    )
    return sum_present((kommun_previous, *companies, elims.get(line)))


def _statement(key: str, data: GroupData, builder: _Builder) -> ConsolidatedStatement:
    return ConsolidatedStatement(
        key=key,
        period=data.period,
        companies=data.columns,
        left_out=data.left_out,
        rows=builder.rows,
        previous_period=data.previous_period,
    )


RR_LINES = {
    "operating_income": CompanyLine.OPERATING_INCOME,
    "operating_costs": CompanyLine.OPERATING_COSTS,
    "depreciation": CompanyLine.DEPRECIATION,
    "financial_income": CompanyLine.FINANCIAL_INCOME,
    "financial_costs": CompanyLine.FINANCIAL_COSTS,
}


def _income_statement(data: GroupData, kommun: KommunStatements) -> ConsolidatedStatement:
    factors = {c.company.pk: c.factor for c in data.columns}
    elims = eliminations(data.now.internal, factors)
    previous_elims = eliminations(data.previous.internal, data.previous_factors)
    build = _Builder(len(data.columns))
    kommun_rows = {r.key: r for r in kommun.income.rows if not r.is_subtotal}
    labels = {line.value: line.label for line in CompanyLine}

    def line(key: str, company_line: str | None, label: str) -> ConsolidatedRow:
        own = kommun_rows.get(key)
        companies = [
            _scaled(c.factor, data.now.amount(c.company.pk, company_line)) if company_line else None
            for c in data.columns
        ]
        elimination = elims.get(company_line) if company_line else None
        previous = (
            _previous(data, company_line, own.previous if own else None, previous_elims)
            if company_line
            else (own.previous if own and data.previous_period else None)
        )
        return build.line(
            key, label, own.outcome if own else None, companies, elimination, previous
        )

    def label_of(key: str, fallback: str) -> str:
        own = kommun_rows.get(key)
        return own.label if own else fallback

    operating = [
        line(key, RR_LINES[key], label_of(key, str(labels[RR_LINES[key]])))
        for key in ("operating_income", "operating_costs", "depreciation")
    ]
    net_cost = build.total(statements.NET_COST, _("Net operating costs"), operating)
    taxes = [
        line(key, None, label_of(key, fallback))
        for key, fallback in (
            ("tax_revenue", _("Tax revenue")),
            ("general_grants", _("General grants and equalisation")),
        )
    ]
    operating_result = build.total(
        statements.OPERATING_RESULT, _("Operating result"), [net_cost, *taxes]
    )
    financial = [
        line(key, RR_LINES[key], label_of(key, str(labels[RR_LINES[key]])))
        for key in ("financial_income", "financial_costs")
    ]
    after_financial = build.total(
        statements.RESULT_AFTER_FINANCIAL,
        _("Result after financial items"),
        [operating_result, *financial],
    )
    known = {"operating_income", "operating_costs", "depreciation", "tax_revenue",
             "general_grants", "financial_income", "financial_costs"}  # fmt: skip
    # The kommun's other lines (extraordinary items, say), where it has an amount
    others = [
        line(key, None, row.label)
        for key, row in kommun_rows.items()
        if key not in known and (row.outcome is not None or row.previous is not None)
    ]
    others += [
        line(str(company_line), company_line, str(labels[company_line]))
        for company_line in (CompanyLine.APPROPRIATIONS, CompanyLine.TAX)
    ]
    build.total(RESULT, _("Result for the year"), [after_financial, *others], kind="total")
    return _statement("rr", data, build)


def _balance_sheet(data: GroupData, kommun: KommunStatements) -> ConsolidatedStatement:
    factors = {c.company.pk: c.factor for c in data.columns}
    elims = eliminations(data.now.internal, factors)
    previous_elims = eliminations(data.previous.internal, data.previous_factors)
    sheet = kommun.sheet
    groups: dict[str, list[statements.BalanceRow]] = {}
    for row in sheet.assets:
        if row.kind == "line":
            line = (
                CompanyLine.CURRENT_ASSETS
                if row.key in CURRENT_ASSET_KEYS
                else CompanyLine.FIXED_ASSETS
            )
            groups.setdefault(line, []).append(row)
    for row in sheet.equity_and_liabilities:
        if row.kind != "line":
            continue
        if row.key in sheet.equity_keys:
            line = CompanyLine.EQUITY
        elif row.key in PROVISION_KEYS:
            line = CompanyLine.PROVISIONS
        elif row.key in LONG_TERM_KEYS:
            line = CompanyLine.LONG_TERM_LIABILITIES
        else:
            line = CompanyLine.CURRENT_LIABILITIES
        groups.setdefault(line, []).append(row)
    cash_row = next((r for r in sheet.assets if r.key == "br_cash"), None)
    build = _Builder(len(data.columns))
    labels = {line.value: line.label for line in CompanyLine}

    def line(company_line: str, kind: str = "line", own_rows=None) -> ConsolidatedRow:
        own_rows = groups.get(company_line, []) if own_rows is None else own_rows
        own = sum_present(r.closing for r in own_rows)
        own_previous = sum_present(r.previous for r in own_rows)
        companies = [
            _scaled(c.factor, data.now.amount(c.company.pk, company_line)) for c in data.columns
        ]
        previous = _previous(data, company_line, own_previous, previous_elims)
        return build.line(
            str(company_line), str(labels[company_line]), own, companies,
            elims.get(company_line), previous, kind,
        )  # fmt: skip

    assets = [line(company_line) for company_line in ASSET_LINES]
    line(CompanyLine.CASH, "memo", [cash_row] if cash_row else [])
    total_assets = build.total(TOTAL_ASSETS, _("Total assets"), assets, kind="total")
    others = [line(company_line) for company_line in EQUITY_AND_LIABILITY_LINES]
    total_other = build.total(
        TOTAL_EQUITY_AND_LIABILITIES,
        _("Total equity, provisions and liabilities"),
        others,
        kind="total",
    )
    difference = _difference_row(total_assets, total_other)
    build.rows.append(difference)
    return _statement("br", data, build)


def _minus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None and b is None:
        return None
    return (a or ZERO) - (b or ZERO)


def _difference_row(assets: ConsolidatedRow, other: ConsolidatedRow) -> ConsolidatedRow:
    return ConsolidatedRow(
        DIFFERENCE,
        _("Difference (assets minus equity, provisions and liabilities)"),
        "check",
        _minus(assets.kommun, other.kommun),
        tuple(_minus(a, b) for a, b in zip(assets.companies, other.companies, strict=True)),
        _minus(assets.eliminations, other.eliminations),
        _minus(assets.koncern, other.koncern),
        _minus(assets.previous, other.previous),
    )


def _cash_flow(
    data: GroupData, kommun: KommunStatements, income: ConsolidatedStatement
) -> ConsolidatedStatement:
    """By the indirect method: the kommun's kassaflödesanalys grouped, with each bolag's from
    its result, depreciation, the change of its balances since the previous year-end and
    its investeringar, nyupplåning and amortering.

    A bolag without figures for the previous year-end has no changes to show: it is left out
    of the kassaflöde (``without_opening``), its cash with it, so the statement still
    reconciles. Each row of the result is the income statement's, for the bolag shown."""
    flow = kommun.flow
    shown = [i for i, c in enumerate(data.columns) if c.company.pk in data.opening.by_company]
    columns = [data.columns[i] for i in shown]
    subtotals = [line for line in flow.lines if line.is_subtotal]
    funds, operating, investing, financing = (s.amount for s in subtotals[:4])
    own_result = kommun.income.amount(statements.RESULT, "outcome") or ZERO
    own_depreciation = -(kommun.income.amount("depreciation", "outcome") or ZERO)
    factors = {c.company.pk: c.factor for c in data.columns}
    loans_change = _loans(data.now.internal, factors) - _loans(data.opening.internal, factors)
    build = _Builder(len(columns))

    def company(c: CompanyColumn, compute) -> Decimal | None:
        lines = data.now.by_company.get(c.company.pk)
        if not lines:
            return None
        opening = data.opening.by_company.get(c.company.pk, {})

        def change(line: str) -> Decimal:
            return lines.get(line, ZERO) - opening.get(line, ZERO)

        return c.factor * compute(lines, change)

    def each(compute) -> list[Decimal | None]:
        return [company(c, compute) for c in columns]

    result_row = income.row(RESULT)
    result = build.line(
        "result", result_row.label, result_row.kommun, [result_row.companies[i] for i in shown],
        result_row.eliminations, None,
    )  # fmt: skip
    depreciation = build.line(
        "depreciation", _("Adjustment for depreciation"), own_depreciation,
        each(lambda lines, change: -lines.get(CompanyLine.DEPRECIATION, ZERO)), None, None,
    )  # fmt: skip
    other = build.line(
        "other_items", _("Other items not affecting liquidity"),
        funds - own_result - own_depreciation,
        each(lambda lines, change: change(CompanyLine.PROVISIONS)), None, None,
    )  # fmt: skip
    funds_row = build.total(
        "funds", _("Funds from operations before changes in working capital"),
        [result, depreciation, other],
    )  # fmt: skip
    working = build.line(
        "working_capital", _("Change in working capital"), operating - funds,
        each(
            lambda lines, change: -(change(CompanyLine.CURRENT_ASSETS) - change(CompanyLine.CASH))
            + change(CompanyLine.CURRENT_LIABILITIES)
        ),
        None, None,
    )  # fmt: skip
    operating_row = build.total(
        "operating", _("Cash flow from operating activities"), [funds_row, working]
    )
    investing_row = build.line(
        "investing", _("Cash flow from investing activities"), investing,
        each(lambda lines, change: -lines.get(CompanyLine.INVESTMENTS, ZERO)),
        loans_change or None, None, kind="subtotal",
    )  # fmt: skip
    financing_row = build.line(
        "financing", _("Cash flow from financing activities"), financing,
        each(
            lambda lines, change: lines.get(CompanyLine.NEW_BORROWING, ZERO)
            - lines.get(CompanyLine.AMORTISATION, ZERO)
        ),
        -loans_change or None, None, kind="subtotal",
    )  # fmt: skip
    total = build.total(
        CASH_FLOW, _("Cash flow for the period"), [operating_row, investing_row, financing_row],
        kind="total",
    )  # fmt: skip
    opening = build.line(
        "opening_cash", _("Cash and bank at the start of the year"), flow.opening_cash,
        [_scaled(c.factor, data.opening.amount(c.company.pk, CompanyLine.CASH))
         for c in columns],
        None, None, kind="memo",
    )  # fmt: skip
    closing = build.line(
        "closing_cash", _("Cash and bank at the end of the period"), flow.closing_cash,
        [_scaled(c.factor, data.now.amount(c.company.pk, CompanyLine.CASH)) for c in columns],
        None, None, kind="memo",
    )  # fmt: skip
    check = _minus(_minus(closing.koncern, opening.koncern), total.koncern)
    if check:
        build.rows.append(
            ConsolidatedRow(
                DIFFERENCE,
                _("Change in cash and bank not explained by the cash flow"),
                "check",
                None,
                tuple(None for _c in columns),
                None,
                check,
                None,
            )
        )
    return ConsolidatedStatement(
        key="kf",
        period=data.period,
        companies=columns,
        left_out=data.left_out,
        rows=build.rows,
        previous_period=None,  # the kassaflöde has no previous year's column
        without_opening=[c.company for c in data.columns if c not in columns],
    )


@dataclass(frozen=True)
class Consolidated:
    income: ConsolidatedStatement
    balance: ConsolidatedStatement
    cash_flow: ConsolidatedStatement
    data: GroupData


def consolidated_statements(
    period: ReportingPeriod, *, kommun: KommunStatements | None = None
) -> Consolidated:
    """The three consolidated statements for ``period`` from one read of the data."""
    data = group_data(period)
    kommun = kommun or kommun_statements(period)
    income = _income_statement(data, kommun)
    return Consolidated(
        income, _balance_sheet(data, kommun), _cash_flow(data, kommun, income), data
    )


def consolidated_income_statement(
    period: ReportingPeriod, *, kommun: KommunStatements | None = None
) -> ConsolidatedStatement:
    return _income_statement(group_data(period), kommun or kommun_statements(period))


def consolidated_balance_sheet(
    period: ReportingPeriod, *, kommun: KommunStatements | None = None
) -> ConsolidatedStatement:
    return _balance_sheet(group_data(period), kommun or kommun_statements(period))


def consolidated_cash_flow(
    period: ReportingPeriod, *, kommun: KommunStatements | None = None
) -> ConsolidatedStatement:
    data = group_data(period)
    kommun = kommun or kommun_statements(period)
    return _cash_flow(data, kommun, _income_statement(data, kommun))


# --- The bolag in a period ----------------------------------------------------------------


@dataclass(frozen=True)
class CompanyInPeriod:
    company: Unit
    share: Decimal
    consolidated: bool
    result: Decimal | None  # the result to date, from its figures
    forecast: Decimal | None  # its full-year forecast of the result
    balances: bool | None  # its balansräkning balances; None without balances
    lines: dict[str, Decimal] = field(default_factory=dict, compare=False, repr=False)


def companies_in_period(period: ReportingPeriod) -> list[CompanyInPeriod]:
    """Each bolag the kommun owns in the period's year, with its share, its figures (by
    line), result to date and full-year forecast: three queries."""
    ownerships = Ownership.objects.filter(from_year__lte=period.year).select_related("company")
    in_force = _shares(ownerships.order_by("from_year", "pk"), period.year)
    figures: dict[int, dict[str, Decimal]] = {}
    for company_id, line, amount in CompanyFigure.objects.filter(period=period).values_list(
        "company_id", "line", "amount"
    ):
        figures.setdefault(company_id, {})[line] = amount
    forecasts = dict(
        CompanyForecast.objects.filter(period=period).values_list("company_id", "result")
    )
    rows = []
    for ownership in sorted(
        in_force.values(), key=lambda o: (o.company.position, o.company.name, o.company_id)
    ):
        lines = figures.get(ownership.company_id, {})
        assets = sum_present(lines.get(line) for line in ASSET_LINES)
        other = sum_present(lines.get(line) for line in EQUITY_AND_LIABILITY_LINES)
        rows.append(
            CompanyInPeriod(
                company=ownership.company,
                share=ownership.share,
                consolidated=ownership.is_consolidated,
                result=sum_present(lines.get(line) for line in INCOME_LINES),
                forecast=forecasts.get(ownership.company_id),
                balances=None if assets is None and other is None else assets == other,
                lines=lines,
            )
        )
    return rows


def internal_transactions(period: ReportingPeriod) -> list[InternalTransaction]:
    """The period's internal transactions with their parties: one query."""
    return list(
        InternalTransaction.objects.filter(period=period)
        .select_related("seller", "buyer")
        .order_by("kind", "pk")
    )
