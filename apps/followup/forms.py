from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import SwedishDecimalField
from apps.followup.models import GoalStatus


class AssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    analysis = forms.CharField(
        label=_("Analysis: why it goes as it goes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class IndicatorValueForm(forms.Form):
    total = SwedishDecimalField(
        label=_("Value"), required=False, max_digits=14, decimal_places=4, localize=True
    )
    women = SwedishDecimalField(
        label=_("Women"), required=False, max_digits=14, decimal_places=4, localize=True
    )
    men = SwedishDecimalField(
        label=_("Men"), required=False, max_digits=14, decimal_places=4, localize=True
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)

    def __init__(self, *args, by_sex: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not by_sex:
            del self.fields["women"], self.fields["men"]
