"""Kallelse distribution and the reading room's change tracking.

:func:`send_kallelse` e-mails every member and substitute of the body (memberships valid on the
meeting date) a link to the meeting in the reading room and an iCal invitation
(``text/calendar; method=REQUEST``), and records each sending; persons without an e-mail address
are recorded too and listed for the secretary. A second call sends only to those not yet
reached (a new substitute, an address added since).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime
from icalendar import Calendar, Event, vCalAddress, vText

from kansli.meetings.models import Meeting, MeetingStatus
from kansli.organisation.models import Membership, Role

from .models import DeliveryChannel, KallelseDelivery, ReaderVisit


@dataclass
class KallelseResult:
    emailed: list[KallelseDelivery] = field(default_factory=list)
    without_email: list[KallelseDelivery] = field(default_factory=list)
    failed: list[KallelseDelivery] = field(default_factory=list)
    already_sent: int = 0


def recipients(meeting: Meeting) -> list[Membership]:
    """Members first, then substitutes in their order; one row per person, valid on the date."""
    found = (
        Membership.objects.filter(body_id=meeting.body_id)
        .select_related("person", "term")
        .order_by("role", "substitute_order", "person__name", "pk")
    )
    seen: set[int] = set()
    rows = []
    for m in found:
        if m.active_on(meeting.date) and m.person_id not in seen:
            seen.add(m.person_id)
            rows.append(m)
    return rows


def _zone() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.TIME_ZONE)


def invitation(meeting: Meeting, *, url: str, attendee: str = "", name: str = "") -> bytes:
    """The iCalendar invitation (METHOD:REQUEST) to ``meeting``, the fields of the body calendar."""
    body = meeting.body
    calendar = Calendar()
    calendar.add("prodid", "-//Kansli//Kallelse//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@kansli")
    event.add("summary", f"Sammanträde: {body.name}")
    if meeting.start:
        start = dt.datetime.combine(meeting.date, meeting.start, tzinfo=_zone())
        end_time = meeting.end or (dt.datetime.combine(meeting.date, meeting.start) + dt.timedelta(hours=2)).time()
        event.add("dtstart", start.astimezone(dt.UTC))
        event.add("dtend", dt.datetime.combine(meeting.date, end_time, tzinfo=_zone()).astimezone(dt.UTC))
    else:
        event.add("dtstart", meeting.date)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", url)
    event.add("description", f"Kallelse och handlingar: {url}")
    event.add("status", "CONFIRMED")
    event.add("sequence", 0)
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(body.name)
    event.add("organizer", organizer)
    if attendee:
        who = vCalAddress(f"mailto:{attendee}")
        who.params["cn"] = vText(name)
        who.params["role"] = vText("REQ-PARTICIPANT")
        who.params["rsvp"] = vText("TRUE")
        event.add("attendee", who)
    calendar.add_component(event)
    return calendar.to_ical()


def _text(meeting: Meeting, membership: Membership, url: str) -> str:
    when = f"{meeting.date:%Y-%m-%d}"
    if meeting.start:
        when += f" kl. {meeting.start:%H.%M}"
    role = "ledamot" if membership.role == Role.MEMBER else "ersättare"
    secretary = meeting.secretary.name if meeting.secretary_id else meeting.body.name
    substitute = (
        "\nSom ersättare tjänstgör du om en ledamot har förhinder; meddela sekreteraren om du kan komma.\n"
        if membership.role == Role.SUBSTITUTE else
        "\nOm du har förhinder, meddela sekreteraren så att en ersättare kan kallas in.\n"
    )
    return (
        f"Hej {membership.person.name}!\n\n"
        f"Du kallas som {role} till sammanträde med {meeting.body.name} {when}"
        f"{', ' + meeting.place if meeting.place else ''}.\n\n"
        f"Föredragningslistan och handlingarna finns i läsrummet:\n{url}\n"
        f"{substitute}\n"
        "En kalenderinbjudan är bifogad.\n\n"
        f"Med vänlig hälsning\n{secretary}\n"
    )


def send_kallelse(meeting: Meeting, *, base_url: str, sent_by: str = "") -> KallelseResult:
    """E-mail the kallelse to every member and substitute not yet reached; record each one.

    ``base_url`` is the site's address (``request.build_absolute_uri("/")``). Refused with a
    Swedish :class:`ValidationError` for a meeting that is already held, cancelled or adjusted.
    The first time anything is sent, ``meeting.invitation_sent`` becomes today and the status
    *kallelse skickad*.
    """
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT):
        raise ValidationError(
            f"Sammanträdet {meeting.body.name} {meeting.date:%Y-%m-%d} är inte planerat "
            f"(status: {meeting.get_status_display()}); kallelsen kan inte skickas."
        )
    url = base_url.rstrip("/") + reverse("readingroom:meeting", args=[meeting.pk])
    done = set(
        KallelseDelivery.objects.filter(meeting=meeting, channel=DeliveryChannel.EMAIL).values_list("person_id", flat=True)
    )
    listed = set(
        KallelseDelivery.objects.filter(meeting=meeting, channel=DeliveryChannel.MISSING).values_list("person_id", flat=True)
    )
    result = KallelseResult()
    connection = get_connection()
    subject = f"Kallelse: {meeting.body.name} {meeting.date:%Y-%m-%d}"
    for membership in recipients(meeting):
        person = membership.person
        role = membership.get_role_display()
        if person.pk in done:
            result.already_sent += 1
            continue
        if not person.email:
            if person.pk in listed:
                result.without_email.append(
                    KallelseDelivery.objects.filter(meeting=meeting, person=person, channel=DeliveryChannel.MISSING).first()
                )
                continue
            result.without_email.append(KallelseDelivery.objects.create(
                meeting=meeting, person=person, name=person.name, role=role, channel=DeliveryChannel.MISSING,
                sent_by=sent_by, note="E-postadress saknas; skicka kallelsen på annat sätt eller lägg till adressen och skicka igen.",
            ))
            continue
        message = EmailMessage(
            subject=subject, body=_text(meeting, membership, url), from_email=settings.DEFAULT_FROM_EMAIL,
            to=[person.email], connection=connection,
        )
        message.attach(
            f"kallelse-{meeting.date:%Y%m%d}.ics",
            invitation(meeting, url=url, attendee=person.email, name=person.name),
            "text/calendar; method=REQUEST; charset=utf-8",
        )
        try:
            message.send()
        except OSError as exc:
            result.failed.append(KallelseDelivery.objects.create(
                meeting=meeting, person=person, name=person.name, role=role, email=person.email,
                channel=DeliveryChannel.FAILED, sent_by=sent_by, note=f"E-post kunde inte skickas: {exc}",
            ))
            continue
        with transaction.atomic():
            KallelseDelivery.objects.filter(meeting=meeting, person=person).exclude(channel=DeliveryChannel.EMAIL).delete()
            result.emailed.append(KallelseDelivery.objects.create(
                meeting=meeting, person=person, name=person.name, role=role, email=person.email,
                channel=DeliveryChannel.EMAIL, sent_at=timezone.now(), sent_by=sent_by,
                message_id=message.extra_headers.get("Message-ID", ""),
            ))
    if result.emailed and meeting.invitation_sent is None:
        # the same facts as the planning page's "kallelse skickad" (workspace.planning)
        meeting.invitation_sent = localtime().date()
        meeting.status = MeetingStatus.NOTICE_SENT
        meeting.save(update_fields=["invitation_sent", "status"])
    return result


# --- the reading room: what changed since the reader last looked ------------------------------


def _fingerprint(item) -> str:
    data = [item.order, item.title, item.kind, item.case_id, item.proposed_decision]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass
class PackItem:
    item: object
    documents: list = field(default_factory=list)  # (Document, mark) with mark "", "Nytt"
    mark: str = ""  # "", "Nytt", "Ändrat"


def pack(meeting: Meeting, user, *, record_visit: bool = True) -> tuple[list[PackItem], dt.datetime | None]:
    """The agenda with its documents, each marked against the reader's previous visit.

    Returns (items, previous visit time or None on the first visit). Documents are those of
    each item's case; an agenda item is "Nytt" if it was not on the agenda then, "Ändrat" if its
    number, title, case or proposed decision changed. The visit is then recorded.
    """
    visit = ReaderVisit.objects.filter(user=user, meeting=meeting).first()
    before = visit.agenda_snapshot if visit else {}
    since = visit.last_seen if visit else None
    items = []
    snapshot = {}
    for item in meeting.agenda_items.select_related("case").order_by("order"):
        mark = ""
        fp = _fingerprint(item)
        snapshot[str(item.pk)] = fp
        if visit is not None:
            if str(item.pk) not in before:
                mark = "Nytt"
            elif before[str(item.pk)] != fp:
                mark = "Ändrat"
        docs = []
        if item.case_id:
            for doc in item.case.documents.order_by("created", "pk"):
                docs.append((doc, "Nytt" if since is not None and doc.created > since else ""))
        if not mark and any(m for _, m in docs):
            mark = "Ändrat"
        items.append(PackItem(item=item, documents=docs, mark=mark))
    if record_visit:
        ReaderVisit.objects.update_or_create(
            user=user, meeting=meeting, defaults={"last_seen": timezone.now(), "agenda_snapshot": snapshot},
        )
    return items, since


def meeting_documents(meeting: Meeting):
    """The documents behind the meeting's agenda (the only ones the reading room serves)."""
    from kansli.cases.models import Document

    return Document.objects.filter(case__agenda_items__meeting=meeting).distinct()
