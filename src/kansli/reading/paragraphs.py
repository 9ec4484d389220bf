"""§ sections of a protokoll: headings, titles, case numbers and the parts of each §.

Headings come in the shapes Swedish (and Finland-Swedish) minutes share: "§ 28",
"§ 28/2021", "28 §", "Kf §98", a running header "Nämnden 25 februari 2021 § 4 (forts.)",
or a page footer "43 §" repeated on every page of the § (pypdfium2 puts it after the body).
A table of contents ("Titel § 28/2021", "39 § Titel ..... 1") gives numbers and clean titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .casenumbers import CASE_NUMBER, find_case_number, strip_case_number
from .cleanup import Line, is_furniture, join_lines, may_contain
from .dates import find_dates
from .extract import word_is_plausible

H_SECTION_FIRST = re.compile(
    r"^\s*§\s*(\d{1,4})(?:\s*/\s*((?:19|20)\d{2}))?(?:[.:]?\s+(.*?)|[.:])?\s*$")
# "28 § Val av justerare": number first, then a title
H_NUMBER_TITLE = re.compile(r"^\s*(\d{1,4})\s*§\s*[.:]?\s+([A-ZÅÄÖ].*?)\s*$")
H_NUMBER_FIRST = re.compile(r"^\s*(\d{1,4})\s*§\s*$")
H_BODY_PREFIX = re.compile(
    r"^\s*([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5})\s*§\s*(\d{1,4})(?:\s*/\s*((?:19|20)\d{2}))?\b[.:]?\s*(.*?)\s*$"
)
H_RUNNING = re.compile(
    r"^\s*(?P<body>.*?\S)?\s*(?P<date>(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\s+[a-zåäö]+\s+(?:19|20)\d{2}"
    r"|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})\s*,?\s*§\s*(?P<num>\d{1,4})(?P<cont>\s*forts\.?)?\s*$"
)
# dot leaders, tight or spaced (". . . ."), then a page number ("sida 4", "s. 4", "4")
LEADERS = r"(?:\.\s?){3,}\s*(?:(?:sida|sid\.?|s\.)\s*)?\d+"
TOC_LINE = re.compile(
    r"^\s*(?:(?P<n1>\d{1,4})\s*§\s*(?P<t1>.+?)|§\s*(?P<n3>\d{1,4})(?:\s*/\s*(?:19|20)\d{2})?"
    r"\s+(?P<t3>.+?)|(?P<t2>.+?)\s*§\s*(?P<n2>\d{1,4})"
    rf"(?:\s*/\s*(?:19|20)\d{{2}})?)\s*(?:{LEADERS})?\s*$"
)

# "Välfärdsnämnden 15.9.2022, 42 §": earlier or current handling of the matter
HISTORY = re.compile(r"\d{4}\s*,?\s*(?:§\s*\d{1,4}|\d{1,4}\s*§)\s*$")

# The labels of a §'s parts. Four of them open with free text ("Kommunstyrelsens förslag till
# beslut"), which the regex engine tries at length from every line; all four need "beslut" or
# "förslag".
_OPEN_LABELS = [
    r"(?:[\wåäö\- ]{0,60}s\s)?beslut",
    r".*förvaltningens förslag till beslut",
    r"[\wåäö\- ]{0,40}s förslag",
    r"[\wåäö\- ]{0,40}s förslag till beslut",
]
_LABELS = [
    _OPEN_LABELS[0], r"förslag till beslut", _OPEN_LABELS[1],
    r"(?:\d\.\s*)?sammanfattning(?: av ärendet)?", r"ärendebeskrivning", r"ärendet", r"bakgrund",
    r"beslutsunderlag", r"handlingar", r"yrkanden?", r"förslag", r"beslutsgång",
    r"propositionsordning", r"proposition", r"(?:omröstning|votering)(?:\s+\d{1,2})?",
    r"omröstningsresultat", r"reservation(?:er)?", r"protokollsanteckning(?:ar)?",
    r"särskil(?:t|da) yttranden?", r"yttranden?", r"överläggning", r"jäv",
    r"beslutet (?:ska )?(?:skickas|expedieras) till", r"beslutet skickas till",
    r"expedieras till", r"expediering", r"beslut till", r"beslutet delges", r"delges",
    r"för kännedom till", r"dagens sammanträde", _OPEN_LABELS[2], r"beredning",
    r"tidigare behandling", _OPEN_LABELS[3],
]


def _label_pattern(labels: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?i)^\s*(?P<label>" + "|".join(labels) + r")\s*(?::\S{0,2})?\s*$")


LABEL = _label_pattern(_LABELS)
# the same without the open labels, for a line that holds neither "beslut" nor "förslag": they
# cannot match it, so the first label that does is the same as with LABEL
_SHUT_LABEL = _label_pattern([x for x in _LABELS if x not in _OPEN_LABELS])


def match_label(text: str) -> re.Match[str] | None:
    """``LABEL.match(text)``, without trying the open labels where they cannot match."""
    if may_contain(text, ("beslut", "förslag")):
        return LABEL.match(text)
    return _SHUT_LABEL.match(text)


@dataclass
class Section:
    number: int
    year: int | None = None
    title: str | None = None
    case_number: str | None = None
    lines: list[Line] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


@dataclass
class Heading:
    index: int  # line index where the § content starts
    number: int
    year: int | None
    rest: str  # text after the number on the heading line
    kind: str  # "section", "prefix", "running", "page"
    cont: bool = False


def _body_text(lines: list[str]) -> bool:
    """Lines that end a § rather than a contents entry: a label ("Beslut") or a Dnr line. Then a
    bare "§ 13/2024" below them is the next §'s heading, not a contents entry."""
    return any(match_label(t) or re.match(r"(?i)(?:dnr|diarienummer|ärendenummer)\b", t)
               for t in lines)


def parse_toc(lines: list[Line]) -> tuple[dict[int, str], range]:
    """Number → title from a table of contents (lines with dot leaders or "Titel § 28/2021"),
    and the range of line indices the table covers."""
    toc: dict[int, str] = {}
    pending: list[str] = []
    first = last = None
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if not t:
            continue
        if ln.furniture and not _is_toc_line(t):
            pending = []
            continue
        leaders = _is_toc_line(t)
        with_year = "§" in t and re.search(r"§\s*\d{1,4}\s*/\s*(?:19|20)\d{2}\s*$", t)
        m = TOC_LINE.match(t) if leaders or with_year else None
        if m and (leaders or (m["n2"] and with_year)) and not H_RUNNING.match(t):
            num = int(m["n1"] or m["n2"] or m["n3"])
            title = (m["t1"] or m["t2"] or m["t3"] or "").strip()
            title = re.sub(rf"\s*{LEADERS}\s*$", "", title).strip(" .")
            if pending and (not title or title[:1].islower()):
                title = " ".join([*pending[-3:], title])
            pending = []
            title = strip_case_number(title)[0].strip(" ,")
            if title and num not in toc:
                toc[num] = title
                first = i if first is None else first
                last = i
        elif with_year and pending and H_SECTION_FIRST.match(t) and \
                not (H_SECTION_FIRST.match(t)[3] or "") and not _body_text(pending[-3:]):
            num = int(H_SECTION_FIRST.match(t)[1])
            if num not in toc:
                toc[num] = strip_case_number(join_lines(pending[-3:]))[0].strip(" ,")
                first = i if first is None else first
                last = i
            pending = []
        elif len(t) < 90 and not ("§" in t and H_SECTION_FIRST.match(t)):
            pending.append(t)
            if len(pending) > 4:
                pending.pop(0)
        else:
            pending = []
    if len(toc) < 2:
        return {}, range(0)
    return toc, range(first, last + 1)


_LEADERS_END = re.compile(rf"{LEADERS}\s*$")


def _is_toc_line(t: str) -> bool:
    """A line of a table of contents: ends with dot leaders and a page number."""
    return ("..." in t or ". . ." in t) and bool(_LEADERS_END.search(t))


def find_headings(lines: list[Line],
                  contents: tuple[dict[int, str], range] | None = None) -> list[Heading]:
    """Candidate § headings, in order, with the sequence rule: numbers go up one by one
    (small gaps allowed for stand-alone headings, for headings with a title, and for numbers
    a table of contents lists). ``contents``: what :func:`parse_toc` gives for ``lines``, when
    the caller has it already."""
    raw: list[Heading] = []
    page_markers: dict[int, list[tuple[int, int]]] = {}
    toc, toc_range = contents if contents is not None else parse_toc(lines)
    for i, ln in enumerate(lines):
        t = ln.text
        if "§" not in t:  # every heading shape below has one
            continue
        if _is_toc_line(t) or i in toc_range:
            continue
        m = H_NUMBER_FIRST.match(t)
        if m:
            page_markers.setdefault(ln.page, []).append((i, int(m[1])))
            continue
        m = H_RUNNING.match(t)
        if m:
            raw.append(Heading(i + 1, int(m["num"]), None, "", "running", bool(m["cont"])))
            continue
        m = H_NUMBER_TITLE.match(t)
        if m and not HISTORY.search(t):
            raw.append(Heading(i + 1, int(m[1]), None, m[2], "section"))
            continue
        m = H_SECTION_FIRST.match(t)
        if m and _mid_sentence(lines, i, m[3] or ""):
            continue  # "… beslutade enligt" / "§ 30 i reglementet": a reference, no heading
        if m:
            raw.append(Heading(i + 1, int(m[1]), int(m[2]) if m[2] else None, m[3] or "",
                               "section"))
            continue
        m = H_BODY_PREFIX.match(t)
        if m and m[1].lower() not in {"av", "i", "enligt", "se", "och", "kap"}:
            raw.append(Heading(i + 1, int(m[2]), int(m[3]) if m[3] else None, m[4] or "",
                               "prefix"))
    raw.extend(_page_marker_headings(lines, page_markers))
    raw.sort(key=lambda h: h.index)
    raw = [h for h in raw if not (h.kind == "section" and not h.rest
                                  and _before_role_label(lines, h.index))]
    listing = _list_runs(lines, raw)
    toc = {**{h.number: strip_case_number(h.rest)[0] for h in raw if id(h) in listing}, **toc}
    raw = [h for h in raw if id(h) not in listing]
    return _sequence(raw, toc)


def _list_runs(lines: list[Line], raw: list[Heading]) -> set[int]:
    """"§ 28 Val av justerare" / "§ 29 Taxor …" / "§ 30 …" on consecutive lines: a list of the
    §§ (contents without dot leaders), not three §§ without text. Returns ids of the run's
    headings (runs of three or more)."""
    titled = [h for h in raw if h.kind in ("section", "prefix") and h.rest]
    out: set[int] = set()
    run: list[Heading] = []

    def close() -> None:
        if len(run) >= 3:
            out.update(id(h) for h in run)

    for h in titled:
        if run:
            between = [ln for ln in lines[run[-1].index:h.index - 1]
                       if ln.text.strip() and not ln.furniture]
            if not between and h.number > run[-1].number:
                run.append(h)
                continue
        close()
        run = [h]
    close()
    return out


def _before_role_label(lines: list[Line], at: int) -> bool:
    """A bare "§ 85" followed by "Ej tjänstgörande ersättare" closes an attendance entry."""
    from .participants import role_label

    for ln in lines[at:at + 4]:
        if ln.furniture or not ln.text.strip():
            continue
        return role_label(ln.text.strip()) is not None
    return False


def _mid_sentence(lines: list[Line], i: int, rest: str) -> bool:
    """A line opening with "§ 30" that goes on in lower case after a line broken off
    mid-sentence is a reference in running text."""
    if not re.match(r"[a-zåäö]", rest):
        return False
    j = i - 1
    while j >= 0 and (lines[j].furniture or not lines[j].text.strip()):
        j -= 1
    return j >= 0 and lines[j].page == lines[i].page and \
        bool(re.search(r"[a-zåäö,]\s*$", lines[j].text))


def _page_marker_headings(lines, page_markers) -> list[Heading]:
    """Stand-alone "43 §" lines that sit at the end of pages are footers naming the § the
    page belongs to: the § starts at the top of its first page."""
    if not page_markers:
        return []
    page_start: dict[int, int] = {}
    page_end: dict[int, int] = {}
    for i, ln in enumerate(lines):
        page_start.setdefault(ln.page, i)
        page_end[ln.page] = i
    footer_pages = 0
    for page, marks in page_markers.items():
        tail = [j for j in range(page_end[page], page_start[page] - 1, -1)
                if lines[j].text.strip()][:7]
        if any(i in tail for i, _ in marks):
            footer_pages += 1
    if len(page_markers) < 2 or footer_pages < max(1, 0.6 * len(page_markers)):
        # numbers before § used as ordinary headings ("28 §" then the title)
        out = []
        for marks in page_markers.values():
            for i, n in marks:
                out.append(Heading(i + 1, n, None, "", "section"))
        return out
    out = []
    last = None
    for page in sorted(page_markers):
        n = page_markers[page][-1][1]
        out.append(Heading(page_start[page], n, None, "", "page", cont=(n == last)))
        last = n
    return out


def _titled(h: Heading) -> bool:
    """"§ 33 Delegationsbeslut": a heading line whose rest reads as a title, not a sentence."""
    rest = h.rest.strip()
    return h.kind == "section" and bool(re.match(r"[A-ZÅÄÖ]", rest)) and len(rest) < 120 \
        and not re.search(r"[.:;]$", rest)


def _follows(prev: Heading, h: Heading, listed: set[int]) -> bool:
    """May ``h`` be the § heading right after ``prev``? Numbers go up by one; a few may be
    skipped by a stand-alone or titled heading, any by one the table of contents lists."""
    last = prev.number
    if h.number == last + 1:
        return True
    if last + 1 < h.number <= last + 4 and h.kind in ("section", "page", "running") \
            and (not h.rest or _titled(h)):
        return True
    return last < h.number and h.number in listed and h.kind in ("section", "prefix")


def _same_title(a: str, b: str) -> bool:
    def norm(x: str) -> str:
        return re.sub(r"[^0-9a-zåäöé]+", " ", strip_case_number(x)[0].lower()).strip()

    return bool(norm(a)) and (norm(a) == norm(b) or norm(a).startswith(norm(b))
                              or norm(b).startswith(norm(a)))


def _sequence(raw: list[Heading], toc: dict[int, str] | None = None) -> list[Heading]:
    """The longest run of candidates that reads as consecutive § headings, so that a stray
    early "§ 153" (a wrapped attendance cell, a reference) cannot derail the rest. A heading
    whose title the table of contents confirms counts a little more."""
    toc = toc or {}
    listed = set(toc)
    cands = [h for h in raw if not h.cont]
    if not cands:
        return []
    score: list[float] = []
    back: list[int | None] = []
    for i, h in enumerate(cands):
        best, arg = 0.0, None
        for j in range(i - 1, max(-1, i - 400), -1):
            # on a tie the earlier candidate wins: a heading before its running header
            if score[j] >= best and score[j] > 0 and _follows(cands[j], h, listed):
                best, arg = score[j], j
        confirmed = bool(h.rest) and h.number in toc and _same_title(h.rest, toc[h.number])
        score.append(best + 1 + (0.5 if confirmed else 0.0))
        back.append(arg)
    end = max(range(len(cands)), key=lambda i: (score[i], -i))
    chain: list[Heading] = []
    k: int | None = end
    while k is not None:
        chain.append(cands[k])
        k = back[k]
    return chain[::-1]


def split_sections(lines: list[Line], contents: tuple[dict[int, str], range] | None = None
                   ) -> tuple[list[Section], int]:
    """The § sections and the index of the first heading (the part before is the preamble).
    ``contents``: what :func:`parse_toc` gives for ``lines``, when the caller has it."""
    heads = find_headings(lines, contents)
    sections: list[Section] = []
    for k, h in enumerate(heads):
        end = len(lines)
        if k + 1 < len(heads):
            nxt = heads[k + 1]
            end = nxt.index if nxt.kind == "page" else nxt.index - 1
        body = lines[h.index:end]
        sec = Section(number=h.number, year=h.year, lines=body)
        sec.pages = sorted({ln.page for ln in body})
        _title(sec, h)
        if sec.case_number is None and h.kind == "section":
            above = _case_number_above(lines, h.index - 1, heads[k - 1].index if k else 0)
            if above is not None:
                sec.case_number = find_case_number(lines[above].text)
                if sections:
                    _cut_from(sections[-1], lines[above])
        if not sec.title and not h.rest and h.kind == "section":
            before = _title_before(lines, h.index - 1, heads[k - 1].index if k else 0)
            if before is not None:
                sec.title = lines[before].text.strip()
                if sections:
                    _cut_from(sections[-1], lines[before])
        sections.append(sec)
    if sections:
        _cut_attachments(sections[-1])
    first = heads[0].index - 1 if heads else len(lines)
    if heads and heads[0].kind == "page":
        first = heads[0].index
    return sections, max(first, 0)


def _cut_from(sec: Section, line: Line) -> None:
    """Drop ``line`` and what follows it from ``sec``: it belongs to the next §."""
    for i, ln in enumerate(sec.lines):
        if ln is line:
            sec.lines = sec.lines[:i]
            return


def _case_number_above(lines: list[Line], at: int, floor: int) -> int | None:
    """A diarienummer printed on its own line just above the "§ 49 Title" heading at ``at``
    (right-aligned above it in the layout, or read in that order by OCR): the index of that
    line. Only running headers and blank lines may stand between them."""
    j = at - 1
    while j > floor and (lines[j].furniture or not lines[j].text.strip()):
        j -= 1
    if j <= floor:
        return None
    t = lines[j].text.strip(" ,")
    if CASE_NUMBER.fullmatch(t) or re.match(r"(?i)^(?:diarienummer|dnr|ärendenummer)\b", t):
        return j if find_case_number(t) else None
    return None


def _title_before(lines: list[Line], at: int, floor: int) -> int | None:
    """"Taxor för trygghetslarm" above a bare "§ 29": the line before the heading, when it reads
    as a title (short, capitalised, no full stop, no label)."""
    j = at - 1
    while j >= floor and (lines[j].furniture or not lines[j].text.strip()):
        j -= 1
    if j < floor:
        return None
    t = lines[j].text.strip()
    if len(t) < 120 and re.match(r"[A-ZÅÄÖ]", t) and not re.search(r"[.:;,]$", t) \
            and not match_label(t) and not is_heading_line(t) and not find_dates(t):
        return j
    return None


ATTACHMENT = re.compile(
    r"(?i)^\s*(?:(?:bilaga|bilagor|bilagan|appendix)\b\s*(?:\d+|[A-Z]\b|[:.–-]|$)"
    r"|(?:skriftlig\s+)?(?:reservation|särskilt\s+yttrande|protokollsanteckning)\b.{0,40}§\s*\d)")


# the certification that ends a protokollsutdrag: "Rätt utdraget intygar", "Utdraget bestyrks"
_CERTIFICATION = re.compile(r"(?i)^\s*(?:rätt\s+utdraget\s+(?:intygar|betygar|bestyrker|bestyrks)|"
                            r"utdraget\s+(?:bestyrks|intygas|överensstämmer)|"
                            r"utdragets\s+riktighet\s+(?:intygas|bestyrks))\b")


def _cut_attachments(sec: Section) -> None:
    """Attachments after the last § ("Bilaga: Reservation § 29", "Bilaga 1") begin on a page
    of their own: the § ends before the first page that opens with one. The certification of
    an extract ends it too."""
    seen_pages: set[int] = set()
    for j, ln in enumerate(sec.lines):
        if j > 0 and not ln.furniture and _CERTIFICATION.match(ln.text):
            sec.lines = sec.lines[:j]
            sec.pages = sorted({x.page for x in sec.lines})
            return
        if ln.furniture or not ln.text.strip() or ln.page in seen_pages:
            continue
        seen_pages.add(ln.page)
        if j > 0 and ATTACHMENT.match(ln.text):
            sec.lines = sec.lines[:j]
            sec.pages = sorted({x.page for x in sec.lines})
            return


_TITLE_CONT = re.compile(r"(?i)(?:\b(?:och|för|av|om|till|samt|i|på|med|vid|inom|mellan|"
                         r"från|de|det|den|att|eller|kan)|[-–,:])\s*$")


def _title(sec: Section, h: Heading) -> None:
    # "§ 12 – Godkännande av dagordning", "§ 12: …"
    rest = re.sub(r"^[–—:-]\s+", "", h.rest.strip())
    cn = None
    if rest:
        m = re.match(r"(?i)^dnr\.?\s*:?\s*(\S+)\s*(.*)$", rest)
        if m:
            cn = find_case_number(rest)
            rest = ""
        elif CASE_NUMBER.fullmatch(rest.strip(" ,()")):
            cn, rest = rest.strip(" ,()"), ""  # "KS § 12    KS 2024/10": the Dnr without its label
    texts: list[str] = []
    consumed = 0
    if rest:
        rest, c = strip_case_number(rest)
        cn = cn or c
        texts.append(rest)
    for j, ln in enumerate(sec.lines):
        t = ln.text.strip()
        if not t or ln.furniture and not texts:
            consumed = j + 1
            continue
        if ln.furniture:
            break
        if re.match(r"(?i)^(diarienummer|dnr|ärendenummer)\b", t) or \
                (CASE_NUMBER.fullmatch(t.strip(" ,")) is not None):
            cn = cn or find_case_number(t)
            consumed = j + 1
            if texts:
                break
            continue
        if re.fullmatch(r"(?i)sammanträdesdatum(\s+paragraf)?|paragraf", t):
            consumed = j + 1
            continue
        if match_label(t) or H_SECTION_FIRST.match(t) or HISTORY.search(t):
            break
        if texts and not (_TITLE_CONT.search(texts[-1]) or len(texts[-1]) >= 45
                          or t[:1].islower()):
            break
        if len(texts) >= 4:
            break
        t2, c = strip_case_number(t)
        if c:
            cn = cn or c
        if t2:
            texts.append(t2)
        consumed = j + 1
        if c:
            break
    title = join_lines(texts).strip(" ,;:") if texts else None
    if title:
        title = re.sub(r"\s*\((?:dnr\s*)?\)$", "", title)
    sec.title = title or None
    sec.case_number = cn
    sec.lines = sec.lines[consumed:]


def title_is_plausible(title: str | None) -> bool:
    if not title:
        return False
    words = re.findall(r"(?<![\w])[a-zåäöé]{4,}(?![\w])", title)
    return all(word_is_plausible(w) for w in words)


def blocks(lines: list[Line]) -> list[tuple[str | None, list[str]]]:
    """A §'s body cut at its labels ("Beslut", "Sammanfattning", "Yrkanden", ...)."""
    out: list[tuple[str | None, list[str]]] = [(None, [])]
    for ln in lines:
        if ln.furniture:
            continue
        t = ln.text.strip()
        m = match_label(t) if len(t) < 90 else None
        if m:
            out.append((m["label"].strip().lower(), []))
        else:
            out[-1][1].append(t)
    return [(k, v) for k, v in out if k is not None or any(x.strip() for x in v)]


def is_heading_line(text: str) -> bool:
    return bool(H_SECTION_FIRST.match(text) or H_NUMBER_FIRST.match(text)
                or H_RUNNING.match(text))


__all__ = ["Section", "blocks", "find_headings", "parse_toc", "split_sections",
           "title_is_plausible", "is_furniture", "find_dates", "is_heading_line"]
