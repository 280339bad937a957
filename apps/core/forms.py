"""Form plumbing shared by the apps' forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core.bounds import FIRST_DATE, LAST_DATE, date_validators
from apps.core.converters import FIRST_YEAR, LAST_YEAR
from styrmodell.lib.formats import format_number, format_tkr
from styrmodell.lib.numbers import AmbiguousNumber, NumberError, parse_decimal, parse_integer


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


def ambiguous_error(error: AmbiguousNumber) -> ValidationError:
    return ValidationError(
        _(
            "%(text)s can be read in two ways. Write %(thousands)s for thousands or "
            "%(decimal)s with a decimal comma."
        ),
        code="ambiguous",
        params={"text": error.text.strip(), "thousands": error.thousands, "decimal": error.decimal},
    )


class SwedishDecimalField(forms.DecimalField):
    """Accepts "1 234,5" as well as "1234.5" (styrmodell.lib.numbers), nothing else.

    A text input, since a number input drops a decimal comma in an English-locale browser
    (``6,5`` arrived as 65); the server reads what was typed, whatever the browser's
    language. "1.234" is refused as ambiguous with both readings offered."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = parse_decimal(value)
            except AmbiguousNumber as error:
                raise ambiguous_error(error) from None
            except NumberError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)

    def prepare_value(self, value):
        # A stored value is shown the Swedish way whatever the language: "6,5", "1 234,5".
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return number_text(value)
        return value


def number_text(value) -> str:
    """``value`` as typed in a number field: Swedish, with as many decimals as it needs (no
    trailing zeros), so that showing it and saving again changes nothing."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return format_number(number, max(0, -number.normalize().as_tuple().exponent))


def tkr_text(kronor) -> str:
    """An amount in kronor as typed in a tkr field: 412 500 500 -> "412 500,5"."""
    if kronor is None or kronor == "":
        return ""
    return number_text(Decimal(kronor) / 1000)


TKR_DECIMALS = _("Write the amount in tkr with at most one decimal, e.g. 412 500,5.")


class TkrField(SwedishDecimalField):
    """A money amount typed in tkr with at most one decimal ("412 500,5"), returned in
    kronor (Decimal("412500500")), the unit the economy stores; an initial value in kronor
    is shown in tkr. The one money input of the economy's forms: every amount is entered
    and shown in tkr. One decimal at most, so that "1,234" typed as an English thousand is
    refused rather than read as 1 234 kr."""

    # Kronor are stored with 16 digits, 2 of them decimals: at most 11 whole digits in tkr.
    def __init__(self, *, label, max_digits: int = 12, **kwargs) -> None:
        kwargs.setdefault("help_text", _("In tkr (thousands of kronor), e.g. 412 500,5."))
        super().__init__(
            label=format_lazy("{} (tkr)", label),
            max_digits=max_digits,
            decimal_places=1,
            **kwargs,
        )
        self.error_messages["max_decimal_places"] = TKR_DECIMALS

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return tkr_text(value)
        return value

    def clean(self, value):
        tkr = super().clean(value)
        return None if tkr is None else tkr * 1000

    @staticmethod
    def display(kronor) -> str:
        """A stored or cleaned amount (kronor) as a conflict box writes it, as the pages do:
        "412 500,5 tkr"."""
        if kronor is None or kronor == "":
            return ""
        tkr = Decimal(kronor) / 1000
        return format_tkr(kronor, max(1, -tkr.normalize().as_tuple().exponent))


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
