"""The demo's personnel step: the HR file it writes is imported through the service, once;
the kommun's figures are Exempelkommun's, and the small förvaltning shows the suppression."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from apps.demo import personnel_demo
from apps.personnel.models import Group, PersonnelImport
from apps.personnel.selectors import SMALL, personnel_figures
from tests.factories import UnitFactory


def test_the_demo_imports_its_file_once(org, period, admin_user):
    existing = {org.forvaltning_a.ansvarskod, org.forvaltning_b.ansvarskod}  # 2100, 3100
    for unit in (u for u in personnel_demo.FÖRVALTNINGAR if u.code not in existing):
        UnitFactory(parent=org.namnd_b, kind="forvaltning", name=unit.name,
                    short_name=unit.code, ansvarskod=unit.code)  # fmt: skip
    personnel_demo.for_period(admin_user, period, "2026-t2")
    personnel_demo.for_period(admin_user, period, "2026-t2")
    assert PersonnelImport.objects.count() == 1

    table = personnel_figures(period)
    total = table.blocks[0].row(Group.TOTAL).current
    assert total.employees == 1250
    assert 1100 <= total.annual_workers <= 1140
    assert Decimal(6) <= total.sick_percent <= Decimal(8)
    assert Decimal(35) <= total.long_sick_share <= Decimal(45)
    women = table.blocks[0].row(Group.WOMEN).current.employees
    assert 0.74 <= women / total.employees <= 0.80
    small = next(b for b in table.blocks[1:] if b.unit.ansvarskod == "6100")
    assert small.row(Group.AGE_29).suppressed == SMALL


def test_a_period_the_demo_has_no_file_for_is_left_alone(org, period, admin_user):
    personnel_demo.for_period(admin_user, period, "2025-t1")
    assert not PersonnelImport.objects.exists()


def test_the_sample_file_among_the_assets_is_what_the_demo_imports():
    sample = Path(personnel_demo.__file__).parent / "assets/personal_2026-t2.csv"
    assert sample.read_bytes() == personnel_demo.hr_file("2026-t2")
