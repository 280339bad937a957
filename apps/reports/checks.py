"""Kontroller before a report: what the ekonom checks in a period before a report goes to KF.

Each check reads the figures through the one selector that computes them for the pages and
the reports (the balansräkning, the driftredovisning's reconciliation with the
resultaträkning, the goals' status in the period, the deficits' åtgärdsplaner), so a check
and a report can never disagree. A check says whether it passes, lists what fails in Swedish
(which nämnd, which goal, which value, how far off) and links to the page where it is fixed.

``period_checks`` runs a fixed number of queries, whatever the number of bodies, goals or
indicator values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.consolidation.selectors import companies_in_period, consolidated_balance_sheet
from apps.economy import selectors as economy_selectors
from apps.economy import statements
from apps.economy.pensions import pension_figures
from apps.economy.statements import KommunStatements
from apps.followup import selectors as followup_selectors
from apps.followup.body_reports import body_reports
from apps.goals import selectors as goal_selectors
from apps.goals.models import DecidedBy, GoalIndicator, IndicatorValue, SteeringModel
from apps.organisation.selectors import BODY_KINDS, bodies_in_period
from apps.periods.models import PeriodKind, ReportingPeriod
from apps.reports.document import KIND_OF_PERIOD, headings_of
from apps.reports.sections.narrative import TITLES
from apps.reports.texts import period_texts
from styrmodell.lib.formats import format_number, format_tkr

# A value at least this many times its predecessor (or at most its tenth) is flagged: the
# mark of a misplaced decimal comma (6,5 stored as 65) or a value in the wrong unit.
MAGNITUDE_FACTOR = Decimal(10)
VALUE_FIELDS = ("total", "women", "men")


@dataclass(frozen=True)
class CheckResult:
    key: str
    title: str
    passed: bool
    details: list[str] = field(default_factory=list)  # what fails, one line each
    link: str = ""  # where it is fixed
    link_text: str = ""
    note: str = ""  # what the check covers, when it is not obvious (the year-end's forecasts)


# --- a. The balansräkning balances ------------------------------------------------------------


def balance_check(
    period: ReportingPeriod, *, kommun: KommunStatements | None = None
) -> CheckResult:
    """Tillgångar = eget kapital (the period's result included) + avsättningar + skulder at the
    end of the period."""
    sheet = (kommun or statements.kommun_statements(period)).sheet
    details = []
    if not sheet.balances:
        details.append(
            _("Total assets %(assets)s, total equity, provisions and liabilities %(other)s: "
              "difference %(difference)s.")
            % {
                "assets": format_tkr(sheet.total_assets.closing),
                "other": format_tkr(sheet.total_equity_and_liabilities.closing),
                "difference": format_tkr(sheet.check.closing),
            }
        )  # fmt: skip
    details += [
        _("Account %(account)s (%(amount)s) is not mapped on a line of the balance sheet.")
        % {"account": account, "amount": format_tkr(amount)}
        for account, amount in sheet.unmapped
    ]
    return CheckResult(
        key="balance_sheet",
        title=_("The balance sheet balances"),
        passed=sheet.balances,
        details=details,
        link=reverse("economy:balance_sheet", args=[period.pk]),
        link_text=_("Balance sheet"),
    )


# --- b. The driftredovisning reconciles with the resultaträkning -----------------------------


def operating_check(
    period: ReportingPeriod, *, kommun: KommunStatements | None = None
) -> CheckResult:
    """The driftredovisning's total equals the resultaträkning's verksamhetens nettokostnad, or
    the difference is accounted for by the finansförvaltning's row."""
    kommun = kommun or statements.kommun_statements(period)
    reconciliation = statements.drift_reconciliation(period, book=kommun.book, income=kommun.income)
    details = []
    if not reconciliation.reconciles:
        details.append(
            _("Operating statement %(operating)s and booked outside the committees "
              "%(outside)s, against the income statement's net operating costs %(net)s: "
              "difference %(difference)s.")
            % {
                "operating": format_tkr(reconciliation.operating_accounts),
                "outside": format_tkr(reconciliation.not_distributed),
                "net": format_tkr(reconciliation.net_operating_cost),
                "difference": format_tkr(reconciliation.difference),
            }
        )  # fmt: skip
    return CheckResult(
        key="operating_statement",
        title=_("The operating statement agrees with the income statement"),
        passed=bool(reconciliation.reconciles),
        details=details,
        link=reverse("economy:overview", args=[period.pk]),
        link_text=_("Economy overview"),
    )


# --- c. Every body has a forecast -------------------------------------------------------------


def takes_forecasts(period: ReportingPeriod) -> bool:
    """The year-end's outcome is final: the bokslut has no forecast to make (DOMAIN.md)."""
    return period.kind != PeriodKind.ANNUAL


def forecast_check(period: ReportingPeriod) -> CheckResult:
    """Every body (KS, nämnd, bolag) with an operating frame for the year has a full-year
    forecast in the period. A body without a frame (a bolag outside the kommun's driftbudget)
    has nothing to forecast against."""
    title = _("Every committee has a forecast")
    overview = reverse("economy:overview", args=[period.pk])
    if not takes_forecasts(period):
        return CheckResult(
            key="forecasts", title=title, passed=True, link=overview,
            link_text=_("Economy overview"),
            note=_("At the year-end the outcome is final; no forecast is made."),
        )  # fmt: skip
    budgets = economy_selectors.operating_budgets(period.year)
    made = economy_selectors.forecasts(period.pk)
    missing = [
        body for body in bodies_in_period(period) if body.pk in budgets and body.pk not in made
    ]
    details = [
        _("%(body)s has no forecast (budget %(budget)s).")
        % {"body": body.name, "budget": format_tkr(budgets[body.pk].current)}
        for body in missing
    ]
    first = missing[0] if missing else None
    return CheckResult(
        key="forecasts",
        title=title,
        passed=not missing,
        details=details,
        link=reverse("economy:forecast", args=[period.pk, first.pk]) if first else overview,
        link_text=_("Forecast of %(body)s") % {"body": first.name}
        if first
        else _("Economy overview"),
    )


# --- d. Every KF goal is assessed ------------------------------------------------------------


def council_goal_check(period: ReportingPeriod) -> CheckResult:
    """Every measurable KF goal valid in the year is reported in the period by the rule of the
    follow-up's "X av Y" (``reported_assessments``: its owner's assessment with a status, or
    "ej bedömt" with the reason why), or has a status computed from its key figure (a
    financial goal takes no typed status; ``period_statuses``, as the goal pages and the
    reports read it). A status of an earlier period is not one of this period."""
    model = SteeringModel.objects.filter(is_active=True).first()
    goals = []
    if model is not None:
        goals = list(
            goal_selectors.goals_in_year(model, period.year)
            .filter(level__decided_by=DecidedBy.COUNCIL, level__is_measurable=True)
            .select_related("owner", "level")
            .order_by("tree_id", "lft")
        )
    statuses = goal_selectors.period_statuses(goals=goals, period=period, reader=None)
    reported = set(
        followup_selectors.reported_assessments(period)
        .filter(goal_id__in=[goal.pk for goal in goals])
        .values_list("goal_id", flat=True)
    )
    missing = [
        goal for goal in goals if goal.pk not in reported and statuses[goal.pk].computed is None
    ]
    first = missing[0] if missing else None
    return CheckResult(
        key="council_goals",
        title=_("Every goal of the municipal council is assessed"),
        passed=not missing,
        details=[_missing_assessment(goal, statuses[goal.pk], period) for goal in missing],
        link=reverse("followup:entry", args=[period.pk, first.owner_id])
        if first and first.owner_id
        else reverse("followup:overview", args=[period.pk]),
        link_text=_("Follow-up of %(unit)s") % {"unit": first.owner.name}
        if first and first.owner_id
        else _("Follow-up overview"),
    )


def _missing_assessment(goal, status, period: ReportingPeriod) -> str:
    values = {"goal": goal.title, "period": period}
    if status.assessment is not None:  # "ej bedömt" without the reason why
        return _("%(goal)s is not assessed in %(period)s, and no reason is given.") % values
    return _("%(goal)s has no assessment in %(period)s.") % values


# --- e. Every deficit beyond the delegation has a current åtgärdsplan ------------------------


def _deficit_text(item) -> str:
    values = {"body": item.unit.name, "deficit": format_tkr(item.deficit)}
    if item.plan is not None and item.plan.deficit is not None:
        values["planned"] = format_tkr(item.plan.deficit)
        return (
            _("%(body)s forecasts a deficit of %(deficit)s; its action plan answers "
              "%(planned)s.") % values
        )  # fmt: skip
    return _("%(body)s forecasts a deficit of %(deficit)s without an action plan.") % values


def deficit_plan_check(period: ReportingPeriod) -> CheckResult:
    """Every forecast deficit the nämnd cannot handle within its delegation has a current
    åtgärdsplan that answers at least that deficit (``deficits_without_current_plan``)."""
    uncovered = economy_selectors.deficits_without_current_plan(period)
    first = uncovered[0] if uncovered else None
    return CheckResult(
        key="deficit_plans",
        title=_("Every deficit beyond the committee's delegation has a current action plan"),
        passed=not uncovered,
        details=[_deficit_text(item) for item in uncovered],
        link=reverse("economy:forecast", args=[period.pk, first.unit.pk])
        if first
        else reverse("economy:overview", args=[period.pk]),
        link_text=_("Forecast of %(body)s") % {"body": first.unit.name}
        if first
        else _("Economy overview"),
    )


# --- f. Indicator values that jumped by a factor of ten ---------------------------------------


@dataclass(frozen=True)
class Jump:
    value: IndicatorValue
    field: str
    previous: IndicatorValue


def _jumped(current: Decimal | None, previous: Decimal | None) -> bool:
    """A factor of ten or more either way; a zero on either side is no factor."""
    if not current or not previous:
        return False
    current, previous = abs(current), abs(previous)
    return current >= previous * MAGNITUDE_FACTOR or previous >= current * MAGNITUDE_FACTOR


def value_jumps(period: ReportingPeriod) -> list[Jump]:
    """The values of the period's year, up to the period, that differ from the previous value
    of the same indicator and unit (a kommun-wide value from the previous kommun-wide one) by
    a factor of ten or more. One query."""
    values = (
        IndicatorValue.objects.filter(
            indicator_id__in=IndicatorValue.objects.filter(period__year=period.year).values(
                "indicator_id"
            ),
            period__ends_on__lte=period.ends_on,
        )
        .annotate(
            goal_id=Subquery(
                GoalIndicator.objects.filter(indicator_id=OuterRef("indicator_id"))
                .order_by("-year", "pk")
                .values("goal_id")[:1]
            )
        )
        .select_related("indicator", "unit", "period")
        .order_by("indicator_id", "unit_id", "period__ends_on", "pk")
    )
    jumps = []
    previous: IndicatorValue | None = None
    for value in values:
        same_series = (
            previous is not None
            and previous.indicator_id == value.indicator_id
            and previous.unit_id == value.unit_id
        )
        if same_series and value.period.year == period.year:
            for name in VALUE_FIELDS:
                if _jumped(getattr(value, name), getattr(previous, name)):
                    jumps.append(Jump(value, name, previous))
        previous = value
    return jumps


def _value_text(value: IndicatorValue, name: str) -> str:
    number = getattr(value, name)
    text = format_number(number, value.indicator.decimals)
    unit = value.indicator.measure_unit
    return f"{text} {unit}".strip()


def _value_link(value: IndicatorValue) -> str:
    if value.unit_id is not None:
        return reverse("followup:entry", args=[value.period_id, value.unit_id])
    if value.goal_id is not None:
        return reverse("goals:detail", args=[value.goal_id])
    return ""


def value_check(period: ReportingPeriod) -> CheckResult:
    jumps = value_jumps(period)
    details = []
    for jump in jumps:
        value = jump.value
        details.append(
            _("%(indicator)s%(sex)s, %(scope)s, %(period)s: %(value)s, previously %(previous)s "
              "(%(previous_period)s).")
            % {
                "indicator": value.indicator.title,
                "sex": {"total": "", "women": _(" (women)"), "men": _(" (men)")}[jump.field],
                "scope": value.unit.name if value.unit_id else _("the whole municipality"),
                "period": value.period,
                "value": _value_text(value, jump.field),
                "previous": _value_text(jump.previous, jump.field),
                "previous_period": jump.previous.period,
            }
        )  # fmt: skip
    first = jumps[0].value if jumps else None
    link = _value_link(first) if first else ""
    return CheckResult(
        key="indicator_values",
        title=_("No indicator value differs from the previous one by a factor of ten"),
        passed=not jumps,
        details=details,
        link=link or reverse("followup:overview", args=[period.pk]),
        link_text=_("Values of %(indicator)s") % {"indicator": first.indicator.title}
        if link
        else _("Follow-up overview"),
    )


# --- g. The pension statement agrees with the ledger -----------------------------------------


def _reports_to_council(period: ReportingPeriod) -> bool:
    """The delårsrapport and the årsredovisning: the reports the auditors read."""
    return period.kind in (PeriodKind.TERTIAL_2, PeriodKind.ANNUAL)


def pension_check(
    period: ReportingPeriod, *, kommun: KommunStatements | None = None
) -> CheckResult:
    """The pension administrator's avsättning equals the ledger's; the delårsrapport and the
    årsredovisning need the statement (avsättning and ansvarsförbindelse) at all."""
    if kommun is None:
        figures = pension_figures(period)
    else:
        figures = pension_figures(period, book=kommun.book, sheet=kommun.sheet)
    details = []
    if figures is None:
        if _reports_to_council(period):
            details.append(
                _("No pension statement is entered for the period: the balance sheet's note "
                  "and the contingent liability cannot be reported.")
            )  # fmt: skip
    elif figures.difference is not None and not figures.agrees:
        details.append(
            _("The pension administrator's provision %(statement)s differs from the ledger's "
              "%(ledger)s by %(difference)s.")
            % {
                "statement": format_tkr(figures.statement.provision),
                "ledger": format_tkr(figures.ledger_provision),
                "difference": format_tkr(figures.difference),
            }
        )  # fmt: skip
    return CheckResult(
        key="pensions",
        title=_("The pension statement agrees with the ledger"),
        passed=not details,
        details=details,
        link=reverse("economy:pensions", args=[period.pk]),
        link_text=_("Pensions"),
    )


# --- h. The koncern's statements balance ------------------------------------------------------


def group_check(period: ReportingPeriod, *, kommun: KommunStatements | None = None) -> CheckResult:
    """Each bolag's balansräkning balances, and so does the koncern's."""
    details = [
        _("The balance sheet of %(company)s does not balance.") % {"company": c.company.name}
        for c in companies_in_period(period)
        if c.balances is False
    ]
    sheet = consolidated_balance_sheet(period, kommun=kommun)
    check = next((row for row in sheet.rows if row.kind == "check"), None)
    if sheet.has_companies and check is not None and check.koncern:
        details.append(
            _("The consolidated balance sheet differs by %(difference)s.")
            % {"difference": format_tkr(check.koncern)}
        )
    return CheckResult(
        key="group",
        title=_("The municipal group's balance sheets balance"),
        passed=not details,
        details=details,
        link=reverse("consolidation:period", args=[period.pk]),
        link_text=_("Municipal group"),
    )


# --- i. The texts the report needs are written ------------------------------------------------


def text_check(period: ReportingPeriod) -> CheckResult:
    """The delårsrapport and the årsredovisning: a text under each of the
    förvaltningsberättelse's headings, and every nämnd's and bolag's verksamhetsberättelse."""
    details = []
    if _reports_to_council(period):
        kind = KIND_OF_PERIOD[period.kind]
        texts = period_texts(period)
        details += [
            _("No text under the heading “%(heading)s”.") % {"heading": TITLES[key]}
            for key in headings_of(kind)
            if key not in texts or not texts[key].text.strip()
        ]
        bodies = bodies_in_period(period, kinds=BODY_KINDS)
        written = body_reports(period=period, bodies=bodies)
        details += [
            _("%(body)s has not submitted its operations report.") % {"body": body.name}
            for body in bodies
            if body.pk not in written
        ]
    return CheckResult(
        key="texts",
        title=_("The administration report and the operations reports are written"),
        passed=not details,
        details=details,
        link=reverse("reports:texts", args=[period.pk]),
        link_text=_("Administration report"),
    )


# --- All of them ------------------------------------------------------------------------------


CHECKS = (
    balance_check,
    operating_check,
    forecast_check,
    council_goal_check,
    deficit_plan_check,
    value_check,
    pension_check,
    group_check,
    text_check,
)
# The checks of the kommun's statements: they share one read of the ledger, RR and BR.
READ_STATEMENTS = frozenset({balance_check, operating_check, pension_check, group_check})


def period_checks(period: ReportingPeriod) -> list[CheckResult]:
    """Every check of ``period``, in the order the page lists them; the kommun's statements
    are read once for all of them, as a report reads them once for all its chapters."""
    kommun = statements.kommun_statements(period)
    return [
        check(period, kommun=kommun) if check in READ_STATEMENTS else check(period)
        for check in CHECKS
    ]


def failing(checks: list[CheckResult]) -> list[CheckResult]:
    return [check for check in checks if not check.passed]
