from django.contrib import admin

from .models import AddressBookEntry, DispatchRecord


@admin.register(AddressBookEntry)
class AddressBookEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "external", "municipality"]
    search_fields = ["name", "email"]


@admin.register(DispatchRecord)
class DispatchRecordAdmin(admin.ModelAdmin):
    list_display = ["paragraph", "recipient", "channel", "sent_at"]
    list_filter = ["channel"]
