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


def decided_operating_appropriations(year: int, *, budget_of: int | None = None):
    """The appropriations that make up the bodies' decided operating frames for ``year``.

    Only the decisions of ``year``'s own budget count: the plan years of earlier budgets
    were plans, and the year's frame budget decides them anew. ``budget_of``: read a plan
    year as the budget of that (earlier) year decided it instead. The one definition behind
    ``operating_budgets`` and one body's frame on its plan (``strategic_plan.frame_of``)."""
    return Appropriation.objects.filter(
        kind=AppropriationKind.OPERATIONS,
        year=year,
        decision__budget_year__year=budget_of or year,
        decision__decided_on__isnull=False,
    )


def operating_budgets(year: int, *, budget_of: int | None = None) -> dict[int, BudgetFigures]:
    """Each body's decided operating frame for ``year``: original, changes and current
    (``decided_operating_appropriations``)."""
    rows = (
        decided_operating_appropriations(year, budget_of=budget_of)
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


# --- The driftredovisning: one read for the overview, its Excel and the reports -------------


@dataclass(frozen=True)
class BodyOperating:
    """A body's line of the driftredovisning: its decided frame for the year, its net cost
    to date, the period's full-year forecast and the previous period's. A forecast the
    reader may not read is None with ``forecast_hidden``."""

    body: Unit
    budget: BudgetFigures | None  # None: no decided frame
    outcome: Decimal
    forecast: Forecast | None
    previous_forecast: Forecast | None = None
    forecast_hidden: bool = False

    @property
    def current(self) -> Decimal | None:
        return self.budget.current if self.budget is not None else None

    @property
    def forecast_amount(self) -> Decimal | None:
        return self.forecast.amount if self.forecast is not None else None

    @property
    def without_forecast(self) -> bool:
        """No forecast entered (one the reader may not read is not missing)."""
        return self.forecast is None and not self.forecast_hidden

    @property
    def counted_forecast(self) -> Decimal | None:
        """The full-year forecast the driftredovisning counts: the body's own, or, without
        one, its current budget ("ingen prognos – budget"; none decided: zero), the rule the
        resultaträkning's forecast follows too (``statements.income_statement``). None only
        when the reader may not read it."""
        if self.forecast_hidden:
            return None
        if self.forecast is not None:
            return self.forecast.amount
        return self.current if self.current is not None else ZERO

    @property
    def deviation(self) -> Decimal | None:
        """Current budget (zero without a decided one) minus the counted full-year forecast:
        negative is a deficit. A body without a forecast deviates by nothing."""
        counted = self.counted_forecast
        return None if counted is None else (self.current or ZERO) - counted

    @property
    def outcome_deviation(self) -> Decimal:
        """Current budget (zero without a decided one) minus the outcome (the year's, in an
        annual report)."""
        return (self.current or ZERO) - self.outcome

    @property
    def has_figures(self) -> bool:
        return self.budget is not None or bool(self.outcome) or self.forecast is not None


@dataclass(frozen=True)
class OperatingAccounts:
    period: ReportingPeriod
    previous: ReportingPeriod | None  # the period whose forecasts are compared
    rows: list[BodyOperating]  # every body valid in the year, in tree order

    @property
    def outcome(self) -> Decimal:
        """The driftredovisning's net cost to date: the rows' outcome summed."""
        return sum((r.outcome for r in self.rows), ZERO)

    @property
    def hidden_forecasts(self) -> int:
        return sum(1 for r in self.rows if r.forecast_hidden)


def operating_accounts(
    period: ReportingPeriod,
    *,
    reader: UserAccess | None = None,
    with_forecasts: bool = True,
    with_previous: bool = True,
) -> OperatingAccounts:
    """Every body's figures for ``period``: the one driftredovisning the economy overview,
    its Excel export, the reports and the reconciliation with the RR read. ``reader``: an
    open period's forecasts are left out where the reader may not read the body's follow-up
    (``apps.followup.access``); the reports read them all. Without ``with_forecasts`` (an
    annual report, the reconciliation) no forecast is read, without ``with_previous`` not
    the previous period's. Seven queries at most (four with neither), whatever the number
    of bodies."""
    year, month = period.year, period.ends_on.month
    budgets = operating_budgets(year)
    outcome = operating_outcome(year, month)
    period_forecasts = forecasts(period.pk) if with_forecasts else {}
    previous = previous_period(period) if with_forecasts and with_previous else None
    previous_forecasts = forecasts(previous.pk) if previous else {}
    rows = []
    for body in bodies(year=year):
        shown = reader is None or can_read_followup(reader, body, period)
        earlier = previous_forecasts.get(body.pk)
        if earlier and reader is not None and not can_read_followup(reader, body, previous):
            earlier = None
        rows.append(
            BodyOperating(
                body=body,
                budget=budgets.get(body.pk),
                outcome=outcome.get(body.pk, ZERO),
                forecast=period_forecasts.get(body.pk) if shown else None,
                previous_forecast=earlier,
                forecast_hidden=not shown,
            )
        )
    return OperatingAccounts(period=period, previous=previous, rows=rows)


@dataclass(frozen=True)
class UnitOperating:
    """A unit's line in a body's drill-down: its decided detaljbudget lines and its outcome,
    summed over its subtree (``direct``: booked on the unit itself, not below it)."""

    unit: Unit
    budget: Decimal | None
    outcome: Decimal
    has_children: bool = False
    direct: bool = False

    @property
    def share(self) -> Decimal | None:
        """The share of the budget used so far, in percent."""
        if not self.budget:
            return None
        return self.outcome / self.budget * 100


def _valid_in(unit: Unit, year: int) -> bool:
    return unit.valid_from.year <= year and (unit.valid_to is None or unit.valid_to.year >= year)


def unit_operating_rows(
    unit: Unit,
    subtree: list[Unit],
    *,
    year: int,
    lines: dict[int, Decimal],
    outcome: dict[int, Decimal],
) -> tuple[UnitOperating | None, list[UnitOperating]]:
    """What is booked on ``unit`` itself (None when nothing is) and one row per child with
    its subtree summed, from the units, detaljbudget lines (``decided_detail_lines``) and
    outcome (``operating_outcome_by_unit``) already read: the one drill-down computation
    of the economy overview and the nämnd's report. A child closed before ``year`` with
    nothing on it is left out. No queries."""
    own_budget, own_outcome = lines.get(unit.pk), outcome.get(unit.pk, ZERO)
    direct = None
    if own_budget is not None or own_outcome:
        direct = UnitOperating(unit=unit, budget=own_budget, outcome=own_outcome, direct=True)
    rows = []
    for child in (u for u in subtree if u.parent_id == unit.pk):
        below = [u for u in subtree if child.lft <= u.lft and u.rght <= child.rght]
        budget = sum_present(lines.get(u.pk) for u in below)
        spent = sum((outcome.get(u.pk, ZERO) for u in below), ZERO)
        if not _valid_in(child, year) and budget is None and not spent:
            continue  # a unit closed before the year, with nothing on it
        rows.append(
            UnitOperating(unit=child, budget=budget, outcome=spent, has_children=len(below) > 1)
        )
    return direct, rows


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
    """A project's figures for the year. ``forecast_year`` and ``forecast_total`` are the
    forecast as entered (None: none made); ``year_forecast`` and ``total_forecast`` are what
    the tables print and total: a project without a forecast counts with its budget for the
    year and its decided total cost (``without_forecast`` says so beside it)."""

    project: InvestmentProject
    budget: BudgetFigures
    outcome: Decimal
    forecast_year: Decimal | None
    forecast_total: Decimal | None
    forecast_hidden: bool = False  # an open period's forecast the reader may not read

    @property
    def without_forecast(self) -> bool:
        """No forecast was made: the budget and the decided total stand in for it."""
        return not self.forecast_hidden and self.forecast_year is None

    @property
    def year_forecast(self) -> Decimal | None:
        """The net investment forecast for the year: the forecast, else the current budget."""
        if self.forecast_hidden:
            return None
        return self.budget.current if self.forecast_year is None else self.forecast_year

    @property
    def total_forecast(self) -> Decimal | None:
        """The forecast total cost: the forecast, else the decided total cost."""
        if self.forecast_hidden:
            return None
        return self.project.decided_total if self.forecast_total is None else self.forecast_total

    @property
    def forecast_deviation(self) -> Decimal | None:
        """Decided total cost minus the forecast total cost; negative: over the decided."""
        return difference(self.project.decided_total, self.total_forecast)

    @property
    def over_decided_total(self) -> bool:
        """The forecast total cost exceeds the decided total cost."""
        return self.forecast_total is not None and self.forecast_total > self.project.decided_total


@dataclass(frozen=True)
class ProjectGroup:
    """Investment projects with their totals, each the sum of the rows' printed column."""

    body: Unit | None
    rows: list[ProjectRow]

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
        return sum((r.outcome for r in self.rows), ZERO)

    @property
    def forecast_hidden(self) -> bool:
        """A row's forecast is hidden: a total of the others would pass for the whole."""
        return any(r.forecast_hidden for r in self.rows)

    @property
    def without_forecast(self) -> int:
        return sum(1 for r in self.rows if r.without_forecast)

    @property
    def year_forecast(self) -> Decimal | None:
        if self.forecast_hidden or not self.rows:
            return None
        return sum((r.year_forecast for r in self.rows), ZERO)

    @property
    def total_forecast(self) -> Decimal | None:
        if self.forecast_hidden or not self.rows:
            return None
        return sum((r.total_forecast for r in self.rows), ZERO)

    @property
    def forecast_deviation(self) -> Decimal | None:
        """The total's decided cost minus its forecast total cost: from its own columns."""
        return difference(self.decided_total, self.total_forecast)


@dataclass(frozen=True)
class InvestmentOverview:
    groups: list[ProjectGroup]
    total: ProjectGroup  # every project, for the totals row (its body is None)
    outcome_period: ReportingPeriod | None  # the period the outcome runs through
    forecast_period: ReportingPeriod | None  # the period the forecasts come from

    @property
    def hidden_forecasts(self) -> int:
        return sum(1 for r in self.total.rows if r.forecast_hidden)

    @property
    def net_investments_forecast(self) -> Decimal | None:
        """The net investments forecast for the year: every project's forecast for the year,
        its budget where it has none. The one definition the key figures, the overview and
        every report read. None with no project, or with a forecast the reader may not read.
        """
        return self.total.year_forecast


def investment_overview(
    year: int,
    *,
    period: ReportingPeriod | None = None,
    body: Unit | None = None,
    reader: UserAccess | None = None,
    booked: dict[str, Decimal] | None = None,
) -> InvestmentOverview:
    """The investment projects running in ``year`` grouped per body: decided total, the
    year's budget, outcome to date, forecasts. Five queries (four with ``period``, one
    fewer with ``booked``: ``investment_outcome`` already read), whatever the number of
    projects.

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
    if booked is not None:
        outcome = booked
    else:
        outcome = investment_outcome(year, outcome_period.ends_on.month) if outcome_period else {}
    # The year's forecasts up to the period, in one query: the latest period's are used.
    made = InvestmentForecast.objects.filter(period__year=year).select_related("period")
    if period is not None:
        made = made.filter(period__ends_on__lte=period.ends_on)
    made = list(made.order_by("-period__ends_on"))
    forecast_period = made[0].period if made else None
    project_forecasts = {f.project_id: f for f in made if f.period_id == made[0].period_id}
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
