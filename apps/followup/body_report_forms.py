"""The form of a nämnd's or bolag's verksamhetsberättelse."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import ReasonField
from apps.core.locking import VersionField

RICH = forms.Textarea(attrs={"rows": 6})


class BodyReportForm(forms.Form):
    important_events = forms.CharField(
        label=_("Important events"),
        widget=RICH,
        required=False,
        help_text=_("What happened in the operations during the period, and what it means."),
    )
    goal_summary = forms.CharField(
        label=_("Goal fulfilment in brief"),
        widget=RICH,
        required=False,
        help_text=_("How the goals stand, and why; the counts are shown beside."),
    )
    economy = forms.CharField(
        label=_("Economy"),
        widget=RICH,
        required=False,
        help_text=_("The result and the full-year forecast against the budget, and why."),
    )
    outlook = forms.CharField(
        label=_("Outlook"),
        widget=RICH,
        required=False,
        help_text=_("What is expected in the coming years: needs, challenges, plans."),
    )
    change_reason = ReasonField()
    version = VersionField()  # 0: no berättelse existed when the form was opened
