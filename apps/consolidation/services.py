"""Writes of the koncern's data: ownership, the bolag's figures (entered or imported) and the
internal transactions to eliminate.

Ekonomer and administrators write (``None`` as actor is the system: a command, the demo).
Every write of a period's data refuses a period that is not open; the database's guard
(migration 0002) stands under it. Every change carries who and why in its history.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.consolidation import figures_file
from apps.consolidation.models import (
    NOT_NEGATIVE,
    NOT_POSITIVE,
    CompanyFigure,
    CompanyForecast,
    CompanyLine,
    InternalTransaction,
    Ownership,
)
from apps.core.history import delete_with_history, require_reason, save_with_history
from apps.core.locking import check_version
from apps.economy import outcomes
from apps.economy.outcomes import RowError
from apps.economy.services import require_economy_manager
from apps.organisation.models import Unit, UnitKind
from apps.organisation.selectors import bodies_in_year
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_open

if TYPE_CHECKING:
    from apps.accounts.models import User


def _require_writer(actor: User | None) -> None:
    if actor is not None:
        require_economy_manager(actor)


def _locked_period(period: ReportingPeriod) -> ReportingPeriod:
    """The period, locked so that it cannot close while the write runs, and checked open."""
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_open(period)
    return period


def sign_error(line: str, amount: Decimal) -> str | None:
    """Why ``amount`` cannot stand on ``line``, or None: costs are negative, revenue and
    balances positive, as the statements print them."""
    if line in NOT_NEGATIVE and amount < 0:
        return _("The amount of this line is positive (a cost line is the one written negative).")
    if line in NOT_POSITIVE and amount > 0:
        return _("A cost is written as a negative amount, as the income statement prints it.")
    return None


# --- Ownership ---------------------------------------------------------------------------


@transaction.atomic
def ownership_save(
    *,
    actor: User | None,
    company: Unit,
    share: Decimal,
    from_year: int,
    consolidated: bool = True,
    reason: str,
) -> Ownership:
    """The kommun's share of ``company`` from ``from_year`` on (replacing a share recorded for
    that very year)."""
    _require_writer(actor)
    reason = require_reason(reason)
    ownership = Ownership.objects.filter(company=company, from_year=from_year).first()
    if ownership is None:
        ownership = Ownership(company=company, from_year=from_year)
    elif ownership.share == share and ownership.consolidated == consolidated:
        return ownership
    ownership.share = share
    ownership.consolidated = consolidated
    save_with_history(ownership, actor=actor, reason=reason)
    return ownership


# --- The bolag's figures -----------------------------------------------------------------


def _check_company(company: Unit) -> None:
    if company.kind != UnitKind.COMPANY:
        raise ValidationError({"company": _("Only a municipal company reports figures here.")})


@transaction.atomic
def company_figures_save(
    *,
    actor: User | None,
    period: ReportingPeriod,
    company: Unit,
    amounts: Mapping[str, Decimal | None],
    forecast: Decimal | None = None,
    expected_versions: Mapping[str, int | None] | None = None,
    reason: str,
) -> None:
    """Enter or adjust one bolag's figures for a period: a line with an amount is set, a line
    given as None is removed, a line not named is left as it is. ``forecast``: the full-year
    forecast of the result (None leaves it as it is).

    ``expected_versions``: the version of each line (and of ``FORECAST``) the editor's form
    was opened on, 0 for one it showed empty. A line someone saved, added or removed since is
    refused (``StaleEdit``) and nothing is written; a line without a version is not checked
    (the import replaces what is there)."""
    _require_writer(actor)
    reason = require_reason(reason)
    _check_company(company)
    period = _locked_period(period)
    errors = {}
    for line, amount in amounts.items():
        if line not in CompanyLine.values:
            errors[line] = _("No line of the company's statements has this key.")
        elif amount is not None and (message := sign_error(line, amount)):
            errors[line] = message
    if errors:
        raise ValidationError(errors)
    versions = expected_versions or {}
    existing = {f.line: f for f in CompanyFigure.objects.filter(period=period, company=company)}
    for line, amount in amounts.items():
        figure = existing.get(line)
        expected = versions.get(line)
        if amount is None:
            if figure is not None:
                check_version(figure, expected)
                delete_with_history(figure, actor=actor, reason=reason)
            continue
        if figure is None:
            figure = CompanyFigure(period=period, company=company, line=line)
        elif figure.amount == amount:
            continue
        figure.amount = amount
        save_with_history(figure, actor=actor, reason=reason, expected_version=expected)
    if forecast is not None:
        _forecast_save(
            actor=actor, period=period, company=company, result=forecast, reason=reason,
            expected_version=versions.get(figures_file.FORECAST),
        )  # fmt: skip


def _forecast_save(
    *,
    actor: User | None,
    period: ReportingPeriod,
    company: Unit,
    result: Decimal,
    reason: str,
    expected_version: int | None,
) -> None:
    record = CompanyForecast.objects.filter(period=period, company=company).first()
    if record is None:
        record = CompanyForecast(period=period, company=company)
    elif record.result == result:
        return
    record.result = result
    save_with_history(record, actor=actor, reason=reason, expected_version=expected_version)


class FiguresImportRefused(ValidationError):
    """The file was not imported; ``row_errors`` says where and why."""

    def __init__(self, message: str, row_errors: list[RowError] | None = None) -> None:
        super().__init__(message)
        self.row_errors = row_errors or []


@dataclass
class FiguresImported:
    """What an import wrote: the bolag whose figures it replaced, with their number of lines."""

    file_name: str
    companies: list[tuple[Unit, int]] = field(default_factory=list)


class _Companies:
    """The bolag valid in a year, by name, short name and ansvarskod (case-insensitive)."""

    def __init__(self, year: int) -> None:
        self._by_key: dict[str, Unit] = {}
        for unit in bodies_in_year(year, kinds=(UnitKind.COMPANY,)):
            for key in (unit.name, unit.short_name, unit.ansvarskod):
                if key:
                    self._by_key.setdefault(key.strip().casefold(), unit)

    def find(self, text: str) -> Unit | None:
        return self._by_key.get(text.strip().casefold())


@transaction.atomic
def company_figures_import(
    *,
    actor: User | None,
    period: ReportingPeriod,
    content: bytes | BinaryIO,
    file_name: str,
    reason: str,
) -> FiguresImported:
    """Import bolag figures for ``period`` from a file, all or nothing.

    Every row is checked first: the bolag, the line, the amount and its sign; a line given
    twice for a bolag is an error. One bad row refuses the whole file with the row errors,
    and nothing is written. A file that passes replaces all of the period's figures of each
    bolag it names (and its forecast, when the file has one), recorded with ``actor`` and
    ``reason`` in the figures' history.
    """
    _require_writer(actor)
    reason = require_reason(reason)
    if outcomes.size_of(content) > outcomes.max_upload_bytes():
        raise FiguresImportRefused(outcomes.too_large_message())
    period = _locked_period(period)
    try:
        table = outcomes.read_table(content)
    except outcomes.UnreadableFile as error:
        raise FiguresImportRefused(str(error)) from error
    positions, errors = figures_file.column_positions(table.headers)
    if errors:
        raise _refused(errors)
    companies = _Companies(period.year)
    seen: dict[tuple[int, str], int] = {}
    rows: list[tuple[Unit, str, Decimal]] = []
    for row in figures_file.parse_rows(table, positions):
        if isinstance(row, RowError):
            errors.append(row)
            continue
        company = companies.find(row.company)
        if company is None:
            errors.append(
                RowError(row.row_number, figures_file.COMPANY, row.company,
                         _("No municipal company has this name or responsibility code."))
            )  # fmt: skip
            continue
        if row.line != figures_file.FORECAST and (message := sign_error(row.line, row.amount)):
            errors.append(RowError(row.row_number, figures_file.AMOUNT, str(row.amount), message))
            continue
        key = (company.pk, row.line)
        if key in seen:
            errors.append(
                RowError(row.row_number, figures_file.LINE, figures_file.swedish_name(row.line),
                         _("The company has this line already, on row %(row)s.")
                         % {"row": seen[key]})
            )  # fmt: skip
            continue
        seen[key] = row.row_number
        rows.append((company, row.line, row.amount))
    if errors:
        raise _refused(errors)
    if not rows:
        raise FiguresImportRefused(_("The file has no rows to import."))

    result = FiguresImported(file_name=os.path.basename(file_name.replace("\\", "/")))
    by_company: dict[int, tuple[Unit, dict[str, Decimal]]] = {}
    for company, line, amount in rows:
        by_company.setdefault(company.pk, (company, {}))[1][line] = amount
    reason = _("Imported from %(file)s: %(reason)s") % {"file": result.file_name, "reason": reason}
    for company, lines in by_company.values():
        forecast = lines.pop(figures_file.FORECAST, None)
        for figure in CompanyFigure.objects.filter(period=period, company=company).exclude(
            line__in=lines
        ):
            delete_with_history(figure, actor=actor, reason=reason)
        company_figures_save(
            actor=actor, period=period, company=company, amounts=lines, forecast=forecast,
            reason=reason,
        )  # fmt: skip
        result.companies.append((company, len(lines)))
    return result


def _refused(errors: list[RowError]) -> FiguresImportRefused:
    message = ngettext(
        "The file was not imported: %(count)s row error. Correct the file and import it again.",
        "The file was not imported: %(count)s row errors. Correct the file and import it again.",
        len(errors),
    ) % {"count": len(errors)}
    return FiguresImportRefused(message, errors)


# --- Internal transactions ---------------------------------------------------------------


@transaction.atomic
def internal_transaction_add(
    *,
    actor: User | None,
    period: ReportingPeriod,
    seller: Unit | None,
    buyer: Unit | None,
    kind: str,
    amount: Decimal,
    description: str,
    reason: str,
) -> InternalTransaction:
    """Record what one party of the koncern sold, lent or charged interest to another
    (``None``: the kommun)."""
    _require_writer(actor)
    reason = require_reason(reason)
    period = _locked_period(period)
    if amount is not None and amount <= 0:
        raise ValidationError({"amount": _("Enter the amount as a positive number.")})
    transaction_ = InternalTransaction(
        period=period, seller=seller, buyer=buyer, kind=kind, amount=amount,
        description=(description or "").strip(),
    )  # fmt: skip
    save_with_history(transaction_, actor=actor, reason=reason)
    return transaction_


@transaction.atomic
def internal_transaction_remove(
    *, actor: User | None, internal: InternalTransaction, reason: str
) -> None:
    _require_writer(actor)
    reason = require_reason(reason)
    _locked_period(internal.period)
    delete_with_history(internal, actor=actor, reason=reason)
