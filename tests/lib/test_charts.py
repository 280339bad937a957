"""Server-rendered SVG charts: well-formed, titled, escaped, with fonts set on the text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from styrmodell.lib.charts import FONT, Point, value_target_chart

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal


def chart(points, **kwargs) -> str:
    kwargs.setdefault("title", "Läsförmåga: utfall mot mål")
    kwargs.setdefault("chart_id", "indicator-7")
    return value_target_chart(points, **kwargs)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return [text.text or "" for text in root.iter(f"{SVG}text")]


SERIES = [
    Point("Bokslut 2024", D("79.4"), D(80)),
    Point("T1 2025", D("81.25"), D(85)),
    Point("T2 2025", None, D(85)),
    Point("Bokslut 2025", D("1234.5"), D(85)),
]


class TestValueTargetChart:
    def test_is_well_formed_svg_with_a_title_and_role(self):
        root = parse(chart(SERIES))
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == "indicator-7-title"
        title = root.find(f"{SVG}title")
        assert title is not None
        assert title.get("id") == "indicator-7-title"
        assert title.text == "Läsförmåga: utfall mot mål"
        assert root.get("viewBox") == "0 0 560 220"

    def test_values_labels_and_legend_are_written_the_swedish_way(self):
        words = texts(parse(chart(SERIES, unit="%", value_label="Utfall", target_label="Mål")))
        assert "79,4" in words
        assert "81,3" in words  # rounded half up to one decimal
        assert "1\u00a0234,5" in words
        for label in ("Bokslut 2024", "T1 2025", "T2 2025", "Bokslut 2025"):
            assert label in words
        assert "Utfall (%)" in words
        assert "Mål" in words

    def test_draws_one_dot_per_value_and_a_dashed_target_line(self):
        root = parse(chart(SERIES))
        assert len(root.findall(f"{SVG}circle")) == 3  # the missing value is skipped
        paths = root.findall(f"{SVG}path")
        dashed = [p for p in paths if p.get("stroke-dasharray")]
        solid = [p for p in paths if not p.get("stroke-dasharray")]
        assert len(dashed) == 1 and len(solid) == 1
        assert solid[0].get("d").count("L") == 2  # three values joined

    def test_decimals(self):
        words = texts(parse(chart([Point("2025", D("12.3456"))], decimals=2)))
        assert "12,35" in words

    def test_text_is_escaped(self):
        svg = chart(
            [Point("<T1> & co", D(1), D(2))],
            title='Mål "A" <b>fet</b> & mer',
            unit="<kr>",
            value_label="Utfall & mer",
            target_label="Mål <2030>",
        )
        assert "<b>" not in svg
        root = parse(svg)
        assert root.find(f"{SVG}title").text == 'Mål "A" <b>fet</b> & mer'
        words = texts(root)
        assert "<T1> & co" in words
        assert "Utfall & mer (<kr>)" in words
        assert "Mål <2030>" in words

    @pytest.mark.parametrize(
        "points",
        [[], [Point("T1 2025", None)], [Point("T1 2025", None), Point("T2 2025", None)]],
        ids=["no-points", "one-empty-point", "only-empty-points"],
    )
    def test_without_values_it_says_empty(self, points):
        root = parse(chart(points, empty_label="Inga värden ännu"))
        assert texts(root) == ["Inga värden ännu"]
        assert root.find(f"{SVG}title").text == "Läsförmåga: utfall mot mål"
        assert not root.findall(f"{SVG}circle")

    def test_only_targets_still_draws_the_axis(self):
        root = parse(chart([Point("T1 2025", None, D(50))]))
        assert "50,0" in texts(root)
        assert not root.findall(f"{SVG}circle")

    def test_one_value_and_equal_values(self):
        root = parse(chart([Point("T1", D(5)), Point("T2", D(5))]))
        assert len(root.findall(f"{SVG}circle")) == 2

    def test_negative_values(self):
        root = parse(chart([Point("2024", D(-3)), Point("2025", D("1.5"), D(2))]))
        assert "\u22123,0" in texts(root)

    @pytest.mark.parametrize("points", [SERIES, []], ids=["values", "empty"])
    def test_every_text_sets_its_font(self, points):
        root = parse(chart(points))
        assert root.get("font-family") == FONT
        text_elements = list(root.iter(f"{SVG}text"))
        assert text_elements
        for text in text_elements:
            assert text.get("font-family") == FONT

    def test_points_stay_inside_the_view_box(self):
        root = parse(chart(SERIES, width=400, height=200))
        for circle in root.iter(f"{SVG}circle"):
            assert 0 <= float(circle.get("cx")) <= 400
            assert 0 <= float(circle.get("cy")) <= 200
