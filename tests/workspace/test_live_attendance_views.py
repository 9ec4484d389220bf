"""The live meeting hub (workspace:live_meeting) through the real URLs: attendance, the
substitute proposal, jäv, quorum, övriga närvarande, ordförande and justering.

Uses a small copy of the demo's Vård- och omsorgsnämnd (fictional people) and the demo's
account names, without the slow rest of the demo.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from kansli.demo import data
from kansli.meetings import live
from kansli.meetings.models import (
    Adjuster,
    Attendance,
    AttendanceRole,
    Meeting,
    MeetingStatus,
    Recusal,
)
from kansli.organisation.models import (
    Person,
)
from kansli.workspace.permissions import GROUP_ROLES

from ..meetings import board
from .conftest import client_for

pytestmark = pytest.mark.django_db

#: username → (group, the Person the account belongs to)
ACCOUNTS = {
    "admin": (None, None),
    "registrator": ("Registrator", None),
    "sekreterare": ("Nämndsekreterare", "Hanna Ekström"),
    "ordforande": ("Ordförande", "Karin Sjöholm"),
    "justerare": ("Justerare", "Anders Bergqvist"),
    "ledamot": ("Ledamot/ersättare", "Jonas Ekberg"),
}


def build_board(today: dt.date = dt.date(2026, 11, 23)) -> Meeting:
    """The nämnd from ``tests.meetings.board`` plus the demo's accounts (and utan_roll); returns
    its planned meeting."""
    meeting = board.build_board(today)
    User = get_user_model()
    for group in GROUP_ROLES:
        Group.objects.get_or_create(name=group)
    for username, (group, person) in ACCOUNTS.items():
        user = User.objects.create_user(username, password="x", is_superuser=username == "admin")
        if group:
            user.groups.add(Group.objects.get(name=group))
        if person:
            Person.objects.filter(name=person).update(user=user)
    User.objects.create_user("utan_roll", password="x")
    return meeting


def p(name: str) -> Person:
    return Person.objects.get(name=name)


def url(name: str, meeting: Meeting, *args) -> str:
    return reverse(f"workspace:{name}", args=[meeting.pk, *args])


def snapshot(meeting: Meeting) -> tuple:
    return (
        tuple(Attendance.objects.filter(meeting=meeting).order_by("pk").values_list(
            "person_id", "role", "serving_for_id", "paragraphs", "office"
        )),
        tuple(Recusal.objects.filter(paragraph__meeting=meeting).values_list("person_id", "paragraph__number")),
        tuple(Adjuster.objects.filter(meeting=meeting).values_list("person_id", flat=True)),
        Meeting.objects.filter(pk=meeting.pk).values_list(
            "status", "chair_id", "secretary_id", "end", "adjustment_time", "adjustment_place"
        ).get(),
        meeting.paragraphs.count(),
    )


@pytest.fixture
def meeting() -> Meeting:
    return build_board()


@pytest.fixture
def secretary():
    return client_for("sekreterare")


@pytest.fixture
def held(meeting, secretary) -> Meeting:
    response = secretary.post(url("live_start", meeting))
    assert response.status_code == 302
    meeting.refresh_from_db()
    return meeting


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_opening_the_meeting_and_the_hub(meeting, secretary):
    page = secretary.get(url("live_meeting", meeting))
    assert page.status_code == 200
    assert "Öppna sammanträdet" in page.content.decode()
    response = secretary.post(url("live_start", meeting), follow=True)
    html = response.content.decode()
    assert "Sammanträdet är öppnat" in html
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.secretary.name == "Hanna Ekström"  # the signed-in secretary
    numbers = live.paragraph_numbers(meeting)
    assert len(numbers) == 9
    # Every agenda item links to its § screen.
    for item in meeting.agenda_items.all():
        assert f'href="{reverse("workspace:paragraph_edit", args=[meeting.pk, item.pk])}"' in html
    assert "Karin Sjöholm (S)" in html and "Daniel Moberg (MP)" in html
    assert "beslutför" in html and "11 av 11 ledamöter tjänstgör, 6 krävs" in html
    # The attendance buttons post the person to the action they name.
    assert f'formaction="{url("live_absent", meeting)}" name="person" value="{p("Fatima Yilmaz").pk}"' in html


def test_absent_member_the_proposal_is_shown_and_the_secretary_chooses(held, secretary):
    first = live.paragraph_numbers(held)[0]
    fatima = p("Fatima Yilmaz")
    before = Attendance.objects.filter(meeting=held).count()
    confirm = secretary.post(url("live_absent", held), {"person": fatima.pk, "paragraf": first})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Kansli föreslår att <strong>Patrik Sandell (S)</strong> tjänstgör för Fatima Yilmaz" in html
    assert f'value="{p("Leila Mansour").pk}"' in html and "Henrik Dahl" not in html  # own group first
    assert Attendance.objects.filter(meeting=held).count() == before  # nothing saved yet

    done = secretary.post(
        url("live_absent", held),
        {"person": fatima.pk, "paragraf": first, "bekrafta": "1", "ersattare": p("Leila Mansour").pk},
        follow=True,
    )
    assert "Fatima Yilmaz är frånvarande. Leila Mansour tjänstgör för Fatima Yilmaz." in messages_of(done)
    assert "Leila Mansour (S) för Fatima Yilmaz" in done.content.decode()
    assert {s.name: s.serving_for.name for s in live.serving_at(held, first) if s.is_substitute} == {
        "Leila Mansour": "Fatima Yilmaz"
    }


def test_arrival_departure_and_jav_through_the_hub(held, secretary):
    numbers = live.paragraph_numbers(held)
    jonas, elin = p("Jonas Ekberg"), p("Elin Nordmark")
    # Jonas leaves from the fourth §: proposal page, then confirmed with the proposal.
    page = secretary.post(url("live_absent", held), {"person": jonas.pk, "paragraf": numbers[3]})
    assert "Jonas Ekberg lämnar sammanträdet från §" in page.content.decode()
    secretary.post(url("live_absent", held), {"person": jonas.pk, "paragraf": numbers[3], "bekrafta": "1",
                                               "ersattare": p("Nadia Rahimi").pk})
    assert "Jonas Ekberg" not in {s.name for s in live.serving_at(held, numbers[3])}
    refused = secretary.post(url("live_arrive", held), {"person": jonas.pk, "paragraf": numbers[6]}, follow=True)
    assert any("får inte tjänstgöra igen" in m for m in messages_of(refused))

    response = secretary.post(
        url("live_recuse", held), {"person": elin.pk, "jav_paragraf": numbers[2], "skal": "Närstående"}, follow=True
    )
    assert any("Elin Nordmark anmäler jäv och deltar inte i §" in m for m in messages_of(response))
    assert "Elin Nordmark" not in {s.name for s in live.serving_at(held, numbers[2])}
    assert "Elin Nordmark" in {s.name for s in live.serving_at(held, numbers[3])}
    recusal = Recusal.objects.get(paragraph__meeting=held)
    secretary.post(url("live_recusal_remove", held, recusal.pk))
    assert not Recusal.objects.filter(paragraph__meeting=held).exists()

    page = secretary.get(url("live_meeting", held) + f"?paragraf={numbers[5]}")
    assert "Nadia Rahimi (V) för Jonas Ekberg" in page.content.decode()


def test_quorum_badge_when_the_seats_are_empty(held, secretary):
    for name in [*(n for n, _ in data.VON_SUBSTITUTES), *(n for n, _, _ in data.VON_MEMBERS[3:9])]:
        live.mark_absent(held, p(name))
    html = secretary.get(url("live_meeting", held)).content.decode()
    assert "inte beslutför" in html and "5 av 11 ledamöter tjänstgör, 6 krävs" in html


def test_others_chair_and_justering_through_the_hub(held, secretary):
    added = secretary.post(url("live_other_add", held), {"namn": "Robert Engqvist", "titel": "förvaltningschef"},
                           follow=True)
    assert "Robert Engqvist, förvaltningschef" in added.content.decode()
    other = Attendance.objects.get(meeting=held, role=AttendanceRole.OTHER)
    secretary.post(url("live_other_remove", held, other.pk))
    assert not Attendance.objects.filter(meeting=held, role=AttendanceRole.OTHER).exists()

    second_chair = secretary.post(url("live_chair", held), {"person": p("Anders Bergqvist").pk}, follow=True)
    assert any("redan en ordförande: Karin Sjöholm" in m for m in messages_of(second_chair))
    held.refresh_from_db()
    assert held.chair.name == "Karin Sjöholm"

    done = secretary.post(url("live_adjusters", held), {
        "justerare_1": p("Anders Bergqvist").pk, "justerare_2": "", "tid": "2026-12-07 kl. 10.00",
        "plats": "Kommunkansliet",
    }, follow=True)
    assert "Anders Bergqvist utses att justera protokollet." in messages_of(done)
    held.refresh_from_db()
    assert list(held.adjusters.values_list("name", flat=True)) == ["Anders Bergqvist"]
    assert held.adjustment_place == "Kommunkansliet"


def test_bad_input_gives_a_swedish_message_and_saves_nothing(held, secretary):
    numbers = live.paragraph_numbers(held)
    before = snapshot(held)
    cases = [
        ("live_absent", {"person": 999_999, "paragraf": numbers[0]}, "finns inte i Exempelkommun"),
        ("live_absent", {"person": p("Robert Engqvist").pk, "paragraf": numbers[0]}, "varken ledamot eller ersättare"),
        ("live_arrive", {"person": p("Kim Styrelse").pk, "paragraf": numbers[1]}, "varken ledamot eller ersättare"),
        ("live_absent", {"person": p("Fatima Yilmaz").pk, "paragraf": "x"}, "Välj från vilken paragraf"),
        ("live_absent", {"person": p("Fatima Yilmaz").pk, "paragraf": numbers[-1] + 3}, "finns inte på det här"),
        ("live_absent", {"person": p("Fatima Yilmaz").pk, "paragraf": numbers[0], "bekrafta": "1",
                         "ersattare": p("Henrik Dahl").pk}, "samma partigrupp går före"),
        ("live_substitute", {"person": p("Fatima Yilmaz").pk, "ersattare": p("Patrik Sandell").pk,
                             "paragraf": numbers[0]}, "ingen ersättare behövs"),
        ("live_recuse", {"person": p("Patrik Sandell").pk, "jav_paragraf": numbers[0]}, "tjänstgör inte"),
        ("live_recuse", {"person": p("Elin Nordmark").pk}, "Välj i vilken paragraf"),
        ("live_other_add", {"namn": "", "titel": "ekonom"}, "Ange namnet"),
        ("live_adjusters", {"justerare_1": p("Karin Sjöholm").pk}, "är ordförande"),
        ("live_adjusters", {"justerare_1": "abc"}, "felaktigt angiven"),
        ("live_chair", {"person": p("Patrik Sandell").pk}, "inte ledamot"),
    ]
    for name, form, expected in cases:
        response = secretary.post(url(name, held), form, follow=True)
        assert response.status_code == 200, name
        shown = messages_of(response)
        assert any(expected in m for m in shown), (name, form, shown)
        assert snapshot(held) == before, (name, form)
    assert secretary.post(url("live_recusal_remove", held, 999_999), follow=True).status_code == 200
    assert snapshot(held) == before


def test_a_decided_paragraph_is_not_changed_from_the_hub(held, secretary):
    numbers = live.paragraph_numbers(held)
    first = held.paragraphs.get(number=numbers[0])
    first.decision = "Sammanträdet förklaras öppnat."
    first.save()
    before = snapshot(held)
    response = secretary.post(url("live_absent", held), {"person": p("Fatima Yilmaz").pk, "paragraf": numbers[0],
                                                          "bekrafta": "1"}, follow=True)
    assert any(f"§ {numbers[0]} är redan påbörjad eller beslutad" in m for m in messages_of(response))
    assert snapshot(held) == before
    page = secretary.get(url("live_meeting", held)).content.decode()
    assert f'<option value="{numbers[1]}" selected>' in page  # changes default to the next §


def test_a_locked_meeting_is_shown_but_not_changed(meeting, secretary):
    locked = Meeting.objects.get(locked=True)
    page = secretary.get(url("live_meeting", locked))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Protokollet är justerat och kan inte ändras." in html
    assert "Frånvarande/lämnar" not in html
    before = snapshot(locked)
    member = locked.attendances.filter(role=AttendanceRole.MEMBER).first().person
    for name, form in (
        ("live_absent", {"person": member.pk, "paragraf": live.paragraph_numbers(locked)[0]}),
        ("live_other_add", {"namn": "Vera Gäst", "titel": "utredare"}),
        ("live_start", {}),
    ):
        response = secretary.post(url(name, locked), form, follow=True)
        assert any("är justerat och kan inte ändras" in m for m in messages_of(response)), name
    assert snapshot(locked) == before


def test_the_hub_is_usable_without_javascript_and_labels_every_field(held, secretary):
    html = secretary.get(url("live_meeting", held)).content.decode()
    assert "<script" not in html
    import re

    for field_id in re.findall(r'<(?:select|input) id="([^"]+)"', html):
        assert f'<label for="{field_id}"' in html, field_id
