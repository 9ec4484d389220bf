"""RSS 2.0 and Atom feeds per body: new notices on the anslagstavla and newly adjusted protokoll.

Journalists and citizens follow a body without visiting the site. Only what is already public
is in a feed: notices that have been posted, and protokoll the public may read
(:mod:`kansli.publishing.public`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from kansli.meetings.models import Meeting, MeetingStatus
from kansli.noticeboard.models import Notice
from kansli.organisation.models import Body
from kansli.publishing.public import is_public_meeting

FEED_LENGTH = 50


def _midnight(day: dt.date) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))


class _BodyFeed(Feed):
    language = "sv"

    def get_object(self, request, pk: int) -> Body:
        return get_object_or_404(Body.objects.select_related("municipality"), pk=pk)

    def link(self, body: Body) -> str:
        return reverse("body", args=[body.pk])


class NoticeFeed(_BodyFeed):
    """Notices posted for the body, newest first."""

    feed_type = Rss201rev2Feed

    def title(self, body: Body) -> str:
        return f"Anslag från {body.name}, {body.municipality.name}"

    def description(self, body: Body) -> str:
        return f"Nya anslag på {body.municipality.name}s digitala anslagstavla från {body.name}."

    def items(self, body: Body):
        today = dt.date.today()
        return Notice.objects.filter(body=body).published(today).order_by("-posted", "-pk")[:FEED_LENGTH]

    def item_title(self, notice: Notice) -> str:
        return notice.title

    def item_description(self, notice: Notice) -> str:
        parts = []
        if notice.paragraphs:
            parts.append(f"Paragrafer: {notice.paragraphs}.")
        if notice.adjusted:
            parts.append(f"Justerat {notice.adjusted:%Y-%m-%d}.")
        parts.append(f"Anslaget {notice.posted:%Y-%m-%d}, tas ned tidigast {notice.remove_from:%Y-%m-%d}.")
        if notice.appeal_last_day:
            parts.append(f"Sista dag för överklagande {notice.appeal_last_day:%Y-%m-%d}.")
        return " ".join(parts)

    def item_link(self, notice: Notice) -> str:
        return reverse("noticeboard:notice", args=[notice.pk])

    def item_pubdate(self, notice: Notice) -> dt.datetime:
        return _midnight(notice.posted)


class MinutesFeed(_BodyFeed):
    """Adjusted protokoll of the body, newest first."""

    feed_type = Rss201rev2Feed

    def title(self, body: Body) -> str:
        return f"Protokoll från {body.name}, {body.municipality.name}"

    def description(self, body: Body) -> str:
        return f"Justerade protokoll från {body.name}."

    def items(self, body: Body):
        meetings = (
            Meeting.objects.filter(body=body, status=MeetingStatus.ADJUSTED, adjusted__isnull=False)
            .select_related("body")
            .order_by("-adjusted", "-date")
        )
        return [m for m in meetings[: FEED_LENGTH * 2] if is_public_meeting(m)][:FEED_LENGTH]

    def item_title(self, meeting: Meeting) -> str:
        return f"Protokoll {meeting.body.name} {meeting.date:%Y-%m-%d}"

    def item_description(self, meeting: Meeting) -> str:
        numbers = sorted(meeting.paragraphs.values_list("number", flat=True))
        span = f"§§ {numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else (f"§ {numbers[0]}" if numbers else "")
        return f"Sammanträde {meeting.date:%Y-%m-%d}{', ' + span if span else ''}. Justerat {meeting.adjusted:%Y-%m-%d}."

    def item_link(self, meeting: Meeting) -> str:
        return reverse("meeting", args=[meeting.pk])

    def item_pubdate(self, meeting: Meeting) -> dt.datetime:
        return _midnight(meeting.adjusted)


class NoticeAtomFeed(NoticeFeed):
    feed_type = Atom1Feed
    subtitle = NoticeFeed.description


class MinutesAtomFeed(MinutesFeed):
    feed_type = Atom1Feed
    subtitle = MinutesFeed.description
