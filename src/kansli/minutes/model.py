"""The meeting record as plain dataclasses: what a protokoll, protokollsutdrag or kallelse holds.

This is the pivot of Kansli: the importer produces it, the database stores it, the renderer
prints it and the API exports it. No Django here. Absent facts are ``None`` or empty lists —
never guessed.

Code values (roles, kinds, vote choices) are English identifiers following DESIGN.md §2; the
Swedish wording for documents lives in :mod:`kansli.writing.format`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class DocumentKind(StrEnum):
    MINUTES = "protokoll"
    EXTRACT = "protokollsutdrag"
    NOTICE_OF_MEETING = "kallelse"
    MEMO = "tjansteskrivelse"
    CHAIR_PROPOSAL = "ordforandeforslag"
    OTHER = "other"


class BodyKind(StrEnum):
    COUNCIL = "council"  # kommunfullmäktige
    EXECUTIVE_BOARD = "executive_board"  # kommunstyrelse
    COMMITTEE = "committee"  # nämnd
    SUBCOMMITTEE = "subcommittee"  # utskott


class Role(StrEnum):
    """A participant's role at this meeting."""

    CHAIR = "chair"
    FIRST_VICE_CHAIR = "first_vice_chair"
    SECOND_VICE_CHAIR = "second_vice_chair"
    MEMBER = "member"
    SERVING_SUBSTITUTE = "serving_substitute"
    SUBSTITUTE = "substitute"
    OTHER = "other"


DECIDING_ROLES = frozenset(
    {Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.SECOND_VICE_CHAIR, Role.MEMBER, Role.SERVING_SUBSTITUTE}
)


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"


class StatementKind(StrEnum):
    SPECIAL_STATEMENT = "special_statement"  # särskilt yttrande
    MINUTES_NOTE = "minutes_note"  # protokollsanteckning


class QuestionKind(StrEnum):
    QUESTION = "question"  # övrig fråga
    INFORMATION = "information"  # informationsärende / information given


class MotionKind(StrEnum):
    MAIN = "main"  # yrkande i sak
    AMENDMENT = "amendment"  # tilläggsyrkande / ändringsyrkande
    REFERRAL_BACK = "referral_back"  # återremiss
    POSTPONEMENT = "postponement"  # bordläggning


@dataclass
class Municipality:
    name: str
    org_number: str | None = None


@dataclass
class Body:
    name: str
    kind: BodyKind | None = None
    parent: str | None = None  # the parent body's name, for an utskott


@dataclass
class ParagraphRange:
    """Paragraphs ``first``–``last`` inclusive, e.g. "§§ 29-39" → (29, 39)."""

    first: int
    last: int

    def __contains__(self, number: int) -> bool:
        return self.first <= number <= self.last


@dataclass
class Meeting:
    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    place: str | None = None
    remote_participation: bool = False  # digital närvaro allowed/used at the meeting
    adjournments: list[str] = field(default_factory=list)  # ajournering as printed


@dataclass
class Participant:
    name: str
    party: str | None = None
    role: Role = Role.MEMBER
    office: str | None = None  # title as printed for others present, e.g. "förvaltningschef"
    serving_for: str | None = None  # the absent member a serving substitute replaces
    paragraphs: list[ParagraphRange] = field(default_factory=list)  # empty: the whole meeting
    remote: bool | None = None  # True: deltar digitalt; False: på plats; None: not stated

    def present_at(self, number: int) -> bool:
        return not self.paragraphs or any(number in r for r in self.paragraphs)


@dataclass
class Motion:
    by: list[str]
    text: str
    kind: MotionKind = MotionKind.MAIN
    withdrawn: bool = False


@dataclass
class Ballot:
    name: str
    choice: Choice
    party: str | None = None
    serving_for: str | None = None


@dataclass
class Vote:
    """An open vote (votering). ``yes`` and ``no`` are as printed: ja/nej for the proposals
    named in ``yes_means``/``no_means``."""

    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    absent: int | None = None
    question: str | None = None
    yes_means: str | None = None
    no_means: str | None = None
    ballots: list[Ballot] = field(default_factory=list)
    outcome: str | None = None  # the winning proposal as printed
    casting_vote_by: str | None = None  # chair who decided a tie


@dataclass
class Dissent:
    """A reservation. Only those who took part in the decision may dissent."""

    by: list[str]
    text: str | None = None
    written: bool = False  # written reasoning handed in (attached to the protokoll)
    in_favour_of: str | None = None  # the motion the dissenters supported


@dataclass
class Statement:
    kind: StatementKind
    by: list[str]
    text: str | None = None


@dataclass
class Recusal:
    """Jäv: the person neither took part in nor attended the handling of this §."""

    name: str
    reason: str | None = None


@dataclass
class Question:
    """An övrig fråga (who asked, who answered) or an information item, as recorded at a §."""

    kind: QuestionKind = QuestionKind.QUESTION
    asked_by: str | None = None
    answered_by: str | None = None
    question: str | None = None
    answer: str | None = None


@dataclass
class Item:
    """A paragraph (§) of a protokoll, or an item of a föredragningslista."""

    number: int | None = None
    title: str | None = None
    year: int | None = None
    case_number: str | None = None
    decision: str | None = None  # full decision text as printed
    decision_clauses: list[str] = field(default_factory=list)  # the att-satser
    proposed_decision: str | None = None  # förslag till beslut (kallelse, memo)
    summary: str | None = None  # sammanfattning / ärendebeskrivning
    decision_basis: list[str] = field(default_factory=list)  # beslutsunderlag
    deliberation: str | None = None  # överläggning / yttranden as text
    motions: list[Motion] = field(default_factory=list)
    order_of_questions: list[str] = field(default_factory=list)  # propositionsordning
    votes: list[Vote] = field(default_factory=list)
    reservations: list[Dissent] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    recusals: list[Recusal] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # "Beslutet skickas till"
    questions: list[Question] = field(default_factory=list)  # övriga frågor, information
    immediately_adjusted: bool = False  # omedelbar justering
    secret: bool = False  # individual case / sekretess: never published unmasked


@dataclass
class Source:
    """Where a record came from when it was imported."""

    file: str | None = None
    sha256: str | None = None
    pages: list[int] = field(default_factory=list)  # 1-based pages of this document
    ocr_pages: list[int] = field(default_factory=list)


@dataclass
class Minutes:
    """One document: a protokoll, an extract, a kallelse or a memo, as structured data."""

    kind: DocumentKind = DocumentKind.MINUTES
    municipality: str | None = None
    body: str | None = None
    body_kind: BodyKind | None = None
    meeting: Meeting = field(default_factory=Meeting)
    chair: str | None = None
    secretary: str | None = None
    adjusters: list[str] = field(default_factory=list)
    adjusted: dt.date | None = None  # date of justering (the last signature)
    adjustment_place: str | None = None
    adjustment_time: str | None = None  # as printed, e.g. "2021-05-27 kl. 10.00"
    notice_posted: dt.date | None = None  # anslaget den
    notice_removed: dt.date | None = None  # nedtas den
    minutes_kept_at: str | None = None  # förvaringsplats för protokollet
    invitation_sent: dt.date | None = None  # kallelse sent
    participants: list[Participant] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    source: Source | None = None

    def deciding(self, number: int | None = None) -> list[Participant]:
        """Members and serving substitutes, at paragraph ``number`` if given."""
        return [
            p
            for p in self.participants
            if p.role in DECIDING_ROLES and (number is None or p.present_at(number))
        ]

    def item(self, number: int) -> Item | None:
        return next((i for i in self.items if i.number == number), None)
