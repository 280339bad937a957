"""Administrators adjust a styrmodell's levels and perspectives; saves go through a service."""

from __future__ import annotations

from django.contrib import admin

from apps.core.admin_site import (
    ReasonForm,
    RoleBasedAdmin,
    RoleBasedInline,
    VersionedInlineForm,
    admin_site,
)
from apps.goals import services
from apps.goals.models import ExternalFactor, GoalLevel, Perspective, SteeringModel


class SteeringModelForm(ReasonForm):
    class Meta:
        model = SteeringModel
        fields = ["name", "description", "values", "uses_committee_goals", "uses_assignments",
                  "uses_basic_missions", "uses_external_factors", "uses_status_reports",
                  "uses_trust_dialogues", "near_target_percent"]  # fmt: skip


# Levels and perspectives are never deleted here: goals refer to them (RoleBasedInline).
class LevelInline(RoleBasedInline, admin.TabularInline):
    model = GoalLevel
    form = VersionedInlineForm
    fields = ["position", "key", "name", "name_plural", "decided_by", "allowed_parents",
              "is_measurable", "uses_perspective", "is_financial", "horizon_years",
              "version"]  # fmt: skip
    extra = 0
    filter_horizontal = ["allowed_parents"]


class PerspectiveInline(RoleBasedInline, admin.TabularInline):
    model = Perspective
    form = VersionedInlineForm
    fields = ["position", "key", "name", "version"]
    extra = 0


class SteeringModelAdmin(RoleBasedAdmin):
    form = SteeringModelForm
    list_display = ["name", "key", "is_active"]
    inlines = [LevelInline, PerspectiveInline]

    def has_add_permission(self, request) -> bool:
        # New models come from the presets (page "Om styrmodellen"), then are adjusted here.
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.configuration_save(
            actor=request.user, instance=obj, reason=form.cleaned_data["change_reason"]
        )

    def save_formset(self, request, form, formset, change) -> None:
        reason = form.cleaned_data["change_reason"]
        for inline_form in formset.forms:
            if not inline_form.has_changed() or inline_form.cleaned_data.get("DELETE"):
                continue
            services.configuration_save(
                actor=request.user, instance=inline_form.instance, reason=reason
            )
            if "allowed_parents" in inline_form.cleaned_data:
                inline_form.instance.allowed_parents.set(
                    inline_form.cleaned_data["allowed_parents"]
                )
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


admin_site.register(SteeringModel, SteeringModelAdmin)


class ExternalFactorForm(ReasonForm):
    class Meta:
        model = ExternalFactor
        fields = ["title", "description", "first_year", "last_year", "decided_on", "paragraph",
                  "position"]  # fmt: skip


class ExternalFactorAdmin(RoleBasedAdmin):
    """KF's omvärldsfaktorer, entered as KF decided them."""

    form = ExternalFactorForm
    list_display = ["title", "first_year", "last_year", "decided_on", "paragraph"]
    list_filter = ["first_year"]

    def save_model(self, request, obj, form, change) -> None:
        services.external_factor_save(
            actor=request.user, factor=obj, reason=form.cleaned_data["change_reason"]
        )


admin_site.register(ExternalFactor, ExternalFactorAdmin)
