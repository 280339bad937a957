"""The key figure page, the resultaträkning and the balansräkning at their literal URLs, with
their Excel exports: who reads them, what they show, what a POST leaves in the database, and
how many queries they run. The figures are those of ``example_year`` (factories.py)."""

from __future__ import annotations

import io
from decimal import Decimal
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.utils import translation
from openpyxl import load_workbook

from apps.economy.models import BalanceRequirementAdjustment, FinancialGoalLink, StatementLine
from apps.followup.models import Assessment
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_percent, format_tkr
from styrmodell.lib.xlsx import CONTENT_TYPE
from tests.economy.factories import (
    BalanceRequirementAdjustmentFactory,
    FinancialGoalLinkFactory,
    book_rows,
    example_year,
)
from tests.exports import FORMULA_TEXT, assert_text_kept
from tests.goals import conftest as goal_fixtures

vimmerby = goal_fixtures.vimmerby
chain = goal_fixtures.chain

M = 1_000_000
PAGES = ("nyckeltal", "resultatrakning", "balansrakning")


def mkr(amount) -> Decimal:
    return Decimal(str(amount)) * M


def page(response) -> str:
    return unescape(response.content.decode())


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def period(org) -> ReportingPeriod:
    example_year(org)
    return ReportingPeriod.objects.get(year=2026, name="Tertial 1")


def publish(period) -> None:
    """Close the period: its forecasts are then every reader's (test_access_statements.py)."""
    ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")


def url(period, name: str, suffix: str = "") -> str:
    return f"/ekonomi/{period.pk}/{name}/{suffix}"


def workbook(response):
    assert response["Content-Type"] == CONTENT_TYPE
    return load_workbook(io.BytesIO(response.content))


class TestAccess:
    @pytest.mark.parametrize("name", PAGES)
    @pytest.mark.parametrize("suffix", ["", "excel/"])
    def test_readers_see_the_pages(self, client, politician, period, name, suffix):
        client.force_login(politician)
        assert client.get(url(period, name, suffix)).status_code == 200

    @pytest.mark.parametrize("name", PAGES)
    def test_an_outsider_gets_403(self, client, outsider, period, name):
        client.force_login(outsider)
        assert client.get(url(period, name)).status_code == 403
        assert client.get(url(period, name, "excel/")).status_code == 403

    def test_anonymous_visitors_are_sent_to_log_in(self, client, period):
        response = client.get(url(period, "nyckeltal"))
        assert response.status_code == 302
        assert response.url.startswith("/login/")

    def test_an_unknown_period_is_404(self, client, politician, period):
        client.force_login(politician)
        assert client.get("/ekonomi/999999/resultatrakning/").status_code == 404

    @pytest.mark.parametrize("persona", ["politician", "editor_a"])
    def test_readers_and_editors_may_not_post(self, request, client, period, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.post(
            url(period, "nyckeltal"), {"action": "adjustment", "adj-kind": "rur_use"}
        )
        assert response.status_code == 403
        assert not BalanceRequirementAdjustment.objects.exists()


class TestIncomeStatementPage:
    def test_shows_the_columns_in_tkr(self, client, politician, period):
        publish(period)  # the forecast column: an open period's is the ekonomer's
        client.force_login(politician)
        content = page(client.get(url(period, "resultatrakning")))
        assert "<caption>" in content
        for amount in (mkr(52), mkr(46), mkr(49), mkr(50), mkr(-96), mkr(-395)):
            assert f'<td class="num">{format_tkr(amount)}</td>' in content
        assert "januari–april 2026" in content

    def test_says_when_no_outcome_is_imported(self, client, politician, org):
        from tests.economy.factories import kommun_bas_chart
        from tests.factories import ReportingPeriodFactory

        kommun_bas_chart()
        empty = ReportingPeriodFactory(year=2031)
        client.force_login(politician)
        content = page(client.get(url(empty, "resultatrakning")))
        assert "januari–april 2031" in content
        assert 'class="notice"' in content

    def test_excel_holds_real_numbers(self, client, politician, period):
        publish(period)
        client.force_login(politician)
        sheet = workbook(client.get(url(period, "resultatrakning", "excel/"))).active
        rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert rows[t("Result for the year")] == (52 * M, 49 * M, 46 * M, 50 * M)
        assert rows["Verksamhetens intäkter"][0] == 42 * M
        assert rows["Verksamhetens intäkter"][1] is None


class TestBalanceSheetPage:
    def test_shows_the_balances_and_that_they_balance(self, client, politician, period):
        client.force_login(politician)
        content = page(client.get(url(period, "balansrakning")))
        assert f'<td class="num">{format_tkr(mkr(602))}</td>' in content
        assert "✓" in content and "✕" not in content

    def test_an_unbalanced_ledger_is_shown(self, client, politician, period, org):
        book_rows([(3, "2110", -5 * M), (3, "1910", 5 * M)], unit=org.ks)
        client.force_login(politician)
        content = page(client.get(url(period, "balansrakning")))
        assert "✕" in content
        assert "2110" in content

    @pytest.mark.parametrize("reader", ["economist", "admin_user"])
    def test_an_unbalanced_ledger_is_an_error_with_the_difference(
        self, client, reader, period, org, request
    ):
        book_rows([(3, "2110", -5 * M), (3, "1910", 5 * M)], unit=org.ks)
        client.force_login(request.getfixturevalue(reader))
        content = page(client.get(url(period, "balansrakning")))
        assert 'id="balance-error"' in content
        assert 'role="alert"' in content
        assert format_tkr(mkr(5)) in content.split('id="balance-error"')[1].split("</div>")[0]

    def test_other_readers_see_the_difference_row_but_no_error_box(
        self, client, politician, period, org
    ):
        book_rows([(3, "2110", -5 * M), (3, "1910", 5 * M)], unit=org.ks)
        client.force_login(politician)
        content = page(client.get(url(period, "balansrakning")))
        assert 'id="balance-error"' not in content
        assert f'<td class="num">{format_tkr(mkr(5))}</td>' in content

    def test_a_balanced_ledger_shows_no_error(self, client, economist, period):
        client.force_login(economist)
        content = page(client.get(url(period, "balansrakning")))
        assert 'id="balance-error"' not in content

    def test_equity_rows_add_up_to_total_equity_on_the_page(self, client, politician, period):
        client.force_login(politician)
        content = page(client.get(url(period, "balansrakning")))
        result = content.index(t("Result for the period"))
        total = content.index(t("Total equity"))
        assert result < content.index("Eget kapital</th>", result) < total
        assert format_tkr(mkr(52)) in content[result:total]
        assert format_tkr(mkr(352)) in content[total : total + 200]

    def test_excel_holds_real_numbers(self, client, politician, period):
        client.force_login(politician)
        sheet = workbook(client.get(url(period, "balansrakning", "excel/"))).active
        rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert rows["Kassa och bank"] == (72 * M, 50 * M, 90 * M)


class TestKeyFiguresPage:
    def test_shows_each_figure_with_its_explanation(self, client, politician, period):
        publish(period)
        client.force_login(politician)
        content = page(client.get(url(period, "nyckeltal")))
        assert 'id="figure-result_share"' in content
        assert "34,7\u00a0%" in content and "10,2\u00a0%" in content
        assert format_tkr(mkr(50)) in content  # the balance requirement result to date

    def test_a_figure_not_computable_says_why(self, client, politician, period):
        from apps.economy.models import OutcomeRow

        OutcomeRow.objects.filter(year=2025).delete()
        client.force_login(politician)
        content = page(client.get(url(period, "nyckeltal")))
        assert 'class="key-figures__missing"' in content
        assert "januari–april 2025" in content  # no growth against last year

    def test_financial_goals_show_their_status_in_words(self, client, politician, period, chain):
        FinancialGoalLinkFactory(goal=chain.finance, threshold=Decimal(12))
        publish(period)
        client.force_login(politician)
        response = client.get(url(period, "nyckeltal"))
        [status] = response.context["goals"]
        assert status.status == "not_met"
        content = page(response)
        assert '<span class="status status--not_met">' in content
        assert str(status.status_label) in content
        assert 'value="assess"' not in content  # the status is computed, never written

    def test_shows_the_new_key_figures(self, client, politician, period):
        publish(period)
        client.force_login(politician)
        content = page(client.get(url(period, "nyckeltal")))
        for key in ("net_cost_share", "equity_ratio", "debt_ratio", "debt_per_inhabitant"):
            assert f'id="figure-{key}"' in content
        assert "58,5\u00a0%" in content  # soliditet 352 / 602
        assert "41,5\u00a0%" in content  # skuldsättningsgrad 250 / 602
        assert "65,3\u00a0%" in content  # nettokostnadsandel 98 / 150
        assert "12\u00a0987\u00a0kr" in content  # långfristiga skulder 200 mnkr / 15 400

    def test_excel_has_the_figures_and_the_goals(self, client, politician, period, chain):
        FinancialGoalLinkFactory(goal=chain.finance)
        publish(period)
        client.force_login(politician)
        book = workbook(client.get(url(period, "nyckeltal", "excel/")))
        figures, goals = book.worksheets
        values = [row[2] for row in figures.iter_rows(min_row=2, values_only=True)]
        assert 52 * M in values and 34.67 in values
        assert next(goals.iter_rows(min_row=2, values_only=True))[3] == 10.22

    def test_excel_keeps_formula_like_names_as_text(self, client, politician, period, chain):
        FinancialGoalLinkFactory(goal=chain.finance)
        chain.finance.title = FORMULA_TEXT
        chain.finance.save()
        StatementLine.objects.filter(name="Verksamhetens intäkter").update(name="-2+3")
        StatementLine.objects.filter(statement="balance").update(name="@SUM(1+1)")
        client.force_login(politician)
        content = client.get(url(period, "nyckeltal", "excel/")).content
        assert_text_kept(content, FORMULA_TEXT)
        content = client.get(url(period, "resultatrakning", "excel/")).content
        assert_text_kept(content, "-2+3")
        rows = {r[0].value: r for r in load_workbook(io.BytesIO(content)).active.iter_rows()}
        assert rows["-2+3"][1].value == 42 * M and rows["-2+3"][1].data_type == "n"
        content = client.get(url(period, "balansrakning", "excel/")).content
        assert_text_kept(content, "@SUM(1+1)")


class TestKeyFiguresPosts:
    def test_the_economist_adds_an_adjustment_in_swedish_format(self, client, economist, period):
        client.force_login(economist)
        response = client.post(
            url(period, "nyckeltal"),
            {
                "action": "adjustment",
                "adj-kind": "rur_reservation",
                "adj-amount": "4 000,5",
                "adj-description": "Reservation till RUR",
                "adj-change_reason": "Bokslutsdisposition",
            },
        )
        assert response.status_code == 302
        adjustment = BalanceRequirementAdjustment.objects.get()
        assert (adjustment.year, adjustment.amount) == (2026, Decimal("4000500"))
        assert adjustment.history.first().history_change_reason == "Bokslutsdisposition"
        content = page(client.get(url(period, "nyckeltal")))
        assert format_tkr(mkr(50) - Decimal("4000500")) in content

    def test_a_negative_amount_is_refused_at_the_field(self, client, economist, period):
        client.force_login(economist)
        response = client.post(
            url(period, "nyckeltal"),
            {
                "action": "adjustment",
                "adj-kind": "rur_use",
                "adj-amount": "-5",
                "adj-description": "Fel",
                "adj-change_reason": "Test",
            },
        )
        assert response.status_code == 200
        assert "amount" in response.context["adjustment_form"].errors
        assert not BalanceRequirementAdjustment.objects.exists()

    def test_the_economist_removes_an_adjustment(self, client, economist, period):
        adjustment = BalanceRequirementAdjustmentFactory()
        client.force_login(economist)
        client.post(url(period, "nyckeltal"), {"action": f"remove-adjustment-{adjustment.pk}"})
        assert not BalanceRequirementAdjustment.objects.exists()

    def test_an_administrator_may_not_adjust(self, client, admin_user, period):
        adjustment = BalanceRequirementAdjustmentFactory()
        client.force_login(admin_user)
        response = client.post(
            url(period, "nyckeltal"), {"action": f"remove-adjustment-{adjustment.pk}"}
        )
        assert response.status_code == 302
        assert BalanceRequirementAdjustment.objects.exists()

    def test_a_linked_goal_reads_its_computed_status(self, client, admin_user, period, chain):
        client.force_login(admin_user)
        response = client.post(
            url(period, "nyckeltal"),
            {
                "action": "link",
                "link-goal": chain.finance.pk,
                "link-figure": "result_share",
                "link-comparison": "gte",
                "link-threshold": "2,0",
                "link-change_reason": "Budget 2026",
            },
        )
        assert response.status_code == 302
        assert FinancialGoalLink.objects.get().threshold == Decimal(2)
        [status] = client.get(url(period, "nyckeltal")).context["goals"]
        assert (status.status, status.value_text) == ("met", format_percent(Decimal("10.22")))
        assert not Assessment.objects.exists()  # computed where read, nothing written

    def test_a_goal_that_is_not_financial_is_not_offered(self, client, admin_user, period, chain):
        client.force_login(admin_user)
        response = client.post(
            url(period, "nyckeltal"),
            {
                "action": "link",
                "link-goal": chain.school.pk,
                "link-figure": "result",
                "link-comparison": "gte",
                "link-threshold": "0",
                "link-change_reason": "Fel",
            },
        )
        assert response.status_code == 200
        assert "goal" in response.context["link_form"].errors

    def test_writing_the_status_as_an_assessment_is_gone(self, client, admin_user, period, chain):
        FinancialGoalLinkFactory(goal=chain.finance)
        client.force_login(admin_user)
        response = client.post(url(period, "nyckeltal"), {"action": "assess"})
        assert response.status_code == 404
        assert not Assessment.objects.exists()


# Every page: the session, the user and the user's roles (3), the kommun's name (1), the period
# (1). Key figures: + the figures (13), the linked goals (1) and the goals offered for a link
# (1, ekonom only). Resultaträkning: + the statement (6). Balansräkning: + the sheet (5).
KEY_FIGURES_QUERIES = 20
INCOME_STATEMENT_QUERIES = 11
BALANCE_SHEET_QUERIES = 10


@pytest.fixture(params=[10, 400], ids=["10-accounts", "400-accounts"])
def big_ledger(request, period, org, chain):
    """More accounts, rows, projects and linked goals, all balanced in the ledger."""
    n = request.param
    book_rows(
        [(2, f"4{i:03d}", i, f"PX{i}") for i in range(n)]
        + [(2, f"19{i % 100:02d}", -i) for i in range(n)]
        + [(0, f"11{i % 100:02d}", i) for i in range(n)]
        + [(0, f"23{i % 100:02d}", -i) for i in range(n)],
        unit=org.enhet_a1,
    )
    for i in range(n // 10):
        BalanceRequirementAdjustmentFactory(amount=i)
    FinancialGoalLinkFactory(goal=chain.finance)
    return n


class TestQueries:
    def test_key_figures_page(
        self, client, economist, period, big_ledger, django_assert_num_queries
    ):
        client.force_login(economist)
        with django_assert_num_queries(KEY_FIGURES_QUERIES):
            response = client.get(url(period, "nyckeltal"))
        assert response.status_code == 200
        assert len(response.context["goals"]) == 1

    def test_income_statement_page(
        self, client, politician, period, big_ledger, django_assert_num_queries
    ):
        client.force_login(politician)
        with django_assert_num_queries(INCOME_STATEMENT_QUERIES):
            response = client.get(url(period, "resultatrakning"))
        assert response.context["statement"].row("operating_costs").outcome == -(
            mkr(130) + sum(range(big_ledger))
        )

    def test_balance_sheet_page(
        self, client, politician, period, big_ledger, django_assert_num_queries
    ):
        client.force_login(politician)
        with django_assert_num_queries(BALANCE_SHEET_QUERIES):
            response = client.get(url(period, "balansrakning"))
        assert response.context["sheet"].balances
