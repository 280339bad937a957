"""The goal chain ("den röda tråden") and the styrmodell that configures it.

A styrmodell is data: its levels, their names and order, who decides them and which level
may sit under which, its perspectives and the optional parts it uses. The five seed
kommuners' models are presets of that data (``presets.py``), not code paths.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from mptt.models import MPTTModel, TreeForeignKey
from simple_history.models import HistoricalRecords

from apps.core.locking import Versioned
from apps.organisation.models import BODY_KINDS, Unit, UnitKind

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class SteeringModel(Versioned, models.Model):
    """A kommun's styrmodell. One is active; presets can be loaded side by side."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    values = models.CharField(
        _("core values"), max_length=200, blank=True, help_text=_("E.g. ansvar, mod, fantasi.")
    )
    is_active = models.BooleanField(_("active"), default=False)
    uses_committee_goals = models.BooleanField(_("committee goals"), default=True)
    uses_assignments = models.BooleanField(_("assignments (uppdrag)"), default=True)
    uses_basic_missions = models.BooleanField(_("basic missions (grunduppdrag)"), default=True)
    uses_external_factors = models.BooleanField(
        _("external factors (omvärldsfaktorer)"), default=False
    )
    uses_status_reports = models.BooleanField(
        _("status reports (nulägesbeskrivning)"), default=False
    )
    uses_trust_dialogues = models.BooleanField(
        _("trust dialogues (tillitsdialoger)"), default=False
    )
    uses_agenda_2030 = models.BooleanField(
        _("Agenda 2030 through the chain"),
        default=False,
        help_text=_(
            "Goals, uppdrag, activities and indicators are tagged with the global goals "
            "and every report has a section per global goal."
        ),
    )
    uses_sustainability_aspects = models.BooleanField(
        _("sustainability aspects on every uppdrag"),
        default=False,
        help_text=_(
            "Every uppdrag and grunduppdrag carries the economic, ecological and social "
            "aspects it concerns; lists filter and reports group by them."
        ),
    )
    bodies_report_on_council_goals = models.BooleanField(
        _("every committee reports on every council goal"),
        default=False,
        help_text=_(
            "In each follow-up every committee and company reports its contribution to "
            "each of the council's goals, whether or not it has goals of its own."
        ),
    )
    follows_up_basic_missions = models.BooleanField(
        _("basic missions followed up each period"),
        default=False,
        help_text=_("Each committee assesses each of its basic missions in every follow-up."),
    )
    follows_up_assignments = models.BooleanField(
        _("assignments reported each period"),
        default=False,
        help_text=_(
            "Each receiving unit reports on each of its active uppdrag in every "
            "follow-up; the report belongs to the period."
        ),
    )
    operations_plan_decided_by = models.CharField(
        _("operational plans decided by"),
        max_length=20,
        choices=[("body", _("The committee")), ("administration", _("The administration"))],
        default="body",
        help_text=_("Who decides a förvaltning's or verksamhet's verksamhetsplan."),
    )
    near_target_percent = models.DecimalField(
        _("near target, percent"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("An indicator within this distance of its target counts as near."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering model")
        verbose_name_plural = _("steering models")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_steering_model"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DecidedBy(models.TextChoices):
    COUNCIL = "kf", _("Municipal council")
    BODY = "body", _("Committee or company board")
    ADMINISTRATION = "administration", _("Administration or section")


# The unit kinds that may own a goal on a level decided by each kind of body.
OWNER_KINDS: dict[str, frozenset[str]] = {
    DecidedBy.COUNCIL: frozenset({UnitKind.MUNICIPAL_COUNCIL}),
    DecidedBy.BODY: frozenset(BODY_KINDS),
    DecidedBy.ADMINISTRATION: frozenset(
        {UnitKind.ADMINISTRATION, UnitKind.OPERATION, UnitKind.SECTION}
    ),
}


class OwnerScope(models.TextChoices):
    ANY = "any", _("Any owner its deciding body allows")
    COMMITTEES = "committees", _("Committees and the executive board only")
    COMPANIES = "companies", _("Companies only")


def owner_kinds(level: GoalLevel) -> frozenset[str]:
    """The unit kinds that may own a goal on ``level``: its deciding body's, narrowed by its
    owner scope (a bolag's ägardirektiv level, a nämnd's level)."""
    kinds = OWNER_KINDS[level.decided_by]
    if level.owner_scope == OwnerScope.COMPANIES:
        return kinds & {UnitKind.COMPANY}
    if level.owner_scope == OwnerScope.COMMITTEES:
        return kinds - {UnitKind.COMPANY}
    return kinds


class GoalLevel(Versioned, models.Model):
    """A level of the chain (Vision, Inriktningsmål, Nämndmål …) in one styrmodell."""

    model = models.ForeignKey(
        SteeringModel, on_delete=models.CASCADE, related_name="levels", verbose_name=_("model")
    )
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    name_plural = models.CharField(_("plural name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    decided_by = models.CharField(_("decided by"), max_length=20, choices=DecidedBy.choices)
    allowed_parents = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="allowed_children",
        verbose_name=_("may sit under"),
        help_text=_("Empty: the level stands at the top of the chain."),
    )
    is_measurable = models.BooleanField(
        _("measurable"), default=True, help_text=_("Goals on this level may have indicators.")
    )
    uses_perspective = models.BooleanField(_("uses perspectives"), default=False)
    is_financial = models.BooleanField(_("financial goals"), default=False)
    horizon_years = models.PositiveSmallIntegerField(
        _("horizon in years"), null=True, blank=True, validators=[MaxValueValidator(12)]
    )
    owner_scope = models.CharField(
        _("owners"),
        max_length=20,
        choices=OwnerScope.choices,
        default=OwnerScope.ANY,
        help_text=_("E.g. a level of bolagsmål is owned by companies only."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal level")
        verbose_name_plural = _("goal levels")
        ordering = ["model", "position"]
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="unique_level_key_per_model")
        ]

    def __str__(self) -> str:
        return self.name


class Perspective(Versioned, models.Model):
    """A perspective of the balanced scorecard, or a sustainability dimension (Vadstena)."""

    model = models.ForeignKey(
        SteeringModel,
        on_delete=models.CASCADE,
        related_name="perspectives",
        verbose_name=_("model"),
    )
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perspective")
        verbose_name_plural = _("perspectives")
        ordering = ["model", "position"]
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="unique_perspective_per_model")
        ]

    def __str__(self) -> str:
        return self.name


class TagKind(models.TextChoices):
    AGENDA_2030 = "agenda2030", _("Agenda 2030")
    CHILD_RIGHTS = "barnkonventionen", _("Convention on the Rights of the Child")
    SUSTAINABILITY = "hallbarhet", _("Sustainability dimension")


class Tag(models.Model):
    """A mark across the tree: a global goal, Barnkonventionen, a sustainability dimension."""

    kind = models.CharField(_("kind"), max_length=20, choices=TagKind.choices)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["kind", "position"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="unique_tag_code")]

    def __str__(self) -> str:
        if self.kind == TagKind.AGENDA_2030:
            return f"{self.code}. {self.name}"
        return self.name


class Goal(Versioned, MPTTModel):
    """A node of the chain: a vision, a KF goal, a nämndmål, an enhetsmål …

    Goals are retired, never deleted, so that what was decided and reported stays readable.
    """

    level = models.ForeignKey(
        GoalLevel, on_delete=models.PROTECT, related_name="goals", verbose_name=_("level")
    )
    parent = TreeForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="goals", verbose_name=_("owner")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    perspective = models.ForeignKey(
        Perspective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("perspective"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="goals", verbose_name=_("tags"))
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    # The decision that set the goal (the body is its owner: KF for a vision or a KF goal).
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decision_paragraph = models.CharField(
        _("paragraph"), max_length=20, blank=True,
        validators=[RegexValidator(r"^§\s?\d+[a-z]?$", _("Write the paragraph as § 123."))],
    )  # fmt: skip
    # "level" is the goal's level in the chain; MPTT's depth is "depth".
    history = HistoricalRecords(
        excluded_fields=["lft", "rght", "tree_id", "depth"], m2m_fields=[tags]
    )

    class MPTTMeta:
        level_attr = "depth"
        order_insertion_by = ["position", "title"]

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        indexes = [
            models.Index(fields=["tree_id", "lft"], name="goal_tree_order"),
            # The tree page fetches the top levels (depth 0-1) of a large chain.
            models.Index(fields=["depth", "tree_id", "lft"], name="goal_depth_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
                name="goal_last_year_after_first",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_valid_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    def clean(self) -> None:
        """The rules of the styrmodell: which level under which, who may own it."""
        errors: dict[str, list[str]] = {}
        if not self.level_id:
            return
        level = self.level
        allowed_parent_ids = {p.pk for p in level.allowed_parents.all()}
        if self.parent is None and allowed_parent_ids:
            errors.setdefault("parent", []).append(
                _("A %(level)s must be placed under another goal.") % {"level": level.name.lower()}
            )
        if self.parent is not None:
            if self.parent.level_id not in allowed_parent_ids:
                errors.setdefault("parent", []).append(
                    _("A %(level)s cannot be placed under a %(parent)s.")
                    % {"level": level.name.lower(), "parent": self.parent.level.name.lower()}
                )
            if self.pk and (self.parent.pk == self.pk or self.parent.is_descendant_of(self)):
                errors.setdefault("parent", []).append(
                    _("A goal cannot be placed under itself or a goal below it.")
                )
            if self._crosses_units():
                errors.setdefault("parent", []).append(
                    _(
                        "The goal must sit under a goal of its own unit, a unit above it, "
                        "or the council."
                    )
                )
        if self.owner_id and self.owner.kind not in owner_kinds(level):
            errors.setdefault("owner", []).append(
                _("A %(level)s is decided by %(body)s; %(unit)s cannot own it.")
                % {
                    "level": level.name.lower(),
                    "body": level.get_decided_by_display().lower(),
                    "unit": self.owner.name,
                }
            )
        if self.perspective_id:
            if not level.uses_perspective:
                errors.setdefault("perspective", []).append(
                    _("Goals on this level have no perspective.")
                )
            elif self.perspective.model_id != level.model_id:
                errors.setdefault("perspective", []).append(
                    _("The perspective belongs to another steering model.")
                )
        if self.last_year and self.first_year and self.last_year < self.first_year:
            errors.setdefault("last_year", []).append(_("The last year is before the first year."))
        if self.parent is not None and self.first_year and not self._within_parent_years():
            errors.setdefault("first_year", []).append(
                _("The goal's years must lie within the years of the goal above it (%(years)s).")
                % {"years": self.parent.years_label}
            )
        if errors:
            raise ValidationError(errors)

    def _crosses_units(self) -> bool:
        """A nämnd's goal cannot hang under another nämnd's goal (KF's goals are shared)."""
        parent_owner = self.parent.owner
        if parent_owner.kind == UnitKind.MUNICIPAL_COUNCIL or not self.owner_id:
            return False
        owner = self.owner
        return not (
            owner.pk == parent_owner.pk
            or (owner.tree_id == parent_owner.tree_id
                and parent_owner.lft < owner.lft and owner.rght < parent_owner.rght)
        )  # fmt: skip

    def _within_parent_years(self) -> bool:
        parent = self.parent
        if self.first_year < parent.first_year:
            return False
        if parent.last_year is None:
            return True
        return self.last_year is not None and self.last_year <= parent.last_year

    @property
    def years_label(self) -> str:
        if self.last_year is None:
            return f"{self.first_year}–"
        if self.last_year == self.first_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"


class BasicMission(Versioned, models.Model):
    """The standing mission (grunduppdrag) of a nämnd or bolag: reglemente, ägardirektiv."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="basic_missions", verbose_name=_("unit")
    )
    title = models.CharField(
        _("short title"), max_length=200, blank=True, help_text=_("E.g. Förskola, Hemtjänst.")
    )
    text = models.TextField(_("mission"))
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Reglemente för socialnämnden, KF 2022-12-12 § 180."),
    )
    document = models.ForeignKey(
        "documents.GoverningDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="basic_missions",
        verbose_name=_("reglemente or ägardirektiv"),
        help_text=_("The document in the register of governance documents that sets the mission."),
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="basic_missions", verbose_name=_("tags")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        verbose_name = _("basic mission")
        verbose_name_plural = _("basic missions")
        ordering = ["unit", "-first_year"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.title or self.text[:60]}"

    def is_valid_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def clean(self) -> None:
        if self.unit_id and self.unit.kind not in OWNER_KINDS[DecidedBy.BODY]:
            raise ValidationError(
                {
                    "unit": _(
                        "Only a committee, the executive board or a company has a basic mission."
                    )
                }
            )
        if self.last_year and self.first_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year is before the first year.")})
        if self.document_id and self.document.kind not in ("reglemente", "agardirektiv"):
            raise ValidationError(
                {"document": _("A basic mission cites a reglemente or an ägardirektiv.")}
            )


class AssignmentState(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended")
    EXTENDED = "extended", _("Extended")
    CHANGED = "changed", _("Changed")


class Assignment(Versioned, models.Model):
    """An uppdrag given by KF (or a nämnd), under a goal, to one or several units."""

    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("goal"),
        null=True, blank=True,
    )  # fmt: skip
    given_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assignments_given", verbose_name=_("given by")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    resources = models.DecimalField(
        _("resources, kr"), max_digits=14, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=AssignmentState.choices, default=AssignmentState.ACTIVE
    )
    recipients = models.ManyToManyField(
        Unit, through="AssignmentRecipient", related_name="assignments", verbose_name=_("given to")
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="assignments", verbose_name=_("tags")
    )
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["first_year", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.given_by_id and self.given_by.kind not in {
            UnitKind.MUNICIPAL_COUNCIL, UnitKind.EXECUTIVE_BOARD, UnitKind.COMMITTEE
        }:  # fmt: skip
            errors["given_by"] = _(
                "An assignment is given by the council, the board or a committee."
            )
        if self.last_year and self.first_year and self.last_year < self.first_year:
            errors["last_year"] = _("The last year is before the first year.")
        if self.deadline and self.last_year and self.deadline.year > self.last_year:
            errors["deadline"] = _("The deadline lies after the assignment's last year.")
        if errors:
            raise ValidationError(errors)


class RecipientStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")


class AssignmentRecipient(Versioned, models.Model):
    """One receiving unit of an uppdrag, with its own status and report."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.CASCADE,
        related_name="recipient_rows",
        verbose_name=_("assignment"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("unit"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecipientStatus.choices,
        default=RecipientStatus.NOT_STARTED,
    )
    report = models.TextField(_("report"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment recipient")
        verbose_name_plural = _("assignment recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "unit"], name="unique_assignment_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} → {self.unit}"


class AssignmentDecision(models.Model):
    """A decision about an uppdrag: given, changed, extended, completed or ended."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("assignment")
    )
    state = models.CharField(_("new state"), max_length=20, choices=AssignmentState.choices)
    decided_on = models.DateField(_("decision date"))
    body = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("decided by"))
    paragraph = models.CharField(
        _("paragraph"), max_length=20,
        validators=[RegexValidator(r"^§\s?\d+[a-z]?$", _("Write the paragraph as § 123."))],
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment decision")
        verbose_name_plural = _("assignment decisions")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_state_display()} {self.decided_on} {self.paragraph}"


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Indicator(models.Model):
    """Something measured (a Kolada KPI or the kommun's own), linked to goals year by year."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    measure_unit = models.CharField(
        _("unit of measure"), max_length=40, help_text=_("E.g. %, antal, kr/invånare.")
    )
    direction = models.CharField(_("desired direction"), max_length=10, choices=Direction.choices)
    kolada_kpi = models.CharField(
        _("Kolada KPI"), max_length=10, blank=True,
        validators=[
            RegexValidator(r"^[NU]\d{5}$", _("A Kolada KPI id looks like N00945 or U23471."))
        ],
    )  # fmt: skip
    source = models.CharField(_("source"), max_length=200, blank=True)
    by_sex = models.BooleanField(_("split by sex"), default=False)
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=1, validators=[MaxValueValidator(4)]
    )
    goals = models.ManyToManyField(
        Goal, through="GoalIndicator", related_name="indicators", verbose_name=_("goals")
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="indicators", verbose_name=_("tags")
    )
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class GoalIndicator(models.Model):
    """That an indicator measures a goal in a year: the set decided with the budget."""

    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="indicator_links", verbose_name=_("goal")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="goal_links", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator of a goal")
        verbose_name_plural = _("indicators of goals")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "indicator", "year"], name="unique_goal_indicator_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.year})"

    def clean(self) -> None:
        if self.goal_id and not self.goal.level.is_measurable:
            raise ValidationError(
                {
                    "goal": _("A %(level)s is text only and cannot have indicators.")
                    % {"level": self.goal.level.name.lower()}
                }
            )
        if self.goal_id and self.year and not self.goal.is_valid_in(self.year):
            raise ValidationError(
                {"year": _("The goal is not valid in %(year)s.") % {"year": self.year}}
            )


class MissionIndicator(models.Model):
    """That an indicator follows a grunduppdrag in a year (Vadstena's established indicators)."""

    basic_mission = models.ForeignKey(
        BasicMission, on_delete=models.PROTECT, related_name="indicator_links",
        verbose_name=_("basic mission"),
    )  # fmt: skip
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="mission_links",
        verbose_name=_("indicator"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator of a basic mission")
        verbose_name_plural = _("indicators of basic missions")
        constraints = [
            models.UniqueConstraint(
                fields=["basic_mission", "indicator", "year"], name="unique_mission_indicator_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.year})"

    def clean(self) -> None:
        if self.basic_mission_id and self.year and not self.basic_mission.is_valid_in(self.year):
            raise ValidationError(
                {"year": _("The basic mission is not valid in %(year)s.") % {"year": self.year}}
            )


class AssignmentIndicator(models.Model):
    """That an indicator follows an uppdrag in a year."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="indicator_links",
        verbose_name=_("assignment"),
    )  # fmt: skip
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="assignment_links",
        verbose_name=_("indicator"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator of an assignment")
        verbose_name_plural = _("indicators of assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "indicator", "year"],
                name="unique_assignment_indicator_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.year})"

    def clean(self) -> None:
        assignment = self.assignment if self.assignment_id else None
        if (
            assignment
            and self.year
            and not (assignment.first_year <= self.year <= assignment.last_year)
        ):
            raise ValidationError(
                {"year": _("The assignment is not valid in %(year)s.") % {"year": self.year}}
            )


class IndicatorSetDecision(models.Model):
    """KF's decision of a year's indicators (with the budget). After it, changes are recorded."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    decided_on = models.DateField(_("decision date"))
    paragraph = models.CharField(_("paragraph"), max_length=20)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decided indicator set")
        verbose_name_plural = _("decided indicator sets")

    def __str__(self) -> str:
        return f"{self.year}: {self.decided_on} {self.paragraph}"


class IndicatorSetChange(models.Model):
    """A change to a year's decided indicators: never silent, always with who and why."""

    class Change(models.TextChoices):
        ADDED = "added", _("Added")
        REMOVED = "removed", _("Removed")
        TARGET = "target", _("Target corrected")

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="indicator_changes")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="set_changes")
    year = models.PositiveSmallIntegerField(_("year"))
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    # A corrected target: what it read before (None: there was none) and what it reads now.
    previous_target = models.DecimalField(
        _("previous target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("change of decided indicators")
        verbose_name_plural = _("changes of decided indicators")
        ordering = ["changed_at"]

    def __str__(self) -> str:
        return f"{self.get_change_display()}: {self.indicator} ({self.year})"


class IndicatorTarget(Versioned, models.Model):
    """The target value (målvärde) of an indicator for a year, kommun-wide or for one unit.

    Corrected through ``indicator_target_correct`` with a reason (and, after KF decided the
    year's indicators, as a recorded indicator-set change); read-only once the year is
    closed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("unit")
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "unit"], name="unique_target"),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(unit__isnull=True),
                name="unique_kommun_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class IndicatorValue(Versioned, models.Model):
    """A measured value for a period, kommun-wide or for one unit, optionally by sex."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="indicator_values",
        verbose_name=_("period"),
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("unit")
    )
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=4, null=True, blank=True)
    women = models.DecimalField(_("women"), max_digits=14, decimal_places=4, null=True, blank=True)
    men = models.DecimalField(_("men"), max_digits=14, decimal_places=4, null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "unit"], name="unique_value"),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(unit__isnull=True),
                name="unique_kommun_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.total}"

    def clean(self) -> None:
        if self.total is None and self.women is None and self.men is None:
            raise ValidationError({"total": _("Enter at least one value.")})


class ExternalFactor(Versioned, models.Model):
    """An omvärldsfaktor or trend that KF decides for a mandate period, which every nämnd and
    bolag must relate to in its plans and nulägesbeskrivning (Ale's model)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # KF may withdraw a factor before its horizon ends (a new majority, a changed world);
    # a withdrawn factor stays readable in the years it was in force.
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("external factor")
        verbose_name_plural = _("external factors")
        ordering = ["position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="external_factor_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = _("The last year comes before the first.")
        elif (
            self.first_year
            and self.last_year
            and self.last_year - self.first_year >= (FACTOR_HORIZON_YEARS)
        ):
            errors["last_year"] = _(
                "An external factor is decided for at most %(years)s years (a mandate period)."
            ) % {"years": FACTOR_HORIZON_YEARS}
        if self.withdrawn_on and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = _("Give the reason why the factor is withdrawn.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None


FACTOR_HORIZON_YEARS = 4


class FactorResponse(Versioned, models.Model):
    """How a nämnd or bolag relates to one external factor: the risks and opportunities it sees
    and how it takes them on. Kept in its plan and in its nulägesbeskrivning."""

    factor = models.ForeignKey(
        ExternalFactor,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("external factor"),
    )
    risks = models.TextField(_("risks"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)
    approach = models.TextField(_("how we take it on"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_empty(self) -> bool:
        return not (self.risks.strip() or self.opportunities.strip() or self.approach.strip())


class FoundationKind(models.TextChoices):
    VALUES = "vardegrund", _("Core values (värdegrund)")
    LEADING_WORDS = "ledord", _("Leading words (ledord)")
    LEADERSHIP = "ledarskap", _("Leadership (ledarfilosofi)")
    PRINCIPLE = "princip", _("Guiding principle")


class FoundationElement(Versioned, models.Model):
    """A decided part of the styrmodell beside the goal chain: the värdegrund, the ledord,
    the ledarfilosofi, the guiding principles. Like a vision it is decided by a body on a
    date, in a paragraph, for a period (Ale: eight years)."""

    model = models.ForeignKey(
        SteeringModel, on_delete=models.CASCADE, related_name="foundations",
        verbose_name=_("model"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=FoundationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    decided_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    paragraph = models.CharField(
        _("paragraph"), max_length=20, blank=True,
        validators=[RegexValidator(r"^§\s?\d+[a-z]?$", _("Write the paragraph as § 123."))],
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("foundation element")
        verbose_name_plural = _("foundation elements")
        ordering = ["model", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = _("The last year is before the first year.")
        if (self.decided_on or self.paragraph) and not self.decided_by_id:
            errors["decided_by"] = _("Name the body that decided it.")
        if errors:
            raise ValidationError(errors)

    def is_valid_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )
