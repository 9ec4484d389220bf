"""Database ↔ minutes model (:mod:`kansli.minutes`), both ways.

``meeting_to_minutes(minutes_to_meeting(m))`` gives back ``m`` for any record whose facts the
database can hold: a meeting needs a body and a date, every § a number, and a § whose year is not
printed gets the meeting's year. Names link to :class:`Person` rows of the municipality (the first
person with that exact name); parties are created by their short name as printed.
"""

from __future__ import annotations

from django.db import transaction

from kansli import minutes as mm
from kansli.cases.models import Case
from kansli.organisation.models import Body, Municipality, Party, Person

from .models import (
    Adjuster,
    Attendance,
    Ballot,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    Paragraph,
    Question,
    Recipient,
    Recusal,
    Statement,
    Vote,
)


class ConversionError(ValueError):
    """The minutes record cannot be stored; the message says why (in Swedish)."""


def _none(text: str) -> str | None:
    return text or None


# --- database → minutes ----------------------------------------------------------------------


def meeting_to_minutes(meeting: Meeting) -> mm.Minutes:
    body = meeting.body
    source = None
    if meeting.has_source:
        source = mm.Source(
            file=_none(meeting.source_file),
            sha256=_none(meeting.source_sha256),
            pages=list(meeting.source_pages),
            ocr_pages=list(meeting.source_ocr_pages),
        )
    return mm.Minutes(
        kind=mm.DocumentKind.MINUTES,
        municipality=body.municipality.name,
        body=body.name,
        body_kind=mm.BodyKind(body.kind),
        meeting=mm.Meeting(
            date=meeting.date,
            start=meeting.start,
            end=meeting.end,
            place=_none(meeting.place),
            remote_participation=meeting.remote_participation,
            adjournments=list(meeting.adjournments),
        ),
        chair=meeting.chair.name if meeting.chair_id else None,
        secretary=meeting.secretary.name if meeting.secretary_id else None,
        adjusters=[a.person.name for a in Adjuster.objects.filter(meeting=meeting).select_related("person")],
        adjusted=meeting.adjusted,
        adjustment_place=_none(meeting.adjustment_place),
        adjustment_time=_none(meeting.adjustment_time),
        notice_posted=meeting.notice_posted,
        notice_removed=meeting.notice_removed,
        minutes_kept_at=_none(meeting.minutes_kept_at),
        invitation_sent=meeting.invitation_sent,
        participants=[
            _participant(a)
            for a in meeting.attendances.select_related("person", "party", "serving_for")
        ],
        items=[
            _item(p)
            for p in meeting.paragraphs.order_by("year", "number").prefetch_related(
                "motions", "votes__ballots", "dissents", "statements", "recusals", "recipients", "questions"
            ).select_related("case")
        ],
        source=source,
    )


def _participant(a: Attendance) -> mm.Participant:
    return mm.Participant(
        name=a.person.name,
        party=a.party.short_name if a.party_id else None,
        role=mm.Role(a.role),
        office=_none(a.office),
        serving_for=a.serving_for.name if a.serving_for_id else None,
        paragraphs=[mm.ParagraphRange(first, last) for first, last in a.paragraphs],
        remote=a.remote,
    )


def _item(p: Paragraph) -> mm.Item:
    return mm.Item(
        number=p.number,
        title=_none(p.title),
        year=p.year,
        case_number=_none(p.case_number) or (p.case.case_number if p.case_id else None),
        decision=_none(p.decision),
        decision_clauses=list(p.decision_clauses),
        proposed_decision=_none(p.proposed_decision),
        summary=_none(p.summary),
        decision_basis=list(p.decision_basis),
        deliberation=_none(p.deliberation),
        motions=[
            mm.Motion(by=list(m.by), text=m.text, kind=mm.MotionKind(m.kind), withdrawn=m.withdrawn)
            for m in p.motions.all()
        ],
        order_of_questions=list(p.order_of_questions),
        votes=[_vote(v) for v in p.votes.all()],
        reservations=[
            mm.Dissent(by=list(d.by), text=_none(d.text), written=d.written, in_favour_of=_none(d.in_favour_of))
            for d in p.dissents.all()
        ],
        statements=[
            mm.Statement(kind=mm.StatementKind(s.kind), by=list(s.by), text=_none(s.text))
            for s in p.statements.all()
        ],
        recusals=[mm.Recusal(name=r.name, reason=_none(r.reason)) for r in p.recusals.all()],
        recipients=[r.name for r in p.recipients.all()],
        questions=[
            mm.Question(
                kind=mm.QuestionKind(q.kind), asked_by=_none(q.asked_by), answered_by=_none(q.answered_by),
                question=_none(q.question), answer=_none(q.answer),
            )
            for q in p.questions.all()
        ],
        immediately_adjusted=p.immediately_adjusted,
        secret=p.secret,
    )


def _vote(v: Vote) -> mm.Vote:
    return mm.Vote(
        yes=v.yes,
        no=v.no,
        abstain=v.abstain,
        absent=v.absent,
        question=_none(v.question),
        yes_means=_none(v.yes_means),
        no_means=_none(v.no_means),
        ballots=[
            mm.Ballot(
                name=b.name,
                choice=mm.Choice(b.choice),
                party=_none(b.party),
                serving_for=_none(b.serving_for),
            )
            for b in v.ballots.all()
        ],
        outcome=_none(v.outcome),
        casting_vote_by=_none(v.casting_vote_by),
    )


# --- minutes → database ----------------------------------------------------------------------


class _Linker:
    """Finds or creates parties and persons of one municipality by name, with a cache."""

    def __init__(self, municipality: Municipality, minutes: mm.Minutes):
        self.municipality = municipality
        self.parties: dict[str, Party] = {}
        self.persons: dict[str, Person] = {}
        # a person's party is the one printed next to their name among the participants
        self.party_of = {p.name: p.party for p in minutes.participants if p.party}

    def party(self, short_name: str | None) -> Party | None:
        if not short_name:
            return None
        if short_name not in self.parties:
            self.parties[short_name], _ = Party.objects.get_or_create(
                municipality=self.municipality, short_name=short_name
            )
        return self.parties[short_name]

    def person(self, name: str | None, *, create: bool = True) -> Person | None:
        if not name:
            return None
        if name not in self.persons:
            found = Person.objects.filter(municipality=self.municipality, name=name).order_by("pk").first()
            if found is None:
                if not create:
                    return None
                found = Person.objects.create(
                    municipality=self.municipality, name=name, party=self.party(self.party_of.get(name))
                )
            elif found.party_id is None and self.party_of.get(name):
                found.party = self.party(self.party_of[name])
                found.save(update_fields=["party"])
            self.persons[name] = found
        return self.persons[name]


def minutes_to_meeting(minutes: mm.Minutes, municipality: Municipality | None = None) -> Meeting:
    """Store a protokoll (or extract) as a meeting with its attendance and paragraphs.

    Creates the municipality, body, parties and persons that do not exist yet. All or nothing:
    on any error nothing is left behind. Raises :class:`ConversionError` for records the
    database cannot hold, and refuses to store the same meeting twice.
    """
    with transaction.atomic():
        return _store(minutes, municipality)


def _store(minutes: mm.Minutes, municipality: Municipality | None) -> Meeting:
    if municipality is None:
        if not minutes.municipality:
            raise ConversionError("Kommunen saknas i protokollet.")
        municipality, _ = Municipality.objects.get_or_create(name=minutes.municipality)
    if not minutes.body:
        raise ConversionError("Organet (nämnden) saknas i protokollet.")
    body, _ = Body.objects.get_or_create(
        municipality=municipality,
        name=minutes.body,
        defaults={"kind": (minutes.body_kind or mm.BodyKind.COMMITTEE).value},
    )
    date = minutes.meeting.date
    if date is None:
        raise ConversionError("Sammanträdets datum saknas i protokollet.")
    if Meeting.objects.filter(body=body, date=date, start=minutes.meeting.start).exists():
        raise ConversionError(f"{body} har redan ett sammanträde {date:%Y-%m-%d} i databasen.")

    link = _Linker(municipality, minutes)
    src = minutes.source
    meeting = Meeting.objects.create(
        body=body,
        date=date,
        start=minutes.meeting.start,
        end=minutes.meeting.end,
        place=minutes.meeting.place or "",
        remote_participation=minutes.meeting.remote_participation,
        adjournments=list(minutes.meeting.adjournments),
        status=MeetingStatus.ADJUSTED if minutes.adjusted else MeetingStatus.HELD,
        invitation_sent=minutes.invitation_sent,
        chair=link.person(minutes.chair),
        secretary=link.person(minutes.secretary),
        adjusted=minutes.adjusted,
        adjustment_place=minutes.adjustment_place or "",
        adjustment_time=minutes.adjustment_time or "",
        notice_posted=minutes.notice_posted,
        notice_removed=minutes.notice_removed,
        minutes_kept_at=minutes.minutes_kept_at or "",
        has_source=src is not None,
        source_file=(src.file or "") if src else "",
        source_sha256=(src.sha256 or "") if src else "",
        source_pages=list(src.pages) if src else [],
        source_ocr_pages=list(src.ocr_pages) if src else [],
    )
    for order, name in enumerate(minutes.adjusters):
        Adjuster.objects.create(meeting=meeting, person=link.person(name), order=order)
    for order, p in enumerate(minutes.participants):
        Attendance.objects.create(
            meeting=meeting,
            order=order,
            person=link.person(p.name),
            party=link.party(p.party),
            role=p.role.value,
            office=p.office or "",
            serving_for=link.person(p.serving_for),
            paragraphs=[[r.first, r.last] for r in p.paragraphs],
            remote=p.remote,
        )
    for index, item in enumerate(minutes.items):
        _store_item(meeting, item, index, link)
    return meeting


def _store_item(meeting: Meeting, item: mm.Item, index: int, link: _Linker) -> Paragraph:
    if item.number is None:
        raise ConversionError(f"Punkt {index + 1} ({item.title or 'utan rubrik'}) saknar paragrafnummer.")
    year = item.year or meeting.date.year
    if Paragraph.objects.filter(body=meeting.body, year=year, number=item.number).exists():
        raise ConversionError(f"{meeting.body} har redan § {item.number}/{year}.")
    case = None
    if item.case_number:
        case = Case.objects.filter(
            series__municipality=link.municipality, case_number=item.case_number
        ).first()
    paragraph = Paragraph.objects.create(
        meeting=meeting,
        body=meeting.body,
        year=year,
        number=item.number,
        title=item.title or "",
        case=case,
        case_number=item.case_number or "",
        decision=item.decision or "",
        decision_clauses=list(item.decision_clauses),
        proposed_decision=item.proposed_decision or "",
        summary=item.summary or "",
        decision_basis=list(item.decision_basis),
        deliberation=item.deliberation or "",
        order_of_questions=list(item.order_of_questions),
        immediately_adjusted=item.immediately_adjusted,
        secret=item.secret,
    )
    for order, m in enumerate(item.motions):
        Motion.objects.create(
            paragraph=paragraph, order=order, by=list(m.by), text=m.text, kind=m.kind.value, withdrawn=m.withdrawn
        )
    for order, v in enumerate(item.votes):
        vote = Vote.objects.create(
            paragraph=paragraph,
            order=order,
            question=v.question or "",
            yes_means=v.yes_means or "",
            no_means=v.no_means or "",
            yes=v.yes,
            no=v.no,
            abstain=v.abstain,
            absent=v.absent,
            outcome=v.outcome or "",
            casting_vote_by=v.casting_vote_by or "",
        )
        for b_order, b in enumerate(v.ballots):
            Ballot.objects.create(
                vote=vote,
                order=b_order,
                name=b.name,
                person=link.person(b.name, create=False),
                party=b.party or "",
                serving_for=b.serving_for or "",
                choice=b.choice.value,
            )
    for order, d in enumerate(item.reservations):
        Dissent.objects.create(
            paragraph=paragraph, order=order, by=list(d.by), text=d.text or "",
            written=d.written, in_favour_of=d.in_favour_of or "",
        )
    for order, s in enumerate(item.statements):
        Statement.objects.create(paragraph=paragraph, order=order, kind=s.kind.value, by=list(s.by), text=s.text or "")
    for order, r in enumerate(item.recusals):
        Recusal.objects.create(
            paragraph=paragraph, order=order, name=r.name,
            person=link.person(r.name, create=False), reason=r.reason or "",
        )
    for order, name in enumerate(item.recipients):
        Recipient.objects.create(paragraph=paragraph, order=order, name=name)
    for order, q in enumerate(item.questions):
        Question.objects.create(
            paragraph=paragraph, order=order, kind=q.kind.value, asked_by=q.asked_by or "",
            answered_by=q.answered_by or "", question=q.question or "", answer=q.answer or "",
        )
    return paragraph


__all__ = ["ConversionError", "meeting_to_minutes", "minutes_to_meeting"]
