"""Paragraph numbering: continuous per body and calendar year (§ 1/2026, § 2/2026, …).

The next number is one more than the highest stored § of the body that year, computed while
holding a lock on the (body, year) row of :class:`ParagraphCounter` (``SELECT … FOR UPDATE``
on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises writers). Create the § in the same
transaction — :func:`add_paragraph` does — so two secretaries never get the same number.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from kansli.organisation.models import Body

from .models import Meeting, Paragraph, ParagraphCounter


def _lock(body: Body | int, year: int) -> None:
    body_id = body if isinstance(body, int) else body.pk
    ParagraphCounter.objects.bulk_create(
        [ParagraphCounter(body_id=body_id, year=year)], ignore_conflicts=True
    )
    list(ParagraphCounter.objects.select_for_update().filter(body_id=body_id, year=year).values_list("pk"))


def next_paragraph_number(body: Body | int, year: int) -> int:
    """The next free § number of ``body`` in ``year``; call inside the transaction that stores it."""
    body_id = body if isinstance(body, int) else body.pk
    with transaction.atomic():
        _lock(body_id, year)
        top = Paragraph.objects.filter(body_id=body_id, year=year).aggregate(m=Max("number"))["m"]
    return (top or 0) + 1


def add_paragraph(meeting: Meeting, **fields) -> Paragraph:
    """Append a § to ``meeting`` with the next number of its body and year, atomically."""
    year = fields.pop("year", None) or meeting.date.year
    with transaction.atomic():
        number = next_paragraph_number(meeting.body_id, year)
        return Paragraph.objects.create(
            meeting=meeting, body_id=meeting.body_id, year=year, number=number, **fields
        )
