"""Exempelkommun following Vadstena's styrmodell (seed 002): verksamhetsfokuserad styrning
och ledning.

No vision and no nämndmål: KF's politiska inriktningar per sustainability perspective; each
nämnd's grunduppdrag (a short title, the reglemente it comes from, the sustainability aspects
it concerns, one or two established indicators with targets and values); KF's local political
uppdrag, some under no inriktning, each with its aspects and an indicator. In every period the
nämnd follows up each of its grunduppdrag (status and analysis) and reports on each uppdrag
it has been given. The data is in vadstena_data.py; every write goes through the services
and every step makes only what is missing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from apps.accounts.models import User
from apps.demo import common
from apps.demo.loader import _goal_lookup
from apps.demo.models import base
from apps.demo.models import vadstena_data as data
from apps.demo.models.base import REASON, ModelDemo
from apps.followup import selectors as followup_selectors
from apps.followup import services as followup_services
from apps.followup.models import Assessment
from apps.goals import services as goal_services
from apps.goals.models import (
    Assignment,
    AssignmentIndicator,
    BasicMission,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    MissionIndicator,
    Tag,
    TagKind,
)
from apps.goals.tags import ensure_tags
from apps.periods.models import ReportingPeriod
from apps.plans import services as plan_services
from apps.plans.models import Plan
from apps.trust import services as trust_services
from apps.trust.models import TrustDialogue

LEVEL = "politisk-inriktning"
YEARS = (2025, 2026)


def _aspects() -> dict[str, Tag]:
    ensure_tags(Tag)  # a flushed database (live-server tests) has lost the migrated tags
    return {tag.code: tag for tag in Tag.objects.filter(kind=TagKind.SUSTAINABILITY)}


def _directions() -> dict[str, Goal]:
    """The politiska inriktningar by their key in vadstena_data.DIRECTIONS."""
    lookup = _goal_lookup(base.model())
    return {
        key: lookup[(LEVEL, data.KF, title)]
        for key, (_perspective, title, *_rest) in data.DIRECTIONS.items()
    }


def _missions() -> dict[str, BasicMission]:
    """The demo's grunduppdrag by their key (found by unit and title, or the title they were
    created with)."""
    units = common.units()
    found = common.by_key(BasicMission.objects.all(), ("unit_id", "title"))
    return {
        key: found[(units[code].pk, title)]
        for key, code, title, *_rest in data.MISSIONS
        if (units[code].pk, title) in found
    }


def _assignments() -> dict[str, Assignment]:
    by_title = common.by_field(Assignment.objects.all(), "title")
    return {key: by_title[title] for key, title, *_rest in data.ASSIGNMENTS if title in by_title}


def _indicators() -> dict[str, Indicator]:
    by_title = common.by_field(Indicator.objects.all(), "title")
    return {key: by_title[spec[0]] for key, spec in data.INDICATORS.items() if spec[0] in by_title}


# --- Before the periods: the inriktningar, grunduppdrag, uppdrag and their indicators -------


def load_directions(admin: User) -> None:
    model = base.model()
    level = model.levels.get(key=LEVEL)
    perspectives = {p.key: p for p in model.perspectives.all()}
    units = common.units()
    lookup = _goal_lookup(model)
    decided_on, paragraph = data.DIRECTIONS_DECISION
    first_year, last_year = data.DIRECTION_YEARS
    for position, (perspective, title, description, *_rest) in enumerate(
        data.DIRECTIONS.values(), start=1
    ):
        if (LEVEL, data.KF, title) in lookup:
            continue
        goal_services.goal_create(
            actor=admin, level=level, owner=units[data.KF], title=title,
            description=description, perspective=perspectives[perspective],
            first_year=first_year, last_year=last_year, position=position, reason=REASON,
            decided_on=decided_on, decision_paragraph=paragraph,
        )  # fmt: skip


def load_indicators(admin: User) -> None:
    """The established indicators with their kommun-wide targets for both years."""
    existing = common.by_field(Indicator.objects.all(), "title")
    targets = set(IndicatorTarget.objects.filter(unit=None).values_list("indicator_id", "year"))
    for title, measure_unit, direction, kolada, *year_targets, _values in data.INDICATORS.values():
        indicator = existing.get(title) or goal_services.indicator_create(
            actor=admin, reason=REASON, title=title, measure_unit=measure_unit,
            direction=direction, kolada_kpi=kolada, source="Källa: Kolada" if kolada else "",
        )  # fmt: skip
        for year, target in zip(YEARS, year_targets, strict=True):
            if (indicator.pk, year) not in targets:
                goal_services.indicator_target_set(
                    actor=admin, indicator=indicator, year=year,
                    value=Decimal(target.replace(",", ".")), reason=REASON,
                )  # fmt: skip


def load_missions(admin: User) -> None:
    """Each nämnd's grunduppdrag with its aspects, and the indicators that follow it in
    2025 and 2026."""
    units = common.units()
    aspects = _aspects()
    missions = _missions()
    for key, code, title, source, text, mission_aspects, _indicator_keys in data.MISSIONS:
        if key in missions:
            continue
        missions[key] = goal_services.basic_mission_save(
            actor=admin, unit=units[code], title=title, text=text, source=source,
            first_year=2023, tags=[aspects[a] for a in mission_aspects], reason=REASON,
        )  # fmt: skip
    indicators = _indicators()
    links = set(MissionIndicator.objects.values_list("basic_mission_id", "indicator_id", "year"))
    for key, *_fields, indicator_keys in data.MISSIONS:
        for indicator_key in indicator_keys:
            for year in YEARS:
                indicator = indicators[indicator_key]
                if (missions[key].pk, indicator.pk, year) in links:
                    continue
                goal_services.mission_indicator_link(
                    actor=admin, basic_mission=missions[key], indicator=indicator, year=year,
                    reason=REASON,
                )  # fmt: skip


def load_assignments(admin: User) -> None:
    """KF's local political uppdrag, some under no inriktning, each with its aspects and the
    indicator that follows it."""
    units = common.units()
    aspects = _aspects()
    directions = _directions()
    indicators = _indicators()
    assignments = _assignments()
    links = set(AssignmentIndicator.objects.values_list("assignment_id", "indicator_id", "year"))
    for (
        key, title, description, recipients, direction, (first_year, last_year),
        (decided_on, paragraph), assignment_aspects, indicator_key, _report,
    ) in data.ASSIGNMENTS:  # fmt: skip
        assignment = assignments.get(key) or goal_services.assignment_create(
            actor=admin, given_by=units[data.KF], title=title, description=description,
            goal=directions[direction] if direction else None, first_year=first_year,
            last_year=last_year, recipients=[units[code] for code in recipients],
            decided_on=decided_on, paragraph=paragraph,
            tags=[aspects[a] for a in assignment_aspects], reason=REASON,
        )  # fmt: skip
        indicator = indicators[indicator_key]
        for year in range(first_year, last_year + 1):
            if (assignment.pk, indicator.pk, year) not in links:
                goal_services.assignment_indicator_link(
                    actor=admin, assignment=assignment, indicator=indicator, year=year,
                    reason=REASON,
                )  # fmt: skip


def load_dialogues(admin: User) -> None:
    """Two tillitsdialoger about the grunduppdrag, one of KS's leading to an uppdrag."""
    units = common.units()
    assignments = _assignments()
    for (
        kind,
        held_on,
        codes,
        participants,
        topics,
        conclusions,
        follow_ups,
        led_to,
    ) in data.DIALOGUES:
        if TrustDialogue.objects.filter(kind=kind, held_on=held_on).exists():
            continue
        trust_services.dialogue_record(
            actor=admin, kind=kind, held_on=held_on, units=[units[c] for c in codes],
            participants=participants, topics=topics, conclusions=conclusions,
            follow_ups=follow_ups, assignments=[assignments[key] for key in led_to],
            reason=REASON,
        )  # fmt: skip


# --- In each period ---------------------------------------------------------------------------


def _values(admin: User, period: ReportingPeriod, key: str) -> None:
    index = data.PERIODS.index(key)
    indicators = _indicators()
    have = set(
        IndicatorValue.objects.filter(period=period, unit=None).values_list(
            "indicator_id", flat=True
        )
    )
    for ind_key, (*_fields, values) in data.INDICATORS.items():
        indicator = indicators[ind_key]
        if indicator.pk in have:
            continue
        goal_services.indicator_value_set(
            actor=admin, indicator=indicator, period=period,
            total=Decimal(values[index].replace(",", ".")), reason=REASON,
        )  # fmt: skip


def write_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """While ``period`` is open: the indicators' values, KF's assessment of its politiska
    inriktningar, each nämnd's follow-up of each of its grunduppdrag and its report on each
    uppdrag; in the open period only the units that are done have written theirs."""
    index = data.PERIODS.index(key)
    closing = key != data.OPEN_PERIOD

    def writes(unit) -> bool:
        return closing or unit.ansvarskod in data.DONE_IN_OPEN_PERIOD

    _values(admin, period, key)
    kf = common.units()[data.KF]
    assessed = set(
        Assessment.objects.filter(period=period, unit=kf).values_list("goal_id", flat=True)
    )
    directions = _directions()
    for direction_key, (*_fields, statuses, analysis) in data.DIRECTIONS.items():
        goal = directions[direction_key]
        if goal.pk not in assessed:
            followup_services.assessment_save(
                actor=admin, goal=goal, period=period, unit=kf, status=statuses[index],
                analysis=analysis, reason=REASON,
            )  # fmt: skip
    keys = {mission.pk: key for key, mission in _missions().items()}
    for followup in followup_selectors.mission_followups(period=period):
        mission = followup.mission
        if followup.assessment is not None or not writes(mission.unit):
            continue
        statuses, analysis = data.MISSION_FOLLOWUPS[keys[mission.pk]]
        followup_services.mission_assessment_save(
            actor=admin, mission=mission, period=period, status=statuses[index],
            analysis=analysis, reason=REASON,
        )  # fmt: skip
    reports = {title: (key, report) for key, title, *_rest, report in data.ASSIGNMENTS}
    for followup in followup_selectors.assignment_followups(period=period):
        if followup.report is not None or not writes(followup.unit):
            continue
        assignment_key, (status, text) = reports[followup.assignment.title]
        status = data.REPORT_STATUS.get(key, {}).get(assignment_key, status)
        followup_services.assignment_report_save(
            actor=admin, recipient=followup.recipient, period=period, status=status,
            report=f"{data.REPORT_PERIOD_NOTE[key]} {text}",
            reason=REASON,
        )  # fmt: skip


# --- After the periods: the plans of 2026 ----------------------------------------------------


def load_plans(admin: User) -> None:
    """Three nämnders' plans for 2026, without nämndmål: their activities serve a politisk
    inriktning or an uppdrag; decided by the nämnd."""
    units = common.units()
    directions = _directions()
    assignments = _assignments()
    for code, (decided_on, paragraph, activities) in data.PLANS.items():
        unit = units[code]
        if Plan.objects.filter(unit=unit, year=data.PLAN_YEAR).exists():
            continue
        plan = plan_services.plan_create(actor=admin, unit=unit, year=data.PLAN_YEAR, reason=REASON)
        for title, responsible, start, end, status, direction, assignment in activities:
            serves = (
                {"goal": directions[direction]}
                if direction
                else {"assignment": assignments[assignment]}
            )
            plan_services.activity_save(
                actor=admin, plan=plan, reason=REASON, title=title, responsible=responsible,
                starts_on=dt.date.fromisoformat(start), ends_on=dt.date.fromisoformat(end),
                status=status, **serves,
            )  # fmt: skip
        plan_services.plan_submit(actor=admin, plan=plan, reason=REASON)
        plan_services.plan_decide(
            actor=admin, plan=plan, decided_on=decided_on, paragraph=paragraph, reason=REASON
        )


DEMO = ModelDemo(
    key="vadstena",
    label="Vadstenamodellen",
    municipality_name="Exempelkommun (Vadstenamodellen)",
    model_fields={
        **data.MODEL,
        "uses_committee_goals": False,
        "follows_up_basic_missions": True,
        "follows_up_assignments": True,
        "uses_sustainability_aspects": True,
    },
    steps=(
        ("de politiska inriktningarna", load_directions),
        ("indikatorerna", load_indicators),
        ("grunduppdragen", load_missions),
        ("de lokala politiska uppdragen", load_assignments),
        ("tillitsdialogerna", load_dialogues),
    ),
    write_period=write_period,
    after_periods=(("planerna 2026", load_plans),),
    done_in_open_period=data.DONE_IN_OPEN_PERIOD,
)
