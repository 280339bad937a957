"""Intern kontroll's pages: per unit and year the risk analysis with its 5×5 matrix, the
control plan and the results per period; and KS's roll-up of all results of a period."""

from __future__ import annotations

import hashlib
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from apps.accounts.access import access_for
from apps.accounts.models import User
from apps.control import selectors, services
from apps.control.forms import ControlForm, DecideForm, ResultForm, RiskForm
from apps.control.models import RISK_FIELDS, SCALE, ControlPlan, Risk
from apps.core.forms import add_service_errors
from apps.core.locking import StaleEdit, conflict_for
from apps.core.views import action_pk, year_from
from apps.followup.access import can_read_followup
from apps.organisation.models import Unit
from apps.organisation.selectors import BODY_KINDS
from apps.periods.models import PeriodState, ReportingPeriod
from apps.periods.services import reporting_deadline
from apps.plans.services import deciding_body


def _unit_for_reader(user: User, pk: int) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    access = access_for(user)
    access.require(access.can_read)
    return unit


def get_risk_for_user(user: User, pk: int, *, write: bool = False) -> Risk:
    """The risk, if ``user`` may read it (or, with ``write``, change it); else 404 or 403."""
    risk = get_object_or_404(Risk.objects.select_related("unit", "category"), pk=pk)
    access = access_for(user)
    access.require(access.can_read)
    if write:
        access.require(access.can_edit_for(risk.unit))
    return risk


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The units that keep a control plan, with their plan's state, and the roll-ups."""
    access = access_for(request.user)
    access.require(access.can_read)
    year = year_from(request)
    # The bodies that decide plans keep a control plan: KS, the nämnder and the bolag.
    units = list(Unit.objects.filter(kind__in=BODY_KINDS, valid_to__isnull=True))
    plans = {p.unit_id: p for p in ControlPlan.objects.filter(year=year)}
    periods = list(ReportingPeriod.objects.filter(year=year).order_by("ends_on"))
    return render(
        request,
        "control/index.html",
        {
            "year": year,
            "rows": [(unit, plans.get(unit.pk)) for unit in units],
            "periods": periods,
            "years": [year - 1, year, year + 1],
        },
    )


def _cell_from(request: HttpRequest) -> tuple[int, int] | None:
    try:
        probability = int(request.GET.get("sannolikhet", ""))
        consequence = int(request.GET.get("konsekvens", ""))
    except ValueError:
        return None
    if probability in SCALE and consequence in SCALE:
        return probability, consequence
    return None


@login_required
def risks(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """The risk analysis: the 5×5 matrix, the risks of a chosen cell, and the whole list."""
    unit = _unit_for_reader(request.user, unit_pk)
    matrix = selectors.risk_matrix(unit=unit, year=year)
    chosen = _cell_from(request)
    return render(
        request,
        "control/risks.html",
        {
            "unit": unit,
            "year": year,
            "matrix": matrix,
            "chosen": matrix.cell(*chosen) if chosen else None,
            "can_write": access_for(request.user).can_edit_for(unit),
        },
    )


def _risk_form_page(
    request: HttpRequest, *, unit: Unit, year: int, risk: Risk | None
) -> HttpResponse:
    steps = selectors.scale_steps()
    conflict = None
    if request.method == "POST":
        form = RiskForm(request.POST, steps=steps)
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("change_reason")
            version = data.pop("version")
            try:
                if risk is None:
                    risk = services.risk_create(
                        actor=request.user, unit=unit, year=year, reason=reason, **data
                    )
                else:
                    risk = services.risk_update(
                        actor=request.user,
                        risk=risk,
                        expected_version=version,
                        reason=reason,
                        **data,
                    )
            except StaleEdit as stale:
                conflict = conflict_for(form, stale)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The risk was saved."))
                url = reverse("control:risks", args=[unit.pk, year])
                return redirect(
                    f"{url}?sannolikhet={risk.probability}&konsekvens={risk.consequence}#cell"
                )
    else:
        initial = {"in_control_plan": False}
        if risk is not None:
            initial = {f: getattr(risk, f) for f in RISK_FIELDS}
            initial["version"] = risk.version
        form = RiskForm(initial=initial, steps=steps)
    return render(
        request,
        "control/risk_form.html",
        {
            "unit": unit,
            "year": year,
            "risk": risk,
            "form": form,
            "conflict": conflict,
            "steps": steps.values(),
        },
    )


@login_required
def risk_create(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = _unit_for_reader(request.user, unit_pk)
    access = access_for(request.user)
    access.require(access.can_edit_for(unit))
    return _risk_form_page(request, unit=unit, year=year, risk=None)


@login_required
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = get_risk_for_user(request.user, pk, write=True)
    return _risk_form_page(request, unit=risk.unit, year=risk.year, risk=risk)


@login_required
def plan(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """The control plan: its controls, a form to add one, and the decision."""
    unit = _unit_for_reader(request.user, unit_pk)
    access = access_for(request.user)
    can_write = access.can_edit_for(unit)
    body = deciding_body(unit)
    can_decide = access.can_edit_for(body)
    page = reverse("control:plan", args=[unit.pk, year])
    risk_choices = Risk.objects.filter(unit=unit, year=year).order_by(
        "-probability", "-consequence", "pk"
    )
    control_form = ControlForm(risks=risk_choices, prefix="control")
    decide_form = DecideForm(prefix="decide")
    decide_conflict = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        access.require(can_write or can_decide)
        try:
            if action == "create":
                services.control_plan_create(
                    actor=request.user, unit=unit, year=year,
                    reason=_("Control plan drawn up"),
                )  # fmt: skip
                return redirect(page)
            current = get_object_or_404(ControlPlan, unit=unit, year=year)
            if action == "control":
                control_form = ControlForm(request.POST, risks=risk_choices, prefix="control")
                if control_form.is_valid():
                    try:
                        services.control_add(
                            actor=request.user, plan=current,
                            reason=_("Control added to the plan"), **control_form.cleaned_data,
                        )  # fmt: skip
                    except ValidationError as error:
                        add_service_errors(control_form, error)
                    else:
                        messages.success(request, _("The control was added."))
                        return redirect(f"{page}#controls")
            elif action == "decide":
                decide_form = DecideForm(request.POST, prefix="decide")
                if decide_form.is_valid():
                    data = decide_form.cleaned_data
                    try:
                        services.control_plan_decide(
                            actor=request.user, plan=current, decided_on=data["decided_on"],
                            paragraph=data["paragraph"], expected_version=data["version"],
                            reason=_("Control plan decided"),
                        )  # fmt: skip
                    except StaleEdit as stale:
                        decide_conflict = conflict_for(decide_form, stale)
                    except ValidationError as error:
                        add_service_errors(decide_form, error)
                    else:
                        messages.success(request, _("The control plan is decided."))
                        return redirect(page)
            elif action == "reopen":
                services.control_plan_reopen(
                    actor=request.user, plan=current, reason=_("Control plan reopened to change it")
                )
                messages.success(request, _("The control plan is reopened as a draft."))
                return redirect(page)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(page)
    data = selectors.control_plan(unit=unit, year=year)
    draft = data.plan is not None and not data.plan.is_decided
    if draft and not decide_form.is_bound:
        decide_form.initial["version"] = data.plan.version
    return render(
        request,
        "control/plan.html",
        {
            "unit": unit,
            "year": year,
            "body": body,
            "data": data,
            "can_create": can_write and data.plan is None,
            "can_add": can_write and draft and data.risks,
            "can_decide": can_decide and draft,
            "can_reopen": can_decide and data.plan is not None and data.plan.is_decided,
            "control_form": control_form,
            "decide_form": decide_form,
            "decide_conflict": decide_conflict,
            "periods": ReportingPeriod.objects.filter(year=year).order_by("ends_on"),
        },
    )


@login_required
def results(request: HttpRequest, unit_pk: int, year: int, period_pk: int) -> HttpResponse:
    """One small form per control for the period's results; read-only when it is closed. An
    open period's results are for those who may read the unit's follow-up
    (``apps.followup.access``); other readers see the controls and that they are published
    when the period is closed."""
    unit = _unit_for_reader(request.user, unit_pk)
    period = get_object_or_404(ReportingPeriod, pk=period_pk, year=year)
    current = get_object_or_404(ControlPlan, unit=unit, year=year)
    access = access_for(request.user)
    shown = can_read_followup(access, unit, period)
    can_write = (
        access.can_edit_for(unit)
        and period.state == PeriodState.OPEN
        and not reporting_deadline(period, unit, actor=request.user)[1]
    )
    page = reverse("control:results", args=[unit.pk, year, period.pk])
    bound: dict[int, ResultForm] = {}
    conflicts = {}
    if request.method == "POST":
        access.require(access.can_edit_for(unit))
        control = get_object_or_404(
            current.controls, pk=action_pk(request.POST.get("action", ""), "result-")
        )
        form = ResultForm(request.POST, prefix=f"c{control.pk}")
        bound[control.pk] = form
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.control_result_save(
                    actor=request.user, control=control, period=period,
                    expected_version=version,
                    reason=_("Result of the control in %(period)s") % {"period": period},
                    **data,
                )  # fmt: skip
            except StaleEdit as stale:
                conflicts[control.pk] = conflict_for(form, stale)
            except PermissionDenied as refusal:
                messages.error(request, str(refusal) or _("You cannot write here."))
                return redirect(page)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The result was saved."))
                return redirect(f"{page}#control-{control.pk}")
    rows = []
    for control, result in selectors.results_for(plan=current, period=period):
        if not shown:
            result = None
        form = bound.get(control.pk)
        if form is None and can_write:
            form = ResultForm(
                prefix=f"c{control.pk}",
                initial={"status": result.status, "comment": result.comment,
                         "measures": result.measures, "version": result.version}
                if result else {"version": 0},
            )  # fmt: skip
        rows.append((control, result, form, conflicts.get(control.pk)))
    return render(
        request,
        "control/results.html",
        {
            "unit": unit,
            "year": year,
            "period": period,
            "rows": rows,
            "can_write": can_write,
            "results_hidden": not shown,
        },
    )


@login_required
def rollup(request: HttpRequest, period_pk: int) -> HttpResponse:
    """KS's roll-up: every unit's control results for the period in one table. An open
    period's results only where the reader may read the unit's follow-up; the counts only
    when none is left out (they would pass for the whole kommun's)."""
    access = access_for(request.user)
    access.require(access.can_read)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    rows = selectors.rollup(period=period, reader=access)
    hidden = sum(1 for row in rows if row.hidden)
    counts = (
        None if hidden else Counter(row.result.status if row.result else "missing" for row in rows)
    )
    return render(
        request,
        "control/rollup.html",
        {"period": period, "rows": rows, "counts": counts, "hidden": hidden},
    )


@login_required
def risk_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who scored and changed a risk, when and why: every reader may follow it."""
    risk = get_risk_for_user(request.user, pk)
    return render(
        request,
        "control/risk_history.html",
        {"risk": risk, "entries": selectors.risk_history(risk)},
    )


def _risk_levels_etag(request: HttpRequest) -> str:
    return hashlib.sha256(selectors.risk_level_stylesheet().encode()).hexdigest()[:32]


@login_required
@require_GET
@cache_control(private=True, no_cache=True)  # revalidated (a 304) so admin changes show at once
@condition(etag_func=_risk_levels_etag)
def risk_level_css(request: HttpRequest) -> HttpResponse:
    """The risk levels' colours as a stylesheet, for the matrix and the level labels."""
    access = access_for(request.user)
    access.require(access.can_read)
    return HttpResponse(selectors.risk_level_stylesheet(), content_type="text/css; charset=utf-8")
