from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import UserAccess, access_for
from apps.core.forms import add_service_errors
from apps.core.locking import StaleEdit, conflict_for
from apps.core.views import form_page, year_from
from apps.documents import selectors, services
from apps.documents.forms import DeviationForm, DocumentFilterForm, DocumentForm
from apps.documents.models import (
    Deviation,
    DeviationKind,
    DeviationStatus,
    GoverningDocument,
)
from apps.organisation.models import Unit


def _writable_units(access: UserAccess) -> QuerySet[Unit]:
    """The units the user writes for: everything for administrators, else their subtrees."""
    units = Unit.objects.order_by("tree_id", "lft")
    if access.is_administrator:
        return units
    scope = Q(pk__in=[])
    for unit in access.editor_units():
        scope |= Q(tree_id=unit.tree_id, lft__gte=unit.lft, rght__lte=unit.rght)
    return units.filter(scope)


def get_document_for_user(user, pk: int, *, write: bool = False) -> GoverningDocument:
    """The document, or 404 when it does not exist, or PermissionDenied."""
    document = get_object_or_404(
        GoverningDocument.objects.select_related("owner", "decided_by"), pk=pk
    )
    access = access_for(user)
    access.require(access.can_read)
    if write:
        access.require(access.can_edit_for(document.owner))
    return document


def get_deviation_for_user(user, pk: int, *, write: bool = False) -> Deviation:
    deviation = get_object_or_404(Deviation.objects.select_related("unit"), pk=pk)
    access = access_for(user)
    access.require(access.can_read)
    if write:
        access.require(access.can_edit_for(deviation.unit))
    return deviation


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """The register: every document, filterable by kind and owner unit."""
    access = access_for(request.user)
    access.require(access.can_read)
    filters = DocumentFilterForm(request.GET or None)
    kind, owner = "", None
    if filters.is_valid():
        kind, owner = filters.cleaned_data["kind"], filters.cleaned_data["owner"]
    today = timezone.localdate()
    return render(
        request,
        "documents/list.html",
        {
            "filters": filters,
            "documents": list(selectors.documents(kind=kind, owner=owner)),
            "today": today,
            "can_add": access.is_administrator or bool(access.editor_units()),
        },
    )


@login_required
def revision_list(request: HttpRequest) -> HttpResponse:
    """What is overdue for revision, and what must be revised before the year ends."""
    access = access_for(request.user)
    access.require(access.can_read)
    today = timezone.localdate()
    return render(
        request,
        "documents/revision.html",
        {"revision": selectors.due_for_revision(today), "today": today},
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    access = access_for(request.user)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "goals": list(document.goals.select_related("level").order_by("tree_id", "lft")),
            "missions": list(document.basic_missions.select_related("unit")),
            "assignments": list(document.assignments.order_by("title", "pk")),
            "deviations": selectors.document_deviations(document),
            "entries": selectors.document_history(document),
            "today": timezone.localdate(),
            "can_write": access.can_edit_for(document.owner),
            "can_log": access.is_administrator or bool(access.editor_units()),
        },
    )


@login_required
def quality_register(request: HttpRequest) -> HttpResponse:
    """The register under the seven headings of the kvalitetsledningssystem: laws, internal
    governance documents, the planning process, follow-up, processes, routines and
    checklists, the deviation log, and the common quality models."""
    access = access_for(request.user)
    access.require(access.can_read)
    return render(
        request,
        "documents/quality.html",
        {
            "register": selectors.quality_register(),
            "year": timezone.localdate().year,
            "today": timezone.localdate(),
            "can_add": access.is_administrator or bool(access.editor_units()),
        },
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded PDF, for readers only: media files are never served publicly."""
    document = get_document_for_user(request.user, pk)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle, content_type="application/pdf", filename=f"{document.title[:80]}.pdf"
    )


def _document_form_page(
    request, form, *, heading: str, cancel_url: str, conflict=None
) -> HttpResponse:
    return form_page(
        request,
        form,
        heading=heading,
        cancel_url=cancel_url,
        template="documents/form.html",
        conflict=conflict,
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    access.require(access.is_administrator or bool(access.editor_units()))
    form = DocumentForm(request.POST or None, request.FILES or None, owners=_writable_units(access))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_create(
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                decided_by=data["decided_by"],
                decided_on=data["decided_on"],
                paragraph=data["paragraph"],
                owner=data["owner"],
                valid_from=data["valid_from"],
                revise_by=data["revise_by"],
                url=data["url"],
                file=data["file"] or None,
                goals=data["goals"],
                assignments=data["assignments"],
                reason=data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was added to the register."))
            return redirect("documents:detail", pk=document.pk)
    return _document_form_page(
        request,
        form,
        heading=_("Add a governance document"),
        cancel_url=reverse("documents:list"),
    )


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk, write=True)
    access = access_for(request.user)
    initial = {name: getattr(document, name) for name in services.DOCUMENT_FIELDS}
    initial["goals"] = list(document.goals.all())
    initial["assignments"] = list(document.assignments.all())
    initial["version"] = document.version
    conflict = None
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        owners=_writable_units(access),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {name: data[name] for name in services.DOCUMENT_FIELDS}
        try:
            services.document_update(
                actor=request.user,
                document=document,
                file=data["file"] or None,
                goals=data["goals"],
                assignments=data["assignments"],
                expected_version=data["version"],
                reason=data["change_reason"],
                **changes,
            )
        except StaleEdit as stale:
            conflict = conflict_for(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document was saved."))
            return redirect("documents:detail", pk=document.pk)
    return _document_form_page(
        request,
        form,
        heading=_("Change %(title)s") % {"title": document.title},
        cancel_url=reverse("documents:detail", args=[document.pk]),
        conflict=conflict,
    )


# --- Avvikelser --------------------------------------------------------------------------


@login_required
def deviation_list(request: HttpRequest) -> HttpResponse:
    """The deviation log, for one unit (?enhet=id) or all units."""
    access = access_for(request.user)
    access.require(access.can_read)
    unit = None
    raw = request.GET.get("enhet", "")
    if raw.isdigit():
        unit = get_object_or_404(Unit, pk=int(raw))
    logged = list(selectors.deviations(unit=unit))
    return render(
        request,
        "documents/deviations.html",
        {
            "unit": unit,
            "units": list(
                Unit.objects.filter(deviations__isnull=False).distinct().order_by("tree_id", "lft")
            ),
            "deviations": logged,
            "writable": {d.pk for d in logged if access.can_edit_for(d.unit)},
            "can_add": access.is_administrator or bool(access.editor_units()),
        },
    )


@login_required
def deviation_summary(request: HttpRequest) -> HttpResponse:
    """Counts per unit and reporting period, by kind and status, for follow-up."""
    access = access_for(request.user)
    access.require(access.can_read)
    year = year_from(request)
    periods, rows = selectors.deviation_summary(year)
    return render(
        request,
        "documents/deviation_summary.html",
        {
            "year": year,
            "periods": periods,
            "rows": rows,
            "kinds": DeviationKind.choices,
            "statuses": DeviationStatus.choices,
        },
    )


DEVIATION_FIELDS = ("occurred_on", "kind", "description", "measure", "status", "document", "goal")


def _deviation_values(data: dict) -> dict:
    return {name: data[name] for name in DEVIATION_FIELDS}


@login_required
def deviation_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    access.require(access.is_administrator or bool(access.editor_units()))
    initial = {"occurred_on": timezone.localdate(), "status": DeviationStatus.OPEN}
    raw = request.GET.get("dokument", "")
    if raw.isascii() and raw.isdigit():
        # Logged from a process's or document's page: it concerns that one.
        initial["document"] = GoverningDocument.objects.filter(pk=int(raw)).first()
    form = DeviationForm(request.POST or None, units=_writable_units(access), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.deviation_create(
                actor=request.user,
                unit=data["unit"],
                reason=data["change_reason"],
                **_deviation_values(data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was added to the log."))
            return redirect(f"{reverse('documents:deviations')}?enhet={data['unit'].pk}")
    return form_page(
        request,
        form,
        heading=_("Log a deviation, complaint or suggestion"),
        cancel_url=reverse("documents:deviations"),
    )


@login_required
def deviation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deviation = get_deviation_for_user(request.user, pk, write=True)
    form = DeviationForm(
        request.POST or None,
        units=Unit.objects.filter(pk=deviation.unit_id),
        initial={
            "unit": deviation.unit,
            **{name: getattr(deviation, name) for name in DEVIATION_FIELDS},
            "version": deviation.version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.deviation_update(
                actor=request.user,
                deviation=deviation,
                expected_version=data["version"],
                reason=data["change_reason"],
                **_deviation_values(data),
            )
        except StaleEdit as stale:
            conflict = conflict_for(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect(f"{reverse('documents:deviations')}?enhet={deviation.unit_id}")
    return form_page(
        request,
        form,
        heading=_("Change the log entry"),
        cancel_url=f"{reverse('documents:deviations')}?enhet={deviation.unit_id}",
        conflict=conflict,
    )
