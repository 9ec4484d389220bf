from django.contrib import admin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "body", "paragraphs", "posted", "appeal_last_day", "remove_from"]
    list_filter = ["kind", "municipality", "body"]
    search_fields = ["title", "paragraphs", "body__name"]
    date_hierarchy = "posted"
    autocomplete_fields = ["meeting"]
    readonly_fields = ["created"]
    fieldsets = [
        (None, {"fields": ["municipality", "kind", "title", "body", "meeting"]}),
        ("Protokollet", {"fields": ["meeting_date", "paragraphs", "adjusted", "kept_at"]}),
        ("Anslaget", {"fields": ["posted", "appeal_last_day", "remove_from", "appeal_instructions", "created"]}),
    ]
