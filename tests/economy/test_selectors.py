"""The shared economy selectors: a budget year counts only its own decisions (earlier budgets'
plan years were plans), and sums come back as kronor and öre on every database."""

from __future__ import annotations

from decimal import Decimal

from apps.economy import selectors
from apps.periods.models import ReportingPeriod
from tests.economy.factories import (
    AppropriationFactory,
    BudgetDecisionFactory,
    BudgetYearFactory,
    book_outcome,
    example_year,
)


def test_an_earlier_budgets_plan_year_is_not_this_years_budget(org):
    last_year = BudgetDecisionFactory(budget_year=BudgetYearFactory(year=2025))
    AppropriationFactory(decision=last_year, unit=org.namnd_a, year=2026, amount=Decimal(90))
    this_year = BudgetDecisionFactory(budget_year=BudgetYearFactory(year=2026))
    AppropriationFactory(decision=this_year, unit=org.namnd_a, year=2026, amount=Decimal(100))
    AppropriationFactory(decision=this_year, unit=org.namnd_a, year=2027, amount=Decimal(105))
    assert selectors.operating_budgets(2026)[org.namnd_a.pk].current == Decimal(100)
    assert selectors.operating_budgets(2027) == {}


def test_outcome_sums_are_kronor_and_öre(org):
    book_outcome([(org.enhet_a1, 2, Decimal(amount)) for amount in ("0.10", "0.20", "1234567.70")])
    total = selectors.operating_outcome(2026, 4)[org.namnd_a.pk]
    assert total == Decimal("1234568.00") and total.as_tuple().exponent == -2


def test_a_body_without_a_forecast_counts_with_its_budget(org):
    example_year(org)
    period = ReportingPeriod.objects.get(year=2026, name="Tertial 1")
    rows = {r.body.name: r for r in selectors.operating_accounts(period).rows}
    ks = rows["Kommunstyrelsen"]
    assert ks.forecast is None and ks.without_forecast
    assert ks.counted_forecast == ks.current and ks.deviation == 0
    a = rows["Nämnd A"]
    assert not a.without_forecast and a.counted_forecast == a.forecast.amount
    assert a.deviation == a.current - a.forecast.amount
    assert a.outcome_deviation == a.current - a.outcome
    hidden = selectors.BodyOperating(
        body=ks.body, budget=ks.budget, outcome=ks.outcome, forecast=None, forecast_hidden=True
    )
    assert hidden.counted_forecast is None and hidden.deviation is None
    assert not hidden.without_forecast
    none = selectors.BodyOperating(body=ks.body, budget=None, outcome=Decimal(5), forecast=None)
    assert none.counted_forecast == 0 and none.deviation == 0
    assert none.outcome_deviation == -5
