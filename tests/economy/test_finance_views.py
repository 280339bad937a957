"""The finansförvaltning's pages: who reads and writes them, what a save leaves in the
database, and their query counts at two sizes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from apps.core.forms import TkrField
from apps.economy.models import FinanceForecast, GoodManagementRule, YearFigures
from apps.periods.models import PeriodState, ReportingPeriod
from tests.economy.factories import example_year
from tests.stale import conflict_shown

M = 1_000_000


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


FORECAST_POST = {
    "tax_revenue": "365 000",
    "general_grants": "92 000",
    "financial_income": "4 000",
    "financial_costs": "10 000",
    "central_deviation": "−2 000",
    "source": "SKR cirkulär 26:31",
    "comment": "",
    "change_reason": "Ny skatteprognos",
    "version": "0",
}


def page(period) -> str:
    return f"/ekonomi/{period.pk}/finansforvaltning/"


class TestFinanceForecastPage:
    def test_the_economist_reads_the_forecast_result(self, client, economist, period):
        client.force_login(economist)
        response = client.get(page(period))
        assert response.status_code == 200
        assert response.context["result"].total == Decimal(46 * M)
        assert 'id="forecast-total"' in response.content.decode()

    def test_the_economist_saves_the_forecast(self, client, economist, period):
        client.force_login(economist)
        response = client.post(page(period) + "spara/", FORECAST_POST)
        assert response.status_code == 302
        forecast = FinanceForecast.objects.get(period=period)
        assert forecast.tax_revenue == Decimal(365 * M)
        assert forecast.central_deviation == Decimal(-2 * M)
        assert client.get(page(period)).context["result"].total == Decimal(51 * M)

    def test_a_bad_amount_is_shown_at_its_field(self, client, economist, period):
        client.force_login(economist)
        response = client.post(page(period) + "spara/", {**FORECAST_POST, "tax_revenue": "x"})
        assert response.status_code == 400
        assert "tax_revenue" in response.context["form"].errors
        assert not FinanceForecast.objects.exists()

    def test_a_closed_period_is_not_written(self, client, economist, period):
        ReportingPeriod.objects.filter(pk=period.pk).update(state=PeriodState.CLOSED)
        client.force_login(economist)
        response = client.post(page(period) + "spara/", FORECAST_POST)
        assert response.status_code == 302
        assert not FinanceForecast.objects.exists()

    def test_an_editor_cannot_write(self, client, editor_a, period):
        client.force_login(editor_a)
        assert client.post(page(period) + "spara/", FORECAST_POST).status_code == 403
        assert not FinanceForecast.objects.exists()

    def test_the_outsider_gets_403(self, client, outsider, period):
        client.force_login(outsider)
        assert client.get(page(period)).status_code == 403

    def test_get_is_not_a_write(self, client, economist, period):
        client.force_login(economist)
        assert client.get(page(period) + "spara/").status_code == 405


YEARS_URL = "/ekonomi/tidigare-ar/"


class TestYearFiguresPage:
    def test_the_economist_adds_and_changes_a_year(self, client, economist, org):
        client.force_login(economist)
        post = {"year": "2023", "result": "12 500", "population": "15 320",
                "tax_rate": "22,01", "change_reason": "ÅR 2023", "version": "0"}  # fmt: skip
        assert client.post(YEARS_URL + "spara/", post).status_code == 302
        row = YearFigures.objects.get(year=2023)
        assert (row.result, row.population, row.tax_rate) == (
            Decimal(12_500_000), 15320, Decimal("22.01"),
        )  # fmt: skip
        post.update(result="13 000", version="1", change_reason="Rättelse")
        assert client.post(YEARS_URL + "spara/", post).status_code == 302
        assert YearFigures.objects.get(year=2023).result == Decimal(13_000_000)

    def test_a_stale_save_is_refused(self, client, economist, org):
        YearFigures.objects.create(year=2023, result=Decimal(1))
        client.force_login(economist)
        post = {"year": "2023", "result": "2", "change_reason": "x", "version": "0"}
        response = client.post(YEARS_URL + "spara/", post)
        # A conflict is a page to merge on (200, as everywhere): both versions, yours kept.
        conflict_shown(
            response, theirs=TkrField.display(Decimal(1)), yours=TkrField.display(Decimal(2000))
        )
        ((_row, form),) = response.context["forms"]
        assert form["result"].value() == "2"
        assert YearFigures.objects.get(year=2023).result == Decimal(1)

    @pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider"])
    def test_others_get_403(self, client, persona, request):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(YEARS_URL).status_code == 403
        post = {"year": "2023", "result": "1", "change_reason": "x", "version": "0"}
        assert client.post(YEARS_URL + "spara/", post).status_code == 403
        assert not YearFigures.objects.exists()

    def test_runs_a_fixed_number_of_queries(
        self, client, economist, org, django_assert_num_queries
    ):
        client.force_login(economist)
        YearFigures.objects.create(year=2020)
        client.get(YEARS_URL)  # warm the session
        with django_assert_num_queries(QUERIES := _count(client, YEARS_URL)):
            client.get(YEARS_URL)
        for year in range(2010, 2019):
            YearFigures.objects.create(year=year, result=Decimal(year))
        with django_assert_num_queries(QUERIES):
            client.get(YEARS_URL)


RULES_URL = "/ekonomi/god-ekonomisk-hushallning/regler/"
RULE_POST = {
    "first_year": "2024",
    "min_goal_share": "50",
    "counts_partly_met": "on",
    "all_financial_goals": "on",
    "text": "Mer än hälften av KF:s verksamhetsmål uppfyllda eller delvis uppfyllda.",
    "decided_on": "2023-11-27",
    "paragraph": "§ 123",
    "change_reason": "KF:s beslut",
    "version": "0",
}


class TestRulesPage:
    def test_the_economist_adds_and_changes_a_rule(self, client, economist, org):
        client.force_login(economist)
        assert client.post(RULES_URL + "spara/", RULE_POST).status_code == 302
        rule = GoodManagementRule.objects.get(first_year=2024)
        assert rule.decided_on == dt.date(2023, 11, 27)
        response = client.get(RULES_URL + "?andra=2024")
        assert response.context["editing"] == rule
        changed = {**RULE_POST, "min_goal_share": "60", "version": "1"}
        assert client.post(RULES_URL + "spara/", changed).status_code == 302
        assert GoodManagementRule.objects.get().min_goal_share == Decimal(60)

    def test_a_share_is_needed_when_not_every_financial_goal_must_be_met(
        self, client, economist, org
    ):
        client.force_login(economist)
        post = {k: v for k, v in RULE_POST.items() if k != "all_financial_goals"}
        response = client.post(RULES_URL + "spara/", post)
        assert response.status_code == 400
        assert "min_financial_share" in response.context["form"].errors

    def test_the_politician_reads_but_cannot_write(self, client, politician, org):
        client.force_login(politician)
        assert client.get(RULES_URL).status_code == 200
        assert client.post(RULES_URL + "spara/", RULE_POST).status_code == 403
        assert not GoodManagementRule.objects.exists()

    def test_the_outsider_gets_403(self, client, outsider, org):
        client.force_login(outsider)
        assert client.get(RULES_URL).status_code == 403

    def test_runs_a_fixed_number_of_queries(
        self, client, economist, org, django_assert_num_queries
    ):
        client.force_login(economist)
        client.post(RULES_URL + "spara/", RULE_POST)
        client.get(RULES_URL)
        queries = _count(client, RULES_URL)
        for year in range(2010, 2015):
            client.post(RULES_URL + "spara/", {**RULE_POST, "first_year": str(year)})
        with django_assert_num_queries(queries):
            client.get(RULES_URL)


def test_the_forecast_page_runs_a_fixed_number_of_queries(
    client, economist, period, org, django_assert_num_queries
):
    from tests.economy.factories import ForecastFactory

    client.force_login(economist)
    client.get(page(period))
    queries = _count(client, page(period))
    ForecastFactory(unit=org.ks, period=period, amount=Decimal(101 * M))
    with django_assert_num_queries(queries):
        client.get(page(period))


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)
