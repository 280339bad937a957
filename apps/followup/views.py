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
from apps.followup.access import can_open_entry, can_read_action_plan, can_read_followup
from apps.followup.forms import (
    ActionPlanDecideForm,
    AssessmentForm,
    AssignmentReportForm,
    ContributionForm,
    IndicatorValueForm,
    MeasureFollowupForm,
    MeasureForm,
    MissionAssessmentForm,
)
from apps.followup.models import ActionPlan, ActionPlanCause, Assessment, GoalStatus, Measure
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
        {
            "period": period,
            "rows": rows,
            "done": sum(1 for r in rows if r.completion),
            # The bodies that have not reasoned about every KF goal (where the model asks it).
            "missing_contributions": [r for r in rows if r.contributions_missing],
        },
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
    conflicts = {
        kind: bound.get(f"{kind}_conflicts", {})
        for kind in ("contribution", "mission", "assignment", "line")
    }
    contribution_forms = [
        (
            contribution,
            bound.get(("contribution", contribution.goal.pk))
            or ContributionForm(
                prefix=f"c{contribution.goal.pk}",
                initial=_assessed(contribution.assessment, "analysis"),
            ),
            conflicts["contribution"].get(contribution.goal.pk),
        )
        for contribution in data.contributions
    ]
    mission_forms = [
        (
            followup,
            bound.get(("mission", followup.mission.pk))
            or MissionAssessmentForm(
                prefix=f"m{followup.mission.pk}",
                initial=_assessed(followup.assessment, "analysis"),
            ),
            conflicts["mission"].get(followup.mission.pk),
            _line_forms(
                period, unit, "mission", followup.mission.pk, followup.indicators, bound,
                conflicts["line"],
            ),
        )
        for followup in data.missions
    ]  # fmt: skip
    assignment_forms = [
        (
            followup,
            bound.get(("assignment", followup.recipient.pk))
            or AssignmentReportForm(
                prefix=f"a{followup.recipient.pk}",
                initial=_assessed(followup.report, "report")
                if followup.report
                else {"status": followup.recipient.status, "version": 0},
            ),
            conflicts["assignment"].get(followup.recipient.pk),
            _line_forms(
                period, unit, "assignment", followup.recipient.pk, followup.indicators, bound,
                conflicts["line"],
            ),
        )
        for followup in data.assignments
    ]  # fmt: skip
    return {
        "data": data,
        "contribution_forms": contribution_forms,
        "mission_forms": mission_forms,
        "assignment_forms": assignment_forms,
        "goal_forms": goal_forms,
        "indicator_forms": indicator_forms,
        "conflicts": bound.get("conflicts", {}),
        "indicator_conflicts": bound.get("indicator_conflicts", {}),
        "done_errors": bound.get("done_errors", []),
    }


def _assessed(row, text: str) -> dict:
    """A form's initial data from a stored row (status, its text field, version); "ej
    bedömt" until there is one, as for a goal."""
    if row is None:
        return {"status": GoalStatus.NOT_ASSESSED, "version": 0}
    return {"status": row.status, text: getattr(row, text), "version": row.version}


def _line_forms(
    period: ReportingPeriod,
    unit: Unit,
    holder: str,
    holder_pk: int,
    lines,
    bound: dict,
    conflicts: dict,
) -> list:
    """Each indicator line of a grunduppdrag or an uppdrag with the form for the unit's own
    value (a kommun-wide value is shown, not edited here) and its prefix."""
    forms = []
    for line in lines:
        prefix = _line_prefix(holder, holder_pk, line.indicator.pk)
        value = line.own_value
        form = bound.get(("line", prefix)) or IndicatorValueForm(
            prefix=prefix,
            by_sex=line.indicator.by_sex,
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
        url = reverse(
            f"followup:{holder}_value", args=[period.pk, unit.pk, holder_pk, line.indicator.pk]
        )
        forms.append((line, form, prefix, url, conflicts.get(prefix)))
    return forms


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
    access.require(can_open_entry(access, unit))
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
    return _render_entry(request, period, unit, bound)


def _render_entry(
    request: HttpRequest, period: ReportingPeriod, unit: Unit, bound: dict | None = None
) -> HttpResponse:
    """The entry page, with the forms a failed save left in ``bound``: the one render
    function of the page and of each of its writes."""
    access = access_for(request.user)
    can_write = access.can_edit_for(unit)
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


def _entry_for_write(request: HttpRequest, period_pk: int, unit_pk: int):
    """The period and unit of a write on the entry page: the unit's editors only."""
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    access = access_for(request.user)
    access.require(access.can_edit_for(unit))
    return period, unit, reverse("followup:entry", args=[period.pk, unit.pk])


def _saved_or_rendered(request, period, unit, page, bound, key, form, conflict_key, save):
    """Run ``save`` for a valid ``form``: redirect on success; else the page again with the
    form's errors or the conflict of a stale edit at it. A refusal of the write itself (a
    closed period, a passed deadline) is said at the top of the page."""
    bound[key] = form
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except StaleEdit as stale:
            bound.setdefault(conflict_key, {})[key[1]] = conflict_for(form, stale)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You cannot write here."))
            return redirect(page)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return None
    return _render_entry(request, period, unit, bound)


@login_required
@require_POST
def contribution_save(request: HttpRequest, period_pk: int, unit_pk: int, goal_pk: int):
    """A body's contribution to a KF goal (its reasoning, a status where it has one)."""
    period, unit, page = _entry_for_write(request, period_pk, unit_pk)
    contribution = next(
        (c for c in selectors.council_contributions(period=period, units=[unit])
         if c.goal.pk == goal_pk),
        None,
    )  # fmt: skip
    if contribution is None:
        raise Http404
    form = ContributionForm(request.POST, prefix=f"c{goal_pk}")

    def save(data):
        services.assessment_save(
            actor=request.user,
            goal=contribution.goal,
            period=period,
            unit=unit,
            status=data["status"] or GoalStatus.NOT_ASSESSED,
            analysis=data["analysis"],
            expected_version=data["version"],
            reason=_("Follow-up of %(period)s") % {"period": period},
        )

    bound: dict = {}
    response = _saved_or_rendered(
        request, period, unit, page, bound, ("contribution", goal_pk), form,
        "contribution_conflicts", save,
    )  # fmt: skip
    if response is None:
        messages.success(request, _("The contribution was saved."))
        return redirect(f"{page}#contribution-{goal_pk}")
    return response


@login_required
@require_POST
def mission_save(request: HttpRequest, period_pk: int, unit_pk: int, mission_pk: int):
    """The follow-up of one of the body's grunduppdrag in the period."""
    period, unit, page = _entry_for_write(request, period_pk, unit_pk)
    followup = next(
        (m for m in selectors.mission_followups(period=period, units=[unit])
         if m.mission.pk == mission_pk),
        None,
    )  # fmt: skip
    if followup is None:
        raise Http404
    form = MissionAssessmentForm(request.POST, prefix=f"m{mission_pk}")

    def save(data):
        services.mission_assessment_save(
            actor=request.user,
            mission=followup.mission,
            period=period,
            status=data["status"],
            analysis=data["analysis"],
            expected_version=data["version"],
            reason=_("Follow-up of %(period)s") % {"period": period},
        )

    bound: dict = {}
    response = _saved_or_rendered(
        request, period, unit, page, bound, ("mission", mission_pk), form, "mission_conflicts",
        save,
    )  # fmt: skip
    if response is None:
        messages.success(request, _("The follow-up of the basic mission was saved."))
        return redirect(f"{page}#mission-{mission_pk}")
    return response


@login_required
@require_POST
def assignment_save(request: HttpRequest, period_pk: int, unit_pk: int, recipient_pk: int):
    """The unit's återrapport of an uppdrag in the period."""
    period, unit, page = _entry_for_write(request, period_pk, unit_pk)
    followup = next(
        (a for a in selectors.assignment_followups(period=period, units=[unit])
         if a.recipient.pk == recipient_pk),
        None,
    )  # fmt: skip
    if followup is None:
        raise Http404
    form = AssignmentReportForm(request.POST, prefix=f"a{recipient_pk}")

    def save(data):
        services.assignment_report_save(
            actor=request.user,
            recipient=followup.recipient,
            period=period,
            status=data["status"],
            report=data["report"],
            expected_version=data["version"],
            reason=_("Follow-up of %(period)s") % {"period": period},
        )

    bound: dict = {}
    response = _saved_or_rendered(
        request, period, unit, page, bound, ("assignment", recipient_pk), form,
        "assignment_conflicts", save,
    )  # fmt: skip
    if response is None:
        messages.success(request, _("The report on the assignment was saved."))
        return redirect(f"{page}#assignment-{recipient_pk}")
    return response


@login_required
@require_POST
def line_value_save(
    request: HttpRequest, period_pk: int, unit_pk: int, holder: str, holder_pk: int,
    indicator_pk: int,
):  # fmt: skip
    """The unit's value of an indicator that follows one of its grunduppdrag or uppdrag
    (``holder`` "mission" or "assignment"), through the indicator value service."""
    period, unit, page = _entry_for_write(request, period_pk, unit_pk)
    if holder == "mission":
        rows = selectors.mission_followups(period=period, units=[unit])
        row = next((m for m in rows if m.mission.pk == holder_pk), None)
    else:
        rows = selectors.assignment_followups(period=period, units=[unit])
        row = next((a for a in rows if a.recipient.pk == holder_pk), None)
    line = next(
        (line for line in (row.indicators if row else []) if line.indicator.pk == indicator_pk),
        None,
    )
    if line is None:
        raise Http404
    prefix = _line_prefix(holder, holder_pk, indicator_pk)
    form = IndicatorValueForm(request.POST, prefix=prefix, by_sex=line.indicator.by_sex)

    def save(data):
        indicator_value_set(
            actor=request.user,
            indicator=line.indicator,
            period=period,
            unit=unit,
            total=data["total"],
            women=data.get("women"),
            men=data.get("men"),
            comment=data["comment"],
            expected_version=data["version"],
            reason=_("Follow-up of %(period)s") % {"period": period},
        )

    bound: dict = {}
    response = _saved_or_rendered(
        request, period, unit, page, bound, ("line", prefix), form, "line_conflicts", save
    )
    if response is None:
        messages.success(request, _("The value was saved."))
        return redirect(f"{page}#{prefix}")
    return response


def _line_prefix(holder: str, holder_pk: int, indicator_pk: int) -> str:
    return f"{holder[0]}{holder_pk}-i{indicator_pk}"


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
            "can_open_entry": can_open_entry(access, plan.unit),
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
