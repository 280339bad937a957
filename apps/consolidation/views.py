"""The kommunal koncern's page per period: the bolag with their ownership and figures, the
internal transactions, and the consolidated RR, BR and kassaflöde (with an Excel export).

Every reader of the economy reads it; ekonomer and administrators write, one POST URL per
write (ownership, figures, import, internal transaction, its removal), each redirecting back
to the page or drawing it again with the form's errors."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import UserAccess, access_for
from apps.consolidation import exports, selectors, services
from apps.consolidation.figures_file import FORECAST
from apps.consolidation.forms import (
    FiguresForm,
    FiguresImportForm,
    InternalTransactionForm,
    OwnershipForm,
    RemoveForm,
)
from apps.consolidation.models import (
    CompanyFigure,
    CompanyForecast,
    CompanyLine,
    InternalTransaction,
)
from apps.core.forms import TkrField, add_service_errors
from apps.core.locking import Conflict, ConflictField, StaleEdit, conflict_for
from apps.economy.services import may_manage_economy
from apps.economy.views import xlsx_response
from apps.organisation.models import Unit, UnitKind
from apps.periods.models import PeriodState, ReportingPeriod

SHOWN_ERRORS = 200


def _period_for_reader(request: HttpRequest, period_pk: int) -> tuple[ReportingPeriod, UserAccess]:
    access = access_for(request.user)
    access.require(access.can_read)
    return get_object_or_404(ReportingPeriod, pk=period_pk), access


def _period_for_writer(request: HttpRequest, period_pk: int) -> ReportingPeriod:
    access = access_for(request.user)
    access.require(may_manage_economy(request.user))
    return get_object_or_404(ReportingPeriod, pk=period_pk)


def _back(period: ReportingPeriod, anchor: str = "") -> HttpResponse:
    url = reverse("consolidation:period", args=[period.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The latest open period's page (else the latest period's)."""
    access = access_for(request.user)
    access.require(access.can_read)
    periods = ReportingPeriod.objects.order_by("-ends_on", "-pk")
    period = periods.filter(state=PeriodState.OPEN).first() or periods.first()
    if period is None:
        messages.info(request, _("There is no reporting period yet."))
        return redirect("economy:home")
    return _back(period)


def _stored_figures(period: ReportingPeriod, company: Unit) -> dict[str, CompanyFigure]:
    """A bolag's figures and forecast of the period as they are stored, by the entry form's
    field names (the forecast as ``FORECAST``): two queries."""
    stored: dict = {f.line: f for f in company.company_figures.filter(period=period)}
    forecast = CompanyForecast.objects.filter(period=period, company=company).first()
    if forecast is not None:
        stored[FORECAST] = forecast
    return stored


def _amount(record) -> Decimal | None:
    if record is None:
        return None
    return record.result if isinstance(record, CompanyForecast) else record.amount


def _figures_form(period: ReportingPeriod, company_pk: str | None) -> FiguresForm:
    """The entry form, filled with a chosen bolag's figures of the period and their versions
    (0 for an empty line)."""
    initial: dict = {}
    company = (
        Unit.objects.filter(pk=company_pk, kind=UnitKind.COMPANY).first()
        if company_pk and company_pk.isdigit()
        else None
    )
    if company is not None:
        stored = _stored_figures(period, company)
        initial = {"company": company.pk}
        for name in FiguresForm.cells():
            record = stored.get(name)
            initial[name] = _amount(record)
            initial[f"version_{name}"] = record.version if record else 0
    return FiguresForm(prefix="fig", year=period.year, initial=initial)


def _figures_conflict(period: ReportingPeriod, form: FiguresForm, error: StaleEdit) -> Conflict:
    """A bolag's figures saved from an older form: the lines whose stored amount differs from
    the one typed, both shown; the form takes the stored versions, so saving again (after
    merging) goes through."""
    stored = _stored_figures(period, form.cleaned_data["company"])
    fields = []
    form.data = form.data.copy()
    for name in FiguresForm.cells():
        record = stored.get(name)
        form.data[form.add_prefix(f"version_{name}")] = record.version if record else 0
        theirs = TkrField.display(_amount(record))
        yours = TkrField.display(form.cleaned_data.get(name))
        if theirs != yours:
            fields.append(ConflictField(str(form.fields[name].label), theirs, yours))
    name = FORECAST if isinstance(error.current, CompanyForecast) else error.current.line
    return conflict_for(form, error, version_name=f"version_{name}", fields=fields)


def _page(
    request: HttpRequest,
    period: ReportingPeriod,
    access: UserAccess | None = None,
    *,
    status: int = 200,
    **forms,
) -> HttpResponse:
    access = access or access_for(request.user)
    may_manage = may_manage_economy(request.user)
    can_write = may_manage and period.state == PeriodState.OPEN
    consolidated = selectors.consolidated_statements(period)
    refusal = forms.pop("refusal", None)
    companies = selectors.companies_in_period(period)
    statements = [consolidated.income, consolidated.balance, consolidated.cash_flow]
    context = {
        "period": period,
        "access": access,
        "can_write": can_write,
        "may_manage": may_manage,
        "companies": companies,
        "figure_rows": [
            (line.label, [c.lines.get(line.value) for c in companies]) for line in CompanyLine
        ],
        "internal": selectors.internal_transactions(period),
        "statements": [
            {
                "statement": statement,
                "title": exports.statement_title(statement),
                "headers": exports.amount_headers(statement),
            }
            for statement in statements
        ],
        "left_out": consolidated.income.left_out,
        "refusal": refusal,
        "shown_errors": refusal.row_errors[:SHOWN_ERRORS] if refusal else [],
        "periods": ReportingPeriod.objects.filter(year__in=[period.year - 1, period.year])
        .exclude(state=PeriodState.PLANNED)
        .order_by("ends_on", "pk"),
    }
    if can_write:
        context.update(
            ownership_form=forms.get("ownership_form")
            or OwnershipForm(prefix="own", year=period.year),
            figures_form=forms.get("figures_form")
            or _figures_form(period, request.GET.get("bolag")),
            figures_conflict=forms.get("figures_conflict"),
            import_form=forms.get("import_form") or FiguresImportForm(prefix="imp"),
            internal_form=forms.get("internal_form")
            or InternalTransactionForm(prefix="int", year=period.year),
        )
    return render(request, "consolidation/period.html", context, status=status)


@login_required
def period_page(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, access = _period_for_reader(request, period_pk)
    return _page(request, period, access)


@login_required
def statements_xlsx(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The consolidated RR, BR and kassaflöde as an Excel workbook: the page's rows."""
    period, _access = _period_for_reader(request, period_pk)
    consolidated = selectors.consolidated_statements(period)
    return xlsx_response(
        exports.statement_sheets(
            [consolidated.income, consolidated.balance, consolidated.cash_flow]
        ),
        _("Consolidated accounts %(period)s") % {"period": period},
    )


@login_required
@require_POST
def ownership_save(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_for_writer(request, period_pk)
    form = OwnershipForm(request.POST, prefix="own", year=period.year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.ownership_save(
                actor=request.user, company=data["company"], share=data["share"],
                from_year=data["from_year"], consolidated=data["consolidated"],
                reason=data["change_reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The ownership was saved."))
            return _back(period, "bolag")
    return _page(request, period, status=400, ownership_form=form)


@login_required
@require_POST
def figures_save(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_for_writer(request, period_pk)
    form = FiguresForm(request.POST, prefix="fig", year=period.year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.company_figures_save(
                actor=request.user, period=period, company=data["company"],
                amounts=form.amounts(), forecast=data.get(FORECAST),
                expected_versions=form.versions(), reason=data["change_reason"],
            )  # fmt: skip
        except StaleEdit as stale:
            conflict = _figures_conflict(period, form, stale)
            return _page(request, period, figures_form=form, figures_conflict=conflict)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The figures of %(company)s were saved.") % {"company": data["company"]},
            )
            return _back(period, "siffror")
    return _page(request, period, status=400, figures_form=form)


@login_required
@require_POST
def figures_import(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_for_writer(request, period_pk)
    form = FiguresImportForm(request.POST, request.FILES, prefix="imp")
    refusal = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.company_figures_import(
                actor=request.user, period=period, content=upload.file, file_name=upload.name,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except services.FiguresImportRefused as refused:
            refusal = refused
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(file)s is imported; it replaced the figures of %(companies)s.")
                % {
                    "file": result.file_name,
                    "companies": ", ".join(str(c) for c, _n in result.companies),
                },
            )
            return _back(period, "siffror")
    return _page(request, period, status=400, import_form=form, refusal=refusal)


@login_required
@require_POST
def internal_add(request: HttpRequest, period_pk: int) -> HttpResponse:
    period = _period_for_writer(request, period_pk)
    form = InternalTransactionForm(request.POST, prefix="int", year=period.year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.internal_transaction_add(
                actor=request.user, period=period, seller=form.party("seller"),
                buyer=form.party("buyer"), kind=data["kind"], amount=data["amount"],
                description=data["description"], reason=data["change_reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The internal transaction was saved."))
            return _back(period, "interna")
    return _page(request, period, status=400, internal_form=form)


@login_required
@require_POST
def internal_remove(request: HttpRequest, period_pk: int, pk: int) -> HttpResponse:
    period = _period_for_writer(request, period_pk)
    internal = get_object_or_404(InternalTransaction, pk=pk, period=period)
    form = RemoveForm(request.POST, prefix=f"rm{internal.pk}")
    if form.is_valid():
        try:
            services.internal_transaction_remove(
                actor=request.user, internal=internal, reason=form.cleaned_data["change_reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The internal transaction was removed."))
        return _back(period, "interna")
    messages.error(request, _("Say why the change is made."))
    return _back(period, "interna")
