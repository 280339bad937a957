from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateField, ReasonField
from apps.core.locking import VersionField
from apps.goals.forms import offer_tags, tags_field
from apps.goals.services import active_model
from apps.plans.models import ActivityStatus

RICH = forms.Textarea(attrs={"rows": 6})
RICH_HELP = _(
    "Blank lines make paragraphs. Simple formatting (bold, lists, links) is kept; "
    "anything else is removed when saved."
)


class SectionForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=RICH, required=False, help_text=RICH_HELP)
    version = VersionField()


class SwotForm(forms.Form):
    strengths = forms.CharField(label=_("Strengths"), widget=RICH, required=False)
    weaknesses = forms.CharField(label=_("Weaknesses"), widget=RICH, required=False)
    opportunities = forms.CharField(label=_("Opportunities"), widget=RICH, required=False)
    threats = forms.CharField(label=_("Threats"), widget=RICH, required=False)
    version = VersionField()


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goal = forms.ChoiceField(label=_("Goal"), required=False)
    assignment = forms.ChoiceField(label=_("Or assignment"), required=False)
    responsible = forms.CharField(label=_("Responsible"), max_length=120)
    starts_on = DateField(label=_("Start"))
    ends_on = DateField(label=_("End"))
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    tags = tags_field()
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, goals, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        offer_tags(self, active_model())
        self.goals = {str(g.pk): g for g in goals}
        self.assignments = {str(a.pk): a for a in assignments}
        self.fields["goal"].choices = [("", "–")] + [
            (str(g.pk), f"{g.level.name}: {g.title} ({g.owner.short_name})") for g in goals
        ]
        self.fields["assignment"].choices = [("", "–")] + [
            (str(a.pk), a.title) for a in assignments
        ]

    def clean(self):
        data = super().clean()
        data["goal"] = self.goals.get(data.get("goal") or "")
        data["assignment"] = self.assignments.get(data.get("assignment") or "")
        return data


class DecideForm(forms.Form):
    decided_on = DateField(label=_("Decision date"))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=20, help_text=_("E.g. § 87."))
    change_reason = ReasonField()
    # The plan as the nämnd saw it: a plan reopened and submitted again meanwhile is refused.
    version = VersionField()


class ReasonOnlyForm(forms.Form):
    change_reason = ReasonField()
