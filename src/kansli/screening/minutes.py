"""Every text of a minutes record that the public would read, with where it sits; and the record
with a function applied to each of those texts. No Django.

A *location* names a text for people and for storage: ``§ 12/2026 sammanfattning``,
``§ 12/2026 yrkande 2``, ``plats``. Paragraphs are named by number and year, so a location stays
the same when the record is read again. Names of elected members (participants who decide,
movers, dissenters, ballots, jäv) are not texts to screen: they are always published.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kansli.minutes import Minutes, Role


@dataclass(frozen=True)
class Text:
    location: str
    text: str
    name_field: bool = False  # a name of somebody who is not an elected member


def _para(item) -> str:
    number = "?" if item.number is None else item.number
    return f"§ {number}/{item.year}" if item.year else f"§ {number}"


def _item_slots(item) -> Iterator[tuple[str, object, str, bool]]:
    """(location, object, attribute or index, name_field) for each text of a §."""
    p = _para(item)
    yield f"{p} rubrik", item, "title", False
    yield f"{p} beslut", item, "decision", False
    for j in range(len(item.decision_clauses)):
        yield f"{p} att-sats {j + 1}", item.decision_clauses, j, False
    yield f"{p} förslag till beslut", item, "proposed_decision", False
    yield f"{p} sammanfattning", item, "summary", False
    for j in range(len(item.decision_basis)):
        yield f"{p} beslutsunderlag {j + 1}", item.decision_basis, j, False
    yield f"{p} överläggning", item, "deliberation", False
    for j, motion in enumerate(item.motions):
        yield f"{p} yrkande {j + 1}", motion, "text", False
    for j in range(len(item.order_of_questions)):
        yield f"{p} propositionsordning {j + 1}", item.order_of_questions, j, False
    for j, vote in enumerate(item.votes):
        for attr, label in (("question", "voteringsproposition"), ("yes_means", "ja betyder"),
                            ("no_means", "nej betyder"), ("outcome", "utfall")):
            yield f"{p} votering {j + 1} {label}", vote, attr, False
    for j, dissent in enumerate(item.reservations):
        yield f"{p} reservation {j + 1}", dissent, "text", False
        yield f"{p} reservation {j + 1} till förmån för", dissent, "in_favour_of", False
    for j, statement in enumerate(item.statements):
        yield f"{p} yttrande {j + 1}", statement, "text", False
    for j, recusal in enumerate(item.recusals):
        yield f"{p} jäv {j + 1} skäl", recusal, "reason", False
    for j in range(len(item.recipients)):
        yield f"{p} beslutet skickas till {j + 1}", item.recipients, j, True


def _slots(minutes: Minutes) -> Iterator[tuple[str, object, str | int, bool]]:
    yield "plats", minutes.meeting, "place", False
    for j in range(len(minutes.meeting.adjournments)):
        yield f"ajournering {j + 1}", minutes.meeting.adjournments, j, False
    yield "justeringens plats", minutes, "adjustment_place", False
    yield "förvaringsplats", minutes, "minutes_kept_at", False
    for j, participant in enumerate(minutes.participants):
        if participant.role == Role.OTHER:
            # Others present (officials) are published with their title, but what was typed
            # into the name or title is still screened for numbers and addresses.
            yield f"övrig närvarande {j + 1}", participant, "name", False
            yield f"övrig närvarande {j + 1} titel", participant, "office", False
    for item in minutes.items:
        yield from _item_slots(item)


def _get(holder, key):
    return holder[key] if isinstance(key, int) else getattr(holder, key)


def minutes_texts(minutes: Minutes) -> list[Text]:
    """The record's texts to screen, in reading order; empty texts left out."""
    out = []
    for location, holder, key, name_field in _slots(minutes):
        value = _get(holder, key)
        if value:
            out.append(Text(location, value, name_field))
    return out


def map_minutes_texts(minutes: Minutes, change: Callable[[str], str]) -> Minutes:
    """A deep copy of ``minutes`` with ``change`` applied to every text :func:`minutes_texts` names."""
    result = copy.deepcopy(minutes)
    for _location, holder, key, _name_field in _slots(result):
        value = _get(holder, key)
        if value:
            if isinstance(key, int):
                holder[key] = change(value)
            else:
                setattr(holder, key, change(value))
    return result


def texts_digest(minutes: Minutes) -> str:
    """SHA-256 of every screened text with its location: changes when any of them changes."""
    digest = hashlib.sha256()
    for text in minutes_texts(minutes):
        digest.update(text.location.encode())
        digest.update(b"\x00")
        digest.update(text.text.encode())
        digest.update(b"\x01")
    return digest.hexdigest()


def public_names(minutes: Minutes) -> set[str]:
    """Names printed as the deciding members, chair and adjusters: never masked."""
    names = {p.name for p in minutes.participants if p.role != Role.OTHER}
    names.update(n for n in [minutes.chair, *minutes.adjusters] if n)
    return names


def screen_minutes(minutes: Minutes, config=None) -> list[tuple[Text, object]]:
    """Every finding in the record's texts, with the text it was found in.

    Works on a record straight from the importer as well as one read back from the database.
    """
    from .detect import screen

    return [
        (text, finding)
        for text in minutes_texts(minutes)
        for finding in screen(text.text, config, name_field=text.name_field)
    ]
