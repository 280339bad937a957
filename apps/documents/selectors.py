"""Reads of the document register and the deviation log, each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.history import (
    FieldChange,
    HistoryEntry,
    fields_named,
    history_entries,
    history_records,
)
from apps.documents.models import (
    MISSION_KINDS,
    Deviation,
    DeviationKind,
    DeviationStatus,
    DocumentKind,
    GoverningDocument,
)
from apps.goals.models import Assignment, Goal
from apps.organisation.models import Unit
from apps.periods.models import ReportingPeriod


def documents(*, kind: str = "", owner: Unit | None = None) -> QuerySet[GoverningDocument]:
    """The register, filtered by kind and owner: one query."""
    found = GoverningDocument.objects.select_related("owner", "decided_by")
    if kind:
        found = found.filter(kind=kind)
    if owner is not None:
        found = found.filter(owner=owner)
    return found.order_by("kind", "title", "pk")


@dataclass
class RevisionList:
    overdue: list[GoverningDocument]
    due_this_year: list[GoverningDocument]


def due_for_revision(today: dt.date) -> RevisionList:
    """Documents whose revision date has passed, and those due by the end of this year."""
    rows = list(
        GoverningDocument.objects.filter(revise_by__lte=dt.date(today.year, 12, 31))
        .select_related("owner", "decided_by")
        .order_by("revise_by", "title", "pk")
    )
    return RevisionList(
        overdue=[d for d in rows if d.revise_by < today],
        due_this_year=[d for d in rows if d.revise_by >= today],
    )


def document_history(document: GoverningDocument) -> list[HistoryEntry]:
    """The document's history, newest first, with the goals it supported at each step."""
    records = history_records(document)
    unit_ids = {r.owner_id for r in records} | {r.decided_by_id for r in records}
    unit_labels = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    names = {
        "kind",
        "title",
        "decided_by",
        "decided_on",
        "paragraph",
        "owner",
        "valid_from",
        "revise_by",
        "url",
        "file",
    }
    fields = fields_named(GoverningDocument, names)
    entries = history_entries(
        records,
        fields,
        {"owner_id": unit_labels, "decided_by_id": unit_labels},
        extra_changes=_goal_changes(document, records),
    )
    entries.reverse()
    return entries


def _goal_changes(document: GoverningDocument, records: list) -> dict[int, list[FieldChange]]:
    """Changes of the supported goals and of the uppdrag served per history record: four
    queries."""
    changes: dict[int, list[FieldChange]] = defaultdict(list)
    for name, target, attr, model in (
        ("goals", "historicalgoverningdocument_goals", "goal_id", Goal),
        ("assignments", "historicalgoverningdocument_assignments", "assignment_id", Assignment),
    ):
        for history_id, change in _m2m_changes(document, records, target, attr, model, name):
            changes[history_id].append(change)
    return dict(changes)


def _m2m_changes(document, records, through: str, attr: str, model, name: str):
    rows = document.history.model._meta.get_field(through).related_model
    sets: dict[int, set[int]] = defaultdict(set)
    for history_id, target_id in rows.objects.filter(
        history__in=[r.history_id for r in records]
    ).values_list("history_id", attr):
        sets[history_id].add(target_id)
    labels = dict(
        model.objects.filter(pk__in=set().union(*sets.values())).values_list("pk", "title")
    )
    label = str(GoverningDocument._meta.get_field(name).verbose_name).capitalize()

    def text(ids: set[int]) -> str:
        return ", ".join(sorted(labels.get(i, str(i)) for i in ids)) or "–"

    previous: set[int] = set()
    for record in records:
        current = sets.get(record.history_id, set())
        if current != previous:
            yield record.history_id, FieldChange(label, text(previous), text(current))
        previous = current


def mission_documents() -> QuerySet[GoverningDocument]:
    """What a grunduppdrag may cite: reglementen and ägardirektiv."""
    return GoverningDocument.objects.filter(kind__in=MISSION_KINDS).order_by("title")


def deviations(*, unit: Unit | None = None) -> QuerySet[Deviation]:
    """The log, for one unit or all: one query."""
    found = Deviation.objects.select_related("unit", "document", "goal")
    if unit is not None:
        found = found.filter(unit=unit)
    return found.order_by("-occurred_on", "-pk")


@dataclass
class DeviationCounts:
    unit: Unit
    period: ReportingPeriod
    kinds: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    total: int = 0

    @property
    def kind_counts(self) -> list[int]:
        return [self.kinds.get(k, 0) for k in DeviationKind.values]

    @property
    def status_counts(self) -> list[int]:
        return [self.statuses.get(s, 0) for s in DeviationStatus.values]


def deviation_summary(year: int) -> tuple[list[ReportingPeriod], list[DeviationCounts]]:
    """Counts per unit and reporting period of ``year``, by kind and by status.

    A deviation counts in every period whose span covers its date (the tertials are
    cumulative, like the reports). Three queries, whatever the size of the log.
    """
    periods = list(ReportingPeriod.objects.filter(year=year).order_by("ends_on", "pk"))
    grouped = list(
        Deviation.objects.filter(occurred_on__year=year)
        .values("unit_id", "occurred_on", "kind", "status")
        .annotate(n=Count("pk"))
    )
    units = Unit.objects.in_bulk({g["unit_id"] for g in grouped})
    rows: dict[tuple[int, int], DeviationCounts] = {}
    for group in grouped:
        for period in periods:
            if not period.starts_on <= group["occurred_on"] <= period.ends_on:
                continue
            row = rows.setdefault(
                (group["unit_id"], period.pk), DeviationCounts(units[group["unit_id"]], period)
            )
            row.kinds[group["kind"]] = row.kinds.get(group["kind"], 0) + group["n"]
            row.statuses[group["status"]] = row.statuses.get(group["status"], 0) + group["n"]
            row.total += group["n"]
    order = {p.pk: i for i, p in enumerate(periods)}
    ordered = sorted(rows.values(), key=lambda r: (r.unit.tree_id, r.unit.lft, order[r.period.pk]))
    return periods, ordered


# --- The kvalitetsledningssystem (Borlänge) ------------------------------------------------


@dataclass(frozen=True)
class QualityHeading:
    """One of the seven headings of the kvalitetsledningssystem: the document kinds filed
    under it, or (``link``) the part of the product that holds it instead of documents."""

    key: str
    title: str
    kinds: tuple[str, ...] = ()
    link: str = ""  # "planning", "followup" or "deviations"


QUALITY_HEADINGS: tuple[QualityHeading, ...] = (
    QualityHeading("lagar", _("Laws and regulations"), (DocumentKind.LAW,)),
    QualityHeading(
        "styrdokument",
        _("Overarching internal governance documents"),
        (
            DocumentKind.PROGRAM,
            DocumentKind.PLAN,
            DocumentKind.STRATEGY,
            DocumentKind.POLICY,
            DocumentKind.GUIDELINE,
            DocumentKind.REGULATION,
            DocumentKind.OWNER_DIRECTIVE,
            DocumentKind.DELEGATION,
        ),
    ),
    QualityHeading(
        "planering", _("Results and documents from the planning process"), link="planning"
    ),
    QualityHeading("uppfoljning", _("Follow-up"), link="followup"),
    QualityHeading(
        "processer",
        _("Processes, routines and checklists"),
        (DocumentKind.PROCESS, DocumentKind.ROUTINE, DocumentKind.CHECKLIST),
    ),
    QualityHeading(
        "avvikelser",
        _("Handling of deviations, complaints and suggestions"),
        link="deviations",
    ),
    QualityHeading(
        "kvalitetsmodeller",
        _("Common models and documents for quality management"),
        (DocumentKind.QUALITY_MODEL,),
    ),
)


@dataclass
class QualitySection:
    heading: QualityHeading
    documents: list[GoverningDocument] = field(default_factory=list)


@dataclass
class QualityRegister:
    sections: list[QualitySection]
    open_entries: dict[str, int]  # open deviations, complaints and suggestions, by kind

    @property
    def open_total(self) -> int:
        return sum(self.open_entries.values())


def quality_register() -> QualityRegister:
    """The register under the seven headings of the kvalitetsledningssystem, each document
    with the goals and uppdrag it serves, and the open entries of the deviation log: four
    queries whatever the size."""
    sections = [QualitySection(heading) for heading in QUALITY_HEADINGS]
    by_kind = {kind: section for section in sections for kind in section.heading.kinds}
    found = (
        GoverningDocument.objects.select_related("owner", "decided_by")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("tree_id", "lft")),
            "assignments",
        )
        .order_by("title", "pk")
    )
    for document in found:
        by_kind[document.kind].documents.append(document)
    open_entries = dict.fromkeys(DeviationKind.values, 0)
    for kind, n in (
        Deviation.objects.filter(status=DeviationStatus.OPEN)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        open_entries[kind] = n
    return QualityRegister(sections=sections, open_entries=open_entries)


def document_deviations(document: GoverningDocument) -> list[Deviation]:
    """The log entries that concern ``document``, newest first: one query."""
    return list(document.deviations.select_related("unit", "goal").order_by("-occurred_on", "-pk"))
