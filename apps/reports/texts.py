"""Reads of the förvaltningsberättelse's texts and the report's treatment dates: for the
report's builders (``apps.reports.sections.narrative``) and for the writing page, which
shows each heading's text beside the figures the report prints under it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.safestring import SafeString

from apps.accounts.access import UserAccess
from apps.core.history import HistoryEntry, fields_named, history_entries
from apps.followup.access import can_read_followup
from apps.organisation.models import Municipality, Unit, UnitKind
from apps.periods.models import ReportingPeriod
from apps.reports.content import BuildContext, ReportKind, Section, formatted
from apps.reports.models import ReportText, ReportTreatment
from apps.reports.sections.narrative import TITLES


def period_texts(period: ReportingPeriod) -> dict[str, ReportText]:
    """The period's texts by heading key. One query."""
    return {text.heading: text for text in ReportText.objects.filter(period=period)}


def period_treatment(period: ReportingPeriod) -> ReportTreatment | None:
    """The period's treatment dates, if any were entered. One query."""
    return ReportTreatment.objects.filter(period=period).first()


def can_read_texts(access: UserAccess, period: ReportingPeriod) -> bool:
    """Everyone who reads the period's kommun-wide follow-up reads its texts."""
    return can_read_followup(access, None, period)


def can_write_texts(access: UserAccess) -> bool:
    """The ekonomer, the administrators and the kommunstyrelsen's editors ("KS's
    redaktörer") write the kommun's report. One query for an editor, none for the others."""
    if access.is_economist or access.is_administrator:
        return True
    if not access.editor_scopes():
        return False
    boards = Unit.objects.filter(kind=UnitKind.EXECUTIVE_BOARD)
    return any(access.can_edit_for(board) for board in boards)


# What the treatment's history shows the changes of: every field the page enters.
TREATMENT_FIELDS = fields_named(ReportTreatment, set(ReportTreatment.FACTS))


@dataclass
class HeadingPage:
    """One heading on the writing page: its text, its history and the report's material."""

    key: str
    title: str
    text: ReportText | None
    history: list[HistoryEntry]
    material: list[tuple[int, Section]]  # every section under the heading, with its depth

    @property
    def anchor(self) -> str:
        return f"fb-{self.key}"

    @property
    def html(self) -> SafeString:
        return formatted(self.text.text if self.text else "")


@dataclass
class WritingPage:
    period: ReportingPeriod
    kind: ReportKind
    headings: list[HeadingPage]
    treatment: ReportTreatment | None
    treatment_history: list[HistoryEntry] = field(default_factory=list)

    @property
    def has_treatment(self) -> bool:
        """The delårsrapport and the årsredovisning go to KF; the budgetuppföljning does not."""
        return self.kind in (ReportKind.ANNUAL, ReportKind.INTERIM)


def _flatten(sections: list[Section | None], depth: int = 1) -> list[tuple[int, Section]]:
    flat = []
    for section in sections:
        if section is None:
            continue
        flat.append((depth, section))
        flat.extend(_flatten(section.children, depth + 1))
    return flat


def _entries_by_object(
    history_model: Any, condition: Q, fields: list[models.Field] | None = None
) -> dict[int, list[HistoryEntry]]:
    """Who changed each object, when and why, newest first, with the changes of ``fields``
    (none for the texts: they are long, the page shows who and why). One query."""
    records = (
        history_model.objects.filter(condition)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    grouped: dict[int, list[Any]] = defaultdict(list)
    for record in records:
        grouped[record.id].append(record)
    entries = {}
    for pk, rows in grouped.items():
        found = history_entries(rows, fields or [], {})
        found.reverse()  # newest first
        entries[pk] = found
    return entries


def writing_page(period: ReportingPeriod, kind: ReportKind) -> WritingPage:
    """The writing page of ``period``'s report of ``kind``: every heading's text and history,
    and the figures the report prints under it, built by the report's own builders. A fixed
    number of queries: the texts, their history, the treatment and its history, and the
    builders' (each a fixed number, shared through the build context's cache)."""
    from apps.reports.document import heading_material, headings_of

    texts = period_texts(period)
    text_history = _entries_by_object(ReportText.history.model, Q(period=period))
    treatment = period_treatment(period)
    treatment_entries = _entries_by_object(
        ReportTreatment.history.model, Q(period=period), TREATMENT_FIELDS
    )
    treatment_history = treatment_entries.get(treatment.pk, []) if treatment is not None else []
    municipality = Municipality.objects.filter(pk=1).first()  # as build_document reads it
    ctx = BuildContext(kind=kind, period=period, unit=None, municipality=municipality)
    ctx.shared["narrative:texts"] = texts
    headings = []
    for key in headings_of(kind):
        text = texts.get(key)
        headings.append(
            HeadingPage(
                key=key,
                title=str(TITLES[key]),
                text=text,
                history=text_history.get(text.pk, []) if text is not None else [],
                material=_flatten(heading_material(ctx, key)),
            )
        )
    return WritingPage(
        period=period,
        kind=kind,
        headings=headings,
        treatment=treatment,
        treatment_history=treatment_history,
    )
