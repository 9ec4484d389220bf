"""CSV import with a preview, the delegation pages, and who may use them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kansli.delegation import csvimport
from kansli.delegation.models import DelegatedDecision, DelegationScheme
from kansli.meetings.models import Meeting, MeetingStatus

pytestmark = pytest.mark.django_db

GOOD = (
    "Beslutsdatum;Punkt;Beslutsfattare;Befattning;Diarienummer;Beslut\n"
    "2026-11-02;B.1.1;Kim Förvaltare;Förvaltningschef;VON 2026/70;Avtal om hjälpmedel\n"
    "20261103;c 1.2;Eva Enhet;Enhetschef;;Beslut om särskilt boende\n"
)


def test_a_clean_file_previews_then_saves_every_row(von):
    preview = csvimport.preview(von, GOOD.encode("utf-8-sig"))
    assert preview.ok and len(preview.rows) == 2
    saved = csvimport.import_csv(von, GOOD.encode("cp1252"))
    assert [d.point.code for d in saved] == ["B.1.1", "C.1.2"]


def test_a_file_with_problems_lists_each_problem_row_and_saves_nothing(von):
    bad = GOOD + (
        "2026-13-45;B.1.1;Kim;Förvaltningschef;;Felaktigt datum\n"
        "2026-11-04;Z.9;Kim;Förvaltningschef;;Okänd punkt\n"
        "2026-11-02;B.1.1;Kim Förvaltare;Förvaltningschef;VON 2026/70;Avtal om hjälpmedel\n"
        "2026-11-05;B.1.1;Ada;Assistent;;Fel delegat\n"
    )
    before = DelegatedDecision.objects.count()
    preview = csvimport.preview(von, bad.encode())
    problems = {r.line: " ".join(r.errors) for r in preview.problem_rows}
    assert set(problems) == {4, 5, 6, 7}
    assert "ÅÅÅÅ-MM-DD" in problems[4]
    assert "Z.9" in problems[5]
    assert "rad 2" in problems[6]
    assert "Förvaltningschef" in problems[7]
    with pytest.raises(Exception) as refused:
        csvimport.import_csv(von, bad.encode())
    assert "Rad 5" in " ".join(refused.value.messages)
    assert DelegatedDecision.objects.count() == before


@pytest.mark.parametrize("raw, message", [
    (b"", "tom"),
    (b"%PDF-1.4 ...", "inte en CSV-fil"),
    (b"Datum;Vem\n2026-01-01;x\n", "Kolumner saknas"),
    (b"Beslutsdatum;Punkt;Beslutsfattare;Beslut\n", "inga beslut"),
])
def test_files_that_are_not_decision_lists_get_a_clear_message(von, raw, message):
    preview = csvimport.preview(von, raw)
    assert not preview.ok and message in " ".join(preview.errors)


def client_for(role):
    client = Client()
    if role != "anonym":
        client.force_login(get_user_model().objects.get(username=role))
    return client


def test_the_csv_page_previews_and_saves_only_on_confirmation(von):
    client = client_for("registrator")
    url = reverse("delegation:csv", args=[von.pk])
    before = DelegatedDecision.objects.count()
    page = client.post(url, {"file": SimpleUploadedFile("beslut.csv", GOOD.encode())})
    assert "Förhandsgranskning" in page.content.decode() and DelegatedDecision.objects.count() == before
    digest = page.context["digest"]
    done = client.post(url, {"confirm": "1", "digest": digest})
    assert done.status_code == 302 and DelegatedDecision.objects.count() == before + 2
    # A stale confirmation saves nothing twice.
    again = client.post(url, {"confirm": "1", "digest": digest})
    assert again.status_code == 302 and DelegatedDecision.objects.count() == before + 2


ROLES = ["admin", "registrator", "sekreterare", "ordforande", "justerare", "ledamot", "utan_roll", "anonym"]
KANSLI = {"admin", "registrator", "sekreterare"}


def test_role_matrix_for_the_delegation_pages(von):
    meeting = Meeting.objects.filter(body=von, status__in=[MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT]).order_by("date").first()
    scheme = DelegationScheme.objects.filter(body=von).first()
    decision = DelegatedDecision.objects.filter(body=von).first()
    reads = [
        reverse("delegation:index"), reverse("delegation:body", args=[von.pk]),
        reverse("delegation:scheme", args=[scheme.pk]), reverse("delegation:decision", args=[decision.pk]),
        reverse("delegation:decision_new", args=[von.pk]),
    ]
    for role in ROLES:
        client = client_for(role)
        for url in reads:
            status = client.get(url).status_code
            expected = 200 if role in KANSLI else (302 if role == "anonym" else 403)
            assert status == expected, (role, url, status)
        posted = client.post(reverse("delegation:decision_new", args=[von.pk]), {
            "decided": "2026-11-20", "point_code": "B.1.1", "delegate": f"Kim {role}",
            "position": "Förvaltningschef", "description": f"Avtal {role}",
        })
        assert DelegatedDecision.objects.filter(delegate=f"Kim {role}").exists() == (role in KANSLI), role
        if role not in KANSLI:
            assert posted.status_code in (302, 403)
        attached = DelegatedDecision.objects.filter(agenda_item__meeting=meeting).count()
        response = client.post(reverse("delegation:propose", args=[meeting.pk]))
        now_attached = DelegatedDecision.objects.filter(agenda_item__meeting=meeting).count()
        if role in {"admin", "sekreterare"}:
            assert response.status_code == 302 and now_attached > attached, role
        else:
            assert response.status_code in (302, 403) and now_attached == attached, role
            if role != "anonym":
                assert response.status_code == 403


def test_the_scheme_exports_as_pdf_and_a_refused_decision_shows_why(von):
    client = client_for("sekreterare")
    scheme = DelegationScheme.objects.filter(body=von).order_by("-valid_from").first()
    pdf = client.get(reverse("delegation:scheme", args=[scheme.pk]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    import pypdfium2

    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf.content))
    assert "Delegationsordning" in text and "B.1.1" in text
    page = client.post(reverse("delegation:decision_new", args=[von.pk]), {
        "decided": "2026-11-20", "point_code": "B.1.1", "delegate": "Ada", "position": "Assistent",
        "description": "Avtal om städning",
    })
    assert page.status_code == 200 and "får Förvaltningschef, Enhetschef fatta beslutet" in page.content.decode()
