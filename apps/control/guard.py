"""Intern kontroll's database guards (see apps.core.dbguard): a decided control plan's
controls are read-only until the plan is reopened, and a closed period's control results
are read-only like all follow-up."""

from __future__ import annotations

from apps.core.dbguard import ReadOnlyWhileParentIn
from apps.followup.guard import CLOSED_PERIOD

CONTROLS = ("control_control",)
RESULTS = ("control_controlresult",)
DECIDED_CONTROL_PLAN = ReadOnlyWhileParentIn(
    name="decided_control_plan",
    parent_table="control_controlplan",
    fk="plan_id",
    state="decided",
    message="decided control plan: its controls are read-only until it is reopened",
)


def create_guards(schema_editor) -> None:
    DECIDED_CONTROL_PLAN.create(schema_editor, CONTROLS)
    CLOSED_PERIOD.create(schema_editor, RESULTS)


def drop_guards(schema_editor) -> None:
    DECIDED_CONTROL_PLAN.drop(schema_editor, CONTROLS, drop_function=True)
    CLOSED_PERIOD.drop(schema_editor, RESULTS, drop_function=False)
