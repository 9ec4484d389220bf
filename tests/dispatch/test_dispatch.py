"""Expediering through a real SMTP server (aiosmtpd on 127.0.0.1)."""

import datetime as dt

import pypdfium2
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kansli.demo import load_demo
from kansli.dispatch import services
from kansli.dispatch.models import AddressBookEntry, Channel, DispatchRecord
from kansli.meetings.models import Meeting, MeetingStatus, Recipient

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db, media_root, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=dt.date(2026, 11, 23))
    return Meeting.objects.filter(status=MeetingStatus.ADJUSTED, paragraphs__recipients__isnull=False).distinct().first()


def _text(pdf: bytes) -> str:
    return "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))


def test_each_recipient_gets_one_email_with_the_extract_of_each_of_its_paragraphs(meeting, smtp):
    names = sorted(set(Recipient.objects.filter(paragraph__meeting=meeting, paragraph__secret=False).values_list("name", flat=True)))
    assert names
    for i, name in enumerate(names):
        AddressBookEntry.objects.create(municipality=meeting.body.municipality, name=name, email=f"mottagare{i}@exempel.test")
    result = services.dispatch_meeting(meeting, sent_by="sekreterare")
    assert not result.failed
    assert len(smtp.messages) == len(names)
    for i, name in enumerate(names):
        message = next(m for m in smtp.messages if m["To"] == f"mottagare{i}@exempel.test")
        numbers = sorted(
            Recipient.objects.filter(paragraph__meeting=meeting, name=name, paragraph__secret=False)
            .values_list("paragraph__number", flat=True)
        )
        pdfs = [part.get_payload(decode=True) for part in message.walk() if part.get_content_type() == "application/pdf"]
        assert len(pdfs) == len(numbers)
        for number, pdf in zip(numbers, pdfs, strict=True):
            assert f"§ {number}" in _text(pdf)
        assert "Protokollsutdrag" in message["Subject"]
    records = DispatchRecord.objects.filter(paragraph__meeting=meeting, channel=Channel.EMAIL)
    assert records.count() == sum(len(
        Recipient.objects.filter(paragraph__meeting=meeting, name=n, paragraph__secret=False)) for n in names)
    assert all(r.sent_at for r in records)
    # Dispatching again sends nothing twice.
    again = services.dispatch_meeting(meeting)
    assert again.emailed == [] and len(smtp.messages) == len(names)


def test_external_recipients_go_to_the_post_list_and_unknown_ones_to_manual_handling(meeting, smtp):
    names = sorted(set(Recipient.objects.filter(paragraph__meeting=meeting, paragraph__secret=False).values_list("name", flat=True)))
    external, unknown = names[0], names[1:]
    AddressBookEntry.objects.create(
        municipality=meeting.body.municipality, name=external, postal_address="Box 1\n123 45 Exempelstad", external=True,
    )
    result = services.dispatch_meeting(meeting)
    assert {r.recipient for r in result.post} == {external}
    assert {r.recipient for r in result.manual} >= set(unknown)
    assert smtp.messages == []
    assert all("Adress saknas" in r.note for r in result.manual if r.recipient in unknown)


def test_nothing_is_dispatched_before_justering(db, media_root, smtp):
    load_demo(today=dt.date(2026, 11, 23))
    planned = Meeting.objects.filter(status=MeetingStatus.PLANNED).first()
    with pytest.raises(ValidationError, match="inte justerat"):
        services.dispatch_meeting(planned)


def test_the_dispatch_page_is_for_the_secretary(meeting, smtp, client):
    from django.contrib.auth import get_user_model

    url = reverse("dispatch:meeting", args=[meeting.pk])
    client.force_login(get_user_model().objects.get(username="ledamot"))
    assert client.post(url).status_code == 403
    assert not DispatchRecord.objects.exists()
    client.force_login(get_user_model().objects.get(username="sekreterare"))
    assert "Att expediera" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert DispatchRecord.objects.filter(paragraph__meeting=meeting).exists()
