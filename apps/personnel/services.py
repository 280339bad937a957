"""Writes of personnel figures: importing the HR system's file for a period.

An import is all or nothing. Every row is checked first (``hrfile.parse``: numbers, groups,
sums) and every ansvarskod must name a unit valid in the period; one bad row refuses the
whole file with its row errors and nothing is written. A file that passes replaces the
period's earlier import, which stays, marked as replaced, with who imported it and why.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.history import require_reason
from apps.economy.outcomes import size_of
from apps.economy.services import may_manage_economy, require_economy_manager
from apps.economy.services.outcomes import checksum_of
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_open
from apps.personnel import hrfile
from apps.personnel.hrfile import RowError
from apps.personnel.models import PersonnelFigure, PersonnelImport
from styrmodell.lib.formats import format_datetime

if TYPE_CHECKING:
    from apps.accounts.models import User

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # an HR file has some hundred rows


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}


class PersonnelImportRefused(ValidationError):
    """The file was not imported; ``row_errors`` says where and why."""

    def __init__(self, message: str, row_errors: list[RowError] | None = None) -> None:
        super().__init__(message)
        self.row_errors = row_errors or []


def may_import_personnel(actor: User) -> bool:
    """There is no HR role: those who import the outcome (ekonomer, administrators) import
    the HR file."""
    return may_manage_economy(actor)


def _require_importer(actor: User | None) -> None:
    """``None`` is the system (a command, the demo)."""
    if actor is not None:
        require_economy_manager(actor)


def _units_by_code(period: ReportingPeriod) -> dict[str, Unit]:
    """The units valid at some time in the period, by ansvarskod; the latest wins."""
    units = Unit.objects.filter(valid_from__lte=period.ends_on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.starts_on)
    )
    return {unit.ansvarskod: unit for unit in units.order_by("valid_from", "pk")}


@transaction.atomic
def personnel_import(
    *,
    actor: User | None,
    period: ReportingPeriod,
    content: bytes | BinaryIO,
    file_name: str,
    reason: str,
) -> PersonnelImport:
    """Import the HR file for ``period``, all or nothing, replacing its earlier import (the
    very file that is the period's import now is refused).

    Raises ``PersonnelImportRefused`` (with the row errors) when anything in the file is
    wrong, ``PermissionDenied`` for a closed period or an actor who may not import.
    """
    _require_importer(actor)
    reason = require_reason(reason)
    # Lock the period: it may not close while the file is checked and written.
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_open(period)
    if size_of(content) > MAX_UPLOAD_BYTES:
        raise PersonnelImportRefused(too_large_message())
    checksum = checksum_of(content)
    current = (
        PersonnelImport.objects.filter(period=period, replaced_by__isnull=True)
        .select_related("imported_by")
        .first()
    )
    if current is not None and current.checksum == checksum:
        # As the outcome import: the same file again would only add a line to the history.
        who = current.imported_by
        raise PersonnelImportRefused(
            _("This file is already imported for %(period)s, by %(who)s on %(when)s.")
            % {
                "period": period,
                "who": (who.get_full_name() or who.username) if who else _("the system"),
                "when": format_datetime(timezone.localtime(current.imported_at)),
            }
        )
    try:
        lines, errors = hrfile.parse(content)
    except hrfile.HRFileError as error:
        raise PersonnelImportRefused(str(error), error.row_errors) from error
    units = _units_by_code(period)
    unit_header = str(hrfile.FIELD_LABELS[hrfile.UNIT])
    for line in lines:
        if line.ansvarskod and line.ansvarskod not in units:
            errors.append(RowError(line.row_number, unit_header, line.ansvarskod, _(
                "No unit has this responsibility code in the period."
            )))  # fmt: skip
    if errors:
        errors.sort(key=lambda error: error.row_number)
        message = ngettext(
            "The file was not imported: %(count)s row error. Correct the file and import it again.",
            "The file was not imported: %(count)s row errors. Correct the file and import it "
            "again.",
            len(errors),
        ) % {"count": len(errors)}
        raise PersonnelImportRefused(message, errors)

    record = PersonnelImport(
        period=period,
        file_name=os.path.basename(file_name.replace("\\", "/"))[:255] or "personal",
        checksum=checksum,
        imported_by=actor,
        reason=reason[:300],
        row_count=len(lines),
    )
    # The record is its own audit trail (who, when, why); the system may have no user.
    record.full_clean(exclude=["imported_by"])
    record.save()
    PersonnelFigure.objects.bulk_create(
        PersonnelFigure(
            personnel_import=record,
            period=period,
            unit=units[line.ansvarskod] if line.ansvarskod else None,
            group=line.group,
            employees=line.employees,
            permanent=line.permanent,
            temporary=line.temporary,
            annual_workers=line.annual_workers,
            ordinary_hours=line.ordinary_hours,
            sick_hours=line.sick_hours,
            long_sick_hours=line.long_sick_hours,
        )
        for line in lines
    )
    # The period's row is locked above, so no other import of it runs meanwhile.
    PersonnelImport.objects.filter(period=period, replaced_by__isnull=True).exclude(
        pk=record.pk
    ).update(replaced_by=record)
    return record
