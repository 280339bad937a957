"""The five seed kommuners' styrmodeller: each loaded by the management command, then a small
chain built through the services to check that model's own rules."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from apps.goals import services
from apps.goals.models import Goal, GoalLevel, Perspective, SteeringModel
from apps.goals.presets import PRESETS
from tests.goals.builders import YEAR, level, perspective

REASON = "Beslutad av KF"


def load(key: str, *args: str) -> SteeringModel:
    out = StringIO()
    call_command("load_styrmodell", key, *args, stdout=out)
    model = SteeringModel.objects.get(key=key)
    assert model.name in out.getvalue()
    return model


def create(actor, model: SteeringModel, key: str, owner, title: str, **fields) -> Goal:
    fields.setdefault("first_year", YEAR)
    return services.goal_create(
        actor=actor, level=level(model, key), owner=owner, title=title, reason=REASON, **fields
    )


def levels_of(model: SteeringModel) -> list[tuple[str, str, list[str]]]:
    return [
        (lvl.key, lvl.decided_by, sorted(lvl.allowed_parents.values_list("key", flat=True)))
        for lvl in model.levels.all()
    ]


def history_counts() -> tuple[int, ...]:
    return (
        SteeringModel.history.count(),
        GoalLevel.history.count(),
        Perspective.history.count(),
        Goal.history.count(),
    )


class TestCommand:
    def test_list_names_all_five_presets(self, db):
        out = StringIO()
        call_command("load_styrmodell", "--list", stdout=out)
        lines = out.getvalue().splitlines()
        assert [line.split()[0] for line in lines] == [
            "vimmerby",
            "ale",
            "vadstena",
            "borlange",
            "alvesta",
        ]
        for line, preset in zip(lines, PRESETS.values(), strict=True):
            assert preset.name in line
        assert not SteeringModel.objects.exists()

    def test_without_a_name_lists_and_fails(self, db):
        out = StringIO()
        with pytest.raises(CommandError):
            call_command("load_styrmodell", stdout=out)
        assert "vimmerby" in out.getvalue()
        assert not SteeringModel.objects.exists()

    def test_unknown_preset_is_refused(self, db):
        with pytest.raises(CommandError, match="stockholm"):
            call_command("load_styrmodell", "stockholm", stdout=StringIO())
        assert not SteeringModel.objects.exists()

    @pytest.mark.parametrize("key", list(PRESETS))
    def test_loading_twice_changes_nothing(self, db, key):
        model = load(key)
        before = (history_counts(), levels_of(model), list(model.perspectives.values()))
        again = load(key)
        assert again.pk == model.pk
        assert (history_counts(), levels_of(again), list(again.perspectives.values())) == before
        assert SteeringModel.objects.count() == 1

    def test_loading_records_the_preset_in_the_history(self, db):
        model = load("vimmerby")
        record = model.history.earliest()
        assert record.history_user is None  # the command runs as the system
        assert "vimmerby" in record.history_change_reason

    def test_no_activate_keeps_the_model_in_use(self, db):
        vimmerby = load("vimmerby")
        ale = load("ale", "--no-activate")
        vimmerby.refresh_from_db()
        assert vimmerby.is_active
        assert not ale.is_active

    def test_loading_another_preset_puts_it_in_use(self, db):
        vimmerby = load("vimmerby")
        alvesta = load("alvesta")
        vimmerby.refresh_from_db()
        assert alvesta.is_active
        assert not vimmerby.is_active
        assert list(SteeringModel.objects.filter(is_active=True)) == [alvesta]


class TestVimmerby:
    @pytest.fixture
    def model(self, org) -> SteeringModel:
        return load("vimmerby")

    def test_levels_perspectives_and_values(self, model):
        assert levels_of(model) == [
            ("vision", "kf", []),
            ("inriktningsmal", "kf", ["vision"]),
            ("finansiellt-mal", "kf", ["vision"]),
            ("namndmal", "body", ["finansiellt-mal", "inriktningsmal"]),
            ("verksamhetsmal", "administration", ["namndmal"]),
        ]
        assert [p.name for p in model.perspectives.all()] == [
            "Ekonomi",
            "Invånare och brukare",
            "Verksamhet och medarbetare",
            "Utveckling",
        ]
        assert model.values == "ansvar, mod, fantasi"
        assert not level(model, "vision").is_measurable

    def test_chain_from_vision_to_verksamhetsmal(self, model, org, admin_user, editor_a):
        vision = create(admin_user, model, "vision", org.kf, "Vimmerby 2030")
        kf_goal = create(
            admin_user,
            model,
            "inriktningsmal",
            org.kf,
            "Fler i arbete",
            parent=vision,
            last_year=YEAR + 3,
        )
        committee_goal = create(
            editor_a,
            model,
            "namndmal",
            org.namnd_a,
            "Fler unga i feriejobb",
            parent=kf_goal,
            last_year=YEAR + 1,
            perspective=perspective(model, "invanare"),
        )
        unit_goal = create(
            editor_a,
            model,
            "verksamhetsmal",
            org.forvaltning_a,
            "Hundra feriejobb",
            parent=committee_goal,
            last_year=YEAR,
            perspective=perspective(model, "verksamhet"),
        )
        unit_goal.refresh_from_db()
        assert [g.pk for g in unit_goal.get_ancestors()] == [
            vision.pk,
            kf_goal.pk,
            committee_goal.pk,
        ]
        assert committee_goal.perspective.key == "invanare"

    def test_committee_goal_also_sits_under_a_financial_goal(self, model, org, admin_user):
        vision = create(admin_user, model, "vision", org.kf, "Vimmerby 2030")
        financial = create(
            admin_user, model, "finansiellt-mal", org.kf, "Resultat 2 %", parent=vision
        )
        goal = create(
            admin_user,
            model,
            "namndmal",
            org.namnd_b,
            "Budget i balans",
            parent=financial,
            perspective=perspective(model, "ekonomi"),
        )
        assert goal.parent_id == financial.pk

    def test_committee_goal_cannot_sit_directly_under_the_vision(self, model, org, admin_user):
        vision = create(admin_user, model, "vision", org.kf, "Vimmerby 2030")
        with pytest.raises(ValidationError) as caught:
            create(admin_user, model, "namndmal", org.namnd_a, "Direkt", parent=vision)
        assert set(caught.value.error_dict) == {"parent"}
        assert Goal.objects.count() == 1

    def test_kf_goal_needs_the_vision_above_it(self, model, org, admin_user):
        with pytest.raises(ValidationError) as caught:
            create(admin_user, model, "inriktningsmal", org.kf, "Utan vision")
        assert set(caught.value.error_dict) == {"parent"}
        assert not Goal.objects.exists()

    def test_kf_goal_has_no_perspective(self, model, org, admin_user):
        vision = create(admin_user, model, "vision", org.kf, "Vimmerby 2030")
        with pytest.raises(ValidationError) as caught:
            create(
                admin_user,
                model,
                "inriktningsmal",
                org.kf,
                "Fler i arbete",
                parent=vision,
                perspective=perspective(model, "ekonomi"),
            )
        assert set(caught.value.error_dict) == {"perspective"}

    def test_verksamhetsmal_is_owned_by_an_administration_not_the_committee(
        self, model, org, admin_user
    ):
        vision = create(admin_user, model, "vision", org.kf, "Vimmerby 2030")
        kf_goal = create(admin_user, model, "inriktningsmal", org.kf, "Mål", parent=vision)
        committee_goal = create(
            admin_user, model, "namndmal", org.namnd_a, "Nämndmål", parent=kf_goal
        )
        with pytest.raises(ValidationError) as caught:
            create(
                admin_user, model, "verksamhetsmal", org.namnd_a, "Fel ägare", parent=committee_goal
            )
        assert set(caught.value.error_dict) == {"owner"}

    def test_verksamhetsmal_cannot_sit_under_another_committees_goal(self, model, org, admin_user):
        vision = create(admin_user, model, "vision", org.kf, "Vimmerby 2030")
        kf_goal = create(admin_user, model, "inriktningsmal", org.kf, "Mål", parent=vision)
        committee_goal = create(
            admin_user, model, "namndmal", org.namnd_a, "Nämnd A:s mål", parent=kf_goal
        )
        with pytest.raises(ValidationError) as caught:
            create(
                admin_user,
                model,
                "verksamhetsmal",
                org.forvaltning_b,
                "Förvaltning B under Nämnd A",
                parent=committee_goal,
            )
        assert set(caught.value.error_dict) == {"parent"}
        assert Goal.objects.count() == 3


class TestAle:
    @pytest.fixture
    def model(self, org) -> SteeringModel:
        return load("ale")

    def test_levels_and_parts(self, model):
        assert levels_of(model) == [
            ("vision", "kf", []),
            ("riktningsmal", "kf", ["vision"]),
            ("namndens-mal", "body", ["riktningsmal"]),
        ]
        assert level(model, "vision").horizon_years == 8
        assert level(model, "riktningsmal").horizon_years == 4
        assert not model.perspectives.exists()
        assert model.uses_external_factors
        assert model.uses_status_reports
        assert model.uses_trust_dialogues

    def test_riktningsmal_spans_at_most_four_years(self, model, org, admin_user):
        vision = create(admin_user, model, "vision", org.kf, "Ale 2031", last_year=YEAR + 7)
        four = create(
            admin_user,
            model,
            "riktningsmal",
            org.kf,
            "Fyra år",
            parent=vision,
            last_year=YEAR + 3,
        )
        assert four.last_year == YEAR + 3
        with pytest.raises(ValidationError) as caught:
            create(
                admin_user,
                model,
                "riktningsmal",
                org.kf,
                "Fem år",
                parent=vision,
                last_year=YEAR + 4,
            )
        assert set(caught.value.error_dict) == {"last_year"}
        assert Goal.objects.count() == 2

    def test_vision_spans_at_most_eight_years(self, model, org, admin_user):
        with pytest.raises(ValidationError) as caught:
            create(admin_user, model, "vision", org.kf, "Ale 2032", last_year=YEAR + 8)
        assert set(caught.value.error_dict) == {"last_year"}
        assert not Goal.objects.exists()

    def test_vision_is_text_only(self, model, org, admin_user):
        vision = create(admin_user, model, "vision", org.kf, "Ale 2031", last_year=YEAR + 7)
        with pytest.raises(ValidationError) as caught:
            services.goal_indicator_add(
                actor=admin_user,
                goal=vision,
                year=YEAR,
                new_indicator={
                    "title": "Nöjda invånare",
                    "measure_unit": "%",
                    "direction": "higher",
                },
                reason=REASON,
            )
        assert set(caught.value.error_dict) == {"indicator"}
        assert not vision.indicator_links.exists()

    def test_committee_proposes_its_own_goal_under_a_riktningsmal(
        self, model, org, admin_user, editor_a
    ):
        vision = create(admin_user, model, "vision", org.kf, "Ale 2031", last_year=YEAR + 7)
        direction = create(
            admin_user, model, "riktningsmal", org.kf, "Riktning", parent=vision, last_year=YEAR + 3
        )
        goal = create(
            editor_a,
            model,
            "namndens-mal",
            org.namnd_a,
            "Från nulägesanalysen",
            parent=direction,
            last_year=YEAR,
        )
        assert goal.level.name == "Nämndens mål"


class TestVadstena:
    @pytest.fixture
    def model(self, org) -> SteeringModel:
        return load("vadstena")

    def test_no_vision_the_political_direction_stands_at_the_top(self, model):
        assert levels_of(model) == [("politisk-inriktning", "kf", [])]
        assert not model.uses_committee_goals
        assert not model.levels.filter(decided_by="body").exists()
        assert [p.key for p in model.perspectives.all()] == ["ekonomisk", "ekologisk", "social"]

    def test_follows_up_basic_missions_and_assignments_per_aspect(self, model):
        assert model.follows_up_basic_missions
        assert model.follows_up_assignments
        assert model.uses_sustainability_aspects
        assert not model.bodies_report_on_council_goals

    def test_kf_decides_the_political_direction_per_dimension(self, model, org, admin_user):
        goal = create(
            admin_user,
            model,
            "politisk-inriktning",
            org.kf,
            "Minskade utsläpp",
            last_year=YEAR + 3,
            perspective=perspective(model, "ekologisk"),
        )
        assert goal.perspective.name == "Ekologisk hållbarhet"
        assert goal.parent is None

    def test_any_goal_owned_by_a_committee_is_refused(self, model, org, admin_user, editor_a):
        for actor in (admin_user, editor_a):
            with pytest.raises(ValidationError) as caught:
                create(actor, model, "politisk-inriktning", org.namnd_a, "Nämndmål")
            assert set(caught.value.error_dict) == {"owner"}
        assert not Goal.objects.exists()


class TestBorlange:
    @pytest.fixture
    def model(self, org) -> SteeringModel:
        return load("borlange")

    def test_kf_level_is_goals_for_sound_financial_management(self, model):
        top = model.levels.first()
        assert top.name == "Mål för god ekonomisk hushållning"
        assert top.decided_by == "kf"
        assert not top.allowed_parents.exists()
        assert levels_of(model)[1:] == [
            ("finansiella-mal", "kf", []),
            ("namndmal", "body", ["finansiella-mal", "god-hushallning"]),
            ("verksamhetsmal", "administration", ["namndmal"]),
        ]
        # The financial ones are computed from the key figures, on a level of their own.
        assert [lv.key for lv in model.levels.filter(is_financial=True)] == ["finansiella-mal"]
        assert not model.perspectives.exists()

    def test_chain_starts_at_the_kf_level(self, model, org, admin_user, editor_a):
        kf_goal = create(
            admin_user, model, "god-hushallning", org.kf, "Soliditet", last_year=YEAR + 3
        )
        committee_goal = create(
            editor_a, model, "namndmal", org.namnd_a, "Nämndplan", parent=kf_goal, last_year=YEAR
        )
        unit_goal = create(
            editor_a,
            model,
            "verksamhetsmal",
            org.forvaltning_a,
            "Verksamhetsplan",
            parent=committee_goal,
            last_year=YEAR,
        )
        assert unit_goal.parent.parent == kf_goal

    def test_kf_goal_cannot_sit_under_another(self, model, org, admin_user):
        kf_goal = create(admin_user, model, "god-hushallning", org.kf, "Soliditet")
        with pytest.raises(ValidationError) as caught:
            create(admin_user, model, "god-hushallning", org.kf, "Under", parent=kf_goal)
        assert set(caught.value.error_dict) == {"parent"}

    def test_kf_goal_spans_at_most_four_years(self, model, org, admin_user):
        with pytest.raises(ValidationError) as caught:
            create(admin_user, model, "god-hushallning", org.kf, "Lång", last_year=YEAR + 4)
        assert set(caught.value.error_dict) == {"last_year"}


class TestAlvesta:
    @pytest.fixture
    def model(self, org) -> SteeringModel:
        return load("alvesta")

    def test_perspectives_are_the_three_sustainability_dimensions(self, model):
        assert [p.name for p in model.perspectives.all()] == [
            "Ekonomisk hållbarhet",
            "Ekologisk hållbarhet",
            "Social hållbarhet",
        ]
        assert model.values == "delaktighet, engagemang, tillit"
        assert levels_of(model) == [
            ("vision", "kf", []),
            ("kommunmal", "kf", ["vision"]),
            ("namndmal", "body", ["kommunmal"]),
            ("bolagsmal", "body", ["kommunmal"]),
        ]
        assert level(model, "namndmal").owner_scope == "committees"
        assert level(model, "bolagsmal").owner_scope == "companies"
        assert model.uses_agenda_2030

    def test_committee_goal_under_a_kommunmal_per_dimension(self, model, org, admin_user, editor_b):
        vision = create(admin_user, model, "vision", org.kf, "Alvesta 2030")
        kf_goal = create(
            admin_user,
            model,
            "kommunmal",
            org.kf,
            "Hållbart samhälle",
            parent=vision,
            perspective=perspective(model, "social"),
            last_year=YEAR + 3,
        )
        goal = create(
            editor_b,
            model,
            "namndmal",
            org.namnd_b,
            "Fler föreningar",
            parent=kf_goal,
            perspective=perspective(model, "social"),
            last_year=YEAR + 1,
        )
        assert goal.perspective.model_id == model.pk

    def test_perspective_of_another_model_is_refused(self, model, org, admin_user):
        vimmerby = load("vimmerby", "--no-activate")
        vision = create(admin_user, model, "vision", org.kf, "Alvesta 2030")
        with pytest.raises(ValidationError) as caught:
            create(
                admin_user,
                model,
                "kommunmal",
                org.kf,
                "Fel perspektiv",
                parent=vision,
                perspective=perspective(vimmerby, "ekonomi"),
            )
        assert set(caught.value.error_dict) == {"perspective"}
        assert list(Goal.objects.all()) == [vision]

    def test_goal_on_a_model_not_in_use_is_refused(self, model, org, admin_user):
        vimmerby = load("vimmerby", "--no-activate")
        with pytest.raises(ValidationError) as caught:
            create(admin_user, vimmerby, "vision", org.kf, "Vimmerby 2030")
        assert set(caught.value.error_dict) == {"level"}
        assert not Goal.objects.exists()
