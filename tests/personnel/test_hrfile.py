"""Reading the HR system's file: Swedish headers and numbers, CSV and XLSX, and every row
error it reports (row 1 is the header, the first data row is row 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from apps.personnel import hrfile
from apps.personnel.models import Group
from tests.personnel.files import HEADER, KOMMUN, SMALL_UNIT, changed, csv_bytes, xlsx_bytes


@pytest.fixture(autouse=True)
def english():
    """The errors name their columns in the UI's language; the tests read the English
    msgids (the file's own headers are Swedish whatever the language)."""
    with translation.override("en"):
        yield


def messages_at(rows, header=HEADER) -> list[tuple[int, str]]:
    _lines, errors = hrfile.parse(csv_bytes(rows, header))
    return [(error.row_number, error.column) for error in errors]


def test_reads_swedish_numbers_and_headers():
    lines, errors = hrfile.parse(csv_bytes(KOMMUN + SMALL_UNIT))
    assert errors == []
    total = lines[0]
    assert total.ansvarskod == ""
    assert total.group == Group.TOTAL
    assert (total.employees, total.permanent, total.temporary) == (1250, 1100, 150)
    assert total.annual_workers == Decimal("1120.5")
    assert total.ordinary_hours == Decimal("1250000")
    assert [line.group for line in lines[:6]] == list(Group)
    assert lines[6].ansvarskod == "2100"


def test_reads_an_xlsx_file_with_numbers_as_numbers():
    rows = [[None, row[1], *(float(c.replace(" ", "").replace(",", ".")) for c in row[2:])]
            for row in KOMMUN]  # fmt: skip
    lines, errors = hrfile.parse(xlsx_bytes(rows))
    assert errors == []
    assert lines[0].employees == 1250
    assert lines[0].annual_workers == Decimal("1120.5")


def test_reads_one_headcount_column_and_extra_columns():
    header = ["Ansvarskod", "Enhetsnamn", "Grupp", "Anställda", "Årsarbetare",
              "Sammanlagd ordinarie arbetstid", "Sjukfrånvaro (timmar)",
              "Sjukfrånvaro 60 dagar eller mer"]  # fmt: skip
    rows = [[r[0], "Kommunen", r[1], str(int(r[2].replace(" ", "")) + int(r[3])), *r[4:]]
            for r in KOMMUN]  # fmt: skip
    lines, errors = hrfile.parse(csv_bytes(rows, header))
    assert errors == []
    assert lines[0].employees == 1250
    assert lines[0].permanent is None


@pytest.mark.parametrize(
    "text, group",
    [("Totalt", Group.TOTAL), ("kvinnor", Group.WOMEN), ("Män", Group.MEN),
     ("-29", Group.AGE_29), ("≤29 år", Group.AGE_29), ("30-49", Group.AGE_30_49),
     ("50 år och äldre", Group.AGE_50), ("50+", Group.AGE_50), ("Chefer", None)],
)  # fmt: skip
def test_group_names(text, group):
    assert hrfile.group_of(text) == group


def test_a_missing_column_is_reported_at_the_header():
    header = [h for h in HEADER if h != "Sjuktimmar"]
    rows = [[c for i, c in enumerate(r) if i != 6] for r in KOMMUN]
    with pytest.raises(hrfile.HRFileError) as refused:
        hrfile.parse(csv_bytes(rows, header))
    assert [e.row_number for e in refused.value.row_errors] == [1]


def test_unknown_group_is_reported_at_its_row():
    assert messages_at(changed(KOMMUN, 3, 1, "Chefer")) == [(5, "Group")]


def test_negative_and_non_numbers_are_reported_at_their_cells():
    errors = messages_at(changed(changed(KOMMUN, 1, 4, "-3"), 2, 5, "många"))
    assert errors == [(3, "Full-time equivalents"), (4, "Ordinary working hours")]


def test_a_fraction_of_an_employee_is_an_error():
    assert messages_at(changed(KOMMUN, 0, 3, "150,5"))[0] == (2, "Temporary employees")


def test_sick_hours_above_ordinary_hours_is_an_error():
    rows = changed(SMALL_UNIT, 1, 6, "9 000")
    assert (9, "Sick leave hours") in messages_at(KOMMUN + rows)


def test_long_sick_above_sick_is_an_error():
    rows = changed(SMALL_UNIT, 2, 7, "500")
    assert (10, "Sick leave hours, 60 days or more") in messages_at(KOMMUN + rows)


def test_women_and_men_must_add_up_to_the_total():
    rows = changed(KOMMUN, 1, 2, "861")  # one more woman than the total has
    _lines, errors = hrfile.parse(csv_bytes(rows))
    assert [(e.row_number, e.column) for e in errors] == [(2, "Employees")]
    assert errors[0].message == "Women and men add up to 1\xa0251, not to the total 1\xa0250."
    assert errors[0].value == "1\xa0250"


def test_a_sum_error_writes_its_figures_the_swedish_way():
    rows = changed(KOMMUN, 5, 4, "441,0")  # one årsarbetare too many among the oldest
    _lines, errors = hrfile.parse(csv_bytes(rows))
    assert [(e.value, e.message) for e in errors] == [
        ("1\xa0120,5", "The age groups add up to 1\xa0121,5, not to the total 1\xa0120,5.")
    ]


def test_age_groups_must_add_up_to_the_total():
    rows = changed(KOMMUN, 5, 6, "41 000")
    assert messages_at(rows) == [(2, "Sick leave hours")]


def test_rounded_full_time_equivalents_are_accepted():
    rows = changed(KOMMUN, 2, 4, "250,1")
    assert messages_at(rows) == []


def test_a_unit_without_its_total_is_an_error():
    assert messages_at(KOMMUN + SMALL_UNIT[1:]) == [(8, "Group")]


def test_the_whole_kommun_needs_every_group():
    assert messages_at(KOMMUN[:5]) == [(2, "Group")]


def test_a_file_of_units_only_is_an_error():
    assert messages_at(SMALL_UNIT) == [(1, "Unit (responsibility code)")]


def test_a_group_twice_is_an_error():
    assert messages_at([*KOMMUN, KOMMUN[1]]) == [(8, "Group")]


def test_every_error_is_reported_not_only_the_first():
    rows = changed(changed(changed(KOMMUN, 0, 4, "x"), 3, 1, "?"), 4, 2, "-1")
    assert [row for row, _column in messages_at(rows)] == [2, 5, 6]


@pytest.mark.parametrize(
    "column, value, header",
    [(2, "1 000 000 000", "Permanent employees"),
     (4, "10 000 000", "Full-time equivalents"),
     (5, "1 000 000 000 000", "Ordinary working hours")],
)  # fmt: skip
def test_a_value_too_large_for_its_column_is_an_error(column, value, header):
    # A unit's total alone has no breakdown whose sum would catch it.
    rows = [*KOMMUN, changed(SMALL_UNIT, 0, column, value)[0]]
    _lines, errors = hrfile.parse(csv_bytes(rows))
    assert [(e.row_number, e.column, e.message) for e in errors] == [
        (8, header, "The value is too large.")
    ]


def test_the_largest_values_the_columns_hold_are_read():
    largest = ["2100", "Totalt", "999 999 999", "0", "9 999 999,99", "999 999 999 999,99", "0", "0"]
    rows = [*KOMMUN, largest]
    _lines, errors = hrfile.parse(csv_bytes(rows))
    assert errors == []
