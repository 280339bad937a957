"""Report requests: stored before any work starts, so that nothing is lost when the broker is
down or a worker dies, and every generation is a version of its own that stays downloadable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned
from apps.reports.content import ReportKind
from apps.reports.sections.narrative import TITLES

HEADING_CHOICES = [(key, title) for key, title in TITLES.items()]


class RequestState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


FINISHED = (RequestState.DONE, RequestState.FAILED)


class ReportBatch(models.Model):
    """All nämnd reports of a period, requested as one action."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="report_batches",
        verbose_name=_("period"),
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("requested by"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report batch")
        verbose_name_plural = _("report batches")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period}"


def _upload_to(instance: ReportRequest, filename: str) -> str:
    return f"reports/{instance.period.year}/{filename}"


class ReportRequest(models.Model):
    """One generation of one report: its kind, period and scope (no unit: the kommun)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="report_requests",
        verbose_name=_("period"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="report_requests", verbose_name=_("unit"),
        help_text=_("Empty for the whole municipality's report."),
    )  # fmt: skip
    version = models.PositiveIntegerField(_("version"))
    batch = models.ForeignKey(
        ReportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="requests",
        verbose_name=_("batch"),
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_requests",
        verbose_name=_("requested by"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=RequestState.choices, default=RequestState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    # None until the broker has taken the task: such requests are sent again when it is back.
    dispatched_at = models.DateTimeField(_("handed to the workers at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=_upload_to, blank=True)
    pdf_sha256 = models.CharField(_("PDF checksum (SHA-256)"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    xlsx = models.FileField(_("Excel"), upload_to=_upload_to, blank=True)
    xlsx_sha256 = models.CharField(_("Excel checksum (SHA-256)"), max_length=64, blank=True)
    content_sha256 = models.CharField(
        _("content checksum (SHA-256)"), max_length=64, blank=True,
        help_text=_("Of the report's texts and figures: equal for two generations of the "
                    "same data, although the files' creation times differ."),
    )  # fmt: skip
    # The version the ekonom marked final ("slutlig"): at most one per kind, period and scope.
    final_at = models.DateTimeField(_("marked final at"), null=True, blank=True)
    final_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("marked final by"),
    )  # fmt: skip
    final_acknowledgement = models.TextField(
        _("why final despite failing checks"), blank=True,
        help_text=_("Why the ekonom marked it final while a check failed."),
    )  # fmt: skip

    # Who requested, retried or ended it and why; progress is left out (it changes often).
    history = HistoricalRecords(excluded_fields=["progress", "stage", "heartbeat_at"])

    class Meta:
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period", "unit", "version"], name="one_report_version"
            ),
            models.UniqueConstraint(
                fields=["kind", "period", "version"],
                condition=models.Q(unit__isnull=True),
                name="one_kommun_report_version",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="progress_at_most_100"
            ),
            models.UniqueConstraint(
                fields=["kind", "period", "unit"],
                condition=models.Q(final_at__isnull=False),
                name="one_final_report",
                violation_error_message=_("Another version of this report is already final."),
            ),
            models.UniqueConstraint(
                fields=["kind", "period"],
                condition=models.Q(final_at__isnull=False, unit__isnull=True),
                name="one_final_kommun_report",
                violation_error_message=_("Another version of this report is already final."),
            ),
        ]
        indexes = [models.Index(fields=["state", "dispatched_at"], name="report_pending")]

    def __str__(self) -> str:
        scope = self.unit.short_name if self.unit_id else _("municipality")
        return f"{self.get_kind_display()} {self.period.year} {scope} v{self.version}"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED

    @property
    def is_final(self) -> bool:
        return self.final_at is not None

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    def file_stem(self) -> str:
        scope = self.unit.ansvarskod if self.unit_id else "kommun"
        return f"{self.kind}-{self.period.year}-{scope}-v{self.version}"


class ReportText(Versioned):
    """The written text of one heading of the kommun's förvaltningsberättelse in one period
    (R15's headings in the årsredovisning, R17's in the delårsrapport): sanitised rich text,
    written beside the figures the application computes for the heading."""

    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="report_texts",
        verbose_name=_("period"),
    )  # fmt: skip
    heading = models.CharField(_("heading"), max_length=40, choices=HEADING_CHOICES)
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        ordering = ["period", "heading"]
        constraints = [
            models.UniqueConstraint(fields=["period", "heading"], name="one_text_per_heading")
        ]

    def __str__(self) -> str:
        return f"{self.get_heading_display()} {self.period}"


class ReportTreatment(Versioned):
    """When the kommun's report of a period was prepared and treated by KS and KF, and where
    the auditors' statement is found.

    Not guarded by the closed period: KF treats the report after the period is closed, which
    is when these dates are entered."""

    period = models.OneToOneField(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="report_treatment",
        verbose_name=_("period"),
    )  # fmt: skip
    prepared_on = models.DateField(_("prepared on"), null=True, blank=True)
    ks_treated_on = models.DateField(_("treated by the executive board on"), null=True, blank=True)
    ks_paragraph = models.CharField(_("executive board paragraph"), max_length=40, blank=True)
    kf_treated_on = models.DateField(
        _("treated by the municipal council on"), null=True, blank=True
    )
    kf_paragraph = models.CharField(_("municipal council paragraph"), max_length=40, blank=True)
    auditors_statement_reference = models.TextField(
        _("auditors' statement"), blank=True,
        help_text=_("Where the auditors' statement is found, e.g. its title and case number."),
    )  # fmt: skip
    history = HistoricalRecords()

    # What the page enters, the history shows and the report's fingerprint holds.
    FACTS = (
        "prepared_on", "ks_treated_on", "ks_paragraph", "kf_treated_on", "kf_paragraph",
        "auditors_statement_reference",
    )  # fmt: skip

    class Meta:
        verbose_name = _("report treatment")
        verbose_name_plural = _("report treatments")

    def __str__(self) -> str:
        return str(self.period)

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.FACTS)
