"""Every role × every view of the § screen and the protokoll draft, through the real URLs.

The policy is written out here (issue 3, item 1; permissions.GRANTS): recording during the
meeting is *run_meeting* (administratör, nämndsekreterare, ordförande); once the meeting has
ended, changing the record is *draft_minutes* (administratör, nämndsekreterare), as is the draft.
A refused request changes nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from kansli.meetings import live, recording
from kansli.meetings.models import (
    Ballot,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    Paragraph,
    Recipient,
    Statement,
    Vote,
)

from .conftest import ROLES, client_for

pytestmark = pytest.mark.django_db

RUN_MEETING = {"admin", "sekreterare", "ordforande"}
DRAFT_MINUTES = {"admin", "sekreterare"}


@pytest.fixture
def running(demo) -> Meeting:
    """The demo's next meeting, opened the way the live hub opens it."""
    meeting = (
        Meeting.objects.filter(status__in=[MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT], agenda_items__isnull=False)
        .distinct().order_by("date").first()
    )
    live.start_meeting(meeting)
    meeting.refresh_from_db()
    return meeting


def snapshot(meeting: Meeting) -> tuple:
    paragraphs = Paragraph.objects.filter(meeting=meeting)
    return (
        tuple(paragraphs.order_by("pk").values_list(
            "pk", "title", "decision", "decision_clauses", "summary", "order_of_questions", "secret", "locked"
        )),
        *(model.objects.filter(paragraph__meeting=meeting).count() for model in (Motion, Vote, Dissent, Statement, Recipient)),
        Ballot.objects.filter(vote__paragraph__meeting=meeting).count(),
        tuple(Dissent.objects.filter(paragraph__meeting=meeting).order_by("pk").values_list("text", "written")),
        tuple(Statement.objects.filter(paragraph__meeting=meeting).order_by("pk").values_list("text", flat=True)),
    )


def assert_denied(role: str, response, what: str) -> None:
    if role == "anonym":
        assert response.status_code == 302, what
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL)), what
    else:
        assert response.status_code == 403, what
        assert "Du har inte behörighet" in response.content.decode(), what


def assert_allowed(response, what: str) -> None:
    assert response.status_code in (200, 302), f"{what}: {response.status_code}"
    if response.status_code == 302:
        assert not response["Location"].startswith(resolve_url(settings.LOGIN_URL)), what


def probes(meeting: Meeting, paragraph: Paragraph, dissent: Dissent, statement: Statement) -> list[tuple[str, str, str, dict | None]]:
    """(name, method, url, data) of every view, in an order where each can succeed."""
    item = paragraph.agenda_item
    serving = recording.serving_members(meeting, paragraph.number)
    vote = {f"rost_{m.person_id}": "yes" for m in serving}
    vote.update(yes_means="förslaget till beslut", no_means="avslag")
    p = paragraph.pk
    return [
        ("visa §", "get", reverse("workspace:paragraph_edit", args=[meeting.pk, item.pk]), None),
        ("visa § (pk)", "get", reverse("workspace:paragraph", args=[p]), None),
        ("spara text", "post", reverse("workspace:paragraph_text", args=[p]),
         {"title": "Matrisrubrik", "decision": "Nämnden beslutar", "decision_clauses": "att bifalla"}),
        ("yrkande", "post", reverse("workspace:paragraph_motion_add", args=[p]),
         {"yrkande-others": "Matris Person", "yrkande-kind": "main", "yrkande-text": "avslag"}),
        ("visa votering", "get", reverse("workspace:paragraph_vote", args=[p]), None),
        ("votering", "post", reverse("workspace:paragraph_vote", args=[p]), vote),
        ("reservation", "post", reverse("workspace:paragraph_dissent_add", args=[p]),
         {"reservation-people": [serving[-1].name], "reservation-in_favour_of": "avslag"}),
        ("visa skriftlig reservation", "get", reverse("workspace:paragraph_dissent_text", args=[p, dissent.pk]), None),
        ("skriftlig reservation", "post", reverse("workspace:paragraph_dissent_text", args=[p, dissent.pk]),
         {"text": "Matrismotivering"}),
        ("yttrande", "post", reverse("workspace:paragraph_statement_add", args=[p]),
         {"yttrande-others": "Matris Person", "yttrande-kind": "minutes_note", "yttrande-text": ""}),
        ("visa yttrandetext", "get", reverse("workspace:paragraph_statement_text", args=[p, statement.pk]), None),
        ("yttrandetext", "post", reverse("workspace:paragraph_statement_text", args=[p, statement.pk]),
         {"text": "Matrisanteckning"}),
        ("mottagare", "post", reverse("workspace:paragraph_recipients", args=[p]), {"recipients": "Matrismottagare"}),
        ("utkast", "get", reverse("workspace:minutes_draft", args=[meeting.pk]), None),
        ("utkast html", "get", reverse("workspace:minutes_draft_html", args=[meeting.pk]), None),
        ("utkast pdf", "get", reverse("workspace:minutes_draft_pdf", args=[meeting.pk]), None),
        ("ta bort yrkande", "post", None, None),  # filled in when a motion exists
        ("omedelbar justering", "post", reverse("workspace:paragraph_adjust", args=[p]), {"confirm": "on"}),
    ]


EXPECTED_RUNNING = {
    "visa §": RUN_MEETING | DRAFT_MINUTES,
    "visa § (pk)": RUN_MEETING | DRAFT_MINUTES,
    "spara text": RUN_MEETING,
    "yrkande": RUN_MEETING,
    "visa votering": RUN_MEETING | DRAFT_MINUTES,
    "votering": RUN_MEETING,
    "reservation": RUN_MEETING,
    "visa skriftlig reservation": RUN_MEETING | DRAFT_MINUTES,
    "skriftlig reservation": RUN_MEETING,
    "yttrande": RUN_MEETING,
    "visa yttrandetext": RUN_MEETING | DRAFT_MINUTES,
    "yttrandetext": RUN_MEETING,
    "mottagare": RUN_MEETING,
    "utkast": DRAFT_MINUTES,
    "utkast html": DRAFT_MINUTES,
    "utkast pdf": DRAFT_MINUTES,
    "ta bort yrkande": RUN_MEETING,
    "omedelbar justering": RUN_MEETING,
}


VIEWS = {"visa §", "visa § (pk)", "visa votering", "visa skriftlig reservation", "visa yttrandetext"}

#: After the meeting has ended: changing the record is drafting the protokoll; the screens can
#: still be seen by whoever ran the meeting. A new reservation is refused for everyone (it had to
#: be announced at the meeting): checked separately.
EXPECTED_ENDED = {
    name: (RUN_MEETING | DRAFT_MINUTES if name in VIEWS else DRAFT_MINUTES) for name in EXPECTED_RUNNING
}


def _run(role: str, meeting: Meeting, paragraph: Paragraph, expected: dict[str, set[str]], skip=()) -> None:
    client = client_for(role)
    serving = recording.serving_members(meeting, paragraph.number)
    dissent = Dissent.objects.create(paragraph=paragraph, by=[serving[0].name])  # announced earlier
    motion = Motion.objects.create(paragraph=paragraph, by=["Någon"], text="bifall")
    statement = Statement.objects.create(paragraph=paragraph, kind="minutes_note", by=["Någon"])
    for name, method, url, data in probes(meeting, paragraph, dissent, statement):
        if name in skip:
            continue
        if name == "ta bort yrkande":
            url = reverse("workspace:paragraph_part_delete", args=[paragraph.pk, "yrkande", motion.pk])
        before = snapshot(meeting)
        response = getattr(client, method)(url, data or {})
        what = f"{role} ({meeting.end and 'avslutat' or 'pågår'}): {name}"
        if role in expected[name]:
            assert_allowed(response, what)
            if name == "utkast pdf":
                assert response.content.startswith(b"%PDF"), what
        else:
            assert_denied(role, response, what)
            assert snapshot(meeting) == before, f"{what} changed the record"


@pytest.mark.parametrize("role", ROLES)
def test_recording_during_and_after_the_meeting(role, running):
    first, second = running.paragraphs.order_by("number")[:2]
    _run(role, running, first, EXPECTED_RUNNING)
    first.refresh_from_db()
    if role in RUN_MEETING:  # every write went through: the § ends immediately adjusted
        assert first.title == "Matrisrubrik" and first.locked
        assert first.votes.count() == 1 and first.dissents.count() == 2
        assert first.dissents.filter(written=True).count() == 1
        assert first.statements.filter(text="Matrisanteckning").count() == 1
        assert not first.motions.filter(text="bifall").exists()
    else:
        assert first.title != "Matrisrubrik" and not first.locked
        assert not first.votes.exists() and first.dissents.count() == 1

    # the meeting ends (sluttid set)
    running.end = dt.time(21, 0)
    running.save()
    count = Dissent.objects.count()
    response = client_for(role).post(
        reverse("workspace:paragraph_dissent_add", args=[second.pk]),
        {"reservation-people": [recording.serving_members(running, second.number)[0].name]},
    )
    if role in DRAFT_MINUTES:
        assert response.status_code == 400 and "innan sammanträdet avslutas" in response.content.decode()
    else:
        assert_denied(role, response, f"{role}: reservation efter mötet")
    assert Dissent.objects.count() == count
    # the PDF's rights are those of the HTML, rendered once above
    _run(role, running, second, EXPECTED_ENDED, skip=("reservation", "utkast pdf"))
    second.refresh_from_db()
    assert (second.title == "Matrisrubrik") == (role in DRAFT_MINUTES)
