"""No lost updates in follow-up: two editors open the same assessment, åtgärdsplan or
follow-up of a measure; the second save from the older version is refused, the first
editor's text stays, and the second saves again on top of it (apps/core/locking.py)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import translation

from apps.core.locking import StaleEdit
from apps.followup import services
from apps.followup.models import ActionPlan, Assessment, MeasureFollowup
from apps.goals.services import steering_model_load_preset
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    ReportingPeriodFactory,
    RoleAssignmentFactory,
    UserFactory,
)


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


@pytest.fixture
def colleague(org):
    user = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


@pytest.fixture
def goal(org):
    model = steering_model_load_preset(actor=None, key="vimmerby", activate=True)
    return GoalFactory(owner=org.namnd_a, level=model.levels.get(key="namndmal"), title="Läsa")


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


@pytest.fixture
def plan(org, editor_a, goal, period) -> ActionPlan:
    AssessmentFactory(goal=goal, period=period, unit=org.namnd_a, status="not_met",
                      analysis="Färre behöriga.")  # fmt: skip
    plan = services.action_plan_create(
        actor=editor_a, unit=org.namnd_a, period=period, goal=goal, cause="goal_not_met",
        description="Färre behöriga.", reason="Ej uppfyllt",
    )  # fmt: skip
    services.measure_add(actor=editor_a, action_plan=plan, what="Extra lästräning", who="Rektor",
                         due_on=dt.date(2026, 12, 15), reason="Ny åtgärd")  # fmt: skip
    return plan


def assess(actor, goal, period, **fields):
    fields.setdefault("status", "partly")
    return services.assessment_save(
        actor=actor, goal=goal, period=period, unit=goal.owner, reason="Tertial 1", **fields
    )


class TestServices:
    def test_assessment_second_save_from_the_same_version_is_refused(
        self, editor_a, colleague, goal, period
    ):
        assess(editor_a, goal, period, analysis="Utkast.")
        assess(colleague, goal, period, analysis="Karins text.", expected_version=1)
        with pytest.raises(StaleEdit) as caught:
            assess(editor_a, goal, period, analysis="Min text.", expected_version=1)
        assert caught.value.who == "Karin Ek"
        kept = Assessment.objects.get()
        assert (kept.analysis, kept.version) == ("Karins text.", 2)
        again = assess(editor_a, goal, period, analysis="Båda.", expected_version=2)
        assert (again.analysis, again.version) == ("Båda.", 3)

    def test_assessment_both_opened_before_it_existed(self, editor_a, colleague, goal, period):
        assess(colleague, goal, period, analysis="Karins text.", expected_version=0)
        with pytest.raises(StaleEdit):
            assess(editor_a, goal, period, analysis="Min text.", expected_version=0)
        assert Assessment.objects.get().analysis == "Karins text."

    def test_measure_followup_second_save_from_the_same_version_is_refused(
        self, editor_a, colleague, plan, period
    ):
        measure = plan.measures.get()

        def follow_up(actor, comment, version):
            return services.measure_follow_up(
                actor=actor, measure=measure, period=period, status="started", comment=comment,
                expected_version=version, reason="Uppföljning",
            )  # fmt: skip

        follow_up(colleague, "Karin: igång.", 0)
        with pytest.raises(StaleEdit):
            follow_up(editor_a, "Min: inte igång.", 0)
        assert MeasureFollowup.objects.get().comment == "Karin: igång."
        assert follow_up(editor_a, "Båda.", 1).version == 2

    def test_action_plan_decided_by_someone_else_meanwhile_is_refused(
        self, editor_a, colleague, plan
    ):
        def decide(actor, paragraph, version):
            return services.action_plan_decide(
                actor=actor, action_plan=plan, decided_on=dt.date(2026, 10, 20),
                paragraph=paragraph, expected_version=version, reason="Nämndbeslut",
            )  # fmt: skip

        decide(colleague, "§ 77", 1)
        with pytest.raises(StaleEdit) as caught:
            decide(editor_a, "§ 78", 1)
        assert caught.value.current.paragraph == "§ 77"
        plan.refresh_from_db()
        assert (plan.paragraph, plan.version) == ("§ 77", 2)


class TestEntryPage:
    def test_a_stale_assessment_shows_both_texts_and_keeps_the_first(
        self, client, editor_a, colleague, org, goal, period
    ):
        AssessmentFactory(goal=goal, period=period, status="partly", analysis="Utkast.")
        url = f"/uppfoljning/{period.pk}/enhet/{org.namnd_a.pk}/"

        def post(analysis, version):
            return client.post(url, {
                "action": f"goal-{goal.pk}", f"g{goal.pk}-status": "partly",
                f"g{goal.pk}-analysis": analysis, f"g{goal.pk}-version": version,
            })  # fmt: skip

        client.force_login(colleague)
        assert post("Karins text.", 1).status_code == 302
        client.force_login(editor_a)
        response = post("Min text.", 1)

        assert response.status_code == 200
        html = unescape(response.content.decode())
        alert = re.search(r'<div class="conflict" role="alert" id="conflict">(.*?)</div>', html,
                          re.S)[1]  # fmt: skip
        assert "Karin Ek" in alert
        assert t("Their version:") in alert and "Karins text." in alert
        assert t("Your version:") in alert and "Min text." in alert
        assert re.search(rf'name="g{goal.pk}-version" value="2"', html)
        assert Assessment.objects.get().analysis == "Karins text."
        assert post("Karins och min text.", 2).status_code == 302
        assert Assessment.objects.get().analysis == "Karins och min text."


class TestActionPlanPage:
    def test_a_stale_follow_up_shows_both_comments_at_its_measure(
        self, client, editor_a, colleague, plan, period
    ):
        measure = plan.measures.get()
        url = f"/uppfoljning/atgardsplan/{plan.pk}/"

        def post(comment, version):
            return client.post(url, {
                "action": f"followup-{measure.pk}", f"f{measure.pk}-period": period.pk,
                f"f{measure.pk}-status": "started", f"f{measure.pk}-comment": comment,
                f"f{measure.pk}-version": version,
            })  # fmt: skip

        client.force_login(colleague)
        assert post("Karin: igång.", 0).status_code == 302
        client.force_login(editor_a)
        response = post("Min kommentar.", 0)

        assert response.status_code == 200
        html = unescape(response.content.decode())
        article = re.search(rf'<article [^>]*id="measure-{measure.pk}">(.*?)</article>', html,
                            re.S)[1]  # fmt: skip
        assert 'class="conflict"' in article
        assert "Karin: igång." in article and "Min kommentar." in article
        assert MeasureFollowup.objects.get().comment == "Karin: igång."

    def test_the_form_opens_with_the_stored_follow_up_and_its_version(
        self, client, editor_a, plan, period
    ):
        measure = plan.measures.get()
        services.measure_follow_up(actor=editor_a, measure=measure, period=period,
                                   status="started", comment="Igång.", reason="x")  # fmt: skip
        client.force_login(editor_a)
        html = unescape(client.get(f"/uppfoljning/atgardsplan/{plan.pk}/").content.decode())
        assert re.search(rf'name="f{measure.pk}-version" value="1"', html)
        assert "Igång.</textarea>" in html
