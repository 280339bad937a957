"""Loads Exempelkommun through the same services as the pages, idempotently.

Each ``load_*`` function looks for what the demo data describes and makes only what is
missing: a row that is there is left as it is, whatever a user has changed in it since
(apps/demo/common.py finds a renamed row again by the values it was created with). So
running the loader twice leaves the database (and its history) unchanged, a user's change
survives every run, and a deleted row comes back. Later parts of the product add their own
``load_*`` step to ``load_demo``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts import services as account_services
from apps.accounts.models import RoleAssignment, User
from apps.demo import common, data, figures, goals_data, plans_data
from apps.demo.control_demo import control_for_period, load_control_plans
from apps.demo.economy_loader import load_budget, load_period_economy
from apps.followup import selectors as followup_selectors
from apps.followup import services as followup_services
from apps.followup.models import ActionPlan, Assessment, UnitCompletion
from apps.goals import services as goal_services
from apps.goals.computed import computed_statuses
from apps.goals.models import (
    Assignment,
    BasicMission,
    ExternalFactor,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorSetDecision,
    IndicatorTarget,
    IndicatorValue,
    SteeringModel,
    Tag,
)
from apps.goals.tags import ensure_tags
from apps.organisation import services as organisation_services
from apps.organisation.models import Municipality, Unit
from apps.periods import services as period_services
from apps.periods.models import PeriodState, ReportingPeriod
from apps.plans import services as plan_services
from apps.plans.models import Plan
from apps.trust import services as trust_services
from apps.trust.models import StatusReport, TrustDialogue

LOGO = Path(__file__).resolve().parent / "assets" / "exempelkommun-logo.png"


def load_users() -> User:
    """The demo users with their roles; returns the administrator, who acts for the rest."""
    users = {}
    for username, first_name, last_name, _role, _unit, _title in data.USERS:
        user = User.objects.filter(username=username).first()
        if user is None:  # a user who is there keeps the password they chose
            user = account_services.user_create(
                actor=None,
                username=username,
                password=data.DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@exempelkommun.se",
                reason=data.REASON,
            )
        users[username] = user
    admin = users["admin"]
    if not RoleAssignment.objects.filter(user=admin, role="administrator", unit=None).exists():
        account_services.role_assign(
            actor=None, user=admin, role="administrator", unit=None, reason=data.REASON
        )
    return admin


def assign_demo_roles(admin: User) -> None:
    for username, _first, _last, role, ansvarskod, _title in data.USERS:
        unit = Unit.objects.get(ansvarskod=ansvarskod, valid_to=None) if ansvarskod else None
        user = User.objects.get(username=username)
        if not RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
            account_services.role_assign(
                actor=admin, user=user, role=role, unit=unit, reason=data.REASON
            )


def load_municipality(admin: User) -> Municipality:
    """The kommun with its name, code and logo, unless it is there (then it is as the
    administrator left it)."""
    current = Municipality.objects.filter(pk=1).first()
    if current is not None:
        return current
    wanted = data.MUNICIPALITY
    with LOGO.open("rb") as handle:
        return organisation_services.municipality_update(
            actor=admin, reason=data.REASON, logo=File(handle, name=LOGO.name), **wanted
        )


def load_organisation(admin: User) -> None:
    def visit(spec: tuple, parent: Unit | None) -> None:
        ansvarskod, kind, name, short_name, extra, children = spec
        fields = {
            "kind": kind,
            "name": name,
            "short_name": short_name,
            "valid_from": extra.get("valid_from", data.DEFAULT_VALID_FROM),
            "valid_to": extra.get("valid_to"),
            "position": extra.get("position", 100),
            "description": extra.get("description", ""),
        }
        unit = common.find(Unit, ansvarskod=ansvarskod, valid_from=fields["valid_from"])
        if unit is None:
            unit = organisation_services.unit_create(
                actor=admin, parent=parent, ansvarskod=ansvarskod, reason=data.REASON, **fields
            )
        for child in children:
            visit(child, unit)

    visit(data.ORGANISATION, None)


# --- The goal chain, indicators and follow-up (goals_data) ---------------------------------


def _model() -> SteeringModel:
    return SteeringModel.objects.get(key=goals_data.PRESET)


def _goal_lookup(model: SteeringModel) -> dict[tuple[str, str, str], Goal]:
    """The model's goals by their natural key: level key, owner's ansvarskod, title (the
    title they have now or were created with: a goal a user renamed is still the demo's)."""
    goals = Goal.objects.filter(level__model=model).select_related("level", "owner", "perspective")
    levels = {level.pk: level.key for level in model.levels.all()}
    owners = dict(Unit.objects.values_list("pk", "ansvarskod"))
    return {
        (levels.get(level_id), owners.get(owner_id), title): goal
        for (level_id, owner_id, title), goal in common.by_key(
            goals, ("level_id", "owner_id", "title")
        ).items()
    }


def _goals_by_key() -> dict[str, Goal]:
    """The demo's goals by their key in goals_data (all must exist: load_goals ran)."""
    lookup = _goal_lookup(_model())
    return {
        spec["key"]: lookup[(spec["level"], spec["owner"], spec["title"])]
        for spec in goals_data.GOALS
    }


def _indicators_by_key() -> dict[str, Indicator]:
    by_title = common.by_field(Indicator.objects.all(), "title")
    return {spec["key"]: by_title[spec["title"]] for spec in goals_data.INDICATORS}


def load_steering_model(admin: User) -> None:
    """Exempelkommun's styrmodell, in use: the structure of the preset it follows (levels,
    perspectives), with the kommun's own name, description and värdeord instead of those
    of the kommun the preset comes from. A model that is there is left as it is."""
    if SteeringModel.objects.filter(key=goals_data.PRESET).exists():
        return
    model = goal_services.steering_model_load_preset(
        actor=admin, key=goals_data.PRESET, activate=True
    )
    for name, value in goals_data.STEERING_MODEL.items():
        setattr(model, name, value)
    goal_services.configuration_save(actor=admin, instance=model, reason=data.REASON)
    # The preset's värdegrund is Vimmerby's words: Exempelkommun's are its own värdeord.
    for element in model.foundations.filter(kind="vardegrund"):
        goal_services.foundation_element_save(
            actor=admin,
            model=model,
            element=element,
            kind=element.kind,
            title=model.values.capitalize(),
            text=f"Värdeorden {model.values} ska genomsyra förhållningssättet hos alla som "
            "verkar inom den kommunala organisationen.",
            reason=data.REASON,
        )


def load_goals(admin: User) -> None:
    """Vision, KF's goals, nämndmål and verksamhetsmål, parents before children."""
    model = _model()
    levels = {level.key: level for level in model.levels.all()}
    perspectives = {p.key: p for p in model.perspectives.all()}
    ensure_tags(Tag)  # a flushed database (live-server tests) has lost the migrated tags
    tags = {
        tag.code: tag for tag in Tag.objects.filter(kind__in=["agenda2030", "barnkonventionen"])
    }
    units = common.units()
    lookup = _goal_lookup(model)

    by_key: dict[str, Goal] = {}
    for spec in goals_data.GOALS:
        level = levels[spec["level"]]
        owner = units[spec["owner"]]
        parent = by_key[spec["parent"]] if spec.get("parent") else None
        first_year, last_year = spec["years"]
        wanted_tags = [tags[code] for code in spec.get("tags", ())]
        fields = {
            "description": spec.get("description", ""),
            "first_year": first_year,
            "last_year": last_year,
            "perspective": perspectives[spec["perspective"]] if spec.get("perspective") else None,
            # By default the owner's position: the nämnder line up alike under every KF goal.
            "position": spec.get("position", owner.position),
        }
        goal = lookup.get((level.key, owner.ansvarskod, spec["title"]))
        if goal is None:
            goal = goal_services.goal_create(
                actor=admin,
                level=level,
                owner=owner,
                title=spec["title"],
                parent=parent,
                tags=wanted_tags,
                reason=data.REASON,
                **fields,
            )
        by_key[spec["key"]] = goal


def load_basic_missions(admin: User) -> None:
    units = common.units()
    for ansvarskod, first_year, source, text in goals_data.BASIC_MISSIONS:
        unit = units[ansvarskod]
        if BasicMission.objects.filter(unit=unit, first_year=first_year).exists():
            continue
        goal_services.basic_mission_save(
            actor=admin,
            unit=unit,
            first_year=first_year,
            mission=None,
            reason=data.REASON,
            text=text,
            source=source,
            last_year=None,
        )


def load_assignments(admin: User) -> None:
    """KF's uppdrag with the budget, each receiver's report, and later decisions.

    An uppdrag that is there is left as it is; a receiver who has not reported gets the
    demo's report, and the decisions the uppdrag lacks are added.
    """
    units = common.units()
    goals = _goals_by_key()
    kf = units[goals_data.KF]
    decided_on, paragraph = goals_data.BUDGET_DECISION
    existing = common.by_key(Assignment.objects.filter(given_by=kf), ("title",))
    for spec in goals_data.ASSIGNMENTS:
        assignment = existing.get((spec["title"],))
        if assignment is None:
            first_year, last_year = spec["years"]
            resources = spec.get("resources")
            assignment = goal_services.assignment_create(
                actor=admin,
                given_by=kf,
                title=spec["title"],
                description=spec.get("description", ""),
                goal=goals[spec["goal"]] if spec.get("goal") else None,
                first_year=first_year,
                last_year=last_year,
                recipients=[units[code] for code in spec["recipients"]],
                resources=Decimal(resources) if resources is not None else None,
                deadline=spec.get("deadline"),
                decided_on=decided_on,
                paragraph=paragraph,
                reason=data.REASON,
            )
        rows = {
            row.unit.ansvarskod: row for row in assignment.recipient_rows.select_related("unit")
        }
        for ansvarskod, (status, report) in spec.get("reports", {}).items():
            row = rows.get(ansvarskod)
            # A report a user wrote (or a receiver a user removed) is theirs.
            reported = row is None or row.report or row.history.exclude(history_type="+").exists()
            if not reported:
                goal_services.assignment_report(
                    actor=admin, recipient=row, status=status, report=report, reason=data.REASON
                )
        for state, (decision_date, decision_paragraph), note, last_year in spec.get(
            "decisions", ()
        ):
            if assignment.decisions.filter(state=state, decided_on=decision_date).exists():
                continue
            goal_services.assignment_decide(
                actor=admin,
                assignment=assignment,
                state=state,
                decided_on=decision_date,
                paragraph=decision_paragraph,
                note=note,
                last_year=last_year,
                reason=data.REASON,
            )
            assignment.refresh_from_db()


def load_indicators(admin: User) -> None:
    """Indicators, their kommun-wide targets, the links to goals per year, KF's decision of
    each year's set, and the recorded changes after it.

    An existing indicator is left as it is: there is no service to change one.
    """
    existing = common.by_field(Indicator.objects.all(), "title")
    indicators: dict[str, Indicator] = {}
    for spec in goals_data.INDICATORS:
        indicator = existing.get(spec["title"])
        if indicator is None:
            indicator = goal_services.indicator_create(
                actor=admin,
                reason=data.REASON,
                title=spec["title"],
                description=spec.get("description", ""),
                measure_unit=spec["measure_unit"],
                direction=spec["direction"],
                kolada_kpi=spec.get("kolada_kpi", ""),
                source=spec.get("source", ""),
                by_sex=spec.get("by_sex", False),
                decimals=spec.get("decimals", 1),
            )
        indicators[spec["key"]] = indicator

    targets = set(IndicatorTarget.objects.filter(unit=None).values_list("indicator_id", "year"))
    for spec in goals_data.INDICATORS:
        indicator = indicators[spec["key"]]
        for year, raw in spec.get("targets", {}).items():
            value = Decimal(raw)
            if (indicator.pk, year) not in targets:
                goal_services.indicator_target_set(
                    actor=admin, indicator=indicator, year=year, value=value, reason=data.REASON
                )

    goals = _goals_by_key()
    links = set(GoalIndicator.objects.values_list("goal_id", "indicator_id", "year"))
    decisions = set(IndicatorSetDecision.objects.values_list("year", flat=True))
    for year, decided_on, paragraph in goals_data.INDICATOR_SET_DECISIONS:
        # The set first, then KF's decision of it: links made after it are recorded changes.
        for spec in goals_data.INDICATORS:
            indicator = indicators[spec["key"]]
            for goal_key in spec.get("goals", ()):
                goal = goals[goal_key]
                if goal.is_valid_in(year) and (goal.pk, indicator.pk, year) not in links:
                    goal_services.indicator_link(
                        actor=admin, goal=goal, indicator=indicator, year=year, reason=data.REASON
                    )
                    links.add((goal.pk, indicator.pk, year))
        if year not in decisions:
            goal_services.indicator_set_decide(
                actor=admin,
                year=year,
                decided_on=decided_on,
                paragraph=paragraph,
                reason=data.REASON,
            )
    for indicator_key, goal_key, year, reason in goals_data.INDICATOR_SET_CHANGES:
        goal, indicator = goals[goal_key], indicators[indicator_key]
        if (goal.pk, indicator.pk, year) not in links:
            goal_services.indicator_link(
                actor=admin, goal=goal, indicator=indicator, year=year, reason=reason
            )
            links.add((goal.pk, indicator.pk, year))


def _value_fields(spec: dict, period_key: str) -> dict | None:
    raw = spec.get("values", {}).get(period_key)
    if raw is None:
        return None
    if isinstance(raw, tuple):
        total, women, men = (Decimal(part) for part in raw)
    else:
        total, women, men = Decimal(raw), None, None
    comment = spec.get("comments", {}).get(period_key, "")
    return {"total": total, "women": women, "men": men, "comment": comment}


def _write_period(admin: User, period: ReportingPeriod, period_key: str) -> None:
    """Kommun-wide indicator values and the owners' assessments for one open period."""
    indicators = _indicators_by_key()
    values = set(
        IndicatorValue.objects.filter(period=period, unit=None).values_list(
            "indicator_id", flat=True
        )
    )
    for spec in goals_data.INDICATORS:
        wanted = _value_fields(spec, period_key)
        if wanted is None:
            continue
        indicator = indicators[spec["key"]]
        if indicator.pk in values:
            continue
        computed = figures.indicator_value(spec, period, period_key)
        if computed is not None:  # the economy has the figure: the value is the economy's
            wanted["total"] = computed
        goal_services.indicator_value_set(
            actor=admin, indicator=indicator, period=period, reason=data.REASON, **wanted
        )

    goals = _goals_by_key()
    assessments = set(Assessment.objects.filter(period=period).values_list("goal_id", "unit_id"))
    for spec in goals_data.GOALS:
        if period_key not in spec.get("assessments", {}):
            continue
        status, analysis = spec["assessments"][period_key]
        extra: dict[str, str] = {}
        if "figure" in spec:  # a financial goal: the figure and status from the economy
            status, extra = figures.financial_goal(spec, period, status)
        analysis = figures.fill(analysis, period_key, extra)
        goal = goals[spec["key"]]
        if not goal.is_valid_in(period.year):
            raise ValueError(f"{spec['key']} is not valid in {period}")
        if (goal.pk, goal.owner_id) in assessments:
            continue
        if computed_statuses([goal.pk], period):
            status = ""  # linked to a key figure: computed, never typed (a comment is kept)
        followup_services.assessment_save(
            actor=admin,
            goal=goal,
            period=period,
            unit=goal.owner,
            status=status,
            analysis=analysis,
            reason=data.REASON,
        )


# In the open period about half of the units have marked their follow-up as done.
DONE_IN_OPEN_PERIOD = {"1000", "2000", "4000", "7000", "2100"}


CONTRIBUTION_TEXT = {
    "met": "Nämndens insatser under perioden har bidragit till att målet nås.",
    "partly": "Nämnden bidrar till målet, men effekten syns ännu bara delvis i indikatorerna.",
    "not_met": "Nämndens bidrag räcker inte än; åtgärder har beslutats och följs upp nästa period.",
}
COMPUTED_CONTRIBUTION_TEXT = (
    "Målet följs upp med nyckeltalet; nämnden bidrar genom att hålla sin budgetram."
)


def _mark_done(admin: User, period: ReportingPeriod, *, everyone: bool) -> None:
    """Units that are done have assessed everything they report, including their
    contribution to the KF goals above their own (the roll-up on a KF goal's page).

    A unit marked once is left alone: if a user has taken its "klar" back, it stays so."""
    marked_once = set(
        UnitCompletion.history.filter(period_id=period.pk).values_list("unit_id", flat=True)
    )
    for unit, _goals, _assessed in followup_selectors.reporting_units(period):
        if not (everyone or unit.ansvarskod in DONE_IN_OPEN_PERIOD):
            continue
        if unit.pk in marked_once:
            continue
        followup = followup_selectors.unit_followup(unit=unit, period=period)
        owners = {
            a.goal_id: a.status
            for a in Assessment.objects.filter(
                period=period, goal__in=[e.goal for e in followup.goals]
            )
            if a.unit_id == a.goal.owner_id
        }
        computed = computed_statuses([entry.goal.pk for entry in followup.goals], period)
        for entry in followup.goals:
            if entry.assessment is None:
                status = owners.get(entry.goal.pk, "partly")
                if status == "not_assessed":
                    status = "partly"
                analysis = CONTRIBUTION_TEXT.get(status, "")
                if entry.goal.pk in computed:  # a key figure's goal: a comment, no status
                    status, analysis = "", COMPUTED_CONTRIBUTION_TEXT
                followup_services.assessment_save(
                    actor=admin,
                    goal=entry.goal,
                    period=period,
                    unit=unit,
                    status=status,
                    analysis=analysis,
                    reason=data.REASON,
                )
        followup_services.completion_mark(actor=admin, unit=unit, period=period, reason=data.REASON)


DEMO_PERIOD_REASONS = {
    data.REASON,
    goals_data.PERIOD_OPENED,
    goals_data.PERIOD_CLOSED,
    goals_data.DEADLINE_MOVED,
}


def _keep_open_for_editors(admin: User, period: ReportingPeriod) -> None:
    """The demo's open period has a deadline in its own calendar; when the demo is loaded
    after it, move it some weeks ahead so that the demo's editors can still report. A
    deadline a user has set is theirs."""
    today = timezone.localdate()
    last = period.history.first()
    set_by_demo = last is not None and last.history_change_reason in DEMO_PERIOD_REASONS
    if period.deadline < today and set_by_demo:
        period_services.period_set_deadline(
            actor=admin,
            period=period,
            deadline=today + dt.timedelta(weeks=3),
            reason=goals_data.DEADLINE_MOVED,
        )


def load_followup(admin: User) -> None:
    """The reporting periods with their values and assessments, in the order of a real year:
    each period is opened, written and (if it is over) closed before the next one.

    A period that is closed already is left alone: the demo never reopens one. The demo
    opens and closes only periods it finds planned; one a user opened or reopened stays open
    (what is missing in it is added).
    """
    for key, year, kind, name, starts_on, ends_on, deadline, final_state in goals_data.PERIODS:
        period = common.find(ReportingPeriod, year=year, kind=kind)
        if period is None:
            period = period_services.period_create(
                actor=admin,
                year=year,
                kind=kind,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
                deadline=deadline,
                reason=data.REASON,
            )
        if period.state == PeriodState.CLOSED or final_state == PeriodState.PLANNED:
            continue
        opened_now = period.state == PeriodState.PLANNED
        if opened_now:
            period = period_services.period_set_state(
                actor=admin, period=period, state=PeriodState.OPEN, reason=goals_data.PERIOD_OPENED
            )
        # Outcomes and forecasts first: the texts of the assessments state their figures.
        load_period_economy(admin, period, key)
        _write_period(admin, period, key)
        control_for_period(admin, period, key)  # intern kontroll's results, while open
        for step in PERIOD_STEPS:  # the parts of the reports written while the period is open
            step(admin, period, key)
        _mark_done(admin, period, everyone=final_state == PeriodState.CLOSED)
        if final_state == PeriodState.OPEN:
            _keep_open_for_editors(admin, period)
        if final_state == PeriodState.CLOSED and opened_now:
            period_services.period_set_state(
                actor=admin,
                period=period,
                state=PeriodState.CLOSED,
                reason=goals_data.PERIOD_CLOSED,
            )


# What the demo writes into each period while it is open, after its outcome and follow-up:
# step(admin, period, period key from goals_data.PERIODS). Filled at the end of this module.
PERIOD_STEPS: list[Callable[[User, ReportingPeriod, str], None]] = []

# The steps in order; later issues append theirs (goals, plans, budget, follow-up, reports).
STEPS: list[tuple[str, Callable[[User], object]]] = [
    ("kommunen", load_municipality),
    ("organisationen", load_organisation),
    ("roller", assign_demo_roles),
    ("styrmodellen", load_steering_model),
    ("målkedjan", load_goals),
    ("grunduppdragen", load_basic_missions),
    ("uppdragen", load_assignments),
    ("indikatorerna", load_indicators),
    ("budgeten", load_budget),
    ("perioderna och uppföljningen", load_followup),
]


@transaction.atomic
def load_demo(*, log: Callable[[str], None] = lambda message: None) -> None:
    admin = load_users()
    for label, step in STEPS:
        log(f"Laddar {label} …")
        step(admin)


def load_external_factors(admin: User) -> None:
    """KF's omvärldsfaktorer for the term of office; the nämnder relate to them in their plans
    and nulägesbeskrivningar (see load_plans and load_trust)."""
    decided_on, paragraph, first_year, last_year = plans_data.FACTORS_DECIDED
    for position, (title, description) in enumerate(plans_data.EXTERNAL_FACTORS, start=1):
        if common.find(ExternalFactor, title=title, first_year=first_year) is not None:
            continue
        goal_services.external_factor_save(
            actor=admin,
            factor=ExternalFactor(
                title=title, description=description, first_year=first_year,
                last_year=last_year, decided_on=dt.date.fromisoformat(decided_on),
                paragraph=paragraph, position=position,
            ),
            reason=data.REASON,
        )  # fmt: skip


def _factor_responses(unit: Unit, where: str) -> list[tuple[ExternalFactor, dict]]:
    """The demo's responses of ``unit`` in its "plan" or "report", with their factors."""
    responses = plans_data.FACTOR_RESPONSES.get((unit.ansvarskod, where), {})
    factors = common.by_field(ExternalFactor.objects.all(), "title")
    return [
        (factors[title], {"risks": risks, "opportunities": opportunities, "approach": approach})
        for title, (risks, opportunities, approach) in responses.items()
    ]


def load_plans(admin: User) -> None:
    """The 2026 plans: decided ones for the bodies, a draft at a förvaltning."""
    units = common.units()
    own_goals: dict[int, list[Goal]] = {}
    for goal in Goal.objects.filter(
        first_year__lte=plans_data.YEAR, level__is_measurable=True
    ).order_by("lft"):
        own_goals.setdefault(goal.owner_id, []).append(goal)

    def fill(plan: Plan, activities: list) -> None:
        for section in plan.sections.select_related("template"):
            text = plans_data.SECTIONS.get(section.template.key, "")
            plan_services.plan_section_update(
                actor=admin,
                section=section,
                body=text.format(unit=plan.unit.name),
                reason=plans_data.REASON,
            )
        plan_services.plan_swot_update(
            actor=admin, plan=plan, reason=plans_data.REASON, **plans_data.SWOT
        )
        for factor, texts in _factor_responses(plan.unit, "plan"):
            plan_services.plan_factor_response_save(
                actor=admin, plan=plan, factor=factor, reason=plans_data.REASON, **texts
            )
        goals = own_goals.get(plan.unit_id) or own_goals.get(plan.unit.parent_id) or []
        for index, (title, responsible, start, end, status) in enumerate(activities):
            plan_services.activity_save(
                actor=admin,
                plan=plan,
                reason=plans_data.REASON,
                title=title,
                responsible=responsible,
                starts_on=dt.date.fromisoformat(start),
                ends_on=dt.date.fromisoformat(end),
                status=status,
                goal=goals[index % len(goals)] if goals else None,
            )

    for code, (decided_on, paragraph, activities) in plans_data.DECIDED.items():
        if Plan.objects.filter(unit=units[code], year=plans_data.YEAR).exists():
            continue
        plan = plan_services.plan_create(
            actor=admin, unit=units[code], year=plans_data.YEAR, reason=plans_data.REASON
        )
        fill(plan, activities)
        plan_services.plan_submit(actor=admin, plan=plan, reason=plans_data.REASON)
        plan_services.plan_decide(
            actor=admin,
            plan=plan,
            decided_on=decided_on,
            paragraph=paragraph,
            reason=plans_data.REASON,
        )
    for code, activities in plans_data.DRAFT.items():
        if Plan.objects.filter(unit=units[code], year=plans_data.YEAR).exists():
            continue
        plan = plan_services.plan_create(
            actor=admin, unit=units[code], year=plans_data.YEAR, reason=plans_data.REASON
        )
        fill(plan, activities)


STEPS.append(("omvärldsfaktorerna", load_external_factors))
STEPS.append(("planerna", load_plans))


def load_action_plans(admin: User) -> None:
    """Åtgärdsplaner for the goals reported ej uppfyllt in the open tertial, with measures,
    the nämnd's decision and a first follow-up."""
    period = ReportingPeriod.objects.filter(
        year=2026, name="Tertial 2", state=PeriodState.OPEN
    ).first()
    if period is None:
        return
    not_met = Assessment.objects.filter(
        period=period, status="not_met", goal__owner_id=F("unit_id")
    ).select_related("goal", "unit")
    for assessment in not_met.order_by("goal__lft")[:3]:
        if ActionPlan.objects.filter(
            unit=assessment.unit, period=period, goal=assessment.goal
        ).exists():
            continue
        plan = followup_services.action_plan_create(
            actor=admin,
            unit=assessment.unit,
            period=period,
            goal=assessment.goal,
            cause="goal_not_met",
            description=assessment.analysis,
            reason=data.REASON,
        )
        for what, who, due in plans_data.ACTION_PLAN_MEASURES:
            measure = followup_services.measure_add(
                actor=admin,
                action_plan=plan,
                what=what,
                who=who,
                due_on=dt.date.fromisoformat(due),
                reason=data.REASON,
            )
            followup_services.measure_follow_up(
                actor=admin,
                measure=measure,
                period=period,
                status="started",
                comment="Arbetet har kommit igång.",
                reason=data.REASON,
            )
        followup_services.action_plan_decide(
            actor=admin,
            action_plan=plan,
            decided_on=dt.date(2026, 10, 21),
            paragraph="§ 92",
            reason=data.REASON,
        )


def load_trust(admin: User) -> None:
    """A few tillitsdialoger and nulägesbeskrivningar for 2026."""
    units = common.units()
    for kind, held_on, codes, participants, topics, conclusions, follow_ups in plans_data.DIALOGUES:
        day = dt.date.fromisoformat(held_on)
        if TrustDialogue.objects.filter(kind=kind, held_on=day).exists():
            continue
        trust_services.dialogue_record(
            actor=admin,
            kind=kind,
            held_on=day,
            units=[units[c] for c in codes],
            participants=participants,
            topics=topics,
            conclusions=conclusions,
            follow_ups=follow_ups,
            reason=data.REASON,
        )
    for code, (
        operations,
        environment,
        current_state,
        proposed,
    ) in plans_data.STATUS_REPORTS.items():
        if StatusReport.objects.filter(unit=units[code], year=2026).exists():
            continue
        trust_services.status_report_save(
            actor=admin,
            unit=units[code],
            year=2026,
            operations=operations,
            environment=environment,
            current_state=current_state,
            proposed_goals=proposed,
            reason=data.REASON,
        )
        for factor, texts in _factor_responses(units[code], "report"):
            trust_services.status_report_factor_response_save(
                actor=admin, unit=units[code], year=2026, factor=factor, reason=data.REASON,
                **texts,
            )  # fmt: skip


STEPS.append(("åtgärdsplanerna", load_action_plans))
STEPS.append(("tillitsdialogerna", load_trust))

# Issue 6: the register of styrdokument and the avvikelser (apps/demo/documents_demo.py).
from apps.demo.documents_demo import load_documents  # noqa: E402

STEPS.append(("styrdokumenten och avvikelserna", load_documents))

# Issue 6: intern kontroll (apps/demo/control_demo.py); its results come with load_followup.
STEPS.append(("internkontrollen", load_control_plans))

# Issue 13: the financial goals are linked to their key figures before the periods are
# written, so that their status is computed and the assessments take a comment only.
from apps.demo.financial_goals_demo import load_financial_goal_links  # noqa: E402

STEPS.insert(
    STEPS.index(("perioderna och uppföljningen", load_followup)),
    ("de finansiella målens nyckeltal", load_financial_goal_links),
)

# Issue 15: what the reports a revisor signs need. The year-level data (the bolag, earlier
# years, the rule for god ekonomisk hushållning, notes) before the periods; each period's
# figures and texts while it is open.
from apps.demo import (  # noqa: E402
    body_reports_demo,
    consolidation_demo,
    finance_demo,
    notes_demo,
    personnel_demo,
    report_texts_demo,
)

for _label, _step in (
    ("koncernens bolag", consolidation_demo.load),
    ("tidigare års siffror och regeln för god ekonomisk hushållning", finance_demo.load),
    ("noterna och redovisningsprinciperna", notes_demo.load),
    ("rapporternas inställningar", report_texts_demo.load),
):
    STEPS.insert(STEPS.index(("perioderna och uppföljningen", load_followup)), (_label, _step))
PERIOD_STEPS += [
    consolidation_demo.for_period,
    finance_demo.for_period,
    notes_demo.for_period,
    personnel_demo.for_period,
    report_texts_demo.for_period,
    body_reports_demo.for_period,
]
