from __future__ import annotations

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from apps.accounts import services
from apps.accounts.access import access_for
from apps.accounts.models import RoleAssignment, User
from apps.core.admin_site import ReasonForm, RoleBasedAdmin, admin_site, reason_field


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["unit"]
    verbose_name = _("role")
    verbose_name_plural = _("roles")

    # Revoking a role is a recorded change too: save_formset routes it through the service.
    def has_view_permission(self, request, obj=None) -> bool:
        return access_for(request.user).is_administrator

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class UserChangeWithReasonForm(UserChangeForm, ReasonForm):
    """Django's user change form with ``ReasonForm``'s reason and version: a save from a page
    opened before another administrator saved the user is refused with the other's values."""


class UserCreationWithReasonForm(AdminUserCreationForm):
    change_reason = reason_field()


class UserAdmin(RoleBasedAdmin, DjangoUserAdmin):
    form = UserChangeWithReasonForm
    add_form = UserCreationWithReasonForm
    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Why"), {"fields": ("change_reason", "version")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "password1",
                    "password2",
                    "change_reason",
                )
            },
        ),
    )

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        if not change:
            created = services.user_create(
                actor=request.user,
                username=data["username"],
                password=data.get("password1") or None,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
                reason=data["change_reason"],
            )
            obj.pk = created.pk
            obj._state.adding = False
            return
        fields = {"username", "first_name", "last_name", "email", "is_active", "is_staff",
                  "is_superuser"}  # fmt: skip
        changes = {name: data[name] for name in form.changed_data if name in fields}
        services.user_update(
            actor=request.user,
            user=User.objects.get(pk=obj.pk),
            reason=data["change_reason"],
            # The page's version, checked again under the row lock (ReasonForm checked it).
            expected_version=data.get("version"),
            **changes,
        )

    def save_formset(self, request, form, formset, change) -> None:
        reason = form.cleaned_data["change_reason"]
        user = User.objects.get(pk=form.instance.pk)
        # What formset.save() would have recorded; the admin's change message reads it.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if not hasattr(inline_form, "cleaned_data") or not inline_form.cleaned_data:
                continue
            existing = inline_form.instance if inline_form.instance.pk else None
            if inline_form.cleaned_data.get("DELETE"):
                if existing is not None:
                    services.role_revoke(actor=request.user, assignment=existing, reason=reason)
                    formset.deleted_objects.append(existing)
                continue
            if existing is not None and not inline_form.has_changed():
                continue
            if existing is not None:
                services.role_revoke(
                    actor=request.user,
                    assignment=RoleAssignment.objects.get(pk=existing.pk),
                    reason=reason,
                )
            assignment = services.role_assign(
                actor=request.user,
                user=user,
                role=inline_form.cleaned_data["role"],
                unit=inline_form.cleaned_data.get("unit"),
                reason=reason,
            )
            if existing is None:
                formset.new_objects.append(assignment)
            else:
                formset.changed_objects.append((assignment, inline_form.changed_data))


admin_site.register(User, UserAdmin)


class ReadOnlyRoleBasedAdmin(RoleBasedAdmin):
    """Administrators may look; nobody adds or edits what django-axes records."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class LoginAttemptAdmin(ReadOnlyRoleBasedAdmin, AccessAttemptAdmin):
    """Failed logins counted against a username or an address; deleting them unlocks."""

    actions = ["unlock"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._is_admin(request)

    @admin.action(description=_("Unlock: forget the selected failed logins"))
    def unlock(self, request, queryset) -> None:
        count = services.login_lockout_clear(actor=request.user, attempts=queryset)
        self.message_user(request, _("Unlocked (%(count)d rows removed).") % {"count": count})

    def delete_model(self, request, obj) -> None:
        services.login_lockout_clear(
            actor=request.user, attempts=AccessAttempt.objects.filter(pk=obj.pk)
        )

    def delete_queryset(self, request, queryset) -> None:
        services.login_lockout_clear(actor=request.user, attempts=queryset)


class LoginFailureLogAdmin(ReadOnlyRoleBasedAdmin, AccessFailureLogAdmin):
    pass


class LoginLogAdmin(ReadOnlyRoleBasedAdmin, AccessLogAdmin):
    pass


admin_site.register(AccessAttempt, LoginAttemptAdmin)
admin_site.register(AccessFailureLog, LoginFailureLogAdmin)
admin_site.register(AccessLog, LoginLogAdmin)
