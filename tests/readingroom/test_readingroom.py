"""Kallelse distribution over real SMTP and the members' reading room (issue 6, item 6)."""

from __future__ import annotations

import importlib.util
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from icalendar import Calendar

from kansli.audit.models import AuditEntry
from kansli.cases.models import Document, DocumentKind
from kansli.meetings.models import AgendaItem, Meeting, MeetingStatus
from kansli.organisation.models import Person
from kansli.readingroom import services
from kansli.readingroom.models import DeliveryChannel, DocumentNote, Highlight, KallelseDelivery

pytestmark = pytest.mark.django_db

_spec = importlib.util.spec_from_file_location("readingroom_fixtures", Path(__file__).with_name("conftest.py"))
_fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fx)
ROLES, PDF_BYTES, client_for = _fx.ROLES, _fx.PDF_BYTES, _fx.client_for

SIGNED_IN_WITH_ROLE = {"admin", "registrator", "sekreterare", "ordforande", "justerare", "ledamot"}


@pytest.fixture
def planned(demo) -> Meeting:
    return Meeting.objects.filter(status=MeetingStatus.PLANNED).select_related("body").first()


@pytest.fixture
def pack(planned, case) -> Meeting:
    """The planned meeting with an item for the case that has an open and a secret PDF."""
    order = (planned.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    AgendaItem.objects.create(meeting=planned, order=order, title="Färdtjänst i läsrummet", case=case)
    return planned


def _urls(meeting, case):
    open_doc, secret_doc = case.documents.get(secret=False), case.documents.get(secret=True)
    return open_doc, secret_doc


# --- kallelse ---------------------------------------------------------------------------------


def test_kallelse_reaches_every_member_and_substitute_with_a_link_and_an_invitation(planned, smtp):
    people = services.recipients(planned)
    assert len(people) >= 3
    without = people[-1].person
    without.email = ""
    without.save()
    result = services.send_kallelse(planned, base_url="http://kansli.test/", sent_by="sekreterare")
    assert not result.failed
    assert len(smtp.messages) == len(people) - 1 == len(result.emailed)
    assert [d.name for d in result.without_email] == [without.name]
    url = f"http://kansli.test/lasrum/sammantraden/{planned.pk}/"
    for membership in people[:-1]:
        message = next(m for m in smtp.messages if m["To"] == membership.person.email)
        subject = str(make_header(decode_header(message["Subject"])))
        assert subject == f"Kallelse: {planned.body.name} {planned.date:%Y-%m-%d}"
        text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
        assert url in text and membership.person.name in text
        assert ("ersättare" if membership.role == "substitute" else "ledamot") in text
        invite = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert invite.get_param("method") == "REQUEST"
        calendar = Calendar.from_ical(invite.get_payload(decode=True))
        assert calendar["method"] == "REQUEST"
        event = next(iter(calendar.walk("VEVENT")))
        assert str(event["url"]) == url
        assert str(planned.date).replace("-", "") in event["dtstart"].to_ical().decode()
        assert membership.person.email in str(event["attendee"])
    records = KallelseDelivery.objects.filter(meeting=planned, channel=DeliveryChannel.EMAIL)
    assert records.count() == len(people) - 1 and all(r.sent_at and r.sent_by == "sekreterare" for r in records)
    planned.refresh_from_db()
    assert planned.invitation_sent is not None and planned.status == MeetingStatus.NOTICE_SENT
    # Sending again reaches only the one whose address has been added since.
    without.email = "ny.adress@exempel.test"
    without.save()
    again = services.send_kallelse(planned, base_url="http://kansli.test/")
    assert [d.email for d in again.emailed] == ["ny.adress@exempel.test"]
    assert again.already_sent == len(people) - 1 and len(smtp.messages) == len(people)
    assert not KallelseDelivery.objects.filter(meeting=planned, channel=DeliveryChannel.MISSING).exists()


def test_no_kallelse_for_a_meeting_already_held(demo, smtp):
    held = Meeting.objects.filter(status=MeetingStatus.ADJUSTED).first()
    with pytest.raises(ValidationError, match="inte planerat"):
        services.send_kallelse(held, base_url="http://kansli.test/")
    assert smtp.messages == [] and not KallelseDelivery.objects.exists()


# --- reading room -----------------------------------------------------------------------------


def test_reader_sees_what_is_new_or_changed_since_the_last_visit(pack, case):
    client = client_for("ledamot")
    url = reverse("readingroom:meeting", args=[pack.pk])
    first = client.get(url).content.decode()
    assert "Färdtjänst i läsrummet" in first and "första gången" in first
    assert 'class="mark' not in first
    # The secretary adds an item and changes another; a document arrives in the case.
    items = list(pack.agenda_items.order_by("order"))
    changed = items[0]
    changed.proposed_decision = "Reviderat förslag efter beredningen"
    changed.save()
    AgendaItem.objects.create(meeting=pack, order=items[-1].order + 1, title="Sent tillkommet ärende")
    late = Document(case=case, kind=DocumentKind.MEMO, title="Kompletterande yttrande")
    late.file.save("yttrande.pdf", ContentFile(PDF_BYTES), save=False)
    late.save()
    second = client.get(url).content.decode()
    assert "senast läste" in second
    new_item = second.split("Sent tillkommet ärende")[1].split("</h3>")[0]
    assert "Nytt" in new_item
    changed_item = second.split(changed.title)[1].split("</h3>")[0]
    assert "Ändrat" in changed_item
    assert "Nytt" in second.split("Kompletterande yttrande")[1].split("</li>")[0]
    # Another reader has not looked before: nothing is marked for them.
    other = client_for("ordforande").get(url).content.decode()
    assert 'class="mark' not in other
    # Looking again without changes: nothing marked.
    third = client.get(url).content.decode()
    assert 'class="mark' not in third


def test_secret_documents_are_for_the_entitled_and_each_opening_is_logged(pack, case):
    open_doc, secret_doc = _urls(pack, case)
    member = client_for("ledamot")
    page = member.get(reverse("readingroom:meeting", args=[pack.pk])).content.decode()
    assert open_doc.title in page and secret_doc.title not in page and "omfattas av sekretess" in page
    secret_file = reverse("readingroom:document_file", args=[pack.pk, secret_doc.pk])
    before = AuditEntry.objects.filter(object_pk=str(secret_doc.pk), action="view").count()
    assert member.get(secret_file).status_code == 403
    assert member.get(reverse("readingroom:document", args=[pack.pk, secret_doc.pk])).status_code == 403
    assert AuditEntry.objects.filter(object_pk=str(secret_doc.pk), action="view").count() == before
    response = member.get(reverse("readingroom:document_file", args=[pack.pk, open_doc.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "inline" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    secretary = client_for("sekreterare")
    for _ in range(2):
        response = secretary.get(secret_file)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == PDF_BYTES
    entries = AuditEntry.objects.filter(object_pk=str(secret_doc.pk), action="view", model_label="cases.Document")
    assert entries.count() == before + 2 and {e.username for e in entries} == {"sekreterare"}
    # A document not behind this meeting's agenda is not served from its reading room.
    other_meeting = Meeting.objects.exclude(pk=pack.pk).first()
    assert secretary.get(reverse("readingroom:document_file", args=[other_meeting.pk, open_doc.pk])).status_code == 404


def test_notes_and_highlights_are_private_to_their_author(pack, case):
    open_doc = case.documents.get(secret=False)
    page = reverse("readingroom:document", args=[pack.pk, open_doc.pk])
    member = client_for("ledamot")
    response = member.post(reverse("readingroom:note_add", args=[pack.pk, open_doc.pk]), {"text": "Fråga om kostnaden"})
    assert response.status_code == 302
    member.post(
        reverse("readingroom:highlight_add", args=[pack.pk, open_doc.pk]),
        {"quote": "resor till vårdcentralen", "page": "2", "colour": "red", "label": "fråga"},
    )
    mine = member.get(page).content.decode()
    assert "Fråga om kostnaden" in mine and "resor till vårdcentralen" in mine and "sida 2" in mine
    theirs = client_for("sekreterare").get(page).content.decode()
    assert "Fråga om kostnaden" not in theirs and "resor till vårdcentralen" not in theirs
    assert "<iframe" in theirs
    # Someone else cannot delete the note.
    note = DocumentNote.objects.get()
    url = reverse("readingroom:note_delete", args=[pack.pk, open_doc.pk, note.pk])
    assert client_for("sekreterare").post(url).status_code == 404
    assert DocumentNote.objects.filter(pk=note.pk).exists()
    # Bad input: a Swedish message, nothing saved.
    bad = member.post(
        reverse("readingroom:highlight_add", args=[pack.pk, open_doc.pk]), {"quote": "", "page": "tre"}
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Skriv in texten som ska markeras." in text and "heltal" in text
    assert Highlight.objects.count() == 1
    empty = member.post(reverse("readingroom:note_add", args=[pack.pk, open_doc.pk]), {"text": ""})
    assert empty.status_code == 400 and DocumentNote.objects.count() == 1


# --- the permission matrix of the reading room's views ----------------------------------------


def test_permission_matrix(pack, case, smtp):
    open_doc = case.documents.get(secret=False)
    for person in Person.objects.all():
        person.email = person.email or f"p{person.pk}@exempel.test"
        person.save()
    for role in ROLES:
        client = client_for(role)
        reader = role in SIGNED_IN_WITH_ROLE
        for url in (
            reverse("readingroom:index"),
            reverse("readingroom:meeting", args=[pack.pk]),
            reverse("readingroom:document", args=[pack.pk, open_doc.pk]),
            reverse("readingroom:document_file", args=[pack.pk, open_doc.pk]),
        ):
            response = client.get(url)
            expected = 200 if reader else (302 if role == "anonym" else 403)
            assert response.status_code == expected, (role, url)
        notes = DocumentNote.objects.count()
        client.post(reverse("readingroom:note_add", args=[pack.pk, open_doc.pk]), {"text": f"not av {role}"})
        assert DocumentNote.objects.count() == notes + (1 if reader else 0), role
        # Sending the kallelse: the secretary's (plan_meeting).
        sender = role in {"admin", "sekreterare"}
        KallelseDelivery.objects.all().delete()
        sent_before = len(smtp.messages)
        response = client.post(reverse("readingroom:kallelse", args=[pack.pk]))
        assert (response.status_code == 302 and response.url.endswith("/kallelse/")) if sender else response.status_code in (302, 403)
        assert KallelseDelivery.objects.exists() == sender, role
        assert (len(smtp.messages) > sent_before) == sender, role
        assert (client.get(reverse("readingroom:kallelse", args=[pack.pk])).status_code == 200) == sender, role
    assert get_user_model().objects.filter(username="utan_roll").exists()


def test_permission_matrix_of_the_questions_page(planned):
    from kansli.meetings.models import Paragraph, Question

    paragraph = Paragraph.objects.create(meeting=planned, year=planned.date.year, number=900, title="Övriga frågor")
    url = reverse("readingroom:questions", args=[paragraph.pk])
    data = {"kind": "question", "asked_by": "En ledamot", "question": "Matrisfråga", "answer": ""}
    for role in ROLES:
        allowed = role in {"admin", "sekreterare"}
        before = Question.objects.count()
        response = client_for(role).post(url, data)
        assert Question.objects.count() == before + (1 if allowed else 0), role
        assert response.status_code == (302 if allowed or role == "anonym" else 403), role
        assert (client_for(role).get(url).status_code == 200) == allowed, role
