"""The amounts the demo's texts state, computed from the demo's economy data when the demo
is loaded, so that an analysis or an åtgärdsplan cannot state another figure than the
economy pages show (tests/demo/test_demo_texts.py compares them with the loaded economy).

A text names a figure by a placeholder that ``fill`` replaces, for the period the text is
written in:
  {result_<body>}     "ett underskott på 18,0 miljoner kronor" (or överskott, or balans);
  {deviation_<body>}  "18,0 miljoner kronor", the size of that deviation;
  {previous_deviation_<body>}, {previous_result_<body>}: the same in the period before;
  {total_result}, {total_deviation}, {previous_total_deviation}: all bodies together;
  {overrun_<ansvar>}  the 2026 cost overrun of one ansvar ("11,0 miljoner kronor").
The deviation is the body's budget minus its outcome (bokslut) or its full-year forecast
(tertial): positive a surplus, negative a deficit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from apps.demo import economy_data as data
from styrmodell.lib.formats import format_number, format_percent

ZERO = Decimal(0)
# The period before each period whose texts state figures, within its year (or none).
PREVIOUS = {"2026-t2": "2026-t1"}


def deviation(body: str, key: str) -> Decimal:
    """``body``'s deviation from its budget in period ``key``, in kronor."""
    if key.endswith("-bokslut"):
        year = int(key[:4])
        frame = next(s for s in data.FRAME_DECISIONS if s["year"] == year)["frames"][body][0]
        return data.mnkr(frame) - data.mnkr(data.ACTUAL_2025[body])
    return data.mnkr(data.FORECASTS[key][body][0])


def total_deviation(key: str) -> Decimal:
    return sum((deviation(body, key) for body in data.BODIES), ZERO)


def amount_text(amount: Decimal) -> str:
    """``18,0 miljoner kronor`` for 18 000 000 kr or −18 000 000 kr."""
    return f"{format_number(abs(amount) / data.MILLION, 1)} miljoner kronor"


def result_text(amount: Decimal) -> str:
    if amount < 0:
        return f"ett underskott på {amount_text(amount)}"
    if amount > 0:
        return f"ett överskott på {amount_text(amount)}"
    return "en budget i balans"


def _period_values(key: str, prefix: str = "") -> dict[str, str]:
    values = {}
    for body in data.BODIES:
        amount = deviation(body, key)
        values[f"{prefix}deviation_{body}"] = amount_text(amount)
        values[f"{prefix}result_{body}"] = result_text(amount)
    total = total_deviation(key)
    values[f"{prefix}total_deviation"] = amount_text(total)
    values[f"{prefix}total_result"] = result_text(total)
    return values


def values(key: str) -> dict[str, str]:
    """Every placeholder's text for period ``key``."""
    result = {
        f"overrun_{code}": amount_text(data.mnkr(amount))
        for code, amount in data.ACTUAL_DEVIATION_2026.items()
    }
    if key.endswith("-bokslut") or key in data.FORECASTS:
        result |= _period_values(key)
    if key in PREVIOUS:
        result |= _period_values(PREVIOUS[key], "previous_")
    return result


def fill(text: str, key: str, extra: dict[str, str] | None = None) -> str:
    """``text`` with its placeholders replaced by the figures of period ``key``."""
    return text.format_map(values(key) | (extra or {})) if "{" in text else text


# --- Financial goals: the key figure a goal is judged on -------------------------------------


def key_figure(period, key: str) -> Decimal | None:
    """The value of key figure ``key`` (apps.economy.models.KeyFigure) that a financial goal
    is judged on in ``period``, as the key figures page computes it from the loaded economy:
    the outcome at the year-end, the full-year forecast before it."""
    from apps.economy.keyfigures import key_figures

    value, _missing = key_figures(period).assessed(key)
    return value


def financial_goal(spec: dict, period, status: str) -> tuple[str, dict[str, str]]:
    """A financial goal's typed status and the placeholders of its analysis in ``period``:
    {figure} the key figure ("1,4 %"); the status follows from the figure and the goal's
    threshold (spec "figure": (key figure, lowest value)), unless it is "not_assessed"."""
    key, lowest = spec["figure"]
    value = key_figure(period, key)
    if value is None:
        raise ValueError(f"{spec['key']}: no {key} in {period}")
    if status != "not_assessed":
        status = "met" if value >= Decimal(lowest) else "not_met"
    return status, {"figure": format_percent(value)}


def indicator_value(spec: dict, period, key: str) -> Decimal | None:
    """The value of an indicator that restates a figure of the economy (spec "figure": a
    key figure, or "total_deviation" in mnkr) in period ``key``, rounded to the indicator's
    decimals; None where the economy has no such figure (then the demo's value stands)."""
    figure = spec.get("figure")
    if figure is None:
        return None
    if figure == "total_deviation":
        if not (key.endswith("-bokslut") or key in data.FORECASTS):
            return None
        value = total_deviation(key) / data.MILLION
    else:
        value = key_figure(period, figure)
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-spec.get("decimals", 1)), rounding=ROUND_HALF_UP)
