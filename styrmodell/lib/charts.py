"""Server-rendered SVG charts: readable without JavaScript, printable, usable in PDFs.

Text sets its font-family itself, because SVG text in a PDF renderer does not inherit it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from html import escape

from styrmodell.lib.formats import format_number

# "Report Sans" is the PDF reports' embedded Liberation Sans (templates/reports/pdf/report.css);
# a browser without it takes the next.
FONT = "Report Sans, Liberation Sans, Noto Sans, Arial, sans-serif"
VALUE_COLOUR = "#14406e"
TARGET_COLOUR = "#8a4b00"


# An axis steps by one of these times a power of ten: 75, 80, 85 rather than 77, 79, 82
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
MOST_TICKS = 5


def nice_ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    """At most five axis ticks on a round step (1, 2, 2,5 or 5 × 10ⁿ), the first at or below
    ``low`` and the last at or above ``high``, as few as that step allows.

    A single value gets an axis a tenth of it either side; zero, an axis from 0 to 1 (a
    figure that is zero is seldom one that could be negative)."""
    low, high = sorted((Decimal(low), Decimal(high)))
    if low == high == 0:
        high = Decimal(1)
    elif low == high:
        spread = abs(low) / 10
        low, high = low - spread, high + spread
    magnitude = Decimal(1).scaleb(((high - low) / (MOST_TICKS - 1)).adjusted())
    while True:
        for nice in NICE_STEPS:
            step = nice * magnitude
            first = (low / step).to_integral_value(ROUND_FLOOR) * step
            last = (high / step).to_integral_value(ROUND_CEILING) * step
            count = int((last - first) / step) + 1
            if count <= MOST_TICKS:
                exact = Decimal(1).scaleb(min(step.normalize().as_tuple().exponent, 0))
                return [(first + step * i).quantize(exact) for i in range(count)]
        magnitude *= 10


def tick_decimals(ticks: list[Decimal]) -> int:
    """The decimals an axis's labels need: none for 75, 80, 85; one for 2,5, 5,0, 7,5."""
    if len(ticks) < 2:
        return 0
    return max(0, -(ticks[1] - ticks[0]).normalize().as_tuple().exponent)


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal | None
    target: Decimal | None = None


def value_target_chart(
    points: list[Point], *, title: str, chart_id: str, unit: str = "", decimals: int = 1,
    value_label: str = "Utfall", target_label: str = "Målvärde",
    empty_label: str = "Inga värden ännu", width: int = 560, height: int = 220,
) -> str:  # fmt: skip
    """A line of values with the targets as a dashed step line, labelled below each point."""
    left, right, top, bottom = 56, 16, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [p.value for p in points if p.value is not None] + [
        p.target for p in points if p.target is not None
    ]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title" class="chart" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    if not numbers or not points:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#4a4d57" '
            f'font-family="{FONT}">{escape(empty_label)}</text></svg>'
        )
        return "".join(parts)
    # The axis covers the values and the targets with a little room, on round steps; it
    # starts at zero rather than below it when nothing is negative
    low, high = min(numbers), max(numbers)
    room = (high - low) / 20
    ticks = nice_ticks(low - room if low - room >= 0 or low < 0 else Decimal(0), high + room)
    low, high = ticks[0], ticks[-1]
    tick_places = tick_decimals(ticks)

    def x(index: int) -> float:
        return left + (plot_w * (index + 0.5) / len(points))

    def y(value: Decimal) -> float:
        return top + plot_h - float((value - low) / (high - low)) * plot_h

    for tick in ticks:
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#d5d9e0"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#4a4d57" '
            f'font-family="{FONT}">{escape(format_number(tick, tick_places))}</text>'
        )
    target_path = []
    for index, point in enumerate(points):
        if point.target is None:
            continue
        half = plot_w / len(points) / 2
        command = "M" if not target_path else "L"
        target_path.append(f"{command}{x(index) - half:.1f},{y(point.target):.1f}")
        target_path.append(f"L{x(index) + half:.1f},{y(point.target):.1f}")
    if target_path:
        parts.append(
            f'<path d="{" ".join(target_path)}" fill="none" stroke="{TARGET_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
    value_points = [(i, p.value) for i, p in enumerate(points) if p.value is not None]
    if len(value_points) > 1:
        path = " ".join(
            f"{'M' if n == 0 else 'L'}{x(i):.1f},{y(v):.1f}"
            for n, (i, v) in enumerate(value_points)
        )
        parts.append(f'<path d="{path}" fill="none" stroke="{VALUE_COLOUR}" stroke-width="2.5"/>')
    for index, value in value_points:
        parts.append(
            f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="4" fill="{VALUE_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{x(index):.1f}" y="{y(value) - 8:.1f}" text-anchor="middle" '
            f'fill="{VALUE_COLOUR}" font-family="{FONT}" font-weight="bold">'
            f"{escape(format_number(value, decimals))}</text>"
        )
    for index, point in enumerate(points):
        parts.append(
            f'<text x="{x(index):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
            f'fill="#1b1b1f" font-family="{FONT}">{escape(point.label)}</text>'
        )
    legend_y = height - 8
    parts.append(
        f'<line x1="{left}" x2="{left + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{VALUE_COLOUR}" stroke-width="2.5"/>'
        f'<text x="{left + 30}" y="{legend_y}" fill="#1b1b1f" font-family="{FONT}">'
        f"{escape(value_label)}{(' (' + escape(unit) + ')') if unit else ''}</text>"
        f'<line x1="{left + 150}" x2="{left + 174}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 180}" y="{legend_y}" fill="#1b1b1f" font-family="{FONT}">'
        f"{escape(target_label)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


# --- Budget, outcome to date and forecast per body (the ekonom's overview) ----------------

BUDGET_COLOUR = "#4a4d57"
OUTCOME_COLOUR = VALUE_COLOUR
FORECAST_COLOUR = TARGET_COLOUR


@dataclass(frozen=True)
class BudgetBar:
    """One body's three figures; a figure that is missing draws no bar."""

    label: str
    budget: Decimal | None
    outcome: Decimal | None
    forecast: Decimal | None


def budget_chart(
    rows: list[BudgetBar], *, title: str, chart_id: str,
    series_labels: tuple[str, str, str] = ("Budget", "Utfall hittills", "Prognos"),
    scale: Decimal = Decimal(1_000_000), unit: str = "mnkr", decimals: int = 1,
    empty_label: str = "Inga belopp ännu", width: int = 720,
) -> str:  # fmt: skip
    """Horizontal bars, three per body: budget (outlined), outcome to date (solid) and
    full-year forecast (hatched), each labelled with its amount in ``unit``.

    The three series differ in fill pattern as well as colour, so the chart reads in black
    and white; the page's table carries the same figures as its text alternative.
    """
    left, right, top = 220, 110, 12
    bar, gap, group_gap, legend_h = 14, 3, 16, 34
    group_h = 3 * bar + 2 * gap
    height = top + max(len(rows), 1) * (group_h + group_gap) + legend_h
    hatch = f"{chart_id}-hatch"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title" class="chart" '
        f'font-family="{FONT}" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{FORECAST_COLOUR}"/></pattern></defs>',
    ]
    numbers = [v for r in rows for v in (r.budget, r.outcome, r.forecast) if v is not None]
    if not numbers:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#4a4d57" '
            f'font-family="{FONT}">{escape(empty_label)}</text></svg>'
        )
        return "".join(parts)
    low, high = min(min(numbers), Decimal(0)), max(max(numbers), Decimal(0))
    if low == high:
        high = low + 1
    plot_w = width - left - right

    def x(value: Decimal) -> float:
        return left + float((value - low) / (high - low)) * plot_w

    zero = x(Decimal(0))
    styles = (
        f'fill="#ffffff" stroke="{BUDGET_COLOUR}" stroke-width="1.5"',
        f'fill="{OUTCOME_COLOUR}"',
        f'fill="url(#{hatch})" stroke="{FORECAST_COLOUR}" stroke-width="1"',
    )
    for index, row in enumerate(rows):
        y0 = top + index * (group_h + group_gap)
        parts.append(
            f'<text x="{left - 10}" y="{y0 + group_h / 2 + 4:.1f}" text-anchor="end" '
            f'fill="#1b1b1f" font-family="{FONT}">{escape(row.label)}</text>'
        )
        for series, value in enumerate((row.budget, row.outcome, row.forecast)):
            if value is None:
                continue
            y = y0 + series * (bar + gap)
            start, end = sorted((zero, x(value)))
            parts.append(
                f'<rect x="{start:.1f}" y="{y}" width="{max(end - start, 1):.1f}" '
                f'height="{bar}" {styles[series]}/>'
            )
            label = f"{format_number(value / scale, decimals)}\u00a0{unit}"
            parts.append(
                f'<text x="{end + 4:.1f}" y="{y + bar - 3}" fill="#1b1b1f" '
                f'font-family="{FONT}" font-size="11">{escape(label)}</text>'
            )
    parts.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top - 4}" '
        f'y2="{height - legend_h + 2}" stroke="#1b1b1f"/>'
    )
    legend_y = height - 12
    for series, name in enumerate(series_labels):
        lx = left + series * 150
        parts.append(
            f'<rect x="{lx}" y="{legend_y - 11}" width="22" height="12" {styles[series]}/>'
            f'<text x="{lx + 28}" y="{legend_y}" fill="#1b1b1f" font-family="{FONT}">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
