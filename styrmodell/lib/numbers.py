"""Reading numbers as people type them in Swedish forms.

``1 234,5``, ``1234.5``, ``−12`` (the typographic minus) and thousands separated by a space,
a no-break space or a thin space are read; anything Python would also take but a person did
not mean as a plain number is refused: digits of other scripts (``١٢٣``, ``１２３``),
underscores (``1_000``), exponents, ``NaN`` and ``Infinity``, two decimal separators.
"""

from __future__ import annotations

import re
from decimal import Decimal

MINUS_SIGNS = "-\u2212"
THOUSANDS_SEPARATORS = " \u00a0\u202f\u2009"

_DIGITS = "[0-9]+"
_GROUPED = f"{_DIGITS}(?:[{THOUSANDS_SEPARATORS}]{_DIGITS})*"
_INTEGER = re.compile(f"(?P<sign>[{MINUS_SIGNS}])?(?P<whole>{_GROUPED})")
_DECIMAL = re.compile(
    f"(?P<sign>[{MINUS_SIGNS}])?(?:(?P<whole>{_GROUPED})(?:[.,](?P<fraction>{_DIGITS}))?"
    f"|[.,](?P<only_fraction>{_DIGITS}))"
)


class NumberError(ValueError):
    """The text is not a number as the forms read them."""


def _strip(text: str) -> str:
    return text.strip(" \t\r\n" + THOUSANDS_SEPARATORS)


def _whole(match: re.Match) -> str:
    return re.sub(f"[{THOUSANDS_SEPARATORS}]", "", match["whole"] or "0")


def parse_decimal(text: str) -> Decimal:
    """``text`` as a Decimal; raises NumberError for anything but a plain number."""
    match = _DECIMAL.fullmatch(_strip(text))
    if match is None:
        raise NumberError(text)
    fraction = match["fraction"] or match["only_fraction"]
    digits = _whole(match) + (f".{fraction}" if fraction else "")
    return Decimal(("-" if match["sign"] else "") + digits)


def parse_integer(text: str) -> int:
    """``text`` as an int (thousands may be separated); raises NumberError otherwise."""
    match = _INTEGER.fullmatch(_strip(text))
    if match is None:
        raise NumberError(text)
    return int(("-" if match["sign"] else "") + _whole(match))
