"""What each preset loads beyond its levels (flags, foundation elements, bolagsmål), and that
loading a preset again never erases what the administrator changed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.goals import services
from apps.goals.models import FoundationElement, Goal, SteeringModel
from apps.goals.presets import PRESETS
from tests.factories import UnitFactory
from tests.goals.builders import YEAR, level

REASON = "Beslutad av KF"


def load(key: str, actor=None) -> SteeringModel:
    return services.steering_model_load_preset(actor=actor, key=key, activate=True)


def foundations(model: SteeringModel, kind: str) -> list[str]:
    return list(model.foundations.filter(kind=kind).values_list("title", flat=True))


class TestPresetFlags:
    @pytest.mark.parametrize(
        ("key", "flags"),
        [
            ("vimmerby", {}),
            ("ale", {"bodies_report_on_council_goals": True}),
            (
                "vadstena",
                {
                    "uses_committee_goals": False,
                    "follows_up_basic_missions": True,
                    "follows_up_assignments": True,
                    "uses_sustainability_aspects": True,
                },
            ),
            (
                "borlange",
                {
                    "bodies_report_on_council_goals": True,
                    "operations_plan_decided_by": "administration",
                },
            ),
            ("alvesta", {"uses_agenda_2030": True}),
        ],
    )
    def test_each_preset_sets_its_documents_flags_and_no_others(self, db, key, flags):
        model = load(key)
        defaults = {
            "uses_committee_goals": True,
            "uses_agenda_2030": False,
            "uses_sustainability_aspects": False,
            "bodies_report_on_council_goals": False,
            "follows_up_basic_missions": False,
            "follows_up_assignments": False,
            "operations_plan_decided_by": "body",
        }
        assert {name: getattr(model, name) for name in defaults} == {**defaults, **flags}


class TestFoundations:
    def test_ale_has_the_values_on_eight_years_and_seven_principles(self, db):
        model = load("ale")
        assert foundations(model, "vardegrund") == ["Värdegrund"]
        assert foundations(model, "princip") == [
            "Tillit",
            "Medborgarfokus",
            "Helhetssyn",
            "Handlingsutrymme",
            "Stöd",
            "Kunskap",
            "Öppenhet",
        ]
        tillit = model.foundations.get(title="Tillit")
        assert "lita på dem du samarbetar med" in tillit.text
        assert PRESETS["ale"].foundation_horizon("vardegrund") == 8
        # Nothing forces nämnd goals: the level is there, the flag is on, no goal is required.
        assert model.uses_committee_goals
        assert level(model, "vision").horizon_years == 8

    def test_borlange_has_ledord_values_and_leadership(self, db):
        model = load("borlange")
        assert foundations(model, "ledord") == [
            "Decentralisering",
            "Förenkling",
            "Tillgänglighet",
            "Effektivisering",
            "Koncernnytta",
        ]
        assert foundations(model, "vardegrund") == [
            "Jag finns här för Borlängebon",
            "Jag gillar utmaningar",
            "Jag möter varje människa med öppenhet",
        ]
        assert foundations(model, "ledarskap") == [
            "Tydlig ledare",
            "Modig ledare",
            "Kommunikativ ledare",
            "Långsiktig ledare",
            "Coachande ledare",
        ]
        modig = model.foundations.get(title="Modig ledare")
        assert modig.text.count("<li>") == 3
        assert "Jag vågar agera." in modig.text

    def test_alvesta_has_its_sentence_values_and_five_starting_points(self, db):
        model = load("alvesta")
        assert model.values == "delaktighet, engagemang, tillit"
        (values,) = model.foundations.filter(kind="vardegrund")
        assert "Tillsammans skapar vi en bättre vardag" in values.text
        assert foundations(model, "princip") == [
            "Politisk neutral",
            "Struktur och kultur",
            "Tillitsbaserad styrning",
            "Hållbar utveckling",
            "Gemensamt arbetssätt",
        ]

    def test_vimmerby_has_its_value_words(self, db):
        model = load("vimmerby")
        assert model.values == "ansvar, mod, fantasi"
        assert foundations(model, "vardegrund") == ["Ansvar, mod och fantasi"]

    @pytest.mark.parametrize("key", list(PRESETS))
    def test_no_decision_is_invented(self, db, key):
        model = load(key)
        assert not model.foundations.exclude(decided_on=None).exists()
        assert not model.foundations.exclude(paragraph="").exists()


class TestAlvestaCompanies:
    @pytest.fixture
    def model(self, org) -> SteeringModel:
        return load("alvesta")

    @pytest.fixture
    def bolag(self, org):
        return UnitFactory(parent=org.kf, kind="bolag", name="Alvesta Bostäder", short_name="AB")

    @pytest.fixture
    def kommunmal(self, model, org, admin_user) -> Goal:
        vision = services.goal_create(
            actor=admin_user, level=level(model, "vision"), owner=org.kf, title="Alvesta 2030",
            first_year=YEAR, reason=REASON,
        )  # fmt: skip
        return services.goal_create(
            actor=admin_user, level=level(model, "kommunmal"), owner=org.kf,
            title="Fler bostäder", parent=vision, first_year=YEAR, last_year=YEAR + 3,
            reason=REASON,
        )  # fmt: skip

    def test_a_company_goal_sits_on_bolagsmal(self, model, admin_user, bolag, kommunmal):
        goal = services.goal_create(
            actor=admin_user, level=level(model, "bolagsmal"), owner=bolag,
            title="200 nya hyresrätter", parent=kommunmal, first_year=YEAR, last_year=YEAR,
            reason=REASON,
        )  # fmt: skip
        assert goal.level.name == "Bolagsmål"

    def test_a_company_cannot_own_a_namndmal(self, model, admin_user, bolag, kommunmal):
        with pytest.raises(ValidationError) as caught:
            services.goal_create(
                actor=admin_user, level=level(model, "namndmal"), owner=bolag,
                title="Fel nivå", parent=kommunmal, first_year=YEAR, last_year=YEAR,
            reason=REASON,
            )  # fmt: skip
        assert set(caught.value.error_dict) == {"owner"}

    def test_a_committee_cannot_own_a_bolagsmal(self, model, org, admin_user, kommunmal):
        with pytest.raises(ValidationError) as caught:
            services.goal_create(
                actor=admin_user, level=level(model, "bolagsmal"), owner=org.namnd_a,
                title="Fel nivå", parent=kommunmal, first_year=YEAR, last_year=YEAR,
            reason=REASON,
            )  # fmt: skip
        assert set(caught.value.error_dict) == {"owner"}


class TestReloading:
    def test_reloading_keeps_a_renamed_level_and_a_changed_flag(self, db, admin_user):
        model = load("ale")
        namnd = level(model, "namndens-mal")
        namnd.name = "Nämndmål"
        services.configuration_save(actor=admin_user, instance=namnd, reason="Vårt ord")
        model.bodies_report_on_council_goals = False
        model.description = "Vår egen beskrivning"
        services.configuration_save(actor=admin_user, instance=model, reason="Inte i år")

        again = services.steering_model_load_preset(actor=admin_user, key="ale")

        again.refresh_from_db()
        assert level(again, "namndens-mal").name == "Nämndmål"
        assert again.bodies_report_on_council_goals is False
        assert again.description == "Vår egen beskrivning"

    def test_reloading_keeps_changed_parents_and_edited_foundations(self, db, admin_user):
        model = load("vimmerby")
        verksamhet = level(model, "verksamhetsmal")
        verksamhet.allowed_parents.set([level(model, "namndmal"), level(model, "inriktningsmal")])
        values = model.foundations.get(kind="vardegrund")
        values.title = "Vår värdegrund"
        services.configuration_save(actor=admin_user, instance=values, reason="Nytt namn")

        services.steering_model_load_preset(actor=admin_user, key="vimmerby")

        assert set(verksamhet.allowed_parents.values_list("key", flat=True)) == {
            "namndmal",
            "inriktningsmal",
        }
        assert foundations(model, "vardegrund") == ["Vår värdegrund"]

    def test_reloading_creates_what_is_missing(self, db, admin_user):
        model = load("alvesta")
        level(model, "bolagsmal").goals.all().delete()
        level(model, "bolagsmal").delete()
        model.foundations.filter(kind="princip").delete()
        model.perspectives.filter(key="social").delete()

        services.steering_model_load_preset(actor=admin_user, key="alvesta")

        bolagsmal = level(model, "bolagsmal")
        assert list(bolagsmal.allowed_parents.values_list("key", flat=True)) == ["kommunmal"]
        assert bolagsmal.owner_scope == "companies"
        assert len(foundations(model, "princip")) == 5
        assert model.perspectives.filter(key="social").exists()
        assert FoundationElement.objects.filter(model=model, kind="vardegrund").count() == 1
