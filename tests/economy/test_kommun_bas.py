"""The Kommun-Bas mapping that ships with the product: its lines and prefixes, the longest
prefix lookup, and the administrator's edits (through a service, with a reason)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.economy import kommun_bas
from apps.economy.kommun_bas import AccountChart, account_chart
from apps.economy.models import AccountMapping, StatementLine
from apps.economy.services.outcomes import account_mapping_save, statement_line_save


@pytest.fixture
def chart(db):
    kommun_bas.install(StatementLine, AccountMapping)
    return account_chart()


class TestTheShippedChart:
    def test_the_migration_loads_every_line_and_prefix(self, db):
        # The data migration's rows are there before any test writes (unless a flush
        # removed them, in which case install() puts them back and says how many).
        created = kommun_bas.install(StatementLine, AccountMapping)
        assert created == 0 or created == len(kommun_bas.STATEMENT_LINES) + len(
            kommun_bas.ACCOUNT_MAPPINGS
        )
        assert StatementLine.objects.count() >= len(kommun_bas.STATEMENT_LINES)
        assert set(AccountMapping.objects.values_list("prefix", flat=True)) >= {
            p for p, *_rest in kommun_bas.ACCOUNT_MAPPINGS
        }

    def test_the_keys_the_statements_compute_from(self, chart):
        keys = set(StatementLine.objects.values_list("key", flat=True))
        assert {"operating_income", "operating_costs", "depreciation", "tax_revenue",
                "general_grants", "financial_income", "financial_costs"} <= keys  # fmt: skip
        assert {k for k in keys if k.startswith("br_")} == {
            key for statement, key, *_rest in kommun_bas.STATEMENT_LINES if statement == "balance"
        }
        balance = StatementLine.objects.filter(key__startswith="br_")
        assert set(balance.values_list("statement", flat=True)) == {"balance"}

    def test_the_migration_records_who_and_why_in_the_history(self, chart):
        line = StatementLine.objects.get(key="tax_revenue")
        record = line.history.earliest()
        assert record.history_type == "+"
        assert record.history_change_reason

    def test_installing_again_changes_nothing(self, chart):
        AccountMapping.objects.filter(prefix="38").update(name="Ändrad av administratören")
        assert kommun_bas.install(StatementLine, AccountMapping) == 0
        assert AccountMapping.objects.get(prefix="38").name == "Ändrad av administratören"

    @pytest.mark.parametrize(
        ("account", "key", "gain"),
        [
            ("3110", "operating_income", False),
            ("3811", "operating_income", True),  # realisation gains
            ("4610", "operating_costs", False),
            ("5110", "operating_costs", False),
            ("7810", "depreciation", False),  # 78 before 7
            ("7910", "operating_costs", False),
            ("8010", "tax_revenue", False),
            ("8210", "general_grants", False),
            ("8410", "financial_income", False),
            ("8510", "financial_costs", False),
            ("1110", "br_land_buildings", False),
            ("1930", "br_cash", False),
            ("2010", "br_equity", False),
            ("2310", "br_long_term_liabilities", False),
            ("2510", "br_current_liabilities", False),
        ],
    )
    def test_accounts_find_their_line_by_the_longest_prefix(self, chart, account, key, gain):
        mapping = chart.account_line(account)
        assert (mapping.line.key, mapping.is_realisation_gain) == (key, gain)

    @pytest.mark.parametrize("account", ["9110", "8910", "0123", "2110"])
    def test_accounts_no_prefix_covers(self, chart, account):
        assert chart.account_line(account) is None


class TestTheLookup:
    def test_the_longest_prefix_wins_whatever_the_order(self):
        chart = AccountChart.of([("7", "costs"), ("781", "special"), ("78", "depreciation")])
        assert chart.account_line("7811") == "special"
        assert chart.account_line("7820") == "depreciation"
        assert chart.account_line("7000") == "costs"
        assert chart.account_line("8") is None

    def test_an_account_shorter_than_a_prefix(self):
        chart = AccountChart.of([("3811", "gain"), ("3", "income")])
        assert chart.account_line("381") == "income"

    def test_the_chart_is_read_in_one_query(self, chart, django_assert_num_queries):
        with django_assert_num_queries(1):
            fresh = account_chart()
        with django_assert_num_queries(0):
            assert fresh.account_line("5110").line.key == "operating_costs"


class TestTheServices:
    def test_an_administrator_changes_a_mapping_with_a_reason(self, chart, admin_user):
        mapping = AccountMapping.objects.get(prefix="38")
        mapping.is_realisation_gain = False
        account_mapping_save(actor=admin_user, mapping=mapping, reason="Egen kontoplan")
        latest = mapping.history.latest()
        assert (latest.history_user, latest.history_change_reason) == (admin_user, "Egen kontoplan")

    @pytest.mark.parametrize("persona", ["economist", "editor_a", "politician"])
    def test_only_administrators_change_the_chart(self, chart, request, persona):
        line = StatementLine.objects.get(key="tax_revenue")
        line.name = "Skatter"
        with pytest.raises(PermissionDenied):
            statement_line_save(actor=request.getfixturevalue(persona), line=line, reason="x")
        assert StatementLine.objects.get(key="tax_revenue").name == "Skatteintäkter"

    def test_a_reason_is_required(self, chart, admin_user):
        line = StatementLine.objects.get(key="tax_revenue")
        with pytest.raises(ValidationError):
            statement_line_save(actor=admin_user, line=line, reason="")

    def test_a_prefix_is_digits(self, chart, admin_user):
        mapping = AccountMapping(prefix="8x", name="Fel", line=StatementLine.objects.first())
        with pytest.raises(ValidationError) as refused:
            account_mapping_save(actor=admin_user, mapping=mapping, reason="Ny grupp")
        assert "prefix" in refused.value.message_dict


class TestTheAdmin:
    def test_an_administrator_adds_a_mapping_and_must_say_why(self, client, chart, admin_user):
        client.force_login(admin_user)
        line = StatementLine.objects.get(key="operating_costs")
        data = {"prefix": "21", "name": "Pensionsskulder", "line": line.pk}
        response = client.post("/admin/economy/accountmapping/add/", data)
        assert response.status_code == 200  # the form again, asking for the reason
        assert not AccountMapping.objects.filter(prefix="21").exists()

        response = client.post(
            "/admin/economy/accountmapping/add/", {**data, "change_reason": "Egen grupp"}
        )
        assert response.status_code == 302
        mapping = AccountMapping.objects.get(prefix="21")
        latest = mapping.history.latest()
        assert (latest.history_user, latest.history_change_reason) == (admin_user, "Egen grupp")

    def test_a_prefix_with_letters_is_refused_at_the_field(self, client, chart, admin_user):
        client.force_login(admin_user)
        line = StatementLine.objects.get(key="operating_costs")
        response = client.post(
            "/admin/economy/accountmapping/add/",
            {"prefix": "2a", "name": "Fel", "line": line.pk, "change_reason": "x"},
        )
        assert response.status_code == 200
        assert "prefix" in response.context["adminform"].form.errors

    def test_an_administrator_renames_a_line(self, client, chart, admin_user):
        client.force_login(admin_user)
        line = StatementLine.objects.get(key="tax_revenue")
        response = client.post(
            f"/admin/economy/statementline/{line.pk}/change/",
            {"statement": "income", "key": "tax_revenue", "name": "Skatteintäkter, netto",
             "order": line.order, "change_reason": "Som i årsredovisningen"},
        )  # fmt: skip
        assert response.status_code == 302
        line.refresh_from_db()
        assert line.name == "Skatteintäkter, netto"
        assert line.history.latest().history_change_reason == "Som i årsredovisningen"

    @pytest.mark.parametrize("persona", ["economist", "editor_a", "outsider"])
    def test_others_do_not_get_in(self, client, chart, request, persona):
        client.force_login(request.getfixturevalue(persona))
        response = client.get("/admin/economy/accountmapping/")
        assert response.status_code == 302  # to the admin's login
        assert "/admin/login/" in response["Location"]
