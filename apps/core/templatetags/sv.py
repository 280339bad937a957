"""Template filters for Swedish formats: {{ day|sv_date }}, {{ amount|tkr }}."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from styrmodell.lib import formats

register = template.Library()


@register.filter
def sv_date(value: dt.date | None, style: str = "") -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.format_date(value, long=style == "lång")


@register.filter
def sv_datetime(value: dt.datetime | None) -> str:
    if value is not None and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.format_datetime(value)


@register.filter
def sv_number(value, decimals: int = 0) -> str:
    return formats.format_number(value, int(decimals))


@register.filter
def kr(value) -> str:
    return formats.format_kr(value)


@register.filter
def tkr(value, decimals: int = 1) -> str:
    return formats.format_tkr(value, int(decimals))
