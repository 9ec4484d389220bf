"""The change log: who changed what in Kansli's data, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    CREATE = "create", "skapad"
    UPDATE = "update", "ändrad"
    DELETE = "delete", "borttagen"
    VIEW = "view", "öppnad"


class AuditEntry(models.Model):
    audit = False  # never log the log

    when = models.DateTimeField("tidpunkt", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name="användare",
    )
    username = models.CharField(
        "användarnamn", max_length=150, blank=True, help_text="Sparas även om kontot tas bort."
    )
    action = models.CharField("händelse", max_length=10, choices=Action.choices)
    model_label = models.CharField("modell", max_length=100, db_index=True)
    object_pk = models.CharField("objekt-id", max_length=64, db_index=True)
    object_repr = models.CharField("objekt", max_length=300)
    changes = models.JSONField(
        "ändringar", default=dict, blank=True, help_text="{fält: [före, efter]}"
    )

    class Meta:
        verbose_name = "logghändelse"
        verbose_name_plural = "ändringslogg"
        ordering = ["-when", "-pk"]
        indexes = [models.Index(fields=["model_label", "object_pk"], name="audit_object_idx")]

    def __str__(self) -> str:
        who = self.username or "systemet"
        return f"{self.when:%Y-%m-%d %H:%M} {who} {self.get_action_display()} {self.object_repr}"
