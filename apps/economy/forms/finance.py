"""Forms of the finansförvaltning: its forecast per period, an earlier year's figures and the
rule for god ekonomisk hushållning. Amounts are typed in tkr and returned in kronor."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import (
    DateField,
    ReasonField,
    SwedishDecimalField,
    SwedishIntegerField,
    TkrField,
    YearField,
)
from apps.core.locking import VersionField
from apps.economy.services.finance import MAX_POPULATION


class FinanceForecastForm(forms.Form):
    tax_revenue = TkrField(label=_("Tax revenue, full-year forecast"), min_value=0)
    general_grants = TkrField(label=_("General grants and equalisation, full-year forecast"))
    financial_income = TkrField(label=_("Financial income, full-year forecast"), min_value=0)
    financial_costs = TkrField(label=_("Financial costs, full-year forecast"), min_value=0)
    central_deviation = TkrField(
        label=_("Pensions and other central items, deviation from the budget"),
        help_text=_("In tkr; negative when the costs exceed the budget, e.g. −2 500."),
    )
    source = forms.CharField(
        label=_("Tax forecast"), max_length=120, required=False,
        help_text=_("The tax forecast the figures come from, e.g. SKR's circular 26:31."),
    )  # fmt: skip
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)
    change_reason = ReasonField()
    version = VersionField()


class YearFiguresForm(forms.Form):
    """One year's figures; every figure may be left empty (not known)."""

    year = YearField(label=_("Year"))
    result = TkrField(label=_("Result for the year"), required=False)
    balance_requirement_result = TkrField(label=_("Balance requirement result"), required=False)
    equity_ratio = SwedishDecimalField(
        label=_("Equity ratio (%)"), max_digits=6, decimal_places=1, required=False
    )
    equity_ratio_with_pensions = SwedishDecimalField(
        label=_("Equity ratio incl. all pension obligations (%)"), max_digits=6,
        decimal_places=1, required=False,
    )  # fmt: skip
    net_investments = TkrField(label=_("Net investments"), required=False)
    loan_debt = TkrField(label=_("Loan debt"), required=False, min_value=0)
    tax_rate = SwedishDecimalField(
        label=_("Tax rate (kr per 100 kr)"), max_digits=5, decimal_places=2, required=False,
        min_value=0, max_value=100,
    )  # fmt: skip
    population = SwedishIntegerField(
        label=_("Population 31 December"), required=False, min_value=0, max_value=MAX_POPULATION
    )
    rur_balance = TkrField(label=_("Result equalisation reserve at the year's end"), required=False)
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, fixed_year: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if fixed_year:
            self.fields["year"].widget = forms.HiddenInput()


class GoodManagementRuleForm(forms.Form):
    first_year = YearField(label=_("Applies from year"))
    min_goal_share = SwedishDecimalField(
        label=_("Share of the council's operational goals required (%)"), max_digits=5,
        decimal_places=1, min_value=0, max_value=100,
        help_text=_("More than this share of the goals must be met, e.g. 50."),
    )  # fmt: skip
    counts_partly_met = forms.BooleanField(label=_("Goals partly met count as met"), required=False)
    all_financial_goals = forms.BooleanField(
        label=_("Every financial goal must be met"), required=False
    )
    min_financial_share = SwedishDecimalField(
        label=_("Share of the financial goals required (%)"), max_digits=5, decimal_places=1,
        min_value=0, max_value=100, required=False,
        help_text=_("Used when not every financial goal must be met."),
    )  # fmt: skip
    text = forms.CharField(label=_("The rule as decided"), required=False, widget=forms.Textarea)
    decided_on = DateField(label=_("Decided on"), required=False)
    paragraph = forms.CharField(label=_("Paragraph"), max_length=40, required=False)
    change_reason = ReasonField()
    version = VersionField()

    def clean(self):
        data = super().clean()
        if not data.get("all_financial_goals") and data.get("min_financial_share") is None:
            self.add_error(
                "min_financial_share",
                _("Give the share of the financial goals, or require every one."),
            )
        return data
