"""The one definition of the body (KS, nämnd, bolag) a unit belongs to, and of the bodies
valid in a year or a period (``apps.organisation.selectors``), which the economy, the plans,
the control plans and the reports read."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from apps.organisation import selectors
from apps.organisation.models import UnitKind
from tests.factories import UnitFactory


def test_a_unit_belongs_to_the_nearest_body_above_it(org, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.body_of(org.namnd_a) == org.namnd_a
    with django_assert_num_queries(1):
        assert selectors.body_of(org.enhet_a1) == org.namnd_a
    assert selectors.body_of(org.forvaltning_b) == org.namnd_b
    assert selectors.body_of(org.kf) is None


def test_a_bolag_is_a_body_unless_only_the_reporting_bodies_count(org):
    bolag = UnitFactory(parent=org.kf, kind=UnitKind.COMPANY, name="Bostadsbolaget")
    bolag.refresh_from_db()
    assert selectors.body_of(bolag) == bolag
    assert selectors.body_of(bolag, kinds=selectors.REPORTING_BODY_KINDS) is None


def test_the_mapping_agrees_with_body_of_in_one_query(org, django_assert_num_queries):
    with django_assert_num_queries(1):
        mapping = selectors.body_of_units()
    units = [org.kf, org.ks, org.namnd_a, org.forvaltning_a, org.enhet_a1, org.namnd_b,
             org.forvaltning_b]  # fmt: skip
    for unit in units:
        body = selectors.body_of(unit)
        assert mapping.get(unit.pk) == (body.pk if body else None), unit


def test_the_bodies_of_a_year_and_of_a_period(org, django_assert_num_queries):
    closed = UnitFactory(
        parent=org.kf, kind=UnitKind.COMMITTEE, name="Gamla nämnden",
        valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2026, 3, 31),
    )  # fmt: skip
    with django_assert_num_queries(1):
        in_2026 = selectors.bodies_in_year(2026)
    assert closed in in_2026
    assert closed not in selectors.bodies_in_year(2027)
    tertial2 = SimpleNamespace(starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 8, 31))
    assert closed not in selectors.bodies_in_period(tertial2)
    assert org.kf not in in_2026
    reporting = selectors.bodies_in_year(2026, kinds=selectors.REPORTING_BODY_KINDS)
    assert {u.kind for u in reporting} <= {UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE}
