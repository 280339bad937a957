"""Writes to the organisation: administrators only, validated, nothing half-saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.organisation import services
from apps.organisation.models import Municipality, Unit
from tests.factories import UnitFactory

D = dt.date
NON_ADMINS = ["politician", "editor_a", "editor_b", "economist", "outsider", "inactive_editor"]


def snapshot() -> tuple[int, int, list[tuple]]:
    """Row counts and every unit's stored fields, to prove a refused write changed nothing."""
    units = list(
        Unit.objects.order_by("pk").values_list(
            "pk", "parent_id", "kind", "name", "ansvarskod", "valid_from", "valid_to",
            "lft", "rght", "tree_id", "level",
        )
    )  # fmt: skip
    return Unit.objects.count(), Unit.history.count(), units


def tree_is_whole() -> bool:
    """The stored MPTT bounds are what a rebuild from the parent links gives."""
    fields = ("pk", "parent_id", "lft", "rght", "tree_id", "level")
    stored = list(Unit.objects.order_by("pk").values_list(*fields))
    Unit.objects.rebuild()
    return list(Unit.objects.order_by("pk").values_list(*fields)) == stored


def create(actor, **overrides) -> Unit:
    fields = {
        "parent": None,
        "kind": "namnd",
        "name": "Kultur- och fritidsnämnden",
        "short_name": "KFN",
        "ansvarskod": "4000",
        "valid_from": D(2024, 1, 1),
        "reason": "Ny nämnd från 2024",
    }
    fields.update(overrides)
    return services.unit_create(actor=actor, **fields)


class TestUnitCreate:
    def test_administrator_creates_a_unit_with_who_and_why(self, admin_user, org):
        unit = create(admin_user, parent=org.kf, description="Kultur och fritid")

        stored = Unit.objects.get(ansvarskod="4000")
        assert stored.pk == unit.pk
        assert stored.parent_id == org.kf.pk
        assert (stored.kind, stored.name, stored.valid_to) == (
            "namnd",
            "Kultur- och fritidsnämnden",
            None,
        )
        assert stored.is_descendant_of(Unit.objects.get(pk=org.kf.pk))
        record = stored.history.get()
        assert record.history_type == "+"
        assert record.history_user == admin_user
        assert record.history_change_reason == "Ny nämnd från 2024"
        assert record.parent_id == org.kf.pk

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused_and_nothing_changes(self, request, persona, org):
        actor = request.getfixturevalue(persona)
        before = snapshot()
        with pytest.raises(PermissionDenied):
            create(actor, parent=org.kf)
        assert snapshot() == before

    def test_forvaltning_under_kf_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            create(admin_user, parent=org.kf, kind="forvaltning")
        assert "parent" in error.value.message_dict
        assert snapshot() == before

    def test_namnd_without_parent_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            create(admin_user, parent=None, kind="namnd")
        assert "parent" in error.value.message_dict
        assert snapshot() == before

    def test_end_before_start_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            create(admin_user, parent=org.kf, valid_to=D(2023, 12, 31))
        assert "valid_to" in error.value.message_dict
        assert snapshot() == before

    def test_code_of_a_running_unit_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            create(admin_user, parent=org.kf, ansvarskod="2000")
        assert "ansvarskod" in error.value.message_dict
        assert snapshot() == before

    def test_successor_may_take_the_code_after_the_predecessor_ended(self, admin_user, org):
        services.unit_retire(
            actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 12, 31), reason="Omorganisation"
        )
        successor = create(
            admin_user, parent=org.kf, ansvarskod="2000", name="Nya nämnd A",
            valid_from=D(2026, 1, 1), reason="Efterträdare",
        )  # fmt: skip
        assert Unit.objects.filter(ansvarskod="2000").count() == 2
        assert successor.valid_to is None

    def test_successor_starting_on_the_predecessors_last_day_is_refused(self, admin_user, org):
        services.unit_retire(
            actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 12, 31), reason="Omorganisation"
        )
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            create(admin_user, parent=org.kf, ansvarskod="2000", valid_from=D(2025, 12, 31))
        assert "ansvarskod" in error.value.message_dict
        assert snapshot() == before

    def test_empty_reason_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            create(admin_user, parent=org.kf, reason="  ")
        assert "reason" in error.value.message_dict
        assert snapshot() == before


class TestUnitUpdate:
    def test_administrator_renames_with_who_and_why(self, admin_user, org):
        services.unit_update(
            actor=admin_user, unit=org.namnd_a, reason="Nytt namn enligt KF", name="Nämnd Alfa"
        )
        org.namnd_a.refresh_from_db()
        assert org.namnd_a.name == "Nämnd Alfa"
        record = org.namnd_a.history.latest("history_date")
        assert record.history_type == "~"
        assert record.history_user == admin_user
        assert record.history_change_reason == "Nytt namn enligt KF"
        assert record.name == "Nämnd Alfa"

    def test_moves_a_unit_and_its_subtree(self, admin_user, org):
        services.unit_update(
            actor=admin_user, unit=org.forvaltning_a, reason="Flytt", parent=org.namnd_b
        )
        moved = Unit.objects.get(pk=org.forvaltning_a.pk)
        namnd_b = Unit.objects.get(pk=org.namnd_b.pk)
        enhet = Unit.objects.get(pk=org.enhet_a1.pk)
        assert moved.parent_id == namnd_b.pk
        assert enhet.is_descendant_of(namnd_b)
        assert not enhet.is_descendant_of(Unit.objects.get(pk=org.namnd_a.pk))
        assert moved.history.latest("history_date").parent_id == namnd_b.pk

    def test_moves_back_and_forth_keep_the_tree_whole(self, admin_user, org):
        # org.namnd_a and org.namnd_b keep the bounds they had before the first move.
        for n in range(4):
            services.unit_update(
                actor=admin_user,
                unit=org.forvaltning_a,
                reason=f"Flytt {n}",
                parent=org.namnd_b if n % 2 == 0 else org.namnd_a,
            )
        assert Unit.objects.get(pk=org.forvaltning_a.pk).parent_id == org.namnd_a.pk
        assert tree_is_whole()
        enhet = Unit.objects.get(pk=org.enhet_a1.pk)
        assert [u.name for u in enhet.get_ancestors()] == [
            "Kommunfullmäktige",
            "Nämnd A",
            "Förvaltning A",
        ]

    def test_cycle_is_refused_even_with_a_parent_loaded_before_it_moved(self, admin_user, org):
        first = UnitFactory(parent=org.kf, kind="bolag", name="Bolag Ett")
        second = UnitFactory(parent=org.kf, kind="bolag", name="Bolag Två")
        first.refresh_from_db()
        second.refresh_from_db()
        services.unit_update(actor=admin_user, unit=second, reason="Dotterbolag", parent=first)
        before = snapshot()
        # ``second`` still has the bounds of a sibling, not of a child of ``first``.
        with pytest.raises(ValidationError) as error:
            services.unit_update(actor=admin_user, unit=first, reason="Cirkel", parent=second)
        assert "parent" in error.value.message_dict
        assert snapshot() == before

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused_and_nothing_changes(self, request, persona, org):
        actor = request.getfixturevalue(persona)
        before = snapshot()
        with pytest.raises(PermissionDenied):
            services.unit_update(actor=actor, unit=org.namnd_a, reason="x", name="Kapad")
        assert snapshot() == before

    def test_editor_of_the_unit_is_refused_too(self, editor_a, org):
        with pytest.raises(PermissionDenied):
            services.unit_update(actor=editor_a, unit=org.namnd_a, reason="x", name="Min nämnd")
        assert Unit.objects.get(pk=org.namnd_a.pk).name == "Nämnd A"

    def test_moving_a_unit_under_its_own_descendant_is_refused(self, admin_user, org):
        mother = UnitFactory(parent=org.kf, kind="bolag", name="Moderbolag")
        daughter = UnitFactory(parent=mother, kind="bolag", name="Dotterbolag")
        daughter.refresh_from_db()
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_update(actor=admin_user, unit=mother, reason="Cirkel", parent=daughter)
        assert "parent" in error.value.message_dict
        assert snapshot() == before

    def test_moving_a_unit_under_itself_is_refused(self, admin_user, org):
        bolag = UnitFactory(parent=org.kf, kind="bolag", name="Bolaget")
        bolag.refresh_from_db()
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_update(actor=admin_user, unit=bolag, reason="Cirkel", parent=bolag)
        assert "parent" in error.value.message_dict
        assert snapshot() == before

    def test_moving_a_forvaltning_under_kf_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_update(
                actor=admin_user, unit=org.forvaltning_a, reason="Flytt", parent=org.kf
            )
        assert "parent" in error.value.message_dict
        assert snapshot() == before

    def test_removing_a_namnds_parent_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError):
            services.unit_update(actor=admin_user, unit=org.namnd_a, reason="Fri", parent=None)
        assert snapshot() == before

    def test_end_before_start_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_update(
                actor=admin_user, unit=org.namnd_a, reason="x", valid_to=D(2019, 1, 1)
            )
        assert "valid_to" in error.value.message_dict
        assert snapshot() == before

    def test_taking_the_code_of_a_running_unit_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_update(actor=admin_user, unit=org.namnd_a, reason="x", ansvarskod="3000")
        assert "ansvarskod" in error.value.message_dict
        assert snapshot() == before

    def test_unknown_field_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(TypeError, match="lft"):
            services.unit_update(actor=admin_user, unit=org.namnd_a, reason="x", lft=99)
        assert snapshot() == before

    def test_empty_reason_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_update(actor=admin_user, unit=org.namnd_a, reason="", name="Ny")
        assert "reason" in error.value.message_dict
        assert snapshot() == before


class TestUnitRetire:
    def test_ends_the_unit_and_everything_below_it(self, admin_user, org):
        history_before = Unit.history.count()

        returned = services.unit_retire(
            actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 6, 30), reason="Nedlagd"
        )

        assert returned.valid_to == D(2025, 6, 30)
        ended = {org.namnd_a.pk, org.forvaltning_a.pk, org.enhet_a1.pk}
        for unit in Unit.objects.all():
            assert unit.valid_to == (D(2025, 6, 30) if unit.pk in ended else None), unit.name
        assert Unit.history.count() == history_before + 3
        for pk in ended:
            record = Unit.history.filter(id=pk).latest("history_date")
            assert record.history_type == "~"
            assert record.history_user == admin_user
            assert record.history_change_reason == "Nedlagd"
            assert record.valid_to == D(2025, 6, 30)

    def test_a_unit_below_that_already_ended_keeps_its_end_and_gets_no_history(
        self, admin_user, org
    ):
        Unit.objects.filter(pk=org.enhet_a1.pk).update(valid_to=D(2022, 12, 31))
        enhet_history = org.enhet_a1.history.count()

        services.unit_retire(
            actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 6, 30), reason="Nedlagd"
        )

        assert Unit.objects.get(pk=org.enhet_a1.pk).valid_to == D(2022, 12, 31)
        assert org.enhet_a1.history.count() == enhet_history
        assert Unit.objects.get(pk=org.forvaltning_a.pk).valid_to == D(2025, 6, 30)

    def test_a_unit_below_planned_to_end_later_ends_earlier(self, admin_user, org):
        Unit.objects.filter(pk=org.enhet_a1.pk).update(valid_to=D(2030, 12, 31))
        services.unit_retire(
            actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 6, 30), reason="Nedlagd"
        )
        assert Unit.objects.get(pk=org.enhet_a1.pk).valid_to == D(2025, 6, 30)

    def test_a_unit_below_that_starts_after_the_end_does_not_break_the_date_rule(
        self, admin_user, org
    ):
        late = UnitFactory(parent=org.forvaltning_a, kind="enhet", valid_from=D(2026, 1, 1))
        services.unit_retire(
            actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 6, 30), reason="Nedlagd"
        )
        late.refresh_from_db()
        assert late.valid_to is not None
        assert late.valid_to >= late.valid_from

    def test_ends_the_right_subtree_when_given_a_unit_loaded_before_the_tree_changed(
        self, admin_user, org
    ):
        for n in range(3):  # placed first among KF's children: every bound after them shifts
            UnitFactory(parent=org.kf, kind="namnd", name=f"Ny nämnd {n}", position=1)
        services.unit_retire(
            actor=admin_user, unit=org.namnd_b, valid_to=D(2025, 6, 30), reason="Nedlagd"
        )
        ended = set(Unit.objects.exclude(valid_to=None).values_list("name", flat=True))
        assert ended == {"Nämnd B", "Förvaltning B"}

    def test_siblings_and_parents_are_untouched(self, admin_user, org):
        services.unit_retire(
            actor=admin_user, unit=org.forvaltning_a, valid_to=D(2025, 6, 30), reason="Nedlagd"
        )
        assert Unit.objects.get(pk=org.namnd_a.pk).valid_to is None
        assert Unit.objects.get(pk=org.namnd_b.pk).valid_to is None
        assert Unit.objects.get(pk=org.enhet_a1.pk).valid_to == D(2025, 6, 30)

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused_and_nothing_changes(self, request, persona, org):
        actor = request.getfixturevalue(persona)
        before = snapshot()
        with pytest.raises(PermissionDenied):
            services.unit_retire(actor=actor, unit=org.namnd_a, valid_to=D(2025, 6, 30), reason="x")
        assert snapshot() == before

    def test_end_before_start_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_retire(
                actor=admin_user, unit=org.namnd_a, valid_to=D(2019, 12, 31), reason="x"
            )
        assert "valid_to" in error.value.message_dict
        assert snapshot() == before

    def test_empty_reason_is_refused(self, admin_user, org):
        before = snapshot()
        with pytest.raises(ValidationError) as error:
            services.unit_retire(
                actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 6, 30), reason=""
            )
        assert "reason" in error.value.message_dict
        assert snapshot() == before

    def test_nothing_is_half_saved_when_a_unit_below_fails_validation(self, admin_user, org):
        # An enhet directly under a nämnd breaks the shape rules; it is saved last.
        Unit.objects.filter(pk=org.enhet_a1.pk).update(kind="namnd")
        before = snapshot()
        with pytest.raises(ValidationError):
            services.unit_retire(
                actor=admin_user, unit=org.namnd_a, valid_to=D(2025, 6, 30), reason="Nedlagd"
            )
        assert snapshot() == before
        assert Unit.objects.get(pk=org.namnd_a.pk).valid_to is None


class TestMunicipalityUpdate:
    def test_administrator_updates_with_who_and_why(self, admin_user, org):
        services.municipality_update(
            actor=admin_user, name="Exempelkommun", kommunkod="0884", population=25_000,
            reason="Rätt namn",
        )  # fmt: skip
        municipality = Municipality.objects.get()
        assert (municipality.name, municipality.kommunkod, municipality.population) == (
            "Exempelkommun",
            "0884",
            25_000,
        )
        record = municipality.history.latest("history_date")
        assert record.history_user == admin_user
        assert record.history_change_reason == "Rätt namn"

    def test_creates_the_municipality_when_missing(self, admin_user):
        Municipality.objects.all().delete()
        services.municipality_update(
            actor=admin_user, name="Nystad", kommunkod="0001", reason="Första"
        )
        assert Municipality.objects.get().pk == 1
        assert services.municipality_get().name == "Nystad"

    @pytest.mark.parametrize("persona", NON_ADMINS)
    def test_non_administrator_is_refused(self, request, persona):
        actor = request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            services.municipality_update(actor=actor, name="Kapad", kommunkod="0001", reason="x")
        assert Municipality.objects.get().name == "Testkommun"

    def test_bad_kommunkod_is_refused(self, admin_user):
        history = Municipality.history.count()
        with pytest.raises(ValidationError) as error:
            services.municipality_update(
                actor=admin_user, name="Testkommun", kommunkod="88", reason="x"
            )
        assert "kommunkod" in error.value.message_dict
        assert Municipality.objects.get().kommunkod == "9998"
        assert Municipality.history.count() == history
