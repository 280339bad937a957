"""Personnel figures per period: the table (with its Excel export), the import of the HR
system's file and the import history.

Every reader of a period's follow-up reads its figures (``can_read_followup`` with no unit:
ekonomer and administrators while the period is open, every reader once it is closed); the
ekonomer and administrators import the file.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import UserAccess, access_for
from apps.core.forms import add_service_errors
from apps.followup.access import can_read_followup
from apps.periods.models import PeriodState, ReportingPeriod
from apps.personnel import selectors
from apps.personnel.forms import PersonnelUploadForm
from apps.personnel.services import (
    PersonnelImportRefused,
    may_import_personnel,
    personnel_import,
)
from styrmodell.lib import xlsx

SHOWN_ERRORS = 200


def _period_for_reader(request: HttpRequest, period_pk: int) -> tuple[ReportingPeriod, UserAccess]:
    access = access_for(request.user)
    access.require(access.can_read)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    access.require(can_read_followup(access, None, period))
    return period, access


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The periods, each with its current import."""
    access = access_for(request.user)
    access.require(access.can_read)
    return render(request, "personnel/index.html", {"periods": selectors.periods_with_imports()})


def _render(
    request: HttpRequest,
    period: ReportingPeriod,
    form: PersonnelUploadForm | None = None,
    refusal: PersonnelImportRefused | None = None,
) -> HttpResponse:
    """The period's page: the table, the import form (for those who import, while the
    period is open) and the history."""
    can_import = may_import_personnel(request.user) and period.state == PeriodState.OPEN
    return render(
        request,
        "personnel/period.html",
        {
            "period": period,
            "table": selectors.personnel_figures(period),
            "history": selectors.import_history(period),
            "can_import": can_import,
            "form": form or PersonnelUploadForm(),
            "refusal": refusal,
            "shown_errors": refusal.row_errors[:SHOWN_ERRORS] if refusal else [],
        },
        status=422 if refusal or (form is not None and form.errors) else 200,
    )


@login_required
def period_page(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, _access = _period_for_reader(request, period_pk)
    return _render(request, period)


@login_required
@require_POST
def import_file(request: HttpRequest, period_pk: int) -> HttpResponse:
    """Import the HR file for the period: all or nothing."""
    period, access = _period_for_reader(request, period_pk)
    access.require(may_import_personnel(request.user))
    form = PersonnelUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, period, form)
    upload = form.cleaned_data["file"]
    try:
        record = personnel_import(
            actor=request.user,
            period=period,
            content=upload.file,
            file_name=upload.name,
            reason=form.cleaned_data["reason"],
        )
    except PersonnelImportRefused as refused:
        return _render(request, period, form, refused)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render(request, period, form)
    messages.success(
        request,
        _("%(file)s is imported: %(rows)s rows.")
        % {"file": record.file_name, "rows": record.row_count},
    )
    return redirect("personnel:period", period_pk=period.pk)


def table_sheet(table: selectors.PersonnelTable) -> xlsx.Sheet:
    """The table as one Excel sheet: a row per unit and group."""
    previous = table.previous_period.short_label if table.previous_period else _("previous year")
    rows = []
    for block in table.blocks:
        for row in block.rows:
            now, before = row.current, row.previous
            rows.append((
                block.name, row.label, now.employees, now.permanent, now.temporary,
                now.annual_workers, now.sick_percent, now.long_sick_share,
                before.sick_percent, row.suppressed_reason,
            ))  # fmt: skip
    return xlsx.Sheet(
        title=_("Personnel"),
        columns=[
            xlsx.Column(_("Unit")),
            xlsx.Column(_("Group")),
            xlsx.Column(_("Employees")),
            xlsx.Column(_("Permanent")),
            xlsx.Column(_("Temporary")),
            xlsx.Column(_("Full-time equivalents"), xlsx.DECIMAL_FORMAT),
            xlsx.Column(_("Sick leave, %"), xlsx.DECIMAL_FORMAT),
            xlsx.Column(_("Of which 60 days or more, %"), xlsx.DECIMAL_FORMAT),
            xlsx.Column(_("Sick leave %(period)s, %%") % {"period": previous}, xlsx.DECIMAL_FORMAT),
            xlsx.Column(_("Note")),
        ],
        rows=rows,
    )


@login_required
def table_xlsx(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, _access = _period_for_reader(request, period_pk)
    sheet = table_sheet(selectors.personnel_figures(period))
    response = HttpResponse(xlsx.workbook_bytes([sheet]), content_type=xlsx.CONTENT_TYPE)
    name = slugify(f"personal-{period.short_label}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
