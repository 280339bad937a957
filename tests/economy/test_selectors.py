"""The shared economy selectors: a budget year counts only its own decisions (earlier budgets'
plan years were plans), and sums come back as kronor and öre on every database."""

from __future__ import annotations

from decimal import Decimal

from apps.economy import selectors
from tests.economy.factories import (
    AppropriationFactory,
    BudgetDecisionFactory,
    BudgetYearFactory,
    book_outcome,
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
