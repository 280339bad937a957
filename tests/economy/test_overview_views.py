"""The ekonom's overview at /ekonomi/, the drill-down into a body's units, and their Excel
exports: the figures, who reads them, and a fixed number of queries at any size.

The economy of the test kommun in Tertial 2 2026 (January–August):

    body      budget (frame + change)    outcome Jan–Aug       forecast T2   forecast T1
    KS         50 000 000                 0                    –             –
    Nämnd A   400 000 000 + 10 000 000   250 000 000          420 000 000   405 000 000
              (Enhet A1 100 M in March, Förvaltning A 150 M in May; 999 kr in September)
    Nämnd B   300 000 000                190 000 000          290 000 000   –
              (200 M costs and −10 M revenue on Förvaltning B; a balance account left out)

Nämnd A forecasts a deficit of 10 000 000 and has raised an åtgärdsplan for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html import unescape

import pytest
from django.utils import translation
from openpyxl import load_workbook

from apps.economy import statements
from apps.followup.models import ActionPlan
from styrmodell.lib.formats import format_tkr
from tests.economy.factories import (
    AppropriationFactory,
    BudgetDecisionFactory,
    ForecastFactory,
    book_outcome,
    decided_detail_budget,
)
from tests.exports import FORMULA_TEXT, assert_text_kept
from tests.factories import ReportingPeriodFactory, UnitFactory

D = Decimal
M = D(1_000_000)
MINUS = "\u2212"


def t(text: str) -> str:
    with translation.override("sv"):
        return translation.gettext(text)


def page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def tertials(db):
    t1 = ReportingPeriodFactory(state="closed")
    t2 = ReportingPeriodFactory(
        name="Tertial 2", kind="tertial2", state="open", ends_on=dt.date(2026, 8, 31)
    )
    return t1, t2


@pytest.fixture
def period(tertials):
    return tertials[1]


@pytest.fixture
def economy(org, tertials):
    t1, t2 = tertials
    frame = AppropriationFactory(unit=org.ks, amount=50 * M).decision
    AppropriationFactory(decision=frame, unit=org.namnd_a, amount=400 * M)
    AppropriationFactory(decision=frame, unit=org.namnd_b, amount=300 * M)
    change = BudgetDecisionFactory(
        budget_year=frame.budget_year, kind="additional", title="Tilläggsanslag",
        decided_on=dt.date(2026, 3, 20),
    )  # fmt: skip
    AppropriationFactory(decision=change, unit=org.namnd_a, amount=10 * M)
    proposal = BudgetDecisionFactory(budget_year=frame.budget_year, kind="additional",
                                     title="Förslag", decided_on=None)  # fmt: skip
    AppropriationFactory(decision=proposal, unit=org.namnd_b, amount=99 * M)  # not decided
    book_outcome([(org.enhet_a1, 3, 100 * M), (org.forvaltning_a, 5, 150 * M),
                  (org.namnd_a, 9, D(999)), (org.forvaltning_b, 8, 200 * M),
                  (org.kf, 2, 1 * M)])  # fmt: skip
    book_outcome([(org.forvaltning_b, 6, -10 * M)], account="3010")
    book_outcome([(org.namnd_b, 6, 5 * M)], account="1210")  # a balance account
    ForecastFactory(unit=org.namnd_a, period=t1, amount=405 * M)
    ForecastFactory(unit=org.namnd_a, period=t2, amount=420 * M, comment="Fler barn.")
    ForecastFactory(unit=org.namnd_b, period=t2, amount=290 * M)
    return ActionPlan.objects.create(unit=org.namnd_a, period=t2, cause="deficit",
                                     description="Underskott")  # fmt: skip


def overview_url(period) -> str:
    return f"/ekonomi/{period.pk}/"


def drilldown_url(period, unit) -> str:
    return f"/ekonomi/{period.pk}/enhet/{unit.pk}/"


def rows_by_name(response) -> dict:
    return {row.unit.name: row for row in response.context["data"].rows}


def table_rows(response) -> list[list[str]]:
    """The table's rows as text cells, to check what a reader sees."""
    html = response.content.decode()
    body = re.search(r"<table.*?</table>", html, re.S)[0]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def tkr(amount) -> str:
    return format_tkr(D(amount), 0)


class TestOverviewFigures:
    def test_every_body_with_budget_outcome_forecast_deviation_and_previous(
        self, client, economist, org, period, economy
    ):
        client.force_login(economist)
        response = client.get(overview_url(period))
        assert response.status_code == 200
        rows = rows_by_name(response)
        assert list(rows) == ["Kommunstyrelsen", "Nämnd A", "Nämnd B"]
        ks, a, b = rows.values()
        assert (ks.budget, ks.outcome, ks.forecast, ks.deviation, ks.previous) == (
            50 * M, 0, None, None, None,
        )  # fmt: skip
        # Without a forecast the budget is counted ("ingen prognos – budget"), as in the RR
        assert (ks.counted_forecast, ks.counted_deviation) == (50 * M, 0)
        assert (a.budget, a.outcome, a.forecast.amount, a.deviation, a.previous) == (
            410 * M, 250 * M, 420 * M, -10 * M, 405 * M,
        )  # fmt: skip
        assert (b.budget, b.outcome, b.forecast.amount, b.deviation, b.previous) == (
            300 * M, 190 * M, 290 * M, 10 * M, None,
        )  # fmt: skip
        assert (a.action_plan, a.needs_action_plan, b.deficit) == (economy, False, None)
        totals = response.context["data"].totals
        assert (totals.budget, totals.outcome, totals.forecast, totals.deviation) == (
            760 * M, 440 * M, 760 * M, 0,
        )  # fmt: skip
        assert totals.previous == 405 * M

    def test_the_table_shows_amounts_in_tkr_and_a_deficit_in_words(
        self, client, economist, org, period, economy
    ):
        client.force_login(economist)
        response = client.get(overview_url(period))
        header, ks, a, b, total = table_rows(response)
        assert header[4] == t("Deviation (budget − forecast)")
        assert header[5] == t("Forecast %(label)s").replace("%(label)s", "T1 2026")
        assert a[0].startswith("Nämnd A")
        assert a[1:6] == [tkr(410 * M), tkr(250 * M), tkr(420 * M),
                          f"{MINUS}10\u00a0000\u00a0tkr {t('deficit')}", tkr(405 * M)]  # fmt: skip
        assert a[6].startswith(t("Raised"))
        assert b[4] == f"10\u00a0000\u00a0tkr {t('surplus')}"
        # KS has no forecast: its budget is counted, and the cell says so
        assert ks[3] == tkr(50 * M) + t("no forecast – budget") and ks[4] == tkr(0)
        assert total[:5] == [t("Total"), tkr(760 * M), tkr(440 * M), tkr(760 * M), tkr(0)]
        assert response.context["data"].missing_forecasts == 1  # KS: counted with its budget

    def test_the_reconciliation_with_the_income_statement_is_beneath_the_table(
        self, client, economist, org, period, economy
    ):
        client.force_login(economist)
        response = client.get(overview_url(period))
        check = response.context["reconciliation"]
        assert check == statements.drift_reconciliation(period)
        assert check.operating_accounts == response.context["data"].totals.outcome
        html = response.content.decode()
        caption = t("Operations against the income statement, %(period)s") % {"period": period}
        table = re.search(
            r"<caption>\s*" + re.escape(caption) + r"\s*</caption>.*?</table>", html, re.S
        )
        assert table, "no reconciliation table beneath the driftredovisning"
        cells = [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table[0], re.S)
        ]
        for label, amount, _total in check.rows:
            assert label in cells
            assert format_tkr(amount, 1) in cells

    def test_an_unhandled_deficit_without_a_plan_is_flagged(
        self, client, economist, org, period, economy
    ):
        economy.delete()
        client.force_login(economist)
        response = client.get(overview_url(period))
        assert rows_by_name(response)["Nämnd A"].needs_action_plan
        assert t("Needed, not raised") in page(response)

    def test_the_previous_period_is_the_one_that_ended_before(
        self, client, economist, org, tertials, economy
    ):
        t1, _t2 = tertials
        client.force_login(economist)
        rows = rows_by_name(client.get(overview_url(t1)))
        assert rows["Nämnd A"].previous is None
        assert rows["Nämnd A"].forecast.amount == 405 * M
        assert rows["Nämnd A"].outcome == 100 * M  # through April

    def test_a_chart_draws_the_three_figures_of_every_body(
        self, client, economist, org, period, economy
    ):
        client.force_login(economist)
        html = response_html = client.get(overview_url(period)).content.decode()
        svg = re.search(r"<svg.*?</svg>", html, re.S)[0]
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert "rect" in response_html
        labels = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
        assert {"KS", "NA", "NB"} <= set(labels)
        assert "420,0\u00a0mnkr" in labels


class TestWhoReads:
    @pytest.mark.parametrize("persona", ["politician", "economist", "editor_a", "admin_user"])
    def test_every_role_reads_the_overview(self, client, request, persona, period, economy):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(overview_url(period)).status_code == 200

    def test_an_outsider_gets_403_everywhere(self, client, outsider, org, period, economy):
        client.force_login(outsider)
        for url in (
            "/ekonomi/",
            overview_url(period),
            f"{overview_url(period)}excel/",
            drilldown_url(period, org.namnd_a),
            f"{drilldown_url(period, org.namnd_a)}excel/",
        ):
            assert client.get(url).status_code == 403, url

    def test_anonymous_is_sent_to_log_in(self, client, period):
        response = client.get(overview_url(period))
        assert response.status_code == 302
        assert response.url.startswith("/login/")

    def test_forecast_links_only_for_those_who_may_write(
        self, client, politician, editor_a, economist, org, period, economy
    ):
        def forecast_links(user) -> set[str]:
            client.force_login(user)
            html = client.get(overview_url(period)).content.decode()
            return set(re.findall(rf'href="(/ekonomi/{period.pk}/prognos/\d+/)"', html))

        forecast = f"/ekonomi/{period.pk}/prognos/"
        assert forecast_links(politician) == set()
        assert forecast_links(editor_a) == {f"{forecast}{org.namnd_a.pk}/"}
        assert forecast_links(economist) == {
            f"{forecast}{u.pk}/" for u in (org.ks, org.namnd_a, org.namnd_b)
        }

    def test_economy_redirects_to_the_latest_open_period(self, client, politician, tertials):
        _t1, t2 = tertials
        client.force_login(politician)
        assert client.get("/ekonomi/").url == overview_url(t2)
        type(t2).objects.filter(pk=t2.pk).update(state="closed")
        later = ReportingPeriodFactory(
            name="Bokslut", kind="bokslut", state="planned", ends_on=dt.date(2026, 12, 31)
        )
        assert client.get("/ekonomi/").url == overview_url(later)

    def test_without_periods_the_page_says_so(self, client, politician):
        client.force_login(politician)
        response = client.get("/ekonomi/")
        assert response.status_code == 200
        assert "economy/overview/no_periods.html" in [t.name for t in response.templates]

    def test_the_menu_leads_to_the_economy_and_marks_it_current(
        self, client, politician, period, economy
    ):
        client.force_login(politician)
        start = client.get("/").content.decode()
        assert 'href="/ekonomi/"' in start
        html = client.get(overview_url(period)).content.decode()
        assert f'href="/ekonomi/" aria-current="page">{t("Economy")}</a>' in html


class TestDrilldown:
    @pytest.fixture
    def detail(self, org, economy):
        decided_detail_budget(org.namnd_a, {org.namnd_a: 10 * M, org.forvaltning_a: 300 * M,
                                            org.enhet_a1: 100 * M})  # fmt: skip

    def test_a_bodys_units_one_level_down_with_budget_outcome_and_share(
        self, client, politician, org, period, detail
    ):
        client.force_login(politician)
        response = client.get(drilldown_url(period, org.namnd_a))
        assert response.status_code == 200
        data = response.context["data"]
        assert [(r.unit.name, r.direct) for r in data.rows] == [
            ("Nämnd A", True),
            ("Förvaltning A", False),
        ]
        direct, forvaltning = data.rows
        assert (direct.budget, direct.outcome) == (10 * M, 0)
        assert (forvaltning.budget, forvaltning.outcome, forvaltning.share) == (
            400 * M, 250 * M, D("62.5"),
        )  # fmt: skip
        assert (data.total.budget, data.total.outcome) == (410 * M, 250 * M)  # the frame
        assert data.forecast is None  # tertial 2 is open: not the politician's yet
        html = page(response)
        assert f'href="{drilldown_url(period, org.forvaltning_a)}"' in html
        assert "62,5\u00a0%" in html

    def test_further_down_to_the_enheter(self, client, politician, org, period, detail):
        client.force_login(politician)
        response = client.get(drilldown_url(period, org.forvaltning_a))
        data = response.context["data"]
        assert data.ancestors == [org.namnd_a]
        assert [(r.unit.name, r.budget, r.outcome, r.has_children) for r in data.rows] == [
            ("Förvaltning A", 300 * M, 150 * M, False),
            ("Enhet A1", 100 * M, 100 * M, False),
        ]
        rows = table_rows(response)
        assert rows[2][:4] == ["Enhet A1", "2110", tkr(100 * M), tkr(100 * M)]

    def test_without_a_decided_detail_budget_the_budget_is_a_dash(
        self, client, politician, org, period, economy
    ):
        client.force_login(politician)
        response = client.get(drilldown_url(period, org.namnd_b))
        [row] = response.context["data"].rows
        assert (row.unit, row.budget, row.outcome, row.share) == (
            org.forvaltning_b, None, 190 * M, None,
        )  # fmt: skip
        assert table_rows(response)[1][2] == "–"
        assert t(
            "There is no decided detailed budget for these units this year; "
            "their budget is shown as –."
        ) in page(response)

    def test_kf_has_no_drilldown(self, client, politician, org, period):
        client.force_login(politician)
        assert client.get(drilldown_url(period, org.kf)).status_code == 404


class TestExcel:
    def test_the_workbook_holds_the_reconciliation_with_the_income_statement(
        self, client, economist, org, period, economy
    ):
        client.force_login(economist)
        response = client.get(f"{overview_url(period)}excel/")
        workbook = load_workbook(io.BytesIO(response.content))
        assert len(workbook.worksheets) == 2
        rows = list(workbook.worksheets[1].iter_rows(min_row=2, values_only=True))
        check = statements.drift_reconciliation(period)
        assert [Decimal(str(v)) for _label, v in rows] == [a for _l, a, _t in check.rows]

    def test_the_overview_as_a_workbook_with_real_numbers(
        self, client, economist, org, period, economy
    ):
        client.force_login(economist)
        response = client.get(f"{overview_url(period)}excel/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        ws = load_workbook(io.BytesIO(response.content)).active
        values = [[c.value for c in row] for row in ws.iter_rows()]
        assert values[0] == [
            t("Committee or company"),
            t("Current budget, kr"),
            t("Outcome to date (through %(month)s), kr") % {"month": "augusti"},
            t("Full-year forecast, kr"),
            t("Deviation (budget − forecast), kr"),
            t("Forecast %(period)s, kr") % {"period": "T1 2026"},
            t("Action plan"),
        ]
        assert values[1] == ["Kommunstyrelsen", 50_000_000, 0, 50_000_000, 0, None, None]
        assert values[2] == ["Nämnd A", 410_000_000, 250_000_000, 420_000_000, -10_000_000,
                             405_000_000, t("Raised")]  # fmt: skip
        assert values[4] == [t("Total"), 760_000_000, 440_000_000, 760_000_000, 0,
                             405_000_000, None]  # fmt: skip

    def test_a_drilldown_as_a_workbook(self, client, politician, org, period, economy):
        decided_detail_budget(org.namnd_a, {org.forvaltning_a: 410 * M})
        client.force_login(politician)
        response = client.get(f"{drilldown_url(period, org.namnd_a)}excel/")
        ws = load_workbook(io.BytesIO(response.content)).active
        values = [[c.value for c in row] for row in ws.iter_rows()]
        assert values[0][:3] == [t("Unit"), t("Responsibility code"), t("Budget, kr")]
        assert values[1][:4] == ["Förvaltning A", "2100", 410_000_000, 250_000_000]
        assert values[1][4] == pytest.approx(250 / 410)
        assert values[2][:4] == [t("Total"), "2000", 410_000_000, 250_000_000]

    def test_names_that_look_like_formulas_stay_text_in_both_workbooks(
        self, client, economist, org, period, economy
    ):
        decided_detail_budget(org.namnd_a, {org.forvaltning_a: 410 * M})
        org.namnd_a.name = FORMULA_TEXT
        org.namnd_a.save()
        org.forvaltning_a.name = "@SUM(1+1)"
        org.forvaltning_a.save()
        client.force_login(economist)  # reads the open period's forecasts
        overview = client.get(f"{overview_url(period)}excel/").content
        assert_text_kept(overview, FORMULA_TEXT)
        drilldown = client.get(f"{drilldown_url(period, org.namnd_a)}excel/").content
        assert_text_kept(drilldown, "@SUM(1+1)")
        ws = load_workbook(io.BytesIO(overview)).active
        row = next(r for r in ws.iter_rows() if r[0].value == FORMULA_TEXT)
        assert row[4].value == -10_000_000 and row[4].data_type == "n"


# --- Queries ------------------------------------------------------------------------------

# The action plan column reads apps.economy.action_plans: the plans, their measures'
# effects, their revisions, the bodies' forecasts of the year and the budgets (four more).
# The reconciliation with the RR beneath the table: the ledger (three), the income
# statement's budget year and frames, the outcome per unit and the units' bodies (seven).
OVERVIEW_QUERIES = 25
DRILLDOWN_QUERIES = 9


@pytest.fixture(params=[2, 8])
def many_bodies(request, org, tertials, economist):
    """``n`` more nämnder, each with a budget, outcome on two units, forecasts, a plan."""
    n = request.param
    t1, t2 = tertials
    frame = BudgetDecisionFactory()
    for i in range(n):
        unit = UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {i:02}")
        office = UnitFactory(parent=unit, kind="forvaltning", name=f"Förvaltning {i:02}")
        unit.refresh_from_db()
        AppropriationFactory(decision=frame, unit=unit, amount=100 * M)
        book_outcome([(unit, 2, M), (office, 3, 2 * M)])
        for p in (t1, t2):
            ForecastFactory(unit=unit, period=p, amount=110 * M)
        ActionPlan.objects.create(unit=unit, period=t2, cause="deficit", description="x")
        decided_detail_budget(unit, {office: 100 * M})
        for j in range(n):
            UnitFactory(parent=office, kind="enhet", name=f"Enhet {i:02}-{j:02}")
    return n


class TestQueries:
    def test_overview_runs_a_fixed_number_of_queries(
        self, client, economist, period, many_bodies, django_assert_num_queries
    ):
        client.force_login(economist)
        with django_assert_num_queries(OVERVIEW_QUERIES):
            response = client.get(overview_url(period))
        assert len(response.context["data"].rows) == many_bodies + 3

    def test_drilldown_runs_a_fixed_number_of_queries(
        self, client, economist, org, period, many_bodies, django_assert_num_queries
    ):
        client.force_login(economist)
        office = org.kf.get_descendants().filter(name="Förvaltning 00").get()
        with django_assert_num_queries(DRILLDOWN_QUERIES):
            response = client.get(drilldown_url(period, office))
        assert len(response.context["data"].rows) == many_bodies + 1

    def test_excel_exports_run_as_many_queries_as_their_pages(
        self, client, economist, period, many_bodies, django_assert_num_queries
    ):
        client.force_login(economist)
        with django_assert_num_queries(OVERVIEW_QUERIES - 2):  # no menu, no list of periods
            client.get(f"{overview_url(period)}excel/")
