"""The public kallelse: the föredragningslista as it was sent, as the public may read it.

A kallelse is public once it has been sent (``Meeting.invitation_sent``), and only for a meeting
whose agenda is recorded in Kansli: an imported meeting holds its protokoll, not its kallelse,
and Kansli does not print a kallelse it never had. Every text passes
:mod:`kansli.publishing.public` (personnummer and the meeting's confirmed masks). An item of a
secret case keeps its number, so the list is not renumbered, but says only
:data:`~kansli.publishing.public.SECRET_AGENDA_TITLE`: no title, no Dnr, no proposed decision (the publication gate,
:func:`kansli.publishing.public.public_agenda_items`, does both).

The public meeting page, the kallelse PDF and OParl's ``Meeting.invitation`` all ask here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kansli.meetings.models import AgendaItem, Meeting
from kansli.minutes import Minutes
from kansli.publishing.public import public_agenda_items


def meetings_with_public_kallelse(meetings: Iterable[Meeting]) -> set[int]:
    """The primary keys of those ``meetings`` whose kallelse is public (one query)."""
    sent = [m.pk for m in meetings if m.invitation_sent is not None]
    if not sent:
        return set()
    return set(AgendaItem.objects.filter(meeting_id__in=sent).values_list("meeting_id", flat=True).distinct())


def has_public_kallelse(meeting: Meeting) -> bool:
    return bool(meetings_with_public_kallelse([meeting]))


def public_kallelse_items(meeting: Meeting, items: Iterable[AgendaItem] | None = None) -> list[AgendaItem]:
    """The agenda rows (default: the whole agenda in order) as the public may read them.

    The rows are masked copies in memory and refuse to be saved.
    """
    if items is None:
        items = meeting.agenda_items.select_related("case").order_by("order", "pk")
    return public_agenda_items(meeting, items)


def public_kallelse(meeting: Meeting) -> Minutes:
    """The public kallelse as a minutes-model document (callers check :func:`has_public_kallelse`)."""
    from kansli.workspace.planning.services import notice_minutes

    return notice_minutes(meeting, public_kallelse_items(meeting))


def kallelse_file_name(meeting: Any) -> str:
    code = meeting.body.abbreviation or f"organ{meeting.body_id}"
    return f"kallelse-{code}-{meeting.date:%Y-%m-%d}.pdf"
