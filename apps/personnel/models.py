"""Personnel figures per period: employees, årsarbetare and sjukfrånvaro (LKBR 11 kap.).

The figures come from a file the HR system writes, imported per period (``services``): one
row per group (the whole kommun, or a unit by its ansvarskod). A later import for the same
period replaces the earlier one, which stays as history with who imported it and why.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

HOURS = {"max_digits": 14, "decimal_places": 2}


class Group(models.TextChoices):
    """The breakdown LKBR 11 kap. 9 § asks of the sjukfrånvaro, in the order it is reported."""

    TOTAL = "total", _("All employees")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    AGE_29 = "age_29", _("29 years or younger")
    AGE_30_49 = "age_30_49", _("30–49 years")
    AGE_50 = "age_50", _("50 years or older")


GENDER_GROUPS = (Group.WOMEN, Group.MEN)
AGE_GROUPS = (Group.AGE_29, Group.AGE_30_49, Group.AGE_50)


class PersonnelImport(models.Model):
    """One imported HR file for a period: who, when, which file and why. The record is its
    own audit trail; a later import for the period sets ``replaced_by``."""

    period = models.ForeignKey(
        "periods.ReportingPeriod",
        on_delete=models.PROTECT,
        related_name="personnel_imports",
        verbose_name=_("period"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64)
    imported_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=300)
    row_count = models.PositiveIntegerField(_("rows"))
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("personnel import")
        verbose_name_plural = _("personnel imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.period})"


class PersonnelFigure(models.Model):
    """One group's figures in a period, for the whole kommun (``unit`` empty) or a unit."""

    personnel_import = models.ForeignKey(
        PersonnelImport, on_delete=models.CASCADE, related_name="figures"
    )
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="personnel_figures"
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    employees = models.PositiveIntegerField(_("employees"))
    permanent = models.PositiveIntegerField(_("permanent employees"), null=True, blank=True)
    temporary = models.PositiveIntegerField(_("temporary employees"), null=True, blank=True)
    annual_workers = models.DecimalField(_("full-time equivalents"), max_digits=9, decimal_places=2)
    ordinary_hours = models.DecimalField(_("ordinary working hours"), **HOURS)
    sick_hours = models.DecimalField(_("sick leave hours"), **HOURS)
    long_sick_hours = models.DecimalField(_("sick leave hours, 60 days or more"), **HOURS)

    class Meta:
        verbose_name = _("personnel figure")
        verbose_name_plural = _("personnel figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    annual_workers__gte=0,
                    ordinary_hours__gte=0,
                    sick_hours__gte=0,
                    long_sick_hours__gte=0,
                ),
                name="personnel_figure_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(sick_hours__lte=models.F("ordinary_hours"))
                & models.Q(long_sick_hours__lte=models.F("sick_hours")),
                name="personnel_figure_sick_within_hours",
            ),
        ]
        indexes = [models.Index(fields=["period", "group"], name="personnel_period_group")]

    def __str__(self) -> str:
        return f"{self.period} {self.unit or '–'} {self.group}"
