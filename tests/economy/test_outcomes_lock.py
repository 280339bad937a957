"""A locked month's outcome rows are read-only whatever path a write takes: the import service
refuses with row errors, and the database (economy migration 0004) refuses every other path.

A month is locked while a closed reporting period of its year covers it entirely; a closed
bokslut period locks the whole year and its opening balance (month 0).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from apps.economy import kommun_bas
from apps.economy.models import AccountMapping, OutcomeImport, OutcomeRow, StatementLine
from apps.economy.services.outcomes import OutcomeImportRefused, outcome_import
from apps.periods.services import period_set_state
from tests.factories import ReportingPeriodFactory


@pytest.fixture
def batch(db) -> OutcomeImport:
    return OutcomeImport.objects.create(
        year=2026, file_name="utfall.csv", checksum="0" * 64, first_month=1, last_month=5,
        row_count=0, total=Decimal(0),
    )  # fmt: skip


@pytest.fixture
def tertial_1(db):
    """Tertial 1 2026, January to April, open until a test closes it."""
    return ReportingPeriodFactory(state="open")


def close(period) -> None:
    type(period).objects.filter(pk=period.pk).update(state="closed")


def row(batch, org, month: int, amount: str = "100") -> OutcomeRow:
    return OutcomeRow(
        outcome_import=batch, year=2026, month=month, unit=org.enhet_a1, account="5110",
        amount=Decimal(amount),
    )  # fmt: skip


def refused():
    """The database's refusal, inside a savepoint so the test can go on."""
    return pytest.raises(IntegrityError, match="locked outcome month")


class TestTheServiceRefusesWithRowErrors:
    def test_an_import_into_a_closed_tertial(self, economist, org, tertial_1):
        kommun_bas.install(StatementLine, AccountMapping)
        close(tertial_1)
        content = b"Period;Ansvar;Konto;Belopp\n2026-02;2110;5110;1\n"
        with pytest.raises(OutcomeImportRefused) as refusal:
            outcome_import(actor=economist, year=2026, content=content, file_name="x.csv",
                           reason="Utfall")  # fmt: skip
        assert refusal.value.row_errors[0].row_number == 2
        assert not OutcomeRow.objects.exists()


class TestTheDatabaseRefusesEveryOtherPath:
    def test_creating_a_row(self, batch, org, tertial_1):
        close(tertial_1)
        with refused(), transaction.atomic():
            row(batch, org, 3).save()
        assert not OutcomeRow.objects.exists()

    def test_a_bulk_insert(self, batch, org, tertial_1):
        close(tertial_1)
        with refused(), transaction.atomic():
            OutcomeRow.objects.bulk_create([row(batch, org, 5), row(batch, org, 4)])
        assert not OutcomeRow.objects.exists()

    def test_changing_a_row_after_the_close(self, batch, org, tertial_1):
        saved = row(batch, org, 2)
        saved.save()
        close(tertial_1)
        with refused(), transaction.atomic():
            OutcomeRow.objects.filter(pk=saved.pk).update(amount=Decimal("999"))
        with refused(), transaction.atomic():
            saved.amount = Decimal("999")
            saved.save()
        saved.refresh_from_db()
        assert saved.amount == Decimal("100")

    def test_moving_a_row_into_a_locked_month(self, batch, org, tertial_1):
        saved = row(batch, org, 6)
        saved.save()
        close(tertial_1)
        with refused(), transaction.atomic():
            OutcomeRow.objects.filter(pk=saved.pk).update(month=4)
        saved.refresh_from_db()
        assert saved.month == 6

    def test_moving_a_row_out_of_a_locked_month(self, batch, org, tertial_1):
        saved = row(batch, org, 4)
        saved.save()
        close(tertial_1)
        with refused(), transaction.atomic():
            OutcomeRow.objects.filter(pk=saved.pk).update(month=6)
        saved.refresh_from_db()
        assert saved.month == 4

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite guards writes only")
    def test_deleting_rows_of_a_locked_month(self, batch, org, tertial_1):
        row(batch, org, 1).save()
        close(tertial_1)
        with refused(), transaction.atomic():
            OutcomeRow.objects.all().delete()
        assert OutcomeRow.objects.count() == 1

    def test_a_closed_bokslut_locks_the_opening_balance_and_december(self, batch, org):
        ReportingPeriodFactory(kind="bokslut", name="Bokslut", ends_on=dt.date(2026, 12, 31),
                               deadline=dt.date(2027, 2, 15), state="closed")  # fmt: skip
        for month in (0, 12):
            with refused(), transaction.atomic():
                row(batch, org, month).save()
        assert not OutcomeRow.objects.exists()


class TestWhatStaysWritable:
    def test_months_after_the_closed_period(self, batch, org, tertial_1):
        close(tertial_1)
        OutcomeRow.objects.bulk_create([row(batch, org, 5), row(batch, org, 12)])
        assert OutcomeRow.objects.count() == 2

    def test_the_opening_balance_while_only_a_tertial_is_closed(self, batch, org, tertial_1):
        close(tertial_1)
        row(batch, org, 0).save()
        assert OutcomeRow.objects.filter(month=0).count() == 1

    def test_a_month_the_closed_period_covers_only_in_part(self, batch, org):
        ReportingPeriodFactory(state="closed", ends_on=dt.date(2026, 4, 15),
                               deadline=dt.date(2026, 5, 1))  # fmt: skip
        row(batch, org, 4).save()
        with refused(), transaction.atomic():
            row(batch, org, 3).save()

    def test_another_years_closed_period_locks_nothing_here(self, batch, org):
        ReportingPeriodFactory(year=2025, state="closed")
        row(batch, org, 3).save()
        assert OutcomeRow.objects.count() == 1

    def test_reopening_the_period_with_a_reason_allows_corrections(
        self, batch, org, tertial_1, economist
    ):
        saved = row(batch, org, 2)
        saved.save()
        close(tertial_1)
        tertial_1.refresh_from_db()
        period_set_state(actor=economist, period=tertial_1, state="open", reason="Rättelse")
        OutcomeRow.objects.filter(pk=saved.pk).update(amount=Decimal("90"))
        saved.refresh_from_db()
        assert saved.amount == Decimal("90")
