"""The kommunal koncern in the reports: the bolag with ownership, result and forecast; the
sammanställd redovisning (consolidated resultaträkning, balansräkning, kassaflödesanalys).

The figures come from ``apps.consolidation.selectors`` with the kommun's own statements the
economy's sections computed for the same report (shared through ``ctx.shared``), so the
kommun column is the kommun's RR and BR as printed elsewhere in the report. The rows are the
koncern page's and its Excel export's (``apps.consolidation.exports``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.consolidation import exports, selectors
from apps.economy.statements import KommunStatements
from apps.reports.content import BuildContext, Col, ColumnKind, ReportKind, Section, Table
from apps.reports.sections import economy, reads
from styrmodell.lib.formats import format_tkr

KR = ColumnKind.KR
TABLE_KEYS = {"rr": "koncern-rr", "br": "koncern-br", "kf": "koncern-kf"}


def _consolidated(ctx: BuildContext) -> selectors.Consolidated:
    def compute() -> selectors.Consolidated:
        kommun = KommunStatements(
            reads.ledger(ctx), reads.income(ctx), reads.balance(ctx), economy.cash_flow_figures(ctx)
        )
        return selectors.consolidated_statements(ctx.period, kommun=kommun)

    return ctx.once("consolidation:statements", compute)


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def group_overview(ctx: BuildContext) -> Section | None:
    """The bolag of the koncern: ownership share, result to date and (delårsrapport) full-year
    forecast."""
    if not ctx.is_kommun:
        return None
    companies = selectors.companies_in_period(ctx.period)
    if not companies:
        return None
    annual = ctx.kind == ReportKind.ANNUAL
    consolidated = [c for c in companies if c.consolidated]
    intro = _(
        "The municipal group consists of the municipality and %(count)s companies: %(companies)s."
    ) % {
        "count": len(consolidated),
        "companies": _names(
            [f"{c.company.name} ({exports.share_text(c.share)})" for c in consolidated]
        ),
    }
    left_out = [c for c in companies if not c.consolidated]
    if left_out:
        intro += " " + _(
            "%(companies)s, owned under 20 %%, is not part of the consolidated accounts (RKR R16)."
        ) % {
            "companies": _names(
                [f"{c.company.name} ({exports.share_text(c.share)})" for c in left_out]
            )
        }
    result = sum((c.result for c in consolidated if c.result is not None), start=0)
    if any(c.result is not None for c in consolidated):
        intro += " " + _("The companies' results together: %(result)s.") % {
            "result": format_tkr(result)
        }
    result_header = _("Result for the year") if annual else _("Result to date")
    columns = [
        Col(_("Company")),
        Col(_("Ownership share"), ColumnKind.PERCENT, 0),
        Col(result_header, KR),
    ]
    if not annual:
        columns.append(Col(_("Full-year forecast"), KR))
    rows = []
    for company in companies:
        row: list[object] = [company.company.name, company.share, company.result]
        if not annual:
            row.append(company.forecast)
        rows.append(row)
    table = Table(
        key="koncern-bolag",
        title=_("The companies of the municipal group, %(period)s") % {"period": ctx.period},
        columns=columns,
        rows=rows,
        sheet=_("Group companies"),
        note=_("Each company's own result, before eliminations and ownership share."),
    )
    return Section(
        key="koncernens-bolag",
        title=_("The municipal group"),
        intro=intro,
        tables=[table],
    )


def _table(statement: selectors.ConsolidatedStatement) -> Table:
    headers = exports.amount_headers(statement)
    note = _(
        "Proportional consolidation: each company by the municipality's ownership share, "
        "internal sales, interest, loans and shareholdings eliminated by the same share."
    )
    if statement.key == "rr":
        note += " " + _("Revenue is shown positive and costs negative.")
    if statement.without_opening:
        note += " " + _(
            "Not in the cash flow statement, for want of their figures at the previous "
            "year-end: %(companies)s."
        ) % {"companies": _names([company.name for company in statement.without_opening])}
    return Table(
        key=TABLE_KEYS[statement.key],
        title=f"{exports.statement_title(statement)}, {statement.period}",
        columns=[Col(_("Line")), *(Col(header, KR) for header in headers)],
        rows=exports.statement_rows(statement),
        sheet=exports.sheet_name(statement),
        note=note,
        emphasised=exports.emphasised(statement),
    )


def statements(ctx: BuildContext) -> Section | None:
    """The sammanställd redovisning: consolidated RR, BR and kassaflödesanalys."""
    if not ctx.is_kommun or ctx.kind not in (ReportKind.INTERIM, ReportKind.ANNUAL):
        return None
    consolidated = _consolidated(ctx)
    income, balance = consolidated.income, consolidated.balance
    if not income.companies:
        return None
    intro = _(
        "The consolidated result is %(result)s, of which the municipality's own %(own)s. "
        "The consolidated balance sheet totals %(total)s."
    ) % {
        "result": format_tkr(income.amount(selectors.RESULT)),
        "own": format_tkr(income.amount(selectors.RESULT, "kommun")),
        "total": format_tkr(balance.amount(selectors.TOTAL_ASSETS)),
    }
    if balance.amount(selectors.DIFFERENCE):
        intro += " " + _(
            "The consolidated balance sheet does not balance: the difference row shows by "
            "how much (a company's balance sheet that does not balance, or the municipality's)."
        )
    if income.left_out:
        intro += " " + _("Not consolidated, owned under 20 %%: %(companies)s.") % {
            "companies": _names([item.company.name for item in income.left_out])
        }
    return Section(
        key="sammanstalld-redovisning",
        title=_("Consolidated accounts"),
        intro=intro,
        tables=[_table(income), _table(balance), _table(consolidated.cash_flow)],
    )
