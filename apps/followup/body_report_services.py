"""The writes of a nämnd's or bolag's verksamhetsberättelse (``BodyReport``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import require_reason, save_with_history
from apps.followup.models import BodyReport
from apps.organisation.selectors import BODY_KINDS
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_reportable
from styrmodell.lib.richtext import sanitise

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.organisation.models import Unit


@transaction.atomic
def body_report_save(
    *,
    actor: User,
    period: ReportingPeriod,
    unit: Unit,
    important_events: str,
    goal_summary: str,
    economy: str,
    outlook: str,
    reason: str,
    version: int | None = None,
) -> BodyReport:
    """Create or change ``unit``'s verksamhetsberättelse for ``period``: its editors write it
    while the period is open and before its deadline. The texts are stored sanitised.
    ``version`` is the version the editor's form was opened on (0: none existed yet); if
    someone saved since, ``StaleEdit`` is raised and nothing is written."""
    access = access_for(actor)
    access.require(access.can_edit_for(unit))
    if unit.kind not in BODY_KINDS:
        raise ValidationError(
            {"unit": _("An operations report is written by a committee or a company.")}
        )
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=unit)
    reason = require_reason(reason)
    report = BodyReport.objects.select_for_update().filter(
        period=period, unit=unit
    ).first() or BodyReport(period=period, unit=unit)
    report.important_events = sanitise(important_events)
    report.goal_summary = sanitise(goal_summary)
    report.economy = sanitise(economy)
    report.outlook = sanitise(outlook)
    save_with_history(report, actor=actor, reason=reason, expected_version=version)
    return report
