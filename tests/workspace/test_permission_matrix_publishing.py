"""Every role × the publishing review's pages: only administratör and nämndsekreterare may review."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from kansli.meetings.locking import adjust_meeting
from kansli.meetings.models import Meeting, MeetingStatus
from kansli.meetings.services import add_paragraph
from kansli.organisation.models import Body
from kansli.publishing.models import PublicationReview, Redaction
from kansli.workspace.permissions import can

from .conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

ALLOWED = {"admin", "sekreterare"}


@pytest.fixture
def meeting(demo) -> Meeting:
    body = Body.objects.get(abbreviation="VON")
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 11, 26), status=MeetingStatus.HELD)
    add_paragraph(meeting, title="Skrivelse", summary="Ring 08-123 456 78.", decision="Besvaras.")
    adjust_meeting(meeting, dt.date(2026, 11, 27))
    return meeting


def state(meeting: Meeting) -> tuple:
    return (
        sorted(Redaction.objects.values_list("pk", "decision", "mask")),
        sorted(PublicationReview.objects.values_list("pk", "reviewed")),
    )


def probes(meeting: Meeting):
    """(method, url, data, took effect?) for each publishing page."""
    finding = lambda: Redaction.objects.get(review__meeting=meeting)  # noqa: E731
    pk = meeting.pk
    yield "get", reverse("publishing:reviews"), None, lambda r: "Granskning inför publicering" in r.content.decode()
    yield "get", reverse("publishing:review", args=[pk]), None, lambda r: "08-123 456 78" in r.content.decode()
    yield ("post", lambda: reverse("publishing:decide", args=[pk, finding().pk]), {"decision": "confirmed"},
           lambda r: finding().decision == "confirmed")
    yield "post", reverse("publishing:confirm_all", args=[pk]), None, lambda r: finding().decision == "confirmed"
    yield ("post", reverse("publishing:mark_reviewed", args=[pk]), None,
           lambda r: PublicationReview.objects.get(meeting=meeting).reviewed)
    yield "post", reverse("publishing:reopen", args=[pk]), None, lambda r: True


@pytest.mark.parametrize("role", ROLES)
def test_role_may_or_may_not_review_for_publication(role, meeting):
    # The finding exists before any probe, so denied roles have something they could change.
    from kansli.publishing.services import screen_meeting

    screen_meeting(meeting)
    client = client_for(role)
    for method, url, data, took_effect in probes(meeting):
        url = url() if callable(url) else url
        before = state(meeting)
        response = client.get(url) if method == "get" else client.post(url, data or {})
        if role in ALLOWED:
            assert response.status_code in (200, 302), (url, response.status_code)
            assert took_effect(response), url
        elif role == "anonym":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse(settings.LOGIN_URL) + "?next=")
            assert state(meeting) == before, url
        else:
            assert response.status_code == 403, url
            assert "Behörighet saknas" in response.content.decode()
            assert "08-123 456 78" not in response.content.decode()
            assert state(meeting) == before, url
        assert can(response.wsgi_request.user, "review_publication") == (role in ALLOWED)
