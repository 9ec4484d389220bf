"""Every role × the public search page: everybody may search, signed in or not; the page only
reads (POST is refused and changes nothing), and what a signed-in role sees is still only the
public index — never a secret paragraph."""

from __future__ import annotations

import pytest

from kansli.meetings.models import Paragraph
from kansli.search.models import SearchEntry

from .conftest import ROLES, client_for

pytestmark = pytest.mark.django_db


def test_every_role_may_search_and_sees_only_public_content(demo):
    # One demo for all roles (loading it is the slow part); each role is checked in turn.
    for role in ROLES:
        _check_role(role)


def _check_role(role: str) -> None:
    client = client_for(role)
    secret = Paragraph.objects.filter(secret=True).first()
    entries = SearchEntry.objects.count()
    response = client.get("/sok/", {"q": "ekonomiska uppföljningen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html and "träff" in html, role
    assert secret is not None
    page = client.get("/sok/", {"q": secret.title}).content.decode()
    assert f"/sammantraden/{secret.meeting_id}/utdrag/{secret.number}.html" not in page
    assert f"/sammantraden/{secret.meeting_id}/#p{secret.number}" not in page
    assert client.post("/sok/", {"q": "budget"}).status_code == 405
    assert SearchEntry.objects.count() == entries
