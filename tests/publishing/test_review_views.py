"""The secretary's review pages: findings listed, confirmed, edited, rejected; meeting marked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from kansli.meetings.locking import adjust_meeting
from kansli.meetings.models import Meeting, MeetingStatus
from kansli.meetings.services import add_paragraph
from kansli.organisation.models import Body
from kansli.publishing.models import Decision, PublicationReview, Redaction
from kansli.publishing.public import is_public_meeting

pytestmark = pytest.mark.django_db

PNR = "811218-9876"


@pytest.fixture
def secretary(demo) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username="sekreterare"))
    return client


@pytest.fixture
def meeting(demo) -> Meeting:
    body = Body.objects.get(abbreviation="VON")
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 11, 26), status=MeetingStatus.HELD)
    add_paragraph(
        meeting, title="Skrivelse",
        summary=f"Skrivelse från en boende, pnr {PNR}, tel 08-123 456 78. Sökande beviljas försörjningsstöd enligt SoL.",
        decision="Skrivelsen besvaras.",
    )
    adjust_meeting(meeting, dt.date(2026, 11, 27))
    return meeting


def url(name: str, *args) -> str:
    return reverse(f"publishing:{name}", args=args)


def test_the_review_page_lists_every_finding_with_where_and_what(secretary, meeting):
    page = secretary.get(url("review", meeting.pk)).content.decode()
    assert "Ej granskad" in page
    kinds = dict(Redaction.objects.filter(review__meeting=meeting).values_list("kind", "original"))
    assert kinds == {
        "personnummer": PNR,
        "telefonnummer": "08-123 456 78",
        "enskilt ärende": "Sökande beviljas försörjningsstöd enligt SoL.",
    }
    for original in kinds.values():
        assert original in page  # the original is shown to the secretary, internally
    assert f"§ {meeting.paragraphs.get().number}/2026 sammanfattning" in page
    assert '<label for="mask-' in page
    # opening the page twice does not duplicate findings
    secretary.get(url("review", meeting.pk))
    assert Redaction.objects.filter(review__meeting=meeting).count() == 3
    assert meeting.pk and "Granskning inför publicering" in secretary.get(url("reviews")).content.decode()


def test_marking_reviewed_is_refused_while_findings_are_undecided(secretary, meeting):
    response = secretary.post(url("mark_reviewed", meeting.pk), follow=True)
    assert "3 fynd är inte avgjorda" in response.content.decode()
    assert not is_public_meeting(meeting)


def test_the_secretary_confirms_edits_rejects_and_publishes(secretary, meeting, client):
    secretary.get(url("review", meeting.pk))
    phone = Redaction.objects.get(review__meeting=meeting, kind="telefonnummer")
    individual = Redaction.objects.get(review__meeting=meeting, kind="enskilt ärende")
    pnr = Redaction.objects.get(review__meeting=meeting, kind="personnummer")
    secretary.post(url("decide", meeting.pk, phone.pk), {"decision": "confirmed", "mask": "[tel. borttaget]"})
    secretary.post(url("decide", meeting.pk, individual.pk), {"decision": "rejected", "mask": individual.mask})
    response = secretary.post(url("decide", meeting.pk, pnr.pk), {"decision": "rejected"}, follow=True)
    assert "maskeras alltid" in response.content.decode()
    assert Redaction.objects.get(pk=pnr.pk).decision == Decision.PENDING
    secretary.post(url("decide", meeting.pk, pnr.pk), {"decision": "confirmed", "mask": "[personnummer]"})
    phone.refresh_from_db()
    assert (phone.decision, phone.mask, phone.decided_by.username) == ("confirmed", "[tel. borttaget]", "sekreterare")
    response = secretary.post(url("mark_reviewed", meeting.pk), follow=True)
    assert "granskat för publicering" in response.content.decode()
    review = PublicationReview.objects.get(meeting=meeting)
    assert review.reviewed and review.reviewed_by.username == "sekreterare"
    page = client.get(reverse("minutes-html", args=[meeting.pk])).content.decode()
    assert "[tel. borttaget]" in page and "[personnummer]" in page and PNR not in page
    assert "Sökande beviljas försörjningsstöd enligt SoL." in page  # judged not individual: published
    # reopening takes it offline again
    secretary.post(url("reopen", meeting.pk))
    assert client.get(reverse("minutes-html", args=[meeting.pk])).status_code == 404


@pytest.mark.parametrize("mask, message", [
    ("   ", "Ersättningstexten är tom"),
    ("x" * 201, "högst 200 tecken"),
    (f"dold {PNR}", "innehåller uppgiften"),
    ("se 121212-1212", "får inte innehålla ett personnummer"),
])
def test_bad_masks_are_refused_in_swedish_and_nothing_changes(secretary, meeting, mask, message):
    secretary.get(url("review", meeting.pk))
    pnr = Redaction.objects.get(review__meeting=meeting, kind="personnummer")
    response = secretary.post(url("decide", meeting.pk, pnr.pk), {"decision": "confirmed", "mask": mask}, follow=True)
    assert message in response.content.decode()
    pnr.refresh_from_db()
    assert (pnr.decision, pnr.mask) == ("pending", "ÅÅMMDD-XXXX")


def test_unknown_finding_or_decision_is_handled(secretary, meeting, demo):
    secretary.get(url("review", meeting.pk))
    other = Meeting.objects.exclude(pk=meeting.pk).filter(status="adjusted").first()
    pnr = Redaction.objects.get(review__meeting=meeting, kind="personnummer")
    assert secretary.post(url("decide", other.pk, pnr.pk), {"decision": "confirmed"}).status_code == 404
    response = secretary.post(url("decide", meeting.pk, pnr.pk), {"decision": "kanske"}, follow=True)
    assert "Välj om uppgiften ska maskeras" in response.content.decode()
    assert secretary.get(url("decide", meeting.pk, pnr.pk)).status_code == 405


def test_confirm_all_masks_every_pending_finding(secretary, meeting):
    secretary.get(url("review", meeting.pk))
    secretary.post(url("confirm_all", meeting.pk))
    assert set(Redaction.objects.filter(review__meeting=meeting).values_list("decision", flat=True)) == {"confirmed"}
    secretary.post(url("mark_reviewed", meeting.pk))
    assert is_public_meeting(meeting)


def test_the_municipalitys_own_email_domains_are_configurable(secretary, demo, settings, monkeypatch):
    from kansli.publishing.services import email_domains, screen_meeting

    body = Body.objects.get(abbreviation="VON")
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 2), status=MeetingStatus.HELD)
    add_paragraph(meeting, title="Synpunkter", decision="Noteras.",
                  summary="Från anna@privat.se, svar från handlaggare@exempel.se och info@annan.se.")
    settings.KANSLI_PUBLIC_EMAIL_DOMAINS = []
    monkeypatch.delenv("KANSLI_PUBLIC_EMAIL_DOMAINS", raising=False)
    found = set(screen_meeting(meeting).redactions.values_list("original", flat=True))
    assert found >= {"anna@privat.se", "handlaggare@exempel.se"} and "info@annan.se" not in found
    Redaction.objects.filter(review__meeting=meeting).delete()
    monkeypatch.setenv("KANSLI_PUBLIC_EMAIL_DOMAINS", "exempel.se")
    assert "exempel.se" in email_domains(body.municipality)
    found = set(screen_meeting(meeting).redactions.values_list("original", flat=True))
    assert "anna@privat.se" in found and "handlaggare@exempel.se" not in found
