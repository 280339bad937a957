"""Swedish formats for dates, numbers and money, as a kommun's documents write them.

Thousands are separated by a no-break space so that "1 234,5 tkr" never wraps
inside the number; the decimal separator is a comma.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"

MONTH_ABBREVIATIONS = (
    "jan.", "feb.", "mars", "apr.", "maj", "juni",
    "juli", "aug.", "sep.", "okt.", "nov.", "dec.",
)  # fmt: skip
MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def format_date(value: dt.date | None, *, long: bool = False) -> str:
    """``23 nov. 2026`` (or ``23 november 2026`` with ``long``); empty for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    months = MONTH_NAMES if long else MONTH_ABBREVIATIONS
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime | None) -> str:
    """``23 nov. 2026 14:05``; the caller converts to local time first."""
    if value is None:
        return ""
    return f"{format_date(value)} {value:%H:%M}"


def format_number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    """``1 234,5``: no-break space for thousands, decimal comma, a real minus sign."""
    if value is None:
        return ""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = MINUS if number < 0 else ""
    integer_part, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(integer_part) > 3:
        groups.insert(0, integer_part[-3:])
        integer_part = integer_part[:-3]
    groups.insert(0, integer_part)
    text = NBSP.join(groups)
    if decimals > 0:
        text = f"{text},{fraction}"
    return f"{sign}{text}"


def format_kr(value: Decimal | int | None, decimals: int = 0) -> str:
    """``1 234 567 kr``."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}{NBSP}kr"


def format_tkr(value: Decimal | int | None, decimals: int = 1) -> str:
    """An amount in kronor shown in thousands: 1 234 500 kr -> ``1 234,5 tkr``."""
    if value is None:
        return ""
    return f"{format_number(Decimal(value) / 1000, decimals)}{NBSP}tkr"


def format_percent(value: Decimal | int | float | None, decimals: int = 1) -> str:
    """``12,5 %`` for a value already in percent."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}{NBSP}%"
