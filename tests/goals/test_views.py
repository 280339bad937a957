"""The goal pages at their literal URLs: who may see and change what, what the pages show,
and what a POST leaves in the database."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.utils import translation

from apps.goals import services
from apps.goals.models import (
    Assignment,
    AssignmentRecipient,
    Goal,
    GoalIndicator,
    Indicator,
    RecipientStatus,
    SteeringModel,
)
from tests.factories import (
    AssessmentFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)
from tests.goals.builders import DECIDED_ON, YEAR, agenda, level, periods, perspective

READERS = ["politician", "editor_a", "editor_b", "economist", "admin_user"]


def page(response) -> str:
    return unescape(response.content.decode())


def tree_rows(response) -> list[tuple[str, bool]]:
    """(title, is a match) for each goal row, in page order; context rows are not matches."""
    html = response.content.decode()
    pattern = r'<div class="goal-row([^"]*)">.*?class="goal-row__title" href="[^"]*">([^<]+)</a>'
    return [
        (unescape(title), "goal-row--context" not in classes)
        for classes, title in re.findall(pattern, html, flags=re.S)
    ]


def breadcrumb(response) -> list[str]:
    nav = re.search(r'<nav[^>]*class="breadcrumb">(.*?)</nav>', response.content.decode(), re.S)
    return [unescape(text.strip()) for text in re.findall(r">([^<>]+)</(?:a|span)>", nav[1])]


@pytest.fixture
def assignment(chain, org, admin_user, editor_a) -> Assignment:
    given = services.assignment_create(
        actor=admin_user,
        given_by=org.kf,
        goal=chain.school,
        title="Läslyft i hela kommunen",
        first_year=YEAR,
        last_year=YEAR,
        recipients=[org.namnd_a, org.namnd_b],
        decided_on=DECIDED_ON,
        paragraph="§ 87",
        reason="Budget 2026",
    )
    services.assignment_report(
        actor=editor_a,
        recipient=given.recipient_rows.get(unit=org.namnd_a),
        status=RecipientStatus.IN_PROGRESS,
        report="Läsombud på alla skolor.",
        reason="Tertial 1",
    )
    return given


@pytest.fixture
def measured(chain) -> Indicator:
    """Nämnd A's nämndmål measured by a Kolada KPI with a target and three values."""
    bokslut, tertial1, tertial2 = periods()
    indicator = IndicatorFactory(
        title="Elever i åk 3 som klarar läsning", kolada_kpi="N15419", decimals=1
    )
    GoalIndicatorFactory(goal=chain.reading, indicator=indicator, year=YEAR)
    IndicatorTargetFactory(indicator=indicator, year=YEAR, value=Decimal(85))
    IndicatorValueFactory(indicator=indicator, period=bokslut, total=Decimal("79.4"))
    IndicatorValueFactory(indicator=indicator, period=tertial1, total=Decimal("81.0"))
    IndicatorValueFactory(indicator=indicator, period=tertial2, total=Decimal("83.5"))
    return indicator


class TestAccess:
    URLS = [
        "/mal/",
        "/mal/{pk}/",
        "/mal/{pk}/barn/",
        "/mal/{pk}/historik/",
        "/mal/styrmodell/",
        "/mal/enhet/{unit}/",
        "/mal/nytt/?under={pk}",
        "/mal/{pk}/andra/",
        "/mal/{pk}/flytta/",
        "/mal/{pk}/avsluta/",
        "/mal/{pk}/indikatorer/ny/",
        "/mal/{pk}/uppdrag/nytt/",
    ]

    def url(self, template, chain):
        return template.format(pk=chain.reading.pk, unit=chain.reading.owner_id)

    @pytest.mark.parametrize("template", URLS)
    def test_anonymous_is_sent_to_login(self, client, chain, template):
        url = self.url(template, chain)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")

    @pytest.mark.parametrize("template", URLS)
    def test_outsider_gets_403(self, client, chain, outsider, template):
        client.force_login(outsider)
        assert client.get(self.url(template, chain)).status_code == 403

    @pytest.mark.parametrize("persona", READERS)
    @pytest.mark.parametrize(
        "template", ["/mal/", "/mal/{pk}/", "/mal/{pk}/historik/", "/mal/styrmodell/"]
    )
    def test_every_role_reads(self, request, client, chain, persona, template):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(self.url(template, chain)).status_code == 200

    @pytest.mark.parametrize(
        "template",
        [
            "/mal/{pk}/andra/",
            "/mal/{pk}/flytta/",
            "/mal/{pk}/avsluta/",
            "/mal/{pk}/indikatorer/ny/",
        ],
    )
    @pytest.mark.parametrize("persona", ["politician", "editor_b", "economist"])
    def test_only_the_owners_editors_write(self, request, client, chain, persona, template):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(self.url(template, chain)).status_code == 403
        assert client.post(self.url(template, chain), {"title": "x"}).status_code == 403

    def test_unknown_goal_is_404(self, client, chain, politician):
        client.force_login(politician)
        assert client.get("/mal/999999/").status_code == 404

    def test_tree_without_a_model_in_use_is_404(self, client, org, politician):
        client.force_login(politician)
        assert client.get("/mal/").status_code == 404


class TestTree:
    def test_politician_sees_the_kf_goals(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}")
        assert response.status_code == 200
        assert tree_rows(response) == [
            ("Vimmerby 2030", True),
            ("Fler elever når målen", True),
            ("Resultat två procent", True),
            ("Trygg äldreomsorg", True),
        ]
        assert "Alla elever läser i årskurs 3" not in page(response)  # loaded on demand
        assert f'data-children-url="/mal/{chain.school.pk}/barn/?ar={YEAR}"' in page(response)

    def test_text_only_vision_shows_no_status(self, client, chain, politician):
        client.force_login(politician)
        content = page(client.get(f"/mal/?ar={YEAR}"))
        rows = content.split('<li class="tree__item">')[1:]
        assert "Vimmerby 2030" in rows[0] and "status--" not in rows[0]
        assert "Fler elever når målen" in rows[1] and "status--not_assessed" in rows[1]

    def test_council_goal_shares_at_a_glance(self, client, chain, org, admin_user, politician):
        _, tertial1, _ = periods()  # closed: every reader sees it
        AssessmentFactory(goal=chain.school, period=tertial1, status="met")
        AssessmentFactory(goal=chain.elderly, period=tertial1, status="not_met")
        AssessmentFactory(goal=chain.reading, period=tertial1, status="met")  # not KF's
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}")
        shares = response.context["shares"]
        # The vision is text only; the three KF goals count.
        assert (shares.met, shares.partly, shares.not_met, shares.not_assessed) == (1, 0, 1, 1)
        assert 'class="shares"' in page(response)
        filtered = client.get(f"/mal/?ar={YEAR}&q=elever")
        assert 'class="shares"' not in page(filtered)

    def test_toggle_only_where_the_year_has_goals_under_it(self, client, chain, org, editor_b):
        services.goal_create(
            actor=editor_b,
            level=level(chain.model, "namndmal"),
            owner=org.namnd_b,
            parent=chain.finance,
            title="Budget i balans 2025",
            first_year=2025,
            last_year=2025,
            reason="Budget 2025",
        )
        client.force_login(editor_b)
        content = page(client.get(f"/mal/?ar={YEAR}"))
        assert f'aria-controls="goal-children-{chain.school.pk}"' in content
        assert f'aria-controls="goal-children-{chain.finance.pk}"' not in content
        earlier = page(client.get("/mal/?ar=2025"))
        assert f'aria-controls="goal-children-{chain.finance.pk}"' in earlier

    def test_children_partial_returns_the_goals_under_a_node(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(
            f"/mal/{chain.school.pk}/barn/?ar={YEAR}", headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        assert "<html" not in page(response)
        assert tree_rows(response) == [("Alla elever läser i årskurs 3", True)]
        assert f'aria-controls="goal-children-{chain.reading.pk}"' in page(response)

    def test_children_of_a_leaf_say_so(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(
            f"/mal/{chain.finance.pk}/barn/?ar={YEAR}", headers={"HX-Request": "true"}
        )
        assert tree_rows(response) == []
        assert 'class="tree__empty"' in page(response)

    def test_children_without_htmx_go_to_the_goal_page(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/{chain.school.pk}/barn/?ar={YEAR}")
        assert response.status_code == 302
        assert response["Location"] == f"/mal/{chain.school.pk}/?ar={YEAR}"

    def test_unit_filter(self, client, chain, org, politician):
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}&enhet={org.namnd_a.pk}")
        assert tree_rows(response) == [
            ("Vimmerby 2030", False),
            ("Fler elever når målen", False),
            ("Alla elever läser i årskurs 3", True),
            ("Läsfrämjande i fritids", True),
        ]

    def test_perspective_filter(self, client, chain, politician):
        client.force_login(politician)
        pk = perspective(chain.model, "verksamhet").pk
        response = client.get(f"/mal/?ar={YEAR}&perspektiv={pk}")
        assert tree_rows(response) == [
            ("Vimmerby 2030", False),
            ("Trygg äldreomsorg", False),
            ("Kortare väntetid till särskilt boende", True),
        ]

    def test_agenda_2030_filter(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}&tagg={agenda(4).pk}")
        assert tree_rows(response) == [
            ("Vimmerby 2030", False),
            ("Fler elever når målen", False),
            ("Alla elever läser i årskurs 3", True),
        ]

    def test_text_filter(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}&q=v%C3%A4ntetid")
        assert tree_rows(response) == [
            ("Vimmerby 2030", False),
            ("Trygg äldreomsorg", False),
            ("Kortare väntetid till särskilt boende", True),
        ]

    def test_filter_without_matches(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/?ar={YEAR}&q=finns-inte")
        assert response.status_code == 200
        assert tree_rows(response) == []

    def test_nonsense_parameters_are_ignored(self, client, chain, politician):
        client.force_login(politician)
        response = client.get("/mal/?ar=abc&enhet=x&perspektiv=-1&tagg=")
        assert response.status_code == 200
        assert response.context["filters"].active is False


class TestGoalPage:
    def test_breadcrumb_runs_up_to_the_vision(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/{chain.reading_unit.pk}/?ar={YEAR}")
        assert response.status_code == 200
        assert breadcrumb(response)[1:] == [
            "Vimmerby 2030",
            "Fler elever når målen",
            "Alla elever läser i årskurs 3",
            "Läsfrämjande i fritids",
        ]

    def test_shows_the_goals_under_it_by_unit(self, client, chain, politician):
        client.force_login(politician)
        content = page(client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}"))
        children = content.split('id="children-heading"')[1].split("</section>")[0]
        assert "<h3>Förvaltning A</h3>" in children
        assert f'href="/mal/{chain.reading_unit.pk}/?ar={YEAR}">Läsfrämjande i fritids</a>' in (
            children
        )

    def test_shows_assignments_with_each_recipients_status(
        self, client, chain, assignment, politician
    ):
        client.force_login(politician)
        content = page(client.get(f"/mal/{chain.school.pk}/?ar={YEAR}"))
        assert "Läslyft i hela kommunen" in content
        with translation.override("sv"):
            in_progress = str(RecipientStatus.IN_PROGRESS.label)
            not_started = str(RecipientStatus.NOT_STARTED.label)
        assert f"<tr><td>Nämnd A</td><td>{in_progress}</td><td>Läsombud på alla skolor." in content
        assert f"<tr><td>Nämnd B</td><td>{not_started}</td><td>–" in content
        assert "/mal/uppdrag/mottagare/" not in content  # a politician reports nothing

    def test_recipients_editor_gets_the_report_link(self, client, chain, assignment, editor_a):
        client.force_login(editor_a)
        content = page(client.get(f"/mal/{chain.school.pk}/?ar={YEAR}"))
        mine = assignment.recipient_rows.get(unit__short_name="NA")
        theirs = assignment.recipient_rows.get(unit__short_name="NB")
        assert f"/mal/uppdrag/mottagare/{mine.pk}/rapport/" in content
        assert f"/mal/uppdrag/mottagare/{theirs.pk}/rapport/" not in content
        assert f"/mal/uppdrag/{assignment.pk}/beslut/" not in content

    def test_shows_the_indicator_chart_and_values(
        self, client, chain, measured, politician, economist
    ):
        client.force_login(economist)
        content = page(client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}"))
        svg = re.search(r"<svg[^>]*>", content)[0]
        assert 'role="img"' in svg
        assert f'aria-labelledby="indicator-{measured.pk}-title"' in svg
        assert "Elever i åk 3 som klarar läsning" in content
        assert "Kolada N15419" in content
        table = content.split("<caption>", 1)[1].split("</table>")[0]
        assert '<th scope="row">Bokslut 2025</th><td class="num">79,4</td>' in table
        assert '<th scope="row">T1 2026</th><td class="num">81,0</td>' in table
        assert '<th scope="row">T2 2026</th><td class="num">83,5</td><td class="num">85,0' in (
            table
        )
        assert "target-status--near" in content  # 83,5 is within 5 % of 85
        # The open tertial 2 is not the politician's yet: the series ends with tertial 1.
        client.force_login(politician)
        content = page(client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}"))
        table = content.split("<caption>", 1)[1].split("</table>")[0]
        assert '<th scope="row">T1 2026</th><td class="num">81,0</td>' in table
        assert "T2 2026" not in table
        assert "83,5" not in content

    def test_vision_says_it_has_no_indicators(self, client, chain, politician):
        client.force_login(politician)
        response = client.get(f"/mal/{chain.vision.pk}/?ar={YEAR}")
        assert "<svg" not in page(response)
        assert response.context["charts"] == []

    def test_editor_of_the_owner_sees_the_edit_links(self, client, chain, editor_a, editor_b):
        client.force_login(editor_a)
        assert f"/mal/{chain.reading.pk}/andra/" in page(client.get(f"/mal/{chain.reading.pk}/"))
        client.force_login(editor_b)
        assert f"/mal/{chain.reading.pk}/andra/" not in page(
            client.get(f"/mal/{chain.reading.pk}/")
        )

    def test_history_shows_who_and_why(self, client, chain, editor_a, politician):
        services.goal_update(
            actor=editor_a, goal=chain.reading, title="Alla läser", reason="Kortare rubrik"
        )
        client.force_login(politician)
        response = client.get(f"/mal/{chain.reading.pk}/historik/")
        assert response.status_code == 200
        content = page(response)
        assert content.count(editor_a.get_full_name()) >= 2  # created and changed
        assert "Kortare rubrik" in content
        assert "Beslutad i budget 2025" in content
        assert "<td>Alla elever läser i årskurs 3</td><td>Alla läser</td>" in content

    def test_unit_page_lists_the_units_goals(self, client, chain, org, politician):
        client.force_login(politician)
        content = page(client.get(f"/mal/enhet/{org.namnd_b.pk}/?ar={YEAR}"))
        assert "Kortare väntetid till särskilt boende" in content
        assert "Alla elever läser i årskurs 3" not in content


class TestCreateAndEdit:
    def form_data(self, chain, org, **changes):
        data = {
            "level": level(chain.model, "namndmal").pk,
            "owner": org.namnd_a.pk,
            "title": "Fler elever i simskola",
            "description": "",
            "first_year": YEAR,
            "last_year": YEAR + 1,
            "perspective": perspective(chain.model, "utveckling").pk,
            "tags": [agenda(3).pk],
            "change_reason": "Nämndens budget 2026",
        }
        data.update(changes)
        return data

    def test_editor_gets_the_form_with_only_their_units(self, client, chain, org, editor_a):
        client.force_login(editor_a)
        response = client.get(f"/mal/nytt/?under={chain.school.pk}")
        assert response.status_code == 200
        form = response.context["form"]
        assert list(form.fields["level"].queryset) == [level(chain.model, "namndmal")]
        assert list(form.fields["owner"].queryset) == [org.namnd_a]

    def test_editor_creates_a_committee_goal(self, client, chain, org, editor_a):
        client.force_login(editor_a)
        response = client.post(f"/mal/nytt/?under={chain.school.pk}", self.form_data(chain, org))
        goal = Goal.objects.get(title="Fler elever i simskola")
        assert response.status_code == 302
        assert response["Location"] == f"/mal/{goal.pk}/"
        assert (goal.parent, goal.owner, goal.level.key) == (chain.school, org.namnd_a, "namndmal")
        assert goal.perspective.key == "utveckling"
        assert [t.code for t in goal.tags.all()] == ["3"]
        record = goal.history.earliest()
        assert (record.history_user, record.history_change_reason) == (
            editor_a,
            "Nämndens budget 2026",
        )

    def test_editor_cannot_post_a_goal_for_another_committee(self, client, chain, org, editor_a):
        client.force_login(editor_a)
        count = Goal.objects.count()
        response = client.post(
            f"/mal/nytt/?under={chain.school.pk}",
            self.form_data(chain, org, owner=org.namnd_b.pk),
        )
        assert response.status_code == 200
        assert "owner" in response.context["form"].errors
        assert Goal.objects.count() == count

    def test_empty_title_rerenders_with_a_field_error(self, client, chain, org, editor_a):
        client.force_login(editor_a)
        count = (Goal.objects.count(), Goal.history.count())
        response = client.post(
            f"/mal/nytt/?under={chain.school.pk}", self.form_data(chain, org, title="")
        )
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"title"}
        assert 'id="error-summary"' in page(response)
        assert (Goal.objects.count(), Goal.history.count()) == count

    def test_service_error_lands_on_the_field(self, client, chain, org, editor_a):
        client.force_login(editor_a)
        count = Goal.objects.count()
        response = client.post(
            f"/mal/nytt/?under={chain.school.pk}",
            self.form_data(chain, org, first_year=2024),  # before the KF goal's years
        )
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"first_year"}
        assert Goal.objects.count() == count

    @pytest.mark.parametrize(
        ("persona", "goal", "shown"),
        [
            ("editor_a", "vision", False),  # KF's levels only under the vision
            ("admin_user", "vision", True),
            ("editor_a", "school", True),  # a nämndmål under KF's inriktningsmål
            ("politician", "school", False),
        ],
    )
    def test_new_goal_under_this_is_shown_to_whoever_may_create_there(
        self, client, request, chain, persona, goal, shown
    ):
        parent = getattr(chain, goal)
        link = f"/mal/nytt/?under={parent.pk}"
        client.force_login(request.getfixturevalue(persona))
        assert (link in page(client.get(f"/mal/{parent.pk}/?ar={YEAR}"))) is shown
        assert client.get(link).status_code == (200 if shown else 403)

    def test_politician_cannot_create(self, client, chain, org, politician):
        client.force_login(politician)
        assert client.get(f"/mal/nytt/?under={chain.school.pk}").status_code == 403
        count = Goal.objects.count()
        response = client.post(f"/mal/nytt/?under={chain.school.pk}", self.form_data(chain, org))
        assert response.status_code == 403
        assert Goal.objects.count() == count

    def test_editor_of_another_committee_gets_403_on_edit(self, client, chain, org, editor_b):
        client.force_login(editor_b)
        assert client.get(f"/mal/{chain.reading.pk}/andra/").status_code == 403
        response = client.post(
            f"/mal/{chain.reading.pk}/andra/", self.form_data(chain, org, title="Kapat")
        )
        assert response.status_code == 403
        chain.reading.refresh_from_db()
        assert chain.reading.title == "Alla elever läser i årskurs 3"

    def test_editor_changes_their_goal(self, client, chain, org, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/mal/{chain.reading.pk}/andra/",
            self.form_data(
                chain,
                org,
                title="Alla elever läser",
                first_year=2025,
                last_year=2028,
                change_reason="Kortare rubrik",
            ),
        )
        assert response.status_code == 302
        chain.reading.refresh_from_db()
        assert chain.reading.title == "Alla elever läser"
        assert chain.reading.perspective.key == "utveckling"
        assert chain.reading.history.latest().history_change_reason == "Kortare rubrik"

    def test_editor_moves_their_goal(self, client, chain, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/mal/{chain.reading.pk}/flytta/",
            {"parent": chain.elderly.pk, "change_reason": "Hör till äldreomsorgen"},
        )
        assert response.status_code == 302
        chain.reading.refresh_from_db()
        assert chain.reading.parent == chain.elderly

    def test_goal_cannot_be_moved_under_its_own_child(self, client, chain, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/mal/{chain.reading.pk}/flytta/",
            {"parent": chain.reading_unit.pk, "change_reason": "Cirkel"},
        )
        assert response.status_code == 200
        assert "parent" in response.context["form"].errors
        chain.reading.refresh_from_db()
        assert chain.reading.parent == chain.school

    def test_editor_retires_their_goal_and_the_goals_under_it(self, client, chain, editor_a):
        client.force_login(editor_a)
        count = Goal.objects.count()
        response = client.post(
            f"/mal/{chain.reading.pk}/avsluta/",
            {"retired_on": "2026-03-01", "change_reason": "Ersatt"},
        )
        assert response.status_code == 302
        assert Goal.objects.count() == count
        assert set(Goal.objects.filter(retired_on=dt.date(2026, 3, 1))) == {
            chain.reading,
            chain.reading_unit,
        }


class TestIndicatorAndAssignmentViews:
    def test_editor_adds_a_new_indicator_with_a_target(self, client, chain, org, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/mal/{chain.reading.pk}/indikatorer/ny/",
            {
                "new_title": "Andel som läser",
                "measure_unit": "%",
                "direction": "higher",
                "kolada_kpi": "",
                "year": YEAR,
                "target": "85,5",
                "change_reason": "Budget 2026",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == f"/mal/{chain.reading.pk}/?ar={YEAR}"
        link = GoalIndicator.objects.get()
        assert (link.goal, link.indicator.title, link.year) == (
            chain.reading,
            "Andel som läser",
            YEAR,
        )
        target = link.indicator.targets.get()
        assert (target.value, target.unit) == (Decimal("85.5"), org.namnd_a)

        # The nämnd's own target is what its goal is measured against on the goal page.
        _, tertial1, _ = periods()  # closed: the kommun-wide value is every reader's
        IndicatorValueFactory(indicator=link.indicator, period=tertial1, total=Decimal(86))
        content = page(client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}"))
        assert '<th scope="row">T1 2026</th><td class="num">86,0</td><td class="num">85,5' in (
            content
        )
        assert "target-status--met" in content

    def test_vision_refuses_an_indicator_on_the_form(self, client, chain, admin_user):
        client.force_login(admin_user)
        indicator = IndicatorFactory()
        response = client.post(
            f"/mal/{chain.vision.pk}/indikatorer/ny/",
            {"indicator": indicator.pk, "year": YEAR, "change_reason": "x"},
        )
        assert response.status_code == 200
        assert "indicator" in response.context["form"].errors
        assert not GoalIndicator.objects.exists()

    def test_admin_gives_an_assignment_to_two_committees(self, client, chain, org, admin_user):
        client.force_login(admin_user)
        response = client.post(
            f"/mal/{chain.school.pk}/uppdrag/nytt/?ar={YEAR}",
            {
                "title": "Läslyft",
                "recipients": [org.namnd_a.pk, org.namnd_b.pk],
                "first_year": YEAR,
                "last_year": YEAR + 1,
                "resources": "500",
                "decided_on": "2025-06-16",
                "paragraph": "§ 87",
                "change_reason": "Budget 2026",
            },
        )
        assert response.status_code == 302
        assignment = Assignment.objects.get()
        assert (assignment.goal, assignment.given_by) == (chain.school, org.kf)
        assert assignment.resources == Decimal(500_000)
        assert set(assignment.recipients.all()) == {org.namnd_a, org.namnd_b}

    def test_committee_editor_cannot_give_under_a_kf_goal(self, client, chain, editor_a):
        client.force_login(editor_a)
        assert client.get(f"/mal/{chain.school.pk}/uppdrag/nytt/").status_code == 403

    def test_recipients_editor_reports(self, client, chain, assignment, editor_a):
        client.force_login(editor_a)
        mine = assignment.recipient_rows.get(unit__short_name="NA")
        response = client.post(
            f"/mal/uppdrag/mottagare/{mine.pk}/rapport/",
            {"status": "completed", "report": "Klart.", "change_reason": "Tertial 2"},
        )
        assert response.status_code == 302
        assert response["Location"] == f"/mal/{chain.school.pk}/#assignment-{assignment.pk}"
        mine.refresh_from_db()
        assert (mine.status, mine.report) == ("completed", "Klart.")

    def test_other_committees_editor_cannot_report(self, client, chain, assignment, editor_b):
        client.force_login(editor_b)
        mine = assignment.recipient_rows.get(unit__short_name="NA")
        response = client.post(
            f"/mal/uppdrag/mottagare/{mine.pk}/rapport/",
            {"status": "completed", "report": "B", "change_reason": "x"},
        )
        assert response.status_code == 403
        mine.refresh_from_db()
        assert mine.status == "in_progress"

    def test_extension_without_a_later_year_is_shown_on_the_form(
        self, client, chain, assignment, admin_user
    ):
        client.force_login(admin_user)
        response = client.post(
            f"/mal/uppdrag/{assignment.pk}/beslut/",
            {
                "state": "extended",
                "decided_on": "2026-06-15",
                "paragraph": "§ 60",
                "change_reason": "Budget 2027",
            },
        )
        assert response.status_code == 200
        assert "last_year" in response.context["form"].errors
        assignment.refresh_from_db()
        assert assignment.state == "active"
        assert assignment.decisions.count() == 1

    def test_only_the_giver_decides(self, client, chain, assignment, editor_a):
        client.force_login(editor_a)
        assert client.get(f"/mal/uppdrag/{assignment.pk}/beslut/").status_code == 403
        assert AssignmentRecipient.objects.count() == 2


class TestSteeringModelPage:
    def test_admin_sees_the_presets(self, client, vimmerby, admin_user):
        client.force_login(admin_user)
        content = page(client.get("/mal/styrmodell/"))
        for key in ["ale", "vadstena", "borlange", "alvesta"]:
            assert f'action="/mal/styrmodell/{key}/valj/"' in content
        assert 'action="/mal/styrmodell/vimmerby/valj/"' not in content  # in use
        assert "Vimmerby: mål- och resultatstyrning" in content
        assert "Alvesta: tillitsbaserad styrning med Agenda 2030" in content

    def test_reader_sees_the_model_but_not_the_presets(self, client, vimmerby, politician):
        client.force_login(politician)
        content = page(client.get("/mal/styrmodell/"))
        assert "Vimmerby: mål- och resultatstyrning" in content
        assert "Invånare och brukare" in content
        assert "/valj/" not in content

    def test_admin_switches_the_model_in_use_with_a_reason(self, client, vimmerby, admin_user):
        client.force_login(admin_user)
        reason = "KF beslutade 12 nov. 2026 § 140 om ny styrmodell"
        response = client.post("/mal/styrmodell/ale/valj/", {"ale-change_reason": reason})
        assert response.status_code == 302
        assert response["Location"] == "/mal/styrmodell/"
        assert list(SteeringModel.objects.filter(is_active=True).values_list("key", flat=True)) == [
            "ale"
        ]
        ale = SteeringModel.objects.get(key="ale")
        assert [lvl.key for lvl in ale.levels.all()] == ["vision", "riktningsmal", "namndens-mal"]
        assert ale.history.latest().history_user == admin_user
        assert ale.history.latest().history_change_reason == reason
        assert vimmerby.history.latest().history_change_reason == reason

    def test_switching_without_a_reason_changes_nothing_and_says_so_at_the_field(
        self, client, vimmerby, admin_user
    ):
        client.force_login(admin_user)
        response = client.post("/mal/styrmodell/borlange/valj/", {"borlange-change_reason": " "})
        assert response.status_code == 200
        content = page(response)
        assert 'id="error-summary"' in content
        assert 'href="#id_borlange-change_reason"' in content
        assert re.search(
            r'<details class="confirm" open>\s*<summary>Byt till Borlänges modell', content
        )
        assert not SteeringModel.objects.filter(key="borlange").exists()
        vimmerby.refresh_from_db()
        assert vimmerby.is_active

    def test_the_choice_names_the_kommun_not_the_key(self, client, vimmerby, admin_user):
        client.force_login(admin_user)
        content = page(client.get("/mal/styrmodell/"))
        assert "Använd Borlänges modell" in content
        assert "Använd Borlange" not in content and "Byt till Borlänges modell" in content

    @pytest.mark.parametrize("persona", ["editor_a", "economist", "politician"])
    def test_others_cannot_switch(self, request, client, vimmerby, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.post("/mal/styrmodell/ale/valj/").status_code == 403
        assert not SteeringModel.objects.filter(key="ale").exists()
        vimmerby.refresh_from_db()
        assert vimmerby.is_active

    def test_switching_needs_a_post(self, client, vimmerby, admin_user):
        client.force_login(admin_user)
        assert client.get("/mal/styrmodell/ale/valj/").status_code == 405
        vimmerby.refresh_from_db()
        assert vimmerby.is_active

    def test_unknown_preset_is_404(self, client, vimmerby, admin_user):
        client.force_login(admin_user)
        assert client.post("/mal/styrmodell/uppsala/valj/").status_code == 404
