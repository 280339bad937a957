"""Economy test data straight into the tables; tests of the rules use the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.BudgetYear"
        django_get_or_create = ["year"]

    year = 2026
    tax_revenue = Decimal("1650000000.00")
    general_grants = Decimal("420000000.00")
    tax_rate = Decimal("22.21")
    population = 15400


class BudgetDecisionFactory(factory.django.DjangoModelFactory):
    """A decided frame budget unless told otherwise."""

    class Meta:
        model = "economy.BudgetDecision"

    budget_year = factory.SubFactory(BudgetYearFactory)
    kind = "frame"
    title = factory.LazyAttribute(lambda d: f"Budget {d.budget_year.year}")
    decided_on = factory.LazyAttribute(lambda d: dt.date(d.budget_year.year - 1, 6, 15))
    paragraph = "§ 87"


class InvestmentProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.InvestmentProject"

    code = factory.Sequence(lambda n: f"P{n:04d}")
    name = factory.Sequence(lambda n: f"Projekt {n}")
    decided_total = Decimal("10000000.00")
    first_year = 2026
    last_year = 2027
    status = "ongoing"


class AppropriationFactory(factory.django.DjangoModelFactory):
    """An operating frame for the budget year unless told otherwise."""

    class Meta:
        model = "economy.Appropriation"

    decision = factory.SubFactory(BudgetDecisionFactory)
    kind = "operations"
    year = factory.LazyAttribute(lambda a: a.decision.budget_year.year)
    amount = Decimal("100000000.00")
