"""The demo's intern kontroll: decided control plans 2026 for KS and two nämnder with risks
spread over the matrix, results for the closed tertial 1 and part of the open tertial 2."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from apps.control.models import ControlPlan, ControlResult, Risk
from apps.periods.models import ReportingPeriod


@pytest.fixture
def seeded(db) -> None:
    call_command("seed_demo", stdout=StringIO())


def test_ks_and_two_nämnder_have_a_decided_plan_and_eight_to_twelve_risks(seeded):
    plans = ControlPlan.objects.filter(year=2026).select_related("unit")
    assert {p.unit.ansvarskod for p in plans} == {"1000", "2000", "3000"}
    for plan in plans:
        assert plan.is_decided and plan.paragraph
        assert 8 <= Risk.objects.filter(unit=plan.unit, year=2026).count() <= 12
        assert plan.controls.count() >= 4


def test_the_risks_spread_over_the_matrix(seeded):
    cells = set(Risk.objects.filter(year=2026).values_list("probability", "consequence"))
    values = {p * c for p, c in cells}
    assert len(cells) >= 12
    assert min(values) <= 4 and max(values) >= 16


def test_tertial_1_is_closed_with_every_control_reported(seeded):
    tertial1 = ReportingPeriod.objects.get(year=2026, name="Tertial 1")
    assert tertial1.is_closed
    controls = sum(p.controls.count() for p in ControlPlan.objects.filter(year=2026))
    assert ControlResult.objects.filter(period=tertial1).count() == controls
    failed = ControlResult.objects.filter(period=tertial1).exclude(status="no_remarks")
    assert failed.exists() and not failed.filter(measures="").exists()


def test_tertial_2_is_open_and_partly_reported(seeded):
    tertial2 = ReportingPeriod.objects.get(year=2026, name="Tertial 2")
    assert tertial2.state == "open"
    assert ControlResult.objects.filter(period=tertial2).count() == 3
