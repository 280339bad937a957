"""The strategic plan with economic frames as one decided object: the page per budget year
shows KF's frame budget decision, the KF goals of the year (the financial one with its status
computed from the key figures, as each reader may read it), their indicators and governing
documents, and the frames per body; its title is the model's own word; it is linked from the
budget year page and reads in a fixed number of queries. The data: the chain of
tests/goals/conftest.py (Vimmerby) and ``example_year`` (frames KS 100, Nämnd A 150 + 5,
Nämnd B 140 million kr; Tertial 1 2026 open, result 10,22 % of tax revenue and grants)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest

from apps.documents.models import GoverningDocument
from apps.economy.models import BudgetDecision
from apps.goals import services as goal_services
from apps.goals.models import GoalLevel
from tests.economy.factories import (
    AppropriationFactory,
    BudgetDecisionFactory,
    BudgetYearFactory,
    FinancialGoalLinkFactory,
    example_year,
)
from tests.factories import GoalFactory, GoalIndicatorFactory, UnitFactory
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

URL = "/ekonomi/budget/2026/strategisk-plan/"


def main(response) -> str:
    return re.search(r"<main.*</main>", unescape(response.content.decode()), re.S)[0]


def document_for(goal, org, title: str) -> GoverningDocument:
    document = GoverningDocument.objects.create(
        kind="policy", title=title, decided_by=org.kf, decided_on=dt.date(2025, 6, 16),
        paragraph="§ 80", owner=org.ks, valid_from=dt.date(2025, 7, 1),
        revise_by=dt.date(2029, 6, 30),
    )  # fmt: skip
    document.goals.add(goal)
    return document


@pytest.fixture
def plan_data(org, chain):
    """The year's budget and KF goals: the financial goal linked to the result share (at
    least 2 %) with a supporting policy, an indicator on "Fler elever når målen"."""
    example_year(org)
    FinancialGoalLinkFactory(goal=chain.finance)
    document_for(chain.finance, org, "Policy för god ekonomisk hushållning")
    GoalIndicatorFactory(goal=chain.school, indicator__title="Behörighet till gymnasiet")
    return chain


class TestPage:
    def test_the_economist_sees_decision_goals_status_indicators_documents_and_frames(
        self, client, plan_data, economist
    ):
        client.force_login(economist)
        html = main(client.get(URL))
        assert "<h1>Strategisk plan 2026</h1>" in html  # Vimmerby's own word
        assert "Budget 2026" in html and "§ 87" in html and "15 juni 2025" in html
        goals = html[html.index('id="plan-goals"') : html.index('id="frames"')]
        for title in ("Fler elever når målen", "Trygg äldreomsorg", "Resultat två procent"):
            assert title in goals
        assert "Vimmerby 2030" not in goals  # the vision is not a goal to judge
        assert "Alla elever läser i årskurs 3" not in goals  # a nämndmål
        finance = goals[goals.index("Resultat två procent") :]
        assert "10,2" in finance  # the computed key figure, forecast in Tertial 1
        assert "Policy för god ekonomisk hushållning" in finance
        assert "Behörighet till gymnasiet" in goals
        frames = html[html.index('id="plan-frames"') :]
        assert re.search(r"Nämnd A</th><td[^>]*>150\s000,0\stkr</td><td[^>]*>5\s000,0\stkr"
                         r"</td><td[^>]*>155\s000,0\stkr", frames)  # fmt: skip
        assert "Kommunstyrelsen" in frames and "Nämnd B" in frames
        assert re.search(r"<tfoot><tr><th[^>]*>[^<]+</th><td[^>]*>390\s000,0\stkr", frames)

    def test_a_politician_is_not_shown_the_open_periods_computed_status(
        self, client, plan_data, politician
    ):
        client.force_login(politician)
        response = client.get(URL)
        assert response.status_code == 200
        goals = main(response)[main(response).index('id="plan-goals"') :]
        assert "Resultat två procent" in goals
        assert "10,2" not in goals  # Tertial 1 is open: its forecasts are not the reader's
        assert "Policy för god ekonomisk hushållning" in goals

    def test_a_proposal_is_its_preparers_until_decided(self, client, org, chain, economist,
                                                       politician):  # fmt: skip
        budget_year = BudgetYearFactory(year=2026)
        proposal = BudgetDecisionFactory(
            budget_year=budget_year, title="Förslag till budget 2026", decided_on=None
        )
        AppropriationFactory(decision=proposal, unit=org.namnd_a, amount=Decimal(120_000_000))
        client.force_login(politician)
        html = main(client.get(URL))
        assert "Förslag till budget 2026" not in html and "120 000,0" not in html
        client.force_login(economist)
        html = main(client.get(URL))
        assert "Förslag till budget 2026" in html  # and it says it is a proposal
        assert re.search(r"Nämnd A</th><td[^>]*>120\s000,0\stkr", html)
        assert "Nettokostnadsramar per nämnd och bolag 2026 enligt förslaget, tkr" in html

    def test_without_the_word_the_page_is_the_budget_and_goals(self, client, org, chain, economist):
        example_year(org)
        goal_services.steering_model_load_preset(actor=None, key="ale", activate=True)
        client.force_login(economist)
        html = main(client.get(URL))
        assert "<h1>Budget och mål 2026</h1>" in html
        assert "Fler elever når målen" not in html  # Vimmerby's goals, not the active model's

    def test_the_budget_year_page_links_it(self, client, plan_data, politician):
        client.force_login(politician)
        html = main(client.get("/ekonomi/budget/2026/"))
        assert f'href="{URL}">Strategisk plan 2026</a>' in html


class TestAccess:
    def test_anonymous_is_sent_to_login(self, client, plan_data):
        response = client.get(URL)
        assert response.status_code == 302 and "/login" in response["Location"]

    def test_a_user_without_a_role_is_refused(self, client, plan_data, outsider):
        client.force_login(outsider)
        assert client.get(URL).status_code == 403

    def test_a_year_without_a_budget_is_not_found(self, client, plan_data, politician):
        client.force_login(politician)
        assert client.get("/ekonomi/budget/2031/strategisk-plan/").status_code == 404


STRATEGIC_PLAN_QUERIES = 28  # the statuses: the assessments, the key figures (14)


@pytest.mark.parametrize("extra", [1, 6])
def test_the_page_runs_a_fixed_number_of_queries(
    client, plan_data, org, economist, extra, django_assert_num_queries
):
    """More KF goals (with indicators and documents) and more bodies with frames cost no
    more queries."""
    level = GoalLevel.objects.get(model=plan_data.model, key="inriktningsmal")
    frame = BudgetDecision.objects.get(budget_year__year=2026, kind="frame")
    for n in range(extra):
        goal = GoalFactory(
            level=level, owner=org.kf, parent=plan_data.vision, title=f"Extra mål {n}"
        )
        GoalIndicatorFactory(goal=goal)
        document_for(goal, org, f"Program {n}")
        body = UnitFactory(parent=org.kf, kind="namnd", name=f"Extra nämnd {n}")
        AppropriationFactory(decision=frame, unit=body, amount=Decimal(1_000_000))
    client.force_login(economist)
    with django_assert_num_queries(STRATEGIC_PLAN_QUERIES):
        response = client.get(URL)
    html = main(response)
    assert html.count("Extra mål") == extra and html.count("Extra nämnd") == extra


def test_each_bodys_frame_on_its_plan_is_the_frame_on_the_strategic_plan(
    org, plan_data, admin_user
):
    """One definition of a body's decided frame: the nämndplan's panel (``frame_of``) and the
    strategic plan page read the same appropriations. An earlier budget's plan year for 2026
    and an undecided proposal count in neither."""
    from apps.accounts.access import access_for
    from apps.economy.strategic_plan import frame_of, strategic_plan

    earlier = BudgetDecisionFactory(budget_year=BudgetYearFactory(year=2025))
    AppropriationFactory(decision=earlier, unit=org.namnd_a, year=2026, amount=Decimal(7_000_000))
    proposal = BudgetDecisionFactory(kind="additional", decided_on=None, title="Förslag")
    AppropriationFactory(decision=proposal, unit=org.namnd_a, amount=Decimal(3_000_000))
    plan = strategic_plan(2026, reader=access_for(admin_user), may_see_proposals=True)
    assert len(plan.frames) >= 3
    for row in plan.frames:
        frame = frame_of(row.body, 2026)
        assert (frame.amount, frame.original) == (row.current, row.original), row.body
    assert frame_of(org.namnd_a, 2026).amount == Decimal(155_000_000)
