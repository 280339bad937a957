"""The organisation pages at their literal URLs: who may see them, what they show, and
how many queries they run (the same for a small and a big organisation)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from apps.organisation import services
from apps.organisation.models import Unit
from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory

READERS = ["politician", "editor_a", "editor_b", "economist", "admin_user", "superuser"]

# Pinned query counts (STYLE.md): session, user, the user's roles, the kommun's name for the
# header, and the page's own reads.
TREE_QUERIES = 5  # + the units in tree order
UNIT_QUERIES = 8  # + the unit, its parent, its ancestors, its children
UNIT_QUERIES_ADMIN = UNIT_QUERIES + 1  # + who holds a role on the unit
HISTORY_QUERIES = 8  # + the unit, its ancestors, its history with users, parent names


def tree_names(response) -> list[str]:
    return re.findall(r'class="tree__link">([^<]+)</a>', response.content.decode())


@pytest.fixture
def ended(org) -> Unit:
    """A förskola that closed in the summer of 2025."""
    return UnitFactory(
        parent=org.forvaltning_a,
        kind="enhet",
        name="Förskolan Blåklinten",
        ansvarskod="2113",
        valid_from=dt.date(2019, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )


def build_units(org, count: int) -> None:
    """``count`` more units under KF: nämnder, each with a förvaltning and four enheter."""
    made = 0
    n = 0
    while made < count:
        n += 1
        namnd = UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {n:03}")
        made += 1
        if made >= count:
            break
        forvaltning = UnitFactory(parent=namnd, kind="forvaltning", name=f"Förvaltning {n:03}")
        made += 1
        for e in range(4):
            if made >= count:
                break
            UnitFactory(parent=forvaltning, kind="enhet", name=f"Enhet {n:03}.{e}")
            made += 1


class TestAccess:
    URLS = ["/organisation/", "/organisation/{pk}/", "/organisation/{pk}/historik/"]

    @pytest.mark.parametrize("url", URLS)
    def test_anonymous_is_sent_to_login(self, client, org, url):
        url = url.format(pk=org.namnd_a.pk)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/login/?next={url}"

    def test_anonymous_keeps_the_query_in_next(self, client, org):
        response = client.get("/organisation/?datum=alla")
        assert response.status_code == 302
        assert response["Location"] == "/login/?next=/organisation/%3Fdatum%3Dalla"

    @pytest.mark.parametrize("url", URLS)
    def test_outsider_gets_403(self, client, outsider, org, url):
        client.force_login(outsider)
        response = client.get(url.format(pk=org.namnd_a.pk))
        assert response.status_code == 403
        assert b"Kommunfullm\xc3\xa4ktige" not in response.content

    @pytest.mark.parametrize("url", URLS)
    def test_inactive_user_is_logged_out(self, client, inactive_editor, org, url):
        client.force_login(inactive_editor)
        response = client.get(url.format(pk=org.namnd_a.pk))
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")

    @pytest.mark.parametrize("persona", READERS)
    @pytest.mark.parametrize("url", URLS)
    def test_every_role_reads_every_page(self, request, client, org, persona, url):
        client.force_login(request.getfixturevalue(persona))
        for unit in (org.namnd_a, org.namnd_b, org.enhet_a1):
            response = client.get(url.format(pk=unit.pk))
            assert response.status_code == 200
            assert unit.name in response.content.decode()

    @pytest.mark.parametrize("url", URLS[1:])
    def test_missing_unit_is_404(self, client, politician, url):
        client.force_login(politician)
        assert client.get(url.format(pk=999_999)).status_code == 404

    @pytest.mark.parametrize("url", URLS[1:])
    def test_missing_unit_is_404_for_outsider_too(self, client, outsider, url):
        client.force_login(outsider)
        assert client.get(url.format(pk=999_999)).status_code == 404


class TestTree:
    def test_shows_the_units_in_tree_order(self, client, politician, org):
        client.force_login(politician)
        response = client.get("/organisation/")
        assert response.status_code == 200
        assert tree_names(response) == [
            "Kommunfullmäktige",
            "Kommunstyrelsen",
            "Nämnd A",
            "Förvaltning A",
            "Enhet A1",
            "Nämnd B",
            "Förvaltning B",
        ]
        assert f'href="/organisation/{org.enhet_a1.pk}/"' in response.content.decode()
        assert response.context["unit_count"] == 7

    def test_default_is_today_and_hides_units_that_have_ended(self, client, politician, org, ended):
        client.force_login(politician)
        response = client.get("/organisation/")
        assert "Förskolan Blåklinten" not in tree_names(response)
        assert response.context["unit_count"] == 7
        assert response.context["show_all"] is False

    def test_a_past_date_shows_the_units_of_that_day(self, client, politician, org, ended):
        client.force_login(politician)
        response = client.get("/organisation/?datum=2024-01-01")
        assert response.status_code == 200
        assert "Förskolan Blåklinten" in tree_names(response)
        assert response.context["day"] == dt.date(2024, 1, 1)
        assert response.context["unit_count"] == 8

    def test_the_last_day_of_a_unit_still_shows_it(self, client, politician, org, ended):
        client.force_login(politician)
        assert "Förskolan Blåklinten" in tree_names(client.get("/organisation/?datum=2025-06-30"))
        assert "Förskolan Blåklinten" not in tree_names(
            client.get("/organisation/?datum=2025-07-01")
        )

    def test_alla_shows_every_unit_also_those_that_ended(self, client, politician, org, ended):
        client.force_login(politician)
        response = client.get("/organisation/?datum=alla")
        assert response.status_code == 200
        assert "Förskolan Blåklinten" in tree_names(response)
        assert response.context["show_all"] is True
        assert response.context["unit_count"] == 8

    def test_a_unit_whose_parent_has_ended_is_left_out_with_it(self, client, admin_user, org):
        services.unit_retire(
            actor=admin_user, unit=org.namnd_b, valid_to=dt.date(2025, 12, 31), reason="Nedlagd"
        )
        client.force_login(admin_user)
        names = tree_names(client.get("/organisation/"))
        assert "Nämnd B" not in names
        assert "Förvaltning B" not in names
        assert "Nämnd A" in names

    def test_before_any_unit_existed_the_tree_is_empty(self, client, politician, org):
        client.force_login(politician)
        response = client.get("/organisation/?datum=2019-06-01")
        assert response.status_code == 200
        assert tree_names(response) == []
        assert response.context["roots"] == []

    @pytest.mark.parametrize("raw", ["fel", "2024-13-01", "23/11/2026", "2024-02-30"])
    def test_a_bad_date_shows_an_error_and_still_the_tree(self, client, politician, org, raw):
        client.force_login(politician)
        response = client.get(f"/organisation/?datum={raw}")
        assert response.status_code == 200
        assert response.context["date_error"]
        html = response.content.decode()
        assert 'class="field__error"' in html
        assert 'aria-invalid="true"' in html
        assert response.context["date_error"] in html
        assert "Nämnd A" in tree_names(response)

    @pytest.mark.parametrize("extra", [10, 300])
    def test_query_count_does_not_grow_with_the_organisation(
        self, client, editor_a, org, ended, extra, django_assert_num_queries
    ):
        build_units(org, extra)
        client.force_login(editor_a)
        with django_assert_num_queries(TREE_QUERIES):
            response = client.get("/organisation/?datum=alla")
        assert len(tree_names(response)) == 8 + extra


class TestUnitPage:
    def test_shows_the_unit_its_parents_and_its_children(self, client, politician, org):
        client.force_login(politician)
        response = client.get(f"/organisation/{org.namnd_a.pk}/")
        html = response.content.decode()
        assert "<h1>Nämnd A</h1>" in html
        assert "2000" in html
        assert f'href="/organisation/{org.kf.pk}/"' in html  # breadcrumb and "part of"
        assert f'<a href="/organisation/{org.forvaltning_a.pk}/">Förvaltning A</a>' in html
        assert "Enhet A1" not in html  # only the units directly below
        assert [c.pk for c in response.context["children"]] == [org.forvaltning_a.pk]
        assert [a.pk for a in response.context["ancestors"]] == [org.kf.pk]
        assert f'href="/organisation/{org.namnd_a.pk}/historik/"' in html

    @pytest.mark.parametrize(
        ("unit", "editable"),
        [("namnd_a", True), ("enhet_a1", True), ("namnd_b", False), ("kf", False)],
    )
    def test_editor_is_told_where_they_write(self, client, editor_a, org, unit, editable):
        client.force_login(editor_a)
        response = client.get(f"/organisation/{getattr(org, unit).pk}/")
        assert response.context["can_edit_content"] is editable

    def test_reader_writes_nowhere_and_sees_no_configuration(self, client, politician, org):
        client.force_login(politician)
        response = client.get(f"/organisation/{org.namnd_a.pk}/")
        assert response.context["can_edit_content"] is False
        assert response.context["can_configure"] is False
        assert response.context["role_holders"] is None
        assert "/admin/" not in response.content.decode()

    def test_administrator_sees_who_holds_roles_and_the_admin_link(
        self, client, admin_user, editor_a, org
    ):
        client.force_login(admin_user)
        response = client.get(f"/organisation/{org.namnd_a.pk}/")
        html = response.content.decode()
        assert [user.username for user, _ in response.context["role_holders"]] == ["redaktor_a"]
        assert str(editor_a) in html
        assert f'href="/admin/organisation/unit/{org.namnd_a.pk}/change/"' in html

    def test_editor_does_not_see_who_holds_roles(self, client, editor_a, org):
        client.force_login(editor_a)
        response = client.get(f"/organisation/{org.namnd_a.pk}/")
        assert response.context["role_holders"] is None
        assert f"/admin/organisation/unit/{org.namnd_a.pk}/change/" not in (
            response.content.decode()
        )

    def test_an_ended_unit_shows_its_end(self, client, politician, ended):
        client.force_login(politician)
        response = client.get(f"/organisation/{ended.pk}/")
        assert response.status_code == 200
        assert "30 juni 2025" in response.content.decode()

    @pytest.mark.parametrize("children", [2, 60])
    def test_query_count_does_not_grow_with_the_children(
        self, client, editor_a, org, children, django_assert_num_queries
    ):
        for n in range(children):
            UnitFactory(parent=org.forvaltning_a, kind="enhet", name=f"Skola {n:02}")
        client.force_login(editor_a)
        with django_assert_num_queries(UNIT_QUERIES):
            response = client.get(f"/organisation/{org.forvaltning_a.pk}/")
        assert len(response.context["children"]) == children + 1

    @pytest.mark.parametrize("holders", [1, 40])
    def test_query_count_for_administrators_does_not_grow_with_role_holders(
        self, client, admin_user, org, holders, django_assert_num_queries
    ):
        for n in range(holders):
            user = UserFactory(username=f"skribent{n:02}")
            RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_b)
        for n in range(holders):
            UnitFactory(parent=org.forvaltning_b, kind="enhet", name=f"Enhet B{n:02}")
        client.force_login(admin_user)
        with django_assert_num_queries(UNIT_QUERIES_ADMIN):
            response = client.get(f"/organisation/{org.namnd_b.pk}/")
        assert len(response.context["role_holders"]) == holders


class TestHistoryPage:
    def test_shows_who_changed_what_and_why(self, client, admin_user, politician, org):
        services.unit_update(
            actor=admin_user,
            unit=org.namnd_a,
            reason="Beslut i KF 2026-03-12 § 45",
            name="Barn- och utbildningsnämnden",
        )
        client.force_login(politician)
        response = client.get(f"/organisation/{org.namnd_a.pk}/historik/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Beslut i KF 2026-03-12 § 45" in html
        assert admin_user.get_full_name() in html
        newest, oldest = response.context["entries"]
        assert newest.who == admin_user.get_full_name()
        assert newest.reason == "Beslut i KF 2026-03-12 § 45"
        assert [(c.old, c.new) for c in newest.changes] == [
            ("Nämnd A", "Barn- och utbildningsnämnden")
        ]
        assert oldest.kind == "+"

    def test_a_move_is_shown_with_the_parent_names(self, client, admin_user, org):
        services.unit_update(
            actor=admin_user, unit=org.forvaltning_a, reason="Omorganisation", parent=org.namnd_b
        )
        client.force_login(admin_user)
        response = client.get(f"/organisation/{org.forvaltning_a.pk}/historik/")
        change = response.context["entries"][0].changes
        assert [(c.old, c.new) for c in change] == [("Nämnd A", "Nämnd B")]

    def test_user_without_a_name_is_shown_by_username(self, client, politician, org):
        nameless = UserFactory(username="anonym_admin", first_name="", last_name="")
        RoleAssignmentFactory(user=nameless, role="administrator")
        services.unit_update(actor=nameless, unit=org.namnd_b, reason="Rättelse", short_name="B")
        client.force_login(politician)
        response = client.get(f"/organisation/{org.namnd_b.pk}/historik/")
        assert response.context["entries"][0].who == "anonym_admin"
        assert "anonym_admin" in response.content.decode()

    @pytest.mark.parametrize("changes", [2, 40])
    def test_query_count_does_not_grow_with_the_history(
        self, client, admin_user, editor_a, org, changes, django_assert_num_queries
    ):
        second_admin = UserFactory(username="admin2", first_name="Andra")
        RoleAssignmentFactory(user=second_admin, role="administrator")
        for n in range(changes):
            services.unit_update(
                actor=admin_user if n % 2 else second_admin,
                unit=org.forvaltning_a,
                reason=f"Ändring {n}",
                parent=org.namnd_b if n % 2 == 0 else org.namnd_a,
                position=n,
            )
        client.force_login(editor_a)
        with django_assert_num_queries(HISTORY_QUERIES):
            response = client.get(f"/organisation/{org.forvaltning_a.pk}/historik/")
        entries = response.context["entries"]
        assert len(entries) == changes + 1
        assert entries[0].reason == f"Ändring {changes - 1}"
        assert {e.who for e in entries[:-1]} == {
            second_admin.get_full_name(),
            admin_user.get_full_name(),
        }
