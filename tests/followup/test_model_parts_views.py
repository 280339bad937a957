"""The entry page's sections for what the model's flags add (contributions to the KF goals,
grunduppdrag, uppdrag), each write at its own URL, the to-do list and the ekonom's
overview. The models are those of tests/followup/test_model_parts.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.followup.models import Assessment, AssignmentReport, MissionAssessment
from apps.goals.models import AssignmentIndicator, BasicMission, IndicatorValue, MissionIndicator
from apps.goals.services import assignment_create
from tests.factories import (
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
    UnitFactory,
)
from tests.followup import test_model_parts as parts

ale, vadstena, later, period, closed = (
    parts.ale,
    parts.vadstena,
    parts.later,
    parts.period,
    parts.closed,
)


def page(response) -> str:
    return unescape(response.content.decode())


def entry(period, unit) -> str:
    return f"/uppfoljning/{period.pk}/enhet/{unit.pk}/"


class TestContributionSection:
    def test_a_body_without_goals_sees_every_kf_goal_to_reason_about(
        self, client, org, ale, period, editor_a
    ):
        client.force_login(editor_a)
        response = client.get(entry(period, org.namnd_a))
        assert response.status_code == 200
        html = page(response)
        _model, goals = ale
        for goal in goals:
            assert f'id="contribution-{goal.pk}"' in html
            assert f"/bidrag/{goal.pk}/" in html
        assert len(response.context["contribution_forms"]) == 3
        assert "Pensionerat" not in html

    def test_saving_a_contribution_without_a_status(self, client, org, ale, period, editor_a):
        _model, (safety, *_rest) = ale
        client.force_login(editor_a)
        response = client.post(
            f"{entry(period, org.namnd_a)}bidrag/{safety.pk}/",
            {
                f"c{safety.pk}-status": "not_assessed",
                f"c{safety.pk}-analysis": "Trygghetsvandringar.",
                f"c{safety.pk}-version": "0",
            },
        )
        assert response.status_code == 302
        assert response.url.endswith(f"#contribution-{safety.pk}")
        saved = Assessment.objects.get(goal=safety, unit=org.namnd_a, period=period)
        assert (saved.status, saved.analysis) == ("not_assessed", "Trygghetsvandringar.")

    def test_an_empty_reasoning_is_said_at_the_field(self, client, org, ale, period, editor_a):
        _model, (safety, *_rest) = ale
        client.force_login(editor_a)
        response = client.post(
            f"{entry(period, org.namnd_a)}bidrag/{safety.pk}/",
            {
                f"c{safety.pk}-status": "met",
                f"c{safety.pk}-analysis": "",
                f"c{safety.pk}-version": "0",
            },
        )
        assert response.status_code == 200
        form = next(f for c, f, _x in response.context["contribution_forms"] if c.goal == safety)
        assert form.errors["analysis"]
        assert not Assessment.objects.exists()

    def test_the_editor_of_another_body_gets_403(self, client, org, ale, period, editor_b):
        _model, (safety, *_rest) = ale
        client.force_login(editor_b)
        response = client.post(
            f"{entry(period, org.namnd_a)}bidrag/{safety.pk}/",
            {f"c{safety.pk}-analysis": "x", f"c{safety.pk}-version": "0"},
        )
        assert response.status_code == 403
        assert not Assessment.objects.exists()

    def test_a_goal_that_is_not_a_kf_goal_is_404(self, client, org, ale, period, editor_a):
        _model, goals = ale
        vision = goals[0].parent
        client.force_login(editor_a)
        response = client.post(f"{entry(period, org.namnd_a)}bidrag/{vision.pk}/", {})
        assert response.status_code == 404

    def test_get_is_not_allowed(self, client, org, ale, period, editor_a):
        _model, (safety, *_rest) = ale
        client.force_login(editor_a)
        assert client.get(f"{entry(period, org.namnd_a)}bidrag/{safety.pk}/").status_code == 405

    def test_the_overview_lists_the_bodies_that_have_not_reported_on_every_kf_goal(
        self, client, org, ale, period, economist
    ):
        client.force_login(economist)
        response = client.get(f"/uppfoljning/{period.pk}/")
        assert response.status_code == 200
        assert [row.unit for row in response.context["missing_contributions"]] == [
            org.ks,
            org.namnd_a,
            org.namnd_b,
        ]
        assert "0 av 3 fullmäktigemål" in page(response)

    def test_the_to_do_list_has_the_body(self, client, org, ale, period, editor_a):
        client.force_login(editor_a)
        response = client.get("/uppfoljning/")
        assert [item.unit for item in response.context["items"]] == [org.namnd_a]
        assert f"/uppfoljning/{period.pk}/enhet/{org.namnd_a.pk}/" in page(response)


class TestMissionAndAssignmentSections:
    def test_the_sections_show_each_mission_and_uppdrag(
        self, client, org, vadstena, later, editor_a
    ):
        client.force_login(editor_a)
        response = client.get(entry(later, org.namnd_a))
        html = page(response)
        _model, missions, recipients = vadstena
        for mission in missions:
            assert f'id="mission-{mission.pk}"' in html
        for recipient in recipients:
            assert f'id="assignment-{recipient.pk}"' in html
        assert "Läsfrämjande" in html and "Avslutat" not in html and "Gammalt" not in html

    def test_saving_a_missions_follow_up(self, client, org, vadstena, later, editor_a):
        mission = vadstena[1][0]
        client.force_login(editor_a)
        response = client.post(
            f"{entry(later, org.namnd_a)}grunduppdrag/{mission.pk}/",
            {
                f"m{mission.pk}-status": "partly",
                f"m{mission.pk}-analysis": "Brist på förskollärare.",
                f"m{mission.pk}-version": "0",
            },
        )
        assert response.status_code == 302
        assert MissionAssessment.objects.get(basic_mission=mission, period=later).status == "partly"

    def test_not_assessed_without_the_reason_is_said_at_the_field(
        self, client, org, vadstena, later, editor_a
    ):
        mission = vadstena[1][0]
        client.force_login(editor_a)
        response = client.post(
            f"{entry(later, org.namnd_a)}grunduppdrag/{mission.pk}/",
            {
                f"m{mission.pk}-status": "not_assessed",
                f"m{mission.pk}-analysis": "",
                f"m{mission.pk}-version": "0",
            },
        )
        assert response.status_code == 200
        form = next(f for m, f, _c, _l in response.context["mission_forms"] if m.mission == mission)
        assert form.errors["analysis"]

    def test_a_stale_save_shows_the_conflict(self, client, org, vadstena, later, editor_a):
        mission = vadstena[1][0]
        parts.assess(editor_a, mission, later)
        client.force_login(editor_a)
        response = client.post(
            f"{entry(later, org.namnd_a)}grunduppdrag/{mission.pk}/",
            {
                f"m{mission.pk}-status": "partly",
                f"m{mission.pk}-analysis": "Min text.",
                f"m{mission.pk}-version": "0",
            },
        )
        assert response.status_code == 200
        [conflict] = [c for m, _f, c, _l in response.context["mission_forms"] if c is not None]
        assert conflict
        assert MissionAssessment.objects.get().status == "met"

    def test_another_namnds_mission_is_403_for_its_editor_and_404_through_this_unit(
        self, client, org, vadstena, later, editor_a, editor_b
    ):
        mission = vadstena[1][0]
        client.force_login(editor_b)
        url = f"{entry(later, org.namnd_a)}grunduppdrag/{mission.pk}/"
        assert client.post(url, {}).status_code == 403
        own = f"{entry(later, org.namnd_b)}grunduppdrag/{mission.pk}/"
        assert client.post(own, {}).status_code == 404

    def test_saving_an_uppdrags_report(self, client, org, vadstena, later, editor_a):
        recipient = vadstena[2][0]
        client.force_login(editor_a)
        response = client.post(
            f"{entry(later, org.namnd_a)}uppdrag/{recipient.pk}/",
            {
                f"a{recipient.pk}-status": "completed",
                f"a{recipient.pk}-report": "Genomfört.",
                f"a{recipient.pk}-version": "0",
            },
        )
        assert response.status_code == 302
        assert (
            AssignmentReport.objects.get(recipient=recipient, period=later).report == "Genomfört."
        )

    def test_entering_a_missions_indicator_value(self, client, org, vadstena, later, editor_a):
        mission = vadstena[1][0]
        indicator = IndicatorFactory(title="Andel legitimerade")
        MissionIndicator.objects.create(basic_mission=mission, indicator=indicator, year=2026)
        IndicatorTargetFactory(indicator=indicator, value=Decimal(70))
        client.force_login(editor_a)
        html = page(client.get(entry(later, org.namnd_a)))
        assert "Andel legitimerade" in html and "70,0" in html
        prefix = f"m{mission.pk}-i{indicator.pk}"
        response = client.post(
            f"{entry(later, org.namnd_a)}grunduppdrag/{mission.pk}/indikator/{indicator.pk}/",
            {f"{prefix}-total": "64,5", f"{prefix}-comment": "", f"{prefix}-version": "0"},
        )
        assert response.status_code == 302
        value = IndicatorValue.objects.get(indicator=indicator, unit=org.namnd_a, period=later)
        assert value.total == Decimal("64.5")

    def test_the_to_do_list_is_not_empty(self, client, org, vadstena, later, editor_a):
        client.force_login(editor_a)
        response = client.get("/uppfoljning/")
        assert [item.unit for item in response.context["items"]] == [org.namnd_a]
        assert "0 av 2 grunduppdrag, 0 av 2 uppdrag" in page(response)

    def test_a_reader_sees_the_sections_without_forms(
        self, client, org, vadstena, later, economist, editor_a
    ):
        parts.report(editor_a, vadstena[2][0], later, text="Vi har börjat.")
        client.force_login(economist)
        response = client.get(entry(later, org.namnd_a))
        html = page(response)
        assert "Vi har börjat." in html
        assert "/grunduppdrag/" not in html and "/uppdrag/" not in html


class TestQueries:
    def test_the_entry_page_does_not_grow_with_the_units_missions_and_uppdrag(
        self, client, org, vadstena, later, economist, admin_user
    ):
        """Each part is read in a fixed number of queries: the page for Nämnd A runs as many
        with two grunduppdrag and two uppdrag as with eight of each, each followed up, with
        an indicator, a target and a value."""

        def grow(n: int) -> None:
            for i in range(n):
                indicator = IndicatorFactory()
                IndicatorTargetFactory(indicator=indicator, value=Decimal(i))
                mission = BasicMission.objects.create(
                    unit=org.namnd_a, title=f"Verksamhet {i}", text="x", first_year=2026
                )
                MissionIndicator.objects.create(
                    basic_mission=mission, indicator=indicator, year=2026
                )
                MissionAssessment.objects.create(basic_mission=mission, period=later, status="met")
                assignment = assignment_create(
                    actor=admin_user,
                    given_by=org.kf,
                    title=f"Uppdrag {i}",
                    first_year=2026,
                    last_year=2026,
                    recipients=[org.namnd_a],
                    decided_on=dt.date(2025, 11, 20),
                    paragraph="§ 1",
                    reason="Budget",
                )
                AssignmentIndicator.objects.create(
                    assignment=assignment, indicator=indicator, year=2026
                )
                AssignmentReport.objects.create(
                    recipient=assignment.recipient_rows.get(),
                    period=later,
                    status="delayed",
                    report="Försenat",
                )
                IndicatorValueFactory(indicator=indicator, period=later, unit=org.namnd_a, total=i)

        client.force_login(economist)
        grow(1)
        with CaptureQueriesContext(connection) as small:
            response = client.get(entry(later, org.namnd_a))
        assert len(response.context["mission_forms"]) == 3
        grow(6)
        with CaptureQueriesContext(connection) as large:
            response = client.get(entry(later, org.namnd_a))
        assert len(response.context["mission_forms"]) == 9
        assert len(response.context["assignment_forms"]) == 9
        assert len(large.captured_queries) == len(small.captured_queries)

    def test_the_overview_does_not_grow_with_the_bodies(self, client, org, ale, period, economist):
        client.force_login(economist)
        with CaptureQueriesContext(connection) as small:
            client.get(f"/uppfoljning/{period.pk}/")
        for i in range(6):
            UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {i:02}")
        with CaptureQueriesContext(connection) as large:
            response = client.get(f"/uppfoljning/{period.pk}/")
        assert len(response.context["missing_contributions"]) == 9
        assert len(large.captured_queries) == len(small.captured_queries)
