"""Public documents rendered from the record: the protokoll (HTML, PDF), extracts, the kallelse
(PDF) and the iCal feed.

Secret paragraphs are masked in everything published here (DESIGN §3, Publication); the unmasked
original is the archive copy, never served to the public. A locked protokoll cannot change, so
its PDF is rendered once and kept in the data directory. The kallelse can still change (an item
added after sending, a case made secret, a mask confirmed), so its PDF is kept under a digest of
exactly what it prints and rendered again when that changes.

Every PDF has two addresses, as OParl's File asks (2.7 Dateizugriffe): one to read it in the
browser (``inline``) and one under ``ladda-ned/`` that always downloads it (``attachment``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header
from icalendar import Calendar, Event

import kansli
from kansli.meetings.models import Meeting, MeetingStatus
from kansli.minutes import codec
from kansli.organisation.models import Body
from kansli.publishing.public import (
    is_public_meeting,
    public_minutes,
    publication_stamp,
    with_review,
)
from kansli.publishing.views import not_published
from kansli.writing.html import render_extract_html, render_minutes_html
from kansli.writing.pdf import PDF_VARIANT, extract_pdf, minutes_pdf, notice_of_meeting_pdf

from .caching import cached_for_locked, cached_page
from .kallelse import has_public_kallelse, kallelse_file_name, public_kallelse


def _adjusted_meeting(pk: int) -> Meeting:
    meeting = get_object_or_404(with_review(Meeting.objects.select_related("body")), pk=pk)
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


def _pdf_response(data: bytes, file_name: str, download: bool) -> HttpResponse:
    """``inline`` for reading (OParl accessUrl), ``attachment`` for downloading (downloadUrl)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(download, file_name)
    return response


def _content_digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in (kansli.__version__, PDF_VARIANT, *parts):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:40]


def _pdf_for_digest(meeting: Meeting, name: str, digest: str, render: Callable[[], bytes]) -> bytes:
    """The PDF ``name`` of ``meeting`` for content ``digest``: read from the data directory, or
    rendered and kept there in place of the meeting's earlier ``name`` files."""
    folder = Path(settings.DATA_DIR) / "published"
    path = folder / f"{meeting.pk}-{name}-{digest}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = render()
    folder.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{meeting.pk}-{name}-", suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
    for old in folder.glob(f"{meeting.pk}-{name}-*.pdf"):
        if old != path:
            old.unlink(missing_ok=True)
    return data


def kallelse_pdf_view(request: HttpRequest, pk: int, download: bool = False) -> HttpResponse:
    """The kallelse with föredragningslista as sent, masked as the public may read it."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("body__municipality", "chair", "secretary"), pk=pk
    )
    if not has_public_kallelse(meeting):
        raise Http404("Kallelsen är inte skickad och publiceras inte ännu.")
    notice = public_kallelse(meeting)
    digest = _content_digest(codec.dumps(notice, indent=None))
    etag = f'"{digest}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        return not_modified
    data = _pdf_for_digest(meeting, "kallelse", digest, lambda: notice_of_meeting_pdf(notice))
    response = _pdf_response(data, kallelse_file_name(meeting), download)
    response["ETag"] = etag
    return response


def minutes_html(request: HttpRequest, pk: int) -> HttpResponse:
    html = cached_page(pk, "minutes-html")
    if html is None:
        meeting = _adjusted_meeting(pk)
        if not is_public_meeting(meeting):
            return not_published(request, meeting)
        html = cached_for_locked(
            meeting, "minutes-html", lambda: render_minutes_html(public_minutes(meeting), mask_secret=True)
        )
    return HttpResponse(html)


def minutes_pdf_view(request: HttpRequest, pk: int, download: bool = False) -> HttpResponse:
    meeting = _adjusted_meeting(pk)
    if not is_public_meeting(meeting):
        return not_published(request, meeting)
    key = f"protokoll-{publication_stamp(meeting)}"
    data = _cached_pdf(meeting, key, lambda: minutes_pdf(public_minutes(meeting), mask_secret=True))
    return _pdf_response(data, _file_name(meeting, ".pdf"), download)


def _published_paragraph(pk: int, number: int) -> Meeting:
    """The adjusted meeting holding § ``number``, when that § may be published as an extract."""
    meeting = _adjusted_meeting(pk)
    if not meeting.paragraphs.filter(number=number, secret=False).exists():
        raise Http404("Det finns inget publicerat utdrag för den paragrafen.")
    return meeting


def extract_pdf_view(request: HttpRequest, pk: int, number: int, download: bool = False) -> HttpResponse:
    meeting = _published_paragraph(pk, number)
    if not is_public_meeting(meeting):
        return not_published(request, meeting)
    data = _cached_pdf(
        meeting, f"utdrag-{number}-{publication_stamp(meeting)}",
        lambda: extract_pdf(public_minutes(meeting), number, mask_secret=True),
    )
    return _pdf_response(data, _file_name(meeting, f"-par{number}.pdf"), download)


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
