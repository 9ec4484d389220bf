import datetime as dt

import pytest

from kansli.audit.models import AuditEntry
from kansli.cases.models import Case
from kansli.demo import load_demo
from kansli.meetings.conversion import ConversionError, meeting_to_minutes, minutes_to_meeting
from kansli.meetings.models import (
    Attendance,
    Ballot,
    Meeting,
    MeetingStatus,
    Motion,
    Paragraph,
    Vote,
)
from kansli.minutes import (
    Ballot as MBallot,
)
from kansli.minutes import (
    BodyKind,
    Choice,
    Dissent,
    DocumentKind,
    Item,
    Minutes,
    MotionKind,
    ParagraphRange,
    Participant,
    Recusal,
    Role,
    Source,
    Statement,
    StatementKind,
    dumps,
    loads,
)
from kansli.minutes import Meeting as MMeeting
from kansli.minutes import (
    Motion as MMotion,
)
from kansli.minutes import Vote as MVote
from kansli.organisation.models import Body, Municipality, Party, Person

pytestmark = pytest.mark.django_db


def full_minutes() -> Minutes:
    """A record with every field of every dataclass set to a non-default value."""
    return Minutes(
        kind=DocumentKind.MINUTES,
        municipality="Provkommun",
        body="Provnämndens arbetsutskott",
        body_kind=BodyKind.SUBCOMMITTEE,
        meeting=MMeeting(
            date=dt.date(2026, 4, 9), start=dt.time(9, 0), end=dt.time(11, 30, 15),
            place="Rum 3", remote_participation=True, adjournments=["10.00–10.10", "10.40–10.45"],
        ),
        chair="Ada Ek",
        secretary="Sam Sekr",
        adjusters=["Cy Ur", "Bo Al"],
        adjusted=dt.date(2026, 4, 14),
        adjustment_place="Kansliet",
        adjustment_time="2026-04-14 kl. 08.30",
        notice_posted=dt.date(2026, 4, 15),
        notice_removed=dt.date(2026, 5, 7),
        minutes_kept_at="Kansliet",
        invitation_sent=dt.date(2026, 4, 2),
        participants=[
            Participant("Ada Ek", "S", Role.CHAIR, remote=False),
            Participant("Bo Al", "M", Role.FIRST_VICE_CHAIR, paragraphs=[ParagraphRange(5, 6)], remote=True),
            Participant("Cy Ur", "SD", Role.SECOND_VICE_CHAIR),
            Participant("Di Ox", "C", Role.MEMBER, paragraphs=[ParagraphRange(5, 5), ParagraphRange(7, 7)]),
            Participant("Ed Yl", "C", Role.SERVING_SUBSTITUTE, serving_for="Di Ox",
                        paragraphs=[ParagraphRange(6, 6)], remote=False),
            Participant("Fi Ny", "LP", Role.SUBSTITUTE, remote=True),
            Participant("Sam Sekr", None, Role.OTHER, office="sekreterare"),
        ],
        items=[
            Item(number=5, title="Budget", year=2026, case_number="PN/2026:00003", decision="Bifall.",
                 decision_clauses=["att godkänna", "att uppdra"], proposed_decision="Godkänn.",
                 summary="Kort.", decision_basis=["Tjänsteskrivelse", "Bilaga"], deliberation="Debatt.",
                 motions=[MMotion(["Ada Ek"], "Bifall.", MotionKind.MAIN),
                          MMotion(["Bo Al", "Cy Ur"], "Återremiss.", MotionKind.REFERRAL_BACK, withdrawn=True)],
                 order_of_questions=["Först återremiss.", "Sedan sak."],
                 votes=[MVote(yes=2, no=1, abstain=1, absent=0, question="Ja för bifall.", yes_means="bifall",
                              no_means="avslag", outcome="bifall", casting_vote_by="Ada Ek",
                              ballots=[MBallot("Ada Ek", Choice.YES, "S"),
                                       MBallot("Bo Al", Choice.NO, "M"),
                                       MBallot("Cy Ur", Choice.ABSTAIN, "SD"),
                                       MBallot("Di Ox", Choice.YES, "C"),
                                       MBallot("Okänd Person", Choice.ABSENT, None, serving_for="Di Ox")])],
                 reservations=[Dissent(["Bo Al"], "Fel prioritering.", written=True, in_favour_of="avslag")],
                 statements=[Statement(StatementKind.SPECIAL_STATEMENT, ["Cy Ur"], "Yttrande."),
                             Statement(StatementKind.MINUTES_NOTE, ["Fi Ny"], "Anteckning.")],
                 recusals=[Recusal("Di Ox", "Närstående.")],
                 recipients=["Kommunstyrelsen", "Ekonomi"], immediately_adjusted=True, secret=True),
            Item(number=6, title="Övrigt", year=2026),
            Item(number=7, title="Sekretess", year=2026, secret=True, recusals=[Recusal("Extern Namn")]),
        ],
        source=Source(file="protokoll.pdf", sha256="ab" * 32, pages=[1, 2, 3], ocr_pages=[2]),
    )


def test_every_field_of_a_hand_built_record_survives_the_database():
    original = full_minutes()
    meeting = minutes_to_meeting(original)
    assert meeting_to_minutes(Meeting.objects.get(pk=meeting.pk)) == original
    # and the rows are real, linked rows
    body = Body.objects.get(name="Provnämndens arbetsutskott")
    assert body.kind == "subcommittee" and body.municipality.name == "Provkommun"
    assert meeting.status == MeetingStatus.ADJUSTED
    assert Person.objects.get(name="Bo Al").party.short_name == "M"
    assert Person.objects.get(name="Sam Sekr").party is None
    assert meeting.chair.name == "Ada Ek" and meeting.secretary.name == "Sam Sekr"
    assert list(Paragraph.objects.filter(meeting=meeting).values_list("number", flat=True)) == [5, 6, 7]
    assert Ballot.objects.get(name="Bo Al").person == Person.objects.get(name="Bo Al")
    assert Ballot.objects.get(name="Okänd Person").person is None  # ballots link, never invent people
    assert not Person.objects.filter(name__in=["Okänd Person", "Extern Namn"]).exists()
    serving = Attendance.objects.get(person__name="Ed Yl")
    assert serving.serving_for.name == "Di Ox" and serving.paragraphs == [[6, 6]]


def test_importing_links_to_existing_people_parties_and_cases():
    from kansli.cases.models import CaseSeries
    from kansli.cases.services import register_case

    town = Municipality.objects.create(name="Provkommun")
    s = Party.objects.create(municipality=town, short_name="S")
    ada = Person.objects.create(municipality=town, name="Ada Ek", party=s)
    series = CaseSeries.objects.create(municipality=town, code="PN")
    for _ in range(3):
        register_case(series, "Ärende", registered=dt.date(2026, 2, 1))
    meeting = minutes_to_meeting(full_minutes())
    assert meeting.chair == ada
    assert Person.objects.filter(name="Ada Ek").count() == 1
    assert Party.objects.filter(municipality=town, short_name="S").count() == 1
    assert Paragraph.objects.get(meeting=meeting, number=5).case == Case.objects.get(case_number="PN/2026:00003")


def test_a_failure_halfway_leaves_nothing_behind():
    broken = full_minutes()
    # the third § has no number: found only after municipality, body, persons, meeting,
    # attendance and two paragraphs have been written
    broken.items[2].number = None
    before = AuditEntry.objects.count()
    with pytest.raises(ConversionError, match="saknar paragrafnummer"):
        minutes_to_meeting(broken)
    for model in (Municipality, Body, Party, Person, Meeting, Attendance, Paragraph, Motion, Vote, Ballot):
        assert not model.objects.exists(), model
    assert AuditEntry.objects.count() == before


def test_a_duplicate_ballot_rolls_everything_back():
    broken = full_minutes()
    vote = broken.items[0].votes[0]
    vote.ballots.append(MBallot("Ada Ek", Choice.NO, "S"))  # the same person twice in one vote
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError from the unique constraint
        minutes_to_meeting(broken)
    assert not Municipality.objects.exists() and not Meeting.objects.exists()


def test_the_same_meeting_is_not_imported_twice():
    minutes_to_meeting(full_minutes())
    with pytest.raises(ConversionError, match="redan ett sammanträde"):
        minutes_to_meeting(full_minutes())
    assert Meeting.objects.count() == 1


def test_missing_body_or_date_are_refused_in_swedish():
    with pytest.raises(ConversionError, match="Organet"):
        minutes_to_meeting(Minutes(municipality="Provkommun"))
    with pytest.raises(ConversionError, match="datum"):
        minutes_to_meeting(Minutes(municipality="Provkommun", body="Provnämnden"))
    assert not Municipality.objects.exists()


def test_demo_meeting_round_trips_through_the_minutes_model(media_root):
    load_demo(today=dt.date(2026, 11, 23), lock=False)  # unlocked, so it can be deleted and rebuilt
    held = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    first = meeting_to_minutes(held)
    assert len(first.items) >= 8 and first.adjusted is not None
    text = dumps(first)  # the JSON form is lossless too
    assert loads(text) == first

    held_pk = held.pk
    Meeting.objects.filter(pk=held_pk).delete()
    persons_before = Person.objects.count()
    again = minutes_to_meeting(loads(text))
    assert again.pk != held_pk
    assert meeting_to_minutes(again) == first
    assert Person.objects.count() == persons_before  # everyone was linked, nobody duplicated
    # cases are linked back by their diarienummer
    linked = Paragraph.objects.filter(meeting=again, case__isnull=False).count()
    assert linked == sum(1 for i in first.items if i.case_number)
    ballots = Ballot.objects.filter(vote__paragraph__meeting=again)
    assert ballots.count() == 11 and not ballots.filter(person__isnull=True).exists()
