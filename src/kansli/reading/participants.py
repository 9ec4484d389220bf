"""Attendance: who took part, for which party, in what role, for which §§, on site or remote.

Understands labelled blocks ("Beslutande", "Ledamöter", "Tjänstgörande ersättare",
"Ersättare", "Övriga deltagare/närvarande"), entries "Namn (Parti), roll §§ 29-39, deltar
digitalt", "Namn, Parti", comma lists "A (S), B (M) och C (V)", multi-line entries, and the
Finland-Swedish check-box lists "[X] Efternamn Förnamn, ordförande  [ ] Efternamn Förnamn".
"""

from __future__ import annotations

import re

from kansli.minutes.model import ParagraphRange, Participant, Role

PARTIES = {
    "S", "M", "SD", "C", "V", "KD", "L", "MP", "FP", "TUP", "HP", "DP", "SPI", "ÖP", "NS", "LPO",
    "KV", "SKP", "FI", "PP", "BA", "OP", "MED", "AFS", "RL", "SVP", "LP", "VF", "SLP", "KIP",
}
_NAME_WORD = r"(?:[A-ZÅÄÖÉÜ][a-zåäöéüøæáíóúëïA-ZÅÄÖ'’\-]+|von|van|af|de|da|del|el|al|bin|El|Al)"
NAME = rf"(?<![\w]){_NAME_WORD}(?:[ \-]{_NAME_WORD}){{1,4}}"
# "Namn (S)", "Namn (KD," (closing parenthesis lost)
WITH_PARTY = re.compile(rf"({NAME})\s*\(\s*([A-ZÅÄÖa-zåäö]{{1,6}})\s*(?:\)|,|(?=\s))")
# "Namn, S," / "Namn, S" at the end
COMMA_PARTY = re.compile(rf"({NAME}),\s*([A-ZÅÄÖ]{{1,4}})\b(?![a-zåäö])")

ROLE_LABELS = [
    (re.compile(r"(?i)^\s*(?:närvarande\s+)?(?:ej|icke|inte)[\s-]*tjänstgörande\s+ersättare"
                r"|^\s*närvarande\s+ej\s+tjänst-?\s*$|^\s*görande\s+ersättare\b"), Role.SUBSTITUTE),
    (re.compile(r"(?i)^\s*tjänstgörande\s+ersättare\b|^\s*tjänstgörande\s*$"), Role.SERVING_SUBSTITUTE),
    (re.compile(r"(?i)^\s*(?:närvarande\s+)?ersättare\b|^\s*ersätare\b"), Role.SUBSTITUTE),
    (re.compile(r"(?i)^\s*(?:beslutande(?:\s+ledamöter)?|(?:närvarande\s+)?ledamöter|"
                r"ordinarie\s+ledamöter)\b"), Role.MEMBER),
    (re.compile(r"(?i)^\s*(?:övriga\s+(?:deltagare|närvarande|deltagande|närvarande\s+tjänstemän)"
                r"|närvarande\s+tjänstemän|tjänstemän|tjänstepersoner|övriga|"
                r"närvarande\s+övriga|sakkunniga)\b"), Role.OTHER),
]
END_LABELS = re.compile(
    r"(?i)^\s*(?:utses att justera|justerare|justerande|justering|justeringens|paragrafer|"
    r"underskrifter|sekreterare|anslag|bevis|plats och tid|datum och tid|sammanträdesdatum|"
    r"ordförande\s*:|frånvarande|innehåll|ärenden|ärendelista|elektroniska underskrif|"
    r"elektronisk protokolljustering|§\s*\d{1,4}(?:\s*/\s*\d{4})?\s+[A-ZÅÄÖ]|"
    r"\d+\s*§|protokollet|signaturer|organ\b|"
    r"\[?innehållsförteckning|ärende för beslut|ärenden\b|dagordning)"
)

# the justering block ends the attendance even when it names someone with a party:
# "Utses att justera  Petra Lindholm (M)"
_SIGNING_LABELS = re.compile(
    r"(?i)^\s*(?:utses att justera|justerare\b|justerande\b|justeringens|underskrifter|"
    r"anslag\s*/\s*bevis)")

# "ordförande" and its abbreviations "ordf." / "ordf", "vice" and "v."
_CHAIR = r"(?:ordförande\b|ordf\b\.?)"
_VICE = r"(?:vice|v\.)"

_ROLE_IN_TEXT = [
    (re.compile(rf"(?i)\b(?:1:?\s*e|första|förste|1\.)\s*{_VICE}\s*{_CHAIR}"), Role.FIRST_VICE_CHAIR),
    (re.compile(rf"(?i)\b(?:2:?\s*e|andra|andre|2\.)\s*{_VICE}\s*{_CHAIR}"), Role.SECOND_VICE_CHAIR),
    (re.compile(rf"(?i)\b{_VICE}\s*{_CHAIR}|\bviceordförande"), Role.FIRST_VICE_CHAIR),
    (re.compile(rf"(?i)\b(?:tf\.?\s*|t\.f\.\s*)?{_CHAIR}"), Role.CHAIR),
    (re.compile(r"(?i)\btjänstgörande\s+ersättare|\btjg\.?\s*ers|\bersättare\s+för\b|\bers\.?\s+för\b|"
                r"\btjänstgör\b|\bersätter\b|\bi stället för\b|\bistället för\b"),
     Role.SERVING_SUBSTITUTE),
    (re.compile(r"(?i)\bledamot\b"), Role.MEMBER),
    (re.compile(r"(?i)\bersättare\b"), Role.SUBSTITUTE),
]
_SERVING_FOR = re.compile(
    rf"(?i)(?:ersättare\s+för|tjänstgör\s+för|tjänstgörande\s+för|ersätter|i\s*stället\s+för|"
    rf"för)\s+({NAME})"
)
_REMOTE = re.compile(r"(?i)\b(?:deltar\s+(?:digitalt|på\s+distans|via\s+\w+)|digitalt|distans|"
                     r"på\s+distans|via\s+(?:teams|videolänk|zoom|länk))\b")
_ONSITE = re.compile(r"(?i)\b(?:på\s+plats|deltar\s+på\s+plats|fysiskt)\b")


_ONLY_NAME = re.compile(rf"{NAME}")


def role_label(text: str) -> Role | None:
    for pat, role in ROLE_LABELS:
        if pat.match(text):
            return role
    return None


def _after_label(text: str) -> str:
    """What follows the role label that starts ``text`` ("Ledamöter: Anna Ek (S)" → "Anna Ek (S)")."""
    for pat, _ in ROLE_LABELS:
        m = pat.match(text)
        if m:
            return text[m.end():].strip().lstrip(":").strip()
    return text.strip()


_PARA_LIST = re.compile(
    r"(?<![\d.:])(?:§§?\s*(?P<a>\d{1,4}(?:\s*(?:[-–—]|,|och|samt)\s*\d{1,4})*)"
    r"|(?P<b>\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)\s*§§?)(?![\d:]|\.\d)"
)


def _ranges(text: str) -> list[ParagraphRange]:
    """"§§ 29-39", "§ 28", "§§ 31-33", "§ 42 och 43", "28 §" → ranges."""
    out: list[ParagraphRange] = []
    for m in _PARA_LIST.finditer(text):
        spec = m["a"] or m["b"]
        for part in re.split(r"\s*(?:,|och|samt)\s*", spec):
            nums = [int(x) for x in re.findall(r"\d+", part)]
            if not nums:
                continue
            first, last = nums[0], nums[-1]
            if first <= last:
                out.append(ParagraphRange(first, last))
    return out


def _apply_descriptor(p: Participant, desc: str, default: Role) -> None:
    p.role = default
    for pat, role in _ROLE_IN_TEXT:
        if pat.search(desc):
            if role == Role.SUBSTITUTE and default in (Role.MEMBER, Role.SERVING_SUBSTITUTE) \
                    and _SERVING_FOR.search(desc):
                role = Role.SERVING_SUBSTITUTE
            if role == Role.MEMBER and default == Role.SERVING_SUBSTITUTE:
                role = default
            if default == Role.OTHER and role != Role.CHAIR:
                break
            if default == Role.OTHER:
                break
            p.role = role
            break
    if p.role == Role.SERVING_SUBSTITUTE:
        m = _SERVING_FOR.search(desc)
        if m:
            p.serving_for = _proper_name(m[1]) or None
    p.paragraphs = _ranges(desc)
    if _ONSITE.search(desc):
        p.remote = False
    elif _REMOTE.search(desc):
        p.remote = True
    if default == Role.OTHER:
        office = re.sub(r"\s*(?:§§?\s*[\d\s,\-–och]+|\*|\(.*?\)|\bkl\.?\s*\d.*$)", " ", desc)
        office = re.sub(r"\s+", " ", office).strip(" ,.;:-–")
        p.office = office or None


def parse_entries(text: str, default: Role) -> list[Participant]:
    """Participants in a block of text whose entries carry parties in parentheses, or are
    "Name, office" lines (others present)."""
    # lines stay apart so that a name never runs from one entry into the next
    text = re.sub(r"[ \t]+", " ", text)
    found = [m for m in WITH_PARTY.finditer(text) if not re.search(
        r"(?i)(?:ersätter|ersättare för|tjänstgör för|i\s*stället för|för)\s*$", text[:m.start()])]
    out: list[Participant] = []
    if found:
        for k, m in enumerate(found):
            party = m[2].upper() if m[2].upper() in PARTIES or m[2].isupper() else None
            if party is None:
                continue
            end = found[k + 1].start() if k + 1 < len(found) else len(text)
            desc = text[m.end():end]
            desc = re.sub(r"(?i)\s*(?:,|och)\s*$", "", desc)
            p = Participant(name=clean_name(m[1]), party=party)
            _apply_descriptor(p, desc, default)
            out.append(p)
        return out
    return []


def parse_plain_lines(lines: list[str], default: Role) -> list[Participant]:
    """Entries without parties: "Name, office" per line, or "A, B, C, office §§ 31-33"."""
    out: list[Participant] = []
    descs: dict[int, str] = {}
    for line in lines:
        m = COMMA_PARTY.match(line.strip())
        if m and m[2] in PARTIES:
            p = Participant(name=clean_name(m[1]), party=m[2])
            _apply_descriptor(p, line[m.end():], default)
            out.append(p)
            continue
        segs = [s.strip() for s in re.split(r",|\s+och\s+", line) if s.strip()]
        for seg in segs:
            seg_c = seg.rstrip(" *.")
            nm = re.match(rf"^({NAME})(.*)$", seg_c)
            if nm and not re.match(r"(?i)^(?:se|och|för|via|kl|nämndsekreterare)\b", seg_c) \
                    and len(nm[1].split()) <= 4:
                p = Participant(name=clean_name(nm[1]), role=default)
                _apply_descriptor(p, nm[2], default)
                out.append(p)
                descs[len(out) - 1] = nm[2]
            elif out:
                prev = out[-1]
                desc = (descs.get(len(out) - 1, "") + ", " + seg).strip(" ,")
                descs[len(out) - 1] = desc
                _apply_descriptor(prev, desc, default)
    return out


_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{3,}")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÅÄÖÉÜ][a-zåäöéüøæáíóúëï'’]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüøæáíóúëï'’]+)*"
                         r"|von|van|af|de|da|del)$")


def _row_start(tokens: list[str]) -> int | None:
    """Index of the party cell when ``tokens`` open a row "Förnamn Efternamn PARTI …"."""
    k = 0
    while k < len(tokens) and _NAME_TOKEN.match(tokens[k]) and tokens[k] not in PARTIES:
        k += 1
    if 2 <= k <= 5 and k < len(tokens) and tokens[k].strip("(),") in PARTIES:
        return k
    return None


def _is_name_line(tokens: list[str]) -> bool:
    return 0 < len(tokens) <= 4 and all(_NAME_TOKEN.match(x) and x not in PARTIES
                                        for x in tokens)


def _wrapped_name_end(lines: list[str], i: int) -> int | None:
    """The last line of a row whose name cell wrapped ("Karin" / "Håkansson" / "SD …")."""
    ahead = lines[i].split()
    if not _is_name_line(ahead):
        return None
    for j in range(i + 1, min(i + 3, len(lines))):
        nxt = lines[j].split()
        if not nxt or _row_start(nxt) is not None:
            return None
        ahead = ahead + nxt
        if _row_start(ahead) is not None:
            return j
        if not _is_name_line(nxt):
            return None
    return None


def _table_rows(lines: list[str]) -> list[str]:
    """Rows of a table whose cells wrapped onto more lines: a row opens with a name followed
    by a party, or with a name whose party starts a following line; any other line continues
    the row before it."""
    rows: list[str] = []
    i = 0
    while i < len(lines):
        t = lines[i].strip()
        if _row_start(t.split()) is not None:
            rows.append(t)
            i += 1
            continue
        j = _wrapped_name_end(lines, i)
        if j is not None:
            rows.append(" ".join(x.strip() for x in lines[i:j + 1]))
            i = j + 1
            continue
        if rows:
            rows[-1] += " " + t
        i += 1
    return rows


def parse_table_rows(lines: list[str], default: Role) -> list[Participant]:
    """Rows of an attendance table as text: "Namn | Parti | Roll", or cells run together
    "Ylva Sandberg S ordförande deltar på plats" — a name, a party abbreviation, the rest."""
    out: list[Participant] = []
    for line in lines:
        cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
        if len(cells) >= 2 and _ONLY_NAME.fullmatch(cells[0]) and \
                cells[1].strip("()") in PARTIES:
            name, party, desc = cells[0], cells[1].strip("()"), " ".join(cells[2:])
        else:
            continue
        p = Participant(name=clean_name(name), party=party)
        _apply_descriptor(p, desc, default)
        _replaced_in_column(p, desc)
        out.append(p)
    if out:
        return out
    for row in _table_rows(lines):
        tokens = row.split()
        k = _row_start(tokens)
        if k is None:
            continue
        p = Participant(name=clean_name(" ".join(tokens[:k])), party=tokens[k].strip("(),"))
        _apply_descriptor(p, " ".join(tokens[k + 1:]), default)
        _replaced_in_column(p, " ".join(tokens[k + 1:]))
        out.append(p)
    return out


def _replaced_in_column(p: Participant, desc: str) -> None:
    """In a table of serving substitutes the column after the party ("Ersätter") names the
    member replaced: "Amir Haddad  S  Lisa Ström  §§ 50–52"."""
    if p.role == Role.SERVING_SUBSTITUTE and not p.serving_for:
        m = re.match(rf"\s*({NAME})", desc)
        if m:
            p.serving_for = _proper_name(m[1]) or None


_PARTICLES = {"von", "van", "af", "de", "da", "del", "el", "al", "bin"}


def _proper_name(text: str) -> str:
    """The capitalised words a case-insensitive match caught: "Per Kvist deltar digitalt" →
    "Per Kvist"."""
    tokens = clean_name(text).split()
    out: list[str] = []
    for k, t in enumerate(tokens):
        if t[:1].isupper() or (t in _PARTICLES and k + 1 < len(tokens)
                               and tokens[k + 1][:1].isupper()):
            out.append(t)
        else:
            break
    return " ".join(out)


# a title written before a name: "Ordföranden Hans Wiklund (S) yrkar …"
_TITLE_BEFORE_NAME = re.compile(
    r"^(?:(?:1:e |2:e |Förste |Andre )?[Vv]ice )?(?:Ordföranden|Ordförande|Ledamoten|Ersättaren|"
    r"Kommunalrådet|Oppositionsrådet|Ledamot|Ersättare)\s+(?=\S+\s+\S)")


def clean_name(name: str) -> str:
    return _TITLE_BEFORE_NAME.sub("", re.sub(r"\s+", " ", name).strip(" ,-"))


CHECKBOX = re.compile(r"\[\s*([Xx✓✔]?)\s*\]\s*([^\[\]]+)")


def parse_checkbox_lines(lines: list[str], column_roles: list[Role]) -> list[Participant]:
    """"[X] Lindvall Mikael, ordförande  [ ] Eklund Karita": only ticked names took part."""
    out: list[Participant] = []
    for line in lines:
        for col, m in enumerate(CHECKBOX.finditer(line)):
            if not m[1]:
                continue
            entry = m[2].strip()
            name, _, desc = entry.partition(",")
            default = column_roles[min(col, len(column_roles) - 1)] if column_roles else Role.MEMBER
            p = Participant(name=clean_name(name))
            _apply_descriptor(p, desc, default)
            if default == Role.SUBSTITUTE:
                p.role = Role.SERVING_SUBSTITUTE  # a ticked substitute served at the meeting
            out.append(p)
    return out


_OFFICE_LINE = re.compile(
    r"(?i)^\s*((?:(?:1:?\s*e|2:?\s*e|första|andra|förste|andre)\s+)?vice\s+ordförande|"
    r"ordförande|tf\.?\s*ordförande)\s*:\s*(.+)$")


def _line_entry(line: str, role: Role) -> list[Participant]:
    """One line that is an entry on its own: "Anna Ek, S, ordförande", "Olle Ny | KD | ledamot",
    "Olle Ny KD ledamot"."""
    m = COMMA_PARTY.match(line.strip())
    if m and m[2] in PARTIES:
        p = Participant(name=clean_name(m[1]), party=m[2])
        _apply_descriptor(p, line.strip()[m.end():], role)
        return [p]
    return parse_table_rows([line], role)


def _mixed(buf: list[str], role: Role) -> list[Participant]:
    """A block mixing "Namn (S), roll" entries (which may run over lines) with entries of
    other shapes, one per line."""
    out: list[Participant] = []
    chunk: list[str] = []
    for b in buf:
        single = [] if WITH_PARTY.search(b) else _line_entry(b, role)
        if single:
            out.extend(parse_entries("\n".join(chunk), role) if chunk else [])
            chunk = []
            out.extend(single)
        else:
            chunk.append(b)
    out.extend(parse_entries("\n".join(chunk), role) if chunk else [])
    return out


def merge_repeated(participants: list[Participant]) -> list[Participant]:
    """One entry per person and role: a protokoll often names the chair both in its header
    ("Ordförande: Anna Ek (S)") and in the attendance list. Entries that differ in role or in
    § ranges (a substitute serving for some § and listed as non-serving for the rest) stay."""
    out: list[Participant] = []
    for p in participants:
        same = next(
            (q for q in out if q.name == p.name and q.role == p.role
             and (q.party == p.party or not q.party or not p.party)
             and (q.paragraphs == p.paragraphs or not q.paragraphs or not p.paragraphs)),
            None,
        )
        if same is None:
            out.append(p)
            continue
        for attr in ("party", "office", "serving_for", "remote"):
            if getattr(same, attr) is None:
                setattr(same, attr, getattr(p, attr))
        same.paragraphs = same.paragraphs or p.paragraphs
    return out


def parse_attendance(lines: list[str]) -> list[Participant]:
    """Participants from the preamble lines of a protokoll."""
    out: list[Participant] = []
    role: Role | None = None
    buf: list[str] = []
    column_roles: list[Role] = []
    right: Role | None = None  # "Ledamöter   Ersättare": the role of a second column

    def flush() -> None:
        nonlocal buf
        if role is not None and buf:
            if right is not None and not any(CHECKBOX.search(b) for b in buf) and \
                    any(WITH_PARTY.search(b) for b in buf):
                out.extend(_two_column_entries(buf, role, right))
            elif any(CHECKBOX.search(b) for b in buf):
                out.extend(parse_checkbox_lines(buf, column_roles or [role]))
            else:
                text = "\n".join(buf)
                got = parse_entries(text, role)
                if got and any(_line_entry(b, role) for b in buf if not WITH_PARTY.search(b)):
                    got = _mixed(buf, role)
                if not got:
                    got = parse_table_rows(buf, role)
                if not got and role == Role.OTHER:
                    got = parse_plain_lines(buf, role)
                elif not got and role in (Role.MEMBER, Role.SUBSTITUTE, Role.SERVING_SUBSTITUTE):
                    got = [p for p in parse_plain_lines(buf, role)
                           if p.party or all(_ONLY_NAME.fullmatch(b.strip()) for b in buf)]
                out.extend(got)
        buf = []

    for raw in lines:
        t = raw.strip()
        if not t:
            continue
        m = _OFFICE_LINE.match(t)
        if m and WITH_PARTY.search(m[2]):
            # "Ordförande: Anna Ek (S)" — the role stands before the name
            e = WITH_PARTY.search(m[2])
            p = Participant(name=clean_name(e[1]), party=e[2].upper())
            _apply_descriptor(p, m[1], Role.MEMBER)
            if all(x.name != p.name for x in out):
                out.append(p)
            continue
        lab = role_label(t)
        if lab is not None:
            flush()
            role, rest, right = lab, _after_label(t), None
            inner = role_label(rest) if rest else None
            if inner is not None and lab == Role.OTHER:
                # a label column beside a sub-heading: "Övriga närvarande      Ersättare"
                role, rest = inner, _after_label(rest)
            elif inner is not None:
                # two columns side by side: "Ledamöter      Ersättare"
                right, rest = inner, _after_label(rest)
            if lab == Role.MEMBER and re.fullmatch(r"(?i)beslutande", t):
                column_roles = []
            if rest:
                buf.append(rest)
            continue
        if re.fullmatch(r"(?i)ordinarie(\s+ersättare)?|ordinarie\s+ersätare", t):
            column_roles = [Role.MEMBER, Role.SUBSTITUTE] if "ers" in t.lower() \
                else [Role.MEMBER, Role.MEMBER]
            role = role or Role.MEMBER
            continue
        if (END_LABELS.match(t) and not WITH_PARTY.search(t) and not CHECKBOX.search(t)) \
                or _SIGNING_LABELS.match(t):
            flush()
            role = right = None
            continue
        if role is not None:
            buf.append(t)
    flush()
    return merge_repeated(out)


def _two_column_entries(lines: list[str], left: Role, right: Role) -> list[Participant]:
    """Rows of two lists printed side by side, read as one line each: the first entry of a
    row is in the left column, any other in the right ("Anna Ek (S), ordförande  Lisa Berg (S)").
    A row with one entry belongs to the left, the longer list."""
    lefts: list[Participant] = []
    rights: list[Participant] = []
    for line in lines:
        lefts.extend(parse_entries(line, left)[:1])
        rights.extend(parse_entries(line, right)[1:])
    return lefts + rights


def reorder_surname_first(participants: list[Participant], text: str) -> None:
    """Finland-Swedish lists print "Efternamn Förnamn". When the document also writes one of
    these names the other way round (signatures), write them all as "Förnamn Efternamn"."""
    flipped = 0
    for p in participants:
        parts = p.name.split()
        if len(parts) == 2 and f"{parts[1]} {parts[0]}" in text:
            flipped += 1
    if flipped == 0 or flipped < len([p for p in participants if len(p.name.split()) == 2]) / 3:
        return
    for p in participants:
        parts = p.name.split()
        if len(parts) >= 2:
            p.name = " ".join([parts[-1], *parts[:-1]])


# attendance printed as an appendix ("Beslutande: se närvaro- och omröstningslista, bilaga 1")
_ROLL_HEADING = re.compile(
    r"(?i)^\s*(?:bilaga\s*\d+\s*[:.–-]?\s*)?(?:närvaro-?\s*och\s*(?:omröstnings|voterings)-?\s*lista|"
    r"närvarolista|närvaroförteckning|uppropslista)\b")
_ROLL_END = re.compile(r"(?i)^\s*(?:bilaga\s*\d+|§\s*\d{1,4}\s+[A-ZÅÄÖ])")
# "Helena Berg, ordförande  S  X": the role after a comma, then the party cell
_ROLL_ROLE = re.compile(r"^(?P<name>[^,]+),\s*(?P<desc>[a-zåäö0-9:. ]+?)\s+(?P<rest>[A-ZÅÄÖ]{1,4}\b.*)$")
_MARK = re.compile(r"(?<![\w])[xX✓✔](?![\w])")
REFERS_TO_ROLL = re.compile(r"(?i)\b(?:se|enligt)\s+(?:bifogad\s+)?(?:närvaro|bilaga|upprop)")


def parse_roll_list(lines: list[str]) -> list[Participant]:
    """Members and serving substitutes from a roll-call appendix: a row per seat, "Namn[, roll]
    Parti" with a mark when present, or the substitute who served, "Namn (Parti)". Members
    neither marked nor replaced were absent and are left out."""
    start = next((i for i, t in enumerate(lines) if _ROLL_HEADING.match(t)), None)
    if start is None:
        return []
    out: list[Participant] = []
    for t in lines[start + 1:]:
        if _ROLL_END.match(t):
            break
        m = _ROLL_ROLE.match(t.strip())
        desc, row = (m["desc"], m["name"] + " " + m["rest"]) if m else ("", t)
        tokens = row.split()
        k = _row_start(tokens)
        if k is None:
            continue
        name, party, rest = clean_name(" ".join(tokens[:k])), tokens[k].strip("(),"), \
            " ".join(tokens[k + 1:])
        sub = WITH_PARTY.search(rest)
        if sub and sub[2].upper() in PARTIES:
            out.append(Participant(name=clean_name(sub[1]), party=sub[2].upper(),
                                   role=Role.SERVING_SUBSTITUTE, serving_for=name))
        elif _MARK.search(rest):
            p = Participant(name=name, party=party)
            _apply_descriptor(p, desc, Role.MEMBER)
            out.append(p)
    return out
