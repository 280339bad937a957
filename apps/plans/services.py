"""Writes to plans. A decided plan is read-only until reopened with a reason; every write
checks the actor's right to the unit and records who and why."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import require_reason, save_with_history
from apps.goals.models import ExternalFactor
from apps.goals.services import active_model, factor_response_fill
from apps.organisation.models import BODY_KINDS
from apps.organisation.selectors import body_of
from apps.plans.models import (
    OPEN_ACTIVITY_STATUSES,
    PLAN_KIND_OF_UNIT,
    Activity,
    Plan,
    PlanFactorResponse,
    PlanSection,
    PlanState,
    SectionTemplate,
)
from apps.plans.sections import ensure_standard_sections
from apps.plans.selectors import (
    REUSED_SECTIONS,
    ancestors_of,
    deciding_unit,
    reused_status_report,
)
from styrmodell.lib.formats import format_date
from styrmodell.lib.richtext import sanitise

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.organisation.models import Unit


def deciding_body(unit: Unit) -> Unit:
    """The nämnd, KS or bolag that decides the unit's plan: the body it belongs to
    (``apps.organisation.selectors.body_of``); KF decides its own."""
    return body_of(unit) or unit


def plan_deciding_unit(plan: Plan) -> Unit:
    """The unit that decides ``plan``: the nämnd, KS or bolag over its unit
    (``deciding_body``), or the förvaltning for a verksamhetsplan where the active model
    lets the administration decide them (``apps.plans.selectors.deciding_unit``). Two
    queries (the model, the unit's ancestors), one for a body's own plan."""
    ancestors = [] if plan.unit.kind in BODY_KINDS else ancestors_of(plan.unit)
    return deciding_unit(plan, active_model(), ancestors)


def _require_editor(actor: User, plan_or_unit) -> None:
    unit = getattr(plan_or_unit, "unit", plan_or_unit)
    access_for(actor).require(access_for(actor).can_edit_for(unit))


def _locked(plan: Plan) -> Plan:
    """The plan, locked for this transaction; refused if decided."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_decided:
        raise ValidationError(_("The plan is decided and read-only. Reopen it to change it."))
    return plan


def _refuse_if_reused(plan: Plan) -> None:
    """A plan that reads its body's nulägesbeskrivning does not write those parts again."""
    report = reused_status_report(plan, active_model())
    if report is not None:
        raise ValidationError(
            _(
                "This part is read from the status report %(year)s of %(unit)s. "
                "Change it in the status report."
            )
            % {"year": report.year, "unit": report.unit.name}
        )


@transaction.atomic
def plan_create(*, actor: User, unit: Unit, year: int, reason: str) -> Plan:
    _require_editor(actor, unit)
    if unit.kind not in PLAN_KIND_OF_UNIT:
        raise ValidationError({"unit": _("This kind of unit does not write a plan.")})
    if Plan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            {"year": _("The unit already has a plan for %(year)s.") % {"year": year}}
        )
    reason = require_reason(reason)
    plan = Plan(unit=unit, year=year, kind=PLAN_KIND_OF_UNIT[unit.kind])
    save_with_history(plan, actor=actor, reason=reason)
    ensure_standard_sections(SectionTemplate)
    for template in SectionTemplate.objects.filter(is_active=True):
        save_with_history(PlanSection(plan=plan, template=template), actor=actor, reason=reason)
    return plan


@transaction.atomic
def plan_copy_from_previous(*, actor: User, unit: Unit, year: int, reason: str) -> Plan:
    """Start the year's plan from last year's: its sections, SWOT and open activities,
    moved one year on."""
    previous = Plan.objects.filter(unit=unit, year=year - 1).first()
    if previous is None:
        raise ValidationError(
            {"year": _("There is no plan for %(year)s to copy.") % {"year": year - 1}}
        )
    plan = plan_create(actor=actor, unit=unit, year=year, reason=reason)
    bodies = {s.template_id: s.body for s in previous.sections.all()}
    for section in plan.sections.all():
        if bodies.get(section.template_id):
            section.body = bodies[section.template_id]
            save_with_history(section, actor=actor, reason=reason)
    for field in ("strengths", "weaknesses", "opportunities", "threats"):
        setattr(plan, field, getattr(previous, field))
    save_with_history(plan, actor=actor, reason=reason)
    for old in previous.factor_responses.filter(
        factor__first_year__lte=year, factor__last_year__gte=year
    ):
        response = PlanFactorResponse(
            plan=plan, factor_id=old.factor_id, risks=old.risks,
            opportunities=old.opportunities, approach=old.approach,
        )  # fmt: skip
        save_with_history(response, actor=actor, reason=reason)
    for activity in previous.activities.filter(status__in=OPEN_ACTIVITY_STATUSES).select_related(
        "goal", "assignment"
    ):
        goal = activity.goal if activity.goal and _goes_on(activity.goal, year) else None
        assignment = activity.assignment
        if assignment is not None and assignment.last_year < year:
            assignment = None
        if goal is None and assignment is None:
            continue  # what it served has ended; the unit links it anew if it goes on
        copy = Activity(
            plan=plan,
            goal=activity.goal,
            assignment=activity.assignment,
            title=activity.title,
            description=activity.description,
            responsible=activity.responsible,
            starts_on=_one_year_on(activity.starts_on, year=year),
            ends_on=_one_year_on(activity.ends_on, year=year),
            status=activity.status,
        )
        save_with_history(copy, actor=actor, reason=reason)
    return plan


def _goes_on(goal, year: int) -> bool:
    return goal.retired_on is None and (goal.last_year is None or goal.last_year >= year)


def activity_bounds(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day an activity of the plan for ``year`` may have: from the year
    before (work that started early) to four years on (the plan's longest horizon)."""
    return dt.date(year - 1, 1, 1), dt.date(year + 4, 12, 31)


def _one_year_on(day: dt.date, *, year: int) -> dt.date:
    """``day`` a year on, within the bounds of the plan for ``year`` (an activity saved
    before the bounds existed may end in 9999, which has no year after it)."""
    first, last = activity_bounds(year)
    if day.year + 1 > last.year:
        return last
    if day.year + 1 < first.year:
        return first
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def plan_section_update(
    *,
    actor: User,
    section: PlanSection,
    body: str,
    reason: str,
    expected_version: int | None = None,
) -> PlanSection:
    """Change a section's text; refused (``StaleEdit``) if someone saved it after the editor
    opened ``expected_version``."""
    _require_editor(actor, section.plan)
    _locked(section.plan)
    section = PlanSection.objects.select_for_update().select_related("template").get(pk=section.pk)
    if section.template.key in REUSED_SECTIONS:
        _refuse_if_reused(section.plan)
    section.body = sanitise(body)
    save_with_history(
        section, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return section


@transaction.atomic
def plan_swot_update(
    *,
    actor: User,
    plan: Plan,
    strengths: str,
    weaknesses: str,
    opportunities: str,
    threats: str,
    reason: str,
    expected_version: int | None = None,
) -> Plan:
    """Save the SWOT's four texts together. A plan's version also moves with its state, so a
    SWOT opened before the plan was submitted, decided or reopened is stale too."""
    _require_editor(actor, plan)
    plan = _locked(plan)
    plan.strengths, plan.weaknesses = sanitise(strengths), sanitise(weaknesses)
    plan.opportunities, plan.threats = sanitise(opportunities), sanitise(threats)
    save_with_history(
        plan, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return plan


ACTIVITY_FIELDS = {
    "goal",
    "assignment",
    "title",
    "description",
    "responsible",
    "starts_on",
    "ends_on",
    "status",
}


@transaction.atomic
def activity_save(
    *,
    actor: User,
    plan: Plan,
    reason: str,
    activity: Activity | None = None,
    expected_version: int | None = None,
    **fields,
) -> Activity:
    """Create an activity in ``plan`` or change one; it must serve a goal or an uppdrag.

    A change is refused (``StaleEdit``) if someone saved the activity after the editor
    opened ``expected_version``. ``tags`` (global goals, aspects) None keeps the activity's."""
    tags = fields.pop("tags", None)
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"activity_save() got unknown fields: {', '.join(sorted(unknown))}")
    _require_editor(actor, plan)
    plan = _locked(plan)
    if activity is not None and activity.plan_id != plan.pk:
        raise PermissionDenied
    activity = activity or Activity(plan=plan)
    chain = {u.pk for u in plan.unit.get_ancestors()} | {plan.unit_id}
    goal, assignment = fields.get("goal"), fields.get("assignment")
    if goal is not None and goal.owner_id not in chain:
        raise ValidationError({"goal": _("The goal is not one this unit works towards.")})
    if assignment is not None and not assignment.recipient_rows.filter(unit_id__in=chain).exists():
        raise ValidationError({"assignment": _("The assignment was not given to this unit.")})
    for name, value in fields.items():
        setattr(activity, name, value)
    if activity.starts_on and activity.starts_on.year > plan.year:
        raise ValidationError({"starts_on": _("The activity starts after the plan's year.")})
    if activity.ends_on and activity.ends_on.year < plan.year:
        raise ValidationError({"ends_on": _("The activity ends before the plan's year.")})
    first, last = activity_bounds(plan.year)
    if activity.starts_on and activity.starts_on < first:
        raise ValidationError({"starts_on": _(
            "An activity of the plan for %(year)s starts on %(first)s at the earliest."
        ) % {"year": plan.year, "first": format_date(first)}})  # fmt: skip
    if activity.ends_on and activity.ends_on > last:
        raise ValidationError({"ends_on": _(
            "An activity of the plan for %(year)s ends on %(last)s at the latest."
        ) % {"year": plan.year, "last": format_date(last)}})  # fmt: skip
    save_with_history(
        activity, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    if tags is not None and set(activity.tags.all()) != set(tags):
        activity._history_user, activity._change_reason = actor, reason
        activity.tags.set(tags)
    return activity


@transaction.atomic
def plan_submit(*, actor: User, plan: Plan, reason: str) -> Plan:
    """Utkast → inskickad: the unit hands its plan to the nämnd."""
    _require_editor(actor, plan)
    plan = _locked(plan)
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    plan.state = PlanState.SUBMITTED
    save_with_history(plan, actor=actor, reason=require_reason(reason))
    return plan


@transaction.atomic
def plan_decide(
    *,
    actor: User,
    plan: Plan,
    decided_on: dt.date,
    paragraph: str,
    reason: str,
    expected_version: int | None = None,
) -> Plan:
    """Inskickad → fastställd, by the nämnd (or KS, or the bolag's board) over the unit, or
    by the förvaltning where the model lets it decide its verksamhetsplaner
    (``plan_deciding_unit``)."""
    body = plan_deciding_unit(plan)
    access_for(actor).require(access_for(actor).can_edit_for(body))
    plan = _locked(plan)
    if plan.state != PlanState.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be decided."))
    plan.state, plan.decided_on, plan.paragraph, plan.decided_by = (
        PlanState.DECIDED,
        decided_on,
        (paragraph or "").strip(),
        body,
    )
    save_with_history(
        plan, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return plan


@transaction.atomic
def plan_reopen(*, actor: User, plan: Plan, reason: str) -> Plan:
    """Fastställd → utkast, to change a decided plan: always with a reason, recorded."""
    body = plan_deciding_unit(plan)
    access_for(actor).require(access_for(actor).can_edit_for(body))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.state == PlanState.DRAFT:
        return plan
    # The decision stays in the history; a draft has none.
    plan.state, plan.decided_on, plan.paragraph, plan.decided_by = PlanState.DRAFT, None, "", None
    save_with_history(plan, actor=actor, reason=require_reason(reason))
    return plan


@transaction.atomic
def section_template_save(
    *, actor: User, template: SectionTemplate, reason: str
) -> SectionTemplate:
    """An administrator adds or changes a section every new plan gets."""
    access_for(actor).require(access_for(actor).is_administrator)
    save_with_history(template, actor=actor, reason=require_reason(reason))
    return template


@transaction.atomic
def plan_factor_response_save(
    *,
    actor: User,
    plan: Plan,
    factor: ExternalFactor,
    risks: str,
    opportunities: str,
    approach: str,
    reason: str,
    expected_version: int | None = None,
) -> PlanFactorResponse:
    """How the unit relates to one of KF's omvärldsfaktorer, in its plan's omvärldsanalys.

    ``expected_version`` 0 means the editor saw no response yet: if another editor wrote one
    meanwhile, the save is refused (``StaleEdit``) rather than replacing it."""
    _require_editor(actor, plan)
    plan = _locked(plan)
    _refuse_if_reused(plan)
    response = PlanFactorResponse.objects.filter(plan=plan, factor=factor).first()
    response = response or PlanFactorResponse(plan=plan, factor=factor)
    factor_response_fill(
        response, year=plan.year, risks=risks, opportunities=opportunities, approach=approach
    )
    save_with_history(
        response, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return response
