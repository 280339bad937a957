"""The personnel table: percentages, the previous year's same period, suppression of small
groups (and of those that would give a small one away), and a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.personnel import selectors
from apps.personnel.models import Group
from apps.personnel.selectors import DERIVABLE, SMALL, personnel_figures, suppressions
from apps.personnel.services import personnel_import
from tests.factories import ReportingPeriodFactory
from tests.personnel.files import KOMMUN, csv_bytes


def test_percentages_of_the_whole_kommun(imported, period):
    table = personnel_figures(period)
    total = table.blocks[0].row(Group.TOTAL)
    assert table.blocks[0].unit is None
    assert total.current.employees == 1250
    assert total.current.annual_workers == Decimal("1120.5")
    assert total.current.sick_percent == Decimal("7.0")  # 87 500 of 1 250 000 hours
    assert total.current.long_sick_share == Decimal("40.0")  # 35 000 of 87 500
    assert [row.group for row in table.blocks[0].rows] == list(Group)


def test_the_previous_years_same_period_is_beside(imported, period, economist):
    before = ReportingPeriodFactory(year=2025, kind="tertial2", name="Tertial 2")
    rows = [list(row) for row in KOMMUN]
    rows[0][6:] = ["62 500", "25 000"]
    rows[1][6:] = ["50 000", "21 000"]
    rows[2][6:] = ["12 500", "4 000"]
    rows[3][6:] = ["11 000", "2 000"]
    rows[4][6:] = ["21 500", "9 000"]
    rows[5][6:] = ["30 000", "14 000"]
    personnel_import(actor=economist, period=before, content=csv_bytes(rows),
                     file_name="2025.csv", reason="x")  # fmt: skip
    table = personnel_figures(period)
    assert table.previous_period == before
    assert table.blocks[0].row(Group.TOTAL).previous.sick_percent == Decimal("5.0")


def test_a_unit_with_at_most_ten_in_a_group_is_suppressed(imported, period, org):
    table = personnel_figures(period)
    unit_block = table.blocks[1]
    assert unit_block.unit == org.forvaltning_a
    assert unit_block.row(Group.TOTAL).suppressed == ""
    assert unit_block.row(Group.TOTAL).current.employees == 15
    for group in (Group.WOMEN, Group.MEN):
        row = unit_block.row(group)
        assert row.suppressed == SMALL
        assert row.current.employees is None
        assert row.current.sick_percent is None
        assert row.suppressed_reason


@pytest.mark.parametrize(
    "employees, expected",
    [
        ({"total": 30, "women": 25, "men": 5}, {"men": SMALL, "women": DERIVABLE}),
        ({"total": 30, "women": 15, "men": 15}, {}),
        ({"total": 40, "age_29": 4, "age_30_49": 20, "age_50": 16},
         {"age_29": SMALL, "age_50": DERIVABLE}),
        ({"total": 40, "age_29": 4, "age_30_49": 6, "age_50": 30},
         {"age_29": SMALL, "age_30_49": SMALL}),
        ({"total": 9, "women": 5, "men": 4}, {"total": SMALL, "women": SMALL, "men": SMALL}),
        ({"total": 11}, {}),
        ({"total": 10}, {"total": SMALL}),
    ],
)  # fmt: skip
def test_suppression_rules(employees, expected):
    assert suppressions(employees) == expected


def test_a_nämnd_sees_the_rows_of_its_units(imported, period, org):
    table = personnel_figures(period, org.namnd_a)
    assert [block.unit for block in table.blocks] == [org.forvaltning_a]
    assert personnel_figures(period, org.namnd_b).blocks == []


def test_without_an_import_every_group_is_there_and_missing(period):
    table = personnel_figures(period)
    assert not table.has_figures
    assert all(row.missing for row in table.blocks[0].rows)


# The previous year's period (1) and the figures of both periods with their units (1).
SELECTOR_QUERIES = 2


def _unit_rows(code: str) -> list[list[str]]:
    return [[code, *row[1:]] for row in KOMMUN]


@pytest.mark.parametrize("unit_codes", [[], ["2000", "2100", "2110", "3000", "3100"]])
def test_the_selector_runs_a_fixed_number_of_queries(
    period, economist, unit_codes, django_assert_num_queries
):
    ReportingPeriodFactory(year=2025, kind="tertial2", name="Tertial 2")
    rows = KOMMUN + [row for code in unit_codes for row in _unit_rows(code)]
    personnel_import(actor=economist, period=period, content=csv_bytes(rows),
                     file_name="p.csv", reason="x")  # fmt: skip
    with django_assert_num_queries(SELECTOR_QUERIES):
        table = personnel_figures(period)
        assert len(table.blocks) == 1 + len(unit_codes)


def test_periods_with_imports(imported, period):
    assert dict(selectors.periods_with_imports())[period] == imported
