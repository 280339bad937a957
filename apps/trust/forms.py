from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField
from apps.core.locking import VersionField
from apps.goals.models import Assignment
from apps.organisation.models import Unit
from apps.trust.models import DialogueKind, StatusReport

RICH = forms.Textarea(attrs={"rows": 6})


class StatusReportForm(forms.Form):
    operations = forms.CharField(
        label=_("Description of operations"),
        widget=RICH,
        required=False,
        help_text=_("The mission made concrete, from reglemente, ägardirektiv and law."),
    )
    environment = forms.CharField(
        label=_("Analysis of the world around"),
        widget=RICH,
        required=False,
        help_text=_("Megatrends and local trends; the external factors the council decided."),
    )
    current_state = forms.CharField(
        label=_("Analysis of the current state"),
        widget=RICH,
        required=False,
        help_text=_("Goal fulfilment and room for change."),
    )
    proposed_goals = forms.CharField(
        label=_("Proposed goals for the next period"), widget=RICH, required=False
    )
    change_reason = ReasonField()
    version = VersionField()  # 0: no report existed when the form was opened

    def __init__(self, *args, uses_factors: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not uses_factors:
            # Only a styrmodell with KF's omvärldsfaktorer (Ale) speaks of them.
            self.fields["environment"].help_text = _(
                "Megatrends and local trends, and how they may affect the operations."
            )


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of dialogue"), choices=DialogueKind.choices)
    held_on = DateField(label=_("Date"))
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.filter(
            kind__in=["ks", "namnd", "bolag", "forvaltning"], valid_to__isnull=True
        ).order_by("tree_id", "lft"),
        label=_("Units"),
        widget=forms.CheckboxSelectMultiple,
    )
    participants = forms.CharField(
        label=_("Participants"), widget=forms.Textarea(attrs={"rows": 2})
    )
    topics = forms.CharField(label=_("Topics"), widget=forms.Textarea(attrs={"rows": 3}))
    conclusions = forms.CharField(
        label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    follow_ups = forms.CharField(
        label=_("Follow-ups"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    status_reports = forms.ModelMultipleChoiceField(
        queryset=StatusReport.objects.none(),
        label=_("Status reports it rests on"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "For the executive board's dialogue with a committee or company: the "
            "analysis of the current state the dialogue starts from."
        ),
    )
    assignments = forms.ModelMultipleChoiceField(
        queryset=Assignment.objects.none(),
        label=_("Assignments it led to"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
        help_text=_("The uppdrag given because of the dialogue."),
    )
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The reports of the year and the one before, the uppdrag still running then.
        reports = self.fields["status_reports"]
        reports.queryset = (
            StatusReport.objects.filter(year__in=[year - 1, year])
            .select_related("unit")
            .order_by("-year", "unit__tree_id", "unit__lft")
        )
        reports.label_from_instance = lambda r: f"{r.unit.name} {r.year}"
        self.fields["assignments"].queryset = Assignment.objects.filter(
            last_year__gte=year - 1
        ).order_by("title", "pk")


class EnvironmentAnalysisForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The analysis"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Global megatrends, national analyses (SKR, Konjunkturinstitutet) and local "
            "trends: how they may affect the municipality's operations."
        ),
    )
    url = forms.URLField(
        label=_("Link to the full analysis"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    day_held_on = DateField(label=_("Date of the omvärldsdag"), required=False)
    day_notes = forms.CharField(
        label=_("The omvärldsdag"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What the committees and companies worked with on the day."),
    )
    change_reason = ReasonField()
    version = VersionField()  # 0: no analysis existed when the form was opened
