"""The pages of uppdrag and grunduppdrag with their aspects and global goals: the lists
filtered by aspect with counts per aspect, giving an uppdrag under no goal, the aspect
required at the field, indicators attached and removed on the pages, an indicator's tags;
refused for outsiders and other units' editors; the lists' queries pinned at two sizes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from apps.goals import selectors, services
from apps.goals.models import Assignment, BasicMission, MissionIndicator, Tag
from tests.factories import IndicatorFactory, IndicatorTargetFactory
from tests.goals.builders import agenda


def aspect(code: str) -> Tag:
    return Tag.objects.get(kind="hallbarhet", code=code)


@pytest.fixture
def vadstena(org):
    model = services.steering_model_load_preset(actor=None, key="vadstena", activate=True)
    model.uses_sustainability_aspects = True
    model.save()
    return model


def give(admin, org, title, *tags, recipients=None):
    return services.assignment_create(
        actor=admin,
        given_by=org.kf,
        title=title,
        first_year=2026,
        last_year=2026,
        recipients=recipients or [org.namnd_a],
        decided_on=dt.date(2025, 6, 16),
        paragraph="§ 87",
        tags=tags,
        reason="Budget",
    )


def mission(editor, unit, title, *tags):
    return services.basic_mission_save(
        actor=editor, unit=unit, title=title, text=f"{title} för alla.", first_year=2025,
        tags=tags, reason="Reglemente",
    )  # fmt: skip


@pytest.fixture
def tagged(org, vadstena, admin_user, editor_a, editor_b):
    give(admin_user, org, "Bostäder för unga", aspect("social"), aspect("ekonomisk"))
    give(admin_user, org, "Solceller på skolor", aspect("ekologisk"), agenda(7))
    give(admin_user, org, "Fritidsbank", aspect("social"), recipients=[org.namnd_b])
    mission(editor_a, org.namnd_a, "Förskola", aspect("social"))
    mission(editor_a, org.namnd_a, "Grundskola", aspect("social"), aspect("ekonomisk"))
    mission(editor_b, org.namnd_b, "Renhållning", aspect("ekologisk"), agenda(12))


def counts(listing) -> dict[str, int]:
    return {c.tag.code: c.count for c in listing.aspects}


class TestLists:
    def test_uppdrag_filtered_by_aspect_with_counts_per_aspect(self, client, politician, tagged):
        client.force_login(politician)
        response = client.get(f"/mal/uppdrag/?ar=2026&tagg={aspect('social').pk}")
        assert response.status_code == 200
        listing = response.context["listing"]
        assert [a.title for a in listing.rows] == ["Bostäder för unga", "Fritidsbank"]
        assert counts(listing) == {"ekonomisk": 1, "ekologisk": 1, "social": 2}
        assert [(c.tag.code, c.count) for c in listing.global_goals] == [("7", 1)]
        assert "Solceller på skolor" not in response.content.decode()

    def test_uppdrag_filtered_by_global_goal(self, client, politician, tagged):
        client.force_login(politician)
        listing = client.get(f"/mal/uppdrag/?ar=2026&tagg={agenda(7).pk}").context["listing"]
        assert [a.title for a in listing.rows] == ["Solceller på skolor"]

    def test_grunduppdrag_filtered_by_aspect_with_counts(self, client, politician, tagged):
        client.force_login(politician)
        response = client.get(f"/mal/grunduppdrag/?ar=2026&tagg={aspect('ekonomisk').pk}")
        listing = response.context["listing"]
        assert [m.title for m in listing.rows] == ["Grundskola"]
        assert counts(listing) == {"ekonomisk": 1, "ekologisk": 1, "social": 2}
        everything = client.get("/mal/grunduppdrag/?ar=2026").context["listing"]
        assert [m.title for m in everything.rows] == ["Förskola", "Grundskola", "Renhållning"]

    def test_an_outsider_is_refused(self, client, outsider, tagged):
        client.force_login(outsider)
        assert client.get("/mal/uppdrag/?ar=2026").status_code == 403
        assert client.get("/mal/grunduppdrag/?ar=2026").status_code == 403
        some = Assignment.objects.first()
        assert client.get(f"/mal/uppdrag/{some.pk}/").status_code == 403


def new_assignment(org, **changes) -> dict:
    data = {
        "given_by": org.kf.pk,
        "title": "Lokalt uppdrag",
        "description": "",
        "recipients": [org.namnd_a.pk],
        "first_year": "2026",
        "last_year": "2026",
        "resources": "",
        "deadline": "",
        "decided_on": "2025-06-16",
        "paragraph": "§ 88",
        "change_reason": "Budget 2026",
    }
    data.update(changes)
    return data


class TestGiving:
    def test_an_uppdrag_under_no_goal_needs_an_aspect_under_vadstena(
        self, client, org, vadstena, admin_user
    ):
        client.force_login(admin_user)
        response = client.post("/mal/uppdrag/nytt/?ar=2026", new_assignment(org))
        assert response.status_code == 200
        assert response.context["form"].errors["tags"] == [
            "Välj minst en hållbarhetsaspekt: ekonomisk, ekologisk eller social."
        ]
        assert not Assignment.objects.exists()
        response = client.post(
            "/mal/uppdrag/nytt/?ar=2026",
            new_assignment(org, tags=[aspect("social").pk, aspect("ekologisk").pk]),
        )
        assert response.status_code == 302
        given = Assignment.objects.get()
        assert given.goal is None
        assert {t.code for t in given.tags.all()} == {"social", "ekologisk"}
        page = client.get(response["Location"]).content.decode()
        assert "Social hållbarhet" in page and "Lokalt uppdrag" in page

    def test_an_editor_gives_only_as_a_body_of_their_own(self, client, org, vadstena, editor_a):
        client.force_login(editor_a)
        form = client.get("/mal/uppdrag/nytt/").context["form"]
        assert list(form.fields["given_by"].queryset) == [org.namnd_a]
        response = client.post(
            "/mal/uppdrag/nytt/", new_assignment(org, tags=[aspect("social").pk])
        )
        assert response.status_code == 200
        assert "given_by" in response.context["form"].errors
        assert not Assignment.objects.exists()

    def test_an_outsider_cannot_give(self, client, outsider, vadstena):
        client.force_login(outsider)
        assert client.get("/mal/uppdrag/nytt/").status_code == 403

    def test_retagging_with_a_stale_version_shows_the_conflict(
        self, client, org, vadstena, admin_user
    ):
        assignment = give(admin_user, org, "Bostäder", aspect("social"))
        opened = assignment.version
        services.assignment_update(
            actor=admin_user, assignment=assignment, tags=[aspect("ekonomisk")], reason="Först"
        )
        client.force_login(admin_user)
        response = client.post(
            f"/mal/uppdrag/{assignment.pk}/andra/",
            {"title": "Bostäder", "description": "", "resources": "",
             "tags": [aspect("ekologisk").pk], "change_reason": "Sen", "version": opened},
        )  # fmt: skip
        assert response.status_code == 200
        assert response.context["conflict"] is not None
        assert {t.code for t in assignment.tags.all()} == {"ekonomisk"}

    def test_a_receiving_nämnd_cannot_change_it(self, client, org, vadstena, admin_user, editor_a):
        assignment = give(admin_user, org, "Bostäder", aspect("social"))
        client.force_login(editor_a)
        assert client.get(f"/mal/uppdrag/{assignment.pk}/andra/").status_code == 403


class TestMissionPages:
    def test_another_grunduppdrag_of_the_unit_with_aspects(self, client, org, vadstena, editor_a):
        mission(editor_a, org.namnd_a, "Förskola", aspect("social"))
        client.force_login(editor_a)
        response = client.post(
            f"/mal/enhet/{org.namnd_a.pk}/grunduppdrag/nytt/?ar=2026",
            {"title": "Fritidshem", "text": "Fritidshem för alla.", "source": "",
             "document": "", "first_year": "2026", "tags": [aspect("social").pk],
             "change_reason": "Nytt reglemente"},
        )  # fmt: skip
        assert response.status_code == 302
        assert set(org.namnd_a.basic_missions.values_list("title", flat=True)) == {
            "Förskola",
            "Fritidshem",
        }
        page = client.get(f"/mal/enhet/{org.namnd_a.pk}/?ar=2026").content.decode()
        assert "Fritidshem" in page and "Förskola" in page

    def test_without_an_aspect_the_field_says_so(self, client, org, vadstena, editor_a):
        client.force_login(editor_a)
        with translation.override("en"):
            response = client.post(
                f"/mal/enhet/{org.namnd_a.pk}/grunduppdrag/nytt/?ar=2026",
                {"title": "Fritidshem", "text": "Text", "source": "", "document": "",
                 "first_year": "2026", "change_reason": "Nytt"},
            )  # fmt: skip
        assert "tags" in response.context["form"].errors
        assert not BasicMission.objects.exists()

    def test_indicators_attached_shown_with_target_and_removed(
        self, client, org, vadstena, editor_a
    ):
        preschool = mission(editor_a, org.namnd_a, "Förskola", aspect("social"))
        indicator = IndicatorFactory(title="Andel barn i förskola")
        IndicatorTargetFactory(indicator=indicator, year=2026, unit=org.namnd_a, value=95)
        client.force_login(editor_a)
        response = client.post(
            f"/mal/grunduppdrag/{preschool.pk}/indikatorer/ny/?ar=2026",
            {"indicator": indicator.pk, "year": "2026", "change_reason": "Etablerad"},
        )
        assert response.status_code == 302
        page = client.get(f"/mal/grunduppdrag/{preschool.pk}/?ar=2026")
        (line,) = page.context["data"].indicators
        assert (line.indicator, line.target) == (indicator, Decimal("95"))
        assert "Andel barn i förskola" in page.content.decode()

        url = f"/mal/grunduppdrag/{preschool.pk}/indikatorer/{indicator.pk}/ta-bort/?ar=2026"
        prefix = f"remove-{indicator.pk}"
        response = client.post(url, {f"{prefix}-year": "2026", f"{prefix}-change_reason": ""})
        assert response.status_code == 400
        assert MissionIndicator.objects.exists()
        response = client.post(
            url, {f"{prefix}-year": "2026", f"{prefix}-change_reason": "Ersätts"}
        )
        assert response.status_code == 302
        assert not MissionIndicator.objects.exists()

    def test_another_units_editor_is_refused(self, client, org, vadstena, editor_a, editor_b):
        preschool = mission(editor_a, org.namnd_a, "Förskola", aspect("social"))
        indicator = IndicatorFactory()
        client.force_login(editor_b)
        assert client.get(f"/mal/grunduppdrag/{preschool.pk}/andra/").status_code == 403
        response = client.post(
            f"/mal/grunduppdrag/{preschool.pk}/indikatorer/ny/",
            {"indicator": indicator.pk, "year": "2026", "change_reason": "Nej"},
        )
        assert response.status_code == 403
        prefix = f"remove-{indicator.pk}"
        response = client.post(
            f"/mal/grunduppdrag/{preschool.pk}/indikatorer/{indicator.pk}/ta-bort/",
            {f"{prefix}-year": "2026", f"{prefix}-change_reason": "Nej"},
        )
        assert response.status_code == 403
        assert not MissionIndicator.objects.exists()


class TestIndicatorTags:
    def test_an_editor_of_a_unit_using_it_tags_it_with_global_goals(
        self, client, org, vadstena, editor_a, editor_b
    ):
        preschool = mission(editor_a, org.namnd_a, "Förskola", aspect("social"))
        indicator = IndicatorFactory()
        MissionIndicator.objects.create(basic_mission=preschool, indicator=indicator, year=2026)
        client.force_login(editor_b)
        response = client.post(
            f"/mal/indikatorer/{indicator.pk}/taggar/",
            {"tags": [agenda(4).pk], "change_reason": "Nej"},
        )
        assert response.status_code == 403
        client.force_login(editor_a)
        response = client.post(
            f"/mal/indikatorer/{indicator.pk}/taggar/?tillbaka=/mal/grunduppdrag/",
            {"tags": [agenda(4).pk], "change_reason": "Mäter mål 4"},
        )
        assert response.status_code == 302
        assert response["Location"] == "/mal/grunduppdrag/"
        assert [t.code for t in indicator.tags.all()] == ["4"]


@pytest.fixture(params=[3, 30], ids=["3-each", "30-each"])
def many(request, org, vadstena, admin_user, editor_a):
    for i in range(request.param):
        give(admin_user, org, f"Uppdrag {i}", aspect("social"), agenda(1 + i % 17))
        mission(editor_a, org.namnd_a, f"Grunduppdrag {i}", aspect("ekologisk"))
    return request.param


# The uppdrag, their tags, their recipients and the recipients' units (4); the counts per
# tag and the aspects and global goals they name (2).
ASSIGNMENT_LIST_QUERIES = 6
# The grunduppdrag with their units, their tags (2); the counts and the tags (2).
MISSION_LIST_QUERIES = 4


def test_the_lists_run_a_fixed_number_of_queries(many, django_assert_num_queries):
    social = aspect("social").pk
    with django_assert_num_queries(ASSIGNMENT_LIST_QUERIES):
        listing = selectors.assignment_list(year=2026, tag_id=social)
    assert len(listing.rows) == many
    with django_assert_num_queries(MISSION_LIST_QUERIES):
        listing = selectors.mission_list(year=2026)
    assert len(listing.rows) == many
