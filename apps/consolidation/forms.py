"""The koncern page's forms: ownership, one bolag's figures, the import and an internal
transaction. Amounts are typed in tkr and returned in kronor (``TkrField``)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.consolidation.figures_file import FORECAST
from apps.consolidation.models import CompanyLine, InternalKind
from apps.core.forms import ReasonField, SwedishDecimalField, TkrField, YearField
from apps.core.locking import VersionField
from apps.organisation.models import Unit, UnitKind


def companies(year: int):
    """The bolag valid in ``year``, in the organisation's order."""
    return Unit.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1)),
        kind=UnitKind.COMPANY,
        valid_from__lte=dt.date(year, 12, 31),
    ).order_by("position", "name")


class OwnershipForm(forms.Form):
    company = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Company"))
    share = SwedishDecimalField(
        label=_("Ownership share (%)"), max_digits=5, decimal_places=2, min_value=0,
        max_value=100, help_text=_("Under 20 % the company is not consolidated (RKR R16)."),
    )  # fmt: skip
    from_year = YearField(label=_("From year"))
    consolidated = forms.BooleanField(
        label=_("Part of the municipal group"), required=False, initial=True
    )
    change_reason = ReasonField()

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies(year)
        self.fields["from_year"].initial = year


class FiguresForm(forms.Form):
    """One bolag's figures for the period, a field per line; an empty field removes the line.

    Each line and the forecast carry the version they were opened on (``version_<line>``, 0
    for an empty one), so that a second editor's older form cannot overwrite them."""

    company = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Company"))

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies(year)
        for line in CompanyLine:
            self.fields[line.value] = TkrField(label=line.label, required=False)
        self.fields[FORECAST] = TkrField(
            label=_("Full-year forecast of the result"), required=False,
            min_value=None, help_text=_("In the interim report: the company's forecast."),
        )  # fmt: skip
        self.fields["change_reason"] = ReasonField()
        for name in self.cells():
            self.fields[f"version_{name}"] = VersionField()

    @staticmethod
    def cells() -> list[str]:
        """The amount fields: each line's, then the forecast's."""
        return [*CompanyLine.values, FORECAST]

    def amounts(self) -> dict:
        return {line.value: self.cleaned_data.get(line.value) for line in CompanyLine}

    def versions(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(f"version_{name}") for name in self.cells()}


class FiguresImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with the companies' figures"),
        help_text=_(
            "CSV (semicolon, UTF-8) or Excel (xlsx) with the columns bolag, rad and belopp: "
            "the company's name or responsibility code, the line's name and the amount in "
            "kronor (1 234,5). The file replaces the period's figures of every company in it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    reason = ReasonField(
        label=_("Reason for the import"),
        help_text=_("For example: the companies' interim accounts for January to August."),
    )


PARTY_KOMMUN = ""


class InternalTransactionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InternalKind.choices)
    seller = forms.ChoiceField(label=_("Seller or lender"), required=False)
    buyer = forms.ChoiceField(label=_("Buyer or borrower"), required=False)
    amount = TkrField(label=_("Amount"))
    description = forms.CharField(label=_("Description"), max_length=300)
    change_reason = ReasonField()

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._companies = {str(u.pk): u for u in companies(year)}
        choices = [(PARTY_KOMMUN, _("The municipality")),
                   *((pk, u.name) for pk, u in self._companies.items())]  # fmt: skip
        self.fields["seller"].choices = choices
        self.fields["buyer"].choices = choices

    def party(self, name: str) -> Unit | None:
        return self._companies.get(self.cleaned_data[name])

    def clean(self):
        data = super().clean()
        seller, buyer = data.get("seller"), data.get("buyer")
        if seller is not None and seller == buyer:
            self.add_error(
                "buyer",
                _("One of the parties is a company; the other may be the kommun.")
                if seller == PARTY_KOMMUN
                else _("The buyer must be another party than the seller."),
            )
        return data


class RemoveForm(forms.Form):
    change_reason = ReasonField()
