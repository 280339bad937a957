"""Writes of the pension statement, the notes' texts and the redovisningsprinciper.

The ekonomer and the administrators write them, with a reason for the history. A pension
statement belongs to its period and is read-only when the period is closed (the database
refuses it too, migration 0013); a note's text and the redovisningsprinciper belong to the
year and are read-only once the year's bokslut period is closed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.bounds import require_years_in_range
from apps.core.history import require_reason, save_with_history
from apps.economy.models import AccountingPrinciples, PensionStatement, StatementLine, StatementNote
from apps.economy.services import require_economy_manager
from apps.periods.models import PeriodKind, ReportingPeriod
from apps.periods.services import require_open
from styrmodell.lib.richtext import plain_text, sanitise

if TYPE_CHECKING:
    from apps.accounts.models import User


def year_is_closed(year: int) -> bool:
    """Whether the year's bokslut period is closed: its notes and principles are final."""
    return ReportingPeriod.objects.filter(
        year=year, kind=PeriodKind.ANNUAL, state="closed"
    ).exists()


def require_year_open(year: int) -> None:
    require_years_in_range(year=year)
    if year_is_closed(year):
        raise PermissionDenied(
            _("The annual accounts of %(year)s are closed: their notes are read-only.")
            % {"year": year}
        )


@transaction.atomic
def pension_statement_save(
    *,
    actor: User,
    period: ReportingPeriod,
    provision: Decimal,
    contingent_liability: Decimal,
    pension_funds: Decimal | None = None,
    actualisation_degree: Decimal | None = None,
    administrator: str = "",
    statement_on: dt.date | None = None,
    expected_version: int | None = None,
    reason: str,
) -> PensionStatement:
    """Enter or change the pension administrator's statement for an open period.
    ``expected_version`` is the statement's version the form was opened on (0: none yet)."""
    require_economy_manager(actor)
    require_open(period)
    reason = require_reason(reason)
    errors = {}
    if provision is not None and provision < 0:
        errors["provision"] = _("Enter the provision as a positive amount.")
    if contingent_liability is not None and contingent_liability < 0:
        errors["contingent_liability"] = _("Enter the contingent liability as a positive amount.")
    if errors:
        raise ValidationError(errors)
    statement = PensionStatement.objects.select_for_update().filter(period=period).first()
    statement = statement or PensionStatement(period=period)
    statement.provision = provision
    statement.contingent_liability = contingent_liability
    statement.pension_funds = pension_funds
    statement.actualisation_degree = actualisation_degree
    statement.administrator = (administrator or "").strip()
    statement.statement_on = statement_on
    save_with_history(statement, actor=actor, reason=reason, expected_version=expected_version)
    return statement


@transaction.atomic
def statement_note_save(
    *,
    actor: User,
    year: int,
    line: StatementLine,
    text: str,
    expected_version: int | None = None,
    reason: str,
) -> StatementNote:
    """Write the text of the year's note to ``line`` (sanitised rich text; empty: the note
    has its figures only)."""
    require_economy_manager(actor)
    require_year_open(year)
    reason = require_reason(reason)
    note = StatementNote.objects.select_for_update().filter(year=year, line=line).first()
    note = note or StatementNote(year=year, line=line)
    note.text = sanitise(text or "")
    save_with_history(note, actor=actor, reason=reason, expected_version=expected_version)
    return note


@transaction.atomic
def accounting_principles_save(
    *,
    actor: User,
    year: int,
    text: str,
    expected_version: int | None = None,
    reason: str,
) -> AccountingPrinciples:
    """Write the year's redovisningsprinciper (sanitised rich text)."""
    require_economy_manager(actor)
    require_year_open(year)
    reason = require_reason(reason)
    html = sanitise(text or "")
    if not plain_text(html).strip():
        raise ValidationError({"text": _("Write the accounting principles.")})
    principles = AccountingPrinciples.objects.select_for_update().filter(year=year).first()
    principles = principles or AccountingPrinciples(year=year)
    principles.text = html
    save_with_history(principles, actor=actor, reason=reason, expected_version=expected_version)
    return principles
