"""``{% strategic_plan_title year %}``: the strategic plan page's name in the active model's
own word, for the links to it (one query, the active model)."""

from __future__ import annotations

from django import template

from apps.economy.strategic_plan import strategic_plan_title
from apps.goals.services import active_model

register = template.Library()


@register.simple_tag
def strategic_plan_title_of(year: int) -> str:
    return strategic_plan_title(active_model(), year)
