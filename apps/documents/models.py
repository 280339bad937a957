"""The register of governance documents (styrdokument) and the deviation log (avvikelser)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned
from apps.goals.models import Goal
from apps.organisation.models import DECIDING_KINDS, Unit, UnitKind


class DocumentGroup(models.TextChoices):
    ACTIVATING = "activating", _("Activating (sets direction)")
    NORMATIVE = "normative", _("Normative (sets rules)")
    MANDATE = "mandate", _("Mandate and delegation")
    EXTERNAL = "external", _("Laws and regulations")
    QUALITY = "quality", _("Quality management")


class DocumentKind(models.TextChoices):
    PROGRAM = "program", _("Programme")
    PLAN = "plan", _("Plan")
    STRATEGY = "strategi", _("Strategy")
    POLICY = "policy", _("Policy")
    GUIDELINE = "riktlinje", _("Guideline")
    REGULATION = "reglemente", _("Reglemente (a committee's rules of procedure)")
    OWNER_DIRECTIVE = "agardirektiv", _("Ägardirektiv (owner's directive to a company)")
    DELEGATION = "delegationsordning", _("Delegation order")
    LAW = "lag", _("Law or regulation")
    PROCESS = "process", _("Process")
    ROUTINE = "rutin", _("Routine")
    CHECKLIST = "checklista", _("Checklist")
    QUALITY_MODEL = "kvalitetsmodell", _("Common model for quality management")


KIND_GROUPS: dict[str, str] = {
    DocumentKind.PROGRAM: DocumentGroup.ACTIVATING,
    DocumentKind.PLAN: DocumentGroup.ACTIVATING,
    DocumentKind.STRATEGY: DocumentGroup.ACTIVATING,
    DocumentKind.POLICY: DocumentGroup.NORMATIVE,
    DocumentKind.GUIDELINE: DocumentGroup.NORMATIVE,
    DocumentKind.REGULATION: DocumentGroup.MANDATE,
    DocumentKind.OWNER_DIRECTIVE: DocumentGroup.MANDATE,
    DocumentKind.DELEGATION: DocumentGroup.MANDATE,
    DocumentKind.LAW: DocumentGroup.EXTERNAL,
    DocumentKind.PROCESS: DocumentGroup.QUALITY,
    DocumentKind.ROUTINE: DocumentGroup.QUALITY,
    DocumentKind.CHECKLIST: DocumentGroup.QUALITY,
    DocumentKind.QUALITY_MODEL: DocumentGroup.QUALITY,
}

# Processes, routines and checklists are the förvaltning's own: decided (and owned) by a
# förvaltning or verksamhet, not by a political body. A law is decided outside the kommun.
OPERATIONAL_KINDS = (DocumentKind.PROCESS, DocumentKind.ROUTINE, DocumentKind.CHECKLIST)
OPERATIONAL_OWNER_KINDS = frozenset({UnitKind.ADMINISTRATION, UnitKind.OPERATION, UnitKind.SECTION})

# What a unit's grunduppdrag may cite.
MISSION_KINDS = (DocumentKind.REGULATION, DocumentKind.OWNER_DIRECTIVE)


class GoverningDocument(Versioned):
    """A decided governance document: who decided it, who owns it, when it must be revised."""

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    decided_by = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_documents",
        verbose_name=_("decided by"),
        help_text=_("Empty for a law or regulation, which is decided outside the kommun."),
    )
    decided_on = models.DateField(_("decision date"))
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    owner = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="owned_documents",
        verbose_name=_("owner unit"),
    )
    valid_from = models.DateField(_("valid from"))
    revise_by = models.DateField(_("revise by"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("PDF file"), upload_to="styrdokument/%Y/", blank=True)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="governing_documents", verbose_name=_("goals it supports")
    )
    assignments = models.ManyToManyField(
        "goals.Assignment", blank=True, related_name="governing_documents",
        verbose_name=_("assignments it serves"),
    )  # fmt: skip
    history = HistoricalRecords(m2m_fields=[goals, assignments])

    class Meta:
        verbose_name = _("governance document")
        verbose_name_plural = _("governance documents")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def group(self) -> str:
        return KIND_GROUPS[self.kind]

    def get_group_display(self) -> str:
        return str(DocumentGroup(self.group).label)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.kind == DocumentKind.LAW:
            if self.decided_by_id:
                errors.setdefault("decided_by", []).append(
                    _("A law or regulation is decided outside the kommun; leave it empty.")
                )
        elif not self.decided_by_id:
            errors.setdefault("decided_by", []).append(_("Name the body that decided it."))
        elif self.kind in OPERATIONAL_KINDS:
            if self.decided_by.kind not in DECIDING_KINDS | OPERATIONAL_OWNER_KINDS:
                errors.setdefault("decided_by", []).append(
                    _("A process, routine or checklist is decided by a body or a förvaltning.")
                )
        elif self.decided_by.kind not in DECIDING_KINDS:
            errors.setdefault("decided_by", []).append(
                _("A governance document is decided by the council, a board or a committee.")
            )
        if self.decided_on and self.revise_by and self.revise_by <= self.decided_on:
            errors.setdefault("revise_by", []).append(
                _("The revision date must be after the decision date.")
            )
        if self.decided_on and self.valid_from and self.valid_from < self.decided_on:
            errors.setdefault("valid_from", []).append(
                _("The document cannot be valid before it was decided.")
            )
        if not self.url and not self.file:
            errors.setdefault("url", []).append(_("Give a link to the document or upload it."))
        if errors:
            raise ValidationError(errors)


class DeviationKind(models.TextChoices):
    DEVIATION = "avvikelse", _("Deviation")
    COMPLAINT = "klagomal", _("Complaint")
    SUGGESTION = "synpunkt", _("Suggestion")


class DeviationStatus(models.TextChoices):
    OPEN = "oppen", pgettext_lazy("deviation", "Open")
    HANDLED = "atgardad", _("Measure taken")
    CLOSED = "avslutad", pgettext_lazy("deviation", "Closed")


class Deviation(Versioned):
    """An entry in a unit's deviation log: a register for steering, not a case system."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="deviations", verbose_name=_("unit")
    )
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=DeviationKind.choices)
    description = models.TextField(_("description"))
    measure = models.TextField(_("measure"), blank=True)
    # What the entry concerns, where known: a process, routine or other document, a goal.
    document = models.ForeignKey(
        GoverningDocument, on_delete=models.PROTECT, null=True, blank=True,
        related_name="deviations", verbose_name=_("process or document concerned"),
    )  # fmt: skip
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="deviations",
        verbose_name=_("goal concerned"),
    )  # fmt: skip
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeviationStatus.choices,
        default=DeviationStatus.OPEN,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%Y-%m-%d}: {self.description[:60]}"

    def clean(self) -> None:
        if self.status != DeviationStatus.OPEN and not (self.measure or "").strip():
            raise ValidationError(
                {"measure": _("Describe the measure taken before the entry is marked done.")}
            )
