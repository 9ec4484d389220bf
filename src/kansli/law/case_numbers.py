"""Diarienummer (case numbers): configurable formats that both parse and print.

A format is a template with fields in braces and an optional part in square brackets:

* ``{series}``  the register series, e.g. ``KS``, ``VON`` or ``KS KF`` (stored upper case)
* ``{year}``    four-digit year; ``{yy}`` a two-digit year instead
* ``{seq}``     the running number; ``{seq:05d}`` prints (and only parses) at least 5 digits
* ``{suffix}``  a classification such as ``111`` in ``VON-2020/1319.111``, stored without
  the separator the template puts before it
* ``[...]``     an optional part, printed only when the case number has a suffix

Examples: ``"{series}/{year}:{seq:05d}"`` for ``VON/2021:00160`` and
``"{series}-{year}/{seq}[.{suffix}]"`` for ``VON-2020/1319.111``.  Registration numbers are
required by offentlighets- och sekretesslagen (2009:400) 5 kap. 1 §; their form is local.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, total_ordering

__all__ = [
    "DEFAULT_FORMATS",
    "CaseNumber",
    "CaseNumberFormat",
    "find_case_numbers",
    "parse_case_number",
]

TWO_DIGIT_YEAR_PIVOT = 70
"""A two-digit year below this is 20yy, otherwise 19yy."""

_FIELDS = ("series", "year", "yy", "seq", "suffix")
_LABEL_WORDS = {"DNR", "DIARIENUMMER", "DIARIENR", "ÄRENDENUMMER", "ÄRENDENR"}
_LABEL_PREFIX = re.compile(
    r"^\s*(?:dnr|diarienummer|diarienr|ärendenummer|ärendenr)\s*[.:]?\s*", re.IGNORECASE
)
_MAX_TEXT = 120


# -- templates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    name: str
    width: int = 0  # minimum digits for seq


@dataclass(frozen=True)
class _Optional:
    parts: tuple[str | _Field, ...]


_Token = str | _Field | _Optional


@dataclass(frozen=True)
class _Compiled:
    tokens: tuple[_Token, ...]
    full: re.Pattern[str]
    find: re.Pattern[str]
    has_suffix: bool
    suffix_required: bool
    two_digit_year: bool


_FIELD_RE = re.compile(r"\{(\w+)(?::([^}]*))?\}")


def _tokenize(template: str) -> tuple[_Token, ...]:
    tokens: list[_Token] = []
    optional: list[str | _Field] | None = None
    pos = 0
    while pos < len(template):
        char = template[pos]
        target = optional if optional is not None else tokens
        if char == "{":
            m = _FIELD_RE.match(template, pos)
            if m is None:
                raise ValueError(f"Ogiltigt fält i mallen {template!r} vid position {pos}.")
            name, spec = m.group(1), m.group(2) or ""
            if name not in _FIELDS:
                raise ValueError(f"Okänt fält {{{name}}} i mallen {template!r}.")
            width = 0
            if spec:
                spec_match = re.fullmatch(r"0?(\d*)d", spec)
                if name != "seq" or spec_match is None:
                    raise ValueError(f"Ogiltig formatering {spec!r} för {{{name}}}.")
                width = int(spec_match.group(1) or 0)
            target.append(_Field(name, width))
            pos = m.end()
        elif char == "[":
            if optional is not None:
                raise ValueError(f"Nästlade hakparenteser stöds inte: {template!r}.")
            optional = []
            pos += 1
        elif char == "]":
            if optional is None:
                raise ValueError(f"Ensam ']' i mallen {template!r}.")
            tokens.append(_Optional(tuple(optional)))
            optional = None
            pos += 1
        else:
            if target and isinstance(target[-1], str):
                target[-1] += char
            else:
                target.append(char)
            pos += 1
    if optional is not None:
        raise ValueError(f"Hakparentes saknar avslut i mallen {template!r}.")
    return tuple(tokens)


def _field_names(tokens: Iterable[_Token]) -> list[str]:
    names: list[str] = []
    for t in tokens:
        if isinstance(t, _Field):
            names.append(t.name)
        elif isinstance(t, _Optional):
            names.extend(p.name for p in t.parts if isinstance(p, _Field))
    return names


def _literal_regex(text: str, find: bool) -> str:
    parts = re.split(r"(\s+)", text)
    return "".join(
        ("[ \t]+" if find else r"\s+") if p.isspace() else re.escape(p) for p in parts if p
    )


def _field_regex(f: _Field, following: str | _Field | None, find: bool) -> str:
    if f.name == "series":
        if not find:
            return r"(?P<series>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})"
        upper = r"[A-ZÅÄÖ]{1,10}(?:[ ][A-ZÅÄÖ]{1,10})?"
        # In running text a lower-case series ("von/2019:5") is accepted only when a
        # non-space separator follows it; otherwise ordinary words would match.
        if isinstance(following, str) and not following[:1].isspace():
            return rf"(?P<series>{upper}|[a-zåäö]{{1,10}})"
        return rf"(?P<series>{upper})"
    if f.name == "year":
        return r"(?P<year>\d{4})"
    if f.name == "yy":
        return r"(?P<yy>\d{2})"
    if f.name == "seq":
        return rf"(?P<seq>\d{{{max(f.width, 1)},9}})"
    return r"(?P<suffix>\d+(?:\.\d+)*)"


def _regex(tokens: tuple[_Token, ...], find: bool) -> str:
    flat: list[str | _Field | _Optional] = list(tokens)
    out: list[str] = []
    for i, t in enumerate(flat):
        nxt = flat[i + 1] if i + 1 < len(flat) else None
        if isinstance(nxt, _Optional):
            nxt = nxt.parts[0] if nxt.parts else None
        if isinstance(t, str):
            out.append(_literal_regex(t, find))
        elif isinstance(t, _Field):
            out.append(_field_regex(t, nxt, find))
        else:
            inner = [
                _literal_regex(p, find) if isinstance(p, str) else _field_regex(p, None, find)
                for p in t.parts
            ]
            out.append("(?:" + "".join(inner) + ")?")
    body = "".join(out)
    if find:
        return r"(?<![\w/.:\-])" + body + r"(?![\w]|[./:\-]\d)"
    return body


@lru_cache(maxsize=128)
def _compile(template: str) -> _Compiled:
    tokens = _tokenize(template)
    names = _field_names(tokens)
    for required in ("series", "seq"):
        if names.count(required) != 1:
            raise ValueError(f"Mallen {template!r} måste innehålla {{{required}}} exakt en gång.")
    if names.count("year") + names.count("yy") != 1:
        raise ValueError(f"Mallen {template!r} måste innehålla antingen {{year}} eller {{yy}}.")
    if names.count("suffix") > 1:
        raise ValueError(f"Mallen {template!r} får innehålla {{suffix}} högst en gång.")
    for t in tokens:
        if isinstance(t, _Optional) and [p for p in _field_names([t])] != ["suffix"]:
            raise ValueError(f"Bara {{suffix}} får vara valfritt i mallen {template!r}.")
    required_suffix = any(isinstance(t, _Field) and t.name == "suffix" for t in tokens)
    return _Compiled(
        tokens=tokens,
        full=re.compile(_regex(tokens, find=False), re.IGNORECASE),
        find=re.compile(_regex(tokens, find=True)),
        has_suffix="suffix" in names,
        suffix_required=required_suffix,
        two_digit_year="yy" in names,
    )


def _normalise_series(raw: str) -> str:
    words = raw.split()
    while len(words) > 1 and words[0].upper() in _LABEL_WORDS:
        words = words[1:]
    return " ".join(words).upper()


def _expand_year(yy: int) -> int:
    return 2000 + yy if yy < TWO_DIGIT_YEAR_PIVOT else 1900 + yy


# -- public types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseNumberFormat:
    """One municipality's (or series') diarienummer format; see the module docstring."""

    name: str
    template: str
    description: str = ""

    def __post_init__(self) -> None:
        _compile(self.template)  # fail early on a bad template

    @property
    def _compiled(self) -> _Compiled:
        return _compile(self.template)

    def parse(self, text: str) -> CaseNumber | None:
        """Parse ``text`` as one case number in this format, or None if it does not match.

        Leading "Dnr"/"Diarienummer" labels and surrounding punctuation are ignored.
        """
        cleaned = _clean(text)
        if cleaned is None:
            return None
        m = self._compiled.full.fullmatch(cleaned)
        return self._build(m, cleaned) if m else None

    def _build(self, m: re.Match[str], original: str) -> CaseNumber | None:
        groups = m.groupdict()
        if groups.get("yy") is not None:
            year = _expand_year(int(groups["yy"]))
        else:
            year = int(groups["year"])
        sequence = int(groups["seq"])
        series = _normalise_series(groups["series"])
        if sequence < 1 or not series or series.upper() in _LABEL_WORDS:
            return None
        return CaseNumber(
            series=series,
            year=year,
            sequence=sequence,
            suffix=groups.get("suffix"),
            text=original,
            source_format=self,
        )

    def format(self, number: CaseNumber) -> str:
        """Print ``number`` in this format; raises ValueError if information would be lost."""
        compiled = self._compiled
        if number.suffix is not None and not compiled.has_suffix:
            raise ValueError(
                f"Formatet {self.name!r} saknar plats för klassificeringen {number.suffix!r}."
            )
        if number.suffix is None and compiled.suffix_required:
            raise ValueError(f"Formatet {self.name!r} kräver en klassificering (suffix).")
        if compiled.two_digit_year and _expand_year(number.year % 100) != number.year:
            raise ValueError(
                f"Året {number.year} kan inte skrivas med två siffror i formatet {self.name!r}."
            )
        out: list[str] = []
        for t in compiled.tokens:
            if isinstance(t, _Optional):
                if number.suffix is not None:
                    out.extend(_render(p, number) for p in t.parts)
            else:
                out.append(_render(t, number))
        return "".join(out)


def _render(token: str | _Field, number: CaseNumber) -> str:
    if isinstance(token, str):
        return re.sub(r"\s+", " ", token)
    if token.name == "series":
        return number.series
    if token.name == "year":
        return f"{number.year:04d}"
    if token.name == "yy":
        return f"{number.year % 100:02d}"
    if token.name == "seq":
        return f"{number.sequence:0{token.width}d}" if token.width else str(number.sequence)
    return number.suffix or ""


def _clean(text: str) -> str | None:
    if not isinstance(text, str):
        raise TypeError("Diarienumret måste vara en sträng.")
    cleaned = _LABEL_PREFIX.sub("", text.strip())
    cleaned = cleaned.strip().lstrip("(").rstrip(".,;:)]").strip()
    cleaned = re.sub(r"\s+", " ", cleaned)
    if not cleaned or len(cleaned) > _MAX_TEXT:
        return None
    return cleaned


@total_ordering
@dataclass(frozen=True)
class CaseNumber:
    """A parsed diarienummer.  Equality and ordering use series, year, sequence and suffix;
    ``text`` keeps the original spelling and ``source_format`` the format it was read with."""

    series: str
    year: int
    sequence: int
    suffix: str | None = None
    text: str | None = field(default=None, compare=False)
    source_format: CaseNumberFormat | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        series = " ".join(self.series.split()).upper()
        if not series:
            raise ValueError("Diarienumret saknar serie.")
        if not 1000 <= self.year <= 9999:
            raise ValueError(f"Ogiltigt år i diarienummer: {self.year}.")
        if self.sequence < 1:
            raise ValueError(f"Löpnumret måste vara minst 1, inte {self.sequence}.")
        object.__setattr__(self, "series", series)
        if self.suffix == "":
            object.__setattr__(self, "suffix", None)

    def _key(self) -> tuple[str, int, int, str]:
        return (self.series, self.year, self.sequence, self.suffix or "")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, CaseNumber):
            return NotImplemented
        return self._key() < other._key()

    def format(self, fmt: CaseNumberFormat | None = None) -> str:
        """Print in ``fmt``, or in the format this number was parsed with."""
        fmt = fmt or self.source_format or CANONICAL_FORMAT
        return fmt.format(self)

    def __str__(self) -> str:
        return self.format()


CANONICAL_FORMAT = CaseNumberFormat(
    "canonical", "{series}/{year}:{seq}[.{suffix}]", "Kanonisk form, t.ex. KS/2023:146"
)

DEFAULT_FORMATS: tuple[CaseNumberFormat, ...] = (
    CaseNumberFormat(
        "series/year:seq05", "{series}/{year}:{seq:05d}", "Serie/år:löpnummer med fem siffror"
    ),
    CaseNumberFormat("series/year:seq", "{series}/{year}:{seq}", "Serie/år:löpnummer"),
    CaseNumberFormat(
        "series-year/seq.class",
        "{series}-{year}/{seq}[.{suffix}]",
        "Serie-år/löpnummer med valfri klassificering",
    ),
    CaseNumberFormat("series.year.seq", "{series}.{year}.{seq}", "Serie.år.löpnummer"),
    CaseNumberFormat("series year.seq", "{series} {year}.{seq}", "Serie år.löpnummer"),
    CaseNumberFormat("series year/seq", "{series} {year}/{seq}", "Serie år/löpnummer"),
    CaseNumberFormat(
        "seriesyear/seq05",
        "{series}{year}/{seq:05d}",
        "Departementsbeteckning och år/löpnummer (Regeringskansliet)",
    ),
    CaseNumberFormat("series/yy/seq04", "{series}/{yy}/{seq:04d}", "Serie/tvåsiffrigt år/löpnr"),
    CaseNumberFormat(
        "series/seq/class/year",
        "{series}/{seq}/{suffix}/{year}",
        "Serie/löpnummer/klassificering/år (finländska kommuner)",
    ),
)


def parse_case_number(
    text: str, formats: Sequence[CaseNumberFormat] | None = None
) -> CaseNumber | None:
    """Parse one diarienummer, trying ``formats`` (default: `DEFAULT_FORMATS`) in order.

    Returns None when no format matches.  The series is normalised to upper case; the
    original spelling is kept in `CaseNumber.text`.
    """
    for fmt in DEFAULT_FORMATS if formats is None else formats:
        number = fmt.parse(text)
        if number is not None:
            return number
    return None


def find_case_numbers(
    text: str, formats: Sequence[CaseNumberFormat] | None = None
) -> list[CaseNumber]:
    """All diarienummer in running ``text``, in order of appearance.

    Where formats overlap, the longest match wins, then the earlier format.  In running text
    a series must be upper case unless a non-space separator follows it (``von/2019:5``).
    """
    candidates: list[tuple[int, int, int, CaseNumber]] = []
    for rank, fmt in enumerate(DEFAULT_FORMATS if formats is None else formats):
        for m in fmt._compiled.find.finditer(text):
            number = fmt._build(m, m.group(0))
            if number is not None:
                candidates.append((m.start(), -(m.end() - m.start()), rank, number))
    candidates.sort(key=lambda c: c[:3])
    found: list[CaseNumber] = []
    end = -1
    for start, neg_length, _, number in candidates:
        if start >= end:
            found.append(number)
            end = start - neg_length
    return found
