"""What the public may see: the one gate every public view, feed, search index and API uses.

Public code never reads a Paragraph's, Case's or Document's text directly; it asks this module,
so that screening (masking of personal data, issue 5 item 4) and secrecy hold everywhere —
for text typed in Kansli and for text that arrived through the importer alike.

This first version applies the secrecy rules only; screening fills in :func:`public_text`.
"""

from __future__ import annotations

from typing import Any

from kansli.minutes import Minutes


def is_public_case(case: Any) -> bool:
    """A secret case never appears publicly, not even its title."""
    return not case.secret


def is_public_document(document: Any) -> bool:
    """A document is public when neither it nor its case is secret."""
    return not document.secret and is_public_case(document.case)


def is_public_meeting(meeting: Any) -> bool:
    """Whether the meeting's protokoll may be shown to the public at all."""
    return True


def public_text(text: str | None, *, obj: Any = None, field: str = "") -> str | None:
    """``text`` as the public may read it (``obj``/``field`` say where it comes from)."""
    return text


def public_minutes(meeting: Any) -> Minutes:
    """The meeting's minutes model as published: texts screened; secret §§ still flagged.

    Renderers are called with ``mask_secret=True`` on the result, which blanks secret §§.
    """
    from kansli.meetings.conversion import meeting_to_minutes

    return meeting_to_minutes(meeting)
