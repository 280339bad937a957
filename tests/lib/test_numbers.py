"""Numbers as people type them in Swedish forms, and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrmodell.lib.numbers import AmbiguousNumber, NumberError, parse_decimal, parse_integer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", Decimal("1234")),
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234\u00a0567,25", Decimal("1234567.25")),
        ("1\u202f234", Decimal("1234")),
        ("1\u2009234", Decimal("1234")),
        ("1234.5", Decimal("1234.5")),
        ("1.5", Decimal("1.5")),
        ("6,5", Decimal("6.5")),
        ("\u221212", Decimal("-12")),
        ("-12", Decimal("-12")),
        ("  42 ", Decimal("42")),
        ("0,25", Decimal("0.25")),
        (",5", Decimal("0.5")),
        ("85,5", Decimal("85.5")),
        ("412 500,5", Decimal("412500.5")),
        ("1,234", Decimal("1.234")),  # the comma is always the decimal separator
        ("0.125", Decimal("0.125")),  # no thousands group starts with 0
        ("1234.567", Decimal("1234.567")),  # nor follows four digits
        ("1 234.567", Decimal("1234.567")),  # nor a grouped number
        ("1.23", Decimal("1.23")),
        ("1.2345", Decimal("1.2345")),
    ],
)
def test_a_number_as_people_write_it_is_read(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "١٢٣",  # Arabic-Indic digits
        "１２３",  # full-width digits
        "1_000",
        "1e5",
        "1E5",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "1,2,3",
        "1.234,5",
        "1,234.5",
        "1..5",
        "",
        " ",
        "-",
        "12-",
        "--12",
        "1 234 ,5",
        "0x10",
        "½",
        "²",
        "12 kr",
        "6 5",  # thousands come in groups of three: never read as 65
        "12 34",
        "1 2345",
        "1 234 56",
    ],
)
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(("text", "expected"), [("2026", 2026), ("1 000", 1000), ("\u22123", -3)])
def test_an_integer_is_read(text, expected):
    assert parse_integer(text) == expected


@pytest.mark.parametrize("text", ["٢٠٢٦", "２０２６", "1_000", "1,5", "1.0", "1e3", "²"])
def test_an_integer_with_anything_else_is_refused(text):
    with pytest.raises(ValueError):
        parse_integer(text)


@pytest.mark.parametrize(
    ("text", "thousands", "decimal"),
    [
        ("1.234", "1 234", "1,234"),
        ("12.500", "12 500", "12,500"),
        ("\u2212123.456", "\u2212123 456", "\u2212123,456"),
        ("-1.234", "\u22121 234", "\u22121,234"),
    ],
)
def test_a_dot_that_may_separate_thousands_is_refused_with_both_readings(text, thousands, decimal):
    with pytest.raises(AmbiguousNumber) as refused:
        parse_decimal(text)
    assert (refused.value.thousands, refused.value.decimal) == (thousands, decimal)
    assert isinstance(refused.value, NumberError)


def test_a_caller_that_knows_the_dot_is_a_decimal_point_reads_it_so():
    assert parse_decimal("1.005", dot_is_decimal=True) == Decimal("1.005")
