"""The "X av Y" rule beyond a unit's own goals, as each model's flags say: every body's
contribution to every KF goal (Ale, Borlänge), each body's grunduppdrag and each uppdrag
received (Vadstena); the selectors the pages and reports read them from, and the services
that write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.accounts.access import access_for
from apps.core.locking import StaleEdit
from apps.followup import selectors
from apps.followup.models import AssignmentReport, MissionAssessment
from apps.followup.selectors import PartKind, ProgressPart
from apps.followup.services import (
    assessment_save,
    assignment_report_save,
    completion_mark,
    mission_assessment_save,
)
from apps.goals.models import (
    AssignmentDecision,
    AssignmentIndicator,
    AssignmentRecipient,
    BasicMission,
    MissionIndicator,
    SteeringModel,
)
from apps.goals.services import assignment_create, assignment_decide, steering_model_load_preset
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    UnitFactory,
)
from tests.goals import conftest as goal_fixtures

vimmerby, chain = goal_fixtures.vimmerby, goal_fixtures.chain


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(
        year=2026, kind="tertial2", name="Tertial 2", ends_on=dt.date(2026, 8, 31)
    )


@pytest.fixture
def closed(db):
    return ReportingPeriodFactory(year=2026, state="closed")


def use(key: str, **flags) -> SteeringModel:
    """The preset ``key``, active, with the follow-up flags set here (not by the preset)."""
    model = steering_model_load_preset(actor=None, key=key, activate=True)
    wanted = {
        "bodies_report_on_council_goals": False,
        "follows_up_basic_missions": False,
        "follows_up_assignments": False,
        "uses_sustainability_aspects": False,  # uppdrag without aspects, for brevity
        **flags,
    }
    SteeringModel.objects.filter(pk=model.pk).update(**wanted)
    model.refresh_from_db()
    return model


# --- Ale: every body on every KF goal ----------------------------------------------------


@pytest.fixture
def ale(org):
    """Ale's model with three riktningsmål (and a vision, a retired goal and one of another
    mandate period that do not count). No nämnd has goals of its own."""
    model = use("ale", bodies_report_on_council_goals=True)
    vision = GoalFactory(level=model.levels.get(key="vision"), owner=org.kf, title="Ale 2030")
    riktning = model.levels.get(key="riktningsmal")
    goals = [
        GoalFactory(level=riktning, owner=org.kf, parent=vision, title=title, position=i)
        for i, title in enumerate(["Trygghet", "Hållbar tillväxt", "Delaktighet"])
    ]
    GoalFactory(
        level=riktning,
        owner=org.kf,
        parent=vision,
        title="Pensionerat",
        retired_on=dt.date(2026, 3, 1),
    )
    GoalFactory(
        level=riktning,
        owner=org.kf,
        parent=vision,
        title="Förra mandatet",
        first_year=2019,
        last_year=2022,
    )
    return model, goals


def contribute(actor, goal, period, unit, analysis="Vi har tagit oss an målet.", **fields):
    return assessment_save(
        actor=actor,
        goal=goal,
        period=period,
        unit=unit,
        analysis=analysis,
        status=fields.pop("status", ""),
        reason="Tertial 2",
        **fields,
    )


class TestContributions:
    def test_every_body_without_goals_of_its_own_must_report_on_every_kf_goal(
        self, org, ale, period
    ):
        progress = selectors.followup_progress(period=period)
        assert list(progress) == [org.kf.pk, org.ks.pk, org.namnd_a.pk, org.namnd_b.pk]
        assert progress[org.kf.pk].parts == (ProgressPart(PartKind.GOALS, 3, 0),)
        assert progress[org.namnd_a.pk].parts == (ProgressPart(PartKind.CONTRIBUTIONS, 3, 0),)
        assert (progress[org.namnd_a.pk].required, progress[org.namnd_a.pk].reported) == (3, 0)

    def test_the_reasoning_makes_a_contribution_reported_the_status_is_optional(
        self, org, ale, period, editor_a
    ):
        _model, (safety, growth, _voice) = ale
        contribute(editor_a, safety, period, org.namnd_a)  # no status
        contribute(editor_a, growth, period, org.namnd_a, status="partly")
        # A status without the reasoning (written past the service) does not count.
        AssessmentFactory(goal=_voice, period=period, unit=org.namnd_a, status="met")

        progress = selectors.followup_progress(period=period, units=[org.namnd_a])
        assert progress[org.namnd_a.pk].parts == (ProgressPart(PartKind.CONTRIBUTIONS, 3, 2),)
        assert progress[org.namnd_a.pk].parts[0].label == "2 av 3 fullmäktigemål"

    def test_a_contribution_without_reasoning_is_refused_at_the_field(
        self, org, ale, period, editor_a
    ):
        _model, (safety, *_rest) = ale
        with pytest.raises(ValidationError) as caught:
            contribute(editor_a, safety, period, org.namnd_a, analysis=" ", status="met")
        assert "analysis" in caught.value.message_dict

    def test_the_editor_of_another_body_cannot_write_the_contribution(
        self, org, ale, period, editor_b
    ):
        _model, (safety, *_rest) = ale
        with pytest.raises(PermissionDenied):
            contribute(editor_b, safety, period, org.namnd_a)

    def test_a_contribution_into_a_closed_period_is_refused(self, org, ale, closed, editor_a):
        _model, (safety, *_rest) = ale
        with pytest.raises(PermissionDenied):
            contribute(editor_a, safety, closed, org.namnd_a)

    def test_two_editors_from_the_same_version_the_second_is_stale(
        self, org, ale, period, editor_a
    ):
        _model, (safety, *_rest) = ale
        contribute(editor_a, safety, period, org.namnd_a, expected_version=0)
        with pytest.raises(StaleEdit):
            contribute(editor_a, safety, period, org.namnd_a, analysis="Annat", expected_version=0)

    def test_the_contributions_are_listed_by_goal_then_body(self, org, ale, period, editor_a):
        _model, goals = ale
        saved = contribute(editor_a, goals[0], period, org.namnd_a)
        rows = selectors.council_contributions(period=period)
        assert [(c.goal, c.unit) for c in rows] == [
            (goal, body) for goal in goals for body in (org.ks, org.namnd_a, org.namnd_b)
        ]
        assert rows[1].assessment == saved and rows[1].reported
        assert [
            c.unit for c in selectors.council_contributions(period=period, units=[org.namnd_b])
        ] == [org.namnd_b] * 3

    def test_without_the_flag_there_are_no_contributions(self, org, ale, period):
        SteeringModel.objects.update(bodies_report_on_council_goals=False)
        assert selectors.council_contributions(period=period) == []
        assert list(selectors.followup_progress(period=period)) == [org.kf.pk]

    def test_the_body_has_its_contributions_on_its_to_do_list_and_entry(
        self, org, ale, period, editor_a
    ):
        [item] = selectors.todo_for(access_for(editor_a))
        assert (item.unit, item.goals, item.assessed) == (org.namnd_a, 3, 0)
        data = selectors.unit_followup(unit=org.namnd_a, period=period)
        assert data.goals == []  # no goals of its own; the KF goals are its contributions
        assert len(data.contributions) == 3
        assert data.progress == selectors.followup_progress(period=period)[org.namnd_a.pk]

    def test_done_is_refused_until_every_kf_goal_has_the_bodys_reasoning(
        self, org, ale, period, editor_a
    ):
        _model, goals = ale
        for goal in goals[:2]:
            contribute(editor_a, goal, period, org.namnd_a)
        with pytest.raises(ValidationError, match="Delaktighet"):
            completion_mark(actor=editor_a, unit=org.namnd_a, period=period, reason="Klar")
        contribute(editor_a, goals[2], period, org.namnd_a)
        assert completion_mark(actor=editor_a, unit=org.namnd_a, period=period, reason="Klar")

    def test_the_overview_shows_every_body_with_its_missing_contributions(
        self, org, ale, period, editor_a
    ):
        _model, goals = ale
        for goal in goals:
            contribute(editor_a, goal, period, org.namnd_a)
        rows = {row.unit: row for row in selectors.period_overview(period)}
        assert {unit: row.contributions_missing for unit, row in rows.items()} == {
            org.kf: 0,
            org.ks: 3,
            org.namnd_a: 0,
            org.namnd_b: 3,
        }

    def test_a_body_with_goals_of_its_own_has_both_parts(self, org, ale, period):
        model, goals = ale
        GoalFactory(
            level=model.levels.get(key="namndens-mal"),
            owner=org.namnd_b,
            parent=goals[0],
            title="Tryggare skolvägar",
        )
        progress = selectors.followup_progress(period=period)[org.namnd_b.pk]
        assert progress.parts == (
            ProgressPart(PartKind.GOALS, 1, 0),
            ProgressPart(PartKind.CONTRIBUTIONS, 3, 0),
        )
        # The KF goal above its own is a contribution, listed once.
        data = selectors.unit_followup(unit=org.namnd_b, period=period)
        assert [e.goal.title for e in data.goals] == ["Tryggare skolvägar"]
        assert data.progress == progress


class TestContributionsOfOtherUnits:
    def test_a_forvaltning_keeps_the_kf_goals_above_its_own_as_optional(self, org, chain, period):
        SteeringModel.objects.filter(pk=chain.model.pk).update(bodies_report_on_council_goals=True)
        data = selectors.unit_followup(unit=org.forvaltning_a, period=period)
        assert [(e.goal, e.contributes) for e in data.goals] == [
            (chain.school, True),
            (chain.reading_unit, False),
        ]
        assert data.contributions == []
        progress = selectors.followup_progress(period=period)
        assert progress[org.forvaltning_a.pk].parts == (ProgressPart(PartKind.GOALS, 1, 0),)
        # Nämnd A has its nämndmål and a contribution to each of the three KF goals.
        assert progress[org.namnd_a.pk].parts == (
            ProgressPart(PartKind.GOALS, 1, 0),
            ProgressPart(PartKind.CONTRIBUTIONS, 3, 0),
        )
        assert [e.goal for e in selectors.unit_followup(unit=org.namnd_a, period=period).goals] == [
            chain.reading
        ]


# --- Vadstena: grunduppdrag and uppdrag each period --------------------------------------


@pytest.fixture
def vadstena(org, admin_user):
    """Vadstena's model: Nämnd A holds two grunduppdrag valid in 2026 (and one that ended in
    2025); KF has given it two uppdrag for 2026 (and one it ended before the period), and
    Nämnd B one."""
    model = use("vadstena", follows_up_basic_missions=True, follows_up_assignments=True)
    missions = [
        BasicMission.objects.create(unit=org.namnd_a, title=title, text=title, first_year=2023)
        for title in ("Förskola", "Grundskola")
    ]
    BasicMission.objects.create(
        unit=org.namnd_a, title="Gammalt", text="x", first_year=2020, last_year=2025
    )
    BasicMission.objects.create(unit=org.namnd_b, title="Hemtjänst", text="x", first_year=2023)

    def give(title, unit, **fields):
        return assignment_create(
            actor=admin_user,
            given_by=org.kf,
            title=title,
            first_year=2026,
            last_year=2026,
            recipients=[unit],
            decided_on=dt.date(2025, 11, 20),
            paragraph="§ 99",
            reason="Budget 2026",
            **fields,
        )

    assignments = [give("Läsfrämjande", org.namnd_a), give("Lokalutredning", org.namnd_a)]
    ended = give("Avslutat", org.namnd_a)
    assignment_decide(
        actor=admin_user,
        assignment=ended,
        state="ended",
        decided_on=dt.date(2026, 1, 15),
        paragraph="§ 3",
        reason="Avslutat",
    )
    give("Hemtjänstens kvalitet", org.namnd_b)
    recipients = [AssignmentRecipient.objects.get(assignment=a) for a in assignments]
    return model, missions, recipients


@pytest.fixture
def later(db):
    """A period beginning after the ended uppdrag was ended."""
    return ReportingPeriodFactory(
        year=2026,
        kind="other",
        name="Delår",
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2026, 8, 31),
    )


def assess(actor, mission, period, status="met", analysis="Verksamheten bedrivs.", **fields):
    return mission_assessment_save(
        actor=actor,
        mission=mission,
        period=period,
        status=status,
        analysis=analysis,
        reason="Delår",
        **fields,
    )


def report(actor, recipient, period, text="Arbetet pågår.", status="in_progress", **fields):
    return assignment_report_save(
        actor=actor,
        recipient=recipient,
        period=period,
        status=status,
        report=text,
        reason="Delår",
        **fields,
    )


class TestMissionsAndAssignments:
    def test_a_namnd_without_goals_must_follow_up_its_missions_and_uppdrag(
        self, org, vadstena, later
    ):
        progress = selectors.followup_progress(period=later)
        assert progress[org.namnd_a.pk].parts == (
            ProgressPart(PartKind.MISSIONS, 2, 0),
            ProgressPart(PartKind.ASSIGNMENTS, 2, 0),
        )
        assert (progress[org.namnd_b.pk].required, progress[org.namnd_b.pk].reported) == (2, 0)

    def test_an_uppdrag_ended_during_the_period_is_still_reported_on(self, org, vadstena, db):
        # Tertial 1 began before the decision of 15 January that ended the third uppdrag.
        first = ReportingPeriodFactory(year=2026)
        assert selectors.followup_progress(period=first)[org.namnd_a.pk].parts[1] == ProgressPart(
            PartKind.ASSIGNMENTS, 3, 0
        )

    def test_the_to_do_list_is_not_empty(self, org, vadstena, later, editor_a):
        [item] = selectors.todo_for(access_for(editor_a))
        assert (item.unit, item.goals, item.missing) == (org.namnd_a, 4, 4)

    def test_reported_missions_and_uppdrag_count(self, org, vadstena, later, editor_a):
        _model, (preschool, school), (reading, _premises) = vadstena
        assess(editor_a, preschool, later)
        assess(editor_a, school, later, status="not_assessed", analysis="Ny mätning i höst.")
        report(editor_a, reading, later)
        progress = selectors.followup_progress(period=later)[org.namnd_a.pk]
        assert [part.label for part in progress.parts] == [
            "2 av 2 grunduppdrag",
            "1 av 2 uppdrag",
        ]
        data = selectors.unit_followup(unit=org.namnd_a, period=later)
        assert data.progress == progress

    def test_done_is_refused_until_all_are_reported(self, org, vadstena, later, editor_a):
        _model, missions, recipients = vadstena
        for mission in missions:
            assess(editor_a, mission, later)
        report(editor_a, recipients[0], later)
        with pytest.raises(ValidationError, match="Lokalutredning"):
            completion_mark(actor=editor_a, unit=org.namnd_a, period=later, reason="Klar")
        report(editor_a, recipients[1], later, status="completed", text="Klar.")
        assert completion_mark(actor=editor_a, unit=org.namnd_a, period=later, reason="Klar")

    def test_the_report_belongs_to_the_period_and_updates_the_recipient(
        self, org, vadstena, later, period, editor_a
    ):
        _model, _missions, (reading, _premises) = vadstena
        report(editor_a, reading, later, status="delayed", text="Försenat.")
        reading.refresh_from_db()
        assert (reading.status, reading.report) == ("delayed", "Försenat.")
        assert AssignmentReport.objects.get(recipient=reading, period=later).status == "delayed"
        assert not AssignmentReport.objects.filter(period=period).exists()

    def test_without_the_flags_nothing_is_required(self, org, vadstena, later):
        SteeringModel.objects.update(follows_up_basic_missions=False, follows_up_assignments=False)
        assert selectors.followup_progress(period=later) == {}
        assert selectors.mission_followups(period=later) == []
        assert selectors.assignment_followups(period=later) == []


class TestMissionAssessmentSave:
    def test_the_editor_of_another_namnd_is_refused(self, vadstena, later, editor_b):
        with pytest.raises(PermissionDenied):
            assess(editor_b, vadstena[1][0], later)
        assert not MissionAssessment.objects.exists()

    def test_a_closed_period_is_refused(self, vadstena, closed, editor_a):
        with pytest.raises(PermissionDenied):
            assess(editor_a, vadstena[1][0], closed)

    @pytest.mark.parametrize("status", ["not_met", "not_assessed"])
    def test_not_met_or_not_assessed_needs_the_analysis(self, vadstena, later, editor_a, status):
        with pytest.raises(ValidationError) as caught:
            assess(editor_a, vadstena[1][0], later, status=status, analysis="  ")
        assert "analysis" in caught.value.message_dict

    def test_a_mission_not_valid_in_the_year_is_refused(self, org, vadstena, later, editor_a):
        old = BasicMission.objects.get(title="Gammalt")
        with pytest.raises(ValidationError):
            assess(editor_a, old, later)

    def test_the_second_of_two_saves_from_the_same_version_is_stale(
        self, vadstena, later, editor_a
    ):
        mission = vadstena[1][0]
        first = assess(editor_a, mission, later, expected_version=0)
        with pytest.raises(StaleEdit):
            assess(editor_a, mission, later, status="partly", expected_version=0)
        assess(editor_a, mission, later, status="partly", expected_version=first.version)
        assert MissionAssessment.objects.get().status == "partly"


class TestAssignmentReportSave:
    def test_the_editor_of_another_namnd_is_refused(self, vadstena, later, editor_b):
        with pytest.raises(PermissionDenied):
            report(editor_b, vadstena[2][0], later)

    def test_a_closed_period_is_refused(self, vadstena, closed, editor_a):
        with pytest.raises(PermissionDenied):
            report(editor_a, vadstena[2][0], closed)

    def test_an_empty_report_is_refused_at_the_field(self, vadstena, later, editor_a):
        with pytest.raises(ValidationError) as caught:
            report(editor_a, vadstena[2][0], later, text=" ")
        assert "report" in caught.value.message_dict

    def test_the_second_of_two_saves_from_the_same_version_is_stale(
        self, vadstena, later, editor_a
    ):
        recipient = vadstena[2][0]
        report(editor_a, recipient, later, expected_version=0)
        with pytest.raises(StaleEdit):
            report(editor_a, recipient, later, text="Annat", expected_version=0)
        assert AssignmentReport.objects.get().report == "Arbetet pågår."

    def test_a_correction_of_an_earlier_period_leaves_the_later_report_current(
        self, vadstena, later, editor_a
    ):
        recipient = vadstena[2][0]
        earlier = ReportingPeriodFactory(year=2026)  # tertial 1, open again for a correction
        report(editor_a, recipient, earlier, text="Upphandling pågår.")
        recipient.refresh_from_db()
        assert (recipient.status, recipient.report) == ("in_progress", "Upphandling pågår.")
        report(editor_a, recipient, later, text="Klart.", status="completed")
        report(editor_a, recipient, earlier, text="Upphandlingen försenad.", status="delayed")
        recipient.refresh_from_db()
        assert (recipient.status, recipient.report) == ("completed", "Klart.")
        assert AssignmentReport.objects.get(period=earlier).report == "Upphandlingen försenad."


class TestTheDatabaseGuard:
    def test_a_closed_period_refuses_mission_assessments_and_assignment_reports(
        self, vadstena, closed
    ):
        _model, missions, recipients = vadstena
        with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
            MissionAssessment.objects.create(basic_mission=missions[0], period=closed, status="met")
        with pytest.raises(IntegrityError, match="closed reporting period"), transaction.atomic():
            AssignmentReport.objects.create(
                recipient=recipients[0], period=closed, status="completed", report="x"
            )


class TestIndicatorLines:
    def test_the_units_target_and_value_else_the_kommun_wide_ones(
        self, org, vadstena, later, editor_a
    ):
        _model, (preschool, _school), (reading, _premises) = vadstena
        own, shared = IndicatorFactory(title="A: egen"), IndicatorFactory(title="B: kommunens")
        for indicator in (own, shared):
            MissionIndicator.objects.create(basic_mission=preschool, indicator=indicator, year=2026)
        MissionIndicator.objects.create(
            basic_mission=preschool, indicator=IndicatorFactory(), year=2025
        )  # another year
        AssignmentIndicator.objects.create(assignment=reading.assignment, indicator=own, year=2026)
        IndicatorTargetFactory(indicator=own, unit=org.namnd_a, value=Decimal(90))
        IndicatorTargetFactory(indicator=own, unit=None, value=Decimal(80))
        IndicatorTargetFactory(indicator=shared, unit=None, value=Decimal(50))
        mine = IndicatorValueFactory(indicator=own, period=later, unit=org.namnd_a, total=7)
        IndicatorValueFactory(indicator=own, period=later, unit=org.namnd_b, total=1)
        kommun = IndicatorValueFactory(indicator=shared, period=later, unit=None, total=3)

        [followup] = [
            m for m in selectors.mission_followups(period=later) if m.mission == preschool
        ]
        assert [
            (line.indicator, line.target.value, line.value) for line in followup.indicators
        ] == [
            (own, Decimal(90), mine),
            (shared, Decimal(50), kommun),
        ]
        assert [line.own_value for line in followup.indicators] == [mine, None]
        rows = selectors.assignment_followups(period=later, units=[org.namnd_a])
        [first] = [row for row in rows if row.recipient == reading]
        assert [line.value for line in first.indicators] == [mine]


# --- Query counts ------------------------------------------------------------------------

SIZES = [2, 12]


@pytest.fixture(params=SIZES, ids=[f"{n}-bodies" for n in SIZES])
def many(request, org, admin_user, period):
    """``n`` extra nämnder, each with two grunduppdrag (one assessed, with an indicator), one
    uppdrag (reported, with an indicator) and a contribution to each of two KF goals."""
    n = request.param
    model = use(
        "ale",
        bodies_report_on_council_goals=True,
        follows_up_basic_missions=True,
        follows_up_assignments=True,
    )
    riktning = model.levels.get(key="riktningsmal")
    goals = [GoalFactory(level=riktning, owner=org.kf) for _ in range(2)]
    indicator = IndicatorFactory()
    for i in range(n):
        unit = UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {i:02}")
        for title in ("Förskola", "Skola"):
            mission = BasicMission.objects.create(unit=unit, title=title, text="x", first_year=2026)
            MissionIndicator.objects.create(basic_mission=mission, indicator=indicator, year=2026)
        MissionAssessment.objects.create(basic_mission=mission, period=period, status="met")
        assignment = assignment_create(
            actor=admin_user,
            given_by=org.kf,
            title=f"Uppdrag {i}",
            first_year=2026,
            last_year=2026,
            recipients=[unit],
            decided_on=dt.date(2025, 11, 20),
            paragraph="§ 1",
            reason="Budget",
        )
        AssignmentIndicator.objects.create(assignment=assignment, indicator=indicator, year=2026)
        AssignmentReport.objects.create(
            recipient=assignment.recipient_rows.get(),
            period=period,
            status="in_progress",
            report="Pågår",
        )
        IndicatorValueFactory(indicator=indicator, period=period, unit=unit, total=i)
        for goal in goals:
            AssessmentFactory(goal=goal, period=period, unit=unit, analysis="Bidrar.")
    AssignmentDecision.objects.update()  # nothing ended: the exclusion runs all the same
    return n


class TestQueries:
    def test_the_progress_runs_a_fixed_number_of_queries(
        self, many, period, django_assert_num_queries
    ):
        # The model, own goals, reported assessments (computed statuses: no financial
        # goals, no provider query), the bodies, the KF goals, the contributions, the
        # missions and their assessments, the recipients and their reports, the units.
        with django_assert_num_queries(12):
            progress = selectors.followup_progress(period=period)
        assert len(progress) == many + 4  # KF, KS, Nämnd A and B

    def test_the_contributions_run_four_queries(self, many, period, django_assert_num_queries):
        with django_assert_num_queries(4):
            rows = selectors.council_contributions(period=period)
        assert len(rows) == 2 * (many + 3)

    def test_the_missions_run_seven_queries(self, many, period, django_assert_num_queries):
        with django_assert_num_queries(7):
            rows = selectors.mission_followups(period=period)
        assert len(rows) == 2 * many
        assert sum(len(row.indicators) for row in rows) == 2 * many
        with django_assert_num_queries(0):
            assert all(row.mission.unit.name and list(row.mission.tags.all()) == [] for row in rows)

    def test_the_assignments_run_seven_queries(self, many, period, django_assert_num_queries):
        with django_assert_num_queries(7):
            rows = selectors.assignment_followups(period=period)
        assert len(rows) == many and all(row.reported for row in rows)
        with django_assert_num_queries(0):
            assert all(row.unit.name and not list(row.assignment.tags.all()) for row in rows)


class TestReportsBelongToAPeriod:
    """Under Vadstena's model an uppdrag's återrapport is written in the period's follow-up:
    the uppdrag's own report form (which has no period) is refused and not offered, so the
    recipient's status never moves without a period's report behind it."""

    def test_the_report_without_a_period_is_refused(self, vadstena, editor_a):
        from apps.goals.services import assignment_report

        recipient = vadstena[2][0]
        with pytest.raises(ValidationError):
            assignment_report(
                actor=editor_a, recipient=recipient, status="completed", report="Klart.",
                reason="Rapport",
            )  # fmt: skip
        recipient.refresh_from_db()
        assert (recipient.status, recipient.report) == ("not_started", "")

    def test_the_uppdrag_page_offers_no_report_form(self, client, vadstena, editor_a):
        recipient = vadstena[2][0]
        client.force_login(editor_a)
        page = client.get(f"/mal/uppdrag/{recipient.assignment.pk}/?ar=2026").content.decode()
        assert recipient.assignment.title in page
        assert f"/mal/uppdrag/mottagare/{recipient.pk}/rapport/" not in page
        response = client.post(
            f"/mal/uppdrag/mottagare/{recipient.pk}/rapport/",
            {"status": "completed", "report": "Klart.", "change_reason": "Rapport",
             "version": recipient.version},
        )  # fmt: skip
        assert response.status_code == 200  # the form again, with the refusal
        recipient.refresh_from_db()
        assert recipient.status == "not_started"
