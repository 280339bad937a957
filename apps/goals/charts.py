from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.goals.models import Indicator
from apps.goals.selectors import IndicatorSummary
from styrmodell.lib.charts import Point, value_target_chart


def indicator_chart(summary: IndicatorSummary, year: int) -> SafeString:
    """The indicator's kommun-wide values up to ``year`` against each year's target."""
    points = [
        Point(p.period.short_label, p.total, summary.targets.get(p.period.year))
        for p in summary.points
        if p.period.year <= year
    ][-8:]
    return values_against_target(
        summary.indicator, points, chart_id=f"indicator-{summary.indicator.pk}"
    )


def values_against_target(
    indicator: Indicator, points: list[Point], *, chart_id: str
) -> SafeString:
    """An indicator's values against its targets, as the goal page and the reports draw them;
    ``chart_id`` must be unique in the page or document."""
    svg = value_target_chart(
        points,
        title=_("%(indicator)s: values against target") % {"indicator": indicator.title},
        chart_id=chart_id,
        unit=indicator.measure_unit,
        decimals=indicator.decimals,
        value_label=_("Outcome"),
        target_label=_("Target"),
        empty_label=_("No values yet"),
    )
    return mark_safe(svg)
