"""Recording the meeting § by §: taking up an agenda item as a §, and what is said and decided
under it (decision, motions, order of questions, votes, dissents, statements, recipients).

A service layer without HTTP: every function runs in one transaction and either stores all it
was given or nothing. Locked records (an adjusted protokoll, an immediately adjusted §) are
refused with :class:`~kansli.meetings.locking.MeetingLocked` and its Swedish message.
"""

from __future__ import annotations

from django.db import transaction

from .locking import MeetingLocked, is_locked, meeting_message
from .models import AgendaItem, Paragraph
from .services import add_paragraph


def paragraph_for(item: AgendaItem) -> Paragraph | None:
    """The § of ``item`` if it has been taken up (same meeting and case, or same title)."""
    found = Paragraph.objects.filter(meeting_id=item.meeting_id)
    if item.case_id:
        found = found.filter(case_id=item.case_id)
    else:
        found = found.filter(case__isnull=True, title=item.title)
    return found.order_by("number").first()


def take_up(item: AgendaItem) -> tuple[Paragraph, bool]:
    """Take up ``item``: its § (created with the next number if new) and whether it was created."""
    with transaction.atomic():
        existing = paragraph_for(item)
        if existing is not None:
            return existing, False
        meeting = item.meeting
        if is_locked(meeting):
            raise MeetingLocked(meeting_message(meeting))
        paragraph = add_paragraph(
            meeting,
            title=item.title,
            case=item.case,
            case_number=item.case.case_number if item.case_id else "",
            proposed_decision=item.proposed_decision,
        )
        return paragraph, True
