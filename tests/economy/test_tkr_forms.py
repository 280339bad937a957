"""The economy's amounts are typed in tkr and stored in kronor: a result's threshold too."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from apps.core.forms import TKR_DECIMALS
from apps.economy.forms.financial import FinancialGoalLinkForm

pytestmark = pytest.mark.django_db


def link_form(figure: str, threshold: str) -> FinancialGoalLinkForm:
    return FinancialGoalLinkForm(
        {"figure": figure, "comparison": "gte", "threshold": threshold, "version": "0"},
        year=2026,
    )


def test_a_results_threshold_is_typed_in_tkr_and_stored_in_kronor():
    form = link_form("result", "15 000,5")
    form.is_valid()
    assert form.cleaned_data["threshold"] == Decimal("15000500")


def test_a_shares_threshold_is_in_per_cent():
    form = link_form("result_share", "2,5")
    form.is_valid()
    assert form.cleaned_data["threshold"] == Decimal("2.5")


def test_a_results_threshold_with_two_decimals_is_refused_at_the_field():
    with translation.override("sv"):
        form = link_form("result", "1,25")
        form.is_valid()
        assert form.errors["threshold"] == [str(TKR_DECIMALS)]


def test_a_stored_results_threshold_is_shown_in_tkr():
    form = FinancialGoalLinkForm(
        initial={"figure": "result", "threshold": Decimal("15000500.00")}, year=2026
    )
    assert form["threshold"].value() == "15\u00a0000,5"
