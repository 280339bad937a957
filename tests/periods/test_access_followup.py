"""The period page shows every reader the period's kind, dates, deadline, state and the
units' extensions: nothing a unit reported in it (a forecast here), so an open period's
follow-up does not leak through it; the report's status is the reports app's (75212b9). The
follow-up overview of a period is the ekonomer's and administrators' only
(tests/followup/test_views.py pins its 403 for every other persona)."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest

from tests.economy.factories import ForecastFactory
from tests.factories import ReportingPeriodFactory

SECRET = "Underskottet beror på placeringskostnader"


@pytest.fixture
def reported(org):
    period = ReportingPeriodFactory(year=2026)  # Tertial 1, open
    ForecastFactory(unit=org.namnd_a, period=period, amount=Decimal("987654321"), comment=SECRET)
    return period


@pytest.mark.parametrize("persona", ["politician", "editor_b"])
def test_the_period_page_shows_no_follow_up_of_the_open_period(client, request, reported, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/perioder/{reported.pk}/")
    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert SECRET not in content
    assert "987" not in content


@pytest.mark.parametrize("persona", ["politician", "editor_a", "editor_b"])
def test_the_follow_up_overview_stays_the_ekonomers(client, request, reported, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/uppfoljning/{reported.pk}/").status_code == 403
