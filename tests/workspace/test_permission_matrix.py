"""Every role × every action, through the real URLs with the test client.

The expected rights are written out here on purpose instead of being read back from
``kansli.workspace.permissions``: the test states the policy, the views must enforce it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kansli.audit.models import AuditEntry
from kansli.cases.models import Case, CaseStatus, Document
from kansli.meetings.models import Meeting
from kansli.workspace.permissions import Action, can

from .conftest import PDF_BYTES, ROLES, client_for

pytestmark = pytest.mark.django_db

KANSLI = {"admin", "registrator", "sekreterare"}
SIGNED_IN_WITH_ROLE = KANSLI | {"ordforande", "justerare", "ledamot"}

#: The policy (issue 3, item 1), for the actions that have a page in the case workspace.
ALLOWED: dict[str, set[str]] = {
    "view_public": set(ROLES),
    "view_case_register": SIGNED_IN_WITH_ROLE,
    "register_case": {"admin", "registrator"},
    "upload_document": KANSLI,
    "mark_document_secret": KANSLI,
    "view_secret_document": KANSLI,
    "mark_case_ready": {"admin", "sekreterare"},
    "view_case_history": KANSLI,
}

#: The meeting actions, whose pages are not built yet: checked through ``can`` without an
#: object (may the role do it at all); the signatures are checked per meeting below.
ALLOWED_WITHOUT_PAGE: dict[str, set[str]] = {
    "plan_meeting": {"admin", "sekreterare"},
    "edit_agenda": {"admin", "sekreterare", "ordforande"},
    "run_meeting": {"admin", "sekreterare", "ordforande"},
    "draft_minutes": {"admin", "sekreterare"},
    "sign_as_chair": {"ordforande"},
    "sign_as_adjuster": {"justerare"},
    "post_notice": {"admin", "sekreterare"},
    "manage_users": {"admin"},
    "review_publication": {"admin", "sekreterare"},
    "manage_delegation": {"admin", "sekreterare"},
    "register_delegated_decision": KANSLI,
    "dispatch_decisions": {"admin", "sekreterare"},
    "read_meeting_pack": SIGNED_IN_WITH_ROLE,
}


def test_the_matrix_covers_every_action():
    assert set(ALLOWED) | set(ALLOWED_WITHOUT_PAGE) == {a.value for a in Action}


@dataclass
class Probe:
    method: str
    url: str
    data: dict | None = None

    def send(self, client):
        if self.method == "get":
            return client.get(self.url)
        return client.post(self.url, self.data or {})


def probe_for(action: str, case: Case) -> tuple[Probe, callable]:
    """The request that exercises ``action`` and a function telling whether it took effect."""
    open_doc = case.documents.get(secret=False)
    secret_doc = case.documents.get(secret=True)
    if action == "view_public":
        return Probe("get", reverse("home")), lambda r: "Exempelkommun" in r.content.decode()
    if action == "view_case_register":
        return Probe("get", reverse("workspace:cases")), lambda r: case.case_number in r.content.decode()
    if action == "register_case":
        data = {"series": case.series_id, "title": "Nytt ärende från matrisen"}
        return Probe("post", reverse("workspace:case_register"), data), (
            lambda r: Case.objects.filter(title="Nytt ärende från matrisen").exists()
        )
    if action == "upload_document":
        data = {
            "title": "Uppladdad i matrisen", "kind": "attachment",
            "file": SimpleUploadedFile("bilaga.pdf", PDF_BYTES, content_type="application/pdf"),
        }
        return Probe("post", reverse("workspace:document_upload", args=[case.pk]), data), (
            lambda r: Document.objects.filter(title="Uppladdad i matrisen").exists()
        )
    if action == "mark_document_secret":
        url = reverse("workspace:document_mark_secret", args=[case.pk, open_doc.pk])
        return Probe("post", url), lambda r: Document.objects.get(pk=open_doc.pk).secret
    if action == "view_secret_document":
        url = reverse("workspace:document", args=[case.pk, secret_doc.pk])
        return Probe("get", url), lambda r: (
            b"".join(r.streaming_content) == PDF_BYTES
            and AuditEntry.objects.filter(action="view", object_pk=str(secret_doc.pk)).exists()
        )
    if action == "mark_case_ready":
        url = reverse("workspace:case_mark_ready", args=[case.pk])
        return Probe("post", url), lambda r: Case.objects.get(pk=case.pk).status == CaseStatus.READY
    if action == "view_case_history":
        url = reverse("workspace:case_history", args=[case.pk])
        return Probe("get", url), lambda r: f"Historik för ärende {case.case_number}" in r.content.decode()
    raise AssertionError(action)


def state() -> tuple:
    return (
        AuditEntry.objects.count(),
        Case.objects.count(),
        Document.objects.count(),
        sorted(Document.objects.values_list("pk", "secret")),
        sorted(Case.objects.values_list("pk", "status")),
    )


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_role_may_or_may_not_do_action_through_the_views(role, action, case):
    client = client_for(role)
    probe, took_effect = probe_for(action, case)
    before = state()
    response = probe.send(client)
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302), response.status_code
        assert took_effect(response)
    elif role == "anonym":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL) + "?next=")
        assert state() == before
    else:
        assert response.status_code == 403
        assert "Behörighet saknas" in response.content.decode()
        assert state() == before
    # The permission function agrees with what the view did.
    obj = case.documents.get(title="Hemlig utredning") if action == "view_secret_document" else None
    assert can(response.wsgi_request.user, action, obj) == (role in ALLOWED[action])


def user_for(role: str):
    from django.contrib.auth.models import AnonymousUser, User

    return AnonymousUser() if role == "anonym" else User.objects.get(username=role)


def test_role_may_or_may_not_do_meeting_action_in_general(demo):
    # One demo load for the whole table: these rights depend on groups only.
    for role in ROLES:
        user = user_for(role)
        for action, allowed in ALLOWED_WITHOUT_PAGE.items():
            assert can(user, action) == (role in allowed), (role, action)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_meetings_own_chair_and_elected_adjusters_may_sign_it(role, demo):
    user = user_for(role)
    person = getattr(user, "person", None) if role != "anonym" else None
    meetings = list(Meeting.objects.prefetch_related("adjusters"))
    assert any(m.adjusters.exists() for m in meetings)
    for meeting in meetings:
        is_chair = person is not None and meeting.chair_id == person.pk
        is_adjuster = person is not None and person in meeting.adjusters.all()
        assert can(user, "sign_as_chair", meeting) == is_chair
        assert can(user, "sign_as_adjuster", meeting) == is_adjuster
    # The demo's justerare adjusts the worked meeting but not the upcoming one; the admin
    # may never sign in somebody else's name.
    if role == "justerare":
        assert any(can(user, "sign_as_adjuster", m) for m in meetings)
        assert not all(can(user, "sign_as_adjuster", m) for m in meetings)
    if role == "ordforande":
        assert any(can(user, "sign_as_chair", m) for m in meetings)
    if role == "admin":
        assert not any(can(user, "sign_as_chair", m) or can(user, "sign_as_adjuster", m) for m in meetings)
