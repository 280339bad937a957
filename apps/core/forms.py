"""Form plumbing shared by the apps' forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ReasonField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Reason for the change"))
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", _("Saved in the history together with your name."))
        super().__init__(**kwargs)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's validation errors on the form's fields (or on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class SwedishDecimalField(forms.DecimalField):
    """Accepts "1 234,5" as well as "1234.5"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
            value = value.replace(",", ".")
        return super().to_python(value)


# A date field's widget: the browser's date picker, which reads and writes ISO dates.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
