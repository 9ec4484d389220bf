"""The digital anslagstavla (KL 8 kap. 9–12 §§): notices that a protokoll has been adjusted.

A notice states the body, the meeting date, the paragraphs, the date of justering, the date
posted, the date it comes down, where the protokoll is kept and how to appeal. The dates are
computed once, by :func:`kansli.noticeboard.services.post_minutes_notice` from
:mod:`kansli.law`, and stored as posted: the notice is a record of what was published.

A notice is on the board from ``posted`` until the day before ``remove_from``; after that it is
in the archive. No job takes it down: :meth:`NoticeQuerySet.current` asks the date.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from kansli.meetings.models import Meeting
from kansli.organisation.models import Body, Municipality


class NoticeKind(models.TextChoices):
    MINUTES = "minutes", "protokoll justerat"
    OTHER = "other", "övrigt anslag"


class NoticeQuerySet(models.QuerySet):
    def current(self, today: dt.date) -> NoticeQuerySet:
        """On the board today: posted, and not yet at the first day it may come down."""
        return self.filter(posted__lte=today, remove_from__gt=today)

    def archived(self, today: dt.date) -> NoticeQuerySet:
        """Taken down: the appeal period is over."""
        return self.filter(remove_from__lte=today)

    def published(self, today: dt.date) -> NoticeQuerySet:
        """Current or archived; a notice to be posted later is not public yet."""
        return self.filter(posted__lte=today)


class Notice(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="notices", verbose_name="kommun"
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="notices", verbose_name="organ"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="notices",
        verbose_name="sammanträde",
    )
    kind = models.CharField("typ av anslag", max_length=20, choices=NoticeKind.choices, default=NoticeKind.MINUTES)
    title = models.CharField("rubrik", max_length=300)
    paragraphs = models.CharField("paragrafer", max_length=200, blank=True, help_text="Som på anslaget, t.ex. ”§§ 28–37”.")
    meeting_date = models.DateField("sammanträdesdatum", null=True, blank=True)
    adjusted = models.DateField("justeringsdatum", null=True, blank=True)
    posted = models.DateField("anslaget den")
    remove_from = models.DateField(
        "tas ned tidigast", help_text="Första dagen anslaget får tas ned, dagen efter sista dag för överklagande."
    )
    appeal_last_day = models.DateField("sista dag för överklagande", null=True, blank=True)
    kept_at = models.CharField("förvaringsplats för protokollet", max_length=300, blank=True)
    appeal_instructions = models.TextField("hur man överklagar", blank=True)
    created = models.DateTimeField("skapat", auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "anslag"
        verbose_name_plural = "anslag"
        ordering = ["-posted", "-pk"]
        indexes = [models.Index(fields=["posted", "remove_from"], name="notice_on_board")]
        constraints = [
            models.CheckConstraint(
                condition=Q(remove_from__gt=F("posted")),
                name="notice_removed_after_posting",
                violation_error_message="Anslaget måste sitta uppe minst en dag.",
            ),
            models.CheckConstraint(
                condition=Q(adjusted__isnull=True) | Q(posted__gte=F("adjusted")),
                name="notice_posted_after_adjustment",
                violation_error_message="Anslaget kan inte sättas upp före justeringen.",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(kind="minutes"), name="notice_one_per_minutes",
                violation_error_message="Protokollet har redan ett anslag.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (anslaget {self.posted:%Y-%m-%d})"

    def clean(self) -> None:
        super().clean()
        if self.kind == NoticeKind.MINUTES and not (self.meeting_id and self.adjusted):
            raise ValidationError("Ett anslag om justerat protokoll ska ange sammanträdet och justeringsdatum.")

    def is_current(self, today: dt.date) -> bool:
        return self.posted <= today < self.remove_from
