from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned


class User(Versioned, AbstractUser):
    """A person who logs in. What they may do comes from their role assignments.

    Versioned for the administrators' edits in the admin; logging in and password changes
    neither bump nor check it (they are not edits of the fields the admin's form shows).
    """

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # Logging in (and a password hash upgrade) saves only fields the history leaves out;
        # without this every login would add an empty "changed" row to the user's history.
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) <= {"password", "last_login"}:
            self.skip_history_when_saving = True
            try:
                super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
            return
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    READER = "lasare", _("Reader")
    EDITOR = "redaktor", _("Editor")
    ECONOMIST = "ekonom", _("Economist")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that act for a part of the organisation need a unit; the others may be kommun-wide.
ROLES_REQUIRING_UNIT = frozenset({Role.EDITOR})


class RoleAssignment(models.Model):
    """A role held by a user, for a unit and everything below it (or the whole kommun)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("unit"),
        help_text=_(
            "The role applies to this unit and the units below it. Empty: the whole municipality."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="unique_role_per_user_and_unit"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(unit__isnull=True),
                name="unique_kommun_wide_role_per_user",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit_id else _("the whole municipality")
        return f"{self.get_role_display()}: {scope}"

    def clean(self) -> None:
        if self.role in ROLES_REQUIRING_UNIT and self.unit_id is None:
            raise ValidationError({"unit": _("An editor must be given a unit to write for.")})
        duplicate = RoleAssignment.objects.filter(
            user_id=self.user_id, role=self.role, unit_id=self.unit_id
        ).exclude(pk=self.pk)
        if self.user_id and duplicate.exists():
            raise ValidationError(_("The user already has this role for this unit."))
