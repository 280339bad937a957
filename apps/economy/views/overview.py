"""The ekonom's overview of a period: every body's budget, outcome to date, forecast and
deviation in one table, with a chart, a drill-down into each body's units, and Excel exports.

Politicians and everyone else with a role read these pages; links to the forecast page are
shown only to those who may write the forecast. An open period's forecasts, and what follows
from them (deviation, åtgärdsplan), are shown only to those who may read the body's follow-up
(``apps.followup.access``): the body's editors, ekonomer and administrators; every reader
sees them once the period is closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from apps.accounts.access import UserAccess, access_for
from apps.economy import selectors, statements
from apps.economy.action_plans import ActionPlanState, current_deficit_plans
from apps.economy.models import Forecast
from apps.economy.services import may_write_for_body
from apps.economy.views import BudgetAgainstForecast, xlsx_response
from apps.followup.access import can_read_followup
from apps.followup.models import ActionPlan
from apps.organisation.models import Unit
from apps.periods.models import PeriodState, ReportingPeriod
from styrmodell.lib import xlsx
from styrmodell.lib.charts import BudgetBar, budget_chart
from styrmodell.lib.formats import MONTH_NAMES

ZERO = selectors.ZERO


# --- The overview: one row per body ---------------------------------------------------------


@dataclass
class BodyRow(BudgetAgainstForecast):
    unit: Unit
    budget: Decimal | None
    outcome: Decimal
    forecast: Forecast | None
    previous: Decimal | None
    plan_state: ActionPlanState | None = None  # the body's current deficit plan and its state
    can_forecast: bool = False
    forecast_hidden: bool = False  # the period is open and the reader not the body's
    # The driftredovisning's forecast and deviation (``selectors.BodyOperating``): without a
    # forecast the budget is counted ("ingen prognos – budget"), as in the reports and the RR
    counted_forecast: Decimal | None = None
    counted_deviation: Decimal | None = None

    @property
    def without_forecast(self) -> bool:
        return self.forecast is None and not self.forecast_hidden

    @property
    def action_plan(self) -> ActionPlan | None:
        return self.plan_state.plan if self.plan_state else None

    @property
    def needs_action_plan(self) -> bool:
        return bool(self.deficit) and not self.forecast.deficit_handled and not self.action_plan


@dataclass
class Totals:
    budget: Decimal | None
    outcome: Decimal
    forecast: Decimal | None
    deviation: Decimal | None
    previous: Decimal | None


@dataclass
class Overview:
    period: ReportingPeriod
    previous: ReportingPeriod | None
    rows: list[BodyRow]
    accounts: selectors.OperatingAccounts | None = None  # the read the rows come from
    totals: Totals = field(init=False)

    def __post_init__(self) -> None:
        # A total of only the forecasts one may read would pass for the kommun's: none then.
        partial = self.hidden_forecasts > 0
        self.totals = Totals(
            budget=selectors.sum_present(r.budget for r in self.rows),
            outcome=sum((r.outcome for r in self.rows), ZERO),
            forecast=None
            if partial
            else selectors.sum_present(r.counted_forecast for r in self.rows),
            deviation=None
            if partial
            else selectors.sum_present(r.counted_deviation for r in self.rows),
            previous=selectors.sum_present(r.previous for r in self.rows),
        )

    @property
    def hidden_forecasts(self) -> int:
        return sum(1 for r in self.rows if r.forecast_hidden)

    @property
    def missing_forecasts(self) -> int:
        """Bodies with a budget and no forecast: their budget is counted as the forecast."""
        return sum(1 for r in self.rows if r.without_forecast and r.budget is not None)


def economy_overview(period: ReportingPeriod, access: UserAccess) -> Overview:
    """Every body's figures for ``period`` (``selectors.operating_accounts``, the
    driftredovisning the reports print) with the åtgärdsplaner and who may forecast; a fixed
    number of queries, whatever the number of bodies."""
    accounts = selectors.operating_accounts(period, reader=access)
    plans = current_deficit_plans(period, access=access)
    rows = [
        BodyRow(
            unit=row.body,
            budget=row.current,
            outcome=row.outcome,
            forecast=row.forecast,
            previous=row.previous_forecast.amount if row.previous_forecast else None,
            plan_state=None if row.forecast_hidden else plans.get(row.body.pk),
            can_forecast=may_write_for_body(access.user, row.body),
            forecast_hidden=row.forecast_hidden,
            counted_forecast=row.counted_forecast,
            counted_deviation=row.deviation,
        )
        for row in accounts.rows
    ]
    return Overview(period=period, previous=accounts.previous, rows=rows, accounts=accounts)


# --- The drill-down: a unit's children, one level at a time ---------------------------------


# A unit's row: the economy's one drill-down computation (``selectors.unit_operating_rows``).
UnitRow = selectors.UnitOperating


@dataclass
class Drilldown:
    period: ReportingPeriod
    unit: Unit
    body: Unit
    ancestors: list[Unit]  # from the body down to the unit's parent
    rows: list[UnitRow]
    total: UnitRow
    has_detail_budget: bool
    forecast: Forecast | None = None
    forecast_hidden: bool = False


def unit_drilldown(unit: Unit, period: ReportingPeriod, access: UserAccess) -> Drilldown:
    """``unit``'s children with their budget from the decided detaljbudget and their outcome
    to date, each summed over its own subtree; six queries, whatever the size of the tree.
    The body's forecast only where ``access`` may read it (see the module's docstring)."""
    year = period.year
    tree = list(unit.get_family().order_by("lft"))  # ancestors, the unit and its subtree
    ancestors = [u for u in tree if u.lft < unit.lft]
    subtree = [u for u in tree if u.lft >= unit.lft]
    body_position = next(
        (i for i in range(len(ancestors) - 1, -1, -1)
         if ancestors[i].kind in selectors.BODY_KINDS),
        None,
    )  # fmt: skip
    if unit.kind in selectors.BODY_KINDS:
        body, ancestors = unit, []
    elif body_position is not None:
        body, ancestors = ancestors[body_position], ancestors[body_position:]
    else:
        raise Http404  # KF and units outside any body have no budget of their own
    lines = selectors.decided_detail_lines(unit, year)
    outcome = selectors.operating_outcome_by_unit(year, period.ends_on.month)
    direct, children = selectors.unit_operating_rows(
        unit, subtree, year=year, lines=lines, outcome=outcome
    )
    rows = [direct, *children] if direct else children
    budget = selectors.sum_present(lines.get(u.pk) for u in subtree)
    spent = sum((outcome.get(u.pk, ZERO) for u in subtree), ZERO)
    forecast = None
    forecast_hidden = not can_read_followup(access, body, period)
    if unit == body and not forecast_hidden:
        frame = selectors.operating_budgets(year).get(unit.pk)
        budget = frame.current if frame else budget
        forecast = Forecast.objects.filter(unit=unit, period=period).first()
    return Drilldown(
        period=period,
        unit=unit,
        body=body,
        ancestors=ancestors,
        rows=rows,
        total=UnitRow(unit=unit, budget=budget, outcome=spent),
        has_detail_budget=bool(lines),
        forecast=forecast,
        forecast_hidden=forecast_hidden,
    )


# --- Pages --------------------------------------------------------------------------------


def _reader(request: HttpRequest) -> UserAccess:
    access = access_for(request.user)
    access.require(access.can_read)
    return access


def _through(period: ReportingPeriod) -> str:
    return MONTH_NAMES[period.ends_on.month - 1]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The latest open period's overview, else the latest period's."""
    _reader(request)
    periods = ReportingPeriod.objects.order_by("-ends_on")
    period = periods.filter(state=PeriodState.OPEN).first() or periods.first()
    if period is None:
        return render(request, "economy/overview/no_periods.html")
    return redirect("economy:overview", period_pk=period.pk)


@login_required
def overview(request: HttpRequest, period_pk: int) -> HttpResponse:
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    data = economy_overview(period, access)
    chart = budget_chart(
        [
            BudgetBar(r.unit.short_name or r.unit.name, r.budget, r.outcome, r.forecast_amount)
            for r in data.rows
        ],
        title=_("Budget, outcome to date and full-year forecast per committee, %(period)s")
        % {"period": period},
        chart_id="economy-chart",
        series_labels=(_("Budget"), _("Outcome to date"), _("Forecast")),
        unit=_("mnkr"),
        empty_label=_("No amounts yet"),
    )
    return render(
        request,
        "economy/overview/overview.html",
        {
            "data": data,
            "period": period,
            "through": _through(period),
            "chart": mark_safe(chart),  # built from escaped text only
            "periods": ReportingPeriod.objects.order_by("-ends_on"),
            # The reports' reconciliation with the resultaträkning, from the same read
            "reconciliation": statements.drift_reconciliation(period, accounts=data.accounts),
        },
    )


@login_required
def drilldown(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    data = unit_drilldown(get_object_or_404(Unit, pk=unit_pk), period, access)
    return render(
        request,
        "economy/overview/drilldown.html",
        {
            "data": data,
            "period": period,
            "through": _through(period),
            "can_forecast": may_write_for_body(access.user, data.body),
        },
    )


def _header_through(period: ReportingPeriod) -> str:
    return _("Outcome to date (through %(month)s), kr") % {"month": _through(period)}


@login_required
def overview_xlsx(request: HttpRequest, period_pk: int) -> HttpResponse:
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    data = economy_overview(period, access)
    amount = xlsx.AMOUNT_FORMAT
    previous = (
        _("Forecast %(period)s, kr") % {"period": data.previous.short_label}
        if data.previous
        else _("Previous forecast, kr")
    )
    sheet = xlsx.Sheet(
        title=_("Operations"),
        columns=[
            xlsx.Column(_("Committee or company")),
            xlsx.Column(_("Current budget, kr"), amount),
            xlsx.Column(_header_through(period), amount),
            xlsx.Column(_("Full-year forecast, kr"), amount),
            xlsx.Column(_("Deviation (budget − forecast), kr"), amount),
            xlsx.Column(previous, amount),
            xlsx.Column(_("Action plan")),
        ],
        rows=[
            (
                r.unit.name,
                r.budget,
                r.outcome,
                r.counted_forecast,
                r.counted_deviation,
                r.previous,
                _action_plan_text(r),
            )
            for r in data.rows
        ],
        total_row=(
            _("Total"),
            data.totals.budget,
            data.totals.outcome,
            data.totals.forecast,
            data.totals.deviation,
            data.totals.previous,
            None,
        ),
    )
    check = statements.drift_reconciliation(period, accounts=data.accounts)
    reconciliation = xlsx.Sheet(
        title=_("Reconciliation"),
        columns=[xlsx.Column(_("Item")), xlsx.Column(_header_through(period), amount)],
        rows=[(label, value) for label, value, _total in check.rows],
    )
    return xlsx_response([sheet, reconciliation], _("economy %(period)s") % {"period": period})


def _action_plan_text(row: BodyRow) -> str:
    if row.plan_state:
        flag = row.plan_state.flag
        return f"{row.plan_state.label}: {flag}" if flag else row.plan_state.label
    if row.needs_action_plan:
        return _("Needed")
    if row.deficit:
        return _("Handled within the delegation")
    return ""


@login_required
def drilldown_xlsx(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    data = unit_drilldown(get_object_or_404(Unit, pk=unit_pk), period, access)
    sheet = xlsx.Sheet(
        title=_("Units"),
        columns=[
            xlsx.Column(_("Unit")),
            xlsx.Column(_("Responsibility code")),
            xlsx.Column(_("Budget, kr"), xlsx.AMOUNT_FORMAT),
            xlsx.Column(_header_through(period), xlsx.AMOUNT_FORMAT),
            xlsx.Column(_("Share of budget used"), xlsx.PERCENT_FORMAT),
        ],
        rows=[
            (
                _("Booked directly on %(unit)s") % {"unit": r.unit.name}
                if r.direct
                else r.unit.name,
                r.unit.ansvarskod,
                r.budget,
                r.outcome,
                r.share / 100 if r.share is not None else None,
            )
            for r in data.rows
        ],
        total_row=(
            _("Total"),
            data.unit.ansvarskod,
            data.total.budget,
            data.total.outcome,
            data.total.share / 100 if data.total.share is not None else None,
        ),
    )
    return xlsx_response([sheet], f"{data.unit.name} {period}")
