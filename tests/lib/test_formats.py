"""Swedish formats for dates, numbers and money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from styrmodell.lib.formats import (
    format_date,
    format_datetime,
    format_kr,
    format_number,
    format_percent,
    format_tkr,
)

NBSP = "\u00a0"
MINUS = "\u2212"


class TestFormatDate:
    def test_short_form_abbreviates_the_month(self):
        assert format_date(dt.date(2026, 11, 23)) == "23 nov. 2026"

    def test_long_form_writes_the_month_out(self):
        assert format_date(dt.date(2026, 11, 23), long=True) == "23 november 2026"

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (dt.date(2026, 1, 1), "1 jan. 2026"),
            (dt.date(2026, 3, 5), "5 mars 2026"),
            (dt.date(2026, 5, 17), "17 maj 2026"),
            (dt.date(2026, 6, 30), "30 juni 2026"),
            (dt.date(2026, 7, 1), "1 juli 2026"),
            (dt.date(2026, 9, 9), "9 sep. 2026"),
            (dt.date(2026, 12, 31), "31 dec. 2026"),
        ],
    )
    def test_day_has_no_leading_zero_and_months_follow_swedish_practice(self, day, expected):
        assert format_date(day) == expected

    def test_long_form_of_every_month(self):
        months = [format_date(dt.date(2026, m, 1), long=True).split()[1] for m in range(1, 13)]
        assert months == [
            "januari", "februari", "mars", "april", "maj", "juni",
            "juli", "augusti", "september", "oktober", "november", "december",
        ]  # fmt: skip

    def test_datetime_is_shown_as_its_date(self):
        assert format_date(dt.datetime(2026, 11, 23, 23, 59, tzinfo=dt.UTC)) == "23 nov. 2026"

    def test_none_is_empty(self):
        assert format_date(None) == ""
        assert format_date(None, long=True) == ""


class TestFormatDatetime:
    def test_date_then_hours_and_minutes(self):
        assert format_datetime(dt.datetime(2026, 11, 23, 14, 5, tzinfo=dt.UTC)) == (
            "23 nov. 2026 14:05"
        )

    def test_none_is_empty(self):
        assert format_datetime(None) == ""


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (0, "0"),
            (999, "999"),
            (1000, f"1{NBSP}000"),
            (1234567, f"1{NBSP}234{NBSP}567"),
            (Decimal("1234567890"), f"1{NBSP}234{NBSP}567{NBSP}890"),
        ],
    )
    def test_thousands_are_separated_by_a_no_break_space(self, value, expected):
        assert format_number(value) == expected

    def test_decimal_comma(self):
        assert format_number(Decimal("1234.5"), 1) == f"1{NBSP}234,5"
        assert format_number(Decimal("0.25"), 2) == "0,25"

    def test_negative_numbers_use_a_real_minus_sign(self):
        text = format_number(Decimal("-1234.5"), 1)
        assert text == f"{MINUS}1{NBSP}234,5"
        assert "-" not in text

    def test_rounds_half_up(self):
        assert format_number(Decimal("2.5")) == "3"
        assert format_number(Decimal("-2.5")) == f"{MINUS}3"
        assert format_number(Decimal("0.05"), 1) == "0,1"

    def test_floats_are_read_as_written(self):
        # Decimal(1.005) is 1.00499…; through str() it is 1.005, which rounds up.
        assert format_number(1.005, 2) == "1,01"

    def test_a_negative_value_that_rounds_to_zero_has_no_sign(self):
        assert format_number(Decimal("-0.04"), 1) == "0,0"

    def test_pads_decimals(self):
        assert format_number(7, 2) == "7,00"

    def test_none_is_empty(self):
        assert format_number(None) == ""


class TestMoney:
    def test_tkr_divides_by_a_thousand_with_one_decimal(self):
        assert format_tkr(1234500) == "1\u00a0234,5\u00a0tkr"

    def test_tkr_of_a_negative_amount(self):
        assert format_tkr(Decimal("-1234500")) == f"{MINUS}1{NBSP}234,5{NBSP}tkr"

    def test_tkr_with_no_decimals_rounds(self):
        assert format_tkr(1234500, 0) == f"1{NBSP}235{NBSP}tkr"

    def test_kr(self):
        assert format_kr(1234567) == f"1{NBSP}234{NBSP}567{NBSP}kr"
        assert format_kr(Decimal("99.5"), 2) == f"99,50{NBSP}kr"

    def test_percent(self):
        assert format_percent(Decimal("12.5")) == f"12,5{NBSP}%"

    @pytest.mark.parametrize("formatter", [format_kr, format_tkr, format_percent])
    def test_none_is_empty(self, formatter):
        assert formatter(None) == ""
