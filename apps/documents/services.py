"""Writes of the governance document register and the deviation log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import access_for
from apps.core.history import require_reason, save_with_history
from apps.documents.models import Deviation, GoverningDocument

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.goals.models import Assignment, Goal
    from apps.organisation.models import Unit

MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def check_pdf(file: UploadedFile) -> None:
    """Accept only a real PDF of at most 10 MB: the content decides, not the file name."""
    if file.size is not None and file.size > MAX_PDF_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than 10 MB. Upload a smaller PDF or give a link.")}
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError({"file": _("The file is not a PDF. Upload the document as PDF.")})


def _require_document_writer(actor: User, owner: Unit) -> None:
    access = access_for(actor)
    access.require(access.can_edit_for(owner))


@transaction.atomic
def document_create(
    *,
    actor: User,
    kind: str,
    title: str,
    decided_by: Unit | None,
    decided_on: dt.date,
    paragraph: str = "",
    owner: Unit,
    valid_from: dt.date,
    revise_by: dt.date,
    url: str = "",
    file: UploadedFile | None = None,
    goals: Iterable[Goal] = (),
    assignments: Iterable[Assignment] = (),
    reason: str,
) -> GoverningDocument:
    """Register a decided governance document; administrators and the owner's editors may.

    A law has no deciding body in the kommun; a process, routine or checklist may be decided
    by a förvaltning or verksamhet (the model's rules). ``goals`` and ``assignments`` are
    the goals it supports and the uppdrag it serves."""
    _require_document_writer(actor, owner)
    reason = require_reason(reason)
    document = GoverningDocument(
        kind=kind,
        title=title,
        decided_by=decided_by,
        decided_on=decided_on,
        paragraph=paragraph,
        owner=owner,
        valid_from=valid_from,
        revise_by=revise_by,
        url=url,
    )
    if file is not None:
        check_pdf(file)
        document.file = file
    save_with_history(document, actor=actor, reason=reason)
    goals, assignments = list(goals), list(assignments)
    document._history_user, document._change_reason = actor, reason
    if goals:
        document.goals.set(goals)
    if assignments:
        document.assignments.set(assignments)
    return document


DOCUMENT_FIELDS = {
    "kind",
    "title",
    "decided_by",
    "decided_on",
    "paragraph",
    "owner",
    "valid_from",
    "revise_by",
    "url",
}


@transaction.atomic
def document_update(
    *,
    actor: User,
    document: GoverningDocument,
    file: UploadedFile | None = None,
    goals: Iterable[Goal] | None = None,
    assignments: Iterable[Assignment] | None = None,
    expected_version: int | None = None,
    reason: str,
    **changes,
) -> GoverningDocument:
    """Change a document (a new revision, a new owner, a replaced PDF, other goals); the
    fields not in ``changes`` stay as stored.

    Both the present owner's and a new owner's editors must be allowed to write. With
    ``expected_version`` (the version the form was opened on) a save after someone else's
    is refused with ``StaleEdit``.
    """
    unknown = set(changes) - DOCUMENT_FIELDS
    if unknown:
        raise TypeError(f"document_update() got unexpected fields: {sorted(unknown)}")
    document = GoverningDocument.objects.select_for_update().get(pk=document.pk)
    _require_document_writer(actor, document.owner)
    if "owner" in changes:
        _require_document_writer(actor, changes["owner"])
    reason = require_reason(reason)
    for name, value in changes.items():
        setattr(document, name, value)
    if file is not None:
        check_pdf(file)
        document.file = file
    save_with_history(document, actor=actor, reason=reason, expected_version=expected_version)
    document._history_user, document._change_reason = actor, reason
    if goals is not None and set(document.goals.all()) != set(goals):
        document.goals.set(goals)
    if assignments is not None and set(document.assignments.all()) != set(assignments):
        document.assignments.set(assignments)
    return document


# --- Avvikelser --------------------------------------------------------------------------


def _check_date(occurred_on: dt.date) -> None:
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date is in the future.")})


@transaction.atomic
def deviation_create(
    *,
    actor: User,
    unit: Unit,
    occurred_on: dt.date,
    kind: str,
    description: str,
    measure: str = "",
    status: str = "oppen",
    document: GoverningDocument | None = None,
    goal: Goal | None = None,
    reason: str,
) -> Deviation:
    """Log a deviation, complaint or suggestion for ``unit``; its editors may. ``document``
    and ``goal`` are the process, routine or document and the goal it concerns, if known."""
    access_for(actor).require(access_for(actor).can_edit_for(unit))
    reason = require_reason(reason)
    _check_date(occurred_on)
    deviation = Deviation(
        unit=unit,
        occurred_on=occurred_on,
        kind=kind,
        description=description,
        measure=measure,
        status=status,
        document=document,
        goal=goal,
    )
    save_with_history(deviation, actor=actor, reason=reason)
    return deviation


@transaction.atomic
def deviation_update(
    *,
    actor: User,
    deviation: Deviation,
    occurred_on: dt.date,
    kind: str,
    description: str,
    measure: str,
    status: str,
    document: GoverningDocument | None = None,
    goal: Goal | None = None,
    expected_version: int | None = None,
    reason: str,
) -> Deviation:
    """Record the measure and the status of a logged deviation (``expected_version``: the
    version the form was opened on; a save after someone else's raises ``StaleEdit``)."""
    deviation = Deviation.objects.select_for_update().get(pk=deviation.pk)
    access_for(actor).require(access_for(actor).can_edit_for(deviation.unit))
    reason = require_reason(reason)
    _check_date(occurred_on)
    deviation.occurred_on, deviation.kind, deviation.status = occurred_on, kind, status
    deviation.description, deviation.measure = description, measure
    deviation.document, deviation.goal = document, goal
    save_with_history(deviation, actor=actor, reason=reason, expected_version=expected_version)
    return deviation
