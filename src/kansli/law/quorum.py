"""Quorum (beslutförhet) of a nämnd."""

from __future__ import annotations

__all__ = ["has_quorum", "quorum_needed"]


def _check_count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} måste vara ett heltal.")
    return value


def quorum_needed(seats: int) -> int:
    """Smallest number of serving members that makes the body quorate.

    KL (2017:725) 6 kap. 27 §: a nämnd may decide only when more than half of its members
    are present.  Serving substitutes count as members.  ``seats`` is the number of members
    (ledamöter) the body has, not the number of substitutes.
    """
    seats = _check_count(seats, "Antalet ledamöter")
    if seats < 1:
        raise ValueError(f"Antalet ledamöter måste vara minst 1, inte {seats}.")
    return seats // 2 + 1


def has_quorum(seats: int, present: int) -> bool:
    """True if ``present`` serving members (members plus serving substitutes) form a quorum.

    KL (2017:725) 6 kap. 27 §: more than half of the members must be present.
    """
    needed = quorum_needed(seats)
    present = _check_count(present, "Antalet närvarande")
    if present < 0:
        raise ValueError(f"Antalet närvarande kan inte vara negativt ({present}).")
    if present > seats:
        raise ValueError(
            f"Antalet tjänstgörande ({present}) kan inte vara fler än antalet ledamöter ({seats})."
        )
    return present >= needed
