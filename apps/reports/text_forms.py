"""Forms of the writing page: one heading's text, and the report's treatment dates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField
from apps.core.locking import VersionField

RICH_HELP = _(
    "Blank lines make paragraphs. Headings, lists, bold and links are kept; anything else "
    "is removed when saved."
)


class ReportTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}), required=False,
        help_text=RICH_HELP,
    )  # fmt: skip
    version = VersionField()
    change_reason = ReasonField()


class ReportTreatmentForm(forms.Form):
    prepared_on = DateField(label=_("Prepared on"), required=False)
    ks_treated_on = DateField(label=_("Treated by the executive board on"), required=False)
    ks_paragraph = forms.CharField(
        label=_("Executive board paragraph"), max_length=40, required=False
    )
    kf_treated_on = DateField(label=_("Treated by the municipal council on"), required=False)
    kf_paragraph = forms.CharField(
        label=_("Municipal council paragraph"), max_length=40, required=False
    )
    auditors_statement_reference = forms.CharField(
        label=_("Auditors' statement"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Where the auditors' statement is found, e.g. its title and case number."),
    )  # fmt: skip
    version = VersionField()
    change_reason = ReasonField()
