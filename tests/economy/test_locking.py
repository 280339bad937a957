"""No lost updates in the economy: two people open the same forecast, investment forecast,
budget year, investment project or Kommun-Bas line; the second save from the older version
is refused, the first one's figures stay, and the second saves again on top of them
(apps/core/locking.py)."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest

from apps.core.locking import StaleEdit
from apps.economy.models import BudgetYear, Forecast, InvestmentForecast, InvestmentProject
from apps.economy.services import budget as budget_services
from apps.economy.services import forecasts as forecast_services
from apps.economy.services.outcomes import statement_line_save
from styrmodell.lib.formats import format_number
from tests.economy.factories import (
    BudgetYearFactory,
    InvestmentProjectFactory,
    StatementLineFactory,
)
from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory, UserFactory

M = Decimal("1000000")


@pytest.fixture
def colleague(org):
    user = UserFactory(username="kollega_a", first_name="Karin", last_name="Ek")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.namnd_a)
    return user


@pytest.fixture
def economist_2(org):
    user = UserFactory(username="ekonom_2", first_name="Eva", last_name="Berg")
    RoleAssignmentFactory(user=user, role="ekonom", unit=None)
    return user


@pytest.fixture
def period(db):
    return ReportingPeriodFactory(state="open")


def alert(response) -> str:
    html = unescape(response.content.decode())
    return re.search(r'<div class="conflict" role="alert" id="conflict">(.*?)</div>', html,
                     re.S)[1]  # fmt: skip


class TestServices:
    def test_a_forecast_saved_from_an_older_version_is_refused(
        self, org, period, editor_a, colleague
    ):
        def save(actor, amount, version):
            return forecast_services.forecast_save(
                actor=actor, unit=org.namnd_a, period=period, amount=amount, comment="",
                expected_version=version, reason="Prognos",
            )  # fmt: skip

        save(colleague, 405 * M, 0)
        with pytest.raises(StaleEdit) as caught:
            save(editor_a, 420 * M, 0)
        assert caught.value.who == "Karin Ek"
        assert Forecast.objects.get().amount == 405 * M
        assert save(editor_a, 420 * M, 1).version == 2

    def test_an_investment_forecast_saved_from_an_older_version_is_refused(
        self, org, period, editor_a, colleague
    ):
        project = InvestmentProjectFactory(unit=org.namnd_a)

        def save(actor, comment, version):
            return forecast_services.investment_forecast_save(
                actor=actor, project=project, period=period, year_amount=2 * M,
                total_amount=10 * M, comment=comment, expected_version=version,
                reason="Prognos",
            )  # fmt: skip

        save(colleague, "Karin: enligt plan.", 0)
        with pytest.raises(StaleEdit):
            save(editor_a, "Min kommentar.", 0)
        assert InvestmentForecast.objects.get().comment == "Karin: enligt plan."
        assert save(editor_a, "Båda.", 1).version == 2

    def test_a_budget_year_saved_from_an_older_version_is_refused(self, economist, economist_2):
        budget_year = BudgetYearFactory(year=2027, notes="")
        budget_services.budget_year_update(actor=economist_2, budget_year=budget_year,
                                           notes="Evas antaganden", expected_version=1,
                                           reason="SKR")  # fmt: skip
        with pytest.raises(StaleEdit):
            budget_services.budget_year_update(actor=economist, budget_year=budget_year,
                                               population=52000, expected_version=1,
                                               reason="SCB")  # fmt: skip
        budget_year.refresh_from_db()
        assert (budget_year.notes, budget_year.version) == ("Evas antaganden", 2)
        budget_services.budget_year_update(actor=economist, budget_year=budget_year,
                                           population=52000, expected_version=2,
                                           reason="SCB")  # fmt: skip
        budget_year.refresh_from_db()
        assert (budget_year.notes, budget_year.population) == ("Evas antaganden", 52000)

    def test_an_investment_project_saved_from_an_older_version_is_refused(
        self, org, economist, economist_2
    ):
        project = InvestmentProjectFactory(unit=org.namnd_a, name="Skola", status="planned")
        budget_services.investment_project_update(actor=economist_2, project=project,
                                                  name="Ny skola", expected_version=1,
                                                  reason="Namn")  # fmt: skip
        with pytest.raises(StaleEdit):
            budget_services.investment_project_update(actor=economist, project=project,
                                                      status="ongoing", expected_version=1,
                                                      reason="Start")  # fmt: skip
        project.refresh_from_db()
        assert (project.name, project.status, project.version) == ("Ny skola", "planned", 2)

    def test_a_statement_line_saved_from_an_older_version_is_refused(self, admin_user):
        line = StatementLineFactory(name="Skatteintäkter")
        opened = type(line).objects.get(pk=line.pk)
        line.name = "Skatteintäkter, netto"
        statement_line_save(actor=admin_user, line=line, reason="Namn")
        opened.name = "Skatter"
        with pytest.raises(StaleEdit):
            statement_line_save(actor=admin_user, line=opened, reason="Namn")
        assert type(line).objects.get(pk=line.pk).name == "Skatteintäkter, netto"


class TestForecastPage:
    def test_a_stale_investment_forecast_shows_both_comments_at_its_project(
        self, client, org, period, editor_a, colleague
    ):
        project = InvestmentProjectFactory(unit=org.namnd_a)
        other = InvestmentProjectFactory(unit=org.namnd_a)
        url = f"/ekonomi/{period.pk}/prognos/{org.namnd_a.pk}/"
        client.force_login(editor_a)
        assert f'name="p{project.pk}-version" value="0"' in client.get(url).content.decode()

        def post(comment, version):
            return client.post(url, {
                "action": f"project-{project.pk}", f"p{project.pk}-year_amount": "2 000 000",
                f"p{project.pk}-total_amount": "10 000 000", f"p{project.pk}-comment": comment,
                f"p{project.pk}-version": version,
            })  # fmt: skip

        client.force_login(colleague)
        assert post("Karin: enligt plan.", 0).status_code == 302
        client.force_login(editor_a)
        response = post("Min kommentar.", 0)

        assert response.status_code == 200
        html = unescape(response.content.decode())
        article = re.search(rf'<article [^>]*id="project-{project.pk}"[^>]*>(.*?)</article>',
                            html, re.S)[1]  # fmt: skip
        assert 'class="conflict"' in article
        assert "Karin: enligt plan." in article and "Min kommentar." in article
        elsewhere = re.search(rf'<article [^>]*id="project-{other.pk}"[^>]*>(.*?)</article>',
                              html, re.S)[1]  # fmt: skip
        assert 'class="conflict"' not in elsewhere
        assert InvestmentForecast.objects.get().comment == "Karin: enligt plan."
        assert post("Båda.", 1).status_code == 302

    def test_a_stale_forecast_shows_both_amounts_in_swedish(
        self, client, org, period, editor_a, colleague
    ):
        url = f"/ekonomi/{period.pk}/prognos/{org.namnd_a.pk}/"

        def post(amount, version):
            return client.post(url, {"action": "forecast", "f-amount": amount,
                                     "f-comment": "", "f-version": version})  # fmt: skip

        client.force_login(colleague)
        assert post("405 000 000", 0).status_code == 302
        client.force_login(editor_a)
        shown = alert(post("420 000 000,50", 0))
        assert format_number(405 * M) in shown
        assert format_number(Decimal("420000000.50"), 2) in shown
        assert Forecast.objects.get().amount == 405 * M


class TestBudgetPages:
    def test_a_stale_budget_year_shows_both_notes(self, client, economist, economist_2):
        BudgetYearFactory(year=2027, notes="")
        url = "/ekonomi/budget/2027/antaganden/"
        client.force_login(economist)
        opened = client.get(url)
        assert 'name="version" value="1"' in opened.content.decode()
        data = {name: value for name, value in opened.context["form"].initial.items()
                if value is not None}  # fmt: skip
        data.update({"change_reason": "Antaganden", "version": "1"})
        client.force_login(economist_2)
        assert client.post(url, {**data, "notes": "Evas antaganden"}).status_code == 302
        client.force_login(economist)
        response = client.post(url, {**data, "notes": "Mina antaganden"})
        assert response.status_code == 200
        shown = alert(response)
        assert "Evas antaganden" in shown and "Mina antaganden" in shown
        assert BudgetYear.objects.get(year=2027).notes == "Evas antaganden"

    def test_a_stale_project_shows_both_names(self, client, org, economist, economist_2):
        project = InvestmentProjectFactory(unit=org.namnd_a, name="Skola")
        url = f"/ekonomi/investeringar/projekt/{project.pk}/"
        client.force_login(economist)
        opened = client.get(url)
        assert 'name="version" value="1"' in opened.content.decode()
        data = {name: (value.pk if hasattr(value, "pk") else value)
                for name, value in opened.context["form"].initial.items()
                if value is not None}  # fmt: skip
        data.update({"change_reason": "Ändring", "version": "1",
                     "decided_total": "10 000 000"})  # fmt: skip
        client.force_login(economist_2)
        assert client.post(url, {**data, "name": "Ny skola"}).status_code == 302
        client.force_login(economist)
        response = client.post(url, {**data, "name": "Skola etapp 2"})
        assert response.status_code == 200
        shown = alert(response)
        assert "Ny skola" in shown and "Skola etapp 2" in shown
        assert InvestmentProject.objects.get().name == "Ny skola"


class TestAdmin:
    def test_a_stale_statement_line_is_refused_with_the_other_value(self, client, admin_user):
        line = StatementLineFactory(name="Skatteintäkter")
        url = f"/admin/economy/statementline/{line.pk}/change/"
        data = {"statement": line.statement, "key": line.key, "name": line.name,
                "order": line.order, "change_reason": "Namn", "version": line.version}  # fmt: skip
        client.force_login(admin_user)
        assert client.post(url, {**data, "name": "Skatteintäkter, netto"}).status_code == 302
        response = client.post(url, {**data, "name": "Skatter"})
        assert response.status_code == 200
        assert "Skatteintäkter, netto" in unescape(response.content.decode())
        assert type(line).objects.get(pk=line.pk).name == "Skatteintäkter, netto"
