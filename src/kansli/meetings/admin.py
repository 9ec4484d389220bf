from django.contrib import admin

from .models import (
    Adjuster,
    AgendaItem,
    Attendance,
    Ballot,
    Dissent,
    Meeting,
    Motion,
    Paragraph,
    Recipient,
    Recusal,
    Statement,
    Vote,
)


class AdjusterInline(admin.TabularInline):
    model = Adjuster
    extra = 0
    autocomplete_fields = ["person"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "kind", "title", "case", "proposed_decision"]
    autocomplete_fields = ["case"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["order", "person", "party", "role", "office", "serving_for", "paragraphs", "remote"]
    autocomplete_fields = ["person", "serving_for"]


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    extra = 0
    fields = ["year", "number", "title", "case", "immediately_adjusted", "secret"]
    autocomplete_fields = ["case"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "date", "start", "place", "status", "adjusted", "notice_posted"]
    list_filter = ["status", "body", "body__municipality"]
    search_fields = ["body__name", "place"]
    date_hierarchy = "date"
    autocomplete_fields = ["chair", "secretary"]
    inlines = [AdjusterInline, AgendaItemInline, AttendanceInline, ParagraphInline]
    fieldsets = [
        (None, {"fields": ["body", "date", "start", "end", "place", "remote_participation", "adjournments", "status"]}),
        ("Kallelse och protokoll", {"fields": ["invitation_sent", "chair", "secretary"]}),
        ("Justering och anslag", {"fields": ["adjusted", "adjustment_place", "adjustment_time",
                                             "notice_posted", "notice_removed", "minutes_kept_at"]}),
        ("Källa", {"classes": ["collapse"], "fields": ["has_source", "source_file", "source_sha256",
                                                      "source_pages", "source_ocr_pages"]}),
    ]


class MotionInline(admin.StackedInline):
    model = Motion
    extra = 0


class VoteInline(admin.StackedInline):
    model = Vote
    extra = 0
    show_change_link = True


class DissentInline(admin.StackedInline):
    model = Dissent
    extra = 0


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0


class RecusalInline(admin.TabularInline):
    model = Recusal
    extra = 0
    autocomplete_fields = ["person"]


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "meeting", "case_number", "immediately_adjusted", "secret"]
    list_filter = ["body", "year", "secret", "immediately_adjusted"]
    search_fields = ["title", "case_number", "decision"]
    autocomplete_fields = ["case"]
    raw_id_fields = ["meeting"]
    inlines = [MotionInline, VoteInline, DissentInline, StatementInline, RecusalInline, RecipientInline]


class BallotInline(admin.TabularInline):
    model = Ballot
    extra = 0
    fields = ["order", "name", "person", "party", "serving_for", "choice"]
    autocomplete_fields = ["person"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "yes", "no", "abstain", "absent", "outcome"]
    search_fields = ["paragraph__title", "question"]
    raw_id_fields = ["paragraph"]
    inlines = [BallotInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "kind", "case"]
    list_filter = ["kind", "meeting__body"]
    search_fields = ["title"]
    autocomplete_fields = ["case"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "role", "serving_for", "remote"]
    list_filter = ["role", "meeting__body"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person", "serving_for"]


for model in (Motion, Dissent, Statement, Recusal, Recipient):
    admin.site.register(model, list_display=["__str__", "paragraph"], raw_id_fields=["paragraph"])
