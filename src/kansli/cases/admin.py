from django.contrib import admin

from .models import Case, CaseNumberCounter, CaseSeries, Document


@admin.register(CaseSeries)
class CaseSeriesAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "format", "body", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["code", "name"]


@admin.register(CaseNumberCounter)
class CaseNumberCounterAdmin(admin.ModelAdmin):
    list_display = ["series", "year", "last_number"]
    list_filter = ["series"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["kind", "title", "file", "secret", "sha256", "created"]
    readonly_fields = ["sha256", "created"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["case_number", "title", "status", "registered", "secret", "series"]
    list_filter = ["status", "series", "year", "secret"]
    search_fields = ["case_number", "title"]
    date_hierarchy = "registered"
    readonly_fields = ["series", "year", "sequence", "case_number"]
    inlines = [DocumentInline]

    def get_readonly_fields(self, request, obj=None):
        # A new case gets its number from register_case(); the admin only edits existing ones.
        return self.readonly_fields if obj else []


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "case", "content_type", "secret", "created"]
    list_filter = ["kind", "secret"]
    search_fields = ["title", "case__case_number", "case__title", "sha256"]
    readonly_fields = ["sha256", "created"]
    autocomplete_fields = ["case"]
