"""Administrators adjust the Kommun-Bas mapping: the statement lines and which account groups
count on them. Saves go through the services, with a reason for the history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.admin_site import ReasonForm, RoleBasedAdmin, admin_site
from apps.economy.models import AccountMapping, StatementLine
from apps.economy.services import outcomes as services


class StatementLineForm(ReasonForm):
    class Meta:
        model = StatementLine
        fields = ["statement", "key", "name", "order"]


class StatementLineAdmin(RoleBasedAdmin):
    form = StatementLineForm
    list_display = ["name", "statement", "key", "order"]
    list_filter = ["statement"]

    def save_model(self, request, obj, form, change) -> None:
        services.statement_line_save(
            actor=request.user, line=obj, reason=form.cleaned_data["change_reason"]
        )


class AccountMappingForm(ReasonForm):
    class Meta:
        model = AccountMapping
        fields = ["prefix", "name", "line", "is_realisation_gain"]

    def clean_prefix(self) -> str:
        # The service checks the same; here the message lands at the field.
        prefix = self.cleaned_data["prefix"].strip()
        if not prefix.isdigit():
            raise ValidationError(_("An account prefix is written with digits only."))
        return prefix


class AccountMappingAdmin(RoleBasedAdmin):
    form = AccountMappingForm
    list_display = ["prefix", "name", "line", "is_realisation_gain"]
    list_filter = ["line__statement", "is_realisation_gain"]
    list_select_related = ["line"]
    search_fields = ["prefix", "name"]

    def save_model(self, request, obj, form, change) -> None:
        services.account_mapping_save(
            actor=request.user, mapping=obj, reason=form.cleaned_data["change_reason"]
        )


admin_site.register(StatementLine, StatementLineAdmin)
admin_site.register(AccountMapping, AccountMappingAdmin)
