"""Agenda 2030 through the chain (Alvesta's model): per global goal that has anything tagged,
its goals with their status in the period, the uppdrag with each receiving unit's status,
the activities of the year's plans and the indicators with target and value.

One read, ``apps.followup.agenda.agenda_2030``, the same as the follow-up page's; every
table is drawn in the PDF and is a sheet of the workbook, so both show the same rows.
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from apps.followup.agenda import agenda_2030
from apps.reports.content import BuildContext, Col, ColumnKind, Section, Table
from apps.reports.sections.goals import (
    STATUS_ORDER,
    _model,
    _status_label,
    _target_status_label,
)
from styrmodell.lib.indicators import target_status


def agenda(ctx: BuildContext) -> Section | None:
    """The section, where the model uses Agenda 2030: the model's query and the selector's
    ten (plus the computed statuses' providers)."""
    model = _model(ctx)
    if model is None or not model.uses_agenda_2030:
        return None
    blocks = agenda_2030(
        period=ctx.period, units=None if ctx.is_kommun else [ctx.unit], model=model
    )
    if not blocks:
        return None
    overview, goal_rows, assignment_rows, activity_rows, indicator_rows = [], [], [], [], []
    decimals = 0
    for block in blocks:
        tag = str(block.tag)
        counts = Counter(line.status.status for line in block.goals)
        overview.append(
            [
                tag,
                *(counts[s] for s in STATUS_ORDER),
                len(block.assignments),
                len(block.activities),
                len(block.indicators),
            ]
        )
        for line in block.goals:
            goal = line.goal
            goal_rows.append([tag, goal.title, goal.level.name, goal.owner.name, line.status.label])
        for line in block.assignments:
            assignment = line.assignment
            for recipient in line.recipients or [None]:
                assignment_rows.append(
                    [
                        tag,
                        assignment.title,
                        assignment.given_by.name,
                        recipient.recipient.unit.name if recipient else "",
                        recipient.status_label if recipient else "",
                    ]
                )
        for activity in block.activities:
            activity_rows.append(
                [
                    tag,
                    activity.title,
                    activity.plan.unit.name,
                    activity.goal.title if activity.goal_id else "",
                    activity.assignment.title if activity.assignment_id else "",
                    activity.ends_on,
                    activity.get_status_display(),
                ]
            )
        for line in block.indicators:
            indicator = line.indicator
            decimals = max(decimals, indicator.decimals)
            target = line.target.value if line.target else None
            value = line.value.total if line.value else None
            indicator_rows.append(
                [
                    tag,
                    indicator.title,
                    indicator.measure_unit,
                    target,
                    value,
                    _target_status_label(
                        target_status(
                            value,
                            target,
                            higher_is_better=indicator.direction == "higher",
                            near_percent=model.near_target_percent,
                        )
                    ),
                ]
            )
    global_goal = Col(_("Global goal"))
    tables = [
        Table(
            key="agenda-overview",
            title=_("The global goals in brief"),
            columns=[
                global_goal,
                *(Col(_status_label(s), ColumnKind.NUMBER, 0) for s in STATUS_ORDER),
                Col(_("Assignments"), ColumnKind.NUMBER, 0),
                Col(_("Activities"), ColumnKind.NUMBER, 0),
                Col(_("Indicators"), ColumnKind.NUMBER, 0),
            ],
            rows=overview,
            sheet=_("Agenda 2030"),
            note=_("The goals counted by their status in the period."),
        )
    ]
    if goal_rows:
        tables.append(
            Table(
                key="agenda-goals",
                title=_("Goals per global goal"),
                columns=[
                    global_goal,
                    Col(_("Goal")),
                    Col(_("Level")),
                    Col(_("Owner")),
                    Col(_("Status")),
                ],
                rows=goal_rows,
                sheet=_("Agenda 2030, goals"),
            )
        )
    if assignment_rows:
        tables.append(
            Table(
                key="agenda-assignments",
                title=_("Assignments per global goal"),
                columns=[
                    global_goal,
                    Col(_("Assignment")),
                    Col(_("Given by")),
                    Col(_("Receiving unit")),
                    Col(_("Status")),
                ],
                rows=assignment_rows,
                sheet=_("Agenda 2030, assignments"),
            )
        )
    if activity_rows:
        tables.append(
            Table(
                key="agenda-activities",
                title=_("Activities per global goal"),
                columns=[
                    global_goal,
                    Col(_("Activity")),
                    Col(_("Unit")),
                    Col(_("Goal")),
                    Col(_("Assignment")),
                    Col(_("End"), ColumnKind.DATE),
                    Col(_("Status")),
                ],
                rows=activity_rows,
                sheet=_("Agenda 2030, activities"),
            )
        )
    if indicator_rows:
        tables.append(
            Table(
                key="agenda-indicators",
                title=_("Indicators per global goal"),
                columns=[
                    global_goal,
                    Col(_("Indicator")),
                    Col(_("Unit of measure")),
                    Col(_("Target"), ColumnKind.NUMBER, decimals),
                    Col(_("Value this period"), ColumnKind.NUMBER, decimals),
                    Col(_("Status")),
                ],
                rows=indicator_rows,
                sheet=_("Agenda 2030, indicators"),
            )
        )
    return Section(
        key="agenda-2030",
        title=_("Agenda 2030"),
        intro=_(
            "The work and the results per global goal: %(count)s of the 17 goals have goals, "
            "assignments, activities or indicators tagged."
        )
        % {"count": len(blocks)},
        tables=tables,
    )
