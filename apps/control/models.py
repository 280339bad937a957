"""Intern kontroll: the risk and significance analysis (risks scored sannolikhet ×
konsekvens on the 5×5 matrix), the yearly control plan with its controls, and each
control's result per reporting period.

The categories, the risk levels (the matrix's colours) and the meaning of each scale step
are data, shipped with defaults (migration 0002) and changed in the admin.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned

SCALE = range(1, 6)  # sannolikhet and konsekvens are both scored 1–5
SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class RiskCategory(Versioned):
    key = models.SlugField(_("key"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk category")
        verbose_name_plural = _("risk categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class RiskLevel(Versioned):
    """A band of risk values (sannolikhet × konsekvens) with the label and colour the matrix
    shows, e.g. "Hög" for 10–16."""

    name = models.CharField(_("label"), max_length=50)
    min_value = models.PositiveSmallIntegerField(
        _("lowest risk value"), validators=[MinValueValidator(1), MaxValueValidator(25)]
    )
    max_value = models.PositiveSmallIntegerField(
        _("highest risk value"), validators=[MinValueValidator(1), MaxValueValidator(25)]
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as #rrggbb."))],
        help_text=_("A light background colour; the text on it is dark."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk level")
        verbose_name_plural = _("risk levels")
        ordering = ["min_value"]

    def __str__(self) -> str:
        return f"{self.name} ({self.min_value}–{self.max_value})"

    def clean(self) -> None:
        if self.min_value and self.max_value and self.max_value < self.min_value:
            raise ValidationError(
                {"max_value": _("The highest value must not be below the lowest.")}
            )


class ScaleAxis(models.TextChoices):
    PROBABILITY = "probability", _("Probability")
    CONSEQUENCE = "consequence", _("Consequence")


class ScaleStep(Versioned):
    """What one step of the sannolikhet or konsekvens scale means, written out."""

    axis = models.CharField(_("scale"), max_length=20, choices=ScaleAxis.choices)
    step = models.PositiveSmallIntegerField(_("step"), validators=SCORE_VALIDATORS)
    label = models.CharField(_("label"), max_length=50)
    meaning = models.TextField(_("meaning"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scale step")
        verbose_name_plural = _("scale steps")
        ordering = ["axis", "step"]
        constraints = [
            models.UniqueConstraint(fields=["axis", "step"], name="unique_control_scale_step"),
        ]

    def __str__(self) -> str:
        return f"{self.get_axis_display()} {self.step}: {self.label}"


class Risk(Versioned):
    """One risk of a unit's risk and significance analysis for a year."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="risks",
        verbose_name=_("unit"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("risk"))
    process = models.CharField(_("process or routine"), max_length=200, blank=True)
    category = models.ForeignKey(
        RiskCategory, on_delete=models.PROTECT, related_name="risks", verbose_name=_("category")
    )
    probability = models.PositiveSmallIntegerField(_("probability"), validators=SCORE_VALIDATORS)
    consequence = models.PositiveSmallIntegerField(_("consequence"), validators=SCORE_VALIDATORS)
    owner = models.CharField(
        _("risk owner"), max_length=200, help_text=_("A person's name or role.")
    )
    in_control_plan = models.BooleanField(_("in the control plan"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["unit", "year", "-probability", "-consequence", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def value(self) -> int:
        """The risk value: sannolikhet × konsekvens, 1–25."""
        return self.probability * self.consequence


# What a risk's editors write: the form's fields, what risk_update changes, its history.
RISK_FIELDS = (
    "description", "process", "category", "probability", "consequence", "owner", "in_control_plan",
)  # fmt: skip


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DECIDED = "decided", _("Decided")


class ControlPlan(Versioned):
    """A unit's intern kontrollplan for a year: KS's for the whole kommun, or a nämnd's."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="control_plans",
        verbose_name=_("unit"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=10, choices=PlanState.choices, default=PlanState.DRAFT
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph (§)"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("internal control plan")
        verbose_name_plural = _("internal control plans")
        ordering = ["year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unique_control_plan_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def is_decided(self) -> bool:
        return self.state == PlanState.DECIDED


class Control(models.Model):
    """A control of the plan: what is checked against which risk, how, by whom, how often."""

    plan = models.ForeignKey(
        ControlPlan, on_delete=models.PROTECT, related_name="controls", verbose_name=_("plan")
    )
    risk = models.ForeignKey(
        Risk, on_delete=models.PROTECT, related_name="controls", verbose_name=_("risk")
    )
    what = models.TextField(_("what is checked"))
    method = models.TextField(_("how it is checked"), blank=True)
    owner = models.CharField(_("who checks"), max_length=200)
    frequency = models.CharField(_("how often"), max_length=100)
    reported_when = models.CharField(_("when it is reported"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control")
        verbose_name_plural = _("controls")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.what[:80]


class ResultStatus(models.TextChoices):
    NO_REMARKS = "no_remarks", _("No remarks")
    MINOR = "minor", _("Minor deficiencies")
    MAJOR = "major", _("Significant deficiencies")
    NOT_DONE = "not_done", _("Not carried out")


class ControlResult(Versioned):
    """What a control found in a reporting period; read-only once the period is closed."""

    control = models.ForeignKey(
        Control, on_delete=models.PROTECT, related_name="results", verbose_name=_("control")
    )
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="control_results",
        verbose_name=_("period"),
    )  # fmt: skip
    status = models.CharField(_("result"), max_length=20, choices=ResultStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    measures = models.TextField(_("measures for what failed"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control result")
        verbose_name_plural = _("control results")
        ordering = ["period", "control"]
        constraints = [
            models.UniqueConstraint(
                fields=["control", "period"], name="unique_control_result_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.control} – {self.period}: {self.get_status_display()}"
