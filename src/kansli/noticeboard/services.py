"""Posting the notice that a protokoll has been adjusted (KL 8 kap. 12 §).

Every date comes from :mod:`kansli.law`; nothing is computed here but the wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kansli.law import appeal_period, latest_posting
from kansli.meetings.models import Meeting, MeetingStatus

from .models import Notice, NoticeKind

#: Used when the municipality has not written its own instructions (Municipality.appeal_instructions).
DEFAULT_APPEAL_INSTRUCTIONS = (
    "Alla som är medlemmar i kommunen kan begära laglighetsprövning av besluten i protokollet "
    "enligt 13 kap. kommunallagen. Medlem är den som är folkbokförd i kommunen, äger fast "
    "egendom i kommunen eller ska betala kommunalskatt där.\n\n"
    "Överklagandet skickas till förvaltningsrätten. Skriv vilket beslut du överklagar och "
    "varför du anser att det strider mot lag eller på annat sätt har kommit till fel. "
    "Överklagandet måste ha kommit in till förvaltningsrätten inom tre veckor från den dag då "
    "anslaget sattes upp på kommunens anslagstavla, det vill säga senast den sista dag för "
    "överklagande som anges på anslaget."
)

LATE_POSTING = (
    "Anslaget sätts upp senare än andra dagen efter justeringen (KL 8 kap. 12 §): "
    "justerat {adjusted:%Y-%m-%d}, senast {latest:%Y-%m-%d}, uppsatt {posted:%Y-%m-%d}."
)


@dataclass(frozen=True)
class NoticeWarning:
    """Something the secretary should know about a notice that was still posted."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def paragraph_span(numbers: list[int]) -> str:
    """How the paragraphs are written on the notice: "§ 5", "§§ 28–37", "§§ 1–3, 7"."""
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    text = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs)
    return f"§ {text}" if len(numbers) == 1 else f"§§ {text}"


def post_minutes_notice(meeting: Meeting, posted: dt.date | None = None) -> Notice:
    """Put the notice that ``meeting``'s protokoll is adjusted on the anslagstavla.

    ``posted`` defaults to today. The appeal period and the day the notice may come down follow
    from the posting day (KL 13 kap. 5 §, lag 1930:173); the meeting's anslag dates are set to
    match (the lock after justering lets exactly these change). Posting later than the second
    day after justering is allowed but warned about: the returned notice's ``warnings`` list
    holds :class:`NoticeWarning` items. Refuses a meeting that is not adjusted, a day before the
    justering and a second notice for the same protokoll.
    """
    posted = posted or timezone.localdate()
    if meeting.status != MeetingStatus.ADJUSTED or meeting.adjusted is None:
        raise ValidationError(
            f"Protokollet för {meeting.body.name} {meeting.date:%Y-%m-%d} är inte justerat; "
            "anslaget kan sättas upp först efter justeringen."
        )
    if posted < meeting.adjusted:
        raise ValidationError(
            f"Anslaget kan inte sättas upp ({posted:%Y-%m-%d}) före justeringen ({meeting.adjusted:%Y-%m-%d})."
        )
    period = appeal_period(posted)
    latest = latest_posting(meeting.adjusted)
    body = meeting.body
    municipality = body.municipality
    with transaction.atomic():
        existing = Notice.objects.select_for_update().filter(meeting=meeting, kind=NoticeKind.MINUTES).first()
        if existing is not None:
            raise ValidationError(
                f"Protokollet för {body.name} {meeting.date:%Y-%m-%d} anslogs redan {existing.posted:%Y-%m-%d}."
            )
        notice = Notice.objects.create(
            municipality=municipality,
            body=body,
            meeting=meeting,
            kind=NoticeKind.MINUTES,
            title=f"Justerat protokoll: {body.name}, sammanträde {meeting.date:%Y-%m-%d}",
            paragraphs=paragraph_span(list(meeting.paragraphs.values_list("number", flat=True))),
            meeting_date=meeting.date,
            adjusted=meeting.adjusted,
            posted=posted,
            remove_from=period.notice_remove_from,
            appeal_last_day=period.last_day,
            kept_at=meeting.minutes_kept_at or municipality.minutes_kept_at,
            appeal_instructions=municipality.appeal_instructions or DEFAULT_APPEAL_INSTRUCTIONS,
        )
        meeting.notice_posted = posted
        meeting.notice_removed = period.notice_remove_from
        meeting.save(update_fields=["notice_posted", "notice_removed"])
    notice.warnings = []
    if posted > latest:
        notice.warnings.append(
            NoticeWarning("late", LATE_POSTING.format(adjusted=meeting.adjusted, latest=latest, posted=posted))
        )
    return notice


__all__ = ["DEFAULT_APPEAL_INSTRUCTIONS", "NoticeWarning", "paragraph_span", "post_minutes_notice"]
