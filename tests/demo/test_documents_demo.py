"""The demo's styrdokument and avvikelser: twenty documents of every kind, some overdue,
some linked to goals, two grunduppdrag citing their reglemente; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from apps.documents.models import (
    KIND_GROUPS,
    Deviation,
    DocumentGroup,
    DocumentKind,
    GoverningDocument,
)
from apps.documents.selectors import deviation_summary, due_for_revision
from apps.goals.models import BasicMission


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def seeded(db, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    seed()


def counts() -> dict[str, int]:
    return {
        "documents": GoverningDocument.objects.count(),
        "document history": GoverningDocument.history.count(),
        "goal links": GoverningDocument.goals.through.objects.count(),
        "deviations": Deviation.objects.count(),
        "deviation history": Deviation.history.count(),
        "mission history": BasicMission.history.count(),
    }


def test_twenty_documents_of_every_kind(seeded):
    # Exempelkommun follows Vimmerby's model: every kind of governance document, but not the
    # laws and the quality-management kinds of Borlänge's kvalitetsledningssystem (the
    # Borlänge demo, tests/demo/test_model_borlange.py, has those).
    quality = {DocumentKind.LAW} | {k for k, g in KIND_GROUPS.items() if g == DocumentGroup.QUALITY}
    assert GoverningDocument.objects.count() == 20
    assert set(GoverningDocument.objects.values_list("kind", flat=True)) == (
        set(DocumentKind.values) - quality
    )
    assert not GoverningDocument.objects.exclude(file="").exists()  # links, no binaries
    assert GoverningDocument.objects.filter(goals__isnull=False).distinct().count() >= 5


def test_a_few_are_overdue_for_revision(seeded):
    revision = due_for_revision(dt.date(2026, 6, 1))
    assert 3 <= len(revision.overdue) <= 6


def test_two_basic_missions_cite_their_reglemente(seeded):
    citing = BasicMission.objects.filter(document__isnull=False, last_year=None)
    assert {m.document.title for m in citing} == {
        "Reglemente för barn- och utbildningsnämnden",
        "Reglemente för socialnämnden",
    }


def test_deviations_fall_in_the_tertials_of_2026(seeded):
    assert Deviation.objects.count() == 7
    _periods, rows = deviation_summary(2026)
    assert rows
    assert {r.period.kind for r in rows} >= {"tertial1", "tertial2"}


def test_a_second_run_changes_nothing(seeded):
    before = counts()
    seed()
    assert counts() == before
