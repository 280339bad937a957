"""Forms of the outcome import: the file with its year and reason, then the columns."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core.forms import ReasonField, YearField
from apps.economy.outcomes import (
    FIELD_LABELS,
    FIELDS,
    REQUIRED_FIELDS,
    max_upload_bytes,
    too_large_message,
)


class OutcomeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File from the financial system"),
        help_text=_(
            "CSV (semicolon, decimal comma; Windows-1252 or UTF-8) or Excel (xlsx) with a "
            "header row: period, responsibility code, account, amount and optionally project."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    year = YearField(label=_("Year"))
    reason = ReasonField(
        label=_("Reason for the import"),
        help_text=_("For example: the outcome for January to April from the ledger."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["file"].help_text = format_lazy(
            "{} {}",
            self.fields["file"].help_text,
            _("At most %(mb)s MB.") % {"mb": settings.OUTCOME_UPLOAD_MAX_MB},
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(too_large_message())
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class ColumnMapForm(forms.Form):
    """Which of the file's columns holds which field: one select per field."""

    def __init__(self, *args, headers: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(none)")), *((h, h) for h in headers)]
        for field in FIELDS:
            self.fields[field] = forms.ChoiceField(
                label=FIELD_LABELS[field],
                choices=choices,
                required=field in REQUIRED_FIELDS,
            )

    def column_map(self) -> dict[str, str]:
        return {field: self.cleaned_data[field] for field in FIELDS if self.cleaned_data[field]}

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(field) for field in FIELDS if cleaned.get(field)]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each column can hold one field only."))
        return cleaned
