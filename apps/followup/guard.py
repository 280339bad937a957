"""A closed reporting period makes its follow-up read-only, in the database (see dbguard)."""

from __future__ import annotations

from apps.core.dbguard import ReadOnlyWhileParentIn

CLOSED_PERIOD = ReadOnlyWhileParentIn(
    name="closed_period",
    parent_table="periods_reportingperiod",
    fk="period_id",
    state="closed",
    message="closed reporting period: follow-up of a closed period is read-only",
)


def create_guard(schema_editor, tables: tuple[str, ...]) -> None:
    CLOSED_PERIOD.create(schema_editor, tables)


def drop_guard(schema_editor, tables: tuple[str, ...], *, drop_function: bool) -> None:
    CLOSED_PERIOD.drop(schema_editor, tables, drop_function=drop_function)
