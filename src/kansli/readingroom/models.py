"""Who was sent which kallelse, and each reader's notes, highlights and last visit."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kansli.cases.models import Document
from kansli.meetings.models import Meeting
from kansli.organisation.models import Person


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", "e-post"
    MISSING = "missing", "e-postadress saknas"
    FAILED = "failed", "kunde inte skickas"


class KallelseDelivery(models.Model):
    """One kallelse to one member or substitute: sent by e-mail, or listed for the secretary."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="kallelse_deliveries", verbose_name="sammanträde")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="person")
    name = models.CharField("namn", max_length=200)
    role = models.CharField("uppdrag", max_length=50, blank=True)
    email = models.EmailField("e-post", blank=True)
    channel = models.CharField("sätt", max_length=20, choices=DeliveryChannel.choices)
    sent_at = models.DateTimeField("skickad", null=True, blank=True)
    sent_by = models.CharField("skickad av", max_length=150, blank=True)
    message_id = models.CharField("meddelande-id", max_length=300, blank=True)
    note = models.TextField("anteckning", blank=True)

    class Meta:
        verbose_name = "utskickad kallelse"
        verbose_name_plural = "utskickade kallelser"
        ordering = ["meeting", "-sent_at", "name"]

    def __str__(self) -> str:
        return f"Kallelse {self.meeting}: {self.name} ({self.get_channel_display()})"


class ReaderVisit(models.Model):
    """A reader's last look at a meeting's pack, with the agenda as it was then."""

    audit = False

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField("senast läst")
    agenda_snapshot = models.JSONField("föredragningslistan då", default=dict)

    class Meta:
        verbose_name = "besök i läsrummet"
        verbose_name_plural = "besök i läsrummet"
        constraints = [models.UniqueConstraint(fields=["user", "meeting"], name="readervisit_unique")]

    def __str__(self) -> str:
        return f"{self.meeting} läst {self.last_seen:%Y-%m-%d %H.%M}"


class DocumentNote(models.Model):
    """A private note on a document: only its author ever sees it."""

    audit = False

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    text = models.TextField("anteckning")
    created = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        verbose_name = "privat anteckning"
        verbose_name_plural = "privata anteckningar"
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"Privat anteckning till {self.document_id}"


class HighlightColour(models.TextChoices):
    YELLOW = "yellow", "gul – viktigt"
    GREEN = "green", "grön – håller med"
    RED = "red", "röd – fråga att ställa"
    BLUE = "blue", "blå – att läsa igen"


class Highlight(models.Model):
    """A marked passage of a document (the quoted text), private to its author."""

    audit = False

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    quote = models.TextField("markerad text")
    page = models.PositiveIntegerField("sida", null=True, blank=True)
    colour = models.CharField("färg", max_length=10, choices=HighlightColour.choices, default=HighlightColour.YELLOW)
    label = models.CharField("etikett", max_length=100, blank=True)
    created = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        verbose_name = "markering"
        verbose_name_plural = "markeringar"
        ordering = ["page", "created", "pk"]

    def __str__(self) -> str:
        return f"Markering: {self.quote[:60]}"
