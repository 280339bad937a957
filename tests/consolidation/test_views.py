"""The koncern page: who reads and who writes, each write's URL, and the Excel export."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from apps.consolidation.models import CompanyFigure, InternalTransaction, Ownership
from apps.periods.models import PeriodState
from tests.consolidation.builders import build_koncern

pytestmark = pytest.mark.django_db


@pytest.fixture
def koncern(org):
    return build_koncern(org)


def url(koncern, tail: str = "") -> str:
    return f"/ekonomi/koncern/{koncern.period.pk}/{tail}"


def test_outsider_gets_403(client, outsider, koncern):
    client.force_login(outsider)
    assert client.get(url(koncern)).status_code == 403


def test_anonymous_is_sent_to_log_in(client, koncern):
    assert client.get(url(koncern)).status_code == 302


def test_politician_reads_the_statements_without_forms(client, politician, koncern):
    client.force_login(politician)
    response = client.get(url(koncern))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-statement="rr"' in content and 'data-statement="br"' in content
    assert "Bostäder AB (100" in content and "Energi AB (91" in content
    assert url(koncern, "import/") not in content


def test_index_redirects_to_the_open_period(client, politician, koncern):
    client.force_login(politician)
    response = client.get("/ekonomi/koncern/")
    assert response.status_code == 302
    assert response.url.startswith(url(koncern))


def test_economist_sees_the_forms(client, economist, koncern):
    client.force_login(economist)
    content = client.get(url(koncern)).content.decode()
    for tail in ("import/", "agande/", "siffror/", "interna/"):
        assert url(koncern, tail) in content


def test_editor_cannot_write(client, editor_a, koncern):
    client.force_login(editor_a)
    response = client.post(
        url(koncern, "agande/"),
        {"own-company": koncern.energy.pk, "own-share": "50", "own-from_year": "2026",
         "own-consolidated": "on", "own-change_reason": "Köp"},
    )  # fmt: skip
    assert response.status_code == 403
    assert not Ownership.objects.filter(share=50).exists()


def test_economist_records_an_ownership(client, economist, koncern):
    client.force_login(economist)
    response = client.post(
        url(koncern, "agande/"),
        {"own-company": koncern.energy.pk, "own-share": "95,5", "own-from_year": "2026",
         "own-consolidated": "on", "own-change_reason": "Aktieköp"},
    )  # fmt: skip
    assert response.status_code == 302
    ownership = Ownership.objects.get(company=koncern.energy, from_year=2026)
    assert ownership.share == Decimal("95.5")
    assert ownership.history.first().history_change_reason == "Aktieköp"


def test_economist_enters_a_companys_figures_in_tkr(client, economist, koncern):
    client.force_login(economist)
    response = client.post(
        url(koncern, "siffror/"),
        {"fig-company": koncern.energy.pk, "fig-operating_income": "61 000,5",
         "fig-operating_costs": "-50 000", "fig-forecast": "4 000",
         "fig-change_reason": "Rättelse"},
    )  # fmt: skip
    assert response.status_code == 302
    figures = dict(
        CompanyFigure.objects.filter(company=koncern.energy).values_list("line", "amount")
    )
    assert figures["operating_income"] == Decimal("61000500")
    assert "fixed_assets" not in figures  # an empty field removes the line
    assert koncern.energy.company_forecasts.get().result == Decimal("4000000")


def test_a_cost_entered_positive_is_refused_at_its_field(client, economist, koncern):
    client.force_login(economist)
    response = client.post(
        url(koncern, "siffror/"),
        {"fig-company": koncern.energy.pk, "fig-operating_costs": "50 000",
         "fig-change_reason": "Rättelse"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["figures_form"].errors["operating_costs"]


def test_import_through_the_page(client, economist, koncern):
    client.force_login(economist)
    content = "bolag;rad;belopp\nEnergi AB;Verksamhetens intäkter;1 234,5\n".encode()
    upload = io.BytesIO(content)
    upload.name = "bolag.csv"
    response = client.post(url(koncern, "import/"), {"imp-file": upload, "imp-reason": "T1"})
    assert response.status_code == 302
    assert list(
        CompanyFigure.objects.filter(company=koncern.energy).values_list("line", "amount")
    ) == [("operating_income", Decimal("1234.50"))]


def test_refused_import_lists_the_row_errors(client, economist, koncern):
    client.force_login(economist)
    upload = io.BytesIO("bolag;rad;belopp\nOkänt AB;Eget kapital;12\n".encode())
    upload.name = "bolag.csv"
    response = client.post(url(koncern, "import/"), {"imp-file": upload, "imp-reason": "T1"})
    assert response.status_code == 400
    assert [e.row_number for e in response.context["shown_errors"]] == [2]


def test_internal_transaction_added_and_removed(client, economist, koncern):
    client.force_login(economist)
    response = client.post(
        url(koncern, "interna/"),
        {"int-kind": "sales", "int-seller": "", "int-buyer": koncern.energy.pk,
         "int-amount": "500", "int-description": "Lokalvård", "int-change_reason": "Avtal"},
    )  # fmt: skip
    assert response.status_code == 302
    added = InternalTransaction.objects.get(description="Lokalvård")
    assert added.seller is None and added.amount == Decimal("500000")
    response = client.post(
        url(koncern, f"interna/{added.pk}/ta-bort/"), {f"rm{added.pk}-change_reason": "Fel"}
    )
    assert response.status_code == 302
    assert not InternalTransaction.objects.filter(pk=added.pk).exists()


def test_same_party_on_both_sides_is_refused(client, economist, koncern):
    client.force_login(economist)
    response = client.post(
        url(koncern, "interna/"),
        {"int-kind": "sales", "int-seller": koncern.energy.pk, "int-buyer": koncern.energy.pk,
         "int-amount": "500", "int-description": "X", "int-change_reason": "Avtal"},
    )  # fmt: skip
    assert response.status_code == 400


def test_closed_period_is_read_only(client, economist, koncern):
    koncern.period.state = PeriodState.CLOSED
    koncern.period.save()
    client.force_login(economist)
    content = client.get(url(koncern)).content.decode()
    assert url(koncern, "import/") not in content
    response = client.post(
        url(koncern, "interna/"),
        {"int-kind": "sales", "int-seller": "", "int-buyer": koncern.energy.pk,
         "int-amount": "500", "int-description": "Lokalvård", "int-change_reason": "Avtal"},
    )  # fmt: skip
    assert response.status_code == 403
    assert not InternalTransaction.objects.filter(description="Lokalvård").exists()


def test_get_on_a_write_url_is_refused(client, economist, koncern):
    client.force_login(economist)
    assert client.get(url(koncern, "interna/")).status_code == 405


def test_excel_export_has_the_pages_figures(client, politician, koncern):
    from apps.consolidation import selectors

    client.force_login(politician)
    response = client.get(url(koncern, "excel/"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 3
    income = selectors.consolidated_income_statement(koncern.period)
    sheet = workbook.worksheets[0]
    values = [row for row in sheet.iter_rows(values_only=True)]
    koncern_column = 1 + len(income.companies) + 2  # label, kommun, bolag, eliminations
    result_row = next(r for r in values if r[0] == income.row("result").label)
    assert result_row[koncern_column] == pytest.approx(float(income.amount("result")))


@pytest.mark.parametrize("share", ["100,5", "-1", "12,345", "abc"])
def test_ownership_share_out_of_range_is_a_form_error(client, economist, koncern, share):
    client.force_login(economist)
    response = client.post(
        url(koncern, "agande/"),
        {"own-company": koncern.energy.pk, "own-share": share, "own-from_year": "2026",
         "own-consolidated": "on", "own-change_reason": "Köp"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["ownership_form"].errors["share"]
    assert Ownership.objects.get(company=koncern.energy).share == Decimal("91")


@pytest.mark.parametrize("year", ["1899", "3000", "20 26 1"])
def test_ownership_year_out_of_bounds_is_a_form_error(client, economist, koncern, year):
    client.force_login(economist)
    response = client.post(
        url(koncern, "agande/"),
        {"own-company": koncern.energy.pk, "own-share": "50", "own-from_year": year,
         "own-change_reason": "Köp"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["ownership_form"].errors["from_year"]


def test_an_amount_beyond_the_models_digits_is_a_form_error(client, economist, koncern):
    """16 digits in kronor, 2 of them öre: 12 whole digits in tkr is one too many."""
    before = dict(
        CompanyFigure.objects.filter(company=koncern.energy).values_list("line", "amount")
    )
    client.force_login(economist)
    response = client.post(
        url(koncern, "siffror/"),
        {"fig-company": koncern.energy.pk, "fig-operating_income": "123 456 789 012",
         "fig-change_reason": "Rättelse"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["figures_form"].errors["operating_income"]
    after = dict(CompanyFigure.objects.filter(company=koncern.energy).values_list("line", "amount"))
    assert after == before
