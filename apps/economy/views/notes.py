"""The period's pension obligations, and the year's notes and redovisningsprinciper.

Every role that reads the economy reads the pages; the ekonomer and the administrators write
(a reason each time, kept in the history). A closed period's pension statement and a closed
year's notes are read-only: the page says so and the services refuse.

One URL and one view per write; a page with several writes (the notes page) shares one render
function, which also shows a refused form with its errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.access import UserAccess, access_for
from apps.core.forms import add_service_errors
from apps.core.locking import StaleEdit, conflict_for
from apps.economy import notes as selectors
from apps.economy.forms.notes import (
    AccountingPrinciplesForm,
    PensionStatementForm,
    StatementNoteForm,
)
from apps.economy.models import StatementLine
from apps.economy.pensions import pension_figures, pension_history
from apps.economy.services import may_manage_economy
from apps.economy.services import notes as services
from apps.periods.models import PeriodState, ReportingPeriod
from styrmodell.lib.richtext import sanitise


def _reader(request: HttpRequest) -> UserAccess:
    access = access_for(request.user)
    access.require(access.can_read)
    return access


# --- Pensions --------------------------------------------------------------------------------


def _pension_page(
    request: HttpRequest,
    period: ReportingPeriod,
    access: UserAccess,
    *,
    form: PensionStatementForm | None = None,
    conflict=None,
    status: int = 200,
) -> HttpResponse:
    figures = pension_figures(period)
    can_write = may_manage_economy(request.user) and period.state == PeriodState.OPEN
    statement = figures.statement if figures else None
    if form is None and can_write:
        initial = {"version": 0, "administrator": ""}
        if statement is not None:
            initial = {
                "provision": statement.provision,
                "contingent_liability": statement.contingent_liability,
                "pension_funds": statement.pension_funds,
                "actualisation_degree": statement.actualisation_degree,
                "administrator": statement.administrator,
                "statement_on": statement.statement_on,
                "version": statement.version,
            }
        form = PensionStatementForm(initial=initial)
    return render(
        request,
        "economy/notes/pensions.html",
        {
            "period": period,
            "nav_year": period.year,
            "section": "pensions",
            "access": access,
            "figures": figures,
            "form": form if can_write else None,
            "conflict": conflict,
            "can_write": can_write,
            "history": pension_history(statement) if statement else [],
        },
        status=status,
    )


@login_required
def pensions(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The period's pension statement against the ledger, soliditet with and without the
    ansvarsförbindelse, and the form for the statement."""
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    return _pension_page(request, period, access)


@login_required
@require_POST
def pension_save(request: HttpRequest, period_pk: int) -> HttpResponse:
    access = _reader(request)
    period = get_object_or_404(ReportingPeriod, pk=period_pk)
    access.require(may_manage_economy(request.user))
    form = PensionStatementForm(request.POST)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.pension_statement_save(
                actor=request.user,
                period=period,
                provision=data["provision"],
                contingent_liability=data["contingent_liability"],
                pension_funds=data["pension_funds"],
                actualisation_degree=data["actualisation_degree"],
                administrator=data["administrator"],
                statement_on=data["statement_on"],
                expected_version=data["version"],
                reason=data["change_reason"],
            )
        except StaleEdit as stale:
            conflict = conflict_for(form, stale)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pension statement was saved."))
            return redirect("economy:pensions", period.pk)
    status = 200 if conflict is not None else 400  # a conflict is a page to merge on
    return _pension_page(request, period, access, form=form, conflict=conflict, status=status)


# --- Notes and redovisningsprinciper -------------------------------------------------------


def _notes_page(
    request: HttpRequest,
    year: int,
    access: UserAccess,
    *,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The year's notes with a form per note, and the redovisningsprinciper. ``bound``: the
    form a refused POST left ({"line": pk, "form": …} or {"principles": …})."""
    bound = bound or {}
    year_notes = selectors.year_notes(year)
    principles = selectors.principles_of(year)
    closed = services.year_is_closed(year)
    can_write = may_manage_economy(request.user) and not closed
    histories = selectors.notes_history(year)
    items = []
    for note in year_notes.notes:
        form = None
        if can_write:
            if bound.get("line") == note.line.pk:
                form = bound["form"]
            else:
                version = note.written.version if note.written else 0
                form = StatementNoteForm(
                    prefix=f"n{note.line.pk}",
                    initial={"text": note.text, "version": version},
                )
        items.append(
            {
                "note": note,
                "form": form,
                "conflict": bound.get("conflict") if bound.get("line") == note.line.pk else None,
                "history": histories.get(note.line.pk, []),
                "html": sanitise(note.text) if note.text else "",
            }
        )
    principles_form = None
    if can_write:
        principles_form = bound.get("principles") or AccountingPrinciplesForm(
            prefix="p",
            initial={
                "text": principles.text if principles else "",
                "version": principles.version if principles else 0,
            },
        )
    return render(
        request,
        "economy/notes/notes.html",
        {
            "year": year,
            "nav_year": year,
            "section": "notes",
            "access": access,
            "through_month": year_notes.through_month,
            "items": items,
            "principles": principles,
            "principles_html": sanitise(principles.text) if principles else "",
            "principles_form": principles_form,
            "principles_conflict": bound.get("principles_conflict"),
            "principles_history": selectors.principles_history(principles) if principles else [],
            "can_write": can_write,
            "closed": closed,
        },
        status=status,
    )


@login_required
def notes_page(request: HttpRequest, year: int) -> HttpResponse:
    return _notes_page(request, year, _reader(request))


@login_required
@require_POST
def note_save(request: HttpRequest, year: int, line_pk: int) -> HttpResponse:
    """The text of the year's note to one line of the statements."""
    access = _reader(request)
    access.require(may_manage_economy(request.user))
    line = get_object_or_404(StatementLine, pk=line_pk)
    form = StatementNoteForm(request.POST, prefix=f"n{line.pk}")
    bound: dict = {"line": line.pk, "form": form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.statement_note_save(
                actor=request.user,
                year=year,
                line=line,
                text=data["text"],
                expected_version=data["version"],
                reason=data["change_reason"],
            )
        except StaleEdit as stale:
            bound["conflict"] = conflict_for(form, stale)
            return _notes_page(request, year, access, bound=bound)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect(f"{reverse('economy:notes', args=[year])}#note-{line.pk}")
    return _notes_page(request, year, access, bound=bound, status=400)


@login_required
@require_POST
def principles_save(request: HttpRequest, year: int) -> HttpResponse:
    """The year's redovisningsprinciper."""
    access = _reader(request)
    access.require(may_manage_economy(request.user))
    form = AccountingPrinciplesForm(request.POST, prefix="p")
    bound: dict = {"principles": form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.accounting_principles_save(
                actor=request.user,
                year=year,
                text=data["text"],
                expected_version=data["version"],
                reason=data["change_reason"],
            )
        except StaleEdit as stale:
            bound["principles_conflict"] = conflict_for(form, stale)
            return _notes_page(request, year, access, bound=bound)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The accounting principles were saved."))
            return redirect(f"{reverse('economy:notes', args=[year])}#principles")
    return _notes_page(request, year, access, bound=bound, status=400)
