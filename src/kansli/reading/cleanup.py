"""Page furniture removal, dehyphenation and lost-ligature repair.

Works on :class:`Line` lists so that every line keeps its page number. Furniture is found two
ways: by the shapes every Swedish protokoll shares (page numbers "Sida 3 av 15", "7[15]",
"7 (15)", "Blad 2"; signature boxes "Justerandes sign", "Utdragsbestyrkande"; e-signature
references), and by repetition: a line that recurs on many pages (digits ignored) is a running
header or footer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


@dataclass
class Line:
    text: str
    page: int
    furniture: bool = False


_PAGE_NO = (
    r"(?:sida|sid\.?|blad|page)\s*\d+\s*(?:\(\s*\d+\s*\)|av\s*\d+|/\s*\d+|\[\s*\d+\s*\])?"
    r"|\d+\s*(?:\(\s*\d+\s*\)|\[\s*\d+\s*\]|/\s*\d+|av\s*\d+)"
    r"|\d{1,3}|sida|sid"
)
# The shapes of furniture, each matched against the whole line (case-insensitive)
_FURNITURE_SHAPES = [
    rf"(?:{_PAGE_NO})",
    r"(?:justerandes?|justerares|ordförandes|sekreterarens|sign(?:atur)?|utdragsbestyrkande)"
    r"(?:\s*(?:sign(?:atur)?|signaturer|:|/|,|och|datum|ordförande|justerare|justerande|"
    r"utdragsbestyrkande))*\s*:?",
    r"signaturer\s*:.*",
    r"comfact signature.*",
    r"mailto:\S+|https?://\S+|www\.\S+",
    r"(?:postadress|besöksadress|adress|besök|telefon|tfn|tel|e-post|epost|webb|hemsida|"
    r"org\.?\s*nr|organisationsnummer|bankgiro|plusgiro|fax|medborgarcenter|kontaktcenter)"
    r"\b.*(?:\d{3}|@|www|\.se\b|\.fi\b).*",
    r"(?:\S+\s+)?(?:protokoll|sammanträdesprotokoll|protokollsutdrag|kallelse|tjänsteskrivelse|"
    r"tjänsteutlåtande|ordförandeförslag|föredragningslista)"
    r"(?:/föredragningslista)?\s+(?:sida\s*)?\d+\s*(?:\(\s*\d+\s*\)|\[\s*\d+\s*\]|av\s*\d+)\s*",
    r"_{3,}|-{3,}|\.{5,}|sammanträdesdatum\s+paragraf|\d{1,4}\s*§|§\s*\d{1,4}",
    r"\[?innehållsförteckning\]?",
    # a § continued on the next page: "Ks § 35 (forts.)", "§ 35 forts", "forts. § 35"
    r"(?:\S{1,12}\s+)?§\s*\d{1,4}\s*\(?\s*forts(?:\.|ättning)?\s*\)?"
    r"|\(?forts(?:\.|ättning)?\)?\s*(?:\S{1,12}\s+)?§\s*\d{1,4}",
    r"se protokollets sista sida för (?:digitala )?signaturer\.?",
    r"protokollet har signerats digitalt.*",
    r"dokumentet har undertecknats elektroniskt.*",
]
# shapes that may start anywhere in the line ("Bankgiro 123-4567", "… Referensnummer: AB-12"):
# the regex engine tries them from every character, so each is tried only on a line that holds
# one of its words (lower case; see may_contain)
_FURNITURE_ANYWHERE = [
    (("utdragsbestyrkande",), r".*utdragsbestyrkande\s*:\s*datum och signatur.*"),
    (("referensnummer",), r".*referensnummer\s*:\s*[\w-]+\s*"),
    (("org", "bankgiro", "postgiro"), r".*\b(?:org\.?\s*nr|bankgiro|postgiro)\b.*\d{4}.*"),
]


def _whole_line(shapes: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?i)^\s*(?:" + "|".join(shapes) + r")\s*$")


#: Every shape of page furniture in one pattern (what :func:`is_furniture` tests).
FURNITURE = _whole_line(_FURNITURE_SHAPES + [p for _, p in _FURNITURE_ANYWHERE])
_FURNITURE_AT_START = _whole_line(_FURNITURE_SHAPES)
_FURNITURE_LOOKING = [_whole_line([p]) for _, p in _FURNITURE_ANYWHERE]
_FURNITURE_WORDS = tuple(w for words, _ in _FURNITURE_ANYWHERE for w in words)


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """Can a case-insensitive pattern that needs one of ``words`` (lower case) match
    ``text``? A cheap test before the pattern itself. (?i) lets "ſ", "ı" and "İ" stand for s
    and i, which str.lower() does not: a line with one of them is always tried in full."""
    low = text.lower()
    for w in words:
        if w in low:
            return True
    return "\u017f" in text or "\u0131" in text or "\u0130" in text


def is_furniture(text: str) -> bool:
    """Same as ``FURNITURE.match(text)``, about three times faster."""
    if _FURNITURE_AT_START.match(text):
        return True
    return may_contain(text, _FURNITURE_WORDS) and any(p.match(text) for p in _FURNITURE_LOOKING)


_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")


# "§ 29", "§§ 28–30", "29 §", "(forts.)", or a lone "§" whose number wrapped onto the next line
_REF_AT = re.compile(r"\S\s+§|\d\s*§\s*$")
_TRAILING_REF = re.compile(r"\s*(?:§§?\s*[\d\s,–-]*|\d{1,4}\s*§|\(?forts\.?\)?)+\s*$")


def _key(text: str) -> str:
    """A line with its digits and a trailing § reference dropped: a running header reads the
    same on a page with § 28, with § 29 and with none."""
    key = _TRAILING_REF.sub("", text) if "§" in text and _REF_AT.search(text) else text
    # " ".join(s.split()) is _WS.sub(" ", s).strip(): \s and str.split() agree on spaces
    return " ".join(_DIGITS.sub("#", key).split()).lower()


# labels that recur in every § and must never be taken for running headers
_KEEP = re.compile(
    r"(?i)^\s*(?:beslut|sammanfattning|förslag till beslut|beslutsunderlag|yrkanden?|"
    r"ärendet|bakgrund|reservation(?:er)?|protokollsanteckning(?:ar)?|särskilt yttrande|"
    r"yttrande|överläggning|propositionsordning|beslutsgång|omröstning|votering|jäv|"
    r"beslutet skickas till|beslutet ska skickas till|expedieras till|beslut till|"
    r"expediering|.*s beslut:?|förslag:?|beredning:.*|namn ja nej avstår|.*§.*|"
    r"ordförande|sekreterare|justerare|justerande|ledamöter|ersättare|\d+\.?"
    r"|(?:dnr|diarienummer|diarienr|ärendenummer)\b.*)\s*$"
)
# a running header naming the § of the page: "Nämnden Sammanträdesdatum 2026-03-09 § 29",
# "Kommunstyrelsen 2021-05-25 § 4 (forts.)" — furniture when it repeats (digits ignored)
_RUNNING_SECTION = re.compile(
    r"(?i)^.*(?:(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\s+[a-zåäö]+\s+(?:19|20)\d{2}|"
    r"\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})\s*,?\s*(?:§§?\s*[\d\s,–-]*|\d{1,4}\s*§)"
    r"(?:\s*\(?forts\.?\)?)?\s*$"
    # the § before the date, as OCR reads a header laid out in a row: "Protokoll 5 § 30.01.2023 Sida"
    r"|^\S.*?\s\d{1,4}\s*§\s+(?:(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})"
    r"(?:\s+\S+){0,2}\s*$")
# list markers printed apart from their text ("•", "1.") carry nothing
_BARE_MARKER = re.compile(r"^\s*(?:[•▪◦‣·*–—-]|\d{1,2}[.)])\s*$")


def mark_furniture(lines: list[Line], pages: int) -> None:
    """Flag running headers/footers, page numbers and signature boxes in place."""
    by_page: dict[int, list[Line]] = {}  # the non-blank lines of each page
    for ln in lines:
        t = ln.text
        if not t.strip():
            ln.furniture = True
            continue
        by_page.setdefault(ln.page, []).append(ln)
        if is_furniture(t) or _BARE_MARKER.match(t):
            ln.furniture = True
    per_key: dict[str, set[int]] = {}
    # where on its page each line sits: running headers and footers keep to an edge of the
    # page, at the same distance from it, while text that merely repeats moves about
    place: dict[str, list[tuple[int, int]]] = {}
    keys: dict[int, str] = {}
    for page_lines in by_page.values():
        n = len(page_lines)
        for k, ln in enumerate(page_lines):
            if ln.furniture:
                continue
            key = _key(ln.text)
            keys[id(ln)] = key
            if len(key) < 4 or len(key) > 140:
                continue
            per_key.setdefault(key, set()).add(ln.page)
            place.setdefault(key, []).append((k, n - 1 - k))
    if pages >= 2:
        # on two pages a header is on both, at the same distance from the edge
        threshold = max(3, int(pages * 0.3)) if pages >= 3 else 2
        repeated = {k for k, ps in per_key.items() if len(ps) >= threshold and _at_edge(place[k])
                    and (pages >= 3 or _same_place(place[k]))}
    else:
        # one long text without page breaks: letterhead lines that recur many times, and a
        # short line with a date printed the same way four times or more ("Kommunstyrelsen
        # 2024-03-12", the running header of every page)
        repeated = {k for k, at in place.items()  # one place per occurrence
                    if len(at) >= 4 and len(re.findall(r"[a-zåäöé]{2,}", k)) >= 3}
        same = Counter(" ".join(ln.text.split()) for ln in lines if not ln.furniture)
        repeated |= {keys[id(ln)] for ln in lines if id(ln) in keys
                     and same[" ".join(ln.text.split())] >= 4 and _DATED_HEADER.match(ln.text)
                     and _HEADER_WORD.search(ln.text)}
    if not repeated:
        return
    for ln in lines:
        if not ln.furniture and keys.get(id(ln)) in repeated and not _SENTENCE.match(ln.text) and (
                not _KEEP.match(ln.text) or _RUNNING_SECTION.match(ln.text)):
            ln.furniture = True


# what a running header names: the body, or the document ("Sammanträdesprotokoll 2024-03-12")
_HEADER_WORD = re.compile(r"(?i)nämnd|styrelse|fullmäktige|utskott|beredning|direktion|"
                          r"protokoll|sammanträde|kallelse")
_DATED_HEADER = re.compile(r"^\s*(?:[A-ZÅÄÖ][\w-]*\s+){1,5}(?:(?:19|20)\d{2}-\d{2}-\d{2}|"
                           r"\d{1,2}\s+[a-zåäö]+\s+(?:19|20)\d{2})\s*$")
# a sentence ("Omröstningen utfaller med 5 ja-röster och 0 nej-röster.") is text, not a header
_SENTENCE = re.compile(r"^\s*[A-ZÅÄÖ]\S*(?:\s+\S+){2,}[.!?]\s*$")


def _same_place(places: list[tuple[int, int]]) -> bool:
    """Every occurrence the same number of lines from the top, or from the bottom, of its page."""
    return len({t for t, _ in places}) == 1 or len({b for _, b in places}) == 1


def _at_edge(places: list[tuple[int, int]]) -> bool:
    """Most occurrences within the first or last four lines of their page, at a steady
    distance from that edge."""
    near = sum(1 for top, bottom in places if min(top, bottom) <= 3)
    if near * 3 < len(places) * 2:
        return False
    top = Counter(t for t, _ in places).most_common(1)[0][1]
    bottom = Counter(b for _, b in places).most_common(1)[0][1]
    return max(top, bottom) * 2 >= len(places)


# --- dehyphenation ---------------------------------------------------------------------------

_CONJ = re.compile(r"^(?:och|eller|samt|resp|respektive|som|till|el|o|&)\b")


def join_lines(lines: list[str]) -> str:
    """Join text lines into running text, undoing end-of-line hyphenation ("verksamhets-" +
    "berättelsen") but keeping compound ellipses ("hälso- och sjukvård")."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and out[-1].endswith("-") and len(out[-1]) > 1 and out[-1][-2].isalpha():
            if line[:1].islower() and not _CONJ.match(line):
                out[-1] = out[-1][:-1] + line
                continue
            out[-1] = out[-1] + " " + line
            continue
        if out:
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return " ".join(out)


def dehyphenate(text: str) -> str:
    """Join words split over lines inside a block of text, keeping the line structure."""
    return re.sub(
        r"(?<=[a-zåäöé])-\n[ \t]*(?=[a-zåäöé])(?!(?:och|eller|samt|respektive)\b)", "", text
    )


# --- lost ligatures --------------------------------------------------------------------------

@cache
def _vocab() -> frozenset[str]:
    words: set[str] = set()
    for name in ("data/sv_words.txt", "data/sv_given_names.txt"):
        data = resources.files(__package__).joinpath(name).read_text("utf-8")
        words.update(line for line in data.splitlines() if line and not line.startswith("#"))
    return frozenset(words)


_INSERTS = {"f": ("i", "l", "t", "f"), "t": ("i", "t")}
_TOKEN = re.compile(r"[A-Za-zÅÄÖåäöé]{3,}")


# a bounded memory of words already looked at: the same across files, and it never grows
# with the number of files read
@lru_cache(maxsize=1 << 14)
def _repair_word(word: str) -> str:
    vocab = _vocab()
    low = word.lower()
    if low in vocab or ("f" not in low and "t" not in low):
        return word
    cands = [low]
    for _ in range(2 if len(low) <= 12 else 1):
        nxt = []
        for c in cands:
            for i, ch in enumerate(c):
                for ins in _INSERTS.get(ch, ()):
                    cand = c[: i + 1] + ins + c[i + 1:]
                    if cand in vocab:
                        return _recase(word, cand)
                    nxt.append(cand)
        cands = nxt[:200]
    return word


def _recase(orig: str, fixed: str) -> str:
    if orig.isupper():
        return fixed.upper()
    if orig[:1].isupper():
        return fixed[:1].upper() + fixed[1:]
    return fixed


def repair_ligatures(text: str) -> str:
    """Restore letters lost with "ti", "tt", "fi", "fl", "ft", "ff" ligatures ("Martn" →
    "Martin", "efer" → "efter") when exactly the repaired word is a known Swedish word."""
    fixes: dict[str, str] = {}
    for word in set(_TOKEN.findall(text)):  # each distinct word once; most need no repair
        fixed = _repair_word(word)
        if fixed != word:
            fixes[word] = fixed
    if not fixes:
        return text
    return _TOKEN.sub(lambda m: fixes.get(m[0], m[0]), text)
