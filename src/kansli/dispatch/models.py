"""Expediering: who receives each § ("Beslutet skickas till") and when it was sent.

The address book maps the names the protokoll prints to an e-mail address (internal units and
persons) or a postal address (external recipients). Each sending is recorded per § and
recipient, so a dispatch can be repeated after a failure without sending anything twice.
"""

from __future__ import annotations

from django.db import models

from kansli.organisation.models import Municipality


class AddressBookEntry(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="addresses", verbose_name="kommun")
    name = models.CharField("mottagare", max_length=300, help_text="Som den skrivs under ”Beslutet skickas till”.")
    email = models.EmailField("e-post", blank=True)
    postal_address = models.TextField("postadress", blank=True)
    external = models.BooleanField("extern mottagare", default=False)

    class Meta:
        verbose_name = "adress för expediering"
        verbose_name_plural = "adressbok för expediering"
        ordering = ["municipality", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="addressbook_unique_name")]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    EMAIL = "email", "e-post"
    POST = "post", "post"
    MANUAL = "manual", "hanteras manuellt"


class DispatchRecord(models.Model):
    paragraph = models.ForeignKey(
        "meetings.Paragraph", on_delete=models.PROTECT, related_name="dispatches", verbose_name="paragraf"
    )
    recipient = models.CharField("mottagare", max_length=300)
    channel = models.CharField("sätt", max_length=10, choices=Channel.choices)
    address = models.TextField("adress", blank=True)
    sent_at = models.DateTimeField("skickat", null=True, blank=True)
    message_id = models.CharField("meddelande-id", max_length=300, blank=True)
    note = models.TextField("anteckning", blank=True)
    sent_by = models.CharField("skickat av", max_length=150, blank=True)

    class Meta:
        verbose_name = "expediering"
        verbose_name_plural = "expedieringar"
        ordering = ["paragraph__number", "recipient"]
        constraints = [models.UniqueConstraint(fields=["paragraph", "recipient"], name="dispatch_unique_recipient")]

    def __str__(self) -> str:
        return f"§ {self.paragraph.number} → {self.recipient}"
