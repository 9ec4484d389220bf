"""Public documents rendered from the record: the protokoll (HTML, PDF), extracts, the iCal feed.

Secret paragraphs are masked in everything published here (DESIGN §3, Publication); the unmasked
original is the archive copy, never served to the public. A locked protokoll cannot change, so
its PDF is rendered once and kept in the data directory.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from icalendar import Calendar, Event

from kansli.meetings.models import Meeting, MeetingStatus
from kansli.organisation.models import Body
from kansli.publishing.public import is_public_meeting, public_minutes, publication_stamp
from kansli.publishing.views import not_published
from kansli.writing.html import render_extract_html, render_minutes_html
from kansli.writing.pdf import extract_pdf, minutes_pdf

from .caching import cached_for_locked


def _adjusted_meeting(pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if meeting.status != MeetingStatus.ADJUSTED:
        raise Http404("Protokollet är inte justerat och publiceras inte ännu.")
    return meeting


def _file_name(meeting: Meeting, suffix: str) -> str:
    code = meeting.body.abbreviation or f"organ{meeting.body_id}"
    return f"protokoll-{code}-{meeting.date:%Y-%m-%d}{suffix}"


def _cached_pdf(meeting: Meeting, key: str, render) -> bytes:
    if not meeting.locked:
        return render()
    posted = meeting.notice_posted.isoformat() if meeting.notice_posted else "ej-anslaget"
    path = Path(settings.DATA_DIR) / "published" / f"{meeting.pk}-{key}-{posted}.pdf"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(render())
        tmp.replace(path)
    return path.read_bytes()


def minutes_html(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _adjusted_meeting(pk)
    if not is_public_meeting(meeting):
        return not_published(request, meeting)
    html = cached_for_locked(
        meeting, "minutes-html", lambda: render_minutes_html(public_minutes(meeting), mask_secret=True)
    )
    return HttpResponse(html)


def minutes_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _adjusted_meeting(pk)
    if not is_public_meeting(meeting):
        return not_published(request, meeting)
    key = f"protokoll-{publication_stamp(meeting)}"
    data = _cached_pdf(meeting, key, lambda: minutes_pdf(public_minutes(meeting), mask_secret=True))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_name(meeting, ".pdf")}"'
    return response


def _published_paragraph(pk: int, number: int) -> Meeting:
    """The adjusted meeting holding § ``number``, when that § may be published as an extract."""
    meeting = _adjusted_meeting(pk)
    if not meeting.paragraphs.filter(number=number, secret=False).exists():
        raise Http404("Det finns inget publicerat utdrag för den paragrafen.")
    return meeting


def extract_pdf_view(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    meeting = _published_paragraph(pk, number)
    if not is_public_meeting(meeting):
        return not_published(request, meeting)
    data = _cached_pdf(
        meeting, f"utdrag-{number}-{publication_stamp(meeting)}",
        lambda: extract_pdf(public_minutes(meeting), number, mask_secret=True),
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_name(meeting, f"-par{number}.pdf")}"'
    return response


def extract_html(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    meeting = _published_paragraph(pk, number)
    if not is_public_meeting(meeting):
        return not_published(request, meeting)
    return HttpResponse(render_extract_html(public_minutes(meeting), number, mask_secret=True))


def body_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's meetings as an iCalendar feed (RFC 5545), for any calendar program."""
    body = get_object_or_404(Body.objects.select_related("municipality"), pk=pk)
    calendar = Calendar()
    calendar.add("prodid", "-//Kansli//Sammanträdesplan//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{body.name}, {body.municipality.name}")
    zone = dt.UTC
    for meeting in body.meetings.order_by("date", "start"):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@kansli")
        event.add("summary", f"Sammanträde: {body.name}")
        if meeting.start:
            start = dt.datetime.combine(meeting.date, meeting.start, tzinfo=_local_zone())
            end_time = meeting.end or (dt.datetime.combine(meeting.date, meeting.start) + dt.timedelta(hours=2)).time()
            event.add("dtstart", start.astimezone(zone))
            event.add("dtend", dt.datetime.combine(meeting.date, end_time, tzinfo=_local_zone()).astimezone(zone))
        else:
            event.add("dtstart", meeting.date)
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", request.build_absolute_uri(reverse("meeting", args=[meeting.pk])))
        event.add("status", "CONFIRMED")
        event.add("dtstamp", dt.datetime.now(zone))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="sammantraden-{body.abbreviation or body.pk}.ics"'
    return response


def _local_zone() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.TIME_ZONE)
