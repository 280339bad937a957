from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.locking import StaleEdit, conflict_for
from apps.core.views import action_pk
from apps.economy.action_plans import action_plan_states, revisions_todo
from apps.economy.selectors import forecast_todo
from apps.followup import selectors, services
from apps.followup.access import can_read_action_plan, can_read_followup
from apps.followup.forms import (
    ActionPlanDecideForm,
    AssessmentForm,
    IndicatorValueForm,
    MeasureFollowupForm,
    MeasureForm,
)
from apps.followup.models import ActionPlan, ActionPlanCause, Assessment, Measure
from apps.goals.computed import computed_statuses
from apps.goals.models import Goal, Indicator
from apps.goals.services import indicator_value_set
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.periods.services import reporting_deadline
from apps.plans.services import deciding_body


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    """ "Att göra": what the user still has to report, earliest deadline first."""
    access = access_for(request.user)
    access.require(access.can_read)
    open_periods = list(ReportingPeriod.objects.filter(state="open").order_by("deadline"))
    return render(
        request,
        "followup/todo.html",
        {
            "items": selectors.todo_for(access),
            "forecasts": forecast_todo(access, open_periods),
            "revisions": revisions_todo(access),
            "open_periods": open_periods,
        },
    )


@login_required
def overview(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The ekonom's view of a period: which units are done, and how far the others are."""
    access = access_for(request.user)
    access.require(access.is_economist or access.is_administrator)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    rows = selectors.period_overview(period)
    return render(
        request,
        "followup/overview.html",
        {"period": period, "rows": rows, "done": sum(1 for r in rows if r.completion)},
    )


def _entry_context(unit: Unit, period: ReportingPeriod, bound: dict | None = None) -> dict:
    data = selectors.unit_followup(unit=unit, period=period)
    bound = bound or {}
    # Financial goals linked to a key figure: their status is computed, not typed.
    computed = data.computed
    goal_forms = []
    for entry in data.goals:
        form = bound.get(("goal", entry.goal.pk)) or AssessmentForm(
            prefix=f"g{entry.goal.pk}",
            computed=computed.get(entry.goal.pk),
            initial={
                "status": entry.assessment.status if entry.assessment else "not_assessed",
                "analysis": entry.assessment.analysis if entry.assessment else "",
                "version": entry.assessment.version if entry.assessment else 0,
            },
        )
        goal_forms.append((entry, form))
    indicator_forms = []
    for entry in data.indicators:
        value = entry.value
        form = bound.get(("indicator", entry.link.indicator_id)) or IndicatorValueForm(
            prefix=f"i{entry.link.indicator_id}",
            by_sex=entry.link.indicator.by_sex,
            initial={
                "total": _plain(value.total),
                "women": _plain(value.women),
                "men": _plain(value.men),
                "comment": value.comment,
                "version": value.version,
            }
            if value
            else {"version": 0},
        )
        indicator_forms.append((entry, form))
    return {
        "data": data,
        "goal_forms": goal_forms,
        "indicator_forms": indicator_forms,
        "conflicts": bound.get("conflicts", {}),
        "indicator_conflicts": bound.get("indicator_conflicts", {}),
        "done_errors": bound.get("done_errors", []),
    }


def _plain(value: Decimal | None) -> Decimal | None:
    """1234.5000 as 1234.5 in the form, without trailing zeros (or an exponent)."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


@login_required
def entry(request: HttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    """The main screen for staff: a unit's follow-up for one period."""
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    access = access_for(request.user)
    can_write = access.can_edit_for(unit)
    if not (can_write or access.reads_unpublished):
        raise PermissionDenied
    page = reverse("followup:entry", args=[period.pk, unit.pk])
    bound: dict = {}
    if request.method == "POST":
        access.require(can_write)
        reason = _("Follow-up of %(period)s") % {"period": period}
        action = request.POST.get("action", "")
        try:
            if action.startswith("goal-"):
                goal = get_object_or_404(Goal, pk=action_pk(action, "goal-"))
                if goal.pk not in {
                    e.goal.pk for e in selectors.unit_followup(unit=unit, period=period).goals
                }:
                    raise Http404
                form = AssessmentForm(
                    request.POST,
                    prefix=f"g{goal.pk}",
                    computed=computed_statuses([goal.pk], period).get(goal.pk),
                )
                bound[("goal", goal.pk)] = form
                if form.is_valid():
                    try:
                        services.assessment_save(
                            actor=request.user,
                            goal=goal,
                            period=period,
                            unit=unit,
                            # No status for a goal whose status is computed.
                            status=form.cleaned_data.get("status", ""),
                            analysis=form.cleaned_data["analysis"],
                            expected_version=form.cleaned_data["version"],
                            reason=reason,
                        )
                    except StaleEdit as stale:
                        bound["conflicts"] = {goal.pk: conflict_for(form, stale)}
                    except ValidationError as error:
                        add_service_errors(form, error)
                    else:
                        messages.success(request, _("The assessment was saved."))
                        return redirect(f"{page}#goal-{goal.pk}")
            elif action.startswith("indicator-"):
                indicator = get_object_or_404(Indicator, pk=action_pk(action, "indicator-"))
                if indicator.pk not in {
                    e.link.indicator_id
                    for e in selectors.unit_followup(unit=unit, period=period).indicators
                }:
                    raise Http404
                form = IndicatorValueForm(
                    request.POST, prefix=f"i{indicator.pk}", by_sex=indicator.by_sex
                )
                bound[("indicator", indicator.pk)] = form
                if form.is_valid():
                    data = form.cleaned_data
                    try:
                        indicator_value_set(
                            actor=request.user,
                            indicator=indicator,
                            period=period,
                            unit=unit,
                            total=data["total"],
                            women=data.get("women"),
                            men=data.get("men"),
                            comment=data["comment"],
                            expected_version=data["version"],
                            reason=reason,
                        )
                    except StaleEdit as stale:
                        bound["indicator_conflicts"] = {indicator.pk: conflict_for(form, stale)}
                    except ValidationError as error:
                        add_service_errors(form, error)
                    else:
                        messages.success(request, _("The value was saved."))
                        return redirect(f"{page}#indicator-{indicator.pk}")
            elif action.startswith("actionplan-"):
                goal = get_object_or_404(Goal, pk=action_pk(action, "actionplan-"))
                assessment = Assessment.objects.filter(goal=goal, period=period, unit=unit).first()
                plan = services.action_plan_create(
                    actor=request.user,
                    unit=unit,
                    period=period,
                    goal=goal,
                    cause=ActionPlanCause.GOAL_NOT_MET,
                    description=assessment.analysis if assessment else "",
                    reason=_("Goal reported as not met"),
                )
                return redirect("followup:action_plan", pk=plan.pk)
            elif action == "done":
                try:
                    services.completion_mark(
                        actor=request.user,
                        unit=unit,
                        period=period,
                        reason=_("Follow-up marked as done"),
                    )
                except ValidationError as refusal:
                    # Goals still missing: said at the done form, with the goals named.
                    bound["done_errors"] = refusal.messages
                else:
                    messages.success(request, _("The follow-up is marked as done."))
                    return redirect(page)
            elif action == "undone":
                services.completion_unmark(
                    actor=request.user,
                    unit=unit,
                    period=period,
                    reason=_("Follow-up reopened by the unit"),
                )
                return redirect(page)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You cannot write here."))
            return redirect(page)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(page)
    deadline, late = reporting_deadline(period, unit, actor=request.user)
    late = late and can_write and period.state == "open"
    return render(
        request,
        "followup/entry.html",
        {
            "period": period,
            "unit": unit,
            "deadline": deadline,
            "late": late,
            "can_write": can_write and period.state == "open" and not late,
            # A computed status may rest on the kommun-wide forecasts of an open period.
            "reads_computed": can_read_followup(access, None, period),
            **_entry_context(unit, period, bound),
        },
    )


@login_required
def action_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """An åtgärdsplan: its measures, the nämnd's decision, and each measure's follow-up."""
    plan = get_object_or_404(
        ActionPlan.objects.select_related("unit", "period", "goal__level", "decided_by"), pk=pk
    )
    access = access_for(request.user)
    access.require(can_read_action_plan(access, plan))
    can_write = access.can_edit_for(plan.unit)
    can_decide = access.can_edit_for(deciding_body(plan.unit)) and not plan.decided_on
    open_periods = list(
        ReportingPeriod.objects.filter(state="open", ends_on__gte=plan.period.ends_on).order_by(
            "ends_on"
        )
    )
    measure_form = MeasureForm(prefix="m")
    decide_form = ActionPlanDecideForm(prefix="d", initial={"version": plan.version})
    followup_forms, conflicts = {}, {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "measure":
                measure_form = MeasureForm(request.POST, prefix="m")
                if measure_form.is_valid():
                    services.measure_add(
                        actor=request.user,
                        action_plan=plan,
                        reason=_("Measure added"),
                        **measure_form.cleaned_data,
                    )
                    return redirect(request.path)
            elif action == "decide":
                decide_form = ActionPlanDecideForm(request.POST, prefix="d")
                if decide_form.is_valid():
                    try:
                        services.action_plan_decide(
                            actor=request.user,
                            action_plan=plan,
                            decided_on=decide_form.cleaned_data["decided_on"],
                            paragraph=decide_form.cleaned_data["paragraph"],
                            expected_version=decide_form.cleaned_data["version"],
                            reason=decide_form.cleaned_data["change_reason"],
                        )
                    except StaleEdit as stale:
                        conflicts["decide"] = conflict_for(decide_form, stale)
                    else:
                        messages.success(request, _("The action plan was decided."))
                        return redirect(request.path)
            elif action.startswith("followup-"):
                measure = get_object_or_404(
                    Measure, pk=action_pk(action, "followup-"), action_plan=plan
                )
                form = MeasureFollowupForm(
                    request.POST, prefix=f"f{measure.pk}", periods=open_periods
                )
                followup_forms[measure.pk] = form
                if form.is_valid():
                    try:
                        services.measure_follow_up(
                            actor=request.user,
                            measure=measure,
                            period=form.cleaned_data["period"],
                            status=form.cleaned_data["status"],
                            comment=form.cleaned_data["comment"],
                            expected_version=form.cleaned_data["version"],
                            reason=_("Measure followed up"),
                        )
                    except StaleEdit as stale:
                        conflicts[measure.pk] = conflict_for(form, stale)
                    else:
                        messages.success(request, _("The follow-up was saved."))
                        return redirect(request.path)
        except ValidationError as error:
            target = decide_form if action == "decide" else measure_form
            add_service_errors(target, error)
        except PermissionDenied:
            raise
    measures = list(plan.measures.prefetch_related("followups__period"))
    state = action_plan_states([plan], access=access)[plan.pk]
    rows = [
        (
            m,
            followup_forms.get(m.pk) or _followup_form(m, open_periods),
            conflicts.get(m.pk),
        )
        for m in measures
    ]
    return render(
        request,
        "followup/action_plan.html",
        {
            "plan": plan,
            "state": state,
            "can_revise": can_write and state.needs_revision,
            "rows": rows,
            "can_write": can_write,
            "can_decide": can_decide,
            "can_follow_up": can_write and bool(open_periods),
            "measure_form": measure_form,
            "decide_form": decide_form,
            "decide_conflict": conflicts.get("decide"),
            "body": deciding_body(plan.unit),
        },
    )


@login_required
@require_POST
def action_plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Raise the revised plan for a deficit that has grown since ``pk`` was raised."""
    plan = get_object_or_404(ActionPlan.objects.select_related("unit", "period"), pk=pk)
    access = access_for(request.user)
    access.require(can_read_action_plan(access, plan))
    try:
        revised = services.action_plan_revise(
            actor=request.user, action_plan=plan, reason=_("The deficit has grown")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("followup:action_plan", pk=plan.pk)
    return redirect("followup:action_plan", pk=revised.pk)


def _followup_form(measure: Measure, periods: list[ReportingPeriod]) -> MeasureFollowupForm:
    """A measure's follow-up form, opened on the stored follow-up when there is one open
    period (with its version, 0 if none yet); with several the editor picks the period and
    the last save wins."""
    form = MeasureFollowupForm(prefix=f"f{measure.pk}", periods=periods)
    if len(periods) == 1:
        stored = next((f for f in measure.followups.all() if f.period_id == periods[0].pk), None)
        form.initial.update(
            {"status": stored.status, "comment": stored.comment, "version": stored.version}
            if stored
            else {"version": 0}
        )
    return form
