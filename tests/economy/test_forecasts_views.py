"""The forecast page at /ekonomi/<period>/prognos/<body>/: who reads and writes it, Swedish
input, errors at the field, a conflict that loses nothing, the deficit leading to an
åtgärdsplan, investment projects, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from apps.economy.models import Forecast, InvestmentForecast
from apps.followup.models import ActionPlan
from styrmodell.lib.formats import format_tkr
from tests.economy.factories import (
    AppropriationFactory,
    ForecastFactory,
    InvestmentForecastFactory,
    InvestmentProjectFactory,
    book_outcome,
)
from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory, UserFactory

D = Decimal
M = D(1_000_000)


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def page(response) -> str:
    return unescape(response.content.decode())


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


@pytest.fixture
def budget(org):
    return AppropriationFactory(unit=org.namnd_a, amount=400 * M)


@pytest.fixture
def colleague(org):
    user = UserFactory(username="kollega", first_name="Karin", last_name="Kollega")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


def tertial_2(*, state: str):
    return ReportingPeriodFactory(
        name="Tertial 2", kind="tertial2", state=state, ends_on=dt.date(2026, 8, 31)
    )


def url(period, unit) -> str:
    return f"/ekonomi/{period.pk}/prognos/{unit.pk}/"


def forecast_data(amount="412 500", *, comment="Fler barn.", handled=False, version=0):
    data = {"action": "forecast", "f-amount": amount, "f-comment": comment, "f-version": version}
    if handled:
        data["f-deficit_handled"] = "on"
    return data


class TestEntry:
    def test_the_editor_enters_a_forecast_in_swedish_format(
        self, client, editor_a, org, period, budget
    ):
        client.force_login(editor_a)
        response = client.post(url(period, org.namnd_a), forecast_data("412 500,5"))

        assert response.status_code == 302
        assert response.url == url(period, org.namnd_a)
        forecast = Forecast.objects.get()
        assert (forecast.unit, forecast.period, forecast.amount, forecast.comment) == (
            org.namnd_a, period, D("412500500"), "Fler barn.",
        )  # fmt: skip
        record = forecast.history.get()
        assert record.history_user == editor_a
        assert record.history_change_reason == t("Forecast in %(period)s") % {"period": period}
        assert shown_messages(response) == [t("The forecast was saved.")]

    def test_the_amount_shown_again_is_the_amount_typed_in_tkr(
        self, client, editor_a, org, period, budget
    ):
        client.force_login(editor_a)
        client.post(url(period, org.namnd_a), forecast_data("1 234,5"))
        assert Forecast.objects.get().amount == D("1234500")
        html = unescape(page(client.get(url(period, org.namnd_a))))
        assert re.search(r'name="f-amount" value="1\u00a0234,5"', html)
        assert format_tkr(D("1234500")) in html  # "1 234,5 tkr" in the table

    def test_the_page_shows_budget_outcome_previous_forecast_and_deviation(
        self, client, editor_a, org, period, budget
    ):
        later = tertial_2(state="open")
        ForecastFactory(unit=org.namnd_a, period=period, amount=405 * M)
        ForecastFactory(unit=org.namnd_a, period=later, amount=390 * M)
        book_outcome([(org.enhet_a1, 4, 130 * M), (org.forvaltning_a, 7, 120 * M)])
        client.force_login(editor_a)
        response = client.get(url(period=later, unit=org.namnd_a))
        data = response.context["page"]
        assert (data.budget, data.outcome, data.previous.amount, data.forecast.amount) == (
            400 * M, 250 * M, 405 * M, 390 * M,
        )  # fmt: skip
        assert (data.deviation, data.deficit, data.needs_action_plan) == (10 * M, None, False)
        html = page(response)
        for amount in (400 * M, 250 * M, 405 * M, 390 * M, 10 * M):
            assert format_tkr(amount) in html
        form = response.context["form"]
        assert form.initial["amount"] == 390 * M and form.initial["version"] == 1

    def test_an_amount_that_is_not_a_number_is_an_error_at_the_field(
        self, client, editor_a, org, period, budget
    ):
        client.force_login(editor_a)
        response = client.post(url(period, org.namnd_a), forecast_data("fyrahundra"))
        assert response.status_code == 200
        assert response.context["form"].errors["amount"]
        assert 'id="id_f-amount-error-1"' in response.content.decode()
        assert not Forecast.objects.exists()

    def test_a_handled_deficit_without_a_comment_is_an_error_at_the_comment(
        self, client, editor_a, org, period, budget
    ):
        client.force_login(editor_a)
        response = client.post(url(period, org.namnd_a), forecast_data(comment="", handled=True))
        assert response.context["form"].errors["comment"] == [
            t("Explain how the committee handles the deficit within its delegation.")
        ]
        assert not Forecast.objects.exists()


class TestConflict:
    def test_the_second_editor_sees_the_first_ones_figures_and_keeps_their_own(
        self, client, editor_a, colleague, org, period, budget
    ):
        client.force_login(editor_a)
        client.post(url(period, org.namnd_a), forecast_data("405 000", comment="Först."))
        client.force_login(colleague)
        response = client.post(
            url(period, org.namnd_a), forecast_data("420 000", comment="Sen.", version=0)
        )

        assert response.status_code == 200
        html = page(response)
        alert = re.search(r'<div class="conflict" role="alert" id="conflict">(.*?)</div>', html,
                          re.S)[1]  # fmt: skip
        assert editor_a.get_full_name() in alert
        assert format_tkr(405 * M) in alert and format_tkr(420 * M) in alert
        assert "Först." in alert and "Sen." in alert
        assert 'value="420 000"' in html  # what the colleague typed is kept
        assert re.search(r'name="f-version" value="1"', html)
        assert Forecast.objects.get().amount == 405 * M

        again = client.post(url(period, org.namnd_a), forecast_data("420 000", version=1))
        assert again.status_code == 302
        assert (Forecast.objects.get().amount, Forecast.objects.get().version) == (420 * M, 2)


class TestDeficit:
    def test_a_deficit_leads_the_editor_to_an_action_plan(
        self, client, editor_a, org, period, budget
    ):
        client.force_login(editor_a)
        client.post(url(period, org.namnd_a), forecast_data("412 500"))
        response = client.get(url(period, org.namnd_a))
        html = page(response)
        assert response.context["page"].deficit == D("12500000")
        assert (
            t("The forecast shows a deficit of %(amount)s.") % {"amount": format_tkr(D("12500000"))}
            in html
        )
        assert t("Draw up an action plan for the deficit") in html

        raised = client.post(url(period, org.namnd_a), {"action": "actionplan"})
        plan = ActionPlan.objects.get()
        assert raised.url == f"/uppfoljning/atgardsplan/{plan.pk}/"
        assert (plan.unit, plan.period, plan.cause) == (org.namnd_a, period, "deficit")
        assert format_tkr(D("12500000")) in plan.description
        assert client.get(raised.url).status_code == 200

        again = client.post(url(period, org.namnd_a), {"action": "actionplan"})
        assert again.url == raised.url
        assert ActionPlan.objects.count() == 1
        html = page(client.get(url(period, org.namnd_a)))
        assert f'href="/uppfoljning/atgardsplan/{plan.pk}/"' in html
        assert t("Draw up an action plan for the deficit") not in html

    def test_a_deficit_handled_within_the_delegation_needs_no_plan(
        self, client, editor_a, org, period, budget
    ):
        client.force_login(editor_a)
        client.post(url(period, org.namnd_a),
                    forecast_data("412 500 000", comment="Vakanser.", handled=True))  # fmt: skip
        html = page(client.get(url(period, org.namnd_a)))
        assert t("Draw up an action plan for the deficit") not in html
        response = client.post(url(period, org.namnd_a), {"action": "actionplan"})
        assert response.status_code == 302 and response.url == url(period, org.namnd_a)
        assert not ActionPlan.objects.exists()

    def test_the_economist_sees_the_deficit_but_the_nämnd_raises_the_plan(
        self, client, economist, org, period, budget
    ):
        ForecastFactory(unit=org.namnd_a, period=period, amount=412 * M)
        client.force_login(economist)
        html = page(client.get(url(period, org.namnd_a)))
        assert (
            t("The forecast shows a deficit of %(amount)s.") % {"amount": format_tkr(12 * M)}
            in html
        )
        assert t("Draw up an action plan for the deficit") not in html
        client.post(url(period, org.namnd_a), {"action": "actionplan"})
        assert not ActionPlan.objects.exists()


class TestWhoMay:
    def test_an_economist_writes_any_bodys_forecast(self, client, economist, org, period):
        client.force_login(economist)
        response = client.post(url(period, org.namnd_b), forecast_data("300 000"))
        assert response.status_code == 302
        assert Forecast.objects.get().unit == org.namnd_b

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "outsider"])
    def test_others_get_403_and_write_nothing(self, client, request, persona, org, period):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(url(period, org.namnd_a)).status_code == 403
        assert client.post(url(period, org.namnd_a), forecast_data()).status_code == 403
        assert not Forecast.objects.exists()

    def test_a_unit_below_a_body_has_no_forecast_page(self, client, economist, org, period):
        client.force_login(economist)
        assert client.get(url(period, org.forvaltning_a)).status_code == 404

    def test_a_closed_period_is_read_only(self, client, editor_a, org, budget):
        closed = ReportingPeriodFactory(state="closed")
        ForecastFactory(unit=org.namnd_a, period=closed, amount=401 * M, comment="Låst.")
        client.force_login(editor_a)
        response = client.get(url(closed, org.namnd_a))
        assert response.status_code == 200
        html = page(response)
        assert 'name="f-amount"' not in html
        assert t("The period is closed: its forecasts are read-only.") in html
        refused = client.post(url(closed, org.namnd_a), forecast_data("1"))
        assert refused.status_code == 302
        assert shown_messages(refused) == [
            t("The period %(period)s is closed.") % {"period": closed}
        ]
        assert Forecast.objects.get().amount == 401 * M


class TestInvestmentProjects:
    def test_the_editor_forecasts_a_project_of_the_nämnd(self, client, editor_a, org, period):
        project = InvestmentProjectFactory(unit=org.namnd_a, name="Ny förskola")
        client.force_login(editor_a)
        response = client.post(url(period, org.namnd_a), {
            "action": f"project-{project.pk}", f"p{project.pk}-year_amount": "4 500",
            f"p{project.pk}-total_amount": "10 500,5", f"p{project.pk}-comment": "Mark",
        })  # fmt: skip
        assert response.status_code == 302
        assert response.url == f"{url(period, org.namnd_a)}#project-{project.pk}"
        forecast = InvestmentForecast.objects.get()
        assert (forecast.project, forecast.year_amount, forecast.total_amount) == (
            project, D("4500000"), D("10500500"),
        )  # fmt: skip

    def test_another_nämnds_project_is_not_on_this_page(self, client, editor_a, org, period):
        project = InvestmentProjectFactory(unit=org.namnd_b)
        client.force_login(editor_a)
        response = client.post(url(period, org.namnd_a), {
            "action": f"project-{project.pk}", f"p{project.pk}-year_amount": "1",
            f"p{project.pk}-total_amount": "1",
        })  # fmt: skip
        assert response.status_code == 404
        assert not InvestmentForecast.objects.exists()

    def test_a_missing_amount_is_an_error_at_its_field(self, client, editor_a, org, period):
        project = InvestmentProjectFactory(unit=org.namnd_a)
        client.force_login(editor_a)
        response = client.post(url(period, org.namnd_a), {
            "action": f"project-{project.pk}", f"p{project.pk}-year_amount": "",
            f"p{project.pk}-total_amount": "1",
        })  # fmt: skip
        [row] = response.context["projects"]
        assert row.form.errors["year_amount"]
        assert not InvestmentForecast.objects.exists()


# With the unit's deadline (extensions) and the current deficit plan's state
# (apps.economy.action_plans: the plans, effects, revisions, forecasts, budgets).
FORECAST_QUERIES = 21


@pytest.fixture(params=[1, 6])
def many_projects(request, org, period, budget) -> int:
    n = request.param
    later = tertial_2(state="planned")
    ForecastFactory(unit=org.namnd_a, period=period, amount=412 * M)
    ForecastFactory(unit=org.namnd_a, period=later, amount=412 * M)
    for _ in range(n):
        project = InvestmentProjectFactory(unit=org.namnd_a)
        AppropriationFactory(decision=budget.decision, unit=org.namnd_a, kind="investment",
                             project=project, amount=5 * M)  # fmt: skip
        book_outcome([(org.forvaltning_a, 3, M)], account="1230", project=project.code)
        InvestmentForecastFactory(project=project, period=period)
    ActionPlan.objects.create(unit=org.namnd_a, period=period, cause="deficit", description="x")
    return n


class TestQueries:
    def test_forecast_page_runs_a_fixed_number_of_queries(
        self, client, editor_a, org, period, many_projects, django_assert_num_queries
    ):
        client.force_login(editor_a)
        with django_assert_num_queries(FORECAST_QUERIES):
            response = client.get(url(period, org.namnd_a))
        assert len(response.context["projects"]) == many_projects
        assert all(row.forecast and row.budget == 5 * M for row in response.context["projects"])
