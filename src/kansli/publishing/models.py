"""The publishing review: what the screening found in a meeting's protokoll and what the
secretary decided, per finding (issue 5 item 4).

A finding is stored as a :class:`Redaction`, keyed by the meeting's review, the location of the
text (``§ 12/2026 sammanfattning``) and the original string. What the public sees is the record
with every confirmed redaction's original replaced by its mask, wherever in the meeting's texts
it occurs (see :mod:`kansli.publishing.public`); the stored protokoll itself is never changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kansli.meetings.models import Meeting
from kansli.screening import FindingKind


class PublicationReview(models.Model):
    """One per meeting: has the secretary reviewed the protokoll for publication?"""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="publication_review", verbose_name="sammanträde"
    )
    reviewed = models.BooleanField("granskad för publicering", default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="granskad av",
    )
    reviewed_at = models.DateTimeField("granskad", null=True, blank=True)
    screened_at = models.DateTimeField("senast genomsökt", null=True, blank=True)
    content_digest = models.CharField(
        "kontrollsumma för texterna", max_length=64, blank=True,
        help_text="Texterna som granskades; ändras de måste protokollet granskas igen.",
    )

    class Meta:
        verbose_name = "publiceringsgranskning"
        verbose_name_plural = "publiceringsgranskningar"

    def __str__(self) -> str:
        state = "granskad" if self.reviewed else "ej granskad"
        return f"{self.meeting} ({state})"


class Decision(models.TextChoices):
    PENDING = "pending", "ej avgjord"
    CONFIRMED = "confirmed", "maskeras"
    REJECTED = "rejected", "maskeras inte (inte en personuppgift)"


class Redaction(models.Model):
    """One finding of the screening and the secretary's decision on it."""

    review = models.ForeignKey(
        PublicationReview, on_delete=models.CASCADE, related_name="redactions", verbose_name="granskning"
    )
    location = models.CharField("var", max_length=200)
    kind = models.CharField("typ", max_length=30, choices=[(k.value, k.value) for k in FindingKind])
    original = models.TextField("originaltext")
    start = models.PositiveIntegerField("början", default=0)
    end = models.PositiveIntegerField("slut", default=0)
    mask = models.CharField("ersätts med", max_length=200)
    decision = models.CharField("beslut", max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="avgjord av",
    )
    decided_at = models.DateTimeField("avgjord", null=True, blank=True)

    class Meta:
        verbose_name = "maskering"
        verbose_name_plural = "maskeringar"
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "location", "kind", "start", "original"], name="redaction_unique_finding"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location}: {self.kind} ({self.get_decision_display()})"

    @property
    def always_masked(self) -> bool:
        """Identity numbers are masked publicly whatever the decision (defence in depth)."""
        return self.kind in (FindingKind.PERSONNUMMER, FindingKind.SAMORDNINGSNUMMER)
