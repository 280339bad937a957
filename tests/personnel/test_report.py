"""The report's "Personal" under väsentliga personalförhållanden: every group the law asks for
as a row, suppressed groups with "–" and a note saying which, a nämnd's units."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import override

from apps.personnel.models import Group
from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections.personnel import NOT_SHOWN, personnel


def _ctx(period, kind=ReportKind.INTERIM, unit=None) -> BuildContext:
    return BuildContext(kind=kind, period=period, unit=unit, municipality=None)


def test_the_kommun_report_has_every_group_as_a_row(imported, period):
    with override("en"):
        section = personnel(_ctx(period))
        labels = [str(group.label) for group in Group]
    table = section.tables[0]
    assert table.sheet == "Personnel"
    assert [row[0] for row in table.rows] == labels
    assert table.rows[0][0] == "All employees"
    assert table.rows[0][1:5] == [1250, Decimal("1120.5"), Decimal("7.0"), Decimal("40.0")]
    assert table.note == ""


def test_a_nämnd_report_has_its_units_with_suppressed_groups_marked(imported, period, org):
    with override("en"):
        section = personnel(_ctx(period, ReportKind.ANNUAL, org.namnd_a))
    table = section.tables[0]
    assert table.title == org.forvaltning_a.name
    women, men = table.rows[1], table.rows[2]
    assert women[1:5] == [NOT_SHOWN] * 4
    assert men[1:5] == [NOT_SHOWN] * 4
    assert table.note.startswith("Not reported: the group has at most ten employees.")
    assert "Women, Men" in table.note


def test_a_nämnd_without_unit_rows_gets_no_section(imported, period, org):
    assert personnel(_ctx(period, ReportKind.INTERIM, org.namnd_b)) is None


def test_the_budget_follow_up_leaves_it_out(imported, period):
    assert personnel(_ctx(period, ReportKind.BUDGET_FOLLOWUP)) is None


def test_without_an_import_the_rows_are_there_and_say_so(period):
    with override("en"):
        section = personnel(_ctx(period))
    assert len(section.tables[0].rows) == len(Group)
    assert section.tables[0].rows[0][1] is None
    assert "No personnel figures" in section.intro
    assert "Not in the HR system's file" in section.tables[0].note
