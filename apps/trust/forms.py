from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField
from apps.core.locking import VersionField
from apps.organisation.models import Unit
from apps.trust.models import DialogueKind

RICH = forms.Textarea(attrs={"rows": 6})


class StatusReportForm(forms.Form):
    operations = forms.CharField(
        label=_("Description of operations"),
        widget=RICH,
        required=False,
        help_text=_("The mission made concrete, from reglemente, ägardirektiv and law."),
    )
    environment = forms.CharField(
        label=_("Analysis of the world around"),
        widget=RICH,
        required=False,
        help_text=_("Megatrends and local trends; the external factors the council decided."),
    )
    current_state = forms.CharField(
        label=_("Analysis of the current state"),
        widget=RICH,
        required=False,
        help_text=_("Goal fulfilment and room for change."),
    )
    proposed_goals = forms.CharField(
        label=_("Proposed goals for the next period"), widget=RICH, required=False
    )
    change_reason = ReasonField()
    version = VersionField()  # 0: no report existed when the form was opened


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of dialogue"), choices=DialogueKind.choices)
    held_on = DateField(label=_("Date"))
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.filter(
            kind__in=["ks", "namnd", "bolag", "forvaltning"], valid_to__isnull=True
        ).order_by("tree_id", "lft"),
        label=_("Units"),
        widget=forms.CheckboxSelectMultiple,
    )
    participants = forms.CharField(
        label=_("Participants"), widget=forms.Textarea(attrs={"rows": 2})
    )
    topics = forms.CharField(label=_("Topics"), widget=forms.Textarea(attrs={"rows": 3}))
    conclusions = forms.CharField(
        label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    follow_ups = forms.CharField(
        label=_("Follow-ups"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    change_reason = ReasonField()
    version = VersionField()
