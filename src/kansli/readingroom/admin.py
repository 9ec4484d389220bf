"""Sent kallelser are readable in the admin, never editable. Notes and highlights are private
to their authors and deliberately not registered here."""

from django.contrib import admin

from .models import KallelseDelivery


@admin.register(KallelseDelivery)
class KallelseDeliveryAdmin(admin.ModelAdmin):
    list_display = ["meeting", "name", "role", "channel", "email", "sent_at", "sent_by"]
    list_filter = ["channel"]
    search_fields = ["name", "email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
