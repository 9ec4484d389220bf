"""What has been sent, so each reminder goes out once a day however often the job runs."""

from __future__ import annotations

from django.db import models


class ReminderLog(models.Model):
    kind = models.CharField("typ", max_length=20)
    key = models.CharField("gäller", max_length=100)
    day = models.DateField("dag")
    recipients = models.TextField("mottagare", blank=True)
    message = models.TextField("meddelande")

    class Meta:
        verbose_name = "skickad påminnelse"
        verbose_name_plural = "skickade påminnelser"
        constraints = [models.UniqueConstraint(fields=["kind", "key", "day"], name="reminderlog_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.kind}: {self.message[:60]}"
