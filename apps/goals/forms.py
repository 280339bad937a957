from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.access import UserAccess
from apps.core.forms import DateField, ReasonField, SwedishDecimalField, TkrField, YearField
from apps.core.locking import VersionField
from apps.goals.models import (
    AssignmentState,
    Direction,
    FoundationElement,
    FoundationKind,
    Goal,
    GoalLevel,
    Indicator,
    RecipientStatus,
    SteeringModel,
    Tag,
    owner_kinds,
)
from apps.organisation.models import BODY_KINDS, Unit

# A text input like every number field: a number input would drop what it cannot read.
YEAR_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


def tags_field(**kwargs) -> forms.ModelMultipleChoiceField:
    """Checkboxes for the tags the model offers (``offer_tags`` sets the choices)."""
    kwargs.setdefault("label", _("Global goals and aspects"))
    return forms.ModelMultipleChoiceField(
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def offer_tags(form: forms.Form, model: SteeringModel | None, name: str = "tags") -> None:
    """Offer the tags of ``model`` (``offered_tags``); with sustainability aspects the
    field says that one is needed (the service refuses without)."""
    from apps.goals.selectors import offered_tags

    field = form.fields[name]
    field.queryset = offered_tags(model)
    if model is not None and model.uses_sustainability_aspects:
        field.help_text = _(
            "Choose at least one sustainability aspect: economic, ecological or social."
        )


class GoalForm(forms.Form):
    level = forms.ModelChoiceField(queryset=GoalLevel.objects.none(), label=_("Level"))
    owner = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Owner"))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    first_year = YearField(label=_("First year"), widget=YEAR_WIDGET)
    last_year = YearField(label=_("Last year"), widget=YEAR_WIDGET, required=False)
    decided_on = DateField(
        label=_("Decision date"),
        required=False,
        help_text=_("The date of the decision that set the goal, e.g. the council's."),
    )
    decision_paragraph = forms.CharField(
        label=_("Paragraph"),
        max_length=20,
        required=False,
        validators=Goal._meta.get_field("decision_paragraph").validators,
        help_text=_("E.g. § 265."),
    )
    perspective = forms.ModelChoiceField(queryset=None, label=_("Perspective"), required=False)
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(), label=_("Tags"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    change_reason = ReasonField()
    version = VersionField()

    def __init__(
        self, *args, model: SteeringModel, access: UserAccess, parent: Goal | None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        from apps.goals.selectors import goal_choices

        levels, units = goal_choices(model=model, access=access, parent=parent)
        self.fields["level"].queryset = GoalLevel.objects.filter(
            pk__in=[level.pk for level in levels]
        )
        self.fields["owner"].queryset = Unit.objects.filter(
            pk__in=[unit.pk for unit in units]
        ).order_by("tree_id", "lft")
        if not model.uses_committee_goals:
            # A level the model has but does not offer is a nämndmål level: say so.
            self.fields["level"].error_messages["invalid_choice"] = _(
                "The steering model %(model)s has no committee goals."
            ) % {"model": model.name}
        self.fields["perspective"].queryset = model.perspectives.all()
        if not model.perspectives.exists():
            del self.fields["perspective"]

    def clean(self):
        data = super().clean()
        level, owner = data.get("level"), data.get("owner")
        if level and owner and owner.kind not in owner_kinds(level):
            fitting = [
                lv.name for lv in self.fields["level"].queryset if owner.kind in owner_kinds(lv)
            ]
            message = _("%(unit)s cannot own a goal on the level %(level)s.") % {
                "unit": owner.name,
                "level": level.name,
            }
            if fitting:
                message += " " + _("Choose %(levels)s.") % {"levels": ", ".join(fitting)}
            self.add_error("owner", message)
        if data.get("decision_paragraph") and not data.get("decided_on"):
            self.add_error("decided_on", _("Give the date of the decision."))
        return data


class GoalMoveForm(forms.Form):
    parent = forms.ModelChoiceField(queryset=Goal.objects.none(), label=_("New place in the chain"))
    change_reason = ReasonField()
    version = VersionField()  # the goal's

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = candidates
        self.fields["parent"].label_from_instance = lambda g: (
            f"{g.level.name}: {g.title} ({g.owner.short_name})"
        )


class SteeringModelChooseForm(forms.Form):
    """Putting another styrmodell in use changes every page: it is confirmed with a reason."""

    change_reason = ReasonField(
        label=_("Why the municipality changes its steering model"), widget=forms.Textarea
    )


class GoalRetireForm(forms.Form):
    retired_on = DateField(label=_("Retired on"))
    change_reason = ReasonField()


class GoalIndicatorForm(forms.Form):
    """Link an existing indicator to a goal, or describe a new one, with the year's target."""

    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.order_by("title"), label=_("Existing indicator"), required=False
    )
    new_title = forms.CharField(
        label=_("Or a new indicator: title"), max_length=300, required=False
    )
    measure_unit = forms.CharField(label=_("Unit of measure"), max_length=40, required=False)
    direction = forms.ChoiceField(
        label=_("Desired direction"), choices=[("", "–"), *Direction.choices], required=False
    )
    kolada_kpi = forms.CharField(label=_("Kolada KPI"), max_length=10, required=False)
    new_tags = tags_field(label=_("The new indicator's global goals"))
    year = YearField(label=_("Year"), widget=YEAR_WIDGET)
    target = SwedishDecimalField(
        label=_("Target value"),
        required=False,
        max_digits=14,
        decimal_places=4,
        help_text=_("Decimal comma is fine, e.g. 85,5."),
    )
    change_reason = ReasonField()

    def __init__(self, *args, model: SteeringModel | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_tags(self, model, "new_tags")

    def clean(self):
        data = super().clean()
        if not data.get("indicator") and not data.get("new_title"):
            self.add_error("indicator", _("Choose an indicator or describe a new one."))
        if data.get("new_title") and not data.get("indicator"):
            for name in ("measure_unit", "direction"):
                if not data.get(name):
                    self.add_error(name, _("A new indicator needs this."))
        return data


class IndicatorTargetForm(forms.Form):
    """A correction of an indicator's target for a year, with the version it was opened on
    (0: the indicator has no target that year yet)."""

    value = SwedishDecimalField(
        label=_("Target value"),
        max_digits=14,
        decimal_places=4,
        help_text=_("Decimal comma is fine, e.g. 85,5."),
    )
    change_reason = ReasonField()
    version = VersionField()


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    recipients = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.filter(kind__in=BODY_KINDS, valid_to__isnull=True).order_by(
            "tree_id", "lft"
        ),
        label=_("Given to"),
        widget=forms.CheckboxSelectMultiple,
    )
    first_year = YearField(label=_("First year"), widget=YEAR_WIDGET)
    last_year = YearField(label=_("Last year"), widget=YEAR_WIDGET)
    resources = TkrField(label=_("Resources"), required=False, max_digits=12)
    deadline = DateField(label=_("Deadline"), required=False)
    decided_on = DateField(label=_("Decision date"))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=20, help_text=_("E.g. § 87."))
    tags = tags_field()
    change_reason = ReasonField()

    def __init__(self, *args, model: SteeringModel | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_tags(self, model)


class AssignmentGiveForm(AssignmentForm):
    """An uppdrag under no goal (a local political uppdrag): the body that gives it."""

    given_by = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Given by"))
    field_order = ["given_by", "title"]

    def __init__(self, *args, access: UserAccess, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = Unit.objects.filter(
            kind__in=["kf", "ks", "namnd"], valid_to__isnull=True
        ).order_by("tree_id", "lft")
        self.fields["given_by"].queryset = Unit.objects.filter(
            pk__in=[unit.pk for unit in bodies if access.can_edit_for(unit)]
        ).order_by("tree_id", "lft")


class AssignmentEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    resources = TkrField(label=_("Resources"), required=False, max_digits=12)
    tags = tags_field()
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, model: SteeringModel | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_tags(self, model)


class IndicatorTagsForm(forms.Form):
    tags = tags_field()
    change_reason = ReasonField()

    def __init__(self, *args, model: SteeringModel | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_tags(self, model)


class IndicatorRemoveForm(forms.Form):
    """Stop following a grunduppdrag or uppdrag with an indicator in a year, with a reason."""

    year = YearField(widget=forms.HiddenInput)
    change_reason = ReasonField()


class AssignmentReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RecipientStatus.choices)
    report = forms.CharField(
        label=_("Report"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    change_reason = ReasonField()
    version = VersionField()


class AssignmentDecisionForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in AssignmentState if s != AssignmentState.ACTIVE],
    )
    decided_on = DateField(label=_("Decision date"))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=20, help_text=_("E.g. § 87."))
    last_year = YearField(
        label=_("New last year"),
        widget=YEAR_WIDGET,
        required=False,
        help_text=_("Only for an extension."),
    )
    deadline = DateField(label=_("New deadline"), required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    change_reason = ReasonField()
    version = VersionField()  # the uppdrag's, which the decision changes


class BasicMissionForm(forms.Form):
    title = forms.CharField(
        label=_("Short title"),
        max_length=200,
        required=False,
        help_text=_("E.g. Förskola, Hemtjänst."),
    )
    text = forms.CharField(label=_("Basic mission"), widget=forms.Textarea(attrs={"rows": 8}))
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("E.g. Reglemente för socialnämnden, KF 2022-12-12 § 180."),
    )
    document = forms.ModelChoiceField(
        label=_("Reglemente or ägardirektiv"),
        queryset=None,
        required=False,
        empty_label=_("None from the register"),
        help_text=_("The governance document in the register that sets the mission."),
    )
    first_year = YearField(label=_("Valid from year"), widget=YEAR_WIDGET)
    tags = tags_field()
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, model: SteeringModel | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.documents.selectors import mission_documents

        self.fields["document"].queryset = mission_documents()
        offer_tags(self, model)


class FactorResponseForm(forms.Form):
    risks = forms.CharField(
        label=_("Risks we see"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opportunities = forms.CharField(
        label=_("Opportunities we see"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    approach = forms.CharField(
        label=_("How we take it on"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # 0: the editor saw no response yet, so one written meanwhile is not replaced unseen.
    version = VersionField()


def factor_response_rows(
    factors, responses, *, bound: dict | None = None, conflicts: dict | None = None
) -> list[tuple]:
    """(factor, response or None, form, conflict or None) per factor, for a plan's or
    report's page; ``bound`` holds the form that was just posted with errors, and
    ``conflicts`` what ``conflict_for`` made of a refused save, by factor id."""
    by_factor = {r.factor_id: r for r in responses}
    rows = []
    for factor in factors:
        response = by_factor.get(factor.pk)
        initial = {"version": 0}
        if response:
            initial = {f: getattr(response, f) for f in ("risks", "opportunities", "approach")}
            initial["version"] = response.version
        form = (bound or {}).get(factor.pk) or FactorResponseForm(
            prefix=f"f{factor.pk}", initial=initial
        )
        rows.append((factor, response, form, (conflicts or {}).get(factor.pk)))
    return rows


class ExternalFactorWithdrawForm(forms.Form):
    withdrawn_on = DateField(label=_("Withdrawn on"), help_text=_("The date of KF's decision."))
    withdrawal_reason = forms.CharField(
        label=_("Reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason why the factor is withdrawn.")},
        help_text=_("Shown with the factor and kept in its history."),
    )
    version = VersionField()


# --- The styrmodell's settings and foundation -------------------------------------------------


class SteeringModelSettingsForm(forms.ModelForm):
    """The parts of the model in use that the administrator switches on or off."""

    change_reason = ReasonField()
    version = VersionField()

    class Meta:
        model = SteeringModel
        fields = ["name", "description", "values", "uses_committee_goals", "uses_assignments",
                  "uses_basic_missions", "uses_external_factors", "uses_status_reports",
                  "uses_trust_dialogues", "uses_agenda_2030", "uses_sustainability_aspects",
                  "bodies_report_on_council_goals", "follows_up_basic_missions",
                  "follows_up_assignments", "operations_plan_decided_by"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class FoundationElementForm(forms.Form):
    """A värdegrund, ledord, leader or principle with the decision that set it."""

    kind = forms.ChoiceField(label=_("Kind"), choices=FoundationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Blank lines make paragraphs."),
    )
    first_year = YearField(label=_("First year"), widget=YEAR_WIDGET, required=False)
    last_year = YearField(label=_("Last year"), widget=YEAR_WIDGET, required=False)
    decided_by = forms.ModelChoiceField(
        queryset=Unit.objects.filter(kind__in=["kf", *BODY_KINDS], valid_to__isnull=True),
        label=_("Decided by"),
        required=False,
    )
    decided_on = DateField(label=_("Decision date"), required=False)
    paragraph = forms.CharField(
        label=_("Paragraph"),
        max_length=20,
        required=False,
        validators=FoundationElement._meta.get_field("paragraph").validators,
        help_text=_("E.g. § 265."),
    )
    change_reason = ReasonField()
    version = VersionField()

    def clean(self):
        data = super().clean()
        if (data.get("decided_on") or data.get("paragraph")) and not data.get("decided_by"):
            self.add_error("decided_by", _("Name the body that decided it."))
        return data


class FoundationEndForm(forms.Form):
    last_year = YearField(
        label=_("Last year"), widget=YEAR_WIDGET, help_text=_("The last year it holds.")
    )
    change_reason = ReasonField()
    version = VersionField()
