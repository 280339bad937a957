"""The writing page of the kommun's report: each heading of the förvaltningsberättelse with
its text beside the figures the report prints under it, and the report's treatment dates.

Everyone who reads the period's kommun-wide follow-up reads the page; the ekonomer, the
administrators and the kommunstyrelsen's editors write (``apps.reports.texts``). One URL per
write; the page's render function is shared by the GET and by a refused save, which shows
the editor's text again with the error (or, when someone saved meanwhile, both versions).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import UserAccess, access_for
from apps.core.forms import add_service_errors
from apps.core.locking import Conflict, StaleEdit, conflict_for
from apps.periods.models import PeriodState, ReportingPeriod
from apps.reports import text_services
from apps.reports.content import ReportKind
from apps.reports.document import KIND_OF_PERIOD, headings_of
from apps.reports.render import draw_table
from apps.reports.sections.narrative import TITLES
from apps.reports.text_forms import ReportTextForm, ReportTreatmentForm
from apps.reports.texts import can_read_texts, can_write_texts, writing_page

TREATMENT_PREFIX = "behandling"


def _period_for(
    request: HttpRequest, period_pk: int, *, write: bool = False
) -> tuple[ReportingPeriod, ReportKind, UserAccess]:
    """The access helper: the period and its report's kind, if the user may read (or, with
    ``write``, write) its texts; 404 for a period without a report, 403 otherwise."""
    access = access_for(request.user)
    access.require(access.can_read)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    kind = KIND_OF_PERIOD.get(period.kind)
    if kind is None:
        raise Http404
    access.require(can_read_texts(access, period))
    if write:
        access.require(can_write_texts(access))
    return period, kind, access


def _page_url(period: ReportingPeriod, anchor: str = "") -> str:
    url = reverse("reports:texts", args=[period.pk])
    return f"{url}#{anchor}" if anchor else url


def _render(
    request: HttpRequest,
    period: ReportingPeriod,
    kind: ReportKind,
    access: UserAccess,
    *,
    bound: dict[str, ReportTextForm | ReportTreatmentForm] | None = None,
    conflicts: dict[str, Conflict] | None = None,
) -> HttpResponse:
    bound, conflicts = bound or {}, conflicts or {}
    page = writing_page(period, kind)
    may_write = can_write_texts(access)
    texts_writable = may_write and period.state == PeriodState.OPEN
    headings = []
    for item in page.headings:
        form = None
        if texts_writable:
            initial = {
                "text": item.text.text if item.text else "",
                "version": item.text.version if item.text else 0,
            }
            form = bound.get(item.key) or ReportTextForm(prefix=item.key, initial=initial)
        material = [
            (depth, section, [draw_table(table) for table in section.tables])
            for depth, section in item.material
        ]
        headings.append((item, form, conflicts.get(item.key), material))
    treatment_form = None
    if may_write and page.has_treatment:
        found = page.treatment
        initial = {"version": found.version if found else 0}
        if found is not None:
            for name in ReportTreatmentForm.base_fields:
                if name not in ("version", "change_reason"):
                    initial[name] = getattr(found, name)
        treatment_form = bound.get(TREATMENT_PREFIX) or ReportTreatmentForm(
            prefix=TREATMENT_PREFIX, initial=initial
        )
    return render(
        request,
        "reports/texts/page.html",
        {
            "period": period,
            "page": page,
            "kind_label": ReportKind(kind).label,
            "headings": headings,
            "may_write": may_write,
            "texts_writable": texts_writable,
            "treatment_form": treatment_form,
            "treatment_conflict": conflicts.get(TREATMENT_PREFIX),
        },
    )


@login_required
def page(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, kind, access = _period_for(request, period_pk)
    return _render(request, period, kind, access)


@login_required
@require_POST
def text_save(request: HttpRequest, period_pk: int, heading: str) -> HttpResponse:
    period, kind, access = _period_for(request, period_pk, write=True)
    if heading not in headings_of(kind):
        raise Http404
    form = ReportTextForm(request.POST, prefix=heading)
    if form.is_valid():
        try:
            text_services.report_text_save(
                actor=request.user,
                period=period,
                heading=heading,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["change_reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
            return _render(request, period, kind, access, bound={heading: form},
                           conflicts={heading: conflict})  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The text for %(heading)s was saved.") % {"heading": TITLES[heading]}
            )
            return redirect(_page_url(period, f"fb-{heading}"))
    return _render(request, period, kind, access, bound={heading: form})


@login_required
@require_POST
def treatment_save(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, kind, access = _period_for(request, period_pk, write=True)
    form = ReportTreatmentForm(request.POST, prefix=TREATMENT_PREFIX)
    if form.is_valid():
        data = dict(form.cleaned_data)
        reason, version = data.pop("change_reason"), data.pop("version")
        try:
            text_services.report_treatment_save(
                actor=request.user, period=period, reason=reason, expected_version=version, **data
            )
        except StaleEdit as error:
            conflict = conflict_for(form, error)
            return _render(request, period, kind, access, bound={TREATMENT_PREFIX: form},
                           conflicts={TREATMENT_PREFIX: conflict})  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The treatment of the report was saved."))
            return redirect(_page_url(period, TREATMENT_PREFIX))
    return _render(request, period, kind, access, bound={TREATMENT_PREFIX: form})
