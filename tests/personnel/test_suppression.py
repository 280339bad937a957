"""Suppression read from the outside: a förvaltning of eleven, ten women and one man. The
total is reported; neither woman nor man is, on the page, in its Excel export or in the
nämnd's report, and the three show the total alike (one selector feeds them)."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.utils.translation import override
from openpyxl import load_workbook

from apps.personnel.services import personnel_import
from apps.reports.content import BuildContext, ReportKind
from apps.reports.sections.personnel import NOT_SHOWN, personnel
from tests.personnel.files import KOMMUN, csv_bytes

ELEVEN = [
    ["2100", "Totalt", "11", "0", "10,5", "17 000", "1 234", "594"],
    ["2100", "Kvinnor", "10", "0", "9,6", "15 400", "1 034", "444"],
    ["2100", "Män", "1", "0", "0,9", "1 600", "200", "150"],
]
# The total: 11 employees, 10,5 årsarbetare, 1 234 of 17 000 hours (7,3 %), 594 of them
# 60 days or more (48,1 %).
TOTAL = [11, Decimal("10.5"), Decimal("7.3"), Decimal("48.1")]
# What the women's and men's rows would show: årsarbetare, sick leave and long-term share.
HIDDEN = ["9,6", "6,7", "42,9", "0,9", "12,5", "75,0"]


@pytest.fixture
def eleven(period, economist):
    return personnel_import(actor=economist, period=period, content=csv_bytes(KOMMUN + ELEVEN),
                            file_name="personal.csv", reason="Från HR-systemet")  # fmt: skip


def _cells(row_html: str) -> list[str]:
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, re.S)
    return [re.sub(r"<[^>]+>", "", cell).replace("\xa0", " ").strip() for cell in cells]


def test_the_page_shows_the_total_and_neither_women_nor_men(client, economist, eleven, period):
    client.force_login(economist)
    page = client.get(f"/personal/{period.pk}/").content.decode()
    unit_table = page.split("<caption>Förvaltning A</caption>")[1].split("</table>")[0]
    rows = dict(re.findall(r'<tr data-group="(\w+)"[^>]*>(.*?)</tr>', unit_table, re.S))
    assert _cells(rows["total"])[1:5] == ["11", "10,5", "7,3", "48,1"]
    for group in ("women", "men"):
        assert _cells(rows[group])[1:6] == ["–"] * 5
    assert not [figure for figure in HIDDEN if figure in unit_table]


def test_the_excel_export_shows_the_total_and_neither_women_nor_men(
    client, economist, eleven, period
):
    client.force_login(economist)
    response = client.get(f"/personal/{period.pk}/excel/")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    unit_rows = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Förvaltning A"]
    total, women, men = unit_rows
    assert [total[2], total[5], total[6], total[7]] == [11, 10.5, 7.3, 48.1]
    for row in (women, men):
        assert row[2:9] == (None,) * 7
        assert row[9]  # says why


def test_the_nämnds_report_shows_the_total_and_neither_women_nor_men(eleven, period, org):
    with override("sv"):
        section = personnel(BuildContext(kind=ReportKind.INTERIM, period=period,
                                         unit=org.namnd_a, municipality=None))  # fmt: skip
    total, women, men = section.tables[0].rows
    assert total[1:5] == TOTAL
    for row in (women, men):
        assert row[1:] == [NOT_SHOWN, NOT_SHOWN, NOT_SHOWN, NOT_SHOWN, None]  # no last year
    assert "Kvinnor, Män" in section.tables[0].note
