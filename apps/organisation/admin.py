from __future__ import annotations

from mptt.admin import MPTTModelAdmin

from apps.core.admin_site import ReasonForm, RoleBasedAdmin, admin_site
from apps.core.locking import StaleEdit
from apps.organisation import services
from apps.organisation.models import Municipality, Unit


class MunicipalityForm(ReasonForm):
    class Meta:
        model = Municipality
        fields = ["name", "kommunkod", "population", "logo"]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and "logo" in self.changed_data:
            services.logo_check(logo)  # its ValidationError shows at the field
        return logo


class MunicipalityAdmin(RoleBasedAdmin):
    form = MunicipalityForm
    list_display = ["name", "kommunkod", "population"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not Municipality.objects.exists()

    def save_model(self, request, obj, form, change) -> None:
        saved = services.municipality_update(
            actor=request.user,
            name=form.cleaned_data["name"],
            kommunkod=form.cleaned_data["kommunkod"],
            population=form.cleaned_data["population"],
            logo=form.cleaned_data["logo"] if "logo" in form.changed_data else None,
            reason=form.cleaned_data["change_reason"],
            expected_version=form.cleaned_data.get("version") if change else None,
        )
        obj.pk = saved.pk


class UnitForm(ReasonForm):
    class Meta:
        model = Unit
        fields = ["parent", "kind", "name", "short_name", "ansvarskod", "valid_from",
                  "valid_to", "position", "description"]  # fmt: skip


class UnitAdmin(RoleBasedAdmin, MPTTModelAdmin):
    form = UnitForm
    list_display = ["name", "kind", "short_name", "ansvarskod", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "ansvarskod"]
    mptt_level_indent = 20

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        reason = data["change_reason"]
        if not change:
            created = services.unit_create(
                actor=request.user,
                reason=reason,
                **{name: data[name] for name in UnitForm.Meta.fields},
            )
            obj.pk = created.pk
            return
        unit = Unit.objects.get(pk=obj.pk)
        changes = {
            name: data[name]
            for name in form.changed_data
            if name not in {"change_reason", "version"}
        }
        # The page's version, checked again under the row lock (ReasonForm checked it first).
        expected_version = data.get("version")
        newly_ended = "valid_to" in changes and changes["valid_to"] and unit.valid_to is None
        if newly_ended:
            # Ending a unit ends the units below it as well.
            if expected_version is not None and expected_version != unit.version:
                raise StaleEdit(unit)
            services.unit_retire(
                actor=request.user, unit=unit, valid_to=changes.pop("valid_to"), reason=reason
            )
            unit.refresh_from_db()
            expected_version = unit.version  # retiring saved it
        if changes:
            services.unit_update(
                actor=request.user, unit=unit, reason=reason, expected_version=expected_version,
                **changes,
            )  # fmt: skip


admin_site.register(Municipality, MunicipalityAdmin)
admin_site.register(Unit, UnitAdmin)
