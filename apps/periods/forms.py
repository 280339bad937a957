from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import ReasonField
from apps.periods.models import PeriodKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("E.g. Tertial 1, Oktober."))
    starts_on = forms.DateField(label=_("Covers from"), widget=DATE)
    ends_on = forms.DateField(label=_("Covers to"), widget=DATE)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    change_reason = ReasonField()


class PeriodStateForm(forms.Form):
    change_reason = ReasonField()
