"""Recording a meeting § by § (kansli.meetings.recording): numbering, votes, dissents,
statements, immediate adjustment and locks — against the real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kansli.cases.models import CaseSeries
from kansli.cases.services import register_case
from kansli.meetings import live, recording
from kansli.meetings.conversion import meeting_to_minutes
from kansli.meetings.locking import MeetingLocked, adjust_meeting
from kansli.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    Ballot,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    Paragraph,
    Recusal,
    StatementKind,
    Vote,
)
from kansli.organisation.models import Body, Membership, Municipality, Party, Person, Term
from kansli.writing.html import render_minutes_html

pytestmark = pytest.mark.django_db

PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]


def build_body(members: int = 101, name: str = "Kommunfullmäktige") -> Body:
    """A fictional body with ``members`` members (ledamot 1 is ordförande, 2 is 1:e vice)."""
    town, _ = Municipality.objects.get_or_create(name="Provstad")
    body = Body.objects.create(municipality=town, name=name)
    term, _ = Term.objects.get_or_create(
        municipality=town, start=dt.date(2026, 1, 1), defaults={"end": dt.date(2029, 12, 31)}
    )
    parties = [Party.objects.get_or_create(municipality=town, short_name=p)[0] for p in PARTIES]
    offices = {0: "chair", 1: "first_vice_chair"}
    for i in range(members):
        person = Person.objects.create(
            municipality=town, name=f"{name[:4]} Ledamot {i + 1:03d}", party=parties[i % len(parties)]
        )
        Membership.objects.create(person=person, body=body, term=term, office=offices.get(i, ""))
    return body


def build_meeting(body: Body, day: dt.date, items: int = 2, *, start: bool = True) -> Meeting:
    """A meeting of ``body`` with ``items`` cases on the agenda; ``start`` opens it the way the
    live hub does (live.start_meeting: a § per item, every member present and serving)."""
    meeting = Meeting.objects.create(body=body, date=day, status=MeetingStatus.NOTICE_SENT)
    series, _ = CaseSeries.objects.get_or_create(
        municipality=body.municipality, body=body, code=body.name[:3].upper(), defaults={"name": body.name}
    )
    for i in range(items):
        case = register_case(series, f"Ärende {i + 1} den {day}")
        AgendaItem.objects.create(
            meeting=meeting, order=i + 1, title=case.title, case=case, kind=AgendaItemKind.CASE,
            proposed_decision=f"Förslag {i + 1}: nämnden bifaller förvaltningens förslag.",
        )
    if start:
        live.start_meeting(meeting)
        meeting.refresh_from_db()
    return meeting


def people(body: Body) -> list[Person]:
    return [m.person for m in body.memberships.select_related("person").order_by("pk")]


def take_all(meeting: Meeting) -> list[Paragraph]:
    return [recording.take_up(item)[0] for item in meeting.agenda_items.order_by("order")]


@pytest.fixture
def council():
    return build_body(101)


@pytest.fixture
def small():
    return build_body(5, name="Tekniska nämnden")


# --- taking up items: numbering ----------------------------------------------------------------


def test_taking_up_items_numbers_continuously_per_body_and_year_across_meetings(small):
    other = build_body(3, name="Kulturnämnden")
    march = build_meeting(small, dt.date(2026, 3, 5), items=3, start=False)
    may = build_meeting(small, dt.date(2026, 5, 7), items=2, start=False)
    other_may = build_meeting(other, dt.date(2026, 5, 7), items=1, start=False)
    january = build_meeting(small, dt.date(2027, 1, 14), items=2, start=False)

    assert [p.number for p in take_all(march)] == [1, 2, 3]
    assert [p.number for p in take_all(may)] == [4, 5]
    assert [p.number for p in take_all(other_may)] == [1]
    assert [(p.year, p.number) for p in take_all(january)] == [(2027, 1), (2027, 2)]

    # taking the same item up again gives the same §, not a new number
    item = may.agenda_items.get(order=2)
    again, created = recording.take_up(item)
    assert not created and again.number == 5
    assert Paragraph.objects.filter(body=small, year=2026).count() == 5

    # the § copies the item: title, case, diarienummer, proposed decision
    assert again.title == item.title
    assert again.case_id == item.case_id
    assert again.case_number == item.case.case_number != ""
    assert again.proposed_decision == item.proposed_decision


def test_taking_up_an_item_of_an_adjusted_meeting_is_refused(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=2, start=False)
    recording.take_up(meeting.agenda_items.get(order=1))
    meeting.status = MeetingStatus.HELD
    meeting.save()
    adjust_meeting(meeting, dt.date(2026, 3, 10))
    with pytest.raises(MeetingLocked, match="justerat"):
        recording.take_up(meeting.agenda_items.get(order=2))
    assert meeting.paragraphs.count() == 1


# --- votes -------------------------------------------------------------------------------------


def test_vote_totals_and_outcome_for_101_members(council):
    meeting = build_meeting(council, dt.date(2026, 11, 23), items=1)
    (paragraph,) = take_all(meeting)
    members = people(council)
    ballots = {p.pk: "ja" for p in members}
    for p in members[:40]:
        ballots[p.pk] = "nej"
    for p in members[40:43]:
        ballots[p.pk] = "avstår"

    vote = recording.record_vote(
        paragraph, ballots, yes_means="ordförandens förslag", no_means="Ledamot 002s yrkande"
    )
    assert (vote.yes, vote.no, vote.abstain) == (58, 40, 3)
    assert vote.outcome == "ordförandens förslag"
    assert vote.casting_vote_by == ""
    stored = list(vote.ballots.order_by("order"))
    assert len(stored) == 101
    assert [b.person_id for b in stored] == [p.pk for p in members]
    assert stored[0].choice == "no" and stored[41].choice == "abstain" and stored[100].choice == "yes"
    assert stored[3].party == members[3].party.short_name


def test_a_tie_is_decided_by_the_chairs_casting_vote(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    chair, vice, a, b, c = people(small)
    # 2–2 with one abstention; the chair votes nej, so nej wins
    vote = recording.record_vote(
        paragraph, {chair.pk: "nej", vice.pk: "ja", a.pk: "ja", b.pk: "nej", c.pk: "avstår"},
        yes_means="förslaget till beslut", no_means="avslag",
    )
    assert (vote.yes, vote.no, vote.abstain) == (2, 2, 1)
    assert vote.outcome == "avslag"
    assert vote.casting_vote_by == chair.name

    # the chair who abstains on a tie is told to decide; nothing is saved
    with pytest.raises(ValidationError, match="utslagsröst"):
        recording.record_vote(
            paragraph, {chair.pk: "avstår", vice.pk: "ja", a.pk: "ja", b.pk: "nej", c.pk: "nej"},
            yes_means="förslaget till beslut", no_means="avslag",
        )
    assert Vote.objects.filter(paragraph=paragraph).count() == 1


def test_with_the_chair_recused_the_first_vice_chair_has_the_casting_vote(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    chair, vice, a, b, c = people(small)
    Recusal.objects.create(paragraph=paragraph, name=chair.name, person=chair)
    vote = recording.record_vote(
        paragraph, {vice.pk: "ja", a.pk: "ja", b.pk: "nej", c.pk: "nej"},
        yes_means="förslaget", no_means="avslag",
    )
    assert vote.casting_vote_by == vice.name and vote.outcome == "förslaget"


def test_a_vote_for_someone_not_serving_is_refused_and_nothing_is_saved(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=2)
    first, second = take_all(meeting)
    chair, vice, a, b, c = people(small)
    outsider = Person.objects.create(municipality=small.municipality, name="Utomstående Person")
    ok = {chair.pk: "ja", vice.pk: "ja", a.pk: "nej", b.pk: "ja", c.pk: "ja"}
    vote = recording.record_vote(first, ok, yes_means="förslaget", no_means="avslag")
    before = list(Ballot.objects.filter(vote=vote).values_list("person_id", "choice"))

    # someone who is not a member at all, as a correction of the stored vote
    with pytest.raises(ValidationError, match="Utomstående Person tjänstgör inte vid § 1"):
        recording.record_vote(first, {**ok, a.pk: "ja", outsider.pk: "nej"}, yes_means="förslaget",
                              no_means="avslag", vote=vote)
    vote.refresh_from_db()
    assert (vote.yes, vote.no) == (4, 1)
    assert list(Ballot.objects.filter(vote=vote).values_list("person_id", "choice")) == before

    # a member recused at § 2 does not serve there
    Recusal.objects.create(paragraph=second, name=b.name, person=b)
    with pytest.raises(ValidationError, match=f"{b.name} tjänstgör inte vid § 2"):
        recording.record_vote(second, ok, yes_means="förslaget", no_means="avslag")
    # a member who left after § 1
    Attendance.objects.filter(meeting=meeting, person=c).update(paragraphs=[[1, 1]])
    ok_without_b = {k: v for k, v in ok.items() if k != b.pk}
    with pytest.raises(ValidationError, match=f"{c.name} tjänstgör inte vid § 2"):
        recording.record_vote(second, ok_without_b, yes_means="förslaget", no_means="avslag")
    assert not Vote.objects.filter(paragraph=second).exists()

    # and a serving member without a ballot is refused too
    with pytest.raises(ValidationError, match=f"Röst saknas för {a.name}"):
        recording.record_vote(second, {chair.pk: "ja", vice.pk: "ja"}, yes_means="förslaget", no_means="avslag")
    # what serves at § 2 now: chair, vice, a
    vote2 = recording.record_vote(second, {chair.pk: "ja", vice.pk: "nej", a.pk: "nej"},
                                  yes_means="förslaget", no_means="avslag")
    assert (vote2.yes, vote2.no, vote2.outcome) == (1, 2, "avslag")


def test_a_vote_needs_both_proposals_named(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    with pytest.raises(ValidationError, match="ja betyder"):
        recording.record_vote(paragraph, {p.pk: "ja" for p in people(small)}, yes_means="", no_means="avslag")
    with pytest.raises(ValidationError, match="Ogiltig röst"):
        recording.record_vote(paragraph, {p.pk: "kanske" for p in people(small)}, yes_means="a", no_means="b")
    assert not Vote.objects.exists()


# --- motions, dissents, statements, recipients ------------------------------------------------------


def test_dissents_and_statements_appear_in_the_rendered_draft(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    chair, vice, a, b, c = people(small)
    recording.update_text(
        paragraph, decision="Nämnden beslutar", decision_clauses="att bifalla förslaget\natt uppdra åt förvaltningen",
        order_of_questions=["Ordföranden ställer proposition på förslagen och finner att nämnden bifaller förslaget."],
    )
    motion = recording.add_motion(paragraph, [a.name], "avslag på förslaget")
    assert recording.motion_label(motion) == f"{a.name}s yrkande"
    recording.add_motion(paragraph, [vice.name, "Gäst Talare"], "bifall till förslaget")
    withdrawn = recording.add_motion(paragraph, [b.name], "återremiss", kind="referral_back")
    recording.set_motion_withdrawn(withdrawn)
    dissent = recording.add_dissent(paragraph, [a.name, b.name], in_favour_of=recording.motion_label(motion))
    assert not dissent.written
    recording.add_statement(paragraph, StatementKind.MINUTES_NOTE, [c.name], "Vi vill att frågan följs upp.")
    recording.add_statement(paragraph, StatementKind.SPECIAL_STATEMENT, [vice.name])
    recording.set_recipients(paragraph, "Förvaltningen\nRevisionen\n\nFörvaltningen")

    html = render_minutes_html(meeting_to_minutes(meeting), draft=True)
    assert "Utkast" in html
    assert "att uppdra åt förvaltningen" in html
    assert "Propositionsordning" in html
    assert f"{a.name}s yrkande" in html
    assert "reserverar sig mot beslutet till förmån för" in html
    assert "protokollsanteckning" in html and "särskilt yttrande" in html
    assert "Beslutet skickas till" in html and html.count("<li>Förvaltningen</li>") == 1
    assert "återremiss" not in html.split("Yrkanden")[1].split("Reservation")[0]  # withdrawn: not printed

    # the written reasoning arrives later (before justering) and is printed with it
    assert recording.pending_written_dissents(meeting) == [dissent]
    recording.set_dissent_text(dissent, "Vi anser att förslaget är för dyrt.")
    assert recording.pending_written_dissents(meeting) == []
    dissent.refresh_from_db()
    assert dissent.written
    html = render_minutes_html(meeting_to_minutes(meeting), draft=True)
    assert "Vi anser att förslaget är för dyrt." in html


def test_a_dissent_only_by_those_who_took_part_and_only_during_the_meeting(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    chair, vice, a, b, c = people(small)
    Recusal.objects.create(paragraph=paragraph, name=c.name, person=c)
    with pytest.raises(ValidationError, match=f"Endast den som deltagit i beslutet.*{c.name}"):
        recording.add_dissent(paragraph, [a.name, c.name])
    assert not Dissent.objects.exists()

    announced = recording.add_dissent(paragraph, [a.name])
    assert meeting.status == MeetingStatus.HELD  # opened: the meeting runs, dissents are announced
    meeting.end = dt.time(19, 30)  # the meeting is closed
    meeting.save()
    with pytest.raises(ValidationError, match="innan sammanträdet avslutas"):
        recording.add_dissent(paragraph, [b.name])
    # the written reasoning of one announced in time may still be added
    recording.set_dissent_text(announced, "Skriftlig motivering.")
    assert Dissent.objects.get().written


def test_motion_and_statement_input_is_checked(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    with pytest.raises(ValidationError, match="vem som yrkar"):
        recording.add_motion(paragraph, ["  "], "avslag")
    with pytest.raises(ValidationError, match="vad som yrkas"):
        recording.add_motion(paragraph, ["Någon"], " ")
    with pytest.raises(ValidationError, match="protokollsanteckning"):
        recording.add_statement(paragraph, StatementKind.MINUTES_NOTE, [])
    with pytest.raises(ValidationError, match="rubrik"):
        recording.update_text(paragraph, title=" ")
    paragraph.refresh_from_db()
    assert paragraph.title and not Motion.objects.exists()


# --- omedelbar justering and locks ---------------------------------------------------------------


def test_immediate_adjustment_locks_that_paragraph_only(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=2)
    first, second = take_all(meeting)
    chair, vice, a, b, c = people(small)
    dissent = recording.add_dissent(first, [a.name])

    with pytest.raises(ValidationError, match="saknar beslut"):
        recording.adjust_immediately(first)
    recording.update_text(first, decision="Nämnden bifaller förslaget.")
    recording.adjust_immediately(first)
    first.refresh_from_db()
    assert first.locked and first.immediately_adjusted

    refused = [
        lambda: recording.update_text(first, decision="Ändrat"),
        lambda: recording.add_motion(first, [a.name], "avslag"),
        lambda: recording.record_vote(first, {p.pk: "ja" for p in people(small)}, yes_means="a", no_means="b"),
        lambda: recording.add_dissent(first, [b.name]),
        lambda: recording.set_dissent_text(dissent, "För sent"),
        lambda: recording.add_statement(first, StatementKind.MINUTES_NOTE, [c.name]),
        lambda: recording.set_recipients(first, "Någon"),
        lambda: recording.delete_part(dissent),
        lambda: recording.adjust_immediately(first),
    ]
    for attempt in refused:
        with pytest.raises(MeetingLocked, match="§ 1/2026 är omedelbart justerad"):
            attempt()
    first.refresh_from_db()
    assert first.decision == "Nämnden bifaller förslaget."
    assert not first.motions.exists() and not first.votes.exists() and first.dissents.count() == 1

    # the next § is still open
    recording.update_text(second, decision="Nämnden beslutar enligt förslaget.")
    recording.add_motion(second, [a.name], "avslag")
    assert meeting.paragraphs.filter(locked=True).count() == 1
    html = render_minutes_html(meeting_to_minutes(meeting), draft=True)
    assert "Paragrafen justeras omedelbart." in html


def test_everything_is_refused_once_the_meeting_is_adjusted(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    motion = recording.add_motion(paragraph, ["Någon"], "avslag")
    adjust_meeting(meeting, dt.date(2026, 3, 12))
    for attempt in (
        lambda: recording.update_text(paragraph, summary="Ny text"),
        lambda: recording.set_motion_withdrawn(motion),
        lambda: recording.add_statement(paragraph, StatementKind.MINUTES_NOTE, ["Någon"]),
        lambda: recording.adjust_immediately(paragraph),
    ):
        with pytest.raises(MeetingLocked, match="är justerat och kan inte ändras"):
            attempt()
    motion.refresh_from_db()
    assert not motion.withdrawn


def test_a_suggested_order_of_questions_names_the_proposals_and_the_outcome(small):
    meeting = build_meeting(small, dt.date(2026, 3, 5), items=1)
    (paragraph,) = take_all(meeting)
    chair, vice, a, b, c = people(small)
    assert recording.suggest_order_of_questions(paragraph) == []
    recording.add_motion(paragraph, [vice.name], "bifall till förslaget")  # supports the proposal
    assert recording.suggest_order_of_questions(paragraph) == []
    recording.add_motion(paragraph, [a.name, b.name], "avslag")
    (sentence,) = recording.suggest_order_of_questions(paragraph)
    assert sentence == (
        f"Ordföranden ställer först proposition på förslaget till beslut och därefter på "
        f"{a.name} och {b.name}s yrkande och finner att tekniska nämnden beslutar enligt förslaget till beslut."
    )
    recording.record_vote(paragraph, {chair.pk: "nej", vice.pk: "ja", a.pk: "nej", b.pk: "nej", c.pk: "ja"},
                          yes_means="förslaget till beslut", no_means=f"{a.name} och {b.name}s yrkande")
    (sentence,) = recording.suggest_order_of_questions(paragraph)
    assert sentence.endswith(f"beslutar enligt {a.name} och {b.name}s yrkande.")
