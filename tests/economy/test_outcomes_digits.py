"""The outcome import reads amounts, accounts and periods in ASCII digits only: Python's
Decimal() and int() would take "١٢٣" and "1_000", which no ekonomisystem writes."""

from __future__ import annotations

import pytest
from django.utils import translation

from apps.economy import outcomes
from apps.economy.outcomes import RowError


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def parse(content: bytes) -> list:
    table = outcomes.read_table(content)
    return list(outcomes.parse_rows(table, outcomes.propose_column_map(table.headers)))


@pytest.mark.parametrize("text", ["١٢٣", "１２３", "1_000", "NaN", "Infinity", "1e5"])
def test_an_amount_that_is_not_a_plain_number_is_refused(text):
    with pytest.raises(ValueError, match="not a number"):
        outcomes.parse_amount(text)


@pytest.mark.parametrize("amount", ["١٢٣", "1_000"])
def test_such_an_amount_is_a_row_error(amount):
    content = f"Period;Ansvar;Konto;Belopp\n2026-03;2110;5110;{amount}\n".encode()
    [error] = parse(content)
    assert isinstance(error, RowError)
    assert (error.row_number, error.column, error.value) == (2, "Belopp", amount)


def test_an_account_in_other_digits_is_a_row_error():
    [error] = parse("Period;Ansvar;Konto;Belopp\n2026-03;2110;٥١١٠;10\n".encode())
    assert (error.column, error.value) == ("Konto", "٥١١٠")


def test_a_period_in_other_digits_is_a_row_error():
    [error] = parse("Period;Ansvar;Konto;Belopp\n٢٠٢٦-٠٣;2110;5110;10\n".encode())
    assert error.column == "Period"
