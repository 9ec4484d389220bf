from django.contrib import admin

from .models import Location


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    """Meeting places: add the address and coordinates so OParl clients need not geocode."""

    list_display = ["description", "street_address", "locality", "latitude", "longitude"]
    list_filter = ["municipality"]
    search_fields = ["description", "street_address", "locality"]
    readonly_fields = ["municipality", "description"]

    def has_add_permission(self, request) -> bool:
        return False  # created from the meetings' places
