"""The municipality and its bodies: nämnder, utskott, mandatperioder, partier, personer, uppdrag.

Glossary in DESIGN.md §2. Rules that depend on the reglemente (days before a kallelse, how long
justering customarily takes, substitutes' rights) are fields on :class:`Body` so that each
municipality can configure them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q


class Municipality(models.Model):
    name = models.CharField("namn", max_length=200, unique=True)
    org_number = models.CharField("organisationsnummer", max_length=20, blank=True)
    website = models.URLField("webbplats", blank=True)
    notice_board_url = models.URLField(
        "digital anslagstavla", blank=True, help_text="Adress till kommunens anslagstavla."
    )
    minutes_kept_at = models.CharField(
        "förvaringsplats för protokoll",
        max_length=300,
        blank=True,
        help_text="Anges på anslaget, t.ex. ”Kommunkansliet, Rådhuset”.",
    )
    appeal_instructions = models.TextField("hur man överklagar", blank=True)

    class Meta:
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyKind(models.TextChoices):
    """Mirrors :class:`kansli.minutes.BodyKind`."""

    COUNCIL = "council", "fullmäktige"
    EXECUTIVE_BOARD = "executive_board", "kommunstyrelse"
    COMMITTEE = "committee", "nämnd"
    SUBCOMMITTEE = "subcommittee", "utskott"


class Body(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="bodies", verbose_name="kommun"
    )
    name = models.CharField("namn", max_length=200)
    kind = models.CharField("typ", max_length=20, choices=BodyKind.choices, default=BodyKind.COMMITTEE)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subcommittees",
        verbose_name="överordnat organ",
        help_text="Endast för utskott: den nämnd utskottet hör till.",
    )
    abbreviation = models.CharField("förkortning", max_length=20, blank=True)
    seats = models.PositiveSmallIntegerField("antal ledamöter", default=0)
    kallelse_days_before = models.PositiveSmallIntegerField(
        "kallelse dagar före sammanträdet",
        default=7,
        help_text="Enligt reglementet, vanligen 4–7 dagar.",
    )
    adjustment_days = models.PositiveSmallIntegerField(
        "justering inom (dagar)", default=14, help_text="Praxis: inom 14 dagar."
    )
    substitutes_by_party_group = models.BooleanField(
        "ersättare kallas in partivis",
        default=True,
        help_text="Ersättare från samma partigrupp tjänstgör först, i fastställd ordning.",
    )
    substitutes_may_speak = models.BooleanField(
        "ej tjänstgörande ersättare får yttra sig", default=True
    )
    substitutes_may_note_opinion = models.BooleanField(
        "ej tjänstgörande ersättare får anteckna mening", default=False
    )

    class Meta:
        verbose_name = "organ"
        verbose_name_plural = "organ"
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="body_unique_name"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | Q(kind=BodyKind.SUBCOMMITTEE),
                name="body_only_subcommittee_has_parent",
                violation_error_message="Endast ett utskott kan höra till ett annat organ.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is not None:
            if self.kind != BodyKind.SUBCOMMITTEE:
                raise ValidationError({"parent": "Endast ett utskott kan höra till ett annat organ."})
            if self.parent.municipality_id != self.municipality_id:
                raise ValidationError({"parent": "Utskottet måste höra till ett organ i samma kommun."})
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "Ett organ kan inte höra till sig självt."})


class Term(models.Model):
    """A mandatperiod, e.g. 2023–2026."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="terms", verbose_name="kommun"
    )
    name = models.CharField("benämning", max_length=50, blank=True)
    start = models.DateField("från")
    end = models.DateField("till")

    class Meta:
        verbose_name = "mandatperiod"
        verbose_name_plural = "mandatperioder"
        ordering = ["municipality__name", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "start"], name="term_unique_start"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="term_end_after_start",
                violation_error_message="Mandatperioden måste sluta efter att den börjar.",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"{self.start.year}–{self.end.year}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Party(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="parties", verbose_name="kommun"
    )
    short_name = models.CharField("förkortning", max_length=20, help_text="Som den trycks: S, M, SD …")
    name = models.CharField("namn", max_length=200, blank=True)

    class Meta:
        verbose_name = "parti"
        verbose_name_plural = "partier"
        ordering = ["municipality__name", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "short_name"], name="party_unique_short_name")
        ]

    def __str__(self) -> str:
        return self.short_name


class Person(models.Model):
    """An elected member, substitute or official, named as printed in the protokoll."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="persons", verbose_name="kommun"
    )
    name = models.CharField("namn", max_length=200)
    party = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="persons",
        verbose_name="parti",
    )
    email = models.EmailField("e-post", blank=True)
    title = models.CharField("titel", max_length=200, blank=True, help_text="För tjänstepersoner.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="användarkonto",
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "name"], name="person_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.party.short_name})" if self.party_id else self.name


class Role(models.TextChoices):
    MEMBER = "member", "ledamot"
    SUBSTITUTE = "substitute", "ersättare"


class Office(models.TextChoices):
    NONE = "", "inget"
    CHAIR = "chair", "ordförande"
    FIRST_VICE_CHAIR = "first_vice_chair", "1:e vice ordförande"
    SECOND_VICE_CHAIR = "second_vice_chair", "2:e vice ordförande"


class Membership(models.Model):
    """An uppdrag: a person's seat on a body during (part of) a term."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name="person"
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name="organ"
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="memberships", verbose_name="mandatperiod"
    )
    role = models.CharField("roll", max_length=20, choices=Role.choices, default=Role.MEMBER)
    office = models.CharField(
        "presidieuppdrag", max_length=20, choices=Office.choices, default=Office.NONE, blank=True
    )
    substitute_order = models.PositiveSmallIntegerField(
        "inkallelseordning", null=True, blank=True, help_text="För ersättare: 1 kallas först."
    )
    valid_from = models.DateField("gäller från", null=True, blank=True, help_text="Tomt: mandatperiodens början.")
    valid_to = models.DateField("gäller till", null=True, blank=True, help_text="Tomt: mandatperiodens slut.")

    class Meta:
        verbose_name = "uppdrag"
        verbose_name_plural = "uppdrag"
        ordering = ["body__name", "role", "substitute_order", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(office="") | Q(role=Role.MEMBER),
                name="membership_office_only_for_members",
                violation_error_message="Endast en ledamot kan vara ordförande eller vice ordförande.",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_range",
                violation_error_message="Slutdatum kan inte ligga före startdatum.",
            ),
        ]

    def __str__(self) -> str:
        what = self.get_office_display() if self.office else self.get_role_display()
        return f"{self.person.name}, {what} i {self.body}"

    def save(self, *args, **kwargs) -> None:
        # The office check and the write happen under a lock on the body row, so two
        # concurrent saves cannot both appoint a chair (SQLite: the IMMEDIATE transaction).
        with transaction.atomic():
            list(Body.objects.select_for_update().filter(pk=self.body_id).values_list("pk"))
            self._check_office()
            super().save(*args, **kwargs)

    @property
    def start(self) -> dt.date:
        return self.valid_from or self.term.start

    @property
    def end(self) -> dt.date:
        return self.valid_to or self.term.end

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def _office_clash(self) -> Membership | None:
        """Another membership holding the same office on the same body for an overlapping time."""
        if not self.office:
            return None
        others = (
            Membership.objects.filter(body_id=self.body_id, office=self.office)
            .exclude(pk=self.pk)
            .select_related("term", "person")
        )
        start, end = self.start, self.end
        for other in others:
            if other.start <= end and start <= other.end:
                return other
        return None

    def _check_office(self) -> None:
        clash = self._office_clash()
        if clash is not None:
            body = self.body if self.body_id else "organet"
            raise ValidationError(
                {
                    "office": (
                        f"{body} har redan en {clash.get_office_display()} under perioden: "
                        f"{clash.person.name} ({clash.start:%Y-%m-%d}–{clash.end:%Y-%m-%d}). "
                        "Avsluta det uppdraget först."
                    )
                },
                code="office_taken",
            )

    def clean(self) -> None:
        if self.term_id and self.valid_from and self.valid_to is None and self.valid_from > self.term.end:
            raise ValidationError({"valid_from": "Uppdraget börjar efter mandatperiodens slut."})
        if self.term_id and self.body_id:
            self._check_office()
