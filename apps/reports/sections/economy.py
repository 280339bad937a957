"""The economy's sections: driftredovisning, investeringar, resultat- och balansräkning,
kassaflödesanalys, helårsprognos och balanskravsresultat, god ekonomisk hushållning, and the
economy's parts of the summary and of the årsredovisning's förvaltningsberättelse.

Every figure is read through the economy app (selectors, statements, keyfigures), for the
report's period: the outcome runs January to the month the period ends in, the forecasts are
the period's own. The ledger, the income statement and the key figures are computed once per
report and shared between the builders (``reads``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.economy import finance, keyfigures, selectors, statements
from apps.economy.models import (
    BudgetYear,
)
from apps.economy.selectors import BudgetFigures, ProjectGroup, ProjectRow
from apps.organisation.models import Unit
from apps.reports.content import BuildContext, Col, ColumnKind, Section, Table
from apps.reports.sections import reads
from styrmodell.lib.formats import (
    format_date,
    format_number,
    format_percent,
)

ZERO = selectors.ZERO
KR = ColumnKind.KR
TEMPLATE = "reports/pdf/sections/economy_section.html"

# --- Small helpers --------------------------------------------------------------------------


def _names(units: Sequence[Unit]) -> str:
    return ", ".join(u.name for u in units)


# --- Driftredovisning -----------------------------------------------------------------------


@dataclass(frozen=True)
class OperatingRow:
    """A body's (or a unit's) operating figures; deviation is budget minus forecast, or minus
    the outcome in the annual report, computed from the printed columns: a row without a
    decided budget is read against a budget of zero. Negative is a deficit."""

    name: str
    budget: BudgetFigures | None  # None: no decided frame
    outcome: Decimal
    forecast: Decimal | None
    annual: bool
    current_only: bool = False  # a unit's detaljbudget line: no original or changes of its own
    without_forecast: bool = False  # the forecast printed is the budget ("ingen prognos")

    @property
    def current(self) -> Decimal | None:
        return self.budget.current if self.budget is not None else None

    @property
    def deviation(self) -> Decimal | None:
        """Current budget (zero without one) minus the outcome (annual) or the forecast; None
        for a row without a forecast of its own (a unit's, in a nämnd's report)."""
        if self.annual:
            return (self.current or ZERO) - self.outcome
        if self.forecast is None:
            return None
        return (self.current or ZERO) - self.forecast

    def cells(self) -> list[object]:
        budget = self.budget
        cells: list[object] = [
            self.name,
            None if budget is None or self.current_only else budget.original,
            None if budget is None or self.current_only else budget.changes,
            self.current,
            self.outcome,
        ]
        if not self.annual:
            cells.append(self.forecast)
        cells.append(self.deviation)
        return cells


def operating_columns(ctx: BuildContext, first: str) -> list[Col]:
    columns = [
        Col(first),
        Col(_("Original budget"), KR),
        Col(_("Budget changes"), KR),
        Col(_("Current budget"), KR),
        Col(reads.outcome_header(ctx), KR),
    ]
    if not reads.is_annual(ctx):
        columns.append(Col(_("Full-year forecast"), KR))
    columns.append(Col(_("Deviation"), KR))
    return columns


def _operating_total(ctx: BuildContext, rows: Sequence[OperatingRow]) -> list[object]:
    total: list[object] = [
        _("Total"),
        selectors.sum_present(
            r.budget.original if r.budget else None for r in rows if not r.current_only
        ),
        selectors.sum_present(
            r.budget.changes if r.budget else None for r in rows if not r.current_only
        ),
        selectors.sum_present(r.current for r in rows),
        sum((r.outcome for r in rows), ZERO),
    ]
    # The total's deviation is its own budget minus its own outcome or forecast, as printed
    # (each row's is computed the same way, so it is also the rows' deviations summed).
    current = total[3]
    if reads.is_annual(ctx):
        total.append((current or ZERO) - total[4])
    else:
        forecast = selectors.sum_present(r.forecast for r in rows)
        total.append(forecast)
        total.append(None if forecast is None else (current or ZERO) - forecast)
    return total


def _without_forecast_note(names: str) -> str:
    return _(
        "No forecast – budget: %(bodies)s (the current budget is counted as the forecast)."
    ) % {"bodies": names}


def _deviation_note(ctx: BuildContext) -> str:
    if reads.is_annual(ctx):
        return _(
            "Deviation = current budget − outcome for the year; a negative deviation is a "
            "deficit. Budget changes are additional appropriations and re-budgeting."
        )
    return _(
        "Deviation = current budget − full-year forecast; a negative deviation is a "
        "deficit. Budget changes are additional appropriations and re-budgeting."
    )


def _operating_accounts(ctx: BuildContext) -> selectors.OperatingAccounts:
    """The driftredovisning the economy overview shows (``selectors.operating_accounts``)."""
    return reads.cached(
        ctx,
        "operating_accounts",
        lambda: selectors.operating_accounts(
            ctx.period, with_forecasts=not reads.is_annual(ctx), with_previous=False
        ),
    )


def body_rows(ctx: BuildContext) -> list[tuple[Unit, OperatingRow]]:
    """Every body with any figure, kommun-wide, as the overview reads them."""
    annual = reads.is_annual(ctx)
    rows = []
    for line in _operating_accounts(ctx).rows:
        if not line.has_figures:
            continue
        row = OperatingRow(
            name=line.body.name,
            budget=line.budget,
            outcome=line.outcome,
            forecast=None if annual else line.counted_forecast,
            annual=annual,
            without_forecast=not annual and line.without_forecast,
        )
        rows.append((line.body, row))
    return rows


def reconciliation(ctx: BuildContext) -> statements.DriftReconciliation:
    return reads.cached(
        ctx,
        "drift_reconciliation",
        lambda: statements.drift_reconciliation(
            ctx.period,
            book=reads.ledger(ctx),
            income=reads.income(ctx),
            accounts=_operating_accounts(ctx),
        ),
    )


def _reconciliation_table(ctx: BuildContext) -> Table:
    """The driftredovisning's net cost against the RR's verksamhetens nettokostnader, with
    what is booked outside the nämnder between them (``statements.drift_reconciliation``,
    the one the economy overview and the kontroller read)."""
    check = reconciliation(ctx)
    return Table(
        key="drift-avstamning",
        title=_("Operating accounts against the income statement, %(period)s")
        % {"period": ctx.period},
        columns=[Col(_("Item")), Col(reads.outcome_header(ctx), KR)],
        rows=[[label, amount] for label, amount, _total in check.rows],
        sheet=_("Reconciliation"),
        note=_("Net costs, costs positive. The difference should be zero."),
        emphasised=frozenset(i for i, row in enumerate(check.rows) if row[2]),
    )


def operating(ctx: BuildContext) -> Section | None:
    if ctx.unit is not None:
        return _operating_for_body(ctx, ctx.unit)
    pairs = body_rows(ctx)
    if not pairs:
        return None
    rows = [row for _body, row in pairs]
    total = _operating_total(ctx, rows)
    sentences = [_operating_sentence(ctx, total)]
    deficits = [body for body, row in pairs if row.deviation is not None and row.deviation < 0]
    if deficits:
        sentences.append(
            (
                _("A deficit is reported by: %(bodies)s.")
                if reads.is_annual(ctx)
                else _("A deficit is forecast by: %(bodies)s.")
            )
            % {"bodies": _names(deficits)}
        )
    notes = [_deviation_note(ctx)]
    missing = [b for b, r in pairs if r.without_forecast]
    if missing:
        notes.append(_without_forecast_note(_names(missing)))
    unbudgeted = [b for b, r in pairs if r.budget is None]
    if unbudgeted:
        notes.append(
            _("Without a decided budget, the deviation is read against zero: %(bodies)s.")
            % {"bodies": _names(unbudgeted)}
        )
    forecasts = (
        {}
        if reads.is_annual(ctx)
        else {
            line.body.pk: line.forecast for line in _operating_accounts(ctx).rows if line.forecast
        }
    )
    comments = [
        (body.name, forecasts[body.pk].comment)
        for body, _row in pairs
        if body.pk in forecasts and forecasts[body.pk].comment.strip()
    ]
    table = Table(
        key="drift",
        title=_("Operating accounts per committee, %(period)s") % {"period": ctx.period},
        columns=operating_columns(ctx, _("Committee or company")),
        rows=[row.cells() for row in rows],
        total=total,
        sheet=_("Operations"),
        note=" ".join(notes),
    )
    return Section(
        key="economy-operating",
        title=_("Operating accounts"),
        template=TEMPLATE,
        tables=[table, _reconciliation_table(ctx)],
        intro=" ".join(sentences),
        data={
            "comments_title": _("The committees' comments on the forecast"),
            "comments": comments,
        },
    )


def _operating_sentence(ctx: BuildContext, total: Sequence[object]) -> str:
    current, outcome, deviation = total[3], total[4], total[-1]
    if reads.is_annual(ctx):
        return _(
            "The committees' net costs for the year were %(outcome)s against a current budget "
            "of %(budget)s: a deviation of %(deviation)s."
        ) % {
            "outcome": reads.tkr(outcome),
            "budget": reads.tkr(current),
            "deviation": reads.tkr(deviation),
        }
    return _(
        "The committees forecast net costs of %(forecast)s for the year against a current "
        "budget of %(budget)s: a deviation of %(deviation)s. The outcome so far is %(outcome)s."
    ) % {
        "forecast": reads.tkr(total[5]),
        "budget": reads.tkr(current),
        "deviation": reads.tkr(deviation),
        "outcome": reads.tkr(outcome),
    }


def _report_levels(body: Unit, units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """The units passed through on the way down (the body and a lone förvaltning) and the
    units reported one row each (its verksamheter)."""
    through, parent = [body], body
    while True:
        children = [u for u in units if u.parent_id == parent.pk]
        if len(children) == 1 and any(u.parent_id == children[0].pk for u in units):
            parent = children[0]
            through.append(parent)
            continue
        return through, children


def _operating_for_body(ctx: BuildContext, body: Unit) -> Section | None:
    """A nämnd's drift per verksamhet: the decided detaljbudget's lines and the outcome on
    each verksamhet's units, with the nämnd's frame, forecast and deviation in the total."""
    units = list(body.get_descendants(include_self=True))  # open or closed, in tree order
    lines = selectors.decided_detail_lines(body, ctx.year)
    outcome = selectors.operating_outcome_by_unit(ctx.year, ctx.through_month)
    frame = reads.operating_budgets(ctx).get(body.pk)
    forecast = None if reads.is_annual(ctx) else reads.forecasts(ctx).get(body.pk)
    annual = reads.is_annual(ctx)

    def row(name: str, figures: selectors.UnitOperating) -> OperatingRow:
        return OperatingRow(
            name=name,
            budget=BudgetFigures(original=figures.budget) if figures.budget is not None else None,
            outcome=figures.outcome,
            forecast=None,
            annual=annual,
            current_only=True,
        )

    # The overview's drill-down rows (selectors.unit_operating_rows), passing through the
    # body and a lone förvaltning down to the verksamheter.
    through, _reported = _report_levels(body, units)
    rows: list[OperatingRow] = []
    children: list[selectors.UnitOperating] = []
    for unit in through:
        direct, children = selectors.unit_operating_rows(
            unit, units, year=ctx.year, lines=lines, outcome=outcome
        )
        if direct is not None:
            rows.append(row(_("Booked directly on %(unit)s") % {"unit": unit.name}, direct))
    rows += [row(child.unit.name, child) for child in children]
    distributed = selectors.sum_present(r.current for r in rows)
    if frame is not None and frame.current != (distributed or ZERO):
        rows.append(
            OperatingRow(
                name=_("Not distributed on units in the detailed budget"),
                budget=BudgetFigures(original=frame.current - (distributed or ZERO)),
                outcome=ZERO,
                forecast=None,
                annual=annual,
                current_only=True,
            )
        )
    if not rows and frame is None and forecast is None:
        return None
    body_row = _body_operating_row(ctx, body, frame, sum((r.outcome for r in rows), ZERO))
    total = body_row.cells()
    total[0] = _("Total %(unit)s") % {"unit": body.name}
    note = (
        _deviation_note(ctx)
        + " "
        + _(
            "The units' budgets are the lines of the decided detailed budget; the forecast is "
            "made for the committee as a whole."
        )
    )
    if body_row.without_forecast:
        note += " " + _without_forecast_note(body.name)
    table = Table(
        key="drift",
        title=_("Operating accounts of %(unit)s, %(period)s")
        % {"unit": body.name, "period": ctx.period},
        columns=operating_columns(ctx, _("Unit")),
        rows=[r.cells() for r in rows],
        total=total,
        sheet=_("Operations"),
        note=note,
    )
    comments = [(body.name, forecast.comment)] if forecast and forecast.comment.strip() else []
    return Section(
        key="economy-operating",
        title=_("Operating accounts"),
        template=TEMPLATE,
        tables=[table],
        intro=_body_sentence(ctx, body_row),
        data={"comments_title": _("The committee's comment on the forecast"), "comments": comments},
    )


def _body_operating_row(
    ctx: BuildContext, body: Unit, frame: BudgetFigures | None, outcome: Decimal
) -> OperatingRow:
    """A nämnd's own line: its frame, outcome and forecast; without a forecast of the period
    its budget is counted as the forecast ("ingen prognos – budget"), as in the kommun's
    driftredovisning and the resultaträkning."""
    annual = reads.is_annual(ctx)
    forecast = None if annual else reads.forecasts(ctx).get(body.pk)
    counted = None
    if not annual:
        counted = forecast.amount if forecast else (frame.current if frame else ZERO)
    return OperatingRow(
        name=body.name,
        budget=frame,
        outcome=outcome,
        forecast=counted,
        annual=annual,
        without_forecast=not annual and forecast is None,
    )


def _body_sentence(ctx: BuildContext, row: OperatingRow) -> str:
    values = {
        "unit": row.name,
        "budget": reads.tkr(row.current),
        "outcome": reads.tkr(row.outcome),
        "forecast": reads.tkr(row.forecast),
        "deviation": reads.tkr(row.deviation),
    }
    if reads.is_annual(ctx):
        return (
            _(
                "%(unit)s had net costs of %(outcome)s for the year against a current budget of "
                "%(budget)s: a deviation of %(deviation)s."
            )
            % values
        )
    if row.without_forecast:
        return (
            _(
                "%(unit)s has no full-year forecast for the period yet. The outcome so far is "
                "%(outcome)s against a current budget of %(budget)s."
            )
            % values
        )
    return (
        _(
            "%(unit)s forecasts net costs of %(forecast)s for the year against a current budget "
            "of %(budget)s: a deviation of %(deviation)s. The outcome so far is %(outcome)s."
        )
        % values
    )


# --- Investeringsredovisning --------------------------------------------------------------


def _investments(ctx: BuildContext) -> selectors.InvestmentOverview:
    """The projects running in the year (the nämnd's only, in its report) with the outcome
    through the report's month and the latest forecasts made up to the report's period."""
    return selectors.investment_overview(ctx.year, period=ctx.period, body=ctx.unit)


def _investment_cells(ctx: BuildContext, name: str, item: ProjectRow | ProjectGroup) -> list:
    """The row as the selector computes it: a total is the sum of its rows' printed cells and
    its deviation the difference of its own columns."""
    decided = item.project.decided_total if isinstance(item, ProjectRow) else item.decided_total
    cells: list[object] = [name, decided, item.budget.current, item.outcome]
    if not reads.is_annual(ctx):
        cells.append(item.year_forecast)
    flag = ""
    if isinstance(item, ProjectRow):
        if item.over_decided_total:
            flag = _("Exceeds the decided total")
        elif item.without_forecast:
            flag = _("No forecast: the budget and the decided total")
    cells += [item.total_forecast, item.forecast_deviation, flag]
    return cells


def investments(ctx: BuildContext) -> Section | None:
    data = reads.cached(
        ctx, f"investments:{ctx.unit.pk if ctx.unit else ''}", lambda: _investments(ctx)
    )
    if not data.total.rows:
        return None
    columns = [
        Col(_("Project")),
        Col(_("Decided total cost"), KR),
        Col(_("Budget %(year)s") % {"year": ctx.year}, KR),
        Col(reads.outcome_header(ctx), KR),
    ]
    if not reads.is_annual(ctx):
        columns.append(Col(_("Forecast %(year)s") % {"year": ctx.year}, KR))
    columns += [
        Col(_("Forecast total cost"), KR),
        Col(_("Deviation from decided total"), KR),
        Col(_("Note")),
    ]
    rows: list[list[object]] = []
    emphasised: set[int] = set()
    for group in data.groups:
        for row in group.rows:
            rows.append(_investment_cells(ctx, f"{row.project.code} {row.project.name}", row))
        if len(data.groups) > 1:
            emphasised.add(len(rows))
            rows.append(
                _investment_cells(ctx, _("Total %(unit)s") % {"unit": group.body.name}, group)
            )
    over = [r for r in data.total.rows if r.over_decided_total]
    sentences = [
        _(
            "%(count)s investment projects run in %(year)s with a budget of %(budget)s for the "
            "year; %(outcome)s has been spent so far."
        )
        % {
            "count": len(data.total.rows),
            "year": ctx.year,
            "budget": reads.tkr(data.total.budget.current),
            "outcome": reads.tkr(data.total.outcome),
        }
    ]
    if over:
        sentences.append(
            _("The forecast total cost exceeds the decided total cost for: %(projects)s.")
            % {"projects": ", ".join(f"{r.project.code} {r.project.name}" for r in over)}
        )
    elif any(r.forecast_total is not None for r in data.total.rows):
        sentences.append(_("No project is forecast to exceed its decided total cost."))
    note = _(
        "Deviation = decided total cost − forecast total cost; negative: the project is "
        "forecast to cost more than decided."
    )
    if data.total.without_forecast:
        note += " " + _(
            "A project without a forecast counts with its budget for the year and its decided "
            "total cost."
        )
    if data.forecast_period is not None and data.forecast_period.pk != ctx.period.pk:
        note += " " + _("The forecasts are those of %(period)s.") % {"period": data.forecast_period}
    table = Table(
        key="investeringar",
        title=_("Investment accounts per project, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=rows,
        total=[*_investment_cells(ctx, _("Total"), data.total)[:-1], ""],
        sheet=_("Investments"),
        note=note,
        emphasised=frozenset(emphasised),
    )
    accumulated, analysis = _accumulated_tables(ctx, data)
    tables = [table, accumulated]
    if analysis is not None:
        tables.append(analysis)
    return Section(
        key="economy-investments",
        title=_("Investment accounts"),
        template=TEMPLATE,
        tables=tables,
        intro=" ".join(sentences),
    )


def _accumulated_tables(
    ctx: BuildContext, data: selectors.InvestmentOverview
) -> tuple[Table, Table | None]:
    """Each project's outcome over every year through the report's month against its decided
    and forecast total cost (``finance.investment_accumulated``: one grouped query), and the
    analysis of the projects over their decided total with the forecast's comment."""
    booked = reads.cached(
        ctx,
        "investments:accumulated",
        lambda: finance.investment_accumulated(ctx.year, ctx.through_month),
    )
    rows: list[list[object]] = []
    over: list[tuple[ProjectRow, Decimal]] = []
    comments = reads.cached(
        ctx,
        "investments:comments",
        lambda: (
            {
                f.project_id: f.comment
                for f in selectors.investment_forecasts(data.forecast_period.pk).values()
            }
            if data.forecast_period is not None
            else {}
        ),
    )
    for row in data.total.rows:
        accumulated = booked.get(row.project.code, ZERO)
        expected = row.total_forecast
        highest = max(accumulated, expected) if expected is not None else accumulated
        overrun = highest - row.project.decided_total
        rows.append(
            [
                f"{row.project.code} {row.project.name}",
                row.project.decided_total,
                accumulated,
                expected,
                overrun if overrun > 0 else ZERO,
            ]
        )
        if overrun > 0:
            over.append((row, overrun))
    accumulated_table = Table(
        key="investeringar-ackumulerat",
        title=_("Investment projects' accumulated outcome, %(period)s") % {"period": ctx.period},
        columns=[
            Col(_("Project")),
            Col(_("Decided total cost"), KR),
            Col(_("Accumulated outcome"), KR),
            Col(_("Forecast total cost"), KR),
            Col(_("Overrun"), KR),
        ],
        rows=rows,
        total=[
            _("Total"),
            sum((r[1] for r in rows), ZERO),
            sum((r[2] for r in rows), ZERO),
            data.total.total_forecast,
            sum((r[4] for r in rows), ZERO),
        ],
        sheet=_("Investments accumulated"),
        note=_(
            "Accumulated outcome: every year's booking on the project through the report's "
            "month. Overrun: the forecast total cost, or the accumulated outcome where it is "
            "higher, above the decided total cost."
        ),
    )
    if not over:
        return accumulated_table, None
    analysis = Table(
        key="investeringar-overskridanden",
        title=_("Analysis of overruns, %(period)s") % {"period": ctx.period},
        columns=[Col(_("Project")), Col(_("Overrun"), KR), Col(_("Explanation"))],
        rows=[
            [
                f"{row.project.code} {row.project.name}",
                amount,
                (comments.get(row.project.pk) or "").strip() or _("explanation missing"),
            ]
            for row, amount in over
        ],
        sheet=_("Overruns"),
    )
    return accumulated_table, analysis


# --- Resultaträkning, balansräkning, kassaflödesanalys ----------------------------------------


def _note_references(ctx: BuildContext) -> dict[str, int]:
    """{statement line key: note number} of the report's notes; empty: no "Not" column."""
    # Imported here: the notes' module reads this one's shared ledger and statements.
    from apps.reports.sections import notes

    return reads.cached(ctx, "note_references", lambda: notes.references(ctx))


def _with_note_column(
    columns: list[Col], rows: list[list[object]], keys: Sequence[str], refs: dict[str, int]
) -> tuple[list[Col], list[list[object]]]:
    """The "Not" column, last so that the amounts keep their columns in the PDF and the
    workbook, with the note number of the lines that have one (a number in both, so the
    PDF and the workbook print the same); left out when the report has no notes."""
    if not refs:
        return columns, rows
    columns = [*columns, Col(pgettext("statement column", "Note"), ColumnKind.NUMBER, 0)]
    rows = [[*row, refs.get(key)] for row, key in zip(rows, keys, strict=True)]
    return columns, rows


def income_statement(ctx: BuildContext) -> Section | None:
    if not ctx.is_kommun:
        return None
    statement = reads.income(ctx)
    annual = reads.is_annual(ctx)
    columns = [
        Col(_("Line")),
        Col(reads.outcome_header(ctx), KR),
        Col(_("Budget %(year)s") % {"year": ctx.year}, KR),
    ]
    if not annual:
        columns.append(Col(_("Full-year forecast"), KR))
    columns.append(Col(reads.outcome_header(ctx, ctx.year - 1), KR))
    rows = []
    for row in statement.rows:
        cells: list[object] = [row.label, row.outcome, row.budget]
        if not annual:
            cells.append(row.forecast)
        cells.append(row.previous)
        rows.append(cells)
    intro = []
    if not statement.has_outcome:
        intro.append(
            _("No outcome has been imported for %(months)s.")
            % {"months": keyfigures.months_label(ctx.year, ctx.through_month)}
        )
    by_finance = not annual and statement.by_finance_forecast
    notes = [
        _("Revenue is shown positive and costs negative."),
        _(
            "The committees' frames are decided as net costs, depreciation included: the budget "
            "of the net operating costs is the sum of the current frames, and operating revenue "
            "and costs have no budget of their own. The forecast adds the committees' forecast "
            "deviations to the net operating costs; the other lines keep their budget."
        )
        if not by_finance
        else _(
            "The committees' frames are decided as net costs, depreciation included: the budget "
            "of the net operating costs is the sum of the current frames, and operating revenue "
            "and costs have no budget of their own. The forecast adds the committees' forecast "
            "deviations and the financial administration's deviation for pensions and other "
            "central items to the net operating costs; tax revenue, general grants and the "
            "financial items are the financial administration's forecast."
        ),
    ]
    if statement.unmapped:
        notes.append(
            _("Accounts with outcome that belong to no line of the income statement: %(accounts)s.")
            % {"accounts": ", ".join(a for a, _s in statement.unmapped)}
        )
    result = statement.row(statements.RESULT)
    if result is not None and result.outcome is not None:
        intro.append(
            _("The result for %(months)s is %(result)s.")
            % {
                "months": keyfigures.months_label(ctx.year, ctx.through_month),
                "result": reads.tkr(result.outcome),
            }
        )
    columns, rows = _with_note_column(
        columns, rows, [r.key for r in statement.rows], _note_references(ctx)
    )
    table = Table(
        key="resultatrakning",
        title=_("Income statement, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=rows,
        sheet=_("Income statement"),
        note=" ".join(notes),
        emphasised=frozenset(i for i, r in enumerate(statement.rows) if r.is_subtotal),
    )
    return Section(
        key="economy-income-statement",
        title=_("Income statement"),
        template=TEMPLATE,
        tables=[table],
        intro=" ".join(intro),
    )


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def balance_sheet(ctx: BuildContext) -> Section | None:
    if not ctx.is_kommun:
        return None
    sheet = reads.balance(ctx)
    # The difference row is printed whenever a column does not balance: never silently.
    rows = [r for r in sheet.rows if r.kind != "check" or not sheet.balances]
    columns = [
        Col(_("Line")),
        Col(_("Balance %(date)s") % {"date": format_date(ctx.period.ends_on)}, KR),
        Col(_("Opening balance %(year)s") % {"year": ctx.year}, KR),
        Col(_("Balance %(date)s") % {"date": format_date(_year_earlier(ctx.period.ends_on))}, KR),
    ]
    intro = ""
    if not sheet.has_outcome:
        intro = _("No balances have been imported for %(year)s.") % {"year": ctx.year}
    elif not sheet.balances:
        intro = _(
            "The balance sheet does not balance: assets minus equity, provisions and "
            "liabilities is %(difference)s at the end of the period (the difference row shows "
            "every column). An account outside the chart or an unbalanced import."
        ) % {"difference": reads.tkr(sheet.difference)}
    note = _("Equity includes the result for the period.")
    if sheet.unmapped:
        note += " " + _("Balance accounts that belong to no line: %(accounts)s.") % {
            "accounts": ", ".join(a for a, _s in sheet.unmapped)
        }
    columns, cells = _with_note_column(
        columns,
        [[r.label, r.closing, r.opening, r.previous] for r in rows],
        [r.key for r in rows],
        _note_references(ctx),
    )
    table = Table(
        key="balansrakning",
        title=_("Balance sheet, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=cells,
        sheet=_("Balance sheet"),
        note=note,
        emphasised=frozenset(i for i, r in enumerate(rows) if r.kind != "line"),
    )
    return Section(
        key="economy-balance-sheet",
        title=_("Balance sheet"),
        template=TEMPLATE,
        tables=[table],
        intro=intro,
    )


def cash_flow_figures(ctx: BuildContext) -> statements.CashFlow:
    return statements.cash_flow(
        ctx.year,
        ctx.through_month,
        income=reads.income(ctx),
        sheet=reads.balance(ctx),
        book=reads.ledger(ctx),
    )


def cash_flow(ctx: BuildContext) -> Section | None:
    if not ctx.is_kommun or not reads.is_annual(ctx):
        return None
    flow = cash_flow_figures(ctx)
    rows: list[list[object]] = [[line.label, line.amount] for line in flow.lines]
    emphasised = {i for i, line in enumerate(flow.lines) if line.is_subtotal}
    emphasised.add(len(rows))
    rows.append([_("Cash flow for the year"), flow.cash_flow])
    if flow.unreconciled:
        rows.append([_("Unreconciled difference"), flow.unreconciled])
    rows.append([_("Cash and bank at the start of the year"), flow.opening_cash])
    emphasised.add(len(rows))
    rows.append([_("Cash and bank at the end of the year"), flow.closing_cash])
    note = _(
        "Indirect method: the result for the year adjusted for items that are not "
        "payments, the changes in the balance sheet's lines from the opening to the closing "
        "balance, and the net investments booked on the investment projects."
    )
    intro = _("The cash flow for the year is %(flow)s; cash and bank changed by %(change)s.") % {
        "flow": reads.tkr(flow.cash_flow),
        "change": reads.tkr(flow.closing_cash - flow.opening_cash),
    }
    if flow.unreconciled:
        intro += " " + _(
            "The cash flow does not reconcile with the change in cash and bank: the difference "
            "of %(difference)s is shown on a line of its own."
        ) % {"difference": reads.tkr(flow.unreconciled)}
    table = Table(
        key="kassaflode",
        title=_("Cash flow statement %(year)s") % {"year": ctx.year},
        columns=[Col(_("Line")), Col(_("Amount %(year)s") % {"year": ctx.year}, KR)],
        rows=rows,
        sheet=_("Cash flow"),
        note=note,
        emphasised=frozenset(emphasised),
    )
    return Section(
        key="economy-cash-flow",
        title=_("Cash flow statement"),
        template=TEMPLATE,
        tables=[table],
        intro=intro,
    )


# --- Helårsprognos och balanskravsresultat, god ekonomisk hushållning --------------------


def forecast_and_balance_requirement(ctx: BuildContext) -> Section | None:
    if not ctx.is_kommun:
        return None
    figures = reads.key_figures(ctx)
    annual = reads.is_annual(ctx)
    outcome, forecast = figures.balance_outcome, figures.balance_forecast
    columns = [Col(_("Line")), Col(reads.outcome_header(ctx), KR)]
    if not annual:
        columns.append(Col(_("Full-year forecast"), KR))

    def line(label: str, now: Decimal | None, later: Decimal | None) -> list[object]:
        return [label, now] if annual else [label, now, later]

    rows = [
        line(_("Result for the year"), outcome.result, forecast.result),
        line(_("Less realisation gains"), -outcome.realisation_gains, -forecast.realisation_gains),
    ]
    for adjustment in outcome.adjustments:
        label = f"{adjustment.get_kind_display()}: {adjustment.description}"
        rows.append(line(label, adjustment.signed_amount, adjustment.signed_amount))
    rows.append(line(_("Balance requirement result"), outcome.value, forecast.value))
    sentences = []
    budget = figures.income.amount(statements.RESULT, "budget")
    if not annual:
        sentences.append(
            _(
                "The full-year forecast of the result for the year is %(forecast)s against a "
                "budgeted result of %(budget)s."
            )
            % {"forecast": reads.tkr(forecast.result), "budget": reads.tkr(budget)}
        )
    judged = outcome.value if annual else forecast.value
    if judged is None:
        sentences.append(_("The balance requirement result cannot be computed yet."))
    elif annual:
        sentences.append(
            (
                _(
                    "The balance requirement is met for %(year)s: the balance requirement "
                    "result is %(value)s."
                )
                if judged >= 0
                else _(
                    "The balance requirement is not met for %(year)s: the balance requirement "
                    "result is %(value)s and must be restored within three years."
                )
            )
            % {"year": ctx.year, "value": reads.tkr(judged)}
        )
    else:
        sentences.append(
            (
                _(
                    "With the forecast the balance requirement is met: the balance requirement "
                    "result is %(value)s."
                )
                if judged >= 0
                else _(
                    "With the forecast the balance requirement is not met: the balance requirement "
                    "result is %(value)s."
                )
            )
            % {"value": reads.tkr(judged)}
        )
    note = (
        ""
        if annual
        else _(
            "The forecast deducts the realisation gains booked so far and the adjustments entered "
            "for the year."
        )
    )
    table = Table(
        key="balanskrav",
        title=_("Balance requirement, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=rows,
        sheet=_("Balance requirement"),
        note=note,
        emphasised=frozenset({0, len(rows) - 1}),
    )
    return Section(
        key="economy-balance-requirement",
        title=_("Full-year forecast and balance requirement")
        if not annual
        else _("Balance requirement result"),
        template=TEMPLATE,
        tables=[table],
        intro=" ".join(sentences),
    )


KRONOR_FIGURES = {keyfigures.KRONOR}


def good_financial_management(ctx: BuildContext) -> Section | None:
    if not ctx.is_kommun:
        return None
    figures = reads.key_figures(ctx)
    annual = reads.is_annual(ctx)
    columns = [
        Col(_("Key figure")),
        Col(_("Unit")),
        Col(reads.outcome_header(ctx), ColumnKind.NUMBER),
    ]
    if not annual:
        columns.append(Col(_("Full-year forecast"), ColumnKind.NUMBER))
    rows: list[list[object]] = []
    missing: list[str] = []
    for figure in figures.figures.values():
        if figure.unit in KRONOR_FIGURES:
            continue  # in kronor: the balance requirement's table shows them
        row: list[object] = [str(figure.label), figure.unit_label, figure.outcome]
        if not annual:
            row.append(figure.forecast)
        rows.append(row)
        forecast_missing = "" if annual or figure.is_balance else figure.forecast_missing
        for reason in (figure.outcome_missing, forecast_missing):
            if reason and reason not in missing:
                missing.append(reason)
    figure_table = Table(
        key="nyckeltal",
        title=_("Key figures for good financial management, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=rows,
        sheet=_("Key figures"),
        note=" ".join(
            [
                _(
                    "The result for the year and the balance requirement result are "
                    "shown under the balance requirement."
                ),
                _(
                    "Equity ratio, debt ratio and long-term debt per inhabitant are read "
                    "from the balance sheet at the end of the period; the equity ratio "
                    "excludes the contingent liability for pensions, which is not yet "
                    "reported."
                ),
                *missing,
            ]
        ),
    )
    goals = keyfigures.financial_goal_statuses(figures)
    tables = [figure_table]
    sentences = []
    if goals:
        tables.append(
            Table(
                key="finansiella-mal",
                title=_("Financial goals, %(period)s") % {"period": ctx.period},
                columns=[
                    Col(_("Goal")),
                    Col(_("Key figure")),
                    Col(_("Target")),
                    Col(_("Value")),
                    Col(_("Status")),
                ],
                rows=[
                    [
                        g.goal.title,
                        str(g.figure.label),
                        g.threshold_text,
                        g.value_text,
                        str(g.status_label),
                    ]
                    for g in goals
                ],
                note=" ".join(
                    (
                        _("Judged on the outcome for the year.")
                        if figures.is_year_end
                        else _("Judged on the full-year forecast."),
                        _(
                            "A goal on a balance sheet figure is judged on the balance at the "
                            "end of the period. The status is computed from the key figure, "
                            "as in the goal chapter."
                        ),
                    )
                ),
            )
        )
        met = sum(1 for g in goals if g.status == "met")
        sentences.append(
            _("%(met)s of %(count)s financial goals are met.") % {"met": met, "count": len(goals)}
        )
    share = figures.figures.get("result_share")
    if share is not None:
        value = share.outcome if annual else share.forecast
        if value is not None:
            sentences.append(
                (
                    _("The result is %(share)s of tax revenue and general grants.")
                    if annual
                    else _(
                        "In the full-year forecast the result is %(share)s of tax revenue and "
                        "general grants."
                    )
                )
                % {"share": format_percent(value)}
            )
    return Section(
        key="economy-good-financial-management",
        title=_("Good financial management"),
        template=TEMPLATE,
        tables=tables,
        intro=" ".join(sentences),
    )


# --- The summary's economy in figures ----------------------------------------------------


def economy_in_brief(ctx: BuildContext) -> Section | None:
    if ctx.unit is not None:
        return _body_in_brief(ctx, ctx.unit)
    figures = reads.key_figures(ctx)
    income = figures.income
    annual = reads.is_annual(ctx)
    # The nämnder's deviation is the driftredovisning's total deviation, as it prints it
    operating_rows = [row for _body, row in body_rows(ctx)]
    deviation = _operating_total(ctx, operating_rows)[-1] if operating_rows else None
    investment_budget = selectors.sum_present(
        b.current for b in selectors.investment_budgets(ctx.year).values()
    )
    columns = [
        Col(_("Item")),
        Col(_("Budget %(year)s") % {"year": ctx.year}, KR),
        Col(reads.outcome_header(ctx), KR),
    ]
    if not annual:
        columns.append(Col(_("Full-year forecast"), KR))

    def line(label: str, budget, now, later) -> list[object]:
        return [label, budget, now] if annual else [label, budget, now, later]

    result = income.row(statements.RESULT)
    rows = [
        line(
            _("Result for the year"),
            result.budget if result else None,
            figures.balance_outcome.result,
            figures.balance_forecast.result,
        ),
        line(
            _("Balance requirement result"),
            None,
            figures.balance_outcome.value,
            figures.balance_forecast.value,
        ),
        line(_("Committees' budget deviation"), None, None, deviation),
        line(
            _("Net investments"),
            investment_budget,
            figures.net_investments,
            figures.net_investments_forecast,
        ),
    ]
    if annual:
        rows[2] = line(_("Committees' budget deviation"), None, deviation, None)
    sentences = []
    judged = figures.balance_outcome.value if annual else figures.balance_forecast.value
    result_value = figures.balance_outcome.result if annual else figures.balance_forecast.result
    if result_value is not None:
        sentences.append(
            (
                _("The result for the year is %(result)s.")
                if annual
                else _("The result for the year is forecast at %(result)s.")
            )
            % {"result": reads.tkr(result_value)}
        )
    share = figures.figures["result_share"]
    share_value = share.outcome if annual else share.forecast
    if share_value is not None:
        sentences.append(
            _("That is %(share)s of tax revenue and general grants.")
            % {"share": format_percent(share_value)}
        )
    if judged is not None:
        sentences.append(
            _("The balance requirement is met.")
            if judged >= 0
            else _("The balance requirement is not met.")
        )
    if deviation is not None and not annual:
        sentences.append(
            _(
                "The committees together forecast a deviation of %(deviation)s against their "
                "budgets."
            )
            % {"deviation": reads.tkr(deviation)}
        )
    table = Table(
        key="ekonomi-i-siffror",
        title=_("The economy in figures, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=rows,
        note=_("Deviation = budget − forecast; negative is a deficit."),
    )
    return Section(
        key="economy-in-brief",
        title=_("The economy in figures"),
        template=TEMPLATE,
        tables=[table],
        intro=" ".join(sentences),
    )


def _body_in_brief(ctx: BuildContext, body: Unit) -> Section | None:
    frame = reads.operating_budgets(ctx).get(body.pk)
    annual = reads.is_annual(ctx)
    outcome = selectors.operating_outcome(ctx.year, ctx.through_month).get(body.pk, ZERO)
    row = _body_operating_row(ctx, body, frame, outcome)
    if frame is None and not outcome and (annual or row.without_forecast):
        return None
    columns = [
        Col(_("Committee or company")),
        Col(_("Current budget"), KR),
        Col(reads.outcome_header(ctx), KR),
    ]
    cells = [row.name, row.current, row.outcome]
    if not annual:
        columns.append(Col(_("Full-year forecast"), KR))
        cells.append(row.forecast)
    columns.append(Col(_("Deviation"), KR))
    cells.append(row.deviation)
    table = Table(
        key="ekonomi-i-siffror",
        title=_("The economy in figures, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=[cells],
        note=_("Deviation = budget − forecast; negative is a deficit."),
    )
    return Section(
        key="economy-in-brief",
        title=_("The economy in figures"),
        template=TEMPLATE,
        tables=[table],
        intro=_body_sentence(ctx, row),
    )


# --- The årsredovisning's förvaltningsberättelse: förväntad utveckling -----------------------


def budget_plan(year: int) -> tuple[list[Unit], list[int], dict[tuple[int, int], Decimal]]:
    """Each body's operating budget for ``year`` and its two plan years as ``year``'s budget
    decided them: the bodies, the years and {(body id, year): current amount}. Four queries."""
    years = [year, year + 1, year + 2]
    figures = [selectors.operating_budgets(y, budget_of=year) for y in years]
    amounts = {
        (pk, y): budget.current
        for y, found in zip(years, figures, strict=True)
        for pk, budget in found.items()
    }
    bodies = [b for b in selectors.bodies(year=year) if any((b.pk, y) in amounts for y in years)]
    return bodies, years, amounts


def expected_development(ctx: BuildContext) -> Section | None:
    if not ctx.is_kommun or not reads.is_annual(ctx):
        return None
    bodies, years, amounts = budget_plan(ctx.year + 1)
    assumptions = list(BudgetYear.objects.filter(year__in=[ctx.year, *years]).order_by("year"))
    upcoming = [a for a in assumptions if a.year > ctx.year]
    if not bodies and not upcoming:
        return None
    tables = []
    if bodies:
        headers = [_("Budget %(year)s") % {"year": years[0]}] + [
            _("Plan %(year)s") % {"year": y} for y in years[1:]
        ]
        tables.append(
            Table(
                key="budget-med-plan",
                title=_("Operating budget with plan %(first)s–%(last)s")
                % {"first": years[0], "last": years[-1]},
                columns=[Col(_("Committee or company"))] + [Col(h, KR) for h in headers],
                rows=[[b.name, *(amounts.get((b.pk, y)) for y in years)] for b in bodies],
                total=[
                    _("Total"),
                    *(selectors.sum_present(amounts.get((b.pk, y)) for b in bodies) for y in years),
                ],
                sheet=_("Budget with plan"),
            )
        )
    if upcoming:
        tables.append(
            Table(
                key="planeringsforutsattningar",
                title=_("Planning assumptions"),
                columns=[
                    Col(_("Year")),
                    Col(_("Tax revenue"), KR),
                    Col(_("General grants and equalisation"), KR),
                    Col(_("Tax rate"), ColumnKind.PERCENT, 2),
                    Col(_("Population"), ColumnKind.NUMBER, 0),
                ],
                rows=[
                    [str(a.year), a.tax_revenue, a.general_grants, a.tax_rate, a.population]
                    for a in assumptions
                ],
                note=" ".join(
                    f"{a.year}: {a.forecast_source}." for a in upcoming if a.forecast_source
                ),
            )
        )
    sentences = []
    this = next((a for a in assumptions if a.year == ctx.year), None)
    following = upcoming[0] if upcoming else None
    if this and following:
        now = selectors.sum_present([this.tax_revenue, this.general_grants])
        then = selectors.sum_present([following.tax_revenue, following.general_grants])
        if now and then is not None:
            sentences.append(
                _(
                    "Tax revenue and general grants are expected to grow by %(growth)s from "
                    "%(year)s to %(next)s."
                )
                % {
                    "growth": format_percent((then / now - 1) * 100),
                    "year": this.year,
                    "next": following.year,
                }
            )
        if this.population and following.population:
            sentences.append(
                _("The population is expected to be %(population)s in %(year)s.")
                % {"population": format_number(following.population), "year": following.year}
            )
    if bodies:
        total = selectors.sum_present(amounts.get((b.pk, years[0])) for b in bodies)
        sentences.append(
            _("The committees' frames for %(year)s total %(total)s.")
            % {"year": years[0], "total": reads.tkr(total)}
        )
    return Section(
        key="economy-expected-development",
        title=_("Expected development"),
        template=TEMPLATE,
        tables=tables,
        intro=" ".join(sentences),
    )
