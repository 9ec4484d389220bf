"""Övriga frågor and information items per § (issue 6, item 4): model, lock, conversion,
protokoll, and the small recording page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from kansli import minutes as mm
from kansli.meetings.conversion import meeting_to_minutes, minutes_to_meeting
from kansli.meetings.locking import MeetingLocked, adjust_meeting
from kansli.meetings.models import Paragraph, Question
from kansli.writing.html import render_minutes_html

pytestmark = pytest.mark.django_db(transaction=False)

QUESTION = mm.Question(
    asked_by="Kim Ekblad", answered_by="Sara Lind", question="Hur långa är väntetiderna till särskilt boende?",
    answer="I genomsnitt 45 dagar.",
)
INFORMATION = mm.Question(kind=mm.QuestionKind.INFORMATION, answered_by="Omar Berg", question="budgetläget")


def _minutes() -> mm.Minutes:
    return mm.Minutes(
        municipality="Provkommun", body="Provnämnden", body_kind=mm.BodyKind.COMMITTEE,
        meeting=mm.Meeting(date=dt.date(2026, 10, 5), place="Sal A"),
        chair="Sara Lind",
        participants=[mm.Participant(name="Sara Lind", role=mm.Role.CHAIR), mm.Participant(name="Kim Ekblad")],
        items=[
            mm.Item(number=1, title="Övriga frågor", questions=[QUESTION]),
            mm.Item(number=2, title="Information från förvaltningen", questions=[INFORMATION]),
        ],
    )


def test_questions_survive_json_and_the_database_both_ways():
    minutes = _minutes()
    assert mm.loads(mm.dumps(minutes)) == minutes
    meeting = minutes_to_meeting(minutes)
    stored = Question.objects.get(paragraph__number=1)
    assert (stored.asked_by, stored.answered_by, stored.kind) == ("Kim Ekblad", "Sara Lind", "question")
    back = meeting_to_minutes(meeting)
    assert back.items[0].questions == [QUESTION] and back.items[1].questions == [INFORMATION]


def test_the_protokoll_says_who_asked_and_who_answered():
    html = render_minutes_html(_minutes())
    assert "Fråga från Kim Ekblad, besvarad av Sara Lind." in " ".join(html.split())
    assert "väntetiderna" in html and "45 dagar" in html
    assert "Omar Berg informerar om budgetläget." in " ".join(html.split())


def test_questions_are_locked_with_the_adjusted_protokoll():
    meeting = minutes_to_meeting(_minutes())
    paragraph = Paragraph.objects.get(meeting=meeting, number=1)
    adjust_meeting(meeting, dt.date(2026, 10, 8))
    with pytest.raises(MeetingLocked):
        Question.objects.create(paragraph=paragraph, asked_by="X", question="Sent tillägg")
    question = Question.objects.get(paragraph=paragraph)
    question.answer = "Ändrat i efterhand"
    with pytest.raises(MeetingLocked):
        question.save()
    # The database refuses too, even past the Python guard.
    for statement in (
        lambda: Question.objects.filter(pk=question.pk).update(answer="Ändrat med update"),
        lambda: Question.objects.bulk_create([Question(paragraph=paragraph, asked_by="Y", question="Z")]),
        lambda: Question.objects.filter(pk=question.pk)._raw_delete(connection.alias),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            statement()
    assert Question.objects.get(pk=question.pk).answer == QUESTION.answer
    assert Question.objects.filter(paragraph__meeting=meeting).count() == 2


ROLES_ALLOWED = {"admin": True, "sekreterare": True, "ordforande": False, "ledamot": False, "utan_roll": False}


def _client(username: str, group: str | None) -> Client:
    user = get_user_model().objects.create_user(username, password="x")
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    client = Client()
    client.force_login(user)
    return client


def test_the_recording_page_adds_a_question_for_the_secretary_and_refuses_a_locked_paragraph():
    meeting = minutes_to_meeting(_minutes())
    paragraph = Paragraph.objects.get(meeting=meeting, number=1)
    url = reverse("readingroom:questions", args=[paragraph.pk])
    groups = {"admin": "Administratör", "sekreterare": "Nämndsekreterare", "ordforande": "Ordförande",
              "ledamot": "Ledamot/ersättare", "utan_roll": None}
    data = {"kind": "question", "asked_by": "Kim Ekblad", "answered_by": "", "question": "När öppnar nya boendet?", "answer": ""}
    for name, allowed in ROLES_ALLOWED.items():
        client = _client(name, groups[name])
        before = Question.objects.count()
        response = client.post(url, data)
        assert (Question.objects.count() == before + 1) == allowed, name
        assert response.status_code == (302 if allowed else 403), name
    assert Client().post(url, data).status_code == 302  # anonymous: to the sign-in page
    assert Question.objects.filter(question="När öppnar nya boendet?").count() == 2
    secretary = Client()
    secretary.force_login(get_user_model().objects.get(username="sekreterare"))
    bad = secretary.post(url, {"kind": "question", "asked_by": "", "question": ""})
    assert bad.status_code == 400 and "Ange vem som ställde frågan." in bad.content.decode()
    adjust_meeting(meeting, dt.date(2026, 10, 8))
    count = Question.objects.count()
    refused = secretary.post(url, data, follow=True)
    assert "justerad och kan inte ändras" in refused.content.decode()
    assert Question.objects.count() == count
