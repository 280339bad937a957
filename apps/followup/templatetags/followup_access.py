"""``{% if access|reads_kommun_followup:period %}``: a link to the kommun-wide follow-up of a
period (the personnel figures, say) is shown to whoever its view lets in, decided by the
same rule (``apps.followup.access.can_read_followup``)."""

from __future__ import annotations

from django import template

from apps.accounts.access import UserAccess
from apps.followup.access import can_read_followup
from apps.periods.models import ReportingPeriod

register = template.Library()


@register.filter
def reads_kommun_followup(access: UserAccess, period: ReportingPeriod) -> bool:
    return can_read_followup(access, None, period)
