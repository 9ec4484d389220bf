"""Delegation of decisions (KL 6 kap. 37–40 §§) as pure rules.

- 6:37: a nämnd may delegate decisions to a presidium, an utskott, a member or substitute, or
  an employee. *Who* may decide *what* is written in the body's delegationsordning: numbered
  points ("A.1.3", "C 2.4") with the matter, the delegate(s), limits and whether the decision is
  reported to the body.
- 6:39: the nämnd may let the chair (or another member) decide urgent matters when the nämnd's
  decision cannot wait; such decisions are reported at the next meeting.
- 6:40: delegated decisions are reported to the nämnd as it decides. The appeal period of a
  reported decision runs from the posting of the protokoll where it was reported (13:5, DESIGN.md).

A scheme is versioned: a decision is checked against the version in force on the day it was
made (:func:`scheme_in_force`), never the current one.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Delegate",
    "DelegateKind",
    "Point",
    "Scheme",
    "Verdict",
    "check_decision",
    "fold_text",
    "normalise_code",
    "scheme_in_force",
]


class DelegateKind(enum.StrEnum):
    ROLE = "role"  # an employee by position: förvaltningschef, enhetschef, handläggare …
    PERSON = "person"  # a named person
    BODY = "body"  # an utskott or presidium
    CHAIR = "chair"  # the chair (ordförande), also for urgent decisions under 6:39


DELEGATE_KIND_LABELS = {
    DelegateKind.ROLE: "befattning",
    DelegateKind.PERSON: "person",
    DelegateKind.BODY: "utskott/presidium",
    DelegateKind.CHAIR: "ordförande",
}


def fold_text(text: str) -> str:
    """Case-, space- and dash-insensitive form of a name or position for comparison."""
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"[\s\-–]+", " ", text).strip()


@dataclass(frozen=True)
class Delegate:
    kind: DelegateKind
    name: str = ""  # the position, person or body; empty for the chair

    def matches(self, who: str, position: str = "") -> bool:
        """Does a decision taken by ``who`` (name) with ``position`` (title) fall under this delegate?"""
        wanted = fold_text(self.name)
        if self.kind is DelegateKind.CHAIR:
            return fold_text(position) in {"ordförande", "ordf", "ordf."} or fold_text(who) in {"ordförande", "ordf"}
        if not wanted:
            return False
        if self.kind is DelegateKind.ROLE:
            return wanted in {fold_text(position), fold_text(who)}
        return wanted == fold_text(who)

    def label(self) -> str:
        return "Ordförande" if self.kind is DelegateKind.CHAIR else self.name


def normalise_code(code: str) -> str:
    """A point's code as a key: "C 2.4", "c2.4", "C.2.4" and "C. 2.4" are the same point.

    Letters and numbers are kept in order and joined by dots; everything else separates.
    """
    parts = re.findall(r"[A-Za-zÅÄÖåäö]+|\d+", code or "")
    return ".".join(p.upper() for p in parts)


@dataclass(frozen=True)
class Point:
    code: str  # as the scheme prints it
    matter: str
    delegates: tuple[Delegate, ...]
    limits: str = ""
    must_report: bool = True

    @property
    def key(self) -> str:
        return normalise_code(self.code)


@dataclass(frozen=True)
class Scheme:
    version: str
    valid_from: dt.date
    valid_to: dt.date | None = None  # inclusive; None: until replaced
    points: tuple[Point, ...] = field(default_factory=tuple)

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def point(self, code: str) -> Point | None:
        key = normalise_code(code)
        return next((p for p in self.points if p.key == key), None)


def scheme_in_force(schemes: Iterable[Scheme], day: dt.date) -> Scheme | None:
    """The version in force on ``day``: the latest ``valid_from`` on or before it that has not ended."""
    candidates = [s for s in schemes if s.in_force(day)]
    return max(candidates, key=lambda s: s.valid_from) if candidates else None


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str  # in Swedish, for the user
    point: Point | None = None
    scheme: Scheme | None = None


def check_decision(
    schemes: Sequence[Scheme],
    day: dt.date,
    code: str,
    who: str,
    position: str = "",
    *,
    urgent: bool = False,
) -> Verdict:
    """May ``who`` (with ``position``) decide under point ``code`` on ``day``?

    An urgent decision (6:39) needs no point but must be taken by the chair.
    """
    if urgent:
        if Delegate(DelegateKind.CHAIR).matches(who, position):
            return Verdict(True, "Brådskande beslut av ordföranden enligt 6 kap. 39 § KL; anmäls vid nästa sammanträde.")
        return Verdict(
            False,
            f"Brådskande beslut enligt 6 kap. 39 § KL fattas av ordföranden, inte av {who or position or 'okänd'}.",
        )
    scheme = scheme_in_force(schemes, day)
    if scheme is None:
        return Verdict(False, f"Ingen delegationsordning gällde {day:%Y-%m-%d}.")
    point = scheme.point(code)
    if point is None:
        return Verdict(
            False,
            f"Punkt {code or '(tom)'} finns inte i delegationsordningen version {scheme.version} "
            f"som gällde {day:%Y-%m-%d}.",
            scheme=scheme,
        )
    if not any(d.matches(who, position) for d in point.delegates):
        allowed = ", ".join(d.label() for d in point.delegates) or "ingen"
        return Verdict(
            False,
            f"Enligt punkt {point.code} ({point.matter}) i version {scheme.version} får {allowed} "
            f"fatta beslutet, inte {who}{' (' + position + ')' if position else ''}.",
            point,
            scheme,
        )
    return Verdict(True, f"Delegerat enligt punkt {point.code}, version {scheme.version}.", point, scheme)
