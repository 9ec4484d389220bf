"""Feeds per body, the public case pages and the accessibility statement, on the demo data."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kansli.cases.models import Case, Document, DocumentKind
from kansli.meetings.models import Meeting, MeetingStatus, Paragraph
from kansli.noticeboard.models import Notice
from kansli.organisation.models import Body

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
def text_pdf(text: str) -> bytes:
    from kansli.writing.pdf import render_pdf

    return render_pdf(f"<html lang='sv'><body><p>{text}</p></body></html>")


PDF = text_pdf("Bilaga om hjälpmedel i hemtjänsten.")


def committee() -> Body:
    return Body.objects.get(abbreviation="VON")


def test_notice_feeds_list_the_posted_notices_of_the_body_in_rss_and_atom(client, demo):
    body = committee()
    notices = list(Notice.objects.filter(body=body).published(dt.date.today()).order_by("-posted", "-pk"))
    assert len(notices) > 1
    notice = notices[0]
    rss = ET.fromstring(client.get(reverse("body-notices-rss", args=[body.pk])).content)
    items = rss.findall("./channel/item")
    assert [i.findtext("title") for i in items] == [n.title for n in notices]
    assert items[0].findtext("link").endswith(reverse("noticeboard:notice", args=[notice.pk]))
    assert f"Sista dag för överklagande {notice.appeal_last_day:%Y-%m-%d}" in items[0].findtext("description")
    atom = ET.fromstring(client.get(reverse("body-notices-atom", args=[body.pk])).content)
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == [n.title for n in notices]


def test_a_notice_posted_in_the_future_is_not_in_the_feed_yet(client, demo):
    body = committee()
    Notice.objects.create(
        municipality=body.municipality, body=body, title="Kommande anslag",
        posted=dt.date.today() + dt.timedelta(days=3), remove_from=dt.date.today() + dt.timedelta(days=30),
    )
    rss = client.get(reverse("body-notices-rss", args=[body.pk])).content.decode()
    assert "Kommande anslag" not in rss


def test_minutes_feed_lists_adjusted_meetings_only(client, demo):
    body = committee()
    adjusted = Meeting.objects.filter(body=body, status=MeetingStatus.ADJUSTED)
    assert adjusted.exists()
    rss = ET.fromstring(client.get(reverse("body-minutes-rss", args=[body.pk])).content)
    links = [i.findtext("link") for i in rss.findall("./channel/item")]
    assert sorted(link.rsplit("/", 2)[-2] for link in links) == sorted(str(m.pk) for m in adjusted)
    unknown = client.get(reverse("body-minutes-atom", args=[999999]))
    assert unknown.status_code == 404


def _case_with_documents() -> Case:
    case = Case.objects.filter(secret=False, series__body=committee()).first()
    for title, secret in [("Offentlig bilaga", False), ("Sekretessbelagd utredning", True)]:
        doc = Document(case=case, kind=DocumentKind.ATTACHMENT, title=title, secret=secret)
        doc.file.save("bilaga.pdf", ContentFile(PDF), save=False)
        doc.save()
    return case


def test_public_case_page_shows_public_documents_and_withholds_secret_ones(client, demo):
    case = _case_with_documents()
    page = client.get(reverse("case", args=[case.pk])).content.decode()
    assert case.case_number in page
    assert "Offentlig bilaga" in page
    assert "Sekretessbelagd utredning" not in page
    assert "omfattas av sekretess" in page
    public = case.documents.get(title="Offentlig bilaga")
    secret = case.documents.get(title="Sekretessbelagd utredning")
    response = client.get(reverse("case-document", args=[case.pk, public.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.get(reverse("case-document", args=[case.pk, secret.pk])).status_code == 404


def test_secret_case_is_neither_listed_nor_shown(client, demo):
    case = Case.objects.filter(series__body=committee()).first()
    case.secret = True
    case.save()
    assert client.get(reverse("case", args=[case.pk])).status_code == 404
    listing = client.get(reverse("cases"), {"organ": committee().pk}).content.decode()
    assert case.case_number not in listing
    other = Case.objects.filter(secret=False, series__body=committee()).first()
    assert other.case_number in listing


def test_case_list_filters_and_survives_hostile_input(client, demo):
    case = Case.objects.filter(secret=False).first()
    page = client.get(reverse("cases"), {"q": case.case_number}).content.decode()
    assert case.case_number in page
    for hostile in ["'; DROP TABLE cases_case; --", "<script>alert(1)</script>", "x" * 5000]:
        response = client.get(reverse("cases"), {"q": hostile, "organ": "abc", "sida": "-1"})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()
    assert Case.objects.filter(pk=case.pk).exists()


def test_decided_case_links_to_its_paragraph_extract(client, demo):
    paragraph = (
        Paragraph.objects.filter(meeting__status=MeetingStatus.ADJUSTED, secret=False)
        .exclude(case_number="").select_related("meeting").first()
    )
    meeting = paragraph.meeting
    case = Case.objects.get(case_number=paragraph.case_number)
    assert not case.secret
    page = client.get(reverse("case", args=[case.pk])).content.decode()
    assert reverse("extract-html", args=[meeting.pk, paragraph.number]) in page


def test_accessibility_statement_names_the_law_the_supervisor_and_is_linked_from_every_page(client, demo):
    page = client.get(reverse("accessibility")).content.decode()
    assert "2018:1937" in page and "Digg" in page and "WCAG 2.1" in page
    assert "Exempelkommun" in page
    home = client.get(reverse("home")).content.decode()
    assert reverse("accessibility") in home


def test_a_document_with_a_personnummer_is_never_public(client, demo):
    case = Case.objects.filter(secret=False, series__body=committee()).first()
    leaked = Document(case=case, kind=DocumentKind.MEMO, title="Utredning om en enskild")
    leaked.file.save("utredning.pdf", ContentFile(text_pdf("Brukaren 19121212-1212 ansöker om plats.")), save=False)
    leaked.save()
    scanned = Document(case=case, kind=DocumentKind.ATTACHMENT, title="Inskannat brev")
    scanned.file.save("brev.pdf", ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), save=False)
    scanned.save()
    assert leaked.contains_identity_number is True and scanned.contains_identity_number is None
    page = client.get(reverse("case", args=[case.pk])).content.decode()
    assert "Utredning om en enskild" not in page and "Inskannat brev" not in page
    for doc in (leaked, scanned):
        assert client.get(reverse("case-document", args=[case.pk, doc.pk])).status_code == 404
    from django.core.management import call_command

    call_command("reindex", verbosity=0)
    results = client.get(reverse("search:search"), {"q": "brukaren ansöker"}).content.decode()
    assert "1212" not in results and "Utredning om en enskild" not in results
    municipality = committee().municipality
    files = client.get(reverse("oparl:body-file", args=[municipality.pk])).content.decode()
    assert "Utredning om en enskild" not in files and "Inskannat brev" not in files
    for doc in (leaked, scanned):
        assert client.get(reverse("oparl:document", args=[doc.pk])).status_code in (404, 200)
        assert "19121212" not in client.get(reverse("oparl:document", args=[doc.pk])).content.decode()
