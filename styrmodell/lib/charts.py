"""Server-rendered SVG charts: readable without JavaScript, printable, usable in PDFs.

Text sets its font-family itself, because SVG text in a PDF renderer does not inherit it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from styrmodell.lib.formats import format_number

FONT = "Noto Sans, Liberation Sans, Arial, sans-serif"
VALUE_COLOUR = "#14406e"
TARGET_COLOUR = "#8a4b00"


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
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    padding = (high - low) * Decimal("0.1")
    low = min(low - padding, Decimal(0)) if low >= 0 and low - padding < 0 else low - padding
    high = high + padding

    def x(index: int) -> float:
        return left + (plot_w * (index + 0.5) / len(points))

    def y(value: Decimal) -> float:
        return top + plot_h - float((value - low) / (high - low)) * plot_h

    for step in range(5):
        tick = low + (high - low) * Decimal(step) / 4
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#d5d9e0"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#4a4d57" '
            f'font-family="{FONT}">{escape(format_number(tick, decimals))}</text>'
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
