"""Keep the search index current when indexed records are saved or deleted.

Bulk writes (``bulk_create``, ``QuerySet.update``) send no signals: code that writes that way
calls :mod:`kansli.search.index` itself, or ``kansli reindex`` rebuilds everything. Wrapping many
saves in :func:`kansli.search.index.deferred` reindexes each object once at the end.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from kansli.cases.models import Case, Document
from kansli.meetings.models import Attendance, Dissent, Meeting, Motion, Paragraph

from .index import request
from .models import EntryKind


def _paragraph(sender: Any, instance: Paragraph, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        request(EntryKind.PARAGRAPH, instance.pk)


def _paragraph_part(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.paragraph_id:
        request(EntryKind.PARAGRAPH, instance.paragraph_id)


def _meeting(sender: Any, instance: Meeting, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        request("meeting", instance.pk)


def _attendance(sender: Any, instance: Attendance, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.meeting_id:
        request("meeting", instance.meeting_id)


def _case(sender: Any, instance: Case, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        request(EntryKind.CASE, instance.pk)


def _document(sender: Any, instance: Document, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        request(EntryKind.DOCUMENT, instance.pk)


def _publication(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A publication review or one of its maskings changed: the meeting's public text may have."""
    if raw:
        return
    meeting_id = getattr(instance, "meeting_id", None)
    review_id = getattr(instance, "review_id", None)
    if meeting_id is None and review_id is not None:
        meeting_id = (
            apps.get_model("publishing", "PublicationReview")
            .objects.filter(pk=review_id)
            .values_list("meeting_id", flat=True)
            .first()
        )
    if meeting_id is not None:
        request("meeting", meeting_id)


def connect() -> None:
    receivers = [
        (Paragraph, _paragraph),
        (Motion, _paragraph_part),
        (Dissent, _paragraph_part),
        (Meeting, _meeting),
        (Attendance, _attendance),
        (Case, _case),
        (Document, _document),
    ]
    for model, receiver in receivers:
        uid = f"kansli.search.{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}.delete")
    # kansli.publishing decides whether a meeting is public. (Its maskings change only while
    # the meeting is not marked reviewed, i.e. not public; marking it reviewed saves the review.)
    for name in ("PublicationReview",):
        try:
            model = apps.get_model("publishing", name)
        except LookupError:
            continue
        post_save.connect(_publication, sender=model, dispatch_uid=f"kansli.search.{name}.save")
        post_delete.connect(_publication, sender=model, dispatch_uid=f"kansli.search.{name}.delete")
