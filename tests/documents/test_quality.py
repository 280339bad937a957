"""Borlänge's kvalitetsledningssystem: the register under the model's seven headings,
processes, routines and checklists owned and decided by a förvaltning or verksamhet, laws
with no deciding body, and deviations linked to the process and goal they concern."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.locking import StaleEdit
from apps.documents import services
from apps.documents.models import Deviation, GoverningDocument
from apps.documents.selectors import QUALITY_HEADINGS, document_history, quality_register
from apps.goals.models import Assignment
from tests.documents.factories import DeviationFactory, GoverningDocumentFactory
from tests.factories import GoalFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby


def page(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


def process(org, actor, **fields):
    fields.setdefault("kind", "process")
    fields.setdefault("title", "Process för läkemedelshantering")
    fields.setdefault("decided_by", org.forvaltning_a)
    fields.setdefault("owner", org.forvaltning_a)
    return services.document_create(
        actor=actor, decided_on=dt.date(2025, 2, 1), valid_from=dt.date(2025, 2, 1),
        revise_by=dt.date(2027, 2, 1), url="https://borlange.se/process.pdf",
        reason="Beslut av förvaltningschefen", **fields,
    )  # fmt: skip


@pytest.fixture
def goal(org, vimmerby):
    level = vimmerby.levels.get(key="namndmal")
    return GoalFactory(level=level, owner=org.namnd_a, title="Säker vård")


class TestKinds:
    def test_a_förvaltning_decides_and_owns_its_process(self, org, editor_a):
        document = process(org, editor_a)
        assert (document.decided_by, document.owner) == (org.forvaltning_a, org.forvaltning_a)
        assert document.group == "quality"

    def test_a_verksamhet_decides_a_checklist(self, org, editor_a):
        document = process(org, editor_a, kind="checklista", decided_by=org.enhet_a1,
                           owner=org.enhet_a1, title="Checklista vid inflyttning")  # fmt: skip
        assert document.decided_by == org.enhet_a1

    def test_a_förvaltning_cannot_decide_a_policy(self, org, editor_a):
        with pytest.raises(ValidationError) as error:
            process(org, editor_a, kind="policy", title="Policy")
        assert "decided_by" in error.value.message_dict

    def test_a_law_has_no_deciding_body(self, org, admin_user):
        law = process(org, admin_user, kind="lag", decided_by=None, owner=org.ks,
                      title="Kommunallagen (2017:725)")  # fmt: skip
        assert law.decided_by is None
        with pytest.raises(ValidationError) as error:
            process(org, admin_user, kind="lag", decided_by=org.kf, owner=org.ks, title="SoL")
        assert "decided_by" in error.value.message_dict

    def test_an_editor_of_another_unit_cannot_register_the_process(self, org, editor_b):
        with pytest.raises(PermissionDenied):
            process(org, editor_b)
        assert not GoverningDocument.objects.exists()


class TestLinks:
    def test_the_process_serves_goals_and_uppdrag_with_history(self, org, editor_a, goal):
        uppdrag = Assignment.objects.create(given_by=org.kf, title="Minska fallskador",
                                            first_year=2025, last_year=2026)  # fmt: skip
        document = process(org, editor_a, goals=[goal], assignments=[uppdrag])
        assert list(document.goals.all()) == [goal]
        assert list(document.assignments.all()) == [uppdrag]
        services.document_update(actor=editor_a, document=document, assignments=[],
                                 reason="Uppdraget avslutat",
                                 expected_version=document.version)  # fmt: skip
        assert not document.assignments.exists()
        assert document.history.first().history_change_reason == "Uppdraget avslutat"
        changes = [
            (c.old, c.new)
            for entry in document_history(document)
            for c in entry.changes
            if c.new in ("Minska fallskador", "–") or c.old == "Minska fallskador"
        ]
        assert changes == [("Minska fallskador", "–"), ("–", "Minska fallskador")]

    def test_a_deviation_concerns_a_process_and_a_goal(self, org, editor_a, goal):
        document = process(org, editor_a)
        deviation = services.deviation_create(
            actor=editor_a, unit=org.enhet_a1, occurred_on=dt.date(2026, 3, 1),
            kind="avvikelse", description="Fel dos", document=document, goal=goal,
            reason="Loggad",
        )  # fmt: skip
        assert (deviation.document, deviation.goal) == (document, goal)
        services.deviation_update(
            actor=editor_a, deviation=deviation, occurred_on=deviation.occurred_on,
            kind="avvikelse", description="Fel dos", measure="Rutinen ses över",
            status="atgardad", document=document, goal=None, reason="Åtgärdad",
            expected_version=deviation.version,
        )  # fmt: skip
        deviation.refresh_from_db()
        assert deviation.goal is None and deviation.document == document

    def test_two_editors_of_the_same_deviation(self, org, editor_a, admin_user):
        entry = DeviationFactory(unit=org.enhet_a1)
        opened = entry.version
        fields = dict(occurred_on=entry.occurred_on, kind="avvikelse", description="x",
                      measure="", status="oppen", reason="x")  # fmt: skip
        services.deviation_update(actor=admin_user, deviation=entry, expected_version=opened,
                                  **fields)  # fmt: skip
        with pytest.raises(StaleEdit):
            services.deviation_update(actor=editor_a, deviation=entry, expected_version=opened,
                                      **fields)  # fmt: skip


class TestRegister:
    def test_the_seven_headings_with_the_right_kinds(self, org):
        kinds = {
            "lag": "lagar", "program": "styrdokument", "plan": "styrdokument",
            "strategi": "styrdokument", "policy": "styrdokument", "riktlinje": "styrdokument",
            "reglemente": "styrdokument", "agardirektiv": "styrdokument",
            "delegationsordning": "styrdokument", "process": "processer", "rutin": "processer",
            "checklista": "processer", "kvalitetsmodell": "kvalitetsmodeller",
        }  # fmt: skip
        for kind in kinds:
            GoverningDocumentFactory(kind=kind, title=f"Dokument {kind}", owner=org.ks,
                                     decided_by=None if kind == "lag" else org.kf)  # fmt: skip
        register = quality_register()
        assert [s.heading.key for s in register.sections] == [
            "lagar", "styrdokument", "planering", "uppfoljning", "processer", "avvikelser",
            "kvalitetsmodeller",
        ]  # fmt: skip
        filed = {d.kind: s.heading.key for s in register.sections for d in s.documents}
        assert filed == kinds
        assert len(QUALITY_HEADINGS) == 7

    def test_the_page_shows_the_headings_in_order_with_links(self, client, org, politician):
        GoverningDocumentFactory(kind="rutin", title="Rutin för synpunkter",
                                 owner=org.forvaltning_a, decided_by=org.forvaltning_a)  # fmt: skip
        DeviationFactory(unit=org.enhet_a1)
        client.force_login(politician)
        text = page(client.get("/styrdokument/kvalitetsledning/"))
        positions = [text.index(f'id="{h.key}-heading"') for h in QUALITY_HEADINGS]
        assert positions == sorted(positions)
        processes = text[positions[4] : positions[5]]
        assert "Rutin för synpunkter" in processes
        assert 'href="/planer/?ar=' in text[positions[2] : positions[3]]
        assert 'href="/ekonomi/budget/"' in text[positions[2] : positions[3]]
        assert 'href="/rapporter/"' in text[positions[3] : positions[4]]
        deviations = text[positions[5] : positions[6]]
        assert 'href="/styrdokument/avvikelser/"' in deviations
        assert register_open_count(deviations) == 1

    def test_an_outsider_may_not_read(self, client, org, outsider):
        client.force_login(outsider)
        assert client.get("/styrdokument/kvalitetsledning/").status_code == 403

    @pytest.mark.parametrize("size", [2, 12])
    def test_a_fixed_number_of_queries(
        self, client, org, politician, goal, size, django_assert_num_queries
    ):
        for n in range(size):
            document = GoverningDocumentFactory(
                kind=["process", "rutin", "policy", "lag"][n % 4], title=f"Dokument {n}",
                owner=org.forvaltning_a,
                decided_by=None if n % 4 == 3 else (org.kf if n % 4 == 2 else org.forvaltning_a),
            )  # fmt: skip
            document.goals.add(goal)
            document.assignments.add(Assignment.objects.create(
                given_by=org.kf, title=f"Uppdrag {n}", first_year=2026, last_year=2026,
            ))  # fmt: skip
            DeviationFactory(unit=org.enhet_a1, document=document)
        client.force_login(politician)
        # session, user, roles, kommun name; the documents with owners and deciding bodies,
        # their goals, their uppdrag; the open log entries by kind
        with django_assert_num_queries(8):
            text = page(client.get("/styrdokument/kvalitetsledning/"))
        assert text.count("Uppdrag ") >= size


def register_open_count(html: str) -> int:
    found = re.search(r"(\d+) (?:open|öpp)", html)
    return int(found.group(1)) if found else -1


class TestDocumentPage:
    def test_a_deviation_linked_to_a_process_shows_on_the_process_page(
        self, client, org, editor_a, politician, goal
    ):
        document = process(org, editor_a)
        other = process(org, editor_a, title="Annan process")
        services.deviation_create(
            actor=editor_a, unit=org.enhet_a1, occurred_on=dt.date(2026, 3, 1),
            kind="klagomal", description="Lång väntan på svar", document=document, goal=goal,
            reason="Loggad",
        )  # fmt: skip
        client.force_login(politician)
        text = page(client.get(f"/styrdokument/{document.pk}/"))
        assert "Lång väntan på svar" in text and "Säker vård" in text
        assert "Lång väntan på svar" not in page(client.get(f"/styrdokument/{other.pk}/"))
        log = page(client.get("/styrdokument/avvikelser/"))
        assert f'href="/styrdokument/{document.pk}/">Process för läkemedelshantering</a>' in log

    def test_a_law_reads_as_decided_outside_the_kommun(self, client, org, politician):
        with_law = GoverningDocumentFactory(kind="lag", title="Socialtjänstlagen",
                                            owner=org.namnd_a, decided_by=None)  # fmt: skip
        client.force_login(politician)
        response = client.get(f"/styrdokument/{with_law.pk}/")
        assert response.status_code == 200
        assert "Socialtjänstlagen" in page(response)


class TestForms:
    def test_a_förvaltning_registers_its_process_through_the_form(self, client, org, editor_a):
        client.force_login(editor_a)
        response = client.post("/styrdokument/ny/", {
            "kind": "process", "title": "Process för introduktion",
            "decided_by": org.forvaltning_a.pk, "decided_on": "2025-01-10",
            "owner": org.forvaltning_a.pk, "valid_from": "2025-01-10",
            "revise_by": "2027-01-10", "url": "https://borlange.se/intro.pdf",
            "change_reason": "Beslut av förvaltningschefen",
        })  # fmt: skip
        assert response.status_code == 302
        assert GoverningDocument.objects.get().decided_by == org.forvaltning_a

    def test_a_law_through_the_form_without_a_deciding_body(self, client, org, admin_user):
        client.force_login(admin_user)
        response = client.post("/styrdokument/ny/", {
            "kind": "lag", "title": "Kommunallagen", "decided_by": "",
            "decided_on": "2017-06-21", "owner": org.ks.pk, "valid_from": "2018-01-01",
            "revise_by": "2030-01-01", "url": "https://riksdagen.se/kl",
            "change_reason": "Registrerad",
        })  # fmt: skip
        assert response.status_code == 302
        assert GoverningDocument.objects.get().decided_by is None

    def test_a_policy_without_a_deciding_body_is_refused_at_the_field(
        self, client, org, admin_user
    ):
        client.force_login(admin_user)
        response = client.post("/styrdokument/ny/", {
            "kind": "policy", "title": "Policy", "decided_by": "",
            "decided_on": "2024-01-10", "owner": org.ks.pk, "valid_from": "2024-01-10",
            "revise_by": "2028-01-10", "url": "https://borlange.se/p.pdf",
            "change_reason": "Registrerad",
        })  # fmt: skip
        assert response.status_code == 200
        assert response.context["form"].errors["decided_by"]
        assert not GoverningDocument.objects.exists()

    def test_logging_from_the_process_page_links_the_entry(self, client, org, editor_a, goal):
        document = process(org, editor_a)
        client.force_login(editor_a)
        form = client.get(f"/styrdokument/avvikelser/ny/?dokument={document.pk}")
        assert form.context["form"]["document"].value() == document.pk
        response = client.post("/styrdokument/avvikelser/ny/", {
            "unit": org.enhet_a1.pk, "occurred_on": "2026-03-01", "kind": "synpunkt",
            "description": "Bra rutin", "measure": "", "status": "oppen",
            "document": document.pk, "goal": goal.pk, "change_reason": "Loggad",
        })  # fmt: skip
        assert response.status_code == 302
        entry = Deviation.objects.get()
        assert (entry.document, entry.goal) == (document, goal)
