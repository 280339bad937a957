"""The pension statement of a period, a note's text and the year's redovisningsprinciper."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField, SwedishDecimalField, TkrField
from apps.core.locking import VersionField

RICH_TEXT_HELP = _(
    "Plain text: a blank line starts a new paragraph. Headings, lists, bold and links may be "
    "written as HTML (h3, h4, ul, ol, strong, a)."
)


class PensionStatementForm(forms.Form):
    provision = TkrField(label=_("Provision for pensions incl. payroll tax"), min_value=0)
    contingent_liability = TkrField(
        label=_("Contingent liability for pensions earned before 1998 incl. payroll tax"),
        min_value=0,
    )
    pension_funds = TkrField(
        label=_("Pension funds under management, market value"), required=False, min_value=0
    )
    actualisation_degree = SwedishDecimalField(
        label=_("Actualisation degree (%)"), required=False, max_digits=5, decimal_places=1,
        min_value=0, max_value=100,
    )  # fmt: skip
    administrator = forms.CharField(
        label=_("Pension administrator"), max_length=120, required=False,
        help_text=_("For example KPA Pension or Skandia."),
    )  # fmt: skip
    statement_on = DateField(label=_("Statement date"), required=False)
    change_reason = ReasonField()
    version = VersionField()


class StatementNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the note"), required=False, help_text=RICH_TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip
    change_reason = ReasonField()
    version = VersionField()


class AccountingPrinciplesForm(forms.Form):
    text = forms.CharField(
        label=_("Accounting principles"), help_text=RICH_TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 14}),
    )  # fmt: skip
    change_reason = ReasonField()
    version = VersionField()
