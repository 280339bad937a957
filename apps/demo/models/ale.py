"""Exempelkommun following Ale's styrmodell (seed 004): tillitsbaserad styrning och ledning.

KF decides the vision and the värdegrund for eight years, the riktningsmål and the
omvärldsfaktorer for four; KS holds the kommungemensamma omvärldsanalysen with its
omvärldsdag each year; every nämnd and bolag writes its nulägesbeskrivning each year (with
its responses to the factors and the goals it proposes) and, in every follow-up, reasons
about how it contributes to every riktningsmål, whether or not it has goals of its own (two
nämnder have); tillitsdialoger inside a nämnd, between sektorer and bolag, and KS's with a
nämnd, resting on its nulägesanalys and leading to an uppdrag. The data is in ale_data.py.
Every write goes through the services; every step makes only what is missing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from apps.accounts.models import User
from apps.demo import common
from apps.demo.loader import _goal_lookup
from apps.demo.models import ale_data as data
from apps.demo.models import base
from apps.demo.models.base import REASON, ModelDemo
from apps.followup import selectors as followup_selectors
from apps.followup import services as followup_services
from apps.followup.models import Assessment
from apps.goals import services as goal_services
from apps.goals.models import (
    Assignment,
    BasicMission,
    ExternalFactor,
    FoundationElement,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from apps.goals.presets import PRESETS
from apps.periods.models import ReportingPeriod
from apps.plans import services as plan_services
from apps.plans.models import Plan
from apps.trust import services as trust_services
from apps.trust.models import EnvironmentAnalysis, StatusReport, TrustDialogue

VISION_LEVEL, GOAL_LEVEL, OWN_LEVEL = "vision", "riktningsmal", "namndens-mal"


def _goals() -> dict[tuple[str, str, str], Goal]:
    return _goal_lookup(base.model())


def _council_goals() -> dict[str, Goal]:
    """The riktningsmål by their key in ale_data.GOALS."""
    lookup = _goals()
    return {
        key: lookup[(GOAL_LEVEL, data.KF, title)] for key, (title, *_rest) in data.GOALS.items()
    }


def _decision(decided_on: dt.date, paragraph: str) -> dict:
    """A goal's decision, as goal_create takes it."""
    return {"decided_on": decided_on, "decision_paragraph": paragraph}


def _key_of(goal: Goal) -> str | None:
    titles = {title: key for key, (title, *_rest) in data.GOALS.items()}
    return titles.get(goal.title)


# --- Vision, värdegrund and the principles ---------------------------------------------------


def load_foundations(admin: User) -> None:
    """The vision (a goal on the vision level) and the preset's värdegrund and principles,
    each with KF's decision and its eight years."""
    model = base.model()
    units = common.units()
    decided_on, paragraph, first_year, last_year = data.FOUNDATION_DECISION
    levels = {level.key: level for level in model.levels.all()}
    if (VISION_LEVEL, data.KF, data.VISION) not in _goals():
        goal_services.goal_create(
            actor=admin, level=levels[VISION_LEVEL], owner=units[data.KF], title=data.VISION,
            description=data.VISION_TEXT, first_year=first_year, last_year=last_year,
            reason=REASON, **_decision(decided_on, paragraph),
        )  # fmt: skip
    # The preset brought the värdegrund and the principles without a decision: KF's is added
    # once (an element a user has decided otherwise since is theirs).
    preset = {(spec.kind, spec.title) for spec in PRESETS[model.key].foundations}
    for element in FoundationElement.objects.filter(model=model, decided_on=None):
        if (element.kind, element.title) not in preset:
            continue  # an element an administrator added is theirs to decide
        if element.history.exclude(history_type="+").exists():
            continue
        goal_services.foundation_element_save(
            actor=admin, model=model, element=element, kind=element.kind, title=element.title,
            text=element.text, first_year=first_year, last_year=last_year,
            decided_by=units[data.KF], decided_on=decided_on, paragraph=paragraph,
            position=element.position, reason=REASON,
        )  # fmt: skip


# --- Riktningsmål, the nämnders' own goals, indicators -------------------------------------


def load_goals(admin: User) -> None:
    model = base.model()
    units = common.units()
    levels = {level.key: level for level in model.levels.all()}
    lookup = _goals()
    vision = lookup[(VISION_LEVEL, data.KF, data.VISION)]
    decided_on, paragraph = data.GOALS_DECISION
    first_year, last_year = data.GOAL_YEARS
    for position, (title, description, _measurable) in enumerate(data.GOALS.values(), start=1):
        if (GOAL_LEVEL, data.KF, title) in lookup:
            continue
        goal_services.goal_create(
            actor=admin, level=levels[GOAL_LEVEL], owner=units[data.KF], title=title,
            description=description, parent=vision, first_year=first_year, last_year=last_year,
            position=position, reason=REASON, **_decision(decided_on, paragraph),
        )  # fmt: skip
    council = _council_goals()
    for owner, parent, title in data.OWN_GOALS:
        if (OWN_LEVEL, owner, title) in lookup:
            continue
        body_decided_on, body_paragraph = data.OWN_GOALS_DECIDED_BY_BODY[owner]
        goal_services.goal_create(
            actor=admin, level=levels[OWN_LEVEL], owner=units[owner], title=title,
            parent=council[parent], first_year=first_year, last_year=last_year,
            position=units[owner].position, reason=REASON,
            **_decision(body_decided_on, body_paragraph),
        )  # fmt: skip


def _indicators() -> dict[str, Indicator]:
    by_title = common.by_field(Indicator.objects.all(), "title")
    return {key: by_title[title] for key, _goal, title, *_rest in data.INDICATORS}


def load_indicators(admin: User) -> None:
    """The indicators of the riktningsmål that can be followed up by results, with their
    targets for both years."""
    existing = common.by_field(Indicator.objects.all(), "title")
    council = _council_goals()
    links = set(GoalIndicator.objects.values_list("goal_id", "indicator_id", "year"))
    targets = set(IndicatorTarget.objects.filter(unit=None).values_list("indicator_id", "year"))
    for _key, goal_key, title, measure_unit, direction, kolada, target, _values in data.INDICATORS:
        indicator = existing.get(title) or goal_services.indicator_create(
            actor=admin, reason=REASON, title=title, measure_unit=measure_unit,
            direction=direction, kolada_kpi=kolada, source="Källa: Kolada" if kolada else "",
        )  # fmt: skip
        goal = council[goal_key]
        for year in (2025, 2026):
            if (goal.pk, indicator.pk, year) not in links:
                goal_services.indicator_link(
                    actor=admin, goal=goal, indicator=indicator, year=year, reason=REASON
                )
            if (indicator.pk, year) not in targets:
                goal_services.indicator_target_set(
                    actor=admin, indicator=indicator, year=year, value=Decimal(target),
                    reason=REASON,
                )  # fmt: skip


# --- Omvärldsfaktorer and the kommungemensamma omvärldsanalysen ----------------------------


def load_factors(admin: User) -> None:
    decided_on, paragraph, first_year, last_year = data.FACTORS_DECISION
    for position, (title, description) in enumerate(data.FACTORS, start=1):
        if common.find(ExternalFactor, title=title, first_year=first_year) is not None:
            continue
        goal_services.external_factor_save(
            actor=admin,
            factor=ExternalFactor(
                title=title, description=description, first_year=first_year,
                last_year=last_year, decided_on=decided_on, paragraph=paragraph,
                position=position,
            ),
            reason=REASON,
        )  # fmt: skip


def withdraw_factor(admin: User) -> None:
    """KF withdrew one factor in March 2026, with its reason (once: a factor a user has put
    back is theirs)."""
    title, withdrawn_on, why = data.WITHDRAWN
    factor = common.find(ExternalFactor, title=title, first_year=data.FACTORS_DECISION[2])
    if factor is None or factor.withdrawn_on is not None:
        return
    if factor.history.filter(withdrawn_on__isnull=False).exists():
        return
    goal_services.external_factor_withdraw(
        actor=admin, factor=factor, withdrawn_on=withdrawn_on, reason=why
    )


def load_environment_analyses(admin: User) -> None:
    units = common.units()
    for year, (title, text, day_held_on, day_notes) in data.ENVIRONMENT_ANALYSES.items():
        if EnvironmentAnalysis.objects.filter(year=year).exists():
            continue
        trust_services.environment_analysis_save(
            actor=admin, year=year, title=title, text=text, day_held_on=day_held_on,
            day_notes=day_notes, responsible=units[data.KS], reason=REASON,
        )  # fmt: skip


# --- Nulägesbeskrivningar, grunduppdrag, uppdrag, tillitsdialoger ----------------------------


def load_status_reports(admin: User) -> None:
    """Each nämnd's and bolag's nulägesbeskrivning of 2025 and 2026 with its response to
    every factor in force that year."""
    units = common.units()
    factors = list(ExternalFactor.objects.order_by("position", "pk"))
    for year in (2025, 2026):
        for code, texts in data.STATUS_REPORTS.items():
            unit = units[code]
            if StatusReport.objects.filter(unit=unit, year=year).exists():
                continue
            operations, environment, current_state, proposed = (
                text.format(year=year) for text in texts
            )
            trust_services.status_report_save(
                actor=admin, unit=unit, year=year, operations=operations,
                environment=environment, current_state=current_state, proposed_goals=proposed,
                reason=REASON,
            )  # fmt: skip
            own = data.FACTOR_RESPONSES.get(code, {})
            for factor in factors:
                if not factor.first_year <= year <= factor.last_year:
                    continue
                if factor.withdrawn_on is not None and factor.withdrawn_on.year < year:
                    continue
                risks, opportunities, approach = (
                    text.format(name=unit.name)
                    for text in own.get(factor.title, data.DEFAULT_RESPONSE)
                )
                trust_services.status_report_factor_response_save(
                    actor=admin, unit=unit, year=year, factor=factor, risks=risks,
                    opportunities=opportunities, approach=approach, reason=REASON,
                )  # fmt: skip


def load_basic_missions(admin: User) -> None:
    units = common.units()
    for code, title, source, text in data.BASIC_MISSIONS:
        unit = units[code]
        if BasicMission.objects.filter(unit=unit).exists():
            continue
        goal_services.basic_mission_save(
            actor=admin, unit=unit, title=title, text=text, source=source, first_year=2023,
            reason=REASON,
        )  # fmt: skip


def load_assignments(admin: User) -> None:
    units = common.units()
    council = _council_goals()
    existing = common.by_key(Assignment.objects.filter(given_by=units[data.KF]), ("title",))
    for title, recipients, goal_key, years, description, decision in data.ASSIGNMENTS:
        (first_year, last_year), (decided_on, paragraph) = years, decision
        if (title,) in existing:
            continue
        goal_services.assignment_create(
            actor=admin, given_by=units[data.KF], title=title, description=description,
            goal=council[goal_key] if goal_key else None, first_year=first_year,
            last_year=last_year, recipients=[units[code] for code in recipients],
            decided_on=decided_on, paragraph=paragraph, reason=REASON,
        )  # fmt: skip


def load_dialogues(admin: User) -> None:
    units = common.units()
    assignments = common.by_field(Assignment.objects.all(), "title")
    for (
        _key, kind, held_on, codes, participants, topics, conclusions, follow_ups, rests_on,
        led_to,
    ) in data.DIALOGUES:  # fmt: skip
        day = dt.date.fromisoformat(held_on)
        if TrustDialogue.objects.filter(kind=kind, held_on=day).exists():
            continue
        trust_services.dialogue_record(
            actor=admin, kind=kind, held_on=day, units=[units[c] for c in codes],
            participants=participants, topics=topics, conclusions=conclusions,
            follow_ups=follow_ups,
            status_reports=[
                StatusReport.objects.get(unit=units[code], year=year) for code, year in rests_on
            ],
            assignments=[assignments[title] for title in led_to],
            reason=REASON,
        )  # fmt: skip


# --- Each period ----------------------------------------------------------------------------


def _index(key: str) -> int:
    return data.STATUS_PERIODS.index(key)


def _indicator_values(admin: User, period: ReportingPeriod, key: str) -> None:
    indicators = _indicators()
    have = set(
        IndicatorValue.objects.filter(period=period, unit=None).values_list(
            "indicator_id", flat=True
        )
    )
    for ind_key, *_fields, values in data.INDICATORS:
        indicator = indicators[ind_key]
        if indicator.pk in have:
            continue
        total = Decimal(values[data.VALUE_PERIODS.index(key)].replace(",", "."))
        goal_services.indicator_value_set(
            actor=admin, indicator=indicator, period=period, total=total, reason=REASON
        )


def _assess(admin, *, goal, unit, period, status, analysis) -> None:
    followup_services.assessment_save(
        actor=admin, goal=goal, period=period, unit=unit, status=status, analysis=analysis,
        reason=REASON,
    )  # fmt: skip


def write_period(admin: User, period: ReportingPeriod, key: str) -> None:
    """While ``period`` is open: the indicators' values, KF's assessment of each riktningsmål,
    the nämnders' own goals, and every nämnd's and bolag's contribution to every riktningsmål
    (in the open period only the bodies that are done have written theirs)."""
    index = _index(key)
    closing = key != "2026-t2"
    units = common.units()
    _indicator_values(admin, period, key)
    written = set(Assessment.objects.filter(period=period).values_list("goal_id", "unit_id"))
    council = _council_goals()
    kf = units[data.KF]
    for goal_key, goal in council.items():
        if (goal.pk, kf.pk) in written:
            continue
        status = data.COUNCIL_STATUSES[goal_key][index] or "not_assessed"
        analysis = data.COUNCIL_ANALYSIS[goal_key] + data.COUNCIL_STATUS_TEXT.get(status, "")
        _assess(admin, goal=goal, unit=kf, period=period, status=status, analysis=analysis)
    lookup = _goals()
    for owner, _parent, title in data.OWN_GOALS:
        goal = lookup[(OWN_LEVEL, owner, title)]
        if (goal.pk, goal.owner_id) in written:
            continue
        if not closing and owner not in ALE.done_in_open_period:
            continue
        statuses, analysis = data.OWN_GOAL_STATUSES[title]
        _assess(
            admin, goal=goal, unit=goal.owner, period=period, status=statuses[index],
            analysis=analysis,
        )  # fmt: skip
    for contribution in followup_selectors.council_contributions(period=period):
        if contribution.assessment is not None:
            continue
        body, goal = contribution.unit, contribution.goal
        if not closing and body.ansvarskod not in ALE.done_in_open_period:
            continue
        goal_key = _key_of(goal)
        if goal_key is None:
            continue  # a riktningsmål a user renamed or added: theirs to reason about
        reasoning = data.REASONING[goal_key].get(body.ansvarskod) or data.DEFAULT_REASONING[
            goal_key
        ].format(name=body.name)
        statuses = data.BODY_STATUSES.get((goal_key, body.ansvarskod))
        _assess(
            admin, goal=goal, unit=body, period=period,
            status=statuses[index] if statuses else "",
            analysis=f"{reasoning} {data.PERIOD_NOTE[key]}",
        )  # fmt: skip


# --- The plans of 2026 ------------------------------------------------------------------------


def load_plans(admin: User) -> None:
    """The 2026 plans of KS and four nämnder, built on their nulägesbeskrivning, with an
    activity towards a riktningsmål or an uppdrag, decided by the body."""
    units = common.units()
    council = _council_goals()
    assignments = common.by_field(Assignment.objects.all(), "title")
    lookup = _goals()
    own = {owner: lookup[(OWN_LEVEL, owner, title)] for owner, _parent, title in data.OWN_GOALS}
    for code, (decided_on, paragraph) in data.PLANS.items():
        unit = units[code]
        if Plan.objects.filter(unit=unit, year=data.PLAN_YEAR).exists():
            continue
        plan = plan_services.plan_create(actor=admin, unit=unit, year=data.PLAN_YEAR, reason=REASON)
        for title, responsible, start, end, status in data.PLAN_ACTIVITIES.get(code, ()):
            serves = {"goal": own.get(code, council["barn"])}
            if code == "3000":
                serves = {"assignment": assignments[data.ASSIGNMENTS[0][0]]}
            plan_services.activity_save(
                actor=admin, plan=plan, reason=REASON, title=title, responsible=responsible,
                starts_on=dt.date.fromisoformat(start), ends_on=dt.date.fromisoformat(end),
                status=status, **serves,
            )  # fmt: skip
        plan_services.plan_submit(actor=admin, plan=plan, reason=REASON)
        plan_services.plan_decide(
            actor=admin, plan=plan, decided_on=decided_on, paragraph=paragraph, reason=REASON
        )


ALE = ModelDemo(
    key="ale",
    label="Ale-modellen",
    municipality_name="Exempelkommun (Ale-modellen)",
    model_fields={**data.MODEL, "bodies_report_on_council_goals": True},
    steps=(
        ("visionen och värdegrunden", load_foundations),
        ("riktningsmålen och nämndernas mål", load_goals),
        ("indikatorerna", load_indicators),
        ("omvärldsfaktorerna", load_factors),
        ("den kommungemensamma omvärldsanalysen", load_environment_analyses),
        ("grunduppdragen", load_basic_missions),
        ("nulägesbeskrivningarna", load_status_reports),
        ("uppdragen", load_assignments),
        ("tillitsdialogerna", load_dialogues),
        ("omvärldsfaktorn som återkallats", withdraw_factor),
    ),
    write_period=write_period,
    after_periods=(("planerna 2026", load_plans),),
    done_in_open_period=frozenset({"100", "1000", "4000", "7000", "8200"}),
)
DEMO = ALE
