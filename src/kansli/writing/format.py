"""Swedish wording for the minutes model: dates, times, paragraph ranges, roles and names.

Small pure functions, used as Jinja filters by :mod:`kansli.writing.html` and usable on their
own (for example in a notice text). They never invent facts: ``None`` in, empty string out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kansli.minutes.model import (
    Choice,
    Minutes,
    MotionKind,
    ParagraphRange,
    Participant,
    Role,
    StatementKind,
)

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)

ROLE_LABELS = {
    Role.CHAIR: "ordförande",
    Role.FIRST_VICE_CHAIR: "1:e vice ordförande",
    Role.SECOND_VICE_CHAIR: "2:e vice ordförande",
    Role.MEMBER: "ledamot",
    Role.SERVING_SUBSTITUTE: "tjänstgörande ersättare",
    Role.SUBSTITUTE: "ersättare",
    Role.OTHER: "",
}

CHOICE_LABELS = {
    Choice.YES: "Ja",
    Choice.NO: "Nej",
    Choice.ABSTAIN: "Avstår",
    Choice.ABSENT: "Frånvarande",
}

STATEMENT_LABELS = {
    StatementKind.SPECIAL_STATEMENT: "Särskilt yttrande",
    StatementKind.MINUTES_NOTE: "Protokollsanteckning",
}

MOTION_KIND_LABELS = {
    MotionKind.MAIN: "",
    MotionKind.AMENDMENT: "tilläggs- eller ändringsyrkande",
    MotionKind.REFERRAL_BACK: "återremiss",
    MotionKind.POSTPONEMENT: "bordläggning",
}


def iso_date(value: dt.date | None) -> str:
    """``2026-03-09`` — the form protokoll print in tables and on the notice."""
    return value.isoformat() if value else ""


def long_date(value: dt.date | None) -> str:
    """``9 mars 2026``."""
    if not value:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def clock(value: dt.time | None) -> str:
    """``18.30`` — Swedish style uses a full stop between hours and minutes."""
    return f"{value.hour:02d}.{value.minute:02d}" if value else ""


def time_span(start: dt.time | None, end: dt.time | None) -> str:
    """``kl. 18.30–20.05``, or just the start when the end is unknown."""
    if start and end:
        return f"kl. {clock(start)}–{clock(end)}"
    if start:
        return f"kl. {clock(start)}"
    return ""


def paragraph_span(first: int, last: int) -> str:
    return f"§ {first}" if first == last else f"§§ {first}–{last}"


def paragraph_ranges(ranges: Iterable[ParagraphRange]) -> str:
    """``§§ 28–30, 32`` for a participant's ranges."""
    parts = [r for r in ranges]
    if not parts:
        return ""
    if len(parts) == 1:
        return paragraph_span(parts[0].first, parts[0].last)
    inner = ", ".join(
        str(r.first) if r.first == r.last else f"{r.first}–{r.last}" for r in parts
    )
    return f"§§ {inner}"


def compress_numbers(numbers: Iterable[int]) -> str:
    """Paragraph numbers as printed on a front page: ``§§ 28–38`` or ``§§ 28–30, 32``."""
    nums = sorted(set(numbers))
    if not nums:
        return ""
    runs: list[tuple[int, int]] = []
    for n in nums:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return paragraph_ranges(ParagraphRange(a, b) for a, b in runs)


def join_names(names: Iterable[str]) -> str:
    """``A``, ``A och B``, ``A, B och C``."""
    items = [n for n in names if n]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


class People:
    """Looks up the party of a person named in the record, to print ``Anna Ek (S)``."""

    def __init__(self, minutes: Minutes):
        self._party: dict[str, str] = {}
        for p in minutes.participants:
            if p.party and p.name not in self._party:
                self._party[p.name] = p.party
        for item in minutes.items:
            for vote in item.votes:
                for b in vote.ballots:
                    if b.party and b.name not in self._party:
                        self._party[b.name] = b.party

    def party(self, name: str | None) -> str | None:
        return self._party.get(name or "")

    def named(self, name: str | None) -> str:
        if not name:
            return ""
        if name.rstrip().endswith(")"):
            return name  # already "Anna Ek (S)"
        party = self.party(name)
        return f"{name} ({party})" if party else name

    def names(self, names: Iterable[str]) -> str:
        return join_names(self.named(n) for n in names)


def participant_function(p: Participant) -> str:
    """``ordförande``, ``tjänstgörande ersättare för Per Berg``, or the printed office."""
    label = ROLE_LABELS.get(p.role, "")
    if p.role is Role.SERVING_SUBSTITUTE and p.serving_for:
        label = f"tjänstgörande ersättare för {p.serving_for}"
    if p.role is Role.OTHER:
        label = p.office or ""
    elif p.office and p.office.lower() not in label:
        label = f"{label}, {p.office}" if label else p.office
    return label


def attendance_note(p: Participant) -> str:
    """``§§ 29–38, deltar digitalt``: when and how someone attended."""
    parts = []
    if p.paragraphs:
        parts.append(paragraph_ranges(p.paragraphs))
    if p.remote is True:
        parts.append("deltar digitalt")
    elif p.remote is False:
        parts.append("deltar på plats")
    return ", ".join(parts)
