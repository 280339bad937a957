"""Every number, year and date a person types goes through the shared fields in
apps/core/forms.py: ASCII digits only, years and dates in range, errors in Swedish."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

import apps
from apps.core.forms import DateField, SwedishDecimalField, SwedishIntegerField, YearField


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for info in pkgutil.walk_packages(apps.__path__, "apps."):
        if not (info.name.endswith(".forms") or ".forms." in info.name):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def typed_fields(kind) -> list[tuple[str, forms.Field]]:
    return [
        (f"{cls.__module__}.{cls.__name__}.{name}", field)
        for cls in form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, kind) and not isinstance(field.widget, forms.HiddenInput)
    ]


def test_every_typed_number_and_date_uses_the_shared_fields():
    plain = [
        name
        for name, field in typed_fields((forms.DateField, forms.IntegerField, forms.DecimalField))
        if not isinstance(field, (DateField, SwedishIntegerField, SwedishDecimalField))
    ]
    assert plain == []


def test_every_year_field_is_bounded():
    years = [
        (name, field) for name, field in typed_fields(forms.IntegerField) if name.endswith("year")
    ]
    assert years
    assert [name for name, field in years if not isinstance(field, YearField)] == []


@pytest.mark.parametrize("text", ["١٢٣", "１２３", "1_000", "1e5", "NaN", "Infinity"])
def test_every_number_field_refuses_what_is_not_a_plain_number(text):
    fields = typed_fields((forms.IntegerField, forms.DecimalField))
    assert fields
    for name, field in fields:
        with translation.override("sv"), pytest.raises(ValidationError) as caught:
            field.clean(text)
        assert caught.value.messages[0].startswith(("Fyll i", "Ange")), (name, caught.value)


@pytest.mark.parametrize(
    ("text", "expected"), [("1 234,5", "1234.5"), ("1.5", "1.5"), ("6,5", "6.5")]
)
def test_an_amount_is_read_with_a_comma_or_a_point(text, expected):
    from decimal import Decimal

    assert SwedishDecimalField(required=False).clean(text) == Decimal(expected)


def test_an_amount_is_typed_in_a_text_input_that_keeps_the_decimal_comma():
    widget = SwedishDecimalField().widget
    assert widget.input_type == "text"
    assert widget.attrs["inputmode"] == "decimal"


@pytest.mark.parametrize("day", ["9999-12-31", "2101-01-01", "1899-12-31", "0001-01-01"])
def test_every_date_field_refuses_a_date_far_out_of_range(day):
    fields = typed_fields(forms.DateField)
    assert fields
    for name, field in fields:
        with translation.override("sv"), pytest.raises(ValidationError) as caught:
            field.clean(day)
        assert "1900" in caught.value.messages[0], name


def test_a_date_within_range_is_read():
    assert DateField().clean("2100-12-31") == dt.date(2100, 12, 31)
    assert DateField().clean("1900-01-01") == dt.date(1900, 1, 1)
