from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField
from apps.core.locking import VersionField
from apps.documents.models import (
    OPERATIONAL_OWNER_KINDS,
    DeviationKind,
    DeviationStatus,
    DocumentKind,
    GoverningDocument,
)
from apps.goals.models import Assignment, Goal
from apps.organisation.models import DECIDING_KINDS, Unit


class DocumentFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *DocumentKind.choices]
    )
    owner = forms.ModelChoiceField(
        label=_("Owner unit"),
        required=False,
        queryset=Unit.objects.order_by("tree_id", "lft"),
        empty_label=_("All units"),
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    decided_by = forms.ModelChoiceField(
        label=_("Decided by"),
        queryset=Unit.objects.filter(
            kind__in=DECIDING_KINDS | OPERATIONAL_OWNER_KINDS, valid_to__isnull=True
        ).order_by("tree_id", "lft"),
        required=False,
        help_text=_(
            "The council, a board or a committee; a process, routine or checklist may be "
            "decided by a förvaltning or verksamhet. Empty for a law or regulation."
        ),
    )
    decided_on = DateField(label=_("Decision date"))
    paragraph = forms.CharField(
        label=_("Paragraph"), max_length=20, required=False, help_text=_("E.g. § 87.")
    )
    owner = forms.ModelChoiceField(label=_("Owner unit"), queryset=Unit.objects.none())
    valid_from = DateField(label=_("Valid from"))
    revise_by = DateField(
        label=_("Revise by"),
        help_text=_("The date by which the document must be reviewed and decided again."),
    )
    url = forms.URLField(
        label=_("Link to the document"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Give a link or upload the document as PDF (at most 10 MB)."),
    )
    file = forms.FileField(
        label=_("PDF file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals it supports"),
        required=False,
        queryset=Goal.objects.filter(retired_on__isnull=True).order_by("tree_id", "lft"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    assignments = forms.ModelMultipleChoiceField(
        label=_("Assignments it serves"),
        required=False,
        queryset=Assignment.objects.order_by("title", "pk"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class DeviationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    occurred_on = DateField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=DeviationKind.choices)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What happened. Write no names or other personal data."),
    )
    measure = forms.CharField(
        label=_("Measure"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(label=_("Status"), choices=DeviationStatus.choices)
    document = forms.ModelChoiceField(
        label=_("Process or document concerned"),
        required=False,
        queryset=GoverningDocument.objects.order_by("title", "pk"),
        empty_label=_("None"),
        help_text=_("The process, routine, checklist or governance document it concerns."),
    )
    goal = forms.ModelChoiceField(
        label=_("Goal concerned"),
        required=False,
        queryset=Goal.objects.filter(retired_on__isnull=True).order_by("tree_id", "lft"),
        empty_label=_("None"),
    )
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["document"].label_from_instance = lambda d: (
            f"{d.title} ({d.get_kind_display().lower()})"
        )
