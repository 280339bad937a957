from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField, SwedishDecimalField, TkrField
from apps.core.locking import VersionField
from apps.followup.models import GoalStatus, MeasureStatus
from apps.goals.computed import ComputedStatus
from apps.goals.models import RecipientStatus


class AssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    analysis = forms.CharField(
        label=_("Analysis: why it goes as it goes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = VersionField()

    def __init__(self, *args, computed: ComputedStatus | None = None, **kwargs):
        """``computed``: the goal's status is computed (a financial goal linked to a key
        figure), so the form takes a comment and no status; the page shows the computed
        status read-only instead of the select."""
        super().__init__(*args, **kwargs)
        self.computed = computed
        if computed is not None:
            del self.fields["status"]
            self.fields["analysis"].label = _("Comment")

    def clean(self):
        data = super().clean()
        if self.computed is not None:
            # A status posted anyway (a page opened before the goal was linked, a crafted
            # request) goes on to assessment_save, which refuses it and says why.
            data["status"] = self.data.get(self.add_prefix("status"), "")
        return data

    @property
    def computed_label(self) -> str:
        return str(GoalStatus(self.computed.status).label) if self.computed else ""


class IndicatorValueForm(forms.Form):
    total = SwedishDecimalField(
        label=_("Value"), required=False, max_digits=14, decimal_places=4, localize=True
    )
    women = SwedishDecimalField(
        label=_("Women"), required=False, max_digits=14, decimal_places=4, localize=True
    )
    men = SwedishDecimalField(
        label=_("Men"), required=False, max_digits=14, decimal_places=4, localize=True
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)
    # The version of the stored value the form opens on (0: none yet).
    version = VersionField()

    def __init__(self, *args, by_sex: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not by_sex:
            del self.fields["women"], self.fields["men"]


class MeasureForm(forms.Form):
    what = forms.CharField(label=_("Measure"), max_length=300)
    who = forms.CharField(label=_("Responsible"), max_length=120)
    due_on = DateField(label=_("By when"))
    # Entered in tkr, returned in kronor like every amount the economy stores.
    effect = TkrField(
        label=_("Estimated effect on the deficit"),
        required=False,
        min_value=0,
        error_messages={"min_value": _("The effect cannot be negative.")},
        help_text=_("Optional. In tkr, e.g. 1 234,5."),
    )


class ActionPlanDecideForm(forms.Form):
    decided_on = DateField(label=_("Decision date"))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=20, help_text=_("E.g. § 87."))
    change_reason = ReasonField()
    version = VersionField()


class MeasureFollowupForm(forms.Form):
    period = forms.ModelChoiceField(queryset=None, label=_("Period"))
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # The version of the follow-up in the period the form opens on (0: none yet).
    version = VersionField()

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.periods.models import ReportingPeriod

        self.fields["period"].queryset = ReportingPeriod.objects.filter(
            pk__in=[p.pk for p in periods]
        )
        if len(periods) == 1:
            self.fields["period"].initial = periods[0]


class ContributionForm(forms.Form):
    """A body's contribution to a KF goal: the reasoning, and a status where the goal can be
    followed up by results (Ale: "där riktningsmålen mera anger en riktning, ... ett
    resonemang")."""

    status = forms.ChoiceField(
        label=_("Status (optional)"),
        choices=[(GoalStatus.NOT_ASSESSED, _("No status: a direction to reason about"))]
        + [choice for choice in GoalStatus.choices if choice[0] != GoalStatus.NOT_ASSESSED],
        required=False,
    )
    analysis = forms.CharField(
        label=_("How the committee has contributed to the goal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say how the committee has contributed to the goal.")},
    )
    version = VersionField()


class MissionAssessmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    analysis = forms.CharField(
        label=_("Analysis: how the mission is carried out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = VersionField()


class AssignmentReportForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RecipientStatus.choices)
    report = forms.CharField(
        label=_("Report for the period"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write what the unit reports on the assignment.")},
    )
    version = VersionField()
