from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.history import fields_named, history_entries, history_records
from apps.core.locking import StaleEdit, conflict_for
from apps.core.views import action_pk, form_page, year_from
from apps.goals.forms import FactorResponseForm, factor_response_rows
from apps.goals.selectors import external_factors_in
from apps.organisation.models import Unit
from apps.plans import selectors, services
from apps.plans.access import get_plan_for_user
from apps.plans.forms import ActivityForm, DecideForm, ReasonOnlyForm, SectionForm, SwotForm
from apps.plans.models import Activity, Plan, PlanSection, PlanState


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    access.require(access.can_read)
    year = year_from(request)
    rows = selectors.plans_for(access, year)
    previous = set(Plan.objects.filter(year=year - 1).values_list("unit_id", flat=True))
    return render(
        request,
        "plans/list.html",
        {
            "year": year,
            "years": range(year - 2, year + 3),
            "rows": rows,
            "previous": previous,
        },
    )


@login_required
@require_POST
def plan_start(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Start a unit's plan for the year, empty or from last year's."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    year = year_from(request)
    start = services.plan_copy_from_previous if request.POST.get("copy") else services.plan_create
    try:
        plan = start(
            actor=request.user,
            unit=unit,
            year=year,
            reason=_("Plan for %(year)s started") % {"year": year},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('plans:list')}?ar={year}")
    return redirect("plans:detail", pk=plan.pk)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    access = access_for(request.user)
    can_write = access.can_edit_for(plan.unit) and not plan.is_decided
    panels = selectors.plan_panels(plan, reader=access)
    body = panels.deciding_unit
    can_decide = access.can_edit_for(body)
    bound: dict = {}
    bound_factors: dict = {}  # a factor's posted form, by factor id
    # A refused save (someone saved meanwhile) shows at its own form: by section id, "swot"
    # or ("factor", id).
    conflicts: dict = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        reason = request.POST.get("change_reason") or _("Plan edited")
        try:
            if action.startswith("section-"):
                section = get_object_or_404(
                    PlanSection, pk=action_pk(action, "section-"), plan=plan
                )
                form = SectionForm(request.POST, prefix=f"s{section.pk}")
                bound[section.pk] = posted = form
                conflict_key = section.pk
                if form.is_valid():
                    services.plan_section_update(
                        actor=request.user,
                        section=section,
                        body=form.cleaned_data["body"],
                        reason=reason,
                        expected_version=form.cleaned_data["version"],
                    )
                    messages.success(request, _("The section was saved."))
                    return redirect(f"{request.path}#section-{section.pk}")
            elif action == "swot":
                form = SwotForm(request.POST, prefix="swot")
                bound["swot"] = posted = form
                conflict_key = "swot"
                if form.is_valid():
                    data = dict(form.cleaned_data)
                    services.plan_swot_update(
                        actor=request.user, plan=plan, reason=reason,
                        expected_version=data.pop("version"), **data,
                    )  # fmt: skip
                    messages.success(request, _("The SWOT analysis was saved."))
                    return redirect(f"{request.path}#swot")
            elif action == "submit":
                services.plan_submit(
                    actor=request.user, plan=plan, reason=_("Submitted to the committee")
                )
                messages.success(request, _("The plan was submitted."))
                return redirect(request.path)
            elif action == "decide":
                access.require(can_decide)
                form = DecideForm(request.POST, prefix="decide")
                bound["decide"] = posted = form
                conflict_key = "decide"
                if form.is_valid():
                    services.plan_decide(
                        actor=request.user,
                        plan=plan,
                        decided_on=form.cleaned_data["decided_on"],
                        paragraph=form.cleaned_data["paragraph"],
                        reason=form.cleaned_data["change_reason"],
                        expected_version=form.cleaned_data["version"],
                    )
                    messages.success(request, _("The plan was decided and is now read-only."))
                    return redirect(request.path)
            elif action == "reopen":
                access.require(can_decide)
                form = ReasonOnlyForm(request.POST, prefix="reopen")
                bound["reopen"] = form
                if form.is_valid():
                    services.plan_reopen(
                        actor=request.user, plan=plan, reason=form.cleaned_data["change_reason"]
                    )
                    messages.success(request, _("The plan was reopened."))
                    return redirect(request.path)
            elif action.startswith("factor-"):
                factor = get_object_or_404(
                    external_factors_in(plan.year), pk=action_pk(action, "factor-")
                )
                form = FactorResponseForm(request.POST, prefix=f"f{factor.pk}")
                bound_factors[factor.pk] = posted = form
                conflict_key = ("factor", factor.pk)
                if form.is_valid():
                    data = dict(form.cleaned_data)
                    services.plan_factor_response_save(
                        actor=request.user, plan=plan, factor=factor, reason=reason,
                        expected_version=data.pop("version"), **data,
                    )  # fmt: skip
                    messages.success(request, _("The response was saved."))
                    return redirect(f"{request.path}#factor-{factor.pk}")
        except StaleEdit as error:
            # The editor's text stays in the posted form, the other's beside it.
            conflicts[conflict_key] = conflict_for(posted, error)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        except PermissionDenied:
            raise
    report = panels.status_report  # the nulägesbeskrivning the plan reads, if it reads one
    sections = list(plan.sections.select_related("template"))
    factors = list(external_factors_in(plan.year))
    if report is not None:
        responses = panels.status_responses
    else:
        responses = plan.factor_responses.all() if factors else []
    factor_rows = factor_response_rows(
        factors,
        responses,
        bound=bound_factors,
        conflicts={key[1]: c for key, c in conflicts.items() if isinstance(key, tuple)},
    )
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "can_write": can_write,
            "can_submit": access.can_edit_for(plan.unit) and plan.state == PlanState.DRAFT,
            "can_decide": can_decide and plan.state == PlanState.SUBMITTED,
            "can_reopen": can_decide and plan.state == PlanState.DECIDED,
            "sections": [_section_row(s, report, bound, conflicts) for s in sections],
            "swot_form": bound.get("swot")
            or SwotForm(
                prefix="swot",
                initial={
                    **{
                        f: getattr(plan, f)
                        for f in ("strengths", "weaknesses", "opportunities", "threats")
                    },
                    "version": plan.version,
                },
            ),
            "swot_conflict": conflicts.get("swot"),
            "decide_form": bound.get("decide")
            or DecideForm(prefix="decide", initial={"version": plan.version}),
            "decide_conflict": conflicts.get("decide"),
            "reopen_form": bound.get("reopen") or ReasonOnlyForm(prefix="reopen"),
            "activities": plan.activities.select_related(
                "goal__level", "assignment"
            ).prefetch_related("tags"),
            "factor_rows": factor_rows,
            "body": body,
            "panels": panels,
            "status_report": report,
        },
    )


def _section_row(section: PlanSection, report, bound: dict, conflicts: dict) -> tuple:
    """(section, form, conflict, text read from the status report or None): a section the
    plan reads from its body's nulägesbeskrivning has no form of its own."""
    field = selectors.REUSED_SECTIONS.get(section.template.key)
    if report is not None and field is not None:
        return section, None, None, getattr(report, field)
    form = bound.get(section.pk) or SectionForm(
        prefix=f"s{section.pk}", initial={"body": section.body, "version": section.version}
    )
    return section, form, conflicts.get(section.pk), None


@login_required
def activity_edit(request: HttpRequest, plan_pk: int, pk: int | None = None) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_pk, write=True)
    if plan.is_decided:
        messages.error(request, _("The plan is decided and read-only. Reopen it to change it."))
        return redirect("plans:detail", pk=plan.pk)
    activity = get_object_or_404(Activity, pk=pk, plan=plan) if pk else None
    goals, assignments = selectors.link_choices(plan)
    initial = {"starts_on": f"{plan.year}-01-01", "ends_on": f"{plan.year}-12-31"}
    if activity is not None:
        initial = {
            "title": activity.title,
            "description": activity.description,
            "goal": activity.goal_id or "",
            "assignment": activity.assignment_id or "",
            "responsible": activity.responsible,
            "starts_on": activity.starts_on,
            "ends_on": activity.ends_on,
            "status": activity.status,
            "tags": list(activity.tags.all()),
            "version": activity.version,
        }
    form = ActivityForm(request.POST or None, goals=goals, assignments=assignments, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, version = data.pop("change_reason"), data.pop("version")
        try:
            services.activity_save(
                actor=request.user, plan=plan, activity=activity, reason=reason,
                expected_version=version, **data,
            )  # fmt: skip
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect(f"{reverse('plans:detail', args=[plan.pk])}#activities")
    return form_page(
        request,
        form,
        heading=_("Change activity") if activity else _("New activity"),
        lead=str(plan),
        cancel_url=reverse("plans:detail", args=[plan.pk]),
        conflict=conflict,
    )


@login_required
def plan_history(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    records = history_records(plan)
    names = {
        "state",
        "strengths",
        "weaknesses",
        "opportunities",
        "threats",
        "decided_on",
        "paragraph",
    }
    fields = fields_named(Plan, names)
    entries = history_entries(records, fields, {})
    entries.reverse()
    return render(request, "plans/history.html", {"plan": plan, "entries": entries})
