"""A report reads the ledger once: the balanskravsutredning's two columns share their reads,
and the flerårsöversikt's report year is the report's own resultaträkning and balansräkning
(the same figures as read on its own, for fewer queries)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.economy import finance, statements
from apps.economy.models import YearFigures
from apps.periods.models import ReportingPeriod
from tests.economy.factories import BalanceRequirementAdjustmentFactory, example_year
from tests.economy.test_finance import mkr


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def report_statements(period):
    book = statements.ledger(2026, 4)
    income = statements.income_statement(2026, 4, period_id=period.pk, book=book)
    sheet = statements.balance_sheet(2026, 4, book=book, result=income)
    return book, income, sheet


def test_both_balance_requirement_columns_cost_seven_queries_with_the_report_s_reads(
    period, django_assert_num_queries
):
    YearFigures.objects.create(year=2025, rur_balance=mkr(20))
    BalanceRequirementAdjustmentFactory(kind="rur_reservation", amount=mkr(3))
    book, income, _sheet = report_statements(period)
    with django_assert_num_queries(7):
        outcome, forecast = finance.balance_requirement_statements(period, income=income, book=book)
    assert (outcome.on_forecast, forecast.on_forecast) == (False, True)
    assert outcome.result == mkr(52 - 2 - 3)
    assert forecast.result == income.amount(statements.RESULT, "forecast") - mkr(2 + 3)
    assert outcome.rur_closing == forecast.rur_closing == mkr(23)
    assert outcome == finance.balance_requirement_statement(period, on_forecast=False)
    assert forecast == finance.balance_requirement_statement(period, on_forecast=True)


def test_the_overview_s_report_year_reads_no_ledger_of_its_own(period):
    book, income, sheet = report_statements(period)
    with CaptureQueriesContext(connection) as alone:
        on_its_own = finance.multi_year_overview(period)
    with CaptureQueriesContext(connection) as shared:
        in_the_report = finance.multi_year_overview(period, book=book, income=income, sheet=sheet)
    assert in_the_report == on_its_own
    assert in_the_report[-1].result == mkr(52)
    assert len(shared) < len(alone)


def test_the_forecast_result_reads_the_rr_s_basis_in_one_query(
    period, economist, django_assert_num_queries
):
    from tests.economy.test_finance import set_forecast

    set_forecast(economist, period)
    _book, income, _sheet = report_statements(period)
    assert income.by_finance_forecast
    with django_assert_num_queries(1):  # the FinanceForecast row, for its source and form
        shared = finance.forecast_result(period, basis=income.basis)
    assert shared == finance.forecast_result(period)
    assert shared.total == income.amount(statements.RESULT, "forecast") == mkr(51)


def test_the_sensitivity_reads_the_rr_s_basis(period, economist, django_assert_num_queries):
    from tests.economy.test_finance import set_forecast

    set_forecast(economist, period)
    _book, income, _sheet = report_statements(period)
    with django_assert_num_queries(1):  # the costs' grouped sums
        shared = finance.sensitivity(period, basis=income.basis)
    assert shared == finance.sensitivity(period)
    assert shared.tax_base == (mkr(365) / Decimal("22.21")).quantize(Decimal("0.01"))
