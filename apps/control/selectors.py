"""Reads of intern kontroll, each in a fixed number of queries whatever the data's size."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from apps.control.models import (
    RISK_FIELDS,
    SCALE,
    Control,
    ControlPlan,
    ControlResult,
    Risk,
    RiskCategory,
    RiskLevel,
    ScaleAxis,
    ScaleStep,
)
from apps.core.history import HistoryEntry, fields_named, history_entries, history_records
from apps.followup.access import can_read_followup, readable_followup
from styrmodell.lib.colours import readable_text_colour

if TYPE_CHECKING:
    from apps.accounts.access import UserAccess
    from apps.organisation.models import Unit
    from apps.periods.models import ReportingPeriod

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def level_for(value: int, levels: list[RiskLevel]) -> RiskLevel | None:
    """The level whose band holds ``value``; between bands, the highest band below it."""
    found = None
    for level in levels:  # ordered by min_value
        if level.min_value <= value:
            found = level
    return found


@dataclass
class MatrixCell:
    probability: int
    consequence: int
    level: RiskLevel | None
    risks: list[Risk] = field(default_factory=list)

    @property
    def value(self) -> int:
        return self.probability * self.consequence

    @property
    def count(self) -> int:
        return len(self.risks)


@dataclass
class MatrixRow:
    consequence: int
    step: ScaleStep | None
    cells: list[MatrixCell]


@dataclass
class RiskMatrix:
    """The 5×5 matrix: rows konsekvens 5→1, columns sannolikhet 1→5."""

    risks: list[Risk]
    rows: list[MatrixRow]
    columns: list[tuple[int, ScaleStep | None]]
    levels: list[RiskLevel]

    def cell(self, probability: int, consequence: int) -> MatrixCell:
        row = self.rows[5 - consequence]
        return row.cells[probability - 1]


def scale_steps() -> dict[tuple[str, int], ScaleStep]:
    return {(s.axis, s.step): s for s in ScaleStep.objects.all()}


def risk_matrix(*, unit: Unit, year: int) -> RiskMatrix:
    """The unit's risks for ``year`` placed on the matrix, each with its level (3 queries)."""
    risks = list(
        Risk.objects.filter(unit=unit, year=year)
        .select_related("category")
        .order_by("-probability", "-consequence", "pk")
    )
    levels = list(RiskLevel.objects.order_by("min_value"))
    steps = scale_steps()
    cells = {(p, c): MatrixCell(p, c, level_for(p * c, levels)) for p in SCALE for c in SCALE}
    for risk in risks:
        risk.level = level_for(risk.value, levels)
        cells[(risk.probability, risk.consequence)].risks.append(risk)
    rows = [
        MatrixRow(c, steps.get((ScaleAxis.CONSEQUENCE, c)), [cells[(p, c)] for p in SCALE])
        for c in reversed(SCALE)
    ]
    columns = [(p, steps.get((ScaleAxis.PROBABILITY, p))) for p in SCALE]
    return RiskMatrix(risks=risks, rows=rows, columns=columns, levels=levels)


@dataclass
class PlanPage:
    plan: ControlPlan | None
    controls: list[Control]
    risks: list[Risk]


def control_plan(*, unit: Unit, year: int) -> PlanPage:
    """The plan with its controls (and their risks), and the unit's risks to choose from."""
    plan = ControlPlan.objects.filter(unit=unit, year=year).first()
    controls = []
    if plan is not None:
        controls = list(plan.controls.select_related("risk__category").order_by("pk"))
    risks = list(
        Risk.objects.filter(unit=unit, year=year).select_related("category")
        .order_by("-probability", "-consequence", "pk")
    )  # fmt: skip
    levels = list(RiskLevel.objects.order_by("min_value"))
    for risk in [*risks, *(c.risk for c in controls)]:
        risk.level = level_for(risk.value, levels)
    return PlanPage(plan=plan, controls=controls, risks=risks)


def results_for(
    *, plan: ControlPlan, period: ReportingPeriod
) -> list[tuple[Control, ControlResult | None]]:
    """Each control of the plan with its result in ``period`` (2 queries)."""
    controls = list(plan.controls.select_related("risk").order_by("pk"))
    results = {
        r.control_id: r for r in ControlResult.objects.filter(period=period, control__plan=plan)
    }
    return [(control, results.get(control.pk)) for control in controls]


@dataclass
class RollupRow:
    unit: Unit
    control: Control
    result: ControlResult | None
    hidden: bool = False  # an open period's result the reader may not read


def rollup(*, period: ReportingPeriod, reader: UserAccess | None = None) -> list[RollupRow]:
    """Every control of every plan of the period's year with its result, in the order of the
    organisation (2 queries): KS's roll-up. With ``reader``, an open period's results only
    where the reader may read the unit's follow-up (``apps.followup.access``), the others
    ``hidden``; without, all of them (a report, whose readers its own access decides)."""
    controls = list(
        Control.objects.filter(plan__year=period.year)
        .select_related("plan__unit", "risk")
        .order_by("plan__unit__tree_id", "plan__unit__lft", "pk")
    )
    results = {
        r.control_id: r
        for r in ControlResult.objects.filter(
            readable_followup(reader, unit="control__plan__unit", period="period")
            if reader is not None
            else Q(),
            period=period,
        )
    }
    return [
        RollupRow(
            c.plan.unit,
            c,
            results.get(c.pk),
            hidden=reader is not None and not can_read_followup(reader, c.plan.unit, period),
        )
        for c in controls
    ]


def risk_history(risk: Risk) -> list[HistoryEntry]:
    """Who scored and changed the risk, when and why, newest first (2 queries)."""
    records = history_records(risk)
    fields = fields_named(Risk, RISK_FIELDS)
    labels = dict(
        RiskCategory.objects.filter(pk__in={r.category_id for r in records}).values_list(
            "pk", "name"
        )
    )
    entries = history_entries(records, fields, {"category_id": labels})
    entries.reverse()
    return entries


def risk_level_stylesheet() -> str:
    """Each risk level's colour as a class (``.risk-level--<id>``), with black or white text,
    whichever reads better on it (1 query). The CSP refuses style attributes, and the
    colours are data, so the pages link this instead of writing them inline."""
    rules = [
        f".risk-level--{level.pk} {{ background-color: {level.colour}; "
        f"color: {readable_text_colour(level.colour)}; }}"
        for level in RiskLevel.objects.order_by("min_value")
        if COLOUR.fullmatch(level.colour)  # never anything but #rrggbb into the stylesheet
    ]
    return "\n".join(rules) + "\n"
