"""The outcome import, in two steps, and its history.

1. ``/ekonomi/utfall/``: the ekonom uploads a file with its year and a reason; the page also
   lists every import so far.
2. ``/ekonomi/utfall/kolumner/``: the file's columns, the proposed mapping as selects and its
   first rows; importing shows the result, or the row errors with nothing imported.

Between the steps the file waits in the default storage under ``outcome-uploads/<uuid>``;
the session holds its path (the browser only ever holds a session cookie), and the file is
deleted once it is imported, cancelled or replaced by another upload.
"""

from __future__ import annotations

import uuid
from itertools import islice

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.core.forms import add_service_errors
from apps.economy import outcomes
from apps.economy.forms.outcomes import ColumnMapForm, OutcomeUploadForm
from apps.economy.models import OutcomeImport
from apps.economy.services import require_economy_manager
from apps.economy.services.outcomes import OutcomeImportRefused, outcome_import

UPLOAD_DIR = "outcome-uploads"
PENDING = "economy_outcome_upload"  # the session's key for the file waiting for step 2
PREVIEW_ROWS = 10
SHOWN_ERRORS = 200


def _pending(request: HttpRequest) -> dict | None:
    pending = request.session.get(PENDING)
    if not pending or not str(pending.get("path", "")).startswith(f"{UPLOAD_DIR}/"):
        return None
    return pending


def _drop_pending(request: HttpRequest) -> None:
    pending = _pending(request)
    if pending is not None:
        default_storage.delete(pending["path"])
    request.session.pop(PENDING, None)


def _history() -> list[dict]:
    """Every import, newest first, with what the page shows of it. One query."""
    return [
        {
            "record": record,
            "months": outcomes.months_label(range(record.first_month, record.last_month + 1)),
        }
        for record in OutcomeImport.objects.select_related("imported_by", "replaced_by")
    ]


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """Step 1: upload a file. Also the history of imports."""
    require_economy_manager(request.user)
    if request.method == "POST":
        form = OutcomeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                outcomes.read_table(upload)
            except outcomes.UnreadableFile as error:
                form.add_error("file", str(error))
            else:
                _drop_pending(request)
                path = default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}", upload)
                request.session[PENDING] = {
                    "path": path,
                    "file_name": form.cleaned_data["file"].name[:255],
                    "year": form.cleaned_data["year"],
                    "reason": form.cleaned_data["reason"],
                }
                return redirect("economy:outcome_columns")
    else:
        form = OutcomeUploadForm()
    return render(
        request,
        "economy/outcomes/imports.html",
        {"form": form, "history": _history(), "pending": _pending(request)},
    )


@login_required
def columns(request: HttpRequest) -> HttpResponse:
    """Step 2: choose the columns, see the first rows, import."""
    require_economy_manager(request.user)
    pending = _pending(request)
    if pending is None or not default_storage.exists(pending["path"]):
        request.session.pop(PENDING, None)
        messages.info(request, _("Upload the file to import first."))
        return redirect("economy:outcome_imports")
    if request.method == "POST" and "cancel" in request.POST:
        _drop_pending(request)
        messages.info(request, _("The import was cancelled; nothing was imported."))
        return redirect("economy:outcome_imports")

    refusal = record = None
    with default_storage.open(pending["path"], "rb") as stored:
        table = outcomes.read_table(stored)  # it was readable when it was uploaded
        headers = table.headers
        preview = list(islice(table.rows, PREVIEW_ROWS))
        if request.method == "POST":
            form = ColumnMapForm(request.POST, headers=headers)
            if form.is_valid():
                try:
                    record = outcome_import(
                        actor=request.user,
                        year=pending["year"],
                        content=stored,
                        file_name=pending["file_name"],
                        column_map=form.column_map(),
                        reason=pending["reason"],
                    )
                except OutcomeImportRefused as refused:
                    refusal = refused
                except ValidationError as error:
                    add_service_errors(form, error)
        else:
            form = ColumnMapForm(initial=outcomes.propose_column_map(headers), headers=headers)
    if record is not None:
        _drop_pending(request)
        messages.success(
            request,
            _("%(file)s is imported: %(rows)s rows.")
            % {"file": record.file_name, "rows": record.row_count},
        )
        return redirect("economy:outcome_import", pk=record.pk)
    return render(
        request,
        "economy/outcomes/columns.html",
        {
            "form": form,
            "pending": pending,
            "headers": headers,
            "preview": [
                (number, cells + [""] * (len(headers) - len(cells))) for number, cells in preview
            ],
            "refusal": refusal,
            "shown_errors": refusal.row_errors[:SHOWN_ERRORS] if refusal else [],
        },
    )


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The result of one import: rows, total and months, and what it replaced."""
    require_economy_manager(request.user)
    record = get_object_or_404(
        OutcomeImport.objects.select_related("imported_by", "replaced_by"), pk=pk
    )
    column_map = [
        (outcomes.FIELD_LABELS[field], record.column_map.get(field, ""))
        for field in outcomes.FIELDS
    ]
    return render(
        request,
        "economy/outcomes/detail.html",
        {
            "record": record,
            "months": outcomes.months_label(range(record.first_month, record.last_month + 1)),
            "column_map": column_map,
            "replaced": list(record.replaced.select_related("imported_by")),
        },
    )
