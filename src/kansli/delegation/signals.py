"""When the § of an agenda item is taken, what was proposed on that item is reported in it."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from kansli.meetings.models import Paragraph


@receiver(post_save, sender=Paragraph, dispatch_uid="delegation-mark-reported")
def _paragraph_saved(sender, instance: Paragraph, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or instance.agenda_item_id is None:
        return
    from .services import mark_reported

    mark_reported(instance)
