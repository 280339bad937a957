from django.contrib import admin

from apps.documents.models import Deviation, GoverningDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    """For looking up rows only: writes go through the services (rights, PDF check, history)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(GoverningDocument)
class GoverningDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "owner", "decided_on", "revise_by"]
    list_filter = ["kind"]
    search_fields = ["title"]


@admin.register(Deviation)
class DeviationAdmin(ReadOnlyAdmin):
    list_display = ["occurred_on", "unit", "kind", "status"]
    list_filter = ["kind", "status"]
