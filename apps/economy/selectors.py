"""Reading the economy: budgets, outcomes and forecasts per nämnd, bolag and project.

Every function here runs a fixed number of queries, whatever the number of units, rows or
projects, and returns plain dictionaries keyed by id for the pages and reports to combine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, Sum
from django.utils import timezone

from apps.economy.models import (
    Appropriation,
    AppropriationKind,
    DecisionKind,
    DetailBudget,
    DetailBudgetLine,
    Forecast,
    InvestmentForecast,
    InvestmentProject,
    OutcomeRow,
)
from apps.followup.access import can_read_followup
from apps.followup.models import ActionPlan, ActionPlanCause
from apps.organisation import selectors as organisation
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.periods.services import deadlines_for

if TYPE_CHECKING:
    from apps.accounts.access import UserAccess

ZERO = Decimal("0.00")
ORE = Decimal("0.01")


def money(value) -> Decimal:
    """A sum from the database as kronor and öre: SQLite sums decimals as floats."""
    return Decimal(value).quantize(ORE) if value is not None else ZERO


def sum_present(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the amounts that are there; None when none is (not known is not zero)."""
    present = [amount for amount in amounts if amount is not None]
    return sum(present, ZERO) if present else None


def difference(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """``a − b``, or None when either is not known."""
    return None if a is None or b is None else a - b


# The units that hold an operating frame: KS, the nämnder and the bolag (the organisation's
# one definition of a body).
BODY_KINDS = organisation.BODY_KINDS

# Kommun-Bas classes 3 to 7 are the operations: revenue (3) and costs (4–7). A unit's net
# cost is the sum of its rows on them, in the ledger's sign (costs positive).
OPERATING_CLASSES = ("3", "4", "5", "6", "7")
OPERATING_ACCOUNTS = Q()
for _class in OPERATING_CLASSES:
    OPERATING_ACCOUNTS |= Q(account__startswith=_class)

# The frame budget and an election year's supplementary decision make the original budget;
# tilläggsanslag and ombudgetering are the changes during the year.
ORIGINAL_KINDS = (DecisionKind.FRAME, DecisionKind.SUPPLEMENTARY)


@dataclass(frozen=True)
class BudgetFigures:
    original: Decimal = ZERO
    changes: Decimal = ZERO

    @property
    def current(self) -> Decimal:
        return self.original + self.changes


def bodies(*, year: int) -> list[Unit]:
    """KS, the nämnder and the bolag valid at some time in ``year``, in tree order."""
    return organisation.bodies_in_year(year)


def body_of_units() -> dict[int, int]:
    """Every unit's id mapped to its body's id (``apps.organisation.selectors``). One query."""
    return organisation.body_of_units()


def _figures(rows, key: str) -> dict[int, BudgetFigures]:
    totals: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        slot = "original" if row["decision__kind"] in ORIGINAL_KINDS else "changes"
        entry = totals.setdefault(row[key], {"original": ZERO, "changes": ZERO})
        entry[slot] += money(row["total"])
    return {pk: BudgetFigures(**amounts) for pk, amounts in totals.items()}


def operating_budgets(year: int, *, budget_of: int | None = None) -> dict[int, BudgetFigures]:
    """Each body's decided operating frame for ``year``: original, changes and current.

    Only the decisions of ``year``'s own budget count: the plan years of earlier budgets
    were plans, and the year's frame budget decides them anew. ``budget_of``: read a plan
    year as the budget of that (earlier) year decided it instead."""
    rows = (
        Appropriation.objects.filter(
            kind=AppropriationKind.OPERATIONS,
            year=year,
            decision__budget_year__year=budget_of or year,
            decision__decided_on__isnull=False,
        )
        .values("unit_id", "decision__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return _figures(rows, "unit_id")


def investment_budgets(year: int) -> dict[int, BudgetFigures]:
    """Each investment project's decided budget for ``year``, keyed by project id."""
    rows = (
        Appropriation.objects.filter(
            kind=AppropriationKind.INVESTMENT,
            year=year,
            decision__budget_year__year=year,
            decision__decided_on__isnull=False,
        )
        .values("project_id", "decision__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return _figures(rows, "project_id")


def operating_outcome_by_unit(year: int, through_month: int) -> dict[int, Decimal]:
    """Net operating cost booked on each unit (ansvar) from January to ``through_month``."""
    rows = (
        OutcomeRow.objects.filter(OPERATING_ACCOUNTS, year=year, month__lte=through_month)
        .values("unit_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["unit_id"]: money(row["total"]) for row in rows}


def operating_outcome(year: int, through_month: int) -> dict[int, Decimal]:
    """Net operating cost per body (KS, nämnd, bolag), its units' rows summed up to it."""
    body_of = body_of_units()
    result: dict[int, Decimal] = {}
    for unit_id, total in operating_outcome_by_unit(year, through_month).items():
        body = body_of.get(unit_id)
        if body is not None:
            result[body] = result.get(body, ZERO) + total
    return result


def investment_outcome(year: int, through_month: int) -> dict[str, Decimal]:
    """What has been booked on each investment project (by project code) this year so far."""
    rows = (
        OutcomeRow.objects.filter(year=year, month__lte=through_month)
        .exclude(project="")
        .values("project")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {row["project"]: money(row["total"]) for row in rows}


def forecasts(period_id: int) -> dict[int, Forecast]:
    """The operating forecasts entered in a period, keyed by body id."""
    return {f.unit_id: f for f in Forecast.objects.filter(period_id=period_id)}


def investment_forecasts(period_id: int) -> dict[int, InvestmentForecast]:
    """The investment forecasts entered in a period, keyed by project id."""
    return {f.project_id: f for f in InvestmentForecast.objects.filter(period_id=period_id)}


def previous_period(period: ReportingPeriod) -> ReportingPeriod | None:
    """The period of the same year that ended before ``period`` (its forecast is compared)."""
    return (
        ReportingPeriod.objects.filter(year=period.year, ends_on__lt=period.ends_on)
        .order_by("-ends_on")
        .first()
    )


def deficit_action_plans(period_id: int) -> dict[int, ActionPlan]:
    """The åtgärdsplaner raised in a period for a forecast deficit, keyed by body id."""
    return {
        plan.unit_id: plan
        for plan in ActionPlan.objects.filter(period_id=period_id, cause=ActionPlanCause.DEFICIT)
    }


def deficits_without_current_plan(period: ReportingPeriod) -> list:
    """The bodies whose forecast in ``period`` shows a deficit beyond their delegation with no
    current åtgärdsplan answering it (``apps.economy.action_plans``, which reads this module)."""
    from apps.economy.action_plans import deficits_without_current_plan as uncovered

    return uncovered(period)


def decided_detail_lines(unit: Unit, year: int) -> dict[int, Decimal]:
    """The amounts of the decided detaljbudgets of ``year`` on ``unit`` and the units below
    it, keyed by unit id. One query."""
    return dict(
        DetailBudgetLine.objects.filter(
            detail_budget__year=year,
            detail_budget__state=DetailBudget.State.DECIDED,
            unit__tree_id=unit.tree_id,
            unit__lft__gte=unit.lft,
            unit__rght__lte=unit.rght,
        ).values_list("unit_id", "amount")
    )


# --- Budget med plan: the year page, a decision, a detaljbudget, the investments ----------
# (The budget part's own reads, used by apps.economy.views.budget.)


@dataclass(frozen=True)
class BodyBudget:
    """A body's operating budget for the budget year and its two plan years."""

    body: Unit
    years: tuple[BudgetFigures, BudgetFigures, BudgetFigures]


def budget_with_plan(year: int) -> tuple[list[BodyBudget], tuple[BudgetFigures, ...]]:
    """Every body's decided operating budget for ``year`` and the two plan years as
    ``year``'s budget decided them, with the totals per year. Bodies without any amount are
    left out. Four queries."""
    figures = [operating_budgets(y, budget_of=year) for y in (year, year + 1, year + 2)]
    rows = []
    for body in bodies(year=year):
        years = tuple(f.get(body.pk, BudgetFigures()) for f in figures)
        if any(body.pk in f for f in figures):
            rows.append(BodyBudget(body=body, years=years))
    totals = tuple(
        BudgetFigures(
            original=sum((r.years[i].original for r in rows), ZERO),
            changes=sum((r.years[i].changes for r in rows), ZERO),
        )
        for i in range(3)
    )
    return rows, totals


def decision_amounts(decision_id: int) -> dict[tuple[str, int, int], Decimal]:
    """A decision's amounts keyed by ("operations", unit id, year) or ("investment",
    project id, year). One query."""
    result = {}
    for kind, unit_id, project_id, year, amount in Appropriation.objects.filter(
        decision_id=decision_id
    ).values_list("kind", "unit_id", "project_id", "year", "amount"):
        key_id = project_id if kind == AppropriationKind.INVESTMENT else unit_id
        result[(kind, key_id, year)] = amount
    return result


def detail_budget_units(*, body: Unit, year: int) -> list[Unit]:
    """The body and its verksamheter and enheter valid at some time in ``year``, in tree
    order: the units a detaljbudget may budget on. One query."""
    return list(
        Unit.objects.filter(
            tree_id=body.tree_id,
            lft__gte=body.lft,
            rght__lte=body.rght,
            valid_from__lte=dt.date(year, 12, 31),
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1)))
        .order_by("lft")
    )


@dataclass(frozen=True)
class ProjectRow:
    project: InvestmentProject
    budget: BudgetFigures
    outcome: Decimal
    forecast_year: Decimal | None
    forecast_total: Decimal | None
    forecast_hidden: bool = False  # an open period's forecast the reader may not read

    @property
    def over_decided_total(self) -> bool:
        """The forecast total cost exceeds the decided total cost."""
        return self.forecast_total is not None and self.forecast_total > self.project.decided_total


@dataclass(frozen=True)
class ProjectGroup:
    """A body's investment projects with their totals."""

    body: Unit | None
    rows: list[ProjectRow]

    def _sum(self, attribute: str) -> Decimal:
        return sum((getattr(r, attribute) or ZERO for r in self.rows), ZERO)

    @property
    def decided_total(self) -> Decimal:
        return sum((r.project.decided_total for r in self.rows), ZERO)

    @property
    def budget(self) -> BudgetFigures:
        return BudgetFigures(
            original=sum((r.budget.original for r in self.rows), ZERO),
            changes=sum((r.budget.changes for r in self.rows), ZERO),
        )

    @property
    def outcome(self) -> Decimal:
        return self._sum("outcome")

    @property
    def forecast_hidden(self) -> bool:
        """A row's forecast is hidden: a total of the others would pass for the whole."""
        return any(r.forecast_hidden for r in self.rows)

    @property
    def forecast_year(self) -> Decimal | None:
        return None if self.forecast_hidden else self._sum("forecast_year")

    @property
    def forecast_total(self) -> Decimal | None:
        return None if self.forecast_hidden else self._sum("forecast_total")


@dataclass(frozen=True)
class InvestmentOverview:
    groups: list[ProjectGroup]
    total: ProjectGroup  # every project, for the totals row (its body is None)
    outcome_period: ReportingPeriod | None  # the period the outcome runs through
    forecast_period: ReportingPeriod | None  # the period the forecasts come from

    @property
    def hidden_forecasts(self) -> int:
        return sum(1 for r in self.total.rows if r.forecast_hidden)


def investment_overview(
    year: int,
    *,
    period: ReportingPeriod | None = None,
    body: Unit | None = None,
    reader: UserAccess | None = None,
) -> InvestmentOverview:
    """The investment projects running in ``year`` grouped per body: decided total, the
    year's budget, outcome to date, forecasts. Six queries, whatever the number of projects.

    Without ``period`` the outcome runs through the year's latest opened period and the
    forecasts are the latest made; with it, through that period and from forecasts made up
    to it, so that a closed period's report stays what it was. ``body``: its projects only.
    ``reader``: a forecast of an open period is left out (``forecast_hidden``) where the
    reader may not read the project's body's follow-up (``apps.followup.access``).
    """
    projects = InvestmentProject.objects.filter(first_year__lte=year, last_year__gte=year)
    if body is not None:
        projects = projects.filter(unit=body)
    projects = list(projects.select_related("unit").order_by("unit__tree_id", "unit__lft", "code"))
    budgets = investment_budgets(year)
    outcome_period = period or (
        ReportingPeriod.objects.filter(year=year, state__in=("open", "closed"))
        .order_by("-ends_on")
        .first()
    )
    outcome = investment_outcome(year, outcome_period.ends_on.month) if outcome_period else {}
    forecast_periods = ReportingPeriod.objects.filter(year=year, investment_forecasts__isnull=False)
    if period is not None:
        forecast_periods = forecast_periods.filter(ends_on__lte=period.ends_on)
    forecast_period = forecast_periods.order_by("-ends_on").first()
    project_forecasts = investment_forecasts(forecast_period.pk) if forecast_period else {}
    groups: list[ProjectGroup] = []
    every: list[ProjectRow] = []
    for project in projects:
        forecast = project_forecasts.get(project.pk)
        hidden = (
            reader is not None
            and forecast_period is not None
            and not can_read_followup(reader, project.unit, forecast_period)
        )
        if hidden:
            forecast = None
        row = ProjectRow(
            project=project,
            budget=budgets.get(project.pk, BudgetFigures()),
            outcome=outcome.get(project.code, ZERO),
            forecast_year=forecast.year_amount if forecast else None,
            forecast_total=forecast.total_amount if forecast else None,
            forecast_hidden=hidden,
        )
        if not groups or groups[-1].body.pk != project.unit_id:
            groups.append(ProjectGroup(body=project.unit, rows=[]))
        groups[-1].rows.append(row)
        every.append(row)
    return InvestmentOverview(
        groups=groups,
        total=ProjectGroup(body=None, rows=every),
        outcome_period=outcome_period,
        forecast_period=forecast_period,
    )


@dataclass(frozen=True)
class ForecastTodo:
    period: ReportingPeriod
    unit: Unit
    deadline: dt.date
    forecast: Forecast | None

    @property
    def overdue(self) -> bool:
        return self.forecast is None and timezone.localdate() > self.deadline


def forecast_todo(access, periods) -> list[ForecastTodo]:
    """The forecasts the user's own bodies (as editor) owe in the open periods, with each
    body's deadline: two queries per period. Ekonomer see them all on the overview instead."""
    own = [u for u in access.editor_units() if u.kind in BODY_KINDS]
    if not own:
        return []
    items = []
    for period in periods:
        done = {f.unit_id: f for f in Forecast.objects.filter(period=period, unit__in=own)}
        deadlines = deadlines_for(period, own)
        items += [ForecastTodo(period, u, deadlines[u.pk], done.get(u.pk)) for u in own]
    return items
