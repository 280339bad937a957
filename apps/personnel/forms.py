"""The form of the personnel import: the HR file and why it is imported."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import ReasonField
from apps.personnel.services import MAX_UPLOAD_BYTES, too_large_message


class PersonnelUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File from the HR system"),
        help_text=_(
            "CSV (semicolon, decimal comma, UTF-8) or Excel (xlsx) with a header row: Enhet "
            "(responsibility code, empty for the whole municipality), Grupp, Anställda (or "
            "Tillsvidareanställda and Visstidsanställda), Årsarbetare, Ordinarie timmar, "
            "Sjuktimmar and Sjuktimmar 60 dagar eller mer. At most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    reason = ReasonField(
        label=_("Reason for the import"),
        help_text=_("For example: the personnel figures for January to August from the HR system."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload
