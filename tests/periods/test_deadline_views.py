"""Deadlines on the pages: the period page where the ekonom moves them and gives more time,
the entry page that stops taking reports after them, and the to-do list that says so."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.utils import timezone, translation

from apps.followup.models import Assessment
from apps.periods.models import DeadlineExtension, ReportingPeriod
from styrmodell.lib.formats import format_date
from tests.factories import ReportingPeriodFactory, UnitFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

TODAY = timezone.localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def late_period(db) -> ReportingPeriod:
    return ReportingPeriodFactory(deadline=YESTERDAY)


def detail_url(period: ReportingPeriod) -> str:
    return f"/perioder/{period.pk}/"


def entry_url(period: ReportingPeriod, unit) -> str:
    return f"/uppfoljning/{period.pk}/enhet/{unit.pk}/"


class TestPeriodPage:
    def test_every_reader_sees_deadline_and_extensions_without_forms(
        self, client, org, late_period, politician
    ):
        DeadlineExtension.objects.create(period=late_period, unit=org.namnd_a, until=TODAY)
        client.force_login(politician)
        response = client.get(detail_url(late_period))
        assert response.status_code == 200
        html = page(response)
        assert format_date(YESTERDAY) in html and "Nämnd A" in html
        assert "deadline_form" in response.context and not response.context["can_manage"]
        assert 'name="action" value="extend"' not in html

    def test_a_reader_cannot_post(self, client, org, late_period, politician):
        client.force_login(politician)
        response = client.post(detail_url(late_period), {"action": "d", "d-deadline": "2026-12-01"})
        assert response.status_code == 403

    def test_the_ekonom_moves_the_deadline(self, client, late_period, economist):
        client.force_login(economist)
        response = client.post(
            detail_url(late_period),
            {"action": "deadline", "d-deadline": TODAY.isoformat(), "d-change_reason": "Påsk"},
        )
        assert response.status_code == 302
        late_period.refresh_from_db()
        assert late_period.deadline == TODAY

    def test_a_deadline_before_the_period_ends_is_refused_at_the_field(
        self, client, late_period, economist
    ):
        client.force_login(economist)
        response = client.post(
            detail_url(late_period),
            {"action": "deadline", "d-deadline": "2026-04-01", "d-change_reason": "Fel"},
        )
        assert response.status_code == 200
        assert response.context["deadline_form"].errors["deadline"] == [
            t("The deadline comes before the period has ended.")
        ]
        late_period.refresh_from_db()
        assert late_period.deadline == YESTERDAY

    def test_the_ekonom_gives_a_unit_more_time_and_takes_it_back(
        self, client, org, late_period, economist
    ):
        client.force_login(economist)
        response = client.post(
            detail_url(late_period),
            {"action": "extend", "e-unit": org.forvaltning_a.pk, "e-until": TODAY.isoformat(),
             "e-change_reason": "Sjukdom"},
        )  # fmt: skip
        assert response.status_code == 302
        extension = DeadlineExtension.objects.get()
        assert (extension.unit, extension.until) == (org.forvaltning_a, TODAY)
        response = client.post(
            detail_url(late_period),
            {"action": f"remove-{extension.pk}", "change_reason": "Klar ändå"},
        )
        assert response.status_code == 302
        assert not DeadlineExtension.objects.exists()

    def test_an_extension_before_the_deadline_is_refused_at_the_field(
        self, client, org, late_period, economist
    ):
        client.force_login(economist)
        response = client.post(
            detail_url(late_period),
            {"action": "extend", "e-unit": org.namnd_a.pk, "e-until": "2026-05-01",
             "e-change_reason": "x"},
        )  # fmt: skip
        assert response.status_code == 200
        assert response.context["extension_form"].errors["until"]
        assert not DeadlineExtension.objects.exists()

    def test_a_nonsense_remove_action_is_not_found(self, client, late_period, economist):
        client.force_login(economist)
        response = client.post(detail_url(late_period), {"action": "remove-x"})
        assert response.status_code == 404

    @pytest.mark.parametrize("count", [1, 12])
    def test_a_fixed_number_of_queries(
        self, client, org, late_period, economist, count, django_assert_num_queries
    ):
        for n in range(count):
            unit = UnitFactory(parent=org.forvaltning_a, kind="enhet", name=f"Enhet {n}",
                               ansvarskod=f"27{n:02d}")  # fmt: skip
            DeadlineExtension.objects.create(period=late_period, unit=unit, until=TODAY)
        client.force_login(economist)
        with django_assert_num_queries(7):
            client.get(detail_url(late_period))


class TestEntryAfterTheDeadline:
    def test_the_editor_reads_why_and_gets_no_forms(
        self, client, org, chain, late_period, editor_a
    ):
        client.force_login(editor_a)
        response = client.get(entry_url(late_period, org.namnd_a))
        assert response.status_code == 200
        assert response.context["late"] and not response.context["can_write"]
        assert t(
            "The deadline was %(date)s: the follow-up can no longer be changed. Ask the "
            "economy department for more time."
        ).replace("%(date)s", format_date(YESTERDAY)) in page(response).replace("\n", " ")

    def test_a_post_is_refused_at_the_form_and_nothing_saved(
        self, client, org, chain, late_period, editor_a
    ):
        goal = chain.reading
        client.force_login(editor_a)
        response = client.post(
            entry_url(late_period, org.namnd_a),
            {"action": f"goal-{goal.pk}", f"g{goal.pk}-status": "met",
             f"g{goal.pk}-analysis": "", f"g{goal.pk}-version": 0},
        )  # fmt: skip
        assert response.status_code == 200
        form = next(f for e, f in response.context["goal_forms"] if e.goal == goal)
        assert format_date(YESTERDAY) in form.non_field_errors()[0]
        assert not Assessment.objects.exists()

    def test_with_an_extension_the_editor_writes(self, client, org, chain, late_period, editor_a):
        DeadlineExtension.objects.create(period=late_period, unit=org.namnd_a, until=TODAY)
        client.force_login(editor_a)
        response = client.get(entry_url(late_period, org.namnd_a))
        assert response.context["can_write"] and response.context["deadline"] == TODAY

    def test_the_ekonom_may_still_correct(self, client, org, chain, late_period, admin_user):
        client.force_login(admin_user)
        response = client.get(entry_url(late_period, org.namnd_a))
        assert response.context["can_write"] and not response.context["late"]


class TestTodo:
    def test_a_passed_deadline_is_marked_and_an_extension_shown(
        self, client, org, chain, late_period, editor_a
    ):
        DeadlineExtension.objects.create(period=late_period, unit=org.forvaltning_a, until=TODAY)
        client.force_login(editor_a)
        response = client.get("/uppfoljning/")
        items = {item.unit: item for item in response.context["items"]}
        assert items[org.namnd_a].deadline == YESTERDAY and items[org.namnd_a].overdue
        assert items[org.forvaltning_a].deadline == TODAY
        assert not items[org.forvaltning_a].overdue
        assert t("passed") in page(response)
