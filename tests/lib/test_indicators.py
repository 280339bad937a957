"""How an indicator stands against its target and its previous value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrmodell.lib.indicators import TargetStatus, Trend, target_status, trend

D = Decimal
NEAR = D(5)


def status(value, target, *, higher: bool = True, near: Decimal = NEAR) -> TargetStatus:
    return target_status(
        None if value is None else D(value),
        None if target is None else D(target),
        higher_is_better=higher,
        near_percent=near,
    )


class TestTargetStatus:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("120", TargetStatus.MET),
            ("100", TargetStatus.MET),  # on the target is met
            ("99", TargetStatus.NEAR),
            ("95", TargetStatus.NEAR),  # exactly 5 % below is still near
            ("94.99", TargetStatus.NOT_MET),
            ("10", TargetStatus.NOT_MET),
        ],
    )
    def test_higher_is_better(self, value, expected):
        assert status(value, "100", higher=True) == expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("80", TargetStatus.MET),
            ("100", TargetStatus.MET),
            ("101", TargetStatus.NEAR),
            ("105", TargetStatus.NEAR),
            ("105.01", TargetStatus.NOT_MET),
            ("200", TargetStatus.NOT_MET),
        ],
    )
    def test_lower_is_better(self, value, expected):
        assert status(value, "100", higher=False) == expected

    def test_near_threshold_is_a_share_of_the_target(self):
        assert status("90", "100", near=D(10)) == TargetStatus.NEAR
        assert status("90", "100", near=D(9)) == TargetStatus.NOT_MET
        assert status("99.9", "100", near=D(0)) == TargetStatus.NOT_MET

    def test_negative_target_uses_its_size(self):
        # A result of −2 % against a target of −1 %: 1 point off, near within 100 % of 1.
        assert status("-2", "-1", near=D(100)) == TargetStatus.NEAR
        assert status("-3", "-1", near=D(100)) == TargetStatus.NOT_MET
        assert status("0", "-1") == TargetStatus.MET

    def test_zero_target_has_no_near_band(self):
        assert status("0", "0") == TargetStatus.MET
        assert status("-0.1", "0") == TargetStatus.NOT_MET
        assert status("0.1", "0", higher=False) == TargetStatus.NOT_MET

    @pytest.mark.parametrize(("value", "target"), [(None, "100"), ("100", None), (None, None)])
    def test_no_value_or_no_target_is_no_data(self, value, target):
        assert status(value, target) == TargetStatus.NO_DATA
        assert status(value, target, higher=False) == TargetStatus.NO_DATA

    def test_values_are_strings_for_templates(self):
        assert TargetStatus.NOT_MET == "not_met"
        assert f"{TargetStatus.NO_DATA}" == "no_data"


class TestTrend:
    @pytest.mark.parametrize(
        ("value", "previous", "higher", "expected"),
        [
            ("81", "80", True, Trend.BETTER),
            ("79", "80", True, Trend.WORSE),
            ("79", "80", False, Trend.BETTER),
            ("81", "80", False, Trend.WORSE),
            ("80", "80", True, Trend.UNCHANGED),
            ("80.0", "80", False, Trend.UNCHANGED),
        ],
    )
    def test_direction_decides_better_or_worse(self, value, previous, higher, expected):
        assert trend(D(value), D(previous), higher_is_better=higher) == expected

    @pytest.mark.parametrize(("value", "previous"), [(None, D(1)), (D(1), None), (None, None)])
    def test_without_both_values_it_is_unknown(self, value, previous):
        assert trend(value, previous, higher_is_better=True) == Trend.UNKNOWN
