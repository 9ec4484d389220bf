"""Justering as records: the protokoll frozen for signing, each signature, the signed result.

A :class:`AdjustmentRound` is one attempt at justering of a meeting's protokoll. When the
secretary sends the protokoll to justering, the record is rendered once to PDF/A and frozen
here together with two checksums: the PDF's and the meeting record's (the minutes JSON,
:func:`kansli.signing.services.record_sha256`). Every signature is checked against the
record's checksum, so nobody signs a PDF that no longer says what the record says; if the
record changed, the secretary sends it again and a new round starts (the old one is
*ersatt*).

The PDFs are stored in the database (``BinaryField``): a signature, the PDF it produced and
the round's state are written in one transaction, so a failure never leaves a signed file
without its row or the other way round. A protokoll is a few hundred kilobytes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from kansli.meetings.models import Meeting
from kansli.organisation.models import Person


class RoundStatus(models.TextChoices):
    OPEN = "open", "pågår"
    COMPLETED = "completed", "justerat"
    SUPERSEDED = "superseded", "ersatt"


class SignerRole(models.TextChoices):
    CHAIR = "chair", "ordförande"
    ADJUSTER = "adjuster", "justerare"


class AdjustmentRound(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="adjustment_rounds", verbose_name="sammanträde"
    )
    status = models.CharField("status", max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created = models.DateTimeField("skickat på justering", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name="skickat av",
    )
    record_sha256 = models.CharField(
        "kontrollsumma för protokollsdata", max_length=64,
        help_text="SHA-256 av sammanträdets protokollsdata (JSON) när protokollet skickades på justering.",
    )
    pdf = models.BinaryField("protokoll att justera (PDF/A)")
    pdf_sha256 = models.CharField("PDF-filens kontrollsumma", max_length=64)
    signed_pdf = models.BinaryField("justerat protokoll (underskriven PDF)", null=True, blank=True)
    signed_sha256 = models.CharField("den underskrivna filens kontrollsumma", max_length=64, blank=True)
    completed = models.DateTimeField("justerat", null=True, blank=True)
    notice_warnings = models.JSONField("varningar vid anslaget", default=list, blank=True)

    class Meta:
        verbose_name = "justeringsomgång"
        verbose_name_plural = "justeringsomgångar"
        ordering = ["meeting", "-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(status="open"), name="adjustmentround_one_open_per_meeting",
                violation_error_message="Protokollet är redan skickat på justering.",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(status="completed"),
                name="adjustmentround_one_completed_per_meeting",
                violation_error_message="Protokollet är redan justerat.",
            ),
        ]

    def __str__(self) -> str:
        return f"Justering av {self.meeting} ({self.get_status_display()})"

    def current_pdf(self) -> bytes:
        """The file as it stands: the last signed version, or the frozen PDF before any signature."""
        last = self.signatures.order_by("-order").first()
        return bytes(last.pdf) if last is not None else bytes(self.pdf)


class Signature(models.Model):
    round = models.ForeignKey(
        AdjustmentRound, on_delete=models.CASCADE, related_name="signatures", verbose_name="justeringsomgång"
    )
    order = models.PositiveSmallIntegerField("ordning", help_text="0 = ordföranden, sedan justerarna i tur och ordning.")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="person")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="användare"
    )
    role = models.CharField("roll", max_length=20, choices=SignerRole.choices)
    field_name = models.CharField("underskriftsfält", max_length=50)
    signed_at = models.DateTimeField("underskriven", auto_now_add=True)
    certificate_subject = models.CharField("certifikatets innehavare", max_length=500)
    certificate_serial = models.CharField("certifikatets serienummer", max_length=100)
    certificate_issuer = models.CharField("certifikatets utfärdare", max_length=500, blank=True)
    pdf = models.BinaryField("PDF efter underskriften")
    pdf_sha256 = models.CharField("kontrollsumma", max_length=64)

    class Meta:
        verbose_name = "underskrift"
        verbose_name_plural = "underskrifter"
        ordering = ["round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "order"], name="signature_unique_order"),
            models.UniqueConstraint(fields=["round", "person"], name="signature_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}, {self.get_role_display()}"
