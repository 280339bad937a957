"""Intern kontroll's test data, straight into the tables; tests of the rules use services."""

from __future__ import annotations

import factory

from apps.control.models import Control, ControlPlan, ControlResult, Risk, RiskCategory
from tests.factories import _PeriodRowMixin


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    year = 2026
    description = factory.Sequence(lambda n: f"Risk {n}: fakturor attesteras inte")
    process = "Inköp"
    category = factory.LazyFunction(lambda: RiskCategory.objects.get(key="verksamhet"))
    probability = 3
    consequence = 3
    owner = "Ekonomichef"


class ControlPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlPlan
        django_get_or_create = ["unit", "year"]

    year = 2026


class ControlFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Control

    plan = factory.SubFactory(ControlPlanFactory)
    risk = factory.SubFactory(
        RiskFactory,
        unit=factory.SelfAttribute("..plan.unit"),
        year=factory.SelfAttribute("..plan.year"),
    )
    what = factory.Sequence(lambda n: f"Kontroll {n}: stickprov på attester")
    owner = "Controller"
    frequency = "En gång per tertial"


class ControlResultFactory(_PeriodRowMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = ControlResult

    control = factory.SubFactory(ControlFactory)
    status = "no_remarks"
