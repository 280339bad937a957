from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TKR_DECIMALS, ReasonField, SwedishDecimalField, TkrField, tkr_text
from apps.core.locking import VersionField
from apps.economy.models import AdjustmentKind, Comparison, FinancialGoalLink, KeyFigure


class BalanceAdjustmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Adjustment"), choices=AdjustmentKind.choices)
    amount = TkrField(
        label=_("Amount"), min_value=0,
        help_text=_("A positive amount in tkr, e.g. 4 000; the adjustment adds or deducts it."),
    )  # fmt: skip
    description = forms.CharField(label=_("Description"), max_length=300)
    change_reason = ReasonField()


class FinancialGoalLinkForm(forms.Form):
    """A new link of a financial goal to a key figure, or with ``link`` a change of that
    link; the version is the link's (0 for a new one)."""

    goal = forms.ModelChoiceField(queryset=None, label=_("Financial goal"))
    figure = forms.ChoiceField(label=_("Key figure"), choices=KeyFigure.choices)
    comparison = forms.ChoiceField(
        label=_("The goal is met when the figure is"), choices=Comparison.choices
    )
    threshold = SwedishDecimalField(
        label=_("Threshold"), max_digits=13, decimal_places=2,
        help_text=_("In per cent for shares, ratios and growth (2 for 2 %), in tkr for "
                    "results (15 000 for 15 000 tkr), in kronor for the debt per inhabitant "
                    "(40 000)."),
    )  # fmt: skip
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, year: int, link: FinancialGoalLink | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.goals.models import Goal

        goals = (
            Goal.objects.filter(
                Q(last_year__isnull=True) | Q(last_year__gte=year),
                level__is_financial=True,
                first_year__lte=year,
                retired_on__isnull=True,
            )
            .select_related("owner")
            .order_by("position", "title")
        )
        if link is not None:
            goals = goals.filter(pk=link.goal_id)
            self.fields["goal"].empty_label = None
        elif not self.is_bound:
            # A linked goal's link is changed from its row, on the version shown there; a
            # goal linked by someone else after this page was opened is refused as stale.
            goals = goals.filter(financial_link__isnull=True)
        self.fields["goal"].queryset = goals
        # A result's threshold is stored in kronor and typed and shown in tkr.
        if _in_kronor(self.initial.get("figure")) and self.initial.get("threshold") is not None:
            self.initial["threshold"] = tkr_text(self.initial["threshold"])

    def clean(self):
        data = super().clean()
        if _in_kronor(data.get("figure")) and data.get("threshold") is not None:
            threshold = data["threshold"]
            if threshold != threshold.quantize(Decimal("0.1")):
                self.add_error("threshold", TKR_DECIMALS)
            data["threshold"] = threshold * 1000
        return data


def _in_kronor(figure: str | None) -> bool:
    from apps.economy.keyfigures import KRONOR, UNIT_OF

    return UNIT_OF.get(figure or "") == KRONOR
