"""Minutes model → accessible HTML5 (Swedish): protokoll, protokollsutdrag and kallelse.

The HTML is both the web version and the source of the PDF/A (see :mod:`kansli.writing.pdf`):
its print stylesheet lays it out on A4 with a running head (body and meeting date), "Sida X
av Y" and the "Justerandes signatur" box in the footer, as paper protokoll do.

All text in the model is treated as untrusted: the Jinja environment autoescapes everything,
and the only markup produced from model text is by :func:`paragraphs`, which escapes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from kansli.minutes.model import (
    Choice,
    Item,
    Minutes,
    MotionKind,
    Role,
    Statement,
    StatementKind,
    Vote,
)

from . import format as fmt

TEMPLATES = Path(__file__).parent / "templates"

__all__ = [
    "Attachment",
    "render_extract_html",
    "render_minutes_html",
    "render_notice_of_meeting_html",
]


def paragraphs(text: str | None) -> Markup:
    """Plain text → ``<p>`` per blank-line-separated block, ``<br>`` for single line breaks."""
    if not text or not text.strip():
        return Markup("")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    out = []
    for block in blocks:
        lines = [escape(line.strip()) for line in block.splitlines()]
        out.append(Markup("<p>") + Markup("<br>\n").join(lines) + Markup("</p>"))
    return Markup("\n").join(out)


@dataclass
class Attachment:
    """A written reservation or statement printed after the paragraphs, with its anchor id."""

    id: str
    kind: str  # "Reservation", "Särskilt yttrande", "Protokollsanteckning"
    item: Item
    by: list[str]
    text: str
    source: object  # the Dissent or Statement

    @property
    def heading(self) -> str:
        return f"Bilaga: {self.kind} § {self.item.number}" if self.item.number else f"Bilaga: {self.kind}"


def _attachments(items: list[Item]) -> dict[int, list[Attachment]]:
    """Written reservations and statements, keyed by ``id(item)``."""
    out: dict[int, list[Attachment]] = {}
    for item in items:
        found: list[Attachment] = []
        base = f"bilaga-{item.number}" if item.number is not None else f"bilaga-x{len(out)}"
        for n, d in enumerate(item.reservations, 1):
            if d.written and d.text:
                found.append(Attachment(f"{base}-reservation-{n}", "Reservation", item, d.by, d.text, d))
        for n, s in enumerate(item.statements, 1):
            if s.text:
                label = fmt.STATEMENT_LABELS[s.kind]
                found.append(Attachment(f"{base}-yttrande-{n}", label, item, s.by, s.text, s))
        out[id(item)] = found
    return out


@dataclass
class VoteView:
    vote: Vote
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    show_absent: bool

    @classmethod
    def of(cls, vote: Vote) -> VoteView:
        def count(explicit: int | None, choice: Choice) -> int | None:
            if explicit is not None:
                return explicit
            if vote.ballots:
                return sum(1 for b in vote.ballots if b.choice is choice)
            return None

        absent = count(vote.absent, Choice.ABSENT)
        return cls(
            vote,
            count(vote.yes, Choice.YES),
            count(vote.no, Choice.NO),
            count(vote.abstain, Choice.ABSTAIN),
            absent,
            bool(absent),
        )


def _motion_sentence(people: fmt.People, motion) -> str:
    who = people.names(motion.by)
    text = motion.text.strip()
    if re.match(r"(?i)^yrka(r|de)\b", text):
        sentence = f"{who} {text}"
    else:
        sentence = f"{who} yrkar {text}"
    if motion.kind is MotionKind.REFERRAL_BACK and "återremi" not in text.lower():
        sentence += " (återremiss)"
    elif motion.kind is MotionKind.POSTPONEMENT and "bordl" not in text.lower():
        sentence += " (bordläggning)"
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def _statement_sentence(people: fmt.People, s: Statement) -> str:
    """Without the final full stop: the template may add a reference to the attachment."""
    who = people.names(s.by)
    if s.kind is StatementKind.SPECIAL_STATEMENT:
        return f"{who} lämnar ett särskilt yttrande"
    return f"{who} anmäler en protokollsanteckning"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every string from the model is untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        iso_date=fmt.iso_date,
        long_date=fmt.long_date,
        clock=fmt.clock,
        paragraphs=paragraphs,
        join_names=fmt.join_names,
        ranges=fmt.paragraph_ranges,
        function=fmt.participant_function,
        attendance=fmt.attendance_note,
    )
    env.globals.update(
        CHOICES=[Choice.YES, Choice.NO, Choice.ABSTAIN],
        Choice=Choice,
        STATEMENT_LABELS=fmt.STATEMENT_LABELS,
        STATEMENT_PLURALS={
            StatementKind.SPECIAL_STATEMENT: "Särskilda yttranden",
            StatementKind.MINUTES_NOTE: "Protokollsanteckningar",
        },
        time_span=fmt.time_span,
    )
    return env


def _css() -> Markup:
    return Markup((TEMPLATES / "print.css").read_text(encoding="utf-8"))


def _context(minutes: Minutes, items: list[Item], **extra) -> dict:
    people = fmt.People(minutes)
    deciding = [p for p in minutes.participants if p.role in _DECIDING_ORDER]
    deciding.sort(key=lambda p: _DECIDING_ORDER[p.role])
    numbers = [i.number for i in minutes.items if i.number is not None]
    attachments = _attachments(items)
    anchors = {
        id(item): f"p-{item.number}" if item.number is not None else f"p-x{n}"
        for n, item in enumerate(items, 1)
    }
    by_object = {id(a.source): a for found in attachments.values() for a in found}
    return dict(
        m=minutes,
        meeting=minutes.meeting,
        items=items,
        people=people,
        deciding=deciding,
        substitutes=[p for p in minutes.participants if p.role is Role.SUBSTITUTE],
        others=[p for p in minutes.participants if p.role is Role.OTHER],
        paragraph_span=fmt.compress_numbers(numbers),
        attachments=attachments,
        all_attachments=[a for i in items for a in attachments[id(i)]],
        votes=lambda item: [VoteView.of(v) for v in item.votes],
        motion_sentence=lambda motion: _motion_sentence(people, motion),
        statement_sentence=lambda s: _statement_sentence(people, s),
        att_of=lambda obj: by_object.get(id(obj)),
        anchor=lambda item: anchors[id(item)],
        css=_css(),
        **extra,
    )


_DECIDING_ORDER = {
    Role.CHAIR: 0,
    Role.FIRST_VICE_CHAIR: 1,
    Role.SECOND_VICE_CHAIR: 2,
    Role.MEMBER: 3,
    Role.SERVING_SUBSTITUTE: 3,
}


def _title(minutes: Minutes, kind: str) -> str:
    parts = [kind]
    if minutes.body:
        parts.append(minutes.body)
    if minutes.meeting.date:
        parts.append(fmt.iso_date(minutes.meeting.date))
    return " – ".join(parts)


def render_minutes_html(minutes: Minutes, *, draft: bool = False, mask_secret: bool = False) -> str:
    """The whole protokoll as an HTML5 document.

    ``draft`` marks every page "Utkast – ej justerat". ``mask_secret`` replaces the content of
    items flagged ``secret`` with a notice (for web publication, DESIGN §3 "Publication"); the
    archived original is rendered with ``mask_secret=False``.
    """
    return _environment().get_template("minutes.html").render(
        _context(
            minutes,
            list(minutes.items),
            draft=draft,
            mask_secret=mask_secret,
            title=_title(minutes, "Sammanträdesprotokoll"),
        )
    )


def render_extract_html(
    minutes: Minutes, number: int, *, draft: bool = False, mask_secret: bool = False
) -> str:
    """A protokollsutdrag: paragraph ``number`` with its attachments and an Utdragsbestyrkande.

    Raises ``KeyError`` if the protokoll has no paragraph with that number.
    """
    item = minutes.item(number)
    if item is None:
        raise KeyError(f"protokollet saknar § {number}")
    return _environment().get_template("extract.html").render(
        _context(
            minutes,
            [item],
            draft=draft,
            mask_secret=mask_secret,
            item=item,
            title=_title(minutes, f"Protokollsutdrag § {number}"),
        )
    )


def render_notice_of_meeting_html(minutes: Minutes) -> str:
    """A kallelse with föredragningslista: number, title, Dnr and proposed decision per item."""
    numbered = []
    for n, item in enumerate(minutes.items, 1):
        numbered.append((item.number if item.number is not None else n, item))
    return _environment().get_template("notice.html").render(
        _context(
            minutes,
            list(minutes.items),
            draft=False,
            mask_secret=False,
            numbered=numbered,
            title=_title(minutes, "Kallelse"),
        )
    )

