"""Agenda 2030 through the chain (Alvesta): per global goal its goals with their status, its
uppdrag with each recipient's status in the period, the year's activities and its indicators
with target and value — one read for the page and the reports, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from apps.accounts.access import access_for
from apps.followup.agenda import agenda_2030
from apps.followup.models import AssignmentReport
from apps.goals import services
from apps.goals.models import (
    Assignment,
    AssignmentRecipient,
    BasicMission,
    GoalIndicator,
    MissionIndicator,
)
from apps.plans.models import Activity, Plan
from tests.factories import (
    AssessmentFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    writable,
)
from tests.goals import conftest as goal_fixtures
from tests.goals.builders import agenda, periods

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain


@pytest.fixture
def tertials(db):
    _bokslut, tertial1, tertial2 = periods()
    return tertial1, tertial2


def _assignment(org, title: str, *tags, recipients=None, year: int = 2026) -> Assignment:
    assignment = Assignment.objects.create(
        given_by=org.kf, title=title, first_year=year, last_year=year
    )
    for unit in recipients or [org.namnd_a, org.namnd_b]:
        AssignmentRecipient.objects.create(assignment=assignment, unit=unit)
    assignment.tags.set(tags)
    return assignment


def _activity(unit, title: str, *tags, year: int = 2026, goal=None) -> Activity:
    plan, _ = Plan.objects.get_or_create(unit=unit, year=year, defaults={"kind": "verksamhetsplan"})
    activity = Activity.objects.create(
        plan=plan,
        goal=goal,
        title=title,
        responsible="Rektor",
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
    )
    activity.tags.set(tags)
    return activity


@pytest.fixture
def tagged(org, chain, tertials):
    """Global goal 4: Nämnd A's reading goal (met in Tertial 1), an uppdrag to both nämnder
    (Nämnd A reported in Tertial 1), an activity and an indicator measuring the goal. Global
    goal 13: an indicator on Nämnd B's grunduppdrag. Global goal 1: only last year's uppdrag."""
    tertial1, _ = tertials
    AssessmentFactory(goal=chain.reading, period=tertial1, status="met", analysis="Bra.")
    school = _assignment(org, "Läsombud på varje skola", agenda(4))
    with writable(tertial1):
        AssignmentReport.objects.create(
            recipient=school.recipient_rows.get(unit=org.namnd_a),
            period=tertial1,
            status="in_progress",
            report="Hälften av skolorna har ett läsombud.",
        )
    _assignment(org, "Fattigdomsutredning", agenda(1), year=2025)
    activity = _activity(org.forvaltning_a, "Bokcirklar", agenda(4), goal=chain.reading_unit)
    reading = IndicatorFactory(title="Andel som läser i åk 3")
    reading.tags.set([agenda(4)])
    GoalIndicator.objects.create(goal=chain.reading, indicator=reading, year=2026)
    IndicatorTargetFactory(indicator=reading, year=2026, value=Decimal("90"))
    IndicatorValueFactory(indicator=reading, period=tertial1, total=Decimal("84.5"))
    mission = BasicMission.objects.create(unit=org.namnd_b, title="Äldreomsorg", text="Omsorg",
                                          first_year=2024)  # fmt: skip
    climate = IndicatorFactory(title="Fossilfria transporter")
    climate.tags.set([agenda(13)])
    MissionIndicator.objects.create(basic_mission=mission, indicator=climate, year=2026)
    IndicatorValueFactory(indicator=climate, period=tertial1, unit=org.namnd_b, total=Decimal("40"))
    return school, activity, reading, climate


class TestContent:
    def test_each_global_goal_with_anything_tagged_in_the_year_in_order(self, tagged, tertials):
        blocks = agenda_2030(period=tertials[0])
        assert [block.tag.code for block in blocks] == ["4", "13"]

    def test_a_goal_carries_its_status_in_the_period(self, chain, tagged, tertials):
        tertial1, tertial2 = tertials
        (block, _) = agenda_2030(period=tertial1)
        assert [(line.goal, line.status.status) for line in block.goals] == [(chain.reading, "met")]
        (block, _) = agenda_2030(period=tertial2)
        assert block.goals[0].status.status == "not_assessed"

    def test_an_uppdrag_carries_each_recipients_status_in_the_period(self, org, tagged, tertials):
        school, *_ = tagged
        (block, _) = agenda_2030(period=tertials[0])
        (line,) = block.assignments
        assert line.assignment == school
        assert [(r.recipient.unit, r.status, bool(r.report)) for r in line.recipients] == [
            (org.namnd_a, "in_progress", True),
            (org.namnd_b, "not_started", False),
        ]
        with translation.override("en"):
            assert line.recipients[0].status_label == "In progress"

    def test_activities_and_indicators_with_target_and_value(self, tagged, tertials):
        _, activity, reading, climate = tagged
        (school, environment) = agenda_2030(period=tertials[0])
        assert school.activities == [activity]
        (line,) = school.indicators
        assert line.indicator == reading
        assert line.target.value == Decimal("90")
        assert line.value.total == Decimal("84.5")
        # Only Nämnd B has a value of the grunduppdrag's indicator: that one is shown.
        (line,) = environment.indicators
        assert (line.indicator, line.target, line.value.total) == (climate, None, Decimal("40"))

    def test_units_narrow_to_what_they_own_received_and_plan(self, org, tagged, tertials):
        blocks = agenda_2030(period=tertials[0], units=[org.namnd_b])
        assert [block.tag.code for block in blocks] == ["4", "13"]
        school, environment = blocks
        assert school.goals == [] and school.activities == [] and school.indicators == []
        assert [r.recipient.unit for r in school.assignments[0].recipients] == [org.namnd_b]
        assert environment.indicators[0].value.unit == org.namnd_b

        (school,) = agenda_2030(period=tertials[0], units=[org.namnd_a])
        assert len(school.goals) == 1 and len(school.activities) == 1

    def test_a_reader_of_the_page_does_not_see_an_open_periods_report(
        self, org, politician, editor_a, tagged, tertials
    ):
        _, tertial2 = tertials
        school, *_ = tagged
        with writable(tertial2):
            AssignmentReport.objects.create(
                recipient=school.recipient_rows.get(unit=org.namnd_a),
                period=tertial2,
                status="delayed",
                report="Försenat.",
            )
        read = agenda_2030(period=tertial2, reader=access_for(politician))
        assert read[0].assignments[0].recipients[0].report is None
        read = agenda_2030(period=tertial2, reader=access_for(editor_a))
        assert read[0].assignments[0].recipients[0].status == "delayed"

    def test_nothing_without_a_model(self, org, tertials):
        assert agenda_2030(period=tertials[0]) == []


@pytest.fixture(params=[3, 30], ids=["3-each", "30-each"])
def many(request, org, chain, tertials, tagged, admin_user):
    """``n`` more of everything, spread over the global goals."""
    n = request.param
    tertial1 = tertials[0]
    for i in range(n):
        tag = agenda(1 + i % 17)
        goal = services.goal_create(
            actor=admin_user,
            level=chain.reading.level,
            owner=org.namnd_a if i % 2 else org.namnd_b,
            parent=chain.school if i % 2 else chain.elderly,
            title=f"Mål {i}",
            first_year=2025,
            last_year=2028,
            tags=[tag],
            reason="Test",
        )
        AssessmentFactory(goal=goal, period=tertial1, status="partly")
        assignment = _assignment(org, f"Uppdrag {i}", tag)
        with writable(tertial1):
            AssignmentReport.objects.create(
                recipient=assignment.recipient_rows.first(), period=tertial1, status="completed"
            )
        _activity(org.forvaltning_b, f"Aktivitet {i}", tag)
        indicator = IndicatorFactory(title=f"Indikator {i}")
        indicator.tags.set([tag])
        GoalIndicator.objects.create(goal=goal, indicator=indicator, year=2026)
        IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("1"))
        IndicatorValueFactory(indicator=indicator, period=tertial1, total=Decimal("2"))
    return n


# The active model and the global goals (2); the tagged goals (1) and their statuses (the
# assessments and the computed statuses' provider, 2); the tagged uppdrag, their recipients
# and the period's reports (3); the tagged activities (1); the tagged indicators in use, their
# targets and values (3).
AGENDA_QUERIES = 12


def test_the_selector_runs_a_fixed_number_of_queries(many, tertials, django_assert_num_queries):
    with django_assert_num_queries(AGENDA_QUERIES):
        blocks = agenda_2030(period=tertials[0])
    assert sum(len(block.goals) for block in blocks) == many + 1
    assert sum(len(block.indicators) for block in blocks) == many + 2


def test_narrowed_to_units_it_runs_the_same_queries(many, org, tertials, django_assert_num_queries):
    with django_assert_num_queries(AGENDA_QUERIES):
        agenda_2030(period=tertials[0], units=[org.namnd_a, org.namnd_b])


class TestPage:
    def test_a_reader_sees_each_global_goal_of_a_closed_period(
        self, client, politician, tagged, tertials
    ):
        client.force_login(politician)
        response = client.get(f"/uppfoljning/{tertials[0].pk}/agenda-2030/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "God utbildning för alla" in page and "Bekämpa klimatförändringarna" in page
        assert "Alla elever läser i årskurs 3" in page
        assert "Läsombud på varje skola" in page
        assert "Bokcirklar" in page and "84,5" in page

    def test_an_open_period_is_for_those_who_read_it(
        self, client, politician, editor_a, tagged, tertials
    ):
        open_period = tertials[1]
        client.force_login(politician)
        assert client.get(f"/uppfoljning/{open_period.pk}/agenda-2030/").status_code == 403
        client.force_login(editor_a)
        assert client.get(f"/uppfoljning/{open_period.pk}/agenda-2030/").status_code == 200

    def test_an_outsider_is_refused(self, client, outsider, tagged, tertials):
        client.force_login(outsider)
        assert client.get(f"/uppfoljning/{tertials[0].pk}/agenda-2030/").status_code == 403
