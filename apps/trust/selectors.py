from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _

from apps.goals.models import Assignment, ExternalFactor
from apps.goals.selectors import external_factors_in
from apps.organisation.models import Unit
from apps.trust.models import (
    EnvironmentAnalysis,
    StatusReport,
    StatusReportFactorResponse,
    TrustDialogue,
)
from apps.trust.services import REPORTING_KINDS

if TYPE_CHECKING:
    from apps.periods.models import ReportingPeriod

# When each report last changed, from its history, in the same query as the reports.
_last_change = Subquery(
    StatusReport.history.model.objects.filter(id=OuterRef("pk"))
    .order_by("-history_date")
    .values("history_date")[:1]
)


def trust_overview(year: int) -> dict:
    """The year's nulägesbeskrivningar per reporting unit, each with when it last changed,
    and its dialogues with their units, the reports they rest on and the uppdrag they led
    to: six queries."""
    units = list(
        Unit.objects.filter(kind__in=REPORTING_KINDS, valid_to__isnull=True).order_by(
            "tree_id", "lft"
        )
    )
    reports = {
        r.unit_id: r
        for r in StatusReport.objects.filter(year=year).annotate(changed_at=_last_change)
    }
    dialogues = list(dialogues_prefetched().filter(held_on__year=year))
    return {
        "reports": [(unit, reports.get(unit.pk)) for unit in units],
        "dialogues": dialogues,
    }


# --- The trust-based analysis carried to KF (Ale) -----------------------------------------


@dataclass
class BodyAnalysis:
    """One nämnd's or bolag's nulägesbeskrivning of the year, as the report to KF shows it.

    ``parts`` and ``proposed_goals`` are sanitised HTML as stored (render with ``|safe``;
    for Excel use ``styrmodell.lib.richtext.plain_text``); ``factor_responses`` holds
    (factor, risks, opportunities, approach) in the factors' order, plain text."""

    unit: Unit
    report: StatusReport
    parts: list[tuple[str, str]]
    factor_responses: list[tuple[ExternalFactor, str, str, str]]
    proposed_goals: str


@dataclass
class DialogueLine:
    """A tillitsdialog with what it rests on (``status_reports``, the nulägesanalyser) and
    what it led to (``assignments``, the uppdrag); the texts are plain text."""

    dialogue: TrustDialogue
    held_on: dt.date
    kind: str
    units: list[Unit]
    topics: str
    conclusions: str
    follow_ups: str
    status_reports: list[StatusReport]
    assignments: list[Assignment]

    @property
    def unit_names(self) -> str:
        return ", ".join(unit.name for unit in self.units)

    @property
    def status_report_names(self) -> str:
        return ", ".join(f"{r.unit.name} {r.year}" for r in self.status_reports)

    @property
    def assignment_titles(self) -> str:
        return "; ".join(a.title for a in self.assignments)


@dataclass
class TrustAnalysis:
    year: int
    period: ReportingPeriod | None
    unit: Unit | None
    bodies: list[BodyAnalysis] = field(default_factory=list)
    dialogues: list[DialogueLine] = field(default_factory=list)
    environment_analysis: EnvironmentAnalysis | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.bodies or self.dialogues or self.environment_analysis)


def _subtree(unit: Unit, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}tree_id": unit.tree_id,
            f"{prefix}lft__gte": unit.lft,
            f"{prefix}rght__lte": unit.rght,
        }
    )


def _in_subtree(unit: Unit, other: Unit) -> bool:
    return other.tree_id == unit.tree_id and unit.lft <= other.lft and other.rght <= unit.rght


def _by_tree(unit: Unit) -> tuple[int, int]:
    return (unit.tree_id, unit.lft)


def trust_analysis(
    *, year: int, period: ReportingPeriod | None = None, unit: Unit | None = None
) -> TrustAnalysis:
    """The trust-based analysis that goes to KF: each nämnd's and bolag's nulägesbeskrivning
    of ``year`` with its responses to the omvärldsfaktorer in force, the tillitsdialoger held
    in ``period`` (or in ``year``) with the nulägesanalyser they rest on and the uppdrag they
    led to, and the year's kommungemensamma omvärldsanalys. With ``unit``, only the bodies in
    its subtree and the dialogues one of whose units is there.

    Seven queries whatever the size: the reports with their units; the responses to factors
    in force with their factors; the dialogues, their units, their status reports with
    units, their uppdrag; the omvärldsanalys.
    """
    reports = StatusReport.objects.filter(year=year).select_related("unit")
    if unit is not None:
        reports = reports.filter(_subtree(unit, "unit__"))
    reports = sorted(reports, key=lambda r: _by_tree(r.unit))
    in_force = external_factors_in(year).values("pk")
    responses: dict[int, list] = {r.pk: [] for r in reports}
    found = (
        StatusReportFactorResponse.objects.filter(report__in=list(responses), factor__in=in_force)
        .select_related("factor")
        .order_by("factor__position", "factor__title", "factor__pk")
    )
    for response in found:
        if not response.is_empty:
            responses[response.report_id].append(
                (response.factor, response.risks, response.opportunities, response.approach)
            )
    bodies = [
        BodyAnalysis(
            unit=report.unit,
            report=report,
            parts=[
                (_("Description of operations"), report.operations),
                (_("Analysis of the world around"), report.environment),
                (_("Analysis of the current state"), report.current_state),
            ],
            factor_responses=responses[report.pk],
            proposed_goals=report.proposed_goals,
        )
        for report in reports
    ]
    return TrustAnalysis(
        year=year,
        period=period,
        unit=unit,
        bodies=bodies,
        dialogues=_dialogue_lines(year=year, period=period, unit=unit),
        environment_analysis=EnvironmentAnalysis.objects.filter(year=year).first(),
    )


def dialogues_prefetched():
    """Dialogues with their units, the status reports they rest on (with units) and the
    uppdrag they led to: three queries beside the dialogues' own."""
    return TrustDialogue.objects.prefetch_related(
        "units",
        Prefetch("status_reports", queryset=StatusReport.objects.select_related("unit")),
        Prefetch("assignments", queryset=Assignment.objects.order_by("title", "pk")),
    )


def _dialogue_lines(
    *, year: int, period: ReportingPeriod | None, unit: Unit | None
) -> list[DialogueLine]:
    dialogues = dialogues_prefetched()
    if period is not None:
        dialogues = dialogues.filter(held_on__range=(period.starts_on, period.ends_on))
    else:
        dialogues = dialogues.filter(held_on__year=year)
    lines = []
    for dialogue in dialogues.order_by("held_on", "pk"):
        units = sorted(dialogue.units.all(), key=_by_tree)
        if unit is not None and not any(_in_subtree(unit, u) for u in units):
            continue
        lines.append(
            DialogueLine(
                dialogue=dialogue,
                held_on=dialogue.held_on,
                kind=dialogue.get_kind_display(),
                units=units,
                topics=dialogue.topics,
                conclusions=dialogue.conclusions,
                follow_ups=dialogue.follow_ups,
                status_reports=sorted(
                    dialogue.status_reports.all(), key=lambda r: (r.year, *_by_tree(r.unit))
                ),
                assignments=list(dialogue.assignments.all()),
            )
        )
    return lines
