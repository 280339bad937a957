"""Writes to the goal chain. Each checks the actor's right to the unit, validates against the
rules of the active styrmodell, records who and why, and runs in a transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.bounds import require_years_in_range
from apps.core.history import delete_with_history, require_reason, save_with_history
from apps.goals.models import (
    Assignment,
    AssignmentDecision,
    AssignmentRecipient,
    AssignmentState,
    BasicMission,
    DecidedBy,
    ExternalFactor,
    FactorResponse,
    Goal,
    GoalIndicator,
    GoalLevel,
    Indicator,
    IndicatorSetChange,
    IndicatorSetDecision,
    IndicatorTarget,
    IndicatorValue,
    Perspective,
    SteeringModel,
    Tag,
)
from apps.goals.presets import PRESETS
from apps.organisation.models import BODY_KINDS, Unit, UnitKind
from apps.periods.models import PeriodKind, PeriodState, ReportingPeriod
from apps.periods.services import require_open, require_reportable

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.documents.models import GoverningDocument


def _require_admin(actor: User) -> None:
    access_for(actor).require(access_for(actor).is_administrator)


def _require_editor(actor: User, unit: Unit) -> None:
    access_for(actor).require(access_for(actor).can_edit_for(unit))


# --- The styrmodell ---------------------------------------------------------------------


@transaction.atomic
def steering_model_load_preset(
    *, actor: User | None, key: str, activate: bool = False
) -> SteeringModel:
    """Create or refresh a preset's model, levels and perspectives (idempotent)."""
    if actor is not None:
        _require_admin(actor)
    if key not in PRESETS:
        raise ValidationError({"key": _("There is no preset called %(key)s.") % {"key": key}})
    preset = PRESETS[key]
    reason = _("Preset %(key)s loaded") % {"key": key}
    model = SteeringModel.objects.filter(key=key).first() or SteeringModel(key=key)
    fields = {
        "name": preset.name,
        "description": preset.description,
        "values": preset.values,
        "uses_committee_goals": preset.uses_committee_goals,
        "uses_assignments": preset.uses_assignments,
        "uses_basic_missions": preset.uses_basic_missions,
        "uses_external_factors": preset.uses_external_factors,
        "uses_status_reports": preset.uses_status_reports,
        "uses_trust_dialogues": preset.uses_trust_dialogues,
    }
    if model.pk is None or any(getattr(model, k) != v for k, v in fields.items()):
        for name, value in fields.items():
            setattr(model, name, value)
        save_with_history(model, actor=actor, reason=reason)

    levels: dict[str, GoalLevel] = {}
    for position, spec in enumerate(preset.levels, start=1):
        level = GoalLevel.objects.filter(model=model, key=spec.key).first() or GoalLevel(
            model=model, key=spec.key
        )
        wanted = {
            "name": spec.name,
            "name_plural": spec.name_plural,
            "position": position,
            "decided_by": spec.decided_by,
            "is_measurable": spec.is_measurable,
            "uses_perspective": spec.uses_perspective,
            "is_financial": spec.is_financial,
            "horizon_years": spec.horizon_years,
        }
        if level.pk is None or any(getattr(level, k) != v for k, v in wanted.items()):
            for name, value in wanted.items():
                setattr(level, name, value)
            save_with_history(level, actor=actor, reason=reason)
        levels[spec.key] = level
    for spec in preset.levels:
        wanted_parents = {levels[p].pk for p in spec.parents}
        level = levels[spec.key]
        if set(level.allowed_parents.values_list("pk", flat=True)) != wanted_parents:
            level.allowed_parents.set(wanted_parents)

    for position, (pkey, pname) in enumerate(preset.perspectives, start=1):
        perspective = Perspective.objects.filter(model=model, key=pkey).first()
        if perspective is None or (perspective.name, perspective.position) != (pname, position):
            perspective = perspective or Perspective(model=model, key=pkey)
            perspective.name, perspective.position = pname, position
            save_with_history(perspective, actor=actor, reason=reason)
    if activate and not model.is_active:
        steering_model_activate(actor=actor, model=model, reason=reason)
    return model


@transaction.atomic
def steering_model_activate(*, actor: User | None, model: SteeringModel, reason: str) -> None:
    if actor is not None:
        _require_admin(actor)
    reason = require_reason(reason)
    for current in SteeringModel.objects.select_for_update().filter(is_active=True):
        if current.pk != model.pk:
            current.is_active = False
            save_with_history(current, actor=actor, reason=reason)
    model.is_active = True
    save_with_history(model, actor=actor, reason=reason)


def active_model() -> SteeringModel | None:
    return SteeringModel.objects.filter(is_active=True).first()


# --- Goals -------------------------------------------------------------------------------


def _check_against_model(goal: Goal) -> None:
    """Rules of the styrmodell as a whole, beyond the goal's own fields."""
    model = goal.level.model
    if not model.is_active:
        raise ValidationError(
            {"level": _("The level belongs to a steering model that is not in use.")}
        )
    if goal.level.decided_by == DecidedBy.BODY and not model.uses_committee_goals:
        raise ValidationError(
            {
                "level": _("The steering model %(model)s has no committee goals.")
                % {"model": model.name}
            }
        )
    if goal.owner.kind in BODY_KINDS and not model.uses_committee_goals:
        raise ValidationError(
            {
                "owner": _("The steering model %(model)s has no committee goals.")
                % {"model": model.name}
            }
        )
    horizon = goal.level.horizon_years
    if horizon and goal.last_year and goal.last_year - goal.first_year + 1 > horizon:
        raise ValidationError(
            {
                "last_year": _("A %(level)s spans at most %(years)s years.")
                % {"level": goal.level.name.lower(), "years": horizon}
            }
        )


def _check_parent_not_retired(goal: Goal) -> None:
    """Retiring is for good: no new goals under a retired one, moved or created. (Its own
    goals are retired with it, so ``goal_retire`` never meets this.)"""
    if goal.parent is not None and goal.parent.is_retired:
        raise ValidationError({"parent": _("A retired goal cannot have new goals under it.")})


def _check_children_within(goal: Goal) -> None:
    """A goal's years cannot shrink past the goals under it, or they could no longer be
    saved (each must lie within its parent's years). Retired ones have ended."""
    children = goal.get_children().filter(retired_on__isnull=True)
    if children.filter(first_year__lt=goal.first_year).exists():
        raise ValidationError(
            {
                "first_year": _("A goal under this one starts before %(year)s; change it first.")
                % {"year": goal.first_year}
            }
        )
    if goal.last_year is not None and (
        children.filter(Q(last_year__isnull=True) | Q(last_year__gt=goal.last_year)).exists()
    ):
        raise ValidationError(
            {
                "last_year": _("A goal under this one runs after %(year)s; change it first.")
                % {"year": goal.last_year}
            }
        )


@transaction.atomic
def goal_create(
    *,
    actor: User,
    level: GoalLevel,
    owner: Unit,
    title: str,
    first_year: int,
    last_year: int | None = None,
    parent: Goal | None = None,
    description: str = "",
    perspective: Perspective | None = None,
    tags: Iterable[Tag] = (),
    position: int = 100,
    reason: str,
) -> Goal:
    _require_editor(actor, owner)
    goal = Goal(
        level=level,
        owner=owner,
        parent=parent,
        title=(title or "").strip(),
        description=description,
        first_year=first_year,
        last_year=last_year,
        perspective=perspective,
        position=position,
    )
    goal.full_clean()
    _check_against_model(goal)
    _check_parent_not_retired(goal)
    save_with_history(goal, actor=actor, reason=require_reason(reason))
    if tags:
        goal.tags.set(tags)
    return goal


GOAL_FIELDS = {
    "title",
    "description",
    "first_year",
    "last_year",
    "perspective",
    "position",
    "owner",
    "level",
}


@transaction.atomic
def goal_update(
    *,
    actor: User,
    goal: Goal,
    reason: str,
    tags=None,
    expected_version: int | None = None,
    **changes,
) -> Goal:
    """Change a goal's fields, its tags, and/or move it (``parent=``).

    Refused (``StaleEdit``) if someone saved the goal after the editor opened
    ``expected_version``: a form sends all its fields, so an older form would put back what
    the other changed."""
    unknown = set(changes) - GOAL_FIELDS - {"parent"}
    if unknown:
        raise TypeError(f"goal_update() got unknown fields: {', '.join(sorted(unknown))}")
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    _require_editor(actor, goal.owner)
    if "owner" in changes:
        _require_editor(actor, changes["owner"])
    if goal.is_retired:
        raise ValidationError(_("A retired goal cannot be changed."))
    for name, value in changes.items():
        setattr(goal, name, value)
    if "title" in changes:
        goal.title = (goal.title or "").strip()
    goal.full_clean()
    _check_against_model(goal)
    if "parent" in changes:
        _check_parent_not_retired(goal)
    if {"first_year", "last_year"} & changes.keys():
        _check_children_within(goal)
    save_with_history(
        goal, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    if tags is not None and set(goal.tags.all()) != set(tags):
        goal._history_user, goal._change_reason = actor, reason
        goal.tags.set(tags)
    return goal


@transaction.atomic
def goal_retire(*, actor: User, goal: Goal, retired_on: dt.date, reason: str) -> Goal:
    """Retire a goal and the goals under it. Nothing is deleted; history and reports stay."""
    _require_editor(actor, goal.owner)
    reason = require_reason(reason)
    for member in goal.get_descendants(include_self=True).select_for_update():
        if member.retired_on is None:
            if member.pk != goal.pk:
                _require_editor(actor, member.owner)
            member.retired_on = retired_on
            save_with_history(member, actor=actor, reason=reason)
    goal.refresh_from_db()
    return goal


# --- Grunduppdrag ------------------------------------------------------------------------


@transaction.atomic
def basic_mission_save(
    *,
    actor: User,
    unit: Unit,
    text: str,
    source: str = "",
    first_year: int,
    last_year: int | None = None,
    mission: BasicMission | None = None,
    document: GoverningDocument | None = None,
    reason: str,
    expected_version: int | None = None,
) -> BasicMission:
    """Change the grunduppdrag in force, or, from a later year, end it and start a new one,
    so that what applied in earlier years stays readable. ``expected_version`` is the
    version of ``mission`` the editor opened (``StaleEdit`` if it was saved since)."""
    _require_editor(actor, unit)
    reason = require_reason(reason)
    if mission is not None and first_year > mission.first_year:
        mission.last_year = first_year - 1
        save_with_history(mission, actor=actor, reason=reason, expected_version=expected_version)
        mission = expected_version = None
    mission = mission or BasicMission(unit=unit)
    mission.unit, mission.text, mission.source = unit, text, source
    mission.document = document
    mission.first_year, mission.last_year = first_year, last_year
    save_with_history(mission, actor=actor, reason=reason, expected_version=expected_version)
    return mission


# --- Uppdrag -----------------------------------------------------------------------------


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    given_by: Unit,
    title: str,
    first_year: int,
    last_year: int,
    recipients: Iterable[Unit],
    decided_on: dt.date,
    paragraph: str,
    goal: Goal | None = None,
    description: str = "",
    resources: Decimal | None = None,
    deadline: dt.date | None = None,
    reason: str,
) -> Assignment:
    _require_editor(actor, given_by)
    recipients = list(recipients)
    if not recipients:
        raise ValidationError({"recipients": _("Give the assignment to at least one unit.")})
    if any(unit.kind not in BODY_KINDS for unit in recipients):
        raise ValidationError(
            {"recipients": _("An assignment goes to the executive board, committees or companies.")}
        )
    reason = require_reason(reason)
    assignment = Assignment(
        goal=goal,
        given_by=given_by,
        title=(title or "").strip(),
        description=description,
        first_year=first_year,
        last_year=last_year,
        resources=resources,
        deadline=deadline,
    )
    save_with_history(assignment, actor=actor, reason=reason)
    for unit in recipients:
        save_with_history(
            AssignmentRecipient(assignment=assignment, unit=unit), actor=actor, reason=reason
        )
    save_with_history(
        AssignmentDecision(
            assignment=assignment,
            state=AssignmentState.ACTIVE,
            decided_on=decided_on,
            body=given_by,
            paragraph=paragraph,
            note=_("Assignment given"),
        ),
        actor=actor,
        reason=reason,
    )
    return assignment


@transaction.atomic
def assignment_decide(
    *,
    actor: User,
    assignment: Assignment,
    state: str,
    decided_on: dt.date,
    paragraph: str,
    note: str = "",
    last_year: int | None = None,
    deadline: dt.date | None = None,
    reason: str,
    expected_version: int | None = None,
) -> AssignmentDecision:
    """Record a decision that completes, ends, extends or changes an uppdrag; refused
    (``StaleEdit``) if the uppdrag changed after the editor opened ``expected_version``."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _require_editor(actor, assignment.given_by)
    reason = require_reason(reason)
    if state == AssignmentState.EXTENDED:
        # Before the deadline is moved to the end of it: year 10000 has no 31 December.
        require_years_in_range(last_year=last_year)
        if last_year is None or last_year <= assignment.last_year:
            raise ValidationError(
                {
                    "last_year": _("An extension needs a last year after %(year)s.")
                    % {"year": assignment.last_year}
                }
            )
        assignment.last_year = last_year
    if deadline is not None:
        assignment.deadline = deadline
    elif state == AssignmentState.EXTENDED and assignment.deadline:
        # An extension without a new deadline moves it to the end of the new last year.
        assignment.deadline = dt.date(assignment.last_year, 12, 31)
    assignment.full_clean()
    decision = AssignmentDecision(
        assignment=assignment,
        state=state,
        decided_on=decided_on,
        body=assignment.given_by,
        paragraph=paragraph,
        note=note,
    )
    save_with_history(decision, actor=actor, reason=reason)
    assignment.state = state
    save_with_history(assignment, actor=actor, reason=reason, expected_version=expected_version)
    return decision


@transaction.atomic
def assignment_report(
    *,
    actor: User,
    recipient: AssignmentRecipient,
    status: str,
    report: str,
    reason: str,
    expected_version: int | None = None,
) -> AssignmentRecipient:
    recipient = AssignmentRecipient.objects.select_for_update().get(pk=recipient.pk)
    _require_editor(actor, recipient.unit)
    recipient.status, recipient.report = status, report
    save_with_history(
        recipient, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return recipient


# --- Indicators --------------------------------------------------------------------------


@transaction.atomic
def indicator_create(*, actor: User, reason: str, **fields) -> Indicator:
    access = access_for(actor)
    access.require(access.is_administrator or bool(access.editor_units()))
    indicator = Indicator(**fields)
    save_with_history(indicator, actor=actor, reason=require_reason(reason))
    return indicator


def _decided(year: int) -> bool:
    return IndicatorSetDecision.objects.filter(year=year).exists()


@transaction.atomic
def indicator_link(
    *, actor: User, goal: Goal, indicator: Indicator, year: int, reason: str
) -> GoalIndicator:
    """Let ``indicator`` measure ``goal`` in ``year``; after KF decided the year's set, the
    change is recorded with its reason."""
    _require_editor(actor, goal.owner)
    reason = require_reason(reason)
    link = GoalIndicator(goal=goal, indicator=indicator, year=year)
    save_with_history(link, actor=actor, reason=reason)
    if _decided(year):
        IndicatorSetChange.objects.create(
            goal=goal,
            indicator=indicator,
            year=year,
            change=IndicatorSetChange.Change.ADDED,
            reason=reason,
            changed_by=actor,
        )
    return link


@transaction.atomic
def indicator_unlink(*, actor: User, link: GoalIndicator, reason: str) -> None:
    _require_editor(actor, link.goal.owner)
    reason = require_reason(reason)
    if _decided(link.year):
        IndicatorSetChange.objects.create(
            goal=link.goal,
            indicator=link.indicator,
            year=link.year,
            change=IndicatorSetChange.Change.REMOVED,
            reason=reason,
            changed_by=actor,
        )
    delete_with_history(link, actor=actor, reason=reason)


@transaction.atomic
def goal_indicator_add(
    *,
    actor: User,
    goal: Goal,
    year: int,
    reason: str,
    indicator: Indicator | None = None,
    new_indicator: dict | None = None,
    target: Decimal | None = None,
) -> GoalIndicator:
    """Measure ``goal`` with an existing or a new indicator in ``year``, with its target.

    A text-only level (a vision) takes no indicators and no targets: refused at the goal.
    """
    _require_editor(actor, goal.owner)
    if not goal.level.is_measurable:
        raise ValidationError(
            {
                "indicator": _("A %(level)s is text only: it has no indicators or targets.")
                % {"level": goal.level.name.lower()}
            }
        )
    if target is not None:
        require_year_open_for_targets(year)
    if indicator is None:
        indicator = indicator_create(actor=actor, reason=reason, **(new_indicator or {}))
    link = indicator_link(actor=actor, goal=goal, indicator=indicator, year=year, reason=reason)
    if target is not None:
        indicator_target_set(
            actor=actor,
            indicator=indicator,
            year=year,
            value=target,
            unit=target_unit(goal),
            reason=reason,
        )
    return link


@transaction.atomic
def indicator_set_decide(
    *, actor: User, year: int, decided_on: dt.date, paragraph: str, reason: str
) -> IndicatorSetDecision:
    _require_admin(actor)
    decision = IndicatorSetDecision.objects.filter(year=year).first() or IndicatorSetDecision(
        year=year
    )
    decision.decided_on, decision.paragraph = decided_on, paragraph
    save_with_history(decision, actor=actor, reason=require_reason(reason))
    return decision


@transaction.atomic
def indicator_target_set(
    *,
    actor: User,
    indicator: Indicator,
    year: int,
    value: Decimal,
    unit: Unit | None = None,
    reason: str,
) -> IndicatorTarget:
    if unit is None:
        _require_admin(actor)
    else:
        _require_editor(actor, unit)
    target = IndicatorTarget.objects.filter(indicator=indicator, year=year, unit=unit).first()
    target = target or IndicatorTarget(indicator=indicator, year=year, unit=unit)
    target.value = value
    save_with_history(target, actor=actor, reason=require_reason(reason))
    return target


def target_unit(goal: Goal) -> Unit | None:
    """The unit whose target a goal's indicator has: the kommun's (None) for a KF goal, else
    the goal's owner's (as ``goal_indicator_add`` sets it)."""
    return None if goal.owner.kind == UnitKind.MUNICIPAL_COUNCIL else goal.owner


def require_year_open_for_targets(year: int) -> None:
    """Targets are read-only once the year is closed (its year-end period), as a closed
    period's indicator values are."""
    if ReportingPeriod.objects.filter(
        year=year, kind=PeriodKind.ANNUAL, state=PeriodState.CLOSED
    ).exists():
        raise PermissionDenied(
            _("The year %(year)s is closed: its targets are read-only.") % {"year": year}
        )


@transaction.atomic
def indicator_target_correct(
    *,
    actor: User,
    goal: Goal,
    indicator: Indicator,
    year: int,
    value: Decimal,
    reason: str,
    expected_version: int | None = None,
) -> IndicatorTarget:
    """Correct the target of ``indicator`` measuring ``goal`` in ``year`` (or set it, if it
    has none), with a reason in the target's history.

    After KF decided the year's indicators the correction is also recorded as an
    indicator-set change, with the previous and the new target. ``expected_version`` is the
    version the editor's form was opened on (0: no target yet); a target saved since is
    refused with ``StaleEdit``. A closed year's targets are read-only.
    """
    _require_editor(actor, goal.owner)
    reason = require_reason(reason)
    if not GoalIndicator.objects.filter(goal=goal, indicator=indicator, year=year).exists():
        raise ValidationError(
            {"value": _("The indicator does not measure this goal in %(year)s.") % {"year": year}}
        )
    require_year_open_for_targets(year)
    unit = target_unit(goal)
    target = (
        IndicatorTarget.objects.select_for_update()
        .filter(indicator=indicator, year=year, unit=unit)
        .first()
    ) or IndicatorTarget(indicator=indicator, year=year, unit=unit)
    previous = target.value if target.pk else None
    target.value = value
    save_with_history(target, actor=actor, reason=reason, expected_version=expected_version)
    if _decided(year):
        IndicatorSetChange.objects.create(
            goal=goal,
            indicator=indicator,
            year=year,
            change=IndicatorSetChange.Change.TARGET,
            reason=reason,
            changed_by=actor,
            previous_target=previous,
            target=value,
        )
    return target


@transaction.atomic
def indicator_value_set(
    *,
    actor: User,
    indicator: Indicator,
    period: ReportingPeriod,
    unit: Unit | None = None,
    total: Decimal | None = None,
    women: Decimal | None = None,
    men: Decimal | None = None,
    comment: str = "",
    expected_version: int | None = None,
    reason: str,
) -> IndicatorValue:
    """Enter ``indicator``'s value in ``period`` for ``unit`` (None: kommun-wide).

    ``expected_version`` is the version of the value the editor's form was opened on (0: no
    value yet); if someone saved since, ``StaleEdit`` is raised and nothing is written.
    """
    access = access_for(actor)
    if unit is None:
        access.require(access.is_administrator or access.is_economist)
    else:
        _require_editor(actor, unit)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if unit is None:
        require_open(period)
    else:
        require_reportable(period, actor=actor, unit=unit)
    value = IndicatorValue.objects.filter(indicator=indicator, period=period, unit=unit).first()
    value = value or IndicatorValue(indicator=indicator, period=period, unit=unit)
    value.total, value.women, value.men, value.comment = total, women, men, comment
    if not indicator.by_sex and (women is not None or men is not None):
        raise ValidationError({"women": _("This indicator is not split by sex.")})
    save_with_history(
        value, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return value


@transaction.atomic
def configuration_save(
    *, actor: User, instance: SteeringModel | GoalLevel | Perspective, reason: str
) -> None:
    """Save an administrator's change to a styrmodell, one of its levels or perspectives."""
    _require_admin(actor)
    if isinstance(instance, SteeringModel) and instance.is_active:
        others = SteeringModel.objects.filter(is_active=True).exclude(pk=instance.pk)
        if others.exists():
            raise ValidationError(
                {"is_active": _("Another steering model is in use; choose it on the model page.")}
            )
    save_with_history(instance, actor=actor, reason=require_reason(reason))


# --- Omvärldsfaktorer -----------------------------------------------------------------------


@transaction.atomic
def external_factor_save(*, actor: User, factor: ExternalFactor, reason: str) -> ExternalFactor:
    """Record an omvärldsfaktor as KF decided it (or correct one), by an administrator."""
    _require_admin(actor)
    factor.full_clean()
    save_with_history(factor, actor=actor, reason=require_reason(reason))
    return factor


def factor_response_fill(
    response: FactorResponse, *, year: int, risks: str, opportunities: str, approach: str
) -> FactorResponse:
    """Fill in a plan's or nulägesbeskrivning's response to a factor in force in ``year``."""
    factor = response.factor
    if not factor.first_year <= year <= factor.last_year:
        raise ValidationError(
            {"factor": _("%(factor)s is not in force in %(year)s.")
             % {"factor": factor, "year": year}}
        )  # fmt: skip
    response.risks, response.opportunities, response.approach = (
        risks.strip(), opportunities.strip(), approach.strip()
    )  # fmt: skip
    return response
