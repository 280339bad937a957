"""The report's koncern sections: the bolag overview and the sammanställd redovisning, with the
same rows as the page's selectors."""

from __future__ import annotations

import pytest

from apps.consolidation import exports, selectors
from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections import consolidation
from tests.consolidation.builders import build_koncern

pytestmark = pytest.mark.django_db


def _ctx(period, kind=ReportKind.INTERIM, unit=None) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


def test_statements_are_three_sheets_with_the_selectors_rows(org):
    koncern = build_koncern(org)
    section = consolidation.statements(_ctx(koncern.period))
    assert [t.key for t in section.tables] == ["koncern-rr", "koncern-br", "koncern-kf"]
    assert all(t.sheet for t in section.tables)
    income = selectors.consolidated_income_statement(koncern.period)
    assert section.tables[0].rows == exports.statement_rows(income)
    result_row = next(r for r in section.tables[0].rows if r[0] == income.row("result").label)
    assert result_row[-1] == income.amount("result")


def test_statements_only_in_the_kommuns_interim_and_annual_reports(org):
    koncern = build_koncern(org)
    assert consolidation.statements(_ctx(koncern.period, ReportKind.BUDGET_FOLLOWUP)) is None
    assert consolidation.statements(_ctx(koncern.period, unit=org.namnd_a)) is None
    assert consolidation.statements(_ctx(koncern.period, ReportKind.ANNUAL)) is not None


def test_group_overview_lists_share_result_and_forecast(org):
    koncern = build_koncern(org)
    section = consolidation.group_overview(_ctx(koncern.period))
    table = section.tables[0]
    assert [row[0] for row in table.rows] == ["Bostäder AB", "Energi AB"]
    assert table.rows[0][1] == 100 and table.rows[0][3] == 6000000
    annual = consolidation.group_overview(_ctx(koncern.period, ReportKind.ANNUAL)).tables[0]
    assert len(annual.columns) == 3  # no forecast in the annual report
    assert consolidation.group_overview(_ctx(koncern.period, unit=org.namnd_a)) is None


def test_no_companies_no_sections(org):
    from tests.factories import ReportingPeriodFactory

    period = ReportingPeriodFactory()
    assert consolidation.group_overview(_ctx(period)) is None
