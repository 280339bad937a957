"""Forms of budget med plan. Amounts are entered in tkr, Swedish style ("412 000" or
"1 234,5"), and come back as Decimal kronor (``TkrField``)."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.text import capfirst
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
from apps.economy.models import BudgetYear, DecisionKind, InvestmentProject, InvestmentStatus
from apps.organisation.models import Unit


def money_field(label, *, required: bool = False, **kwargs) -> TkrField:
    """An amount typed in tkr (the label gets "(tkr)"), cleaned to kronor."""
    return TkrField(label=label, required=required, **kwargs)


class BudgetYearForm(forms.Form):
    year = YearField(label=_("Year"))
    tax_revenue = money_field(_("Tax revenue forecast"))
    general_grants = money_field(_("General grants and equalisation forecast"))
    tax_rate = SwedishDecimalField(
        label=_("Municipal tax rate (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
    )
    population = SwedishIntegerField(label=_("Population forecast"), required=False, min_value=0)
    forecast_source = forms.CharField(
        label=_("Source of the forecast"),
        max_length=200,
        required=False,
        help_text=_("For example SKR's circular 26:12."),
    )
    # The resultaträkning's budget below the frames (which include the nämnder's depreciation).
    depreciation = money_field(capfirst(BudgetYear._meta.get_field("depreciation").verbose_name))
    financial_income = money_field(
        capfirst(BudgetYear._meta.get_field("financial_income").verbose_name)
    )
    financial_costs = money_field(
        capfirst(BudgetYear._meta.get_field("financial_costs").verbose_name)
    )
    is_election_year = forms.BooleanField(label=_("Election year"), required=False)
    notes = forms.CharField(
        label=_("Other assumptions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]


class DecisionCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    change_reason = ReasonField()


class DecideForm(forms.Form):
    """The decision of a proposal or a detaljbudget, made on the version of its amounts the
    page showed."""

    decided_on = DateField(label=_("Decision date"))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=40, help_text=_("E.g. § 87."))
    change_reason = ReasonField()
    version = VersionField()


class ReasonForm(forms.Form):
    """Deleting a proposal or reopening a detaljbudget: the reason, and the version the page
    showed."""

    change_reason = ReasonField()
    version = VersionField()


class AppropriationTableForm(forms.Form):
    """All amounts of a proposal in one form: a cell per body (or project) and year, named
    like ``operations-<unit id>-<year>`` or ``investment-<project id>-<year>``, with the
    proposal's version; ``cell_labels`` names each cell as "row – column"."""

    def __init__(
        self,
        *args,
        bodies: Iterable[Unit],
        projects: Iterable[InvestmentProject],
        years: Iterable[int],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        years = list(years)
        self.cells: dict[str, tuple[str, object, int]] = {}
        self.cell_labels = {}
        for body in bodies:
            for year in years:
                name = f"operations-{body.pk}-{year}"
                label = _("%(body)s, %(year)s") % {"body": body.name, "year": year}
                self.fields[name] = money_field(label)
                self.cells[name] = ("operations", body, year)
                self.cell_labels[name] = f"{body.name} – {year}"
        for project in projects:
            for year in years:
                if not project.first_year <= year <= project.last_year:
                    continue
                name = f"investment-{project.pk}-{year}"
                label = _("%(project)s, %(year)s") % {"project": project, "year": year}
                self.fields[name] = money_field(label)
                self.cells[name] = ("investment", project, year)
                self.cell_labels[name] = f"{project} – {year}"
        self.fields["change_reason"] = ReasonField()
        self.fields["version"] = VersionField()

    def amounts(self) -> tuple[dict, dict]:
        """The cleaned amounts as the service takes them: operations and investments."""
        operations, investments = {}, {}
        for name, (kind, target, year) in self.cells.items():
            target_map = operations if kind == "operations" else investments
            target_map[(target, year)] = self.cleaned_data.get(name)
        return operations, investments


class DetailBudgetForm(forms.Form):
    """The lines of a detaljbudget: a cell per verksamhet or enhet, ``line-<unit id>``, with
    the detaljbudget's version (0 before there is one); ``cell_labels`` as above."""

    def __init__(self, *args, units: Iterable[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {}
        self.cell_labels = {}
        for unit in units:
            name = f"line-{unit.pk}"
            self.fields[name] = money_field(unit.name)
            self.units[name] = unit
            self.cell_labels[name] = f"{unit.name} – {_('Net cost')}"
        self.fields["change_reason"] = ReasonField()
        self.fields["version"] = VersionField()

    def amounts(self) -> dict[Unit, object]:
        return {unit: self.cleaned_data.get(name) for name, unit in self.units.items()}


class InvestmentProjectForm(forms.Form):
    code = forms.CharField(
        label=_("Project code"),
        max_length=20,
        help_text=_("The project number in the financial system."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Committee or company"), queryset=Unit.objects.none())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_total = money_field(_("Decided total cost"), required=True)
    first_year = YearField(label=_("First year"))
    last_year = YearField(label=_("Last year"))
    status = forms.ChoiceField(label=_("Status"), choices=InvestmentStatus.choices)
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, bodies: Iterable[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[b.pk for b in bodies])
