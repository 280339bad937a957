"""The pension obligations of a period: the administrator's statement (avsättning and
ansvarsförbindelse), the ledger's pension provision it should agree with, and soliditet with
and without the ansvarsförbindelse (the blandmodell leaves the pensions earned before 1998
outside the balansräkning, so the soliditet including them is the honest one to compare).

The ledger's pension provision is the balance of the Kommun-Bas accounts for avsättningar för
pensioner (group 221), shown positive; the balansräkning prints it in the line that the chart
maps those accounts on (``pension_line_key``: Avsättningar in the shipped Kommun-Bas).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from apps.core.history import HistoryEntry, fields_named, history_entries, history_records
from apps.economy import selectors, statements
from apps.economy.models import PensionStatement
from apps.periods.models import PeriodKind, ReportingPeriod

ZERO = selectors.ZERO
# Kommun-Bas: 221 Avsättningar för pensioner och liknande förpliktelser.
PENSION_ACCOUNT_PREFIX = "221"


def pension_line_key(book: statements.Ledger) -> str | None:
    """The key of the balansräkning line the pension accounts are mapped on (None: none)."""
    mapping = book.chart.mapping_for(PENSION_ACCOUNT_PREFIX)
    if mapping is None:
        return None
    return next((line.key for line in book.lines if line.pk == mapping.line_id), None)


def ledger_pension_provision(book: statements.Ledger, column: str = "closing") -> Decimal | None:
    """The pension provision in the ledger, positive: at the end of the ledger's month
    (``closing``) or at the start of the year (``opening``). None: no rows on the accounts."""
    total: Decimal | None = None
    for account, sums in book.accounts.items():
        if not account.startswith(PENSION_ACCOUNT_PREFIX):
            continue
        amounts = (sums.opening,) if column == "opening" else (sums.opening, sums.to_date)
        amount = selectors.sum_present(amounts)
        if amount is not None:
            total = (total or ZERO) - amount  # a provision is a credit in the ledger
    return total


def _ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator / denominator * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class PensionFigures:
    period: ReportingPeriod
    statement: PensionStatement
    previous: PensionStatement | None  # the previous year-end's statement
    ledger_provision: Decimal | None  # the ledger's pension provision at the period's end
    line_key: str | None  # the balansräkning line the provision is printed in
    equity: Decimal | None  # eget kapital in the balansräkning, the period's result included
    total_assets: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        """The administrator's avsättning minus the ledger's; zero when they agree."""
        if self.ledger_provision is None:
            return None
        return self.statement.provision - self.ledger_provision

    @property
    def agrees(self) -> bool:
        return self.difference == ZERO

    @property
    def equity_ratio(self) -> Decimal | None:
        """Soliditet: eget kapital / totala tillgångar, in per cent."""
        return _ratio(self.equity, self.total_assets)

    @property
    def equity_ratio_with_pensions(self) -> Decimal | None:
        """Soliditet inklusive ansvarsförbindelsen för pensioner intjänade före 1998."""
        if self.equity is None:
            return None
        return _ratio(self.equity - self.statement.contingent_liability, self.total_assets)

    @staticmethod
    def obligation(statement: PensionStatement | None) -> Decimal | None:
        """The total pension obligation: avsättning + ansvarsförbindelse − förvaltade medel."""
        if statement is None:
            return None
        funds = statement.pension_funds or ZERO
        return statement.provision + statement.contingent_liability - funds

    @property
    def total_obligation(self) -> Decimal | None:
        return self.obligation(self.statement)

    @property
    def previous_total_obligation(self) -> Decimal | None:
        return self.obligation(self.previous)


def statements_of(
    period: ReportingPeriod,
) -> tuple[PensionStatement | None, PensionStatement | None]:
    """The period's pension statement and the previous year-end's: one query."""
    found = list(
        PensionStatement.objects.filter(
            Q(period=period) | Q(period__year=period.year - 1, period__kind=PeriodKind.ANNUAL)
        ).select_related("period")
    )
    current = next((s for s in found if s.period_id == period.pk), None)
    previous = next((s for s in found if s.period_id != period.pk), None)
    return current, previous


def pension_figures(
    period: ReportingPeriod,
    *,
    book: statements.Ledger | None = None,
    sheet: statements.BalanceSheet | None = None,
) -> PensionFigures | None:
    """The period's pension figures; None when no statement has been entered for it.

    One query with ``book`` and ``sheet`` given (the report's), nine without.
    """
    current, previous = statements_of(period)
    if current is None:
        return None
    month = period.ends_on.month
    book = book or statements.ledger(period.year, month)
    sheet = sheet or statements.balance_sheet(period.year, month, book=book)
    return PensionFigures(
        period=period,
        statement=current,
        previous=previous,
        ledger_provision=ledger_pension_provision(book),
        line_key=pension_line_key(book),
        equity=sheet.equity("closing"),
        total_assets=sheet.total_assets.closing,
    )


HISTORY_FIELDS = (
    "provision", "contingent_liability", "pension_funds", "actualisation_degree",
    "administrator", "statement_on",
)  # fmt: skip


def pension_history(statement: PensionStatement) -> list[HistoryEntry]:
    """Who entered or changed the statement, when and why, newest first: one query."""
    fields = fields_named(PensionStatement, HISTORY_FIELDS)
    entries = history_entries(history_records(statement), fields, {})
    entries.reverse()
    return entries
