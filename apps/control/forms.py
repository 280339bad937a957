from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.control.models import SCALE, ResultStatus, RiskCategory, ScaleAxis, ScaleStep
from apps.core.forms import DateField, ReasonField, SwedishIntegerField
from apps.core.locking import VersionField


def _scale_choices(axis: str, steps: dict[tuple[str, int], ScaleStep]) -> list:
    choices = [("", "–")]
    for step in SCALE:
        found = steps.get((axis, step))
        choices.append((step, f"{step} – {found.label}" if found else str(step)))
    return choices


class RiskForm(forms.Form):
    description = forms.CharField(
        label=_("Risk"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What can go wrong, and what it would lead to."),
    )  # fmt: skip
    process = forms.CharField(label=_("Process or routine"), max_length=200, required=False)
    category = forms.ModelChoiceField(queryset=RiskCategory.objects.all(), label=_("Category"))
    # The range is the service's check, so that its message shows at the field.
    probability = SwedishIntegerField(label=_("Probability (1–5)"))
    consequence = SwedishIntegerField(label=_("Consequence (1–5)"))
    owner = forms.CharField(
        label=_("Risk owner"), max_length=200, help_text=_("A person's name or role.")
    )
    in_control_plan = forms.BooleanField(label=_("Goes into the control plan"), required=False)
    change_reason = ReasonField()
    version = VersionField()

    def __init__(self, *args, steps: dict[tuple[str, int], ScaleStep], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, axis in (("probability", ScaleAxis.PROBABILITY),
                           ("consequence", ScaleAxis.CONSEQUENCE)):  # fmt: skip
            self.fields[name].widget = forms.Select(choices=_scale_choices(axis, steps))


class ControlForm(forms.Form):
    risk = forms.ModelChoiceField(queryset=None, label=_("Risk"))
    what = forms.CharField(
        label=_("What is checked"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    method = forms.CharField(label=_("How it is checked"), max_length=500, required=False)
    # Owner and frequency are required by the service, which says so at the field.
    owner = forms.CharField(label=_("Who checks"), max_length=200, required=False)
    frequency = forms.CharField(
        label=_("How often"), max_length=100, required=False,
        help_text=_("E.g. once a tertial, monthly, a sample of 10 invoices per quarter."),
    )  # fmt: skip
    reported_when = forms.CharField(
        label=_("When it is reported"), max_length=100, required=False,
        help_text=_("E.g. with the budget follow-up in tertial 1."),
    )  # fmt: skip

    def __init__(self, *args, risks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risk"].queryset = risks
        self.fields["risk"].label_from_instance = lambda r: f"{r.value} – {r.description[:90]}"


class DecideForm(forms.Form):
    decided_on = DateField(label=_("Decision date"))
    paragraph = forms.CharField(label=_("Paragraph"), max_length=30, help_text=_("E.g. § 87."))
    version = VersionField()


class ResultForm(forms.Form):
    status = forms.ChoiceField(label=_("Result"), choices=ResultStatus.choices)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures = forms.CharField(
        label=_("Measures for what failed"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required unless the result is “no remarks”."),
    )  # fmt: skip
    version = VersionField()  # 0: no result yet
