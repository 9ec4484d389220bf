"""Fixtures for the case workspace: the demo municipality and one client per role."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client

from kansli.cases.models import Case, CaseSeries, Document, DocumentKind
from kansli.cases.services import register_case

#: The demo accounts, plus a signed-in user without any group and the anonymous public.
ROLES = ["admin", "registrator", "sekreterare", "ordforande", "justerare", "ledamot", "utan_roll", "anonym"]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def docx_bytes(with_word: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_word:
            archive.writestr("word/document.xml", "<w:document/>")
        else:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(shared_demo, db):
    """The demo as of 2026-11-23 and the user utan_roll, loaded once per module."""


def client_for(role: str) -> Client:
    client = Client()
    if role != "anonym":
        client.force_login(get_user_model().objects.get(username=role))
    return client


@pytest.fixture
def series(demo) -> CaseSeries:
    return CaseSeries.objects.get(code="VON")


@pytest.fixture
def case(series) -> Case:
    """A fresh, non-secret case with one open and one secret PDF."""
    case = register_case(series, "Matrisärende om färdtjänst")
    for title, secret in [("Öppen tjänsteskrivelse", False), ("Hemlig utredning", True)]:
        doc = Document(case=case, kind=DocumentKind.MEMO, title=title, secret=secret)
        doc.file.save("handling.pdf", ContentFile(PDF_BYTES), save=False)
        doc.save()
    return case
