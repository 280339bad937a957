"""An open period's follow-up stays with the unit, the editors above it, ekonomer and
administrators on every goal page: the goal page, the tree, its children and the unit page.
Once the period is closed every reader sees it."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest

from apps.periods.models import ReportingPeriod
from tests.factories import (
    AssessmentFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)
from tests.goals.builders import YEAR, periods

OPEN_ANALYSIS = "Öppen analys i tertial 2"
CLOSED_ANALYSIS = "Stängd analys i tertial 1"
SEE_OPEN = ["editor_a", "economist", "admin_user"]
NOT_OPEN = ["politician", "editor_b"]


def page(response) -> str:
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.fixture
def reported(chain):
    """Nämnd A assessed its nämndmål "met" in the closed tertial 1 and "not met" in the open
    tertial 2, and reported an indicator value in each."""
    _, tertial1, tertial2 = periods()
    AssessmentFactory(goal=chain.reading, period=tertial1, status="met", analysis=CLOSED_ANALYSIS)
    AssessmentFactory(goal=chain.reading, period=tertial2, status="not_met", analysis=OPEN_ANALYSIS)
    indicator = IndicatorFactory(title="Läsande elever", decimals=1)
    GoalIndicatorFactory(goal=chain.reading, indicator=indicator, year=YEAR)
    IndicatorTargetFactory(indicator=indicator, year=YEAR, value=Decimal(85))
    owner = chain.reading.owner
    IndicatorValueFactory(indicator=indicator, period=tertial1, unit=owner, total=Decimal("86.0"))
    IndicatorValueFactory(indicator=indicator, period=tertial2, unit=owner, total=Decimal("64.7"))
    return tertial2


def close(period: ReportingPeriod) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")


class TestGoalPage:
    @pytest.mark.parametrize("persona", NOT_OPEN)
    def test_reader_without_the_right_sees_the_closed_period_only(
        self, request, client, chain, reported, persona
    ):
        client.force_login(request.getfixturevalue(persona))
        content = page(client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}&period={reported.pk}"))
        assert OPEN_ANALYSIS not in content
        if persona == "politician":  # an editor may choose the open period for their own units
            assert "Tertial 2 2026" not in content
        assert CLOSED_ANALYSIS in content
        assert "64,7" not in content
        assert "86,0" in content

    @pytest.mark.parametrize("persona", SEE_OPEN)
    def test_unit_editor_ekonom_and_admin_see_the_open_period(
        self, request, client, chain, reported, persona
    ):
        client.force_login(request.getfixturevalue(persona))
        content = page(client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}"))
        assert OPEN_ANALYSIS in content
        assert CLOSED_ANALYSIS in content
        assert "64,7" in content

    def test_politician_sees_it_once_the_period_is_closed(
        self, client, chain, reported, politician
    ):
        close(reported)
        client.force_login(politician)
        content = page(client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}"))
        assert OPEN_ANALYSIS in content
        assert "64,7" in content

    def test_rollup_counts_the_latest_readable_period(
        self, client, chain, org, reported, politician
    ):
        _, tertial1, tertial2 = periods()
        AssessmentFactory(goal=chain.reading, period=tertial1, unit=org.forvaltning_a)
        AssessmentFactory(goal=chain.reading, period=tertial2, unit=org.forvaltning_a)
        client.force_login(politician)
        rollup = client.get(f"/mal/{chain.reading.pk}/?ar={YEAR}").context["data"].rollup
        assert rollup.period == tertial1
        assert (rollup.shares.met, rollup.shares.not_met) == (2, 0)


def status_of(content: str, title: str) -> str:
    row = next(r for r in content.split('<div class="goal-row') if f">{title}</a>" in r)
    return row.split("status status--", 1)[1].split('"', 1)[0]


class TestTreeAndUnitPage:
    @pytest.mark.parametrize("persona", NOT_OPEN)
    def test_tree_shows_the_closed_periods_status(
        self, request, client, chain, org, reported, persona
    ):
        client.force_login(request.getfixturevalue(persona))
        content = page(client.get(f"/mal/?ar={YEAR}&enhet={org.namnd_a.pk}"))
        assert status_of(content, "Alla elever läser i årskurs 3") == "met"
        assert "Tertial 1 2026" in content  # the status says which period it is from

    @pytest.mark.parametrize("persona", SEE_OPEN)
    def test_tree_shows_the_open_periods_status_to_those_who_may_read_it(
        self, request, client, chain, org, reported, persona
    ):
        client.force_login(request.getfixturevalue(persona))
        url = f"/mal/?ar={YEAR}&enhet={org.namnd_a.pk}"
        # By default the published period, for every reader; the open one when chosen.
        assert status_of(page(client.get(url)), "Alla elever läser i årskurs 3") == "met"
        content = page(client.get(f"{url}&period={reported.pk}"))
        assert status_of(content, "Alla elever läser i årskurs 3") == "not_met"

    def test_children_partial_follows_the_same_rule(
        self, client, chain, reported, politician, editor_a
    ):
        url = f"/mal/{chain.school.pk}/barn/?ar={YEAR}&period={reported.pk}"
        client.force_login(politician)
        content = page(client.get(url, headers={"HX-Request": "true"}))
        assert status_of(content, "Alla elever läser i årskurs 3") == "met"
        client.force_login(editor_a)
        content = page(client.get(url, headers={"HX-Request": "true"}))
        assert status_of(content, "Alla elever läser i årskurs 3") == "not_met"

    def test_tree_indicator_counts_leave_out_the_open_periods_values(
        self, client, chain, org, reported, politician, economist
    ):
        url = f"/mal/?ar={YEAR}&enhet={org.namnd_a.pk}&period={reported.pk}"
        client.force_login(politician)
        assert "1 av 1 indikator når" in page(client.get(url))  # 86,0 in tertial 1
        client.force_login(economist)
        assert "0 av 1 indikator når" in page(client.get(url))  # 64,7 in tertial 2
        close(reported)
        client.force_login(politician)
        assert "0 av 1 indikator når" in page(client.get(url))

    @pytest.mark.parametrize(
        ("persona", "status"),
        # The politician may not choose the open period (the default is shown); editor B may,
        # but reads none of nämnd A's follow-up in it: not assessed there.
        [("politician", "met"), ("editor_b", "not_assessed"), ("editor_a", "not_met"),
         ("economist", "not_met"), ("admin_user", "not_met")],
    )  # fmt: skip
    def test_unit_page(self, request, client, chain, org, reported, persona, status):
        client.force_login(request.getfixturevalue(persona))
        url = f"/mal/enhet/{org.namnd_a.pk}/?ar={YEAR}"
        assert "status--met" in page(client.get(url))  # the published period by default
        content = page(client.get(f"{url}&period={reported.pk}"))
        assert f"status--{status}" in content

    def test_unit_page_after_the_close(self, client, chain, org, reported, politician):
        close(reported)
        client.force_login(politician)
        content = page(client.get(f"/mal/enhet/{org.namnd_a.pk}/?ar={YEAR}"))
        assert "status--not_met" in content
