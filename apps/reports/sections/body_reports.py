"""Each nämnd's and bolag's verksamhetsberättelse (viktiga händelser, måluppfyllelse i
korthet, ekonomi, framtid), written in its follow-up, gathered with the body's figures.

The kommun's report has a section with one subsection per body that wrote, in the
organisation's order: its four texts, its line of the driftredovisning and its goals by
status. While the period is open, one line names the bodies that have not written yet, so
the ekonom sees who is missing. A nämnd's own report has its own berättelse with its goals;
its drift per verksamhet is the economy chapter's table in the same report, not printed
twice. The texts are required in the delårsrapport
and the årsredovisning; in the tertial's budgetuppföljning the berättelser written are
included and nobody is listed as missing.

Fixed queries whatever the number of bodies: the bodies, their berättelser, their goals
and statuses, and the driftredovisning the economy chapter shares (``ctx.shared``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.followup.body_reports import GoalCounts, body_goal_counts
from apps.followup.body_reports import body_reports as written_reports
from apps.followup.models import BodyReport
from apps.organisation.models import Unit
from apps.organisation.selectors import BODY_KINDS, bodies_in_period
from apps.periods.models import PeriodState
from apps.reports.content import BuildContext, Col, ColumnKind, ReportKind, RichText, Section, Table
from apps.reports.sections.economy import body_rows, operating_columns

TEMPLATE = "reports/pdf/sections/body_report.html"
GROUP_TEMPLATE = "reports/pdf/sections/body_reports.html"


def _parts() -> list[tuple[str, str]]:
    """The four texts of a berättelse, by field, with the sub-heading each gets."""
    return [
        ("important_events", _("Important events")),
        ("goal_summary", _("Goal fulfilment in brief")),
        ("economy", _("Economy")),
        ("outlook", _("Outlook")),
    ]


def _required(ctx: BuildContext) -> bool:
    """The delårsrapport and the årsredovisning must have every body's berättelse."""
    return ctx.kind in (ReportKind.INTERIM, ReportKind.ANNUAL)


def _texts(report: BodyReport | None) -> list[tuple[str, RichText]]:
    return [
        (label, RichText(getattr(report, name) if report else ""))
        for name, label in _parts()
        if report is not None and getattr(report, name).strip()
    ]


def _goals_note() -> str:
    return _(
        "The body's own goals, each with the status its owner assessed in the period or "
        "computed from its key figure; without an assessment, not assessed."
    )


def _goals_table(key: str, body: Unit, counts: GoalCounts, *, note: str = "") -> Table | None:
    if not counts.total:
        return None
    order = counts.in_order()
    return Table(
        key=key,
        title=_("Goals of %(unit)s by status") % {"unit": body.name},
        columns=[
            Col(_("Goals")),
            *(Col(label, ColumnKind.NUMBER, 0) for _status, label, _count in order),
            Col(_("Total"), ColumnKind.NUMBER, 0),
        ],
        rows=[[body.name, *(count for _status, _label, count in order), counts.total]],
        note=note,
    )


def body_reports(ctx: BuildContext) -> Section | None:
    """The kommun's report: every body's section; a nämnd's report: its own."""
    if ctx.is_kommun:
        return _kommun(ctx)
    return _own(ctx, ctx.unit)


def _kommun(ctx: BuildContext) -> Section | None:
    bodies = bodies_in_period(ctx.period, kinds=BODY_KINDS)
    reports = written_reports(period=ctx.period, bodies=bodies)
    counts = body_goal_counts(period=ctx.period, bodies=bodies)
    figures = {b.pk: row for b, row in body_rows(ctx)}
    columns = operating_columns(ctx, _("Committee or company"))
    children: list[Section] = []
    missing: list[Unit] = []
    for body in bodies:
        report = reports.get(body.pk)
        if report is None or not report.is_written:
            missing.append(body)
            continue
        key = f"verksamhetsberattelse-{body.pk}"
        tables = []
        row = figures.get(body.pk)
        if row is not None:
            tables.append(
                Table(
                    key=f"{key}-drift",
                    title=_("Operating accounts of %(unit)s, %(period)s")
                    % {"unit": body.name, "period": ctx.period},
                    columns=columns,
                    rows=[row.cells()],
                )
            )
        goals = _goals_table(f"{key}-mal", body, counts[body.pk])
        if goals is not None:
            tables.append(goals)
        children.append(
            Section(
                key=key,
                title=body.name,
                template=TEMPLATE,
                data={"heading": "h4", "texts": _texts(report)},
                tables=tables,
            )
        )
    shows_missing = _required(ctx) and ctx.period.state == PeriodState.OPEN and bool(missing)
    if not children and not shows_missing:
        return None
    return Section(
        key="verksamhetsberattelser",
        title=_("The committees' and companies' operations reports"),
        template=GROUP_TEMPLATE,
        data={
            "missing": (
                _("Has not submitted an operations report: %(bodies)s.")
                % {"bodies": ", ".join(b.name for b in missing)}
                if shows_missing
                else ""
            )
        },
        children=children,
        # Said once for every body's tables below.
        intro=_(
            "Each committee and company writes its operations report in its follow-up. Under "
            "each report: the body's line of the operating accounts (a negative deviation is a "
            "deficit) and its own goals by their status in the period, assessed by their owner "
            "or computed from their key figure."
        ),
    )


def _own(ctx: BuildContext, body: Unit) -> Section | None:
    """A nämnd's report: its own berättelse with its goals (its drift per verksamhet is in the
    report's economy chapter)."""
    if body.kind not in BODY_KINDS:
        return None
    report = written_reports(period=ctx.period, bodies=[body]).get(body.pk)
    written = report is not None and report.is_written
    missing = not written and _required(ctx) and ctx.period.state == PeriodState.OPEN
    if not written and not missing:
        return None
    counts = body_goal_counts(period=ctx.period, bodies=[body])[body.pk]
    goals = _goals_table("verksamhetsberattelse-mal", body, counts, note=_goals_note())
    tables = [goals] if goals is not None else []
    return Section(
        key="verksamhetsberattelse",
        title=_("Operations report of %(unit)s") % {"unit": body.name},
        template=TEMPLATE,
        data={"heading": "h3", "texts": _texts(report), "missing": missing},
        tables=tables,
    )
