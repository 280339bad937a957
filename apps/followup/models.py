from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned
from apps.goals.models import RecipientStatus


class GoalStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


def goal_count_phrase(status: str, count: int) -> str:
    """ "1 delvis uppfyllt", "3 delvis uppfyllda": a count of goals with ``status``, the word
    agreeing with the number."""
    if status == GoalStatus.MET:
        text = ngettext("%(count)s met", "%(count)s met", count)
    elif status == GoalStatus.PARTLY_MET:
        text = ngettext("%(count)s partly met", "%(count)s partly met", count)
    elif status == GoalStatus.NOT_MET:
        text = ngettext("%(count)s not met", "%(count)s not met", count)
    else:
        text = ngettext("%(count)s not assessed", "%(count)s not assessed", count)
    return text % {"count": count}


class Assessment(Versioned):
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


class ActionPlanCause(models.TextChoices):
    GOAL_NOT_MET = "goal_not_met", _("A goal is not met")
    DEFICIT = "deficit", _("A forecast deficit")


class ActionPlan(Versioned):
    """An åtgärdsplan: measures a unit decides when a goal is not met or a deficit looms."""

    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("unit"),
    )
    period = models.ForeignKey(
        "periods.ReportingPeriod",
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("raised in period"),
    )
    goal = models.ForeignKey(
        "goals.Goal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("goal"),
    )
    cause = models.CharField(_("cause"), max_length=20, choices=ActionPlanCause.choices)
    description = models.TextField(_("what has gone wrong"))
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=20, blank=True)
    decided_by = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_action_plans",
        verbose_name=_("decided by"),
    )
    # What the plan answers, recorded when it is raised: the forecast deficit (kr, shown in
    # tkr) for a deficit, the goal's status for a goal not met. A later, larger deficit is
    # compared with it, and answered by a plan that revises this one.
    deficit = models.DecimalField(
        _("deficit the plan answers (kr)"), max_digits=16, decimal_places=2, null=True,
        blank=True,
    )  # fmt: skip
    goal_status = models.CharField(
        _("goal status the plan answers"), max_length=20, choices=GoalStatus.choices, blank=True
    )
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revises"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-period__ends_on", "unit__lft"]

    def __str__(self) -> str:
        subject = self.goal.title if self.goal_id else self.get_cause_display()
        return f"{self.unit}: {subject}"


class MeasureStatus(models.TextChoices):
    # En åtgärd: the Swedish adjectives agree with it ("Planerad", "Försenad").
    PLANNED = "planned", pgettext_lazy("measure", "Planned")
    STARTED = "started", pgettext_lazy("measure", "Started")
    DONE = "done", pgettext_lazy("measure", "Done")
    DELAYED = "delayed", pgettext_lazy("measure", "Delayed")


class Measure(models.Model):
    action_plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    what = models.CharField(_("measure"), max_length=300)
    who = models.CharField(_("responsible"), max_length=120)
    due_on = models.DateField(_("by when"))
    # How much the measure is expected to reduce the deficit (kr, entered and shown in tkr).
    effect = models.DecimalField(
        _("estimated effect (kr)"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.what


class MeasureFollowup(Versioned):
    """How a measure stands in a later period."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="followups")
    period = models.ForeignKey(
        "periods.ReportingPeriod",
        on_delete=models.PROTECT,
        related_name="measure_followups",
        verbose_name=_("period"),
    )
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up of a measure")
        verbose_name_plural = _("follow-ups of measures")
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="one_followup_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.measure} – {self.period}: {self.get_status_display()}"


class MissionAssessment(Versioned):
    """A nämnd's follow-up of one of its grunduppdrag in a period (Vadstena's model): how the
    standing mission is carried out, with a status and the analysis behind it."""

    basic_mission = models.ForeignKey(
        "goals.BasicMission", on_delete=models.PROTECT, related_name="assessments",
        verbose_name=_("basic mission"),
    )  # fmt: skip
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="mission_assessments",
        verbose_name=_("period"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=GoalStatus.choices)
    analysis = models.TextField(_("analysis"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up of a basic mission")
        verbose_name_plural = _("follow-ups of basic missions")
        constraints = [
            models.UniqueConstraint(
                fields=["basic_mission", "period"], name="one_mission_assessment_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.basic_mission} – {self.period}: {self.get_status_display()}"

    @property
    def reported(self) -> bool:
        return self.status != GoalStatus.NOT_ASSESSED or bool(self.analysis.strip())


class AssignmentReport(Versioned):
    """A receiving unit's återrapport of an uppdrag in a period: its status then and what it
    reports. The recipient row keeps the latest; the period keeps what was reported in it."""

    recipient = models.ForeignKey(
        "goals.AssignmentRecipient", on_delete=models.PROTECT, related_name="period_reports",
        verbose_name=_("assignment recipient"),
    )  # fmt: skip
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="assignment_reports",
        verbose_name=_("period"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=RecipientStatus.choices)
    report = models.TextField(_("report"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report on an assignment")
        verbose_name_plural = _("reports on assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "period"], name="one_assignment_report_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.period}: {self.get_status_display()}"


class BodyReport(Versioned):
    """A nämnd's or bolag's verksamhetsberättelse in a period: what it writes itself for the
    delårsrapport and the årsredovisning, beside the figures the application computes. The
    four texts are sanitised rich text (``styrmodell.lib.richtext``)."""

    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="body_reports",
        verbose_name=_("period"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="body_reports",
        verbose_name=_("committee or company"),
    )  # fmt: skip
    important_events = models.TextField(_("important events"), blank=True)
    goal_summary = models.TextField(_("goal fulfilment in brief"), blank=True)
    economy = models.TextField(_("economy"), blank=True)
    outlook = models.TextField(_("outlook"), blank=True)
    history = HistoricalRecords()

    TEXT_FIELDS = ("important_events", "goal_summary", "economy", "outlook")

    class Meta:
        verbose_name = _("operations report")
        verbose_name_plural = _("operations reports")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_body_report_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"

    @property
    def is_written(self) -> bool:
        return any(getattr(self, name).strip() for name in self.TEXT_FIELDS)
