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
    AssignmentIndicator,
    AssignmentRecipient,
    AssignmentState,
    BasicMission,
    DecidedBy,
    ExternalFactor,
    FactorResponse,
    FoundationElement,
    Goal,
    GoalIndicator,
    GoalLevel,
    Indicator,
    IndicatorSetChange,
    IndicatorSetDecision,
    IndicatorTarget,
    IndicatorValue,
    MissionIndicator,
    Perspective,
    SteeringModel,
    Tag,
    TagKind,
)
from apps.goals.presets import PRESETS
from apps.organisation.models import BODY_KINDS, Unit, UnitKind
from apps.periods.models import PeriodKind, PeriodState, ReportingPeriod
from apps.periods.services import require_open, require_reportable
from styrmodell.lib.richtext import sanitise

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
    """Create what a preset has and the database lacks: its model, levels, their parents,
    perspectives and foundation elements.

    What is there stays as it is: re-loading never puts back a name, a flag or a text the
    administrator changed (they are the kommun's, the preset only its starting point)."""
    if actor is not None:
        _require_admin(actor)
    if key not in PRESETS:
        raise ValidationError({"key": _("There is no preset called %(key)s.") % {"key": key}})
    preset = PRESETS[key]
    reason = _("Preset %(key)s loaded") % {"key": key}
    model = SteeringModel.objects.filter(key=key).first()
    if model is None:
        model = SteeringModel(
            key=key,
            name=preset.name,
            description=preset.description,
            values=preset.values,
            uses_committee_goals=preset.uses_committee_goals,
            uses_assignments=preset.uses_assignments,
            uses_basic_missions=preset.uses_basic_missions,
            uses_external_factors=preset.uses_external_factors,
            uses_status_reports=preset.uses_status_reports,
            uses_trust_dialogues=preset.uses_trust_dialogues,
            uses_agenda_2030=preset.uses_agenda_2030,
            uses_sustainability_aspects=preset.uses_sustainability_aspects,
            bodies_report_on_council_goals=preset.bodies_report_on_council_goals,
            follows_up_basic_missions=preset.follows_up_basic_missions,
            follows_up_assignments=preset.follows_up_assignments,
            operations_plan_decided_by=preset.operations_plan_decided_by,
        )
        save_with_history(model, actor=actor, reason=reason)

    existing = {level.key: level for level in model.levels.all()}
    created: set[str] = set()
    for position, spec in enumerate(preset.levels, start=1):
        if spec.key in existing:
            continue
        level = GoalLevel(
            model=model,
            key=spec.key,
            name=spec.name,
            name_plural=spec.name_plural,
            position=position,
            decided_by=spec.decided_by,
            is_measurable=spec.is_measurable,
            uses_perspective=spec.uses_perspective,
            is_financial=spec.is_financial,
            horizon_years=spec.horizon_years,
            owner_scope=spec.owner_scope,
        )
        save_with_history(level, actor=actor, reason=reason)
        existing[spec.key] = level
        created.add(spec.key)
    # Only a new level gets the preset's parents: an existing level's were the
    # administrator's to change.
    for spec in preset.levels:
        if spec.key in created and spec.parents:
            existing[spec.key].allowed_parents.set([existing[p] for p in spec.parents])

    have = set(model.perspectives.values_list("key", flat=True))
    for position, (pkey, pname) in enumerate(preset.perspectives, start=1):
        if pkey not in have:
            perspective = Perspective(model=model, key=pkey, name=pname, position=position)
            save_with_history(perspective, actor=actor, reason=reason)

    # A kind the model already has is the administrator's: an edited or ended element is
    # not put back beside it.
    kinds = set(model.foundations.values_list("kind", flat=True))
    for position, spec in enumerate(preset.foundations, start=1):
        if spec.kind not in kinds:
            element = FoundationElement(
                model=model, kind=spec.kind, title=spec.title, text=spec.text, position=position
            )
            save_with_history(element, actor=actor, reason=reason)
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


# --- The model's foundation and perspectives -------------------------------------------------


def check_foundation_horizon(element: FoundationElement) -> None:
    """A foundation element decided for a fixed period (Ale's värdegrund: eight years) has a
    last year within it."""
    preset = PRESETS.get(element.model.key)
    horizon = preset.foundation_horizon(element.kind) if preset else None
    if not horizon or not element.first_year:
        return
    if element.last_year is None or element.last_year - element.first_year + 1 > horizon:
        raise ValidationError(
            {
                "last_year": _("A %(kind)s is decided for at most %(years)s years.")
                % {"kind": element.get_kind_display().lower(), "years": horizon}
            }
        )


@transaction.atomic
def foundation_element_save(
    *,
    actor: User,
    model: SteeringModel,
    kind: str,
    title: str,
    text: str = "",
    first_year: int | None = None,
    last_year: int | None = None,
    decided_by: Unit | None = None,
    decided_on: dt.date | None = None,
    paragraph: str = "",
    position: int | None = None,
    element: FoundationElement | None = None,
    reason: str,
    expected_version: int | None = None,
) -> FoundationElement:
    """Record a värdegrund, ledord, leader or principle as decided (or correct one), by an
    administrator. The text is sanitised rich text."""
    _require_admin(actor)
    if element is None:
        element = FoundationElement(model=model)
        if position is None:
            position = (
                max(model.foundations.filter(kind=kind).values_list("position", flat=True),
                    default=0) + 1
            )  # fmt: skip
    else:
        element = FoundationElement.objects.select_for_update().get(pk=element.pk)
        if element.model_id != model.pk:
            raise ValidationError(_("The element belongs to another steering model."))
    element.kind, element.title, element.text = kind, (title or "").strip(), sanitise(text)
    element.first_year, element.last_year = first_year, last_year
    element.decided_by, element.decided_on = decided_by, decided_on
    element.paragraph = (paragraph or "").strip()
    if position is not None:
        element.position = position
    element.full_clean()
    check_foundation_horizon(element)
    save_with_history(
        element, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return element


@transaction.atomic
def foundation_element_end(
    *,
    actor: User,
    element: FoundationElement,
    last_year: int,
    reason: str,
    expected_version: int | None = None,
) -> FoundationElement:
    """End a foundation element with ``last_year``: it stays readable in the years it held."""
    _require_admin(actor)
    element = FoundationElement.objects.select_for_update().get(pk=element.pk)
    element.last_year = last_year
    element.full_clean()
    save_with_history(
        element, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return element


def _rename_dimension_tag(perspective: Perspective) -> None:
    """Where the model in use has the sustainability dimensions as perspectives, the tag of
    the dimension carries the perspective's name: one word for one thing."""
    if not perspective.model.is_active:
        return
    Tag.objects.filter(kind=TagKind.SUSTAINABILITY, code=perspective.key).exclude(
        name=perspective.name
    ).update(name=perspective.name)


@transaction.atomic
def perspective_rename(
    *,
    actor: User,
    perspective: Perspective,
    name: str,
    reason: str,
    expected_version: int | None = None,
) -> Perspective:
    """Rename a perspective, and with it the sustainability tag of the same key."""
    _require_admin(actor)
    perspective = Perspective.objects.select_for_update().get(pk=perspective.pk)
    perspective.name = (name or "").strip()
    save_with_history(
        perspective, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    _rename_dimension_tag(perspective)
    return perspective


# --- Goals -------------------------------------------------------------------------------


def _check_committee_goals(goal: Goal) -> None:
    """A model with nämndmål switched off takes none, whatever its levels allow. Checked
    before anything else, so that this is the reason given."""
    model = goal.level.model
    if goal.level.decided_by == DecidedBy.BODY and not model.uses_committee_goals:
        raise ValidationError(
            {
                "level": _("The steering model %(model)s has no committee goals.")
                % {"model": model.name}
            }
        )


def _check_decision(goal: Goal) -> None:
    if goal.decision_paragraph and not goal.decided_on:
        raise ValidationError({"decided_on": _("Give the date of the decision.")})


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
    decided_on: dt.date | None = None,
    decision_paragraph: str = "",
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
        decided_on=decided_on,
        decision_paragraph=(decision_paragraph or "").strip(),
    )
    _check_committee_goals(goal)
    goal.full_clean()
    _check_decision(goal)
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
    "decided_on",
    "decision_paragraph",
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
    if "decision_paragraph" in changes:
        goal.decision_paragraph = (goal.decision_paragraph or "").strip()
    _check_committee_goals(goal)
    goal.full_clean()
    _check_decision(goal)
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


# --- Tags and sustainability aspects ----------------------------------------------------


def require_aspect(tags: Iterable[Tag], *, model: SteeringModel | None = None) -> None:
    """Under a model with sustainability aspects (Vadstena: "de tre hållbarhetsaspekter i
    samtliga uppdrag") every uppdrag and grunduppdrag carries at least one of them."""
    model = model or active_model()
    if model is None or not model.uses_sustainability_aspects:
        return
    if not any(tag.kind == TagKind.SUSTAINABILITY for tag in tags):
        raise ValidationError(
            {
                "tags": _(
                    "Choose at least one sustainability aspect: economic, ecological or social."
                )
            }
        )


def _set_tags(instance, tags: Iterable[Tag], *, actor: User, reason: str) -> None:
    """Set an object's tags if they change; its m2m history records who and why."""
    wanted = set(tags)
    if set(instance.tags.all()) != wanted:
        instance._history_user, instance._change_reason = actor, reason
        instance.tags.set(wanted)


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
    title: str | None = None,
    tags: Iterable[Tag] | None = None,
    reason: str,
    expected_version: int | None = None,
) -> BasicMission:
    """Create a grunduppdrag (``mission`` None), change the one in force, or, from a later
    year, end it and start a new one, so that what applied in earlier years stays readable.
    ``title`` and ``tags`` None keep the mission's (a successor takes its predecessor's).
    ``expected_version`` is the version of ``mission`` the editor opened (``StaleEdit`` if
    it was saved since)."""
    _require_editor(actor, unit)
    reason = require_reason(reason)
    if mission is not None and mission.unit_id != unit.pk:
        raise PermissionDenied
    previous_title = mission.title if mission is not None else ""
    previous_tags = list(mission.tags.all()) if mission is not None else []
    tags = previous_tags if tags is None else list(tags)
    require_aspect(tags)
    if mission is not None and first_year > mission.first_year:
        mission.last_year = first_year - 1
        save_with_history(mission, actor=actor, reason=reason, expected_version=expected_version)
        mission = expected_version = None
    mission = mission or BasicMission(unit=unit)
    mission.unit, mission.text, mission.source = unit, text, source
    mission.title = (previous_title if title is None else title).strip()
    mission.document = document
    mission.first_year, mission.last_year = first_year, last_year
    save_with_history(mission, actor=actor, reason=reason, expected_version=expected_version)
    _set_tags(mission, tags, actor=actor, reason=reason)
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
    tags: Iterable[Tag] = (),
    reason: str,
) -> Assignment:
    """Give an uppdrag, under ``goal`` or under none (a local political uppdrag), to one or
    several bodies, as decided on ``decided_on`` in ``paragraph``."""
    _require_editor(actor, given_by)
    tags = list(tags)
    require_aspect(tags)
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
    _set_tags(assignment, tags, actor=actor, reason=reason)
    return assignment


ASSIGNMENT_FIELDS = {"title", "description", "resources"}


@transaction.atomic
def assignment_update(
    *,
    actor: User,
    assignment: Assignment,
    reason: str,
    tags: Iterable[Tag] | None = None,
    expected_version: int | None = None,
    **changes,
) -> Assignment:
    """Change an uppdrag's wording, resources or tags (its years, deadline and state change
    by decision: ``assignment_decide``). Refused (``StaleEdit``) if someone saved it after
    the editor opened ``expected_version``."""
    unknown = set(changes) - ASSIGNMENT_FIELDS
    if unknown:
        raise TypeError(f"assignment_update() got unknown fields: {', '.join(sorted(unknown))}")
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _require_editor(actor, assignment.given_by)
    reason = require_reason(reason)
    tags = list(assignment.tags.all()) if tags is None else list(tags)
    require_aspect(tags)
    for name, value in changes.items():
        setattr(assignment, name, value)
    assignment.title = (assignment.title or "").strip()
    save_with_history(assignment, actor=actor, reason=reason, expected_version=expected_version)
    _set_tags(assignment, tags, actor=actor, reason=reason)
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


PER_PERIOD_REPORTS = _(
    "In this steering model an assignment is reported in each period's follow-up: report it there."
)


def reports_assignments_per_period() -> bool:
    """Whether the model in use has uppdrag reported each period (not on the uppdrag)."""
    model = active_model()
    return model is not None and model.follows_up_assignments


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
    """A receiving unit's current status and report of an uppdrag. Where the model has uppdrag
    reported in each period (Vadstena), the report belongs to a period and is written in the
    follow-up (``apps.followup.services.assignment_report_save``), never here."""
    recipient = AssignmentRecipient.objects.select_for_update().get(pk=recipient.pk)
    _require_editor(actor, recipient.unit)
    if reports_assignments_per_period():
        raise ValidationError(PER_PERIOD_REPORTS)
    recipient.status, recipient.report = status, report
    save_with_history(
        recipient, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return recipient


# --- Indicators --------------------------------------------------------------------------


@transaction.atomic
def indicator_create(*, actor: User, reason: str, tags: Iterable[Tag] = (), **fields) -> Indicator:
    access = access_for(actor)
    access.require(access.is_administrator or bool(access.editor_units()))
    reason = require_reason(reason)
    indicator = Indicator(**fields)
    save_with_history(indicator, actor=actor, reason=reason)
    _set_tags(indicator, tags, actor=actor, reason=reason)
    return indicator


def indicator_users(indicator: Indicator) -> list[Unit]:
    """The units whose goals, grunduppdrag or uppdrag the indicator measures: three queries."""
    units = [link.goal.owner for link in indicator.goal_links.select_related("goal__owner")]
    units += [
        link.basic_mission.unit
        for link in indicator.mission_links.select_related("basic_mission__unit")
    ]
    units += [
        link.assignment.given_by
        for link in indicator.assignment_links.select_related("assignment__given_by")
    ]
    return units


@transaction.atomic
def indicator_tags_set(
    *, actor: User, indicator: Indicator, tags: Iterable[Tag], reason: str
) -> Indicator:
    """Tag an indicator (the global goals it measures): an administrator, or an editor of a
    unit whose goal, grunduppdrag or uppdrag it measures."""
    access = access_for(actor)
    access.require(
        access.is_administrator
        or any(access.can_edit_for(unit) for unit in indicator_users(indicator))
    )
    _set_tags(indicator, tags, actor=actor, reason=require_reason(reason))
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


# --- Indicators on grunduppdrag and uppdrag ----------------------------------------------


def _require_year_open_for_links(year: int) -> None:
    """A closed year's indicators are what was reported: they stay as they were."""
    if ReportingPeriod.objects.filter(
        year=year, kind=PeriodKind.ANNUAL, state=PeriodState.CLOSED
    ).exists():
        raise ValidationError(
            {
                "year": _("The year %(year)s is closed: its indicators are read-only.")
                % {"year": year}
            }
        )


def _follow(link_model, holder: dict, *, actor: User, editor_of: Unit, indicator, year, reason):
    """Link ``indicator`` to the grunduppdrag or uppdrag named by ``holder`` in ``year``."""
    _require_editor(actor, editor_of)
    reason = require_reason(reason)
    _require_year_open_for_links(year)
    if link_model.objects.filter(**holder, indicator=indicator, year=year).exists():
        raise ValidationError(
            {"indicator": _("The indicator already follows it in %(year)s.") % {"year": year}}
        )
    link = link_model(**holder, indicator=indicator, year=year)
    save_with_history(link, actor=actor, reason=reason)
    return link


def _unfollow(link_model, holder: dict, *, actor: User, editor_of: Unit, indicator, year, reason):
    """Remove the link ``_follow`` made, with who and why."""
    _require_editor(actor, editor_of)
    reason = require_reason(reason)
    _require_year_open_for_links(year)
    link = link_model.objects.filter(**holder, indicator=indicator, year=year).first()
    if link is None:
        raise ValidationError(
            {"indicator": _("The indicator does not follow it in %(year)s.") % {"year": year}}
        )
    delete_with_history(link, actor=actor, reason=reason)


@transaction.atomic
def mission_indicator_link(
    *, actor: User, basic_mission: BasicMission, indicator: Indicator, year: int, reason: str
) -> MissionIndicator:
    """Let ``indicator`` follow ``basic_mission`` in ``year`` (Vadstena's established
    indicators on the grunduppdrag), by an editor of the mission's unit; the link's history
    records who and why."""
    return _follow(
        MissionIndicator, {"basic_mission": basic_mission}, actor=actor,
        editor_of=basic_mission.unit, indicator=indicator, year=year, reason=reason,
    )  # fmt: skip


@transaction.atomic
def mission_indicator_unlink(
    *, actor: User, basic_mission: BasicMission, indicator: Indicator, year: int, reason: str
) -> None:
    _unfollow(
        MissionIndicator, {"basic_mission": basic_mission}, actor=actor,
        editor_of=basic_mission.unit, indicator=indicator, year=year, reason=reason,
    )  # fmt: skip


@transaction.atomic
def assignment_indicator_link(
    *, actor: User, assignment: Assignment, indicator: Indicator, year: int, reason: str
) -> AssignmentIndicator:
    """Let ``indicator`` follow ``assignment`` in ``year``, by an editor of the body that gave
    it (or an administrator); the link's history records who and why."""
    return _follow(
        AssignmentIndicator, {"assignment": assignment}, actor=actor,
        editor_of=assignment.given_by, indicator=indicator, year=year, reason=reason,
    )  # fmt: skip


@transaction.atomic
def assignment_indicator_unlink(
    *, actor: User, assignment: Assignment, indicator: Indicator, year: int, reason: str
) -> None:
    _unfollow(
        AssignmentIndicator, {"assignment": assignment}, actor=actor,
        editor_of=assignment.given_by, indicator=indicator, year=year, reason=reason,
    )  # fmt: skip


def assignment_target_unit(assignment: Assignment) -> Unit | None:
    """The unit whose target an uppdrag's indicator has: the kommun's (None) for KF's uppdrag,
    else the giving body's."""
    given_by = assignment.given_by
    return None if given_by.kind == UnitKind.MUNICIPAL_COUNCIL else given_by


@transaction.atomic
def followed_indicator_add(
    *,
    actor: User,
    year: int,
    reason: str,
    basic_mission: BasicMission | None = None,
    assignment: Assignment | None = None,
    indicator: Indicator | None = None,
    new_indicator: dict | None = None,
    target: Decimal | None = None,
) -> MissionIndicator | AssignmentIndicator:
    """Follow a grunduppdrag or an uppdrag with an existing or a new indicator in ``year``,
    with the year's target (the mission's unit's; for an uppdrag the giving body's, or the
    kommun's for KF's)."""
    if (basic_mission is None) == (assignment is None):
        raise TypeError("followed_indicator_add() takes a basic_mission or an assignment")
    _require_editor(actor, basic_mission.unit if basic_mission else assignment.given_by)
    _require_year_open_for_links(year)
    if indicator is None:
        indicator = indicator_create(actor=actor, reason=reason, **(new_indicator or {}))
    if basic_mission is not None:
        link = mission_indicator_link(
            actor=actor, basic_mission=basic_mission, indicator=indicator, year=year, reason=reason
        )
        unit = basic_mission.unit
    else:
        link = assignment_indicator_link(
            actor=actor, assignment=assignment, indicator=indicator, year=year, reason=reason
        )
        unit = assignment_target_unit(assignment)
    if target is not None:
        indicator_target_set(
            actor=actor, indicator=indicator, year=year, value=target, unit=unit, reason=reason
        )
    return link


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
    *,
    actor: User,
    instance: SteeringModel | GoalLevel | Perspective,
    reason: str,
    expected_version: int | None = None,
) -> None:
    """Save an administrator's change to a styrmodell, one of its levels or perspectives."""
    _require_admin(actor)
    if isinstance(instance, SteeringModel) and instance.is_active:
        others = SteeringModel.objects.filter(is_active=True).exclude(pk=instance.pk)
        if others.exists():
            raise ValidationError(
                {"is_active": _("Another steering model is in use; choose it on the model page.")}
            )
    if (
        isinstance(instance, GoalLevel)
        and instance.decided_by == DecidedBy.BODY
        and not instance.model.uses_committee_goals
    ):
        raise ValidationError(
            {
                "decided_by": _(
                    "The steering model %(model)s has no committee goals; switch them on "
                    "before adding a level the committees decide."
                )
                % {"model": instance.model.name}
            }
        )
    save_with_history(
        instance, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    if isinstance(instance, Perspective):
        _rename_dimension_tag(instance)


# --- Omvärldsfaktorer -----------------------------------------------------------------------


@transaction.atomic
def external_factor_save(*, actor: User, factor: ExternalFactor, reason: str) -> ExternalFactor:
    """Record an omvärldsfaktor as KF decided it (or correct one), by an administrator."""
    _require_admin(actor)
    factor.full_clean()
    save_with_history(factor, actor=actor, reason=require_reason(reason))
    return factor


@transaction.atomic
def external_factor_withdraw(
    *,
    actor: User,
    factor: ExternalFactor,
    withdrawn_on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> ExternalFactor:
    """Record that KF withdrew an omvärldsfaktor before its horizon ended, by an
    administrator. The reason is kept with the factor and in its history. The factor stays
    in force to the end of the year it was withdrawn (what was written about it stays) and
    is not offered for new responses from the year after."""
    _require_admin(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"withdrawal_reason": _("Give the reason why the factor is withdrawn.")}
        )
    if factor.is_withdrawn:
        raise ValidationError({"withdrawn_on": _("The factor is already withdrawn.")})
    if withdrawn_on.year < factor.first_year:
        raise ValidationError(
            {"withdrawn_on": _("The factor came into force in %(year)s; withdraw it after.")
             % {"year": factor.first_year}}
        )  # fmt: skip
    factor.withdrawn_on, factor.withdrawal_reason = withdrawn_on, reason
    save_with_history(factor, actor=actor, reason=reason, expected_version=expected_version)
    return factor


def factor_response_fill(
    response: FactorResponse, *, year: int, risks: str, opportunities: str, approach: str
) -> FactorResponse:
    """Fill in a plan's or nulägesbeskrivning's response to a factor in force in ``year``."""
    factor = response.factor
    withdrawn_before = factor.withdrawn_on is not None and factor.withdrawn_on.year < year
    if not factor.first_year <= year <= factor.last_year or withdrawn_before:
        raise ValidationError(
            {"factor": _("%(factor)s is not in force in %(year)s.")
             % {"factor": factor, "year": year}}
        )  # fmt: skip
    response.risks, response.opportunities, response.approach = (
        risks.strip(), opportunities.strip(), approach.strip()
    )  # fmt: skip
    return response
