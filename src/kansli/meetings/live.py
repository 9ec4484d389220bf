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
  or is locked. Attendance changes that would alter who was present or serving at a decided §
  are refused (changes happen between §§, never during or after one).

Attendance is changed only by the functions here. Each runs in one transaction, refuses a
locked (justerat) meeting with :class:`~kansli.meetings.locking.MeetingLocked`, and raises
:class:`AttendanceError` with a Swedish message for anything else that cannot be done.
Substitutes are proposed by :func:`kansli.law.substitutes.propose` from the body's memberships
(ersättare of the member's own party group first, in the set call-in order); quorum is
:func:`kansli.law.quorum.has_quorum` (KL 6 kap. 27 §).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from kansli.organisation.models import Party, Person

from .models import AgendaItem, AttendanceRole, Meeting, Paragraph, Recusal
from .services import add_paragraph

__all__ = [
    "DECIDING_ROLES",
    "AttendanceError",
    "Serving",
    "is_decided",
    "paragraph_for_item",
    "paragraph_numbers",
    "serving_at",
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


def serving_at(meeting: Meeting, number: int) -> list[Serving]:
    """Who decides at § ``number`` of ``meeting``: members and serving substitutes, after jäv.

    In attendance order (chair first, as the protokoll prints them). A person recused in the §
    (a :class:`Recusal` naming them) is left out.
    """
    recused_ids, recused_names = _recused(meeting, number)
    result: list[Serving] = []
    seen: set[int] = set()
    rows = (
        meeting.attendances.filter(role__in=DECIDING_ROLES)
        .select_related("person", "party", "serving_for", "person__party")
        .order_by("order", "pk")
    )
    for row in rows:
        if not row.present_at(number) or row.person_id in seen:
            continue
        if row.person_id in recused_ids or (row.person.name in recused_names):
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
    return result


def _recused(meeting: Meeting, number: int) -> tuple[set[int], set[str]]:
    rows = Recusal.objects.filter(paragraph__meeting=meeting, paragraph__number=number)
    ids: set[int] = set()
    names: set[str] = set()
    for person_id, name in rows.values_list("person_id", "name"):
        if person_id is not None:
            ids.add(person_id)
        else:
            names.add(name)
    return ids, names


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
