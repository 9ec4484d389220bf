"""Cut a file's lines into documents and tell each one's kind.

A file may hold a kallelse followed by ordförandeförslag, tjänsteskrivelser and attachments; a
protokoll followed by written statements and signature pages; a protokollsutdrag; or a whole
meeting pack. A document starts at a kind marker (a heading such as "KALLELSE",
"TJÄNSTESKRIVELSE 1[1]", "Sammanträdesprotokoll Blad 1 (5)") that is not a later page of the
document already open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kansli.minutes.model import DocumentKind

from .casenumbers import find_case_number
from .cleanup import Line, may_contain

_PAGENO = r"(?:\s+(?:sida\s*|blad\s*)?(?P<page>\d+)\s*(?:\(\s*\d+\s*\)|\[\s*\d+\s*\]|av\s*\d+)?)?"

MARKERS: list[tuple[re.Pattern[str], DocumentKind]] = [
    (re.compile(rf"(?i)^\s*(?:[A-ZÅÄÖ ]+ )?(?:protokollsutdrag|utdrag ur (?:sammanträdes)?protokoll)\b.*?{_PAGENO}\s*$"),
     DocumentKind.EXTRACT),
    (re.compile(rf"(?i)^\s*(?:[A-ZÅÄÖ]+ (?:KOMMUN|STAD) )?(?:kallelse(?:/föredragningslista| och "
                rf"föredragningslista| till sammanträde)?|föredragningslista){_PAGENO}\s*$"),
     DocumentKind.NOTICE_OF_MEETING),
    (re.compile(rf"^\s*(?:[A-ZÅÄÖ]+ (?:KOMMUN|STAD) )?(?:KALLELSE|Kallelse)\b.{{0,60}}?{_PAGENO}\s*$"),
     DocumentKind.NOTICE_OF_MEETING),
    (re.compile(rf"(?i)^\s*(?:[A-ZÅÄÖ]+ (?:KOMMUN|STAD) )?ordförandeförslag{_PAGENO}\s*$"),
     DocumentKind.CHAIR_PROPOSAL),
    (re.compile(rf"(?i)^\s*(?:[A-ZÅÄÖ]+ (?:KOMMUN|STAD) )?(?:tjänsteskrivelse|tjänsteutlåtande)"
                rf"{_PAGENO}\s*$"), DocumentKind.MEMO),
    (re.compile(r"^\s*Referens\s+Mottagare\s*$"), DocumentKind.MEMO),
    (re.compile(rf"(?i)^\s*(?:[A-ZÅÄÖ\- ]+ )?(?:sammanträdesprotokoll|protokoll)"
                rf"(?:\s+(?:för|från)\s+[\wåäö\- ]+)?{_PAGENO}\s*$"), DocumentKind.MINUTES),
    (re.compile(r"(?i)^\s*protokoll\s+\d{1,2}/(?:19|20)\d{2}\s*$"), DocumentKind.MINUTES),
]
_MEMO_PROPOSAL = re.compile(r"(?i)^\s*\d\.\s*[\wåäö\- ]*förvaltningens förslag till(?: beslut)?\s*$")
_CHAIR_TITLE = re.compile(r"\((?:dnr\s*)?[a-zA-ZÅÄÖåäö]{2,6}/(?:19|20)\d{2}:\s?\d+\)\s*$")
_STATEMENT = re.compile(r"^\s*(PROTOKOLLSANTECKNING|SÄRSKILT YTTRANDE|RESERVATION|"
                        r"Protokollsanteckning|Särskilt yttrande|Reservation)\s*$")


@dataclass
class Document:
    kind: DocumentKind
    lines: list[Line] = field(default_factory=list)
    case_number: str | None = None


# every marker holds one of these words (lower case)
_MARKER_WORDS = ("protokoll", "kallelse", "utdrag", "föredragningslista", "ordförandeförslag",
                 "tjänste", "referens")


def _marker(lines: list[Line], i: int) -> tuple[DocumentKind, int | None] | None:
    t = lines[i].text
    if len(t) > 120 or not may_contain(t, _MARKER_WORDS):
        return None
    for pat, kind in MARKERS:
        m = pat.match(t)
        if m:
            page = m.groupdict().get("page")
            return kind, int(page) if page else None
    return None


def split_documents(lines: list[Line]) -> list[Document]:
    docs: list[Document] = []
    cur: Document | None = None
    since_start = 0
    for i, ln in enumerate(lines):
        since_start += 1
        mk = _marker(lines, i)
        new_kind = None
        if mk:
            kind, page = mk
            if cur is None:
                new_kind = kind
            elif page is not None and page > 1:
                new_kind = None  # a later page of some document
            elif page == 1 and kind != DocumentKind.MINUTES:
                new_kind = kind  # "TJÄNSTESKRIVELSE 1 (1)": each document's first page
            elif kind == cur.kind and (page is None and since_start < 400 or
                                       kind == DocumentKind.MINUTES):
                new_kind = None  # running header of the open document
            elif cur.kind == DocumentKind.EXTRACT and kind == DocumentKind.MINUTES:
                new_kind = None
            elif kind == DocumentKind.MEMO and cur.kind == DocumentKind.MEMO and since_start < 25:
                new_kind = None
            elif cur.kind == DocumentKind.MINUTES and kind == DocumentKind.EXTRACT:
                new_kind = None
            else:
                new_kind = kind
        elif _MEMO_PROPOSAL.match(ln.text) and (cur is None or cur.kind != DocumentKind.MEMO
                                                 or since_start > 25):
            new_kind = DocumentKind.MEMO
        elif _CHAIR_TITLE.search(ln.text) and _followed_by_proposal(lines, i) and \
                (cur is None or not (cur.kind == DocumentKind.CHAIR_PROPOSAL and since_start < 12)):
            new_kind = DocumentKind.CHAIR_PROPOSAL
        elif cur is not None and cur.kind == DocumentKind.MEMO and re.match(
                r"(?i)^\s*(?:datum\s+)?dnr\s*$", ln.text) and i + 1 < len(lines):
            cn = find_case_number(lines[i + 1].text)
            if cn and cur.case_number and cn != cur.case_number and since_start > 10:
                new_kind = DocumentKind.MEMO
        elif cur is None and re.match(r"(?i)^\s*sammanträdesdatum\s*$", ln.text) and any(
                re.match(r"(?i)^\s*utdragsbestyrkande", x.text) for x in lines[i:i + 5]):
            new_kind = DocumentKind.EXTRACT
        elif cur is not None and cur.kind not in (DocumentKind.MINUTES, DocumentKind.EXTRACT) \
                and re.match(r"(?i)^\s*sammanträdesdatum\s*$", ln.text) and any(
                re.match(r"(?i)^\s*utdragsbestyrkande", x.text) for x in lines[i:i + 5]):
            new_kind = DocumentKind.EXTRACT
        if new_kind is not None:
            cur = Document(new_kind)
            docs.append(cur)
            since_start = 0
        if cur is None:
            cur = Document(DocumentKind.OTHER)
            docs.append(cur)
            since_start = 0
        cur.lines.append(ln)
        if cur.case_number is None and cur.kind in (DocumentKind.MEMO, DocumentKind.CHAIR_PROPOSAL):
            cur.case_number = find_case_number(ln.text) if since_start < 25 else None
    docs = [d for d in docs if any(x.text.strip() for x in d.lines)]
    return _merge_preambles(docs)


_PROTOCOL_SIGNALS = re.compile(
    r"(?i)^\s*(?:beslutande|utses att justera|justerare|justerande|paragrafer|"
    r"sammanträdesdag|sammanträdesdatum|tjänstgörande ersättare|ledamöter|närvarolista|"
    r"justeringens (?:tid|plats)|underskrifter|ordförande|sekreterare|anslag|bevis|organ|"
    r"sammanträdestid|sammanträdesplats|övriga närvarande|övriga deltagare|"
    r"elektroniska underskrifer|elektroniska underskrifter|elektronisk protokolljustering|"
    r"\[x\])"
)


def _signals(doc: Document) -> int:
    return len({_PROTOCOL_SIGNALS.match(ln.text)[0].strip().lower()
                for ln in doc.lines[:300] if _PROTOCOL_SIGNALS.match(ln.text)})


def _merge_preambles(docs: list[Document]) -> list[Document]:
    """A first page without a "Protokoll" heading (signature boxes, attendance) belongs to the
    protokoll that follows it."""
    out: list[Document] = []
    for d in docs:
        if out and out[-1].kind == DocumentKind.OTHER and d.kind in (
                DocumentKind.MINUTES, DocumentKind.EXTRACT, DocumentKind.NOTICE_OF_MEETING) and (
                (_signals(out[-1]) >= 3 and sum(1 for x in out[-1].lines if x.text.strip()) < 200)
                or {ln.page for ln in out[-1].lines} == {d.lines[0].page}):
            out[-1].kind = d.kind
            out[-1].lines.extend(d.lines)
            continue
        out.append(d)
    for d in out:
        if d.kind == DocumentKind.OTHER and _signals(d) >= 4:
            d.kind = DocumentKind.MINUTES
    return out


def _followed_by_proposal(lines: list[Line], i: int) -> bool:
    for ln in lines[i + 1:i + 6]:
        if re.match(r"(?i)^\s*förslag till beslut\s*:?\s*$", ln.text):
            return True
    return False


def refine_kind(doc: Document, has_attendance: bool, n_items: int) -> DocumentKind:
    """A protokoll with few §§ and no attendance list is an extract (protokollsutdrag)."""
    if doc.kind == DocumentKind.MINUTES and not has_attendance and 0 < n_items <= 3 and any(
            re.search(r"(?i)utdragsbestyrkande|utdrag", ln.text) for ln in doc.lines[:60]):
        return DocumentKind.EXTRACT
    if doc.kind == DocumentKind.EXTRACT and has_attendance and n_items > 3:
        return DocumentKind.MINUTES
    return doc.kind


_DATE_LINE = re.compile(r"\s*(?:19|20)\d{2}-\d{2}-\d{2}\s*")


def statement_blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Written statements (protokollsanteckning, särskilt yttrande, reservation) attached
    inside a protokoll: from their heading (with the letterhead lines just before it) to the
    next § heading."""
    from .paragraphs import is_heading_line

    out = []
    i = 0
    while i < len(lines):
        if not _STATEMENT.match(lines[i].text):  # the cheap test first
            i += 1
            continue
        before = [k for k in range(max(0, i - 12), i) if lines[k].text.strip()][-4:]
        dated = [k for k in before if _DATE_LINE.fullmatch(lines[k].text)]
        if dated:
            start = before[0] if re.search(r"(?i)kommun|nämnd", lines[before[0]].text) else dated[0]
            j = i + 1
            while j < len(lines) and not is_heading_line(lines[j].text) and not re.search(
                    r"(?i)sammanträdesdatum\s+paragraf", lines[j].text):
                j += 1
            out.append((start, j))
            i = j
        else:
            i += 1
    return out
