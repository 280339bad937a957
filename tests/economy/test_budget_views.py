"""The budget pages at their literal URLs: who may read and write them, what a POST leaves
in the database, the figures they show, their Excel exports and their query counts.

Nämnd A's frame for 2026 is 412 000 000 kr, Nämnd B's 300 000 000 kr, KS's 100 000 000 kr;
a tilläggsanslag gives Nämnd A 2 000 000 kr more.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from html import unescape

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.utils.translation import gettext

from apps.economy.models import Appropriation, BudgetDecision, BudgetYear, DetailBudget
from apps.economy.services import budget as services
from styrmodell.lib.formats import format_tkr
from styrmodell.lib.xlsx import CONTENT_TYPE
from tests.economy.factories import InvestmentProjectFactory, frame_budget
from tests.exports import FORMULA_TEXT, assert_text_kept
from tests.factories import ReportingPeriodFactory, UnitFactory

YEAR = 2026
MILLION = Decimal("1000000")


def t(text: str, **values) -> str:
    return gettext(text) % values if values else gettext(text)


def page(response) -> str:
    return unescape(response.content.decode())


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def table(response, table_id: str) -> list[list[str]]:
    """The table's rows as lists of cell texts (tags stripped, whitespace collapsed)."""
    found = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page(response), re.S)
    assert found, f"no table {table_id}"
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", found[0], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells])
    return rows


def row_of(rows: list[list[str]], label: str) -> list[str]:
    return next(r for r in rows if r and r[0] == label)


def tkr(amount) -> str:
    return " ".join(format_tkr(Decimal(amount)).split())


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def decided(economist, org) -> BudgetDecision:
    return frame_budget(
        actor=economist,
        year=YEAR,
        frames={org.namnd_a: 412 * MILLION, org.namnd_b: 300 * MILLION, org.ks: 100 * MILLION},
        tax_revenue=Decimal("1650000000"),
        population=15400,
    )


@pytest.fixture
def change(economist, decided, org) -> BudgetDecision:
    """A decided tilläggsanslag of 2 000 000 kr to Nämnd A."""
    change = services.budget_decision_create(
        actor=economist,
        budget_year=decided.budget_year,
        kind="additional",
        title="Tilläggsanslag särskolan",
        reason="x",
    )
    services.appropriation_set(
        actor=economist, decision=change, unit=org.namnd_a, year=YEAR, amount=2 * MILLION,
        reason="x",
    )  # fmt: skip
    return services.budget_decision_decide(
        actor=economist, decision=change, decided_on=dt.date(2026, 3, 30), paragraph="§ 31",
        reason="x",
    )  # fmt: skip


@pytest.fixture
def proposal(economist, decided) -> BudgetDecision:
    return services.budget_decision_create(
        actor=economist,
        budget_year=decided.budget_year,
        kind="rebudget",
        title="Ombudgetering investeringar",
        reason="x",
    )


class TestYearPage:
    url = f"/ekonomi/budget/{YEAR}/"

    def test_the_list_of_years(self, client, politician, economist, outsider, decided):
        client.force_login(outsider)
        assert client.get("/ekonomi/budget/").status_code == 403
        client.force_login(politician)
        response = client.get("/ekonomi/budget/")
        assert self.url in page(response)
        assert "/ekonomi/budget/ny/" not in page(response)
        client.force_login(economist)
        assert "/ekonomi/budget/ny/" in page(client.get("/ekonomi/budget/"))

    def test_the_outsider_gets_403(self, client, outsider, decided):
        client.force_login(outsider)
        assert client.get(self.url).status_code == 403

    def test_an_unknown_year_is_404(self, client, politician, decided):
        client.force_login(politician)
        assert client.get("/ekonomi/budget/1999/").status_code == 404

    def detail_budget_links(self, client, user, org) -> dict[str, bool]:
        """Whether the page links each nämnd's detaljbudget, and each link opens for user."""
        client.force_login(user)
        shown = page(client.get(self.url))
        links = {}
        for body in (org.namnd_a, org.namnd_b):
            link = f"/ekonomi/budget/{YEAR}/detaljbudget/{body.pk}/"
            links[body.name] = link in shown
            assert client.get(link).status_code == (200 if link in shown else 403), link
        return links

    def test_a_detaljbudget_in_the_making_is_linked_for_its_editors_and_the_ekonom(
        self, client, politician, editor_a, economist, decided, org
    ):
        assert self.detail_budget_links(client, politician, org) == {
            "Nämnd A": False,
            "Nämnd B": False,
        }
        assert self.detail_budget_links(client, editor_a, org) == {
            "Nämnd A": True,
            "Nämnd B": False,
        }
        assert self.detail_budget_links(client, economist, org) == {
            "Nämnd A": True,
            "Nämnd B": True,
        }

    def test_a_decided_detaljbudget_is_linked_for_every_reader(
        self, client, politician, editor_a, decided, org
    ):
        services.detail_budget_lines_save(
            actor=editor_a, body=org.namnd_a, year=YEAR,
            amounts={org.namnd_a: 412 * MILLION}, reason="x",
        )  # fmt: skip
        services.detail_budget_decide(
            actor=editor_a, detail_budget=DetailBudget.objects.get(), paragraph="§ 1",
            decided_on=dt.date(2025, 11, 20), reason="x",
        )  # fmt: skip
        assert self.detail_budget_links(client, politician, org) == {
            "Nämnd A": True,
            "Nämnd B": False,
        }

    def test_shows_original_changes_and_current_per_body(
        self, client, politician, change, proposal, org
    ):
        client.force_login(politician)
        response = client.get(self.url)
        assert response.status_code == 200
        rows = table(response, "operating-budget")
        assert row_of(rows, "Nämnd A")[1:4] == [
            tkr(412 * MILLION),
            tkr(2 * MILLION),
            tkr(414 * MILLION),
        ]
        assert row_of(rows, "Nämnd B")[1:4] == [tkr(300 * MILLION), tkr(0), tkr(300 * MILLION)]
        assert row_of(rows, t("Total"))[1:4] == [
            tkr(812 * MILLION),
            tkr(2 * MILLION),
            tkr(814 * MILLION),
        ]
        assert "1 650 000,0 tkr" in " ".join(page(response).split())

    def test_readers_see_decided_decisions_only(self, client, politician, change, proposal):
        client.force_login(politician)
        titles = [r[0] for r in table(client.get(self.url), "decisions")[1:]]
        assert titles == ["Budget 2026 med plan 2027–2028", "Tilläggsanslag särskolan"]

    def test_the_ekonom_sees_proposals_too(self, client, economist, change, proposal):
        client.force_login(economist)
        rows = table(client.get(self.url), "decisions")[1:]
        assert [r[0] for r in rows][-1] == "Ombudgetering investeringar"
        assert rows[-1][4] == t("Proposal")

    def test_the_excel_export_has_real_numbers_and_swedish_headers(
        self, client, politician, change
    ):
        client.force_login(politician)
        sheet = workbook(client.get(self.url + "?format=xlsx"))
        rows = list(sheet.values)
        assert rows[0][:4] == (
            t("Committee or company"),
            t("Original budget %(year)s (kr)", year=YEAR),
            t("Changes %(year)s (kr)", year=YEAR),
            t("Current budget %(year)s (kr)", year=YEAR),
        )
        namnd_a = next(r for r in rows if r[0] == "Nämnd A")
        assert namnd_a[1:4] == (412000000, 2000000, 414000000)
        assert all(isinstance(v, int | float) for v in namnd_a[1:])
        assert rows[-1][0] == t("Total")

    def test_the_ekonom_creates_a_year_with_swedish_amounts(self, client, economist, org):
        client.force_login(economist)
        response = client.post(
            "/ekonomi/budget/ny/",
            {
                "year": "2027",
                "tax_revenue": "1 702 500,5",
                "general_grants": "430 000",
                "tax_rate": "22,21",
                "population": "15450",
                "forecast_source": "SKR 26:12",
                "notes": "",
                "change_reason": "Skatteprognos april",
            },
        )
        assert response.status_code == 302
        year = BudgetYear.objects.get(year=2027)
        # typed in tkr, stored in kronor
        assert (year.tax_revenue, year.tax_rate) == (Decimal("1702500500"), Decimal("22.21"))
        assert year.general_grants == Decimal("430000000")

    def test_a_politician_may_not_create_or_edit_a_year(self, client, politician, decided):
        client.force_login(politician)
        assert client.post("/ekonomi/budget/ny/", {"year": "2027"}).status_code == 403
        edit = client.post(f"/ekonomi/budget/{YEAR}/antaganden/", {"change_reason": "x"})
        assert edit.status_code == 403

    def test_the_administrator_edits_the_assumptions(self, client, admin_user, decided):
        client.force_login(admin_user)
        response = client.post(
            f"/ekonomi/budget/{YEAR}/antaganden/",
            {"tax_revenue": "1 700 000", "population": "15500", "change_reason": "Augusti"},
        )
        assert response.status_code == 302
        year = BudgetYear.objects.get(year=YEAR)
        assert (year.tax_revenue, year.population) == (Decimal("1700000000.00"), 15500)

    def test_the_income_statements_budget_lines_are_on_the_form_and_the_page(
        self, client, economist, decided
    ):
        client.force_login(economist)
        response = client.post(
            f"/ekonomi/budget/{YEAR}/antaganden/",
            {"depreciation": "62 000", "financial_income": "8 500,5",
             "financial_costs": "14 000", "change_reason": "Budgetberedningen"},
        )  # fmt: skip
        assert response.status_code == 302
        year = BudgetYear.objects.get(year=YEAR)
        assert (year.depreciation, year.financial_income, year.financial_costs) == (
            Decimal("62000000.00"), Decimal("8500500"), Decimal("14000000.00")
        )  # fmt: skip
        html = client.get(f"/ekonomi/budget/{YEAR}/").content.decode()
        assert format_tkr(Decimal("62000000")) in html


class TestDecisionPage:
    def url(self, decision) -> str:
        return f"/ekonomi/budget/beslut/{decision.pk}/"

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "outsider"])
    def test_a_proposal_is_for_the_ekonom_only(self, client, request, persona, proposal):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(self.url(proposal)).status_code == 403

    def test_a_decided_decision_is_read_by_politicians_without_inputs(
        self, client, politician, decided
    ):
        client.force_login(politician)
        response = client.get(self.url(decided))
        assert response.status_code == 200
        assert "<input" not in page(response).split("<main", 1)[1]
        assert row_of(table(response, "operations"), "Nämnd A")[1] == tkr(412 * MILLION)

    def test_the_outsider_gets_403_on_a_decided_one(self, client, outsider, decided):
        client.force_login(outsider)
        assert client.get(self.url(decided)).status_code == 403

    def test_the_ekonom_saves_all_amounts_in_one_form(self, client, economist, proposal, org):
        client.force_login(economist)
        response = client.post(
            self.url(proposal),
            {
                "action": "amounts",
                f"a-operations-{org.namnd_a.pk}-{YEAR}": "1 500",
                f"a-operations-{org.namnd_b.pk}-{YEAR + 1}": "−250,5",
                f"a-operations-{org.ks.pk}-{YEAR}": "",
                "a-change_reason": "Ombudgetering enligt KS",
            },
        )
        assert response.status_code == 302
        amounts = {
            (a.unit_id, a.year): a.amount for a in Appropriation.objects.filter(decision=proposal)
        }
        assert amounts == {
            (org.namnd_a.pk, YEAR): Decimal("1500000.00"),
            (org.namnd_b.pk, YEAR + 1): Decimal("-250500"),
        }

    def test_a_bad_amount_is_shown_at_its_cell_and_nothing_is_saved(
        self, client, economist, proposal, org
    ):
        client.force_login(economist)
        bad = f"a-operations-{org.namnd_b.pk}-{YEAR}"
        response = client.post(
            self.url(proposal),
            {
                "action": "amounts",
                f"a-operations-{org.namnd_a.pk}-{YEAR}": "1 500 000",
                bad: "en miljon",
                "a-change_reason": "x",
            },
        )
        assert response.status_code == 200
        cell = re.search(r'<td class="[^"]*field--error[^"]*">(.*?)</td>', page(response), re.S)
        assert cell and f'name="{bad}"' in cell[1]
        assert 'class="field__error"' in cell[1]
        assert not Appropriation.objects.filter(decision=proposal).exists()

    def test_deciding_on_the_page(self, client, economist, proposal, org):
        services.appropriation_set(
            actor=economist, decision=proposal, unit=org.namnd_a, year=YEAR, amount=MILLION,
            reason="x",
        )  # fmt: skip
        client.force_login(economist)
        response = client.post(
            self.url(proposal),
            {
                "action": "decide",
                "d-decided_on": "2026-04-27",
                "d-paragraph": "§ 45",
                "d-change_reason": "KF 27 april",
            },
        )
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert (proposal.state, proposal.paragraph, proposal.decided_by) == (
            "decided",
            "§ 45",
            org.kf,
        )

    def test_a_service_refusal_is_shown_on_the_decide_form(self, client, economist, proposal):
        client.force_login(economist)
        response = client.post(
            self.url(proposal),
            {
                "action": "decide",
                "d-decided_on": "2026-04-27",
                "d-paragraph": "§ 45",
                "d-change_reason": "x",
            },
        )
        assert response.status_code == 200
        assert t("Enter at least one amount before the decision is made.") in page(response)

    def test_a_decided_decision_takes_no_post(self, client, economist, decided, org):
        client.force_login(economist)
        response = client.post(
            self.url(decided),
            {
                "action": "amounts",
                f"a-operations-{org.namnd_a.pk}-{YEAR}": "1",
                "a-change_reason": "x",
            },
        )
        assert response.status_code == 302
        assert shown_messages(response) == [t("The decision is decided and read-only.")]
        assert Appropriation.objects.get(decision=decided, unit=org.namnd_a).amount == 412 * MILLION

    def test_a_politician_may_not_post(self, client, politician, decided):
        client.force_login(politician)
        assert client.post(self.url(decided), {"action": "delete"}).status_code == 403

    def test_deleting_a_proposal(self, client, economist, proposal):
        client.force_login(economist)
        response = client.post(
            self.url(proposal), {"action": "delete", "x-change_reason": "Dubblett"}
        )
        assert response.status_code == 302
        assert not BudgetDecision.objects.filter(pk=proposal.pk).exists()

    def test_the_ekonom_creates_a_proposal(self, client, economist, decided):
        client.force_login(economist)
        response = client.post(
            f"/ekonomi/budget/{YEAR}/beslut/ny/",
            {"kind": "frame", "title": "Andra ramen", "change_reason": "x"},
        )
        assert response.status_code == 200
        assert t("%(year)s has a frame budget already.", year=YEAR) in page(response)
        response = client.post(
            f"/ekonomi/budget/{YEAR}/beslut/ny/",
            {"kind": "additional", "title": "Tilläggsanslag", "change_reason": "x"},
        )
        created = BudgetDecision.objects.get(title="Tilläggsanslag")
        assert response.url == self.url(created)
        assert created.state == "draft"

    def test_the_excel_export(self, client, politician, decided):
        client.force_login(politician)
        rows = list(workbook(client.get(self.url(decided) + "?format=xlsx")).values)
        assert rows[0] == (t("Appropriation"), t("Kind"), "2026 (kr)", "2027 (kr)", "2028 (kr)")
        assert next(r for r in rows if r[0] == "Nämnd B")[2] == 300000000

    def test_the_excel_export_keeps_a_formula_like_title_and_name_as_text(
        self, client, economist, proposal, org
    ):
        # Excel refuses ":" and "/" in a sheet's name, and the sheet is named after the title
        BudgetDecision.objects.filter(pk=proposal.pk).update(title="Omb. 2026: KF/KS [1]")
        org.namnd_b.name = FORMULA_TEXT
        org.namnd_b.save()
        client.force_login(economist)
        response = client.get(self.url(proposal) + "?format=xlsx")
        assert response.status_code == 200
        assert_text_kept(response.content, FORMULA_TEXT)


class TestDetailBudgetPage:
    def url(self, org) -> str:
        return f"/ekonomi/budget/{YEAR}/detaljbudget/{org.namnd_a.pk}/"

    def post_lines(self, client, org, a, fa, a1):
        return client.post(
            self.url(org),
            {
                "action": "lines",
                f"l-line-{org.namnd_a.pk}": a,
                f"l-line-{org.forvaltning_a.pk}": fa,
                f"l-line-{org.enhet_a1.pk}": a1,
                "l-change_reason": "Detaljbudget",
            },
        )

    def test_the_namnds_editor_writes_the_lines_and_sees_the_difference(
        self, client, editor_a, decided, org
    ):
        client.force_login(editor_a)
        assert self.post_lines(client, org, "10 000", "200 000", "200 000").status_code == 302
        response = client.get(self.url(org))
        sums = " ".join(re.sub(r"<[^>]+>", " ", page(response)).split())
        assert f"{t('Current frame')} {tkr(412 * MILLION)}" in sums
        assert f"{t('Sum of the lines')} {tkr(410 * MILLION)}" in sums
        assert f"{t('Difference')} {tkr(-2 * MILLION)}" in sums
        assert row_of(table(response, "detail-lines"), t("Total"))[2] == tkr(410 * MILLION)

    def test_deciding_with_a_difference_is_refused_with_the_amounts(
        self, client, editor_a, decided, org
    ):
        client.force_login(editor_a)
        self.post_lines(client, org, "10 000", "200 000", "200 000")
        response = client.post(
            self.url(org),
            {"action": "decide", "d-decided_on": "2025-11-20", "d-paragraph": "§ 101",
             "d-change_reason": "x"},
        )  # fmt: skip
        assert response.status_code == 200
        assert services.difference_message(total=410 * MILLION, frame=412 * MILLION) in page(
            response
        )
        assert DetailBudget.objects.get(unit=org.namnd_a).state == "draft"

    def test_deciding_when_it_sums(self, client, editor_a, decided, org):
        client.force_login(editor_a)
        self.post_lines(client, org, "12 000", "200 000", "200 000")
        response = client.post(
            self.url(org),
            {"action": "decide", "d-decided_on": "2025-11-20", "d-paragraph": "§ 101",
             "d-change_reason": "Nämndens beslut"},
        )  # fmt: skip
        assert response.status_code == 302
        assert DetailBudget.objects.get(unit=org.namnd_a).state == "decided"
        response = client.get(self.url(org))
        assert 'name="l-line' not in page(response)
        assert 'value="reopen"' in page(response)

    @pytest.mark.parametrize("persona", ["editor_b", "politician", "outsider"])
    def test_a_draft_is_not_for_others(self, client, request, persona, decided, editor_a, org):
        services.detail_budget_line_set(
            actor=editor_a, body=org.namnd_a, year=YEAR, unit=org.enhet_a1, amount=MILLION,
            reason="x",
        )  # fmt: skip
        client.force_login(request.getfixturevalue(persona))
        assert client.get(self.url(org)).status_code == 403

    def test_the_ekonom_reads_a_draft(self, client, economist, decided, org):
        client.force_login(economist)
        assert client.get(self.url(org)).status_code == 200

    def test_a_decided_one_is_read_by_politicians_but_not_written(
        self, client, politician, editor_b, editor_a, decided, org
    ):
        services.detail_budget_lines_save(
            actor=editor_a, body=org.namnd_a, year=YEAR,
            amounts={org.namnd_a: 412 * MILLION}, reason="x",
        )  # fmt: skip
        services.detail_budget_decide(
            actor=editor_a, detail_budget=DetailBudget.objects.get(), paragraph="§ 1",
            decided_on=dt.date(2025, 11, 20), reason="x",
        )  # fmt: skip
        client.force_login(politician)
        response = client.get(self.url(org))
        assert response.status_code == 200
        assert "<input" not in page(response).split("<main", 1)[1]
        client.force_login(editor_b)
        assert client.post(self.url(org), {"action": "reopen"}).status_code == 403

    def test_a_unit_that_is_not_a_body_is_404(self, client, economist, decided, org):
        client.force_login(economist)
        url = f"/ekonomi/budget/{YEAR}/detaljbudget/{org.forvaltning_a.pk}/"
        assert client.get(url).status_code == 404

    def test_the_excel_export(self, client, editor_a, decided, org):
        client.force_login(editor_a)
        self.post_lines(client, org, "", "212 000", "200 000,5")
        rows = list(workbook(client.get(self.url(org) + "?format=xlsx")).values)
        assert rows[0] == (t("Unit"), t("Responsibility code"), t("Net cost (kr)"))
        assert rows[1:] == [
            ("Nämnd A", "2000", None),
            ("Förvaltning A", "2100", 212000000),
            ("Enhet A1", "2110", 200000500),
            (t("Total"), None, 412000500),
        ]

    def test_the_excel_export_keeps_a_formula_like_name_as_text(
        self, client, editor_a, decided, org
    ):
        org.enhet_a1.name = "-2+3"
        org.enhet_a1.save()
        org.forvaltning_a.name = FORMULA_TEXT
        org.forvaltning_a.save()
        client.force_login(editor_a)
        self.post_lines(client, org, "", "212 000", "200 000,5")
        content = client.get(self.url(org) + "?format=xlsx").content
        assert_text_kept(content, "-2+3", FORMULA_TEXT)


@pytest.fixture
def projects(economist, decided, org):
    """Two projects of Nämnd A (one forecast above its decided total), one of Nämnd B."""
    school = InvestmentProjectFactory(
        code="P100", name="Skola", unit=org.namnd_a, decided_total=50 * MILLION
    )
    road = InvestmentProjectFactory(
        code="P200", name="Gata", unit=org.namnd_a, decided_total=10 * MILLION
    )
    pool = InvestmentProjectFactory(
        code="P300", name="Badhus", unit=org.namnd_b, decided_total=80 * MILLION
    )
    change = services.budget_decision_create(
        actor=economist, budget_year=decided.budget_year, kind="rebudget", title="Omb",
        reason="x",
    )  # fmt: skip
    with_budget = BudgetDecision.objects.filter(pk=decided.pk)
    with_budget.update(state="draft")  # add the projects' original budgets to the frame budget
    for project, amount in ((school, 20), (road, 5), (pool, 30)):
        Appropriation.objects.create(
            decision=decided, unit=project.unit, kind="investment", project=project, year=YEAR,
            amount=amount * MILLION,
        )  # fmt: skip
    with_budget.update(state="decided")
    services.appropriation_set(
        actor=economist, decision=change, unit=org.namnd_a, project=school, year=YEAR,
        amount=-4 * MILLION, reason="x",
    )  # fmt: skip
    services.budget_decision_decide(
        actor=economist, decision=change, decided_on=dt.date(2026, 4, 1), paragraph="§ 2",
        reason="x",
    )  # fmt: skip
    return school, road, pool


class TestInvestmentsPage:
    url = f"/ekonomi/investeringar/{YEAR}/"

    def _forecasts_and_outcome(self, projects, org):
        from apps.economy.models import InvestmentForecast, OutcomeImport, OutcomeRow

        school, road, _pool = projects
        tertial = ReportingPeriodFactory(year=YEAR, state="open")
        InvestmentForecast.objects.create(
            project=school, period=tertial, year_amount=16 * MILLION, total_amount=52 * MILLION
        )
        InvestmentForecast.objects.create(
            project=road, period=tertial, year_amount=5 * MILLION, total_amount=10 * MILLION
        )
        batch = OutcomeImport.objects.create(
            year=YEAR, file_name="t.csv", checksum="x", first_month=1, last_month=5,
            row_count=2, total=0,
        )  # fmt: skip
        OutcomeRow.objects.bulk_create(
            [
                OutcomeRow(outcome_import=batch, year=YEAR, month=2, unit=org.enhet_a1,
                           account="1119", project="P100", amount=3 * MILLION),
                OutcomeRow(outcome_import=batch, year=YEAR, month=5, unit=org.enhet_a1,
                           account="1119", project="P100", amount=MILLION),  # after tertial 1
            ]
        )  # fmt: skip

    def test_projects_per_namnd_with_budget_outcome_forecast_and_flag(
        self, client, economist, projects, org
    ):
        # An open period's forecasts are the ekonom's (others: test_access_investments.py)
        self._forecasts_and_outcome(projects, org)
        client.force_login(economist)
        response = client.get(self.url)
        assert response.status_code == 200
        rows = table(response, "investment-projects")
        labels = [r[0] for r in rows]
        assert labels.index("Nämnd A") < labels.index("P100 Skola") < labels.index("Nämnd B")
        school = row_of(rows, "P100 Skola")
        assert school[2:7] == [
            tkr(50 * MILLION),
            tkr(20 * MILLION),
            tkr(-4 * MILLION),
            tkr(16 * MILLION),
            tkr(3 * MILLION),
        ]
        assert school[7] == tkr(16 * MILLION)
        assert school[8] == f"{tkr(52 * MILLION)} ⚠ {t('above the decided total')}"
        assert row_of(rows, "P200 Gata")[8] == tkr(10 * MILLION)
        subtotal = row_of(rows, t("Total %(body)s", body="Nämnd A"))
        assert subtotal[2:6] == [
            tkr(60 * MILLION),
            tkr(25 * MILLION),
            tkr(-4 * MILLION),
            tkr(21 * MILLION),
        ]
        assert row_of(rows, t("Total"))[2:6] == [
            tkr(140 * MILLION),
            tkr(55 * MILLION),
            tkr(-4 * MILLION),
            tkr(51 * MILLION),
        ]

    def test_the_outsider_gets_403(self, client, outsider, projects):
        client.force_login(outsider)
        assert client.get(self.url).status_code == 403

    def test_the_excel_export(self, client, economist, projects, org):
        self._forecasts_and_outcome(projects, org)
        client.force_login(economist)
        rows = list(workbook(client.get(self.url + "?format=xlsx")).values)
        assert rows[0][:5] == (
            t("Committee or company"),
            t("Project code"),
            t("Project"),
            t("Status"),
            t("Decided total cost (kr)"),
        )
        school = next(r for r in rows if r[1] == "P100")
        assert school[4:] == (
            50000000, 20000000, -4000000, 16000000, 3000000, 16000000, 52000000, t("yes")
        )  # fmt: skip
        assert rows[-1][0] == t("Total")
        assert rows[-1][4] == 140000000

    def test_the_excel_export_keeps_formula_like_project_and_year_pages_as_text(
        self, client, politician, projects, org
    ):
        school, _road, _pool = projects
        school.name = FORMULA_TEXT
        school.save()
        org.namnd_a.name = "+1+cmd|' /C calc'!A0"
        org.namnd_a.save()
        client.force_login(politician)
        content = client.get(self.url + "?format=xlsx").content
        assert_text_kept(content, FORMULA_TEXT, "+1+cmd|' /C calc'!A0")
        ws = openpyxl.load_workbook(io.BytesIO(content)).active
        row = next(r for r in ws.iter_rows() if r[1].value == "P100")
        assert row[6].value == -4000000 and row[6].data_type == "n"
        year = client.get(f"/ekonomi/budget/{YEAR}/?format=xlsx").content
        assert_text_kept(year, "+1+cmd|' /C calc'!A0")

    def test_the_ekonom_creates_and_edits_a_project(self, client, economist, org):
        client.force_login(economist)
        response = client.post(
            "/ekonomi/investeringar/projekt/ny/",
            {
                "code": "P900",
                "name": "Ny idrottshall",
                "unit": org.namnd_b.pk,
                "decided_total": "65 000",
                "first_year": "2026",
                "last_year": "2028",
                "status": "planned",
                "change_reason": "KF § 87",
            },
        )
        assert response.status_code == 302
        from apps.economy.models import InvestmentProject

        project = InvestmentProject.objects.get(code="P900")
        assert project.decided_total == Decimal("65000000.00")
        response = client.post(
            f"/ekonomi/investeringar/projekt/{project.pk}/",
            {
                "code": "P900",
                "name": "Ny idrottshall",
                "unit": org.namnd_b.pk,
                "decided_total": "65 000",
                "first_year": "2026",
                "last_year": "2025",
                "status": "ongoing",
                "change_reason": "Byggstart",
            },
        )
        assert response.status_code == 200
        assert t("The last year comes before the first year.") in page(response)

    def test_an_editor_may_not_create_a_project(self, client, editor_a, org):
        client.force_login(editor_a)
        assert client.get("/ekonomi/investeringar/projekt/ny/").status_code == 403


# --- Query counts: each page at two sizes ---------------------------------------------------

# 10, the active model for the strategic plan link's title and the year's detaljbudgets (whose
# names link to them)
YEAR_PAGE_QUERIES = 12
DECISION_PAGE_QUERIES = 8
DETAIL_PAGE_QUERIES = 9
INVESTMENTS_PAGE_QUERIES = 9  # the investment overview reads the forecasts in one query


@pytest.fixture(params=[1, 12], ids=["few", "many"])
def many(request, economist, org):
    """``n`` more nämnder, each with a frame, a förvaltning and a project with a forecast,
    and ``n`` more enheter with a line in Nämnd A's detaljbudget."""
    from apps.economy.models import InvestmentForecast

    n = request.param
    tertial = ReportingPeriodFactory(year=YEAR, state="open")
    extra = {}
    for i in range(n):
        namnd = UnitFactory(parent=org.kf, kind="namnd", name=f"Nämnd {i:02d}")
        UnitFactory(parent=namnd, kind="forvaltning", name=f"Förvaltning {i:02d}")
        extra[namnd] = (10 + i) * MILLION
    org.kf.refresh_from_db()
    frames = {org.namnd_a: 412 * MILLION} | {u: a for u, a in extra.items()}
    decision = frame_budget(actor=economist, year=YEAR, frames=frames, decided=False)
    for i, namnd in enumerate(extra):
        project = InvestmentProjectFactory(unit=namnd, code=f"Q{i:03d}")
        InvestmentForecast.objects.create(
            project=project, period=tertial, year_amount=MILLION, total_amount=MILLION
        )
        services.appropriation_set(
            actor=economist, decision=decision, unit=namnd, project=project, year=YEAR,
            amount=MILLION, reason="x",
        )  # fmt: skip
    services.budget_decision_decide(
        actor=economist, decision=decision, decided_on=dt.date(2025, 6, 15), paragraph="§ 1",
        reason="x",
    )  # fmt: skip
    for i in range(n):
        services.detail_budget_line_set(
            actor=economist, body=org.namnd_a, year=YEAR,
            unit=UnitFactory(parent=org.forvaltning_a, kind="enhet", name=f"Enhet {i}"),
            amount=MILLION, reason="x",
        )  # fmt: skip
    return {"n": n, "decision": decision}


class TestQueries:
    def test_year_page(self, client, politician, many, django_assert_num_queries):
        client.force_login(politician)
        with django_assert_num_queries(YEAR_PAGE_QUERIES):
            response = client.get(f"/ekonomi/budget/{YEAR}/")
        assert len(table(response, "operating-budget")) == 2 + 1 + many["n"] + 1

    def test_decision_page(self, client, economist, many, django_assert_num_queries):
        client.force_login(economist)
        with django_assert_num_queries(DECISION_PAGE_QUERIES):
            response = client.get(f"/ekonomi/budget/beslut/{many['decision'].pk}/")
        assert len(table(response, "investments")) == 1 + many["n"] + 1

    def test_detail_budget_page(self, client, economist, org, many, django_assert_num_queries):
        client.force_login(economist)
        with django_assert_num_queries(DETAIL_PAGE_QUERIES):
            response = client.get(f"/ekonomi/budget/{YEAR}/detaljbudget/{org.namnd_a.pk}/")
        assert len(table(response, "detail-lines")) == 1 + 3 + many["n"] + 1

    def test_investments_page(self, client, politician, many, django_assert_num_queries):
        client.force_login(politician)
        with django_assert_num_queries(INVESTMENTS_PAGE_QUERIES):
            response = client.get(f"/ekonomi/investeringar/{YEAR}/")
        assert len(table(response, "investment-projects")) == 1 + 3 * many["n"] + 1
