"""Factories for test data. The demo kommun is for people; tests build what they need."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import factory
from django.utils import timezone

from apps.accounts.models import RoleAssignment, User
from apps.organisation.models import Municipality, Unit


@contextmanager
def writable(*periods):
    """Test data for closed periods, written as if before the close, then closed again.

    The database refuses follow-up rows in a closed period (followup migration 0003).
    """
    from apps.periods.models import ReportingPeriod

    closed = [p.pk for p in periods if p is not None and p.state == "closed"]
    ReportingPeriod.objects.filter(pk__in=closed).update(state="open")
    try:
        yield
    finally:
        ReportingPeriod.objects.filter(pk__in=closed).update(state="closed")


class _PeriodRowMixin:
    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with writable(kwargs.get("period")):
            return super()._create(model_class, *args, **kwargs)


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


# --- The goal chain, reporting periods and follow-up --------------------------------------
# Models are named by label so that the import block above stays as it is.


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """An open tertial 1 of 2026, its deadline still ahead, unless told otherwise."""

    class Meta:
        model = "periods.ReportingPeriod"
        django_get_or_create = ["year", "name"]

    year = 2026
    kind = "tertial1"
    name = "Tertial 1"
    starts_on = factory.LazyAttribute(lambda p: dt.date(p.year, 1, 1))
    ends_on = factory.LazyAttribute(lambda p: dt.date(p.year, 4, 30))
    # Some weeks ahead of today, so that writes are in time unless a test says otherwise.
    deadline = factory.LazyAttribute(
        lambda p: max(
            p.ends_on + dt.timedelta(days=15), timezone.localdate() + dt.timedelta(days=30)
        )
    )
    state = "open"


class GoalFactory(factory.django.DjangoModelFactory):
    """A goal straight into the table, for test data; tests of the rules use the services."""

    class Meta:
        model = "goals.Goal"

    title = factory.Sequence(lambda n: f"Mål {n}")
    parent = None
    first_year = 2025
    last_year = None
    # level and owner are required: pass them.


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "goals.Indicator"

    title = factory.Sequence(lambda n: f"Indikator {n}")
    measure_unit = "%"
    direction = "higher"
    by_sex = False
    decimals = 1


class GoalIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "goals.GoalIndicator"

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    # goal is required: pass it.


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "goals.IndicatorTarget"

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    unit = None
    # value is required: pass it.


class IndicatorValueFactory(_PeriodRowMixin, factory.django.DjangoModelFactory):
    class Meta:
        model = "goals.IndicatorValue"

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    unit = None
    # total (or women and men) is required: pass it.


class AssessmentFactory(_PeriodRowMixin, factory.django.DjangoModelFactory):
    """The goal owner's assessment in a period."""

    class Meta:
        model = "followup.Assessment"

    period = factory.SubFactory(ReportingPeriodFactory)
    unit = factory.LazyAttribute(lambda a: a.goal.owner)
    status = "met"
    analysis = ""
    version = 1
    # goal is required: pass it.
