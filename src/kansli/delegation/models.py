"""The delegationsordning per body (versioned) and the register of delegated decisions.

The rules (who may decide what, which version applies) live in :mod:`kansli.law.delegation`;
these models store the scheme and the decisions and convert to the pure types.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q

from kansli.law import delegation as rules
from kansli.organisation.models import Body


class DelegationScheme(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="delegation_schemes", verbose_name="organ")
    version = models.CharField("version", max_length=50, help_text="T.ex. ”2025:1”.")
    valid_from = models.DateField("gäller från")
    valid_to = models.DateField("gäller till och med", null=True, blank=True)
    adopted_by = models.CharField("antagen genom", max_length=200, blank=True, help_text="T.ex. ”VON § 12/2025”.")

    class Meta:
        verbose_name = "delegationsordning"
        verbose_name_plural = "delegationsordningar"
        ordering = ["body", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="delegationscheme_unique_version"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="delegationscheme_valid_period",
                violation_error_message="Slutdatum kan inte ligga före startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} – delegationsordning {self.version}"

    def to_rules(self) -> rules.Scheme:
        return rules.Scheme(
            self.version, self.valid_from, self.valid_to,
            tuple(p.to_rules() for p in self.points.all()),
        )


class DelegationPoint(models.Model):
    scheme = models.ForeignKey(DelegationScheme, on_delete=models.CASCADE, related_name="points", verbose_name="delegationsordning")
    order = models.PositiveSmallIntegerField("ordning", default=0)
    code = models.CharField("punkt", max_length=30, help_text="Som den skrivs i delegationsordningen, t.ex. ”A.1.3”.")
    key = models.CharField("normaliserad punkt", max_length=30, editable=False)
    matter = models.CharField("ärendetyp", max_length=500)
    delegates = models.JSONField(
        "delegater", default=list,
        help_text='Lista av {"kind": "role|person|body|chair", "name": "…"}.',
    )
    limits = models.TextField("begränsningar", blank=True)
    must_report = models.BooleanField("anmäls till nämnden", default=True)
    appealable = models.BooleanField("kan överklagas", default=True)

    class Meta:
        verbose_name = "delegationspunkt"
        verbose_name_plural = "delegationspunkter"
        ordering = ["scheme", "order", "key"]
        constraints = [models.UniqueConstraint(fields=["scheme", "key"], name="delegationpoint_unique_key")]

    def __str__(self) -> str:
        return f"{self.code} {self.matter}"

    def save(self, *args, **kwargs) -> None:
        self.key = rules.normalise_code(self.code)
        super().save(*args, **kwargs)

    def delegate_objects(self) -> tuple[rules.Delegate, ...]:
        return tuple(rules.Delegate(rules.DelegateKind(d["kind"]), d.get("name", "")) for d in self.delegates)

    def delegate_labels(self) -> str:
        return ", ".join(d.label() for d in self.delegate_objects())

    def to_rules(self) -> rules.Point:
        return rules.Point(self.code, self.matter, self.delegate_objects(), self.limits, self.must_report)


class DecisionSource(models.TextChoices):
    MANUAL = "manual", "registrerat i Kansli"
    CSV = "csv", "importerat från CSV"


class DelegatedDecision(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="delegated_decisions", verbose_name="organ")
    point = models.ForeignKey(
        DelegationPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions",
        verbose_name="delegationspunkt", help_text="Tomt för brådskande beslut enligt 6 kap. 39 § KL.",
    )
    decided = models.DateField("beslutsdatum")
    delegate = models.CharField("beslutsfattare", max_length=200)
    position = models.CharField("befattning", max_length=200, blank=True)
    case_number = models.CharField("diarienummer", max_length=50, blank=True)
    description = models.TextField("beslutet i korthet")
    urgent = models.BooleanField("brådskande beslut (6 kap. 39 § KL)", default=False)
    individual = models.BooleanField(
        "individärenden", default=False,
        help_text="Förteckning över beslut i enskilda ärenden för en period; visas aldrig med personuppgifter.",
    )
    period_start = models.DateField("period från", null=True, blank=True)
    period_end = models.DateField("period till", null=True, blank=True)
    count = models.PositiveIntegerField("antal beslut", null=True, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="delegated_decisions",
        verbose_name="föreslagen till punkt", help_text="Punkten ”Anmälan av delegationsbeslut” där beslutet anmäls.",
    )
    reported_in = models.ForeignKey(
        "meetings.Paragraph", on_delete=models.SET_NULL, null=True, blank=True, related_name="reported_decisions",
        verbose_name="anmält i paragraf",
    )
    notice = models.ForeignKey(
        "noticeboard.Notice", on_delete=models.SET_NULL, null=True, blank=True, related_name="delegated_decisions",
        verbose_name="eget anslag",
    )
    source = models.CharField("källa", max_length=10, choices=DecisionSource.choices, default=DecisionSource.MANUAL)
    fingerprint = models.CharField("fingeravtryck", max_length=64, editable=False)
    created = models.DateTimeField("registrerat", auto_now_add=True)

    class Meta:
        verbose_name = "delegationsbeslut"
        verbose_name_plural = "delegationsbeslut"
        ordering = ["body", "-decided", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["body", "fingerprint"], name="delegateddecision_unique"),
            models.CheckConstraint(
                condition=Q(urgent=True) | Q(point__isnull=False),
                name="delegateddecision_point_unless_urgent",
                violation_error_message="Ett delegationsbeslut måste ange punkt i delegationsordningen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decided:%Y-%m-%d} {self.point_code} {self.description[:60]}"

    @property
    def point_code(self) -> str:
        return self.point.code if self.point_id else "6 kap. 39 § KL"

    @property
    def must_report(self) -> bool:
        return self.urgent or (self.point is not None and self.point.must_report)

    @staticmethod
    def make_fingerprint(decided, point_key: str, delegate: str, case_number: str, description: str) -> str:
        """Same date, point, delegate, case number and text: the same decision (a duplicate)."""
        raw = "\x1f".join([str(decided), point_key, rules.fold_text(delegate), case_number.strip().upper(), rules.fold_text(description)])
        return hashlib.sha256(raw.encode()).hexdigest()


class CommunicationKind(models.TextChoices):
    MINUTES = "minutes", "protokoll från annat organ"
    RULING = "ruling", "dom eller beslut från domstol"
    SUPERVISION = "supervision", "beslut från tillsynsmyndighet"
    REPORT = "report", "rapport"
    OTHER = "other", "övrigt meddelande"


class Communication(models.Model):
    """An incoming communication to be reported to the body (meddelande / anmälningsärende)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="communications", verbose_name="organ")
    kind = models.CharField("typ", max_length=20, choices=CommunicationKind.choices, default=CommunicationKind.OTHER)
    received = models.DateField("inkom")
    sender = models.CharField("avsändare", max_length=300)
    title = models.CharField("rubrik", max_length=500)
    case_number = models.CharField("diarienummer", max_length=50, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="communications",
        verbose_name="föreslagen till punkt",
    )
    reported_in = models.ForeignKey(
        "meetings.Paragraph", on_delete=models.SET_NULL, null=True, blank=True, related_name="reported_communications",
        verbose_name="anmält i paragraf",
    )

    class Meta:
        verbose_name = "meddelande"
        verbose_name_plural = "meddelanden"
        ordering = ["body", "-received", "pk"]

    def __str__(self) -> str:
        return f"{self.received:%Y-%m-%d} {self.sender}: {self.title}"
