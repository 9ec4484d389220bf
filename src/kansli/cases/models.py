"""Ärenden, their diarienummer and their handlingar."""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from kansli.law.case_numbers import CaseNumber, CaseNumberFormat
from kansli.organisation.models import Body, Municipality

DEFAULT_FORMAT = "{series}/{year}:{seq:05d}"


def validate_format(template: str) -> None:
    """The template must be a :mod:`kansli.law.case_numbers` format that prints without a suffix."""
    try:
        CaseNumberFormat("kontroll", template).format(CaseNumber(series="ABC", year=2026, sequence=1))
    except ValueError as exc:
        raise ValidationError(f"Ogiltigt format för diarienummer: {exc}") from None


class CaseSeries(models.Model):
    """A diarium series with its own numbering, e.g. "VON" giving ``VON/2026:00012``.

    ``format`` is a template of :mod:`kansli.law.case_numbers` with ``{series}`` (this series'
    code), ``{year}`` or ``{yy}`` and ``{seq}``, e.g. ``{series}/{year}:{seq:05d}``,
    ``{series}-{year}/{seq}``, ``{series}.{year}.{seq}``. The last number per year is kept in
    :class:`CaseNumberCounter`.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="case_series", verbose_name="kommun"
    )
    code = models.CharField("diariekod", max_length=20, help_text="T.ex. VON eller KS.")
    name = models.CharField("benämning", max_length=200, blank=True)
    body = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_series",
        verbose_name="organ",
    )
    format = models.CharField(
        "format för diarienummer",
        max_length=100,
        default=DEFAULT_FORMAT,
        validators=[validate_format],
        help_text="Fälten {series}, {year} (eller {yy}) och {seq}, t.ex. {series}/{year}:{seq:05d}.",
    )

    class Meta:
        verbose_name = "diarieserie"
        verbose_name_plural = "diarieserier"
        ordering = ["municipality__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="caseseries_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})" if self.name else self.code

    @property
    def case_number_format(self) -> CaseNumberFormat:
        return CaseNumberFormat(self.code, self.format)

    def format_number(self, year: int, number: int) -> str:
        return self.case_number_format.format(CaseNumber(series=self.code, year=year, sequence=number))

    def parse_number(self, text: str) -> CaseNumber | None:
        """Read a diarienummer written in this series' format (None if it is not one)."""
        parsed = self.case_number_format.parse(text)
        return parsed if parsed is not None and parsed.series == self.code.upper() else None


class CaseNumberCounter(models.Model):
    """The last diarienummer issued in a series and year. Written only by
    :func:`kansli.cases.services.issue_case_number`, under a row lock."""

    audit = False  # bookkeeping row: the issued Case is audited instead

    series = models.ForeignKey(
        CaseSeries, on_delete=models.CASCADE, related_name="counters", verbose_name="diarieserie"
    )
    year = models.PositiveSmallIntegerField("år")
    last_number = models.PositiveIntegerField("senast utdelade nummer", default=0)

    class Meta:
        verbose_name = "nummerräknare"
        verbose_name_plural = "nummerräknare"
        ordering = ["series", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="casecounter_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.series.code} {self.year}: {self.last_number}"


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", "registrerat"
    IN_PREPARATION = "in_preparation", "under beredning"
    READY = "ready", "klart för beslut"
    DECIDED = "decided", "beslutat"
    CLOSED = "closed", "avslutat"


class Case(models.Model):
    series = models.ForeignKey(
        CaseSeries, on_delete=models.PROTECT, related_name="cases", verbose_name="diarieserie"
    )
    year = models.PositiveSmallIntegerField("år")
    sequence = models.PositiveIntegerField("löpnummer")
    case_number = models.CharField("diarienummer", max_length=50)
    title = models.CharField("ärendemening", max_length=500)
    registered = models.DateField("registrerat")
    status = models.CharField(
        "status", max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    secret = models.BooleanField(
        "sekretess", default=False, help_text="Innehåller uppgifter som omfattas av sekretess."
    )

    class Meta:
        verbose_name = "ärende"
        verbose_name_plural = "ärenden"
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["series", "case_number"], name="case_unique_number"),
            models.UniqueConstraint(fields=["series", "year", "sequence"], name="case_unique_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"


class DocumentKind(models.TextChoices):
    MEMO = "memo", "tjänsteskrivelse"
    CHAIR_PROPOSAL = "chair_proposal", "ordförandeförslag"
    ATTACHMENT = "attachment", "bilaga"
    DECISION = "decision", "beslut"
    OTHER = "other", "övrig handling"


def document_path(instance: Document, filename: str) -> str:
    case = instance.case
    return posixpath.join("handlingar", case.series.code, str(case.year), str(case.sequence), filename)


class Document(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="documents", verbose_name="ärende"
    )
    kind = models.CharField("typ", max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField("titel", max_length=500)
    file = models.FileField("fil", upload_to=document_path, max_length=300)
    sha256 = models.CharField("kontrollsumma (SHA-256)", max_length=64, blank=True, editable=False)
    content_type = models.CharField("filtyp", max_length=100, blank=True)
    secret = models.BooleanField("sekretess", default=False)
    contains_identity_number = models.BooleanField(
        "innehåller personnummer", null=True, blank=True, editable=False,
        help_text="Kontrolleras när filen sparas; tomt om filens text inte kan läsas (t.ex. en skannad bild).",
    )
    created = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        verbose_name = "handling"
        verbose_name_plural = "handlingar"
        ordering = ["case", "created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file=""), name="document_has_file",
                violation_error_message="En handling måste ha en fil.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def save(self, *args, **kwargs) -> None:
        if self.file:
            replaced = self.file.name != getattr(self, "_stored_file_name", None)
            if replaced or not self.sha256 or not getattr(self.file, "_committed", True):
                self.sha256 = file_sha256(self.file)
                self.contains_identity_number = screen_file(self.file, self.file.name)
            if replaced or not self.content_type:
                guessed, _ = mimetypes.guess_type(self.file.name)
                self.content_type = guessed or "application/octet-stream"
        super().save(*args, **kwargs)
        self._stored_file_name = self.file.name if self.file else None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_file_name = instance.__dict__.get("file") and instance.file.name
        return instance


def screen_file(f, name: str) -> bool | None:
    """Whether the file's text holds a personnummer (None: no readable text)."""
    from kansli.screening.files import identity_numbers_in_file

    guessed, _ = mimetypes.guess_type(name)
    f.open("rb")
    try:
        f.seek(0)
        data = f.read()
    finally:
        f.seek(0)
    return identity_numbers_in_file(data, guessed or "")


def file_sha256(f) -> str:
    digest = hashlib.sha256()
    f.open("rb")
    try:
        f.seek(0)
        for chunk in f.chunks():
            digest.update(chunk)
    finally:
        f.seek(0)
    return digest.hexdigest()
