from django.contrib import admin

from .models import Communication, DelegatedDecision, DelegationPoint, DelegationScheme


class PointInline(admin.TabularInline):
    model = DelegationPoint
    extra = 1
    fields = ["order", "code", "matter", "delegates", "limits", "must_report", "appealable"]


@admin.register(DelegationScheme)
class DelegationSchemeAdmin(admin.ModelAdmin):
    list_display = ["body", "version", "valid_from", "valid_to", "adopted_by"]
    list_filter = ["body"]
    inlines = [PointInline]


@admin.register(DelegatedDecision)
class DelegatedDecisionAdmin(admin.ModelAdmin):
    list_display = ["decided", "body", "point", "delegate", "case_number", "urgent", "reported_in"]
    list_filter = ["body", "urgent", "individual", "source"]
    search_fields = ["description", "case_number", "delegate"]
    readonly_fields = ["fingerprint", "created"]


@admin.register(Communication)
class CommunicationAdmin(admin.ModelAdmin):
    list_display = ["received", "body", "kind", "sender", "title", "reported_in"]
    list_filter = ["body", "kind"]
