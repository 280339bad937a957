from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from mptt.models import MPTTModel, TreeForeignKey
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned

MPTT_FIELDS = ["lft", "rght", "tree_id", "level"]


class Municipality(Versioned, models.Model):
    """The kommun this installation serves. There is exactly one."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = models.CharField(_("name"), max_length=100)
    kommunkod = models.CharField(
        _("municipality code"),
        max_length=4,
        validators=[
            RegexValidator(r"^\d{4}$", _("The municipality code is four digits, e.g. 0884."))
        ],
        help_text=_("The four-digit code that SCB and Kolada use."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="logo/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png", "jpg", "jpeg"])],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipality")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="single_municipality")]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    MUNICIPAL_COUNCIL = "kf", _("Municipal council")
    EXECUTIVE_BOARD = "ks", _("Executive board")
    COMMITTEE = "namnd", _("Committee")
    COMPANY = "bolag", _("Municipal company")
    ADMINISTRATION = "forvaltning", _("Administration")
    OPERATION = "verksamhet", _("Operation")
    SECTION = "enhet", _("Section")


# Which kind of unit may sit directly under which: the organisation's shape, as in DOMAIN.md.
ALLOWED_PARENT_KINDS: dict[str, frozenset[str]] = {
    UnitKind.MUNICIPAL_COUNCIL: frozenset(),
    UnitKind.EXECUTIVE_BOARD: frozenset({UnitKind.MUNICIPAL_COUNCIL}),
    UnitKind.COMMITTEE: frozenset({UnitKind.MUNICIPAL_COUNCIL}),
    UnitKind.COMPANY: frozenset(
        {UnitKind.MUNICIPAL_COUNCIL, UnitKind.EXECUTIVE_BOARD, UnitKind.COMPANY}
    ),
    UnitKind.ADMINISTRATION: frozenset({UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE}),
    UnitKind.OPERATION: frozenset({UnitKind.ADMINISTRATION, UnitKind.COMPANY}),
    UnitKind.SECTION: frozenset({UnitKind.ADMINISTRATION, UnitKind.OPERATION}),
}

# The bodies under KF a unit belongs to: KS, the nämnder and the bolag. Each holds a frame,
# decides its units' plans, receives uppdrag and answers for its units' follow-up. The one
# definition (``apps.organisation.selectors.body_of`` reads it); KF is above every body.
BODY_KINDS = (UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE, UnitKind.COMPANY)
# The bodies that get a report of their own: KS and the nämnder.
REPORTING_BODY_KINDS = (UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE)

# Bodies that take decisions (set goals, decide plans); the rest are civil-servant units.
DECIDING_KINDS = frozenset(
    {UnitKind.MUNICIPAL_COUNCIL, UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE, UnitKind.COMPANY}
)


class Unit(Versioned, MPTTModel):
    """A part of the kommun's organisation: a body (KF, KS, nämnd, bolag) or a civil-servant unit.

    Units are never deleted: a reorganisation ends a unit's validity (``valid_to``) and
    creates its successor, so that earlier years' goals and figures keep their owner.
    """

    parent = TreeForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30)
    ansvarskod = models.CharField(
        _("responsibility code"),
        max_length=20,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z][0-9A-Za-z.\-]*$",
                _("Use digits and letters, optionally with dots or hyphens."),
            )
        ],
        help_text=_("The code the financial system uses for this unit (ansvar)."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Lower numbers come first among siblings.")
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(excluded_fields=MPTT_FIELDS)

    class MPTTMeta:
        order_insertion_by = ["position", "name"]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["tree_id", "lft"], name="unit_tree_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["ansvarskod"],
                condition=Q(valid_to__isnull=True),
                name="unique_ansvarskod_of_open_unit",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def is_deciding_body(self) -> bool:
        return self.kind in DECIDING_KINDS

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors.setdefault("valid_to", []).append(_("The end date is before the start date."))
        allowed = ALLOWED_PARENT_KINDS.get(self.kind, frozenset())
        parent = self.parent
        if parent is None and allowed:
            errors.setdefault("parent", []).append(_("This kind of unit must have a parent unit."))
        if parent is not None:
            if parent.kind not in allowed:
                errors.setdefault("parent", []).append(
                    _("A %(kind)s cannot be placed under a %(parent_kind)s.")
                    % {
                        "kind": self.get_kind_display().lower(),
                        "parent_kind": parent.get_kind_display().lower(),
                    }
                )
            if self.pk and (parent.pk == self.pk or parent.is_descendant_of(self)):
                errors.setdefault("parent", []).append(
                    _("A unit cannot be placed under itself or one of its own units.")
                )
        if self.ansvarskod and self.valid_from and self._ansvarskod_overlaps():
            errors.setdefault("ansvarskod", []).append(
                _("Another unit uses this responsibility code in the same period.")
            )
        if errors:
            raise ValidationError(errors)

    def _ansvarskod_overlaps(self) -> bool:
        others = Unit.objects.filter(ansvarskod=self.ansvarskod).exclude(pk=self.pk)
        # Two validity ranges overlap when each starts before the other ends.
        if self.valid_to is not None:
            others = others.filter(valid_from__lte=self.valid_to)
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        return others.exists()
