"""Pages of budget med plan: the budget years, a year with its operating budget and
decisions, a decision's amounts, a nämnd's detaljbudget and the investment projects.

Readers see decided budgets; proposals and drafts only those who prepare them. Every table
can be downloaded as Excel with ``?format=xlsx``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.forms import TkrField, add_service_errors
from apps.core.locking import Conflict, ConflictField, StaleEdit, conflict_for
from apps.economy import selectors
from apps.economy.forms.budget import (
    AppropriationTableForm,
    BudgetYearForm,
    DecideForm,
    DecisionCreateForm,
    DetailBudgetForm,
    InvestmentProjectForm,
    ReasonForm,
)
from apps.economy.models import BudgetDecision, BudgetYear, DetailBudget, InvestmentProject
from apps.economy.services import budget as services
from apps.economy.services import (
    may_manage_economy,
    may_read_detail_budget,
    may_write_for_body,
    require_economy_manager,
)
from apps.economy.views import xlsx_response
from apps.organisation.models import Unit
from styrmodell.lib.xlsx import AMOUNT_FORMAT, Column, Sheet

ZERO = selectors.ZERO


# --- Access -------------------------------------------------------------------------------


def get_decision_for_user(user, pk: int) -> BudgetDecision:
    """The decision, or 404; a decided one for every reader, a proposal only for those who
    prepare budgets (else 403)."""
    decision = get_object_or_404(
        BudgetDecision.objects.select_related("budget_year", "decided_by"), pk=pk
    )
    access = access_for(user)
    access.require(access.can_read)
    if decision.state == BudgetDecision.State.DRAFT:
        access.require(may_manage_economy(user))
    return decision


def get_body_for_user(user, pk: int, year: int) -> Unit:
    """A body (KS, nämnd, bolag) of ``year`` whose detaljbudget the user may at least read."""
    access = access_for(user)
    access.require(access.can_read)
    body = next((b for b in selectors.bodies(year=year) if b.pk == pk), None)
    if body is None:
        raise Http404
    return body


def _wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


# --- Budget years -------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    access.require(access.can_read)
    return render(
        request,
        "economy/budget/index.html",
        {
            "years": BudgetYear.objects.order_by("-year"),
            "can_manage": may_manage_economy(request.user),
        },
    )


ASSUMPTION_FIELDS = services.ASSUMPTIONS + services.FINANCIAL_BUDGET


@login_required
def year_create(request: HttpRequest) -> HttpResponse:
    require_economy_manager(request.user)
    form = BudgetYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            budget_year = services.budget_year_create(
                actor=request.user,
                year=data["year"],
                reason=data["change_reason"],
                **{name: data[name] for name in ASSUMPTION_FIELDS},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget year was created."))
            return redirect("economy:budget_year", year=budget_year.year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "heading": _("New budget year"),
            "cancel_url": reverse("economy:budget_index"),
        },
    )


@login_required
def year_edit(request: HttpRequest, year: int) -> HttpResponse:
    budget_year = get_object_or_404(BudgetYear, year=year)
    require_economy_manager(request.user)
    initial = {name: getattr(budget_year, name) for name in ASSUMPTION_FIELDS}
    initial["version"] = budget_year.version
    form = BudgetYearForm(request.POST or None, initial=initial, editing=True)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.budget_year_update(
                actor=request.user,
                budget_year=budget_year,
                expected_version=data["version"],
                reason=data["change_reason"],
                **{name: data[name] for name in ASSUMPTION_FIELDS},
            )
        except StaleEdit as stale:
            conflict = conflict_for(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The planning assumptions were saved."))
            return redirect("economy:budget_year", year=year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "heading": _("Planning assumptions %(year)s") % {"year": year},
            "cancel_url": reverse("economy:budget_year", args=[year]),
            "conflict": conflict,
        },
    )


def _year_sheet(year: int, rows, totals) -> Sheet:
    columns = [Column(_("Committee or company"))]
    for y in (year, year + 1, year + 2):
        columns += [
            Column(_("Original budget %(year)s (kr)") % {"year": y}, AMOUNT_FORMAT),
            Column(_("Changes %(year)s (kr)") % {"year": y}, AMOUNT_FORMAT),
            Column(_("Current budget %(year)s (kr)") % {"year": y}, AMOUNT_FORMAT),
        ]

    def cells(label, figures):
        row = [label]
        for f in figures:
            row += [f.original, f.changes, f.current]
        return row

    return Sheet(
        title=_("Operating budget %(year)s") % {"year": year},
        columns=columns,
        rows=[cells(r.body.name, r.years) for r in rows],
        total_row=cells(_("Total"), totals),
    )


@login_required
def year_page(request: HttpRequest, year: int) -> HttpResponse:
    """A budget year: its assumptions, each body's operating budget for the year and the
    two plan years (original, changes, current), and its decisions."""
    access = access_for(request.user)
    access.require(access.can_read)
    budget_year = get_object_or_404(BudgetYear, year=year)
    rows, totals = selectors.budget_with_plan(year)
    if _wants_xlsx(request):
        return xlsx_response([_year_sheet(year, rows, totals)], f"driftbudget-{year}")
    can_manage = may_manage_economy(request.user)
    detail_budgets = {d.unit_id: d for d in DetailBudget.objects.filter(year=year)}
    # Each body's name links to its detaljbudget only for a user who may open it.
    readable_detail_budgets = {
        row.body.pk
        for row in rows
        if may_read_detail_budget(request.user, row.body, detail_budgets.get(row.body.pk))
    }
    decisions = budget_year.decisions.order_by(F("decided_on").asc(nulls_last=True), "pk")
    if not can_manage:
        decisions = decisions.filter(state=BudgetDecision.State.DECIDED)
    return render(
        request,
        "economy/budget/year.html",
        {
            "budget_year": budget_year,
            "years": (year, year + 1, year + 2),
            "rows": rows,
            "totals": totals,
            "decisions": list(decisions),
            "can_manage": can_manage,
            "readable_detail_budgets": readable_detail_budgets,
        },
    )


# --- Decisions ------------------------------------------------------------------------------


@login_required
def decision_create(request: HttpRequest, year: int) -> HttpResponse:
    budget_year = get_object_or_404(BudgetYear, year=year)
    require_economy_manager(request.user)
    form = DecisionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.budget_decision_create(
                actor=request.user,
                budget_year=budget_year,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                reason=data["change_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("economy:budget_decision", pk=decision.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "heading": _("New budget proposal %(year)s") % {"year": year},
            "cancel_url": reverse("economy:budget_year", args=[year]),
        },
    )


def _cell(form, name):
    if form is None or name not in form.fields:
        return None
    return form[name]


def _table_conflict(form, error: StaleEdit, stored: dict) -> Conflict:
    """A table of amounts saved from an older version: every cell whose stored amount
    (``stored`` by cell name) differs from the one the editor typed, as "row – column"."""
    fields = []
    for name, label in form.cell_labels.items():
        theirs = TkrField.display(stored.get(name))
        yours = TkrField.display(form.cleaned_data.get(name))
        if theirs != yours:
            fields.append(ConflictField(label, theirs, yours))
    return conflict_for(form, error, fields=fields)


def _decision_projects(first: int) -> list[InvestmentProject]:
    return list(
        InvestmentProject.objects.filter(first_year__lte=first + 2, last_year__gte=first)
        .select_related("unit")
        .order_by("unit__tree_id", "unit__lft", "code")
    )


@login_required
def decision_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision's amounts: editable in one table while it is a proposal, and the form by
    which KF's decision is recorded."""
    decision = get_decision_for_user(request.user, pk)
    first = decision.budget_year.year
    years = (first, first + 1, first + 2)
    bodies = selectors.bodies(year=first)
    projects = _decision_projects(first)
    amounts = selectors.decision_amounts(decision.pk)
    if _wants_xlsx(request):
        return xlsx_response(
            [_decision_sheet(decision, years, bodies, projects, amounts)], f"beslut-{decision.pk}"
        )
    editable = decision.state == BudgetDecision.State.DRAFT and may_manage_economy(request.user)
    initial = {f"{kind}-{target}-{y}": amount for (kind, target, y), amount in amounts.items()}
    version = {"version": decision.version}
    table_form = decide_form = delete_form = None
    conflicts: dict[str, Conflict] = {}
    if editable:
        table_form = AppropriationTableForm(
            bodies=bodies, projects=projects, years=years, initial=initial | version, prefix="a"
        )
        decide_form = DecideForm(prefix="d", initial=version)
        delete_form = ReasonForm(prefix="x", initial=version)
    if request.method == "POST":
        require_economy_manager(request.user)
        if not editable:
            messages.error(request, _("The decision is decided and read-only."))
            return redirect(request.path)
        action = request.POST.get("action", "")
        if action == "amounts":
            table_form = AppropriationTableForm(
                request.POST,
                bodies=bodies,
                projects=projects,
                years=years,
                initial=initial,
                prefix="a",
            )
            if table_form.is_valid():
                operations, investments = table_form.amounts()
                try:
                    services.appropriations_save(
                        actor=request.user,
                        decision=decision,
                        operations=operations,
                        investments=investments,
                        expected_version=table_form.cleaned_data["version"],
                        reason=table_form.cleaned_data["change_reason"],
                    )
                except StaleEdit as stale:
                    amounts = selectors.decision_amounts(decision.pk)
                    stored = {f"{k}-{target}-{y}": a for (k, target, y), a in amounts.items()}
                    conflicts["amounts"] = _table_conflict(table_form, stale, stored)
                except ValidationError as error:
                    add_service_errors(table_form, error)
                else:
                    messages.success(request, _("The amounts were saved."))
                    return redirect(request.path)
        elif action == "decide":
            decide_form = DecideForm(request.POST, prefix="d")
            if decide_form.is_valid():
                try:
                    services.budget_decision_decide(
                        actor=request.user,
                        decision=decision,
                        decided_on=decide_form.cleaned_data["decided_on"],
                        paragraph=decide_form.cleaned_data["paragraph"],
                        expected_version=decide_form.cleaned_data["version"],
                        reason=decide_form.cleaned_data["change_reason"],
                    )
                except StaleEdit as stale:
                    conflicts["decide"] = conflict_for(decide_form, stale, fields=[])
                except ValidationError as error:
                    add_service_errors(decide_form, error)
                else:
                    messages.success(request, _("The decision was recorded."))
                    return redirect(request.path)
        elif action == "delete":
            delete_form = ReasonForm(request.POST, prefix="x")
            if delete_form.is_valid():
                try:
                    services.budget_decision_delete(
                        actor=request.user,
                        decision=decision,
                        expected_version=delete_form.cleaned_data["version"],
                        reason=delete_form.cleaned_data["change_reason"],
                    )
                except StaleEdit as stale:
                    conflicts["delete"] = conflict_for(delete_form, stale, fields=[])
                except ValidationError as error:
                    add_service_errors(delete_form, error)
                else:
                    messages.success(request, _("The proposal was deleted."))
                    return redirect("economy:budget_year", year=first)
        else:
            raise Http404
    body_rows = [
        (
            body,
            [
                (
                    amounts.get(("operations", body.pk, y)),
                    _cell(table_form, f"operations-{body.pk}-{y}"),
                )
                for y in years
            ],
        )
        for body in bodies
    ]
    project_rows = [
        (
            project,
            [
                (
                    amounts.get(("investment", project.pk, y)),
                    _cell(table_form, f"investment-{project.pk}-{y}"),
                    project.first_year <= y <= project.last_year,
                )
                for y in years
            ],
        )
        for project in projects
    ]
    return render(
        request,
        "economy/budget/decision.html",
        {
            "decision": decision,
            "years": years,
            "body_rows": body_rows,
            "project_rows": project_rows,
            "totals": _decision_totals(amounts, years),
            "editable": editable,
            "table_form": table_form,
            "decide_form": decide_form,
            "delete_form": delete_form,
            "conflicts": conflicts,
        },
    )


def _decision_totals(amounts, years) -> dict:
    totals = {("operations", y): ZERO for y in years} | {("investment", y): ZERO for y in years}
    for (kind, _target, year), amount in amounts.items():
        if (kind, year) in totals:
            totals[(kind, year)] += amount
    return {
        "operations": [totals[("operations", y)] for y in years],
        "investment": [totals[("investment", y)] for y in years],
    }


def _decision_sheet(decision, years, bodies, projects, amounts) -> Sheet:
    columns = [Column(_("Appropriation")), Column(_("Kind"))] + [
        Column(_("%(year)s (kr)") % {"year": y}, AMOUNT_FORMAT) for y in years
    ]
    rows = [
        [body.name, _("Operations")] + [amounts.get(("operations", body.pk, y)) for y in years]
        for body in bodies
    ]
    rows += [
        [str(project), _("Investment")]
        + [amounts.get(("investment", project.pk, y)) for y in years]
        for project in projects
    ]
    return Sheet(title=decision.title, columns=columns, rows=rows)


# --- Detaljbudget -------------------------------------------------------------------------


@login_required
def detail_budget_page(request: HttpRequest, year: int, unit_pk: int) -> HttpResponse:
    """A nämnd's detaljbudget: its current frame broken down on its verksamheter and
    enheter, with the sum and the difference to the frame."""
    body = get_body_for_user(request.user, unit_pk, year)
    can_write = may_write_for_body(request.user, body)
    detail_budget = DetailBudget.objects.filter(unit=body, year=year).first()
    decided = detail_budget is not None and detail_budget.state == DetailBudget.State.DECIDED
    access = access_for(request.user)
    access.require(may_read_detail_budget(request.user, body, detail_budget))
    units = selectors.detail_budget_units(body=body, year=year)
    lines = {}
    if detail_budget is not None:
        lines = {line.unit_id: line.amount for line in detail_budget.lines.all()}
    frame = selectors.operating_budgets(year).get(body.pk)
    total = sum(lines.values(), ZERO)
    if _wants_xlsx(request):
        return xlsx_response(
            [_detail_sheet(body, year, units, lines, total)],
            f"detaljbudget-{body.ansvarskod or body.pk}-{year}",
        )
    editable = can_write and not decided
    # 0: no detaljbudget yet when the page was opened (apps.core.locking)
    version = {"version": detail_budget.version if detail_budget else 0}
    lines_form = decide_form = reopen_form = None
    conflicts: dict[str, Conflict] = {}
    if editable:
        initial = {f"line-{pk}": amount for pk, amount in lines.items()}
        lines_form = DetailBudgetForm(units=units, initial=initial | version, prefix="l")
        decide_form = DecideForm(prefix="d", initial=version)
    elif can_write:
        reopen_form = ReasonForm(prefix="r", initial=version)
    if request.method == "POST":
        access.require(can_write)
        action = request.POST.get("action", "")
        try:
            if action == "lines" and editable:
                lines_form = DetailBudgetForm(request.POST, units=units, prefix="l")
                if lines_form.is_valid():
                    services.detail_budget_lines_save(
                        actor=request.user,
                        body=body,
                        year=year,
                        amounts=lines_form.amounts(),
                        expected_version=lines_form.cleaned_data["version"],
                        reason=lines_form.cleaned_data["change_reason"],
                    )
                    messages.success(request, _("The detailed budget was saved."))
                    return redirect(request.path)
            elif action == "decide" and editable:
                decide_form = DecideForm(request.POST, prefix="d")
                if decide_form.is_valid():
                    if detail_budget is None:
                        raise ValidationError(_("Enter the lines of the detailed budget first."))
                    services.detail_budget_decide(
                        actor=request.user,
                        detail_budget=detail_budget,
                        decided_on=decide_form.cleaned_data["decided_on"],
                        paragraph=decide_form.cleaned_data["paragraph"],
                        expected_version=decide_form.cleaned_data["version"],
                        reason=decide_form.cleaned_data["change_reason"],
                    )
                    messages.success(request, _("The detailed budget was decided."))
                    return redirect(request.path)
            elif action == "reopen" and decided:
                reopen_form = ReasonForm(request.POST, prefix="r")
                if reopen_form.is_valid():
                    services.detail_budget_reopen(
                        actor=request.user,
                        detail_budget=detail_budget,
                        expected_version=reopen_form.cleaned_data["version"],
                        reason=reopen_form.cleaned_data["change_reason"],
                    )
                    messages.success(request, _("The detailed budget is open for changes."))
                    return redirect(request.path)
            else:
                messages.error(request, _("The detailed budget is decided and read-only."))
                return redirect(request.path)
        except StaleEdit as stale:
            if action == "lines":
                stored = stale.current.lines.values_list("unit_id", "amount")
                stored = {f"line-{pk}": amount for pk, amount in stored}
                conflicts[action] = _table_conflict(lines_form, stale, stored)
            else:
                target = {"decide": decide_form, "reopen": reopen_form}[action]
                conflicts[action] = conflict_for(target, stale, fields=[])
        except ValidationError as error:
            target = {"lines": lines_form, "decide": decide_form, "reopen": reopen_form}[action]
            add_service_errors(target, error)
    rows = [(unit, lines.get(unit.pk), _cell(lines_form, f"line-{unit.pk}")) for unit in units]
    return render(
        request,
        "economy/budget/detail.html",
        {
            "body": body,
            "year": year,
            "detail_budget": detail_budget,
            "decided": decided,
            "rows": rows,
            "frame": frame.current if frame else None,
            "total": total,
            "difference": total - frame.current if frame else None,
            "editable": editable,
            "lines_form": lines_form,
            "decide_form": decide_form,
            "reopen_form": reopen_form,
            "conflicts": conflicts,
        },
    )


def _detail_sheet(body, year, units, lines, total) -> Sheet:
    return Sheet(
        title=_("Detailed budget %(year)s") % {"year": year},
        columns=[
            Column(_("Unit")),
            Column(_("Responsibility code")),
            Column(_("Net cost (kr)"), AMOUNT_FORMAT),
        ],
        rows=[[u.name, u.ansvarskod, lines.get(u.pk)] for u in units],
        total_row=[_("Total"), "", total],
    )


# --- Investment projects ------------------------------------------------------------------


@login_required
def investments_page(request: HttpRequest, year: int) -> HttpResponse:
    """The investment projects of ``year`` per nämnd: decided total, the year's budget,
    outcome to date, forecasts, status; flagged when the forecast exceeds the decided total.
    An open period's forecasts are the project's body's editors', ekonomer's and
    administrators' (``apps.followup.access``); other readers read that they are published
    when the period is closed, and no forecast totals that would leave them out."""
    access = access_for(request.user)
    access.require(access.can_read)
    overview = selectors.investment_overview(year, reader=access)
    if _wants_xlsx(request):
        return xlsx_response([_investment_sheet(year, overview)], f"investeringar-{year}")
    return render(
        request,
        "economy/budget/investments.html",
        {
            "year": year,
            "overview": overview,
            "can_manage": may_manage_economy(request.user),
        },
    )


def _investment_sheet(year: int, overview) -> Sheet:
    columns = [
        Column(_("Committee or company")),
        Column(_("Project code")),
        Column(_("Project")),
        Column(_("Status")),
        Column(_("Decided total cost (kr)"), AMOUNT_FORMAT),
        Column(_("Original budget %(year)s (kr)") % {"year": year}, AMOUNT_FORMAT),
        Column(_("Changes (kr)"), AMOUNT_FORMAT),
        Column(_("Current budget (kr)"), AMOUNT_FORMAT),
        Column(_("Outcome to date (kr)"), AMOUNT_FORMAT),
        Column(_("Forecast for the year (kr)"), AMOUNT_FORMAT),
        Column(_("Forecast total cost (kr)"), AMOUNT_FORMAT),
        Column(_("Forecast above decided total")),
    ]
    rows = []
    for group in overview.groups:
        for row in group.rows:
            project = row.project
            rows.append(
                [
                    group.body.name,
                    project.code,
                    project.name,
                    project.get_status_display(),
                    project.decided_total,
                    row.budget.original,
                    row.budget.changes,
                    row.budget.current,
                    row.outcome,
                    row.year_forecast,
                    row.total_forecast,
                    _("yes")
                    if row.over_decided_total
                    else _("No forecast: the budget and the decided total")
                    if row.without_forecast
                    else "",
                ]
            )
    total = overview.total
    return Sheet(
        title=_("Investments %(year)s") % {"year": year},
        columns=columns,
        rows=rows,
        total_row=[
            _("Total"),
            "",
            "",
            "",
            total.decided_total,
            total.budget.original,
            total.budget.changes,
            total.budget.current,
            total.outcome,
            overview.net_investments_forecast,
            total.total_forecast,
            "",
        ],
    )


def _project_form_page(request, form, *, heading: str, year: int, conflict=None) -> HttpResponse:
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "heading": heading,
            "cancel_url": reverse("economy:investments", args=[year]),
            "conflict": conflict,
        },
    )


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    require_economy_manager(request.user)
    year = timezone.localdate().year
    form = InvestmentProjectForm(request.POST or None, bodies=selectors.bodies(year=year))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("change_reason")
        data.pop("version")
        try:
            project = services.investment_project_create(actor=request.user, reason=reason, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The investment project was created."))
            return redirect("economy:investments", year=project.first_year)
    return _project_form_page(request, form, heading=_("New investment project"), year=year)


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(InvestmentProject.objects.select_related("unit"), pk=pk)
    require_economy_manager(request.user)
    initial = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
    initial["version"] = project.version
    conflict = None
    form = InvestmentProjectForm(
        request.POST or None,
        initial=initial,
        bodies=selectors.bodies(year=project.first_year),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("change_reason")
        version = data.pop("version")
        try:
            services.investment_project_update(
                actor=request.user,
                project=project,
                expected_version=version,
                reason=reason,
                **data,
            )
        except StaleEdit as stale:
            conflict = conflict_for(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The investment project was saved."))
            return redirect(
                "economy:investments", year=max(project.first_year, timezone.localdate().year)
            )
    return _project_form_page(
        request, form, heading=str(project), year=project.first_year, conflict=conflict
    )
