"""What the public may see: the one gate every public view, feed, search index and API uses.

Public code never reads a Paragraph's, Case's or Document's text directly; it asks this module,
so that screening (masking of personal data, issue 5 item 4) and secrecy hold everywhere —
for text typed in Kansli and for text that arrived through the importer alike.

- A meeting's protokoll is public only once the secretary has marked it *granskad för
  publicering* (:mod:`kansli.publishing.services`) and its texts have not changed since.
- Public text has every confirmed mask of its meeting applied (by the original string, wherever
  it occurs in that meeting's texts), and every checksum-valid personnummer and
  samordningsnummer masked whether anybody reviewed it or not (defence in depth).
- Secret documents and secret cases never appear publicly, not even their titles.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from kansli.minutes import Minutes
from kansli.screening import map_minutes_texts, mask_identity_numbers


def is_public_case(case: Any) -> bool:
    """A secret case never appears publicly, not even its title."""
    return not case.secret


def is_public_document(document: Any) -> bool:
    """A document is public when neither it nor its case is secret and its text was screened
    free of personnummer (a file whose text cannot be read — a scan, an image — is not)."""
    return (
        not document.secret
        and getattr(document, "contains_identity_number", None) is False
        and is_public_case(document.case)
    )


def with_review(meetings: Any) -> Any:
    """``meetings`` (a queryset) fetching each meeting's publication review in the same query:
    one query less on every public page view. Only meetings fetched this way use it; a meeting
    held in memory elsewhere may carry a stale review and is asked afresh."""
    from django.db.models import BooleanField, Value

    return meetings.select_related("publication_review").annotate(
        review_fetched=Value(True, output_field=BooleanField()))


def _review(meeting: Any):
    from django.core.exceptions import ObjectDoesNotExist

    from .models import PublicationReview

    if getattr(meeting, "review_fetched", False):
        try:
            review = meeting.publication_review
        except ObjectDoesNotExist:
            return None
        return review if review.reviewed else None
    return PublicationReview.objects.filter(meeting_id=meeting.pk, reviewed=True).first()


def is_public_meeting(meeting: Any) -> bool:
    """Whether the meeting's protokoll may be shown to the public at all.

    Only when it is marked reviewed for publication; an unlocked meeting whose texts changed
    after the review is not public until it is reviewed again.
    """
    review = _review(meeting)
    if review is None:
        return False
    if getattr(meeting, "locked", False):
        return True
    from kansli.meetings.conversion import meeting_to_minutes
    from kansli.screening import texts_digest

    return texts_digest(meeting_to_minutes(meeting)) == review.content_digest


def _state_query() -> str:
    # the rule of is_public_meeting for a locked meeting (adjusted, locked, reviewed), in SQL:
    # the public protokoll is the most requested page, and building the ORM query for the
    # meeting, its body and its review cost more than the rest of a cached view (1.3 ms against
    # 0.06 ms), which kept the page under the 200 requests/s of issue 5
    from django.db import connection

    from kansli.meetings.models import Meeting, MeetingStatus
    from kansli.publishing.models import PublicationReview

    meeting, review = Meeting._meta, PublicationReview._meta
    quote = connection.ops.quote_name
    status = MeetingStatus.ADJUSTED.value.replace("'", "''")
    return (
        f"SELECT r.{quote('reviewed_at')}, m.{quote('notice_posted')} "
        f"FROM {quote(meeting.db_table)} m JOIN {quote(review.db_table)} r "
        f"ON r.{quote('meeting_id')} = m.{quote('id')} "
        f"WHERE m.{quote('id')} = %s AND m.{quote('status')} = '{status}' "
        f"AND m.{quote('locked')} AND r.{quote('reviewed')}"
    )


def locked_publication_key(pk: int) -> str | None:
    """A key for what the public sees of meeting ``pk`` when it is adjusted, locked and reviewed
    for publication — it changes with every new review and with the notice — else None."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_state_query(), [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    reviewed_at, notice_posted = row
    state = hashlib.blake2b(f"{reviewed_at}|{notice_posted}".encode(), digest_size=12).hexdigest()
    return f"{pk}:{state}"


def publication_stamp(meeting: Any) -> str:
    """Changes whenever what the public sees of ``meeting`` may change (for cached files)."""
    review = _review(meeting)
    if review is None or review.reviewed_at is None:
        return "ej-granskat"
    return review.reviewed_at.strftime("g%Y%m%dT%H%M%S%f")


def _meeting_of(obj: Any) -> Any:
    """The meeting a paragraph, motion, vote, ballot … belongs to, or None."""
    from kansli.meetings.models import Meeting

    for _ in range(4):
        if obj is None or isinstance(obj, Meeting):
            return obj
        for attr in ("meeting", "paragraph", "vote"):
            parent = getattr(obj, attr, None)
            if parent is not None:
                obj = parent
                break
        else:
            return None
    return obj if isinstance(obj, Meeting) else None


def _masker(meeting_id: int | None) -> Callable[[str], str]:
    """A function masking text with the meeting's confirmed masks, then identity numbers."""
    pairs: list[tuple[str, str]] = []
    if meeting_id is not None:
        from .models import Decision, Redaction

        pairs = list(
            Redaction.objects.filter(
                review__meeting_id=meeting_id, decision=Decision.CONFIRMED
            ).values_list("original", "mask")
        )
    if not pairs:
        return mask_identity_numbers
    mask_of: dict[str, str] = {}
    for original, mask in sorted(pairs, key=lambda p: -len(p[0])):
        mask_of.setdefault(original, mask)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(o) for o in mask_of) + r")(?!\w)"
    )

    def change(text: str) -> str:
        return mask_identity_numbers(pattern.sub(lambda m: mask_of[m.group()], text))

    return change


def text_masker(meeting: Any = None) -> Callable[[str], str]:
    """The function :func:`public_text` applies for texts of ``meeting`` (None: no meeting).

    For bulk work (the search index, OParl lists): fetch it once per meeting and call it on
    every text of that meeting instead of calling :func:`public_text` per text.
    """
    return _masker(meeting.pk if meeting is not None else None)


def public_text(text: str | None, *, obj: Any = None, field: str = "") -> str | None:
    """``text`` as the public may read it (``obj``/``field`` say where it comes from).

    With ``obj`` belonging to a meeting (a Paragraph, Motion, Vote …), the meeting's confirmed
    masks apply; in any case every valid personnummer and samordningsnummer is masked.
    """
    if not text:
        return text
    meeting = _meeting_of(obj)
    return _masker(meeting.pk if meeting is not None else None)(text)


def public_minutes(meeting: Any) -> Minutes:
    """The meeting's minutes model as published: texts screened; secret §§ still flagged.

    Renderers are called with ``mask_secret=True`` on the result, which blanks secret §§.
    Callers check :func:`is_public_meeting` first.
    """
    from kansli.meetings.conversion import meeting_to_minutes

    return map_minutes_texts(meeting_to_minutes(meeting), _masker(meeting.pk))


_PARAGRAPH_TEXTS = ("title", "decision", "proposed_decision", "summary", "deliberation")
_PARAGRAPH_LISTS = ("decision_clauses", "decision_basis", "order_of_questions")
_PART_TEXTS = {
    "motions": ("text",),
    "votes": ("question", "yes_means", "no_means", "outcome"),
    "dissents": ("text", "in_favour_of"),
    "statements": ("text",),
    "recusals": ("reason",),
    "recipients": ("name",),
}


def _refuse_save(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("En publicerad (maskerad) kopia får inte sparas.")


def _mask_fields(instance: Any, names: tuple[str, ...], change: Callable[[str], str]) -> None:
    for name in names:
        value = getattr(instance, name)
        if value:
            setattr(instance, name, change(value))
    instance.save = _refuse_save  # these texts are the public copy, never the record


def public_paragraphs(meeting: Any, paragraphs: list[Any], attendances: list[Any] = ()) -> list[Any]:
    """Paragraph (and attendance) rows of ``meeting`` with every public text masked in memory.

    For templates that render model rows: the rows' related parts (motions, votes, dissents,
    statements, recusals, recipients) must be prefetched; the masked rows refuse to be saved.
    """
    change = _masker(meeting.pk)
    for paragraph in paragraphs:
        _mask_fields(paragraph, _PARAGRAPH_TEXTS, change)
        for name in _PARAGRAPH_LISTS:
            setattr(paragraph, name, [change(v) if v else v for v in getattr(paragraph, name)])
        for relation, names in _PART_TEXTS.items():
            for part in getattr(paragraph, relation).all():
                _mask_fields(part, names, change)
    for attendance in attendances:
        _mask_fields(attendance, ("office",), change)
        if attendance.role == "other":
            _mask_fields(attendance.person, ("name",), change)
    return paragraphs


#: What the public reads instead of the title of an agenda item whose case is secret.
SECRET_AGENDA_TITLE = "Sekretessärende"


def public_agenda_items(meeting: Any, items: Any) -> list[Any]:
    """Agenda rows (föredragningslista) with title and proposed decision masked in memory.

    An item of a secret case keeps its number, so the list is not renumbered, but reads only
    :data:`SECRET_AGENDA_TITLE`: no title, no Dnr, no proposed decision.
    """
    change = _masker(meeting.pk)
    rows = list(items)
    for item in rows:
        _mask_fields(item, ("title", "proposed_decision"), change)
        if item.case_id is not None and not is_public_case(item.case):
            item.title = SECRET_AGENDA_TITLE
            item.proposed_decision = ""
            item.case = None  # its Dnr is not printed either
    return rows
