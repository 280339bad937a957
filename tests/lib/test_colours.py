"""A level's name stays readable whatever background colour the administrator chose."""

from __future__ import annotations

import itertools

import pytest

from styrmodell.lib.colours import contrast_ratio, readable_text_colour


@pytest.mark.parametrize(
    ("background", "text"),
    [
        ("#ffffff", "#000000"),
        ("#ffe699", "#000000"),
        ("#000000", "#ffffff"),
        ("#8b0000", "#ffffff"),
    ],
)
def test_dark_text_on_light_and_light_text_on_dark(background, text):
    assert readable_text_colour(background) == text


def test_the_chosen_text_colour_always_meets_wcag_aa():
    steps = ["00", "33", "66", "77", "80", "99", "cc", "ff"]
    for red, green, blue in itertools.product(steps, repeat=3):
        background = f"#{red}{green}{blue}"
        assert contrast_ratio(background, readable_text_colour(background)) >= 4.5, background


def test_contrast_of_black_on_white_is_21():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
