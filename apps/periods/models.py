from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned


class PeriodKind(models.TextChoices):
    TERTIAL_1 = "tertial1", _("Tertial 1 (budget follow-up)")
    TERTIAL_2 = "tertial2", _("Tertial 2 (interim report)")
    ANNUAL = "bokslut", _("Year-end (annual report)")
    OTHER = "other", _("Other follow-up")


class PeriodState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReportingPeriod(Versioned, models.Model):
    """A point of follow-up in a year: what it covers, its deadline and whether it is open."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("covers from"))
    ends_on = models.DateField(_("covers to"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"), max_length=10, choices=PeriodState.choices, default=PeriodState.PLANNED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["year", "ends_on"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="unique_period_name_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def short_label(self) -> str:
        """For chart axes and narrow tables: "T1 2026", "Bokslut 2025"."""
        prefix = {"tertial1": "T1", "tertial2": "T2", "bokslut": "Bokslut"}.get(
            self.kind, self.name
        )
        return f"{prefix} {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.state == PeriodState.CLOSED

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period ends before it starts.")
        if self.starts_on and self.year and self.starts_on.year != self.year:
            errors["starts_on"] = _("The period must start in its own year.")
        if self.ends_on and self.year and self.ends_on.year != self.year:
            errors.setdefault("ends_on", _("The period must end in its own year."))
        if self.deadline and self.ends_on and self.deadline < self.ends_on:
            errors["deadline"] = _("The deadline comes before the period has ended.")
        if errors:
            raise ValidationError(errors)


class DeadlineExtension(models.Model):
    """More time for one unit (and the units under it) to report in a period: the ekonom's
    answer to "we need two more days"."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="extensions",
        verbose_name=_("period"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="deadline_extensions",
        verbose_name=_("unit"),
    )  # fmt: skip
    until = models.DateField(_("new deadline"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_extension_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.unit} ({self.until})"
