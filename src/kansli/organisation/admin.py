from django.contrib import admin
from django.db import models

from .models import Body, Membership, Municipality, Party, Person, Term


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "org_number", "minutes_kept_at"]
    search_fields = ["name", "org_number"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "term", "role", "office", "substitute_order", "valid_from", "valid_to"]


class SubcommitteeInline(admin.TabularInline):
    model = Body
    fk_name = "parent"
    extra = 0
    fields = ["name", "abbreviation", "kind", "seats"]
    verbose_name = "utskott"
    verbose_name_plural = "utskott"


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "municipality", "parent", "seats", "kallelse_days_before"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "abbreviation"]
    inlines = [MembershipInline, SubcommitteeInline]
    fieldsets = [
        (None, {"fields": ["municipality", "name", "abbreviation", "kind", "parent", "seats"]}),
        ("Reglemente", {"fields": ["kallelse_days_before", "adjustment_days", "substitutes_by_party_group",
                                   "substitutes_may_speak", "substitutes_may_note_opinion"]}),
    ]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["__str__", "municipality", "start", "end"]
    list_filter = ["municipality"]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["short_name", "name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "party", "title", "email", "user", "municipality"]
    list_filter = ["municipality", "party"]
    search_fields = ["name", "email", "title"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "body", "role", "office", "substitute_order", "term", "valid_from", "valid_to"]
    list_filter = ["body", "role", "office", "term"]
    search_fields = ["person__name", "body__name"]
    autocomplete_fields = ["person"]
