"""The case workspace pages: register, documents, bad uploads, secrecy and history."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kansli.audit.models import AuditEntry
from kansli.cases.models import Case, CaseStatus, Document
from kansli.workspace import forms

from .conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES, client_for, docx_bytes

pytestmark = pytest.mark.django_db


def upload(client, case, name: str, content: bytes, title: str = "Ny handling", **extra):
    data = {"title": title, "kind": "attachment", "file": SimpleUploadedFile(name, content), **extra}
    return client.post(reverse("workspace:document_upload", args=[case.pk]), data)


def stored_files(media_root) -> list:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


# --- registering ---------------------------------------------------------------------------


def test_registering_issues_the_next_number_of_the_series_and_shows_it(series):
    client = client_for("registrator")
    last = Case.objects.filter(series=series).order_by("-year", "-sequence").first()
    response = client.post(
        reverse("workspace:case_register"), {"series": series.pk, "title": "Tillsyn av hemtjänsten"}, follow=True
    )
    case = Case.objects.get(title="Tillsyn av hemtjänsten")
    assert case.series == series and case.status == CaseStatus.REGISTERED
    assert (case.year, case.sequence) > (last.year, last.sequence)
    assert case.case_number == series.format_number(case.year, case.sequence)
    page = response.content.decode()
    assert f"Ärendet är registrerat med diarienummer {case.case_number}." in page
    assert f"<h1>Ärende {case.case_number}</h1>" in page


def test_register_form_without_input_shows_an_error_summary_and_saves_nothing(demo):
    client = client_for("registrator")
    count = Case.objects.count()
    page = client.post(reverse("workspace:case_register"), {"series": "", "title": "  "}).content.decode()
    assert Case.objects.count() == count
    assert 'role="alert"' in page and "Formuläret innehåller fel" in page
    assert '<a href="#id_series">Diarieserie:' in page and '<a href="#id_title">Ärendemening:' in page
    assert '<label for="id_series">' in page and '<label for="id_title">' in page


# --- the register list ----------------------------------------------------------------------


def test_case_list_filters_by_status_body_and_searches_title_and_number(case):
    client = client_for("ledamot")
    url = reverse("workspace:cases")
    decided = Case.objects.filter(status=CaseStatus.DECIDED).first()
    assert decided is not None
    page = client.get(url, {"status": "decided"}).content.decode()
    assert decided.case_number in page and case.case_number not in page
    page = client.get(url, {"q": "färdtjänst"}).content.decode()
    assert case.case_number in page and decided.case_number not in page
    page = client.get(url, {"q": case.case_number}).content.decode()
    assert case.case_number in page and decided.case_number not in page
    ks_case = Case.objects.get(series__code="KS")
    page = client.get(url, {"body": ks_case.series.body_id}).content.decode()
    assert ks_case.case_number in page and case.case_number not in page
    page = client.get(url, {"q": "finns inte alls"}).content.decode()
    assert "Inga ärenden matchar sökningen." in page
    assert "<caption>" in page and '<th scope="col">Diarienummer</th>' in page


# --- uploads --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("beslut.pdf", PDF_BYTES, "application/pdf"),
        ("yttrande.docx", docx_bytes(), forms.DOCX),
        ("karta.png", PNG_BYTES, "image/png"),
        ("foto.jpg", JPEG_BYTES, "image/jpeg"),
        ("foto.JPEG", JPEG_BYTES, "image/jpeg"),
    ],
)
def test_upload_of_an_accepted_type_stores_the_checksum_of_its_bytes(case, name, content, content_type):
    client = client_for("sekreterare")
    response = upload(client, case, name, content, title="Uppladdad handling")
    assert response.status_code == 302
    doc = Document.objects.get(title="Uppladdad handling")
    assert doc.case == case and doc.kind == "attachment" and not doc.secret
    assert doc.sha256 == hashlib.sha256(content).hexdigest()
    assert doc.content_type == content_type
    opened = client.get(reverse("workspace:document", args=[case.pk, doc.pk]))
    assert opened.status_code == 200
    assert opened["Content-Type"] == content_type
    assert opened["X-Content-Type-Options"] == "nosniff"
    assert b"".join(opened.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("budget.pdf", b"Detta \xe4r bara text, ingen PDF.\n", "inte en PDF-fil"),
        ("budget.pdf", PNG_BYTES, "inte en PDF-fil"),
        ("yttrande.docx", b"Vanlig text i en fil som heter docx", "inte ett Word-dokument (DOCX)"),
        ("yttrande.docx", docx_bytes(with_word=False), "inte ett Word-dokument (DOCX)"),
        ("yttrande.docx", b"PK\x03\x04 inte ett riktigt zip-arkiv", "inte ett Word-dokument (DOCX)"),
        ("karta.png", JPEG_BYTES, "inte en PNG-bild"),
        ("foto.jpg", PNG_BYTES, "inte en JPEG-bild"),
        ("program.exe", b"MZ\x90\x00", "filtyp som inte tas emot"),
        ("sida.html", b"<script>alert(1)</script>", "filtyp som inte tas emot"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_upload_whose_content_is_not_what_it_claims_is_refused_and_nothing_is_saved(
    case, media_root, name, content, reason
):
    client = client_for("sekreterare")
    documents, files, entries = Document.objects.count(), stored_files(media_root), AuditEntry.objects.count()
    response = upload(client, case, name, content, title="Falsk handling")
    assert response.status_code == 400
    page = response.content.decode()
    assert reason in page and "Formuläret innehåller fel" in page
    assert not Document.objects.filter(title="Falsk handling").exists()
    assert Document.objects.count() == documents
    assert stored_files(media_root) == files
    assert AuditEntry.objects.count() == entries


def test_upload_larger_than_the_limit_is_refused(case, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", len(PDF_BYTES) - 1)
    response = upload(client_for("sekreterare"), case, "stor.pdf", PDF_BYTES, title="För stor")
    assert response.status_code == 400
    assert "är större än" in response.content.decode()
    assert not Document.objects.filter(title="För stor").exists()


def test_upload_form_labels_every_input(case):
    page = client_for("sekreterare").get(reverse("workspace:document_upload", args=[case.pk])).content.decode()
    for field in ("title", "kind", "file", "secret"):
        assert f'<label for="id_{field}">' in page
    assert 'aria-describedby="id_file_helptext"' in page


# --- secrecy --------------------------------------------------------------------------------


def test_secret_document_title_is_hidden_from_a_ledamot_and_opening_it_is_refused(case):
    secret = case.documents.get(secret=True)
    client = client_for("ledamot")
    page = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert "Öppen tjänsteskrivelse" in page
    assert secret.title not in page and "Sekretessbelagd handling" in page
    assert reverse("workspace:document", args=[case.pk, secret.pk]) not in page
    assert client.get(reverse("workspace:document", args=[case.pk, secret.pk])).status_code == 403
    assert not AuditEntry.objects.filter(action="view").exists()


def test_the_public_sees_nothing_of_the_workspace(case):
    client = client_for("anonym")
    secret = case.documents.get(secret=True)
    for url in (
        reverse("workspace:cases"),
        reverse("workspace:case", args=[case.pk]),
        reverse("workspace:document", args=[case.pk, secret.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        assert secret.title.encode() not in response.content


def test_opening_a_secret_document_is_logged_with_the_secretary(case):
    secret = case.documents.get(secret=True)
    open_doc = case.documents.get(secret=False)
    client = client_for("sekreterare")
    page = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert secret.title in page
    for _ in range(2):
        response = client.get(reverse("workspace:document", args=[case.pk, secret.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == PDF_BYTES
    client.get(reverse("workspace:document", args=[case.pk, open_doc.pk]))
    opened = AuditEntry.objects.filter(action="view")
    assert opened.count() == 2  # each opening, and only of the secret one
    assert {(e.username, e.model_label, e.object_pk) for e in opened} == {
        ("sekreterare", "cases.Document", str(secret.pk))
    }
    history = client.get(reverse("workspace:case_history", args=[case.pk])).content.decode()
    assert f"Öppnade handlingen ”{secret.title}”" in history


def test_document_of_another_case_is_not_found_through_this_case(case, series):
    other = Case.objects.exclude(pk=case.pk).filter(documents__isnull=False).first()
    doc = other.documents.first()
    response = client_for("sekreterare").get(reverse("workspace:document", args=[case.pk, doc.pk]))
    assert response.status_code == 404


def test_marking_a_document_secret_hides_it_from_a_ledamot(case):
    doc = case.documents.get(secret=False)
    response = client_for("registrator").post(reverse("workspace:document_mark_secret", args=[case.pk, doc.pk]))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.secret
    page = client_for("ledamot").get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert doc.title not in page


def test_mark_secret_and_ready_refuse_get(case):
    client = client_for("sekreterare")
    doc = case.documents.get(secret=False)
    assert client.get(reverse("workspace:document_mark_secret", args=[case.pk, doc.pk])).status_code == 405
    assert client.get(reverse("workspace:case_mark_ready", args=[case.pk])).status_code == 405
    doc.refresh_from_db()
    assert not doc.secret


# --- status ---------------------------------------------------------------------------------


def test_a_decided_case_cannot_be_marked_ready(demo):
    decided = Case.objects.filter(status=CaseStatus.DECIDED).first()
    response = client_for("sekreterare").post(
        reverse("workspace:case_mark_ready", args=[decided.pk]), follow=True
    )
    decided.refresh_from_db()
    assert decided.status == CaseStatus.DECIDED
    assert "kan inte markeras som klart för beslut" in response.content.decode()


def test_forbidden_page_is_in_swedish(case):
    response = client_for("ledamot").get(reverse("workspace:case_history", args=[case.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Du har inte behörighet att se ärendets historik." in page


# --- history --------------------------------------------------------------------------------


def test_history_shows_the_registration_and_the_upload_with_the_users_names(series):
    from django.contrib.auth.models import User

    registrar, secretary = User.objects.get(username="registrator"), User.objects.get(username="sekreterare")
    client_for("registrator").post(
        reverse("workspace:case_register"), {"series": series.pk, "title": "Ärende med historik"}
    )
    case = Case.objects.get(title="Ärende med historik")
    secretary_client = client_for("sekreterare")
    assert upload(secretary_client, case, "pm.pdf", PDF_BYTES, title="Promemoria").status_code == 302
    secretary_client.post(reverse("workspace:case_mark_ready", args=[case.pk]))

    page = secretary_client.get(reverse("workspace:case_history", args=[case.pk])).content.decode()
    rows = page.split("<tr>")[2:]
    assert len(rows) == 3
    assert registrar.get_full_name() in rows[0] and "Skapade ärendet" in rows[0]
    assert secretary.get_full_name() in rows[1] and "Skapade handlingen ”Promemoria”" in rows[1]
    assert secretary.get_full_name() in rows[2] and "Ändrade ärendet" in rows[2]
    assert "Status: registrerat → klart för beslut" in rows[2]
