from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField, YearField
from apps.core.locking import VersionField
from apps.periods.models import PeriodKind


class PeriodForm(forms.Form):
    year = YearField(label=_("Year"))
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("E.g. Tertial 1, Oktober."))
    starts_on = DateField(label=_("Covers from"))
    ends_on = DateField(label=_("Covers to"))
    deadline = DateField(label=_("Deadline"))
    change_reason = ReasonField()


class PeriodStateForm(forms.Form):
    change_reason = ReasonField()


class DeadlineForm(forms.Form):
    version = VersionField()  # the period's
    deadline = DateField(label=_("New deadline"))
    change_reason = ReasonField()


class ExtensionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    until = DateField(
        label=_("Reports until"),
        help_text=_("The unit and the units under it may report until this day."),
    )  # fmt: skip
    change_reason = ReasonField()

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
