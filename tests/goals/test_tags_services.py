"""Tags on uppdrag, grunduppdrag and indicators (Agenda 2030, Barnkonventionen, the three
sustainability aspects): saved through the services with who and why in the history, and,
under a model with sustainability aspects (Vadstena), at least one aspect on every uppdrag
and grunduppdrag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.locking import StaleEdit
from apps.goals import services
from apps.goals.models import Tag
from tests.factories import IndicatorFactory
from tests.goals.builders import agenda


def aspect(code: str) -> Tag:
    return Tag.objects.get(kind="hallbarhet", code=code)


@pytest.fixture
def vadstena(org):
    model = services.steering_model_load_preset(actor=None, key="vadstena", activate=True)
    model.uses_sustainability_aspects = True
    model.save()
    return model


@pytest.fixture
def alvesta(org):
    model = services.steering_model_load_preset(actor=None, key="alvesta", activate=True)
    model.uses_agenda_2030 = True
    model.save()
    return model


def give(actor, org, *, tags=(), title="Digital skola"):
    return services.assignment_create(
        actor=actor,
        given_by=org.kf,
        title=title,
        first_year=2026,
        last_year=2027,
        recipients=[org.namnd_a, org.namnd_b],
        decided_on=dt.date(2025, 6, 16),
        paragraph="§ 87",
        tags=tags,
        reason="Budget 2026",
    )


def mission(actor, unit, *, tags=None, title="Förskola", mission=None, first_year=2026):
    return services.basic_mission_save(
        actor=actor,
        unit=unit,
        title=title,
        text="Nämnden ansvarar för förskolan.",
        first_year=first_year,
        mission=mission,
        tags=tags,
        reason="Reglemente 2026",
    )


def tag_sets(instance) -> list[tuple[str, str, set[str]]]:
    """(who, why, tag codes) of each history record that carries the tags, oldest first."""
    rows = []
    for record in instance.history.order_by("history_date", "history_id"):
        user = record.history_user.username if record.history_user else ""
        codes = {t.tag.code for t in record.tags.select_related("tag")}
        rows.append((user, record.history_change_reason, codes))
    return rows


class TestUppdrag:
    def test_given_with_global_goals_recorded_with_who_and_why(self, org, alvesta, admin_user):
        assignment = give(admin_user, org, tags=[agenda(4), agenda(10)])
        assert {t.code for t in assignment.tags.all()} == {"4", "10"}
        assert tag_sets(assignment)[-1] == ("admin", "Budget 2026", {"4", "10"})

    def test_retagged_by_the_giving_body_with_a_reason(self, org, alvesta, admin_user):
        assignment = give(admin_user, org, tags=[agenda(4)])
        services.assignment_update(
            actor=admin_user,
            assignment=assignment,
            tags=[agenda(13)],
            title="Digital och hållbar skola",
            reason="Ändrat av KF § 12",
            expected_version=assignment.version,
        )
        assignment.refresh_from_db()
        assert assignment.title == "Digital och hållbar skola"
        assert {t.code for t in assignment.tags.all()} == {"13"}
        assert tag_sets(assignment)[-1] == ("admin", "Ändrat av KF § 12", {"13"})

    def test_a_receiving_nämnd_cannot_retag_it(self, org, alvesta, admin_user, editor_a):
        assignment = give(admin_user, org, tags=[agenda(4)])
        with pytest.raises(PermissionDenied):
            services.assignment_update(actor=editor_a, assignment=assignment, tags=[], reason="Nej")
        assert {t.code for t in assignment.tags.all()} == {"4"}

    def test_two_editors_the_second_with_a_stale_version_is_refused(self, org, alvesta, admin_user):
        assignment = give(admin_user, org, tags=[agenda(4)])
        opened = assignment.version
        services.assignment_update(
            actor=admin_user, assignment=assignment, tags=[agenda(5)], reason="Först",
            expected_version=opened,
        )  # fmt: skip
        with pytest.raises(StaleEdit):
            services.assignment_update(
                actor=admin_user, assignment=assignment, tags=[agenda(6)], reason="Sen",
                expected_version=opened,
            )  # fmt: skip
        assert {t.code for t in assignment.tags.all()} == {"5"}

    def test_under_vadstena_an_uppdrag_needs_an_aspect(self, org, vadstena, admin_user):
        with pytest.raises(ValidationError) as refused:
            give(admin_user, org, tags=[agenda(4)])
        assert "tags" in refused.value.message_dict
        assignment = give(admin_user, org, tags=[aspect("social"), aspect("ekologisk")])
        with pytest.raises(ValidationError) as refused:
            services.assignment_update(
                actor=admin_user, assignment=assignment, tags=[], reason="Ta bort"
            )
        assert "tags" in refused.value.message_dict
        assert {t.code for t in assignment.tags.all()} == {"social", "ekologisk"}

    def test_without_the_flag_no_aspect_is_needed(self, org, alvesta, admin_user):
        assert give(admin_user, org).tags.count() == 0


class TestGrunduppdrag:
    def test_a_nämnd_has_several_each_with_a_title_and_aspects(self, org, vadstena, editor_a):
        preschool = mission(editor_a, org.namnd_a, tags=[aspect("social")])
        school = mission(editor_a, org.namnd_a, title="Grundskola", tags=[aspect("ekonomisk")])
        assert preschool.pk != school.pk
        assert preschool.title == "Förskola"
        assert tag_sets(school)[-1] == ("redaktor_a", "Reglemente 2026", {"ekonomisk"})

    def test_under_vadstena_a_grunduppdrag_needs_an_aspect(self, org, vadstena, editor_a):
        with pytest.raises(ValidationError) as refused:
            mission(editor_a, org.namnd_a, tags=[])
        assert "tags" in refused.value.message_dict
        assert not org.namnd_a.basic_missions.exists()

    def test_a_successor_from_a_later_year_keeps_title_and_tags(self, org, vadstena, editor_a):
        first = mission(editor_a, org.namnd_a, tags=[aspect("social")])
        second = services.basic_mission_save(
            actor=editor_a,
            unit=org.namnd_a,
            text="Nytt reglemente.",
            first_year=2027,
            mission=first,
            reason="Nytt reglemente",
            expected_version=first.version,
        )
        first.refresh_from_db()
        assert first.last_year == 2026
        assert second.title == "Förskola"
        assert {t.code for t in second.tags.all()} == {"social"}

    def test_another_units_editor_cannot_save_it(self, org, vadstena, editor_a, editor_b):
        preschool = mission(editor_a, org.namnd_a, tags=[aspect("social")])
        with pytest.raises(PermissionDenied):
            mission(editor_b, org.namnd_a, mission=preschool, tags=[aspect("ekologisk")])
        with pytest.raises(PermissionDenied):
            mission(editor_b, org.namnd_b, mission=preschool, tags=[aspect("ekologisk")])
        assert {t.code for t in preschool.tags.all()} == {"social"}


class TestIndicatorTags:
    def test_an_indicator_is_created_with_global_goals(self, org, alvesta, editor_a):
        indicator = services.indicator_create(
            actor=editor_a,
            title="Andel behöriga till gymnasiet",
            measure_unit="%",
            direction="higher",
            tags=[agenda(4)],
            reason="Ny indikator",
        )
        assert tag_sets(indicator)[-1] == ("redaktor_a", "Ny indikator", {"4"})

    def test_the_editor_of_a_unit_using_it_retags_it_another_cannot(
        self, org, alvesta, editor_a, editor_b
    ):
        indicator = IndicatorFactory()
        unit_mission = mission(editor_a, org.namnd_a, tags=[])
        services.mission_indicator_link(
            actor=editor_a, basic_mission=unit_mission, indicator=indicator, year=2026,
            reason="Följs",
        )  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.indicator_tags_set(
                actor=editor_b, indicator=indicator, tags=[agenda(1)], reason="Nej"
            )
        services.indicator_tags_set(
            actor=editor_a, indicator=indicator, tags=[agenda(4), agenda(5)], reason="Mäter 4, 5"
        )
        assert tag_sets(indicator)[-1] == ("redaktor_a", "Mäter 4, 5", {"4", "5"})
