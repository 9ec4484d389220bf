"""Swedish words for full-text search, without Django: tokens, stems, stop words, the reading of a
search string, and highlighted snippets.

PostgreSQL stems with its ``swedish`` text search configuration, which is the Snowball Swedish
algorithm with the Snowball stop-word list. On SQLite the same algorithm (PyStemmer) and the same
list run here in Python, both on the indexed text and on the search string, so "förskolorna"
finds "förskola" on either database.

A search string is read like PostgreSQL's ``websearch_to_tsquery``: words are all required,
``"a phrase"`` must stand together, ``or`` between two words accepts either, ``-word`` excludes.
Nothing in it is ever syntax for the database: every word becomes a quoted stem.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import Stemmer

#: Longest search string read; the rest is cut off (the page says so).
MAX_QUERY_LENGTH = 300
#: At most this many words of a search string are used.
MAX_QUERY_TERMS = 24

#: Markers that PostgreSQL's ts_headline puts around a hit. Private-use characters never occur in
#: indexed text (:func:`clean` removes them), so after escaping they can only be ours.
HIT_START = "\ue000"
HIT_END = "\ue001"

_TOKEN = re.compile(r"[^\W_]+")
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


@cache
def stop_words() -> frozenset[str]:
    data = resources.files("kansli.search").joinpath("data/swedish_stop.txt").read_text("utf-8")
    return frozenset(w.strip() for w in data.splitlines() if w.strip() and not w.startswith("#"))


def clean(text: str | None) -> str:
    """Text as it is indexed and shown: NFC, without control and private-use characters."""
    if not text:
        return ""
    return _UNWANTED.sub(" ", unicodedata.normalize("NFC", text))


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower case (letters and digits; everything else separates)."""
    return [t.lower() for t in _TOKEN.findall(clean(text))]


def stems(words: list[str]) -> list[str]:
    """Snowball Swedish stems of ``words`` (lower case), stop words left out."""
    stop = stop_words()
    kept = [w for w in words if w not in stop]
    return _stemmer().stemWords(kept) if kept else []


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def index_text(text: str | None) -> str:
    """``text`` as the SQLite index stores it: its stems separated by spaces."""
    return " ".join(stems(tokens(text or "")))


# --- the search string ----------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """Words that must stand together: their stems, and the text they were read from (which
    PostgreSQL parses itself, so that e.g. ``VON/2026:00012`` is read as its index reads it)."""

    stems: tuple[str, ...]
    raw: str = field(default="", compare=False)


@dataclass
class Query:
    """A search string read: every clause must match; a clause matches if one of its phrases
    does; no ``excluded`` phrase may match."""

    text: str
    clauses: list[list[Phrase]] = field(default_factory=list)
    excluded: list[Phrase] = field(default_factory=list)
    truncated: bool = False

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def highlight_stems(self) -> frozenset[str]:
        return frozenset(s for clause in self.clauses for phrase in clause for s in phrase.stems)

    def fts5(self) -> str:
        """An FTS5 MATCH expression. Stems are letters and digits only, each in double quotes,
        so no character of the search string can act as FTS5 syntax."""

        def quoted(phrase: Phrase) -> str:
            return '"' + " ".join(s.replace('"', '""') for s in phrase.stems) + '"'

        expression = " AND ".join(
            "(" + " OR ".join(quoted(p) for p in clause) + ")" for clause in self.clauses
        )
        if self.excluded:
            expression = f"({expression}) NOT ({' OR '.join(quoted(p) for p in self.excluded)})"
        return expression


@dataclass
class _Item:
    raw: str
    negated: bool = False
    is_or: bool = False


def _items(text: str) -> list[_Item]:
    items: list[_Item] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = False
        if text[i] == "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            items.append(_Item(text[i + 1 : end], negated))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        chunk = text[start:i]
        if not negated and chunk.lower() == "or":
            items.append(_Item("", is_or=True))
        else:
            items.append(_Item(chunk, negated))
    return items


def parse_query(text: str | None) -> Query:
    """Read a search string the way ``websearch_to_tsquery`` does (see the module docstring).

    Never fails: quotes without a partner, lone operators, SQL or HTML are words or nothing.
    """
    raw = clean(text).strip()
    query = Query(text=raw[:MAX_QUERY_LENGTH], truncated=len(raw) > MAX_QUERY_LENGTH)
    pending_or = False
    terms = 0
    for item in _items(query.text):
        if item.is_or:
            pending_or = bool(query.clauses)
            continue
        phrase = Phrase(tuple(stems(tokens(item.raw))), item.raw)
        if not phrase.stems or terms >= MAX_QUERY_TERMS:
            continue
        terms += len(phrase.stems)
        if item.negated:
            query.excluded.append(phrase)
        elif pending_or:
            query.clauses[-1].append(phrase)
        else:
            query.clauses.append([phrase])
        pending_or = False
    return query


# --- highlighting -----------------------------------------------------------------------------


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    at = 0
    for start, end in spans:
        out.append(html.escape(text[at:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _hits(text: str, wanted: frozenset[str]) -> tuple[list[re.Match[str]], list[bool]]:
    """The words of ``text`` and, for each, whether its stem is wanted. A Swedish Snowball stem
    is a prefix of its word, so only words starting with a wanted stem are stemmed."""
    words = list(_TOKEN.finditer(text))
    prefixes = tuple(wanted)
    hit = [False] * len(words)
    if not prefixes:
        return words, hit
    stop = stop_words()
    candidates = [
        (i, w) for i, w in enumerate(m.group().lower() for m in words) if w.startswith(prefixes) and w not in stop
    ]
    if candidates:
        stemmed = _stemmer().stemWords([w for _, w in candidates])
        for (i, _), s in zip(candidates, stemmed, strict=True):
            hit[i] = s in wanted
    return words, hit


def highlight_all(text: str | None, wanted: frozenset[str]) -> str:
    """All of ``text`` as escaped HTML, words whose stem is wanted in ``<mark>``."""
    text = clean(text)
    if not wanted:
        return html.escape(text)
    words, hit = _hits(text, wanted)
    return _marked(text, [m.span() for m, h in zip(words, hit, strict=True) if h])


def snippet(text: str | None, wanted: frozenset[str], words_around: int = 30) -> str:
    """A passage of about ``words_around`` words of ``text`` where most wanted stems occur, as
    escaped HTML with the hits in ``<mark>``; the start of the text when nothing matches."""
    text = clean(text)
    if not text:
        return ""
    words, hit = _hits(text, wanted)
    if not words:
        return html.escape(text[:200])
    best, best_score = 0, (-1, -1)
    positions = [i for i, h in enumerate(hit) if h]
    for first in positions or [0]:
        start = max(0, first - 3)
        window = range(start, min(len(words), start + words_around))
        found = {words[i].group().lower() for i in window if hit[i]}
        score = (len({stem(w) for w in found}), sum(1 for i in window if hit[i]))
        if score > best_score:
            best, best_score = start, score
    last = min(len(words), best + words_around) - 1
    begin = 0 if best == 0 else words[best].start()
    end = len(text) if last == len(words) - 1 else words[last].end()
    spans = [
        (words[i].start() - begin, words[i].end() - begin)
        for i in range(best, last + 1)
        if hit[i]
    ]
    body = _marked(text[begin:end], spans).strip()
    return ("… " if begin > 0 else "") + body + (" …" if end < len(text) else "")


def headline_html(headline: str | None) -> str:
    """A PostgreSQL ts_headline result (hits between :data:`HIT_START` and :data:`HIT_END`) as
    escaped HTML with the hits in ``<mark>``: the text itself is never markup."""
    escaped = html.escape(headline or "")
    return escaped.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>")
