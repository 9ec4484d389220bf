"""Swedish (and Finland-Swedish) date and time expressions as printed in minutes."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+(?:den\s+)?)?"

ISO_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d])")
TEXT_DATE = re.compile(
    rf"(?i)\b{_WEEKDAY}(?:den\s+)?(\d{{1,2}})(?::e|:a)?\s+({_MONTH_RE})\.?\s+((?:19|20)\d{{2}})\b"
)
DOT_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?![\d])")
SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})[ ,]+((?:19|20)\d{2})(?![\d])")

_TIME = r"(\d{1,2})(?:[:.](\d{2}))"
TIME_RANGE = re.compile(
    rf"(?i)(?:\bkl(?:ockan|\.)?\s*|\btid\s*)?(?<![\d.:/-]){_TIME}\s*(?:-|–|—|till|to)\s*{_TIME}(?![\d.:]\d)"
)
TIME_AT = re.compile(rf"(?i)\b(?:kl(?:ockan|\.)?|klockan)\s*{_TIME}?(\d{{1,2}})?")
SINGLE_TIME = re.compile(rf"(?<![\d.:/-]){_TIME}(?![\d.:/-]\d)")


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every date in ``text`` with its position, in order. Understands 2021-05-17,
    17 maj 2021, måndagen den 17 maj 2021 and 17.5.2021."""
    found: list[tuple[int, dt.date]] = []
    for m in ISO_DATE.finditer(text):
        d = _mk(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((m.start(), d))
    for m in TEXT_DATE.finditer(text):
        d = _mk(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        if d:
            found.append((m.start(), d))
    for m in DOT_DATE.finditer(text):
        d = _mk(int(m[3]), int(m[2]), int(m[1]))
        if d:
            found.append((m.start(), d))
    found.sort(key=lambda t: t[0])
    return found


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or None."""
    found = find_dates(text)
    return found[0][1] if found else None


def _t(h: str, m: str | None) -> dt.time | None:
    hh, mm = int(h), int(m or 0)
    if 0 <= hh <= 24 and 0 <= mm < 60:
        return dt.time(hh % 24, mm)
    return None


def parse_time_range(text: str) -> tuple[dt.time | None, dt.time | None]:
    """Start and end of a meeting: "kl. 18:30-19:50", "18.30–19.50", "Klockan 17:00-19:00",
    "kl. 18.00 – 19.37", or just a start time "kl 18:30"."""
    # dates contain dots/dashes that look like times; blank them first
    blanked = text
    for pat in (ISO_DATE, DOT_DATE, TEXT_DATE):
        blanked = pat.sub(lambda m: " " * len(m[0]), blanked)
    m = TIME_RANGE.search(blanked)
    if m:
        return _t(m[1], m[2]), _t(m[3], m[4])
    m = re.search(rf"(?i)\b(?:kl(?:ockan)?\.?|klockan)\s*{_TIME}", blanked)
    if m:
        return _t(m[1], m[2]), None
    m = re.search(r"(?i)\b(?:kl(?:ockan)?\.?)\s*(\d{1,2})\b(?![.:/-]\d)", blanked)
    if m:
        return _t(m[1], None), None
    return None, None
