from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import ReasonField, SwedishDecimalField
from apps.core.locking import VersionField
from apps.economy.models import MONEY, AdjustmentKind, Comparison, FinancialGoalLink, KeyFigure


class BalanceAdjustmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Adjustment"), choices=AdjustmentKind.choices)
    amount = SwedishDecimalField(
        label=_("Amount (kr)"), min_value=0, localize=True, **MONEY,
        help_text=_("A positive amount, e.g. 4 000 000; the adjustment adds or deducts it."),
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
        label=_("Threshold"), max_digits=16, decimal_places=2, localize=True,
        help_text=_("In per cent for shares and growth (2 for 2 %), in kronor for results."),
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
