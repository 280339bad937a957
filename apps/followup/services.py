"""Writes of follow-up: assessments of goals per period, with optimistic locking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import delete_with_history, require_reason, save_with_history
from apps.followup.models import Assessment, GoalStatus, UnitCompletion
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_open

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.goals.models import Goal
    from apps.organisation.models import Unit


class StaleEdit(ValidationError):
    """Someone else saved the entry after this editor opened it."""

    def __init__(self, current: Assessment) -> None:
        super().__init__(
            _(
                "%(who)s saved this assessment after you opened it. "
                "Review their changes before saving again."
            )
            % {"who": current.history.first().history_user or _("Someone")}
        )
        self.current = current


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    goal: Goal,
    period: ReportingPeriod,
    unit: Unit,
    status: str,
    analysis: str,
    expected_version: int | None = None,
    reason: str,
) -> Assessment:
    """Create or change ``unit``'s assessment of ``goal`` in ``period``.

    ``expected_version`` is the version the editor started from; if someone saved since,
    ``StaleEdit`` is raised and nothing is written.
    """
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_open(period)
    if status == GoalStatus.NOT_MET and not (analysis or "").strip():
        raise ValidationError({"analysis": _("Explain why the goal is not met.")})
    assessment = (
        Assessment.objects.select_for_update().filter(goal=goal, period=period, unit=unit).first()
    )
    if assessment is None:
        assessment = Assessment(goal=goal, period=period, unit=unit, version=0)
    elif expected_version is not None and assessment.version != expected_version:
        raise StaleEdit(assessment)
    assessment.status, assessment.analysis = status, analysis
    assessment.version += 1
    save_with_history(assessment, actor=actor, reason=require_reason(reason))
    return assessment


@transaction.atomic
def completion_mark(
    *, actor: User, unit: Unit, period: ReportingPeriod, reason: str
) -> UnitCompletion:
    """Mark ``unit``'s follow-up for ``period`` as done, so the ekonom sees it."""
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_open(period)
    completion = UnitCompletion.objects.filter(unit=unit, period=period).first()
    if completion is not None:
        return completion
    completion = UnitCompletion(unit=unit, period=period, marked_by=actor)
    save_with_history(completion, actor=actor, reason=require_reason(reason))
    return completion


@transaction.atomic
def completion_unmark(*, actor: User, unit: Unit, period: ReportingPeriod, reason: str) -> None:
    """Take back a "klar" mark, to change something while the period is still open."""
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_open(period)
    completion = UnitCompletion.objects.filter(unit=unit, period=period).first()
    if completion is not None:
        delete_with_history(completion, actor=actor, reason=require_reason(reason))
