"""The reports' one form: which version of a report is final, and why despite failing checks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.reports.models import ReportRequest, RequestState


class MarkFinalForm(forms.Form):
    report = forms.ModelChoiceField(
        queryset=ReportRequest.objects.none(),
        label=_("Version"),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose a finished version of this report.")},
    )
    acknowledgement = forms.CharField(
        label=_("Why the report is final although checks fail"),
        help_text=_("Saved in the report's history together with your name."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, versions, ask_reason: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        # The version that is final now is no choice: marking it again changes nothing.
        field.queryset = versions.filter(state=RequestState.DONE, final_at__isnull=True)
        field.label_from_instance = lambda report: (
            _("Version %(version)s") % {"version": report.version}
        )
        if not ask_reason:
            del self.fields["acknowledgement"]
