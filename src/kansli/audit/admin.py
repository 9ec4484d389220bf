from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the system only."""

    list_display = ["when", "username", "action", "model_label", "object_repr"]
    list_filter = ["action", "model_label"]
    search_fields = ["object_repr", "username", "object_pk"]
    date_hierarchy = "when"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
