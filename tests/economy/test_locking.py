"""No lost updates in the economy: two people open the same forecast, investment forecast,
budget year, investment project, Kommun-Bas line, budget proposal (its table of amounts, its
decision, its deletion), detaljbudget (its lines, decision, reopening) or financial goal's
link to a key figure; the second save from the older version is refused, the first one's
figures stay, and the second saves again on top of them (apps/core/locking.py)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest

from apps.core.locking import StaleEdit
from apps.economy.models import (
    Appropriation,
    BudgetDecision,
    BudgetYear,
    DetailBudget,
    DetailBudgetLine,
    FinancialGoalLink,
    Forecast,
    InvestmentForecast,
    InvestmentProject,
)
from apps.economy.services import budget as budget_services
from apps.economy.services import financial as financial_services
from apps.economy.services import forecasts as forecast_services
from apps.economy.services.outcomes import statement_line_save
from styrmodell.lib.formats import format_number, format_tkr
from tests.economy.factories import (
    BudgetYearFactory,
    InvestmentProjectFactory,
    StatementLineFactory,
    frame_budget,
)
from tests.factories import ReportingPeriodFactory, RoleAssignmentFactory, UserFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

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


YEAR = 2026


@pytest.fixture
def proposal(org, economist) -> BudgetDecision:
    """Nämnd A's frame of 412 000 000 kr for 2026, decided, and a proposal of an
    ombudgetering both ekonomer open (version 1)."""
    decided = frame_budget(actor=economist, year=YEAR, frames={org.namnd_a: 412 * M})
    return budget_services.budget_decision_create(
        actor=economist, budget_year=decided.budget_year, kind="rebudget",
        title="Ombudgetering", reason="Förslag",
    )  # fmt: skip


def save_amounts(actor, proposal, org, amounts, version):
    return budget_services.appropriations_save(
        actor=actor, decision=proposal,
        operations={(org.namnd_a, YEAR + i): amount for i, amount in enumerate(amounts)},
        expected_version=version, reason="Belopp",
    )  # fmt: skip


def stored_amounts(proposal) -> dict:
    """Nämnd A's amounts in the proposal, by year."""
    found = Appropriation.objects.filter(decision=proposal, unit__name="Nämnd A")
    return {a.year: a.amount for a in found}


def save_lines(actor, org, amounts, version):
    return budget_services.detail_budget_lines_save(
        actor=actor, body=org.namnd_a, year=YEAR,
        amounts=dict(zip((org.namnd_a, org.forvaltning_a, org.enhet_a1), amounts, strict=True)),
        expected_version=version, reason="Detaljbudget",
    )  # fmt: skip


def stored_lines(org) -> dict:
    return {line.unit_id: line.amount for line in DetailBudgetLine.objects.all()}


class TestBudgetServices:
    def test_a_table_of_amounts_saved_from_an_older_version_is_refused(
        self, org, proposal, economist, economist_2
    ):
        save_amounts(economist_2, proposal, org, [2 * M, 3 * M], 1)
        with pytest.raises(StaleEdit) as caught:
            save_amounts(economist, proposal, org, [5 * M, None], 1)
        assert caught.value.who == "Eva Berg"
        assert stored_amounts(proposal) == {YEAR: 2 * M, YEAR + 1: 3 * M}
        save_amounts(economist, proposal, org, [5 * M, None], 2)
        assert stored_amounts(proposal) == {YEAR: 5 * M}
        assert BudgetDecision.objects.get(pk=proposal.pk).version == 3

    def test_one_amount_set_on_its_own_counts_as_a_change_of_the_table(
        self, org, proposal, economist, economist_2
    ):
        budget_services.appropriation_set(actor=economist_2, decision=proposal,
                                          unit=org.namnd_a, year=YEAR, amount=2 * M,
                                          reason="Belopp")  # fmt: skip
        with pytest.raises(StaleEdit):
            save_amounts(economist, proposal, org, [5 * M], 1)
        assert stored_amounts(proposal) == {YEAR: 2 * M}

    def test_a_table_saved_with_nothing_changed_still_counts(
        self, org, proposal, economist, economist_2
    ):
        save_amounts(economist_2, proposal, org, [None], 1)
        with pytest.raises(StaleEdit):
            save_amounts(economist, proposal, org, [5 * M], 1)

    def test_a_proposal_decided_from_an_older_version_is_refused(
        self, org, proposal, economist, economist_2
    ):
        save_amounts(economist_2, proposal, org, [2 * M], 1)
        with pytest.raises(StaleEdit):
            budget_services.budget_decision_decide(actor=economist, decision=proposal,
                                                   decided_on=dt.date(2026, 3, 30),
                                                   paragraph="§ 31", expected_version=1,
                                                   reason="KF")  # fmt: skip
        assert BudgetDecision.objects.get(pk=proposal.pk).state == "draft"
        decided = budget_services.budget_decision_decide(
            actor=economist, decision=proposal, decided_on=dt.date(2026, 3, 30),
            paragraph="§ 31", expected_version=2, reason="KF",
        )  # fmt: skip
        assert (decided.state, decided.version) == ("decided", 3)

    def test_a_proposal_deleted_from_an_older_version_is_refused(
        self, org, proposal, economist, economist_2
    ):
        save_amounts(economist_2, proposal, org, [2 * M], 1)
        with pytest.raises(StaleEdit):
            budget_services.budget_decision_delete(actor=economist, decision=proposal,
                                                   expected_version=1, reason="Fel")  # fmt: skip
        assert stored_amounts(proposal) == {YEAR: 2 * M}
        budget_services.budget_decision_delete(actor=economist, decision=proposal,
                                               expected_version=2, reason="Fel")  # fmt: skip
        assert not BudgetDecision.objects.filter(pk=proposal.pk).exists()

    def test_detail_budget_lines_saved_from_an_older_version_are_refused(
        self, org, proposal, editor_a, colleague
    ):
        # Both opened the page before there was a detaljbudget: version 0.
        save_lines(colleague, org, [10 * M, 200 * M, 202 * M], 0)
        with pytest.raises(StaleEdit) as caught:
            save_lines(editor_a, org, [12 * M, 200 * M, None], 0)
        assert caught.value.who == "Karin Ek"
        assert stored_lines(org) == {org.namnd_a.pk: 10 * M, org.forvaltning_a.pk: 200 * M,
                                     org.enhet_a1.pk: 202 * M}  # fmt: skip
        save_lines(editor_a, org, [12 * M, 200 * M, None], 1)
        assert stored_lines(org) == {org.namnd_a.pk: 12 * M, org.forvaltning_a.pk: 200 * M}
        assert DetailBudget.objects.get().version == 2

    def test_one_line_set_on_its_own_counts_as_a_change_of_the_table(
        self, org, proposal, editor_a, colleague
    ):
        save_lines(colleague, org, [10 * M, 200 * M, 202 * M], 0)
        budget_services.detail_budget_line_set(actor=colleague, body=org.namnd_a, year=YEAR,
                                               unit=org.enhet_a1, amount=M,
                                               reason="Rättning")  # fmt: skip
        with pytest.raises(StaleEdit):
            save_lines(editor_a, org, [12 * M, 200 * M, 202 * M], 1)
        assert stored_lines(org)[org.enhet_a1.pk] == M

    def test_a_detail_budget_decided_or_reopened_from_an_older_version_is_refused(
        self, org, proposal, editor_a, colleague
    ):
        detail_budget = save_lines(colleague, org, [10 * M, 200 * M, 202 * M], 0)

        def decide(version):
            return budget_services.detail_budget_decide(
                actor=editor_a, detail_budget=detail_budget, decided_on=dt.date(2026, 1, 20),
                paragraph="§ 4", expected_version=version, reason="Nämndens beslut",
            )  # fmt: skip

        save_lines(colleague, org, [10 * M, 200 * M, 202 * M], 1)
        with pytest.raises(StaleEdit):
            decide(1)
        assert DetailBudget.objects.get().state == "draft"
        assert decide(2).version == 3
        with pytest.raises(StaleEdit):
            budget_services.detail_budget_reopen(actor=colleague, detail_budget=detail_budget,
                                                 expected_version=2, reason="Tillägg")  # fmt: skip
        assert DetailBudget.objects.get().state == "decided"
        budget_services.detail_budget_reopen(actor=colleague, detail_budget=detail_budget,
                                             expected_version=3, reason="Tillägg")  # fmt: skip
        assert DetailBudget.objects.get().state == "draft"

    def test_a_financial_goal_link_saved_from_an_older_version_is_refused(
        self, chain, economist, economist_2
    ):
        def link(actor, threshold, version):
            return financial_services.financial_goal_link_set(
                actor=actor, goal=chain.finance, figure="result_share", comparison="gte",
                threshold=threshold, expected_version=version, reason="Mål",
            )  # fmt: skip

        link(economist_2, Decimal("2.00"), 0)
        with pytest.raises(StaleEdit) as caught:
            link(economist, Decimal("1.50"), 0)
        assert caught.value.who == "Eva Berg"
        assert FinancialGoalLink.objects.get().threshold == Decimal("2.00")
        assert link(economist, Decimal("1.50"), 1).version == 2
        with pytest.raises(StaleEdit):
            link(economist_2, Decimal("3.00"), 1)
        assert FinancialGoalLink.objects.get().threshold == Decimal("1.50")


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
                "action": f"project-{project.pk}", f"p{project.pk}-year_amount": "2 000",
                f"p{project.pk}-total_amount": "10 000", f"p{project.pk}-comment": comment,
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
        assert post("405 000", 0).status_code == 302
        client.force_login(editor_a)
        shown = alert(post("420 000,5", 0))
        assert format_tkr(405 * M) in shown
        assert format_tkr(Decimal("420000500")) in shown
        assert Forecast.objects.get().amount == 405 * M


class TestBudgetPages:
    def test_a_stale_budget_year_shows_both_notes(self, client, economist, economist_2):
        BudgetYearFactory(year=2027, notes="")
        url = "/ekonomi/budget/2027/antaganden/"
        client.force_login(economist)
        opened = client.get(url)
        assert 'name="version" value="1"' in opened.content.decode()
        form = opened.context["form"]  # the values as the page shows them (amounts in tkr)
        data = {name: form[name].value() for name, value in form.initial.items()
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
                     "decided_total": "10 000"})  # fmt: skip
        client.force_login(economist_2)
        assert client.post(url, {**data, "name": "Ny skola"}).status_code == 302
        client.force_login(economist)
        response = client.post(url, {**data, "name": "Skola etapp 2"})
        assert response.status_code == 200
        shown = alert(response)
        assert "Ny skola" in shown and "Skola etapp 2" in shown
        assert InvestmentProject.objects.get().name == "Ny skola"


class TestTablePages:
    """The decision's table of amounts and the detaljbudget's lines: the version is the
    proposal's (the detaljbudget's), the conflict lists the cells that differ."""

    def test_a_stale_table_of_amounts_shows_the_cells_that_differ(
        self, client, org, proposal, economist, economist_2
    ):
        url = f"/ekonomi/budget/beslut/{proposal.pk}/"
        a26, a27 = (f"a-operations-{org.namnd_a.pk}-{YEAR + i}" for i in range(2))
        b26 = f"a-operations-{org.namnd_b.pk}-{YEAR}"
        client.force_login(economist)
        assert 'name="a-version" value="1"' in client.get(url).content.decode()

        def post(cells, version):
            return client.post(url, {"action": "amounts", "a-change_reason": "Belopp",
                                     "a-version": version, **cells})  # fmt: skip

        client.force_login(economist_2)
        assert post({a26: "2 000", a27: "3 000", b26: "1 000"}, 1).status_code == 302
        client.force_login(economist)
        response = post({a26: "2 500,5", a27: "", b26: "1 000"}, 1)

        assert response.status_code == 200
        shown = alert(response)
        assert f"Nämnd A – {YEAR}" in shown and f"Nämnd A – {YEAR + 1}" in shown
        assert f"Nämnd B – {YEAR}" not in shown  # the same in both
        assert format_tkr(2 * M) in shown and format_tkr(3 * M) in shown
        assert format_tkr(Decimal("2500500")) in shown
        html = unescape(response.content.decode())
        assert f'name="{a26}" value="2 500,5"' in html  # the editor's own figures stay
        assert 'name="a-version" value="2"' in html
        assert stored_amounts(proposal) == {YEAR: 2 * M, YEAR + 1: 3 * M}
        assert post({a26: "2 500,5", a27: "", b26: "1 000"}, 2).status_code == 302
        assert stored_amounts(proposal) == {YEAR: Decimal("2500500")}

    def test_a_stale_decision_is_refused_at_the_decision_form(
        self, client, org, proposal, economist, economist_2
    ):
        url = f"/ekonomi/budget/beslut/{proposal.pk}/"
        client.force_login(economist)
        assert 'name="d-version" value="1"' in client.get(url).content.decode()
        save_amounts(economist_2, proposal, org, [2 * M], 1)
        response = client.post(url, {"action": "decide", "d-decided_on": "2026-03-30",
                                      "d-paragraph": "§ 31", "d-change_reason": "KF",
                                      "d-version": "1"})  # fmt: skip
        assert response.status_code == 200
        html = unescape(response.content.decode())
        section = re.search(r'<section [^>]*aria-labelledby="decide-heading"[^>]*>(.*?)</section>',
                            html, re.S)[1]  # fmt: skip
        assert 'class="conflict"' in section and "Eva Berg" in section
        assert 'name="d-version" value="2"' in section
        assert html.count('class="conflict"') == 1
        assert BudgetDecision.objects.get(pk=proposal.pk).state == "draft"

    def test_a_stale_detail_budget_shows_the_lines_that_differ(
        self, client, org, proposal, editor_a, colleague
    ):
        url = f"/ekonomi/budget/{YEAR}/detaljbudget/{org.namnd_a.pk}/"
        client.force_login(editor_a)
        assert 'name="l-version" value="0"' in client.get(url).content.decode()

        def post(a, fa, a1, version):
            return client.post(url, {
                "action": "lines", f"l-line-{org.namnd_a.pk}": a,
                f"l-line-{org.forvaltning_a.pk}": fa, f"l-line-{org.enhet_a1.pk}": a1,
                "l-change_reason": "Detaljbudget", "l-version": version,
            })  # fmt: skip

        client.force_login(colleague)
        assert post("10 000", "200 000", "202 000", 0).status_code == 302
        client.force_login(editor_a)
        response = post("12 000", "200 000", "", 0)

        assert response.status_code == 200
        shown = alert(response)
        assert "Karin Ek" in shown
        assert "Nämnd A" in shown and org.enhet_a1.name in shown
        assert org.forvaltning_a.name not in shown
        assert format_tkr(10 * M) in shown and format_tkr(12 * M) in shown
        assert format_tkr(202 * M) in shown
        assert 'name="l-version" value="1"' in unescape(response.content.decode())
        assert stored_lines(org)[org.namnd_a.pk] == 10 * M
        assert post("12 000", "200 000", "", 1).status_code == 302
        assert stored_lines(org) == {org.namnd_a.pk: 12 * M, org.forvaltning_a.pk: 200 * M}


class TestKeyFiguresPage:
    def test_a_stale_link_shows_both_thresholds(
        self, client, chain, period, economist, economist_2
    ):
        url = f"/ekonomi/{period.pk}/nyckeltal/"
        client.force_login(economist)
        assert 'name="link-version" value="0"' in client.get(url).content.decode()

        def post(threshold, version):
            return client.post(url, {
                "action": "link", "link-goal": chain.finance.pk, "link-figure": "result_share",
                "link-comparison": "gte", "link-threshold": threshold,
                "link-change_reason": "Mål", "link-version": version,
            })  # fmt: skip

        client.force_login(economist_2)
        assert post("2", 0).status_code == 302
        client.force_login(economist)
        response = post("1,5", 0)
        assert response.status_code == 200
        shown = alert(response)
        assert "Eva Berg" in shown
        assert "1,50" in shown and format_number(Decimal(2)) in shown
        assert FinancialGoalLink.objects.get().threshold == Decimal("2.00")
        assert post("1,5", 1).status_code == 302
        assert FinancialGoalLink.objects.get().threshold == Decimal("1.50")

    def test_a_link_is_changed_from_its_row_with_its_version(
        self, client, chain, period, economist
    ):
        link = financial_services.financial_goal_link_set(
            actor=economist, goal=chain.finance, figure="result_share", comparison="gte",
            threshold=Decimal("2.00"), reason="Mål",
        )  # fmt: skip
        url = f"/ekonomi/{period.pk}/nyckeltal/"
        client.force_login(economist)
        blank = unescape(client.get(url).content.decode())
        assert f'href="?andra={link.pk}#link-heading"' in blank
        form = blank.split('id="link-heading"', 1)[1]
        assert f'value="{chain.finance.pk}"' not in form  # linked: changed from its row
        edit = unescape(client.get(f"{url}?andra={link.pk}").content.decode())
        form = edit.split('id="link-heading"', 1)[1]
        assert 'name="link-version" value="1"' in form
        assert 'name="link-threshold" value="2"' in form

    def test_a_stale_change_from_the_row_shows_both_thresholds(
        self, client, chain, period, economist, economist_2
    ):
        link = financial_services.financial_goal_link_set(
            actor=economist, goal=chain.finance, figure="result_share", comparison="gte",
            threshold=Decimal("2.00"), reason="Mål",
        )  # fmt: skip
        url = f"/ekonomi/{period.pk}/nyckeltal/?andra={link.pk}"

        def post(threshold, version):
            return client.post(url, {
                "action": "link", "link-goal": chain.finance.pk, "link-figure": "result_share",
                "link-comparison": "gte", "link-threshold": threshold,
                "link-change_reason": "Skärpt mål", "link-version": version,
            })  # fmt: skip

        client.force_login(economist_2)
        assert post("2,5", 1).status_code == 302
        client.force_login(economist)
        response = post("3", 1)
        assert response.status_code == 200
        shown = alert(response)
        assert "2,50" in shown and format_number(Decimal(3)) in shown
        assert FinancialGoalLink.objects.get().threshold == Decimal("2.50")
        assert post("3", 2).status_code == 302
        assert FinancialGoalLink.objects.get().threshold == Decimal(3)

    def test_a_link_to_change_is_named_by_digits_only(self, client, chain, period, economist):
        client.force_login(economist)
        assert client.get(f"/ekonomi/{period.pk}/nyckeltal/?andra=1x").status_code == 404


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
