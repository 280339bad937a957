"""Writes of outcomes: importing a file from the ekonomisystem, and the account mapping.

An import is all or nothing. Every row is checked first (the unit behind its ansvarskod,
the account's line in the chart, the month: in the year and not locked by a closed period);
one bad row refuses the whole file with a list of row errors and nothing is written. A file
that passes replaces whatever earlier imports held for its months, so re-importing a month
never doubles it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.access import access_for
from apps.core.bounds import require_years_in_range
from apps.core.history import require_reason, save_with_history
from apps.economy import outcomes
from apps.economy.kommun_bas import account_chart, is_balance_account
from apps.economy.models import AccountMapping, OutcomeImport, OutcomeRow, StatementLine
from apps.economy.outcomes import RowError
from apps.economy.services import require_economy_manager
from apps.organisation.models import Unit
from apps.periods.models import PeriodKind, PeriodState, ReportingPeriod
from styrmodell.lib.formats import format_datetime

if TYPE_CHECKING:
    from apps.accounts.models import User

BATCH_SIZE = 5000
# A file that is wrong throughout would give one error per row; the first thousand are
# plenty to see what is wrong, and all of them are counted.
KEPT_ERRORS = 1000


class OutcomeImportRefused(ValidationError):
    """The file was not imported. ``row_errors`` holds the first errors (at most
    ``KEPT_ERRORS``), ``error_count`` how many there were in all."""

    def __init__(
        self, message: str, row_errors: list[RowError] | None = None, error_count: int = 0
    ) -> None:
        super().__init__(message)
        self.row_errors = row_errors or []
        self.error_count = max(error_count, len(self.row_errors))


def _refused_for_rows(errors: list[RowError], count: int) -> OutcomeImportRefused:
    message = ngettext(
        "The file was not imported: %(count)s row error. Correct the file and import it again.",
        "The file was not imported: %(count)s row errors. Correct the file and import it again.",
        count,
    ) % {"count": count}
    return OutcomeImportRefused(message, errors, count)


@dataclass(frozen=True)
class _Period:
    kind: str
    starts_on: dt.date
    ends_on: dt.date


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of ``month``; of January for the opening balance (month 0)."""
    first = dt.date(year, max(month, 1), 1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _locked_months(closed: list[_Period], year: int) -> set[int]:
    """The months (0 for the opening balance) that closed periods of ``year`` lock: those a
    closed period covers entirely, and all of them once the bokslut period is closed."""
    locked: set[int] = set()
    for period in closed:
        if period.kind == PeriodKind.ANNUAL:
            return set(range(13))
        for month in range(1, 13):
            first, last = _month_bounds(year, month)
            if period.starts_on <= first and period.ends_on >= last:
                locked.add(month)
    return locked


class _Units:
    """Units by ansvarskod, among those valid in the year. When a unit was replaced during the
    year, its code may belong to two units: the one valid in the row's month wins."""

    def __init__(self, year: int) -> None:
        self.year = year
        self._by_code: dict[str, list[tuple[dt.date, dt.date | None, int]]] = {}
        rows = Unit.objects.filter(valid_from__lte=dt.date(year, 12, 31)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1))
        )
        for code, valid_from, valid_to, pk in rows.values_list(
            "ansvarskod", "valid_from", "valid_to", "pk"
        ).order_by("valid_from", "pk"):
            self._by_code.setdefault(code, []).append((valid_from, valid_to, pk))
        self._cache: dict[tuple[str, int], int | None] = {}

    def unit_id(self, code: str, month: int) -> int | None:
        key = (code, month)
        if key not in self._cache:
            candidates = self._by_code.get(code, [])
            first, last = _month_bounds(self.year, month)
            in_month = [
                pk
                for valid_from, valid_to, pk in candidates
                if valid_from <= last and (valid_to is None or valid_to >= first)
            ]
            chosen = in_month or [pk for *_dates, pk in candidates]
            self._cache[key] = chosen[-1] if chosen else None
        return self._cache[key]


def checksum_of(content: bytes | BinaryIO) -> str:
    if isinstance(content, bytes | bytearray):
        return hashlib.sha256(content).hexdigest()
    content.seek(0)
    digest = hashlib.sha256()
    while chunk := content.read(1024 * 1024):
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


def _require_importer(actor: User | None) -> None:
    """Ekonomer and administrators import; ``None`` is the system (a command, the demo)."""
    if actor is not None:
        require_economy_manager(actor)


@transaction.atomic
def outcome_import(
    *,
    actor: User | None,
    year: int,
    content: bytes | BinaryIO,
    file_name: str,
    column_map: dict[str, str] | None = None,
    reason: str,
) -> OutcomeImport:
    """Import an outcome file for ``year``, all or nothing.

    ``column_map`` maps the fields (see ``outcomes.FIELDS``) to the file's headers; without
    it, the map proposed from the header names is used. ``content`` is the file's bytes or
    the file open for reading (seekable), which is read a chunk at a time. Raises
    ``OutcomeImportRefused`` (with the row errors) when anything is wrong, also for a file
    larger than settings.OUTCOME_UPLOAD_MAX_MB; nothing is written then.
    """
    _require_importer(actor)
    reason = require_reason(reason)
    require_years_in_range(year=year)
    if outcomes.size_of(content) > outcomes.max_upload_bytes():
        raise OutcomeImportRefused(outcomes.too_large_message())
    checksum = checksum_of(content)
    earlier = (
        OutcomeImport.objects.filter(year=year, checksum=checksum, replaced_by__isnull=True)
        .select_related("imported_by")
        .first()
    )
    if earlier is not None:
        who = earlier.imported_by
        raise OutcomeImportRefused(
            _("This file is already imported for %(year)s, by %(who)s on %(when)s.")
            % {
                "year": year,
                "who": (who.get_full_name() or who.username) if who else _("the system"),
                "when": format_datetime(timezone.localtime(earlier.imported_at)),
            }
        )
    try:
        table = outcomes.read_table(content)
    except outcomes.UnreadableFile as error:
        raise OutcomeImportRefused(str(error)) from error
    if column_map is None:
        column_map = outcomes.propose_column_map(table.headers)
    column_map = {field: header for field, header in column_map.items() if header}
    errors = outcomes.column_errors(table.headers, column_map)
    if errors:
        raise _refused_for_rows(errors, len(errors))

    # Lock the year's periods: none may close while this import checks and writes.
    closed = [
        _Period(p.kind, p.starts_on, p.ends_on)
        for p in ReportingPeriod.objects.select_for_update().filter(year=year)
        if p.state == PeriodState.CLOSED
    ]
    locked = _locked_months(closed, year)
    units = _Units(year)
    chart = account_chart()

    rows: list[tuple[int, int, str, str, Decimal]] = []
    errors, error_count = [], 0
    total = Decimal("0.00")

    def fail(error: RowError) -> None:
        nonlocal error_count
        error_count += 1
        if len(errors) < KEPT_ERRORS:
            errors.append(error)

    header = column_map.get
    for line in outcomes.parse_rows(table, column_map):
        if isinstance(line, RowError):
            fail(line)
            continue
        ok = True
        if line.year != year:
            ok = False
            fail(RowError(line.row_number, header("period"), f"{line.year}",
                          _("The row is for %(found)s, not for %(year)s.")
                          % {"found": line.year, "year": year}))  # fmt: skip
        elif line.month in locked:
            ok = False
            fail(RowError(line.row_number, header("period"), outcomes.month_label(line.month),
                          _("%(month)s %(year)s is locked: a closed reporting period covers it.")
                          % {"month": outcomes.month_label(line.month), "year": year}))  # fmt: skip
        unit_id = units.unit_id(line.ansvarskod, line.month)
        if unit_id is None:
            ok = False
            fail(RowError(line.row_number, header("ansvarskod"), line.ansvarskod,
                          _("No unit has this responsibility code in %(year)s.")
                          % {"year": year}))  # fmt: skip
        if chart.account_line(line.account) is None:
            ok = False
            fail(RowError(line.row_number, header("account"), line.account,
                          _("The account is not in the chart of accounts (no account group "
                            "covers it).")))  # fmt: skip
        elif line.month == outcomes.OPENING_BALANCE and not is_balance_account(line.account):
            ok = False
            fail(RowError(line.row_number, header("period"), outcomes.month_label(0),
                          _("Only balance sheet accounts (classes 1 and 2) have an opening "
                            "balance.")))  # fmt: skip
        if ok:
            rows.append((line.month, unit_id, line.account, line.project, line.amount))
            total += line.amount
    if error_count:
        raise _refused_for_rows(errors, error_count)
    if not rows:
        raise OutcomeImportRefused(_("The file has no rows to import."))

    months = sorted({row[0] for row in rows})
    in_months = OutcomeRow.objects.filter(year=year, month__in=months)
    touched = set(in_months.values_list("outcome_import_id", flat=True).distinct())
    in_months.delete()

    record = OutcomeImport(
        year=year,
        file_name=os.path.basename(file_name.replace("\\", "/"))[:255] or "utfall",
        checksum=checksum,
        imported_by=actor,
        first_month=months[0],
        last_month=months[-1],
        row_count=len(rows),
        total=total,
        column_map=column_map,
        reason=reason[:300],
    )
    # The record is its own audit trail (who, when, why); the system may have no user.
    record.full_clean(exclude=["imported_by"])
    record.save()
    _insert_rows(record, rows)
    if touched:
        # An earlier import with no rows left had all its months replaced by this one.
        OutcomeImport.objects.filter(pk__in=touched, replaced_by__isnull=True).exclude(
            Exists(OutcomeRow.objects.filter(outcome_import=OuterRef("pk")))
        ).update(replaced_by=record)
    return record


def _insert_rows(record: OutcomeImport, rows: list[tuple[int, int, str, str, Decimal]]) -> None:
    """Write the rows in batches of ``BATCH_SIZE`` with one prepared INSERT each.

    Not ``bulk_create``: it builds a model object and an SQL fragment for every value, which
    at 200 000 rows took most of the import's time (bench/outcome_import.py). The rows are
    checked above and the database's own guard still sees every insert.
    """
    table = OutcomeRow._meta.db_table
    sql = (
        f"INSERT INTO {table} (outcome_import_id, year, month, unit_id, account, project, amount)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(
                sql,
                [
                    (record.pk, record.year, month, unit_id, account, project, amount)
                    for month, unit_id, account, project, amount in rows[start : start + BATCH_SIZE]
                ],
            )


# --- The account mapping (Kommun-Bas), edited by administrators --------------------------


def _require_administrator(actor: User | None) -> None:
    if actor is not None:
        access = access_for(actor)
        access.require(access.is_administrator)


@transaction.atomic
def statement_line_save(*, actor: User | None, line: StatementLine, reason: str) -> StatementLine:
    """An administrator adds or renames a line of the resultaträkning or balansräkning."""
    _require_administrator(actor)
    save_with_history(line, actor=actor, reason=require_reason(reason))
    return line


@transaction.atomic
def account_mapping_save(
    *, actor: User | None, mapping: AccountMapping, reason: str
) -> AccountMapping:
    """An administrator maps an account group (by prefix) on a statement line.

    Changing the mapping changes which line existing rows count on: the rows keep their
    account, and the statements read the mapping when they are drawn.
    """
    _require_administrator(actor)
    mapping.prefix = (mapping.prefix or "").strip()
    if not mapping.prefix.isdigit():
        raise ValidationError({"prefix": _("An account prefix is written with digits only.")})
    save_with_history(mapping, actor=actor, reason=require_reason(reason))
    return mapping
