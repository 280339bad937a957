"""Document-register test data straight into the tables; tests of the rules use the services."""

from __future__ import annotations

import datetime as dt

import factory


class GoverningDocumentFactory(factory.django.DjangoModelFactory):
    """A policy decided by the given body, due for revision in four years. Pass decided_by
    and owner."""

    class Meta:
        model = "documents.GoverningDocument"

    kind = "policy"
    title = factory.Sequence(lambda n: f"Policy nr {n}")
    decided_on = dt.date(2024, 3, 18)
    paragraph = "§ 42"
    valid_from = factory.LazyAttribute(lambda d: d.decided_on)
    revise_by = factory.LazyAttribute(lambda d: d.decided_on.replace(year=d.decided_on.year + 4))
    url = "https://exempelkommun.se/styrdokument/policy.pdf"


class DeviationFactory(factory.django.DjangoModelFactory):
    """An open deviation of 10 March 2026. Pass unit."""

    class Meta:
        model = "documents.Deviation"

    occurred_on = dt.date(2026, 3, 10)
    kind = "avvikelse"
    description = "Fel dos delades ut på kvällen."
    status = "oppen"
