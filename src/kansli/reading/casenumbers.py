"""Case numbers (diarienummer) as municipalities print them: VON/2021:00160,
VON-2020/1319.111, VON.2023.55, KS KF/2025:12, KS/2019:161, NKBY/528/00.02.07/2022."""

from __future__ import annotations

import re

_PREFIX = r"[A-ZÅÄÖ]{1,8}(?:[ -][A-ZÅÄÖ]{1,6})?"
CASE_NUMBER = re.compile(
    r"(?<![\w/.-])(?:"
    rf"{_PREFIX}\s?[/.\-]\s?(?:19|20)\d{{2}}\s?[:/.\-]\s?\d{{1,6}}(?:[.:]\d{{1,4}})*"  # VON/2021:00160
    rf"|{_PREFIX}[/-]\d{{1,6}}/\d{{2}}(?:\.\d{{2}}){{1,5}}/(?:19|20)\d{{2}}"  # NKBY/528/00.02.07/2022
    rf"|{_PREFIX}\s(?:19|20)\d{{2}}[/:.-]\d{{1,6}}"  # KS 2021/123
    r"|[a-zåäö]{2,6}/(?:19|20)\d{2}:\s?\d{1,6}"  # von/2021:00007 (lower case as printed)
    r")(?![\w])"
)
DNR_LABEL = re.compile(
    r"(?i)\b(?:dnr|diarienummer|diarienr|ärendenummer|ärendenr)\b\.?\s*:?\s*"
    r"([A-ZÅÄÖa-zåäö0-9][\w ./:\-]*?\d)(?=\s*(?:$|[),;]|\s{2}|\s[A-ZÅÄÖ][a-zåäö]))"
)


def find_case_number(text: str) -> str | None:
    """The case number in ``text``: after a "Dnr"/"Diarienummer" label, else any number of a
    known shape."""
    m = DNR_LABEL.search(text)
    if m:
        inner = CASE_NUMBER.search(m[1])
        return (inner[0] if inner else m[1]).strip()
    m = CASE_NUMBER.search(text)
    return m[0].strip() if m else None


def strip_case_number(text: str) -> tuple[str, str | None]:
    """Remove a trailing case number (and a "Dnr" label) from a title line."""
    m = re.search(
        rf"[\s,(]*(?:(?i:dnr|diarienummer)\.?:?\s*)?({CASE_NUMBER.pattern})\s*\)?\s*$", text
    )
    if m and m.start() > 0:
        return text[: m.start()].rstrip(" ,;:-–("), m[1]
    return text, None
