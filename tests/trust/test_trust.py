"""Nulägesbeskrivningar and tillitsdialoger: who may write them, what they require, pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.trust import services
from apps.trust.models import StatusReport, TrustDialogue


def test_a_nämnds_editor_writes_its_status_report_sanitised(editor_a, org):
    report = services.status_report_save(
        actor=editor_a, unit=org.namnd_a, year=2026, reason="Årets nulägesbeskrivning",
        operations="Vi <script>x</script><strong>gör</strong>", proposed_goals="Fler behöriga",
    )  # fmt: skip
    assert report.operations == "Vi <strong>gör</strong>"
    assert report.history.first().history_user == editor_a
    services.status_report_save(actor=editor_a, unit=org.namnd_a, year=2026, reason="Rättelse",
                                current_state="Bättre")  # fmt: skip
    assert StatusReport.objects.count() == 1


def test_other_units_and_non_bodies_are_refused(editor_a, editor_b, org):
    with pytest.raises(PermissionDenied):
        services.status_report_save(actor=editor_b, unit=org.namnd_a, year=2026, reason="x")
    with pytest.raises(ValidationError):
        services.status_report_save(actor=editor_a, unit=org.forvaltning_a, year=2026, reason="x")
    assert not StatusReport.objects.exists()


def test_dialogue_rules(editor_a, admin_user, org):
    day = dt.date(2026, 3, 12)
    with pytest.raises(ValidationError) as error:
        services.dialogue_record(
            actor=editor_a,
            kind="between",
            held_on=day,
            units=[org.namnd_a],
            participants="x",
            topics="y",
            reason="x",
        )
    assert "units" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.dialogue_record(
            actor=editor_a,
            kind="oversight",
            held_on=day,
            units=[org.namnd_a],
            participants="x",
            topics="y",
            reason="x",
        )
    dialogue = services.dialogue_record(
        actor=admin_user, kind="oversight", held_on=day, units=[org.ks, org.namnd_a],
        participants="KS presidium, nämndens presidium", topics="Skolresultat", reason="Dialog",
    )  # fmt: skip
    assert set(dialogue.units.all()) == {org.ks, org.namnd_a}
    assert TrustDialogue.objects.count() == 1


def test_an_editor_of_another_unit_cannot_take_over_a_dialogue_by_naming_own_units(
    editor_b, admin_user, org
):
    dialogue = services.dialogue_record(
        actor=admin_user, kind="within", held_on=dt.date(2026, 1, 1), units=[org.namnd_a],
        participants="Nämnd A", topics="Läget", reason="Dialog",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.dialogue_record(
            actor=editor_b, kind="within", held_on=dt.date(2026, 1, 1), units=[org.namnd_b],
            participants="Nämnd B", topics="Annat", reason="x", dialogue=dialogue,
        )  # fmt: skip
    dialogue.refresh_from_db()
    assert (dialogue.topics, list(dialogue.units.all())) == ("Läget", [org.namnd_a])


def test_an_editor_of_another_unit_cannot_record_a_dialogue_for_it(editor_b, org):
    with pytest.raises(PermissionDenied):
        services.dialogue_record(
            actor=editor_b,
            kind="within",
            held_on=dt.date(2026, 1, 1),
            units=[org.namnd_a],
            participants="x",
            topics="y",
            reason="x",
        )


def test_pages(client, politician, editor_a, outsider, org):
    services.status_report_save(actor=editor_a, unit=org.namnd_a, year=2026, reason="x",
                                operations="Uppdraget")  # fmt: skip
    client.force_login(politician)
    page = client.get("/tillit/?ar=2026").content.decode()
    assert "Nämnd A" in page and "Registrera en dialog" not in page
    read = client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar=2026").content.decode()
    assert "Uppdraget" in read and "<form" not in read.split("</header>")[1].split("<footer")[0]
    assert client.get("/tillit/dialog/ny/").status_code == 403
    client.force_login(editor_a)
    response = client.post("/tillit/dialog/ny/", {
        "kind": "within", "held_on": "2026-09-02", "units": [org.namnd_a.pk],
        "participants": "Nämndens ledamöter", "topics": "Trygghet", "change_reason": "Dialog",
    })  # fmt: skip
    assert response.status_code == 302
    assert TrustDialogue.objects.get().topics == "Trygghet"
    client.force_login(outsider)
    assert client.get("/tillit/").status_code == 403


@pytest.mark.parametrize("extra_nämnder", [1, 12])
def test_the_overview_runs_a_fixed_number_of_queries(
    client, politician, admin_user, org, django_assert_num_queries, extra_nämnder
):
    from tests.factories import UnitFactory

    for n in range(extra_nämnder):
        unit = UnitFactory(parent=org.kf, kind="namnd", name=f"Extra nämnd {n}")
        services.status_report_save(actor=admin_user, unit=unit, year=2026, reason="x",
                                    operations="Text")  # fmt: skip
        services.dialogue_record(actor=admin_user, kind="within", held_on=dt.date(2026, 3, 1),
                                 units=[unit], participants="Ledamöter", topics="Ämne",
                                 reason="x")  # fmt: skip
    client.force_login(politician)
    # session, user, roles, kommun name, units, reports with their last change, dialogues
    # (with their units, the status reports they rest on with units, and the uppdrag they
    # led to, prefetched), the active model and the year's omvärldsanalys
    with django_assert_num_queries(12):
        page = client.get("/tillit/?ar=2026").content.decode()
    assert page.count("Skriven, senast ändrad") == extra_nämnder
    assert page.count("Extra nämnd") >= 2 * extra_nämnder  # in both lists


class TestDialogueLinks:
    """A KS dialogue rests on a nämnd's nulägesanalys and may lead to new uppdrag; both show
    as links, and the status report lists the dialogues that rest on it."""

    def test_the_form_records_both_and_the_pages_show_them(self, client, org, admin_user):
        from apps.goals.models import Assignment

        report = services.status_report_save(actor=admin_user, unit=org.namnd_a, year=2026,
                                             reason="x", operations="Text")  # fmt: skip
        led_to = Assignment.objects.create(given_by=org.kf, title="Utred fritidsgårdarna",
                                           first_year=2026, last_year=2027)  # fmt: skip
        client.force_login(admin_user)
        form = client.get("/tillit/dialog/ny/?ar=2026").content.decode()
        assert f'value="{report.pk}"' in form and "Utred fritidsgårdarna" in form
        response = client.post("/tillit/dialog/ny/?ar=2026", {
            "kind": "oversight", "held_on": "2026-10-02", "units": [org.ks.pk, org.namnd_a.pk],
            "participants": "KS presidium", "topics": "Skolresultat",
            "status_reports": [report.pk], "assignments": [led_to.pk],
            "change_reason": "Dialog",
        })  # fmt: skip
        assert response.status_code == 302
        dialogue = TrustDialogue.objects.get()
        assert list(dialogue.status_reports.all()) == [report]
        assert list(dialogue.assignments.all()) == [led_to]
        overview = client.get("/tillit/?ar=2026").content.decode()
        assert f'href="/tillit/nulage/{org.namnd_a.pk}/?ar=2026">Nämnd A 2026</a>' in overview
        assert "Utred fritidsgårdarna</a>" in overview
        page = client.get(f"/tillit/nulage/{org.namnd_a.pk}/?ar=2026").content.decode()
        assert "2 okt. 2026" in page
        edit = client.get(f"/tillit/dialog/{dialogue.pk}/").context["form"]
        assert edit["status_reports"].value() == [report.pk]
        assert edit["assignments"].value() == [led_to.pk]

    def test_a_report_of_a_unit_not_in_the_dialogue_is_refused_at_the_field(
        self, client, org, admin_user
    ):
        other = services.status_report_save(actor=admin_user, unit=org.namnd_b, year=2026,
                                            reason="x", operations="Text")  # fmt: skip
        client.force_login(admin_user)
        response = client.post("/tillit/dialog/ny/?ar=2026", {
            "kind": "oversight", "held_on": "2026-10-02", "units": [org.ks.pk, org.namnd_a.pk],
            "participants": "KS presidium", "topics": "Skolresultat",
            "status_reports": [other.pk], "change_reason": "Dialog",
        })  # fmt: skip
        assert response.status_code == 200
        assert response.context["form"].errors["status_reports"]
        assert not TrustDialogue.objects.exists()

    def test_an_editor_of_another_unit_cannot_change_the_dialogue(
        self, client, org, editor_a, editor_b
    ):
        dialogue = services.dialogue_record(
            actor=editor_a, kind="within", held_on=dt.date(2026, 3, 1), units=[org.namnd_a],
            participants="Ledamöter", topics="Ämne", reason="x",
        )  # fmt: skip
        client.force_login(editor_b)
        response = client.post(f"/tillit/dialog/{dialogue.pk}/", {
            "kind": "within", "held_on": "2026-03-01", "units": [org.namnd_b.pk],
            "participants": "x", "topics": "y", "change_reason": "x",
        })  # fmt: skip
        assert response.status_code == 403
        assert list(TrustDialogue.objects.get().units.all()) == [org.namnd_a]


def test_alvesta_trust_pages_never_speak_of_external_factors(client, org, alvesta, editor_a):
    client.force_login(editor_a)
    for url in ("/tillit/?ar=2026", f"/tillit/nulage/{org.namnd_a.pk}/?ar=2026"):
        page = client.get(url).content.decode().lower()
        assert "omvärldsfaktor" not in page and "external factor" not in page
        assert "/mal/omvarldsfaktorer/" not in page


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("editor_a", True), ("admin_user", True), ("editor_b", False), ("politician", False)],
)
def test_change_on_a_dialogue_is_shown_to_whoever_may_change_it(
    client, request, org, editor_a, persona, shown
):
    dialogue = services.dialogue_record(
        actor=editor_a, kind="within", held_on=dt.date(2026, 3, 1), units=[org.namnd_a],
        participants="Ledamöter", topics="Ämne", reason="x",
    )  # fmt: skip
    link = f"/tillit/dialog/{dialogue.pk}/"
    client.force_login(request.getfixturevalue(persona))
    assert (link in client.get("/tillit/?ar=2026").content.decode()) is shown
    assert client.get(link).status_code == (200 if shown else 403)
