"""Administrators configure the sections of plans (the free ones beside the standard)."""

from __future__ import annotations

from apps.core.admin_site import ReasonForm, RoleBasedAdmin, admin_site
from apps.plans import services
from apps.plans.models import SectionTemplate


class SectionTemplateForm(ReasonForm):
    class Meta:
        model = SectionTemplate
        fields = ["key", "title", "guidance", "position", "is_active"]


class SectionTemplateAdmin(RoleBasedAdmin):
    form = SectionTemplateForm
    list_display = ["title", "key", "position", "is_active"]

    def save_model(self, request, obj, form, change) -> None:
        services.section_template_save(
            actor=request.user, template=obj, reason=form.cleaned_data["change_reason"]
        )


admin_site.register(SectionTemplate, SectionTemplateAdmin)
