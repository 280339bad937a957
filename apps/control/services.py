"""Writes of intern kontroll: risks, control plans with their controls, and results.

A unit's redaktörer score its risks, draw up its control plan and report the results; the
unit's deciding body (KS or the nämnd) decides the plan. A decided plan is read-only until
it is reopened, and a closed period's results are read-only (both guarded in the database
too, see apps.control.guard).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.control.models import (
    RISK_FIELDS,
    SCALE,
    Control,
    ControlPlan,
    ControlResult,
    PlanState,
    ResultStatus,
    Risk,
    RiskCategory,
    RiskLevel,
    ScaleStep,
)
from apps.core.history import require_reason, save_with_history
from apps.core.locking import StaleEdit
from apps.periods.models import ReportingPeriod
from apps.periods.services import require_reportable
from apps.plans.services import deciding_body

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.organisation.models import Unit


def _require_editor(actor: User, unit: Unit) -> None:
    access = access_for(actor)
    access.require(access.can_edit_for(unit))


def _check_scores(probability, consequence) -> None:
    errors = {}
    if probability not in SCALE:
        errors["probability"] = _("Score the probability from 1 to 5.")
    if consequence not in SCALE:
        errors["consequence"] = _("Score the consequence from 1 to 5.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_create(
    *,
    actor: User,
    unit: Unit,
    year: int,
    description: str,
    process: str = "",
    category: RiskCategory,
    probability: int,
    consequence: int,
    owner: str,
    in_control_plan: bool = False,
    reason: str,
) -> Risk:
    _require_editor(actor, unit)
    _check_scores(probability, consequence)
    risk = Risk(
        unit=unit, year=year, description=description, process=process, category=category,
        probability=probability, consequence=consequence, owner=owner,
        in_control_plan=in_control_plan,
    )  # fmt: skip
    save_with_history(risk, actor=actor, reason=require_reason(reason))
    return risk


@transaction.atomic
def risk_update(
    *, actor: User, risk: Risk, expected_version: int | None = None, reason: str, **changes
) -> Risk:
    """Change a risk's fields (those of RISK_FIELDS); the others stay as stored.

    ``expected_version`` is the version the editor's form was opened on: if someone saved
    the risk since, ``StaleEdit`` is raised and nothing is written.
    """
    _require_editor(actor, risk.unit)
    unknown = set(changes) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"risk_update cannot change {sorted(unknown)}")
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    _check_scores(
        changes.get("probability", risk.probability), changes.get("consequence", risk.consequence)
    )
    if changes.get("in_control_plan") is False and risk.controls.exists():
        raise ValidationError(
            {"in_control_plan": _("The risk has controls in the control plan; it stays in it.")}
        )
    for field, value in changes.items():
        setattr(risk, field, value)
    save_with_history(
        risk, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return risk


@transaction.atomic
def control_plan_create(*, actor: User, unit: Unit, year: int, reason: str) -> ControlPlan:
    """The unit's control plan for ``year``, drawn up as a draft if there is none yet."""
    _require_editor(actor, unit)
    plan = ControlPlan.objects.filter(unit=unit, year=year).first()
    if plan is not None:
        return plan
    plan = ControlPlan(unit=unit, year=year)
    save_with_history(plan, actor=actor, reason=require_reason(reason))
    return plan


def _draft(plan: ControlPlan) -> ControlPlan:
    """The plan, locked for this transaction; refused if decided."""
    plan = ControlPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_decided:
        raise ValidationError(
            _("The control plan is decided and read-only. Reopen it to change it.")
        )
    return plan


@transaction.atomic
def control_add(
    *,
    actor: User,
    plan: ControlPlan,
    risk: Risk,
    what: str,
    method: str = "",
    owner: str,
    frequency: str,
    reported_when: str = "",
    reason: str,
) -> Control:
    """Put ``risk`` into the plan with a control; the risk is then in the control plan."""
    _require_editor(actor, plan.unit)
    plan = _draft(plan)
    errors = {}
    if risk.unit_id != plan.unit_id or risk.year != plan.year:
        errors["risk"] = _("Choose a risk from this unit's analysis for %(year)s.") % {
            "year": plan.year
        }
    if not (what or "").strip():
        errors["what"] = _("Say what the control checks.")
    if not (owner or "").strip():
        errors["owner"] = _("Name who carries out the control.")
    if not (frequency or "").strip():
        errors["frequency"] = _("Say how often the control is carried out.")
    if errors:
        raise ValidationError(errors)
    reason = require_reason(reason)
    control = Control(
        plan=plan, risk=risk, what=what.strip(), method=method, owner=owner.strip(),
        frequency=frequency.strip(), reported_when=reported_when,
    )  # fmt: skip
    save_with_history(control, actor=actor, reason=reason)
    # As stored now, so that a change to the risk since the page was opened is kept.
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if not risk.in_control_plan:
        risk.in_control_plan = True
        save_with_history(risk, actor=actor, reason=reason)
    return control


@transaction.atomic
def control_plan_decide(
    *,
    actor: User,
    plan: ControlPlan,
    decided_on: dt.date,
    paragraph: str,
    expected_version: int | None = None,
    reason: str,
) -> ControlPlan:
    """KS or the nämnd decides the plan; its controls are then fixed."""
    body = deciding_body(plan.unit)
    _require_editor(actor, body)
    stored = ControlPlan.objects.select_for_update().get(pk=plan.pk)
    if expected_version is not None and stored.version != expected_version:
        # Decided (or reopened) by someone else since the page was opened: say who.
        raise StaleEdit(stored)
    plan = _draft(plan)
    if not plan.controls.exists():
        raise ValidationError(_("A control plan needs at least one control before it is decided."))
    errors = {}
    if decided_on is None:
        errors["decided_on"] = _("Give the date of the decision.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("A decision date cannot be in the future.")
    paragraph = (paragraph or "").strip()
    if not paragraph:
        errors["paragraph"] = _("Write the paragraph as § 123.")
    if errors:
        raise ValidationError(errors)
    plan.state, plan.decided_on, plan.paragraph = PlanState.DECIDED, decided_on, paragraph
    save_with_history(
        plan, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return plan


@transaction.atomic
def control_plan_reopen(*, actor: User, plan: ControlPlan, reason: str) -> ControlPlan:
    """Back to draft, to change the controls; decided again afterwards."""
    _require_editor(actor, deciding_body(plan.unit))
    plan = ControlPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_decided:
        return plan
    plan.state = PlanState.DRAFT
    save_with_history(plan, actor=actor, reason=require_reason(reason))
    return plan


@transaction.atomic
def control_result_save(
    *,
    actor: User,
    control: Control,
    period: ReportingPeriod,
    status: str,
    comment: str = "",
    measures: str = "",
    expected_version: int | None = None,
    reason: str,
) -> ControlResult:
    """Report what ``control`` found in ``period`` (an open period, before its deadline).

    ``expected_version`` is the version the form was opened on (0: no result yet).
    """
    unit = control.plan.unit
    _require_editor(actor, unit)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    require_reportable(period, actor=actor, unit=unit)
    if period.year != control.plan.year:
        raise ValidationError(
            {"period": _("Report the control in a period of the plan's year, %(year)s.")
             % {"year": control.plan.year}}
        )  # fmt: skip
    if status not in ResultStatus.values:
        raise ValidationError({"status": _("Choose one of the results.")})
    measures = (measures or "").strip()
    if status != ResultStatus.NO_REMARKS and not measures:
        raise ValidationError(
            {"measures": _("Describe the measures for what failed (the result was not "
                           "“no remarks”).")}
        )  # fmt: skip
    result = ControlResult.objects.filter(control=control, period=period).first()
    result = result or ControlResult(control=control, period=period)
    result.status, result.comment, result.measures = status, (comment or "").strip(), measures
    save_with_history(
        result, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return result


@transaction.atomic
def control_setting_save(
    *, actor: User, setting: RiskCategory | RiskLevel | ScaleStep, reason: str
) -> RiskCategory | RiskLevel | ScaleStep:
    """An administrator changes a risk category, a risk level (the matrix's colours) or what
    a scale step means. ``setting.version`` is the one the admin's form was opened on."""
    access_for(actor).require(access_for(actor).is_administrator)
    save_with_history(setting, actor=actor, reason=require_reason(reason))
    return setting
