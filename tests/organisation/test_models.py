"""The organisation's shape and validity rules, as the models enforce them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.organisation.models import (
    ALLOWED_PARENT_KINDS,
    MPTT_FIELDS,
    Municipality,
    Unit,
    UnitKind,
)
from tests.factories import MunicipalityFactory, UnitFactory

D = dt.date


def parent_of_kind(org, kind: str) -> Unit:
    """A unit of ``kind`` in the test organisation (a bolag and a verksamhet are added)."""
    by_kind = {
        "kf": org.kf,
        "ks": org.ks,
        "namnd": org.namnd_a,
        "forvaltning": org.forvaltning_a,
        "enhet": org.enhet_a1,
    }
    if kind == "bolag":
        return UnitFactory(parent=org.kf, kind="bolag", name="Bostads AB")
    if kind == "verksamhet":
        return UnitFactory(parent=org.forvaltning_a, kind="verksamhet", name="Förskola")
    return by_kind[kind]


class TestShape:
    @pytest.mark.parametrize("kind", UnitKind.values)
    @pytest.mark.parametrize("parent_kind", UnitKind.values)
    def test_kind_may_only_sit_under_the_allowed_parent_kinds(self, org, kind, parent_kind):
        parent = parent_of_kind(org, parent_kind)
        parent.refresh_from_db()
        unit = Unit(
            parent=parent, kind=kind, name="Ny", short_name="Ny", ansvarskod="X1",
            valid_from=D(2024, 1, 1),
        )  # fmt: skip
        if parent_kind in ALLOWED_PARENT_KINDS[kind]:
            unit.full_clean()
        else:
            with pytest.raises(ValidationError) as error:
                unit.full_clean()
            assert set(error.value.message_dict) == {"parent"}

    def test_the_table_matches_the_domain(self):
        assert ALLOWED_PARENT_KINDS["forvaltning"] == {"ks", "namnd"}
        assert ALLOWED_PARENT_KINDS["namnd"] == {"kf"}
        assert ALLOWED_PARENT_KINDS["bolag"] == {"kf", "ks", "bolag"}
        assert ALLOWED_PARENT_KINDS["enhet"] == {"forvaltning", "verksamhet"}

    def test_kf_stands_at_the_top(self, db):
        Unit(
            kind="kf", name="KF", short_name="KF", ansvarskod="1", valid_from=D(2024, 1, 1)
        ).full_clean()

    @pytest.mark.parametrize("kind", sorted(set(UnitKind.values) - {"kf"}))
    def test_every_other_kind_needs_a_parent(self, db, kind):
        unit = Unit(kind=kind, name="X", short_name="X", ansvarskod="1", valid_from=D(2024, 1, 1))
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert "parent" in error.value.message_dict

    def test_unit_cannot_be_its_own_parent(self, org):
        bolag = parent_of_kind(org, "bolag")
        bolag.parent = bolag
        with pytest.raises(ValidationError) as error:
            bolag.full_clean()
        assert list(error.value.message_dict) == ["parent"]

    def test_unit_cannot_be_placed_under_its_own_descendant(self, org):
        mother = UnitFactory(parent=org.kf, kind="bolag", name="Moderbolag")
        daughter = UnitFactory(parent=mother, kind="bolag", name="Dotterbolag")
        mother.refresh_from_db()
        daughter.refresh_from_db()
        mother.parent = daughter  # a bolag may sit under a bolag: only the cycle is wrong
        with pytest.raises(ValidationError) as error:
            mother.full_clean()
        assert list(error.value.message_dict) == ["parent"]
        assert len(error.value.message_dict["parent"]) == 1


class TestValidity:
    def test_end_before_start_is_refused(self, org):
        org.namnd_a.valid_to = org.namnd_a.valid_from - dt.timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            org.namnd_a.full_clean()
        assert "valid_to" in error.value.message_dict

    def test_a_one_day_unit_is_allowed(self, org):
        org.namnd_a.valid_to = org.namnd_a.valid_from
        org.namnd_a.full_clean()

    def test_is_valid_on(self, db):
        unit = Unit(valid_from=D(2024, 1, 1), valid_to=D(2025, 6, 30))
        assert not unit.is_valid_on(D(2023, 12, 31))
        assert unit.is_valid_on(D(2024, 1, 1))
        assert unit.is_valid_on(D(2025, 6, 30))
        assert not unit.is_valid_on(D(2025, 7, 1))
        assert Unit(valid_from=D(2024, 1, 1)).is_valid_on(D(2999, 1, 1))

    def test_database_refuses_end_before_start(self, org):
        with pytest.raises(IntegrityError), transaction.atomic():
            Unit.objects.filter(pk=org.namnd_a.pk).update(valid_to=D(2019, 12, 31))


class TestAnsvarskod:
    def test_open_units_may_not_share_a_code(self, org):
        unit = Unit(
            parent=org.kf, kind="namnd", name="Kopia", short_name="K", ansvarskod="2000",
            valid_from=D(2024, 1, 1),
        )  # fmt: skip
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert list(error.value.message_dict) == ["ansvarskod"]

    def test_closed_periods_that_overlap_may_not_share_a_code(self, org):
        UnitFactory(
            parent=org.kf, kind="namnd", ansvarskod="4000",
            valid_from=D(2020, 1, 1), valid_to=D(2022, 12, 31),
        )  # fmt: skip
        overlapping = Unit(
            parent=org.kf, kind="namnd", name="B", short_name="B", ansvarskod="4000",
            valid_from=D(2022, 12, 31), valid_to=D(2023, 12, 31),
        )  # fmt: skip
        with pytest.raises(ValidationError):
            overlapping.full_clean()

    def test_an_earlier_closed_period_overlapping_an_open_unit_is_refused(self, org):
        # Nämnd A has run since 2020; a unit for 2021 with its code overlaps it.
        unit = Unit(
            parent=org.kf, kind="namnd", name="B", short_name="B", ansvarskod="2000",
            valid_from=D(2021, 1, 1), valid_to=D(2021, 12, 31),
        )  # fmt: skip
        with pytest.raises(ValidationError):
            unit.full_clean()

    def test_code_is_free_before_a_unit_starts(self, org):
        unit = Unit(
            parent=org.kf, kind="namnd", name="Föregångare", short_name="F", ansvarskod="2000",
            valid_from=D(2018, 1, 1), valid_to=D(2019, 12, 31),
        )  # fmt: skip
        unit.full_clean()

    def test_a_unit_does_not_overlap_itself(self, org):
        org.namnd_a.name = "Nytt namn"
        org.namnd_a.full_clean()

    def test_database_refuses_two_open_units_with_one_code(self, org):
        with pytest.raises(IntegrityError), transaction.atomic():
            UnitFactory(parent=org.kf, kind="namnd", ansvarskod="2000")

    @pytest.mark.parametrize("code", ["2000", "A-12", "1.2.3", "x"])
    def test_code_format_allowed(self, db, code):
        Unit(
            kind="kf", name="K", short_name="K", ansvarskod=code, valid_from=D(2024, 1, 1)
        ).full_clean()

    @pytest.mark.parametrize("code", ["-12", "12 34", "12/3", "å1"])
    def test_code_format_refused(self, db, code):
        unit = Unit(kind="kf", name="K", short_name="K", ansvarskod=code, valid_from=D(2024, 1, 1))
        with pytest.raises(ValidationError) as error:
            unit.full_clean()
        assert "ansvarskod" in error.value.message_dict


class TestHistory:
    def test_mptt_fields_are_not_in_the_history(self):
        fields = {f.name for f in Unit.history.model._meta.get_fields()}
        assert fields.isdisjoint(MPTT_FIELDS)
        assert "lft" not in fields
        assert {"parent", "name", "ansvarskod", "valid_from", "valid_to"} <= fields

    def test_inserting_a_sibling_records_no_history_for_the_others(self, org):
        before = {u.pk: u.history.count() for u in Unit.objects.all()}
        UnitFactory(parent=org.kf, kind="namnd", name="Aaa-nämnden")  # shifts lft/rght of most
        after = {u.pk: u.history.count() for u in Unit.objects.all() if u.pk in before}
        assert after == before


class TestUnitProperties:
    @pytest.mark.parametrize(
        ("kind", "deciding"),
        [("kf", True), ("ks", True), ("namnd", True), ("bolag", True),
         ("forvaltning", False), ("verksamhet", False), ("enhet", False)],
    )  # fmt: skip
    def test_deciding_bodies(self, kind, deciding):
        assert Unit(kind=kind).is_deciding_body is deciding

    def test_str_is_the_name(self):
        assert str(Unit(name="Socialnämnden")) == "Socialnämnden"

    def test_siblings_are_ordered_by_position_then_name(self, org):
        UnitFactory(parent=org.kf, kind="namnd", name="Aaa", position=200)
        UnitFactory(parent=org.kf, kind="namnd", name="Zzz", position=1)
        org.kf.refresh_from_db()
        names = [u.name for u in org.kf.get_children()]
        assert names[0] == "Zzz"
        assert names[-1] == "Aaa"
        assert names[1:-1] == ["Kommunstyrelsen", "Nämnd A", "Nämnd B"]


class TestMunicipality:
    def test_there_is_only_one(self, db):
        MunicipalityFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.create(id=2, name="Annan", kommunkod="0001")

    @pytest.mark.parametrize("code", ["884", "08844", "08a4", ""])
    def test_kommunkod_is_four_digits(self, db, code):
        with pytest.raises(ValidationError) as error:
            Municipality(name="K", kommunkod=code).full_clean()
        assert "kommunkod" in error.value.message_dict

    def test_valid_municipality(self, db):
        Municipality(name="Exempelkommun", kommunkod="0884").full_clean()
