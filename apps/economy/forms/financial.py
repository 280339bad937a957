from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import ReasonField, SwedishDecimalField
from apps.economy.models import MONEY, AdjustmentKind, Comparison, KeyFigure


class BalanceAdjustmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Adjustment"), choices=AdjustmentKind.choices)
    amount = SwedishDecimalField(
        label=_("Amount (kr)"), min_value=0, localize=True, **MONEY,
        help_text=_("A positive amount, e.g. 4 000 000; the adjustment adds or deducts it."),
    )  # fmt: skip
    description = forms.CharField(label=_("Description"), max_length=300)
    change_reason = ReasonField()


class FinancialGoalLinkForm(forms.Form):
    goal = forms.ModelChoiceField(queryset=None, label=_("Financial goal"))
    figure = forms.ChoiceField(label=_("Key figure"), choices=KeyFigure.choices)
    comparison = forms.ChoiceField(
        label=_("The goal is met when the figure is"), choices=Comparison.choices
    )
    threshold = SwedishDecimalField(
        label=_("Threshold"), max_digits=16, decimal_places=2, localize=True,
        help_text=_("In per cent for shares and growth (2 for 2 %), in kronor for results."),
    )  # fmt: skip
    change_reason = ReasonField()

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.goals.models import Goal

        self.fields["goal"].queryset = (
            Goal.objects.filter(
                Q(last_year__isnull=True) | Q(last_year__gte=year),
                level__is_financial=True,
                first_year__lte=year,
                retired_on__isnull=True,
            )
            .select_related("owner")
            .order_by("position", "title")
        )
