# ruff: noqa: F811 (the fixtures imported from adjustment_fixtures are parameters here)
"""Every role × the justering screens, through the real URLs.

The demo's *ordforande* is the chair and *justerare* the only elected adjuster of the held
demo meeting; their groups alone give no right to sign (permissions: signing is personal).
The expected rights are written out here, not read back from ``kansli.workspace.permissions``.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from kansli.meetings.models import Meeting
from kansli.signing.models import AdjustmentRound, RoundStatus, Signature
from kansli.signing.services import send_to_adjustment, sign

from .adjustment_fixtures import demo_recipe, held, render_once, signing_home  # noqa: F401 (fixtures)
from .conftest import ROLES, client_for

pytestmark = pytest.mark.usefixtures("render_once")

SIGNED_IN_WITH_ROLE = {"admin", "registrator", "sekreterare", "ordforande", "justerare", "ledamot"}

#: Who may do what on the held meeting's justering.
ALLOWED: dict[str, set[str]] = {
    "view_adjustment": SIGNED_IN_WITH_ROLE,
    "send_to_adjustment": {"admin", "sekreterare"},  # draft_minutes
    "sign_as_chair": {"ordforande"},  # the meeting's chair only
    "sign_as_adjuster": {"justerare"},  # the meeting's elected adjuster only
    "download_signed": SIGNED_IN_WITH_ROLE,
}


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _state(meeting: Meeting) -> tuple:
    meeting.refresh_from_db()
    return (
        meeting.locked,
        tuple(AdjustmentRound.objects.filter(meeting=meeting).values_list("pk", "status")),
        tuple(Signature.objects.values_list("pk", "order")),
    )


def prepare(action: str, meeting: Meeting) -> None:
    """Bring the justering to the point where ``action`` is the next step."""
    if action in ("sign_as_chair", "sign_as_adjuster", "view_adjustment"):
        send_to_adjustment(meeting, _user("sekreterare"))
    if action == "sign_as_adjuster":
        sign(meeting.adjustment_rounds.get(status=RoundStatus.OPEN), _user("ordforande"), "chair")
    if action == "download_signed":
        round = send_to_adjustment(meeting, _user("sekreterare"))
        sign(round, _user("ordforande"), "chair")
        sign(round, _user("justerare"), "adjuster")


def request(action: str, client, meeting: Meeting):
    confirm = {"confirm": "on"}
    if action == "view_adjustment":
        return client.get(reverse("workspace:adjustment", args=[meeting.pk]))
    if action == "send_to_adjustment":
        return client.post(reverse("workspace:adjustment_send", args=[meeting.pk]))
    if action == "sign_as_chair":
        return client.post(reverse("workspace:adjustment_sign_chair", args=[meeting.pk]), confirm)
    if action == "sign_as_adjuster":
        return client.post(reverse("workspace:adjustment_sign_adjuster", args=[meeting.pk]), confirm)
    if action == "download_signed":
        return client.get(reverse("workspace:signed_minutes", args=[meeting.pk]))
    raise AssertionError(action)


def took_effect(action: str, response, meeting: Meeting) -> bool:
    if action == "view_adjustment":
        return response.status_code == 200 and "Underskrifter" in response.content.decode()
    if action == "send_to_adjustment":
        return AdjustmentRound.objects.filter(meeting=meeting, status=RoundStatus.OPEN).exists()
    if action == "sign_as_chair":
        return Signature.objects.filter(order=0).exists()
    if action == "sign_as_adjuster":
        meeting.refresh_from_db()
        return Signature.objects.filter(order=1).exists() and meeting.locked
    if action == "download_signed":
        return response.status_code == 200 and response.content.startswith(b"%PDF-")
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_role_matrix_for_justering(action, role, held):
    prepare(action, held)
    before = _state(held)
    response = request(action, client_for(role), held)
    if role in ALLOWED[action]:
        assert response.status_code in (200, 302), response.content.decode()[:1500]
        assert took_effect(action, response, held), (action, role)
    else:
        if role == "anonym":
            assert response.status_code == 302 and "/logga-in/" in response["Location"]
        else:
            assert response.status_code == 403
            assert "Du har inte behörighet att" in response.content.decode()
        assert _state(held) == before, "a refused request changed something"


def test_chair_and_adjuster_groups_give_no_right_on_another_meeting(held):
    """The next (planned) demo meeting: ordforande is its chair but nobody is its adjuster;
    justerare, adjuster of the held meeting, may not sign it."""
    from kansli.meetings.models import MeetingStatus

    other = Meeting.objects.filter(body=held.body, status=MeetingStatus.PLANNED).exclude(pk=held.pk).first()
    response = client_for("justerare").post(
        reverse("workspace:adjustment_sign_adjuster", args=[other.pk]), {"confirm": "on"}
    )
    assert response.status_code == 403
    other.chair = None
    other.save()
    response = client_for("ordforande").post(
        reverse("workspace:adjustment_sign_chair", args=[other.pk]), {"confirm": "on"}
    )
    assert response.status_code == 403
    assert not Signature.objects.exists()
