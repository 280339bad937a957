"""The goal chain, indicators, follow-up and plans of a model demo from its data module,
through the services and idempotently (the Borlänge and Alvesta demos share these).

A data module describes goals as dicts with ``key``, ``level``, ``owner`` (ansvarskod),
``parent`` (key), ``title``, ``description``, ``perspective``, ``tags`` (codes of the global
goals), ``position``, ``years``, ``decision`` ((date, §)), and per period key a status in
``statuses`` and the owner's analysis in ``texts``; a financial goal has ``figure`` (key
figure, lowest value) and gets its status computed. Indicators are dicts with ``key``,
``title``, their fields, ``tags``, ``goals`` (keys), ``targets`` {year: value} and
``values`` {period key: value}. Every function finds what is there and makes only what is
missing, as the Vimmerby loader does (apps/demo/common.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from apps.accounts.models import User
from apps.demo import common, figures
from apps.followup import services as followup_services
from apps.followup.models import Assessment
from apps.goals import services as goal_services
from apps.goals.computed import computed_statuses
from apps.goals.models import (
    Assignment,
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
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.plans import services as plan_services
from apps.plans.models import Plan
from apps.plans.selectors import REUSED_SECTIONS, reused_status_report


def active_model() -> SteeringModel:
    return SteeringModel.objects.get(is_active=True)


def global_goals(codes: Iterable[str] = ()) -> list[Tag]:
    """The Agenda 2030 tags of ``codes`` ("1".."17"), in that order."""
    ensure_tags(Tag)  # a flushed database (live-server tests) has lost the migrated tags
    tags = {t.code: t for t in Tag.objects.filter(kind="agenda2030")}
    return [tags[code] for code in codes]


def goal_lookup(model: SteeringModel) -> dict[tuple[str, str, str], Goal]:
    """The model's goals by level key, owner's ansvarskod and title (now or as created)."""
    goals = Goal.objects.filter(level__model=model)
    levels = {level.pk: level.key for level in model.levels.all()}
    owners = dict(Unit.objects.values_list("pk", "ansvarskod"))
    return {
        (levels.get(level_id), owners.get(owner_id), title): goal
        for (level_id, owner_id, title), goal in common.by_key(
            goals, ("level_id", "owner_id", "title")
        ).items()
    }


def goals_by_key(specs: Iterable[dict]) -> dict[str, Goal]:
    """The demo's goals by their key (all must exist)."""
    lookup = goal_lookup(active_model())
    return {s["key"]: lookup[(s["level"], s["owner"], s["title"])] for s in specs}


def load_goals(admin: User, specs: Iterable[dict], *, years: tuple[int, int], reason: str):
    """The goals of ``specs``, parents first, each with its tags and decision."""
    model = active_model()
    levels = {level.key: level for level in model.levels.all()}
    perspectives = {p.key: p for p in model.perspectives.all()}
    units = common.units()
    lookup = goal_lookup(model)
    by_key: dict[str, Goal] = {}
    for spec in specs:
        level, owner = levels[spec["level"]], units[spec["owner"]]
        goal = lookup.get((level.key, owner.ansvarskod, spec["title"]))
        if goal is None:
            first_year, last_year = spec.get("years", years)
            decided_on, paragraph = spec.get("decision", (None, ""))
            goal = goal_services.goal_create(
                actor=admin,
                level=level,
                owner=owner,
                title=spec["title"],
                parent=by_key[spec["parent"]] if spec.get("parent") else None,
                description=spec.get("description", ""),
                first_year=first_year,
                last_year=last_year,
                perspective=perspectives[spec["perspective"]] if spec.get("perspective") else None,
                tags=global_goals(spec.get("tags", ())),
                position=spec.get("position", owner.position),
                decided_on=decided_on,
                decision_paragraph=paragraph,
                reason=reason,
            )
        by_key[spec["key"]] = goal
    return by_key


def load_indicators(
    admin: User,
    specs: Iterable[dict],
    goal_specs: Iterable[dict],
    decisions: Iterable[tuple[int, dt.date, str]],
    *,
    reason: str,
) -> dict[str, Indicator]:
    """Indicators with their tags and kommun-wide targets, linked to their goals in each
    decided year, and KF's decision of each year's set."""
    specs = list(specs)
    existing = common.by_field(Indicator.objects.all(), "title")
    indicators: dict[str, Indicator] = {}
    for spec in specs:
        indicator = existing.get(spec["title"])
        if indicator is None:
            indicator = goal_services.indicator_create(
                actor=admin,
                reason=reason,
                title=spec["title"],
                description=spec.get("description", ""),
                measure_unit=spec["measure_unit"],
                direction=spec["direction"],
                source=spec.get("source", ""),
                decimals=spec.get("decimals", 1),
                tags=global_goals(spec.get("tags", ())),
            )
        indicators[spec["key"]] = indicator
    targets = set(IndicatorTarget.objects.filter(unit=None).values_list("indicator_id", "year"))
    for spec in specs:
        indicator = indicators[spec["key"]]
        for year, raw in spec.get("targets", {}).items():
            if (indicator.pk, year) not in targets:
                goal_services.indicator_target_set(
                    actor=admin, indicator=indicator, year=year, value=Decimal(raw), reason=reason
                )
    goals = goals_by_key(goal_specs)
    links = set(GoalIndicator.objects.values_list("goal_id", "indicator_id", "year"))
    decided = set(IndicatorSetDecision.objects.values_list("year", flat=True))
    for year, decided_on, paragraph in decisions:
        for spec in specs:
            indicator = indicators[spec["key"]]
            for goal_key in spec.get("goals", ()):
                goal = goals[goal_key]
                if goal.is_valid_in(year) and (goal.pk, indicator.pk, year) not in links:
                    goal_services.indicator_link(
                        actor=admin, goal=goal, indicator=indicator, year=year, reason=reason
                    )
                    links.add((goal.pk, indicator.pk, year))
        if year not in decided:
            goal_services.indicator_set_decide(
                actor=admin, year=year, decided_on=decided_on, paragraph=paragraph, reason=reason
            )
    return indicators


def write_values(
    admin: User, period: ReportingPeriod, key: str, specs: Iterable[dict], *, reason: str
) -> None:
    """The kommun-wide indicator values of period ``key``; one that restates a key figure
    takes the economy's value."""
    by_title = common.by_field(Indicator.objects.all(), "title")
    have = set(
        IndicatorValue.objects.filter(period=period, unit=None).values_list(
            "indicator_id", flat=True
        )
    )
    for spec in specs:
        raw = spec.get("values", {}).get(key)
        indicator = by_title[spec["title"]]
        if raw is None or indicator.pk in have:
            continue
        computed = figures.indicator_value(spec, period, key)
        goal_services.indicator_value_set(
            actor=admin,
            indicator=indicator,
            period=period,
            total=computed if computed is not None else Decimal(raw),
            reason=reason,
        )


def write_assessments(
    admin: User, period: ReportingPeriod, key: str, specs: Iterable[dict], *, reason: str
) -> None:
    """Each owner's assessment of its goals in period ``key``; a goal whose status is computed
    from a key figure takes the analysis only."""
    specs = [s for s in specs if key in s.get("texts", {})]
    goals = goals_by_key(specs)
    done = set(Assessment.objects.filter(period=period).values_list("goal_id", "unit_id"))
    computed = computed_statuses([g.pk for g in goals.values()], period)
    for spec in specs:
        goal = goals[spec["key"]]
        if (goal.pk, goal.owner_id) in done or not goal.is_valid_in(period.year):
            continue
        status = spec.get("statuses", {}).get(key, "")
        extra: dict[str, str] = {}
        if "figure" in spec:
            status, extra = figures.financial_goal(spec, period, status or "met")
        if goal.pk in computed:
            status = ""
        followup_services.assessment_save(
            actor=admin,
            goal=goal,
            period=period,
            unit=goal.owner,
            status=status,
            analysis=spec["texts"][key].format_map(extra) if extra else spec["texts"][key],
            reason=reason,
        )


def load_plan(
    admin: User,
    unit: Unit,
    year: int,
    *,
    sections: dict[str, str],
    activities: Iterable[tuple],
    goals: dict[str, Goal],
    decided: tuple[dt.date, str] | None,
    reason: str,
) -> Plan:
    """``unit``'s plan for ``year`` with its sections and activities, submitted and decided
    (by whoever decides it in the model: ``plan_decide`` knows) when ``decided`` is given.
    An activity is (title, responsible, start, end, status, goal key[, global goal codes]).
    Where the plan reads its body's nulägesbeskrivning (a model with status reports), the
    plan does not write those parts again. A plan that is there is left as it is."""
    plan = Plan.objects.filter(unit=unit, year=year).first()
    if plan is not None:
        return plan
    plan = plan_services.plan_create(actor=admin, unit=unit, year=year, reason=reason)
    skip = set(REUSED_SECTIONS) if reused_status_report(plan, active_model()) else set()
    for section in plan.sections.select_related("template"):
        text = sections.get(section.template.key, "")
        if text and section.template.key not in skip:
            plan_services.plan_section_update(
                actor=admin, section=section, body=text.format(unit=unit.name), reason=reason
            )
    for title, responsible, start, end, status, goal_key, *rest in activities:
        tags = global_goals(rest[0]) if rest else []
        extra = {"tags": tags} if tags else {}
        plan_services.activity_save(
            actor=admin,
            plan=plan,
            reason=reason,
            title=title,
            responsible=responsible,
            starts_on=dt.date.fromisoformat(start),
            ends_on=dt.date.fromisoformat(end),
            status=status,
            goal=goals[goal_key],
            **extra,
        )
    if decided is not None:
        decided_on, paragraph = decided
        plan_services.plan_submit(actor=admin, plan=plan, reason=reason)
        plan = plan_services.plan_decide(
            actor=admin, plan=plan, decided_on=decided_on, paragraph=paragraph, reason=reason
        )
    return plan


def decide_foundations(
    admin: User, *, decided_on: dt.date, paragraph: str, first_year: int, reason: str
) -> None:
    """KF's decision of the model's foundation elements (värdegrund, ledord, ledarfilosofi,
    principles) the preset brought without one. An element that has ever had a decision (the
    demo's, or a user's since changed) is left as it is."""
    kf = Unit.objects.get(kind="kf", valid_to=None)
    model = active_model()
    for element in model.foundations.filter(decided_on=None):
        if element.history.filter(decided_on__isnull=False).exists():
            continue
        goal_services.foundation_element_save(
            actor=admin,
            model=model,
            element=element,
            kind=element.kind,
            title=element.title,
            text=element.text,
            first_year=first_year,
            last_year=element.last_year,
            decided_by=kf,
            decided_on=decided_on,
            paragraph=paragraph,
            position=element.position,
            expected_version=element.version,
            reason=reason,
        )


def load_assignments(
    admin: User,
    specs: Iterable[dict],
    goal_specs: Iterable[dict],
    decision: tuple[dt.date, str],
    *,
    reason: str,
) -> None:
    """KF's uppdrag (title, description, goal key, years, recipients, global goals in
    ``tags``) and each receiver's report so far (``reports``: {ansvarskod: (status, report)})."""
    units = common.units()
    goals = goals_by_key(goal_specs)
    kf = Unit.objects.get(kind="kf", valid_to=None)
    decided_on, paragraph = decision
    existing = common.by_field(Assignment.objects.filter(given_by=kf), "title")
    for spec in specs:
        assignment = existing.get(spec["title"])
        if assignment is None:
            first_year, last_year = spec["years"]
            assignment = goal_services.assignment_create(
                actor=admin,
                given_by=kf,
                title=spec["title"],
                description=spec.get("description", ""),
                goal=goals[spec["goal"]] if spec.get("goal") else None,
                first_year=first_year,
                last_year=last_year,
                recipients=[units[code] for code in spec["recipients"]],
                decided_on=decided_on,
                paragraph=paragraph,
                tags=global_goals(spec.get("tags", ())),
                reason=reason,
            )
        rows = {r.unit.ansvarskod: r for r in assignment.recipient_rows.select_related("unit")}
        for code, (status, report) in spec.get("reports", {}).items():
            row = rows.get(code)
            # A report a user wrote (or a receiver a user removed) is theirs.
            if row is None or row.report or row.history.exclude(history_type="+").exists():
                continue
            goal_services.assignment_report(
                actor=admin, recipient=row, status=status, report=report, reason=reason
            )
