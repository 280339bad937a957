"""Factories for test data. The demo kommun is for people; tests build what they need."""

from __future__ import annotations

import datetime as dt

import factory

from apps.accounts.models import RoleAssignment, User
from apps.organisation.models import Municipality, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("secret-pass-123")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["id"]

    id = 1
    name = "Testkommun"
    kommunkod = "9998"
    population = 12_000


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    parent = None
    kind = "kf"
    name = factory.Sequence(lambda n: f"Enhet {n}")
    short_name = factory.Sequence(lambda n: f"E{n}")
    ansvarskod = factory.Sequence(lambda n: f"{10000 + n}")
    valid_from = dt.date(2020, 1, 1)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "lasare"
    unit = None
