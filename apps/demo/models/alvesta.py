"""The Alvesta model's demo (seed document 000): tillitsbaserad styrning with Agenda 2030.

See apps/demo/models/alvesta_data.py for what it holds. Before the periods: the decided
vision, värdegrund and utgångspunkter, the kommunmål per sustainability perspective with
nämndmål and bolagsmål, indicators and KF's uppdrag, all tagged with their global goals; in
each period the indicator values and every owner's assessment; after the periods the
nulägesbeskrivningar, the tillitsdialoger that rest on them and the 2026 plans with their
tagged activities.
"""

from __future__ import annotations

import datetime as dt

from apps.accounts.models import User
from apps.demo import common
from apps.demo.models import alvesta_data as data
from apps.demo.models import chain
from apps.demo.models.base import ModelDemo
from apps.goals.models import Assignment
from apps.periods.models import ReportingPeriod
from apps.trust import services as trust_services
from apps.trust.models import StatusReport, TrustDialogue


def load_foundations(admin: User) -> None:
    decided_on, paragraph, first_year = data.FOUNDATION_DECISION
    chain.decide_foundations(
        admin, decided_on=decided_on, paragraph=paragraph, first_year=first_year, reason=data.REASON
    )


def load_goals(admin: User) -> None:
    decided_on, paragraph = data.GOALS_DECISION
    specs = [
        {"decision": (decided_on, paragraph), **spec} if spec["owner"] == data.KF else spec
        for spec in data.GOALS
    ]
    chain.load_goals(admin, specs, years=data.YEARS, reason=data.REASON)


def load_indicators(admin: User) -> None:
    chain.load_indicators(
        admin, data.INDICATORS, data.GOALS, data.INDICATOR_SET_DECISIONS, reason=data.REASON
    )


def load_assignments(admin: User) -> None:
    chain.load_assignments(
        admin, data.ASSIGNMENTS, data.GOALS, data.ASSIGNMENT_DECISION, reason=data.REASON
    )


def write_period(admin: User, period: ReportingPeriod, key: str) -> None:
    chain.write_values(admin, period, key, data.INDICATORS, reason=data.REASON)
    chain.write_assessments(admin, period, key, data.GOALS, reason=data.REASON)


# --- After the periods -------------------------------------------------------------------------


def load_status_reports(admin: User) -> None:
    """Each body's nulägesbeskrivning of the year; one that is there stays as it is."""
    units = common.units()
    for code, (operations, environment, current_state, proposed) in data.STATUS_REPORTS.items():
        if StatusReport.objects.filter(unit=units[code], year=data.STATUS_YEAR).exists():
            continue
        trust_services.status_report_save(
            actor=admin,
            unit=units[code],
            year=data.STATUS_YEAR,
            operations=operations,
            environment=environment,
            current_state=current_state,
            proposed_goals=proposed,
            reason=data.REASON,
        )


def load_dialogues(admin: User) -> None:
    """The tillitsdialoger, a KS dialogue with the nulägesanalys it rests on and the uppdrag
    it led to."""
    units = common.units()
    assignments = common.by_field(Assignment.objects.all(), "title")
    for (
        kind,
        held_on,
        codes,
        participants,
        topics,
        conclusions,
        follow_ups,
        reports,
        led_to,
    ) in data.DIALOGUES:
        day = dt.date.fromisoformat(held_on)
        if TrustDialogue.objects.filter(kind=kind, held_on=day).exists():
            continue
        trust_services.dialogue_record(
            actor=admin,
            kind=kind,
            held_on=day,
            units=[units[code] for code in codes],
            participants=participants,
            topics=topics,
            conclusions=conclusions,
            follow_ups=follow_ups,
            status_reports=StatusReport.objects.filter(
                unit__ansvarskod__in=reports, unit__valid_to=None, year=data.STATUS_YEAR
            ),
            assignments=[assignments[title] for title in led_to],
            reason=data.REASON,
        )


def load_plans(admin: User) -> None:
    """The nämnders' 2026 plans, decided, with their activities tagged with global goals.
    Where the plan reads its nulägesbeskrivning (the model uses status reports), the plan
    does not write those parts again."""
    units = common.units()
    goals = chain.goals_by_key(data.GOALS)
    for code, (decided_on, paragraph, activities) in data.PLANS.items():
        chain.load_plan(
            admin,
            units[code],
            data.PLAN_YEAR,
            sections=data.PLAN_SECTIONS,
            activities=activities,
            goals=goals,
            decided=(decided_on, paragraph),
            reason=data.REASON,
        )


DEMO = ModelDemo(
    key="alvesta",
    label="Alvestamodellen",
    municipality_name="Exempelkommun (Alvestamodellen)",
    model_fields=data.MODEL_FIELDS,
    steps=(
        ("vision, värdegrund och utgångspunkter", load_foundations),
        ("kommunmål, nämndmål och bolagsmål", load_goals),
        ("indikatorerna", load_indicators),
        ("uppdragen", load_assignments),
    ),
    write_period=write_period,
    after_periods=(
        ("nulägesbeskrivningarna", load_status_reports),
        ("tillitsdialogerna", load_dialogues),
        ("planerna 2026", load_plans),
    ),
)
