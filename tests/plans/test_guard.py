"""A decided plan is read-only whatever path a write takes: the services refuse with a
message (test_services.py), the database refuses every other path underneath them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from apps.plans import services
from apps.plans.models import Activity, Plan, PlanSection, SectionTemplate


def refused():
    return pytest.raises(IntegrityError, match="decided plan")


def new_activity(plan: Plan, goal, title: str = "Direkt i tabellen") -> Activity:
    return Activity(
        plan=plan,
        goal=goal,
        title=title,
        responsible="Rektor",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 6, 30),
    )


class TestTheDatabaseRefusesWritesToADecidedPlan:
    def test_updating_a_section(self, decided):
        section = decided.sections.first()
        with refused(), transaction.atomic():
            PlanSection.objects.filter(pk=section.pk).update(body="<p>Ändrad</p>")
        with refused(), transaction.atomic():
            section.body = "<p>Ändrad</p>"
            section.save()
        assert not PlanSection.objects.filter(plan=decided).exclude(body="").exists()

    def test_adding_a_section(self, decided):
        template = SectionTemplate.objects.create(key="klimat", title="Klimat", position=40)
        with refused(), transaction.atomic():
            PlanSection.objects.create(plan=decided, template=template)
        assert decided.sections.count() == 3

    def test_creating_an_activity(self, decided, chain):
        with refused(), transaction.atomic():
            new_activity(decided, chain.reading).save()
        assert decided.activities.count() == 1

    def test_updating_an_activity(self, decided):
        activity = decided.activities.get()
        with refused(), transaction.atomic():
            Activity.objects.filter(pk=activity.pk).update(status="done")
        with refused(), transaction.atomic():
            activity.title = "Ändrad i efterhand"
            activity.save()
        activity.refresh_from_db()
        assert (activity.status, activity.title) == ("not_started", "Läsombud på varje avdelning")

    def test_moving_an_activity_into_or_out_of_a_decided_plan(self, decided, chain, org, editor_a):
        other = services.plan_create(actor=editor_a, unit=org.enhet_a1, year=2026, reason="x")
        draft_activity = new_activity(other, chain.reading, title="I utkastet")
        draft_activity.save()
        with refused(), transaction.atomic():
            Activity.objects.filter(pk=draft_activity.pk).update(plan=decided)
        with refused(), transaction.atomic():
            decided.activities.update(plan=other)
        assert list(decided.activities.values_list("title", flat=True)) == [
            "Läsombud på varje avdelning"
        ]
        assert list(other.activities.values_list("title", flat=True)) == ["I utkastet"]

    def test_a_bulk_create_of_activities(self, decided, chain):
        with refused(), transaction.atomic():
            Activity.objects.bulk_create(
                [new_activity(decided, chain.reading, title=f"Import {n}") for n in (1, 2)]
            )
        assert decided.activities.count() == 1

    def test_updating_the_plans_own_fields_while_it_stays_decided(self, decided):
        with refused(), transaction.atomic():
            Plan.objects.filter(pk=decided.pk).update(strengths="<p>Ny styrka</p>")
        with refused(), transaction.atomic():
            decided.paragraph = "§ 99"
            decided.save()
        with refused(), transaction.atomic():
            Plan.objects.filter(pk=decided.pk).update(decided_on=dt.date(2026, 5, 5))
        decided.refresh_from_db()
        assert (decided.strengths, decided.paragraph, decided.decided_on) == (
            "",
            "§ 5",
            dt.date(2026, 1, 28),
        )

    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite guards only inserts and updates: Django flushes SQLite with DELETE",
    )
    def test_deleting_a_decided_plan_its_sections_or_activities(self, decided):
        with refused(), transaction.atomic():
            decided.activities.all().delete()
        with refused(), transaction.atomic():
            PlanSection.objects.filter(plan=decided).delete()
        with refused(), transaction.atomic():
            Plan.objects.filter(pk=decided.pk).delete()
        assert Plan.objects.filter(pk=decided.pk).exists()
        assert (decided.sections.count(), decided.activities.count()) == (3, 1)


class TestWhatStaysWritable:
    def test_reopening_changes_the_state_away_from_decided(self, decided):
        Plan.objects.filter(pk=decided.pk).update(state="draft")
        PlanSection.objects.filter(plan=decided).update(body="<p>Rättad</p>")
        Activity.objects.filter(plan=decided).update(status="started")
        decided.refresh_from_db()
        assert decided.state == "draft"
        assert set(decided.sections.values_list("body", flat=True)) == {"<p>Rättad</p>"}
        assert list(decided.activities.values_list("status", flat=True)) == ["started"]

    def test_a_draft_and_a_submitted_plan_take_writes(self, submitted, chain):
        new_activity(submitted, chain.reading).save()
        PlanSection.objects.filter(plan=submitted).update(body="<p>Text</p>")
        Plan.objects.filter(pk=submitted.pk).update(threats="<p>Hot</p>")
        submitted.refresh_from_db()
        assert (submitted.threats, submitted.activities.count()) == ("<p>Hot</p>", 2)

    def test_deciding_a_submitted_plan_is_an_update_the_database_allows(self, submitted):
        Plan.objects.filter(pk=submitted.pk).update(
            state="decided", decided_on=dt.date(2026, 1, 28), paragraph="§ 5"
        )
        assert Plan.objects.get(pk=submitted.pk).is_decided

    def test_other_plans_are_untouched_by_the_guard(self, decided, org, editor_a, chain):
        other = services.plan_create(actor=editor_a, unit=org.namnd_a, year=2026, reason="x")
        new_activity(other, chain.reading).save()
        PlanSection.objects.filter(plan=other).update(body="<p>Nämndens text</p>")
        assert other.activities.count() == 1
