"""Loads Exempelkommun's economy through the economy's services, idempotently: what is
there is left as it is (a budget year, project, decision or forecast a user has changed
stays changed); what is missing is added.

``load_budget`` (a step of the demo loader) writes the budget years, the investment projects,
KF's budget decisions and the nämnders' detaljbudgetar. ``load_period_economy`` runs for
each reporting period while it is open, before it is closed: it imports the outcome files
of the period's months (apps/demo/files), and writes the nämnders' forecasts and
Socialnämnden's åtgärdsplan for its deficit. The ekonom imports and enters the economy; the
administrator acts for the nämnd where the ekonom has no right (the åtgärdsplan).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import User
from apps.demo import common, economy_files, figures
from apps.demo import economy_data as data
from apps.economy import kommun_bas
from apps.economy.models import (
    AccountMapping,
    BudgetDecision,
    BudgetYear,
    DecisionKind,
    DetailBudget,
    Forecast,
    InvestmentForecast,
    InvestmentProject,
    OutcomeImport,
    StatementLine,
)
from apps.economy.services import budget as budget_services
from apps.economy.services import forecasts as forecast_services
from apps.economy.services.outcomes import checksum_of, outcome_import
from apps.followup import services as followup_services
from apps.followup.models import ActionPlan, ActionPlanCause
from apps.periods.models import ReportingPeriod

ECONOMIST = "ekonom"
KOMMUN_BAS_REASON = "Kommun-Bas, shipped with styrmodell"


def _economist() -> User:
    return User.objects.get(username=ECONOMIST)


def _assumptions(year: int) -> dict[str, object]:
    spec = data.BUDGET_YEARS[year]
    money = ("tax_revenue", "general_grants", "depreciation", "financial_income",
             "financial_costs")  # fmt: skip
    return {
        "tax_revenue": None, "general_grants": None, "depreciation": None,
        "financial_income": None, "financial_costs": None, "is_election_year": False,
        "notes": "", "forecast_source": "",
        **{name: data.mnkr(value) if name in money else value for name, value in spec.items()},
        "tax_rate": Decimal(spec["tax_rate"]),
    }  # fmt: skip


def _load_budget_years(actor: User) -> None:
    for year in data.BUDGET_YEARS:
        wanted = _assumptions(year)
        if not BudgetYear.objects.filter(year=year).exists():
            budget_services.budget_year_create(actor=actor, year=year, reason=data.REASON, **wanted)


def _load_projects(actor: User) -> dict[str, InvestmentProject]:
    units = common.units()
    existing = common.by_field(InvestmentProject.objects.all(), "code")
    projects = {}
    for (
        code,
        name,
        body,
        _ansvar,
        _account,
        total,
        first,
        last,
        status,
        *_rest,
        text,
    ) in data.PROJECTS:
        fields = {
            "name": name, "unit": units[body], "decided_total": data.mnkr(total),
            "first_year": first, "last_year": last, "status": status, "description": text,
        }  # fmt: skip
        project = existing.get(code)
        if project is None:
            project = budget_services.investment_project_create(
                actor=actor, code=code, reason=data.REASON, **fields
            )
        projects[code] = project
    return projects


def _decide(
    actor: User,
    *,
    year: int,
    kind: str,
    spec: dict,
    operations: dict,
    investments: dict | None = None,
) -> None:
    """The decision of ``spec``, proposed with its amounts and decided by KF, unless it is
    there (decided, or a proposal a user is working on)."""
    budget_year = BudgetYear.objects.get(year=year)
    if common.find(BudgetDecision, budget_year=budget_year, kind=kind, title=spec["title"]):
        return
    decision = budget_services.budget_decision_create(
        actor=actor,
        budget_year=budget_year,
        kind=kind,
        title=spec["title"],
        description=spec["description"],
        reason=data.REASON,
    )
    budget_services.appropriations_save(
        actor=actor,
        decision=decision,
        operations=operations,
        investments=investments,
        reason=data.REASON,
    )
    budget_services.budget_decision_decide(
        actor=actor,
        decision=decision,
        decided_on=spec["decided_on"],
        paragraph=spec["paragraph"],
        reason=data.REASON,
    )


def _frame_decisions(actor: User, projects: dict[str, InvestmentProject]) -> None:
    units = common.units()
    for spec in data.FRAME_DECISIONS:
        year = spec["year"]
        operations = {
            (units[code], year + offset): data.mnkr(amount)
            for code, amounts in spec["frames"].items()
            for offset, amount in enumerate(amounts)
        }
        years = range(year, year + len(next(iter(spec["frames"].values()))))
        investments = {
            (projects[code], budget_year): data.mnkr(budgets[budget_year])
            for code, *_fields, budgets, _spent, _forecast, _text in data.PROJECTS
            for budget_year in years
            if budget_year in budgets
        }
        _decide(
            actor,
            year=year,
            kind=DecisionKind.FRAME,
            spec=spec,
            operations=operations,
            investments=investments,
        )


def _additional_appropriation(actor: User) -> None:
    spec = data.ADDITIONAL_APPROPRIATION
    units = common.units()
    operations = {
        (units[code], spec["year"]): data.mnkr(amount) for code, amount in spec["frames"].items()
    }
    _decide(
        actor, year=spec["year"], kind=DecisionKind.ADDITIONAL, spec=spec, operations=operations
    )


def detail_budget_lines(body: str, *, revised: bool) -> dict[str, Decimal]:
    """The nets of ``body``'s ansvar in its 2026 detaljbudget: as first decided on the frame
    budget, or as ``revised`` after the tilläggsanslag."""
    lines = {
        code: economy_files.budget_net_2026(code)
        for code in data.ANSVAR_2026
        if economy_files.body_of(code) == body
    }
    spec = data.ADDITIONAL_APPROPRIATION
    if not revised and body in spec["frames"]:
        lines[spec["ansvar"]] -= data.mnkr(spec["frames"][body])
    return lines


def _detail_budgets(actor: User, decisions: dict[str, tuple], *, revised: bool) -> None:
    """The detaljbudgetar of ``decisions``: made and decided where missing; ``revised``, a
    detaljbudget still as the demo first decided it is reopened and decided anew. One a user
    has reopened or decided since is theirs."""
    units = common.units()
    for body, (decided_on, paragraph) in decisions.items():
        detail_budget = DetailBudget.objects.filter(unit=units[body], year=2026).first()
        if detail_budget is not None:
            first_decided_on = data.DETAIL_BUDGET_DECISIONS[body][0]
            if not revised or detail_budget.decided_on != first_decided_on:
                continue
            if detail_budget.history.first().history_change_reason != data.REASON:
                continue
            detail_budget = budget_services.detail_budget_reopen(
                actor=actor, detail_budget=detail_budget, reason=data.REASON
            )
        lines = detail_budget_lines(body, revised=revised)
        detail_budget = budget_services.detail_budget_lines_save(
            actor=actor,
            body=units[body],
            year=2026,
            amounts={units[code]: amount for code, amount in lines.items()},
            reason=data.REASON,
        )
        budget_services.detail_budget_decide(
            actor=actor,
            detail_budget=detail_budget,
            decided_on=decided_on,
            paragraph=paragraph,
            reason=data.REASON,
        )


def load_budget(admin: User) -> None:
    """Budget med plan: the years, the projects, KF's decisions and the detaljbudgetar, in
    the order they were decided."""
    actor = _economist()
    # A flushed database (live-server tests) has lost the migrated chart of accounts.
    kommun_bas.install(StatementLine, AccountMapping, reason=KOMMUN_BAS_REASON, now=timezone.now())
    _load_budget_years(actor)
    projects = _load_projects(actor)
    _frame_decisions(actor, projects)
    _detail_budgets(actor, data.DETAIL_BUDGET_DECISIONS, revised=False)
    _additional_appropriation(actor)
    _detail_budgets(actor, data.DETAIL_BUDGET_REVISED, revised=True)


# --- In each reporting period -----------------------------------------------------------


def current_frame(body: str, year: int) -> Decimal:
    """``body``'s frame for ``year`` after the decisions in the demo data."""
    frame = next(s for s in data.FRAME_DECISIONS if s["year"] == year)["frames"][body][0]
    total = data.mnkr(frame)
    spec = data.ADDITIONAL_APPROPRIATION
    if spec["year"] == year and body in spec["frames"]:
        total += data.mnkr(spec["frames"][body])
    return total


def _import_outcomes(actor: User, key: str) -> None:
    for outcome_file in economy_files.FILES:
        if outcome_file.period_key != key:
            continue
        content = economy_files.content_of(outcome_file)
        # Imported once (even if a user's import has replaced it since): not again.
        if OutcomeImport.objects.filter(
            year=outcome_file.year, checksum=checksum_of(content)
        ).exists():
            continue
        outcome_import(
            actor=actor,
            year=outcome_file.year,
            content=content,
            file_name=outcome_file.name,
            reason=data.IMPORT_REASON,
        )


def _forecasts(actor: User, period: ReportingPeriod, key: str) -> None:
    units = common.units()
    existing = {f.unit_id: f for f in Forecast.objects.filter(period=period)}
    for body, (surplus, handled, comment) in data.FORECASTS.get(key, {}).items():
        unit = units[body]
        wanted = {
            "amount": current_frame(body, period.year) - data.mnkr(surplus),
            "comment": comment,
            "deficit_handled": handled,
        }
        if unit.pk in existing:  # a forecast there is the nämnd's, changed or not
            continue
        forecast_services.forecast_save(
            actor=actor, unit=unit, period=period, reason=data.FORECAST_REASON, **wanted
        )


def _investment_forecasts(actor: User, period: ReportingPeriod, key: str) -> None:
    if key != "2026-t2":
        return
    projects = {p.code: p for p in InvestmentProject.objects.all()}
    existing = {f.project_id: f for f in InvestmentForecast.objects.filter(period=period)}
    for code, *_fields, forecast, text in data.PROJECTS:
        if forecast is None:
            continue
        project = projects[code]
        year_amount, total_amount = (data.mnkr(amount) for amount in forecast)
        wanted = {
            "year_amount": year_amount,
            "total_amount": total_amount,
            "comment": text if total_amount > project.decided_total else "",
        }
        if project.pk in existing:
            continue
        forecast_services.investment_forecast_save(
            actor=actor, project=project, period=period, reason=data.FORECAST_REASON, **wanted
        )


def _deficit_action_plan(admin: User, period: ReportingPeriod, key: str) -> None:
    spec = data.DEFICIT_ACTION_PLAN
    if key != spec["period"]:
        return
    unit = common.units()[spec["unit"]]
    if ActionPlan.objects.filter(unit=unit, period=period, cause=ActionPlanCause.DEFICIT).exists():
        return
    plan = followup_services.action_plan_create(
        actor=admin,
        unit=unit,
        period=period,
        cause=ActionPlanCause.DEFICIT,
        description=figures.fill(spec["description"], key),
        reason=data.REASON,
    )
    # The deficit the plan answers comes from the forecast (action_plan_create).
    for (what, who, due_on), effect in zip(spec["measures"], spec["effects"], strict=True):
        followup_services.measure_add(
            actor=admin, action_plan=plan, what=what, who=who, due_on=due_on,
            effect=data.mnkr(effect), reason=data.REASON,
        )  # fmt: skip
    followup_services.action_plan_decide(
        actor=admin,
        action_plan=plan,
        decided_on=spec["decided_on"],
        paragraph=spec["paragraph"],
        reason=data.REASON,
    )


def load_period_economy(admin: User, period: ReportingPeriod, key: str) -> None:
    """While ``period`` is open: the outcome files of its months, the forecasts, and the
    åtgärdsplan for a deficit the nämnd cannot handle."""
    economist = _economist()
    _import_outcomes(economist, key)
    _forecasts(economist, period, key)
    _investment_forecasts(economist, period, key)
    _deficit_action_plan(admin, period, key)
