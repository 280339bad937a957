"""Whether the reader may write the kommun report's texts, for the period's report page."""

from __future__ import annotations

from django import template

from apps.accounts.access import access_for
from apps.reports.texts import can_write_texts

register = template.Library()


@register.simple_tag(takes_context=True)
def may_write_report_texts(context) -> bool:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return can_write_texts(access_for(request.user))
