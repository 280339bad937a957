"""The finansförvaltning's selectors on the hand-computed year of ``example_year``
(tests/economy/factories.py), in million kronor:

    frames 395, the nämnder's forecasts +3 above them; budget: tax 360, grants 90,
    financial income 3, costs 9: budgeted result 49, forecast without a finance forecast 46.
    Outcome January–April: result 52, realisation gains 2; personnel costs (5010) 100,
    other costs (4010) 30, depreciation 8. Projects P1 20 and P2 10 booked in 2026.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.economy import finance, keyfigures, statements
from apps.economy.models import FinanceForecast, YearFigures
from apps.economy.services import finance as services
from apps.periods.models import PeriodState, ReportingPeriod
from tests.economy.factories import (
    BalanceRequirementAdjustmentFactory,
    book_rows,
    example_year,
)

M = 1_000_000


def mkr(amount) -> Decimal:
    return Decimal(str(amount)) * M


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def rr_forecast(period) -> Decimal:
    income = statements.income_statement(2026, 4, period_id=period.pk)
    return income.amount(statements.RESULT, "forecast")


def kf_forecast(period) -> Decimal:
    return keyfigures.key_figures(period).figures["result"].forecast


def set_forecast(actor, period, **overrides) -> FinanceForecast:
    figures = {
        "tax_revenue": mkr(365),
        "general_grants": mkr(92),
        "financial_income": mkr(4),
        "financial_costs": mkr(10),
        "central_deviation": mkr(-2),
    }
    figures.update(overrides)
    return services.finance_forecast_set(
        actor=actor, period=period, source="SKR cirkulär 26:31", reason="Ny skatteprognos",
        **figures,
    )  # fmt: skip


# --- The forecast result: one figure in the selector, the RR and the key figures -------------


class TestForecastResult:
    def test_without_a_finance_forecast_the_budget_stands(self, period):
        result = finance.forecast_result(period)
        assert result.budgeted_result == mkr(49)
        assert result.total == mkr(46)
        assert result.total == rr_forecast(period) == kf_forecast(period)

    def test_the_finance_forecast_moves_the_result(self, period, economist):
        set_forecast(economist, period)
        result = finance.forecast_result(period)
        deviations = {item.key: item.deviation for item in result.items}
        assert deviations == {
            "committees": mkr(-3),
            "tax_revenue": mkr(5),
            "general_grants": mkr(2),
            "financial_income": mkr(1),
            "financial_costs": mkr(-1),
            "central_deviation": mkr(-2),
        }
        assert result.total == mkr(51)

    def test_the_rr_and_the_key_figures_agree_with_the_selector(self, period, economist):
        set_forecast(economist, period)
        assert finance.forecast_result(period).total == rr_forecast(period) == kf_forecast(period)
        income = statements.income_statement(2026, 4, period_id=period.pk)
        assert income.amount("tax_revenue", "forecast") == mkr(365)
        assert income.amount("financial_costs", "forecast") == mkr(-10)
        # the net cost: frames 395 + deviations 3, and the central items' −2
        assert income.amount(statements.NET_COST, "forecast") == mkr(-400)

    def test_the_statement_runs_as_many_queries_with_a_finance_forecast(
        self, period, economist, django_assert_num_queries
    ):
        set_forecast(economist, period)
        with django_assert_num_queries(6):
            statements.income_statement(2026, 4, period_id=period.pk)

    def test_the_balance_requirement_forecast_follows(self, period, economist):
        set_forecast(economist, period)
        figures = keyfigures.key_figures(period)
        statement = finance.balance_requirement_statement(period, on_forecast=True)
        assert statement.result == figures.balance_forecast.value == mkr(51 - 2)


# --- Services: who, why, and closed periods ----------------------------------------------------


class TestFinanceForecastService:
    def test_records_who_and_why(self, period, economist):
        forecast = set_forecast(economist, period)
        record = forecast.history.first()
        assert record.history_user == economist
        assert record.history_change_reason == "Ny skatteprognos"
        assert forecast.source == "SKR cirkulär 26:31"

    def test_a_second_save_changes_the_same_row(self, period, economist):
        set_forecast(economist, period)
        set_forecast(economist, period, tax_revenue=mkr(370))
        assert FinanceForecast.objects.get().tax_revenue == mkr(370)

    def test_an_administrator_may_write(self, period, admin_user):
        set_forecast(admin_user, period)
        assert FinanceForecast.objects.count() == 1

    @pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider"])
    def test_others_may_not(self, period, persona, request):
        with pytest.raises(PermissionDenied):
            set_forecast(request.getfixturevalue(persona), period)
        assert not FinanceForecast.objects.exists()

    def test_a_reason_is_required(self, period, economist):
        with pytest.raises(ValidationError) as error:
            services.finance_forecast_set(
                actor=economist, period=period, tax_revenue=mkr(1), general_grants=mkr(1),
                financial_income=mkr(0), financial_costs=mkr(0), reason=" ",
            )  # fmt: skip
        assert "reason" in error.value.message_dict

    def test_a_closed_period_is_refused(self, period, economist):
        ReportingPeriod.objects.filter(pk=period.pk).update(state=PeriodState.CLOSED)
        period.refresh_from_db()
        with pytest.raises(PermissionDenied):
            set_forecast(economist, period)


class TestYearFiguresService:
    def test_enters_and_changes_a_year(self, org, economist):
        services.year_figures_set(actor=economist, year=2023, result=mkr(12), reason="ÅR 2023")
        services.year_figures_set(
            actor=economist, year=2023, rur_balance=mkr(20), reason="RUR", expected_version=1
        )
        row = YearFigures.objects.get(year=2023)
        assert (row.result, row.rur_balance, row.version) == (mkr(12), mkr(20), 2)

    def test_an_editor_may_not(self, org, editor_a):
        with pytest.raises(PermissionDenied):
            services.year_figures_set(actor=editor_a, year=2023, result=mkr(1), reason="x")


class TestGoodManagementRuleService:
    def test_records_the_rule(self, org, economist):
        rule = services.good_management_rule_set(
            actor=economist, first_year=2024, min_goal_share=Decimal(50),
            counts_partly_met=True, all_financial_goals=True, reason="KF 2023-11-27 § 123",
        )  # fmt: skip
        assert rule.history.first().history_change_reason == "KF 2023-11-27 § 123"

    def test_an_editor_may_not(self, org, editor_a):
        with pytest.raises(PermissionDenied):
            services.good_management_rule_set(
                actor=editor_a, first_year=2024, min_goal_share=Decimal(50),
                counts_partly_met=True, all_financial_goals=True, reason="x",
            )  # fmt: skip


# --- Balanskravsutredning -----------------------------------------------------------------------


class TestBalanceRequirement:
    def test_each_step(self, period):
        for kind, amount in (
            ("realisation_exception", 1), ("unrealised_loss", Decimal("0.5")),
            ("rur_reservation", 3), ("rur_use", 1),
        ):  # fmt: skip
            BalanceRequirementAdjustmentFactory(kind=kind, amount=mkr(amount))
        statement = finance.balance_requirement_statement(period, on_forecast=False)
        steps = {s.key: s.amount for s in statement.steps}
        assert steps == {
            "result": mkr(52),
            "realisation_gains": mkr(-2),
            "realisation_exception": mkr(1),
            "unrealised": mkr("-0.5"),
            "adjusted_result": mkr("50.5"),
            "rur_reservation": mkr(-3),
            "rur_use": mkr(1),
            "balance_requirement_result": mkr("48.5"),
        }
        assert statement.result == keyfigures.key_figures(period).balance_outcome.value

    def test_the_rur_balance_runs_from_last_years_figures(self, period):
        YearFigures.objects.create(year=2025, rur_balance=mkr(20))
        BalanceRequirementAdjustmentFactory(kind="rur_reservation", amount=mkr(3))
        BalanceRequirementAdjustmentFactory(kind="rur_use", amount=mkr(1))
        statement = finance.balance_requirement_statement(period, on_forecast=False)
        assert (statement.rur_opening, statement.rur_closing) == (mkr(20), mkr(22))

    def test_a_deficit_is_restored_by_later_results_within_three_years(self):
        earlier = [
            finance.EarlierYear(2023, None, mkr(-8), "year_figures"),
            finance.EarlierYear(2024, None, mkr(3), "year_figures"),
            finance.EarlierYear(2025, None, mkr(2), "year_figures"),
        ]
        (deficit,) = finance.restorations(earlier, mkr(1), 2026)
        assert (deficit.year, deficit.deficit, deficit.restored) == (2023, mkr(8), mkr(6))
        assert (deficit.remaining, deficit.restore_by) == (mkr(2), 2026)

    def test_the_oldest_deficit_is_restored_first(self):
        earlier = [
            finance.EarlierYear(2023, None, mkr(-4), "year_figures"),
            finance.EarlierYear(2024, None, mkr(-2), "year_figures"),
            finance.EarlierYear(2025, None, mkr(5), "year_figures"),
        ]
        first, second = finance.restorations(earlier, None, 2026)
        assert (first.restored, first.remaining) == (mkr(4), 0)
        assert (second.restored, second.remaining) == (mkr(1), mkr(1))

    def test_earlier_years_with_a_ledger_are_computed(self, period):
        # 2025 is in the ledger of example_year: a full year with result 204.
        YearFigures.objects.create(year=2023, balance_requirement_result=mkr(-8))
        years = {e.year: e for e in finance.earlier_years(2026)}
        assert years[2025].source == "ledger"
        assert years[2025].result == mkr(204)
        assert years[2023].balance_requirement_result == mkr(-8)
        assert years[2024].source == ""


# --- Flerårsöversikt ----------------------------------------------------------------------------


def test_multi_year_overview_reads_the_ledger_and_the_earlier_figures(period):
    for year in (2022, 2023, 2024):
        YearFigures.objects.create(
            year=year, result=mkr(10 + year - 2022), equity_ratio=Decimal("45.0"),
            tax_rate=Decimal("22.01"), population=15300, loan_debt=mkr(153),
        )  # fmt: skip
    YearFigures.objects.create(year=2025, result=mkr(1), population=15350)
    years = {y.year: y for y in finance.multi_year_overview(period)}
    assert list(years) == [2022, 2023, 2024, 2025, 2026]
    assert years[2023].source == "year_figures" and years[2023].result == mkr(11)
    assert years[2023].loan_debt_per_inhabitant == 10000
    # A year with a ledger is computed from it, whatever the figures say.
    assert years[2025].source == "ledger" and years[2025].result == mkr(204)
    assert years[2025].population == 15350  # the figures fill in what the ledger lacks
    assert years[2026].result == mkr(52)
    # 2026 April: equity 300 + 52, assets 500 + 20 + 10 + 50 + 22 − 25 ... per the balance sheet
    sheet = statements.balance_sheet(2026, 4)
    expected = (sheet.equity() / sheet.total_assets.closing * 100).quantize(Decimal("0.1"))
    assert years[2026].equity_ratio == expected


# --- Känslighetsanalys --------------------------------------------------------------------------


def test_sensitivity_from_known_figures(period):
    lines = {line.key: line.effect for line in finance.sensitivity(period).lines}
    # tax 360 over the factory's tax rate 22,21; population 15 400
    assert lines["tax_rate"] == (mkr(360) / Decimal("22.21")).quantize(Decimal("0.01"))
    assert lines["wages"] == mkr(3)  # 100 Jan–Apr, 300 for the year, 1 %
    assert lines["prices"] == mkr("0.9")  # 30 Jan–Apr, 90 for the year
    per_inhabitant = mkr(450) / 15400
    assert lines["inhabitants"] == (per_inhabitant * 10).quantize(Decimal("0.01"))


def test_sensitivity_reads_the_finance_forecast(period, economist):
    set_forecast(economist, period)
    analysis = finance.sensitivity(period)
    assert analysis.tax_base == (mkr(365) / Decimal("22.21")).quantize(Decimal("0.01"))


# --- Investments: accumulated outcome -----------------------------------------------------------


def test_investments_accumulate_over_the_years_in_one_query(period, org, django_assert_num_queries):
    book_rows([(6, "1110", 7 * M, "P1"), (0, "1110", 99 * M, "P1")], year=2025, unit=org.ks)
    book_rows([(9, "1110", 5 * M, "P1")], year=2026, unit=org.ks)  # after April
    with django_assert_num_queries(1):
        booked = finance.investment_accumulated(2026, 4)
    assert booked == {"P1": mkr(27), "P2": mkr(10)}


def test_the_rur_balance_carries_over_a_year_without_figures(period):
    YearFigures.objects.create(year=2024, rur_balance=mkr(40))
    BalanceRequirementAdjustmentFactory(year=2025, kind="rur_reservation", amount=mkr(5))
    BalanceRequirementAdjustmentFactory(year=2026, kind="rur_use", amount=mkr(1))
    statement = finance.balance_requirement_statement(period, on_forecast=False)
    assert (statement.rur_opening, statement.rur_closing) == (mkr(45), mkr(44))
