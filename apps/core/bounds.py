"""The dates and years the product plans for, checked the same way in forms and services.

A date like 9999-12-31 cannot be moved a year on, nor 0001-01-01 a year back: Python has no
date after or before them, and a page computing with one fails. Every typed date stays within
1900–2100 and every year within 2000–2100 (the ``<year:…>`` URLs' range): the product's own
forms through ``apps.core.forms``, the admin's model forms through ``bound_formfield``, and
the services that compute with a date or a year through ``require_dates_in_range`` and
``require_years_in_range``, so an out-of-range value from any path is a field error.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.converters import FIRST_YEAR, LAST_YEAR

FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(LAST_YEAR, 12, 31)


def date_validators() -> list:
    message = _("Write a date between the years 1900 and 2100.")  # FIRST_DATE, LAST_DATE
    return [
        MinValueValidator(FIRST_DATE, message=message),
        MaxValueValidator(LAST_DATE, message=message),
    ]


def year_validators() -> list:
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def is_year_field(db_field: models.Field) -> bool:
    """A model's year: an integer named ``year`` or ``…_year`` (not ``horizon_years``)."""
    return isinstance(db_field, models.IntegerField) and (
        db_field.name == "year" or db_field.name.endswith("_year")
    )


def bound_formfield(db_field: models.Field, formfield: forms.Field | None):
    """``formfield`` for ``db_field`` with the date or year bounds added (the admin's
    ``formfield_for_dbfield``); other fields unchanged."""
    if formfield is None:
        return None
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        formfield.validators = [*formfield.validators, *date_validators()]
    elif is_year_field(db_field):
        formfield.validators = [*formfield.validators, *year_validators()]
    return formfield


def _require(validators: list, values: dict) -> None:
    errors = {}
    for name, value in values.items():
        if value is None:
            continue
        for validator in validators:
            try:
                validator(value)
            except ValidationError as error:
                errors.setdefault(name, []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def require_dates_in_range(**dates: dt.date | None) -> None:
    """Refuse, with an error at each field named, a date outside 1900–2100 (None passes)."""
    _require(date_validators(), dates)


def require_years_in_range(**years: int | None) -> None:
    """Refuse, with an error at each field named, a year outside 2000–2100 (None passes)."""
    _require(year_validators(), years)
