"""Justering records in the admin: read only. A signature is made in the workspace, never here."""

from django.contrib import admin

from .models import AdjustmentRound, Signature


class SignatureInline(admin.TabularInline):
    model = Signature
    fields = ["order", "role", "person", "user", "signed_at", "certificate_subject", "certificate_serial", "pdf_sha256"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AdjustmentRound)
class AdjustmentRoundAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "created", "completed"]
    list_filter = ["status"]
    fields = ["meeting", "status", "created", "created_by", "record_sha256", "pdf_sha256", "signed_sha256",
              "completed", "notice_warnings"]
    readonly_fields = fields
    inlines = [SignatureInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
