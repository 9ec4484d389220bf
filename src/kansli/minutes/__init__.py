"""The minutes model: the meeting record as plain dataclasses and its JSON form. No Django."""

from .codec import MinutesFormatError, dumps, from_dict, json_schema, loads, to_dict
from .model import (
    DECIDING_ROLES,
    Ballot,
    Body,
    BodyKind,
    Choice,
    Dissent,
    DocumentKind,
    Item,
    Meeting,
    Minutes,
    Motion,
    MotionKind,
    Municipality,
    ParagraphRange,
    Participant,
    Question,
    QuestionKind,
    Recusal,
    Role,
    Source,
    Statement,
    StatementKind,
    Vote,
)

__all__ = [
    "DECIDING_ROLES", "Ballot", "Body", "BodyKind", "Choice", "Dissent", "DocumentKind", "Item",
    "Meeting", "Minutes", "MinutesFormatError", "Motion", "MotionKind", "Municipality",
    "ParagraphRange", "Participant", "Question", "QuestionKind", "Recusal", "Role", "Source", "Statement", "StatementKind",
    "Vote", "dumps", "from_dict", "json_schema", "loads", "to_dict",
]
