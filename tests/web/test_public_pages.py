"""The public pages a citizen sees on the demo data, without signing in."""

import pytest
from django.urls import reverse

from kansli.meetings.models import Meeting, MeetingStatus, Paragraph
from kansli.organisation.models import Body, Membership

pytestmark = pytest.mark.django_db


def committee() -> Body:
    return Body.objects.get(abbreviation="VON")


def test_home_lists_every_body_of_the_municipality_with_the_utskott_under_its_nämnd(client, demo):
    page = client.get(reverse("home")).content.decode()
    assert "<h1>Exempelkommun</h1>" in page
    for body in Body.objects.all():
        assert body.name in page
    utskott = Body.objects.get(parent=committee())
    # The utskott is listed inside its parent's entry, after it.
    assert page.index(committee().name) < page.index(utskott.name)


def test_body_page_shows_members_with_offices_and_substitutes_in_call_in_order(client, demo):
    body = committee()
    page = client.get(reverse("body", args=[body.pk])).content.decode()
    chair = Membership.objects.get(body=body, office="chair").person
    assert chair.name in page and "Ordförande" in page
    substitutes = Membership.objects.filter(body=body, role="substitute").order_by("substitute_order")
    positions = [page.index(m.person.name) for m in substitutes]
    assert len(positions) == 11 and positions == sorted(positions)
    for meeting in body.meetings.filter(date__year=2026):
        assert reverse("meeting", args=[meeting.pk]) in page


def test_adjusted_meeting_shows_the_protokoll_with_named_vote_and_dissent(client, demo):
    vote_paragraph = Paragraph.objects.filter(votes__ballots__isnull=False).distinct().first()
    meeting = vote_paragraph.meeting
    assert meeting.status == MeetingStatus.ADJUSTED
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert f"§ {vote_paragraph.number} {vote_paragraph.title}" in page
    vote = vote_paragraph.votes.get()
    assert f"Omröstning: {vote.yes} ja, {vote.no} nej" in page
    for ballot in vote.ballots.all():
        assert f"<td>{ballot.name}</td>" in page
    dissent = Paragraph.objects.filter(meeting=meeting, dissents__isnull=False).first().dissents.first()
    assert f"{', '.join(dissent.by)} reserverar sig mot beslutet." in page


def test_secret_paragraph_is_listed_but_its_content_is_not_published(client, demo):
    paragraph = Paragraph.objects.get(secret=True, meeting__status=MeetingStatus.ADJUSTED)
    page = client.get(reverse("meeting", args=[paragraph.meeting.pk])).content.decode()
    assert f"§ {paragraph.number} Sekretessärende" in page
    assert paragraph.title not in page
    if paragraph.decision:
        assert paragraph.decision not in page


def test_upcoming_meeting_shows_its_agenda_and_no_protokoll(client, demo):
    meeting = Meeting.objects.filter(agenda_items__isnull=False).exclude(status=MeetingStatus.ADJUSTED).first()
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "Föredragningslista" in page
    for item in meeting.agenda_items.all():
        assert item.title in page
    assert "Beslutande och övriga närvarande" not in page


def test_unknown_body_is_a_404_not_an_error_page(client, demo):
    assert client.get(reverse("body", args=[999999])).status_code == 404
    assert client.get("/organ/abc/").status_code == 404


def test_demo_secretary_can_sign_in_and_is_greeted(client, demo):
    response = client.post(reverse("login"), {"username": "sekreterare", "password": "demo-sekreterare"})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "Logga ut" in page


def test_wrong_password_gets_a_swedish_message(client, demo):
    page = client.post(reverse("login"), {"username": "sekreterare", "password": "fel"}).content.decode()
    assert "Användarnamnet eller lösenordet stämmer inte" in page


def test_an_imported_meeting_says_which_pages_were_read_by_ocr(client, demo):
    import datetime as dt

    meeting = Meeting.objects.create(
        body=committee(), date=dt.date(2019, 5, 2), has_source=True, source_ocr_pages=[2, 5],
    )
    page = client.get(reverse("meeting", args=[meeting.pk])).content.decode()
    assert "Inläst från ett publicerat protokoll" in page and "sidorna 2, 5" in page and "OCR" in page
