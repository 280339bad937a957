"""The plan pages at their literal URLs: who may see and write what, what a POST leaves in the
database (with who and why in the history), Swedish errors at the field, and the pinned
number of queries of the list and the detail page."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.contrib.messages import get_messages

from apps.plans import services
from apps.plans.models import Activity, Plan
from tests.factories import UnitFactory
from tests.plans.conftest import DECIDED_ON, READ_ONLY, REASON, YEAR, add_activity

READERS = ["politician", "editor_a", "editor_b", "economist", "admin_user"]
REQUIRED = "Detta fält måste fyllas i."


def page(response) -> str:
    return unescape(response.content.decode())


def main(response) -> str:
    return re.search(r"<main.*</main>", page(response), re.S)[0]


def forms_in_main(response) -> int:
    return main(response).count("<form")


def field_errors(response, field_id: str) -> list[str]:
    """The error messages shown at the field whose input has ``id=field_id``."""
    pattern = rf'<p class="field__error" id="{re.escape(field_id)}-error-\d+">([^<]*)</p>'
    return re.findall(pattern, page(response))


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def shown_messages(response) -> list[str]:
    """The messages the page shows at its top."""
    return re.findall(r'<p class="message message--[a-z]+">([^<]*)</p>', page(response))


def last_change(instance) -> tuple[str | None, str]:
    record = instance.history.order_by("-history_date", "-history_id").first()
    user = record.history_user.username if record.history_user else None
    return user, record.history_change_reason


def activity_data(goal=None, /, **fields) -> dict:
    data = {
        "title": "Läsombud i varje klass",
        "description": "Ett läsombud per klass i årskurs 1–3.",
        "goal": goal.pk if goal else "",
        "assignment": "",
        "responsible": "Rektor Norrskolan",
        "starts_on": "2026-02-01",
        "ends_on": "2026-06-15",
        "status": "not_started",
        "change_reason": "Nämndens beslut om läslyft",
    }
    data.update(fields)
    return data


class TestAccess:
    READ_URLS = ["/planer/?ar=2026", "/planer/{pk}/", "/planer/{pk}/historik/"]
    WRITE_URLS = ["/planer/{pk}/aktiviteter/ny/", "/planer/{pk}/aktiviteter/{activity}/"]

    def url(self, template, plan):
        return template.format(pk=plan.pk, activity=plan.activities.get().pk)

    @pytest.mark.parametrize("template", READ_URLS + WRITE_URLS)
    def test_anonymous_is_sent_to_login(self, client, draft, template):
        response = client.get(self.url(template, draft))
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")

    def test_anonymous_cannot_start_a_plan(self, client, org):
        response = client.post(f"/planer/enhet/{org.enhet_a1.pk}/starta/?ar=2026")
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
        assert not Plan.objects.exists()

    @pytest.mark.parametrize("template", READ_URLS + WRITE_URLS)
    def test_outsider_gets_403(self, client, draft, outsider, template):
        client.force_login(outsider)
        assert client.get(self.url(template, draft)).status_code == 403

    @pytest.mark.parametrize("persona", READERS)
    @pytest.mark.parametrize("template", READ_URLS)
    def test_every_role_reads(self, request, client, submitted, persona, template):
        # A submitted plan; a draft is its writers' (tests/plans/test_access.py).
        client.force_login(request.getfixturevalue(persona))
        assert client.get(self.url(template, submitted)).status_code == 200

    @pytest.mark.parametrize("persona", ["politician", "editor_b", "economist", "outsider"])
    @pytest.mark.parametrize("template", WRITE_URLS)
    def test_only_the_units_editors_open_the_activity_form(
        self, request, client, draft, persona, template
    ):
        client.force_login(request.getfixturevalue(persona))
        url = self.url(template, draft)
        assert client.get(url).status_code == 403
        assert client.post(url, activity_data(title="Obehörig")).status_code == 403
        assert not Activity.objects.filter(title="Obehörig").exists()

    def test_unknown_plan_and_activity_of_another_plan_are_404(
        self, client, draft, org, chain, editor_a
    ):
        other = services.plan_create(actor=editor_a, unit=org.enhet_a1, year=YEAR, reason=REASON)
        foreign = add_activity(other, editor_a, chain.reading)
        client.force_login(editor_a)
        assert client.get("/planer/999999/").status_code == 404
        assert client.get(f"/planer/{draft.pk}/aktiviteter/{foreign.pk}/").status_code == 404

    def test_the_start_url_takes_only_post(self, client, org, editor_a):
        client.force_login(editor_a)
        assert client.get(f"/planer/enhet/{org.enhet_a1.pk}/starta/?ar=2026").status_code == 405


class TestList:
    def test_lists_every_unit_that_writes_a_plan_in_tree_order(self, client, org, politician):
        UnitFactory(
            parent=org.namnd_b, kind="forvaltning", name="Nedlagd förvaltning",
            valid_to=dt.date(2025, 12, 31),
        )  # fmt: skip
        client.force_login(politician)
        response = client.get("/planer/?ar=2026")
        assert response.status_code == 200
        rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', page(response))
        assert rows == [
            "Kommunstyrelsen",
            "Nämnd A",
            "Förvaltning A",
            "Enhet A1",
            "Nämnd B",
            "Förvaltning B",
        ]
        assert "<h1>Planer 2026</h1>" in page(response)
        assert page(response).count("Ingen plan ännu") == 6

    def test_shows_the_years_plans_with_their_state(self, client, decided, politician):
        client.force_login(politician)
        content = page(client.get("/planer/?ar=2026"))
        assert f'<a href="/planer/{decided.pk}/">' in content
        assert '<span class="plan-state plan-state--decided">Fastställd</span>' in content
        assert f'href="/planer/{decided.pk}/"' not in page(client.get("/planer/?ar=2027"))

    def test_a_reader_gets_no_start_buttons(self, client, org, politician):
        client.force_login(politician)
        assert "/starta/" not in page(client.get("/planer/?ar=2026"))

    def test_an_editor_gets_start_buttons_for_the_units_without_a_plan(
        self, client, draft, org, editor_a
    ):
        client.force_login(editor_a)
        content = page(client.get("/planer/?ar=2026"))
        starts = re.findall(r'action="/planer/enhet/(\d+)/starta/\?ar=2026"', content)
        assert starts == [str(org.namnd_a.pk), str(org.enhet_a1.pk)]  # Förvaltning A has one
        assert "Utgå från planen för 2025" not in content

    def test_copying_is_offered_where_last_years_plan_exists(self, client, org, editor_a):
        services.plan_create(actor=editor_a, unit=org.enhet_a1, year=2025, reason=REASON)
        client.force_login(editor_a)
        content = page(client.get("/planer/?ar=2026"))
        form = re.search(
            rf'<form[^>]*action="/planer/enhet/{org.enhet_a1.pk}/starta/\?ar=2026".*?</form>',
            content,
            re.S,
        )[0]
        assert 'name="copy" value="1"' in form
        assert "Utgå från planen för 2025" in form
        assert content.count('name="copy"') == 1


class TestStart:
    def test_the_editor_starts_an_empty_plan(self, client, org, editor_a):
        client.force_login(editor_a)
        response = client.post(f"/planer/enhet/{org.forvaltning_a.pk}/starta/?ar=2026")
        plan = Plan.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/planer/{plan.pk}/"
        assert (plan.unit, plan.year, plan.kind, plan.state) == (
            org.forvaltning_a, 2026, "verksamhetsplan", "draft"
        )  # fmt: skip
        assert plan.sections.count() == 3
        assert last_change(plan) == ("redaktor_a", "Plan för 2026 påbörjad")

    def test_the_enhets_editor_starts_its_plan(self, client, org, enhet_editor):
        client.force_login(enhet_editor)
        response = client.post(f"/planer/enhet/{org.enhet_a1.pk}/starta/?ar=2026")
        plan = Plan.objects.get()
        assert response["Location"] == f"/planer/{plan.pk}/"
        assert (plan.unit, plan.kind) == (org.enhet_a1, "enhetsplan")

    def test_copy_starts_from_last_years_plan(self, client, org, chain, editor_a):
        previous = services.plan_create(
            actor=editor_a, unit=org.forvaltning_a, year=2025, reason=REASON
        )
        add_activity(previous, editor_a, chain.reading, title="Pågår", status="started")
        add_activity(previous, editor_a, chain.reading, title="Klar", status="done")
        client.force_login(editor_a)
        response = client.post(
            f"/planer/enhet/{org.forvaltning_a.pk}/starta/?ar=2026", {"copy": "1"}
        )
        plan = Plan.objects.get(year=2026)
        assert response["Location"] == f"/planer/{plan.pk}/"
        assert list(plan.activities.values_list("title", "starts_on")) == [
            ("Pågår", dt.date(2026, 2, 1))
        ]

    def test_copy_without_last_years_plan_says_so(self, client, org, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/planer/enhet/{org.forvaltning_a.pk}/starta/?ar=2026", {"copy": "1"}
        )
        assert response["Location"] == "/planer/?ar=2026"
        assert flash(response) == ["Det finns ingen plan för 2025 att kopiera."]
        assert not Plan.objects.exists()

    def test_a_second_plan_for_the_year_is_refused_with_a_message(self, client, draft, editor_a):
        client.force_login(editor_a)
        response = client.post(f"/planer/enhet/{draft.unit_id}/starta/?ar=2026", follow=True)
        assert response.redirect_chain == [("/planer/?ar=2026", 302)]
        assert "Enheten har redan en plan för 2026." in page(response)
        assert Plan.objects.count() == 1

    def test_kf_writes_no_plan(self, client, org, admin_user):
        client.force_login(admin_user)
        response = client.post(f"/planer/enhet/{org.kf.pk}/starta/?ar=2026")
        assert flash(response) == ["Den här typen av enhet skriver ingen plan."]
        assert not Plan.objects.exists()

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "economist", "outsider"])
    def test_others_get_403(self, request, client, org, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.post(f"/planer/enhet/{org.forvaltning_a.pk}/starta/?ar=2026")
        assert response.status_code == 403
        assert not Plan.objects.exists()

    def test_the_enhets_editor_cannot_start_the_forvaltnings_plan(self, client, org, enhet_editor):
        client.force_login(enhet_editor)
        response = client.post(f"/planer/enhet/{org.forvaltning_a.pk}/starta/?ar=2026")
        assert response.status_code == 403
        assert not Plan.objects.exists()

    def test_unknown_unit_is_404(self, client, org, editor_a):
        client.force_login(editor_a)
        assert client.post("/planer/enhet/999999/starta/?ar=2026").status_code == 404


class TestDetail:
    def test_shows_the_plan_with_forms_for_its_editor(self, client, draft, editor_a):
        client.force_login(editor_a)
        response = client.get(f"/planer/{draft.pk}/")
        content = main(response)
        assert "<h1>Förvaltning A</h1>" in content
        assert "Verksamhetsplan 2026" in content
        assert '<span class="plan-state plan-state--draft">Utkast</span>' in content
        for section in draft.sections.all():
            assert f'name="s{section.pk}-body"' in content
            assert f'value="section-{section.pk}"' in content
        assert 'name="swot-strengths"' in content
        assert 'value="submit"' in content
        assert f'href="/planer/{draft.pk}/aktiviteter/ny/"' in content
        activity = draft.activities.get()
        assert f'href="/planer/{draft.pk}/aktiviteter/{activity.pk}/"' in content

    def test_a_reader_sees_the_text_without_forms(self, client, draft, editor_a, politician):
        section = draft.sections.first()
        services.plan_section_update(
            actor=editor_a, section=section, body="<p><strong>Läsning</strong> först</p>",
            reason=REASON,
        )  # fmt: skip
        services.plan_submit(actor=editor_a, plan=draft, reason=REASON)  # not a draft
        client.force_login(politician)
        response = client.get(f"/planer/{draft.pk}/")
        assert forms_in_main(response) == 0
        assert "<p><strong>Läsning</strong> först</p>" in main(response)
        assert "aktiviteter/ny" not in main(response)

    def test_saving_a_section_sanitises_and_records_who(self, client, draft, editor_a):
        section = draft.sections.first()
        client.force_login(editor_a)
        response = client.post(
            f"/planer/{draft.pk}/",
            {
                "action": f"section-{section.pk}",
                f"s{section.pk}-body": "Vi <em>läser</em>.<script>alert(1)</script>"
                '<a href="javascript:x()" onclick="x()">länk</a>',
            },
        )
        assert response.status_code == 302
        assert response["Location"] == f"/planer/{draft.pk}/#section-{section.pk}"
        assert flash(response) == ["Avsnittet sparades."]
        section.refresh_from_db()
        assert section.body == 'Vi <em>läser</em>.<a rel="noopener noreferrer">länk</a>'
        assert last_change(section) == ("redaktor_a", "Planen redigerad")

    def test_a_section_of_another_plan_is_404(self, client, draft, org, editor_a):
        other = services.plan_create(actor=editor_a, unit=org.enhet_a1, year=YEAR, reason=REASON)
        foreign = other.sections.first()
        client.force_login(editor_a)
        response = client.post(
            f"/planer/{draft.pk}/",
            {"action": f"section-{foreign.pk}", f"s{foreign.pk}-body": "Fel plan"},
        )
        assert response.status_code == 404
        foreign.refresh_from_db()
        assert foreign.body == ""

    def test_saving_the_swot(self, client, draft, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/planer/{draft.pk}/",
            {
                "action": "swot",
                "swot-strengths": "Erfarna lärare\n\nNya lokaler",
                "swot-weaknesses": "Hög sjukfrånvaro",
                "swot-opportunities": "",
                "swot-threats": '<p onclick="x()">Färre elever</p>',
            },
        )
        assert response["Location"] == f"/planer/{draft.pk}/#swot"
        draft.refresh_from_db()
        assert (draft.strengths, draft.weaknesses, draft.opportunities, draft.threats) == (
            "<p>Erfarna lärare</p><p>Nya lokaler</p>",
            "<p>Hög sjukfrånvaro</p>",
            "",
            "<p>Färre elever</p>",
        )
        assert last_change(draft) == ("redaktor_a", "Planen redigerad")

    def test_the_enhets_editor_submits_and_the_namnd_decides(
        self, client, org, chain, enhet_editor, editor_a
    ):
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        add_activity(plan, enhet_editor, chain.reading)
        client.force_login(enhet_editor)
        response = client.post(f"/planer/{plan.pk}/", {"action": "submit"})
        assert response["Location"] == f"/planer/{plan.pk}/"
        assert flash(response) == ["Planen skickades in."]
        plan.refresh_from_db()
        assert plan.state == "submitted"
        assert last_change(plan) == ("redaktor_a1", "Inskickad till nämnden")
        waiting = client.get(f"/planer/{plan.pk}/")
        assert "Planen väntar på beslut av Nämnd A." in main(waiting)
        assert 'value="decide"' not in main(waiting)

        client.force_login(editor_a)
        assert 'value="decide"' in main(client.get(f"/planer/{plan.pk}/"))
        response = client.post(
            f"/planer/{plan.pk}/",
            {
                "action": "decide",
                "decide-decided_on": "2026-01-28",
                "decide-paragraph": "§ 5",
                "decide-change_reason": "Nämnd A 2026-01-28 § 5",
            },
        )
        assert response["Location"] == f"/planer/{plan.pk}/"
        assert flash(response) == ["Planen fastställdes och kan nu bara läsas."]
        plan.refresh_from_db()
        assert (plan.state, plan.decided_on, plan.paragraph, plan.decided_by) == (
            "decided", DECIDED_ON, "§ 5", org.namnd_a
        )  # fmt: skip
        assert last_change(plan) == ("redaktor_a", "Nämnd A 2026-01-28 § 5")

    def test_the_enhets_editor_cannot_decide(self, client, org, enhet_editor):
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        services.plan_submit(actor=enhet_editor, plan=plan, reason=REASON)
        client.force_login(enhet_editor)
        response = client.post(
            f"/planer/{plan.pk}/",
            {
                "action": "decide",
                "decide-decided_on": "2026-01-28",
                "decide-paragraph": "§ 5",
                "decide-change_reason": "Själv",
            },
        )
        assert response.status_code == 403
        plan.refresh_from_db()
        assert plan.state == "submitted"

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"decide-decided_on": ""}, "id_decide-decided_on", REQUIRED),
            ({"decide-decided_on": "28/1 2026"}, "id_decide-decided_on",
             "Fyll i ett giltigt datum."),
            ({"decide-paragraph": ""}, "id_decide-paragraph", REQUIRED),
            ({"decide-change_reason": ""}, "id_decide-change_reason", REQUIRED),
        ],
    )  # fmt: skip
    def test_a_decision_with_bad_input_shows_the_error_at_the_field(
        self, client, submitted, editor_a, data, field, message
    ):
        client.force_login(editor_a)
        response = client.post(
            f"/planer/{submitted.pk}/",
            {
                "action": "decide",
                "decide-decided_on": "2026-01-28",
                "decide-paragraph": "§ 5",
                "decide-change_reason": "Beslut",
                **data,
            },
        )
        assert response.status_code == 200
        assert field_errors(response, field) == [message]
        submitted.refresh_from_db()
        assert (submitted.state, submitted.decided_on) == ("submitted", None)

    def test_a_decided_plan_shows_no_forms_to_its_unit(self, client, org, chain, enhet_editor,
                                                       editor_a, politician):  # fmt: skip
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        add_activity(plan, enhet_editor, chain.reading)
        services.plan_submit(actor=enhet_editor, plan=plan, reason=REASON)
        services.plan_decide(
            actor=editor_a, plan=plan, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
        )
        for user in (enhet_editor, politician):
            client.force_login(user)
            response = client.get(f"/planer/{plan.pk}/")
            assert forms_in_main(response) == 0
            content = main(response)
            assert '<span class="plan-state plan-state--decided">Fastställd</span>' in content
            assert "Fastställd av Nämnd A den 28 jan. 2026, § 5. Planen kan bara läsas." in (
                content
            )
            assert "/aktiviteter/" not in content
            assert "Bara den beslutande nämnden kan öppna en fastställd plan igen." in content

    def test_a_decided_plan_shows_the_deciding_body_only_the_reopen_form(
        self, client, decided, editor_a
    ):
        client.force_login(editor_a)
        response = client.get(f"/planer/{decided.pk}/")
        assert forms_in_main(response) == 1
        assert 'value="reopen"' in main(response)
        assert 'name="reopen-change_reason"' in main(response)

    def test_writes_to_a_decided_plan_are_refused_with_the_message(self, client, decided, editor_a):
        section = decided.sections.first()
        client.force_login(editor_a)
        for data in (
            {"action": f"section-{section.pk}", f"s{section.pk}-body": "Ändrad"},
            {"action": "swot", "swot-strengths": "Ändrad"},
            {"action": "submit"},
        ):
            response = client.post(f"/planer/{decided.pk}/", data, follow=True)
            assert response.redirect_chain == [(f"/planer/{decided.pk}/", 302)]
            assert shown_messages(response) == [READ_ONLY]
        decided.refresh_from_db()
        section.refresh_from_db()
        assert (decided.state, decided.strengths, section.body) == ("decided", "", "")

    def test_reopening_needs_a_reason(self, client, decided, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/planer/{decided.pk}/", {"action": "reopen", "reopen-change_reason": " "}
        )
        assert response.status_code == 200
        assert field_errors(response, "id_reopen-change_reason") == [REQUIRED]
        decided.refresh_from_db()
        assert decided.state == "decided"

        response = client.post(
            f"/planer/{decided.pk}/",
            {"action": "reopen", "reopen-change_reason": "Ny budgetram i mars"},
        )
        assert response["Location"] == f"/planer/{decided.pk}/"
        assert flash(response) == ["Planen öppnades igen."]
        decided.refresh_from_db()
        assert decided.state == "draft"
        assert last_change(decided) == ("redaktor_a", "Ny budgetram i mars")

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "economist"])
    def test_others_get_403_on_every_write(self, request, client, draft, editor_a, persona):
        section = draft.sections.first()
        client.force_login(request.getfixturevalue(persona))
        url = f"/planer/{draft.pk}/"
        assert client.post(url, {"action": "swot", "swot-strengths": "X"}).status_code == 403
        section_data = {"action": f"section-{section.pk}", f"s{section.pk}-body": "X"}
        assert client.post(url, section_data).status_code == 403
        assert client.post(url, {"action": "submit"}).status_code == 403
        services.plan_submit(actor=editor_a, plan=draft, reason=REASON)
        decision = {
            "action": "decide",
            "decide-decided_on": "2026-01-28",
            "decide-paragraph": "§ 5",
            "decide-change_reason": "X",
        }
        assert client.post(url, decision).status_code == 403
        services.plan_decide(
            actor=editor_a, plan=draft, decided_on=DECIDED_ON, paragraph="§ 5", reason=REASON
        )
        reopen = {"action": "reopen", "reopen-change_reason": "X"}
        assert client.post(url, reopen).status_code == 403
        draft.refresh_from_db()
        section.refresh_from_db()
        assert (draft.state, draft.strengths, section.body) == ("decided", "", "")

    def test_the_history_page_lists_who_changed_the_plan_and_why(self, client, decided, politician):
        client.force_login(politician)
        content = main(client.get(f"/planer/{decided.pk}/historik/"))
        assert content.count(REASON) == 3  # created, submitted, decided
        assert "Fastställd" in content
        assert "Redaktor_a" in content


class TestActivityForm:
    def test_the_form_offers_the_goals_of_the_unit_and_above(self, client, draft, chain, editor_a):
        client.force_login(editor_a)
        response = client.get(f"/planer/{draft.pk}/aktiviteter/ny/")
        assert response.status_code == 200
        goal_select = re.search(r'<select name="goal".*?</select>', page(response), re.S)[0]
        options = re.findall(r'<option value="(\d+)"', goal_select)
        assert set(options) == {str(g.pk) for g in (chain.reading, chain.reading_unit)} | {
            str(g.pk) for g in (chain.school, chain.elderly, chain.finance)
            if g.level.is_measurable
        }  # fmt: skip
        assert str(chain.waiting.pk) not in options  # Nämnd B's nämndmål
        assert 'value="2026-01-01"' in page(response)
        assert 'value="2026-12-31"' in page(response)

    def test_creating_an_activity_for_a_goal(self, client, draft, chain, editor_a):
        client.force_login(editor_a)
        response = client.post(
            f"/planer/{draft.pk}/aktiviteter/ny/", activity_data(chain.reading_unit)
        )
        assert response.status_code == 302
        assert response["Location"] == f"/planer/{draft.pk}/#activities"
        assert flash(response) == ["Aktiviteten sparades."]
        activity = Activity.objects.get(title="Läsombud i varje klass")
        assert (activity.plan, activity.goal, activity.assignment, activity.status) == (
            draft, chain.reading_unit, None, "not_started"
        )  # fmt: skip
        assert (activity.starts_on, activity.ends_on) == (dt.date(2026, 2, 1), dt.date(2026, 6, 15))
        assert activity.responsible == "Rektor Norrskolan"
        assert last_change(activity) == ("redaktor_a", "Nämndens beslut om läslyft")

    def test_the_enhets_editor_adds_an_activity_for_the_namnds_goal(
        self, client, org, chain, enhet_editor
    ):
        plan = services.plan_create(actor=enhet_editor, unit=org.enhet_a1, year=YEAR, reason=REASON)
        client.force_login(enhet_editor)
        response = client.post(f"/planer/{plan.pk}/aktiviteter/ny/", activity_data(chain.reading))
        assert response["Location"] == f"/planer/{plan.pk}/#activities"
        assert plan.activities.get().goal == chain.reading

    def test_changing_an_activity(self, client, draft, chain, editor_a):
        activity = draft.activities.get()
        client.force_login(editor_a)
        form = page(client.get(f"/planer/{draft.pk}/aktiviteter/{activity.pk}/"))
        assert 'value="Läsombud på varje avdelning"' in form
        assert f'<option value="{chain.reading.pk}" selected>' in form
        response = client.post(
            f"/planer/{draft.pk}/aktiviteter/{activity.pk}/",
            activity_data(
                chain.reading, title=activity.title, status="delayed",
                change_reason="Försenad: vakans",
            ),
        )  # fmt: skip
        assert response.status_code == 302
        activity.refresh_from_db()
        assert activity.status == "delayed"
        assert last_change(activity) == ("redaktor_a", "Försenad: vakans")
        assert draft.activities.count() == 1

    @pytest.mark.parametrize(
        ("fields", "field", "message"),
        [
            ({"goal": ""}, "id_goal", "Koppla aktiviteten till ett mål eller ett uppdrag."),
            ({"ends_on": "2026-01-15"}, "id_ends_on", "Aktiviteten slutar innan den börjar."),
            ({"starts_on": "2027-01-10", "ends_on": "2027-02-10"}, "id_starts_on",
             "Aktiviteten börjar efter planens år."),
            ({"starts_on": "2025-01-10", "ends_on": "2025-02-10"}, "id_ends_on",
             "Aktiviteten slutar före planens år."),
            ({"starts_on": "1 februari"}, "id_starts_on", "Fyll i ett giltigt datum."),
            ({"title": ""}, "id_title", REQUIRED),
            ({"responsible": ""}, "id_responsible", REQUIRED),
            ({"change_reason": ""}, "id_change_reason", REQUIRED),
            ({"status": "klar"}, "id_status",
             "Välj ett giltigt alternativ. klar finns inte bland tillgängliga alternativ."),
        ],
    )  # fmt: skip
    def test_bad_input_shows_a_swedish_error_at_the_field_and_saves_nothing(
        self, client, draft, chain, editor_a, fields, field, message
    ):
        client.force_login(editor_a)
        response = client.post(
            f"/planer/{draft.pk}/aktiviteter/ny/",
            activity_data(chain.reading, **{"title": "Felaktig", **fields}),
        )
        assert response.status_code == 200
        assert field_errors(response, field) == [message]
        assert "Formuläret innehåller fel" in page(response)
        assert draft.activities.count() == 1

    def test_a_goal_of_another_namnd_is_not_a_choice(self, client, draft, chain, editor_a):
        client.force_login(editor_a)
        response = client.post(f"/planer/{draft.pk}/aktiviteter/ny/", activity_data(chain.waiting))
        assert response.status_code == 200
        assert field_errors(response, "id_goal") == [
            f"Välj ett giltigt alternativ. {chain.waiting.pk} finns inte bland tillgängliga "
            "alternativ."
        ]
        assert draft.activities.count() == 1

    def test_a_decided_plan_redirects_with_the_message(self, client, decided, chain, editor_a):
        activity = decided.activities.get()
        client.force_login(editor_a)
        for url in (
            f"/planer/{decided.pk}/aktiviteter/ny/",
            f"/planer/{decided.pk}/aktiviteter/{activity.pk}/",
        ):
            response = client.get(url, follow=True)
            assert response.redirect_chain == [(f"/planer/{decided.pk}/", 302)]
            assert shown_messages(response) == [READ_ONLY]
            response = client.post(url, activity_data(chain.reading, status="done"), follow=True)
            assert response.redirect_chain == [(f"/planer/{decided.pk}/", 302)]
            assert shown_messages(response) == [READ_ONLY]
        activity.refresh_from_db()
        assert (decided.activities.count(), activity.status) == (1, "not_started")


# --- Pinned query counts ----------------------------------------------------------------
# Every page: the session, the user and the user's roles (3), and the kommun's name for the
# header (1).
# List: + the units that write plans, the year's plans, last year's plans (3).
LIST_QUERIES = 7
# Detail: + the plan with its unit and deciding body, the deciding body above the unit (once:
# whether the user decides, and its name), the sections with their templates, and the
# activities with their goals, levels and uppdrag, and their tags (global goals, aspects).
DETAIL_QUERIES = 11  # 9, the council's external factors of the year and the active model


@pytest.fixture(params=[3, 30], ids=["3-units", "30-units"])
def many_units(request, org, admin_user):
    """``param`` more enheter under Förvaltning A, every other one with plans for both years."""
    for n in range(request.param):
        unit = UnitFactory(parent=org.forvaltning_a, kind="enhet", name=f"Skola {n:02}")
        if n % 2:
            unit.refresh_from_db()
            for year in (YEAR - 1, YEAR):
                services.plan_create(actor=admin_user, unit=unit, year=year, reason=REASON)
    return request.param


def test_the_list_runs_a_fixed_number_of_queries(
    client, many_units, editor_a, django_assert_num_queries
):
    client.force_login(editor_a)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/planer/?ar=2026")
    assert response.status_code == 200
    assert page(response).count('class="depth-') == 6 + many_units


@pytest.fixture(params=[2, 30], ids=["2-activities", "30-activities"])
def big_plan(request, org, chain, editor_a, assignment):
    """Enhet A1's plan with text in every section and ``param`` activities, for goals of
    three levels and for an uppdrag."""
    plan = services.plan_create(actor=editor_a, unit=org.enhet_a1, year=YEAR, reason=REASON)
    for section in plan.sections.all():
        services.plan_section_update(
            actor=editor_a, section=section, body="<p>Text</p>", reason=REASON
        )
    goals = [chain.reading, chain.reading_unit, chain.finance, None]
    for n in range(request.param):
        goal = goals[n % 4]
        add_activity(
            plan, editor_a, goal, assignment=None if goal else assignment, title=f"Aktivitet {n:02}"
        )
    return plan


@pytest.mark.parametrize("persona", ["editor_a", "politician"])
def test_the_detail_page_runs_a_fixed_number_of_queries(
    request, client, big_plan, editor_a, persona, django_assert_num_queries
):
    if persona == "politician":  # a draft is not the politician's to read
        services.plan_submit(actor=editor_a, plan=big_plan, reason=REASON)
    client.force_login(request.getfixturevalue(persona))
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(f"/planer/{big_plan.pk}/")
    assert response.status_code == 200
    assert main(response).count('<th scope="row">') == big_plan.activities.count()
