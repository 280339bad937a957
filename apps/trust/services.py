"""Writes of trust-based steering: the unit's editors write its nulägesbeskrivning; a
dialogue is recorded by an editor of one of its units (or an administrator)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import require_reason, save_with_history
from apps.goals.models import ExternalFactor
from apps.goals.services import factor_response_fill
from apps.organisation.models import BODY_KINDS, UnitKind
from apps.trust.models import (
    DialogueKind,
    StatusReport,
    StatusReportFactorResponse,
    TrustDialogue,
)
from styrmodell.lib.richtext import sanitise

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.organisation.models import Unit

REPORTING_KINDS = BODY_KINDS  # KS, the nämnder and the bolag write status reports
STATUS_REPORT_FIELDS = ("operations", "environment", "current_state", "proposed_goals")


@transaction.atomic
def status_report_save(
    *,
    actor: User,
    unit: Unit,
    year: int,
    reason: str,
    expected_version: int | None = None,
    **texts,
) -> StatusReport:
    """Create or change ``unit``'s nulägesbeskrivning for ``year``; only the texts given
    change. ``expected_version`` is the version the editor opened (0: none existed yet);
    ``StaleEdit`` if someone saved it since."""
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    if unit.kind not in REPORTING_KINDS:
        raise ValidationError(
            {"unit": _("A status report is written by a committee or a company.")}
        )
    unknown = set(texts) - set(STATUS_REPORT_FIELDS)
    if unknown:
        raise TypeError(f"status_report_save() got unknown fields: {', '.join(sorted(unknown))}")
    report = StatusReport.objects.select_for_update().filter(
        unit=unit, year=year
    ).first() or StatusReport(unit=unit, year=year)
    for name, value in texts.items():
        setattr(report, name, sanitise(value))
    save_with_history(
        report, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return report


@transaction.atomic
def dialogue_record(
    *,
    actor: User,
    kind: str,
    held_on: dt.date,
    units: Iterable[Unit],
    participants: str,
    topics: str,
    conclusions: str = "",
    follow_ups: str = "",
    dialogue: TrustDialogue | None = None,
    reason: str,
    expected_version: int | None = None,
) -> TrustDialogue:
    units = list(units)
    access = access_for(actor)
    access.require(access.is_administrator or any(access.can_edit_for(u) for u in units))
    if not units:
        raise ValidationError({"units": _("Name the units that took part.")})
    if kind == DialogueKind.BETWEEN and len(units) < 2:
        raise ValidationError(
            {"units": _("A dialogue between sectors or companies has two units or more.")}
        )
    if kind == DialogueKind.OVERSIGHT and not any(
        u.kind == UnitKind.EXECUTIVE_BOARD for u in units
    ):
        raise ValidationError(
            {"units": _("A dialogue of the executive board includes the executive board.")}
        )
    dialogue = dialogue or TrustDialogue()
    dialogue.kind, dialogue.held_on = kind, held_on
    dialogue.participants, dialogue.topics = participants, topics
    dialogue.conclusions, dialogue.follow_ups = conclusions, follow_ups
    reason = require_reason(reason)
    save_with_history(dialogue, actor=actor, reason=reason, expected_version=expected_version)
    dialogue._history_user, dialogue._change_reason = actor, reason
    dialogue.units.set(units)
    return dialogue


@transaction.atomic
def status_report_factor_response_save(
    *,
    actor: User,
    unit: Unit,
    year: int,
    factor: ExternalFactor,
    risks: str,
    opportunities: str,
    approach: str,
    reason: str,
    expected_version: int | None = None,
) -> StatusReportFactorResponse:
    """How the nämnd or bolag relates to one of KF's omvärldsfaktorer in its
    nulägesbeskrivning; the report is started if it does not exist yet."""
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    report = StatusReport.objects.filter(unit=unit, year=year).first()
    if report is None:
        report = status_report_save(actor=actor, unit=unit, year=year, reason=reason)
    response = StatusReportFactorResponse.objects.filter(report=report, factor=factor).first()
    response = response or StatusReportFactorResponse(report=report, factor=factor)
    factor_response_fill(
        response, year=year, risks=risks, opportunities=opportunities, approach=approach
    )
    save_with_history(
        response, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return response
