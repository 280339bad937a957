from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class GoalStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class Assessment(models.Model):
    """A unit's judgement of a goal in a reporting period: a status and why it goes as it goes."""

    goal = models.ForeignKey(
        "goals.Goal", on_delete=models.PROTECT, related_name="assessments", verbose_name=_("goal")
    )
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="assessments",
        verbose_name=_("period"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="assessments",
        verbose_name=_("assessed by"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=GoalStatus.choices)
    analysis = models.TextField(_("analysis"), blank=True)
    # Optimistic locking: a save must name the version it started from.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["goal", "period", "unit"], name="unique_assessment")
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.period}: {self.get_status_display()}"


class UnitCompletion(models.Model):
    """A unit's mark that its follow-up for a period is done ("klar")."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="completions",
        verbose_name=_("unit"),
    )  # fmt: skip
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="completions",
        verbose_name=_("period"),
    )  # fmt: skip
    marked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, verbose_name=_("marked by")
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("completed follow-up")
        verbose_name_plural = _("completed follow-ups")
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="unique_completion")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"
