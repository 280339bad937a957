"""Reading numbers as people type them in Swedish forms, whatever the browser's language.

Read: ``1 234,5`` and ``1234.5``; ``6,5`` and ``1.5``; ``−12`` (the typographic minus) and
``-12``; thousands separated by a space, a no-break space (U+00A0), a narrow no-break space
(U+202F) or a thin space (U+2009), in groups of three (``1 234 567``).

The comma is always the decimal separator (``1,234`` is one and a fraction, as a Swede
writes it). A dot is a decimal point too, except where it could as well separate thousands:
a single dot followed by exactly three digits after one to three ungrouped digits
(``1.234``, ``12.500``, ``−123.456``) is refused as ambiguous (``AmbiguousNumber``) rather
than guessed, since a guess either way changes the magnitude a thousandfold. ``0.125`` and
``1234.567`` are not ambiguous (no thousands group starts with 0 or has four digits).

Refused as well (``NumberError``): anything Python would take but a person did not mean as a
plain number: digits of other scripts (``١٢٣``, ``１２３``), underscores (``1_000``),
exponents, ``NaN`` and ``Infinity``, two decimal separators (``1.234,5``), thousands groups
not of three digits (``6 5``, ``12 34``).
"""

from __future__ import annotations

import re
from decimal import Decimal

MINUS_SIGNS = "-\u2212"
THOUSANDS_SEPARATORS = " \u00a0\u202f\u2009"

_DIGITS = "[0-9]+"
_GROUPED = f"(?:[0-9]{{1,3}}(?:[{THOUSANDS_SEPARATORS}][0-9]{{3}})+|{_DIGITS})"
_INTEGER = re.compile(f"(?P<sign>[{MINUS_SIGNS}])?(?P<whole>{_GROUPED})")
_DECIMAL = re.compile(
    f"(?P<sign>[{MINUS_SIGNS}])?(?:(?P<whole>{_GROUPED})(?:(?P<point>[.,])(?P<fraction>{_DIGITS}))?"
    f"|[.,](?P<only_fraction>{_DIGITS}))"
)
# A dot that could separate thousands: "1.234", "12.500", "123.456" (not "0.125").
_THOUSANDS_DOT = re.compile("[1-9][0-9]{0,2}")


class NumberError(ValueError):
    """The text is not a number as the forms read them."""


class AmbiguousNumber(NumberError):
    """The text reads as two numbers a thousand apart (``1.234``); ``thousands`` and
    ``decimal`` are the two ways to write it unambiguously (``1 234``, ``1,234``)."""

    def __init__(self, text: str, *, thousands: str, decimal: str) -> None:
        super().__init__(text)
        self.text = text
        self.thousands = thousands
        self.decimal = decimal


def _strip(text: str) -> str:
    return text.strip(" \t\r\n" + THOUSANDS_SEPARATORS)


def _whole(match: re.Match) -> str:
    return re.sub(f"[{THOUSANDS_SEPARATORS}]", "", match["whole"] or "0")


def parse_decimal(text: str, *, dot_is_decimal: bool = False) -> Decimal:
    """``text`` as a Decimal; raises NumberError for anything but a plain number, and
    AmbiguousNumber for a dot that may separate thousands, unless ``dot_is_decimal`` (a
    machine-written file whose dot the caller knows is a decimal point)."""
    match = _DECIMAL.fullmatch(_strip(text))
    if match is None:
        raise NumberError(text)
    fraction = match["fraction"] or match["only_fraction"]
    if (
        not dot_is_decimal
        and match["point"] == "."
        and len(fraction) == 3
        and _THOUSANDS_DOT.fullmatch(match["whole"] or "")
    ):
        sign = "\u2212" if match["sign"] else ""
        raise AmbiguousNumber(
            text,
            thousands=f"{sign}{match['whole']} {fraction}",
            decimal=f"{sign}{match['whole']},{fraction}",
        )
    digits = _whole(match) + (f".{fraction}" if fraction else "")
    return Decimal(("-" if match["sign"] else "") + digits)


def parse_integer(text: str) -> int:
    """``text`` as an int (thousands may be separated); raises NumberError otherwise."""
    match = _INTEGER.fullmatch(_strip(text))
    if match is None:
        raise NumberError(text)
    return int(("-" if match["sign"] else "") + _whole(match))
