from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TkrField
from apps.core.locking import VersionField


class ForecastForm(forms.Form):
    amount = TkrField(
        label=_("Full-year forecast, net cost"),
        help_text=_("In tkr, for example 412 500 or 412 500,5 (412 500 500 kr)."),
    )
    comment = forms.CharField(
        label=_("Comment on the forecast"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    deficit_handled = forms.BooleanField(
        label=_("The committee can handle the deficit within its delegation"),
        required=False,
        help_text=_("Explain how in the comment. Otherwise a deficit needs an action plan."),
    )
    version = VersionField()


class InvestmentForecastForm(forms.Form):
    year_amount = TkrField(label=_("Forecast for the year"))
    total_amount = TkrField(label=_("Forecast total cost"))
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)
    version = VersionField()  # 0: no forecast yet
