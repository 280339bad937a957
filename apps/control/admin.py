from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.control.models import (
    Control,
    ControlPlan,
    ControlResult,
    Risk,
    RiskCategory,
    RiskLevel,
    ScaleStep,
)


@admin.register(RiskCategory)
class RiskCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position"]


@admin.register(RiskLevel)
class RiskLevelAdmin(admin.ModelAdmin):
    list_display = ["name", "min_value", "max_value", "colour"]


@admin.register(ScaleStep)
class ScaleStepAdmin(admin.ModelAdmin):
    list_display = ["axis", "step", "label"]
    list_filter = ["axis"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["description", "unit", "year", "probability", "consequence", "owner"]
    list_filter = ["year", "category"]
    list_select_related = ["unit"]


@admin.register(ControlPlan)
class ControlPlanAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "year", "state", "decided_on", "paragraph"]
    list_filter = ["year", "state"]


@admin.register(Control)
class ControlAdmin(SimpleHistoryAdmin):
    list_display = ["what", "plan", "owner", "frequency"]
    list_select_related = ["plan__unit"]


@admin.register(ControlResult)
class ControlResultAdmin(SimpleHistoryAdmin):
    list_display = ["control", "period", "status"]
    list_filter = ["period", "status"]
