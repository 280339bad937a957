"""The kommun's key figures for god ekonomisk hushållning, resultaträkning and balansräkning
per reporting period, each with an Excel export. Every role reads them; the ekonom enters the
adjustments of the balance requirement and links the financial goals to key figures.

The full-year forecast is built from every nämnd's forecast: in an open period it, and what
is computed from it, is for ekonomer and administrators only (``can_read_followup`` with no
unit); other readers read the outcome to date and the budget, and that the forecasts are
published when the period is closed. The page and its Excel export agree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import UserAccess, access_for
from apps.core.forms import add_service_errors
from apps.core.locking import StaleEdit, VersionField, conflict_for
from apps.core.views import action_pk
from apps.economy import keyfigures, statements
from apps.economy.forms.financial import BalanceAdjustmentForm, FinancialGoalLinkForm
from apps.economy.models import BalanceRequirementAdjustment, FinancialGoalLink
from apps.economy.services import financial as services
from apps.economy.services import may_manage_economy
from apps.economy.views import xlsx_response
from apps.followup.access import can_read_followup
from apps.periods.models import ReportingPeriod
from styrmodell.lib import xlsx
from styrmodell.lib.formats import format_datetime

AMOUNT = xlsx.AMOUNT_FORMAT
PERCENT_NUMBER = "0.00"  # the figures are already in per cent


def _period_for_reader(request: HttpRequest, period_pk: int) -> tuple[ReportingPeriod, UserAccess]:
    access = access_for(request.user)
    access.require(access.can_read)
    return get_object_or_404(ReportingPeriod, pk=period_pk), access


def _forecast_hidden(access: UserAccess, period: ReportingPeriod) -> bool:
    return not can_read_followup(access, None, period)


def _months(period: ReportingPeriod) -> str:
    return keyfigures.months_label(period.year, keyfigures.through_month(period))


# --- Key figures --------------------------------------------------------------------------


def _unlink_refused(stale: StaleEdit) -> str:
    """Why an unlink from an older page was refused: who changed the link, and what it
    reads now (the page below shows it in its row, ready to be unlinked again)."""
    link = stale.current
    threshold = keyfigures.format_figure(link.threshold, keyfigures.UNIT_OF[link.figure])
    return _(
        "%(who)s changed the link of %(goal)s at %(when)s, after you opened the page; it now "
        "reads: %(figure)s %(comparison)s %(threshold)s. It was not unlinked: unlink it again "
        "if it should still go."
    ) % {
        "who": stale.who,
        "goal": link.goal,
        "when": format_datetime(timezone.localtime(stale.when)) if stale.when else "–",
        "figure": link.get_figure_display(),
        "comparison": link.get_comparison_display(),
        "threshold": threshold,
    }


@login_required
def key_figures(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The key figures, the balance requirement and the financial goals with their status,
    computed as every page and report computes it (``keyfigures.computed_goal_statuses``)."""
    period, access = _period_for_reader(request, period_pk)
    can_adjust = access.is_economist
    can_link = may_manage_economy(request.user)
    adjustment_form = BalanceAdjustmentForm(prefix="adj")
    # ?andra=<link id>: the link form changes that link (the page posts to its own URL)
    editing, link_initial = None, {"version": 0}
    if "andra" in request.GET and can_link:
        editing = get_object_or_404(FinancialGoalLink, pk=action_pk(request.GET["andra"], ""))
        link_initial = {
            "goal": editing.goal_id,
            "figure": editing.figure,
            "comparison": editing.comparison,
            "threshold": editing.threshold,
            "version": editing.version,
        }
    link_form = FinancialGoalLinkForm(
        prefix="link", year=period.year, link=editing, initial=link_initial
    )
    link_conflict = None
    if request.method == "POST":
        access.require(can_adjust or can_link)
        action = request.POST.get("action", "")
        try:
            if action == "adjustment":
                access.require(can_adjust)
                adjustment_form = BalanceAdjustmentForm(request.POST, prefix="adj")
                if adjustment_form.is_valid():
                    data = adjustment_form.cleaned_data
                    services.balance_adjustment_add(
                        actor=request.user,
                        year=period.year,
                        kind=data["kind"],
                        amount=data["amount"],
                        description=data["description"],
                        reason=data["change_reason"],
                    )
                    messages.success(request, _("The adjustment was saved."))
                    return redirect(request.path)
            elif action.startswith("remove-adjustment-"):
                adjustment = get_object_or_404(
                    BalanceRequirementAdjustment,
                    pk=action_pk(action, "remove-adjustment-"),
                    year=period.year,
                )
                services.balance_adjustment_remove(
                    actor=request.user, adjustment=adjustment, reason=_("Adjustment removed")
                )
                messages.success(request, _("The adjustment was removed."))
                return redirect(request.path)
            elif action == "link":
                access.require(can_link)
                link_form = FinancialGoalLinkForm(
                    request.POST, prefix="link", year=period.year, link=editing
                )
                if link_form.is_valid():
                    data = link_form.cleaned_data
                    services.financial_goal_link_set(
                        actor=request.user,
                        goal=data["goal"],
                        figure=data["figure"],
                        comparison=data["comparison"],
                        threshold=data["threshold"],
                        expected_version=data["version"],
                        reason=data["change_reason"],
                    )
                    messages.success(request, _("The financial goal is linked to the key figure."))
                    return redirect(request.path)
            elif action.startswith("unlink-"):
                link = FinancialGoalLink.objects.filter(pk=action_pk(action, "unlink-")).first()
                if link is None:
                    raise ValidationError(_("This was removed after you opened it."))
                try:
                    services.financial_goal_link_remove(
                        actor=request.user,
                        link=link,
                        # The version of the link the row's form was shown with.
                        expected_version=VersionField(required=True).clean(
                            request.POST.get("version")
                        ),
                        reason=_("Goal to be assessed by hand"),
                    )
                except StaleEdit as stale:
                    messages.error(request, _unlink_refused(stale))
                    return redirect(request.path)
                messages.success(request, _("The goal is no longer computed from a key figure."))
                return redirect(request.path)
            else:
                raise Http404
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You cannot change this."))
            return redirect(request.path)
        except StaleEdit as stale:  # only the link form saves a versioned object
            link_conflict = conflict_for(link_form, stale)
        except ValidationError as error:
            target = {"adjustment": adjustment_form, "link": link_form}.get(action)
            if target is None:
                messages.error(request, " ".join(error.messages))
                return redirect(request.path)
            add_service_errors(target, error)
    figures = keyfigures.key_figures(period, forecast_hidden=_forecast_hidden(access, period))
    return render(
        request,
        "economy/statements/key_figures.html",
        {
            "period": period,
            "months": _months(period),
            "figures": figures,
            "rows": [figures.figures[key] for key in figures.figures],
            "goals": keyfigures.financial_goal_statuses(figures),
            "can_adjust": can_adjust,
            "can_link": can_link,
            "adjustment_form": adjustment_form,
            "link_form": link_form,
            "editing_link": editing,
            "link_conflict": link_conflict,
        },
    )


@login_required
def key_figures_xlsx(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, access = _period_for_reader(request, period_pk)
    figures = keyfigures.key_figures(period, forecast_hidden=_forecast_hidden(access, period))
    goals = keyfigures.financial_goal_statuses(figures)
    figure_sheet = xlsx.Sheet(
        title=_("Key figures"),
        columns=[
            xlsx.Column(_("Key figure")),
            xlsx.Column(_("Unit")),
            xlsx.Column(_("Outcome %(months)s") % {"months": _months(period)}, xlsx.DECIMAL_FORMAT),
            xlsx.Column(_("Full-year forecast"), xlsx.DECIMAL_FORMAT),
            xlsx.Column(_("Note")),
        ],
        rows=[
            (
                str(f.label),
                f.unit_label,
                f.outcome,
                f.forecast,
                " ".join(m for m in (f.outcome_missing, f.forecast_missing) if m),
            )
            for f in figures.figures.values()
        ],
    )
    goal_sheet = xlsx.Sheet(
        title=_("Financial goals"),
        columns=[
            xlsx.Column(_("Goal")),
            xlsx.Column(_("Key figure")),
            xlsx.Column(_("Target")),
            xlsx.Column(_("Value"), xlsx.DECIMAL_FORMAT),
            xlsx.Column(_("Status")),
        ],
        rows=[
            (g.goal.title, str(g.figure.label), g.threshold_text, g.value, str(g.status_label))
            for g in goals
        ],
    )
    return xlsx_response([figure_sheet, goal_sheet], f"nyckeltal-{period}")


# --- Resultaträkning ----------------------------------------------------------------------


@login_required
def income_statement(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, access = _period_for_reader(request, period_pk)
    statement = statements.income_statement(
        period.year,
        keyfigures.through_month(period),
        period_id=period.pk,
        forecast_hidden=_forecast_hidden(access, period),
    )
    return render(
        request,
        "economy/statements/income_statement.html",
        {"period": period, "months": _months(period), "statement": statement},
    )


@login_required
def income_statement_xlsx(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, access = _period_for_reader(request, period_pk)
    month = keyfigures.through_month(period)
    statement = statements.income_statement(
        period.year, month, period_id=period.pk, forecast_hidden=_forecast_hidden(access, period)
    )
    sheet = xlsx.Sheet(
        title=_("Income statement"),
        columns=[
            xlsx.Column(_("Line")),
            xlsx.Column(_("Outcome %(months)s, kr") % {"months": _months(period)}, AMOUNT),
            xlsx.Column(_("Budget %(year)s, kr") % {"year": period.year}, AMOUNT),
            xlsx.Column(_("Full-year forecast, kr"), AMOUNT),
            xlsx.Column(
                _("Outcome %(months)s, kr")
                % {"months": keyfigures.months_label(period.year - 1, month)},
                AMOUNT,
            ),
        ],
        rows=[(r.label, r.outcome, r.budget, r.forecast, r.previous) for r in statement.rows],
    )
    return xlsx_response([sheet], f"resultatrakning-{period}")


# --- Balansräkning ------------------------------------------------------------------------


@login_required
def balance_sheet(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, access = _period_for_reader(request, period_pk)
    sheet = statements.balance_sheet(period.year, keyfigures.through_month(period))
    return render(
        request,
        "economy/statements/balance_sheet.html",
        {
            "period": period,
            "months": _months(period),
            "previous_months": keyfigures.months_label(
                period.year - 1, keyfigures.through_month(period)
            ),
            "sheet": sheet,
            # Those who can correct the accounts and the imports read what is wrong.
            "show_balance_error": access.is_economist or access.is_administrator,
        },
    )


@login_required
def balance_sheet_xlsx(request: HttpRequest, period_pk: int) -> HttpResponse:
    period, _access = _period_for_reader(request, period_pk)
    month = keyfigures.through_month(period)
    sheet = statements.balance_sheet(period.year, month)
    table = xlsx.Sheet(
        title=_("Balance sheet"),
        columns=[
            xlsx.Column(_("Line")),
            xlsx.Column(_("Balance after %(months)s, kr") % {"months": _months(period)}, AMOUNT),
            xlsx.Column(_("Opening balance %(year)s, kr") % {"year": period.year}, AMOUNT),
            xlsx.Column(
                _("Balance after %(months)s, kr")
                % {"months": keyfigures.months_label(period.year - 1, month)},
                AMOUNT,
            ),
        ],
        rows=[(r.label, r.closing, r.opening, r.previous) for r in sheet.rows],
    )
    return xlsx_response([table], f"balansrakning-{period}")
