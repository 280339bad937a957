"""Administrators adjust a styrmodell's levels, perspectives and foundation elements; saves go
through a service."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.admin_site import (
    ReasonForm,
    RoleBasedAdmin,
    RoleBasedInline,
    VersionedInlineForm,
    admin_site,
)
from apps.goals import services
from apps.goals.models import (
    DecidedBy,
    ExternalFactor,
    FoundationElement,
    GoalLevel,
    Perspective,
    SteeringModel,
)


class SteeringModelForm(ReasonForm):
    class Meta:
        model = SteeringModel
        fields = ["name", "description", "values", "uses_committee_goals", "uses_assignments",
                  "uses_basic_missions", "uses_external_factors", "uses_status_reports",
                  "uses_trust_dialogues", "uses_agenda_2030", "uses_sustainability_aspects",
                  "bodies_report_on_council_goals", "follows_up_basic_missions",
                  "follows_up_assignments", "operations_plan_decided_by",
                  "near_target_percent"]  # fmt: skip


class LevelInlineForm(VersionedInlineForm):
    def clean(self):
        cleaned = super().clean()
        model = self.instance.model if self.instance.model_id else None
        if (
            model is not None
            and cleaned.get("decided_by") == DecidedBy.BODY
            and not model.uses_committee_goals
        ):
            # A model without nämndmål offers no level the committees decide (Vadstena).
            self.add_error(
                "decided_by",
                _(
                    "The steering model %(model)s has no committee goals; switch them on "
                    "before adding a level the committees decide."
                )
                % {"model": model.name},
            )
        return cleaned


# Levels and perspectives are never deleted here: goals refer to them (RoleBasedInline).
class LevelInline(RoleBasedInline, admin.TabularInline):
    model = GoalLevel
    form = LevelInlineForm
    fields = ["position", "key", "name", "name_plural", "decided_by", "owner_scope",
              "allowed_parents", "is_measurable", "uses_perspective", "is_financial",
              "horizon_years", "version"]  # fmt: skip
    extra = 0
    filter_horizontal = ["allowed_parents"]


class PerspectiveInline(RoleBasedInline, admin.TabularInline):
    model = Perspective
    form = VersionedInlineForm
    fields = ["position", "key", "name", "version"]
    extra = 0


class FoundationInlineForm(VersionedInlineForm):
    def clean(self):
        """The preset's horizon (Ale's värdegrund: eight years) at the field, as the service
        checks it again on save."""
        cleaned = super().clean()
        element = FoundationElement(
            model_id=self.instance.model_id,
            kind=cleaned.get("kind") or "",
            first_year=cleaned.get("first_year"),
            last_year=cleaned.get("last_year"),
        )
        if element.model_id and element.kind:
            try:
                services.check_foundation_horizon(element)
            except ValidationError as error:
                self.add_error(None, error)  # at the field the error names (last year)
        return cleaned


class FoundationInline(RoleBasedInline, admin.StackedInline):
    """Värdegrund, ledord, ledarfilosofi and principles, with their decision."""

    model = FoundationElement
    form = FoundationInlineForm
    fields = ["kind", "position", "title", "text", "first_year", "last_year", "decided_by",
              "decided_on", "paragraph", "version"]  # fmt: skip
    extra = 0


class SteeringModelAdmin(RoleBasedAdmin):
    form = SteeringModelForm
    list_display = ["name", "key", "is_active"]
    inlines = [LevelInline, PerspectiveInline, FoundationInline]

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
            if isinstance(inline_form.instance, FoundationElement):
                self._save_foundation(request, inline_form.instance, reason)
                continue
            services.configuration_save(
                actor=request.user, instance=inline_form.instance, reason=reason
            )
            if "allowed_parents" in inline_form.cleaned_data:
                inline_form.instance.allowed_parents.set(
                    inline_form.cleaned_data["allowed_parents"]
                )
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @staticmethod
    def _save_foundation(request, element: FoundationElement, reason: str) -> None:
        services.foundation_element_save(
            actor=request.user,
            model=element.model,
            element=element if element.pk else None,
            kind=element.kind,
            title=element.title,
            text=element.text,
            first_year=element.first_year,
            last_year=element.last_year,
            decided_by=element.decided_by,
            decided_on=element.decided_on,
            paragraph=element.paragraph,
            position=element.position,
            reason=reason,
        )


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
