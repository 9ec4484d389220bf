"""What the public sees: nothing before the review; afterwards the masked protokoll, never a
personnummer — whether it was typed into a § in Kansli or arrived through the importer."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from kansli import minutes as mm
from kansli.meetings.conversion import meeting_to_minutes, minutes_to_meeting
from kansli.meetings.locking import adjust_meeting
from kansli.meetings.models import AgendaItem, Dissent, Meeting, MeetingStatus, Motion, Recipient
from kansli.meetings.services import add_paragraph
from kansli.organisation.models import Body
from kansli.publishing import services
from kansli.publishing.models import Decision, PublicationReview, Redaction
from kansli.publishing.public import (
    is_public_meeting,
    public_minutes,
    public_paragraphs,
    public_text,
)
from kansli.screening import minutes_texts

pytestmark = pytest.mark.django_db

PNR = "811218-9876"
PNR_DIGITS = "8112189876"
PHONE = "070-123 45 67"
EMAIL = "anna.privat@gmail.com"


def luhn_digit(nine: str) -> str:
    total = 0
    for i, c in enumerate(nine):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


SAMORDNING = "19650472" + "123" + luhn_digit("650472123")  # day 12 + 60, twelve digits


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def leaks(text: str) -> list[str]:
    """Personal data from these tests found in ``text`` (digits compared without separators)."""
    found = []
    flat = digits(text)
    for secret in (PNR_DIGITS, SAMORDNING, digits(PHONE)):
        if secret in flat:
            found.append(secret)
    if EMAIL in text:
        found.append(EMAIL)
    return found


@pytest.fixture
def typed(demo) -> Meeting:
    """A meeting whose § texts were typed in Kansli, holding personal data; adjusted and locked."""
    body = Body.objects.get(abbreviation="VON")
    chair = Meeting.objects.filter(chair__isnull=False).first().chair
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 11, 26), start=dt.time(9, 0),
                                     status=MeetingStatus.HELD, chair=chair)
    paragraph = add_paragraph(
        meeting, title="Yttrande över medborgarförslag",
        summary=f"Förslagsställaren ({PNR}) kan nås på {PHONE} eller {EMAIL}.",
        decision="Nämnden antar yttrandet.", decision_clauses=["yttrandet antas"],
    )
    Motion.objects.create(paragraph=paragraph, by=["Karin Sjöholm"], text="Bifall till förslaget.")
    Dissent.objects.create(paragraph=paragraph, by=["Anders Bergqvist"], text="Vi vill avslå förslaget.")
    Recipient.objects.create(paragraph=paragraph, name="Maria Lindqvist")
    adjust_meeting(meeting, dt.date(2026, 11, 27))
    return meeting


@pytest.fixture
def imported(demo) -> Meeting:
    """A protokoll as the importer stores it, with a samordningsnummer and a phone in its texts."""
    record = mm.Minutes(
        municipality="Exempelkommun", body="Importnämnden",
        meeting=mm.Meeting(date=dt.date(2025, 5, 14), place="Rådhuset"),
        chair="Karin Sjöholm", adjusted=dt.date(2025, 5, 20),
        participants=[mm.Participant("Karin Sjöholm", "S", mm.Role.CHAIR),
                      mm.Participant("Anders Bergqvist", "M")],
        items=[
            mm.Item(number=7, year=2025, title="Skrivelse från enskild",
                    deliberation=f"Skrivelsen undertecknad {SAMORDNING}, tel. {PHONE}.",
                    decision="Skrivelsen läggs till handlingarna.",
                    motions=[mm.Motion(by=["Anders Bergqvist"], text="Bifall.")]),
            mm.Item(number=8, year=2025, title="Meddelanden", decision="Meddelandena noteras."),
        ],
        source=mm.Source(file="protokoll.pdf", pages=[1, 2]),
    )
    meeting = minutes_to_meeting(record)
    adjust_meeting(meeting, meeting.adjusted)  # as the importer locks an adjusted protokoll
    return meeting


def review(meeting: Meeting) -> None:
    services.confirm_all_pending(meeting)
    services.mark_reviewed(meeting)


def public_pages(client, meeting: Meeting) -> dict[str, str]:
    pages = {
        "meeting": client.get(reverse("meeting", args=[meeting.pk])).content.decode(),
        "html": client.get(reverse("minutes-html", args=[meeting.pk])).content.decode(),
        "pdf": pdf_text(client.get(reverse("minutes-pdf", args=[meeting.pk])).content),
    }
    for p in meeting.paragraphs.filter(secret=False):
        pages[f"utdrag {p.number}"] = client.get(reverse("extract-html", args=[meeting.pk, p.number])).content.decode()
        pages[f"utdrag {p.number} pdf"] = pdf_text(
            client.get(reverse("extract-pdf", args=[meeting.pk, p.number])).content
        )
    return pages


@pytest.mark.parametrize("fixture", ["typed", "imported"])
def test_an_unreviewed_protokoll_is_not_public(fixture, demo, request, client, data_dir):
    meeting = request.getfixturevalue(fixture)
    assert not is_public_meeting(meeting)
    number = meeting.paragraphs.first().number
    for url in [reverse("minutes-html", args=[meeting.pk]), reverse("minutes-pdf", args=[meeting.pk]),
                reverse("extract-html", args=[meeting.pk, number]), reverse("extract-pdf", args=[meeting.pk, number])]:
        response = client.get(url)
        assert response.status_code == 404
        page = response.content.decode()
        assert "Protokollet är inte publicerat ännu" in page and not leaks(page)
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "har ännu inte granskats för publicering" in page
    assert not leaks(page)
    assert not list(data_dir.glob("published/*.pdf"))


@pytest.mark.parametrize("fixture", ["typed", "imported"])
def test_a_reviewed_protokoll_is_public_masked_and_members_names_stay(fixture, demo, request, client, data_dir):
    meeting = request.getfixturevalue(fixture)
    review(meeting)
    assert is_public_meeting(meeting)
    pages = public_pages(client, meeting)
    for name, page in pages.items():
        assert not leaks(page), (name, leaks(page))
    assert "ÅÅMMDD-XXXX" in pages["html"] and "[telefonnummer]" in pages["html"]
    for name in ("html", "pdf", "meeting"):
        assert "Anders Bergqvist" in pages[name], name
    assert "Karin Sjöholm" in pages["html"]
    if fixture == "typed":
        assert "[e-post]" in pages["html"]
        assert "Maria Lindqvist" not in pages["html"] and "[namn]" in pages["html"]
    # the record itself is untouched: the original stays internal
    texts = " ".join(t.text for t in minutes_texts(meeting_to_minutes(meeting)))
    assert leaks(texts)


def test_identity_numbers_are_masked_even_if_nobody_reviewed(typed):
    minutes = public_minutes(typed)
    text = " ".join(t.text for t in minutes_texts(minutes))
    assert PNR_DIGITS not in digits(text)
    assert PHONE in text  # unreviewed: only identity numbers are masked automatically
    paragraph = typed.paragraphs.get()
    assert PNR not in public_text(paragraph.summary, obj=paragraph, field="summary")
    assert public_text(f"Kontakt {SAMORDNING}") == "Kontakt ÅÅMMDD-XXXX"
    assert public_text(None) is None and public_text("") == ""


def test_confirmed_masks_apply_to_public_text_of_the_meetings_objects(typed):
    review(typed)
    paragraph = typed.paragraphs.get()
    masked = public_text(paragraph.summary, obj=paragraph, field="summary")
    assert PHONE not in masked and EMAIL not in masked and "[telefonnummer]" in masked
    motion = paragraph.motions.get()
    assert public_text(f"Ring {PHONE}", obj=motion, field="text") == "Ring [telefonnummer]"
    # a text from elsewhere does not get this meeting's masks, only the identity-number rule
    assert public_text(f"Ring {PHONE}") == f"Ring {PHONE}"


def test_an_edited_mask_is_what_the_public_reads_and_a_rejected_finding_is_published(typed, client):
    services.screen_meeting(typed)
    phone = Redaction.objects.get(review__meeting=typed, kind="telefonnummer")
    services.decide(phone, Decision.CONFIRMED, mask="[telefonnummer borttaget]")
    email = Redaction.objects.get(review__meeting=typed, kind="e-post")
    services.decide(email, Decision.REJECTED)
    services.confirm_all_pending(typed)
    services.mark_reviewed(typed)
    page = client.get(reverse("minutes-html", args=[typed.pk])).content.decode()
    assert "[telefonnummer borttaget]" in page and PHONE not in page
    assert EMAIL in page  # the secretary judged it publishable
    assert PNR not in page


def test_a_changed_decision_takes_the_protokoll_offline_until_reviewed_again(typed, client, data_dir):
    review(typed)
    first = client.get(reverse("minutes-pdf", args=[typed.pk]))
    assert first.status_code == 200
    email = Redaction.objects.get(review__meeting=typed, kind="e-post")
    services.decide(email, Decision.REJECTED)
    assert not is_public_meeting(typed)
    assert client.get(reverse("minutes-pdf", args=[typed.pk])).status_code == 404
    services.mark_reviewed(typed)
    again = client.get(reverse("minutes-pdf", args=[typed.pk]))
    assert EMAIL in pdf_text(again.content) and EMAIL not in pdf_text(first.content)


def test_an_unlocked_meeting_edited_after_review_is_not_public(demo):
    body = Body.objects.get(abbreviation="VON")
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 3), status=MeetingStatus.ADJUSTED,
                                     adjusted=dt.date(2026, 12, 4))
    paragraph = add_paragraph(meeting, title="Information", decision="Informationen noteras.")
    services.mark_reviewed(meeting)
    assert is_public_meeting(meeting)
    paragraph.summary = f"Kontakta handläggaren på {PHONE}."
    paragraph.save()
    assert not is_public_meeting(meeting)
    services.screen_meeting(meeting)
    assert not PublicationReview.objects.get(meeting=meeting).reviewed
    assert Redaction.objects.filter(review__meeting=meeting, kind="telefonnummer", decision="pending").exists()


def test_masked_rows_for_templates_cannot_be_saved(typed):
    review(typed)
    paragraphs = list(typed.paragraphs.prefetch_related(
        "motions", "votes__ballots", "dissents", "statements", "recusals", "recipients"))
    [paragraph] = public_paragraphs(typed, paragraphs)
    assert PHONE not in paragraph.summary and PNR not in paragraph.summary
    assert paragraph.recipients.all()[0].name == "[namn]"
    with pytest.raises(RuntimeError):
        paragraph.save()


def test_the_demo_protokoll_is_reviewed_and_public(demo, client):
    held = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    assert is_public_meeting(held)
    assert held.publication_review.reviewed
    page = client.get(reverse("minutes-html", args=[held.pk])).content.decode()
    assert "Anders Bergqvist" in page and "(M)" in page


def test_the_public_agenda_of_a_coming_meeting_masks_identity_numbers(demo, client):
    body = Body.objects.get(abbreviation="VON")
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 10), status=MeetingStatus.NOTICE_SENT)
    AgendaItem.objects.create(meeting=meeting, order=1, title=f"Skrivelse från {PNR}")
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "Skrivelse från ÅÅMMDD-XXXX" in page and PNR not in page


def test_text_masker_for_bulk_use_matches_public_text(typed):
    from kansli.publishing.public import text_masker

    review(typed)
    paragraph = typed.paragraphs.get()
    assert text_masker(typed)(paragraph.summary) == public_text(paragraph.summary, obj=paragraph)
    assert text_masker()(f"{PNR} {PHONE}") == f"ÅÅMMDD-XXXX {PHONE}"


def test_a_locked_public_protokoll_is_served_from_one_query(typed, client, django_assert_num_queries):
    """The page the load benchmark drives: once rendered, a view is one query (meeting, body and
    review together) — and a review withdrawn afterwards still takes it offline at once."""
    review(typed)
    url = reverse("minutes-html", args=[typed.pk])
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):
        assert client.get(url).content == first.content
    typed.notice_posted = dt.date(2026, 11, 30)
    typed.save(update_fields=["notice_posted"])
    assert "2026-11-30" in client.get(url).content.decode()
    PublicationReview.objects.filter(meeting=typed).update(reviewed=False)
    assert client.get(url).status_code == 404
