"""A financial goal linked to a key figure on the follow-up entry page: the status is
computed and shown read-only, a comment can be saved, a typed status is refused.

KF owns the finansiella mål "Resultat två procent" of tests/goals/conftest.py's chain; the
figures are ``example_year``'s (Tertial 1 2026, open: the full-year forecast gives a result
of 10,22 % of tax revenue and grants).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.followup.models import Assessment
from apps.goals.computed import computed_statuses
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_percent
from tests.economy.factories import FinancialGoalLinkFactory, example_year
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


@pytest.fixture
def goal(chain, period):
    FinancialGoalLinkFactory(goal=chain.finance, threshold=Decimal("12.00"))  # not met
    return chain.finance


@pytest.fixture
def kf_economist(economist, org):
    """The ekonom, also editor for KF: writes KF's follow-up and reads the open forecasts."""
    RoleAssignmentFactory(user=economist, role="redaktor", unit=org.kf)
    return economist


@pytest.fixture
def kf_editor(org):
    user = UserFactory(username="kf-redaktor")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.kf)
    return user


def entry_url(period, unit) -> str:
    return f"/uppfoljning/{period.pk}/enhet/{unit.pk}/"


def goal_form(response, goal):
    return next(form for entry, form in response.context["goal_forms"] if entry.goal == goal)


def post(client, period, goal, *, status=None, analysis=""):
    data = {
        "action": f"goal-{goal.pk}",
        f"g{goal.pk}-analysis": analysis,
        f"g{goal.pk}-version": 0,
    }
    if status is not None:
        data[f"g{goal.pk}-status"] = status
    return client.post(entry_url(period, goal.owner), data)


class TestEntryPage:
    def test_shows_the_computed_status_instead_of_a_select(
        self, client, kf_economist, period, goal, org
    ):
        client.force_login(kf_economist)
        response = client.get(entry_url(period, org.kf))
        form = goal_form(response, goal)
        assert "status" not in form.fields
        assert form.computed == computed_statuses([goal.pk], period)[goal.pk]
        assert form.computed.status == "not_met"
        content = response.content.decode()
        section = content.split(f'id="goal-{goal.pk}"')[1].split("</article>")[0]
        assert f'name="g{goal.pk}-status"' not in section
        assert '<span class="status status--not_met">' in section
        assert format_percent(Decimal("10.22")) in section  # "10,2 %", the computed value

    def test_an_editor_who_may_not_read_the_open_forecasts_sees_no_value(
        self, client, kf_editor, period, goal, org
    ):
        client.force_login(kf_editor)
        response = client.get(entry_url(period, org.kf))
        assert response.status_code == 200
        assert "status" not in goal_form(response, goal).fields
        section = response.content.decode().split(f'id="goal-{goal.pk}"')[1]
        section = section.split("</article>")[0]
        assert "status--not_met" not in section
        assert format_percent(Decimal("10.22")) not in section

    def test_a_comment_is_saved_without_a_status(self, client, kf_economist, period, goal):
        client.force_login(kf_economist)
        response = post(client, period, goal, analysis="Högre skatteintäkter än budgeterat.")
        assert response.status_code == 302
        assessment = Assessment.objects.get(goal=goal, period=period)
        assert assessment.analysis == "Högre skatteintäkter än budgeterat."
        assert assessment.status == "not_assessed"  # not used: the figure decides

    def test_a_typed_status_is_refused_and_nothing_is_saved(
        self, client, kf_economist, period, goal
    ):
        """A page opened before the goal was linked still posts its status select."""
        client.force_login(kf_economist)
        response = post(client, period, goal, status="met", analysis="Resultatet blev 2,4 %.")
        assert response.status_code == 200
        form = goal_form(response, goal)
        source = computed_statuses([goal.pk], period)[goal.pk].source
        assert any(source in error for error in form.non_field_errors())
        assert source in response.content.decode()
        assert not Assessment.objects.exists()

    def test_an_unlinked_goal_keeps_its_status_select(
        self, client, kf_economist, period, chain, org
    ):
        client.force_login(kf_economist)
        response = client.get(entry_url(period, org.kf))
        forms = [form for entry, form in response.context["goal_forms"]]
        assert forms and all("status" in f.fields and f.computed is None for f in forms)
