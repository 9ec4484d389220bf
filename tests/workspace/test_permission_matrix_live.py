"""Every role × every attendance action of the live meeting hub, through the real URLs.

The policy (issue 3, item 1; permissions.GRANTS): running the meeting is *run_meeting* —
administratör, nämndsekreterare and ordförande. Once the meeting has ended (sluttid set), a
change is drafting the protokoll: *draft_minutes* as well (administratör, nämndsekreterare).
Everyone else is refused on the server: the public is sent to the sign-in page, a signed-in
user without the right gets 403, and a refused request changes nothing. The § screen's own actions are in test_permission_matrix_recording.py.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from kansli.meetings import live
from kansli.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceRole,
    Meeting,
    MeetingStatus,
    Recusal,
)

from .conftest import ROLES, client_for
from .test_live_attendance_views import build_board, p, snapshot, url

pytestmark = pytest.mark.django_db

RUN_MEETING = {"admin", "sekreterare", "ordforande"}
DRAFT_MINUTES = {"admin", "sekreterare"}


@pytest.fixture
def setting():
    """The running meeting (with a jäv and an övrig närvarande to remove) and a planned one."""
    meeting = build_board()
    live.start_meeting(meeting)
    numbers = live.paragraph_numbers(meeting)
    live.recuse(meeting, p("Göran Lindfors"), numbers[5])
    live.add_other(meeting, "Vera Gäst", "utredare")
    planned = Meeting.objects.create(body=meeting.body, date=meeting.date, place="Lilla salen")
    AgendaItem.objects.create(meeting=planned, order=1, title="Mötets öppnande")
    meeting.refresh_from_db()
    return meeting, planned, numbers


def actions(meeting: Meeting, planned: Meeting, numbers: list[int]):
    """(label, method, url, form, check that it took effect) in an order that works when allowed."""
    recusal = Recusal.objects.get(paragraph__meeting=meeting)
    other = Attendance.objects.get(meeting=meeting, role=AttendanceRole.OTHER)
    fatima, leila = p("Fatima Yilmaz"), p("Leila Mansour")

    def serving(number: int) -> dict[str, str]:
        return {s.name: s.serving_for.name for s in live.serving_at(meeting, number) if s.is_substitute}

    return [
        ("visa", "get", url("live_meeting", meeting), None, lambda r: r.status_code == 200),
        ("öppna", "post", url("live_start", planned), {},
         lambda r: Meeting.objects.get(pk=planned.pk).status == MeetingStatus.HELD),
        ("förslag", "post", url("live_absent", meeting), {"person": fatima.pk, "paragraf": numbers[0]},
         lambda r: r.status_code == 200 and "Kansli föreslår" in r.content.decode() and serving(numbers[0]) == {}),
        ("frånvarande", "post", url("live_absent", meeting),
         {"person": fatima.pk, "paragraf": numbers[0], "bekrafta": "1"},
         lambda r: serving(numbers[0]) == {"Patrik Sandell": "Fatima Yilmaz"}),
        ("byt ersättare", "post", url("live_substitute", meeting),
         {"person": fatima.pk, "ersattare": leila.pk, "paragraf": numbers[1]},
         lambda r: serving(numbers[1]) == {"Leila Mansour": "Fatima Yilmaz"}),
        ("anländer", "post", url("live_arrive", meeting), {"person": fatima.pk, "paragraf": numbers[2]},
         lambda r: "Fatima Yilmaz" in {s.name for s in live.serving_at(meeting, numbers[2])}),
        ("jäv", "post", url("live_recuse", meeting),
         {"person": p("Elin Nordmark").pk, "jav_paragraf": numbers[4]},
         lambda r: Recusal.objects.filter(paragraph__number=numbers[4], name="Elin Nordmark").exists()),
        ("ta bort jäv", "post", url("live_recusal_remove", meeting, recusal.pk), {},
         lambda r: not Recusal.objects.filter(pk=recusal.pk).exists()),
        ("lägg till övrig", "post", url("live_other_add", meeting), {"namn": "Robert Engqvist", "titel": "förvaltningschef"},
         lambda r: Attendance.objects.filter(meeting=meeting, person__name="Robert Engqvist").exists()),
        ("ta bort övrig", "post", url("live_other_remove", meeting, other.pk), {},
         lambda r: not Attendance.objects.filter(pk=other.pk).exists()),
        ("justerare", "post", url("live_adjusters", meeting),
         {"justerare_1": p("Anders Bergqvist").pk, "tid": "om två veckor", "plats": "Kansliet"},
         lambda r: list(Meeting.objects.get(pk=meeting.pk).adjusters.values_list("name", flat=True))
         == ["Anders Bergqvist"]),
        ("ordförande", "post", url("live_chair", meeting), {"person": p("Karin Sjöholm").pk},
         lambda r: Meeting.objects.get(pk=meeting.pk).chair.name == "Karin Sjöholm"
         and not any(m.level_tag == "error" for m in r.wsgi_request._messages)),
        ("avsluta", "post", url("live_end", meeting), {},
         lambda r: Meeting.objects.get(pk=meeting.pk).end is not None),
        # After the end: drafting the protokoll.
        ("efter avslut: visa", "get", url("live_meeting", meeting), None, lambda r: r.status_code == 200),
        ("efter avslut: övrig", "post", url("live_other_add", meeting), {"namn": "Vera Senare", "titel": "ekonom"},
         lambda r: Attendance.objects.filter(meeting=meeting, person__name="Vera Senare").exists()),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_live_attendance_action_for_every_role(role, setting):
    meeting, planned, numbers = setting
    client = client_for(role)
    for label, method, target, form, took_effect in actions(meeting, planned, numbers):
        allowed = role in (DRAFT_MINUTES if label == "efter avslut: övrig" else RUN_MEETING)
        # (the chair ran the meeting and ended it, but does not draft the protokoll)
        before = (snapshot(meeting), snapshot(planned))
        response = getattr(client, method)(target, form) if form is not None else client.get(target)
        if allowed:
            assert response.status_code in (200, 302), (role, label, response.status_code)
            if response.status_code == 302:
                hub = url("live_meeting", planned if label == "öppna" else meeting)
                assert response.url.startswith(hub), (role, label, response.url)
            assert took_effect(response), (role, label)
        else:
            if role == "anonym":
                assert response.status_code == 302, (role, label)
                assert response.url.startswith(resolve_url(settings.LOGIN_URL)), (role, label)
            else:
                assert response.status_code == 403, (role, label)
                assert "Du har inte behörighet att" in response.content.decode(), (role, label)
            assert (snapshot(meeting), snapshot(planned)) == before, (role, label)
