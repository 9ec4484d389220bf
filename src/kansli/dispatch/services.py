"""Send each adjusted § to its recipients: e-mail with the protokollsutdrag PDF attached for
internal recipients, a list for the post for external ones.

Only after justering (the extract must be the adjusted text). A § under secrecy is never
e-mailed; it is listed for manual handling. Each recipient gets one e-mail with one extract per
§ addressed to it; the record per § and recipient makes a repeated dispatch send only what has
not been sent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kansli.meetings.conversion import meeting_to_minutes
from kansli.meetings.models import Meeting, MeetingStatus, Paragraph
from kansli.writing.pdf import extract_pdf

from .models import AddressBookEntry, Channel, DispatchRecord


@dataclass
class DispatchResult:
    emailed: list[DispatchRecord] = field(default_factory=list)
    post: list[DispatchRecord] = field(default_factory=list)
    manual: list[DispatchRecord] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (recipient, reason)


def _lookup(meeting: Meeting) -> dict[str, AddressBookEntry]:
    return {e.name.casefold(): e for e in AddressBookEntry.objects.filter(municipality=meeting.body.municipality)}


def plan(meeting: Meeting) -> list[tuple[Paragraph, str, AddressBookEntry | None]]:
    """Every (§, recipient, address) of the meeting, in § order."""
    book = _lookup(meeting)
    rows = []
    for paragraph in meeting.paragraphs.order_by("number").prefetch_related("recipients"):
        for recipient in paragraph.recipients.all():
            rows.append((paragraph, recipient.name, book.get(recipient.name.strip().casefold())))
    return rows


def _email_text(meeting: Meeting, paragraphs: list[Paragraph]) -> str:
    listing = "\n".join(f"  § {p.number} {p.title}" for p in paragraphs)
    return (
        f"Hej!\n\n{meeting.body.name} har fattat beslut som skickas till er. Protokollet från sammanträdet "
        f"{meeting.date:%Y-%m-%d} justerades {meeting.adjusted:%Y-%m-%d}. Protokollsutdrag bifogas för:\n\n"
        f"{listing}\n\nMed vänlig hälsning\n{meeting.secretary.name if meeting.secretary_id else meeting.body.name}\n"
    )


def dispatch_meeting(meeting: Meeting, *, sent_by: str = "") -> DispatchResult:
    """Send what has not been sent; record every sending. Raises ValidationError before justering."""
    if meeting.status != MeetingStatus.ADJUSTED or not meeting.locked:
        raise ValidationError(
            f"Protokollet för {meeting.body.name} {meeting.date:%Y-%m-%d} är inte justerat; besluten expedieras efter justeringen."
        )
    done = set(DispatchRecord.objects.filter(paragraph__meeting=meeting).values_list("paragraph_id", "recipient"))
    result = DispatchResult()
    by_email: dict[str, list[Paragraph]] = defaultdict(list)
    entries: dict[str, AddressBookEntry] = {}
    now = timezone.now()
    for paragraph, name, entry in plan(meeting):
        if (paragraph.pk, name) in done:
            continue
        if paragraph.secret:
            result.manual.append(DispatchRecord.objects.create(
                paragraph=paragraph, recipient=name, channel=Channel.MANUAL, sent_by=sent_by,
                note="Paragrafen omfattas av sekretess och skickas inte med e-post; lämnas ut efter sekretessprövning.",
            ))
        elif entry is None or (not entry.email and not entry.postal_address):
            result.manual.append(DispatchRecord.objects.create(
                paragraph=paragraph, recipient=name, channel=Channel.MANUAL, sent_by=sent_by,
                note="Adress saknas i adressboken; lägg till mottagaren och expediera igen, eller skicka manuellt.",
            ))
        elif entry.email and not entry.external:
            by_email[name].append(paragraph)
            entries[name] = entry
        else:
            result.post.append(DispatchRecord.objects.create(
                paragraph=paragraph, recipient=name, channel=Channel.POST, address=entry.postal_address or entry.email,
                sent_by=sent_by, sent_at=now, note="Skrivs ut och skickas med post.",
            ))
    if by_email:
        minutes = meeting_to_minutes(meeting)
        extracts: dict[int, bytes] = {}
        connection = get_connection()
        for name, paragraphs in by_email.items():
            message = EmailMessage(
                subject=f"Protokollsutdrag: {meeting.body.name} {meeting.date:%Y-%m-%d}, "
                + ", ".join(f"§ {p.number}" for p in paragraphs),
                body=_email_text(meeting, paragraphs),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[entries[name].email],
                connection=connection,
            )
            for p in paragraphs:
                if p.number not in extracts:
                    extracts[p.number] = extract_pdf(minutes, p.number)
                label = slugify(meeting.body.abbreviation or meeting.body.name)
                message.attach(f"protokollsutdrag-{label}-{meeting.date:%Y%m%d}-{p.number}.pdf", extracts[p.number], "application/pdf")
            try:
                message.send()
            except OSError as exc:
                result.failed.append((name, f"E-post kunde inte skickas till {entries[name].email}: {exc}"))
                continue
            with transaction.atomic():
                for p in paragraphs:
                    result.emailed.append(DispatchRecord.objects.create(
                        paragraph=p, recipient=name, channel=Channel.EMAIL, address=entries[name].email,
                        sent_at=timezone.now(), message_id=message.extra_headers.get("Message-ID", ""), sent_by=sent_by,
                    ))
    return result


def undispatched(meeting: Meeting) -> list[tuple[Paragraph, str]]:
    """(§, recipient) pairs with no record yet."""
    done = set(DispatchRecord.objects.filter(paragraph__meeting=meeting).values_list("paragraph_id", "recipient"))
    return [(p, name) for p, name, _ in plan(meeting) if (p.pk, name) not in done]


def overdue(meeting: Meeting, today: dt.date, days: int = 5) -> bool:
    """Adjusted more than ``days`` ago and still not dispatched to everyone."""
    return bool(meeting.adjusted and (today - meeting.adjusted).days > days and undispatched(meeting))
