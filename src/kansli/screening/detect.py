"""Finding personal data in text before it is published (DESIGN §3, Publication; issue 5 item 4).

Pure functions, no Django. :func:`screen` returns :class:`Finding` objects: what kind of data,
where (``start``/``end`` in the text), the text found and a suggested mask. Nothing here decides
what is published: the secretary confirms, rejects or edits every finding, except that a
checksum-valid personnummer or samordningsnummer is always masked (:func:`mask_identity_numbers`),
reviewed or not.

What is looked for:

- personnummer and samordningsnummer (day + 60) in every common spelling — ``ÅÅMMDD-NNNN``,
  ``ÅÅMMDD+NNNN``, ``ÅÅMMDDNNNN``, ``ÅÅÅÅMMDDNNNN``, ``ÅÅÅÅMMDD-NNNN``, with spaces around or
  instead of the dash — validated with the ``personnummer`` library (date and Luhn checksum);
- Swedish telephone numbers: ``070-123 45 67``, ``08-123 456 78``, ``+46 70 123 45 67``,
  ``0046 8 123 456 78``; a number needs 7–9 digits after the leading 0 (or +46/0046);
- e-mail addresses of private persons: every address except those at the configured domains
  (the municipality's own) and organisational mailboxes (``info@``, ``registrator@`` …);
- sentences that look like an individual case (social services: SoL, LSS, LVU, LVM,
  försörjningsstöd, placering …) — flagged for the secretary, never masked automatically;
- in fields that hold a name (recipients, others present): a private person's name, that is a
  name that is neither an elected member's nor an organisation's.

Elected members' names and parties are never masked (:class:`ScreeningConfig.public_names`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from personnummer import personnummer as _pnr


class FindingKind(enum.StrEnum):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    PHONE = "telefonnummer"
    EMAIL = "e-post"
    INDIVIDUAL_CASE = "enskilt ärende"
    NAME = "namn"


#: The suggested mask for each kind; an identity number keeps its shape so a reader sees that
#: a number was there without learning anything of it.
DEFAULT_MASKS: dict[FindingKind, str] = {
    FindingKind.PERSONNUMMER: "ÅÅMMDD-XXXX",
    FindingKind.SAMORDNINGSNUMMER: "ÅÅMMDD-XXXX",
    FindingKind.PHONE: "[telefonnummer]",
    FindingKind.EMAIL: "[e-post]",
    FindingKind.INDIVIDUAL_CASE: "[uppgift om enskild borttagen]",
    FindingKind.NAME: "[namn]",
}

#: Kinds masked in public text even when nobody reviewed it (defence in depth).
ALWAYS_MASKED = frozenset({FindingKind.PERSONNUMMER, FindingKind.SAMORDNINGSNUMMER})

#: Mailboxes of an organisation rather than of a person, whatever the domain.
ORGANISATIONAL_MAILBOXES = frozenset({
    "info", "information", "kontakt", "kommun", "kommunen", "registrator", "registratur",
    "diarium", "kansli", "kansliet", "kundcenter", "kontaktcenter", "medborgarservice",
    "support", "service", "post", "postmottagning", "reception", "vaxel", "växel", "press",
    "nyheter", "upphandling", "ekonomi", "hr", "personal", "noreply", "no-reply", "webmaster",
    "socialtjansten", "socialtjänsten", "forvaltning", "förvaltning", "namnd", "nämnd",
})

#: Words that make a name field an organisation's rather than a person's.
ORGANISATION_WORDS = (
    "nämnd", "styrelse", "fullmäktige", "utskott", "kommun", "region", "förvaltning", "kontor",
    "enhet", "avdelning", "sektion", "funktion", "verksamhet", "bolag", "ab", "hb", "kb",
    "förening", "stiftelse", "myndighet", "verket", "inspektion", "länsstyrelse", "domstol",
    "revision", "revisor", "kansli", "registrator", "diarium", "parti", "grupp", "råd", "skola",
    "förskola", "boende", "center", "centrum", "polis", "samtliga", "akt", "arkiv", "sökande",
    "klagande", "ekonomi", "personal", "chef", "ansvarig", "handläggare", "sekreterare",
    "ordförande", "ledamöter", "ersättare", "kb", "ekonomiavdelningen",
)


@dataclass(frozen=True)
class ScreeningConfig:
    """What the municipality lets through.

    ``allowed_email_domains``: the municipality's own domains (a subdomain counts too);
    ``public_names``: elected members and others whose names may always be published.
    """

    allowed_email_domains: frozenset[str] = frozenset()
    organisational_mailboxes: frozenset[str] = ORGANISATIONAL_MAILBOXES
    public_names: frozenset[str] = frozenset()

    @classmethod
    def build(cls, domains: Iterable[str] = (), public_names: Iterable[str] = ()) -> ScreeningConfig:
        return cls(
            allowed_email_domains=frozenset(d.strip().lower().lstrip("@.") for d in domains if d.strip()),
            public_names=frozenset(_fold(n) for n in public_names if n and n.strip()),
        )


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    kind: FindingKind = field(compare=False)
    text: str = field(compare=False)
    mask: str = field(compare=False)

    @property
    def always_masked(self) -> bool:
        return self.kind in ALWAYS_MASKED


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


# --- personnummer and samordningsnummer --------------------------------------------------------

_SEP = r"(?:\s*[-+\u2010\u2011\u2012\u2013\u2212]\s*|\s)"
# Not part of a longer run of digits; anything else may touch it ("Pnr:811218-9876").
_PNR = re.compile(
    rf"(?<!\d)"
    rf"(?:(?P<long>(?:18|19|20)\d{{6}})(?P<lsep>{_SEP})?(?P<ltail>\d{{4}})"
    rf"|(?P<short>\d{{6}})(?P<ssep>{_SEP})?(?P<stail>\d{{4}}))"
    rf"(?!\d)"
)


def identity_number(candidate: str) -> FindingKind | None:
    """PERSONNUMMER or SAMORDNINGSNUMMER when ``candidate`` is a checksum-valid one, else None."""
    match = _PNR.fullmatch(candidate.strip())
    return _identity_kind(match) if match else None


def _identity_kind(match: re.Match) -> FindingKind | None:
    if match.group("long"):
        digits, tail, sep = match.group("long"), match.group("ltail"), match.group("lsep")
    else:
        digits, tail, sep = match.group("short"), match.group("stail"), match.group("ssep")
    plus = bool(sep and "+" in sep)
    if plus and len(digits) == 8:
        return None  # '+' (100 years or older) is only written with a two-digit year
    normal = f"{digits}{'+' if plus else '-'}{tail}"
    try:
        number = _pnr.Personnummer(normal)
    except _pnr.PersonnummerException:
        return None
    return FindingKind.SAMORDNINGSNUMMER if number.is_coordination_number() else FindingKind.PERSONNUMMER


def find_identity_numbers(text: str) -> list[Finding]:
    found = []
    for match in _PNR.finditer(text):
        kind = _identity_kind(match)
        if kind is not None:
            found.append(Finding(match.start(), match.end(), kind, match.group(), DEFAULT_MASKS[kind]))
    return found


# --- telephone numbers ----------------------------------------------------------------------

# Groups of digits separated by single spaces or dashes; the area code may be in parentheses.
_PHONE = re.compile(
    r"(?<![\w/:.,\-+])"
    r"(?P<prefix>\+\s?46|0046|0)\s?(?:\(0\)\s?)?"
    r"(?P<rest>\d{1,4}(?:[ \-\u2013/]?\d{1,4}){1,4})"
    r"(?![\w/:]|[.,]\d|[\-\u2013]\d)"
)


def _is_phone(match: re.Match) -> bool:
    prefix = match.group("prefix")
    rest = re.sub(r"\D", "", match.group("rest"))
    if prefix != "0" and rest.startswith("0"):
        rest = rest[1:]
    if not 7 <= len(rest) <= 9 or rest.startswith("0"):
        return False
    raw = match.group()
    if prefix == "0":
        # '0' plus digits with no separator at all is only a number when it has mobile length;
        # separators must look like a phone number's (an area code then groups), not a date's.
        if re.fullmatch(r"0\d+", raw):
            return rest[0] == "7" and len(rest) == 9
        if re.fullmatch(r"0\d{1,3}-\d{1,2}-\d{1,2}", raw):
            return False
    return True


def find_phone_numbers(text: str, taken: list[Finding] = ()) -> list[Finding]:
    found = []
    for match in _PHONE.finditer(text):
        if _is_phone(match) and not any(_overlaps(match.start(), match.end(), f) for f in taken):
            found.append(
                Finding(match.start(), match.end(), FindingKind.PHONE, match.group(), DEFAULT_MASKS[FindingKind.PHONE])
            )
    return found


# --- e-mail ------------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@((?:[\w-]+\.)+[A-Za-z]{2,})(?![\w-])")


def _allowed_email(local: str, domain: str, config: ScreeningConfig) -> bool:
    domain = domain.lower()
    if any(domain == d or domain.endswith("." + d) for d in config.allowed_email_domains):
        return True
    return local.lower() in config.organisational_mailboxes


def find_emails(text: str, config: ScreeningConfig) -> list[Finding]:
    return [
        Finding(m.start(), m.end(), FindingKind.EMAIL, m.group(), DEFAULT_MASKS[FindingKind.EMAIL])
        for m in _EMAIL.finditer(text)
        if not _allowed_email(m.group(1), m.group(2), config)
    ]


# --- individual cases ------------------------------------------------------------------------

#: Words that by themselves say the text is about one person's case.
_INDIVIDUAL_ALWAYS = re.compile(
    r"\b(?:individärende\w*|individuellt ärende|enskilt ärende|omedelbart omhändertagande\w*"
    r"|omhändertag\w+ enligt|tvångsvård|vård enligt (?:LVU|LVM)|orosanmälan\w*"
    r"|barnavårdsutredning\w*|umgängesbegränsning\w*|flyttningsförbud\w*)",
    re.IGNORECASE,
)
#: Words of the social-services laws that are individual only next to a person.
_SOCIAL_LAW = re.compile(
    r"(?:\b(?:SoL|LSS|LVU|LVM)\b|\bbistånd enligt\b|\bförsörjningsstöd\w*|\bplacer(?:ing|ingen|as|ad|at)\b"
    r"|\bekonomiskt bistånd\b|\bkontaktfamilj\w*|\bfamiljehem\w*|\bHVB\b)",
    re.IGNORECASE,
)
#: Words that point at one person.
_PERSON_CONTEXT = re.compile(
    r"(?:\b(?:sökande\w*|klient\w*|brukare\w*|den enskilde|den enskilda|mannen|kvinnan|pojken|flickan"
    r"|barnet|barnets|modern|fadern|vårdnadshavar\w*|han|hon|hen|hans|hennes|hens"
    r"|född|födda|år gammal|beviljas|beviljades|avslås|avslogs|ansöker|ansökt|ansökan om"
    r"|dennes|personen|familjen|makarna|NN|XX)\b|\b[A-ZÅÄÖ]\.\s?[A-ZÅÄÖ]\.)"
)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-zÅÄÖåäö]|\bt\.ex|\bbl\.a|\bkl|\bnr|\bs\.k|\bo\.s\.v|\bm\.m|\bresp|\bjfr|\bca)$")


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, not split after initials ("A.B.") or abbreviations."""
    spans, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if end.group() != "\n" and _ABBREVIATION.search(text[start:end.start()]):
            continue
        spans.append((start, end.end()))
        start = end.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def find_individual_case(text: str) -> list[Finding]:
    found = []
    for s_start, s_end in _sentences(text):
        body = text[s_start:s_end]
        if not body.strip():
            continue
        individual = _INDIVIDUAL_ALWAYS.search(body) or (
            _SOCIAL_LAW.search(body) and _PERSON_CONTEXT.search(body)
        )
        if individual:
            start = s_start + len(body) - len(body.lstrip())
            end = s_start + len(body.rstrip())
            found.append(
                Finding(start, end, FindingKind.INDIVIDUAL_CASE, text[start:end],
                        DEFAULT_MASKS[FindingKind.INDIVIDUAL_CASE])
            )
    return found


# --- names in name fields ----------------------------------------------------------------------

_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüæøß]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüæøß]+)?"
_PERSON_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:von |af |de )?{_NAME_WORD}){{1,3}}")


def find_private_name(value: str, config: ScreeningConfig) -> list[Finding]:
    """A name field (a recipient, a person present) holding a private person's name.

    A value is flagged when it is only a person's name ("Anna Berg", "Anna Berg, sökande"), not
    an elected member's or other public name, and not an organisation ("Kommunstyrelsen").
    """
    head = value.split(",")[0].split("(")[0].strip()
    if not head or _fold(head) in config.public_names:
        return []
    if any(word in head.casefold().split() or head.casefold().endswith(word) for word in ORGANISATION_WORDS):
        return []
    if not _PERSON_NAME.fullmatch(head):
        return []
    start = value.index(head)
    return [Finding(start, start + len(head), FindingKind.NAME, head, DEFAULT_MASKS[FindingKind.NAME])]


# --- all together ----------------------------------------------------------------------------


def _overlaps(start: int, end: int, finding: Finding) -> bool:
    return start < finding.end and finding.start < end


def screen(text: str | None, config: ScreeningConfig | None = None, *, name_field: bool = False) -> list[Finding]:
    """Every finding in ``text``, ordered by position.

    Identity numbers win over telephone numbers where they overlap. ``name_field``: the text is
    a name (recipient, person present) and is also checked for a private person's name.
    """
    if not text:
        return []
    config = config or ScreeningConfig()
    found = find_identity_numbers(text)
    found += find_phone_numbers(text, found)
    found += find_emails(text, config)
    found += find_individual_case(text)
    if name_field:
        found += find_private_name(text, config)
    return sorted(found)


def apply_masks(text: str, masks: Iterable[tuple[int, int, str]]) -> str:
    """Replace each ``(start, end, replacement)`` span; overlapping spans merge into the first."""
    out, pos = [], 0
    for start, end, replacement in sorted(masks):
        if start < pos:
            if end > pos:  # overlapping: extend the previous replacement's reach
                pos = end
            continue
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mask_identity_numbers(text: str | None) -> str | None:
    """``text`` with every checksum-valid personnummer and samordningsnummer masked."""
    if not text:
        return text
    if not any(c.isdigit() for c in text):
        return text
    return apply_masks(text, [(f.start, f.end, f.mask) for f in find_identity_numbers(text)])
