from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.forms import add_service_errors
from apps.core.locking import StaleEdit, conflict_for
from apps.core.views import action_pk, form_page, year_from
from apps.goals.forms import FactorResponseForm, factor_response_rows
from apps.goals.selectors import external_factors_in
from apps.goals.services import active_model
from apps.organisation.models import Unit
from apps.trust import selectors, services
from apps.trust.forms import DialogueForm, EnvironmentAnalysisForm, StatusReportForm
from apps.trust.models import EnvironmentAnalysis, StatusReport, TrustDialogue


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The year's nulägesbeskrivningar and tillitsdialoger, collected for the report to KF."""
    access = access_for(request.user)
    access.require(access.can_read)
    year = year_from(request)
    model = active_model()
    overview = selectors.trust_overview(year)
    return render(
        request,
        "trust/overview.html",
        {
            "year": year,
            "years": range(year - 2, year + 3),
            **overview,
            "model": model,
            "environment_analysis": EnvironmentAnalysis.objects.filter(year=year).first(),
            "can_write_analysis": services.can_write_environment_analysis(request.user),
            "can_record": services.can_record_dialogue(request.user),
            "changeable_dialogues": {
                d.pk for d in overview["dialogues"] if services.can_record_dialogue(request.user, d)
            },
        },
    )


@login_required
def status_report(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """A nämnd's or bolag's nulägesbeskrivning for the year, with how it relates to each of
    KF's omvärldsfaktorer; its editors write both here."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    access = access_for(request.user)
    access.require(access.can_read)
    year = year_from(request)
    report = StatusReport.objects.filter(unit=unit, year=year).first()
    can_write = access.can_edit_for(unit)
    here = f"{request.path}?ar={year}"
    form = bound_factor = conflict = None
    factor_conflicts = {}
    model = active_model()
    uses_factors = model is not None and model.uses_external_factors
    if can_write:
        initial = {f: getattr(report, f) for f in services.STATUS_REPORT_FIELDS} if report else {}
        initial["version"] = report.version if report else 0
        form = StatusReportForm(initial=initial, uses_factors=uses_factors)
    if request.method == "POST":
        access.require(can_write)
        action = request.POST.get("action", "")
        if action.startswith("factor-"):
            if not uses_factors:
                raise Http404
            factor = get_object_or_404(external_factors_in(year), pk=action_pk(action, "factor-"))
            factor_form = FactorResponseForm(request.POST, prefix=f"f{factor.pk}")
            bound_factor = {factor.pk: factor_form}
            if factor_form.is_valid():
                data = dict(factor_form.cleaned_data)
                try:
                    services.status_report_factor_response_save(
                        actor=request.user, unit=unit, year=year, factor=factor,
                        reason=_("Status report %(year)s") % {"year": year},
                        expected_version=data.pop("version"), **data,
                    )  # fmt: skip
                except StaleEdit as error:
                    factor_conflicts[factor.pk] = conflict_for(factor_form, error)
                except ValidationError as error:
                    add_service_errors(factor_form, error)
                else:
                    messages.success(request, _("The response was saved."))
                    return redirect(f"{here}#factor-{factor.pk}")
        else:
            form = StatusReportForm(request.POST, uses_factors=uses_factors)
            if form.is_valid():
                data = dict(form.cleaned_data)
                reason, version = data.pop("change_reason"), data.pop("version")
                try:
                    services.status_report_save(
                        actor=request.user, unit=unit, year=year, reason=reason,
                        expected_version=version, **data,
                    )  # fmt: skip
                except StaleEdit as error:
                    conflict = conflict_for(form, error)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("The status report was saved."))
                    return redirect(here)
    # KF's omvärldsfaktorer only where the styrmodell has them (Ale), never in another's.
    factors = list(external_factors_in(year)) if uses_factors else []
    responses = report.factor_responses.all() if report and factors else []
    dialogues = (
        report.dialogues.prefetch_related("units").order_by("held_on", "pk") if report else []
    )
    return render(
        request,
        "trust/status_report.html",
        {
            "unit": unit,
            "year": year,
            "report": report,
            "form": form,
            "conflict": conflict,
            "can_write": can_write,
            "factors": factors,
            "environment_analysis": EnvironmentAnalysis.objects.filter(year=year).first(),
            "dialogues": dialogues,
            "factor_rows": factor_response_rows(
                factors, responses, bound=bound_factor, conflicts=factor_conflicts
            ),
        },
    )


@login_required
def dialogue_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = access_for(request.user)
    access.require(services.can_record_dialogue(request.user))
    dialogue = get_object_or_404(TrustDialogue, pk=pk) if pk else None
    initial = {}
    if dialogue is not None:
        access.require(services.can_record_dialogue(request.user, dialogue))
        initial = {
            f: getattr(dialogue, f)
            for f in ("kind", "held_on", "participants", "topics", "conclusions", "follow_ups")
        }
        initial["units"] = list(dialogue.units.all())
        initial["status_reports"] = list(dialogue.status_reports.all())
        initial["assignments"] = list(dialogue.assignments.all())
        initial["version"] = dialogue.version
    year = dialogue.held_on.year if dialogue else year_from(request)
    form = DialogueForm(request.POST or None, initial=initial, year=year)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, version = data.pop("change_reason"), data.pop("version")
        try:
            services.dialogue_record(
                actor=request.user, dialogue=dialogue, reason=reason, expected_version=version,
                **data,
            )  # fmt: skip
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The dialogue was recorded."))
            return redirect(f"{reverse('trust:overview')}?ar={data['held_on'].year}")
    return form_page(
        request,
        form,
        heading=_("Change dialogue") if dialogue else _("Record a dialogue"),
        cancel_url=reverse("trust:overview"),
        conflict=conflict,
    )


# --- The kommungemensamma omvärldsanalysen ------------------------------------------------


@login_required
def environment_analysis(request: HttpRequest, year: int) -> HttpResponse:
    """The year's common analysis of the world around and its omvärldsdag, which every
    nämnd and bolag reads for its nulägesbeskrivning."""
    access = access_for(request.user)
    access.require(access.can_read)
    analysis = EnvironmentAnalysis.objects.filter(year=year).select_related("responsible").first()
    return render(
        request,
        "trust/environment_analysis.html",
        {
            "year": year,
            "analysis": analysis,
            "others": list(
                EnvironmentAnalysis.objects.exclude(year=year).values_list("year", flat=True)
            ),
            "can_write": services.can_write_environment_analysis(request.user),
        },
    )


@login_required
def environment_analysis_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Write or change the year's omvärldsanalys: the executive board's editors."""
    access_for(request.user).require(services.can_write_environment_analysis(request.user))
    analysis = EnvironmentAnalysis.objects.filter(year=year).first()
    initial = {"version": 0}
    if analysis is not None:
        initial = {
            f: getattr(analysis, f) for f in ("title", "text", "url", "day_held_on", "day_notes")
        }
        initial["version"] = analysis.version
    form = EnvironmentAnalysisForm(request.POST or None, initial=initial)
    conflict = None
    page_url = reverse("trust:environment_analysis", args=[year])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, version = data.pop("change_reason"), data.pop("version")
        try:
            services.environment_analysis_save(
                actor=request.user, year=year, reason=reason, expected_version=version, **data
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The analysis was saved."))
            return redirect(page_url)
    return form_page(
        request,
        form,
        heading=_("Common analysis of the world around %(year)s") % {"year": year},
        cancel_url=page_url,
        conflict=conflict,
    )
