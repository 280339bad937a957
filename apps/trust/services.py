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
from apps.goals.models import Assignment, ExternalFactor
from apps.goals.services import factor_response_fill
from apps.organisation.models import BODY_KINDS, Unit, UnitKind
from apps.trust.models import (
    DialogueKind,
    EnvironmentAnalysis,
    StatusReport,
    StatusReportFactorResponse,
    TrustDialogue,
)
from styrmodell.lib.richtext import sanitise

if TYPE_CHECKING:
    from apps.accounts.models import User

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
    status_reports: Iterable[StatusReport] | None = None,
    assignments: Iterable[Assignment] | None = None,
    dialogue: TrustDialogue | None = None,
    reason: str,
    expected_version: int | None = None,
) -> TrustDialogue:
    """Record (or change) a tillitsdialog. ``status_reports`` are the nulägesanalyser it
    rests on, each of one of its units (or a unit under one); ``assignments`` the uppdrag
    it led to. None leaves a changed dialogue's links as they were."""
    units = list(units)
    access = access_for(actor)
    access.require(access.is_administrator or any(access.can_edit_for(u) for u in units))
    if dialogue is not None and dialogue.pk:  # changed only by the editors of its own units
        access.require(can_record_dialogue(actor, dialogue))
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
    if status_reports is not None:
        status_reports = list(status_reports)
        strangers = [r for r in status_reports if not any(_within(u, r.unit) for u in units)]
        if strangers:
            raise ValidationError(
                {
                    "status_reports": _(
                        "A dialogue rests on the status reports of the units that took part; "
                        "not on %(reports)s."
                    )
                    % {"reports": ", ".join(str(r) for r in strangers)}
                }
            )
    dialogue = dialogue or TrustDialogue()
    dialogue.kind, dialogue.held_on = kind, held_on
    dialogue.participants, dialogue.topics = participants, topics
    dialogue.conclusions, dialogue.follow_ups = conclusions, follow_ups
    reason = require_reason(reason)
    save_with_history(dialogue, actor=actor, reason=reason, expected_version=expected_version)
    dialogue._history_user, dialogue._change_reason = actor, reason
    dialogue.units.set(units)
    if status_reports is not None:
        dialogue.status_reports.set(status_reports)
    if assignments is not None:
        dialogue.assignments.set(list(assignments))
    return dialogue


def _within(unit: Unit, other: Unit) -> bool:
    """``other`` is ``unit`` or lies under it."""
    return other.tree_id == unit.tree_id and unit.lft <= other.lft and other.rght <= unit.rght


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


def can_record_dialogue(actor: User, dialogue: TrustDialogue | None = None) -> bool:
    """Tillitsdialoger are recorded by the administrators and the units' editors; a recorded
    one is changed by the editors of one of the units that took part (and the
    administrators)."""
    access = access_for(actor)
    if access.is_administrator:
        return True
    if dialogue is None:
        return bool(access.editor_units())
    return any(access.can_edit_for(unit) for unit in dialogue.units.all())


def can_write_environment_analysis(actor: User) -> bool:
    """The kommungemensamma omvärldsanalysen is the executive board's: its editors and the
    administrators write it."""
    access = access_for(actor)
    if access.is_administrator:
        return True
    return any(
        unit.kind == UnitKind.EXECUTIVE_BOARD and access.can_edit_for(unit)
        for unit in access.editor_units()
    )


@transaction.atomic
def environment_analysis_save(
    *,
    actor: User,
    year: int,
    title: str,
    text: str,
    day_held_on: dt.date | None = None,
    day_notes: str = "",
    url: str = "",
    responsible: Unit | None = None,
    reason: str,
    expected_version: int | None = None,
) -> EnvironmentAnalysis:
    """Write (or change) the year's kommungemensamma omvärldsanalys with its omvärldsdag.

    ``responsible`` defaults to the executive board; ``expected_version`` is the version the
    editor opened (0: none existed), ``StaleEdit`` if someone saved since."""
    access_for(actor).require(can_write_environment_analysis(actor))
    if responsible is None:
        responsible = (
            Unit.objects.filter(kind=UnitKind.EXECUTIVE_BOARD, valid_to__isnull=True)
            .order_by("tree_id", "lft")
            .first()
        )
    if responsible is None:
        raise ValidationError(
            {"responsible": _("The organisation has no executive board to be responsible.")}
        )
    analysis = EnvironmentAnalysis.objects.select_for_update().filter(
        year=year
    ).first() or EnvironmentAnalysis(year=year)
    analysis.title, analysis.text = title.strip(), sanitise(text)
    analysis.day_held_on, analysis.day_notes = day_held_on, sanitise(day_notes)
    analysis.url, analysis.responsible = url.strip(), responsible
    if not analysis.text:
        raise ValidationError({"text": _("Write the analysis.")})
    save_with_history(
        analysis, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return analysis
