"""The Borlänge model's demo (seed document 003): the four pusselbitar in Exempelkommun.

See apps/demo/models/borlange_data.py for what it holds. The steps run before the periods
(the strategic plan's goals, indicators, the register and the decided foundation); in each
period the owners assess their goals and every nämnd and bolag its contribution to every
KF goal; after the periods the 2026 nämndplaner (decided by the nämnder) and
verksamhetsplaner (decided by the förvaltningar).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from apps.accounts.models import User
from apps.demo import common, goals_data
from apps.demo.models import borlange_data as data
from apps.demo.models import chain
from apps.demo.models.base import ModelDemo
from apps.documents import services as document_services
from apps.documents.models import Deviation, GoverningDocument
from apps.economy.models import Comparison, FinancialGoalLink
from apps.economy.services.financial import financial_goal_link_set
from apps.followup import selectors as followup_selectors
from apps.followup import services as followup_services
from apps.followup.models import GoalStatus
from apps.goals import services as goal_services
from apps.goals.computed import computed_statuses
from apps.goals.models import DecidedBy, GoalLevel
from apps.periods.models import ReportingPeriod


def load_financial_level(admin: User) -> None:
    """The mål för god ekonomisk hushållning are financial goals and verksamhetsmål (KL 11:1);
    the financial ones are computed from the key figures on a level of their own, decided by
    KF like the others. The preset brings that level; a model loaded before it did gets it
    from the administrator here. A level that is there (whatever it is called now) is left as
    it is."""
    model = chain.active_model()
    key, name = data.FINANCIAL_LEVEL
    if model.levels.filter(key=key).exists():
        return
    goal_services.configuration_save(
        actor=admin,
        instance=GoalLevel(
            model=model,
            key=key,
            name=name,
            name_plural=name,
            position=model.levels.get(key="god-hushallning").position,
            decided_by=DecidedBy.COUNCIL,
            is_financial=True,
            horizon_years=4,
        ),
        reason=data.REASON,
    )


def load_foundations(admin: User) -> None:
    """KF's decision of the ledord, värdegrund and ledarfilosofi the preset brought; an
    element that has a decision (the demo's or a user's) is left as it is."""
    decided_on, paragraph, first_year = data.FOUNDATION_DECISION
    chain.decide_foundations(
        admin, decided_on=decided_on, paragraph=paragraph, first_year=first_year, reason=data.REASON
    )


def load_goals(admin: User) -> None:
    decided_on, paragraph = data.STRATEGIC_PLAN_DECISION
    specs = [
        {**spec, "decision": (decided_on, paragraph)} if spec["owner"] == data.KF else spec
        for spec in data.GOALS
    ]
    chain.load_goals(admin, specs, years=data.YEARS, reason=data.REASON)


def load_financial_links(admin: User) -> None:
    """The two financial goals are computed from their key figures (before any period is
    written, so that their assessments take a comment only). A link that is there stays."""
    goals = chain.goals_by_key(data.GOALS)
    linked = set(FinancialGoalLink.objects.values_list("goal_id", flat=True))
    for spec in data.GOALS:
        if "figure" not in spec or goals[spec["key"]].pk in linked:
            continue
        figure, lowest = spec["figure"]
        financial_goal_link_set(
            actor=admin,
            goal=goals[spec["key"]],
            figure=figure,
            comparison=Comparison.AT_LEAST,
            threshold=Decimal(lowest),
            reason=data.REASON,
        )


def load_indicators(admin: User) -> None:
    chain.load_indicators(
        admin, data.INDICATORS, data.GOALS, data.INDICATOR_SET_DECISIONS, reason=data.REASON
    )


def load_assignments(admin: User) -> None:
    chain.load_assignments(
        admin, data.ASSIGNMENTS, data.GOALS, data.ASSIGNMENT_DECISION, reason=data.REASON
    )


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def load_register(admin: User) -> None:
    """The kvalitetsledningssystem's documents and the avvikelser, klagomål and synpunkter
    tied to the process and goal they concern."""
    units = common.units()
    goals = chain.goals_by_key(data.GOALS)
    existing = common.by_field(GoverningDocument.objects.all(), "title")
    for kind, title, decided_by, owner, decided_on, paragraph, revise_by, keys in data.DOCUMENTS:
        if title in existing:
            continue
        existing[title] = document_services.document_create(
            actor=admin,
            kind=kind,
            title=title,
            decided_by=units[decided_by] if decided_by else None,
            decided_on=_date(decided_on),
            paragraph=paragraph,
            owner=units[owner],
            valid_from=_date(decided_on),
            revise_by=_date(revise_by),
            url=data.DOC_URL + title.lower().replace(" ", "-").replace("–", "-"),
            goals=[goals[key] for key in keys],
            reason=data.REASON,
        )
    logged = common.by_key(Deviation.objects.all(), ("unit_id", "occurred_on", "description"))
    for code, day, kind, description, measure, status, document, goal in data.DEVIATIONS:
        if (units[code].pk, _date(day), description) in logged:
            continue
        document_services.deviation_create(
            actor=admin,
            unit=units[code],
            occurred_on=_date(day),
            kind=kind,
            description=description,
            measure=measure,
            status=status,
            document=existing.get(document) if document else None,
            goal=goals[goal] if goal else None,
            reason=data.REASON,
        )


# --- In each period ---------------------------------------------------------------------------


# The periods the demo leaves open (goals_data.PERIODS: the open tertial).
OPEN_PERIODS = frozenset(p[0] for p in goals_data.PERIODS if p[-1] == "open")


def write_contributions(admin: User, period: ReportingPeriod, key: str) -> None:
    """Every nämnd's and bolag's contribution to every KF goal (the rule of the follow-up:
    ``council_contributions``), with its reasoning; a goal computed from a key figure takes
    the reasoning only. In the period the demo leaves open only the bodies that are done
    have reported, so that the others have something to do. One that is there is left as
    it is."""
    goals = chain.goals_by_key(data.GOALS)
    specs = {goals[s["key"]].pk: s for s in data.GOALS}
    own = _own_statuses(goals, key)
    contributions = followup_selectors.council_contributions(period=period)
    if key in OPEN_PERIODS:
        contributions = [c for c in contributions if c.unit.ansvarskod in data.DONE_IN_OPEN_PERIOD]
    computed = computed_statuses({c.goal.pk for c in contributions}, period)
    for contribution in contributions:
        if contribution.assessment is not None:
            continue
        goal, unit = contribution.goal, contribution.unit
        goal_key = specs[goal.pk]["key"] if goal.pk in specs else ""
        text = data.CONTRIBUTIONS.get(unit.ansvarskod, {}).get(goal_key) or (
            data.DEFAULT_CONTRIBUTION.get(goal_key, data.DEFAULT_CONTRIBUTION["service"])
        )
        status = own.get((goal.pk, unit.pk)) or data.DEFAULT_CONTRIBUTION_STATUS[key]
        if goal.pk in computed:
            status, text = "", f"{text} {data.COMPUTED_CONTRIBUTION}"
        followup_services.assessment_save(
            actor=admin,
            goal=goal,
            period=period,
            unit=unit,
            status=status,
            analysis=text,
            reason=data.REASON,
        )


def _own_statuses(goals: dict, key: str) -> dict[tuple[int, int], str]:
    """(KF goal, body) → the status of the body's own nämndmål under it in period ``key``
    (the weakest, where it has several)."""
    order = [GoalStatus.NOT_MET, GoalStatus.PARTLY_MET, GoalStatus.MET]
    found: dict[tuple[int, int], str] = {}
    for spec in data.GOALS:
        if spec["level"] != "namndmal" or key not in spec.get("statuses", {}):
            continue
        parent, goal = goals[spec["parent"]], goals[spec["key"]]
        status = spec["statuses"][key]
        pair = (parent.pk, goal.owner_id)
        if pair not in found or order.index(status) < order.index(found[pair]):
            found[pair] = status
    return found


def write_period(admin: User, period: ReportingPeriod, key: str) -> None:
    chain.write_values(admin, period, key, data.INDICATORS, reason=data.REASON)
    chain.write_assessments(admin, period, key, data.GOALS, reason=data.REASON)
    write_contributions(admin, period, key)


# --- After the periods: the plans of 2026 ----------------------------------------------------


def load_plans(admin: User) -> None:
    """The nämndplaner, decided by each nämnd, and the verksamhetsplaner that build on them,
    decided by the förvaltning (the model's ``operations_plan_decided_by``)."""
    units = common.units()
    goals = chain.goals_by_key(data.GOALS)
    for plans in (data.COMMITTEE_PLANS, data.OPERATIONS_PLANS):
        for code, (decided_on, paragraph, activities) in plans.items():
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
    key="borlange",
    label="Borlängemodellen",
    municipality_name="Exempelkommun (Borlängemodellen)",
    model_fields=data.MODEL_FIELDS,
    steps=(
        ("de finansiella målens nivå", load_financial_level),
        ("ledord, värdegrund och ledarfilosofi", load_foundations),
        ("den strategiska planens mål, nämndmål och verksamhetsmål", load_goals),
        ("de finansiella målens nyckeltal", load_financial_links),
        ("indikatorerna", load_indicators),
        ("fullmäktiges uppdrag", load_assignments),
        ("kvalitetsledningssystemet", load_register),
    ),
    write_period=write_period,
    after_periods=(("nämndplaner och verksamhetsplaner 2026", load_plans),),
    done_in_open_period=data.DONE_IN_OPEN_PERIOD,
)
