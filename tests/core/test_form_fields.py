"""Every number, year and date a person types goes through the shared fields in
apps/core/forms.py: ASCII digits only, years and dates in range, errors in Swedish."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

import apps
from apps.core.forms import (
    TKR_DECIMALS,
    DateField,
    SwedishDecimalField,
    SwedishIntegerField,
    TkrField,
    YearField,
)


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


def test_every_number_field_is_a_text_input_whatever_the_browsers_language():
    # A number input in an English-locale browser sent "6,5" as 65 (issue 13).
    fields = typed_fields((forms.IntegerField, forms.DecimalField))
    assert [name for name, field in fields if field.widget.input_type != "text"] == []
    assert all(field.widget.attrs.get("inputmode") for _, field in fields)


def test_a_dot_before_three_digits_is_refused_with_both_readings_in_swedish():
    for name, field in typed_fields(forms.DecimalField):
        with translation.override("sv"), pytest.raises(ValidationError) as caught:
            field.clean("1.234")
        message = caught.value.messages[0]
        assert caught.value.code == "ambiguous", name
        assert "1 234" in message and "1,234" in message, (name, message)


NOT_MONEY = {  # per cent (a result's threshold: see test_statements)
    "tax_rate", "threshold", "min_goal_share", "min_financial_share", "equity_ratio",
    "equity_ratio_with_pensions", "actualisation_degree",
}  # fmt: skip


def test_every_amount_of_the_economy_is_typed_in_tkr():
    money = [
        (name, field)
        for name, field in typed_fields(forms.DecimalField)
        if name.startswith("apps.economy.") and name.rsplit(".", 1)[1] not in NOT_MONEY
    ]
    assert money
    assert [name for name, field in money if not isinstance(field, TkrField)] == []
    assert all(str(field.label).endswith("(tkr)") for _, field in money)


@pytest.mark.parametrize(
    ("typed", "kronor"),
    [
        ("412 500,5", "412500500"),
        ("1\u00a0234,5", "1234500"),
        ("1\u202f234,5", "1234500"),
        ("\u221212", "-12000"),
        ("-12", "-12000"),
        ("1.5", "1500"),
        ("0", "0"),
    ],
)
def test_a_tkr_field_reads_tkr_and_returns_kronor(typed, kronor):
    assert TkrField(label="Belopp").clean(typed) == Decimal(kronor)


@pytest.mark.parametrize("typed", ["1,25", "1 234,56", "1,234"])
def test_a_tkr_field_refuses_more_than_one_decimal_in_swedish(typed):
    with translation.override("sv"), pytest.raises(ValidationError) as caught:
        TkrField(label="Belopp").clean(typed)
    assert caught.value.messages == [str(TKR_DECIMALS)]


@pytest.mark.parametrize("typed", ["412 500,5", "1 234", "\u221212,5", "0,5", "999 999 999,9"])
def test_a_tkr_amount_shown_again_reads_as_it_was_typed(typed):
    field = TkrField(label="Belopp")
    kronor = field.clean(typed)
    shown = field.prepare_value(kronor)
    assert shown.replace("\u00a0", " ") == typed
    assert field.clean(shown) == kronor


def test_a_stored_value_is_shown_the_swedish_way_in_any_language():
    field = SwedishDecimalField()
    with translation.override("en"):
        assert field.prepare_value(Decimal("85.5000")) == "85,5"
        assert field.prepare_value(Decimal("1234.5")) == "1\u00a0234,5"
