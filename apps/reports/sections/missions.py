"""Vadstena's model: no nämndmål; what each nämnd follows up every period is its
grunduppdrag (status, analysis, indicators) and the political uppdrag it received (its
återrapport in the period), each carrying the sustainability aspects (ekonomisk, ekologisk,
social) it serves, and the aspects counted.

Reads ``apps.followup.selectors.mission_followups`` and ``assignment_followups``, the same
as the follow-up's pages; the aspects section counts what those two returned (kept in
``ctx.shared``), so it adds no query.
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from apps.followup.models import GoalStatus
from apps.followup.selectors import assignment_followups, mission_followups
from apps.goals.models import RecipientStatus, Tag, TagKind
from apps.reports.content import BuildContext, Col, ColumnKind, Section, Table
from apps.reports.sections.goals import STATUS_ORDER, _model

NOT_REPORTED = "not_reported"


def _units(ctx: BuildContext):
    return None if ctx.is_kommun else [ctx.unit]


def _missions(ctx: BuildContext):
    return ctx.once(
        "missions:missions", lambda: mission_followups(period=ctx.period, units=_units(ctx))
    )


def _assignments(ctx: BuildContext):
    return ctx.once(
        "missions:assignments", lambda: assignment_followups(period=ctx.period, units=_units(ctx))
    )


def _aspects(tags) -> list[Tag]:
    """The sustainability aspects among an item's tags (prefetched), in their order."""
    found = [tag for tag in tags.all() if tag.kind == TagKind.SUSTAINABILITY]
    return sorted(found, key=lambda tag: (tag.position, tag.name))


def _names(tags: list[Tag]) -> str:
    return ", ".join(tag.name for tag in tags)


def _indicator_rows(unit: str, holder: str, lines) -> list[list[object]]:
    return [
        [
            line.indicator.title,
            unit,
            holder,
            line.indicator.measure_unit,
            line.target.value if line.target else None,
            line.value.total if line.value else None,
        ]
        for line in lines
    ]


def _indicator_table(key: str, title: str, holder: str, rows: list, sheet: str) -> Table:
    return Table(
        key=key,
        title=title,
        columns=[
            Col(_("Indicator")),
            Col(_("Unit")),
            Col(holder),
            Col(_("Unit of measure")),
            Col(_("Target"), ColumnKind.NUMBER, 1),
            Col(_("Value this period"), ColumnKind.NUMBER, 1),
        ],
        rows=rows,
        sheet=sheet,
        note=_("The unit's own target and value where it has them, else the kommun's."),
    )


def basic_missions(ctx: BuildContext) -> Section | None:
    """Each nämnd's grunduppdrag followed up in the period: the selector's seven queries."""
    model = _model(ctx)
    if model is None or not model.follows_up_basic_missions:
        return None
    found = _missions(ctx)
    if not found:
        return None
    not_reported = _("Not reported")
    rows, indicator_rows = [], []
    for item in found:
        unit = item.mission.unit.name
        assessment = item.assessment if item.reported else None
        rows.append(
            [
                item.title,
                unit,
                _names(_aspects(item.mission.tags)),
                assessment.get_status_display() if assessment else not_reported,
                assessment.analysis if assessment else "",
            ]
        )
        indicator_rows += _indicator_rows(unit, item.title, item.indicators)
    reported = sum(1 for item in found if item.reported)
    tables = [
        Table(
            key="missions-followup",
            title=_("Follow-up of the basic missions"),
            columns=[
                Col(_("Basic mission")),
                Col(_("Unit")),
                Col(_("Sustainability aspects")),
                Col(_("Status")),
                Col(_("Analysis")),
            ],
            rows=rows,
            sheet=_("Basic missions"),
        )
    ]
    if indicator_rows:
        tables.append(
            _indicator_table(
                "missions-indicators",
                _("Indicators of the basic missions"),
                _("Basic mission"),
                indicator_rows,
                _("Basic mission indicators"),
            )
        )
    return Section(
        key="missions-followup",
        title=_("Basic missions"),
        intro=_("%(reported)s of %(total)s basic missions are followed up in the period.")
        % {"reported": reported, "total": len(found)},
        tables=tables,
    )


def _recipient_status(item) -> str:
    """The återrapport's status in the period; by the follow-up's rule (``reported``) an
    uppdrag counts as reported only with a report written."""
    return item.report.status if item.reported else NOT_REPORTED


def assignment_reports(ctx: BuildContext) -> Section | None:
    """Each receiving unit's återrapport of its uppdrag in the period, where the model has
    uppdrag reported each period (it then takes the place of the uppdrag's latest status):
    the selector's seven queries."""
    model = _model(ctx)
    if model is None or not model.follows_up_assignments:
        return None
    found = _assignments(ctx)
    if not found:
        return None
    not_reported = _("Not reported")
    rows, indicator_rows = [], []
    for item in found:
        assignment = item.assignment
        report = item.report if item.reported else None
        rows.append(
            [
                assignment.title,
                assignment.given_by.name,
                item.unit.name,
                _names(_aspects(assignment.tags)),
                report.get_status_display() if report else not_reported,
                assignment.deadline,
                report.report if report else "",
            ]
        )
        indicator_rows += _indicator_rows(item.unit.name, assignment.title, item.indicators)
    done = sum(1 for item in found if _recipient_status(item) == RecipientStatus.COMPLETED)
    tables = [
        Table(
            key="assignment-reports",
            title=_("Reports on the assignments in the period"),
            columns=[
                Col(_("Assignment")),
                Col(_("Given by")),
                Col(_("Receiving unit")),
                Col(_("Sustainability aspects")),
                Col(_("Status")),
                Col(_("Deadline"), ColumnKind.DATE),
                Col(_("Report")),
            ],
            rows=rows,
            sheet=_("Assignments"),
        )
    ]
    if indicator_rows:
        tables.append(
            _indicator_table(
                "assignment-indicators",
                _("Indicators of the assignments"),
                _("Assignment"),
                indicator_rows,
                _("Assignment indicators"),
            )
        )
    return Section(
        key="assignment-reports",
        title=_("Assignments"),
        intro=_(
            "%(done)s of %(total)s receiving units report their assignment completed in the "
            "period; %(missing)s have not reported."
        )
        % {
            "done": done,
            "total": len(found),
            "missing": sum(1 for item in found if not item.reported),
        },
        tables=tables,
    )


def sustainability_aspects(ctx: BuildContext) -> Section | None:
    """Per sustainability aspect the grunduppdrag and uppdrag that carry it and how they
    stand in the period: no query beyond the two sections' reads (shared)."""
    model = _model(ctx)
    if model is None or not model.uses_sustainability_aspects:
        return None
    missions = _missions(ctx) if model.follows_up_basic_missions else []
    assignments = _assignments(ctx) if model.follows_up_assignments else []
    mission_counts: dict[int, tuple[Tag, Counter]] = {}
    assignment_counts: dict[int, tuple[Tag, Counter]] = {}
    items = []
    for item in missions:
        status = item.assessment.status if item.reported else NOT_REPORTED
        for tag in _aspects(item.mission.tags):
            mission_counts.setdefault(tag.pk, (tag, Counter()))[1][status] += 1
            label = _status_label(status)
            items.append((tag, _("Basic mission"), item.title, item.mission.unit.name, label))
    for item in assignments:
        status = _recipient_status(item)
        for tag in _aspects(item.assignment.tags):
            assignment_counts.setdefault(tag.pk, (tag, Counter()))[1][status] += 1
            label = _status_label(status)
            items.append((tag, _("Assignment"), item.assignment.title, item.unit.name, label))
    if not items:
        return None
    order = lambda tag: (tag.position, tag.name)  # noqa: E731
    items.sort(key=lambda row: order(row[0]))
    tables = []
    if mission_counts:
        statuses = [*STATUS_ORDER, NOT_REPORTED]
        tables.append(
            Table(
                key="aspects-missions",
                title=_("Basic missions per sustainability aspect"),
                columns=[
                    Col(_("Sustainability aspect")),
                    *(Col(_status_label(s), ColumnKind.NUMBER, 0) for s in statuses),
                    Col(_("Total"), ColumnKind.NUMBER, 0),
                ],
                rows=[
                    [tag.name, *(counts[s] for s in statuses), sum(counts.values())]
                    for tag, counts in sorted(mission_counts.values(), key=lambda v: order(v[0]))
                ],
                sheet=_("Aspects, basic missions"),
            )
        )
    if assignment_counts:
        statuses = [*RecipientStatus.values, NOT_REPORTED]
        tables.append(
            Table(
                key="aspects-assignments",
                title=_("Assignments per sustainability aspect"),
                columns=[
                    Col(_("Sustainability aspect")),
                    *(Col(_status_label(s), ColumnKind.NUMBER, 0) for s in statuses),
                    Col(_("Total"), ColumnKind.NUMBER, 0),
                ],
                rows=[
                    [tag.name, *(counts[s] for s in statuses), sum(counts.values())]
                    for tag, counts in sorted(assignment_counts.values(), key=lambda v: order(v[0]))
                ],
                sheet=_("Aspects, assignments"),
                note=_("An assignment counts once per receiving unit."),
            )
        )
    tables.append(
        Table(
            key="aspects-items",
            title=_("Basic missions and assignments by sustainability aspect"),
            columns=[
                Col(_("Sustainability aspect")),
                Col(_("Kind")),
                Col(_("Title")),
                Col(_("Unit")),
                Col(_("Status")),
            ],
            rows=[[tag.name, kind, title, unit, label] for tag, kind, title, unit, label in items],
            sheet=_("Aspects"),
        )
    )
    return Section(
        key="sustainability-aspects",
        title=_("Sustainability aspects"),
        intro=_(
            "The basic missions and assignments followed up in the period, counted per "
            "sustainability aspect they carry; one that carries several aspects is counted "
            "under each."
        ),
        tables=tables,
    )


def _status_label(status: str) -> str:
    if status == NOT_REPORTED:
        return _("Not reported")
    if status in GoalStatus.values:
        return str(GoalStatus(status).label)
    return str(RecipientStatus(status).label)
