"""Administrators adjust intern kontroll's configuration: the risk categories, the risk
levels (the matrix's labels and colours) and what each scale step means. Saves go through a
service, with a reason. Risks, control plans and results are written on the pages, where
their rights, the decided plan and the closed period are checked."""

from __future__ import annotations

from apps.control import services
from apps.control.models import RiskCategory, RiskLevel, ScaleStep
from apps.core.admin_site import ReasonForm, RoleBasedAdmin, admin_site


class RiskCategoryForm(ReasonForm):
    class Meta:
        model = RiskCategory
        fields = ["key", "name", "position"]


class RiskLevelForm(ReasonForm):
    class Meta:
        model = RiskLevel
        fields = ["name", "min_value", "max_value", "colour"]


class ScaleStepForm(ReasonForm):
    class Meta:
        model = ScaleStep
        fields = ["axis", "step", "label", "meaning"]


class ControlSettingAdmin(RoleBasedAdmin):
    def save_model(self, request, obj, form, change) -> None:
        services.control_setting_save(
            actor=request.user, setting=obj, reason=form.cleaned_data["change_reason"]
        )


class RiskCategoryAdmin(ControlSettingAdmin):
    form = RiskCategoryForm
    list_display = ["name", "key", "position"]


class RiskLevelAdmin(ControlSettingAdmin):
    form = RiskLevelForm
    list_display = ["name", "min_value", "max_value", "colour"]


class ScaleStepAdmin(ControlSettingAdmin):
    form = ScaleStepForm
    list_display = ["axis", "step", "label"]
    list_filter = ["axis"]


admin_site.register(RiskCategory, RiskCategoryAdmin)
admin_site.register(RiskLevel, RiskLevelAdmin)
admin_site.register(ScaleStep, ScaleStepAdmin)
