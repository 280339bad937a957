"""The key figures for god ekonomisk hushållning on the hand-computed year of ``example_year``
(tests/economy/factories.py), in million kronor:

    result: outcome 52 (Jan–Apr), forecast 46 (budget 49, deviations +3)
    tax revenue and grants: outcome 150, forecast 450; previous year 144 (Jan–Apr), 434 (all)
    net cost: outcome 96, forecast 398; previous year 92 (Jan–Apr), 228 (all)
    depreciation: outcome 8, budget 24; net investments: outcome 30, forecast 60 + 40
    realisation gains: 2
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from apps.economy import keyfigures
from apps.economy.models import KeyFigure
from apps.periods.models import ReportingPeriod
from tests.economy.factories import (
    BalanceRequirementAdjustmentFactory,
    book_rows,
    example_year,
    kommun_bas_chart,
)
from tests.factories import ReportingPeriodFactory

M = 1_000_000


def mkr(amount) -> Decimal:
    return Decimal(str(amount)) * M


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def figure(period, key) -> keyfigures.Figure:
    return keyfigures.key_figures(period).figures[key]


class TestResult:
    def test_outcome_and_forecast(self, period):
        result = figure(period, KeyFigure.RESULT)
        assert (result.outcome, result.forecast) == (mkr(52), mkr(46))

    def test_share_of_tax_revenue_and_grants(self, period):
        share = figure(period, KeyFigure.RESULT_SHARE)
        assert share.outcome == Decimal("34.67")  # 52 / 150
        assert share.forecast == Decimal("10.22")  # 46 / 450

    def test_a_negative_result(self, period, org):
        book_rows([(3, "5010", 70 * M), (3, "1910", -70 * M)], unit=org.ks)
        figures = keyfigures.key_figures(period)
        assert figures.figures[KeyFigure.RESULT].outcome == mkr(-18)
        assert figures.figures[KeyFigure.RESULT_SHARE].outcome == Decimal("-12.00")
        assert figures.figures[KeyFigure.BALANCE_REQUIREMENT].outcome == mkr(-20)


class TestBalanceRequirement:
    def test_realisation_gains_are_deducted(self, period):
        balance = figure(period, KeyFigure.BALANCE_REQUIREMENT)
        assert (balance.outcome, balance.forecast) == (mkr(50), mkr(44))

    def test_a_reservation_to_the_rur_is_deducted_and_its_use_added(self, period):
        BalanceRequirementAdjustmentFactory(kind="rur_reservation", amount=mkr(4))
        balance = figure(period, KeyFigure.BALANCE_REQUIREMENT)
        assert (balance.outcome, balance.forecast) == (mkr(46), mkr(40))
        BalanceRequirementAdjustmentFactory(kind="rur_use", amount=mkr("1.5"))
        assert figure(period, KeyFigure.BALANCE_REQUIREMENT).outcome == mkr("47.5")

    def test_each_kind_adds_or_deducts(self, period):
        for kind in ("realisation_exception", "unrealised_loss_reversal", "other_addition"):
            BalanceRequirementAdjustmentFactory(kind=kind, amount=mkr(1))
        for kind in ("unrealised_loss", "other_deduction"):
            BalanceRequirementAdjustmentFactory(kind=kind, amount=mkr(2))
        assert figure(period, KeyFigure.BALANCE_REQUIREMENT).outcome == mkr(50 + 3 - 4)

    def test_adjustments_of_another_year_do_not_count(self, period):
        BalanceRequirementAdjustmentFactory(year=2025, kind="rur_reservation", amount=mkr(4))
        assert figure(period, KeyFigure.BALANCE_REQUIREMENT).outcome == mkr(50)

    def test_the_breakdown_is_shown_step_by_step(self, period):
        BalanceRequirementAdjustmentFactory(kind="rur_reservation", amount=mkr(4))
        figures = keyfigures.key_figures(period)
        assert figures.balance_outcome.result == mkr(52)
        assert figures.balance_outcome.realisation_gains == mkr(2)
        assert [a.signed_amount for a in figures.balance_outcome.adjustments] == [mkr(-4)]


class TestSelfFinancing:
    def test_result_plus_depreciation_over_net_investments(self, period):
        ratio = figure(period, KeyFigure.SELF_FINANCING)
        assert ratio.outcome == Decimal("200.00")  # (52 + 8) / 30
        assert ratio.forecast == Decimal("70.00")  # (46 + 24) / (60 forecast + 40 budget)

    def test_without_investments_it_is_not_computable(self, org):
        kommun_bas_chart()
        book_rows([(1, "8010", -10 * M), (1, "1910", 10 * M)], unit=org.ks)
        period = ReportingPeriodFactory()
        ratio = figure(period, KeyFigure.SELF_FINANCING)
        assert ratio.outcome is None
        assert "nettoinvesteringar" in ratio.outcome_missing  # (Swedish, the default language)
        assert ratio.forecast is None
        assert "2026" in ratio.forecast_missing


class TestGrowth:
    def test_net_cost_and_tax_revenue_against_the_same_months_last_year(self, period):
        figures = keyfigures.key_figures(period).figures
        assert figures[KeyFigure.NET_COST_GROWTH].outcome == Decimal("4.35")  # 96 / 92
        assert figures[KeyFigure.TAX_GROWTH].outcome == Decimal("4.17")  # 150 / 144
        assert figures[KeyFigure.GROWTH_MARGIN].outcome == Decimal("-0.18")

    def test_the_forecast_against_the_whole_previous_year(self, period):
        figures = keyfigures.key_figures(period).figures
        assert figures[KeyFigure.NET_COST_GROWTH].forecast == Decimal("74.56")  # 398 / 228
        assert figures[KeyFigure.TAX_GROWTH].forecast == Decimal("3.69")  # 450 / 434
        assert figures[KeyFigure.GROWTH_MARGIN].forecast == Decimal("-70.87")

    def test_without_last_year_growth_is_not_computable(self, org):
        kommun_bas_chart()
        book_rows([(1, "5010", 10 * M), (1, "8010", -10 * M)], unit=org.ks)
        growth = figure(ReportingPeriodFactory(), KeyFigure.NET_COST_GROWTH)
        assert growth.outcome is None
        assert growth.outcome_missing.endswith(f"{keyfigures.months_label(2025, 4)}.")


class TestNetCostShare:
    def test_net_costs_and_financial_net_over_tax_revenue_and_grants(self, period):
        share = figure(period, KeyFigure.NET_COST_SHARE)
        # Net operating costs 96 (depreciation 8 included) plus the financial net 2 (1 − 3)
        # over 150; the forecast 398 plus 6 (3 − 9) over 450. Result share + this = 100 %.
        assert share.outcome == Decimal("65.33")
        assert share.forecast == Decimal("89.78")


class TestBalanceSheetFigures:
    """At the end of April: assets 602 (land 530, cash 72); equity 300 + the result 52 = 352;
    long-term liabilities 200, current 50."""

    def test_equity_ratio_includes_the_result_so_far(self, period):
        ratio = figure(period, KeyFigure.EQUITY_RATIO)
        assert ratio.outcome == Decimal("58.47")  # 352 / 602
        assert ratio.forecast is None and ratio.forecast_missing
        assert "pension" in str(ratio.explanation)

    def test_debt_ratio_is_provisions_and_liabilities_over_assets(self, period):
        assert figure(period, KeyFigure.DEBT_RATIO).outcome == Decimal("41.53")  # 250 / 602

    def test_long_term_debt_per_inhabitant_uses_the_budget_years_population(self, period):
        debt = figure(period, KeyFigure.DEBT_PER_INHABITANT)
        assert debt.outcome == Decimal(12_987)  # 200 000 000 kr / 15 400
        assert debt.unit == keyfigures.KRONOR_PER_INHABITANT
        with translation.override("en"):
            assert debt.outcome_text == "12\u00a0987\u00a0kr\u00a0per inhabitant"

    def test_without_a_budget_year_population_the_kommuns_is_used(self, period):
        from apps.economy.models import BudgetYear

        BudgetYear.objects.filter(year=2026).update(population=None)
        debt = figure(period, KeyFigure.DEBT_PER_INHABITANT)
        assert debt.outcome == Decimal(16_667)  # 200 000 000 kr / 12 000

    def test_without_any_population_it_says_so(self, period):
        from apps.economy.models import BudgetYear
        from apps.organisation.models import Municipality

        BudgetYear.objects.filter(year=2026).update(population=None)
        Municipality.objects.update(population=None)
        with translation.override("en"):
            debt = figure(period, KeyFigure.DEBT_PER_INHABITANT)
        assert debt.outcome is None
        assert "population" in debt.outcome_missing

    def test_a_goal_on_a_balance_figure_is_judged_on_the_balance_before_the_year_end(self, period):
        figures = keyfigures.key_figures(period)
        assert not figures.is_year_end
        assert figures.assessed(KeyFigure.EQUITY_RATIO) == (Decimal("58.47"), "")


def test_without_outcome_nothing_is_computed_and_the_page_says_why(org):
    kommun_bas_chart()
    figures = keyfigures.key_figures(ReportingPeriodFactory())
    for f in figures.figures.values():
        assert f.outcome is None and f.outcome_missing
        assert f.forecast is None and f.forecast_missing
    assert keyfigures.months_label(2026, 4) == "januari–april 2026"
    assert keyfigures.months_label(2026, 4) in figures.figures[KeyFigure.RESULT].outcome_missing


def test_the_year_end_is_judged_on_the_outcome(org):
    example_year(org)
    bokslut = ReportingPeriodFactory(
        kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31), deadline=dt.date(2027, 2, 1)
    )
    figures = keyfigures.key_figures(bokslut)
    assert figures.is_year_end
    assert figures.assessed(KeyFigure.RESULT) == (mkr(52 - 25), "")  # May's costs count now
    tertial = ReportingPeriod.objects.get(year=2026, name="Tertial 1")
    assert keyfigures.key_figures(tertial).assessed(KeyFigure.RESULT) == (mkr(46), "")


def test_runs_a_fixed_number_of_queries(period, org, django_assert_num_queries):
    # Ledger (3), budget year, frames and forecasts of the income statement (3); budget year,
    # adjustments, investment outcome, and the investment overview's projects, budgets and
    # forecasts (6); the kommun's population for the debt per inhabitant (1; the balance
    # sheet is built from the same ledger).
    with django_assert_num_queries(13):
        keyfigures.key_figures(period)
    book_rows([(2, f"4{n:03d}", n, f"P{n}") for n in range(300)], unit=org.enhet_a1)
    for n in range(20):
        BalanceRequirementAdjustmentFactory(amount=n)
    with django_assert_num_queries(13):
        figures = keyfigures.key_figures(period)
    assert figures.net_investments == mkr(30) + sum(range(300))
