"""Public pages: the municipality's bodies, their members and meetings, and adjusted protokoll.

Read-only and thin: every fact shown comes from the models; nothing is computed here.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kansli.meetings.models import Meeting, MeetingStatus
from kansli.organisation.models import Body, Membership, Municipality, Term
from kansli.publishing.public import is_public_meeting, public_paragraphs

from .caching import cached_for_locked
from .kallelse import has_public_kallelse, public_kallelse_items


def home(request: HttpRequest) -> HttpResponse:
    municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        municipality.top_bodies = (
            municipality.bodies.filter(parent__isnull=True)
            .prefetch_related("subcommittees")
            .order_by("kind", "name")
        )
    return render(request, "web/home.html", {"municipalities": municipalities})


def _current_term(body: Body, today: dt.date) -> Term | None:
    terms = Term.objects.filter(municipality=body.municipality)
    return terms.filter(start__lte=today, end__gte=today).first() or terms.first()


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body.objects.select_related("municipality", "parent"), pk=pk)
    today = dt.date.today()
    year = int(request.GET.get("ar", today.year)) if request.GET.get("ar", "").isdigit() else today.year
    term = _current_term(body, today)
    memberships = (
        Membership.objects.filter(body=body, term=term)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("person", "person__party")
    )
    office_rank = {"chair": 0, "first_vice_chair": 1, "second_vice_chair": 2, "": 3}
    members = sorted(
        (m for m in memberships if m.role == "member"),
        key=lambda m: (office_rank.get(m.office, 3), m.person.name),
    )
    substitutes = sorted(
        (m for m in memberships if m.role == "substitute"),
        key=lambda m: (m.substitute_order or 999, m.person.name),
    )
    meetings = body.meetings.filter(date__year=year).order_by("date", "start")
    return render(
        request,
        "web/body.html",
        {
            "body": body,
            "term": term,
            "members": members,
            "substitutes": substitutes,
            "meetings": meetings,
            "year": year,
            "years": [year - 1, year + 1],
            "today": today,
        },
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.select_related("body", "body__municipality", "chair", "secretary"), pk=pk
    )
    adjusted = meeting.status == MeetingStatus.ADJUSTED
    published = adjusted and is_public_meeting(meeting)
    context = {
        "meeting": meeting,
        "adjusted": published,
        "not_published": adjusted and not published,
        "kallelse": has_public_kallelse(meeting),
    }
    if published:
        context["published_html"] = mark_safe(  # noqa: S308 — rendered by our own template, autoescaped
            cached_for_locked(meeting, "meeting-page", lambda: _published_part(meeting))
        )
    else:
        context["agenda_items"] = public_kallelse_items(meeting)
    return render(request, "web/meeting.html", context)


def _published_part(meeting: Meeting) -> str:
    """The protokoll part of the meeting page: attendance and every §, as the public sees them."""
    paragraphs = list(
        meeting.paragraphs.order_by("number").prefetch_related(
            "motions", "votes__ballots", "dissents", "statements", "recusals", "recipients"
        )
    )
    attendances = list(meeting.attendances.select_related("person", "party", "serving_for"))
    return render_to_string("web/_published_meeting.html", {
        "meeting": meeting,
        "paragraphs": public_paragraphs(meeting, paragraphs, attendances),
        "attendances": attendances,
    })
