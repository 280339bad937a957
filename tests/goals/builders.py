"""Helpers for the goal-chain tests: look-ups by key, and a big chain built in bulk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from apps.accounts.models import User
from apps.followup.models import Assessment
from apps.goals import services
from apps.goals.models import (
    Goal,
    GoalIndicator,
    GoalLevel,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Perspective,
    SteeringModel,
    Tag,
)
from apps.periods.models import ReportingPeriod
from tests.factories import ReportingPeriodFactory, writable

YEAR = 2026
DECIDED_ON = dt.date(2025, 6, 16)


def level(model: SteeringModel, key: str) -> GoalLevel:
    return model.levels.get(key=key)


def perspective(model: SteeringModel, key: str) -> Perspective:
    return model.perspectives.get(key=key)


def agenda(number: int) -> Tag:
    return Tag.objects.get(kind="agenda2030", code=str(number))


def periods(year: int = YEAR) -> list[ReportingPeriod]:
    """Last year's annual report (closed) and this year's two tertials (closed, open)."""
    return [
        ReportingPeriodFactory(
            year=year - 1,
            kind="bokslut",
            name="Bokslut",
            starts_on=dt.date(year - 1, 1, 1),
            ends_on=dt.date(year - 1, 12, 31),
            deadline=dt.date(year, 2, 15),
            state="closed",
        ),
        ReportingPeriodFactory(year=year, state="closed"),
        ReportingPeriodFactory(
            year=year,
            kind="tertial2",
            name="Tertial 2",
            ends_on=dt.date(year, 8, 31),
            state="open",  # its deadline still ahead (the factory's default)
        ),
    ]


BLOCK = 25  # an inriktningsmål, four nämndmål and twenty verksamhetsmål


@dataclass
class BigChain:
    goals: int
    vision: Goal
    first_kf_goal: Goal
    first_committee_goal: Goal  # Nämnd A's first nämndmål: children, indicators, an uppdrag


def build_big_chain(model: SteeringModel, org, *, size: int, admin: User) -> BigChain:
    """About ``size`` goals of the Vimmerby model, built in bulk, then the MPTT fields rebuilt.

    Every block of 25 has an inriktningsmål (KF), two nämndmål each of Nämnd A and B, and five
    verksamhetsmål under each nämndmål owned by the nämnd's förvaltning. Every goal has an
    indicator with a target and three values, an assessment by its owner, and every fifth one
    the Agenda 2030 tag 4. "Läsning" is in the title of Nämnd A's first nämndmål of each
    block and in the description of one verksamhetsmål under every nämndmål.
    """
    levels = {lvl.key: lvl for lvl in model.levels.all()}
    per = list(model.perspectives.all())
    tree = {"lft": 0, "rght": 0, "tree_id": 0, "depth": 0}  # set by rebuild() below
    blocks = max(1, round((size - 1) / BLOCK))

    def goal(key: str, owner, title: str, parent: Goal | None, **fields) -> Goal:
        return Goal(
            level=levels[key],
            owner=owner,
            title=title,
            parent=parent,
            first_year=YEAR - 1,
            last_year=None if parent is None else YEAR + 2,
            **tree,
            **fields,
        )

    [vision] = Goal.objects.bulk_create([goal("vision", org.kf, "Vision 2030", None)])
    kf_goals = Goal.objects.bulk_create(
        [goal("inriktningsmal", org.kf, f"Inriktningsmål {b:03}", vision) for b in range(blocks)]
    )
    committee = []
    for b, parent in enumerate(kf_goals):
        for n, owner in enumerate([org.namnd_a, org.namnd_a, org.namnd_b, org.namnd_b]):
            committee.append(
                goal(
                    "namndmal",
                    owner,
                    f"Nämndmål {b:03}.{n}" + (" läsning" if n == 0 else ""),
                    parent,
                    perspective=per[n % len(per)],
                    position=n,
                )
            )
    committee = Goal.objects.bulk_create(committee)
    administration = {org.namnd_a.pk: org.forvaltning_a, org.namnd_b.pk: org.forvaltning_b}
    unit_goals = Goal.objects.bulk_create(
        [
            goal(
                "verksamhetsmal",
                administration[parent.owner_id],
                f"Verksamhetsmål {parent.title.split()[1]}.{v}",
                parent,
                perspective=parent.perspective,
                description="Mer läsning i fritids." if v == 1 else "",
                position=v,
            )
            for parent in committee
            for v in range(5)
        ]
    )
    Goal.objects.rebuild()
    everything = [vision, *kf_goals, *committee, *unit_goals]

    tag = agenda(4)
    Goal.tags.through.objects.bulk_create(
        [Goal.tags.through(goal_id=g.pk, tag_id=tag.pk) for g in everything[::5]]
    )
    bokslut, tertial1, tertial2 = periods()
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(title=f"Indikator {b:03}", measure_unit="%", direction="higher")
            for b in range(blocks)
        ]
    )
    measured = everything[1:]  # a vision is text only
    GoalIndicator.objects.bulk_create(
        [
            GoalIndicator(goal=g, indicator=indicators[i // BLOCK], year=YEAR)
            for i, g in enumerate(measured)
        ]
    )
    IndicatorTarget.objects.bulk_create(
        [IndicatorTarget(indicator=i, year=YEAR, value=Decimal(80)) for i in indicators]
    )
    with writable(bokslut, tertial1, tertial2):
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(indicator=i, period=p, total=Decimal(70 + n * 5))
                for i in indicators
                for n, p in enumerate([bokslut, tertial1, tertial2])
            ]
        )
        Assessment.objects.bulk_create(
            [
                Assessment(
                    goal=g, period=tertial2, unit_id=g.owner_id, status="partly", analysis=""
                )
                for g in measured
            ]
        )
    first_committee_goal = Goal.objects.get(pk=committee[0].pk)
    services.assignment_create(
        actor=admin,
        given_by=org.kf,
        goal=first_committee_goal,
        title="Läsa för alla",
        first_year=YEAR,
        last_year=YEAR,
        recipients=[org.namnd_a, org.namnd_b],
        decided_on=DECIDED_ON,
        paragraph="§ 87",
        reason="Budget 2026",
    )
    return BigChain(
        goals=len(everything),
        vision=Goal.objects.get(pk=vision.pk),
        first_kf_goal=Goal.objects.get(pk=kf_goals[0].pk),
        first_committee_goal=first_committee_goal,
    )
