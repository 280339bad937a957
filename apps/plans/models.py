"""Verksamhetsplaner: a unit's plan for a year, its sections, SWOT and activities."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned
from apps.goals.models import FactorResponse
from apps.organisation.models import UnitKind


class PlanKind(models.TextChoices):
    COMMITTEE = "namndplan", _("Committee plan")
    OPERATIONS = "verksamhetsplan", _("Operational plan")
    SECTION = "enhetsplan", _("Section plan")
    BUSINESS = "affarsplan", _("Business plan")


# The kind of plan each kind of unit writes (DOMAIN.md).
PLAN_KIND_OF_UNIT = {
    UnitKind.EXECUTIVE_BOARD: PlanKind.COMMITTEE,
    UnitKind.COMMITTEE: PlanKind.COMMITTEE,
    UnitKind.COMPANY: PlanKind.BUSINESS,
    UnitKind.ADMINISTRATION: PlanKind.OPERATIONS,
    UnitKind.OPERATION: PlanKind.OPERATIONS,
    UnitKind.SECTION: PlanKind.SECTION,
}


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    # The nämnd fastställer its verksamhetsplan (the seeds' word); budgets, documents, control
    # plans and åtgärdsplaner are "beslutade", as their decision lines say.
    DECIDED = "decided", pgettext_lazy("plan", "Decided")


class Plan(Versioned, models.Model):
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="plans", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=PlanState.choices, default=PlanState.DRAFT
    )
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)
    threats = models.TextField(_("threats"), blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_plans",
        verbose_name=_("decided by"),
    )
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "unit__tree_id", "unit__lft"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_plan_per_unit_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.unit}"

    @property
    def is_decided(self) -> bool:
        return self.state == PlanState.DECIDED

    def clean(self) -> None:
        if self.state == PlanState.DECIDED and not (self.decided_on and self.paragraph):
            raise ValidationError(
                {"decided_on": _("A decided plan needs the decision date and §.")}
            )


class SectionTemplate(Versioned, models.Model):
    """A section every plan has; the standard ones and the free ones an administrator adds."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=120)
    guidance = models.TextField(_("guidance"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class PlanSection(Versioned, models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    template = models.ForeignKey(
        SectionTemplate, on_delete=models.PROTECT, verbose_name=_("section")
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitised HTML."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section of a plan")
        verbose_name_plural = _("sections of plans")
        ordering = ["template__position", "template__title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "template"], name="one_section_per_template")
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.template}"


class ActivityStatus(models.TextChoices):
    # En aktivitet: the Swedish adjectives agree with it ("Ej påbörjad", "Försenad").
    NOT_STARTED = "not_started", pgettext_lazy("activity", "Not started")
    STARTED = "started", pgettext_lazy("activity", "Started")
    DONE = "done", pgettext_lazy("activity", "Done")
    DELAYED = "delayed", pgettext_lazy("activity", "Delayed")
    CANCELLED = "cancelled", pgettext_lazy("activity", "Cancelled")


OPEN_ACTIVITY_STATUSES = {
    ActivityStatus.NOT_STARTED,
    ActivityStatus.STARTED,
    ActivityStatus.DELAYED,
}


class Activity(Versioned, models.Model):
    """How a goal or an uppdrag is to be reached: what is done, by whom, when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(
        "goals.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("goal"),
    )
    assignment = models.ForeignKey(
        "goals.Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("assignment"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=120)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.NOT_STARTED,
    )
    tags = models.ManyToManyField(
        "goals.Tag", blank=True, related_name="activities", verbose_name=_("tags")
    )
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if not self.goal_id and not self.assignment_id:
            errors["goal"] = _("Link the activity to a goal or an assignment.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The activity ends before it starts.")
        if errors:
            raise ValidationError(errors)


class PlanFactorResponse(FactorResponse):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="factor_responses", verbose_name=_("plan")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response to an external factor")
        verbose_name_plural = _("responses to external factors")
        constraints = [
            models.UniqueConstraint(fields=["plan", "factor"], name="one_plan_response_per_factor")
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.factor}"

    @property
    def unit(self):
        return self.plan.unit

    @property
    def source(self) -> str:
        return self.plan.get_kind_display()
