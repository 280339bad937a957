"""The kontroller page and the failing checks on the report request page: the ekonomers' and
the administrators'."""

from __future__ import annotations

import pytest

from apps.goals import services as goal_services
from tests.factories import GoalFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(org):
    return ReportingPeriodFactory(year=2026)


@pytest.fixture
def unassessed(org):
    """A KF goal with no assessment: the KF goals' check fails."""
    model = goal_services.steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    return GoalFactory(
        level=model.levels.get(key="inriktningsmal"), owner=org.kf, title="Trygg kommun",
        first_year=2026,
    )  # fmt: skip


def checks_url(period) -> str:
    return f"/rapporter/{period.pk}/kontroller/"


@pytest.mark.parametrize("persona", ["economist", "admin_user"])
def test_ekonom_and_administrator_read_the_checks(client, request, persona, period):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(checks_url(period))

    assert response.status_code == 200
    assert [c.key for c in response.context["checks"]] == [
        "balance_sheet", "operating_statement", "forecasts", "council_goals", "deficit_plans",
        "indicator_values", "pensions", "group", "texts",
    ]  # fmt: skip


@pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider"])
def test_editors_politicians_and_outsiders_get_403(client, request, persona, period):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(checks_url(period)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, period):
    response = client.get(checks_url(period))

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_unknown_period_is_404(client, economist):
    client.force_login(economist)

    assert client.get("/rapporter/999999/kontroller/").status_code == 404


def test_a_failing_check_shows_its_details_and_its_link(client, economist, period, unassessed):
    client.force_login(economist)

    response = client.get(checks_url(period))

    failed = [c for c in response.context["checks"] if not c.passed]
    assert [c.key for c in failed] == ["council_goals"]
    html = response.content.decode()
    assert "Trygg kommun" in html
    assert f'href="/uppfoljning/{period.pk}/enhet/{unassessed.owner_id}/"' in html
    # Pass and fail are written out, not only coloured.
    assert html.count("✗") == 1
    assert html.count("✓") == 8


def test_the_request_page_lists_the_failing_checks_for_the_ekonom(
    client, economist, period, unassessed
):
    client.force_login(economist)

    response = client.get(f"/rapporter/{period.pk}/")

    assert [c.key for c in response.context["failing_checks"]] == ["council_goals"]
    html = response.content.decode()
    assert "Trygg kommun" in html
    assert f'href="/rapporter/{period.pk}/kontroller/"' in html


def test_the_request_page_shows_readers_no_checks(client, politician, period, unassessed):
    client.force_login(politician)

    response = client.get(f"/rapporter/{period.pk}/")

    assert response.context["failing_checks"] == []
    assert "Trygg kommun" not in response.content.decode()
    assert f"/rapporter/{period.pk}/kontroller/" not in response.content.decode()


def test_the_period_page_links_to_the_checks_for_the_ekonom_only(
    client, economist, politician, period
):
    client.force_login(economist)
    assert checks_url(period) in client.get(f"/perioder/{period.pk}/").content.decode()

    client.force_login(politician)
    assert checks_url(period) not in client.get(f"/perioder/{period.pk}/").content.decode()
