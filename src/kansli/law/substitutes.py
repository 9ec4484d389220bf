"""Who serves in which seat, paragraph by paragraph: members, substitutes and jäv.

The rules come from KL (2017:725) 6 kap. (ersättare serve for members who are prevented, in
the order fullmäktige has decided) and from the body's reglemente, which in the common
model (SKR:s normalreglemente, "Ersättares tjänstgöring") says:

* an absent member is replaced first by a substitute of the same party group in the set
  order, then by a substitute of another group in the order fullmäktige decided;
* a substitute of the member's own group who arrives later takes over from a serving
  substitute of another group, but a serving own-group substitute is never replaced by a
  later own-group substitute, even one higher in the order;
* a member who arrives late takes the seat back from the substitute;
* someone who stopped serving for another reason than jäv may not return the same day;
* changes happen between matters, never during one.

Jäv (KL 6 kap. 28–32 §§) applies to one matter: the member neither takes part nor is
present in that §, and a substitute may serve for that § only.

`propose` is the pure rule; `Sitting` keeps the state of one meeting and applies arrivals,
departures and recusals at the next paragraph boundary.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "Assignment",
    "MemberSeat",
    "Roster",
    "Sitting",
    "SittingState",
    "Substitute",
    "SubstitutionError",
    "SubstitutionRules",
    "call_in_order",
    "propose",
    "serving_count",
]


class SubstitutionError(ValueError):
    """An impossible attendance operation; the message is in Swedish for the secretary."""


@dataclass(frozen=True)
class MemberSeat:
    """A ledamot and the party group (partigrupp) the seat belongs to."""

    name: str
    group: str


@dataclass(frozen=True)
class Substitute:
    """An ersättare, the party group, and the place in the set call-in order (1 = first)."""

    name: str
    group: str
    order: int


@dataclass(frozen=True)
class SubstitutionRules:
    """How a body calls in substitutes; set per body from its reglemente.

    ``fullmaktige_order`` lists substitute names in the order fullmäktige decided for calling
    in across groups (names not listed follow, by `Substitute.order`).  ``member_orders``
    gives, for a member's name, an explicit call-in order of substitute names, as some
    municipalities decide per member; it overrides the general order for that member.
    """

    own_group_first: bool = True
    allow_replacement_by_own_group: bool = True
    fullmaktige_order: tuple[str, ...] = ()
    member_orders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Roster:
    """The members and substitutes of a body for the term."""

    members: tuple[MemberSeat, ...]
    substitutes: tuple[Substitute, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", tuple(self.members))
        object.__setattr__(self, "substitutes", tuple(self.substitutes))
        seen: set[str] = set()
        for person in (*self.members, *self.substitutes):
            if not person.name.strip():
                raise SubstitutionError("Alla ledamöter och ersättare måste ha ett namn.")
            if person.name in seen:
                raise SubstitutionError(f"{person.name} förekommer mer än en gång i nämnden.")
            seen.add(person.name)
        if not self.members:
            raise SubstitutionError("Nämnden måste ha minst en ledamot.")

    def is_member(self, name: str) -> bool:
        return any(m.name == name for m in self.members)

    def knows(self, name: str) -> bool:
        return self.is_member(name) or any(s.name == name for s in self.substitutes)


@dataclass(frozen=True)
class SittingState:
    """Attendance as it stands when a paragraph begins.

    ``present`` maps everyone who has arrived to their arrival number (1 = first);
    ``left`` holds those who have stopped serving for the day; ``recused`` those who have
    declared jäv in the paragraph about to begin; ``serving_for`` maps a member to the
    substitute who has been serving in the seat in earlier paragraphs.
    """

    present: Mapping[str, int] = field(default_factory=dict)
    left: frozenset[str] = frozenset()
    recused: frozenset[str] = frozenset()
    serving_for: Mapping[str, str] = field(default_factory=dict)

    def available(self, name: str) -> bool:
        """Present, not gone for the day, and not disqualified in this paragraph."""
        return name in self.present and name not in self.left and name not in self.recused


@dataclass(frozen=True)
class Assignment:
    """Who serves in one member's seat during one paragraph.

    ``serving`` is the member, a substitute, or None if the seat is empty.
    ``recusal_only`` marks a substitute serving because of jäv in this paragraph only.
    """

    member: str
    group: str
    serving: str | None
    by_substitute: bool
    recusal_only: bool = False

    @property
    def vacant(self) -> bool:
        return self.serving is None


def call_in_order(
    member: MemberSeat, roster: Roster, rules: SubstitutionRules | None = None
) -> list[Substitute]:
    """The order in which substitutes are called in for ``member``.

    Fullmäktige decides the order (KL 2017:725 6 kap.); with ``own_group_first`` the
    reglemente puts the member's own party group first, keeping the set order inside it.
    """
    rules = rules or SubstitutionRules()
    index = {s.name: i for i, s in enumerate(roster.substitutes)}
    explicit = rules.member_orders.get(member.name)
    if explicit is not None:
        position = {name: i for i, name in enumerate(explicit)}
        return sorted(
            roster.substitutes,
            key=lambda s: (position.get(s.name, len(position)), s.order, index[s.name]),
        )
    listed = {name: i for i, name in enumerate(rules.fullmaktige_order)}
    ordered = sorted(
        roster.substitutes,
        key=lambda s: (listed.get(s.name, len(listed)), s.order, index[s.name]),
    )
    if rules.own_group_first:
        ordered.sort(key=lambda s: s.group != member.group)  # stable: keeps the set order
    return ordered


def propose(
    state: SittingState, roster: Roster, rules: SubstitutionRules | None = None
) -> list[Assignment]:
    """Propose who serves in every seat for the paragraph described by ``state``.

    Applies the substitute rules of KL (2017:725) 6 kap. and the reglemente (see the module
    docstring) and jäv per KL 6 kap. 28–32 §§: a recused member's seat is filled by a
    substitute for this paragraph only.  Returns one `Assignment` per member, in roster order.
    """
    rules = rules or SubstitutionRules()
    by_name = {s.name: s for s in roster.substitutes}
    taken: set[str] = set()
    chosen: dict[str, Substitute] = {}
    vacant: list[MemberSeat] = []
    for seat in roster.members:
        if not state.available(seat.name):
            vacant.append(seat)

    # 1. Substitutes already serving in a seat keep it while the member is away.
    for seat in vacant:
        previous = by_name.get(state.serving_for.get(seat.name, ""))
        if previous is not None and state.available(previous.name) and previous.name not in taken:
            chosen[seat.name] = previous
            taken.add(previous.name)

    def free(sub: Substitute) -> bool:
        return state.available(sub.name) and sub.name not in taken

    # 2. An own-group substitute who is now free takes over from another group's substitute.
    if rules.allow_replacement_by_own_group:
        for seat in vacant:
            current = chosen.get(seat.name)
            if current is None or current.group == seat.group:
                continue
            for sub in call_in_order(seat, roster, rules):
                if sub.group == seat.group and free(sub):
                    taken.discard(current.name)
                    chosen[seat.name] = sub
                    taken.add(sub.name)
                    break

    # 3. Fill empty seats: own group first (if the rules say so), then the general order.
    passes = (True, False) if rules.own_group_first else (False,)
    for own_only in passes:
        for seat in vacant:
            if seat.name in chosen:
                continue
            for sub in call_in_order(seat, roster, rules):
                if (not own_only or sub.group == seat.group) and free(sub):
                    chosen[seat.name] = sub
                    taken.add(sub.name)
                    break

    result: list[Assignment] = []
    for seat in roster.members:
        if state.available(seat.name):
            result.append(Assignment(seat.name, seat.group, seat.name, by_substitute=False))
            continue
        sub = chosen.get(seat.name)
        # The seat's regular holder (the member, or the substitute serving for an absent
        # member) is disqualified here: whoever replaces them serves for this paragraph only.
        member_here = seat.name in state.present and seat.name not in state.left
        holder = seat.name if member_here else state.serving_for.get(seat.name)
        recused_here = holder is not None and holder in state.recused and holder not in state.left
        result.append(
            Assignment(
                seat.name,
                seat.group,
                sub.name if sub else None,
                by_substitute=sub is not None,
                recusal_only=sub is not None and recused_here,
            )
        )
    return result


def serving_count(assignments: Iterable[Assignment]) -> int:
    """Number of seats filled, members plus serving substitutes (for KL 6 kap. 27 § quorum)."""
    return sum(1 for a in assignments if not a.vacant)


class Sitting:
    """Attendance during one meeting day, changing only between paragraphs.

    `arrive`, `leave` and `recuse` record what happens; they take effect when the next
    paragraph begins (`begin_paragraph`), because substitutes change between matters,
    never during one.  Impossible operations raise `SubstitutionError`.
    """

    def __init__(self, roster: Roster, rules: SubstitutionRules | None = None) -> None:
        self.roster = roster
        self.rules = rules or SubstitutionRules()
        self._present: dict[str, int] = {}
        self._left: set[str] = set()
        self._serving_for: dict[str, str] = {}
        self._pending: list[tuple[str, str]] = []
        self._status: dict[str, str] = {}  # projected: "present" or "left"
        self._recusals: dict[Hashable, set[str]] = {}
        self._begun: list[Hashable] = []
        self._arrivals = 0
        self.assignments: list[Assignment] = []

    @property
    def current_paragraph(self) -> Hashable | None:
        return self._begun[-1] if self._begun else None

    def _check_known(self, name: str) -> None:
        if not self.roster.knows(name):
            raise SubstitutionError(f"{name} är varken ledamot eller ersättare i nämnden.")

    def arrive(self, name: str) -> None:
        """``name`` arrives; they can serve from the next paragraph."""
        self._check_known(name)
        status = self._status.get(name)
        if status == "left":
            raise SubstitutionError(
                f"{name} har avbrutit sin tjänstgöring av annat skäl än jäv och får inte "
                "tjänstgöra igen under samma dag."
            )
        if status == "present":
            raise SubstitutionError(f"{name} är redan anmäld som närvarande.")
        self._status[name] = "present"
        self._pending.append(("arrive", name))

    def leave(self, name: str) -> None:
        """``name`` leaves for another reason than jäv and may not return the same day."""
        self._check_known(name)
        if self._status.get(name) != "present":
            raise SubstitutionError(f"{name} är inte närvarande och kan inte lämna sammanträdet.")
        self._status[name] = "left"
        self._pending.append(("leave", name))

    def recuse(self, name: str, paragraph: Hashable) -> None:
        """``name`` is disqualified (jäv, KL 6 kap. 28–32 §§) in ``paragraph`` only."""
        self._check_known(name)
        if paragraph in self._begun:
            raise SubstitutionError(
                f"§ {paragraph} har redan påbörjats; jäv ska anmälas innan ärendet behandlas."
            )
        self._recusals.setdefault(paragraph, set()).add(name)

    def state_for(self, paragraph: Hashable) -> SittingState:
        """The state `propose` sees for ``paragraph`` given what has taken effect so far."""
        return SittingState(
            present=MappingProxyType(dict(self._present)),
            left=frozenset(self._left),
            recused=frozenset(self._recusals.get(paragraph, ())),
            serving_for=MappingProxyType(dict(self._serving_for)),
        )

    def begin_paragraph(self, paragraph: Hashable) -> list[Assignment]:
        """Apply the changes recorded since the last paragraph and seat everyone for this one."""
        if paragraph in self._begun:
            raise SubstitutionError(f"§ {paragraph} har redan behandlats under sammanträdet.")
        for event, name in self._pending:
            if event == "arrive":
                self._arrivals += 1
                self._present[name] = self._arrivals
            else:
                self._left.add(name)
        self._pending.clear()
        self._begun.append(paragraph)
        assignments = propose(self.state_for(paragraph), self.roster, self.rules)
        for a in assignments:
            if a.recusal_only:
                continue  # serving for this paragraph only; the seat's regular holder is kept
            if a.by_substitute and a.serving is not None:
                self._serving_for[a.member] = a.serving
            else:
                self._serving_for.pop(a.member, None)
        self.assignments = assignments
        return assignments
