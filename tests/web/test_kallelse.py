"""The public kallelse PDF, and public case documents served to be read or to be downloaded."""

import datetime as dt
import io
import zipfile

import pypdfium2 as pdfium
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kansli.cases.models import Case, Document, DocumentKind
from kansli.meetings.models import AgendaItem, Meeting, MeetingStatus
from kansli.workspace.planning.services import mark_sent

pytestmark = pytest.mark.django_db

PNR = "19121212-1212"  # checksum-valid test number
PNR_FORMS = (PNR, "121212-1212", "1212121212", "191212121212")


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def flat(text: str) -> str:
    """PDF text with line breaks and hyphenation undone, for looking up phrases."""
    return " ".join(text.replace("\r", " ").replace("\n", " ").split())


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def upcoming(demo) -> Meeting:
    """The demo's coming meeting: an agenda, no kallelse sent yet."""
    return Meeting.objects.filter(
        status=MeetingStatus.PLANNED, agenda_items__isnull=False, invitation_sent=None
    ).distinct().get()


def send(meeting: Meeting) -> Meeting:
    mark_sent(meeting, meeting.date - dt.timedelta(days=10))
    return Meeting.objects.get(pk=meeting.pk)


def test_no_kallelse_before_it_is_sent_then_the_pdf_holds_every_item(client, upcoming, data_dir):
    url = reverse("kallelse-pdf", args=[upcoming.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("kallelse-pdf-download", args=[upcoming.pk])).status_code == 404
    page = client.get(reverse("meeting", args=[upcoming.pk])).content.decode()
    assert "Kallelse med föredragningslista (PDF)" not in page

    upcoming = send(upcoming)
    page = client.get(reverse("meeting", args=[upcoming.pk])).content.decode()
    assert f'<a href="{url}">Kallelse med föredragningslista (PDF)</a>' in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    code = upcoming.body.abbreviation
    assert response["Content-Disposition"] == f'inline; filename="kallelse-{code}-{upcoming.date:%Y-%m-%d}.pdf"'
    text = flat(pdf_text(response.content))
    assert "Kallelse" in text and upcoming.body.name in text
    assert f"Kallelsen skickad {upcoming.invitation_sent:%Y-%m-%d}" in text
    for item in upcoming.agenda_items.order_by("order"):
        assert f"{item.order}. {item.title}" in text
        if item.case_id:
            assert f"Dnr {item.case.case_number}" in text
    download = client.get(reverse("kallelse-pdf-download", args=[upcoming.pk]))
    assert download["Content-Disposition"].startswith("attachment; filename=")
    assert pdf_text(download.content) == pdf_text(response.content)


def test_a_meeting_whose_agenda_kansli_never_had_has_no_kallelse(client, demo):
    past = Meeting.objects.filter(invitation_sent__isnull=False, agenda_items__isnull=True).first()
    assert past is not None  # the demo's earlier meetings: protokoll only
    assert client.get(reverse("kallelse-pdf", args=[past.pk])).status_code == 404
    assert "Kallelse med föredragningslista" not in client.get(reverse("meeting", args=[past.pk])).content.decode()


def test_a_personnummer_in_an_item_never_reaches_the_public_kallelse(client, upcoming, data_dir):
    item = upcoming.agenda_items.filter(case__isnull=False).order_by("order").first()
    item.title = f"Ansökan från {PNR}"
    item.proposed_decision = f"Nämnden bifaller ansökan från {PNR} i sin helhet."
    item.save()
    upcoming = send(upcoming)
    text = pdf_text(client.get(reverse("kallelse-pdf", args=[upcoming.pk])).content)
    assert "Nämnden bifaller ansökan från ÅÅMMDD-XXXX i sin helhet." in flat(text)
    assert "Ansökan från ÅÅMMDD-XXXX" in flat(text)
    digits = text.replace(" ", "").replace("\n", "")
    assert not any(form in digits for form in PNR_FORMS)
    page = client.get(reverse("meeting", args=[upcoming.pk])).content.decode()
    assert not any(form in page for form in PNR_FORMS)


def test_an_item_of_a_secret_case_keeps_its_number_and_nothing_else(client, upcoming, data_dir):
    secret = Case.objects.filter(secret=True).first()
    last = upcoming.agenda_items.order_by("-order").first().order
    proposal = "Nämnden beslutar att vidta de åtgärder som framgår av utredningen om den enskilde."
    AgendaItem.objects.create(
        meeting=upcoming, order=last + 1, title=secret.title, case=secret, proposed_decision=proposal
    )
    upcoming = send(upcoming)
    text = flat(pdf_text(client.get(reverse("kallelse-pdf", args=[upcoming.pk])).content))
    assert f"{last + 1}. Sekretessärende" in text
    for leak in (secret.title, secret.case_number, proposal[:40]):
        assert leak not in text
    page = client.get(reverse("meeting", args=[upcoming.pk])).content.decode()
    assert "Sekretessärende" in page
    assert secret.title not in page and secret.case_number not in page and proposal[:40] not in page

    # A case made secret after the kallelse was sent leaves the public kallelse at once.
    public_item = upcoming.agenda_items.filter(case__secret=False).order_by("order").first()
    case = public_item.case
    case.secret = True
    case.save()
    text = flat(pdf_text(client.get(reverse("kallelse-pdf", args=[upcoming.pk])).content))
    assert f"{public_item.order}. Sekretessärende" in text
    assert public_item.title not in text and case.case_number not in text


def test_the_kallelse_pdf_is_kept_until_what_it_prints_changes(client, upcoming, data_dir):
    upcoming = send(upcoming)
    url = reverse("kallelse-pdf", args=[upcoming.pk])
    first = client.get(url)
    kept = list((data_dir / "published").glob(f"{upcoming.pk}-kallelse-*.pdf"))
    assert len(kept) == 1
    assert client.get(url).content == first.content  # read back, not rendered again
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    item = upcoming.agenda_items.order_by("order").first()
    item.title = "Mötets öppnande, upprop och val av protokollförare"
    item.save()
    second = client.get(url)
    assert second["ETag"] != first["ETag"]
    assert "upprop och val av protokollförare" in flat(pdf_text(second.content))
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    assert [p.name for p in (data_dir / "published").glob(f"{upcoming.pk}-kallelse-*.pdf")] != [kept[0].name]
    assert len(list((data_dir / "published").glob(f"{upcoming.pk}-kallelse-*.pdf"))) == 1


# --- case documents: to read (OParl accessUrl) and to download (downloadUrl) ----------------------


def _docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize(
    ("name", "content", "served", "sandboxed"),
    [
        ("skrivelse.txt", "Skrivelse om parkbänkar.".encode(), "text/plain; charset=utf-8", False),
        ("yttrande.docx", _docx("Yttrande om färdtjänst."), DOCX, True),
        ("bilaga.html", b"<p>Bilaga</p><script>alert(1)</script>", "text/html; charset=utf-8", True),
    ],
)
def test_a_document_is_served_as_itself_to_read_and_as_an_attachment_to_download(
    client, demo, name, content, served, sandboxed
):
    case = Case.objects.filter(secret=False).order_by("pk").first()
    document = Document(case=case, kind=DocumentKind.ATTACHMENT, title="Bilaga")
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    assert document.contains_identity_number is False  # screened and public

    read = client.get(reverse("case-document", args=[case.pk, document.pk]))
    assert read.status_code == 200
    assert read["Content-Type"] == served
    assert read["Content-Disposition"].startswith("inline;")  # OParl 2.7: never attachment here
    assert read["X-Content-Type-Options"] == "nosniff"
    assert ("sandbox" in read.get("Content-Security-Policy", "")) is sandboxed
    assert b"".join(read.streaming_content) == content

    download = client.get(reverse("case-document-download", args=[case.pk, document.pk]))
    assert download["Content-Type"] == served
    assert download["Content-Disposition"].startswith("attachment; filename=")
    assert b"".join(download.streaming_content) == content


def test_a_pdf_document_opens_in_the_browser_viewer(client, demo):
    document = next(d for d in Document.objects.filter(content_type="application/pdf").order_by("pk")
                    if d.contains_identity_number is False and not d.secret and not d.case.secret)
    read = client.get(reverse("case-document", args=[document.case_id, document.pk]))
    assert read["Content-Type"] == "application/pdf" and read["Content-Disposition"].startswith("inline;")
    assert "Content-Security-Policy" not in read  # a sandbox would keep the PDF viewer out


def test_a_personnummer_in_a_file_name_is_not_sent_in_the_header(client, demo):
    case = Case.objects.filter(secret=False).order_by("pk").first()
    document = Document(case=case, kind=DocumentKind.OTHER, title="Skrivelse")
    document.file.save(f"skrivelse-{PNR}.txt", ContentFile(b"Skrivelse om sittbanker."), save=False)
    document.save()
    for name in ("case-document", "case-document-download"):
        response = client.get(reverse(name, args=[case.pk, document.pk]))
        assert response.status_code == 200
        assert not any(form in response["Content-Disposition"] for form in PNR_FORMS)


def test_an_unusable_stored_type_is_served_as_plain_bytes(client, demo):
    from kansli.web.cases import served_content_type

    assert served_content_type("text/html\r\nSet-Cookie: x=1") == "application/octet-stream"
    assert served_content_type("") == "application/octet-stream"
    assert served_content_type("Application/PDF") == "application/pdf"
