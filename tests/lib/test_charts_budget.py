"""The budget chart: three horizontal bars per body, labelled in mnkr, readable without colour,
with fonts set on the text and a title for screen readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from styrmodell.lib.charts import FONT, BudgetBar, budget_chart

SVG = "{http://www.w3.org/2000/svg}"
M = Decimal(1_000_000)

ROWS = [
    BudgetBar("BUN", 410 * M, 250 * M, 420 * M),
    BudgetBar("SN <&>", 300 * M, 190 * M, None),
    BudgetBar("Bolaget", Decimal("-2500000"), None, Decimal("-1250000")),
]


def chart(rows=ROWS, **kwargs) -> ET.Element:
    kwargs.setdefault("title", "Budget, utfall och prognos")
    kwargs.setdefault("chart_id", "economy")
    root = ET.fromstring(budget_chart(rows, **kwargs))
    assert root.tag == f"{SVG}svg"
    return root


def bars(root: ET.Element) -> list[ET.Element]:
    """The bars, without the legend's swatches (the last three rects) and pattern tiles."""
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "14"]
    return rects


def test_titled_image_with_the_font_set_on_every_text():
    root = chart()
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "economy-title"
    assert root.find(f"{SVG}title").text == "Budget, utfall och prognos"
    assert FONT in root.get("font-family")
    for text in root.iter(f"{SVG}text"):
        assert text.get("font-family") == FONT


def test_one_bar_per_figure_present_with_its_amount_in_mnkr():
    root = chart()
    assert len(bars(root)) == 7  # 3 + 2 + 2: missing figures draw nothing
    words = [text.text for text in root.iter(f"{SVG}text")]
    for label in ("BUN", "SN <&>", "Bolaget"):
        assert label in words
    for amount in ("410,0", "250,0", "420,0", "300,0", "190,0", "\u22122,5", "\u22121,3"):
        assert f"{amount}\u00a0mnkr" in words
    assert words[-3:] == ["Budget", "Utfall hittills", "Prognos"]


def test_longer_amounts_draw_longer_bars_and_negative_ones_go_left_of_zero():
    budget, outcome, forecast, *_rest, company_budget, company_forecast = bars(chart())

    def width(rect: ET.Element) -> float:
        return float(rect.get("width"))

    assert width(outcome) < width(budget) < width(forecast)
    assert float(company_budget.get("x")) < float(budget.get("x"))
    assert width(company_forecast) < width(company_budget)


def test_the_series_differ_by_pattern_not_only_colour():
    budget, outcome, forecast = bars(chart())[:3]
    assert budget.get("fill") == "#ffffff" and budget.get("stroke")
    assert outcome.get("fill").startswith("#")
    assert forecast.get("fill") == "url(#economy-hatch)"


def test_no_amounts_says_so():
    root = chart([BudgetBar("BUN", None, None, None)], empty_label="Inga belopp")
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Inga belopp"]


def test_labels_are_escaped():
    svg = budget_chart(ROWS, title="A & B <c>", chart_id="x")
    assert "A &amp; B &lt;c&gt;" in svg and "SN &lt;&amp;&gt;" in svg
