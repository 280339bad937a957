from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import SwedishDecimalField
from apps.core.locking import VersionField


def _kronor(label: str, **kwargs) -> SwedishDecimalField:
    return SwedishDecimalField(
        label=label, max_digits=16, decimal_places=2, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **kwargs,
    )  # fmt: skip


class ForecastForm(forms.Form):
    amount = _kronor(
        _("Full-year forecast, net cost (kr)"),
        help_text=_("For example 412 500 000 or 412 500 000,50."),
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
    year_amount = _kronor(_("Forecast for the year (kr)"))
    total_amount = _kronor(_("Forecast total cost (kr)"))
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)
    version = VersionField()  # 0: no forecast yet
