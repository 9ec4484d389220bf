"""The public search index: one row per public paragraph, case and document.

Rows hold only what the public may read, taken through :mod:`kansli.publishing.public` (masked
text; nothing secret is ever written here). The full-text part is backend specific and created
by migration 0001: on PostgreSQL a stored ``search_vector`` column (``swedish`` configuration,
generated from ``title``, ``reference`` and ``text``) with a GIN index; on SQLite the FTS5 table
``search_fts`` whose rowid is the entry's id and which holds the stemmed text.

The foreign keys carry no database constraint: the index is derived data and must never stand
in the way of deleting (or of the locks on) the records it describes.
"""

from __future__ import annotations

from django.db import models

from kansli.meetings.models import Meeting
from kansli.organisation.models import Body


class EntryKind(models.TextChoices):
    PARAGRAPH = "paragraph", "paragraf"
    CASE = "case", "ärende"
    DOCUMENT = "document", "handling"


class SearchEntry(models.Model):
    audit = False  # derived from audited records; rebuilt by `kansli reindex`

    kind = models.CharField("typ", max_length=20, choices=EntryKind.choices)
    object_id = models.PositiveBigIntegerField("objekt")
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, null=True, blank=True, db_constraint=False,
        related_name="+", verbose_name="organ",
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, db_constraint=False,
        related_name="+", verbose_name="sammanträde",
        help_text="För en paragraf dess sammanträde; för ärenden och handlingar det senaste "
        "publicerade sammanträdet som behandlat ärendet.",
    )
    number = models.PositiveIntegerField("paragraf", null=True, blank=True)
    case_id = models.PositiveBigIntegerField("ärende", null=True, blank=True)
    year = models.PositiveSmallIntegerField("år", null=True, blank=True)
    date = models.DateField("datum", null=True, blank=True)
    title = models.TextField("rubrik", blank=True)
    reference = models.CharField("diarienummer", max_length=100, blank=True)
    text = models.TextField("text", blank=True)
    updated = models.DateTimeField("indexerad", auto_now=True)

    class Meta:
        verbose_name = "sökpost"
        verbose_name_plural = "sökindex"
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_object")
        ]
        indexes = [
            models.Index(fields=["body", "year"], name="searchentry_body_year"),
            models.Index(fields=["year"], name="searchentry_year"),
            models.Index(fields=["kind", "date"], name="searchentry_kind_date"),
            models.Index(fields=["meeting"], name="searchentry_meeting"),
            models.Index(fields=["case_id"], name="searchentry_case"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}: {self.title}"


class ActorRole(models.TextChoices):
    MOVED = "moved", "yrkade"
    DISSENTED = "dissented", "reserverade sig"


class SearchActor(models.Model):
    """Who moved (yrkande) or dissented (reservation) in an indexed paragraph, with the party
    they sat for at the meeting."""

    audit = False

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="actors")
    role = models.CharField("roll", max_length=20, choices=ActorRole.choices)
    name = models.CharField("namn", max_length=200)
    folded = models.CharField("namn för sökning", max_length=200, db_index=True)
    party = models.CharField("parti", max_length=20, blank=True, db_index=True)

    class Meta:
        verbose_name = "aktör i sökindex"
        verbose_name_plural = "aktörer i sökindex"
        ordering = ["entry", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.party}) {self.get_role_display()}"
