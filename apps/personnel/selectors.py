"""Reads of personnel figures: the table the page, its Excel export and the reports show.

Suppression (LKBR 11 kap. 9 §, SKR's guidance): sjukfrånvaro is not reported for a group of
at most ten employees, nor where a figure could be traced to individuals. A group that is
small is suppressed; and when one of women and men, or one of the three age groups, is
suppressed, one more of its breakdown is too, since the total minus the others would give it
away. A suppressed group's figures are None and it says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod
from apps.personnel.models import AGE_GROUPS, GENDER_GROUPS, Group, PersonnelFigure, PersonnelImport

MIN_REPORTED = 11  # a group of at most ten employees is not reported
SMALL, DERIVABLE = "small", "derivable"


def suppression_reasons() -> dict[str, str]:
    return {
        SMALL: _("Not reported: the group has at most ten employees."),
        DERIVABLE: _(
            "Not reported: the group's figures would give away those of a group with at "
            "most ten employees."
        ),
    }


@dataclass(frozen=True)
class Figures:
    """One group's figures in one period; all None when suppressed."""

    employees: int | None
    permanent: int | None
    temporary: int | None
    annual_workers: Decimal | None
    sick_percent: Decimal | None  # sick hours of ordinary working hours, %
    long_sick_share: Decimal | None  # of the sick hours, those of 60 days or more, %


NOTHING = Figures(None, None, None, None, None, None)


@dataclass
class PersonnelRow:
    group: str
    current: Figures = NOTHING
    previous: Figures = NOTHING  # the previous year's same period
    suppressed: str = ""  # SMALL or DERIVABLE; "" when the figures are shown
    previous_suppressed: str = ""
    missing: bool = False  # the file had no row for the group

    @property
    def label(self) -> str:
        return str(Group(self.group).label)

    @property
    def suppressed_reason(self) -> str:
        return suppression_reasons()[self.suppressed] if self.suppressed else ""


@dataclass
class UnitFigures:
    """The rows of the whole kommun (``unit`` None) or of one unit, in the law's order."""

    unit: Unit | None
    rows: list[PersonnelRow]

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else _("The whole municipality")

    def row(self, group: str) -> PersonnelRow:
        return next(row for row in self.rows if row.group == group)

    @property
    def suppressed_rows(self) -> list[PersonnelRow]:
        return [row for row in self.rows if row.suppressed]


@dataclass
class PersonnelTable:
    period: ReportingPeriod
    previous_period: ReportingPeriod | None
    blocks: list[UnitFigures] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return any(not row.missing for block in self.blocks for row in block.rows)


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _figures(figure: PersonnelFigure) -> Figures:
    return Figures(
        employees=figure.employees,
        permanent=figure.permanent,
        temporary=figure.temporary,
        annual_workers=figure.annual_workers,
        sick_percent=_percent(figure.sick_hours, figure.ordinary_hours),
        long_sick_share=_percent(figure.long_sick_hours, figure.sick_hours),
    )


def suppressions(employees: dict[str, int]) -> dict[str, str]:
    """Which groups of one unit's breakdown to suppress, and why, from their headcounts."""
    suppressed = {group: SMALL for group, count in employees.items() if count < MIN_REPORTED}
    if Group.TOTAL in suppressed:
        return {group: suppressed.get(group, DERIVABLE) for group in employees}
    for parts in (GENDER_GROUPS, AGE_GROUPS):
        present = [part for part in parts if part in employees]
        hidden = [part for part in present if part in suppressed]
        shown = [part for part in present if part not in suppressed]
        if len(hidden) == 1 and shown and Group.TOTAL in employees:
            # The total minus the shown ones would give the hidden one: hide the smallest
            # shown one as well.
            suppressed[min(shown, key=lambda part: employees[part])] = DERIVABLE
    return suppressed


def _rows(figures: dict[str, PersonnelFigure], previous: dict[str, PersonnelFigure], *,
          every_group: bool) -> list[PersonnelRow]:  # fmt: skip
    hidden = suppressions({group: f.employees for group, f in figures.items()})
    hidden_before = suppressions({group: f.employees for group, f in previous.items()})
    groups = list(Group) if every_group else [g for g in Group if g in figures]
    rows = []
    for group in groups:
        row = PersonnelRow(group=group, missing=group not in figures)
        row.suppressed = hidden.get(group, "")
        row.previous_suppressed = hidden_before.get(group, "")
        if group in figures and not row.suppressed:
            row.current = _figures(figures[group])
        if group in previous and not row.previous_suppressed:
            row.previous = _figures(previous[group])
        rows.append(row)
    return rows


def personnel_figures(period: ReportingPeriod, unit: Unit | None = None) -> PersonnelTable:
    """The period's personnel figures with the previous year's same period beside them.

    ``unit`` None: the whole kommun's rows (every group the law asks for, present or not),
    then each unit the file has rows for. A unit: the rows of the units in its subtree.
    Two queries, whatever the number of rows.
    """
    previous_period = ReportingPeriod.objects.filter(year=period.year - 1, kind=period.kind).first()
    periods = [period] if previous_period is None else [period, previous_period]
    current = PersonnelFigure.objects.filter(
        personnel_import__replaced_by__isnull=True, period__in=periods
    )
    if unit is not None:
        current = current.filter(
            unit__tree_id=unit.tree_id, unit__lft__gte=unit.lft, unit__rght__lte=unit.rght
        )
    by_key: dict[tuple[int, int | None], dict[str, PersonnelFigure]] = {}
    units: dict[int, Unit] = {}
    for figure in current.select_related("unit").order_by("unit__lft", "pk"):
        by_key.setdefault((figure.period_id, figure.unit_id), {})[figure.group] = figure
        if figure.unit is not None:
            units.setdefault(figure.unit_id, figure.unit)

    table = PersonnelTable(period=period, previous_period=previous_period)
    previous_pk = previous_period.pk if previous_period else None
    if unit is None:
        table.blocks.append(UnitFigures(None, _rows(
            by_key.get((period.pk, None), {}), by_key.get((previous_pk, None), {}),
            every_group=True,
        )))  # fmt: skip
    for unit_id, shown in units.items():
        if (period.pk, unit_id) not in by_key:
            continue  # a unit only in last year's file
        table.blocks.append(UnitFigures(shown, _rows(
            by_key[(period.pk, unit_id)], by_key.get((previous_pk, unit_id), {}),
            every_group=False,
        )))  # fmt: skip
    return table


def import_history(period: ReportingPeriod) -> list[PersonnelImport]:
    """The period's imports, newest first (the first not replaced is the current one)."""
    return list(
        PersonnelImport.objects.filter(period=period).select_related("imported_by", "replaced_by")
    )


def periods_with_imports() -> list[tuple[ReportingPeriod, PersonnelImport | None]]:
    """Every period with its current import, if any; newest first. Two queries."""
    current = {
        record.period_id: record
        for record in PersonnelImport.objects.filter(replaced_by__isnull=True).select_related(
            "imported_by"
        )
    }
    periods = ReportingPeriod.objects.order_by("-year", "-ends_on")
    return [(period, current.get(period.pk)) for period in periods]
