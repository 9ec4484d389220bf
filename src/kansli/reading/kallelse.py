"""A kallelse / föredragningslista: body, meeting date, time and place, and its items, with
the proposed decision taken from the pack's ordförandeförslag or tjänsteskrivelse."""

from __future__ import annotations

import re

from kansli.minutes.model import DocumentKind, Item, Minutes

from .casenumbers import find_case_number, strip_case_number
from .cleanup import Line, join_lines
from .dates import parse_date, parse_time_range
from .paragraphs import LABEL, blocks, parse_toc, split_sections
from .protocol import find_body, find_municipality, parse_meeting

_ITEM = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s+([A-ZÅÄÖ].{2,200}?)\s*$")
_NUMBERED = re.compile(r"(?i)^\s*ärende\s+(?:nr\.?\s*)?(\d{1,3})\s*[.:]?\s*(.*?)\s*$")
_DNR_LINE = re.compile(r"(?i)^\s*(?:dnr|diarienummer|diarienr|ärendenummer)\b\.?\s*:?\s*\S")
_STOP = re.compile(r"(?i)^\s*(?:gruppmöten|välkomna|med vänlig hälsning|ordförande|"
                   r"sekreterare|nämndsekreterare|förhinder|anmäl|upplysningar)\b")


def build_notice(lines: list[Line], whole_text: str) -> Minutes:
    texts = [ln.text for ln in lines]
    doc = Minutes(kind=DocumentKind.NOTICE_OF_MEETING)
    joined = "\n".join(texts)
    doc.body = find_body(joined)
    doc.municipality = find_municipality(whole_text)
    doc.meeting = parse_meeting(texts[:60], joined)
    m = re.search(r"(?im)^\s*(?:tid|sammanträdestid|datum och tid)\s*:?\s*(.+)$", joined)
    if m:
        doc.meeting.date = parse_date(m[1]) or doc.meeting.date
        s, e = parse_time_range(m[1])
        doc.meeting.start = s or doc.meeting.start
        doc.meeting.end = e or doc.meeting.end
    contents = parse_toc(lines)
    toc = contents[0]
    if toc:
        sections = {sec.number: sec for sec in split_sections(lines, contents)[0]}
        for n, title in toc.items():
            title, cn = strip_case_number(title)
            item = Item(number=n, title=title, case_number=cn)
            sec = sections.get(n)
            if sec is not None:
                item.case_number = item.case_number or sec.case_number
                for label, content in blocks(sec.lines):
                    lab = label or ""
                    if lab.endswith("förslag") or lab.startswith("förslag"):
                        item.proposed_decision = join_lines(content) or item.proposed_decision
            doc.items.append(item)
        return doc
    started = False
    numbered: int | None = None  # "Ärende 3" on a line of its own: the title follows
    for ln in lines:
        t = ln.text.strip()
        if not t:
            continue
        if started and numbered is not None and not ln.furniture:
            title, cn = strip_case_number(t)
            doc.items.append(Item(number=numbered, title=title.strip(" ,"), case_number=cn))
            numbered = None
            continue
        if re.match(r"(?i)^(?:ärenden|ärendelista|föredragningslista|dagordning)\s*:?\s*$", t):
            started = True
            continue
        if not started:
            continue
        if _STOP.match(t):
            break
        heading = _NUMBERED.match(t)
        if heading:
            if heading[2]:
                title, cn = strip_case_number(heading[2])
                doc.items.append(Item(number=int(heading[1]), title=title.strip(" ,"), case_number=cn))
            else:
                numbered = int(heading[1])
            continue
        if doc.items and doc.items[-1].case_number is None and _DNR_LINE.match(t):
            doc.items[-1].case_number = find_case_number(t)  # "    Dnr BUN 2024/12" under its item
            continue
        im = _ITEM.match(t)
        if im and not re.fullmatch(r"[\d\s.:/-]+", im[2]):
            title, cn = strip_case_number(im[2])
            doc.items.append(Item(number=int(im[1]), title=title.strip(" ,"), case_number=cn))
        elif doc.items and ln.furniture is False and t[:1].islower() and len(doc.items[-1].title or "") > 40:
            doc.items[-1].title = join_lines([doc.items[-1].title or "", t])
    return doc


def build_proposal(lines: list[Line], kind: DocumentKind, whole_text: str) -> Minutes:
    """An ordförandeförslag or tjänsteskrivelse as a document with one item."""
    texts = [ln.text for ln in lines]
    doc = Minutes(kind=kind)
    joined = "\n".join(texts)
    doc.body = find_body(joined)
    doc.municipality = find_municipality(whole_text)
    item = Item()
    for t in texts[:8]:
        if re.fullmatch(r"\s*\d{1,3}\s*", t):
            item.number = int(t)
            break
    title_idx = None
    for i, t in enumerate(texts[:40]):
        s = t.strip()
        if re.match(r"(?i)^(?:\d\.\s*)?[\wåäö\- ]*förslag till beslut\s*:?$", s):
            # the title is the last non-label line before the proposal
            for k in range(i - 1, -1, -1):
                c = texts[k].strip()
                if c and not lines[k].furniture and not re.fullmatch(r"\d{1,3}", c) and \
                        not re.search(r"(?i)^(referens|mottagare|datum|dnr)\b", c):
                    title_idx = k
                    break
            break
    if title_idx is not None:
        title_lines = [texts[title_idx].strip()]
        k = title_idx - 1
        while k >= 0 and len(title_lines) < 3:
            prev = texts[k].strip()
            if not prev:
                k -= 1
                continue
            only_case = not strip_case_number(title_lines[0])[0].strip(" ,(")
            if lines[k].furniture or not (only_case or re.search(
                    r"(?:[-,]|\bav|\boch|\bför|\bom|\btill|\bi|\bpå|\bsamt)\s*$", prev)):
                break
            title_lines.insert(0, prev)
            k -= 1
        title = join_lines(title_lines)
        cn = None
        for _ in range(3):
            title, c = strip_case_number(title)
            cn = cn or c
            if not c:
                break
        item.title = title.strip(" ,") or None
        item.case_number = cn
    item.case_number = item.case_number or find_case_number("\n".join(texts[:15]))
    for label, content in blocks(lines):
        lab = label or ""
        if ("förslag till beslut" in lab or lab.endswith("s beslut")) and not item.proposed_decision:
            item.proposed_decision = join_lines(content) or None
        elif lab.startswith("sammanfattning") or lab.endswith("sammanfattning") and not item.summary:
            item.summary = join_lines(content) or None
    doc.items.append(item)
    d = parse_date("\n".join(texts[:10]))
    doc.meeting.date = None if d is None else None  # a memo's own date is not a meeting date
    return doc


def link_proposals(notice: Minutes, proposals: list[Minutes]) -> None:
    """Give each kallelse item the proposed decision of its ordförandeförslag (preferred) or
    tjänsteskrivelse, matched by item number, case number or title."""
    def norm(s: str | None) -> str:
        return re.sub(r"[^a-zåäö0-9]+", " ", (s or "").lower()).strip()

    for item in notice.items:
        best = None
        for doc in proposals:
            p = doc.items[0] if doc.items else None
            if not p or not p.proposed_decision:
                continue
            score = 0
            if p.number is not None and p.number == item.number and doc.kind == DocumentKind.CHAIR_PROPOSAL:
                score = 3
            elif item.case_number and p.case_number and \
                    item.case_number.lower() == p.case_number.lower():
                score = 2
            elif norm(p.title) and (norm(p.title) == norm(item.title) or
                                    norm(item.title).startswith(norm(p.title))):
                score = 1
            if score and doc.kind == DocumentKind.CHAIR_PROPOSAL:
                score += 0.5
            if score and (best is None or score > best[0]):
                best = (score, p)
        if best:
            p = best[1]
            item.proposed_decision = p.proposed_decision
            item.case_number = item.case_number or p.case_number
            item.summary = item.summary or p.summary


__all__ = ["build_notice", "build_proposal", "link_proposals", "LABEL"]
