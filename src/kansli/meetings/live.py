"""The meeting while it runs: attendance, substitutes, jäv, quorum and justerare (no HTTP here).

The contract between attendance and the recording of each §
============================================================

The *data model* is the interface; every screen reads and writes it through this module.

* **Paragraphs exist from the start.** :func:`start_meeting` creates one :class:`Paragraph` per
  agenda item, in agenda order, with the next numbers of the body and year, and links it with
  ``Paragraph.agenda_item``. :func:`paragraph_for_item` returns (or, for an item added later,
  appends) the § of an agenda item. So every § number of the meeting is known while it runs and
  attendance can be recorded as § ranges.
* **Attendance rows** (:class:`Attendance`) are what the protokoll prints. A person may have
  several rows, one per role and period:

  - ``role`` chair / first_vice_chair / second_vice_chair / member: a ledamot (with the office
    they hold in the body), deciding in the §§ of ``paragraphs``;
  - ``serving_substitute`` with ``serving_for`` = the member whose seat they fill, in the §§ of
    ``paragraphs``;
  - ``substitute``: present, not serving (ej tjänstgörande ersättare), in the §§ of ``paragraphs``;
  - ``other``: övriga närvarande (officials), ``office`` is their title.

  ``paragraphs`` is a list of ``[first, last]`` § numbers; the empty list means the whole
  meeting. Someone with no row covering § N was not in the room at § N.
* **Jäv** is a :class:`Recusal` row on the § (``person`` set, ``name`` as printed). The
  recused person's attendance rows are *not* cut: they are present at the meeting but neither
  take part in nor attend that §. A substitute who serves because of jäv has a
  ``serving_substitute`` row covering that § only.
* **Who decides at § N** is :func:`serving_at`: the members and serving substitutes whose rows
  cover N, minus those recused in N. Vote validation and the protokoll use it; do not
  recompute it elsewhere.
* **A § is decided** (:func:`is_decided`) once it has a decision, decision clauses or a vote,
  or is locked; it **has begun** (:func:`is_begun`) once it is decided or has a motion.
  Attendance changes (and jäv) that would alter who was present or serving at a § that has
  begun are refused: changes happen between §§, never during or after one. :func:`next_number`
  is the first § not yet decided, where the screen proposes that a change takes effect.
* **Who serves** is not entered by hand: after every change the §§ from the change on are
  recomputed with :func:`kansli.law.substitutes.propose` (the same rules as
  :class:`~kansli.law.substitutes.Sitting`, replayed § by §). The secretary may choose another
  substitute only among those the rules allow (:func:`preview_absence` lists them); a choice is
  kept when later changes recompute the seats.

Attendance is changed only by the functions here. Each runs in one transaction, refuses a
locked (justerat) meeting with :class:`~kansli.meetings.locking.MeetingLocked`, and raises
:class:`AttendanceError` with a Swedish message for anything else that cannot be done.
Substitutes are proposed by :func:`kansli.law.substitutes.propose` from the body's memberships
(ersättare of the member's own party group first, in the set call-in order); quorum is
:func:`kansli.law.quorum.has_quorum` (KL 6 kap. 27 §).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from kansli.law.quorum import quorum_needed
from kansli.law.substitutes import (
    MemberSeat,
    Roster,
    SittingState,
    Substitute,
    SubstitutionError,
    SubstitutionRules,
    propose,
)
from kansli.organisation.models import Membership, Office, Party, Person
from kansli.organisation.models import Role as MembershipRole

from .locking import MeetingLocked, meeting_message
from .models import (
    Adjuster,
    AgendaItem,
    Attendance,
    AttendanceRole,
    Meeting,
    MeetingStatus,
    Paragraph,
    Recusal,
)
from .services import add_paragraph

__all__ = [
    "DECIDING_ROLES",
    "AttendanceError",
    "Change",
    "Proposal",
    "Quorum",
    "Serving",
    "add_other",
    "arrive",
    "choose_substitute",
    "depart",
    "end_meeting",
    "is_begun",
    "is_decided",
    "mark_absent",
    "next_number",
    "paragraph_for_item",
    "paragraph_numbers",
    "preview_absence",
    "quorum_at",
    "quorum_table",
    "recuse",
    "remove_other",
    "remove_recusal",
    "serving_at",
    "serving_table",
    "set_adjusters",
    "set_chair",
    "start_meeting",
]

#: Roles that decide (members with their office, and serving substitutes).
DECIDING_ROLES = frozenset(
    {
        AttendanceRole.CHAIR,
        AttendanceRole.FIRST_VICE_CHAIR,
        AttendanceRole.SECOND_VICE_CHAIR,
        AttendanceRole.MEMBER,
        AttendanceRole.SERVING_SUBSTITUTE,
    }
)

_OFFICE_ROLE = {
    Office.CHAIR: AttendanceRole.CHAIR,
    Office.FIRST_VICE_CHAIR: AttendanceRole.FIRST_VICE_CHAIR,
    Office.SECOND_VICE_CHAIR: AttendanceRole.SECOND_VICE_CHAIR,
    Office.NONE: AttendanceRole.MEMBER,
}
_OFFICE_RANK = {Office.CHAIR: 0, Office.FIRST_VICE_CHAIR: 1, Office.SECOND_VICE_CHAIR: 2, Office.NONE: 3}


class AttendanceError(ValueError):
    """An attendance change that cannot be made; the message is Swedish, for the secretary."""


@dataclass(frozen=True)
class Serving:
    """One person deciding at a §: a ledamot or a tjänstgörande ersättare."""

    person: Person
    role: str
    party: Party | None = None
    serving_for: Person | None = None

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def party_short(self) -> str:
        return self.party.short_name if self.party is not None else ""

    @property
    def is_substitute(self) -> bool:
        return self.role == AttendanceRole.SERVING_SUBSTITUTE


@dataclass(frozen=True)
class Quorum:
    """Beslutförhet at one § (KL 6 kap. 27 §): more than half of the members must serve."""

    number: int
    seats: int
    serving: int
    needed: int

    @property
    def ok(self) -> bool:
        return self.serving >= self.needed

    @property
    def text(self) -> str:
        verdict = "beslutför" if self.ok else "inte beslutför"
        return f"§ {self.number}: {self.serving} av {self.seats} tjänstgör, {self.needed} krävs – {verdict}"


@dataclass(frozen=True)
class Proposal:
    """Who Kansli proposes for ``member``'s seat from § ``number`` and who else may serve there."""

    member: Person
    number: int
    proposed: Person | None
    eligible: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Change:
    """What an attendance change did, in words for the secretary."""

    message: str
    number: int | None = None
    seats: tuple[tuple[Person, Person | None], ...] = field(default=())


# --- reading --------------------------------------------------------------------------------


def paragraph_numbers(meeting: Meeting) -> list[int]:
    """The § numbers of ``meeting`` in order."""
    return list(meeting.paragraphs.order_by("number").values_list("number", flat=True))


def is_decided(paragraph: Paragraph) -> bool:
    """Has the meeting decided this § (decision text, clauses or a vote), or is it locked?"""
    return bool(
        paragraph.locked
        or paragraph.decision.strip()
        or paragraph.decision_clauses
        or paragraph.votes.exists()
    )


def is_begun(paragraph: Paragraph) -> bool:
    """Has the handling of this § begun (a motion is entered) or is it decided?"""
    return is_decided(paragraph) or paragraph.motions.exists()


def _decided_numbers(meeting: Meeting) -> set[int]:
    return {p.number for p in meeting.paragraphs.prefetch_related("votes") if is_decided(p)}


def _begun_numbers(meeting: Meeting) -> set[int]:
    return {p.number for p in meeting.paragraphs.prefetch_related("votes", "motions") if is_begun(p)}


def next_number(meeting: Meeting) -> int | None:
    """The first § not yet decided: where attendance changes normally take effect."""
    decided = _decided_numbers(meeting)
    for number in paragraph_numbers(meeting):
        if number not in decided:
            return number
    return None


def serving_at(meeting: Meeting, number: int) -> list[Serving]:
    """Who decides at § ``number`` of ``meeting``: members and serving substitutes, after jäv.

    In attendance order (chair first, as the protokoll prints them). A person recused in the §
    (a :class:`Recusal` naming them) is left out.
    """
    return serving_table(meeting, [number])[number]


def serving_table(meeting: Meeting, numbers: Iterable[int] | None = None) -> dict[int, list[Serving]]:
    """:func:`serving_at` for several §§ (default: all of the meeting's) with two queries."""
    numbers = list(paragraph_numbers(meeting) if numbers is None else numbers)
    recused: dict[int, tuple[set[int], set[str]]] = {n: (set(), set()) for n in numbers}
    for number, person_id, name in Recusal.objects.filter(
        paragraph__meeting=meeting, paragraph__number__in=numbers
    ).values_list("paragraph__number", "person_id", "name"):
        ids, names = recused[number]
        if person_id is not None:
            ids.add(person_id)
        else:
            names.add(name)
    rows = list(
        meeting.attendances.filter(role__in=DECIDING_ROLES)
        .select_related("person", "party", "serving_for", "person__party")
        .order_by("order", "pk")
    )
    table: dict[int, list[Serving]] = {}
    for number in numbers:
        ids, names = recused[number]
        result: list[Serving] = []
        seen: set[int] = set()
        for row in rows:
            if not row.present_at(number) or row.person_id in seen:
                continue
            if row.person_id in ids or row.person.name in names:
                continue
            seen.add(row.person_id)
            result.append(
                Serving(
                    person=row.person,
                    role=row.role,
                    party=row.party or row.person.party,
                    serving_for=row.serving_for,
                )
            )
        table[number] = result
    return table


def seats_of(meeting: Meeting) -> int:
    """The number of members (ledamöter) of the body, for beslutförhet."""
    if meeting.body.seats:
        return meeting.body.seats
    return sum(1 for m in _memberships(meeting) if m.role == MembershipRole.MEMBER)


def quorum_at(meeting: Meeting, number: int) -> Quorum:
    """Beslutförhet at § ``number`` (KL 6 kap. 27 §; serving substitutes count, jäv does not)."""
    return quorum_table(meeting, [number])[0]


def quorum_table(meeting: Meeting, numbers: Iterable[int] | None = None) -> list[Quorum]:
    """:func:`quorum_at` for several §§ (default: all of the meeting's), in order."""
    seats = seats_of(meeting)
    if seats < 1:
        raise AttendanceError(f"{meeting.body.name} har inga ledamöter registrerade; ange antalet ledamöter.")
    needed = quorum_needed(seats)
    table = serving_table(meeting, numbers)
    return [
        Quorum(number=n, seats=seats, serving=min(len(serving), seats), needed=needed)
        for n, serving in table.items()
    ]


def paragraph_for_item(meeting: Meeting, item: AgendaItem) -> Paragraph:
    """The § that handles agenda ``item``; appended with the next number if it has none yet."""
    if item.meeting_id != meeting.pk:
        raise AttendanceError("Punkten hör inte till det här sammanträdet.")
    found = Paragraph.objects.filter(agenda_item=item).first()
    if found is not None:
        return found
    with transaction.atomic():
        return add_paragraph(
            meeting,
            title=item.title,
            case=item.case,
            proposed_decision=item.proposed_decision,
            agenda_item=item,
        )


# --- the roster and the attendance grid ------------------------------------------------------


def _memberships(meeting: Meeting) -> list[Membership]:
    found = (
        Membership.objects.filter(body_id=meeting.body_id)
        .select_related("person", "person__party", "term")
        .order_by("role", "substitute_order", "pk")
    )
    return [m for m in found if m.active_on(meeting.date)]


Cell = tuple[str, int | None]  # (attendance role, serving_for person id)
SeatIndex = dict[tuple[int, int], list[int]]  # (§, member id) → substitutes serving in the seat


class _Context:
    """Everything an attendance change needs, loaded once inside the transaction."""

    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        self.numbers = paragraph_numbers(meeting)
        self.index = {n: i for i, n in enumerate(self.numbers)}
        memberships = _memberships(meeting)
        self.members = sorted(
            (m for m in memberships if m.role == MembershipRole.MEMBER),
            key=lambda m: (_OFFICE_RANK.get(m.office, 3), m.pk),
        )
        self.substitutes = sorted(
            (m for m in memberships if m.role == MembershipRole.SUBSTITUTE),
            key=lambda m: (m.substitute_order or 10_000, m.pk),
        )
        self.person = {m.person_id: m.person for m in memberships}
        self.by_name = {m.person.name: m.person_id for m in memberships}
        self.member_office = {m.person_id: m.office for m in self.members}
        self.member_ids = [m.person_id for m in self.members]
        self.substitute_ids = [m.person_id for m in self.substitutes]
        try:
            self.roster = Roster(
                members=tuple(MemberSeat(m.person.name, _group(m.person)) for m in self.members),
                substitutes=tuple(
                    Substitute(m.person.name, _group(m.person), m.substitute_order or 10_000 + i)
                    for i, m in enumerate(self.substitutes)
                ),
            )
        except SubstitutionError as exc:
            raise AttendanceError(f"{meeting.body.name}: {exc}") from exc
        by_group = meeting.body.substitutes_by_party_group
        self.rules = SubstitutionRules(own_group_first=by_group, allow_replacement_by_own_group=by_group)
        self.recusals: dict[int, set[int]] = {}
        for number, person_id in Recusal.objects.filter(
            paragraph__meeting=meeting, person__isnull=False
        ).values_list("paragraph__number", "person_id"):
            self.recusals.setdefault(number, set()).add(person_id)
        self.grid = self._load_grid()
        self._seats: tuple[dict, SeatIndex] | None = None
        self._first_seen: tuple[dict, dict[int, int]] | None = None

    def _load_grid(self) -> dict[int, dict[int, Cell]]:
        grid: dict[int, dict[int, Cell]] = {}
        for row in self.meeting.attendances.exclude(role=AttendanceRole.OTHER):
            cells = grid.setdefault(row.person_id, {})
            for number in self.numbers:
                if row.present_at(number):
                    cells[number] = (row.role, row.serving_for_id)
        return grid

    def seats(self) -> SeatIndex:
        """Who serves in which seat in the stored grid (cached until the grid changes)."""
        if self._seats is None or self._seats[0] is not self.grid:
            self._seats = (self.grid, _seat_index(self.grid))
        return self._seats[1]

    def first_seen(self, presence: dict[int, set[int]]) -> dict[int, int]:
        """Person → index of the first § they are present at (cached per presence map)."""
        if self._first_seen is None or self._first_seen[0] is not presence:
            found = {p: min(self.index[n] for n in numbers) for p, numbers in presence.items() if numbers}
            self._first_seen = (presence, found)
        return self._first_seen[1]

    def name(self, person_id: int) -> str:
        return self.person[person_id].name

    def present(self, grid: dict[int, dict[int, Cell]], person_id: int, number: int) -> bool:
        return number in grid.get(person_id, {})

    def check_number(self, number: int | None) -> int:
        if not self.numbers:
            raise AttendanceError("Sammanträdet har inga paragrafer ännu; öppna sammanträdet först.")
        if number is None:
            return self.numbers[0]
        if number not in self.index:
            raise AttendanceError(
                f"§ {number} finns inte på det här sammanträdet. "
                f"Välj en paragraf mellan § {self.numbers[0]} och § {self.numbers[-1]}."
            )
        return number

    def check_known(self, person: Person) -> None:
        if person.pk not in self.person:
            raise AttendanceError(
                f"{person.name} är varken ledamot eller ersättare i {self.meeting.body.name} "
                f"den {self.meeting.date:%Y-%m-%d}. Övriga närvarande läggs till med namn och titel."
            )


def _group(person: Person) -> str:
    return person.party.short_name if person.party_id else ""


def _seat_index(grid: dict[int, dict[int, Cell]]) -> SeatIndex:
    index: SeatIndex = {}
    for person_id, cells in grid.items():
        for number, (role, member_id) in cells.items():
            if role == AttendanceRole.SERVING_SUBSTITUTE and member_id is not None:
                index.setdefault((number, member_id), []).append(person_id)
    return index


def _occupant(ctx: _Context, seats: SeatIndex, number: int, member_id: int) -> int | None:
    """The substitute actually sitting in ``member_id``'s seat at ``number`` (after jäv)."""
    recused = ctx.recusals.get(number, set())
    subs = [p for p in seats.get((number, member_id), ()) if p not in recused]
    return subs[0] if subs else None


def _holder(ctx: _Context, grid, seats: SeatIndex, number: int, member_id: int) -> int | None:
    """The substitute who holds ``member_id``'s seat at ``number`` beyond this § (not jäv-only)."""
    if ctx.present(grid, member_id, number):
        return None
    subs = seats.get((number, member_id), [])
    if len(subs) > 1:
        recused = [p for p in subs if p in ctx.recusals.get(number, set())]
        return recused[0] if recused else subs[0]
    return subs[0] if subs else None


def _replay(
    ctx: _Context,
    presence: dict[int, set[int]],
    start: int,
    choices: dict[int, int] | None = None,
    *,
    only_first: bool = False,
) -> dict[int, dict[int, Cell]]:
    """The attendance grid with §§ from ``start`` on recomputed by the substitutes engine.

    ``presence`` maps person id → the §§ they are in the room. ``choices`` maps a member to the
    substitute the secretary chose for the seat at ``start``. Earlier choices (a seat changing
    hands in the old record) are kept where the rules still allow them. ``only_first``: stop
    after § ``start`` (enough to see who would serve there).
    """
    old = ctx.grid
    old_seats = ctx.seats()
    first = ctx.index[start]
    first_seen = ctx.first_seen(presence)
    new: dict[int, dict[int, Cell]] = {}
    if not only_first:
        new = {
            p: {n: c for n, c in cells.items() if ctx.index[n] < first or p not in ctx.person}
            for p, cells in old.items()
        }
    carry: dict[int, int] = {}
    if first > 0:
        previous = ctx.numbers[first - 1]
        for member_id in ctx.member_ids:
            holder = _holder(ctx, old, old_seats, previous, member_id)
            if holder is not None:
                carry[member_id] = holder
    name = ctx.name
    last = first + 1 if only_first else len(ctx.numbers)
    for i in range(first, last):
        number = ctx.numbers[i]
        before = ctx.numbers[i - 1] if i > 0 else None
        here = {p for p, numbers in presence.items() if number in numbers and p in ctx.person}
        left = {p for p, seen in first_seen.items() if seen < i and p not in here and p in ctx.person}
        recused = ctx.recusals.get(number, set())
        serving_for = dict(carry)
        for member_id in ctx.member_ids:
            if member_id in here and member_id not in recused:
                continue
            holder = carry.get(member_id)
            if member_id not in here and holder is not None and holder in recused:
                continue  # jäv of the seat's holder: the engine picks who serves for this § only
            wanted = None
            if choices and i == first and member_id in choices:
                wanted = choices[member_id]
            else:
                now = _occupant(ctx, old_seats, number, member_id)
                then = _occupant(ctx, old_seats, before, member_id) if before is not None else None
                if now is not None and now != then:
                    wanted = now
            if wanted is not None and wanted in here and wanted not in recused:
                serving_for[member_id] = wanted
        state = SittingState(
            present={name(p): k for k, p in enumerate(sorted(here), start=1)},
            left=frozenset(name(p) for p in left),
            recused=frozenset(name(p) for p in recused if p in ctx.person),
            serving_for={name(m): name(s) for m, s in serving_for.items()},
        )
        assignments = propose(state, ctx.roster, ctx.rules)
        for p in here:
            if p in ctx.member_office:
                role = _OFFICE_ROLE.get(ctx.member_office[p], AttendanceRole.MEMBER)
            else:
                role = AttendanceRole.SUBSTITUTE
            new.setdefault(p, {})[number] = (role, None)
        for a in assignments:
            member_id = ctx.by_name[a.member]
            if a.serving is not None and a.by_substitute:
                new[ctx.by_name[a.serving]][number] = (AttendanceRole.SERVING_SUBSTITUTE, member_id)
                holder = carry.get(member_id)
                if a.recusal_only and member_id not in here and holder is not None and holder in here:
                    new[holder][number] = (AttendanceRole.SERVING_SUBSTITUTE, member_id)
            if a.recusal_only:
                continue
            if a.by_substitute and a.serving is not None:
                carry[member_id] = ctx.by_name[a.serving]
            else:
                carry.pop(member_id, None)
    return {p: cells for p, cells in new.items() if cells}


def _presence(ctx: _Context) -> dict[int, set[int]]:
    return {p: set(cells) for p, cells in ctx.grid.items()}


def _refuse_decided_changes(ctx: _Context, new: dict[int, dict[int, Cell]]) -> None:
    for number in sorted(_begun_numbers(ctx.meeting)):
        people = set(ctx.grid) | set(new)
        if any(ctx.grid.get(p, {}).get(number) != new.get(p, {}).get(number) for p in people):
            raise AttendanceError(
                f"§ {number} är redan påbörjad eller beslutad. Ändringen skulle ändra vilka som "
                "närvarade eller tjänstgjorde där; närvaron ändras bara mellan paragraferna. "
                "Ange en senare paragraf."
            )


def _ranges(ctx: _Context, numbers: Iterable[int]) -> list[list[int]]:
    indexes = sorted(ctx.index[n] for n in numbers)
    if len(indexes) == len(ctx.numbers):
        return []
    result: list[list[int]] = []
    for i in indexes:
        if result and ctx.index[result[-1][1]] == i - 1:
            result[-1][1] = ctx.numbers[i]
        else:
            result.append([ctx.numbers[i], ctx.numbers[i]])
    return result


def _write(ctx: _Context, new: dict[int, dict[int, Cell]]) -> None:
    """Store the grid as attendance rows: one row per person, role and seat, with § ranges."""
    _refuse_decided_changes(ctx, new)
    wanted: dict[tuple[int, str, int | None], list[int]] = {}
    for person_id, cells in new.items():
        for number, (role, serving_for) in cells.items():
            wanted.setdefault((person_id, role, serving_for), []).append(number)
    member_rank = {p: i for i, p in enumerate(ctx.member_ids)}
    substitute_rank = {p: i for i, p in enumerate(ctx.substitute_ids)}

    def order(key: tuple[int, str, int | None]) -> int:
        person_id, role, serving_for = key
        if role == AttendanceRole.SERVING_SUBSTITUTE:
            return 100 + member_rank.get(serving_for, 99)
        if role == AttendanceRole.SUBSTITUTE:
            return 200 + substitute_rank.get(person_id, 99)
        return member_rank.get(person_id, 99)

    existing = list(ctx.meeting.attendances.exclude(role=AttendanceRole.OTHER))
    kept: set[tuple[int, str, int | None]] = set()
    for row in existing:
        key = (row.person_id, row.role, row.serving_for_id)
        if key not in wanted or key in kept:
            row.delete()
            continue
        kept.add(key)
        ranges = _ranges(ctx, wanted[key])
        if row.paragraphs != ranges or row.order != order(key):
            row.paragraphs = ranges
            row.order = order(key)
            row.save(update_fields=["paragraphs", "order"])
    for key, numbers in wanted.items():
        if key in kept:
            continue
        person_id, role, serving_for = key
        person = ctx.person[person_id]
        Attendance.objects.create(
            meeting=ctx.meeting, person=person, party=person.party, role=role,
            serving_for_id=serving_for, paragraphs=_ranges(ctx, numbers), order=order(key),
        )
    ctx.grid = new


# --- guards ------------------------------------------------------------------------------------


def _lock(meeting: Meeting | int) -> Meeting:
    """The meeting row, locked for the transaction; refused if justerat."""
    pk = meeting.pk if isinstance(meeting, Meeting) else meeting
    found = Meeting.objects.select_for_update().select_related("body").filter(pk=pk).first()
    if found is None:
        raise AttendanceError("Sammanträdet finns inte.")
    if found.locked:
        raise MeetingLocked(meeting_message(found))
    if found.status == MeetingStatus.ADJUSTED:
        raise AttendanceError("Protokollet är justerat; närvaron kan inte ändras.")
    return found


def _running(meeting: Meeting | int) -> _Context:
    found = _lock(meeting)
    if found.status != MeetingStatus.HELD:
        raise AttendanceError("Sammanträdet har inte öppnats ännu. Öppna sammanträdet först.")
    return _Context(found)


def _person(meeting: Meeting, value: Person | int | str | None, what: str = "Personen") -> Person:
    if isinstance(value, Person):
        pk: object = value.pk
    else:
        pk = value
    try:
        pk = int(pk)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AttendanceError(f"{what} saknas eller är felaktigt angiven. Välj en person i listan.") from None
    person = Person.objects.select_related("party").filter(pk=pk, municipality=meeting.body.municipality_id).first()
    if person is None:
        raise AttendanceError(f"{what} finns inte i {meeting.body.municipality}. Välj en person i listan.")
    return person


# --- opening the meeting -----------------------------------------------------------------------


@transaction.atomic
def start_meeting(
    meeting: Meeting | int, *, secretary: Person | None = None, now: dt.datetime | None = None
) -> Meeting:
    """Open the meeting: status *genomfört*, a § per agenda item, chair, secretary, attendance.

    Attendance starts from the body's memberships valid on the meeting date: every ledamot
    present (with office) and every ersättare present but not serving, for the whole meeting;
    the secretary then marks who is absent. Opening an already opened meeting changes nothing.
    """
    meeting = _lock(meeting)
    items = list(meeting.agenda_items.order_by("order"))
    if not items and not meeting.paragraphs.exists():
        raise AttendanceError(
            "Föredragningslistan är tom. Lägg till minst en punkt innan sammanträdet öppnas."
        )
    memberships = _memberships(meeting)
    if not any(m.role == MembershipRole.MEMBER for m in memberships):
        raise AttendanceError(
            f"{meeting.body.name} har inga ledamöter den {meeting.date:%Y-%m-%d}. "
            "Registrera uppdragen innan sammanträdet öppnas."
        )
    if not meeting.paragraphs.filter(agenda_item__isnull=True).exists():
        for item in items:  # a record with §§ of its own (imported) is not renumbered
            paragraph_for_item(meeting, item)
    if meeting.chair_id is None:
        chair = next((m.person for m in memberships if m.office == Office.CHAIR), None)
        meeting.chair = chair
    if meeting.secretary_id is None and secretary is not None:
        meeting.secretary = secretary
    if meeting.start is None:
        moment = now or timezone.now()
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        meeting.start = moment.time().replace(second=0, microsecond=0)
    meeting.status = MeetingStatus.HELD
    meeting.save()
    if not meeting.attendances.exclude(role=AttendanceRole.OTHER).exists():
        ctx = _Context(meeting)
        grid: dict[int, dict[int, Cell]] = {}
        for m in ctx.members:
            role = _OFFICE_ROLE.get(m.office, AttendanceRole.MEMBER)
            grid[m.person_id] = {n: (role, None) for n in ctx.numbers}
        for m in ctx.substitutes:
            grid[m.person_id] = {n: (AttendanceRole.SUBSTITUTE, None) for n in ctx.numbers}
        _write(ctx, grid)
    return meeting


@transaction.atomic
def end_meeting(meeting: Meeting | int, at: dt.datetime | None = None) -> Meeting:
    """Close the meeting: record its sluttid (reservations can no longer be announced)."""
    found = _lock(meeting)
    if found.status != MeetingStatus.HELD:
        raise AttendanceError("Sammanträdet har inte öppnats ännu. Öppna sammanträdet först.")
    if found.end is not None:
        raise AttendanceError(f"Sammanträdet är redan avslutat (kl. {found.end:%H.%M}).")
    moment = at or timezone.now()
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    found.end = moment.time().replace(second=0, microsecond=0)
    found.save(update_fields=["end"])
    return found


@transaction.atomic
def set_chair(meeting: Meeting | int, person: Person | int) -> Meeting:
    """Who leads the meeting. Refused if another chair is present: a meeting has one chair."""
    ctx = _running(meeting)
    meeting = ctx.meeting
    chosen = _person(meeting, person)
    if chosen.pk not in ctx.member_office:
        raise AttendanceError(
            f"{chosen.name} är inte ledamot i {meeting.body.name} och kan inte vara ordförande."
        )
    current = meeting.chair
    if current is not None and current.pk != chosen.pk and current.pk in ctx.grid:
        raise AttendanceError(
            f"Sammanträdet har redan en ordförande: {current.name}. Ett sammanträde har bara en "
            f"ordförande; markera {current.name} som frånvarande först om någon annan ska leda det."
        )
    if not ctx.grid.get(chosen.pk):
        raise AttendanceError(f"{chosen.name} är inte närvarande och kan inte leda sammanträdet.")
    meeting.chair = chosen
    meeting.save(update_fields=["chair"])
    return meeting


# --- attendance changes ----------------------------------------------------------------------


def _seats_text(ctx: _Context, new, number: int) -> tuple[tuple[Person, Person | None], ...]:
    changed = []
    recused = ctx.recusals.get(number, set())
    old_seats, new_seats = ctx.seats(), _seat_index(new)
    for member_id in ctx.member_ids:
        if ctx.present(new, member_id, number) and member_id not in recused:
            continue
        before = _occupant(ctx, old_seats, number, member_id)
        after = _occupant(ctx, new_seats, number, member_id)
        if before != after or ctx.present(ctx.grid, member_id, number):
            changed.append((ctx.person[member_id], ctx.person[after] if after else None))
    return tuple(changed)


def _describe(seats: Sequence[tuple[Person, Person | None]]) -> str:
    parts = []
    for member, sub in seats:
        if sub is None:
            parts.append(f"{member.name}s plats är tom (ingen ersättare finns)")
        else:
            parts.append(f"{sub.name} tjänstgör för {member.name}")
    return "; ".join(parts)


def _apply(ctx: _Context, presence, number: int, choices=None) -> tuple[tuple[Person, Person | None], ...]:
    new = _replay(ctx, presence, number, choices)
    seats = _seats_text(ctx, new, number)
    _write(ctx, new)
    return seats


def _eligible(ctx: _Context, presence, number: int, member_id: int) -> tuple[list[int], int | None]:
    """Substitutes who may serve for ``member_id`` from ``number`` by the rules, and the proposal."""
    if member_id not in ctx.member_office:
        return [], None
    proposal_grid = _replay(ctx, presence, number, only_first=True)
    proposed = _occupant(ctx, _seat_index(proposal_grid), number, member_id)
    if ctx.present(proposal_grid, member_id, number) and member_id not in ctx.recusals.get(number, set()):
        return [], None
    eligible = []
    for sub_id in ctx.substitute_ids:
        if number not in presence.get(sub_id, set()) or sub_id in ctx.recusals.get(number, set()):
            continue
        trial = _replay(ctx, presence, number, {member_id: sub_id}, only_first=True)
        if _occupant(ctx, _seat_index(trial), number, member_id) == sub_id:
            eligible.append(sub_id)
    return eligible, proposed


def _without(presence: dict[int, set[int]], ctx: _Context, person_id: int, number: int) -> dict[int, set[int]]:
    changed = {p: set(numbers) for p, numbers in presence.items()}
    start = ctx.index[number]
    changed[person_id] = {n for n in changed.get(person_id, set()) if ctx.index[n] < start}
    return changed


def _with(presence: dict[int, set[int]], ctx: _Context, person_id: int, number: int) -> dict[int, set[int]]:
    changed = {p: set(numbers) for p, numbers in presence.items()}
    start = ctx.index[number]
    changed.setdefault(person_id, set()).update(n for n in ctx.numbers if ctx.index[n] >= start)
    return changed


def _check_present(ctx: _Context, person: Person, number: int, verb: str) -> None:
    if not ctx.present(ctx.grid, person.pk, number):
        raise AttendanceError(f"{person.name} är inte närvarande vid § {number} och kan inte {verb}.")


@transaction.atomic
def preview_absence(meeting: Meeting | int, person: Person | int, number: int | None = None) -> Proposal:
    """Who would serve for ``person`` if they were absent from § ``number`` (nothing is saved)."""
    ctx = _running(meeting)
    member = _person(ctx.meeting, person)
    ctx.check_known(member)
    number = ctx.check_number(number)
    _check_present(ctx, member, number, "anmälas frånvarande")
    presence = _without(_presence(ctx), ctx, member.pk, number)
    eligible, proposed = _eligible(ctx, presence, number, member.pk)
    return Proposal(
        member=member,
        number=number,
        proposed=ctx.person[proposed] if proposed else None,
        eligible=tuple(ctx.person[p] for p in eligible),
    )


@transaction.atomic
def mark_absent(
    meeting: Meeting | int,
    person: Person | int,
    number: int | None = None,
    substitute: Person | int | None = None,
) -> Change:
    """``person`` is not in the room from § ``number`` (default: the first §) on.

    At the first §: absent (frånvarande). Later: a departure; by the rules they may not
    return the same day. A member's seat goes to the substitute the rules propose, or to
    ``substitute`` if the secretary chose another one the rules allow.
    """
    ctx = _running(meeting)
    member = _person(ctx.meeting, person)
    ctx.check_known(member)
    number = ctx.check_number(number)
    _check_present(ctx, member, number, "anmälas frånvarande")
    presence = _without(_presence(ctx), ctx, member.pk, number)
    choices = None
    if substitute not in (None, ""):
        chosen = _person(ctx.meeting, substitute, "Ersättaren")
        eligible, _ = _eligible(ctx, presence, number, member.pk)
        if chosen.pk not in eligible:
            raise AttendanceError(_not_eligible(ctx, chosen, member, number, eligible))
        choices = {member.pk: chosen.pk}
    seats = _apply(ctx, presence, number, choices)
    first = number == ctx.numbers[0]
    what = "frånvarande" if first else f"lämnar sammanträdet från § {number}"
    message = f"{member.name} är {what}." if first else f"{member.name} {what}."
    if seats:
        message += " " + _describe(seats) + "."
    if member.pk == ctx.meeting.chair_id:
        message += (
            f" {member.name} är sammanträdets ordförande: ange vem som leder sammanträdet "
            "(vanligen 1:e vice ordförande)."
        )
    return Change(message, number, seats)


def depart(meeting: Meeting | int, person: Person | int, number: int, substitute=None) -> Change:
    """``person`` leaves before § ``number`` (for another reason than jäv)."""
    return mark_absent(meeting, person, number, substitute)


def _not_eligible(ctx: _Context, chosen: Person, member: Person, number: int, eligible: list[int]) -> str:
    if chosen.pk not in ctx.substitute_ids:
        return f"{chosen.name} är inte ersättare i {ctx.meeting.body.name}."
    names = ", ".join(ctx.name(p) for p in eligible) or "ingen"
    return (
        f"{chosen.name} kan inte tjänstgöra för {member.name} från § {number} enligt reglerna för "
        f"ersättares tjänstgöring (inte närvarande, redan tjänstgörande, jävig eller en ersättare från "
        f"samma partigrupp går före). Möjliga ersättare: {names}."
    )


@transaction.atomic
def arrive(meeting: Meeting | int, person: Person | int, number: int) -> Change:
    """``person`` arrives and is present from § ``number``; the rules decide who serves."""
    ctx = _running(meeting)
    arriving = _person(ctx.meeting, person)
    ctx.check_known(arriving)
    number = ctx.check_number(number)
    if ctx.present(ctx.grid, arriving.pk, number):
        raise AttendanceError(f"{arriving.name} är redan närvarande vid § {number}.")
    start = ctx.index[number]
    cells = ctx.grid.get(arriving.pk, {})
    if any(ctx.index[n] < start for n in cells):
        raise AttendanceError(
            f"{arriving.name} har lämnat sammanträdet av annat skäl än jäv och får inte "
            "tjänstgöra igen under samma dag."
        )
    presence = _with(_presence(ctx), ctx, arriving.pk, number)
    seats = _apply(ctx, presence, number)
    message = f"{arriving.name} är närvarande från § {number}."
    if arriving.pk in ctx.member_office:
        message += f" {arriving.name} tjänstgör från § {number}."
    elif seats:
        message += " " + _describe(seats) + "."
    return Change(message, number, seats)


@transaction.atomic
def choose_substitute(
    meeting: Meeting | int, member: Person | int, substitute: Person | int, number: int
) -> Change:
    """The secretary seats ``substitute`` for absent ``member`` from § ``number`` (within the rules)."""
    ctx = _running(meeting)
    seat = _person(ctx.meeting, member)
    ctx.check_known(seat)
    number = ctx.check_number(number)
    if seat.pk not in ctx.member_office:
        raise AttendanceError(f"{seat.name} är inte ledamot; en ersättare tjänstgör bara för en ledamot.")
    chosen = _person(ctx.meeting, substitute, "Ersättaren")
    presence = _presence(ctx)
    if ctx.present(ctx.grid, seat.pk, number) and seat.pk not in ctx.recusals.get(number, set()):
        raise AttendanceError(f"{seat.name} tjänstgör själv vid § {number}; ingen ersättare behövs.")
    eligible, _ = _eligible(ctx, presence, number, seat.pk)
    if chosen.pk not in eligible:
        raise AttendanceError(_not_eligible(ctx, chosen, seat, number, eligible))
    seats = _apply(ctx, presence, number, {seat.pk: chosen.pk})
    return Change(f"{chosen.name} tjänstgör för {seat.name} från § {number}.", number, seats)


@transaction.atomic
def recuse(
    meeting: Meeting | int, person: Person | int, number: int, reason: str = ""
) -> Change:
    """Jäv: ``person`` neither takes part in nor attends § ``number``; a substitute may serve there."""
    ctx = _running(meeting)
    who = _person(ctx.meeting, person)
    ctx.check_known(who)
    number = ctx.check_number(number)
    paragraph = ctx.meeting.paragraphs.get(number=number)
    if is_begun(paragraph):
        raise AttendanceError(
            f"§ {number} är redan påbörjad eller beslutad; jäv ska anmälas innan ärendet behandlas."
        )
    cell = ctx.grid.get(who.pk, {}).get(number)
    if cell is None or cell[0] not in DECIDING_ROLES:
        raise AttendanceError(
            f"{who.name} tjänstgör inte vid § {number}; jäv antecknas för den som deltar i beslutet."
        )
    if who.pk in ctx.recusals.get(number, set()):
        raise AttendanceError(f"{who.name} har redan anmält jäv i § {number}.")
    top = paragraph.recusals.count()
    Recusal.objects.create(paragraph=paragraph, person=who, name=who.name, reason=reason.strip(), order=top)
    ctx.recusals.setdefault(number, set()).add(who.pk)
    seats = _apply(ctx, _presence(ctx), number)
    message = f"{who.name} anmäler jäv och deltar inte i § {number}."
    if seats:
        message += " " + _describe(seats) + f" i § {number}."
    return Change(message, number, seats)


@transaction.atomic
def remove_recusal(meeting: Meeting | int, recusal: Recusal | int) -> Change:
    """Take back a jäv entered by mistake (only before the § is decided)."""
    ctx = _running(meeting)
    pk = recusal.pk if isinstance(recusal, Recusal) else recusal
    found = Recusal.objects.select_related("paragraph").filter(pk=pk, paragraph__meeting=ctx.meeting).first()
    if found is None:
        raise AttendanceError("Jävet finns inte på det här sammanträdet.")
    number = found.paragraph.number
    if is_begun(found.paragraph):
        raise AttendanceError(f"§ {number} är redan påbörjad eller beslutad; jävet kan inte tas bort.")
    found.delete()
    if found.person_id is not None:
        ctx.recusals.get(number, set()).discard(found.person_id)
    _apply(ctx, _presence(ctx), number)
    return Change(f"Jävet för {found.name} i § {number} är borttaget.", number)


# --- övriga närvarande, justerare -------------------------------------------------------------


@transaction.atomic
def add_other(meeting: Meeting | int, name: str, title: str) -> Attendance:
    """Övriga närvarande: an official (or guest) by name and title, for the whole meeting."""
    found = _lock(meeting)
    name = " ".join((name or "").split())
    title = " ".join((title or "").split())
    if not name:
        raise AttendanceError("Ange namnet på den som är närvarande.")
    if not title:
        raise AttendanceError(f"Ange titel för {name}, t.ex. förvaltningschef eller nämndsekreterare.")
    if len(name) > 200 or len(title) > 200:
        raise AttendanceError("Namn och titel får vara högst 200 tecken.")
    elected = {m.person.name for m in _memberships(found)}
    if name in elected:
        raise AttendanceError(
            f"{name} är ledamot eller ersättare i {found.body.name}; närvaron registreras i listan "
            "över ledamöter och ersättare, inte bland övriga närvarande."
        )
    if found.attendances.filter(role=AttendanceRole.OTHER, person__name=name).exists():
        raise AttendanceError(f"{name} finns redan bland övriga närvarande.")
    person = (
        Person.objects.filter(municipality=found.body.municipality_id, name=name, memberships__isnull=True)
        .order_by("pk")
        .first()
    )
    if person is None:
        person = Person.objects.create(municipality_id=found.body.municipality_id, name=name, title=title)
    top = max([a.order for a in found.attendances.filter(role=AttendanceRole.OTHER)] + [299])
    return Attendance.objects.create(
        meeting=found, person=person, role=AttendanceRole.OTHER, office=title, order=top + 1
    )


@transaction.atomic
def remove_other(meeting: Meeting | int, attendance: Attendance | int) -> None:
    """Remove one of the övriga närvarande."""
    found = _lock(meeting)
    pk = attendance.pk if isinstance(attendance, Attendance) else attendance
    row = found.attendances.filter(pk=pk, role=AttendanceRole.OTHER).first()
    if row is None:
        raise AttendanceError("Personen finns inte bland övriga närvarande.")
    row.delete()


@transaction.atomic
def set_adjusters(
    meeting: Meeting | int,
    persons: Sequence[Person | int],
    *,
    time: str = "",
    place: str = "",
) -> Meeting:
    """Elect the justerare (present ledamöter or ersättare, not the chair) and set the justering."""
    ctx = _running(meeting)
    meeting = ctx.meeting
    chosen: list[Person] = []
    for value in persons:
        if value in (None, ""):
            continue
        person = _person(meeting, value, "Justeraren")
        if person.pk in {p.pk for p in chosen}:
            raise AttendanceError(f"{person.name} är vald två gånger; välj olika justerare.")
        if person.pk not in ctx.person:
            raise AttendanceError(
                f"{person.name} är varken ledamot eller ersättare i {meeting.body.name} och kan inte "
                "utses att justera protokollet."
            )
        if not ctx.grid.get(person.pk):
            raise AttendanceError(f"{person.name} är inte närvarande och kan inte utses att justera.")
        if person.pk == meeting.chair_id:
            raise AttendanceError(
                f"{person.name} är ordförande och justerar protokollet som ordförande; välj någon annan."
            )
        chosen.append(person)
    if not chosen:
        raise AttendanceError("Välj minst en justerare.")
    time = " ".join((time or "").split())
    place = " ".join((place or "").split())
    if len(time) > 100 or len(place) > 300:
        raise AttendanceError("Tid för justering får vara högst 100 tecken och plats högst 300.")
    Adjuster.objects.filter(meeting=meeting).delete()
    for order, person in enumerate(chosen):
        Adjuster.objects.create(meeting=meeting, person=person, order=order)
    meeting.adjustment_time = time
    meeting.adjustment_place = place
    meeting.save(update_fields=["adjustment_time", "adjustment_place"])
    return meeting
