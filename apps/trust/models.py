"""Tillitsbaserad styrning (Ale, Alvesta, Vadstena): the yearly nulägesbeskrivning of each
nämnd and bolag, and the record of tillitsdialoger."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned
from apps.goals.models import FactorResponse


class StatusReport(Versioned, models.Model):
    """Nulägesbeskrivning: the mission made concrete, the world around, the state of things,
    and the goals the nämnd proposes for the next period because of it."""

    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="status_reports",
        verbose_name=_("unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    operations = models.TextField(_("description of operations"), blank=True)
    environment = models.TextField(_("analysis of the world around"), blank=True)
    current_state = models.TextField(_("analysis of the current state"), blank=True)
    proposed_goals = models.TextField(_("proposed goals for the next period"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_status_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class DialogueKind(models.TextChoices):
    WITHIN = "within", _("Within the committee or company")
    BETWEEN = "between", _("Between sectors or companies")
    OVERSIGHT = "oversight", _("The executive board with a committee")


class TrustDialogue(Versioned, models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=DialogueKind.choices)
    held_on = models.DateField(_("date"))
    units = models.ManyToManyField(
        "organisation.Unit", related_name="trust_dialogues", verbose_name=_("units")
    )
    participants = models.TextField(_("participants"))
    topics = models.TextField(_("topics"))
    conclusions = models.TextField(_("conclusions"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    # A KS dialogue rests on the nämndernas nulägesanalyser and may lead to new uppdrag.
    status_reports = models.ManyToManyField(
        StatusReport, blank=True, related_name="dialogues",
        verbose_name=_("status reports it rests on"),
    )  # fmt: skip
    assignments = models.ManyToManyField(
        "goals.Assignment", blank=True, related_name="trust_dialogues",
        verbose_name=_("assignments it led to"),
    )  # fmt: skip
    history = HistoricalRecords(m2m_fields=[units, status_reports, assignments])

    class Meta:
        verbose_name = _("trust dialogue")
        verbose_name_plural = _("trust dialogues")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class StatusReportFactorResponse(FactorResponse):
    report = models.ForeignKey(
        StatusReport, on_delete=models.CASCADE, related_name="factor_responses",
        verbose_name=_("status report"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response to an external factor")
        verbose_name_plural = _("responses to external factors")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "factor"], name="one_report_response_per_factor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.factor}"

    @property
    def unit(self):
        return self.report.unit

    @property
    def source(self) -> str:
        return str(StatusReport._meta.verbose_name)


class EnvironmentAnalysis(Versioned, models.Model):
    """The kommungemensamma omvärldsanalysen: written yearly under the executive board, from
    the global megatrends, national analyses (SKR, Konjunkturinstitutet) and local trends,
    with the omvärldsdag where nämnder and bolag work with it. Each nämnd's and bolag's
    nulägesbeskrivning reads it and refers to it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("analysis"))
    day_held_on = models.DateField(_("date of the omvärldsdag"), null=True, blank=True)
    day_notes = models.TextField(_("the omvärldsdag"), blank=True)
    responsible = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("responsible"),
    )  # fmt: skip
    url = models.URLField(_("link"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("common analysis of the world around")
        verbose_name_plural = _("common analyses of the world around")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"
