"""No lost updates in trust-based steering: a nulägesbeskrivning or a dialogue saved from a
page opened before someone else saved it is refused; nothing of the first's is lost."""

from __future__ import annotations

import datetime as dt

from apps.trust import services
from apps.trust.models import StatusReport, TrustDialogue
from tests.stale import conflict_shown, second_writer_is_refused

REASON = "Nulägesbeskrivning 2026"


def test_a_status_report_also_when_both_started_it(org, editor_a, admin_user):
    def save(text, version):
        services.status_report_save(
            actor=editor_a if text == "<p>Först</p>" else admin_user, unit=org.namnd_a,
            year=2026, reason=REASON, expected_version=version, operations=text,
        )  # fmt: skip

    second_writer_is_refused(
        save, lambda: StatusReport.objects.get(unit=org.namnd_a, year=2026).operations,
        opened=0, first="<p>Först</p>", second="<p>Sen</p>",
    )  # fmt: skip


def test_a_dialogue(org, editor_a, admin_user):
    dialogue = services.dialogue_record(
        actor=editor_a, kind="within", held_on=dt.date(2026, 3, 2), units=[org.namnd_a],
        participants="Presidiet", topics="Läsning", reason=REASON,
    )  # fmt: skip

    def save(topics, version):
        services.dialogue_record(
            actor=editor_a if topics == "Först" else admin_user, kind="within",
            held_on=dt.date(2026, 3, 2), units=[org.namnd_a], participants="Presidiet",
            topics=topics, dialogue=TrustDialogue.objects.get(pk=dialogue.pk), reason=REASON,
            expected_version=version,
        )  # fmt: skip

    second_writer_is_refused(
        save, lambda: TrustDialogue.objects.get(pk=dialogue.pk).topics,
        opened=dialogue.version, first="Först", second="Sen",
    )  # fmt: skip


def test_the_status_report_page_shows_both_versions(client, org, editor_a, admin_user):
    services.status_report_save(
        actor=admin_user, unit=org.namnd_a, year=2026, reason=REASON,
        operations="Skola och förskola",
    )  # fmt: skip
    client.force_login(editor_a)
    response = client.post(
        f"/tillit/nulage/{org.namnd_a.pk}/?ar=2026",
        {"action": "report", "operations": "Skola", "environment": "", "current_state": "",
         "proposed_goals": "", "change_reason": REASON, "version": "0"},
    )  # fmt: skip
    conflict_shown(response, theirs="Skola och förskola", yours="Skola")
    assert StatusReport.objects.get().operations == "<p>Skola och förskola</p>"
