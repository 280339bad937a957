"""The admin site: open to administrators by role, every save routed through a service."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.accounts.access import access_for
from apps.core.bounds import bound_formfield
from apps.core.forms import SwedishDecimalField, SwedishIntegerField
from apps.core.locking import StaleEdit, Versioned, VersionField, conflict_for


class RoleAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, open to administrators by role rather than by ``is_staff``."""

    def confirm_login_allowed(self, user) -> None:
        if not user.is_active or not access_for(user).is_administrator:
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class StyrmodellAdminSite(admin.AdminSite):
    site_header = _("Styrmodell administration")
    site_title = _("Styrmodell administration")
    index_title = _("Configuration")
    login_form = RoleAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_authenticated and access_for(user).is_administrator


admin_site = StyrmodellAdminSite(name="admin")


def _without_version(admin_object, request, obj, kwargs: dict) -> dict:
    """The fields for the admin's form factory: the fieldsets' fields, but not "version",
    which ``ReasonForm`` and ``VersionedInlineForm`` declare themselves (the model's own
    field is not editable, and a model form may not name it)."""
    if "fields" not in kwargs:
        kwargs["fields"] = flatten_fieldsets(admin_object.get_fieldsets(request, obj))
    if kwargs["fields"] is not None:
        kwargs["fields"] = [name for name in kwargs["fields"] if name != "version"]
    return kwargs


# Numbers in the admin are read as in the product's own forms: text inputs with the one
# Swedish parser ("6,5", "1 234"), since a number input drops a decimal comma in an
# English-locale browser. Matched along the model field's classes, so every integer kind.
# The widgets are named too: Django's admin defaults give an integer a number input.
SWEDISH_NUMBERS = {
    models.DecimalField: {
        "form_class": SwedishDecimalField,
        "widget": SwedishDecimalField.widget,
    },
    models.IntegerField: {
        "form_class": SwedishIntegerField,
        "widget": SwedishIntegerField.widget,
    },
    models.BigIntegerField: {
        "form_class": SwedishIntegerField,
        "widget": SwedishIntegerField.widget,
    },
}


class RoleBasedAdmin(admin.ModelAdmin):
    """Administrators may change configuration; Django's per-model permissions are not used."""

    formfield_overrides = SWEDISH_NUMBERS

    def get_form(self, request, obj=None, change=False, **kwargs):
        # change by keyword: django.contrib.auth's UserAdmin.get_form takes no such argument.
        return super().get_form(
            request, obj, change=change, **_without_version(self, request, obj, kwargs)
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Dates within 1900–2100, years within 2000–2100, as in the product's own forms.
        return bound_formfield(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    def _is_admin(self, request: HttpRequest) -> bool:
        return access_for(request.user).is_administrator

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._is_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Nothing is hard-deleted through the admin; units are retired, roles revoked in place.
        return False


class ReasonForm(forms.ModelForm):
    """A model form that also asks why the change is made, for the history.

    For a versioned model it carries the version the page was opened on, so a second
    administrator's save of an older page is refused instead of undoing the first one's.
    """

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        help_text=_("Saved in the history together with your name."),
    )
    # Declared here so that the admin's fieldsets, made from the form's base fields, render
    # it; a model that is not versioned ignores it.
    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, Versioned):
            self.fields["version"] = VersionField(
                initial=self.instance.version if self.instance.pk else 0
            )
            self.stored_version = self.instance.version if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        opened_on = cleaned.get("version")
        if isinstance(self.instance, Versioned) and self.stored_version is not None:
            if opened_on is not None and opened_on != self.stored_version:
                current = type(self.instance)._default_manager.get(pk=self.instance.pk)
                conflict = conflict_for(self, StaleEdit(current))
                for field in conflict.fields:
                    self.add_error(
                        None,
                        _("%(field)s now reads: %(theirs)s")
                        % {"field": field.label, "theirs": field.theirs or "–"},
                    )
            # The service's save checks the version again, under a row lock.
            self.instance.version = opened_on if opened_on is not None else self.stored_version
        return cleaned


class VersionedInlineForm(forms.ModelForm):
    """An admin inline row's form that carries the row's version, like ``ReasonForm`` does
    for the main object: a row another administrator saved after this page was opened is
    refused with the other's values, instead of being silently undone. The inline's
    ``fields`` must name "version"."""

    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = VersionField(
            initial=self.instance.version if self.instance.pk else 0
        )

    def clean(self):
        cleaned = super().clean()
        opened_on = cleaned.get("version")
        if self.instance.pk and opened_on is not None:
            # The formset loaded the row for this request: its version is the stored one.
            if opened_on != self.instance.version:
                current = type(self.instance)._default_manager.get(pk=self.instance.pk)
                for field in conflict_for(self, StaleEdit(current)).fields:
                    self.add_error(
                        None,
                        _("%(field)s now reads: %(theirs)s")
                        % {"field": field.label, "theirs": field.theirs or "–"},
                    )
            # The service's save checks the version again, under a row lock.
            self.instance.version = opened_on
        return cleaned


def reason_field() -> forms.CharField:
    return ReasonForm.base_fields["change_reason"].__deepcopy__({})


class RoleBasedInline:
    """Mixin for inlines: administrators by role may view, add and change rows."""

    formfield_overrides = SWEDISH_NUMBERS

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, **_without_version(self, request, obj, kwargs))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return bound_formfield(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return access_for(request.user).is_administrator

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return access_for(request.user).is_administrator

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return access_for(request.user).is_administrator

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
