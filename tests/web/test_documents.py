"""Published documents rendered from the record: protokoll, extracts and the iCal feed."""

import io

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from icalendar import Calendar

from kansli.meetings.models import Meeting, MeetingStatus, Paragraph
from kansli.organisation.models import Body

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


@pytest.fixture
def held(demo) -> Meeting:
    return Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_protokoll_pdf_prints_every_public_paragraph_and_masks_the_secret_one(client, held, data_dir):
    response = client.get(reverse("minutes-pdf", args=[held.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Sida 1 av" in text
    secret = held.paragraphs.get(secret=True)
    for paragraph in held.paragraphs.filter(secret=False):
        assert f"§ {paragraph.number}" in text and paragraph.title[:30] in text
    assert secret.title not in text
    assert secret.decision[:40] not in text
    assert secret.case.case_number not in text  # a secret case never appears, not even its Dnr
    # a locked protokoll is rendered once and served from the data directory afterwards
    assert list((data_dir / "published").glob(f"{held.pk}-protokoll-*.pdf"))
    assert client.get(reverse("minutes-pdf", args=[held.pk])).content == response.content


def test_protokoll_html_is_the_accessible_document_without_the_secret_content(client, held):
    page = client.get(reverse("minutes-html", args=[held.pk])).content.decode()
    assert '<html lang="sv"' in page
    secret = held.paragraphs.get(secret=True)
    assert secret.title not in page
    assert secret.case.case_number not in page
    vote = Paragraph.objects.get(meeting=held, votes__isnull=False)
    assert vote.title in page


def test_extract_holds_its_own_paragraph_only(client, held, data_dir):
    first, second = held.paragraphs.filter(secret=False).order_by("number")[3:5]
    response = client.get(reverse("extract-pdf", args=[held.pk, first.number]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert first.title[:30] in text
    assert second.title[:30] not in text


def test_no_extract_of_a_secret_or_missing_paragraph(client, held):
    secret = held.paragraphs.get(secret=True)
    assert client.get(reverse("extract-pdf", args=[held.pk, secret.number])).status_code == 404
    assert client.get(reverse("extract-html", args=[held.pk, secret.number])).status_code == 404
    assert client.get(reverse("extract-pdf", args=[held.pk, 999])).status_code == 404


def test_a_protokoll_that_is_not_adjusted_is_not_published(client, demo):
    upcoming = Meeting.objects.exclude(status=MeetingStatus.ADJUSTED).first()
    assert client.get(reverse("minutes-pdf", args=[upcoming.pk])).status_code == 404
    assert client.get(reverse("minutes-html", args=[upcoming.pk])).status_code == 404


def test_ical_feed_lists_every_meeting_of_the_body_with_time_place_and_link(client, demo):
    body = Body.objects.get(abbreviation="VON")
    response = client.get(reverse("body-calendar", args=[body.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    meetings = list(body.meetings.order_by("date"))
    assert len(events) == len(meetings) > 0
    by_uid = {str(e["uid"]): e for e in events}
    for meeting in meetings:
        event = by_uid[f"meeting-{meeting.pk}@kansli"]
        start = event.decoded("dtstart")
        assert start.date() == meeting.date if hasattr(start, "date") else start == meeting.date
        assert str(event["url"]).endswith(reverse("meeting", args=[meeting.pk]))
        if meeting.place:
            assert str(event["location"]) == meeting.place
