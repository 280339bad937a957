"""The finansförvaltning's pages: its full-year forecast per period beside the forecast
result it gives, the earlier years' figures, and the rules for god ekonomisk hushållning.

Each page is read with one GET view and written with one POST view per form; a refused
POST renders the page again through the page's render function, with the form's errors.
The ekonomer and the administrators write; the forecast of an open period is read by those
who may read its forecasts (``apps.followup.access``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.history import fields_named, history_entries
from apps.core.locking import StaleEdit, conflict_for
from apps.economy import finance, statements
from apps.economy.forms.finance import (
    FinanceForecastForm,
    GoodManagementRuleForm,
    YearFiguresForm,
)
from apps.economy.models import FinanceForecast, GoodManagementRule, YearFigures
from apps.economy.services import finance as services
from apps.economy.services import may_manage_economy, require_economy_manager
from apps.followup.access import can_read_followup
from apps.periods.models import PeriodState, ReportingPeriod

# --- Finansförvaltningens prognos -----------------------------------------------------------


def _forecast_initial(forecast: FinanceForecast | None) -> dict:
    if forecast is None:
        return {"version": 0, "central_deviation": 0}
    names = ("tax_revenue", "general_grants", "financial_income", "financial_costs")
    initial = {name: getattr(forecast, name) for name in names}
    initial.update(
        central_deviation=forecast.central_deviation,
        source=forecast.source,
        comment=forecast.comment,
        version=forecast.version,
    )
    return initial


def _period_for_finance(request: HttpRequest, period_pk: int) -> ReportingPeriod:
    access = access_for(request.user)
    access.require(access.can_read)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    # An open period's forecasts are the ekonomer's until it is closed.
    access.require(can_read_followup(access, None, period))
    return period


def _render_forecast(
    request: HttpRequest, period: ReportingPeriod, form=None, conflict=None
) -> HttpResponse:
    month = period.ends_on.month
    book = statements.ledger(period.year, month)
    income = statements.income_statement(period.year, month, period_id=period.pk, book=book)
    result = finance.forecast_result(period, basis=income.basis)
    can_write = may_manage_economy(request.user) and period.state == PeriodState.OPEN
    if form is None:
        form = FinanceForecastForm(initial=_forecast_initial(result.finance))
    reconciliation = statements.drift_reconciliation(period, book=book, income=income)
    return render(
        request,
        "economy/finance/forecast.html",
        {
            "period": period,
            "result": result,
            "form": form,
            "conflict": conflict,
            "can_write": can_write,
            "reconciliation": reconciliation,
        },
        # A refused form is a 400; a conflict is a page to merge on, as on every other page.
        status=400 if form.is_bound and form.errors and conflict is None else 200,
    )


@login_required
def finance_forecast(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The finansförvaltning's forecast of the period and the forecast result it gives."""
    return _render_forecast(request, _period_for_finance(request, period_pk))


@login_required
@require_POST
def finance_forecast_save(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_for_finance(request, period_pk)
    require_economy_manager(request.user)
    form = FinanceForecastForm(request.POST)
    if not form.is_valid():
        return _render_forecast(request, period, form)
    data = form.cleaned_data
    try:
        services.finance_forecast_set(
            actor=request.user,
            period=period,
            tax_revenue=data["tax_revenue"],
            general_grants=data["general_grants"],
            financial_income=data["financial_income"],
            financial_costs=data["financial_costs"],
            central_deviation=data["central_deviation"],
            source=data["source"],
            comment=data["comment"],
            expected_version=data["version"],
            reason=data["change_reason"],
        )
    except StaleEdit as stale:
        return _render_forecast(request, period, form, conflict_for(form, stale))
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect("economy:finance_forecast", period_pk=period.pk)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_forecast(request, period, form)
    messages.success(request, _("The finance forecast was saved."))
    return redirect("economy:finance_forecast", period_pk=period.pk)


# --- Earlier years' figures -------------------------------------------------------------------

YEAR_FIELDS = services.YEAR_FIGURE_FIELDS


def _render_years(request: HttpRequest, bound: YearFiguresForm | None = None, conflict=None):
    rows = list(YearFigures.objects.order_by("-year"))
    bound_year = bound.data.get("year") if bound is not None else None
    forms = []
    for row in rows:
        if bound is not None and bound_year == str(row.year):
            forms.append((row, bound))
            continue
        initial = {name: getattr(row, name) for name in YEAR_FIELDS}
        initial.update(year=row.year, version=row.version)
        forms.append(
            (row, YearFiguresForm(initial=initial, fixed_year=True, auto_id=f"id_{row.year}_%s"))
        )
    known = {str(row.year) for row in rows}
    new = bound if bound is not None and bound_year not in known else None
    new = new or YearFiguresForm(initial={"version": 0})
    return render(
        request,
        "economy/finance/year_figures.html",
        {"forms": forms, "new_form": new, "conflict": conflict},
        status=400 if bound is not None and conflict is None else 200,
    )


@login_required
def year_figures(request: HttpRequest) -> HttpResponse:
    """The earlier years' figures, one form per year, and a form for another year."""
    require_economy_manager(request.user)
    return _render_years(request)


@login_required
@require_POST
def year_figures_save(request: HttpRequest) -> HttpResponse:
    require_economy_manager(request.user)
    year = request.POST.get("year", "")
    fixed = year.isascii() and year.isdigit() and YearFigures.objects.filter(year=year).exists()
    form = YearFiguresForm(
        request.POST, fixed_year=fixed, auto_id=f"id_{year}_%s" if fixed else "id_%s"
    )
    if not form.is_valid():
        return _render_years(request, form)
    data = form.cleaned_data
    try:
        services.year_figures_set(
            actor=request.user,
            year=data["year"],
            expected_version=data["version"],
            reason=data["change_reason"],
            **{name: data[name] for name in YEAR_FIELDS},
        )
    except StaleEdit as stale:
        return _render_years(request, form, conflict_for(form, stale))
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_years(request, form)
    messages.success(request, _("The figures of %(year)s were saved.") % {"year": data["year"]})
    return redirect("economy:year_figures")


# --- The rules for god ekonomisk hushållning -----------------------------------------------

RULE_FIELDS = ("first_year", *services.RULE_FIELDS)


def _rule_histories(rules: list[GoodManagementRule]) -> dict[int, list]:
    """Each rule's history entries, newest first (as the notes' and pensions'), from one
    query."""
    records: dict[int, list] = {}
    history = GoodManagementRule.history.select_related("history_user").order_by(
        "history_date", "history_id"
    )
    for record in history.filter(id__in=[r.pk for r in rules]):
        records.setdefault(record.id, []).append(record)
    fields = fields_named(GoodManagementRule, RULE_FIELDS)
    return {pk: history_entries(found, fields, {})[::-1] for pk, found in records.items()}


def _render_rules(
    request: HttpRequest, form=None, editing: GoodManagementRule | None = None, conflict=None
) -> HttpResponse:
    rules = finance.good_management_rules()
    histories = _rule_histories(rules)
    if form is None:
        initial = {"version": 0, "min_goal_share": 50, "counts_partly_met": True,
                   "all_financial_goals": True}  # fmt: skip
        if editing is not None:
            initial = {name: getattr(editing, name) for name in RULE_FIELDS}
            initial["version"] = editing.version
        form = GoodManagementRuleForm(initial=initial)
    return render(
        request,
        "economy/finance/rules.html",
        {
            "rules": [(rule, histories.get(rule.pk, [])) for rule in rules],
            "form": form,
            "editing": editing,
            "conflict": conflict,
            "can_write": may_manage_economy(request.user),
        },
        status=400 if form.is_bound and conflict is None else 200,
    )


@login_required
def good_management_rules(request: HttpRequest) -> HttpResponse:
    """The rules KF has decided, and a form to add one (``?andra=<year>``: change that)."""
    access = access_for(request.user)
    access.require(access.can_read)
    editing = None
    if "andra" in request.GET and may_manage_economy(request.user):
        year = request.GET["andra"]
        if not (year.isascii() and year.isdigit()):
            raise Http404
        editing = get_object_or_404(GoodManagementRule, first_year=int(year))
    return _render_rules(request, editing=editing)


@login_required
@require_POST
def good_management_rule_save(request: HttpRequest) -> HttpResponse:
    require_economy_manager(request.user)
    form = GoodManagementRuleForm(request.POST)
    if not form.is_valid():
        return _render_rules(request, form)
    data = form.cleaned_data
    try:
        services.good_management_rule_set(
            actor=request.user,
            expected_version=data["version"],
            reason=data["change_reason"],
            **{name: data[name] for name in RULE_FIELDS},
        )
    except StaleEdit as stale:
        return _render_rules(request, form, conflict=conflict_for(form, stale))
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_rules(request, form)
    messages.success(request, _("The rule was saved."))
    return redirect("economy:good_management_rules")
