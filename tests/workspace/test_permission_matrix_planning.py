"""Role × planning screen: who may plan meetings, edit the agenda and make the kallelse.

plan_meeting (schedule, new meeting, kallelse, pack, mark sent): administratör and
nämndsekreterare. edit_agenda (the agenda builder): also the ordförande. Everyone else gets
403 (signed in) or the sign-in page (the public), and nothing changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from kansli.cases.models import CaseStatus
from kansli.cases.services import register_case
from kansli.meetings.models import AgendaItem, Meeting, MeetingStatus
from kansli.organisation.models import Body
from kansli.workspace.planning import services

from .conftest import ROLES, client_for
from .test_planning_services import upcoming

PLAN = {"admin", "sekreterare"}
EDIT = {"admin", "sekreterare", "ordforande"}


@dataclass
class Setup:
    body: Body
    upcoming: Meeting
    empty: Meeting  # planned, no agenda
    to_send: Meeting  # planned, with an agenda
    items: list[AgendaItem]
    case_pk: int


@dataclass
class Endpoint:
    name: str
    allowed: set[str]
    request: Callable  # (client, setup) -> response
    effect: Callable | None = None  # (setup) -> bool, checked after an allowed POST


def snapshot() -> tuple:
    return (
        list(Meeting.objects.order_by("pk").values_list("pk", "status", "invitation_sent", "date", "place")),
        list(
            AgendaItem.objects.order_by("pk").values_list(
                "pk", "meeting_id", "order", "title", "proposed_decision", "case_id"
            )
        ),
    )


def _url(name: str, *args) -> str:
    return reverse(f"workspace:{name}", args=args)


NEW_DAY = timezone.localdate() + dt.timedelta(days=45)

ENDPOINTS = [
    Endpoint("index", PLAN, lambda c, s: c.get(_url("planning"))),
    Endpoint("schedule", PLAN, lambda c, s: c.get(_url("planning_schedule", s.body.pk))),
    Endpoint("schedule_year", PLAN, lambda c, s: c.get(_url("planning_schedule_year", s.body.pk, 2026))),
    Endpoint("create_form", PLAN, lambda c, s: c.get(_url("planning_meeting_create", s.body.pk))),
    Endpoint(
        "create", PLAN,
        lambda c, s: c.post(_url("planning_meeting_create", s.body.pk), {
            "date": NEW_DAY.isoformat(), "start": "18:00", "place": "Sessionssalen",
        }),
        lambda s: Meeting.objects.filter(body=s.body, date=NEW_DAY).exists(),
    ),
    Endpoint("agenda", EDIT, lambda c, s: c.get(_url("planning_meeting", s.upcoming.pk))),
    Endpoint(
        "add_standing", EDIT,
        lambda c, s: c.post(_url("planning_add_standing", s.empty.pk)),
        lambda s: s.empty.agenda_items.count() == len(services.STANDING_ITEMS),
    ),
    Endpoint(
        "add_case", EDIT,
        lambda c, s: c.post(_url("planning_add_case", s.empty.pk), {"case": s.case_pk}),
        lambda s: s.empty.agenda_items.filter(case_id=s.case_pk).exists(),
    ),
    Endpoint(
        "item_update", EDIT,
        lambda c, s: c.post(_url("planning_item_update", s.upcoming.pk, s.items[0].pk), {
            f"punkt-{s.items[0].pk}-title": "Ändrad rubrik", f"punkt-{s.items[0].pk}-proposed_decision": "",
        }),
        lambda s: AgendaItem.objects.get(pk=s.items[0].pk).title == "Ändrad rubrik",
    ),
    Endpoint(
        "item_move", EDIT,
        lambda c, s: c.post(_url("planning_item_move", s.upcoming.pk, s.items[2].pk), {"riktning": "upp"}),
        lambda s: AgendaItem.objects.get(pk=s.items[2].pk).order == 2,
    ),
    Endpoint(
        "item_remove", EDIT,
        lambda c, s: c.post(_url("planning_item_remove", s.upcoming.pk, s.items[-1].pk)),
        lambda s: not AgendaItem.objects.filter(pk=s.items[-1].pk).exists(),
    ),
    Endpoint("kallelse", PLAN, lambda c, s: c.get(_url("planning_kallelse", s.upcoming.pk))),
    Endpoint("kallelse_pdf", PLAN, lambda c, s: c.get(_url("planning_kallelse_pdf", s.upcoming.pk))),
    Endpoint("pack", PLAN, lambda c, s: c.get(_url("planning_pack", s.to_send.pk))),
    Endpoint(
        "mark_sent", PLAN,
        lambda c, s: c.post(_url("planning_mark_sent", s.to_send.pk), {"sent": timezone.localdate().isoformat()}),
        lambda s: Meeting.objects.get(pk=s.to_send.pk).status == MeetingStatus.NOTICE_SENT,
    ),
]


@pytest.fixture
def setup(demo, series) -> Setup:
    body = Body.objects.get(abbreviation="VON")
    meeting = upcoming()
    today = timezone.localdate()
    empty = services.create_meeting(body, today + dt.timedelta(days=20), dt.time(18, 0), "Salen")
    to_send = services.create_meeting(body, today + dt.timedelta(days=30), dt.time(18, 0), "Salen")
    services.add_standing_items(to_send)
    case = register_case(series, "Riktlinjer för trygghetslarm", status=CaseStatus.READY)
    return Setup(
        body=body, upcoming=meeting, empty=empty, to_send=to_send,
        items=list(meeting.agenda_items.order_by("order")), case_pk=case.pk,
    )


def test_every_action_is_declared():
    from kansli.workspace.planning import views

    for name in ["index", "schedule", "meeting_create", "kallelse_html", "kallelse_pdf", "pack_pdf", "mark_sent"]:
        assert getattr(views, name).kansli_action == "plan_meeting", name
    for name in ["meeting_agenda", "add_standing", "add_case", "item_update", "item_move", "item_remove"]:
        assert getattr(views, name).kansli_action == "edit_agenda", name


@pytest.mark.parametrize("role", ROLES)
def test_planning_matrix(setup, role):
    client = client_for(role)
    for endpoint in ENDPOINTS:
        before = snapshot()
        response = endpoint.request(client, setup)
        where = f"{role} → {endpoint.name}"
        if role in endpoint.allowed:
            expected = 302 if endpoint.effect else 200
            assert response.status_code == expected, where
            if endpoint.effect:
                assert endpoint.effect(setup), where
        else:
            if role == "anonym":
                assert response.status_code == 302, where
                assert response["Location"].startswith(reverse("login")), where
            else:
                assert response.status_code == 403, where
                assert "Du har inte behörighet" in response.content.decode(), where
            assert snapshot() == before, where
