"""Reading the personnel file an HR system writes: CSV (``;``, UTF-8 or Windows-1252) or XLSX,
a header row with Swedish names and one row per group, for the whole kommun (no unit) or
for a unit by its ansvarskod:

    Enhet;Grupp;Tillsvidareanställda;Visstidsanställda;Årsarbetare;Ordinarie timmar;
    Sjuktimmar;Sjuktimmar 60 dagar eller mer
    ;Totalt;1 105;143;1 118,4;1 389 200;97 244;38 898
    ;Kvinnor;…

Numbers are written the Swedish way (``1 234,5``). The headcount is one column
``Anställda`` or two, ``Tillsvidareanställda`` and ``Visstidsanställda`` (or all three,
then they must agree). The file is read with the outcome import's reader
(``apps.economy.outcomes.read_table``), which also guards against XLSX zip bombs.

Nothing here touches the database: ``parse`` checks each row on its own and the file's rows
together (every unit has a total; women and men, and the age groups, add up to it), and
returns typed rows or row errors; the import service turns ansvarskoder into units.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.economy.outcomes import RowError, UnreadableFile, parse_amount, read_table
from apps.economy.outcomes import _code as code_of
from apps.economy.outcomes import _normalise as normalise
from apps.personnel.models import AGE_GROUPS, GENDER_GROUPS, Group, PersonnelFigure
from styrmodell.lib.formats import format_number

__all__ = ["HRFileError", "PersonnelLine", "RowError", "parse"]

UNIT, GROUP = "unit", "group"
EMPLOYEES, PERMANENT, TEMPORARY = "employees", "permanent", "temporary"
ANNUAL_WORKERS, ORDINARY_HOURS = "annual_workers", "ordinary_hours"
SICK_HOURS, LONG_SICK_HOURS = "sick_hours", "long_sick_hours"
FIELD_LABELS = {
    UNIT: gettext_lazy("Unit (responsibility code)"),
    GROUP: gettext_lazy("Group"),
    EMPLOYEES: gettext_lazy("Employees"),
    PERMANENT: gettext_lazy("Permanent employees"),
    TEMPORARY: gettext_lazy("Temporary employees"),
    ANNUAL_WORKERS: gettext_lazy("Full-time equivalents"),
    ORDINARY_HOURS: gettext_lazy("Ordinary working hours"),
    SICK_HOURS: gettext_lazy("Sick leave hours"),
    LONG_SICK_HOURS: gettext_lazy("Sick leave hours, 60 days or more"),
}
REQUIRED = (GROUP, ANNUAL_WORKERS, ORDINARY_HOURS, SICK_HOURS, LONG_SICK_HOURS)
ADDITIVE = (EMPLOYEES, ANNUAL_WORKERS, ORDINARY_HOURS, SICK_HOURS, LONG_SICK_HOURS)
# Each part of a sum may be rounded by the HR system: årsarbetare to a tenth, hours to
# whole hours. Headcounts add up exactly.
ROUNDING = {EMPLOYEES: Decimal(0), ANNUAL_WORKERS: Decimal("0.1")}
HOURS_ROUNDING = Decimal(1)
COUNTS = (EMPLOYEES, PERMANENT, TEMPORARY)
# What the columns hold: a headcount below a billion (the sum of permanent and temporary
# stays inside the database's integer), other figures within their DecimalField. A larger
# value is a row error rather than a failed INSERT.
MAX_HEADCOUNT = Decimal(10) ** 9


def _limit(field: str) -> Decimal:
    """The first value too large for ``field``."""
    if field in COUNTS:
        return MAX_HEADCOUNT
    figure = PersonnelFigure._meta.get_field(field)
    return Decimal(10) ** (figure.max_digits - figure.decimal_places)


def field_of(header: str) -> str | None:
    """The field a header names, from its Swedish (or English) name; None: not ours."""
    name = normalise(header)
    if not name:
        return None
    if ("60" in name and ("sjuk" in name or "lang" in name)) or name.startswith("langtidssjuk"):
        return LONG_SICK_HOURS
    if name.startswith(("sjuk", "sick")):
        return SICK_HOURS
    if name.startswith(("ordinarie", "sammanlagdordinarie", "ordinary")):
        return ORDINARY_HOURS
    if name.startswith(("arsarbet", "heltidsekvivalent", "fte")):
        return ANNUAL_WORKERS
    if name.startswith(("tillsvidare", "permanent")):
        return PERMANENT
    if name.startswith(("visstid", "temporary")):
        return TEMPORARY
    if name in ("anstallda", "antalanstallda", "antal", "employees"):
        return EMPLOYEES
    if name in ("grupp", "kategori", "group"):
        return GROUP
    if name in ("enhet", "ansvar", "ansvarskod", "enhetansvarskod", "unit") or name.startswith(
        "ansvarskod"
    ):
        return UNIT
    return None


_TOTAL_NAMES = {"total", "totalt", "samtliga", "alla", "summa", "allaanstallda"}
_WOMEN_NAMES = {"kvinnor", "kvinna", "k", "women"}
_MEN_NAMES = {"man", "m", "men"}  # "män" normalises to "man"


def group_of(text: str) -> str | None:
    """The group a cell names: ``Totalt``, ``Kvinnor``, ``Män``, ``29 år eller yngre``
    (``-29``, ``≤29``), ``30–49 år``, ``50 år eller äldre`` (``50-``, ``≥50``)."""
    name = normalise(text)
    if name in _TOTAL_NAMES:
        return Group.TOTAL
    if name in _WOMEN_NAMES:
        return Group.WOMEN
    if name in _MEN_NAMES:
        return Group.MEN
    numbers = re.findall(r"[0-9]+", text)
    if numbers == ["29"]:
        return Group.AGE_29
    if numbers == ["30", "49"]:
        return Group.AGE_30_49
    if numbers == ["50"]:
        return Group.AGE_50
    return None


class HRFileError(ValueError):
    """The file cannot be read at all: not CSV or XLSX, or without the columns it needs.
    ``row_errors`` says which columns (at row 1)."""

    def __init__(self, message: str, row_errors: list[RowError] | None = None) -> None:
        super().__init__(message)
        self.row_errors = row_errors or []


@dataclass(frozen=True)
class PersonnelLine:
    """One row of the file, checked on its own and typed."""

    row_number: int
    ansvarskod: str  # "" for the whole kommun
    group: str
    employees: int
    permanent: int | None
    temporary: int | None
    annual_workers: Decimal
    ordinary_hours: Decimal
    sick_hours: Decimal
    long_sick_hours: Decimal


def _number(text: str, *, field: str) -> Decimal:
    """The field's Swedish number: not negative, within what the field holds; a count of
    people is whole."""
    if not text.strip():
        raise ValueError(_("The value is missing."))
    try:
        value = parse_amount(text)
    except ValueError:
        raise ValueError(_("The value is not a number.")) from None
    if value < 0:
        raise ValueError(_("The value cannot be negative."))
    if value >= _limit(field):
        raise ValueError(_("The value is too large."))
    if field in COUNTS and value != value.to_integral_value():
        raise ValueError(_("A number of employees is a whole number."))
    return value


def _columns(headers: list[str]) -> dict[str, int]:
    """The column index of each field; raises HRFileError for missing or repeated ones."""
    at: dict[str, int] = {}
    errors = []
    for index, header in enumerate(headers):
        field = field_of(header)
        if field is None:
            continue  # an HR system may add columns of its own (a unit's name)
        if field in at:
            errors.append(RowError(1, header, header, _("Two columns hold the same field.")))
        at.setdefault(field, index)
    missing = [field for field in REQUIRED if field not in at]
    if EMPLOYEES not in at and PERMANENT not in at:
        missing.append(EMPLOYEES)
    for field in missing:
        errors.append(RowError(1, str(FIELD_LABELS[field]), "", _("The file has no such column.")))
    if errors:
        raise HRFileError(_("The file's columns are not the ones the import reads."), errors)
    return at


def _line(number: int, cells: list[str], at: dict[str, int]) -> PersonnelLine | list[RowError]:
    """One row as a PersonnelLine, or its errors."""
    header_of = {field: FIELD_LABELS[field] for field in at}
    cells = cells + [""] * (max(at.values()) + 1 - len(cells))
    errors: list[RowError] = []

    def cell(field: str) -> str:
        return cells[at[field]].strip() if field in at else ""

    values: dict[str, Decimal | None] = {}
    for field in (EMPLOYEES, PERMANENT, TEMPORARY, *ADDITIVE[1:]):
        if field not in at or (field == TEMPORARY and not cell(field)):
            values[field] = None
            continue
        try:
            values[field] = _number(cell(field), field=field)
        except ValueError as error:
            errors.append(RowError(number, str(header_of[field]), cell(field), str(error)))
    group = group_of(cell(GROUP))
    if group is None:
        errors.append(
            RowError(
                number,
                str(header_of[GROUP]),
                cell(GROUP),
                _(
                    "Unknown group: write Totalt, Kvinnor, Män, 29 år eller yngre, 30–49 år or "
                    "50 år eller äldre."
                ),
            )
        )
    if errors:
        return errors

    permanent, temporary = values[PERMANENT], values[TEMPORARY]
    employees = values[EMPLOYEES]
    if permanent is not None:
        headcount = permanent + (temporary or 0)
        if employees is not None and employees != headcount:
            errors.append(
                RowError(
                    number,
                    str(header_of[EMPLOYEES]),
                    cell(EMPLOYEES),
                    _("Permanent and temporary employees are %(sum)s together, not %(employees)s.")
                    % {"sum": headcount, "employees": employees},
                )
            )
        employees = headcount
    ordinary, sick, long_sick = values[ORDINARY_HOURS], values[SICK_HOURS], values[LONG_SICK_HOURS]
    if sick > ordinary:
        errors.append(
            RowError(
                number,
                str(header_of[SICK_HOURS]),
                cell(SICK_HOURS),
                _("The sick leave hours are more than the ordinary working hours."),
            )
        )
    if long_sick > sick:
        errors.append(
            RowError(
                number,
                str(header_of[LONG_SICK_HOURS]),
                cell(LONG_SICK_HOURS),
                _("The sick leave of 60 days or more is more than the sick leave."),
            )
        )
    if errors:
        return errors
    return PersonnelLine(
        row_number=number,
        ansvarskod=code_of(cell(UNIT)),
        group=group,
        employees=int(employees),
        permanent=int(permanent) if permanent is not None else None,
        temporary=int(temporary) if temporary is not None else None,
        annual_workers=values[ANNUAL_WORKERS],
        ordinary_hours=ordinary,
        sick_hours=sick,
        long_sick_hours=long_sick,
    )


def _tolerance(field: str, parts: int) -> Decimal:
    return ROUNDING.get(field, HOURS_ROUNDING) * parts


def _swedish(value: Decimal) -> str:
    """``1 120,5``, with as many decimals as the file gave."""
    return format_number(value, max(0, -value.as_tuple().exponent))


def _sum_errors(
    lines: dict[str, PersonnelLine], parts: tuple[str, ...], label: str
) -> list[RowError]:
    """Errors where ``parts`` of a unit's total do not add up to it (reported at the total)."""
    total = lines[Group.TOTAL]
    errors = []
    for field in ADDITIVE:
        added = sum((Decimal(getattr(lines[part], field)) for part in parts), Decimal(0))
        expected = Decimal(getattr(total, field))
        if abs(added - expected) > _tolerance(field, len(parts)):
            errors.append(
                RowError(
                    total.row_number,
                    str(FIELD_LABELS[field]),
                    _swedish(expected),
                    _("%(parts)s add up to %(sum)s, not to the total %(total)s.")
                    % {"parts": label, "sum": _swedish(added), "total": _swedish(expected)},
                )
            )
    return errors


def _file_errors(lines: list[PersonnelLine], *, complete: bool) -> list[RowError]:
    """What is wrong with the rows together: repeated groups, a unit without its total or
    with part of a breakdown, breakdowns that do not add up; the whole kommun's rows with
    every group the law asks for. Not ``complete`` (some rows had errors of their own):
    a group is not reported missing, as it may be on such a row."""
    errors = []
    by_unit: dict[str, dict[str, PersonnelLine]] = defaultdict(dict)
    group_header = str(FIELD_LABELS[GROUP])
    for line in lines:
        groups = by_unit[line.ansvarskod]
        if line.group in groups:
            errors.append(
                RowError(
                    line.row_number,
                    group_header,
                    Group(line.group).label,
                    _("The group is already on row %(row)s for the same unit.")
                    % {"row": groups[line.group].row_number},
                )
            )
            continue
        groups[line.group] = line
    if complete and "" not in by_unit:
        errors.append(
            RowError(
                1,
                str(FIELD_LABELS[UNIT]),
                "",
                _("The file has no rows for the whole municipality (rows without a unit)."),
            )
        )
    for code, groups in by_unit.items():
        first = min(line.row_number for line in groups.values())
        required = (list(Group) if code == "" else [Group.TOTAL]) if complete else []
        for group in (g for g in required if g not in groups):
            where = _("the whole municipality") if code == "" else code
            errors.append(
                RowError(
                    first,
                    group_header,
                    str(Group(group).label),
                    _("The file has no row for this group for %(where)s.") % {"where": where},
                )
            )
        if Group.TOTAL not in groups:
            continue
        for parts, label in (
            (GENDER_GROUPS, _("Women and men")),
            (AGE_GROUPS, _("The age groups")),
        ):
            present = [part for part in parts if part in groups]
            if complete and present and len(present) < len(parts) and code != "":
                errors.append(
                    RowError(
                        groups[present[0]].row_number,
                        group_header,
                        code,
                        _("Give all the groups of the breakdown for the unit, or none of them."),
                    )
                )
            elif len(present) == len(parts):
                errors.extend(_sum_errors(groups, parts, label))
    return errors


def parse(content: bytes | BinaryIO) -> tuple[list[PersonnelLine], list[RowError]]:
    """The file's rows and every error in them (row 1 is the header). Raises HRFileError
    when the file cannot be read or lacks a column it needs."""
    try:
        table = read_table(content)
    except UnreadableFile as error:
        raise HRFileError(str(error)) from error
    at = _columns(table.headers)
    lines: list[PersonnelLine] = []
    errors: list[RowError] = []
    for number, cells in table.rows:
        result = _line(number, cells, at)
        if isinstance(result, list):
            errors.extend(result)
        else:
            lines.append(result)
    errors.extend(_file_errors(lines, complete=not errors))
    errors.sort(key=lambda error: error.row_number)
    return lines, errors
