from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.history import history_records
from apps.core.locking import StaleEdit, conflict_for
from apps.core.views import form_page, year_from
from apps.followup.access import can_read_followup
from apps.followup.selectors import followup_progress
from apps.goals import selectors, services
from apps.goals.access import (
    can_create_goal_under,
    get_assignment_for_user,
    get_goal_for_user,
    get_indicator_for_user,
    get_mission_for_user,
    get_recipient_for_user,
)
from apps.goals.charts import indicator_chart
from apps.goals.forms import (
    AssignmentDecisionForm,
    AssignmentEditForm,
    AssignmentForm,
    AssignmentGiveForm,
    AssignmentReportForm,
    BasicMissionForm,
    ExternalFactorWithdrawForm,
    FoundationElementForm,
    FoundationEndForm,
    GoalForm,
    GoalIndicatorForm,
    GoalMoveForm,
    GoalRetireForm,
    IndicatorRemoveForm,
    IndicatorTagsForm,
    IndicatorTargetForm,
    SteeringModelChooseForm,
    SteeringModelSettingsForm,
)
from apps.goals.models import (
    ExternalFactor,
    FoundationElement,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorTarget,
    SteeringModel,
)
from apps.goals.presets import PRESETS
from apps.organisation.access import require_organisation_reader
from apps.organisation.models import Unit


def _goal_label(goal: Goal) -> str:
    return f"{goal.level.name}: {goal.title}"


def _goal_url(goal: Goal) -> str:
    return reverse("goals:detail", args=[goal.pk])


def _active_model_or_404() -> SteeringModel:
    model = services.active_model()
    if model is None:
        raise Http404(_("No steering model is in use yet."))
    return model


def _int_or_none(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() else None


def _status_period(request: HttpRequest, year: int) -> dict:
    """The period whose statuses the page shows (``?period=<id>``) and the periods to choose
    from: only those the reader may read. An id of another year, or of a period the reader
    may not read, falls back to the default: the latest closed period of the year, else the
    latest readable one."""
    periods = selectors.status_periods(year=year, reader=access_for(request.user))
    chosen_id = _int_or_none(request.GET.get("period"))
    period = next((p for p in periods if p.pk == chosen_id), None)
    return {
        "period": period or selectors.default_status_period(periods),
        "periods": periods,
        "period_refused": chosen_id is not None and period is None,
    }


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    require_organisation_reader(request.user)
    model = _active_model_or_404()
    year = year_from(request)
    unit_id = _int_or_none(request.GET.get("enhet"))
    filters = selectors.TreeFilters(
        unit=Unit.objects.filter(pk=unit_id).first() if unit_id else None,
        perspective_id=_int_or_none(request.GET.get("perspektiv")),
        tag_id=_int_or_none(request.GET.get("tagg")),
        text=request.GET.get("q", "").strip()[:100],
    )
    chosen = _status_period(request, year)
    rows = selectors.goal_tree(
        model=model,
        year=year,
        filters=filters,
        reader=access_for(request.user),
        period=chosen["period"],
    )
    return render(
        request,
        "goals/tree.html",
        {
            **chosen,
            "model": model,
            "year": year,
            "years": range(year - 2, year + 3),
            "rows": rows,
            "shares": selectors.council_goal_shares(rows),
            "filters": filters,
            "options": selectors.tree_filter_options(model),
            "header": selectors.model_header(model=model, year=year),
            "can_create_top": access_for(request.user).is_administrator,
        },
    )


@login_required
def children(request: HttpRequest, pk: int) -> HttpResponse:
    """The goals under a node, as list items for the tree (htmx) or a page without JS."""
    goal = get_goal_for_user(request.user, pk)
    model = _active_model_or_404()
    year = year_from(request)
    chosen = _status_period(request, year)
    rows = selectors.goal_children(
        model=model, goal=goal, year=year, reader=access_for(request.user), period=chosen["period"]
    )
    if not request.htmx:
        return redirect(f"{reverse('goals:detail', args=[goal.pk])}?ar={year}")
    return render(
        request, "goals/partials/tree_children.html", {**chosen, "rows": rows, "year": year}
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk)
    model = goal.level.model
    year = year_from(request)
    access = access_for(request.user)
    chosen = _status_period(request, year)
    data = selectors.goal_detail(
        goal=goal, year=year, model=model, reader=access, period=chosen["period"]
    )
    charts = [(summary, indicator_chart(summary, year)) for summary in data.indicators]
    return render(
        request,
        "goals/detail.html",
        {
            **chosen,
            "goal": goal,
            "data": data,
            "charts": charts,
            "year": year,
            "can_edit": access.can_edit_for(goal.owner) and not goal.is_retired,
            "can_add_child": (
                not goal.is_retired
                and can_create_goal_under(request.user, model=model, parent=goal)
            ),
            "can_give_assignment": (
                model.uses_assignments
                and goal.owner.kind in {"kf", "ks", "namnd"}
                and access.can_edit_for(goal.owner)
                and not goal.is_retired
            ),
            # Where uppdrag are reported per period, that is in the follow-up, not here.
            "reportable": set()
            if model.follows_up_assignments
            else {
                r.pk
                for a in data.assignments
                for r in a.recipient_rows.all()
                if access.can_edit_for(r.unit)
            },
            "decidable": {a.pk for a in data.assignments if access.can_edit_for(a.given_by)},
            # A financial goal linked to a key figure: its status computed from the accounts,
            # in the page's period (the same computation as the tree, the reports and the
            # nyckeltal page).
            "financial": data.status.computed,
        },
    )


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk)
    return render(
        request,
        "goals/history.html",
        {
            "goal": goal,
            "ancestors": list(goal.get_ancestors()),
            "entries": selectors.goal_history(goal),
        },
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    model = _active_model_or_404()
    parent = None
    parent_id = _int_or_none(request.GET.get("under") or request.POST.get("under"))
    if parent_id:
        parent = get_goal_for_user(request.user, parent_id)
    access = access_for(request.user)
    # Nothing to create here: no level under this goal (a model without nämndmål offers
    # none to the nämnder), or no owner the user may write for.
    access.require(can_create_goal_under(request.user, model=model, parent=parent))
    form = GoalForm(
        request.POST or None,
        model=model,
        access=access,
        parent=parent,
        initial={
            "first_year": parent.first_year if parent else year_from(request),
            "last_year": parent.last_year if parent else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = services.goal_create(
                actor=request.user,
                level=data["level"],
                owner=data["owner"],
                parent=parent,
                title=data["title"],
                description=data["description"],
                first_year=data["first_year"],
                last_year=data["last_year"],
                decided_on=data["decided_on"],
                decision_paragraph=data["decision_paragraph"],
                perspective=data.get("perspective"),
                tags=data["tags"],
                reason=data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was created."))
            return redirect("goals:detail", pk=goal.pk)
    return form_page(
        request,
        form,
        heading=_("New goal"),
        template="goals/form.html",
        lead=_goal_label(parent) if parent else "",
        cancel_url=_goal_url(parent) if parent else reverse("goals:tree"),
        parent=parent,
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, write=True)
    model = goal.level.model
    initial = {
        "level": goal.level,
        "owner": goal.owner,
        "title": goal.title,
        "description": goal.description,
        "first_year": goal.first_year,
        "last_year": goal.last_year,
        "decided_on": goal.decided_on,
        "decision_paragraph": goal.decision_paragraph,
        "perspective": goal.perspective,
        "tags": list(goal.tags.all()),
        "version": goal.version,
    }
    form = GoalForm(
        request.POST or None,
        model=model,
        access=access_for(request.user),
        parent=goal.parent,
        initial=initial,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in form.changed_data
            if name not in {"tags", "change_reason", "version"}
        }
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                reason=data["change_reason"],
                tags=data["tags"],
                expected_version=data["version"],
                **changes,
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return redirect("goals:detail", pk=goal.pk)
    return form_page(
        request,
        form,
        heading=_("Change goal"),
        lead=_goal_label(goal),
        cancel_url=_goal_url(goal),
        conflict=conflict,
    )


@login_required
def move(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, write=True)
    candidates = selectors.move_candidates(goal)
    form = GoalMoveForm(
        request.POST or None, candidates=candidates, initial={"version": goal.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                parent=form.cleaned_data["parent"],
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["change_reason"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was moved."))
            return redirect("goals:detail", pk=goal.pk)
    return form_page(
        request,
        form,
        heading=_("Move goal"),
        lead=_goal_label(goal),
        cancel_url=_goal_url(goal),
        submit_label=_("Move"),
        conflict=conflict,
    )


@login_required
def retire(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.user, pk, write=True)
    form = GoalRetireForm(request.POST or None, initial={"retired_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_retire(
                actor=request.user,
                goal=goal,
                retired_on=form.cleaned_data["retired_on"],
                reason=form.cleaned_data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was retired. It stays in the history."))
            return redirect("goals:detail", pk=goal.pk)
    return form_page(
        request,
        form,
        heading=_("Retire goal"),
        template="goals/retire.html",
        lead=_goal_label(goal),
        cancel_url=_goal_url(goal),
        submit_label=_("Retire"),
        descendants=goal.get_descendant_count(),
    )


def _render_steering_model(
    request: HttpRequest, *, chosen: str = "", form: SteeringModelChooseForm | None = None
) -> HttpResponse:
    """The styrmodell page; ``form``: the bound choice of preset ``chosen`` with its errors."""
    models = list(SteeringModel.objects.prefetch_related("levels__allowed_parents", "perspectives"))
    active = next((m for m in models if m.is_active), None)
    presets = [
        (preset, form if preset.key == chosen else SteeringModelChooseForm(prefix=preset.key))
        for preset in PRESETS.values()
    ]
    return render(
        request,
        "goals/steering_model.html",
        {
            "models": models,
            "active": active,
            "foundations": selectors.foundations(model=active) if active else [],
            "presets": presets,
            "chosen": chosen,
            "loaded": {m.key for m in models},
            "can_configure": access_for(request.user).is_administrator,
        },
    )


@login_required
def steering_model(request: HttpRequest) -> HttpResponse:
    """The styrmodell in use: levels, perspectives, parts; administrators choose presets."""
    require_organisation_reader(request.user)
    return _render_steering_model(request)


@login_required
@require_POST
def steering_model_choose(request: HttpRequest, key: str) -> HttpResponse:
    """Put preset ``key`` in use: confirmed with a reason, which the history keeps."""
    access = access_for(request.user)
    access.require(access.is_administrator)
    if key not in PRESETS:
        raise Http404
    form = SteeringModelChooseForm(request.POST, prefix=key)
    if not form.is_valid():
        return _render_steering_model(request, chosen=key, form=form)
    try:
        model = services.steering_model_load_preset(actor=request.user, key=key)
        services.steering_model_activate(
            actor=request.user, model=model, reason=form.cleaned_data["change_reason"]
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_steering_model(request, chosen=key, form=form)
    messages.success(
        request, _("%(name)s is now the steering model in use.") % {"name": model.name}
    )
    return redirect("goals:steering_model")


def _configured_model(request: HttpRequest) -> SteeringModel:
    """The model in use, for an administrator to configure."""
    access = access_for(request.user)
    access.require(access.is_administrator)
    return _active_model_or_404()


@login_required
def steering_model_settings(request: HttpRequest) -> HttpResponse:
    """The administrator switches the parts of the model in use on or off."""
    model = _configured_model(request)
    form = SteeringModelSettingsForm(
        request.POST or None, instance=model, initial={"version": model.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.configuration_save(
                actor=request.user,
                instance=form.instance,
                reason=form.cleaned_data["change_reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The steering model was saved."))
            return redirect("goals:steering_model")
    return form_page(
        request,
        form,
        heading=_("Settings of the steering model"),
        lead=model.name,
        cancel_url=reverse("goals:steering_model"),
        conflict=conflict,
    )


FOUNDATION_FIELDS = (
    "kind", "title", "text", "first_year", "last_year", "decided_by", "decided_on", "paragraph",
)  # fmt: skip


@login_required
def foundation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a värdegrund, ledord, leader or principle, or change one, with its decision."""
    model = _configured_model(request)
    element = get_object_or_404(FoundationElement, pk=pk, model=model) if pk else None
    if element is not None:
        initial = {name: getattr(element, name) for name in FOUNDATION_FIELDS}
        initial["version"] = element.version
    else:
        initial = {"kind": request.GET.get("slag", "")}
    form = FoundationElementForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.foundation_element_save(
                actor=request.user,
                model=model,
                element=element,
                **{name: data[name] for name in FOUNDATION_FIELDS},
                reason=data["change_reason"],
                expected_version=data["version"] if element is not None else None,
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The element was saved."))
            return redirect(reverse("goals:steering_model") + "#foundation-heading")
    return form_page(
        request,
        form,
        heading=_("Change the element") if element else _("New element of the foundation"),
        lead=element.title if element else model.name,
        cancel_url=reverse("goals:steering_model"),
        conflict=conflict,
    )


@login_required
def foundation_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a foundation element: it stays readable in the years it held."""
    model = _configured_model(request)
    element = get_object_or_404(FoundationElement, pk=pk, model=model)
    form = FoundationEndForm(
        request.POST or None,
        initial={"last_year": timezone.localdate().year, "version": element.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.foundation_element_end(
                actor=request.user,
                element=element,
                last_year=form.cleaned_data["last_year"],
                reason=form.cleaned_data["change_reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The element was ended."))
            return redirect(reverse("goals:steering_model") + "#foundation-heading")
    return form_page(
        request,
        form,
        heading=_("End the element"),
        lead=element.title,
        cancel_url=reverse("goals:steering_model"),
        submit_label=_("End"),
        conflict=conflict,
    )


@login_required
def unit_goals(request: HttpRequest, pk: int) -> HttpResponse:
    """A nämnd's or bolag's grunduppdrag with its goals and uppdrag for a year."""
    require_organisation_reader(request.user)
    unit = get_object_or_404(Unit, pk=pk)
    model = _active_model_or_404()
    year = year_from(request)
    access = access_for(request.user)
    chosen = _status_period(request, year)
    period = chosen["period"]
    return render(
        request,
        "goals/unit_goals.html",
        {
            **chosen,
            "unit": unit,
            "year": year,
            "can_edit_mission": unit.kind in {"ks", "namnd", "bolag"} and access.can_edit_for(unit),
            **selectors.unit_goal_overview(
                unit=unit, model=model, year=year, reader=access, period=period
            ),
            # "X av Y" for the unit in the period, as on the follow-up pages.
            "progress": (
                followup_progress(period=period, units=[unit]).get(unit.pk)
                if period is not None and can_read_followup(access, unit, period)
                else None
            ),
        },
    )


@login_required
def basic_mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's editors keep its grunduppdrag (from reglemente or ägardirektiv) current."""
    unit = get_object_or_404(Unit, pk=pk)
    access = access_for(request.user)
    access.require(access.can_edit_for(unit))
    year = year_from(request)
    mission = selectors.current_basic_mission(unit, year)
    return _basic_mission_form(request, unit, mission, year)


def _basic_mission_form(
    request: HttpRequest, unit: Unit, mission, year: int, *, cancel_url: str = ""
) -> HttpResponse:
    """The form of a grunduppdrag (``mission`` None: a new one of ``unit``)."""
    initial = {"first_year": year}
    if mission is not None:
        initial.update(
            title=mission.title,
            text=mission.text,
            source=mission.source,
            document=mission.document_id,
            first_year=mission.first_year,
            tags=list(mission.tags.all()),
            version=mission.version,
        )
    form = BasicMissionForm(request.POST or None, initial=initial, model=services.active_model())
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.basic_mission_save(
                actor=request.user,
                unit=unit,
                title=data["title"],
                text=data["text"],
                source=data["source"],
                first_year=data["first_year"],
                mission=mission,
                document=data["document"],
                tags=data["tags"],
                reason=data["change_reason"],
                expected_version=data["version"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The basic mission was saved."))
            return redirect(f"{reverse('goals:mission_detail', args=[saved.pk])}?ar={year}")
    return form_page(
        request,
        form,
        heading=_("Basic mission of %(unit)s") % {"unit": unit.name},
        lead=mission.title if mission is not None else "",
        cancel_url=cancel_url or f"{reverse('goals:unit_goals', args=[unit.pk])}?ar={year}",
        conflict=conflict,
    )


@login_required
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Measure a goal with an indicator in a year, with the year's target value."""
    goal = get_goal_for_user(request.user, pk, write=True)
    form = GoalIndicatorForm(
        request.POST or None, initial={"year": year_from(request)}, model=goal.level.model
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if (
            data["indicator"]
            and GoalIndicator.objects.filter(
                goal=goal, indicator=data["indicator"], year=data["year"]
            ).exists()
        ):
            # Measured already: its target is corrected there, with a reason, not re-added.
            messages.info(
                request,
                _("The indicator already measures the goal in %(year)s. Correct its target here.")
                % {"year": data["year"]},
            )
            return redirect(_target_url(goal, data["indicator"].pk, data["year"]))
        try:
            services.goal_indicator_add(
                actor=request.user,
                goal=goal,
                indicator=data["indicator"],
                new_indicator=_new_indicator(data),
                year=data["year"],
                target=data["target"],
                reason=data["change_reason"],
            )
        except PermissionDenied as refusal:  # a closed year's targets
            form.add_error("year", str(refusal))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator now measures the goal."))
            return redirect(f"{reverse('goals:detail', args=[goal.pk])}?ar={data['year']}")
    return form_page(
        request,
        form,
        heading=_("Add indicator"),
        lead=_goal_label(goal),
        cancel_url=_goal_url(goal),
    )


@login_required
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Give an uppdrag under a goal; the goal's owner (KF or a nämnd) gives it."""
    goal = get_goal_for_user(request.user, pk, write=True)
    year = year_from(request)
    form = AssignmentForm(
        request.POST or None,
        initial={"first_year": year, "last_year": year},
        model=goal.level.model,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_create(
                actor=request.user,
                goal=goal,
                given_by=goal.owner,
                title=data["title"],
                description=data["description"],
                recipients=data["recipients"],
                first_year=data["first_year"],
                last_year=data["last_year"],
                resources=data["resources"],
                deadline=data["deadline"],
                decided_on=data["decided_on"],
                paragraph=data["paragraph"],
                tags=data["tags"],
                reason=data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment was given."))
            return redirect(f"{reverse('goals:detail', args=[goal.pk])}?ar={year}")
    return form_page(
        request,
        form,
        heading=_("New assignment"),
        lead=_goal_label(goal),
        cancel_url=_goal_url(goal),
    )


@login_required
def assignment_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A receiving unit reports how its part of an uppdrag goes."""
    recipient = get_recipient_for_user(request.user, pk, write=True)
    form = AssignmentReportForm(
        request.POST or None,
        initial={
            "status": recipient.status,
            "report": recipient.report,
            "version": recipient.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_report(
                actor=request.user,
                recipient=recipient,
                status=data["status"],
                report=data["report"],
                reason=data["change_reason"],
                expected_version=data["version"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The report was saved."))
            return redirect(_assignment_url(recipient.assignment))
    return form_page(
        request,
        form,
        heading=_("Report on %(title)s for %(unit)s")
        % {"title": recipient.assignment.title, "unit": recipient.unit.name},
        cancel_url=_assignment_url(recipient.assignment),
        conflict=conflict,
    )


@login_required
def assignment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision that completes, ends, extends or changes an uppdrag."""
    assignment = get_assignment_for_user(request.user, pk, write=True)
    form = AssignmentDecisionForm(request.POST or None, initial={"version": assignment.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_decide(
                actor=request.user,
                assignment=assignment,
                state=data["state"],
                decided_on=data["decided_on"],
                paragraph=data["paragraph"],
                note=data["note"],
                last_year=data["last_year"],
                deadline=data["deadline"],
                reason=data["change_reason"],
                expected_version=data["version"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect(_assignment_url(assignment))
    return form_page(
        request,
        form,
        heading=_("Decision on %(title)s") % {"title": assignment.title},
        cancel_url=_assignment_url(assignment),
        conflict=conflict,
    )


def _assignment_url(assignment) -> str:
    """Where a report or decision on an uppdrag returns: its place under its goal, else its
    own page."""
    if assignment.goal_id:
        return f"{reverse('goals:detail', args=[assignment.goal_id])}#assignment-{assignment.pk}"
    return _assignment_page_url(assignment)


def _assignment_page_url(assignment) -> str:
    return reverse("goals:assignment_detail", args=[assignment.pk])


def _new_indicator(data: dict) -> dict:
    """A new indicator's fields from a ``GoalIndicatorForm``."""
    return {
        "title": data["new_title"],
        "measure_unit": data["measure_unit"],
        "direction": data["direction"],
        "kolada_kpi": data["kolada_kpi"],
        "tags": data["new_tags"],
    }


# --- Uppdrag and grunduppdrag: lists by aspect and global goal, pages, indicators ------------


@login_required
def assignments(request: HttpRequest) -> HttpResponse:
    """Every uppdrag of the year, filterable by sustainability aspect or global goal
    (``?tagg=``), with how many carry each aspect."""
    require_organisation_reader(request.user)
    year = year_from(request)
    access = access_for(request.user)
    return render(
        request,
        "goals/assignments.html",
        {
            "year": year,
            "years": range(year - 2, year + 3),
            "listing": selectors.assignment_list(
                year=year, tag_id=_int_or_none(request.GET.get("tagg"))
            ),
            "can_give": access.is_administrator or bool(access.editor_units()),
            "model": services.active_model(),
        },
    )


@login_required
def missions(request: HttpRequest) -> HttpResponse:
    """Every nämnd's and bolag's grunduppdrag in force in the year, filterable by
    sustainability aspect or global goal (``?tagg=``), with how many carry each aspect."""
    require_organisation_reader(request.user)
    year = year_from(request)
    return render(
        request,
        "goals/missions.html",
        {
            "year": year,
            "years": range(year - 2, year + 3),
            "listing": selectors.mission_list(
                year=year, tag_id=_int_or_none(request.GET.get("tagg"))
            ),
            "model": services.active_model(),
        },
    )


def _removal_rows(lines, bound: dict | None = None) -> list[tuple]:
    """(line, form) per followed indicator: the form to stop following it, with a reason."""
    return [
        (
            line,
            (bound or {}).get(line.indicator.pk)
            or IndicatorRemoveForm(
                prefix=f"remove-{line.indicator.pk}", initial={"year": line.year}
            ),
        )
        for line in lines
    ]


def _assignment_page(
    request: HttpRequest, assignment, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    year = year_from(request)
    access = access_for(request.user)
    data = selectors.assignment_page(assignment=assignment, year=year, reader=access)
    return render(
        request,
        "goals/assignment_detail.html",
        {
            "assignment": assignment,
            "data": data,
            "year": year,
            "rows": _removal_rows(data.indicators, bound),
            "can_edit": access.can_edit_for(assignment.given_by),
            "reportable": set()
            if services.reports_assignments_per_period()
            else {r.pk for r in data.recipients if access.can_edit_for(r.unit)},
        },
        status=status,
    )


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An uppdrag: who gave it to whom, its aspects and global goals, its decisions, and the
    indicators that follow it in the year with target and latest value."""
    return _assignment_page(request, get_assignment_for_user(request.user, pk))


@login_required
def assignment_new(request: HttpRequest) -> HttpResponse:
    """Give an uppdrag under no goal (Vadstena's local political uppdrag)."""
    access = access_for(request.user)
    year = year_from(request)
    form = AssignmentGiveForm(
        request.POST or None,
        initial={"first_year": year, "last_year": year},
        model=services.active_model(),
        access=access,
    )
    if not form.fields["given_by"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                actor=request.user,
                given_by=data["given_by"],
                title=data["title"],
                description=data["description"],
                recipients=data["recipients"],
                first_year=data["first_year"],
                last_year=data["last_year"],
                resources=data["resources"],
                deadline=data["deadline"],
                decided_on=data["decided_on"],
                paragraph=data["paragraph"],
                tags=data["tags"],
                reason=data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment was given."))
            return redirect(f"{_assignment_page_url(assignment)}?ar={data['first_year']}")
    return form_page(
        request,
        form,
        heading=_("New assignment"),
        cancel_url=f"{reverse('goals:assignments')}?ar={year}",
    )


@login_required
def assignment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an uppdrag's wording, resources, aspects and global goals."""
    assignment = get_assignment_for_user(request.user, pk, write=True)
    form = AssignmentEditForm(
        request.POST or None,
        model=services.active_model(),
        initial={
            "title": assignment.title,
            "description": assignment.description,
            "resources": assignment.resources,
            "tags": list(assignment.tags.all()),
            "version": assignment.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_update(
                actor=request.user,
                assignment=assignment,
                title=data["title"],
                description=data["description"],
                resources=data["resources"],
                tags=data["tags"],
                reason=data["change_reason"],
                expected_version=data["version"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment was saved."))
            return redirect(_assignment_page_url(assignment))
    return form_page(
        request,
        form,
        heading=_("Change assignment"),
        lead=assignment.title,
        cancel_url=_assignment_page_url(assignment),
        conflict=conflict,
    )


def _followed_indicator_add(
    request: HttpRequest, *, owner_url: str, lead: str, **target
) -> HttpResponse:
    """Follow a grunduppdrag or an uppdrag (``target``) with an existing or new indicator."""
    form = GoalIndicatorForm(
        request.POST or None, initial={"year": year_from(request)}, model=services.active_model()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.followed_indicator_add(
                actor=request.user,
                indicator=data["indicator"],
                new_indicator=_new_indicator(data),
                year=data["year"],
                target=data["target"],
                reason=data["change_reason"],
                **target,
            )
        except PermissionDenied as refusal:  # a closed year's targets
            form.add_error("year", str(refusal))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator now follows it."))
            return redirect(f"{owner_url}?ar={data['year']}#indicators-heading")
    return form_page(
        request,
        form,
        heading=_("Add indicator"),
        lead=lead,
        cancel_url=f"{owner_url}?ar={year_from(request)}",
    )


@login_required
def assignment_indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_user(request.user, pk, write=True)
    return _followed_indicator_add(
        request, owner_url=_assignment_page_url(assignment), lead=assignment.title,
        assignment=assignment,
    )  # fmt: skip


def _removal(request: HttpRequest, indicator_pk: int):
    """The indicator and the bound removal form of a POST (its prefix names the indicator)."""
    indicator = get_object_or_404(Indicator, pk=indicator_pk)
    return indicator, IndicatorRemoveForm(request.POST, prefix=f"remove-{indicator.pk}")


@login_required
@require_POST
def assignment_indicator_remove(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    assignment = get_assignment_for_user(request.user, pk, write=True)
    indicator, form = _removal(request, indicator_pk)
    if form.is_valid():
        try:
            services.assignment_indicator_unlink(
                actor=request.user,
                assignment=assignment,
                indicator=indicator,
                year=form.cleaned_data["year"],
                reason=form.cleaned_data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator no longer follows it."))
            return redirect(
                f"{_assignment_page_url(assignment)}?ar={form.cleaned_data['year']}#indicators-heading"
            )
    return _assignment_page(request, assignment, bound={indicator.pk: form}, status=400)


def _mission_url(mission) -> str:
    return reverse("goals:mission_detail", args=[mission.pk])


def _mission_page(
    request: HttpRequest, mission, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    year = year_from(request)
    access = access_for(request.user)
    data = selectors.mission_page(mission=mission, year=year, reader=access)
    return render(
        request,
        "goals/mission_detail.html",
        {
            "mission": mission,
            "data": data,
            "year": year,
            "rows": _removal_rows(data.indicators, bound),
            "can_edit": access.can_edit_for(mission.unit),
        },
        status=status,
    )


@login_required
def mission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A grunduppdrag: its text and source, aspects and global goals, and the indicators that
    follow it in the year with target and latest value."""
    return _mission_page(request, get_mission_for_user(request.user, pk))


@login_required
def mission_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Another grunduppdrag of the unit (a nämnd has several: förskola, grundskola …)."""
    unit = get_object_or_404(Unit, pk=pk)
    access = access_for(request.user)
    access.require(access.can_edit_for(unit))
    return _basic_mission_form(request, unit, None, year_from(request))


@login_required
def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_mission_for_user(request.user, pk, write=True)
    year = year_from(request)
    return _basic_mission_form(
        request, mission.unit, mission, year, cancel_url=f"{_mission_url(mission)}?ar={year}"
    )


@login_required
def mission_indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    mission = get_mission_for_user(request.user, pk, write=True)
    return _followed_indicator_add(
        request, owner_url=_mission_url(mission), lead=str(mission), basic_mission=mission
    )


@login_required
@require_POST
def mission_indicator_remove(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    mission = get_mission_for_user(request.user, pk, write=True)
    indicator, form = _removal(request, indicator_pk)
    if form.is_valid():
        try:
            services.mission_indicator_unlink(
                actor=request.user,
                basic_mission=mission,
                indicator=indicator,
                year=form.cleaned_data["year"],
                reason=form.cleaned_data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator no longer follows it."))
            return redirect(
                f"{_mission_url(mission)}?ar={form.cleaned_data['year']}#indicators-heading"
            )
    return _mission_page(request, mission, bound={indicator.pk: form}, status=400)


@login_required
def indicator_tags(request: HttpRequest, pk: int) -> HttpResponse:
    """An indicator's global goals and aspects: shown to every reader, changed by an
    administrator or an editor of a unit it measures (``indicator_tags_set``)."""
    indicator = get_indicator_for_user(request.user, pk)
    form = IndicatorTagsForm(
        request.POST or None,
        model=services.active_model(),
        initial={"tags": list(indicator.tags.all())},
    )
    back = request.GET.get("tillbaka", "")
    cancel_url = (
        back if back.startswith("/") and not back.startswith("//") else reverse("goals:tree")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_tags_set(
                actor=request.user,
                indicator=indicator,
                tags=form.cleaned_data["tags"],
                reason=form.cleaned_data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator's tags were saved."))
            return redirect(cancel_url)
    return form_page(
        request,
        form,
        heading=_("Global goals and aspects of an indicator"),
        lead=indicator.title,
        cancel_url=cancel_url,
    )


@login_required
def external_factors(request: HttpRequest) -> HttpResponse:
    """KF's omvärldsfaktorer in force in the year and how each nämnd and bolag relates to them."""
    require_organisation_reader(request.user)
    year = year_from(request)
    rows = selectors.external_factor_overview(year, access_for(request.user))
    return render(
        request,
        "goals/external_factors.html",
        {
            "year": year,
            "years": range(year - 3, year + 4),
            "rows": rows,
            "withdrawn_now": any(row.factor.is_withdrawn for row in rows),
            # Withdrawn in an earlier year: no longer in force, shown apart with the reason.
            "withdrawn_earlier": ExternalFactor.objects.filter(
                first_year__lte=year, last_year__gte=year, withdrawn_on__year__lt=year
            ),
            "can_configure": access_for(request.user).is_administrator,
        },
    )


@login_required
def external_factor_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that KF withdrew an omvärldsfaktor, with the date and the reason: the
    administrators."""
    access = access_for(request.user)
    access.require(access.is_administrator)
    factor = get_object_or_404(ExternalFactor, pk=pk, withdrawn_on__isnull=True)
    back = f"{reverse('goals:external_factors')}?ar={factor.first_year}#factor-{factor.pk}"
    form = ExternalFactorWithdrawForm(request.POST or None, initial={"version": factor.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.external_factor_withdraw(
                actor=request.user, factor=factor, withdrawn_on=data["withdrawn_on"],
                reason=data["withdrawal_reason"], expected_version=data["version"],
            )  # fmt: skip
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The withdrawal was recorded."))
            year = data["withdrawn_on"].year
            return redirect(f"{reverse('goals:external_factors')}?ar={year}#withdrawn")
    return form_page(
        request,
        form,
        heading=_("Withdraw %(title)s") % {"title": factor.title},
        lead=_(
            "A withdrawn factor stays in force to the end of the year it was withdrawn; "
            "from the year after, no committee or company relates to it any more."
        ),
        cancel_url=back,
        conflict=conflict,
    )


# --- Correcting an indicator's target ----------------------------------------------------


def _target_url(goal: Goal, indicator_pk: int, year: int) -> str:
    url = reverse("goals:indicator_target_edit", args=[goal.pk, indicator_pk])
    return f"{url}?ar={year}"


@login_required
def indicator_target_edit(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """Correct the target of an indicator measuring the goal in the year (?ar=), with a
    reason; the target's history below the form."""
    goal = get_goal_for_user(request.user, pk, write=True)
    if goal.is_retired:
        raise PermissionDenied
    year = year_from(request)
    link = get_object_or_404(
        GoalIndicator.objects.select_related("indicator"),
        goal=goal,
        indicator_id=indicator_pk,
        year=year,
    )
    indicator = link.indicator
    target = IndicatorTarget.objects.filter(
        indicator=indicator, year=year, unit=services.target_unit(goal)
    ).first()
    initial = {"value": target.value, "version": target.version} if target else {"version": 0}
    form = IndicatorTargetForm(request.POST or None, initial=initial)
    closed = None
    try:
        services.require_year_open_for_targets(year)
    except PermissionDenied as refusal:
        closed = str(refusal)
    conflict = None
    if request.method == "POST" and closed is None and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_target_correct(
                actor=request.user,
                goal=goal,
                indicator=indicator,
                year=year,
                value=data["value"],
                reason=data["change_reason"],
                expected_version=data["version"],
            )
        except StaleEdit as stale:
            conflict = conflict_for(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The target was corrected."))
            return redirect(f"{_goal_url(goal)}?ar={year}#indicators-heading")
    return render(
        request,
        "goals/target_form.html",
        {
            "goal": goal,
            "indicator": indicator,
            "year": year,
            "target": target,
            "form": form,
            "closed": closed,
            "conflict": conflict,
            "records": history_records(target) if target else [],
            "cancel_url": f"{_goal_url(goal)}?ar={year}",
        },
    )
