"""Assemble a :class:`Minutes` from the lines of one protokoll or protokollsutdrag."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache

from kansli.minutes.model import (
    Dissent,
    DocumentKind,
    Item,
    Meeting,
    Minutes,
    Motion,
    MotionKind,
    Participant,
    Recusal,
    Role,
    Statement,
    StatementKind,
    Vote,
)

from . import ballots as _ballots
from .cleanup import Line, join_lines, may_contain
from .dates import DOT_DATE, ISO_DATE, TEXT_DATE, find_dates, parse_date, parse_time_range
from .paragraphs import (
    Section,
    blocks,
    match_label,
    parse_toc,
    split_sections,
    title_is_plausible,
)
from .participants import (
    NAME,
    REFERS_TO_ROLL,
    WITH_PARTY,
    clean_name,
    parse_attendance,
    parse_roll_list,
    reorder_surname_first,
)

BODY_WORDS = r"(?:nämnd(?:en)?|styrelse(?:n)?|fullmäktige|utskott(?:et)?|beredning(?:en)?|" \
             r"råd(?:et)?|direktion(?:en)?|kommitté(?:n)?|sektion(?:en)?)"
_BODY_WORD = re.compile(rf"(?<![\wåäö-])[\wåäöÅÄÖ-]*{BODY_WORDS}(?![\wåäö])", re.I)
# the words of BODY_WORDS: a line without any of them names no body
_BODY_KEYS = ("nämnd", "styrelse", "fullmäktige", "utskott", "beredning", "råd", "direktion",
              "kommitté", "sektion")
_BODY_LABEL = re.compile(r"(?i)^(?:nämnd|organ|styrelse|utskott)\s*:?\s+(.+)$")


def _body_at(line: str, m: re.Match[str]) -> str:
    """Extend a body word leftwards: "Vård- och omsorgsnämnden", "Kommunstyrelsens
    arbetsutskott", "Barn- och utbildningsnämnden"."""
    start = m.start()
    head = line[:start]
    m2 = re.search(r"([A-ZÅÄÖ][\wåäö]*-(?:\s*,\s*[\wåäö]+-)*\s+(?:och|samt)\s+)$", head)
    if m2:
        start = m2.start(1)
    else:
        m3 = re.search(r"((?:[A-ZÅÄÖ][\wåäö]*s?\s+)?)$", head)
        if m3 and m3[1] and not re.match(r"(?i)(?:i|på|av|till|för|och|om|den|det|från)\s", m3[1]) \
                and re.fullmatch(r"[A-ZÅÄÖ][\wåäö]*s\s+", m3[1]):
            start = m3.start(1)
    return line[start:m.end()].strip()


MUNICIPALITY = re.compile(
    r"\b([A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?)s?\s+(?:kommun|stad)\b|"
    r"\b(?:KOMMUN|STAD)\b"
)


def _text(lines: list[Line]) -> str:
    return "\n".join(ln.text for ln in lines)


def _labelled(lines: list[str], label: str, span: int = 3) -> str | None:
    """Text after ``label`` on its line, or on the next non-empty lines."""
    pat = re.compile(rf"(?i)^\s*(?:{label})\s*:?\s*(.*)$")
    for i, t in enumerate(lines):
        m = pat.match(t)
        if m:
            if m[1].strip():
                return m[1].strip()
            nxt = [x.strip() for x in lines[i + 1:i + 1 + span * 2] if x.strip()]
            return " ".join(nxt[:span]) if nxt else None
    return None


_GENERIC_BODY = re.compile(r"(?i)^(?:nämnden?|styrelsen?|fullmäktige|utskottet|utskott|rådet|råd|"
                           r"beredningen|direktionen|kommittén|sektionen|socialstyrelsen)$")


def find_body(text: str) -> str | None:
    """The body whose record this is: after a "Nämnd"/"Organ" label, else the name printed
    most often (a name next to a date, as in running headers, weighs more)."""
    cands: Counter[str] = Counter()
    for line in text.split("\n")[:600]:
        if not may_contain(line, _BODY_KEYS):  # both tests below need a body word
            continue
        line = line.strip()
        m = _BODY_LABEL.match(line)
        if m and _BODY_WORD.search(m[1]):
            bm = _BODY_WORD.search(m[1])
            return _cap(_body_at(m[1], bm))
        for bm in _BODY_WORD.finditer(line):
            raw = _body_at(line, bm).strip(" ,")
            if not raw or len(raw) > 60 or _GENERIC_BODY.match(raw):
                continue
            if not raw[:1].isupper():
                continue
            after = line[bm.end():bm.end() + 14]
            if re.match(r"(?i)s\b|s\s*(?:beslut|förslag|sammanträde)", after):
                continue
            weight = 5 if re.match(r"\s*,?\s*(?:den\s+)?\d", after) else 1
            cands[raw] += weight
    if not cands:
        return None
    return max(cands, key=lambda k: (cands[k], len(k)))


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:] if name else name


# "Ekeby kommun", "EKEBY KOMMUN". The word boundary before the name is tested after its
# first letter, (?<!\w.), instead of \b before it: the same matches, but a pattern that opens
# with a character set lets the regex engine skip quickly to the next capital letter
_MUNICIPALITY_NAME = re.compile(
    r"([A-ZÅÄÖ](?<!\w.)[a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?)\s+(kommun|stad)(?:s|en)?\b")
_MUNICIPALITY_CAPS = re.compile(r"([A-ZÅÄÖ](?<!\w.)[A-ZÅÄÖ]{2,})\s+(KOMMUN|STAD)\b")


@lru_cache(maxsize=1)  # every document of a file asks about the same whole text
def find_municipality(text: str) -> str | None:
    cands: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _MUNICIPALITY_NAME.finditer(text):
        name = m[1]
        if name.lower() in {"hela", "den", "vår", "denna", "varje", "annan", "egen", "samma",
                            "kommunen", "staden", "botkyrkas"}:
            continue
        cands[f"{name} {m[2]}"] += 1
        first.setdefault(f"{name} {m[2]}", m.start())
    for m in _MUNICIPALITY_CAPS.finditer(text):
        cands[f"{m[1].title()} {m[2].lower()}"] += 1
    if not cands:
        return None
    name = max(cands, key=lambda k: (cands[k], -first.get(k, 0)))
    return name


# --- meeting and signatures ----------------------------------------------------------------

_DATE_LABELS = (r"datum och tid|sammanträdesdatum|sammanträdesdag|sammanträdestid|"
                r"sammanträdestd|tid och datum|mötesdatum|datum|tid och plats|plats och tid|tid")


def parse_meeting(pre: list[str], text: str, doc_date_hint=None) -> Meeting:
    meet = Meeting()
    for i, t in enumerate(pre):
        m = re.match(rf"(?i)^\s*(?:{_DATE_LABELS})\b\s*:?\s*(.*)$", t)
        if not m:
            continue
        rest = m[1] + " " + " ".join(x for x in pre[i + 1:i + 3])
        d = parse_date(rest)
        if d and meet.date is None:
            meet.date = d
            s, e = parse_time_range(rest)
            meet.start, meet.end = s, e
        if meet.date:
            break
    if meet.start is None:
        for i, t in enumerate(pre):
            if re.match(rf"(?i)^\s*(?:{_DATE_LABELS}|klockan|kl)\b", t):
                s, e = parse_time_range(t + " " + (pre[i + 1] if i + 1 < len(pre) else ""))
                if s:
                    meet.start, meet.end = s, e
                    break
    if meet.date is None:
        meet.date = doc_date_hint or _most_common_date(text)
    if meet.start is None and meet.date is not None:
        # an unlabelled line with the meeting's date and a time: "Tisdag 2 april 2024, kl. 13.00"
        for t in pre[:40]:
            if re.search(r"(?i)\bkl(?:ockan)?\b", t) and meet.date in (d for _, d in find_dates(t)):
                meet.start, meet.end = parse_time_range(t)
                if meet.start:
                    break
    place = _labelled(pre, r"plats|sammanträdesplats|mötesplats|lokal", span=1)
    if place and (find_dates(place) or re.search(r"\bkl\.?\s*\d", place)):
        # a label column followed by a value column: skip the date/time value
        pat = re.compile(r"(?i)^\s*(?:plats|sammanträdesplats|mötesplats)\s*:?\s*$")
        idx = next((i for i, t in enumerate(pre) if pat.match(t)), None)
        place = None
        if idx is not None:
            vals = [t.strip() for t in pre[idx + 1:idx + 6] if t.strip()]
            place = next((v for v in vals if not find_dates(v) and not re.match(
                r"(?i)^(?:ärenden|organ|sammanträdes)", v) and re.search(r"[a-zåäö]{3}", v)), None)
    if not place:
        m = re.search(r"(?im)^\s*tid och plats\s*:?\s*(.*)$", "\n".join(pre))
        if m:
            place = re.sub(r"^.*\d{1,2}[:.]\d{2}\)?\s*,?\s*", "", m[1]) or _without_when(m[1])
    if not place:
        # "Plats och tid   Kommunhuset, Älvsalen, kl. 13.00–15.40": the place, then the time
        m = re.search(r"(?im)^\s*plats\s+och\s+tid\s*:?\s*(\S.*)$", "\n".join(pre))
        place = _without_when(m[1]) if m else None
    if place:
        # the value wrapped: "Sessionssalen, Stadshuset; med möjlighet" + "till digitalt deltagande"
        idx = next((i for i, t in enumerate(pre) if place in re.sub(r"\s+", " ", t)), None)
        if idx is not None and idx + 1 < len(pre) and pre[idx + 1].strip()[:1].islower() \
                and (_DANGLING.search(place) or _REMOTE_TAIL.search(place + " " + pre[idx + 1])):
            place = place + " " + pre[idx + 1].strip()
    if place:
        bare = _REMOTE_TAIL.sub("", place)
        if bare != place:
            meet.remote_participation = True
            place = bare
    if place and not re.match(r"(?i)^(för justering|.*justering)", place):
        place = re.sub(r"\s+", " ", place).strip(" ,")
        if place and not re.fullmatch(r"[\d\s.:\-–]+", place):
            meet.place = place[:200]
    pre_text = "\n".join(pre)
    meet.adjournments = [re.sub(r"\s+", " ", a).strip() for a in re.findall(
        r"(?i)\b((?:paus|ajournering|ajourneras)\b[^()\n]{0,40}?\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2})",
        pre_text)]
    if re.search(r"(?i)deltar digitalt|på distans|via videolänk|digitalt via|e-möte|via teams",
                 "\n".join(pre)):
        meet.remote_participation = True
    return meet


_WEEKDAY = r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?(?:\s+den)?"


def _without_when(value: str) -> str | None:
    """A place printed together with its date and time, with the date and time taken out:
    "Stadshuset, tisdag 12 mars 2024, kl. 13.00–15.40" → "Stadshuset"."""
    for pat in (ISO_DATE, DOT_DATE, TEXT_DATE):
        value = pat.sub(" ", value)
    value = re.sub(rf"(?i)\b{_WEEKDAY}\b", " ", value)
    value = re.sub(r"(?i)(?:\bkl(?:ockan)?\.?\s*\d{1,2}(?:[.:]\d{2})?|\b\d{1,2}[.:]\d{2})"
                   r"(?:\s*[-–—]\s*\d{1,2}(?:[.:]\d{2})?)?", " ", value)
    value = re.sub(r"\s+", " ", value)
    value = re.sub(r"\s*,(?:\s*,)+", ",", value).strip(" ,;–-")
    return value if re.search(r"[A-ZÅÄÖa-zåäö]{3}", value) else None


_DANGLING = re.compile(r"(?i)(?:\b(?:till|för|och|med|i|på|av|samt|via|eller)|[,;–-])\s*$")
# "…; med möjlighet till digitalt deltagande", "…, samt digitalt via Teams", "(hybridmöte)"
_REMOTE_TAIL = re.compile(
    r"(?i)\s*(?:[;,]\s*|\s(?=och|samt|med))(?:och\s+|samt\s+)?(?:med\s+)?(?:möjlighet\s+till\s+)?"
    r"(?:digitalt?\s+(?:deltagande|närvaro|via\s+\S+)|digitalt|distansdeltagande|"
    r"deltagande\s+på\s+distans|via\s+(?:teams|zoom|videolänk|länk)|hybridmöte|"
    r"på\s+distans)\b.*$"
    r"|\s*\((?:digitalt|hybrid|distans|via teams|teams)[^)]*\)\s*$")


def _most_common_date(text: str):
    c = Counter(d for _, d in find_dates(text[:20000]))
    return c.most_common(1)[0][0] if c else None


_PERSON = re.compile(rf"^\s*({NAME})\s*(?:\([A-ZÅÄÖa-zåäö]{{1,6}}\))?\s*$")
_SIG_LABEL = re.compile(
    r"(?i)^\s*(ordförande|sekreterare|nämndsekreterare|protokollförare|justerare|justerande|"
    r"justerat|utses att justera|mötesordförande)\s*:?\s*$")


def _name_only(t: str) -> str | None:
    m = _PERSON.match(t)
    if m and not re.search(r"(?i)kommun|nämnd|styrelse|förvaltning|protokoll|sammanträde", t):
        return re.sub(r"\s+", " ", m[1]).strip()
    return None


def _names_below_labels(lines: list[str]) -> bool | None:
    """Whether signature names stand under their labels ("Sekreterare" / "Fredrik Lund") or
    over them (a name on the signature line, the label printed beneath): decided by the first
    bare label with a name on one side only. None when no label tells."""
    for i, t in enumerate(lines):
        if not _SIG_LABEL.match(t):
            continue
        nxt = next((x for x in lines[i + 1:i + 4] if x.strip()), "")
        prv = next((x for x in reversed(lines[max(0, i - 3):i]) if x.strip()), "")
        after, before = _name_only(nxt), _name_only(prv)
        if after and not before:
            return True
        if before and not after:
            return False
    return None


def _label_value(lines: list[str], label: str, many: bool = False,
                 below: bool | None = None) -> list[str]:
    pat = re.compile(rf"(?i)^\s*(?:{label})\s*:?\s*(.*)$")
    for i, t in enumerate(lines):
        m = pat.match(t)
        if not m:
            continue
        rest = m[1].strip()
        if rest and i + 1 < len(lines) and (lines[i + 1].strip().startswith("(") or re.search(
                r"(?:\boch|,)\s*$", rest)):
            rest = rest + " " + lines[i + 1].strip()  # "A (MP) och Gustav Tallqvist" / "(KD)"
        if rest:
            names = [re.sub(r"\s+", " ", x[1]) for x in WITH_PARTY.finditer(rest)]
            tail = rest[list(WITH_PARTY.finditer(rest))[-1].end():] if names else ""
            last = re.match(rf"^\s*(?:,|och)\s*({NAME})\s*$", tail)
            if many and last:
                names.append(re.sub(r"\s+", " ", last[1]))
            if not names:
                n = re.match(rf"^({NAME})", rest)
                names = [n[1]] if n else []
            if names:
                return names if many else names[:1]
            continue
        nxt = [x for x in lines[i + 1:i + 6] if x.strip()]
        prv = [x for x in lines[max(0, i - 3):i] if x.strip()]
        after = _name_only(nxt[0]) if nxt else None
        before = _name_only(prv[-1]) if prv else None
        two_after_is_label = len(nxt) > 1 and _SIG_LABEL.match(nxt[1])
        if below is not None and (before if not below else after):
            return [before] if not below else [after]
        if before and (not after or two_after_is_label):
            return [before]
        if after:
            out = [after]
            if many:
                for x in nxt[1:3]:
                    n2 = _name_only(x)
                    if n2:
                        out.append(n2)
                    else:
                        break
            return out
    return []


def _pairs(lines: list[str], known: list[str]) -> dict[str, list[str]]:
    """Finland-Swedish signature rows: "Emilia Haverinen Katarina Östman" above
    "ordförande protokollförare"."""
    out: dict[str, list[str]] = {}
    for i, t in enumerate(lines):
        labels = re.findall(r"(?i)\b(ordförande|protokollförare|sekreterare|justerare)\b", t)
        if len(labels) >= 2 and re.fullmatch(r"(?i)[\sa-zåäö]+", t) and i > 0:
            names = _split_names(lines[i - 1], known, len(labels))
            for lab, name in zip(labels, names, strict=False):
                out.setdefault(lab.lower(), []).append(name)
    for i, t in enumerate(lines):
        if re.match(r"(?i)^\s*elektronisk protokolljustering|^\s*protokolljusterare\s*:?\s*$", t):
            nxt = next((x for x in lines[i + 1:i + 3] if x.strip()), "")
            if nxt and not re.search(r"\d", nxt):
                out.setdefault("justerare", []).extend(_split_names(nxt, known, 2))
    return out


def _split_names(line: str, known: list[str], n: int) -> list[str]:
    words = line.split()
    found = []
    for k in known:
        parts = k.split()
        for variant in (parts, parts[::-1]):
            v = " ".join(variant)
            if v in line:
                found.append((line.index(v), " ".join(variant)))
                break
    if len(found) >= n:
        return [x for _, x in sorted(found)][:n]
    if len(words) % n == 0 and words:
        size = len(words) // n
        return [" ".join(words[i * size:(i + 1) * size]) for i in range(n)]
    return []


def _signature_dates(text: str) -> list:
    m = re.search(r"(?ims)^\s*(dokumentet har undertecknats elektroniskt|signerat av|"
                  r"digitala signaturer|elektroniskt undertecknad|signaturer\s*$)(.{0,800})", text)
    if not m:
        return []
    return [d for _, d in find_dates(m[2])]


def unwrap_labels(lines: list[str]) -> list[str]:
    """Join a label that wrapped in a narrow column: "Datum då anslaget sätts" + "upp",
    "Förvaringsplats för" + "protokollet". The fragment is one or two lower-case words."""
    out: list[str] = []
    for t in lines:
        s = t.strip()
        if out and re.fullmatch(r"[a-zåäö]+(?: [a-zåäö]+)?:?", s) and out[-1].strip() and \
                not re.search(r"[\d.,;)\-–]\s*$", out[-1]) and len(out[-1]) < 60:
            out[-1] = out[-1].rstrip() + " " + s
            continue
        out.append(t)
    return out


_APPEAL = re.compile(r"(?i)överklag|laglighetspröv|från den dag|inom tre veckor")


_FOR_AT_END = re.compile(r"(?i)\bför\s*$")
_NOTICE_WORDS = ("anslag", "ned", "tas", "juster")


_POSTED_LABEL = re.compile(r"(?i)sätts\s+upp|sattes\s+upp|uppsatt|anslaget\s+den|anslagsdatum")
_REMOVED_LABEL = re.compile(r"(?i)tas\s+ned|tas\s+ner|ned\s*tas|nedtagande|nedtagen")


def _posted_and_removed_on_one_line(line: str) -> tuple | None:
    """Two label–value pairs side by side: "Datum då anslaget sätts upp 2024-03-18  Datum då
    anslaget tas ned 2024-04-09" — each date belongs to the label before it."""
    up, down = _POSTED_LABEL.search(line), _REMOVED_LABEL.search(line)
    if not up or not down or up.start() > down.start():
        return None
    dates = find_dates(line)
    posted = next((d for at, d in dates if up.end() <= at < down.start()), None)
    removed = next((d for at, d in dates if at >= down.end()), None)
    return (posted, removed) if posted and removed else None


def parse_notice(lines: list[str]) -> tuple:
    posted = removed = adjusted = None
    adjusted_as_printed = None
    joined = "\n".join(lines)
    lines = [re.sub(r"\s+", " ", x).strip() for x in unwrap_labels(lines) if x.strip()]
    lines = [x for x in lines if not _APPEAL.search(x)]
    for i, t in enumerate(lines):
        if i + 1 < len(lines) and _FOR_AT_END.search(t):
            t = t + " " + lines[i + 1]
        if not may_contain(t, _NOTICE_WORDS):  # every test below needs one of them
            continue
        low = t.lower()
        nxt = " ".join(lines[i + 1:i + 3])
        if re.search(r"anslaget den", low) and re.search(r"ned\s*tas|tas ned|tas ner", low):
            ds = [d for _, d in find_dates(t + " " + nxt)]
            if len(ds) >= 2:
                posted, removed = ds[0], ds[1]
                continue
        both = _posted_and_removed_on_one_line(t)
        if both:
            posted, removed = both
            continue
        if re.search(r"(?i)(anslaget|anslag)\b.*(sätts upp|sattes upp|uppsatt|uppsättande|den\b|"
                     r"publiceras|publicerades|publicerat)"
                     r"|datum då anslaget sätts upp|anslagsdatum|^\s*anslaget\s*$", t) \
                and not re.search(r"ned|ner\b", low) and posted is None:
            d = parse_date(t) or parse_date(nxt)
            posted = d or posted
        if re.search(r"(?i)(ned\s*tas|tas ned|tas ner|nedtagande|anslaget tas|nedtagen)", t) \
                and removed is None:
            removed = parse_date(t) or parse_date(nxt)
        if re.search(r"(?i)protokollet har justerats|justeringsdatum|justerat den|"
                     r"datum (?:och tid )?för justering|justeringens datum|justeras den", t) \
                and adjusted is None:
            cand = t + " " + " ".join(x for x in lines[i + 1:i + 4] if x.strip())
            adjusted = parse_date(cand)
            if adjusted:
                adjusted_as_printed = re.sub(r"\s+", " ", cand[:80])
    for m in re.finditer(r"(?i)publiceras på\s+\S+\s+(\d{1,2}\.\d{1,2}\.\d{4})", joined):
        posted = posted or parse_date(m[1])
    return posted, removed, adjusted, adjusted_as_printed


# --- items ---------------------------------------------------------------------------------

_CLAUSE = re.compile(r"^\s*(?:\d{1,2}\s*[.)]\s*|att\s+|[-–•]\s+)")


_IMMEDIATE = re.compile(r"(?i)^\s*(?:paragrafen|beslutet|protokollet)?\s*(?:justeras\s+omedelbart|"
                        r"förklaras\s+omedelbart\s+justerad)[^.]*\.?\s*$")


def _clauses(lines: list[str]) -> list[str]:
    """The att-satser: numbered, bulleted or "att …" lines, or sentences each opening a line
    after a line that ended one (list numbers the text layer printed apart are lost)."""
    out: list[str] = []
    for t in lines:
        s = t.strip()
        if not s or s == "." or _IMMEDIATE.match(s):
            continue
        ended = bool(out) and out[-1].endswith((".", "!")) and s[:1].isupper()
        if _CLAUSE.match(s) or not out or ended:
            out.append(re.sub(r"^\s*(?:\d{1,2}\s*[.)]\s*|[-–•]\s+)", "", s))
        else:
            out[-1] = join_lines([out[-1], s])
    return [c for c in out if c]


_MOTION = re.compile(
    r"(?s)(?P<by>(?:[A-ZÅÄÖ][^.]{0,400}?))\s+(?:yrkar|föreslår|framställer\s+yrkande)\s+(?P<what>[^.]{3,600}\.?)"
)
_RESERVATION = re.compile(
    r"(?is)(?P<by>(?:[A-ZÅÄÖ][^.]{0,400}?))\s+(?:reserverar\s+sig|inkommer\s+med\s+(?:följande\s+)?"
    r"(?:skriftliga?\s+)?reservation|lämnar\s+(?:en\s+)?(?:skriftlig\s+)?reservation|anmäler\s+reservation)"
    r"(?P<rest>[^.]{0,300})"
)
_STATEMENT = re.compile(
    r"(?is)(?:(?P<by>[A-ZÅÄÖ][^.]{0,300}?)\s+(?:lämnar|anmäler|avger|inkommer\s+med|lämnar\s+in)\s+"
    r"(?:ett\s+|en\s+)?(?:gemensamt?\s+)?(?:skriftligt?\s+)?(?P<k1>särskilt\s+yttrande|protokollsanteckning)"
    r"|(?P<k2>protokollsanteckning|särskilt\s+yttrande)\s+(?:anmäls|lämnas|avges)\s+av\s+"
    r"(?P<by2>[^,.]{0,200}))"
)
_PARTY_GROUP = re.compile(
    r"(?:\b(?:[A-ZÅÄÖ][a-zåäö]+(?:ernas|arnas|ernas|nas|s)|[A-ZÅÄÖ]{1,3}:?s)\s+"
    r"(?:ledamöter|ledamot|grupp|fullmäktigegrupp|företrädare)"
    r"|\b(?:[Ll]edamöterna|[Ll]edamöter)\s+(?:från|för|i)\s+[^.]{1,60}?)\s*$")
_RECUSAL = re.compile(
    rf"(?i)({NAME})\s*(?:\([A-ZÅÄÖa-zåäö]{{1,6}}\))?\s*(?:anmäler\s+jäv|deltar\s+(?:inte|ej)\s+i\s+"
    rf"(?:handläggningen|beslutet|behandlingen)[^.]*?(?:jäv)|är\s+jävig|lämnar\s+(?:lokalen|"
    rf"sammanträdet)[^.]*?jäv)"
)


def _names(text: str) -> list[str]:
    found = [clean_name(m[1]) for m in WITH_PARTY.finditer(text)]
    if found:
        return found
    return [m[0] for m in re.finditer(NAME, text)
            if not re.search(r"(?i)nämnd|styrelse|kommun|förvaltning|ordförande", m[0])]


def parse_item(sec: Section, body_name: str | None,
               ballot_tables: dict[int, _ballots.Table] | None = None,
               warnings: list[str] | None = None, where: str = "") -> Item:
    """One §. ``ballot_tables`` maps ``id(line)`` of a voteringslista header line to the list
    read from the PDF at that place (see :mod:`.ballots`)."""
    item = Item(number=sec.number, title=sec.title, year=sec.year, case_number=sec.case_number)
    parts = blocks(sec.lines)
    decision: list[str] = []
    own = re.sub(r"[^a-zåäö]", "", (body_name or "").lower())[:5]
    decided_by_own = False
    for label, content in parts:
        text = join_lines(content)
        lab = label or ""
        if re.search(r"beslut$", lab) and not re.search(r"förslag|underlag", lab):
            mine = lab == "beslut" or (own and re.sub(r"[^a-zåäö]", "", lab).startswith(own))
            if mine or not decided_by_own:
                decision = content
                decided_by_own = decided_by_own or bool(mine)
        elif lab in ("sammanfattning", "ärendebeskrivning", "sammanfattning av ärendet",
                     "ärendet", "bakgrund") and not item.summary:
            item.summary = text or None
        elif lab.startswith("förslag till beslut") or lab.endswith("s förslag") or \
                lab.endswith("s förslag till beslut") or lab.endswith("förvaltningens förslag till beslut"):
            item.proposed_decision = item.proposed_decision or text or None
        elif lab in ("beslutsunderlag", "handlingar"):
            item.decision_basis = [c.strip() for c in content if c.strip()]
        elif lab in ("överläggning",):
            item.deliberation = text or None
        elif lab in ("propositionsordning", "beslutsgång", "proposition"):
            item.order_of_questions.extend(
                s.strip() for s in re.split(r"(?<=\.)\s+", text) if s.strip())
        elif re.match(r"beslutet|expedieras|expediering|beslut till|delges|för kännedom", lab):
            item.recipients.extend(_list_items(content))
    if decision:
        item.decision = join_lines(decision) or None
        item.decision_clauses = _clauses(decision)
    # a label line ends a sentence, so that "Reservationer" never reads as part of a name
    full = join_lines([ln.text.rstrip(" :") + "." if len(ln.text) < 90 and match_label(ln.text)
                       else ln.text for ln in sec.lines if not ln.furniture])
    low = full.lower()
    for m in (_MOTION.finditer(full) if ("yrka" in low or "föreslår" in low) else ()):
        by = _names(m["by"][-300:])
        if not by:
            continue
        what = m["what"].strip()
        kind = MotionKind.MAIN
        if re.search(r"(?i)återremi", what):
            kind = MotionKind.REFERRAL_BACK
        elif re.search(r"(?i)bordlägg", what):
            kind = MotionKind.POSTPONEMENT
        elif re.search(r"(?i)tillägg|ändring", what):
            kind = MotionKind.AMENDMENT
        item.motions.append(Motion(by=by, text=what, kind=kind,
                                   withdrawn=bool(re.search(r"(?i)återtar|drar tillbaka", what))))
    for m in (_RESERVATION.finditer(full) if "reserv" in low else ()):
        by = _names(m["by"][-400:])
        if not by:
            # a party group, kept as printed: "Moderaternas ledamöter reserverar sig"
            group = _PARTY_GROUP.search(m["by"][-120:])
            by = [re.sub(r"\s+", " ", group[0]).strip()] if group else []
        if by:
            rest = m["rest"] or ""
            fav = re.search(r"(?i)till förmån för\s+([^.]+)", rest)
            item.reservations.append(Dissent(
                by=by, text=None, written=bool(re.search(r"(?i)skriftlig", m[0])),
                in_favour_of=fav[1].strip() if fav else None))
    for m in (_STATEMENT.finditer(full) if ("yttrande" in low or "anteckning" in low) else ()):
        kindword = (m["k1"] or m["k2"] or "").lower()
        kind = StatementKind.MINUTES_NOTE if "protokoll" in kindword \
            else StatementKind.SPECIAL_STATEMENT
        by = _names((m["by"] or m["by2"] or "")[-300:])
        if by:
            item.statements.append(Statement(kind=kind, by=by))
    for m in (_RECUSAL.finditer(full) if "jäv" in low else ()):
        item.recusals.append(Recusal(name=re.sub(r"\s+", " ", m[1])))
    item.votes = _votes(full)
    listed = _ballots.votes_from_lines(sec.lines, ballot_tables) if ballot_tables else []
    if listed:
        item.votes = _ballots.merge_votes(
            item.votes, listed,
            f"{where}§ {sec.number}" if where else f"§ {sec.number}",
            warnings if warnings is not None else [])
    if re.search(r"(?i)justeras\s+omedelbart|omedelbar\s+justering|omedelbart\s+justera", full):
        item.immediately_adjusted = True
    return item


_BULLET = re.compile(r"^\s*(?:[•▪◦‣·*–—-]|\d{1,2}[.)])\s+|^\s*[•▪◦‣·]\s*")


def _list_items(content: list[str]) -> list[str]:
    """Entries of a list ("Beslutet skickas till"): bullets and numbering stripped, rules and
    stray markers dropped, an entry wrapped onto a lower-case line joined."""
    out: list[str] = []
    for c in content:
        had_bullet = bool(_BULLET.match(c))
        t = _BULLET.sub("", c).strip(" ,;")
        if not t or re.fullmatch(r"[_\-–.]+", t):
            continue
        if out and not had_bullet and t[:1].islower():
            out[-1] = join_lines([out[-1], t])
            continue
        out.append(t)
    return out


def _votes(text: str) -> list[Vote]:
    votes: list[Vote] = []
    if not may_contain(text, ("röst", "votering")):  # every pattern below needs one of them
        return votes
    # one result sentence per vote: "Votering 1 … 5 ja-röster och 4 nej-röster; 2 avstår"
    for m in re.finditer(r"(?i)\b(\d{1,3})\s+ja-?\s*röster?\b.{0,40}?\b(\d{1,3})\s+nej-?\s*"
                         r"röster?(?:[^.]{0,40}?\b(\d{1,3})\s+(?:(?:ledamöter|ledamot|som)\s+)?(?:avstår|avstod|avstående)"
                         r")?", text):
        votes.append(Vote(yes=int(m[1]), no=int(m[2]), abstain=int(m[3]) if m[3] else None))
    if votes:
        return votes
    m = re.search(r"(?i)\bsumma\s*:?\s+(\d{1,3})\s+(\d{1,3})(?:\s+(\d{1,3}))?\b", text)
    if m and re.search(r"(?i)votering|omröstning", text):
        votes.append(Vote(yes=int(m[1]), no=int(m[2]), abstain=int(m[3]) if m[3] else None))
    elif re.search(r"(?i)\bvotering\s+(?:begärs|genomförs|verkställs)|omröstning\s+begärs", text):
        votes.append(Vote())
    return votes


# --- assembling -----------------------------------------------------------------------------

def build_minutes(lines: list[Line], kind: DocumentKind, whole_text: str, *,
                  ballot_tables: dict[int, _ballots.Table] | None = None,
                  warnings: list[str] | None = None, where: str = "") -> Minutes:
    toc, toc_range = parse_toc(lines)
    sections, first = split_sections(lines, (toc, toc_range))
    pre_lines = [ln.text for k, ln in enumerate(lines[:first])
                 if k not in toc_range and not (ln.furniture and not ln.text.strip())]
    text = _text(lines)
    doc = Minutes(kind=kind)
    doc.body = find_body(text)
    doc.municipality = find_municipality(whole_text)
    doc.meeting = parse_meeting(pre_lines, text)
    # running headers and stray list markers never belong to an attendance entry; a "§ 30"
    # or a "169" wrapped from "§§ 161–162," does
    att: list[str] = []
    for k, ln in enumerate(lines[:first]):
        if k in toc_range:
            continue
        if not ln.furniture or re.match(r"\s*§§?\s*\d", ln.text) or (
                att and re.fullmatch(r"\s*\d{1,4}\s*", ln.text)
                and re.search(r"(?:§§?\s*[\d\s,–-]*[,–-]|§§?)\s*$", att[-1])):
            att.append(ln.text)
    participants = parse_attendance(att)
    if not any(p.role != Role.OTHER for p in participants) and REFERS_TO_ROLL.search("\n".join(att)):
        # "Beslutande: se närvaro- och omröstningslista, bilaga 1" — the list is at the end
        participants = parse_roll_list([ln.text for ln in lines[first:]]) + participants
    _signatures(doc, pre_lines, text, participants)
    reorder_surname_first(participants, text)
    doc.participants = participants
    _fill_signers_from_roles(doc)
    for sec in sections:
        _choose_title(sec, toc)
        doc.items.append(parse_item(sec, doc.body, ballot_tables, warnings, where))
    return doc


def _choose_title(sec: Section, toc: dict[int, str]) -> None:
    t = toc.get(sec.number)
    if not t:
        return
    body = sec.title
    if not body or not title_is_plausible(body):
        sec.title = t
        return
    ratio = difflib.SequenceMatcher(None, body.lower(), t.lower()).ratio()
    if ratio >= 0.85 and len(t) >= 0.8 * len(body) and title_is_plausible(t):
        sec.title = t


_LEADERS = re.compile(r"[…_.]{3,}[…_. ]*|(?:\s*…)+")
_SIGNED_RANGE = re.compile(r"(?i)\s*(?:paragraf(?:er)?\s*:?\s*§*|§§?)\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?\s*$")
# labels a narrow label column wraps, the value standing beside the first part:
# "Justeringens   Stadshuset, 2024-06-14" above "plats och tid"
_WRAPPED_LABELS = ("justeringens plats och tid", "plats och tid för justering",
                   "datum då anslaget sätts upp", "datum då anslaget tas ned",
                   "förvaringsplats för protokollet")


def _join_wrapped_label(head: str, fragment: str) -> str | None:
    """"Justeringens  Stadshuset, 2024-06-14" + "plats och tid" → "Justeringens plats och tid
    Stadshuset, 2024-06-14"; None when ``fragment`` does not end a wrapped label."""
    rest, head = fragment.strip().lower(), head.strip()
    for label in _WRAPPED_LABELS:
        if rest and label.endswith(" " + rest):
            start = label[:-len(rest)].strip()
            if head.lower().startswith(start + " "):
                return label.capitalize() + " " + head[len(start):].strip()
    return None


def _signature_lines(pre: list[str]) -> list[str]:
    """The preamble as signature labels read: "Underskrifter  Sekreterare  ………  Paragrafer
    34–39" becomes "Sekreterare", so that the name on the next line is found."""
    out: list[str] = []
    for t in pre:
        joined = _join_wrapped_label(out[-1], t) if out else None
        if joined:
            out[-1] = joined
            continue
        t = _LEADERS.sub(" ", t)
        t = _SIGNED_RANGE.sub("", t)
        t = re.sub(r"(?i)^\s*underskrift(?:er)?\s*:?\s+(?=\S)", "", t)
        out.append(t.rstrip())
    return out


def _signatures(doc: Minutes, pre: list[str], text: str, participants: list[Participant]) -> None:
    known = [p.name for p in participants]
    pre = _signature_lines(pre)
    pairs = _pairs(pre, known)
    below = _names_below_labels(pre)
    chair = _label_value(pre, r"ordförande|mötesordförande", below=below)
    secretary = _label_value(pre, r"sekreterare|nämndsekreterare|protokollförare", below=below)
    adjusters = _label_value(pre, r"justerare|justerande|utses att justera|protokolljusterare",
                             many=True, below=below)
    doc.chair = chair[0] if chair else (pairs.get("ordförande") or [None])[0]
    doc.secretary = secretary[0] if secretary else (
        (pairs.get("protokollförare") or pairs.get("sekreterare") or [None])[0])
    doc.adjusters = adjusters or pairs.get("justerare", [])
    posted, removed, adjusted, printed = parse_notice(pre + text.split("\n")[-80:])
    sig = _signature_dates(text)
    if adjusted is None and sig:
        adjusted = max(sig)
    doc.notice_posted, doc.notice_removed = posted, removed
    both = _labelled(pre, r"justeringens plats och tid|plats och tid för justering|"
                          r"justering(?:ens)?\s*,?\s*plats och tid", span=1)
    pos = min((p for p, _ in find_dates(both)), default=-1) if both else -1
    if adjusted is None and pos >= 0:
        adjusted = parse_date(both)  # "Justeringens plats och tid  Kommunkansliet 2024-03-15"
    doc.adjusted = adjusted
    doc.adjustment_time = printed if adjusted else None
    if both and pos > 0:
        # "Stadshuset, 2026-03-16 kl. 10.00": the place before the date, the time as printed
        doc.adjustment_place = both[:pos].strip(" ,;") or None
        doc.adjustment_time = both[pos:].strip() or doc.adjustment_time
    else:
        place = _labelled(pre, r"plats för justering|justeringens plats|justeringsplats", span=1)
        doc.adjustment_place = place.strip() if place else None
    kept = _labelled(unwrap_labels(pre), r"förvaringsplats(?: för protokollet)?|"
                                         r"protokollet förvaras(?: hos| på| i)?", span=1)
    doc.minutes_kept_at = kept.strip() if kept else None


def _fill_signers_from_roles(doc: Minutes) -> None:
    by_name = {p.name: p for p in doc.participants}
    if doc.chair is None:
        chairs = [p for p in doc.participants if p.role == Role.CHAIR]
        doc.chair = chairs[0].name if len(chairs) == 1 else None
    # names from signature rows are "Förnamn Efternamn"; keep them as the participants print
    for attr in ("chair", "secretary"):
        v = getattr(doc, attr)
        if v and v not in by_name:
            rev = " ".join(v.split()[::-1])
            if rev in by_name:
                setattr(doc, attr, rev)
