"""Kontroller before a report: each check passes and fails on small hand-made data, and all of
them run a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.economy.models import Forecast
from apps.goals import services as goal_services
from apps.reports import checks
from tests.economy.factories import (
    ForecastFactory,
    book_rows,
    example_year,
    kommun_bas_chart,
)
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
)

pytestmark = pytest.mark.django_db

M = 1_000_000


@pytest.fixture
def year(org):
    """The example kommun's 2026: a balanced ledger, frames for KS (100 m), Nämnd A (155 m)
    and Nämnd B (140 m), tertial 1's forecasts of Nämnd A (160 m: a deficit) and B."""
    example_year(org)
    return org


def t1():
    return ReportingPeriodFactory(year=2026)


def check(results, key):
    return next(result for result in results if result.key == key)


# --- a. The balansräkning balances ----------------------------------------------------------


def test_a_balanced_ledger_passes_the_balance_check(year):
    result = checks.balance_check(t1())

    assert result.passed
    assert result.details == []
    assert result.link == f"/ekonomi/{t1().pk}/balansrakning/"


def test_an_unbalanced_ledger_fails_with_the_difference_in_tkr(year):
    book_rows([(2, "1910", 1_234_500)], unit=year.forvaltning_a)  # cash with no counter-entry

    result = checks.balance_check(t1())

    assert not result.passed
    assert "1\N{NO-BREAK SPACE}234,5\N{NO-BREAK SPACE}tkr" in result.details[0]


# --- b. The driftredovisning reconciles with the resultaträkning ----------------------------


def test_the_operating_statement_of_a_balanced_ledger_reconciles(year):
    period = t1()

    result = checks.operating_check(period)

    assert result.passed
    assert result.link == f"/ekonomi/{period.pk}/"


def test_an_opening_balance_on_an_operating_account_fails_with_the_difference(year):
    # Month 0 is no month of the resultaträkning, but the driftredovisning sums it.
    book_rows([(0, "4010", 2_500_000)], unit=year.forvaltning_a)

    result = checks.operating_check(t1())

    assert not result.passed
    assert "\N{MINUS SIGN}2\N{NO-BREAK SPACE}500,0\N{NO-BREAK SPACE}tkr" in result.details[0]


# --- c. Every body with a frame has a forecast ---------------------------------------------


def test_a_body_with_a_frame_and_no_forecast_fails(year):
    period = t1()
    result = checks.forecast_check(period)

    assert not result.passed  # KS has a frame of 100 m and no forecast
    assert len(result.details) == 1
    assert "Kommunstyrelsen" in result.details[0]
    assert "100\N{NO-BREAK SPACE}000,0\N{NO-BREAK SPACE}tkr" in result.details[0]
    assert result.link == f"/ekonomi/{period.pk}/prognos/{year.ks.pk}/"


def test_every_body_with_a_frame_forecasting_passes(year):
    period = t1()
    ForecastFactory(unit=year.ks, period=period, amount=Decimal(100 * M))

    assert checks.forecast_check(period).passed


def test_the_year_end_takes_no_forecast(year):
    bokslut = ReportingPeriodFactory(
        year=2026, kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31)
    )

    result = checks.forecast_check(bokslut)

    assert result.passed
    assert result.note


# --- d. Every KF goal is assessed ------------------------------------------------------------


@pytest.fixture
def kf_goals(org):
    model = goal_services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    level = model.levels.get(key="inriktningsmal")
    return [
        GoalFactory(level=level, owner=org.kf, title=f"KF-mål {i}", first_year=2026)
        for i in range(2)
    ]


def test_a_kf_goal_without_an_assessment_in_the_period_fails(org, kf_goals):
    period = t1()
    AssessmentFactory(goal=kf_goals[0], period=period, status="met")

    result = checks.council_goal_check(period)

    assert not result.passed
    assert len(result.details) == 1
    assert "KF-mål 1" in result.details[0]
    assert result.link == f"/uppfoljning/{period.pk}/enhet/{org.kf.pk}/"


def test_an_earlier_periods_assessment_does_not_count(org, kf_goals):
    earlier = t1()
    tertial2 = ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )
    for goal in kf_goals:
        AssessmentFactory(goal=goal, period=earlier, status="met")

    assert checks.council_goal_check(earlier).passed
    assert not checks.council_goal_check(tertial2).passed


def test_a_stated_not_assessed_counts_as_assessed(org, kf_goals):
    period = t1()
    AssessmentFactory(goal=kf_goals[0], period=period, status="met")
    AssessmentFactory(
        goal=kf_goals[1], period=period, status="not_assessed",
        analysis="Mätningen görs först i december.",
    )  # fmt: skip

    assert checks.council_goal_check(period).passed


def test_not_assessed_without_a_reason_does_not_count(org, kf_goals):
    period = t1()
    AssessmentFactory(goal=kf_goals[0], period=period, status="met")
    AssessmentFactory(goal=kf_goals[1], period=period, status="not_assessed", analysis="")

    result = checks.council_goal_check(period)

    assert not result.passed
    assert len(result.details) == 1
    assert "KF-mål 1" in result.details[0]


def test_a_financial_goal_computed_from_its_key_figure_needs_no_assessment(
    org, kf_goals, monkeypatch
):
    from apps.goals import computed

    period = t1()
    AssessmentFactory(goal=kf_goals[0], period=period, status="met")
    figure = computed.ComputedStatus(
        status="met", value_text="2,4 %", threshold_text="minst 2,0 %", source="Nyckeltal"
    )

    def provider(goal_ids, _period):
        return {kf_goals[1].pk: figure} if kf_goals[1].pk in goal_ids else {}

    monkeypatch.setattr(computed, "_providers", [*computed._providers])
    computed.register_status_provider(provider)

    assert checks.council_goal_check(period).passed


# --- e. Every deficit beyond the delegation has a current åtgärdsplan ----------------------


def test_a_deficit_without_an_action_plan_fails(year):
    period = t1()

    result = checks.deficit_plan_check(period)

    assert not result.passed  # Nämnd A forecasts 160 m against 155 m
    assert len(result.details) == 1
    assert "Nämnd A" in result.details[0]
    assert "5\N{NO-BREAK SPACE}000,0\N{NO-BREAK SPACE}tkr" in result.details[0]
    assert result.link == f"/ekonomi/{period.pk}/prognos/{year.namnd_a.pk}/"


def test_a_deficit_handled_within_the_delegation_passes(year):
    period = t1()
    Forecast.objects.filter(unit=year.namnd_a, period=period).update(
        deficit_handled=True, comment="Vakanser hålls öppna."
    )

    assert checks.deficit_plan_check(period).passed


# --- f. A value ten times its predecessor -----------------------------------------------------


def test_a_value_ten_times_the_previous_is_flagged_either_way(org):
    kommun_bas_chart()
    earlier = t1()
    tertial2 = ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )
    last_year = ReportingPeriodFactory(year=2025, kind="bokslut", name="Bokslut",
                                       ends_on=dt.date(2025, 12, 31), state="closed")  # fmt: skip
    typo = IndicatorFactory(title="Andel nöjda", decimals=1, measure_unit="%")
    IndicatorValueFactory(indicator=typo, period=last_year, unit=org.namnd_a, total=Decimal("6.4"))
    IndicatorValueFactory(indicator=typo, period=earlier, unit=org.namnd_a, total=Decimal("6.5"))
    IndicatorValueFactory(indicator=typo, period=tertial2, unit=org.namnd_a, total=Decimal("65"))
    smaller = IndicatorFactory(title="Kostnad per elev", decimals=0, measure_unit="kr")
    IndicatorValueFactory(indicator=smaller, period=last_year, total=Decimal("98000"))
    IndicatorValueFactory(indicator=smaller, period=tertial2, total=Decimal("9800"))
    steady = IndicatorFactory(title="Stadigt")
    IndicatorValueFactory(indicator=steady, period=earlier, total=Decimal("10"))
    IndicatorValueFactory(indicator=steady, period=tertial2, total=Decimal("99.9"))
    # Another unit's series is its own: Nämnd B's 65 is not Nämnd A's 6,5 times ten.
    IndicatorValueFactory(indicator=typo, period=earlier, unit=org.namnd_b, total=Decimal("64"))

    result = checks.value_check(tertial2)

    assert not result.passed
    assert len(result.details) == 2
    first, second = result.details
    assert "Andel nöjda" in first and "Nämnd A" in first
    assert "65,0 %" in first and "6,5 %" in first
    assert "Kostnad per elev" in second
    assert "9\N{NO-BREAK SPACE}800 kr" in second and "98\N{NO-BREAK SPACE}000 kr" in second
    assert result.link == f"/uppfoljning/{tertial2.pk}/enhet/{org.namnd_a.pk}/"
    # Tertial 1 does not see tertial 2's value; its own values changed little.
    assert checks.value_check(earlier).passed


def test_a_zero_is_no_factor(org):
    earlier = t1()
    tertial2 = ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )
    incidents = IndicatorFactory(title="Incidenter")
    IndicatorValueFactory(indicator=incidents, period=earlier, total=Decimal("0"))
    IndicatorValueFactory(indicator=incidents, period=tertial2, total=Decimal("12"))

    assert checks.value_check(tertial2).passed


# --- All of them ------------------------------------------------------------------------------


def test_an_empty_period_passes_every_check(org):
    results = checks.period_checks(t1())

    assert [r.key for r in results] == [
        "balance_sheet", "operating_statement", "forecasts", "council_goals", "deficit_plans",
        "indicator_values", "pensions", "group", "texts",
    ]  # fmt: skip
    assert all(r.passed for r in results), [r for r in results if not r.passed]


def test_the_checks_run_a_fixed_number_of_queries(year, kf_goals, django_assert_num_queries):
    period = t1()
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, period=period, unit=year.namnd_a, total=1)
    with CaptureQueriesContext(connection) as small:
        checks.period_checks(period)

    # More of everything: goals, bodies without forecasts, deficits, jumping values, ledger.
    level = kf_goals[0].level
    for i in range(4):
        GoalFactory(level=level, owner=year.kf, title=f"Fler {i}", first_year=2026)
        other = IndicatorFactory()
        IndicatorValueFactory(
            indicator=other, period=ReportingPeriodFactory(year=2025, state="closed"),
            unit=year.namnd_b, total=1,
        )  # fmt: skip
        IndicatorValueFactory(indicator=other, period=period, unit=year.namnd_b, total=100)
    ForecastFactory(unit=year.ks, period=period, amount=Decimal(200 * M))
    book_rows([(3, "1910", 5 * M), (3, "4010", 7 * M)], unit=year.forvaltning_a)
    with django_assert_num_queries(len(small)):
        results = checks.period_checks(period)
    assert not check(results, "indicator_values").passed
