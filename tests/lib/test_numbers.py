"""Numbers as people type them in Swedish forms, and nothing else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrmodell.lib.numbers import parse_decimal, parse_integer


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
