"""The steering-model page (its settings and foundation), the goal form's decision and levels,
and the tree's header, at their literal URLs."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import translation

from apps.goals import services
from apps.goals.models import Goal, GoalLevel, SteeringModel
from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory
from tests.goals.builders import YEAR, level, perspective

REASON = "Beslut i KF"


def page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def ale(org) -> SteeringModel:
    return services.steering_model_load_preset(actor=None, key="ale", activate=True)


class TestFoundationSection:
    def test_reader_sees_the_elements_with_their_decision(
        self, client, ale, org, admin_user, politician
    ):
        values = ale.foundations.get(kind="vardegrund")
        services.foundation_element_save(
            actor=admin_user, model=ale, element=values, kind="vardegrund",
            title="Värdegrund", text=values.text, first_year=2022, last_year=2029,
            decided_by=org.kf, decided_on=dt.date(2021, 12, 20), paragraph="§ 265",
            reason=REASON,
        )  # fmt: skip
        client.force_login(politician)
        with translation.override("en"):
            content = page(client.get("/mal/styrmodell/"))
        assert re.search(r"(Decided by|Beslutad av) kommunfullmäktige 20 dec\. 2021 § 265, "
                         r"(in force|gäller) 2022–2029", content)  # fmt: skip
        assert "lita på dem du samarbetar med" in content
        assert "<p>Sträva efter" in content  # stored rich text, not escaped tags
        assert "&lt;p&gt;" not in client.get("/mal/styrmodell/").content.decode()
        assert "/mal/styrmodell/grund/" not in content  # no edit links for a reader

    def test_admin_adds_an_element(self, client, ale, org, admin_user):
        client.force_login(admin_user)
        response = client.post(
            "/mal/styrmodell/grund/ny/",
            {
                "kind": "ledord", "title": "Samverkan", "text": "Vi samverkar.",
                "first_year": "2026", "last_year": "", "decided_by": org.kf.pk,
                "decided_on": "2025-11-24", "paragraph": "§ 120", "change_reason": REASON,
            },
        )  # fmt: skip
        assert response.status_code == 302
        element = ale.foundations.get(title="Samverkan")
        assert (element.text, element.paragraph) == ("<p>Vi samverkar.</p>", "§ 120")
        assert element.history.latest().history_user == admin_user

    def test_a_bad_paragraph_is_shown_at_the_field(self, client, ale, org, admin_user):
        client.force_login(admin_user)
        response = client.post(
            "/mal/styrmodell/grund/ny/",
            {
                "kind": "ledord", "title": "Samverkan", "decided_by": org.kf.pk,
                "decided_on": "2025-11-24", "paragraph": "paragraf 120", "change_reason": REASON,
            },
        )  # fmt: skip
        assert response.status_code == 200
        assert "paragraph" in response.context["form"].errors
        assert not ale.foundations.filter(title="Samverkan").exists()

    def test_the_eight_years_are_checked_on_the_page(self, client, ale, admin_user):
        values = ale.foundations.get(kind="vardegrund")
        client.force_login(admin_user)
        response = client.post(
            f"/mal/styrmodell/grund/{values.pk}/",
            {
                "kind": "vardegrund", "title": "Värdegrund", "first_year": "2022",
                "last_year": "2031", "change_reason": REASON, "version": values.version,
            },
        )  # fmt: skip
        assert response.status_code == 200
        assert "last_year" in response.context["form"].errors

    def test_a_stale_edit_is_refused(self, client, ale, admin_user):
        element = ale.foundations.get(title="Tillit")
        opened = element.version
        services.foundation_element_save(
            actor=admin_user, model=ale, element=element, kind="princip", title="Tillit",
            text="Först", reason=REASON,
        )  # fmt: skip
        client.force_login(admin_user)
        response = client.post(
            f"/mal/styrmodell/grund/{element.pk}/",
            {"kind": "princip", "title": "Tillit", "text": "Sedan", "change_reason": REASON,
             "version": opened},
        )  # fmt: skip
        assert response.status_code == 200
        element.refresh_from_db()
        assert element.text == "<p>Först</p>"

    def test_admin_ends_an_element(self, client, ale, admin_user):
        element = ale.foundations.get(title="Stöd")
        client.force_login(admin_user)
        response = client.post(
            f"/mal/styrmodell/grund/{element.pk}/avsluta/",
            {"last_year": "2025", "change_reason": "Ersatt", "version": element.version},
        )
        assert response.status_code == 302
        element.refresh_from_db()
        assert element.last_year == 2025

    @pytest.mark.parametrize("persona", ["editor_a", "economist", "politician"])
    def test_others_may_not_write(self, request, client, ale, persona):
        element = ale.foundations.first()
        client.force_login(request.getfixturevalue(persona))
        assert client.get("/mal/styrmodell/grund/ny/").status_code == 403
        assert client.post(f"/mal/styrmodell/grund/{element.pk}/", {}).status_code == 403
        assert client.post(f"/mal/styrmodell/grund/{element.pk}/avsluta/", {}).status_code == 403
        assert client.get("/mal/styrmodell/installningar/").status_code == 403

    def test_another_models_element_is_404(self, client, ale, admin_user):
        borlange = services.steering_model_load_preset(actor=None, key="borlange")
        client.force_login(admin_user)
        element = borlange.foundations.first()
        assert client.get(f"/mal/styrmodell/grund/{element.pk}/").status_code == 404


class TestSettings:
    def test_admin_switches_a_part_on(self, client, ale, admin_user):
        client.force_login(admin_user)
        form = client.get("/mal/styrmodell/installningar/").context["form"]
        data = {name: value for name, value in form.initial.items() if value not in (None, False)}
        data.update(uses_agenda_2030="on", change_reason="Agenda 2030 i budgeten")
        data.pop("bodies_report_on_council_goals")
        response = client.post("/mal/styrmodell/installningar/", data)
        assert response.status_code == 302
        ale.refresh_from_db()
        assert ale.uses_agenda_2030
        assert not ale.bodies_report_on_council_goals
        assert ale.history.latest().history_change_reason == "Agenda 2030 i budgeten"

    def test_the_page_shows_the_new_parts(self, client, ale, admin_user):
        client.force_login(admin_user)
        with translation.override("en"):
            content = page(client.get("/mal/styrmodell/"))
        assert re.search(
            r"(Every committee reports on every council goal|"
            r"Varje nämnd rapporterar om varje KF-mål): (yes|ja)<",
            content,
        )
        assert re.search(r"Agenda 2030[^<:]*: (no|nej)<", content)  # fmt: skip

    def test_a_stale_settings_form_is_refused(self, client, ale, admin_user):
        client.force_login(admin_user)
        opened = ale.version
        services.configuration_save(actor=admin_user, instance=ale, reason="Först")
        response = client.post(
            "/mal/styrmodell/installningar/",
            {"name": "Annat namn", "operations_plan_decided_by": "body",
             "change_reason": "Sedan", "version": opened},
        )  # fmt: skip
        assert response.status_code == 200
        ale.refresh_from_db()
        assert ale.name != "Annat namn"

    def test_other_presets_are_chosen_not_described_openly(self, client, ale, admin_user):
        client.force_login(admin_user)
        content = page(client.get("/mal/styrmodell/"))
        assert "Vimmerby: mål- och resultatstyrning" in content
        head, _, _presets = content.partition('id="presets-heading"')
        assert "balanserade styrkortet" not in head


class TestGoalDecision:
    def test_a_vision_carries_its_decision(self, client, ale, org, admin_user, politician):
        client.force_login(admin_user)
        response = client.post(
            "/mal/nytt/",
            {
                "level": level(ale, "vision").pk, "owner": org.kf.pk, "title": "Ale 2031",
                "first_year": "2024", "last_year": "2031", "decided_on": "2023-11-20",
                "decision_paragraph": "§ 201", "change_reason": REASON,
            },
        )  # fmt: skip
        assert response.status_code == 302
        goal = Goal.objects.get(title="Ale 2031")
        assert (goal.decided_on, goal.decision_paragraph) == (dt.date(2023, 11, 20), "§ 201")
        client.force_login(politician)
        with translation.override("en"):
            content = page(client.get(f"/mal/{goal.pk}/?ar=2026"))
        assert re.search(r"(Decided by|Beslutat av) Kommunfullmäktige 20 nov\. 2023 § 201", content)
        assert "2024–2031" in content

    def test_a_bad_paragraph_is_shown_at_the_field(self, client, ale, org, admin_user):
        client.force_login(admin_user)
        response = client.post(
            "/mal/nytt/",
            {
                "level": level(ale, "vision").pk, "owner": org.kf.pk, "title": "Ale 2031",
                "first_year": "2024", "last_year": "2031", "decided_on": "2023-11-20",
                "decision_paragraph": "201", "change_reason": REASON,
            },
        )  # fmt: skip
        assert response.status_code == 200
        assert "decision_paragraph" in response.context["form"].errors
        assert not Goal.objects.exists()

    def test_a_paragraph_without_a_date_is_refused(self, ale, org, admin_user):
        with pytest.raises(Exception) as caught:
            services.goal_create(
                actor=admin_user, level=level(ale, "vision"), owner=org.kf, title="Ale",
                first_year=2024, last_year=2031, decision_paragraph="§ 1", reason=REASON,
            )  # fmt: skip
        assert set(caught.value.error_dict) == {"decided_on"}

    def test_ales_vision_spans_at_most_eight_years_on_the_page(self, client, ale, org, admin_user):
        client.force_login(admin_user)
        response = client.post(
            "/mal/nytt/",
            {
                "level": level(ale, "vision").pk, "owner": org.kf.pk, "title": "Ale 2032",
                "first_year": "2024", "last_year": "2032", "change_reason": REASON,
            },
        )  # fmt: skip
        assert response.status_code == 200
        assert "last_year" in response.context["form"].errors

    def test_the_edit_form_changes_the_decision(self, client, ale, org, admin_user):
        goal = services.goal_create(
            actor=admin_user, level=level(ale, "vision"), owner=org.kf, title="Ale 2031",
            first_year=2024, last_year=2031, reason=REASON,
        )  # fmt: skip
        client.force_login(admin_user)
        response = client.post(
            f"/mal/{goal.pk}/andra/",
            {
                "level": goal.level_id, "owner": org.kf.pk, "title": "Ale 2031",
                "first_year": "2024", "last_year": "2031", "decided_on": "2023-11-20",
                "decision_paragraph": "§ 201", "change_reason": "Beslutet inlagt",
                "version": goal.version,
            },
        )  # fmt: skip
        assert response.status_code == 302
        goal.refresh_from_db()
        assert goal.decision_paragraph == "§ 201"


class TestNoCommitteeGoals:
    """Vadstena's model with a nämndmål level an administrator added anyway."""

    @pytest.fixture
    def vadstena(self, org) -> SteeringModel:
        model = services.steering_model_load_preset(actor=None, key="vadstena", activate=True)
        extra = GoalLevel.objects.create(
            model=model, key="namndmal", name="Nämndmål", name_plural="Nämndmål",
            position=2, decided_by="body",
        )  # fmt: skip
        extra.allowed_parents.set([level(model, "politisk-inriktning")])
        return model

    @pytest.fixture
    def direction(self, vadstena, org, admin_user) -> Goal:
        return services.goal_create(
            actor=admin_user, level=level(vadstena, "politisk-inriktning"), owner=org.kf,
            title="Minskade utsläpp", first_year=YEAR, last_year=YEAR + 3,
            perspective=perspective(vadstena, "ekologisk"), reason=REASON,
        )  # fmt: skip

    def test_the_goal_page_offers_no_goal_under_it(self, client, direction, editor_a):
        client.force_login(editor_a)
        assert client.get(f"/mal/{direction.pk}/").context["can_add_child"] is False
        assert client.get(f"/mal/nytt/?under={direction.pk}").status_code == 403

    def test_a_post_is_refused_for_the_right_reason(
        self, client, vadstena, direction, org, admin_user
    ):
        client.force_login(admin_user)
        with translation.override("en"):
            response = client.post(
                f"/mal/nytt/?under={direction.pk}",
                {
                    "level": level(vadstena, "namndmal").pk, "owner": org.namnd_a.pk,
                    "title": "Nämndmål", "first_year": YEAR, "change_reason": REASON,
                },
            )  # fmt: skip
        # The administrator may still create KF goals at the top, so the page is there.
        assert response.status_code in (200, 403)
        if response.status_code == 200:
            assert re.search(
                "has no committee goals|har inga nämndmål", str(response.context["form"].errors)
            )
        assert Goal.objects.count() == 1

    def test_the_service_gives_the_same_reason(self, vadstena, direction, org, admin_user):
        with pytest.raises(Exception) as caught:
            services.goal_create(
                actor=admin_user, level=level(vadstena, "namndmal"), owner=org.namnd_a,
                title="Nämndmål", parent=direction, first_year=YEAR, reason=REASON,
            )  # fmt: skip
        assert set(caught.value.error_dict) == {"level"}

    def test_the_admin_cannot_add_a_committee_level(self, vadstena, admin_user):
        new = GoalLevel(
            model=vadstena, key="bolagsmal", name="Bolagsmål", name_plural="Bolagsmål",
            position=3, decided_by="body",
        )  # fmt: skip
        with pytest.raises(Exception) as caught:
            services.configuration_save(actor=admin_user, instance=new, reason=REASON)
        assert set(caught.value.error_dict) == {"decided_by"}
        assert not vadstena.levels.filter(key="bolagsmal").exists()


class TestCompanyLevel:
    @pytest.fixture
    def alvesta(self, org) -> SteeringModel:
        return services.steering_model_load_preset(actor=None, key="alvesta", activate=True)

    @pytest.fixture
    def bolag(self, org):
        return UnitFactory(parent=org.kf, kind="bolag", name="Alvesta Bostäder", short_name="AB")

    @pytest.fixture
    def kommunmal(self, alvesta, org, admin_user) -> Goal:
        vision = services.goal_create(
            actor=admin_user, level=level(alvesta, "vision"), owner=org.kf, title="Alvesta 2030",
            first_year=YEAR, reason=REASON,
        )  # fmt: skip
        return services.goal_create(
            actor=admin_user, level=level(alvesta, "kommunmal"), owner=org.kf,
            title="Fler bostäder", parent=vision, first_year=YEAR, last_year=YEAR + 3,
            reason=REASON,
        )  # fmt: skip

    def test_a_company_editor_is_offered_bolagsmal_only(self, client, alvesta, bolag, kommunmal):
        user = UserFactory(username="bolag")
        RoleAssignmentFactory(user=user, role="redaktor", unit=bolag)
        client.force_login(user)
        form = client.get(f"/mal/nytt/?under={kommunmal.pk}").context["form"]
        assert list(form.fields["level"].queryset) == [level(alvesta, "bolagsmal")]
        assert list(form.fields["owner"].queryset) == [bolag]

    def test_a_committee_editor_is_offered_namndmal_only(
        self, client, alvesta, kommunmal, org, editor_a
    ):
        client.force_login(editor_a)
        form = client.get(f"/mal/nytt/?under={kommunmal.pk}").context["form"]
        assert list(form.fields["level"].queryset) == [level(alvesta, "namndmal")]

    def test_the_wrong_level_for_the_owner_is_said_at_the_owner(
        self, client, alvesta, bolag, kommunmal, admin_user
    ):
        client.force_login(admin_user)
        with translation.override("en"):
            response = client.post(
                f"/mal/nytt/?under={kommunmal.pk}",
                {
                    "level": level(alvesta, "namndmal").pk, "owner": bolag.pk,
                    "title": "Hyresrätter", "first_year": YEAR, "last_year": YEAR,
                    "change_reason": REASON,
                },
            )  # fmt: skip
        assert response.status_code == 200
        errors = response.context["form"].errors["owner"]
        assert re.search(r"(Choose|Välj) Bolagsmål\.", errors[0])
        assert Goal.objects.count() == 2


class TestTreeHeader:
    def test_the_tree_shows_the_vision_and_the_values(self, client, ale, org, admin_user):
        services.goal_create(
            actor=admin_user, level=level(ale, "vision"), owner=org.kf,
            title="Ale – där människor möts", first_year=2024, last_year=2031, reason=REASON,
        )  # fmt: skip
        client.force_login(admin_user)
        content = page(client.get(f"/mal/?ar={YEAR}"))
        header = content.split('class="facts model-header"')[1].split("</dl>")[0]
        assert "Ale – där människor möts" in header
        assert "Värdegrunden fastställs på åtta år" in header
        assert "Tillit" not in header  # principles are on the model page, not the header

    def test_a_model_without_a_vision_shows_its_ledord(self, client, org, admin_user):
        services.steering_model_load_preset(actor=None, key="borlange", activate=True)
        client.force_login(admin_user)
        content = page(client.get(f"/mal/?ar={YEAR}"))
        header = content.split('class="facts model-header"')[1].split("</dl>")[0]
        assert "Decentralisering, Förenkling, Tillgänglighet, Effektivisering, Koncernnytta" in (
            header
        )
        assert "Jag finns här för Borlängebon" in header
