"""The verksamhetsberättelse page at its literal URLs: who reads and writes it, what a POST
leaves in the database, the figures beside the text, a stale save kept in the form, and
the link from the body's follow-up page."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest

from apps.followup.models import BodyReport
from apps.goals.services import steering_model_load_preset
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_tkr
from tests.economy.factories import example_year
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    ReportingPeriodFactory,
    RoleAssignmentFactory,
    UserFactory,
)

M = 1_000_000


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


def url(period, unit, suffix="") -> str:
    return f"/uppfoljning/{period.pk}/verksamhetsberattelse/{unit.pk}/{suffix}"


def page(response) -> str:
    return unescape(response.content.decode())


def post(client, period, unit, *, version=0, reason="Tertialrapport", **texts):
    data = {"important_events": "", "goal_summary": "", "economy": "", "outlook": ""}
    data.update(texts)
    data.update({"change_reason": reason, "version": version})
    return client.post(url(period, unit, "spara/"), data)


def test_editor_sees_the_form_and_saves(client, org, editor_a, period):
    client.force_login(editor_a)
    response = client.get(url(period, org.namnd_a))
    assert response.status_code == 200
    assert 'name="important_events"' in page(response)
    assert f'action="{url(period, org.namnd_a, "spara/")}"' in page(response)

    response = post(
        client,
        period,
        org.namnd_a,
        important_events="Ny skola <b>invigd</b> <strong>i dag</strong>.",
    )

    assert response.status_code == 302
    assert response.url == url(period, org.namnd_a)
    stored = BodyReport.objects.get(period=period, unit=org.namnd_a)
    assert stored.important_events == "Ny skola invigd <strong>i dag</strong>."  # sanitised
    assert stored.history.first().history_change_reason == "Tertialrapport"
    shown = page(client.get(url(period, org.namnd_a)))
    assert "Tertialrapport" in shown  # the history


def test_editor_of_another_body_cannot_write(client, org, editor_b, period):
    client.force_login(editor_b)
    assert client.get(url(period, org.namnd_a)).status_code == 403
    assert post(client, period, org.namnd_a, outlook="Inte min.").status_code == 403
    assert not BodyReport.objects.exists()


def test_outsider_is_refused(client, org, outsider, period):
    client.force_login(outsider)
    assert client.get(url(period, org.namnd_a)).status_code == 403
    assert post(client, period, org.namnd_a, outlook="x").status_code == 403


def test_get_is_not_a_write(client, org, editor_a, period):
    client.force_login(editor_a)
    assert client.get(url(period, org.namnd_a, "spara/")).status_code == 405


def test_a_unit_that_is_not_a_body_has_no_page(client, org, editor_a, period):
    client.force_login(editor_a)
    assert client.get(url(period, org.forvaltning_a)).status_code == 404


def test_reason_is_required_at_the_field(client, org, editor_a, period):
    client.force_login(editor_a)
    response = post(client, period, org.namnd_a, outlook="Framtid.", reason="")
    assert response.status_code == 200
    assert response.context["form"].errors["change_reason"]
    assert "Framtid." in page(response)
    assert not BodyReport.objects.exists()


def test_economist_reads_the_text_of_an_open_period_read_only(client, org, economist, period):
    BodyReport.objects.create(period=period, unit=org.namnd_a, outlook="<p>Fler elever.</p>")
    client.force_login(economist)
    response = client.get(url(period, org.namnd_a))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "<p>Fler elever.</p>" in page(response)
    assert post(client, period, org.namnd_a, outlook="x").status_code == 403


def test_closed_period_is_read_only(client, org, editor_a, politician):
    closed = ReportingPeriodFactory(year=2025, name="Bokslut", kind="bokslut", state="open")
    BodyReport.objects.create(period=closed, unit=org.namnd_a, outlook="<p>Stängt.</p>")
    ReportingPeriod.objects.filter(pk=closed.pk).update(state="closed")
    client.force_login(editor_a)
    response = client.get(url(closed, org.namnd_a))
    assert response.context["form"] is None
    assert "<p>Stängt.</p>" in page(response)
    response = post(client, closed, org.namnd_a, version=1, outlook="Ändrat.")
    assert response.status_code == 302
    assert BodyReport.objects.get().outlook == "<p>Stängt.</p>"
    client.force_login(politician)  # every reader reads a closed period
    assert client.get(url(closed, org.namnd_a)).status_code == 200


def test_a_stale_save_keeps_the_text_in_the_form(client, org, editor_a, period):
    colleague = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=colleague, role="redaktor", unit=org.namnd_a)
    client.force_login(editor_a)
    post(client, period, org.namnd_a, important_events="Karins version.")

    client.force_login(colleague)
    response = post(client, period, org.namnd_a, version=0, important_events="Min egen text.")

    assert response.status_code == 200
    shown = page(response)
    assert "Min egen text." in shown  # kept in the form
    assert 'id="conflict"' in shown
    assert response.context["form"].data["version"] == 1  # the next save goes through
    assert BodyReport.objects.get().important_events == "<p>Karins version.</p>"


def test_figures_and_goal_counts_are_shown_beside_the_text(client, org, editor_a):
    example_year(org)
    t1 = ReportingPeriod.objects.get(year=2026, name="Tertial 1")
    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    goal = GoalFactory(owner=org.namnd_a, level=model.levels.get(key="namndmal"))
    AssessmentFactory(goal=goal, period=t1, status="met")
    client.force_login(editor_a)

    response = client.get(url(t1, org.namnd_a))

    figures = response.context["figures"]
    assert figures.current == Decimal(155 * M)
    assert figures.counted_forecast == Decimal(160 * M)
    assert figures.deviation == Decimal(-5 * M)
    shown = page(response)
    for amount in (155 * M, 160 * M, -5 * M):
        assert format_tkr(Decimal(amount)) in shown
    counts = response.context["counts"]
    assert (counts.of("met"), counts.total) == (1, 1)


def test_the_follow_up_page_of_a_body_links_to_it(client, org, editor_a, period):
    client.force_login(editor_a)
    shown = page(client.get(f"/uppfoljning/{period.pk}/enhet/{org.namnd_a.pk}/"))
    assert f'href="{url(period, org.namnd_a)}"' in shown
    shown = page(client.get(f"/uppfoljning/{period.pk}/enhet/{org.forvaltning_a.pk}/"))
    assert "verksamhetsberattelse" not in shown
