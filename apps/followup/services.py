"""Writes of follow-up: assessments of goals per period, åtgärdsplaner and their measures.

Every form-edited row is versioned (apps.core.locking): a save names the version its form was
opened on and is refused with ``StaleEdit`` if someone saved in between.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.access import access_for
from apps.core.history import delete_with_history, require_reason, save_with_history
from apps.core.locking import StaleEdit
from apps.followup.models import (
    ActionPlan,
    ActionPlanCause,
    Assessment,
    AssignmentReport,
    GoalStatus,
    Measure,
    MeasureFollowup,
    MissionAssessment,
    UnitCompletion,
)
from apps.goals.computed import computed_statuses
from apps.goals.models import AssignmentRecipient, BasicMission, DecidedBy
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_reportable
from styrmodell.lib.formats import format_date, format_tkr

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.goals.models import Goal
    from apps.organisation.models import Unit


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

    ``expected_version`` is the version the editor started from (0: no assessment yet); if
    someone saved since, ``StaleEdit`` is raised and nothing is written. A goal whose status
    is computed (``apps.goals.computed``: a financial goal linked to a key figure) takes
    only the analysis: pass ``status`` empty; a typed status is refused at the field.
    """
    access = access_for(actor)
    # The economy department assesses the financial goals from the key figures it computes.
    access.require(
        access.can_edit_for(unit)
        or (goal.level.is_financial and access.can_manage_economy_for(unit))
    )
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=unit)
    computed = computed_statuses([goal.pk], period).get(goal.pk)
    if _is_required_contribution(goal, unit):
        # Every body reasons about every KF goal (Ale): the reasoning is what is reported,
        # the status is optional ("ej bedömt" is stored without one).
        if not (analysis or "").strip():
            raise ValidationError(
                {"analysis": _("Say how the committee has contributed to the goal.")}
            )
        status = status or GoalStatus.NOT_ASSESSED
    if computed is not None:
        # A financial goal linked to a key figure: its status is computed, never typed. A
        # comment is kept; the assessment's status is not used ("ej bedömt" is stored).
        if status and status != GoalStatus.NOT_ASSESSED:
            raise ValidationError(
                {
                    "status": _(
                        "The goal is followed up with a key figure and gets its status "
                        "computed; it is not typed. %(source)s"
                    )
                    % {"source": computed.source}
                }
            )
        status = GoalStatus.NOT_ASSESSED
    elif status == GoalStatus.NOT_MET and not (analysis or "").strip():
        raise ValidationError({"analysis": _("Explain why the goal is not met.")})
    elif status == GoalStatus.NOT_ASSESSED and not (analysis or "").strip():
        # "Ej bedömt" counts as reported only with its reason (followup.selectors).
        raise ValidationError({"analysis": _("Say why the goal is not assessed.")})
    assessment = (
        Assessment.objects.select_for_update().filter(goal=goal, period=period, unit=unit).first()
    )
    assessment = assessment or Assessment(goal=goal, period=period, unit=unit)
    assessment.status, assessment.analysis = status, analysis
    save_with_history(
        assessment, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return assessment


def _is_required_contribution(goal: Goal, unit: Unit) -> bool:
    """A body's contribution to a KF goal where the model has every body report on every KF
    goal (``apps.followup.selectors.council_contributions``)."""
    from apps.followup.selectors import CONTRIBUTING_BODY_KINDS

    return (
        unit.pk != goal.owner_id
        and unit.kind in CONTRIBUTING_BODY_KINDS
        and goal.level.decided_by == DecidedBy.COUNCIL
        and goal.level.model.bodies_report_on_council_goals
    )


@transaction.atomic
def completion_mark(
    *, actor: User, unit: Unit, period: ReportingPeriod, reason: str
) -> UnitCompletion:
    """Mark ``unit``'s follow-up for ``period`` as done, so the ekonom sees it.

    Done means everything the unit must report in the period is reported, by
    ``apps.followup.selectors.followup_progress``'s rule: each goal assessed, or "ej bedömt"
    with the reason why; and as the model says, its contribution to each KF goal, each
    grunduppdrag, each uppdrag. Otherwise refused, naming what is still missing.
    """
    from apps.followup.selectors import PartKind, missing_items

    access_for(actor).require(access_for(actor).can_edit_for(unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=unit)
    completion = UnitCompletion.objects.filter(unit=unit, period=period).first()
    if completion is not None:
        return completion
    missing = missing_items(unit=unit, period=period)
    if any(item.kind != PartKind.GOALS for item in missing):
        raise ValidationError(
            ngettext(
                "The follow-up cannot be marked as done: report this item too: %(items)s.",
                "The follow-up cannot be marked as done: report these %(count)d items too: "
                "%(items)s.",
                len(missing),
            )
            % {
                "count": len(missing),
                "items": "; ".join(f"{item.kind.label}: {item.title}" for item in missing),
            },
            code="items_missing",
        )
    if missing:
        raise ValidationError(
            ngettext(
                "The follow-up cannot be marked as done: assess this goal, or choose "
                "not assessed and say why: %(goals)s.",
                "The follow-up cannot be marked as done: assess these %(count)d goals, or "
                "choose not assessed and say why for each: %(goals)s.",
                len(missing),
            )
            % {"count": len(missing), "goals": "; ".join(item.title for item in missing)},
            code="goals_missing",
        )
    completion = UnitCompletion(unit=unit, period=period, marked_by=actor)
    save_with_history(completion, actor=actor, reason=require_reason(reason))
    return completion


@transaction.atomic
def completion_unmark(*, actor: User, unit: Unit, period: ReportingPeriod, reason: str) -> None:
    """Take back a "klar" mark, to change something while the period is still open."""
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=unit)
    completion = UnitCompletion.objects.filter(unit=unit, period=period).first()
    if completion is not None:
        delete_with_history(completion, actor=actor, reason=require_reason(reason))


# --- Grunduppdrag and uppdrag, each period ------------------------------------------------


@transaction.atomic
def mission_assessment_save(
    *,
    actor: User,
    mission: BasicMission,
    period: ReportingPeriod,
    status: str,
    analysis: str,
    reason: str,
    expected_version: int | None = None,
) -> MissionAssessment:
    """Create or change the follow-up of a grunduppdrag in ``period`` by the body that holds
    it: a status and the analysis behind it ("ej uppfyllt" and "ej bedömt" need the
    analysis). ``expected_version`` as in ``assessment_save`` (0: none yet)."""
    access = access_for(actor)
    access.require(access.can_edit_for(mission.unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=mission.unit)
    if not mission.is_valid_in(period.year):
        raise ValidationError(
            _("The basic mission is not valid in %(year)s.") % {"year": period.year}
        )
    analysis = (analysis or "").strip()
    if status == GoalStatus.NOT_MET and not analysis:
        raise ValidationError({"analysis": _("Explain why the mission is not fulfilled.")})
    if status == GoalStatus.NOT_ASSESSED and not analysis:
        raise ValidationError({"analysis": _("Say why the mission is not assessed.")})
    followup = (
        MissionAssessment.objects.select_for_update()
        .filter(basic_mission=mission, period=period)
        .first()
    ) or MissionAssessment(basic_mission=mission, period=period)
    followup.status, followup.analysis = status, analysis
    save_with_history(
        followup, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return followup


@transaction.atomic
def assignment_report_save(
    *,
    actor: User,
    recipient: AssignmentRecipient,
    period: ReportingPeriod,
    status: str,
    report: str,
    reason: str,
    expected_version: int | None = None,
) -> AssignmentReport:
    """Create or change the receiving unit's återrapport of an uppdrag in ``period``; the
    recipient row takes it as its current status and report unless a later period has a
    report already (a correction of an earlier, reopened period does not undo the later
    one). ``expected_version`` is the period report's version the editor started from (0:
    none yet)."""
    access = access_for(actor)
    access.require(access.can_edit_for(recipient.unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=recipient.unit)
    recipient = (
        AssignmentRecipient.objects.select_for_update()
        .select_related("assignment")
        .get(pk=recipient.pk)
    )
    assignment = recipient.assignment
    if not assignment.first_year <= period.year <= assignment.last_year:
        raise ValidationError(_("The assignment is not valid in %(year)s.") % {"year": period.year})
    report = (report or "").strip()
    if not report:
        raise ValidationError({"report": _("Write what the unit reports on the assignment.")})
    reason = require_reason(reason)
    period_report = (
        AssignmentReport.objects.select_for_update()
        .filter(recipient=recipient, period=period)
        .first()
    ) or AssignmentReport(recipient=recipient, period=period)
    period_report.status, period_report.report = status, report
    save_with_history(period_report, actor=actor, reason=reason, expected_version=expected_version)
    later = AssignmentReport.objects.filter(
        recipient=recipient, period__ends_on__gt=period.ends_on
    ).exists()
    if not later and (recipient.status, recipient.report) != (status, report):
        recipient.status, recipient.report = status, report
        save_with_history(recipient, actor=actor, reason=reason)
    return period_report


# --- Åtgärdsplaner ------------------------------------------------------------------------


def _deciding_body(unit: Unit) -> Unit:
    from apps.plans.services import deciding_body

    return deciding_body(unit)


@transaction.atomic
def action_plan_create(
    *,
    actor: User,
    unit: Unit,
    period: ReportingPeriod,
    cause: str,
    description: str,
    goal: Goal | None = None,
    reason: str,
) -> ActionPlan:
    """Raise an åtgärdsplan in an open period, for a goal reported ej uppfyllt (or a deficit)."""
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    require_reportable(period, actor=actor, unit=unit)
    plan = ActionPlan(unit=unit, period=period, goal=goal, cause=cause, description=description)
    if cause == ActionPlanCause.GOAL_NOT_MET:
        if goal is None:
            raise ValidationError({"goal": _("Name the goal that is not met.")})
        reported = Assessment.objects.filter(goal=goal, period=period, unit=unit).first()
        if reported is None or reported.status != GoalStatus.NOT_MET:
            raise ValidationError(
                {"goal": _("An action plan for a goal follows an assessment of ej uppfyllt.")}
            )
        plan.goal_status = reported.status  # what the plan answers
    if cause == ActionPlanCause.DEFICIT:
        # One current deficit plan per body and period: raising it again leads to it.
        existing = ActionPlan.objects.filter(
            unit=unit, period=period, cause=cause, revisions__isnull=True
        ).first()
        if existing is not None:
            return existing
        plan.deficit = _unhandled_deficit(unit, period)
        # A new plan for a body with a plan from earlier in the year is its revision.
        plan.revises = (
            ActionPlan.objects.filter(
                unit=unit,
                cause=cause,
                period__year=period.year,
                period__ends_on__lt=period.ends_on,
                revisions__isnull=True,
            )
            .order_by("-period__ends_on", "-pk")
            .first()
        )
    save_with_history(plan, actor=actor, reason=require_reason(reason))
    return plan


def _unhandled_deficit(unit: Unit, period: ReportingPeriod):
    """The deficit (kr) of ``unit``'s forecast in ``period`` that the nämnd cannot handle
    within its delegation; refused at ``cause`` when there is none. Locks the forecast."""
    from apps.economy.action_plans import forecast_deficit
    from apps.economy.selectors import operating_budgets
    from apps.economy.services.forecasts import forecast_with_unhandled_deficit

    forecast = forecast_with_unhandled_deficit(unit=unit, period=period, lock=True)
    if forecast is None:
        raise ValidationError(
            {"cause": _("An action plan for a deficit follows a forecast with a deficit "
                        "that the committee cannot handle within its delegation.")}
        )  # fmt: skip
    budget = operating_budgets(period.year).get(unit.pk)
    return forecast_deficit(forecast, budget.current if budget else None)


@transaction.atomic
def action_plan_revise(*, actor: User, action_plan: ActionPlan, reason: str) -> ActionPlan:
    """The nämnd's revised plan for a deficit that has grown since ``action_plan`` was raised:
    a new plan in the period of the latest forecast (which must be open), answering its
    deficit and referring to the old plan, which stays as decided. Asking again leads to the
    same revision."""
    from apps.economy.action_plans import action_plan_states

    access_for(actor).require(access_for(actor).can_edit_for(action_plan.unit))
    action_plan = (
        ActionPlan.objects.select_for_update().select_related("period").get(pk=action_plan.pk)
    )
    existing = ActionPlan.objects.filter(revises=action_plan).first()
    if existing is not None:
        return existing
    state = action_plan_states([action_plan])[action_plan.pk]
    if state.grown_by is None:
        raise ValidationError(
            _("The deficit has not grown since the plan was raised; it needs no revision.")
        )
    period = state.current_period
    require_reportable(period, actor=actor, unit=action_plan.unit)
    deficit = _unhandled_deficit(action_plan.unit, period)
    plan = ActionPlan(
        unit=action_plan.unit,
        period=period,
        cause=ActionPlanCause.DEFICIT,
        deficit=deficit,
        revises=action_plan,
        description=_(
            "The forecast deficit has grown from %(old)s to %(new)s since the plan of %(period)s."
        )
        % {
            "old": format_tkr(action_plan.deficit, 0),
            "new": format_tkr(deficit, 0),
            "period": action_plan.period,
        },
    )
    save_with_history(plan, actor=actor, reason=require_reason(reason))
    return plan


@transaction.atomic
def measure_add(
    *,
    actor: User,
    action_plan: ActionPlan,
    what: str,
    who: str,
    due_on,
    effect: Decimal | None = None,
    reason: str,
) -> Measure:
    """Add a measure to an undecided plan of an open period; ``effect`` is its estimated
    effect on the deficit in kr (optional, not negative)."""
    access_for(actor).require(access_for(actor).can_edit_for(action_plan.unit))
    if action_plan.decided_on:
        raise ValidationError(_("The action plan is decided; its measures are fixed."))
    if action_plan.period.is_closed:
        raise ValidationError(
            _("%(period)s is closed; its action plans are read-only.")
            % {"period": action_plan.period}
        )
    if effect is not None and effect < 0:
        raise ValidationError({"effect": _("The effect cannot be negative.")})
    if due_on is not None and due_on <= action_plan.period.ends_on:
        raise ValidationError(
            {"due_on": _("A measure is due after the period it answers, which ends %(date)s.")
             % {"date": format_date(action_plan.period.ends_on)}}
        )  # fmt: skip
    measure = Measure(action_plan=action_plan, what=what, who=who, due_on=due_on, effect=effect)
    save_with_history(measure, actor=actor, reason=require_reason(reason))
    return measure


@transaction.atomic
def action_plan_decide(
    *,
    actor: User,
    action_plan: ActionPlan,
    decided_on,
    paragraph: str,
    expected_version: int | None = None,
    reason: str,
) -> ActionPlan:
    """The nämnd decides the plan at the meeting where the report is presented."""
    body = _deciding_body(action_plan.unit)
    access_for(actor).require(access_for(actor).can_edit_for(body))
    action_plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)
    if expected_version is not None and action_plan.version != expected_version:
        # Decided (or changed) by someone else since the page was opened: say who and what.
        raise StaleEdit(action_plan)
    if action_plan.decided_on:
        raise ValidationError(_("The action plan is already decided."))
    if not action_plan.measures.exists():
        raise ValidationError(_("An action plan needs at least one measure before it is decided."))
    if decided_on < action_plan.period.ends_on:
        raise ValidationError(
            {"decided_on": _("The committee decides the plan after the period, which ends "
                             "%(date)s.") % {"date": format_date(action_plan.period.ends_on)}}
        )  # fmt: skip
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision date cannot be in the future.")})
    action_plan.decided_on, action_plan.paragraph = decided_on, (paragraph or "").strip()
    action_plan.decided_by = body
    if not action_plan.paragraph:
        raise ValidationError({"paragraph": _("Write the paragraph as § 123.")})
    save_with_history(
        action_plan, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return action_plan


@transaction.atomic
def measure_follow_up(
    *,
    actor: User,
    measure: Measure,
    period: ReportingPeriod,
    status: str,
    comment: str,
    expected_version: int | None = None,
    reason: str,
) -> MeasureFollowup:
    """How a measure stands in a later, open period (``expected_version`` 0: the editor saw
    no follow-up for ``period`` yet)."""
    access_for(actor).require(access_for(actor).can_edit_for(measure.action_plan.unit))
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=measure.action_plan.unit)
    if period.ends_on < measure.action_plan.period.ends_on:
        raise ValidationError(
            {"period": _("Follow a measure up in the period it was raised or later.")}
        )
    followup = MeasureFollowup.objects.filter(measure=measure, period=period).first()
    followup = followup or MeasureFollowup(measure=measure, period=period)
    followup.status, followup.comment = status, comment
    save_with_history(
        followup, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return followup
