"""No lost updates in follow-up: two editors open the same assessment, åtgärdsplan or
follow-up of a measure; the second save from the older version is refused, the first
editor's text stays, and the second saves again on top of it (apps/core/locking.py)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.utils import translation

from apps.core.locking import StaleEdit
from apps.followup import services
from apps.followup.models import ActionPlan, Assessment, MeasureFollowup
from apps.goals.models import IndicatorValue
from apps.goals.services import indicator_value_set, steering_model_load_preset
from tests.factories import (
    AssessmentFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
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


@pytest.fixture
def indicator(goal):
    measured = IndicatorFactory(title="Läsande elever", measure_unit="st")
    return GoalIndicatorFactory(goal=goal, indicator=measured).indicator


def set_value(actor, indicator, period, total, version, *, unit=None, comment=""):
    return indicator_value_set(
        actor=actor, indicator=indicator, period=period, unit=unit, total=Decimal(total),
        comment=comment, expected_version=version, reason="Tertial 1",
    )  # fmt: skip


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

    def test_indicator_value_second_save_from_the_same_version_is_refused(
        self, org, editor_a, colleague, indicator, period
    ):
        set_value(colleague, indicator, period, 72, 0, unit=org.namnd_a, comment="Karins mätning")
        with pytest.raises(StaleEdit) as caught:
            set_value(editor_a, indicator, period, 75, 0, unit=org.namnd_a, comment="Min mätning")
        assert caught.value.who == "Karin Ek"
        kept = IndicatorValue.objects.get()
        assert (kept.total, kept.comment, kept.version) == (Decimal(72), "Karins mätning", 1)
        with pytest.raises(StaleEdit):
            set_value(editor_a, indicator, period, 76, 2, unit=org.namnd_a)
        again = set_value(editor_a, indicator, period, 74, 1, unit=org.namnd_a, comment="Båda")
        again.refresh_from_db()
        assert (again.total, again.comment, again.version) == (Decimal(74), "Båda", 2)

    def test_kommun_wide_value_second_save_from_the_same_version_is_refused(
        self, economist, admin_user, indicator, period
    ):
        set_value(economist, indicator, period, 70, 0)
        with pytest.raises(StaleEdit):
            set_value(admin_user, indicator, period, 71, 0)
        assert IndicatorValue.objects.get(unit=None).total == Decimal(70)
        assert set_value(admin_user, indicator, period, 71, 1).version == 2


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

    def test_a_stale_indicator_value_shows_both_values_at_its_indicator(
        self, client, editor_a, colleague, org, indicator, period
    ):
        url = f"/uppfoljning/{period.pk}/enhet/{org.namnd_a.pk}/"

        def post(total, comment, version):
            return client.post(url, {
                "action": f"indicator-{indicator.pk}", f"i{indicator.pk}-total": total,
                f"i{indicator.pk}-comment": comment, f"i{indicator.pk}-version": version,
            })  # fmt: skip

        client.force_login(colleague)
        assert post("72", "Karins mätning", 0).status_code == 302
        client.force_login(editor_a)
        response = post("75", "Min mätning", 0)

        assert response.status_code == 200
        html = unescape(response.content.decode())
        article = re.search(rf'<article [^>]*id="indicator-{indicator.pk}"[^>]*>(.*?)</article>',
                            html, re.S)[1]  # fmt: skip
        alert = re.search(r'<div class="conflict" role="alert" id="conflict">(.*?)</div>', article,
                          re.S)[1]  # fmt: skip
        assert "Karin Ek" in alert
        assert t("Their version:") in alert and "72" in alert and "Karins mätning" in alert
        assert t("Your version:") in alert and "75" in alert and "Min mätning" in alert
        assert re.search(rf'name="i{indicator.pk}-version" value="1"', article)
        assert 'value="Min mätning"' in article  # the editor's text stays in the form
        kept = IndicatorValue.objects.get()
        assert (kept.total, kept.comment) == (Decimal(72), "Karins mätning")
        assert post("74", "Båda", 1).status_code == 302
        assert IndicatorValue.objects.get().total == Decimal(74)

    def test_the_indicator_form_opens_with_the_stored_value_s_version(
        self, client, editor_a, org, indicator, period
    ):
        url = f"/uppfoljning/{period.pk}/enhet/{org.namnd_a.pk}/"
        client.force_login(editor_a)
        assert re.search(
            rf'name="i{indicator.pk}-version" value="0"', client.get(url).content.decode()
        )
        set_value(editor_a, indicator, period, 72, 0, unit=org.namnd_a)
        set_value(editor_a, indicator, period, 73, 1, unit=org.namnd_a)
        html = client.get(url).content.decode()
        assert re.search(rf'name="i{indicator.pk}-version" value="2"', html)


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
