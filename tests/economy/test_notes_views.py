"""The pension page and the notes page at their literal URLs: who reads and writes, what a
POST leaves in the database, errors at the field, closed periods and years, query counts."""

from __future__ import annotations

from html import unescape

import pytest

from apps.economy.models import AccountingPrinciples, PensionStatement, StatementLine, StatementNote
from apps.periods.models import ReportingPeriod
from styrmodell.lib.formats import format_tkr
from tests.economy import notes_fixtures
from tests.economy.factories import AccountMappingFactory, book_rows
from tests.economy.notes_fixtures import mkr, statements, year_end_2025

period = notes_fixtures.period


def page(response) -> str:
    return unescape(response.content.decode())


def pension_url(period, suffix=""):
    return f"/ekonomi/{period.pk}/pensioner/{suffix}"


PENSION_POST = {
    "provision": "40 000", "contingent_liability": "100 000", "pension_funds": "",
    "actualisation_degree": "97,5", "administrator": "KPA Pension", "statement_on": "2026-05-08",
    "change_reason": "KPA:s prognos april", "version": "0",
}  # fmt: skip


class TestPensionPage:
    def test_readers_see_the_figures(self, client, politician, period):
        statements(period)
        client.force_login(politician)
        content = page(client.get(pension_url(period)))
        assert format_tkr(mkr(100)) in content
        assert "54,8 %" in content and "39,3 %" in content
        assert 'action="/ekonomi/' not in content  # no form for a reader

    def test_an_outsider_gets_403(self, client, outsider, period):
        client.force_login(outsider)
        assert client.get(pension_url(period)).status_code == 403

    @pytest.mark.parametrize("persona", ["politician", "editor_a"])
    def test_readers_and_editors_may_not_post(self, request, client, period, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.post(pension_url(period, "spara/"), PENSION_POST).status_code == 403
        assert not PensionStatement.objects.exists()

    def test_the_economist_enters_the_statement(self, client, economist, period):
        client.force_login(economist)
        response = client.post(pension_url(period, "spara/"), PENSION_POST)
        assert response.status_code == 302
        assert response.url == pension_url(period)
        statement = PensionStatement.objects.get(period=period)
        assert statement.provision == mkr(40)
        assert str(statement.actualisation_degree) == "97.5"
        assert statement.history.first().history_change_reason == "KPA:s prognos april"

    def test_bad_input_is_shown_at_the_field(self, client, economist, period):
        client.force_login(economist)
        response = client.post(
            pension_url(period, "spara/"), {**PENSION_POST, "provision": "abc", "change_reason": ""}
        )
        assert response.status_code == 400
        assert response.context["form"].errors.keys() >= {"provision", "change_reason"}
        assert not PensionStatement.objects.exists()

    def test_a_closed_period_is_read_only(self, client, economist, period):
        ReportingPeriod.objects.filter(pk=period.pk).update(state="closed")
        client.force_login(economist)
        assert 'action="/ekonomi/' not in page(client.get(pension_url(period)))
        assert client.post(pension_url(period, "spara/"), PENSION_POST).status_code == 403


def notes_url(year, suffix=""):
    return f"/ekonomi/noter/{year}/{suffix}"


class TestNotesPage:
    def test_readers_see_the_numbered_notes(self, client, politician, period):
        client.force_login(politician)
        response = client.get(notes_url(2026))
        assert response.status_code == 200
        numbers = [item["note"].number for item in response.context["items"]]
        assert numbers == list(range(1, len(numbers) + 1))
        assert format_tkr(mkr(42)) in page(response)  # verksamhetens intäkter
        assert "<form" not in page(response).split('id="principles"')[1]

    def test_an_outsider_gets_403(self, client, outsider, period):
        client.force_login(outsider)
        assert client.get(notes_url(2026)).status_code == 403

    def test_the_economist_writes_a_note(self, client, economist, period):
        line = StatementLine.objects.get(key="tax_revenue")
        client.force_login(economist)
        response = client.post(
            notes_url(2026, f"not/{line.pk}/"),
            {f"n{line.pk}-text": "Skatteintäkterna ökade med 4 %.",
             f"n{line.pk}-change_reason": "Bokslut", f"n{line.pk}-version": "0"},
        )  # fmt: skip
        assert response.status_code == 302
        assert response.url == f"/ekonomi/noter/2026/#note-{line.pk}"
        assert StatementNote.objects.get(year=2026, line=line).text == (
            "<p>Skatteintäkterna ökade med 4 %.</p>"
        )

    def test_the_economist_writes_the_principles(self, client, economist, period):
        client.force_login(economist)
        response = client.post(
            notes_url(2026, "principer/"),
            {"p-text": "Enligt LKBR.", "p-change_reason": "Ny", "p-version": "0"},
        )
        assert response.status_code == 302
        assert AccountingPrinciples.objects.get(year=2026).text == "<p>Enligt LKBR.</p>"

    def test_a_missing_reason_is_shown_at_the_field(self, client, economist, period):
        client.force_login(economist)
        response = client.post(notes_url(2026, "principer/"), {"p-text": "x", "p-version": "0"})
        assert response.status_code == 400
        assert "change_reason" in response.context["principles_form"].errors
        assert not AccountingPrinciples.objects.exists()

    @pytest.mark.parametrize("persona", ["politician", "editor_a"])
    def test_readers_and_editors_may_not_post(self, request, client, period, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.post(
            notes_url(2026, "principer/"), {"p-text": "x", "p-change_reason": "x"}
        )
        assert response.status_code == 403
        assert not AccountingPrinciples.objects.exists()

    def test_a_closed_year_is_read_only(self, client, economist, period):
        year_end = year_end_2025()
        ReportingPeriod.objects.filter(pk=year_end.pk).update(state="closed")
        client.force_login(economist)
        response = client.get(notes_url(2025))
        assert response.context["closed"] and not response.context["can_write"]
        post = client.post(notes_url(2025, "principer/"), {"p-text": "x", "p-change_reason": "x"})
        assert post.status_code == 403

    @pytest.mark.parametrize("extra", [2, 40])
    def test_the_page_runs_a_fixed_number_of_queries(
        self, client, economist, period, org, extra, django_assert_num_queries
    ):
        line = StatementLine.objects.get(key="operating_costs")
        for i in range(extra):
            prefix = f"47{i:02d}"
            AccountMappingFactory(prefix=prefix, line=line, name=f"Grupp {prefix}")
            book_rows([(2, f"{prefix}1", 100), (2, "1930", -100)], unit=org.forvaltning_a)
        for line in StatementLine.objects.all()[: extra // 4 + 1]:
            StatementNote.objects.create(year=2026, line=line, text="Text")
        statements(period)
        client.force_login(economist)
        # Session, user and roles (3), the kommun for the header (1); the year's periods, the
        # ledger (3), the notes' texts, the pension statements; the principles, whether the
        # year is closed, the notes' history (the principles have none here).
        with django_assert_num_queries(13):
            response = client.get(notes_url(2026))
        assert response.status_code == 200
