"""The outcome import service: all or nothing, replace rather than double, and who may.

The organisation is tests/conftest.py's (ansvarskoder 100, 1000, 2000, 2100, 2110, 3000,
3100); the example files under apps/economy/examples use those codes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from apps.economy import kommun_bas, outcomes
from apps.economy.models import AccountMapping, OutcomeImport, OutcomeRow, StatementLine
from apps.economy.services.outcomes import KEPT_ERRORS, OutcomeImportRefused, outcome_import
from tests.economy.outcome_files import zip_bomb
from tests.factories import ReportingPeriodFactory, UnitFactory

EXAMPLES = Path(__file__).resolve().parents[2] / "apps" / "economy" / "examples"
MAY_JUNE = EXAMPLES / "utfall_2026-05_2026-06_windows-1252.csv"
JULY = EXAMPLES / "utfall_2026-07_utf-8-bom.csv"
AUGUST = EXAMPLES / "utfall_2026-08.xlsx"
WITH_ERRORS = EXAMPLES / "utfall_med_fel.csv"
REASON = "Utfall från huvudboken"


@pytest.fixture(autouse=True)
def chart(db):
    """Kommun-Bas as shipped (the data migration's rows, unless a flush took them)."""
    kommun_bas.install(StatementLine, AccountMapping)


def csv(*rows: str, header: str = "Period;Ansvar;Konto;Projekt;Belopp") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("cp1252")


def run(actor, content: bytes, *, year: int = 2026, **kwargs) -> OutcomeImport:
    kwargs.setdefault("file_name", "utfall.csv")
    kwargs.setdefault("reason", REASON)
    return outcome_import(actor=actor, year=year, content=content, **kwargs)


def refusal(actor, content: bytes, **kwargs) -> OutcomeImportRefused:
    with pytest.raises(OutcomeImportRefused) as refused:
        run(actor, content, **kwargs)
    return refused.value


def booked(**filters) -> Decimal | None:
    return OutcomeRow.objects.filter(**filters).aggregate(total=Sum("amount"))["total"]


class TestUnsafeFiles:
    def test_a_zip_bomb_is_refused_and_nothing_stored(self, economist, org):
        refused = refusal(economist, zip_bomb(64), file_name="utfall.xlsx")
        assert "200 MB" in refused.messages[0]
        assert not OutcomeImport.objects.exists() and not OutcomeRow.objects.exists()

    def test_a_file_over_the_size_limit_is_refused(self, economist, org, settings):
        settings.OUTCOME_UPLOAD_MAX_MB = 1
        content = csv("2026-03;2110;5110;;1") + b"\n" * (1 << 20)
        assert "1 MB" in refusal(economist, content).messages[0]
        assert not OutcomeImport.objects.exists()

    @pytest.mark.parametrize("year", [0, 1999, 10_000])
    def test_a_year_out_of_range_is_a_field_error_not_a_crash(self, economist, org, year):
        with pytest.raises(ValidationError) as refused:
            run(economist, csv("2026-03;2110;5110;;1"), year=year, file_name="utfall.csv")
        assert "year" in refused.value.message_dict
        assert not OutcomeImport.objects.exists()

    def test_the_service_reads_an_open_file_as_well_as_bytes(self, economist, org):
        with MAY_JUNE.open("rb") as file:
            record = run(economist, file)
        assert record.row_count == 30
        assert record.checksum == hashlib.sha256(MAY_JUNE.read_bytes()).hexdigest()


class TestAGoodFile:
    def test_the_example_file_is_imported_with_who_when_why_and_what(self, economist, org):
        content = MAY_JUNE.read_bytes()
        record = run(economist, content, file_name="C:\\Export\\" + MAY_JUNE.name)

        assert OutcomeRow.objects.count() == record.row_count == 30
        assert (record.first_month, record.last_month, record.year) == (5, 6, 2026)
        assert record.total == booked()
        assert record.file_name == MAY_JUNE.name  # never a client's path
        assert record.checksum == hashlib.sha256(content).hexdigest()
        assert record.imported_by == economist
        assert record.reason == REASON
        assert record.column_map == {"period": "År-mån", "ansvarskod": "Ansvar",
                                     "account": "Konto", "amount": "Belopp",
                                     "project": "Projekt"}  # fmt: skip
        assert booked(unit=org.enhet_a1, month=5, account="5110") == Decimal("12480950.25")
        assert booked(project="P1001") == Decimal("4300000.00")

    def test_utf_8_and_xlsx_files_give_the_same_rows_as_windows_1252(self, economist):
        run(economist, MAY_JUNE.read_bytes())
        july, august = run(economist, JULY.read_bytes()), run(economist, AUGUST.read_bytes())
        may = booked(month=5)
        assert july.row_count == august.row_count == 15
        assert booked(month=7) == booked(month=8) == may

    def test_a_chosen_column_map_is_used_and_recorded(self, economist, org):
        content = csv("2026-03;2110;5110;1,00", header="A;B;C;D")
        column_map = {"period": "A", "ansvarskod": "B", "account": "C", "amount": "D"}
        record = run(economist, content, column_map=column_map)
        assert record.column_map == column_map
        assert OutcomeRow.objects.get().unit == org.enhet_a1

    def test_an_opening_balance_on_a_balance_sheet_account(self, economist):
        record = run(economist, csv("2026-IB;1000;1930;;5 000 000,00"))
        assert (record.first_month, OutcomeRow.objects.get().month) == (0, 0)

    def test_an_administrator_and_a_superuser_may_import_too(self, admin_user, superuser):
        run(admin_user, csv("2026-03;2110;5110;;1"))
        run(superuser, csv("2026-04;2110;5110;;1"))
        assert OutcomeImport.objects.count() == 2

    def test_the_system_imports_without_a_user(self, org):
        assert run(None, csv("2026-03;2110;5110;;1")).imported_by is None


class TestAllOrNothing:
    def test_one_bad_row_refuses_the_file_and_writes_nothing(self, economist):
        refused = refusal(economist, csv("2026-03;2110;5110;;1", "2026-03;2110;5110;;x"))
        assert [(e.row_number, e.column, e.value) for e in refused.row_errors] == [
            (3, "Belopp", "x")
        ]
        assert not OutcomeImport.objects.exists()
        assert not OutcomeRow.objects.exists()

    def test_every_kind_of_row_error_in_the_example_file(self, economist):
        refused = refusal(economist, WITH_ERRORS.read_bytes())
        found = {(e.row_number, e.column, e.value) for e in refused.row_errors}
        assert found == {
            (3, "Ansvar", "9999"),  # no such unit
            (4, "Konto", "9110"),  # no account group covers it
            (5, "År-mån", "2025"),  # another year
            (6, "Belopp", "fyratusen"),  # not a number
            (7, "År-mån", outcomes.month_label(0)),  # an opening balance on a cost account
            (8, "År-mån", "2026-13"),  # not a month
        }
        assert refused.error_count == 6
        assert "6" in refused.messages[0]
        assert all(e.message for e in refused.row_errors)
        assert not OutcomeRow.objects.exists()

    def test_a_missing_column_refuses_the_file_on_row_1(self, economist):
        refused = refusal(economist, csv("2026-03;2110;1", header="Period;Ansvar;Belopp"))
        assert [(e.row_number, e.value) for e in refused.row_errors] == [(1, "")]
        assert not OutcomeImport.objects.exists()

    def test_a_column_the_file_does_not_have(self, economist):
        column_map = {"period": "Period", "ansvarskod": "Ansvar", "account": "Kto",
                      "amount": "Belopp"}  # fmt: skip
        refused = refusal(economist, csv("2026-03;2110;5110;;1"), column_map=column_map)
        assert refused.row_errors[0].value == "Kto"

    def test_a_unit_that_ended_before_the_year_is_unknown(self, economist, org):
        UnitFactory(parent=org.forvaltning_a, kind="enhet", ansvarskod="2199",
                    valid_to=dt.date(2025, 12, 31))  # fmt: skip
        refused = refusal(economist, csv("2026-03;2199;5110;;1"))
        assert refused.row_errors[0].value == "2199"

    def test_a_code_taken_over_in_the_year_goes_to_the_unit_of_the_month(self, economist, org):
        old = UnitFactory(parent=org.forvaltning_a, kind="enhet", ansvarskod="2150",
                          valid_to=dt.date(2026, 6, 30))  # fmt: skip
        new = UnitFactory(parent=org.forvaltning_a, kind="enhet", ansvarskod="2150",
                          valid_from=dt.date(2026, 7, 1))  # fmt: skip
        run(economist, csv("2026-06;2150;5110;;1", "2026-07;2150;5110;;2"))
        assert booked(unit=old) == 1
        assert booked(unit=new) == 2

    def test_an_unreadable_file(self, economist):
        refused = refusal(economist, b"PK\x03\x04garbage", file_name="utfall.xlsx")
        assert refused.row_errors == []
        assert refused.messages

    def test_a_file_with_a_header_only(self, economist):
        refusal(economist, csv())
        assert not OutcomeImport.objects.exists()

    def test_the_errors_kept_are_capped_but_all_are_counted(self, economist):
        rows = [f"2026-03;9999;5110;;{n}" for n in range(KEPT_ERRORS + 5)]
        refused = refusal(economist, csv(*rows))
        assert len(refused.row_errors) == KEPT_ERRORS
        assert refused.error_count == KEPT_ERRORS + 5


class TestDuplicatesAndReplacement:
    def test_the_same_file_twice_is_refused_with_who_and_when(self, economist):
        run(economist, MAY_JUNE.read_bytes())
        refused = refusal(economist, MAY_JUNE.read_bytes())
        assert "Ekonom" in refused.messages[0]  # the persona's name
        assert OutcomeImport.objects.count() == 1
        assert OutcomeRow.objects.count() == 30

    def test_a_refused_file_is_no_duplicate_of_anything(self, economist):
        content = csv("2027-03;2110;5110;;1")
        refused = refusal(economist, content, year=2026)  # for the year, not as a duplicate
        assert refused.row_errors[0].value == "2027"
        assert run(economist, content, year=2027).row_count == 1

    def test_re_importing_a_month_replaces_it_never_doubles(self, economist, org):
        first = run(economist, csv("2026-03;2110;5110;;100", "2026-03;2100;5110;;50"))
        second = run(economist, csv("2026-03;2110;5110;;120"))
        assert booked(month=3) == 120
        assert OutcomeRow.objects.filter(month=3).count() == 1
        first.refresh_from_db()
        assert first.replaced_by == second

    def test_a_partial_overlap_replaces_only_the_shared_months(self, economist):
        first = run(economist, csv("2026-03;2110;5110;;100", "2026-04;2110;5110;;200"))
        second = run(economist, csv("2026-04;2110;5110;;210", "2026-05;2110;5110;;300"))
        assert (booked(month=3), booked(month=4), booked(month=5)) == (100, 210, 300)
        first.refresh_from_db()
        assert first.replaced_by is None  # March is still its
        third = run(economist, csv("2026-03;2110;5110;;110"))
        first.refresh_from_db()
        assert first.replaced_by == third
        second.refresh_from_db()
        assert second.replaced_by is None

    def test_a_fully_replaced_file_may_be_imported_again(self, economist):
        content = csv("2026-03;2110;5110;;100")
        first = run(economist, content)
        run(economist, csv("2026-03;2110;5110;;90"))
        again = run(economist, content)
        assert again.pk != first.pk
        assert booked(month=3) == 100

    def test_other_years_are_untouched(self, economist):
        run(economist, csv("2025-03;2110;5110;;7"), year=2025)
        run(economist, csv("2026-03;2110;5110;;100"))
        assert booked(year=2025) == 7


class TestLockedMonths:
    def test_a_month_a_closed_period_covers_is_refused(self, economist):
        ReportingPeriodFactory(state="closed")  # Tertial 1: January to April
        refused = refusal(economist, csv("2026-04;2110;5110;;1", "2026-05;2110;5110;;1"))
        assert [(e.row_number, e.column) for e in refused.row_errors] == [(2, "Period")]
        assert "apr." in refused.row_errors[0].message
        assert not OutcomeRow.objects.exists()

    def test_an_open_period_locks_nothing(self, economist):
        ReportingPeriodFactory(state="open")
        assert run(economist, csv("2026-04;2110;5110;;1")).row_count == 1

    def test_a_month_only_partly_covered_stays_open(self, economist):
        ReportingPeriodFactory(state="closed", ends_on=dt.date(2026, 4, 15),
                               deadline=dt.date(2026, 5, 1))  # fmt: skip
        assert run(economist, csv("2026-04;2110;5110;;1")).row_count == 1

    def test_a_closed_bokslut_locks_the_year_and_its_opening_balance(self, economist):
        ReportingPeriodFactory(kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31),
                               deadline=dt.date(2027, 2, 15), state="closed")  # fmt: skip
        refused = refusal(economist, csv("2026-IB;2110;1930;;1", "2026-12;2110;5110;;1"))
        assert [e.row_number for e in refused.row_errors] == [2, 3]
        assert run(economist, csv("2027-01;2110;5110;;1"), year=2027).row_count == 1


class TestRights:
    @pytest.mark.parametrize("persona", ["editor_a", "politician", "outsider", "inactive_editor"])
    def test_only_ekonomer_and_administrators_import(self, request, persona):
        user = request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            run(user, csv("2026-03;2110;5110;;1"))
        assert not OutcomeImport.objects.exists()

    def test_a_reason_is_required(self, economist):
        with pytest.raises(ValidationError) as refused:
            run(economist, csv("2026-03;2110;5110;;1"), reason="  ")
        assert "reason" in refused.value.message_dict
        assert not OutcomeImport.objects.exists()
