"""What an outsider tries first on the finansförvaltning's, the pensions' and the notes' pages:
a second ekonom saving the same object, a browser in English, a year or a figure out of range.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.core.forms import TkrField
from apps.economy.models import (
    AccountingPrinciples,
    FinanceForecast,
    GoodManagementRule,
    PensionStatement,
    StatementLine,
    StatementNote,
    YearFigures,
)
from apps.economy.services import finance as finance_services
from apps.economy.services import notes as notes_services
from tests.economy import notes_fixtures
from tests.economy.notes_fixtures import mkr
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.stale import conflict_shown

period = notes_fixtures.period
REASON = "Granskning"


@pytest.fixture
def economist_2(org):
    user = UserFactory(username="ekonom_2", first_name="Eva", last_name="Berg")
    RoleAssignmentFactory(user=user, role="ekonom", unit=None)
    return user


FORECAST_POST = {
    "tax_revenue": "365 000", "general_grants": "92 000", "financial_income": "4 000",
    "financial_costs": "10 000", "central_deviation": "0", "source": "SKR 26:31",
    "comment": "Mitt antagande", "change_reason": REASON, "version": "0",
}  # fmt: skip


class TestTwoEconomists:
    """The second save from the version both opened is refused in Swedish, with the first
    one's text kept in the database and the second one's in the form."""

    def test_the_finance_forecast(self, client, economist, economist_2, period):
        finance_services.finance_forecast_set(
            actor=economist_2, period=period, tax_revenue=mkr(360), general_grants=mkr(90),
            financial_income=mkr(4), financial_costs=mkr(10), comment="Evas antagande",
            expected_version=0, reason=REASON,
        )  # fmt: skip
        client.force_login(economist)
        response = client.post(f"/ekonomi/{period.pk}/finansforvaltning/spara/", FORECAST_POST)
        box = conflict_shown(response, theirs="Evas antagande", yours="Mitt antagande")
        assert "Eva Berg" in box
        assert FinanceForecast.objects.get().comment == "Evas antagande"
        assert response.context["form"]["comment"].value() == "Mitt antagande"

    def test_the_pension_statement(self, client, economist, economist_2, period):
        notes_services.pension_statement_save(
            actor=economist_2, period=period, provision=mkr(40), contingent_liability=mkr(100),
            administrator="Skandia", expected_version=0, reason=REASON,
        )  # fmt: skip
        client.force_login(economist)
        post = {"provision": "40 000", "contingent_liability": "100 000", "version": "0",
                "administrator": "KPA Pension", "change_reason": REASON}  # fmt: skip
        response = client.post(f"/ekonomi/{period.pk}/pensioner/spara/", post)
        conflict_shown(response, theirs="Skandia", yours="KPA Pension")
        assert PensionStatement.objects.get(period=period).administrator == "Skandia"

    def test_a_note(self, client, economist, economist_2, period):
        line = StatementLine.objects.get(key="tax_revenue")
        notes_services.statement_note_save(
            actor=economist_2, year=2026, line=line, text="Evas not", expected_version=0,
            reason=REASON,
        )  # fmt: skip
        client.force_login(economist)
        response = client.post(
            f"/ekonomi/noter/2026/not/{line.pk}/",
            {f"n{line.pk}-text": "Min not", f"n{line.pk}-change_reason": REASON,
             f"n{line.pk}-version": "0"},
        )  # fmt: skip
        conflict_shown(response, theirs="Evas not", yours="Min not")
        assert StatementNote.objects.get().text == "<p>Evas not</p>"

    def test_the_principles(self, client, economist, economist_2, period):
        notes_services.accounting_principles_save(
            actor=economist_2, year=2026, text="Evas principer", expected_version=0,
            reason=REASON,
        )  # fmt: skip
        client.force_login(economist)
        response = client.post(
            "/ekonomi/noter/2026/principer/",
            {"p-text": "Mina principer", "p-change_reason": REASON, "p-version": "0"},
        )
        conflict_shown(response, theirs="Evas principer", yours="Mina principer")
        assert AccountingPrinciples.objects.get().text == "<p>Evas principer</p>"

    def test_a_rule(self, client, economist, economist_2, org):
        finance_services.good_management_rule_set(
            actor=economist_2, first_year=2026, min_goal_share=Decimal(50),
            counts_partly_met=True, all_financial_goals=True, paragraph="§ 1",
            expected_version=0, reason=REASON,
        )  # fmt: skip
        client.force_login(economist)
        post = {"first_year": "2026", "min_goal_share": "50", "counts_partly_met": "on",
                "all_financial_goals": "on", "paragraph": "§ 2", "change_reason": REASON,
                "version": "0"}  # fmt: skip
        response = client.post("/ekonomi/god-ekonomisk-hushallning/regler/spara/", post)
        conflict_shown(response, theirs="§ 1", yours="§ 2")
        assert GoodManagementRule.objects.get().paragraph == "§ 1"

    def test_the_year_figures(self, client, economist, economist_2, org):
        finance_services.year_figures_set(
            actor=economist_2, year=2023, result=mkr(12), expected_version=0, reason=REASON
        )
        client.force_login(economist)
        post = {"year": "2023", "result": "13 000", "change_reason": REASON, "version": "0"}
        response = client.post("/ekonomi/tidigare-ar/spara/", post)
        conflict_shown(response, theirs=TkrField.display(mkr(12)), yours=TkrField.display(mkr(13)))
        assert YearFigures.objects.get().result == mkr(12)


class TestEnglishBrowser:
    def test_decimal_commas_are_read_whatever_the_browser_s_language(self, client, economist, org):
        client.force_login(economist)
        post = {"year": "2023", "tax_rate": "22,01", "equity_ratio": "41,5",
                "change_reason": REASON, "version": "0"}  # fmt: skip
        response = client.post("/ekonomi/tidigare-ar/spara/", post, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302
        row = YearFigures.objects.get()
        assert (row.tax_rate, row.equity_ratio) == (Decimal("22.01"), Decimal("41.5"))


class TestOutOfRange:
    @pytest.mark.parametrize(
        ("field", "value"),
        [("tax_rate", "150"), ("population", "3 000 000 000"), ("year", "1850"),
         ("result", "99 999 999 999 999")],
    )  # fmt: skip
    def test_a_year_figure_out_of_range_is_a_field_error(
        self, client, economist, org, field, value
    ):
        client.force_login(economist)
        post = {"year": "2023", "change_reason": REASON, "version": "0", field: value}
        response = client.post("/ekonomi/tidigare-ar/spara/", post)
        assert response.status_code == 400
        assert field in response.context["new_form"].errors
        assert not YearFigures.objects.exists()

    def test_a_forecast_amount_beyond_the_column_is_a_field_error(self, client, economist, period):
        client.force_login(economist)
        post = {**FORECAST_POST, "tax_revenue": "99 999 999 999 999"}
        response = client.post(f"/ekonomi/{period.pk}/finansforvaltning/spara/", post)
        assert response.status_code == 400
        assert "tax_revenue" in response.context["form"].errors
        assert not FinanceForecast.objects.exists()

    @pytest.mark.parametrize("figure", [{"tax_rate": Decimal(101)}, {"population": 10**10}])
    def test_the_service_refuses_a_figure_out_of_range(self, economist, org, figure):
        with pytest.raises(ValidationError) as refused:
            finance_services.year_figures_set(
                actor=economist, year=2023, reason=REASON, expected_version=0, **figure
            )
        assert set(refused.value.message_dict) == set(figure)
        assert not YearFigures.objects.exists()

    def test_the_service_refuses_a_year_out_of_range(self, economist, org):
        with pytest.raises(ValidationError) as refused:
            finance_services.year_figures_set(actor=economist, year=1850, reason=REASON)
        assert "year" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            notes_services.accounting_principles_save(
                actor=economist, year=9999, text="x", reason=REASON
            )
        assert "year" in refused.value.message_dict
        assert not YearFigures.objects.exists() and not AccountingPrinciples.objects.exists()

    @pytest.mark.parametrize("share", ["min_goal_share", "min_financial_share"])
    def test_a_rule_s_share_above_100_is_refused(self, economist, org, share):
        values = {"min_goal_share": Decimal(50), "min_financial_share": None, share: Decimal(101)}
        with pytest.raises(ValidationError) as refused:
            finance_services.good_management_rule_set(
                actor=economist, first_year=2026, counts_partly_met=True,
                all_financial_goals=False, reason=REASON, **values,
            )  # fmt: skip
        assert list(refused.value.message_dict) == [share]
        assert not GoodManagementRule.objects.exists()

    def test_a_rule_s_share_above_100_is_a_form_error(self, client, economist, org):
        client.force_login(economist)
        post = {"first_year": "2026", "min_goal_share": "101", "all_financial_goals": "on",
                "change_reason": REASON, "version": "0"}  # fmt: skip
        response = client.post("/ekonomi/god-ekonomisk-hushallning/regler/spara/", post)
        assert response.status_code == 400
        assert "min_goal_share" in response.context["form"].errors
        assert not GoodManagementRule.objects.exists()

    @pytest.mark.parametrize("name", ["tax_revenue", "financial_income", "financial_costs"])
    def test_the_service_refuses_a_negative_forecast_amount(self, economist, period, name):
        amounts = {"tax_revenue": mkr(360), "general_grants": mkr(-5),
                   "financial_income": mkr(4), "financial_costs": mkr(10)}  # fmt: skip
        amounts[name] = mkr(-1)
        with pytest.raises(ValidationError) as refused:
            finance_services.finance_forecast_set(
                actor=economist, period=period, reason=REASON, **amounts
            )
        assert list(refused.value.message_dict) == [name]
        assert not FinanceForecast.objects.exists()


def test_the_rules_history_is_newest_first(client, economist, org):
    for paragraph in ("§ 1", "§ 2"):
        finance_services.good_management_rule_set(
            actor=economist, first_year=2026, min_goal_share=Decimal(50),
            counts_partly_met=True, all_financial_goals=True, paragraph=paragraph,
            reason=f"Beslut {paragraph}",
        )  # fmt: skip
    client.force_login(economist)
    ((_rule, entries),) = client.get("/ekonomi/god-ekonomisk-hushallning/regler/").context["rules"]
    assert [e.reason for e in entries] == ["Beslut § 2", "Beslut § 1"]
