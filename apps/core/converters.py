"""The ``<year:…>`` path converter: four ASCII digits within the years the product plans for.

A year outside them is not found (404) rather than a page that fails on dates it cannot
represent. ``year_or_none`` reads a year from a query string or form the same way.
"""

from __future__ import annotations

from django.urls import register_converter

FIRST_YEAR = 2000
LAST_YEAR = 2100


def year_or_none(raw: str) -> int | None:
    """The year written in ``raw`` (four ASCII digits in range), otherwise None."""
    if len(raw) == 4 and raw.isascii() and raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return None


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = year_or_none(value)
        if year is None:
            raise ValueError(value)  # the route does not match: 404
        return year

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(YearConverter, "year")
