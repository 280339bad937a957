"""The forecast page: a body's editors and ekonomer enter its full-year forecast for a period,
see the deviation from the budget, raise an åtgärdsplan for a deficit, and forecast the
body's investment projects."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.locking import Conflict, StaleEdit, conflict_for
from apps.core.views import action_pk
from apps.economy import selectors
from apps.economy.action_plans import ActionPlanState, current_deficit_plans
from apps.economy.forms.forecasts import ForecastForm, InvestmentForecastForm
from apps.economy.models import Forecast, InvestmentForecast, InvestmentProject
from apps.economy.services import may_write_for_body
from apps.economy.services.forecasts import forecast_save, investment_forecast_save
from apps.economy.views import BudgetAgainstForecast
from apps.followup.models import ActionPlan, ActionPlanCause
from apps.followup.services import action_plan_create
from apps.organisation.models import Unit
from apps.periods.models import PeriodState, ReportingPeriod
from apps.periods.services import reporting_deadline
from styrmodell.lib.formats import MONTH_NAMES, format_tkr

ZERO = selectors.ZERO


@dataclass
class ProjectRow:
    project: InvestmentProject
    budget: Decimal | None
    outcome: Decimal
    forecast: InvestmentForecast | None
    form: InvestmentForecastForm
    conflict: Conflict | None = None


@dataclass
class ForecastPage(BudgetAgainstForecast):
    budget: Decimal | None
    outcome: Decimal
    previous_period: ReportingPeriod | None
    previous: Forecast | None
    forecast: Forecast | None
    action_plan: ActionPlan | None  # the body's current deficit plan as of the period
    plan_state: ActionPlanState | None = None

    @property
    def needs_action_plan(self) -> bool:
        return bool(self.deficit) and not self.forecast.deficit_handled


def _page(unit: Unit, period: ReportingPeriod) -> ForecastPage:
    year, month = period.year, period.ends_on.month
    budget = selectors.operating_budgets(year).get(unit.pk)
    earlier = selectors.previous_period(period)
    # A plan from earlier in the year still answers the deficit unless it has grown (flagged).
    plan = current_deficit_plans(period, units=[unit]).get(unit.pk)
    return ForecastPage(
        budget=budget.current if budget else None,
        outcome=selectors.operating_outcome(year, month).get(unit.pk, ZERO),
        previous_period=earlier,
        previous=Forecast.objects.filter(unit=unit, period=earlier).first() if earlier else None,
        forecast=Forecast.objects.filter(unit=unit, period=period).first(),
        action_plan=plan.plan if plan else None,
        plan_state=plan,
    )


def _projects(
    unit: Unit, period: ReportingPeriod, bound: dict, conflicts: dict
) -> list[ProjectRow]:
    year = period.year
    projects = list(
        InvestmentProject.objects.filter(unit=unit, first_year__lte=year, last_year__gte=year)
    )
    budgets = selectors.investment_budgets(year)
    outcome = selectors.investment_outcome(year, period.ends_on.month)
    forecasts = {
        f.project_id: f
        for f in InvestmentForecast.objects.filter(period=period, project__in=projects)
    }
    rows = []
    for project in projects:
        forecast = forecasts.get(project.pk)
        budget = budgets.get(project.pk)
        form = bound.get(project.pk) or InvestmentForecastForm(
            prefix=f"p{project.pk}",
            initial={
                "year_amount": forecast.year_amount,
                "total_amount": forecast.total_amount,
                "comment": forecast.comment,
                "version": forecast.version,
            }
            if forecast
            else {"version": 0},
        )
        rows.append(
            ProjectRow(
                project=project,
                budget=budget.current if budget else None,
                outcome=outcome.get(project.code, ZERO),
                forecast=forecast,
                form=form,
                conflict=conflicts.get(project.pk),
            )
        )
    return rows


@login_required
def forecast_entry(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit = get_object_or_404(Unit, pk=unit_pk, kind__in=selectors.BODY_KINDS)
    access = access_for(request.user)
    can_write = may_write_for_body(request.user, unit)
    if not (can_write or access.reads_unpublished):
        raise PermissionDenied
    url = reverse("economy:forecast", args=[period.pk, unit.pk])
    reason = _("Forecast in %(period)s") % {"period": period}
    form, conflict, bound_projects, project_conflicts = None, None, {}, {}
    if request.method == "POST":
        access.require(can_write)
        action = request.POST.get("action", "")
        try:
            if action == "forecast":
                form = ForecastForm(request.POST, prefix="f")
                if form.is_valid():
                    data = form.cleaned_data
                    try:
                        forecast_save(
                            actor=request.user,
                            unit=unit,
                            period=period,
                            amount=data["amount"],
                            comment=data["comment"],
                            deficit_handled=data["deficit_handled"],
                            expected_version=data["version"],
                            reason=reason,
                        )
                    except StaleEdit as stale:
                        conflict = conflict_for(form, stale)
                    except ValidationError as error:
                        add_service_errors(form, error)
                    else:
                        messages.success(request, _("The forecast was saved."))
                        return redirect(url)
            elif action.startswith("project-"):
                project = get_object_or_404(
                    InvestmentProject, pk=action_pk(action, "project-"), unit=unit
                )
                project_form = InvestmentForecastForm(request.POST, prefix=f"p{project.pk}")
                bound_projects[project.pk] = project_form
                if project_form.is_valid():
                    data = dict(project_form.cleaned_data)
                    version = data.pop("version")
                    try:
                        investment_forecast_save(
                            actor=request.user,
                            project=project,
                            period=period,
                            expected_version=version,
                            reason=reason,
                            **data,
                        )
                    except StaleEdit as stale:
                        project_conflicts[project.pk] = conflict_for(project_form, stale)
                    except ValidationError as error:
                        add_service_errors(project_form, error)
                    else:
                        messages.success(
                            request,
                            _("The forecast for %(project)s was saved.") % {"project": project},
                        )
                        return redirect(f"{url}#project-{project.pk}")
            elif action == "actionplan":
                forecast = Forecast.objects.filter(unit=unit, period=period).first()
                plan = action_plan_create(
                    actor=request.user,
                    unit=unit,
                    period=period,
                    cause=ActionPlanCause.DEFICIT,
                    description=_("Forecast deficit of %(amount)s in %(period)s. %(comment)s")
                    % {
                        "amount": format_tkr(_page(unit, period).deficit),
                        "period": period,
                        "comment": forecast.comment if forecast else "",
                    },
                    reason=_("Forecast deficit the committee cannot handle"),
                )
                return redirect("followup:action_plan", pk=plan.pk)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You cannot write here."))
            return redirect(url)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(url)
    page = _page(unit, period)
    if form is None:
        form = ForecastForm(
            prefix="f",
            initial={
                "amount": page.forecast.amount if page.forecast else None,
                "comment": page.forecast.comment if page.forecast else "",
                "deficit_handled": page.forecast.deficit_handled if page.forecast else False,
                "version": page.forecast.version if page.forecast else 0,
            },
        )
    deadline, late = reporting_deadline(period, unit, actor=request.user)
    late = late and can_write and period.state == PeriodState.OPEN
    return render(
        request,
        "economy/forecasts/entry.html",
        {
            "period": period,
            "unit": unit,
            "deadline": deadline,
            "late": late,
            "page": page,
            "form": form,
            "conflict": conflict,
            "projects": _projects(unit, period, bound_projects, project_conflicts),
            "can_write": can_write and period.state == PeriodState.OPEN and not late,
            "can_raise_plan": access.can_edit_for(unit)
            and period.state == PeriodState.OPEN
            and not late,
            "through": MONTH_NAMES[period.ends_on.month - 1],
        },
    )
