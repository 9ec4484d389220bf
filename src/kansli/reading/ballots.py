"""Named ballots (voteringslista) printed as a grid: "Namn Ja Nej Avstår" and one row per
member with a mark ("x", "X", "1", "✓") in the column of the member's choice.

The text layer loses the columns ("Anna Ek (S) x"), so choices are only read from a PDF, where
pdfplumber gives each word's position: a mark belongs to the header column whose x-centre is
nearest. Only pages whose text shows such a header are opened with pdfplumber. Plain text
input never yields ballots (the mark cannot be placed without guessing); its printed totals are
read as before by :func:`kansli.reading.protocol._votes`.

A list continued over a page break (header repeated on the next page) is one vote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kansli.minutes.model import Ballot, Choice, Vote

from .cleanup import may_contain

# words that may stand before "Ja Nej Avstår" in a header row
_LEAD = {"namn", "ledamot", "ledamöter", "ledamot/ersättare", "parti", "tjänstgörande",
         "ersättare", "ordinarie", "ledamot/tjänstgörande", "röstande", "förnamn", "efternamn"}
_CHOICES = {"ja": Choice.YES, "nej": Choice.NO, "avstår": Choice.ABSTAIN,
            "avstod": Choice.ABSTAIN, "frånvarande": Choice.ABSENT, "frånv": Choice.ABSENT,
            "frånv.": Choice.ABSENT}
_HEADER = re.compile(r"(?i)(?:^|\s)ja\s+nej\s+avst(?:år|od)(?:\s+frånv(?:arande|\.)?)?\s*$")
MARKS = {"x", "X", "1", "✓", "✔", "×", "☒", "✗"}
_TOTALS = re.compile(r"(?i)^\s*(?:summa|totalt|total|antal|resultat)\b")
_PARTY = re.compile(r"\(\s*([A-ZÅÄÖa-zåäö]{1,6})\s*\)?$")
_SERVING = re.compile(r"(?i)\(?\s*(?:tjänstgörande\s+)?ersättare\s+för\s+([^)]+?)\s*\)?\s*$")
_NAME = re.compile(r"^[A-ZÅÄÖÉÜ][\wåäöéüÅÄÖÉÜ'’.-]*(?:\s+(?:af\s+|von\s+|de\s+)?"
                   r"[A-ZÅÄÖÉÜ][\wåäöéüÅÄÖÉÜ'’.-]*){1,4}$")


def is_header(line: str) -> bool:
    """A voteringslista header row: "Namn JA NEJ Avstår", "Ledamot Parti Ja Nej Avstår",
    "Ja Nej Avstår Frånvarande", with or without "Tjänstgörande ersättare"."""
    m = _HEADER.search(line)
    if not m:
        return False
    lead = line[:m.start()].split()
    return len(lead) <= 6 and all(w.lower().strip(":") in _LEAD for w in lead)


def may_have_header(text: str) -> bool:
    """Can any line of ``text`` be a header row? Every header holds "avstår" or "avstod"; a
    cheap test before :func:`is_header` on each line of a page."""
    return may_contain(text, ("avst",))


@dataclass
class Table:
    """One printed list (one page's part of it)."""

    page: int
    rows: list[Ballot] = field(default_factory=list)
    totals: dict[Choice, int] = field(default_factory=dict)  # a printed "Summa" row
    unplaced: list[str] = field(default_factory=list)  # rows whose mark fitted no column


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


def _rows(words: list[_Word]) -> list[list[_Word]]:
    """Words grouped into printed lines by their top (within 3 pt), each sorted left to right."""
    out: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if out and abs(out[-1][0].top - w.top) <= 3:
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in out]


def _header_columns(row: list[_Word]) -> tuple[dict[Choice, float], dict[str, float]] | None:
    text = " ".join(w.text for w in row)
    if not is_header(text):
        return None
    cols: dict[Choice, float] = {}
    other: dict[str, float] = {}
    k = 0
    while k < len(row):
        word = row[k].text.lower().strip(":")
        if word in _CHOICES and _CHOICES[word] not in cols:
            cols[_CHOICES[word]] = row[k].mid
        elif word == "parti":
            other["party"] = row[k].x0
        elif word == "tjänstgörande" and k + 1 < len(row) \
                and row[k + 1].text.lower().startswith("ersättare"):
            other["substitute"] = row[k].x0
            k += 1
        k += 1
    return (cols, other) if {Choice.YES, Choice.NO} <= cols.keys() else None


def _nearest(cols: dict[Choice, float], x: float) -> Choice | None:
    choice, at = min(cols.items(), key=lambda kv: abs(kv[1] - x))
    gaps = sorted(cols.values())
    width = min((b - a for a, b in zip(gaps, gaps[1:], strict=False)), default=40.0)
    return choice if abs(at - x) <= width * 0.75 else None


def _split_name(text: str) -> tuple[str, str | None, str | None]:
    """ "Anna Ek (S)", "Anna Ek (tjänstgörande ersättare för Bo Ek) (S)" → name, party,
    serving_for."""
    serving = None
    text = re.sub(r"\s+", " ", text).strip(" ,")
    party = None
    m = _PARTY.search(text)
    if m:
        party, text = m[1], text[:m.start()].strip(" ,")
    m = _SERVING.search(text)
    if m:
        serving, text = m[1].strip(), text[:m.start()].strip(" ,")
    m = _PARTY.search(text)
    if m and party is None:
        party, text = m[1], text[:m.start()].strip(" ,")
    return text, party, serving


def _join(words: list[str]) -> str:
    """The words of a cell, a double name broken at its hyphen ("Bergström-" above "Lund)")
    joined again."""
    out = ""
    for w in words:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and w[:1].isupper():
            out += w
        else:
            out = f"{out} {w}" if out else w
    return out


@dataclass
class _Row:
    words: list[_Word]
    marks: list[_Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def centre(self) -> float:
        return (min(w.top for w in self.words) + max(w.bottom for w in self.words)) / 2


def _ballot(row: _Row, cols: dict[Choice, float], other: dict[str, float],
            table: Table) -> None:
    sub_x = other.get("substitute")
    party_x = other.get("party")

    def column(w: _Word) -> str:
        starts = sorted((x, key) for key, x in (("party", party_x), ("substitute", sub_x))
                        if x is not None)
        where = "name"
        for x, key in starts:
            if w.x0 >= x - 2:
                where = key
        return where

    parts: dict[str, list[str]] = {"name": [], "party": [], "substitute": []}
    for w in row.words:
        parts[column(w)].append(w.text)
    name, party, serving = _split_name(_join(parts["name"]))
    if parts["party"]:
        party = _join(parts["party"]).strip("() ") or party
    if parts["substitute"]:
        sub, sub_party, _ = _split_name(_join(parts["substitute"]))
        if sub:
            name, serving, party = sub, name, sub_party or party
    if not _NAME.match(name):
        return
    if len(row.marks) != 1:
        if row.marks:
            table.unplaced.append(name)
        return  # no mark (not voting) or several: nothing to record
    choice = _nearest(cols, row.marks[0].mid)
    if choice is None:
        table.unplaced.append(name)
        return
    table.rows.append(Ballot(name=name, choice=choice, party=party, serving_for=serving))


def tables_on_page(page, number: int) -> list[Table]:  # noqa: ANN001 - pdfplumber Page
    """Every voteringslista on one pdfplumber page, top to bottom.

    A member's name may wrap onto a second line (an open parenthesis, or a line starting in
    lower case, continues it); each mark belongs to the row whose vertical centre is nearest
    (a mark is often centred between the two lines of a wrapped name)."""
    words = [_Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]),
                   float(w["bottom"]))
             for w in page.extract_words(keep_blank_chars=False)]
    out: list[Table] = []
    state: dict = {}

    def close() -> None:
        table, rows, marks = state.get("table"), state.get("rows", []), state.get("marks", [])
        if table is not None:
            for m in marks:
                if rows:
                    mid = (m.top + m.bottom) / 2
                    min(rows, key=lambda r: abs(r.centre - mid)).marks.append(m)
            for r in rows:
                _ballot(r, state["cols"], state["other"], table)
        state.clear()

    for line in _rows(words):
        head = _header_columns(line)
        if head:
            close()
            table = Table(page=number)
            out.append(table)
            state.update(table=table, cols=head[0], other=head[1], rows=[], marks=[])
            continue
        table = state.get("table")
        if table is None:
            continue
        cols = state["cols"]
        first_col = min(cols.values()) - 0.3 * _col_width(cols)  # names end here
        marks = [w for w in line if w.text in MARKS and w.mid >= first_col]
        rest = [w for w in line if w not in marks]
        text = " ".join(w.text for w in rest)
        if _TOTALS.match(text):
            for w in rest:
                if w.text.isdigit() and w.mid >= first_col:
                    c = _nearest(cols, w.mid)
                    if c is not None:
                        table.totals[c] = int(w.text)
            close()  # the sum row ends the list
            continue
        if rest:
            if any(w.x1 > first_col + 2 for w in rest):
                close()  # a line that is no row ends the list
                continue
            rows: list[_Row] = state["rows"]
            prev = rows[-1].text if rows else ""
            if rows and (prev.count("(") > prev.count(")") or text[:1].islower()):
                rows[-1].words.extend(rest)
            elif _opens_row(text) or _opens_row(_name_column(rest, state["other"])):
                # the second test for a list with a Parti column: "Eva Ruud (tjänstgörande
                # ersättare för Per Hassan)" is a name only without the "MP" beside it
                rows.append(_Row(rest))
            else:
                close()
                continue
        state["marks"].extend(marks)
    close()
    return out


def _opens_row(text: str) -> bool:
    """Does a line of a list open a member's row: a name ("Anna Ek (S)", "Eva Ruud
    (tjänstgörande ersättare för Per Hassan)"), or a name that wraps onto the next line?"""
    return bool(_NAME.match(_split_name(text)[0])) or text.count("(") > text.count(")")


def _name_column(words: list[_Word], other: dict[str, float]) -> str:
    """The words of a row left of the list's Parti or Tjänstgörande ersättare column."""
    starts = [x for x in other.values() if x is not None]
    if not starts:
        return " ".join(w.text for w in words)
    edge = min(starts) - 2
    return " ".join(w.text for w in words if w.x0 < edge)


def _col_width(cols: dict[Choice, float]) -> float:
    xs = sorted(cols.values())
    return min((b - a for a, b in zip(xs, xs[1:], strict=False)), default=40.0)


def tables_from_pdf(path: str, pages: list[int]) -> dict[int, list[Table]]:
    """The lists on the given (1-based) pages of a PDF; a page pdfplumber cannot read has
    none."""
    if not pages:
        return {}
    import pdfplumber

    out: dict[int, list[Table]] = {}
    try:
        with pdfplumber.open(path) as pdf:
            for n in pages:
                if not 1 <= n <= len(pdf.pages):
                    continue
                try:
                    found = tables_on_page(pdf.pages[n - 1], n)
                except Exception:  # noqa: BLE001 - a page that cannot be measured has no ballots
                    found = []
                if found:
                    out[n] = found
                pdf.pages[n - 1].close()
    except Exception:  # noqa: BLE001 - pdfium read the file; ballots are a bonus
        return out
    return out


_ROW_TEXT = re.compile(r"^[A-ZÅÄÖÉÜ][^.:;!?§\d]{0,80}$")


def _row_like(text: str) -> bool:
    """A line of a list in the text layer: a name row (with or without its mark), a wrapped
    name, a sum row."""
    t = text.strip()
    if not t or _TOTALS.match(t):
        return True
    words = t.split()
    if words[-1] in MARKS:
        words = words[:-1]
    t = " ".join(words)
    return bool(_ROW_TEXT.match(t)) and len(words) <= 10 or t.endswith(")")


def votes_from_lines(lines: list, tables: dict[int, Table]) -> list[Vote]:
    """The lists of one § → votes. ``lines`` are the § lines (``cleanup.Line``), ``tables``
    maps ``id(line)`` of a header line to the list read there. A header repeated on the next
    page, with only list rows and page furniture since the previous header, continues the
    same vote."""
    votes: list[Vote] = []
    prev: Table | None = None
    between: list[str] = []
    for ln in lines:
        t = tables.get(id(ln))
        if t is None:
            if not ln.furniture:
                between.append(ln.text)
            continue
        if not t.rows and not t.totals:
            continue
        continued = prev is not None and t.page == prev.page + 1 and \
            (not prev.totals or not t.totals or prev.totals == t.totals) and \
            all(_row_like(x) for x in between)
        if continued:
            vote = votes[-1]
        else:
            vote = Vote()
            votes.append(vote)
        vote.ballots.extend(t.rows)
        if t.totals:
            vote.yes = t.totals.get(Choice.YES)
            vote.no = t.totals.get(Choice.NO)
            vote.abstain = t.totals.get(Choice.ABSTAIN)
            vote.absent = t.totals.get(Choice.ABSENT)
        prev = t
        between = []
    return votes


def merge_votes(printed: list[Vote], counted: list[Vote], where: str,
                warnings: list[str]) -> list[Vote]:
    """Pair the votes read from the text (totals, wording) with the lists, in order. Totals
    missing in print are counted from the ballots; printed totals that disagree with the
    ballots are kept, with a warning."""
    out = list(printed)
    for k, c in enumerate(counted):
        if k < len(out):
            v = out[k]
            v.ballots = c.ballots
            for attr in ("yes", "no", "abstain", "absent"):
                if getattr(v, attr) is None and getattr(c, attr) is not None:
                    setattr(v, attr, getattr(c, attr))
        else:
            v = c
            out.append(v)
        if not v.ballots:
            continue
        counts = {Choice.YES: 0, Choice.NO: 0, Choice.ABSTAIN: 0, Choice.ABSENT: 0}
        for b in v.ballots:
            counts[b.choice] += 1
        wrong = []
        for attr, choice, label in (("yes", Choice.YES, "ja"), ("no", Choice.NO, "nej"),
                                    ("abstain", Choice.ABSTAIN, "avstår")):
            have = getattr(v, attr)
            if have is None:
                setattr(v, attr, counts[choice])
            elif have != counts[choice]:
                wrong.append(f"{label} {have} tryckt, {counts[choice]} räknade")
        if v.absent is None and counts[Choice.ABSENT]:
            v.absent = counts[Choice.ABSENT]
        if wrong:
            warnings.append(
                f"{where}: voteringslistans namn stämmer inte med de tryckta summorna "
                f"({'; '.join(wrong)}); de tryckta summorna behålls, kontrollera mot PDF:en.")
    return out
