"""Pinned query counts (STYLE.md): the personnel page runs as many queries for one unit and
one earlier import as for five units and four."""

from __future__ import annotations

import pytest

from apps.personnel.services import personnel_import
from tests.factories import ReportingPeriodFactory
from tests.personnel.files import HEADER, KOMMUN, csv_bytes

UNIT_CODES = ["2000", "2100", "2110", "3000", "3100"]
# The session, the user and the user's roles (3); the period (1); the selector: the previous
# year's period and both periods' figures with their units (2); the import history with who
# imported and what replaced each (1); the kommun's name for the header (1).
PAGE_QUERIES = 8


def _unit_rows(code: str) -> list[list[str]]:
    return [[code, *row[1:]] for row in KOMMUN]


@pytest.mark.parametrize("size", [1, 5])
def test_the_period_page_runs_a_fixed_number_of_queries(
    client, economist, period, size, django_assert_num_queries
):
    ReportingPeriodFactory(year=2025, kind="tertial2", name="Tertial 2")
    rows = KOMMUN + [row for code in UNIT_CODES[:size] for row in _unit_rows(code)]
    for number in range(size):
        # Not the same file again: a column the import does not read tells the exports apart.
        content = csv_bytes(rows, [*HEADER, f"Export {number}"])
        personnel_import(actor=economist, period=period, content=content,
                         file_name=f"p{number}.csv", reason="x")  # fmt: skip
    client.force_login(economist)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(f"/personal/{period.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<caption>") == 1 + size  # the kommun's table, then each unit's
    assert page.count(".csv</th>") == size  # every import in the history
