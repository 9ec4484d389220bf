"""The live meeting's attendance (kansli.meetings.live) on the demo's upcoming meeting.

The demo's Vård- och omsorgsnämnd has 11 ledamöter and 11 ersättare (two of them S, in
call-in order Patrik Sandell, Leila Mansour; then M Henrik Dahl, Camilla Forsberg; …).
"""

from __future__ import annotations

import pytest

from kansli.meetings import live
from kansli.meetings.live import AttendanceError
from kansli.meetings.locking import MeetingLocked
from kansli.meetings.models import (
    Adjuster,
    Attendance,
    AttendanceRole,
    Meeting,
    MeetingStatus,
    Motion,
    Recusal,
)
from kansli.organisation.models import (
    Person,
)

from .board import build_board


@pytest.fixture
def meeting(db) -> Meeting:
    return build_board()


@pytest.fixture
def held(meeting) -> Meeting:
    secretary = Person.objects.get(name="Hanna Ekström")
    return live.start_meeting(meeting, secretary=secretary)


@pytest.fixture
def numbers(held) -> list[int]:
    return live.paragraph_numbers(held)


def p(name: str) -> Person:
    return Person.objects.get(name=name)


def names(meeting: Meeting, number: int) -> set[str]:
    return {s.name for s in live.serving_at(meeting, number)}


def serving_for(meeting: Meeting, number: int) -> dict[str, str]:
    """member → substitute serving in the seat at § number."""
    return {s.serving_for.name: s.name for s in live.serving_at(meeting, number) if s.is_substitute}


def snapshot(meeting: Meeting):
    rows = Attendance.objects.filter(meeting=meeting).order_by("pk")
    return (
        [(a.person_id, a.role, a.serving_for_id, a.paragraphs) for a in rows],
        list(Recusal.objects.filter(paragraph__meeting=meeting).values_list("person_id", "paragraph__number")),
        list(Adjuster.objects.filter(meeting=meeting).values_list("person_id", flat=True)),
        Meeting.objects.filter(pk=meeting.pk).values_list("chair_id", "status").get(),
    )


def absent_substitutes(meeting: Meeting, *who: str) -> None:
    for name in who:
        live.mark_absent(meeting, p(name))


ALL_SUBSTITUTES = [
    "Patrik Sandell", "Leila Mansour", "Henrik Dahl", "Camilla Forsberg", "Roger Nyström", "Annika Blom",
    "Oskar Hedlund", "Nadia Rahimi", "Lars-Erik Torstensson", "Ingrid Falk", "Daniel Moberg",
]


# --- opening -------------------------------------------------------------------------------


def test_opening_numbers_every_agenda_item_and_takes_attendance_from_the_memberships(held, numbers):
    items = list(held.agenda_items.order_by("order"))
    assert len(numbers) == len(items) == 9
    assert [i.paragraph.number for i in items] == numbers  # in agenda order, consecutive
    assert numbers == list(range(numbers[0], numbers[0] + 9))
    assert held.status == MeetingStatus.HELD
    assert held.chair.name == "Karin Sjöholm" and held.secretary.name == "Hanna Ekström"
    rows = Attendance.objects.filter(meeting=held)
    by_role = {}
    for row in rows:
        by_role.setdefault(row.role, []).append(row.person.name)
        assert row.paragraphs == []  # the whole meeting
    assert by_role[AttendanceRole.CHAIR] == ["Karin Sjöholm"]
    assert by_role[AttendanceRole.FIRST_VICE_CHAIR] == ["Anders Bergqvist"]
    assert by_role[AttendanceRole.SECOND_VICE_CHAIR] == ["Göran Lindfors"]
    assert len(by_role[AttendanceRole.MEMBER]) == 8
    assert by_role[AttendanceRole.SUBSTITUTE] == ALL_SUBSTITUTES  # in call-in order
    assert AttendanceRole.SERVING_SUBSTITUTE not in by_role
    assert len(names(held, numbers[0])) == 11
    assert live.quorum_at(held, numbers[0]).ok
    # Opening again changes nothing.
    before = snapshot(held)
    live.start_meeting(held)
    assert snapshot(held) == before
    assert live.paragraph_numbers(held) == numbers


def test_changes_before_the_meeting_is_opened_are_refused(meeting):
    with pytest.raises(AttendanceError, match="inte öppnats"):
        live.mark_absent(meeting, p("Fatima Yilmaz"))
    assert not Attendance.objects.filter(meeting=meeting).exists()


# --- substitutes ---------------------------------------------------------------------------


def test_an_absent_member_is_replaced_by_the_first_substitute_of_the_own_party_group(held, numbers):
    proposal = live.preview_absence(held, p("Ahmed Karimi"))
    assert proposal.proposed.name == "Patrik Sandell"
    # The secretary may choose the other S substitute, but not a substitute of another group
    # while one of the own group is free.
    assert [s.name for s in proposal.eligible] == ["Patrik Sandell", "Leila Mansour"]
    assert not Attendance.objects.filter(meeting=held, role=AttendanceRole.SERVING_SUBSTITUTE).exists()

    change = live.mark_absent(held, p("Ahmed Karimi"))
    assert "Patrik Sandell tjänstgör för Ahmed Karimi" in change.message
    assert serving_for(held, numbers[0]) == {"Ahmed Karimi": "Patrik Sandell"}
    assert "Ahmed Karimi" not in names(held, numbers[0])
    row = Attendance.objects.get(meeting=held, person__name="Patrik Sandell")
    assert (row.role, row.serving_for.name, row.paragraphs) == (AttendanceRole.SERVING_SUBSTITUTE, "Ahmed Karimi", [])
    assert not Attendance.objects.filter(meeting=held, person__name="Ahmed Karimi").exists()

    live.mark_absent(held, p("Fatima Yilmaz"))
    # The S substitutes are used up: the chair's seat goes to the first in the general order (M).
    live.mark_absent(held, p("Karin Sjöholm"))
    assert serving_for(held, numbers[0]) == {
        "Ahmed Karimi": "Patrik Sandell", "Fatima Yilmaz": "Leila Mansour", "Karin Sjöholm": "Henrik Dahl",
    }
    assert len(names(held, numbers[-1])) == 11


def test_the_secretary_may_choose_another_eligible_substitute_but_not_against_the_rules(held, numbers):
    before = snapshot(held)
    with pytest.raises(AttendanceError, match="samma partigrupp går före") as refused:
        live.mark_absent(held, p("Fatima Yilmaz"), substitute=p("Henrik Dahl"))
    assert "Patrik Sandell, Leila Mansour" in str(refused.value)
    assert snapshot(held) == before  # nothing saved

    live.mark_absent(held, p("Fatima Yilmaz"), substitute=p("Leila Mansour"))
    assert serving_for(held, numbers[0]) == {"Fatima Yilmaz": "Leila Mansour"}
    # The choice holds when later changes recompute the seats.
    live.mark_absent(held, p("Jonas Ekberg"), numbers[3])
    assert serving_for(held, numbers[5]) == {"Fatima Yilmaz": "Leila Mansour", "Jonas Ekberg": "Nadia Rahimi"}
    # A swap between §§ within the rules.
    live.choose_substitute(held, p("Fatima Yilmaz"), p("Patrik Sandell"), numbers[2])
    assert serving_for(held, numbers[1])["Fatima Yilmaz"] == "Leila Mansour"
    assert serving_for(held, numbers[2])["Fatima Yilmaz"] == "Patrik Sandell"
    assert serving_for(held, numbers[-1])["Fatima Yilmaz"] == "Patrik Sandell"


def test_a_later_own_group_arrival_replaces_an_other_group_substitute_and_a_member_takes_the_seat_back(
    held, numbers
):
    absent_substitutes(held, "Patrik Sandell", "Leila Mansour")
    live.mark_absent(held, p("Fatima Yilmaz"))
    assert serving_for(held, numbers[0]) == {"Fatima Yilmaz": "Henrik Dahl"}  # no S substitute here

    change = live.arrive(held, p("Leila Mansour"), numbers[2])
    assert "Leila Mansour tjänstgör för Fatima Yilmaz" in change.message
    assert serving_for(held, numbers[1]) == {"Fatima Yilmaz": "Henrik Dahl"}
    assert serving_for(held, numbers[2]) == {"Fatima Yilmaz": "Leila Mansour"}
    henrik = {a.role: a.paragraphs for a in Attendance.objects.filter(meeting=held, person__name="Henrik Dahl")}
    assert henrik == {
        AttendanceRole.SERVING_SUBSTITUTE: [[numbers[0], numbers[1]]],
        AttendanceRole.SUBSTITUTE: [[numbers[2], numbers[-1]]],
    }
    leila = Attendance.objects.get(meeting=held, person__name="Leila Mansour")
    assert leila.paragraphs == [[numbers[2], numbers[-1]]]
    # A later own-group substitute higher in the order does not replace an own-group one.
    live.arrive(held, p("Patrik Sandell"), numbers[3])
    assert serving_for(held, numbers[3]) == {"Fatima Yilmaz": "Leila Mansour"}

    live.arrive(held, p("Fatima Yilmaz"), numbers[5])
    assert serving_for(held, numbers[5]) == {}
    assert "Fatima Yilmaz" in names(held, numbers[5]) and "Fatima Yilmaz" not in names(held, numbers[4])
    fatima = Attendance.objects.get(meeting=held, person__name="Fatima Yilmaz")
    assert fatima.paragraphs == [[numbers[5], numbers[-1]]]
    with pytest.raises(AttendanceError, match="redan närvarande"):
        live.arrive(held, p("Fatima Yilmaz"), numbers[6])


def test_a_member_who_leaves_mid_meeting_is_replaced_and_may_not_return(held, numbers):
    change = live.depart(held, p("Jonas Ekberg"), numbers[3])
    assert "lämnar sammanträdet från §" in change.message
    assert "Jonas Ekberg" in names(held, numbers[2])
    assert serving_for(held, numbers[2]) == {}
    assert serving_for(held, numbers[3]) == {"Jonas Ekberg": "Nadia Rahimi"}
    assert Attendance.objects.get(meeting=held, person__name="Jonas Ekberg").paragraphs == [
        [numbers[0], numbers[2]]
    ]
    before = snapshot(held)
    with pytest.raises(AttendanceError, match="får inte tjänstgöra igen"):
        live.arrive(held, p("Jonas Ekberg"), numbers[6])
    assert snapshot(held) == before
    # The serving substitute leaves too: the next one in the general order takes the seat.
    live.depart(held, p("Nadia Rahimi"), numbers[5])
    assert serving_for(held, numbers[5]) == {"Jonas Ekberg": "Patrik Sandell"}


# --- jäv -----------------------------------------------------------------------------------


def test_jav_takes_the_member_out_of_one_paragraph_only(held, numbers):
    third = numbers[2]
    change = live.recuse(held, p("Elin Nordmark"), third, reason="Närstående berörs")
    assert "Henrik Dahl tjänstgör för Elin Nordmark" in change.message
    assert "Elin Nordmark" not in names(held, third)
    assert serving_for(held, third) == {"Elin Nordmark": "Henrik Dahl"}
    for other in (numbers[1], numbers[3], numbers[-1]):
        assert "Elin Nordmark" in names(held, other)
        assert serving_for(held, other) == {}
    assert len(names(held, third)) == 11
    recusal = Recusal.objects.get(paragraph__meeting=held)
    assert (recusal.paragraph.number, recusal.name, recusal.reason) == (third, "Elin Nordmark", "Närstående berörs")
    # Elin stays among the present for the whole meeting; Henrik serves at that § only.
    assert Attendance.objects.get(meeting=held, person__name="Elin Nordmark").paragraphs == []
    henrik = {a.role: a.paragraphs for a in Attendance.objects.filter(meeting=held, person__name="Henrik Dahl")}
    assert henrik == {
        AttendanceRole.SERVING_SUBSTITUTE: [[third, third]],
        AttendanceRole.SUBSTITUTE: [[numbers[0], numbers[1]], [numbers[3], numbers[-1]]],
    }
    with pytest.raises(AttendanceError, match="redan anmält jäv"):
        live.recuse(held, p("Elin Nordmark"), third)

    live.remove_recusal(held, recusal)
    assert "Elin Nordmark" in names(held, third) and serving_for(held, third) == {}


def test_jav_of_a_serving_substitute_does_not_move_the_seat_for_good(held, numbers):
    absent_substitutes(held, "Patrik Sandell")
    live.mark_absent(held, p("Fatima Yilmaz"))
    assert serving_for(held, numbers[0]) == {"Fatima Yilmaz": "Leila Mansour"}
    live.recuse(held, p("Leila Mansour"), numbers[4])
    assert serving_for(held, numbers[4]) == {"Fatima Yilmaz": "Henrik Dahl"}
    assert serving_for(held, numbers[5]) == {"Fatima Yilmaz": "Leila Mansour"}
    assert serving_for(held, numbers[3]) == {"Fatima Yilmaz": "Leila Mansour"}


# --- quorum --------------------------------------------------------------------------------


def test_quorum_is_shown_per_paragraph_and_is_lost_and_regained(held, numbers):
    absent_substitutes(held, *ALL_SUBSTITUTES)
    for name in ("Fatima Yilmaz", "Ahmed Karimi", "Elin Nordmark", "Mikael Strand", "Sofia Wallinder"):
        live.mark_absent(held, p(name))
    q = live.quorum_at(held, numbers[0])
    assert (q.seats, q.serving, q.needed, q.ok) == (11, 6, 6, True)
    live.depart(held, p("Tove Lundell"), numbers[3])
    assert live.quorum_at(held, numbers[2]).ok
    lost = live.quorum_at(held, numbers[3])
    assert (lost.serving, lost.ok) == (5, False)
    assert "inte beslutför" in lost.text
    live.arrive(held, p("Oskar Hedlund"), numbers[5])  # C substitute, serves for a vacant seat
    assert not live.quorum_at(held, numbers[4]).ok
    regained = live.quorum_at(held, numbers[5])
    assert (regained.serving, regained.ok) == (6, True)
    # Jäv counts too: one recused member makes the § not quorate.
    live.recuse(held, p("Jonas Ekberg"), numbers[7])
    assert not live.quorum_at(held, numbers[7]).ok
    assert live.quorum_at(held, numbers[8]).ok


# --- the chair, justerare, övriga -----------------------------------------------------------


def test_a_second_chair_is_refused(held, numbers):
    before = snapshot(held)
    with pytest.raises(AttendanceError, match="redan en ordförande: Karin Sjöholm"):
        live.set_chair(held, p("Anders Bergqvist"))
    assert snapshot(held) == before
    # When the chair is absent the whole meeting, the vice chair leads it.
    live.mark_absent(held, p("Karin Sjöholm"))
    live.set_chair(held, p("Anders Bergqvist"))
    held.refresh_from_db()
    assert held.chair.name == "Anders Bergqvist"
    with pytest.raises(AttendanceError, match="inte ledamot"):
        live.set_chair(held, p("Patrik Sandell"))


def test_adjusters_and_the_time_and_place_of_justering(held, numbers):
    live.set_adjusters(held, [p("Anders Bergqvist"), p("Jonas Ekberg")], time="2026-12-07 kl. 10.00",
                       place="Kommunkansliet")
    held.refresh_from_db()
    assert [a.name for a in held.adjusters.order_by("adjuster__order")] == ["Anders Bergqvist", "Jonas Ekberg"]
    assert (held.adjustment_time, held.adjustment_place) == ("2026-12-07 kl. 10.00", "Kommunkansliet")
    before = snapshot(held)
    with pytest.raises(AttendanceError, match="ordförande"):
        live.set_adjusters(held, [p("Karin Sjöholm")])
    with pytest.raises(AttendanceError, match="varken ledamot eller ersättare"):
        live.set_adjusters(held, [p("Robert Engqvist")])
    with pytest.raises(AttendanceError, match="minst en justerare"):
        live.set_adjusters(held, [])
    live.mark_absent(held, p("Birgitta Holm"))
    with pytest.raises(AttendanceError, match="inte närvarande"):
        live.set_adjusters(held, [p("Anders Bergqvist"), p("Birgitta Holm")])
    assert snapshot(held)[2] == before[2]


def test_others_present_are_added_by_name_and_title(held):
    row = live.add_other(held, "  Robert   Engqvist ", "förvaltningschef")
    assert (row.person.name, row.office, row.role, row.paragraphs) == (
        "Robert Engqvist", "förvaltningschef", AttendanceRole.OTHER, []
    )
    assert row.person == p("Robert Engqvist")  # the existing official, not a copy
    new = live.add_other(held, "Vera Gäst", "utredare")
    assert new.person.title == "utredare"
    count = Attendance.objects.filter(meeting=held).count()
    with pytest.raises(AttendanceError, match="Ange titel"):
        live.add_other(held, "Någon Annan", "")
    with pytest.raises(AttendanceError, match="Ange namnet"):
        live.add_other(held, " ", "ekonom")
    with pytest.raises(AttendanceError, match="ledamot eller ersättare"):
        live.add_other(held, "Jonas Ekberg", "ledamot")
    with pytest.raises(AttendanceError, match="redan bland övriga"):
        live.add_other(held, "Vera Gäst", "utredare")
    assert Attendance.objects.filter(meeting=held).count() == count
    live.remove_other(held, new)
    assert Attendance.objects.filter(meeting=held).count() == count - 1


# --- refusals ------------------------------------------------------------------------------


def test_bad_input_is_refused_in_swedish_and_nothing_is_saved(held, numbers):
    before = snapshot(held)
    with pytest.raises(AttendanceError, match="finns inte i Exempelkommun"):
        live.mark_absent(held, 999_999)
    with pytest.raises(AttendanceError, match="saknas eller är felaktigt angiven"):
        live.mark_absent(held, "abc")
    with pytest.raises(AttendanceError, match="varken ledamot eller ersättare i Vård- och omsorgsnämnden"):
        live.mark_absent(held, p("Robert Engqvist"))
    ks_only = p("Kim Styrelse")
    with pytest.raises(AttendanceError, match="varken ledamot eller ersättare"):
        live.arrive(held, ks_only, numbers[1])
    with pytest.raises(AttendanceError, match=f"§ {numbers[-1] + 5} finns inte"):
        live.mark_absent(held, p("Fatima Yilmaz"), numbers[-1] + 5)
    with pytest.raises(AttendanceError, match="inte ersättare"):
        live.mark_absent(held, p("Fatima Yilmaz"), substitute=p("Jonas Ekberg"))
    with pytest.raises(AttendanceError, match="tjänstgör inte"):
        live.recuse(held, p("Patrik Sandell"), numbers[1])
    live.mark_absent(held, p("Birgitta Holm"))
    after_one = snapshot(held)
    with pytest.raises(AttendanceError, match="inte närvarande"):
        live.mark_absent(held, p("Birgitta Holm"), numbers[2])
    assert snapshot(held) == after_one
    assert after_one[0] != before[0]


def test_a_paragraph_already_decided_cannot_be_changed_by_an_attendance_change(held, numbers):
    first = held.paragraphs.get(number=numbers[0])
    first.decision = "Sammanträdet öppnas."
    first.save()
    assert live.next_number(held) == numbers[1]
    before = snapshot(held)
    with pytest.raises(AttendanceError, match=f"§ {numbers[0]} är redan påbörjad eller beslutad"):
        live.mark_absent(held, p("Fatima Yilmaz"), numbers[0])
    with pytest.raises(AttendanceError, match="jäv ska anmälas innan"):
        live.recuse(held, p("Fatima Yilmaz"), numbers[0])
    assert snapshot(held) == before
    live.mark_absent(held, p("Fatima Yilmaz"), numbers[1])  # between §§: fine
    assert "Fatima Yilmaz" in names(held, numbers[0])
    assert serving_for(held, numbers[1]) == {"Fatima Yilmaz": "Patrik Sandell"}


def test_a_paragraph_being_handled_is_not_changed_either(held, numbers):
    """A § with a motion has begun: substitutes change between matters, never during one."""
    second = held.paragraphs.get(number=numbers[1])
    Motion.objects.create(paragraph=second, by=["Jonas Ekberg"], text="Bifall till förslaget.")
    assert not live.is_decided(second) and live.is_begun(second)
    before = snapshot(held)
    with pytest.raises(AttendanceError, match=f"§ {numbers[1]} är redan påbörjad"):
        live.depart(held, p("Jonas Ekberg"), numbers[1])
    with pytest.raises(AttendanceError, match=f"§ {numbers[1]} är redan påbörjad"):
        live.recuse(held, p("Jonas Ekberg"), numbers[1])
    assert snapshot(held) == before
    change = live.depart(held, p("Jonas Ekberg"), numbers[2])
    assert "Nadia Rahimi tjänstgör för Jonas Ekberg" in change.message
    assert "Jonas Ekberg" in names(held, numbers[1])


def test_the_chair_marked_absent_is_reminded_to_name_who_leads(held, numbers):
    change = live.mark_absent(held, p("Karin Sjöholm"))
    assert "ange vem som leder sammanträdet" in change.message
    assert [q.ok for q in live.quorum_table(held)] == [True] * len(numbers)
    assert {n: len(s) for n, s in live.serving_table(held).items()} == {n: 11 for n in numbers}


def test_a_locked_meeting_is_refused(meeting):
    locked = Meeting.objects.filter(locked=True, attendances__isnull=False).distinct().first()
    member = locked.attendances.filter(role=AttendanceRole.MEMBER).first().person
    before = snapshot(locked)
    for call in (
        lambda: live.start_meeting(locked),
        lambda: live.mark_absent(locked, member),
        lambda: live.add_other(locked, "Vera Gäst", "utredare"),
        lambda: live.set_adjusters(locked, [member]),
    ):
        with pytest.raises(MeetingLocked, match="är justerat och kan inte ändras"):
            call()
    assert snapshot(locked) == before
