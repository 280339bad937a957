"""Finansförvaltning, balanskravsutredning, flerårsöversikt and känslighetsanalys in the
reports. Every figure comes from one selector of ``apps.economy.finance`` that the pages call
too; the ledger and the resultaträkning are the report's shared ones (``reads.income``)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from apps.economy import finance, statements
from apps.reports.content import BuildContext, Col, ColumnKind, Section, Table
from apps.reports.sections import reads
from apps.reports.sections.economy import TEMPLATE, reconciliation

KR = ColumnKind.KR
PERCENT = ColumnKind.PERCENT
NUMBER = ColumnKind.NUMBER


# --- Flerårsöversikt ------------------------------------------------------------------------


def multi_year_overview(ctx: BuildContext) -> Section | None:
    """Five years: result, soliditet, nettoinvesteringar, låneskuld per invånare, skattesats,
    invånare."""
    if not ctx.is_kommun:
        return None
    years = finance.multi_year_overview(
        ctx.period, book=reads.ledger(ctx), income=reads.income(ctx), sheet=reads.balance(ctx)
    )
    if not any(y.source for y in years):
        return None
    with_pensions = any(y.equity_ratio_with_pensions is not None for y in years)
    columns = [
        Col(_("Year")),
        Col(_("Result for the year"), KR),
        Col(_("Equity ratio"), PERCENT),
    ]
    if with_pensions:
        columns.append(Col(_("Equity ratio incl. all pension obligations"), PERCENT))
    columns += [
        Col(_("Net investments"), KR),
        Col(_("Loan debt per inhabitant, kr"), NUMBER, 0),
        Col(_("Tax rate, kr"), NUMBER, 2),
        Col(_("Inhabitants"), NUMBER, 0),
    ]
    rows = []
    for y in years:
        cells: list[object] = [str(y.year), y.result, y.equity_ratio]
        if with_pensions:
            cells.append(y.equity_ratio_with_pensions)
        cells += [y.net_investments, y.loan_debt_per_inhabitant, y.tax_rate, y.population]
        rows.append(cells)
    note = _(
        "Years with the ledger in the application are computed from it; earlier years are "
        "the figures of their annual reports."
    )
    if not reads.is_annual(ctx):
        note += " " + _("%(year)s: January to the end of the period.") % {"year": ctx.year}
    table = Table(
        key="flerarsoversikt",
        title=_("Multi-year overview %(first)s–%(last)s")
        % {"first": years[0].year, "last": years[-1].year},
        columns=columns,
        rows=rows,
        sheet=_("Multi-year overview"),
        note=note,
    )
    return Section(
        key="finance-multi-year",
        title=_("Multi-year overview"),
        template=TEMPLATE,
        tables=[table],
    )


# --- Finansförvaltning och prognos --------------------------------------------------------------


def _forecast_table(ctx: BuildContext, result: finance.ForecastResult) -> Table:
    rows: list[list[object]] = [[_("Budgeted result"), None, None, result.budgeted_result]]
    for item in result.items:
        rows.append([item.label, item.budget, item.forecast, item.deviation])
    rows.append([_("Forecast result"), None, None, result.total])
    return Table(
        key="finans-prognos",
        title=_("From the budgeted result to the forecast result, %(period)s")
        % {"period": ctx.period},
        columns=[
            Col(_("Item")),
            Col(_("Budget %(year)s") % {"year": ctx.year}, KR),
            Col(_("Full-year forecast"), KR),
            Col(_("Effect on the result"), KR),
        ],
        rows=rows,
        sheet=_("Finance forecast"),
        note=_(
            "The committees' line: their frames and counted full-year forecast as net costs. "
            "Effect on the result: negative when the forecast is worse than the budget."
        ),
        emphasised=frozenset({0, len(rows) - 1}),
    )


def _result_reconciliation(ctx: BuildContext) -> Table:
    """From the driftredovisning's net cost to the resultaträkning's result for the year."""
    check = reconciliation(ctx)
    income = reads.income(ctx)
    rows: list[list[object]] = [
        [_("Net costs of the committees and companies (operating accounts)"),
         -check.operating_accounts],
        [_("Booked outside the committees (financial administration, not distributed)"),
         -check.not_distributed],
    ]  # fmt: skip
    if check.difference:
        rows.append([_("Difference to look into"), -check.difference])
    rows.append([_("Net operating costs in the income statement"), -check.net_operating_cost])
    emphasised = {len(rows) - 1}
    for key in (*statements.TAX_LINES, *statements.FINANCIAL_LINES):
        row = income.row(key)
        if row is not None:
            rows.append([row.label, row.outcome])
    emphasised.add(len(rows))
    rows.append([_("Result for the year"), income.amount(statements.RESULT, "outcome")])
    return Table(
        key="finans-avstamning",
        title=_("From the operating accounts to the result, %(period)s") % {"period": ctx.period},
        columns=[Col(_("Item")), Col(reads.outcome_header(ctx), KR)],
        rows=rows,
        sheet=_("Operations to result"),
        note=_("Revenue positive, costs negative, as in the income statement."),
        emphasised=frozenset(emphasised),
    )


def finance_forecast(ctx: BuildContext) -> Section | None:
    """The full-year forecast of skatteintäkter, generella statsbidrag, pensions and finance,
    and the reconciliation from the driftredovisning to the resultaträkning."""
    if not ctx.is_kommun:
        return None
    tables = []
    intro = ""
    if not reads.is_annual(ctx):
        result = reads.cached(
            ctx,
            "finance:forecast",
            lambda: finance.forecast_result(ctx.period, basis=reads.income(ctx).basis),
        )
        tables.append(_forecast_table(ctx, result))
        intro = _(
            "The forecast result for %(year)s is %(total)s against a budgeted result of %(budget)s."
        ) % {
            "year": ctx.year,
            "total": reads.tkr(result.total),
            "budget": reads.tkr(result.budgeted_result),
        }
        if result.finance is not None and result.finance.source:
            intro += " " + _("Tax revenue and grants follow %(source)s.") % {
                "source": result.finance.source
            }
        elif result.finance is None:
            intro += " " + _(
                "No finance forecast was made in the period: tax revenue, grants and the "
                "financial items are forecast as budgeted."
            )
    tables.append(_result_reconciliation(ctx))
    return Section(
        key="finance-forecast",
        title=_("Financial administration")
        if reads.is_annual(ctx)
        else _("Financial administration and forecast"),
        template=TEMPLATE,
        tables=tables,
        intro=intro,
    )


# --- Balanskravsutredning -----------------------------------------------------------------------


def _statements(
    ctx: BuildContext,
) -> tuple[finance.BalanceRequirementStatement, finance.BalanceRequirementStatement]:
    """(on the outcome, on the forecast), read once per report from its ledger and RR."""
    return reads.cached(
        ctx,
        "finance:balance",
        lambda: finance.balance_requirement_statements(
            ctx.period, income=reads.income(ctx), book=reads.ledger(ctx)
        ),
    )


def balance_requirement(ctx: BuildContext) -> Section | None:
    """The balanskravsutredning in full: the steps to balanskravsresultat, the RUR and the
    restoration of the three previous years' deficits."""
    if not ctx.is_kommun:
        return None
    annual = reads.is_annual(ctx)
    outcome, forecast = _statements(ctx)
    if annual:
        forecast = None
    columns = [Col(_("Line")), Col(reads.outcome_header(ctx), KR)]
    if forecast is not None:
        columns.append(Col(_("Full-year forecast"), KR))
    rows = []
    for i, step in enumerate(outcome.steps):
        cells: list[object] = [step.label, step.amount]
        if forecast is not None:
            cells.append(forecast.steps[i].amount)
        rows.append(cells)
    steps = Table(
        key="balanskravsutredning",
        title=_("Balance requirement, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=rows,
        sheet=_("Balance requirement"),
        emphasised=frozenset(i for i, s in enumerate(outcome.steps) if s.is_total),
    )
    judged = outcome if annual else forecast
    rur = Table(
        key="resultatutjamningsreserv",
        title=_("Result equalisation reserve (RUR) %(year)s") % {"year": ctx.year},
        columns=[Col(_("Line")), Col(_("Amount"), KR)],
        rows=[
            [_("RUR at the start of the year"), judged.rur_opening],
            [_("Reservation to the RUR"), judged.rur_reservation],
            [_("Use of the RUR"), -judged.rur_use],
            [_("RUR at the end of the year"), judged.rur_closing],
        ],
        sheet=_("RUR"),
        emphasised=frozenset({3}),
    )
    tables = [steps, rur]
    if judged.restorations:
        tables.append(
            Table(
                key="balanskrav-aterstallande",
                title=_("Negative balance requirement results to restore"),
                columns=[
                    Col(_("Year")),
                    Col(_("Deficit"), KR),
                    Col(_("Restored since"), KR),
                    Col(_("Left to restore"), KR),
                    Col(_("To be restored by")),
                ],
                rows=[
                    [str(r.year), r.deficit, r.restored, r.remaining, str(r.restore_by)]
                    for r in judged.restorations
                ],
                sheet=_("Restoration"),
                note=_(
                    "A negative balance requirement result must be restored within the three "
                    "following years (LKBR 11 ch. 12 §); later positive results restore the "
                    "oldest deficit first."
                ),
            )
        )
    value = judged.result
    if value is None:
        sentence = _("The balance requirement result cannot be computed yet.")
    elif value >= 0:
        sentence = _("The balance requirement result is %(value)s: the requirement is met.") % {
            "value": reads.tkr(value)
        }
    else:
        sentence = _(
            "The balance requirement result is %(value)s: the requirement is not met and the "
            "deficit must be restored by %(year)s."
        ) % {"value": reads.tkr(value), "year": ctx.year + finance.RESTORATION_YEARS}
    if not annual:
        sentence = _("With the full-year forecast: %(sentence)s") % {"sentence": sentence}
    left = [r for r in judged.restorations if r.remaining > 0 and r.year < ctx.year]
    if left:
        sentence += " " + _("Earlier deficits left to restore: %(amount)s.") % {
            "amount": reads.tkr(sum((r.remaining for r in left), Decimal(0)))
        }
    return Section(
        key="finance-balance-requirement",
        title=_("Balance requirement result"),
        template=TEMPLATE,
        tables=tables,
        intro=sentence,
    )


# --- Känslighetsanalys -------------------------------------------------------------------------


def sensitivity(ctx: BuildContext) -> Section | None:
    """Känslighetsanalys."""
    if not ctx.is_kommun:
        return None
    analysis = finance.sensitivity(ctx.period, basis=reads.income(ctx).basis)
    table = Table(
        key="kanslighetsanalys",
        title=_("Sensitivity analysis %(year)s") % {"year": ctx.year},
        columns=[Col(_("Change")), Col(_("Effect on the result for a year"), KR), Col(_("Basis"))],
        rows=[[line.label, line.effect, line.basis] for line in analysis.lines],
        sheet=_("Sensitivity"),
        note=_("The effect is the same, with the opposite sign, for a change the other way."),
    )
    return Section(
        key="finance-sensitivity",
        title=_("Sensitivity analysis"),
        template=TEMPLATE,
        tables=[table],
    )
