"""Administrators look up styrdokument and avvikelser here; writes go through the pages'
services (rights, PDF check, history), so the admin only reads."""

from __future__ import annotations

from apps.core.admin_site import RoleBasedAdmin, admin_site
from apps.documents.models import Deviation, GoverningDocument


class ReadOnlyAdmin(RoleBasedAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class GoverningDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "owner", "decided_on", "revise_by"]
    list_filter = ["kind"]
    search_fields = ["title"]


class DeviationAdmin(ReadOnlyAdmin):
    list_display = ["occurred_on", "unit", "kind", "status"]
    list_filter = ["kind", "status"]


admin_site.register(GoverningDocument, GoverningDocumentAdmin)
admin_site.register(Deviation, DeviationAdmin)
