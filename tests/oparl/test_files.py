"""OParl Files: the kallelse as Meeting.invitation, and what every File's accessUrl and downloadUrl
serve (OParl 1.1, 2.7 Dateizugriffe)."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

import pytest
from django.utils import timezone

from kansli.cases.models import Case
from kansli.meetings.models import AgendaItem, Meeting
from kansli.workspace.planning.services import mark_sent

from .test_oparl_api import crawl, embedded, get, path, town, walk_all

pytestmark = pytest.mark.django_db

PNR = "19121212-1212"  # checksum-valid test number
PNR_FORMS = (PNR, "121212-1212", "1212121212", "191212121212")
FILE = "https://schema.oparl.org/1.1/File"


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def upcoming(demo) -> Meeting:
    return Meeting.objects.filter(status="planned", agenda_items__isnull=False, invitation_sent=None).distinct().get()


def send(meeting: Meeting, capture) -> Meeting:
    with capture(execute=True):
        mark_sent(meeting, meeting.date - dt.timedelta(days=10))
    return Meeting.objects.get(pk=meeting.pk)


def test_the_kallelse_is_the_meetings_invitation_once_sent(
    demo, api, upcoming, oparl_validator, data_dir, django_capture_on_commit_callbacks
):
    meeting_url = f"/oparl/meeting/{upcoming.pk}"
    file_url = f"http://testserver{meeting_url}/kallelse"
    assert "invitation" not in get(api, meeting_url)
    assert get(api, f"{meeting_url}/kallelse", 404)["type"].endswith("/Error")
    assert file_url not in {f["id"] for f in crawl(api, f"{town()}/file?limit=500")}

    upcoming = send(upcoming, django_capture_on_commit_callbacks)
    meeting = get(api, meeting_url)
    assert oparl_validator.errors(meeting) == []
    invitation = meeting["invitation"]
    code = upcoming.body.abbreviation
    assert invitation["id"] == file_url and invitation["type"] == FILE
    assert invitation["mimeType"] == "application/pdf"
    assert invitation["fileName"] == f"kallelse-{code}-{upcoming.date:%Y-%m-%d}.pdf"
    assert invitation["date"] == upcoming.invitation_sent.isoformat()
    assert invitation["accessUrl"] == f"http://testserver/sammantraden/{upcoming.pk}/kallelse.pdf"
    assert invitation["downloadUrl"] == f"http://testserver/sammantraden/{upcoming.pk}/ladda-ned/kallelse.pdf"
    assert "meeting" not in invitation  # embedded: no reference back to its parent
    assert "created" in invitation and "modified" in invitation

    alone = get(api, path(file_url))
    assert oparl_validator.errors(alone) == []
    assert alone["meeting"] == [f"http://testserver{meeting_url}"]
    assert {k: v for k, v in alone.items() if k != "meeting"} == invitation
    listed = [f for f in crawl(api, f"{town()}/file?limit=500") if f["id"] == file_url]
    assert listed == [alone]

    response = api.get(path(invitation["accessUrl"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{invitation["fileName"]}"'
    download = api.get(path(invitation["downloadUrl"]))
    assert download["Content-Disposition"] == f'attachment; filename="{invitation["fileName"]}"'

    # A changed item bumps the kallelse (and no other file).
    cutoff = timezone.now().replace(microsecond=0) - dt.timedelta(seconds=1)
    from kansli.oparl.models import Stamp

    Stamp.objects.filter(kind="invitation", key=upcoming.pk).update(modified=cutoff - dt.timedelta(days=1))
    Stamp.objects.exclude(kind="invitation").update(modified=cutoff - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        item = upcoming.agenda_items.order_by("order").first()
        item.title = "Mötets öppnande och upprop av ledamöter"
        item.save()
    changed = get(api, f"{town()}/file?modified_since={quote(cutoff.isoformat())}")["data"]
    assert [f["id"] for f in changed] == [file_url]

    # Taken back (the sending undone): the File is left as deleted, and the meeting drops it.
    with django_capture_on_commit_callbacks(execute=True):
        upcoming.invitation_sent = None
        upcoming.save()
    stub = get(api, path(file_url))
    assert stub["deleted"] is True and set(stub) == {"id", "type", "created", "modified", "deleted"}
    assert "invitation" not in get(api, meeting_url)
    recent = crawl(api, f"{town()}/file?modified_since={quote(cutoff.isoformat())}")
    assert stub in recent
    assert api.get(path(invitation["accessUrl"])).status_code == 404


def test_every_file_kind_validates_with_the_invitation_among_them(
    demo, api, upcoming, oparl_validator, data_dir, django_capture_on_commit_callbacks
):
    send(upcoming, django_capture_on_commit_callbacks)
    lists = walk_all(api, limit=50)
    objects = {o["id"]: o for o in embedded(lists, [])}
    assert [e for o in objects.values() for e in oparl_validator.errors(o)] == []
    files = [o for o in objects.values() if o["type"] == FILE]
    assert any(f["id"].endswith(f"/meeting/{upcoming.pk}/kallelse") for f in files)
    for f in files:
        assert f["accessUrl"] and f["downloadUrl"], f["id"]


def test_no_personnummer_and_no_secret_case_in_the_invitation(
    demo, api, upcoming, data_dir, django_capture_on_commit_callbacks
):
    import io

    import pypdfium2 as pdfium

    secret = Case.objects.filter(secret=True).first()
    proposal = "Nämnden beslutar att vidta de åtgärder som framgår av utredningen om den enskilde."
    with django_capture_on_commit_callbacks(execute=True):
        item = upcoming.agenda_items.filter(case__isnull=False).order_by("order").first()
        item.proposed_decision = f"Nämnden bifaller ansökan från {PNR}."
        item.save()
        last = upcoming.agenda_items.order_by("-order").first().order
        AgendaItem.objects.create(
            meeting=upcoming, order=last + 1, title=secret.title, case=secret, proposed_decision=proposal
        )
    upcoming = send(upcoming, django_capture_on_commit_callbacks)
    meeting = get(api, f"/oparl/meeting/{upcoming.pk}")
    text = json.dumps([meeting, walk_all(api)], ensure_ascii=False)
    response = api.get(path(meeting["invitation"]["accessUrl"]))
    document = pdfium.PdfDocument(io.BytesIO(response.content))
    try:
        pdf = "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    assert "ÅÅMMDD-XXXX" in pdf and "Sekretessärende" in pdf
    for published in (text, pdf.replace("\n", "").replace(" ", "")):
        assert not any(form in published for form in PNR_FORMS)
    for published in (text, " ".join(pdf.split())):
        assert secret.title not in published
        assert secret.case_number not in published
        assert proposal[:40] not in published


def test_every_kind_of_file_is_served_inline_at_its_access_url_and_as_attachment_to_download(
    demo, api, upcoming, data_dir, django_capture_on_commit_callbacks
):
    """OParl 2.7: accessUrl must not send Content-Disposition: attachment; downloadUrl must, with
    the file name. One File of each kind, served with the type its mimeType names."""
    from django.core.files.base import ContentFile

    from kansli.cases.models import Document

    send(upcoming, django_capture_on_commit_callbacks)
    case = Case.objects.filter(secret=False).order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        text_doc = Document(case=case, kind="other", title="Skrivelse")
        text_doc.file.save("skrivelse.txt", ContentFile("Skrivelse om sittbänkar.".encode()), save=False)
        text_doc.save()
    files = crawl(api, f"{town()}/file?limit=500")
    picks = {}
    for f in files:
        kind = f["id"].rsplit("/", 1)[-1] if "/meeting/" in f["id"] or "/paragraph/" in f["id"] else f["mimeType"]
        picks.setdefault(kind, f)
    assert {"protokoll", "kallelse", "utdrag", "application/pdf", "text/plain"} <= set(picks)
    for f in picks.values():
        read = api.get(path(f["accessUrl"]))
        assert read.status_code == 200, f["id"]
        assert read["Content-Type"].split(";")[0] == f["mimeType"], f["id"]
        assert not read.get("Content-Disposition", "").startswith("attachment"), f["id"]
        download = api.get(path(f["downloadUrl"]))
        assert download.status_code == 200, f["id"]
        assert download["Content-Type"].split(";")[0] == f["mimeType"], f["id"]
        assert download["Content-Disposition"].startswith("attachment; filename="), f["id"]
