"""Writes of budget med plan: the budget year and its planning assumptions, the decisions
that set or change appropriations, each nämnd's detaljbudget, and the investment projects.

A decision starts as a proposal (state draft, no date) whose amounts the ekonom edits; KF
decides it, after which it is read-only (here with a message, in the database by
apps.economy.budget_guard underneath). A detaljbudget is decided by its nämnd and must sum
to the nämnd's current frame.

A proposal's amounts and a detaljbudget's lines are edited as one table, so the proposal
(the detaljbudget) carries the version (apps.core.locking): every change of its amounts
saves it once, and a table saved from an older version is refused with ``StaleEdit``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import delete_with_history, require_reason, save_with_history
from apps.core.locking import check_version
from apps.economy import selectors
from apps.economy.models import (
    Appropriation,
    AppropriationKind,
    BudgetDecision,
    BudgetYear,
    DecisionKind,
    DetailBudget,
    DetailBudgetLine,
    InvestmentProject,
    InvestmentStatus,
)
from apps.economy.services import may_write_for_body, require_economy_manager
from apps.organisation.models import Unit, UnitKind
from styrmodell.lib.formats import format_tkr

if TYPE_CHECKING:
    from apps.accounts.models import User

PLAN_YEARS = 2  # budget med plan: the budget year and two plan years
ZERO = selectors.ZERO


# --- The budget year ----------------------------------------------------------------------

ASSUMPTIONS = (
    "tax_revenue",
    "general_grants",
    "tax_rate",
    "population",
    "forecast_source",
    "is_election_year",
    "notes",
)
# The income statement's budget below the frames (BudgetYear), on the year's form too.
FINANCIAL_BUDGET = ("depreciation", "financial_income", "financial_costs")


@transaction.atomic
def budget_year_create(*, actor: User, year: int, reason: str, **assumptions) -> BudgetYear:
    """A new budget year with its planning assumptions (skatteprognos, population, …)."""
    require_economy_manager(actor)
    if BudgetYear.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("The budget year %(year)s exists already.") % {"year": year}}
        )
    budget_year = BudgetYear(year=year)
    return _save_assumptions(budget_year, actor=actor, reason=reason, assumptions=assumptions)


@transaction.atomic
def budget_year_update(
    *,
    actor: User,
    budget_year: BudgetYear,
    expected_version: int | None = None,
    reason: str,
    **assumptions,
) -> BudgetYear:
    """Change the assumptions given; the others stay as stored. ``expected_version`` is the
    version the form was opened on: a save after someone else's raises ``StaleEdit``."""
    require_economy_manager(actor)
    budget_year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    return _save_assumptions(
        budget_year,
        actor=actor,
        reason=reason,
        assumptions=assumptions,
        expected_version=expected_version,
    )


def _save_assumptions(
    budget_year: BudgetYear,
    *,
    actor: User,
    reason: str,
    assumptions: Mapping[str, object],
    expected_version: int | None = None,
) -> BudgetYear:
    unknown = set(assumptions) - set(ASSUMPTIONS) - set(FINANCIAL_BUDGET)
    if unknown:
        raise TypeError(f"Not a planning assumption: {', '.join(sorted(unknown))}")
    for name, value in assumptions.items():
        if name in ("forecast_source", "notes"):
            value = (value or "").strip()
        setattr(budget_year, name, value)
    for name in (
        "tax_revenue",
        "general_grants",
        "depreciation",
        "financial_income",
        "financial_costs",
        "population",
    ):
        value = getattr(budget_year, name)
        if value is not None and value < 0:
            raise ValidationError({name: _("Enter a positive amount.")})
    save_with_history(
        budget_year, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return budget_year


# --- Decisions and their appropriations ---------------------------------------------------


def _locked_proposal(decision: BudgetDecision) -> BudgetDecision:
    """The decision, locked for this transaction; refused if it is decided."""
    decision = (
        BudgetDecision.objects.select_for_update().select_related("budget_year").get(pk=decision.pk)
    )
    if decision.state == BudgetDecision.State.DECIDED:
        raise ValidationError(_("The decision is decided and read-only."))
    return decision


def _check_kind(kind: str, budget_year: BudgetYear, *, exclude: int | None = None) -> None:
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Choose a kind of decision.")})
    if kind == DecisionKind.FRAME:
        frames = BudgetDecision.objects.filter(budget_year=budget_year, kind=DecisionKind.FRAME)
        if frames.exclude(pk=exclude).exists():
            raise ValidationError(
                {"kind": _("%(year)s has a frame budget already.") % {"year": budget_year.year}}
            )
    if kind == DecisionKind.SUPPLEMENTARY and not budget_year.is_election_year:
        raise ValidationError(
            {"kind": _("A supplementary budget decision is made only in an election year.")}
        )


@transaction.atomic
def budget_decision_create(
    *,
    actor: User,
    budget_year: BudgetYear,
    kind: str,
    title: str,
    description: str = "",
    reason: str,
) -> BudgetDecision:
    """A proposal (förslag) for ``budget_year``: the frame budget or a change to it."""
    require_economy_manager(actor)
    budget_year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    _check_kind(kind, budget_year)
    decision = BudgetDecision(
        budget_year=budget_year,
        kind=kind,
        title=(title or "").strip(),
        description=(description or "").strip(),
        state=BudgetDecision.State.DRAFT,
    )
    save_with_history(decision, actor=actor, reason=require_reason(reason))
    return decision


def _check_appropriation(
    decision: BudgetDecision, *, unit: Unit, year: int, project: InvestmentProject | None
) -> None:
    first = decision.budget_year.year
    if not first <= year <= first + PLAN_YEARS:
        raise ValidationError(
            {
                "year": _("Appropriations are for %(first)s to %(last)s.")
                % {"first": first, "last": first + PLAN_YEARS}
            }
        )
    if project is not None:
        if not project.first_year <= year <= project.last_year:
            raise ValidationError(
                {
                    "amount": _("%(project)s runs from %(first)s to %(last)s.")
                    % {"project": project, "first": project.first_year, "last": project.last_year}
                }
            )
        return
    if unit.kind not in selectors.BODY_KINDS:
        raise ValidationError(
            {"unit": _("Operating frames are set for KS, the committees and the companies.")}
        )
    if not (
        unit.valid_from <= dt.date(year, 12, 31)
        and (unit.valid_to is None or unit.valid_to >= dt.date(year, 1, 1))
    ):
        raise ValidationError(
            {"unit": _("%(unit)s does not exist in %(year)s.") % {"unit": unit, "year": year}}
        )


def _set_one(
    decision: BudgetDecision,
    *,
    actor: User,
    unit: Unit,
    year: int,
    amount: Decimal | None,
    project: InvestmentProject | None,
    reason: str,
) -> Appropriation | None:
    if project is not None:
        unit = project.unit
    _check_appropriation(decision, unit=unit, year=year, project=project)
    found = Appropriation.objects.filter(decision=decision, year=year)
    if project is not None:
        found = found.filter(kind=AppropriationKind.INVESTMENT, project=project)
    else:
        found = found.filter(kind=AppropriationKind.OPERATIONS, unit=unit)
    appropriation = found.first()
    if amount is None:
        if appropriation is not None:
            delete_with_history(appropriation, actor=actor, reason=reason)
        return None
    if appropriation is None:
        appropriation = Appropriation(
            decision=decision,
            unit=unit,
            year=year,
            project=project,
            kind=AppropriationKind.INVESTMENT if project else AppropriationKind.OPERATIONS,
        )
    elif appropriation.amount == amount:
        return appropriation
    appropriation.amount = amount
    save_with_history(appropriation, actor=actor, reason=reason)
    return appropriation


@transaction.atomic
def appropriation_set(
    *,
    actor: User,
    decision: BudgetDecision,
    unit: Unit,
    year: int,
    amount: Decimal | None,
    project: InvestmentProject | None = None,
    reason: str,
) -> Appropriation | None:
    """Set one amount of a proposal: a body's operating frame for ``year`` or, with
    ``project``, the project's investment budget. ``None`` removes the amount. In a change
    decision (tilläggsanslag, ombudgetering) the amount is the change."""
    require_economy_manager(actor)
    decision = _locked_proposal(decision)
    reason = require_reason(reason)
    save_with_history(decision, actor=actor, reason=reason)  # a new version of the table
    return _set_one(
        decision,
        actor=actor,
        unit=unit,
        year=year,
        amount=amount,
        project=project,
        reason=reason,
    )


@transaction.atomic
def appropriations_save(
    *,
    actor: User,
    decision: BudgetDecision,
    operations: Mapping[tuple[Unit, int], Decimal | None],
    investments: Mapping[tuple[InvestmentProject, int], Decimal | None] | None = None,
    expected_version: int | None = None,
    reason: str,
) -> None:
    """Set many amounts of a proposal at once (the decision page's table): all or none.
    ``expected_version`` is the proposal's version the table was opened on; if its amounts
    changed since, ``StaleEdit`` is raised and nothing is written."""
    require_economy_manager(actor)
    decision = _locked_proposal(decision)
    reason = require_reason(reason)
    save_with_history(decision, actor=actor, reason=reason, expected_version=expected_version)
    errors: dict[str, list[str]] = {}
    cells = [(unit, year, amount, None) for (unit, year), amount in operations.items()]
    cells += [
        (project.unit, year, amount, project)
        for (project, year), amount in (investments or {}).items()
    ]
    for unit, year, amount, project in cells:
        try:
            _set_one(
                decision,
                actor=actor,
                unit=unit,
                year=year,
                amount=amount,
                project=project,
                reason=reason,
            )
        except ValidationError as error:
            field = appropriation_field(unit=unit, year=year, project=project)
            errors.setdefault(field, []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


def appropriation_field(*, unit: Unit, year: int, project: InvestmentProject | None) -> str:
    """The name of an amount's cell in the decision page's table."""
    if project is not None:
        return f"investment-{project.pk}-{year}"
    return f"operations-{unit.pk}-{year}"


def kf_on(day: dt.date) -> Unit:
    unit = (
        Unit.objects.filter(kind=UnitKind.MUNICIPAL_COUNCIL, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .first()
    )
    if unit is None:
        raise ValidationError(_("There is no municipal council in the organisation."))
    return unit


@transaction.atomic
def budget_decision_decide(
    *,
    actor: User,
    decision: BudgetDecision,
    decided_on: dt.date,
    paragraph: str,
    expected_version: int | None = None,
    reason: str,
) -> BudgetDecision:
    """KF decides the proposal; from now on its amounts count and are read-only. Refused
    with ``StaleEdit`` if the amounts changed after version ``expected_version``."""
    require_economy_manager(actor)
    decision = _locked_proposal(decision)
    budget_year = decision.budget_year
    if decided_on is None:
        raise ValidationError({"decided_on": _("Enter the date of the decision.")})
    paragraph = (paragraph or "").strip()
    if not paragraph:
        raise ValidationError({"paragraph": _("Write the paragraph as § 123.")})
    _check_kind(decision.kind, budget_year, exclude=decision.pk)
    if (
        decision.kind != DecisionKind.FRAME
        and not BudgetDecision.objects.filter(
            budget_year=budget_year, kind=DecisionKind.FRAME, state=BudgetDecision.State.DECIDED
        ).exists()
    ):
        raise ValidationError(
            _("Decide the frame budget for %(year)s first.") % {"year": budget_year.year}
        )
    if not decision.appropriations.exists():
        raise ValidationError(_("Enter at least one amount before the decision is made."))
    decision.decided_on, decision.paragraph = decided_on, paragraph
    decision.decided_by = kf_on(decided_on)
    decision.state = BudgetDecision.State.DECIDED
    save_with_history(
        decision, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return decision


@transaction.atomic
def budget_decision_delete(
    *,
    actor: User,
    decision: BudgetDecision,
    expected_version: int | None = None,
    reason: str,
) -> None:
    """Throw away a proposal and its amounts; a decided decision stays. Refused with
    ``StaleEdit`` if the amounts changed after version ``expected_version``."""
    require_economy_manager(actor)
    decision = _locked_proposal(decision)
    check_version(decision, expected_version)
    reason = require_reason(reason)
    for appropriation in decision.appropriations.all():
        delete_with_history(appropriation, actor=actor, reason=reason)
    delete_with_history(decision, actor=actor, reason=reason)


# --- Detaljbudget -------------------------------------------------------------------------


def _require_body(body: Unit) -> Unit:
    """The body as the database has it now (its tree bounds move as units are added)."""
    body = Unit.objects.get(pk=body.pk)
    if body.kind not in selectors.BODY_KINDS:
        raise ValidationError(
            {"unit": _("A detailed budget belongs to KS, a committee or a company.")}
        )
    return body


def _locked_draft(detail_budget: DetailBudget) -> DetailBudget:
    detail_budget = (
        DetailBudget.objects.select_for_update().select_related("unit").get(pk=detail_budget.pk)
    )
    if detail_budget.state == DetailBudget.State.DECIDED:
        raise ValidationError(
            _("The detailed budget is decided and read-only. Reopen it to change it.")
        )
    return detail_budget


def _draft_for(
    actor: User, body: Unit, year: int, reason: str, expected_version: int | None = None
) -> DetailBudget:
    """``body``'s draft for ``year``, started if needed, saved once for this change of its
    lines: a new version, refused if it is not ``expected_version``'s successor."""
    detail_budget = DetailBudget.objects.filter(unit=body, year=year).first()
    if detail_budget is None:
        detail_budget = DetailBudget(unit=body, year=year)
    else:
        detail_budget = _locked_draft(detail_budget)
    save_with_history(detail_budget, actor=actor, reason=reason, expected_version=expected_version)
    return detail_budget


def _set_line(
    detail_budget: DetailBudget,
    *,
    actor: User,
    unit: Unit,
    amount: Decimal | None,
    allowed: set[int],
    reason: str,
) -> DetailBudgetLine | None:
    if unit.pk not in allowed:
        raise ValidationError(
            {
                "unit": _("%(unit)s is not part of %(body)s in %(year)s.")
                % {"unit": unit, "body": detail_budget.unit, "year": detail_budget.year}
            }
        )
    line = DetailBudgetLine.objects.filter(detail_budget=detail_budget, unit=unit).first()
    if amount is None:
        if line is not None:
            delete_with_history(line, actor=actor, reason=reason)
        return None
    if line is None:
        line = DetailBudgetLine(detail_budget=detail_budget, unit=unit)
    elif line.amount == amount:
        return line
    line.amount = amount
    save_with_history(line, actor=actor, reason=reason)
    return line


@transaction.atomic
def detail_budget_line_set(
    *, actor: User, body: Unit, year: int, unit: Unit, amount: Decimal | None, reason: str
) -> DetailBudgetLine | None:
    """Set one line of ``body``'s detaljbudget for ``year``: the net cost budgeted on one of
    its verksamheter or enheter (``None`` removes the line). Starts the draft if needed."""
    access_for(actor).require(may_write_for_body(actor, body))
    body = _require_body(body)
    reason = require_reason(reason)
    detail_budget = _draft_for(actor, body, year, reason)
    allowed = {u.pk for u in selectors.detail_budget_units(body=body, year=year)}
    return _set_line(
        detail_budget, actor=actor, unit=unit, amount=amount, allowed=allowed, reason=reason
    )


@transaction.atomic
def detail_budget_lines_save(
    *,
    actor: User,
    body: Unit,
    year: int,
    amounts: Mapping[Unit, Decimal | None],
    expected_version: int | None = None,
    reason: str,
) -> DetailBudget:
    """Set many lines at once (the detail budget page's table): all or none.
    ``expected_version`` is the detaljbudget's version the table was opened on (0: there was
    none yet); if its lines changed since, ``StaleEdit`` is raised and nothing is written."""
    access_for(actor).require(may_write_for_body(actor, body))
    body = _require_body(body)
    reason = require_reason(reason)
    detail_budget = _draft_for(actor, body, year, reason, expected_version)
    allowed = {u.pk for u in selectors.detail_budget_units(body=body, year=year)}
    errors: dict[str, list[str]] = {}
    for unit, amount in amounts.items():
        try:
            _set_line(
                detail_budget,
                actor=actor,
                unit=unit,
                amount=amount,
                allowed=allowed,
                reason=reason,
            )
        except ValidationError as error:
            errors.setdefault(f"line-{unit.pk}", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return detail_budget


def difference_message(*, total: Decimal, frame: Decimal) -> str:
    return _(
        "The detailed budget sums to %(total)s but the frame is %(frame)s; "
        "difference %(difference)s."
    ) % {
        "total": format_tkr(total),
        "frame": format_tkr(frame),
        "difference": format_tkr(total - frame),
    }


@transaction.atomic
def detail_budget_decide(
    *,
    actor: User,
    detail_budget: DetailBudget,
    decided_on: dt.date,
    paragraph: str,
    expected_version: int | None = None,
    reason: str,
) -> DetailBudget:
    """The nämnd decides its detaljbudget; refused unless the lines sum to its current frame,
    and with ``StaleEdit`` if the lines changed after version ``expected_version``."""
    access_for(actor).require(may_write_for_body(actor, detail_budget.unit))
    detail_budget = _locked_draft(detail_budget)
    if decided_on is None:
        raise ValidationError({"decided_on": _("Enter the date of the decision.")})
    paragraph = (paragraph or "").strip()
    if not paragraph:
        raise ValidationError({"paragraph": _("Write the paragraph as § 123.")})
    frame = selectors.operating_budgets(detail_budget.year).get(detail_budget.unit_id)
    if frame is None:
        raise ValidationError(
            _("%(body)s has no decided frame for %(year)s.")
            % {"body": detail_budget.unit, "year": detail_budget.year}
        )
    total = sum((line.amount for line in detail_budget.lines.all()), ZERO)
    if total != frame.current:
        raise ValidationError(difference_message(total=total, frame=frame.current))
    detail_budget.decided_on, detail_budget.paragraph = decided_on, paragraph
    detail_budget.state = DetailBudget.State.DECIDED
    save_with_history(
        detail_budget,
        actor=actor,
        reason=require_reason(reason),
        expected_version=expected_version,
    )
    return detail_budget


@transaction.atomic
def detail_budget_reopen(
    *,
    actor: User,
    detail_budget: DetailBudget,
    expected_version: int | None = None,
    reason: str,
) -> DetailBudget:
    """Open a decided detaljbudget for changes again, e.g. after a tilläggsanslag (refused
    with ``StaleEdit`` if it changed after version ``expected_version``)."""
    access_for(actor).require(may_write_for_body(actor, detail_budget.unit))
    reason = require_reason(reason)
    detail_budget = DetailBudget.objects.select_for_update().get(pk=detail_budget.pk)
    if detail_budget.state != DetailBudget.State.DECIDED:
        raise ValidationError(_("The detailed budget is not decided."))
    detail_budget.state = DetailBudget.State.DRAFT
    detail_budget.decided_on, detail_budget.paragraph = None, ""
    save_with_history(detail_budget, actor=actor, reason=reason, expected_version=expected_version)
    return detail_budget


# --- Investment projects ------------------------------------------------------------------

PROJECT_FIELDS = (
    "code",
    "name",
    "unit",
    "description",
    "decided_total",
    "first_year",
    "last_year",
    "status",
)


@transaction.atomic
def investment_project_create(
    *,
    actor: User,
    code: str,
    name: str,
    unit: Unit,
    decided_total: Decimal,
    first_year: int,
    last_year: int,
    description: str = "",
    status: str = InvestmentStatus.PLANNED,
    reason: str,
) -> InvestmentProject:
    require_economy_manager(actor)
    project = InvestmentProject()
    return _save_project(
        project,
        actor=actor,
        reason=reason,
        fields={
            "code": code,
            "name": name,
            "unit": unit,
            "description": description,
            "decided_total": decided_total,
            "first_year": first_year,
            "last_year": last_year,
            "status": status,
        },
    )


@transaction.atomic
def investment_project_update(
    *,
    actor: User,
    project: InvestmentProject,
    expected_version: int | None = None,
    reason: str,
    **fields,
) -> InvestmentProject:
    """Change a project's fields (the others stay as stored); the decided total changes only
    with a KF decision, so the reason should name it. ``expected_version``: the version the
    form was opened on; a save after someone else's raises ``StaleEdit``."""
    require_economy_manager(actor)
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"Not a field of an investment project: {', '.join(sorted(unknown))}")
    project = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    return _save_project(
        project, actor=actor, reason=reason, fields=fields, expected_version=expected_version
    )


def _save_project(
    project: InvestmentProject,
    *,
    actor: User,
    reason: str,
    fields: Mapping[str, object],
    expected_version: int | None = None,
) -> InvestmentProject:
    for name, value in fields.items():
        if name in ("code", "name", "description"):
            value = (value or "").strip()
        setattr(project, name, value)
    if project.unit.kind not in selectors.BODY_KINDS:
        raise ValidationError({"unit": _("A project belongs to KS, a committee or a company.")})
    if project.decided_total is not None and project.decided_total < 0:
        raise ValidationError({"decided_total": _("Enter a positive amount.")})
    if project.first_year and project.last_year and project.last_year < project.first_year:
        raise ValidationError({"last_year": _("The last year comes before the first year.")})
    clash = InvestmentProject.objects.filter(code=project.code).exclude(pk=project.pk)
    if clash.exists():
        raise ValidationError(
            {"code": _("Another project has the code %(code)s.") % {"code": project.code}}
        )
    save_with_history(
        project, actor=actor, reason=require_reason(reason), expected_version=expected_version
    )
    return project
