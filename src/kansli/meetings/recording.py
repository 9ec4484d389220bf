"""Recording the meeting § by §: taking up an agenda item as a §, and what is said and decided
under it — decision and att-satser, summary, deliberation, motions (yrkanden) with their movers,
the order of questions (propositionsordning), open roll-call votes (votering), reservations,
särskilda yttranden, protokollsanteckningar, recipients, secrecy and omedelbar justering.

A service layer without HTTP: every function runs in one transaction and either stores all it
was given or nothing. Locked records (an adjusted protokoll, an immediately adjusted §) are
refused with :class:`~kansli.meetings.locking.MeetingLocked` and its Swedish message; other bad
input with :class:`RecordingError` (a ``ValidationError``) whose message says what to do.

Who decides at a § (after jäv, arrivals and departures) comes from
:func:`kansli.meetings.live.serving_at`; votes and reservations are only accepted from them
(KL 5 kap. 55 §, 6 kap. 33 §; a reservation only by those who took part in the decision).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from kansli.law.voting import Ballot as LawBallot
from kansli.law.voting import VotingError, vote_between

from .locking import (
    MeetingLocked,
    adjust_paragraph_immediately,
    is_locked,
    meeting_message,
    paragraph_message,
)
from .models import (
    AgendaItem,
    AttendanceRole,
    Ballot,
    Choice,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    MotionKind,
    Paragraph,
    Recipient,
    Statement,
    StatementKind,
    Vote,
)

__all__ = [
    "RecordingError",
    "ServingMember",
    "acting_chair",
    "add_dissent",
    "add_motion",
    "add_statement",
    "count_vote",
    "adjust_immediately",
    "delete_part",
    "ensure_writable",
    "meeting_ended",
    "motion_label",
    "paragraph_for",
    "pending_written_dissents",
    "record_vote",
    "serving_members",
    "set_dissent_text",
    "set_motion_withdrawn",
    "set_recipients",
    "set_statement_text",
    "suggest_order_of_questions",
    "take_up",
    "update_text",
]

#: Ballot choices a secretary enters, with their Swedish words (and the words accepted as input).
BALLOT_CHOICES = {Choice.YES: "ja", Choice.NO: "nej", Choice.ABSTAIN: "avstår"}
_CHOICE_WORDS = {"ja": Choice.YES, "nej": Choice.NO, "avstår": Choice.ABSTAIN}


class RecordingError(ValidationError):
    """Input that cannot be recorded as given; the message (Swedish) says why and what to do."""


# --- who serves -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ServingMember:
    """A member deciding at one § (ledamot or tjänstgörande ersättare), as printed."""

    person_id: int
    name: str
    party: str = ""
    serving_for: str = ""
    role: str = AttendanceRole.MEMBER


def _serving_at(meeting: Meeting, number: int):
    from . import live

    return live.serving_at(meeting, number)


def serving_members(meeting: Meeting, number: int) -> list[ServingMember]:
    """Everyone who decides at § ``number`` of ``meeting``, in attendance order."""
    out: list[ServingMember] = []
    seen: set[int] = set()
    for row in _serving_at(meeting, number):
        person = getattr(row, "person", row)
        if person.pk in seen:
            continue
        seen.add(person.pk)
        party = getattr(row, "party", None) or getattr(person, "party", None)
        serving_for = getattr(row, "serving_for", None)
        out.append(
            ServingMember(
                person_id=person.pk,
                name=person.name,
                party=party.short_name if party else "",
                serving_for=serving_for.name if serving_for else "",
                role=getattr(row, "role", AttendanceRole.MEMBER),
            )
        )
    return out


_CHAIR_ORDER = (AttendanceRole.CHAIR, AttendanceRole.FIRST_VICE_CHAIR, AttendanceRole.SECOND_VICE_CHAIR)


def acting_chair(meeting: Meeting, serving: Sequence[ServingMember]) -> ServingMember | None:
    """Who chairs the § (and so has the casting vote): the serving ordförande, or when the
    ordförande does not serve at this § (jäv, absent) the 1:e and then 2:e vice ordförande."""
    if meeting.chair_id:
        for member in serving:
            if member.person_id == meeting.chair_id:
                return member
    for role in _CHAIR_ORDER:
        for member in serving:
            if member.role == role:
                return member
    return None


# --- guards ----------------------------------------------------------------------------------


def meeting_ended(meeting: Meeting) -> bool:
    """Has the meeting ended? Opening it (``live.start_meeting``) marks it genomfört while it
    runs; it has ended once its end time (sluttid) is recorded, or it is adjusted."""
    if meeting.status == MeetingStatus.ADJUSTED or meeting.locked:
        return True
    return meeting.status == MeetingStatus.HELD and meeting.end is not None


def ensure_writable(paragraph: Paragraph) -> None:
    """Refuse (MeetingLocked) if the meeting is adjusted or the § immediately adjusted."""
    current = Paragraph._base_manager.select_related("meeting__body").get(pk=paragraph.pk)
    if current.meeting.locked:
        raise MeetingLocked(meeting_message(current.meeting))
    if current.locked:
        raise MeetingLocked(paragraph_message(current))


def _lock_for_update(paragraph: Paragraph) -> Paragraph:
    current = Paragraph._base_manager.select_for_update().select_related("meeting__body").get(pk=paragraph.pk)
    if current.meeting.locked:
        raise MeetingLocked(meeting_message(current.meeting))
    if current.locked:
        raise MeetingLocked(paragraph_message(current))
    return current


def _names(names: Iterable[str]) -> list[str]:
    """Clean, de-duplicated names in the order given."""
    out: list[str] = []
    for name in names:
        name = " ".join(str(name).split())
        if name and name.casefold() not in {n.casefold() for n in out}:
            out.append(name)
    return out


def _lines(values: Iterable[str] | str) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    return [" ".join(v.split()) for v in values if v and v.strip()]


# --- taking up an agenda item ------------------------------------------------------------------


def paragraph_for(item: AgendaItem) -> Paragraph | None:
    """The § of ``item`` if it has been taken up."""
    return Paragraph.objects.filter(agenda_item=item).first()


def take_up(item: AgendaItem) -> tuple[Paragraph, bool]:
    """Take up ``item``: its § and whether it was created now. A new § gets the next number of
    the body and year and the item's title, case, diarienummer and proposed decision
    (:func:`kansli.meetings.live.paragraph_for_item`)."""
    from .live import paragraph_for_item

    with transaction.atomic():
        existing = paragraph_for(item)
        if existing is not None:
            return existing, False
        meeting = item.meeting
        if is_locked(meeting):
            raise MeetingLocked(meeting_message(meeting))
        return paragraph_for_item(meeting, item), True


# --- the text of the § -----------------------------------------------------------------------

TEXT_FIELDS = ("title", "case_number", "decision", "summary", "deliberation", "secret")
LIST_FIELDS = ("decision_clauses", "order_of_questions", "decision_basis")


def update_text(paragraph: Paragraph, **fields) -> Paragraph:
    """Set the text of the §: any of title, case_number, decision, decision_clauses (att-satser),
    summary, decision_basis, deliberation, order_of_questions (propositionsordning), secret.
    Lists may be given as one entry per line."""
    unknown = set(fields) - set(TEXT_FIELDS) - set(LIST_FIELDS)
    if unknown:
        raise TypeError(f"unknown paragraph fields: {sorted(unknown)}")
    with transaction.atomic():
        current = _lock_for_update(paragraph)
        for name, value in fields.items():
            if name in LIST_FIELDS:
                value = _lines(value)
            elif name == "secret":
                value = bool(value)
            else:
                value = (value or "").strip()
            setattr(current, name, value)
        if "title" in fields and not current.title:
            raise RecordingError("Paragrafen måste ha en rubrik.")
        current.save(update_fields=list(fields))
    for name in fields:
        setattr(paragraph, name, getattr(current, name))
    return paragraph


# --- motions ---------------------------------------------------------------------------------


def _genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def motion_label(motion: Motion) -> str:
    """How the protokoll names a motion in votes and reservations: "Anna Anderssons yrkande"."""
    by = list(motion.by)
    if not by:
        return "yrkandet"
    if len(by) == 1:
        return f"{_genitive(by[0])} yrkande"
    return f"{', '.join(by[:-1])} och {_genitive(by[-1])} yrkande"


def _next_order(manager) -> int:
    last = manager.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


def add_motion(paragraph: Paragraph, by: Iterable[str], text: str, kind: str = MotionKind.MAIN) -> Motion:
    """A yrkande by ``by`` (names as printed)."""
    by = _names(by)
    text = (text or "").strip()
    if not by:
        raise RecordingError("Ange vem som yrkar: välj en tjänstgörande ledamot eller skriv ett namn.")
    if not text:
        raise RecordingError("Skriv vad som yrkas, t.ex. ”bifall till förslaget” eller ”avslag”.")
    if kind not in MotionKind.values:
        raise RecordingError("Välj en giltig typ av yrkande.")
    with transaction.atomic():
        current = _lock_for_update(paragraph)
        return Motion.objects.create(
            paragraph=current, by=by, text=text, kind=kind, order=_next_order(current.motions)
        )


def set_motion_withdrawn(motion: Motion, withdrawn: bool = True) -> Motion:
    """A motion withdrawn during the deliberation is not printed (KL 5 kap. 69 §: only motions
    that were not withdrawn)."""
    with transaction.atomic():
        _lock_for_update(motion.paragraph)
        motion.withdrawn = withdrawn
        motion.save(update_fields=["withdrawn"])
    return motion


def _supports_proposal(motion: Motion) -> bool:
    text = motion.text.strip().lower()
    return motion.kind == MotionKind.MAIN and text.startswith("bifall") and "yrkande" not in text


def suggest_order_of_questions(paragraph: Paragraph) -> list[str]:
    """A first draft of the propositionsordning from the motions of the § (the secretary edits it).

    The proposals are the proposed decision and every motion that is not withdrawn and is not
    merely "bifall" to it; the decision is the outcome of the last vote, or else the proposal.
    Empty when there is nothing to put against the proposal.
    """
    motions = [m for m in paragraph.motions.all() if not m.withdrawn and not _supports_proposal(m)]
    if not motions:
        return []
    proposal = "förslaget till beslut"
    body = paragraph.meeting.body.name
    body = body[:1].lower() + body[1:]
    others = [motion_label(m) for m in motions]
    last_vote = paragraph.votes.order_by("-order", "-pk").first()
    decided = last_vote.outcome if last_vote and last_vote.outcome else proposal
    listed = others[0] if len(others) == 1 else f"{', '.join(others[:-1])} och {others[-1]}"
    return [
        f"Ordföranden ställer först proposition på {proposal} och därefter på {listed} "
        f"och finner att {body} beslutar enligt {decided}."
    ]


# --- votes -----------------------------------------------------------------------------------


def _choice(value) -> Choice:
    if isinstance(value, Choice):
        return value
    text = str(value).strip().lower()
    if text in Choice.values and text != Choice.ABSENT:
        return Choice(text)
    if text in _CHOICE_WORDS:
        return _CHOICE_WORDS[text]
    raise RecordingError(f"Ogiltig röst {value!r}: ange ja, nej eller avstår.")


@dataclass(frozen=True)
class VoteCount:
    """A counted vote, before or after it is stored."""

    serving: list[ServingMember]
    choices: dict[int, Choice]
    yes: int
    no: int
    abstain: int
    outcome: str
    casting_vote_by: str


def _count(
    current: Paragraph, ballots: Mapping[int, str], yes_means: str, no_means: str, abstention_allowed: bool
) -> VoteCount:
    if not yes_means or not no_means:
        raise RecordingError(
            "Ange vilket förslag ja betyder och vilket nej betyder (t.ex. ”ordförandens förslag” "
            "och ”Anna Anderssons yrkande”)."
        )
    meeting = current.meeting
    serving = serving_members(meeting, current.number)
    by_id = {m.person_id: m for m in serving}
    choices = {int(pk): _choice(value) for pk, value in ballots.items()}

    stray = [pk for pk in choices if pk not in by_id]
    if stray:
        from kansli.organisation.models import Person

        names = {p.pk: p.name for p in Person.objects.filter(pk__in=stray)}
        listed = ", ".join(names.get(pk, f"okänd person (id {pk})") for pk in stray)
        raise RecordingError(
            f"Rösten kan inte registreras: {listed} tjänstgör inte vid § {current.number} "
            "(frånvarande, jäv eller inte ledamot). Ingenting har sparats; ändra närvaron "
            "först om personen tjänstgör."
        )
    if not serving:
        raise RecordingError(f"Ingen tjänstgör vid § {current.number}; registrera närvaron först.")
    missing = [m.name for m in serving if m.person_id not in choices]
    if missing:
        raise RecordingError(
            f"Röst saknas för {', '.join(missing)}. Alla tjänstgörande ledamöter vid "
            f"§ {current.number} ska ha ja, nej eller avstår."
        )

    chair = acting_chair(meeting, serving)
    try:
        result = vote_between(
            yes_means,
            no_means,
            [LawBallot(str(m.person_id), choices[m.person_id].value) for m in serving],
            chair=str(chair.person_id) if chair else None,
            abstention_allowed=abstention_allowed,
        )
    except VotingError as exc:
        message = str(exc)
        for m in serving:  # the engine was given ids; the secretary reads names
            message = message.replace(f"ordföranden {m.person_id} ", f"ordföranden {m.name} ")
        if chair is None and "ange vem som är ordförande" in message:
            message = (
                message.split(":")[0]
                + ": ordföranden har utslagsröst, men ingen ordförande tjänstgör vid paragrafen. "
                "Registrera ordförande i närvaron."
            )
        raise RecordingError(message) from exc
    return VoteCount(
        serving=serving,
        choices=choices,
        yes=result.yes,
        no=result.no,
        abstain=result.abstain,
        outcome=result.winner,
        casting_vote_by=chair.name if result.decided_by_casting_vote else "",
    )


def count_vote(
    paragraph: Paragraph, ballots: Mapping[int, str], *, yes_means: str, no_means: str,
    abstention_allowed: bool = True,
) -> VoteCount:
    """Count a vote as :func:`record_vote` would, with the same checks, without storing it."""
    current = Paragraph._base_manager.select_related("meeting__body").get(pk=paragraph.pk)
    return _count(current, ballots, (yes_means or "").strip(), (no_means or "").strip(), abstention_allowed)


def record_vote(
    paragraph: Paragraph,
    ballots: Mapping[int, str],
    *,
    yes_means: str,
    no_means: str,
    question: str = "",
    vote: Vote | None = None,
    abstention_allowed: bool = True,
) -> Vote:
    """Store an open roll-call vote between two proposals at ``paragraph``.

    ``ballots`` maps the person id of every member serving at the § to ja/nej/avstår. A ballot
    for someone not serving at the § (absent, not a member, jäv, left) is refused and nothing is
    saved; so is a vote without a ballot for every serving member. Totals and the outcome are
    computed by :func:`kansli.law.voting.vote_between`, with the acting chair's casting vote on
    a tie. ``vote`` replaces the ballots of an existing vote (a correction).
    """
    yes_means, no_means, question = (yes_means or "").strip(), (no_means or "").strip(), (question or "").strip()
    with transaction.atomic():
        current = _lock_for_update(paragraph)
        if vote is not None and vote.paragraph_id != current.pk:
            raise RecordingError("Voteringen hör inte till den här paragrafen.")
        counted = _count(current, ballots, yes_means, no_means, abstention_allowed)
        serving, choices = counted.serving, counted.choices
        fields = {
            "question": question,
            "yes_means": yes_means,
            "no_means": no_means,
            "yes": counted.yes,
            "no": counted.no,
            "abstain": counted.abstain,
            "absent": None,
            "outcome": counted.outcome,
            "casting_vote_by": counted.casting_vote_by,
        }
        if vote is None:
            vote = Vote.objects.create(paragraph=current, order=_next_order(current.votes), **fields)
        else:
            vote.ballots.all().delete()
            for name, value in fields.items():
                setattr(vote, name, value)
            vote.save()
        Ballot.objects.bulk_create(
            [
                Ballot(
                    vote=vote,
                    order=index,
                    name=m.name,
                    person_id=m.person_id,
                    party=m.party,
                    serving_for=m.serving_for,
                    choice=choices[m.person_id],
                )
                for index, m in enumerate(serving, start=1)
            ]
        )
    return vote


# --- reservations and statements --------------------------------------------------------------


def add_dissent(
    paragraph: Paragraph, by: Iterable[str], in_favour_of: str = "", text: str = ""
) -> Dissent:
    """A reservation announced at the meeting by members who took part in the decision.

    Refused once the meeting has ended (:func:`meeting_ended`): a reservation must be announced
    before the meeting ends; only its written reasoning may come later (:func:`set_dissent_text`).
    """
    by = _names(by)
    if not by:
        raise RecordingError("Välj vem som reserverar sig.")
    with transaction.atomic():
        current = _lock_for_update(paragraph)
        if meeting_ended(current.meeting):
            raise RecordingError(
                "En reservation ska anmälas innan sammanträdet avslutas, och sammanträdet är "
                "avslutat. Endast den skriftliga motiveringen till en anmäld reservation kan "
                "läggas till nu."
            )
        serving = {m.name.casefold() for m in serving_members(current.meeting, current.number)}
        outsiders = [name for name in by if name.casefold() not in serving]
        if outsiders:
            raise RecordingError(
                f"Endast den som deltagit i beslutet kan reservera sig: {', '.join(outsiders)} "
                f"tjänstgör inte vid § {current.number}."
            )
        text = (text or "").strip()
        return Dissent.objects.create(
            paragraph=current, by=by, in_favour_of=(in_favour_of or "").strip(), text=text,
            written=bool(text), order=_next_order(current.dissents),
        )


def set_dissent_text(dissent: Dissent, text: str) -> Dissent:
    """The written reasoning of an announced reservation (due before justering)."""
    text = (text or "").strip()
    if not text:
        raise RecordingError("Skriv in den skriftliga reservationens text.")
    with transaction.atomic():
        _lock_for_update(dissent.paragraph)
        dissent.text = text
        dissent.written = True
        dissent.save(update_fields=["text", "written"])
    return dissent


def pending_written_dissents(meeting: Meeting) -> list[Dissent]:
    """Reservations announced at ``meeting`` whose written reasoning has not arrived (it is due
    before justering): for the draft page and for a warning before the protokoll is signed."""
    return list(
        Dissent.objects.filter(paragraph__meeting=meeting, written=False)
        .select_related("paragraph").order_by("paragraph__number", "order", "pk")
    )


def add_statement(paragraph: Paragraph, kind: str, by: Iterable[str], text: str = "") -> Statement:
    """A särskilt yttrande or a protokollsanteckning by ``by``."""
    by = _names(by)
    if kind not in StatementKind.values:
        raise RecordingError("Välj särskilt yttrande eller protokollsanteckning.")
    if not by:
        raise RecordingError(f"Ange vem som lämnar {StatementKind(kind).label}.")
    with transaction.atomic():
        current = _lock_for_update(paragraph)
        return Statement.objects.create(
            paragraph=current, kind=kind, by=by, text=(text or "").strip(), order=_next_order(current.statements)
        )


def set_statement_text(statement: Statement, text: str) -> Statement:
    """The text of a särskilt yttrande or protokollsanteckning (printed as an attachment)."""
    with transaction.atomic():
        _lock_for_update(statement.paragraph)
        statement.text = (text or "").strip()
        statement.save(update_fields=["text"])
    return statement


def set_recipients(paragraph: Paragraph, names: Iterable[str] | str) -> list[Recipient]:
    """"Beslutet skickas till": replace the recipients (one per line)."""
    names = _names(_lines(names))
    with transaction.atomic():
        current = _lock_for_update(paragraph)
        current.recipients.all().delete()
        return Recipient.objects.bulk_create(
            [Recipient(paragraph=current, name=name, order=i) for i, name in enumerate(names, start=1)]
        )


def delete_part(part: Motion | Vote | Dissent | Statement) -> None:
    """Remove a motion, vote, reservation or statement recorded by mistake."""
    with transaction.atomic():
        _lock_for_update(part.paragraph)
        part.delete()


# --- omedelbar justering ---------------------------------------------------------------------


def adjust_immediately(paragraph: Paragraph) -> Paragraph:
    """Omedelbar justering of the §: it is locked at once, the rest of the record stays open.

    The § must have its decision written: what is adjusted is the decision as recorded.
    """
    with transaction.atomic():
        current = _lock_for_update(paragraph)
        if not current.decision.strip() and not current.decision_clauses:
            raise RecordingError(
                f"§ {current.number} saknar beslut. Skriv beslutet innan paragrafen justeras omedelbart."
            )
        adjust_paragraph_immediately(current)
    paragraph.immediately_adjusted = paragraph.locked = True
    return paragraph
