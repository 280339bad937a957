"""Writes of the kommun's report texts: the förvaltningsberättelse's text per heading and
period, and the dates the report was prepared and treated by KS and KF.

Both are versioned (``apps.core.locking``): a save names the version its form was opened on
and is refused with ``StaleEdit`` if someone saved in between; nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import require_reason, save_with_history
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_open
from apps.reports.document import KIND_OF_PERIOD, headings_of
from apps.reports.models import ReportText, ReportTreatment
from apps.reports.texts import can_write_texts
from styrmodell.lib.richtext import sanitise

if TYPE_CHECKING:
    from apps.accounts.models import User


@transaction.atomic
def report_text_save(
    *,
    actor: User,
    period: ReportingPeriod,
    heading: str,
    text: str,
    reason: str,
    expected_version: int | None = None,
) -> ReportText:
    """Create or change the kommun's text for ``heading`` of ``period``'s report.

    ``expected_version`` is the version the editor started from (0: no text yet). The text
    is sanitised rich text; a closed period's texts are read-only (and guarded in the
    database, migration reports 0004)."""
    access = access_for(actor)
    access.require(can_write_texts(access))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_open(period)
    kind = KIND_OF_PERIOD.get(period.kind)
    if kind is None or heading not in headings_of(kind):
        raise ValidationError(
            {"heading": _("The report of %(period)s has no such heading.") % {"period": period}}
        )
    reason = require_reason(reason)
    found = ReportText.objects.select_for_update().filter(period=period, heading=heading).first()
    found = found or ReportText(period=period, heading=heading)
    found.text = sanitise(text or "")
    save_with_history(found, actor=actor, reason=reason, expected_version=expected_version)
    return found


@transaction.atomic
def report_treatment_save(
    *,
    actor: User,
    period: ReportingPeriod,
    prepared_on: dt.date | None,
    ks_treated_on: dt.date | None,
    ks_paragraph: str,
    kf_treated_on: dt.date | None,
    kf_paragraph: str,
    auditors_statement_reference: str,
    reason: str,
    expected_version: int | None = None,
) -> ReportTreatment:
    """Record when ``period``'s kommun report was prepared and treated, and the auditors'
    statement. Also in a closed period: KF treats the report after the period is closed,
    which is when these dates are entered."""
    access = access_for(actor)
    access.require(can_write_texts(access))
    reason = require_reason(reason)
    errors = {}
    if prepared_on and ks_treated_on and ks_treated_on < prepared_on:
        errors["ks_treated_on"] = _(
            "The executive board cannot treat the report before it is prepared."
        )
    if ks_treated_on and kf_treated_on and kf_treated_on < ks_treated_on:
        errors["kf_treated_on"] = _(
            "The municipal council treats the report after the executive board."
        )
    if errors:
        raise ValidationError(errors)
    found = ReportTreatment.objects.select_for_update().filter(period=period).first()
    found = found or ReportTreatment(period=period)
    found.prepared_on, found.ks_treated_on, found.kf_treated_on = (
        prepared_on, ks_treated_on, kf_treated_on,
    )  # fmt: skip
    found.ks_paragraph = (ks_paragraph or "").strip()
    found.kf_paragraph = (kf_paragraph or "").strip()
    found.auditors_statement_reference = (auditors_statement_reference or "").strip()
    save_with_history(found, actor=actor, reason=reason, expected_version=expected_version)
    return found
