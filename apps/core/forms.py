"""Form plumbing shared by the apps' forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.bounds import FIRST_DATE, LAST_DATE, date_validators
from apps.core.converters import FIRST_YEAR, LAST_YEAR
from styrmodell.lib.numbers import NumberError, parse_decimal, parse_integer


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
    """Accepts "1 234,5" as well as "1234.5" (styrmodell.lib.numbers), nothing else.

    A text input, since a number input drops a decimal comma in an English-locale browser."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = parse_decimal(value)
            except NumberError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)


class SwedishIntegerField(forms.IntegerField):
    """A whole number in ASCII digits ("1 000" too); Python's int() would take "١٢٣"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = parse_integer(value)
            except NumberError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)


class YearField(SwedishIntegerField):
    """A year the product plans for (the same range as the ``<year:…>`` URLs)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(**kwargs)


# A date field's widget: the browser's date picker, which reads and writes ISO dates.
DATE = forms.DateInput(
    attrs={"type": "date", "min": FIRST_DATE.isoformat(), "max": LAST_DATE.isoformat()},
    format="%Y-%m-%d",
)


class DateField(forms.DateField):
    """A date typed in a form, between 1900 and the last year the product plans for."""

    widget = DATE

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.validators += date_validators()
