"""``kansli import``: read protokoll, protokollsutdrag and kallelser from files into the database.

Every file is read with :func:`kansli.reading.api.read_file` (no Django there); each document it
holds is then stored on its own, whole or not at all (one transaction per document), so that a
bad document never stops the others and never leaves half a record behind:

* protokoll and protokollsutdrag → :func:`kansli.meetings.conversion.minutes_to_meeting` (bodies,
  parties and persons are linked by name and created when missing); an adjusted protokoll is
  locked afterwards, as :mod:`kansli.meetings.locking` asks of importers;
* kallelse → a meeting with status *kallelse skickad* and its föredragningslista
  (:func:`store_notice`);
* tjänsteskrivelser, ordförandeförslag and other documents are counted and skipped.

The source file is recorded on the meeting (path, SHA-256 and pages, from ``Minutes.source``).
Importing the same bytes again changes nothing: a document whose file digest and pages are
already stored is reported as *redan importerad* before any conversion. A kallelse for a meeting
that exists already adds its föredragningslista if the meeting has none; a protokoll for a meeting
that so far is only an imported kallelse replaces that placeholder and keeps its agenda.

Bad input never gives a traceback: every problem is reported in Swedish, naming its file, in the
summary printed at the end, and the exit code is 1 when any file failed.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from django.db import DatabaseError, connection, transaction

from kansli import minutes as mm
from kansli.cases.models import Case
from kansli.organisation.models import Body, Municipality, Party, Person

from . import locking
from .conversion import ConversionError, minutes_to_meeting
from .models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    Ballot,
    Meeting,
    MeetingStatus,
    Paragraph,
    Recipient,
    Recusal,
    Vote,
)

#: File name endings read when walking a folder. Files named explicitly are always read.
SUFFIXES = (".pdf", ".txt", ".md")

#: Where a document that names no municipality is stored.
DEFAULT_MUNICIPALITY = "Okänd kommun"

_STORED_AS_MEETING = (mm.DocumentKind.MINUTES, mm.DocumentKind.EXTRACT)
_STORABLE = (*_STORED_AS_MEETING, mm.DocumentKind.NOTICE_OF_MEETING)
_MEETING_DOCUMENTS = (
    mm.DocumentKind.MINUTES,
    mm.DocumentKind.EXTRACT,
    mm.DocumentKind.NOTICE_OF_MEETING,
    mm.DocumentKind.MEMO,
    mm.DocumentKind.CHAIR_PROPOSAL,
)

#: Swedish names of the document kinds: (singular, plural).
KIND_NAMES: dict[mm.DocumentKind, tuple[str, str]] = {
    mm.DocumentKind.MINUTES: ("protokoll", "protokoll"),
    mm.DocumentKind.EXTRACT: ("protokollsutdrag", "protokollsutdrag"),
    mm.DocumentKind.NOTICE_OF_MEETING: ("kallelse", "kallelser"),
    mm.DocumentKind.MEMO: ("tjänsteskrivelse", "tjänsteskrivelser"),
    mm.DocumentKind.CHAIR_PROPOSAL: ("ordförandeförslag", "ordförandeförslag"),
    mm.DocumentKind.OTHER: ("övrigt dokument", "övriga dokument"),
}

# Standing points of a föredragningslista (not a case of their own).
_STANDING = re.compile(
    r"^\s*(?:upprop|närvaro|sammanträdets\s+(?:öppnande|laglighet)|"
    r"val\s+av\s+(?:protokoll)?justerare|(?:justering|godkännande|fastställande)\s+av\s+"
    r"(?:föredragningslist|dagordning|ärendelist)|information|meddelanden|anmälningsärenden|"
    r"anmälan\s+av\s+delegationsbeslut|delegationsbeslut|övriga\s+frågor|"
    r"sammanträdets\s+avslutande)",
    re.IGNORECASE,
)


class ImportFailure(Exception):
    """One document could not be stored; the message says why, in Swedish."""


# --- results -----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did. Every message already names its file."""

    files: int = 0
    files_failed: int = 0
    files_unchanged: int = 0  # every document of the file was stored before
    pages: int = 0
    found: Counter = field(default_factory=Counter)  # documents read, by DocumentKind
    stored: Counter = field(default_factory=Counter)  # documents stored, by DocumentKind
    meetings: int = 0
    paragraphs: int = 0
    participants: int = 0
    agenda_items: int = 0
    already: list[str] = field(default_factory=list)  # "redan importerad"
    skipped: list[str] = field(default_factory=list)  # documents not stored, with the reason
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    interrupted: bool = False
    page_quality: list[str] = field(default_factory=list)  # files with pages in doubt, one line each
    good_files: int = 0  # files read whose every page had a usable text layer
    ocr_pages: int = 0  # pages read with OCR

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted

    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 0 if self.ok else 1

    def summary(self) -> str:
        return _summary(self)


@dataclass
class _Outcome:
    status: str  # "stored", "already", "skipped"
    note: str = ""
    paragraphs: int = 0
    participants: int = 0
    agenda_items: int = 0
    new_meeting: bool = False
    warnings: list[str] = field(default_factory=list)


# --- walking paths -----------------------------------------------------------------------------


def find_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[str]]:
    """Files to read, in a stable order, and problems with the paths given (Swedish).

    Folders are walked recursively for ``.pdf``, ``.txt`` and ``.md`` (any case); hidden files
    and folders are left out. A file named explicitly is read whatever its name. A file reached
    twice is read once.
    """
    files: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, n)
                    for n in sorted(names)
                    if not n.startswith(".") and n.lower().endswith(SUFFIXES)
                )
            if not found:
                problems.append(f"{path}: mappen innehåller inga filer att läsa (.pdf, .txt, .md).")
            for f in found:
                add(f)
        elif os.path.isfile(path):
            add(path)
        elif os.path.exists(path):
            problems.append(f"{path}: är varken en fil eller en mapp.")
        else:
            problems.append(f"{path}: filen eller mappen finns inte.")
    return files, problems


# --- one document ------------------------------------------------------------------------------


def _describe(doc: mm.Minutes) -> str:
    parts = [KIND_NAMES.get(doc.kind, (str(doc.kind),))[0]]
    if doc.body:
        parts.append(doc.body)
    if doc.meeting.date:
        parts.append(f"{doc.meeting.date:%Y-%m-%d}")
    if doc.source and doc.source.pages:
        pages = doc.source.pages
        parts.append(f"sida {pages[0]}" if len(pages) == 1 else f"sidorna {pages[0]}–{pages[-1]}")
    return " ".join(parts)


def _municipality(doc: mm.Minutes, warnings: list[str], where: str) -> Municipality:
    name = (doc.municipality or "").strip()
    if not name:
        warnings.append(
            f"{where}: kommunen framgår inte av dokumentet; sparat under ”{DEFAULT_MUNICIPALITY}”."
        )
        name = DEFAULT_MUNICIPALITY
    municipality, _ = Municipality.objects.get_or_create(name=name)
    return municipality


def _already_stored(doc: mm.Minutes) -> Meeting | None:
    """The meeting stored from exactly this document, if any: same file digest, pages, body and
    date, and (for a protokoll) every § of the document already there."""
    src = doc.source
    if src is None or not src.sha256 or not doc.body or doc.meeting.date is None:
        return None
    candidates = Meeting.objects.filter(
        has_source=True, source_sha256=src.sha256, body__name=doc.body, date=doc.meeting.date
    ).select_related("body")
    for meeting in candidates:
        if list(meeting.source_pages) != list(src.pages):
            continue
        if doc.kind == mm.DocumentKind.NOTICE_OF_MEETING:
            if meeting.agenda_items.count() == len(doc.items):
                return meeting
            continue
        wanted = {(i.number, i.year or meeting.date.year) for i in doc.items}
        have = set(meeting.paragraphs.values_list("number", "year"))
        if wanted <= have:
            return meeting
    return None


def _same_day(municipality: Municipality, body_name: str, date) -> list[Meeting]:
    return list(
        Meeting.objects.filter(body__municipality=municipality, body__name=body_name, date=date)
        .select_related("body")
        .order_by("pk")
    )


def _is_placeholder(meeting: Meeting) -> bool:
    """A meeting known only from an imported kallelse: no attendance, no § yet."""
    return (
        meeting.has_source
        and meeting.status in (MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT)
        and not meeting.paragraphs.exists()
        and not meeting.attendances.exists()
    )


def _lock_if_adjusted(meeting: Meeting, doc: mm.Minutes, warnings: list[str], where: str) -> None:
    """An adjusted protokoll is final: lock it once all its records are written."""
    if not doc.adjusted or doc.kind != mm.DocumentKind.MINUTES:
        return
    if doc.adjusted < meeting.date:
        warnings.append(
            f"{where}: justeringsdatumet {doc.adjusted:%Y-%m-%d} ligger före sammanträdet; "
            "protokollet sparades men låstes inte."
        )
        return
    locking.adjust_meeting(meeting, doc.adjusted)


def _limit(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


def _fit_lengths(doc: mm.Minutes, where: str, warnings: list[str]) -> None:
    """Shorten texts longer than their database column, with a warning for each.

    A misread line (a paragraph of text taken for a name or a recipient) must neither make
    PostgreSQL refuse the whole document nor be stored differently by SQLite, which does not
    enforce lengths.
    """

    def fit(text: str | None, model, field_name: str, what: str) -> str | None:
        limit = _limit(model, field_name)
        if text is None or len(text) <= limit:
            return text
        warnings.append(
            f"{where}: {what} är längre än {limit} tecken och kortades: ”{text[:60]}…”."
        )
        return text[: limit - 1] + "…"

    name = (Person, "name")
    doc.municipality = fit(doc.municipality, Municipality, "name", "kommunens namn")
    doc.body = fit(doc.body, Body, "name", "organets namn")
    doc.meeting.place = fit(doc.meeting.place, Meeting, "place", "platsen")
    doc.chair = fit(doc.chair, *name, "ordförandens namn")
    doc.secretary = fit(doc.secretary, *name, "sekreterarens namn")
    doc.adjusters = [fit(a, *name, "en justerares namn") for a in doc.adjusters]
    doc.adjustment_place = fit(doc.adjustment_place, Meeting, "adjustment_place", "justeringens plats")
    doc.adjustment_time = fit(doc.adjustment_time, Meeting, "adjustment_time", "justeringens tid")
    doc.minutes_kept_at = fit(doc.minutes_kept_at, Meeting, "minutes_kept_at", "förvaringsplatsen")
    for p in doc.participants:
        p.name = fit(p.name, *name, "en deltagares namn")
        p.party = fit(p.party, Party, "short_name", f"partiet för {p.name}")
        p.office = fit(p.office, Attendance, "office", f"titeln för {p.name}")
        p.serving_for = fit(p.serving_for, *name, f"den {p.name} tjänstgör för")
    for item in doc.items:
        at = f"§ {item.number}" if item.number is not None else "en punkt"
        item.title = fit(item.title, Paragraph, "title", f"rubriken i {at}")
        item.case_number = fit(item.case_number, Paragraph, "case_number", f"diarienumret i {at}")
        item.recipients = [fit(r, Recipient, "name", f"en mottagare i {at}") for r in item.recipients]
        for r in item.recusals:
            r.name = fit(r.name, Recusal, "name", f"ett namn under jäv i {at}")
        for v in item.votes:
            v.casting_vote_by = fit(v.casting_vote_by, Vote, "casting_vote_by", f"utslagsrösten i {at}")
            for b in v.ballots:
                b.name = fit(b.name, Ballot, "name", f"ett namn i voteringen i {at}")
                b.party = fit(b.party, Ballot, "party", f"ett parti i voteringen i {at}")
                b.serving_for = fit(b.serving_for, Ballot, "serving_for", f"tjänstgör för i voteringen i {at}")


def _store_minutes(doc: mm.Minutes, where: str, warnings: list[str]) -> _Outcome:
    _fit_lengths(doc, where, warnings)
    municipality = _municipality(doc, warnings, where)
    agenda: list[dict] = []
    invitation_sent = None
    if doc.body and doc.meeting.date:
        existing = _same_day(municipality, doc.body, doc.meeting.date)
        placeholders = [m for m in existing if _is_placeholder(m)]
        others = [m for m in existing if m not in placeholders]
        if doc.kind == mm.DocumentKind.EXTRACT and others:
            return _extract_of_known_meeting(doc, others[0], where, warnings)
        if placeholders and not others:
            # The meeting was known from its kallelse: the protokoll takes its place and keeps
            # the föredragningslista.
            placeholder = placeholders[0]
            invitation_sent = placeholder.invitation_sent
            agenda = list(
                placeholder.agenda_items.order_by("order").values(
                    "order", "title", "kind", "case_id", "proposed_decision"
                )
            )
            placeholder.delete()
    try:
        meeting = minutes_to_meeting(doc, municipality)
    except ConversionError as exc:
        raise ImportFailure(str(exc)) from None
    if agenda:
        AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, **row) for row in agenda)
    if invitation_sent and not meeting.invitation_sent:
        meeting.invitation_sent = invitation_sent
        meeting.save(update_fields=["invitation_sent"])
    _lock_if_adjusted(meeting, doc, warnings, where)
    if not doc.items and doc.kind == mm.DocumentKind.MINUTES:
        warnings.append(f"{where}: inga paragrafer (§) hittades i protokollet.")
    return _Outcome(
        "stored",
        paragraphs=len(doc.items),
        participants=len(doc.participants),
        agenda_items=len(agenda),
        new_meeting=True,
    )


def _extract_of_known_meeting(
    doc: mm.Minutes, meeting: Meeting, where: str, warnings: list[str]
) -> _Outcome:
    year_of = {i.number: i.year or meeting.date.year for i in doc.items if i.number is not None}
    known = set(
        meeting.paragraphs.filter(number__in=list(year_of)).values_list("number", "year")
    )
    missing = sorted(n for n, y in year_of.items() if (n, y) not in known)
    if not missing:
        return _Outcome("already", note=f"{where}: finns redan (sammanträdet {meeting} med samma §).")
    listed = ", ".join(f"§ {n}" for n in missing)
    warnings.append(
        f"{where}: sammanträdet {meeting} finns redan; utdragets {listed} lades inte till "
        "(importera hela protokollet)."
    )
    return _Outcome("skipped", note=f"{where}: utdrag ur ett sammanträde som redan finns.")


def _person(municipality: Municipality, name: str | None) -> Person | None:
    if not name:
        return None
    found = Person.objects.filter(municipality=municipality, name=name).order_by("pk").first()
    return found or Person.objects.create(municipality=municipality, name=name)


def _agenda_rows(doc: mm.Minutes, municipality: Municipality, where: str, warnings: list[str]) -> list[dict]:
    numbers = [i.number for i in doc.items]
    use_numbers = all(n is not None and 0 < n < 32768 for n in numbers) and len(set(numbers)) == len(numbers)
    rows = []
    for index, item in enumerate(doc.items):
        order = item.number if use_numbers else index + 1
        title = " ".join((item.title or "").split()) or f"Punkt {order}"
        if len(title) > 500:
            warnings.append(f"{where}: rubriken på punkt {order} är längre än 500 tecken och kortades.")
            title = title[:499] + "…"
        case = None
        if item.case_number:
            case = Case.objects.filter(
                series__municipality=municipality, case_number=item.case_number
            ).first()
        proposed = item.proposed_decision or "\n".join(item.decision_clauses)
        kind = AgendaItemKind.CASE
        if not item.case_number and _STANDING.match(title):
            kind = AgendaItemKind.STANDING
        rows.append(
            {"order": order, "title": title, "kind": kind, "case": case, "proposed_decision": proposed}
        )
    return rows


def store_notice(doc: mm.Minutes, municipality: Municipality | None = None, *,
                 where: str = "kallelse", warnings: list[str] | None = None) -> tuple[Meeting, int, bool]:
    """Store a kallelse: a meeting (status *kallelse skickad*) with its föredragningslista.

    If the body already has a meeting that day, the agenda is added to it when it has none.
    Returns ``(meeting, agenda items written, new meeting created)``. Raises
    :class:`ImportFailure` when the kallelse names no body or no date, or the meeting already has
    a föredragningslista. Call inside a transaction (:func:`import_document` does).
    """
    warnings = [] if warnings is None else warnings
    _fit_lengths(doc, where, warnings)
    if municipality is None:
        municipality = _municipality(doc, warnings, where)
    if not doc.body:
        raise ImportFailure("Organet (nämnden) saknas i kallelsen.")
    if doc.meeting.date is None:
        raise ImportFailure("Sammanträdets datum saknas i kallelsen.")
    body, _ = Body.objects.get_or_create(
        municipality=municipality,
        name=doc.body,
        defaults={"kind": (doc.body_kind or mm.BodyKind.COMMITTEE).value},
    )
    rows = _agenda_rows(doc, municipality, where, warnings)
    existing = _same_day(municipality, doc.body, doc.meeting.date)
    if existing:
        meeting = next((m for m in existing if m.start == doc.meeting.start), existing[0])
        if meeting.agenda_items.exists():
            raise _AlreadyThere(f"{where}: finns redan (föredragningslistan för {meeting}).")
        if getattr(meeting, "locked", False):
            raise _NotStored(
                f"{where}: {meeting} är justerat och låst; föredragningslistan lades inte till."
            )
        AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, **row) for row in rows)
        if doc.invitation_sent and not meeting.invitation_sent and not getattr(meeting, "locked", False):
            meeting.invitation_sent = doc.invitation_sent
            meeting.save(update_fields=["invitation_sent"])
        return meeting, len(rows), False
    src = doc.source
    meeting = Meeting.objects.create(
        body=body,
        date=doc.meeting.date,
        start=doc.meeting.start,
        end=doc.meeting.end,
        place=doc.meeting.place or "",
        remote_participation=doc.meeting.remote_participation,
        status=MeetingStatus.NOTICE_SENT,
        invitation_sent=doc.invitation_sent,
        chair=_person(municipality, doc.chair),
        secretary=_person(municipality, doc.secretary),
        has_source=src is not None,
        source_file=(src.file or "") if src else "",
        source_sha256=(src.sha256 or "") if src else "",
        source_pages=list(src.pages) if src else [],
        source_ocr_pages=list(src.ocr_pages) if src else [],
    )
    AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, **row) for row in rows)
    return meeting, len(rows), True


class _AlreadyThere(Exception):
    """Nothing to store: the database already holds what the document says."""


class _NotStored(Exception):
    """The document is fine but is deliberately not stored; the message says why."""


def import_document(doc: mm.Minutes) -> _Outcome:
    """Store one document, whole or not at all. Raises :class:`ImportFailure` (Swedish reason)."""
    where = f"{doc.source.file if doc.source and doc.source.file else '<okänd fil>'} ({_describe(doc)})"
    if doc.kind not in _STORABLE:
        return _Outcome("skipped", note=f"{where}: lagras inte (endast protokoll, utdrag och kallelser).")
    found = _already_stored(doc)
    if found is not None:
        return _Outcome("already", note=f"{where}: redan importerad (sammanträdet {found}).")
    warnings: list[str] = []
    try:
        with transaction.atomic():
            if doc.kind == mm.DocumentKind.NOTICE_OF_MEETING:
                _meeting, written, new = store_notice(doc, where=where, warnings=warnings)
                outcome = _Outcome("stored", agenda_items=written, new_meeting=new)
            else:
                outcome = _store_minutes(doc, where, warnings)
    except _AlreadyThere as exc:
        return _Outcome("already", note=str(exc))
    except _NotStored as exc:
        return _Outcome("skipped", note=str(exc))
    except ImportFailure:
        raise
    except DatabaseError as exc:
        raise ImportFailure(f"databasen vägrade spara dokumentet ({_first_line(exc)}).") from None
    except Exception as exc:  # noqa: BLE001 - any bug must become a reported failure, not a traceback
        message = getattr(exc, "messages", None)
        text = "; ".join(message) if message else _first_line(exc)
        raise ImportFailure(f"{text} ({type(exc).__name__})") from None
    outcome.warnings = warnings
    return outcome


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --- one file ------------------------------------------------------------------------------------


def import_file(path: str, report: ImportReport, *, read=None) -> None:
    """Read ``path`` and store its documents, adding what happened to ``report``."""
    if read is None:
        from kansli.reading.api import read_file as read
    report.files += 1
    try:
        result = read(path)
    except Exception as exc:  # noqa: BLE001 - read_file promises not to raise; be safe anyway
        result = None
        error = f"{path}: oväntat fel vid läsningen ({type(exc).__name__}: {_first_line(exc)})."
    else:
        error = result.error
    if result is not None:
        report.pages += result.pages
        report.warnings.extend(_name_file(w, path) for w in result.warnings)
        if getattr(result, "pages_in_doubt", False):
            report.page_quality.append(f"{path}: {result.page_report}")
            report.ocr_pages += len(result.ocr_pages)
        elif getattr(result, "quality", None):
            report.good_files += 1
    if error:
        report.files_failed += 1
        report.failures.append(_name_file(error, path))
        return
    documents = list(result.documents)
    for doc in documents:
        report.found[doc.kind] += 1
    if not any(d.kind in _MEETING_DOCUMENTS for d in documents):
        report.files_failed += 1
        report.failures.append(
            f"{path}: inget protokoll, ingen kallelse och ingen tjänsteskrivelse hittades; "
            "filen verkar inte vara sammanträdeshandlingar."
        )
        return
    failed = False
    storable = already = 0
    not_stored = Counter(d.kind for d in documents if d.kind not in _STORABLE)
    if not_stored:
        report.skipped.append(
            f"{path}: {_kinds(not_stored)} lagras inte (bara protokoll, protokollsutdrag och "
            "kallelser sparas)."
        )
    for doc in documents:
        if doc.kind not in _STORABLE:
            continue
        storable += 1
        if doc.source is None:
            doc.source = mm.Source(file=path)
        try:
            outcome = import_document(doc)
        except ImportFailure as exc:
            failed = True
            report.failures.append(f"{path} ({_describe(doc)}): {exc}")
            continue
        report.warnings.extend(outcome.warnings)
        if outcome.status == "stored":
            report.stored[doc.kind] += 1
            report.meetings += int(outcome.new_meeting)
            report.paragraphs += outcome.paragraphs
            report.participants += outcome.participants
            report.agenda_items += outcome.agenda_items
        elif outcome.status == "already":
            already += 1
            report.already.append(outcome.note)
        else:
            report.skipped.append(outcome.note)
    if failed:
        report.files_failed += 1
    elif storable and already == storable:
        report.files_unchanged += 1


def _name_file(message: str, path: str) -> str:
    return message if path in message else f"{path}: {message}"


# --- many files ----------------------------------------------------------------------------------


def _database_ready() -> str | None:
    try:
        tables = set(connection.introspection.table_names())
    except DatabaseError as exc:
        return f"Databasen kunde inte öppnas ({_first_line(exc)})."
    needed = {Meeting._meta.db_table, AgendaItem._meta.db_table, Municipality._meta.db_table}
    if not needed <= tables:
        return "Databasen saknar Kanslis tabeller. Kör först: kansli migrate"
    return None


def import_paths(paths: Iterable[str | os.PathLike[str]], *, progress: bool | None = None,
                 stderr: TextIO | None = None, read=None, ocr: str = "never") -> ImportReport:
    """Import files and folders; the report says what happened. Never raises for bad input.

    ``ocr``: ``auto`` (pages without a usable text layer are read with Tesseract), ``always``
    or ``never`` — see :func:`kansli.reading.api.read_file`. ``kansli import`` passes ``auto``
    unless told otherwise; called from Python, nothing is OCR'd unless asked. OCR'd pages are
    recorded on each meeting (``Meeting.source_ocr_pages``)."""
    stderr = sys.stderr if stderr is None else stderr
    report = ImportReport()
    files, problems = find_files(paths)
    report.failures.extend(problems)
    show = progress if progress is not None else (len(files) > 1 and _is_tty(stderr))
    if read is None and ocr != "never":
        from kansli.reading import api

        # the OCR bar of a file shows under the files' bar when there is one, or alone on a
        # terminal for a single file
        ocr_bar = progress if progress is not None else _is_tty(stderr)

        def read(path: str):  # noqa: ANN202 - a ReadResult
            return api.read_file(path, ocr=ocr, progress=ocr_bar)
    from tqdm import tqdm

    bar = tqdm(files, desc="Importerar", unit="fil", file=stderr, disable=not show,
               dynamic_ncols=True, leave=False)
    try:
        for path in bar:
            bar.set_postfix_str(os.path.basename(path)[-40:], refresh=False)
            import_file(path, report, read=read)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        bar.close()
    return report


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run_import(paths: list[str], *, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr,
               progress: bool | None = None, ocr: str = "never") -> int:
    """``kansli import PATH…``: store the documents, print a Swedish summary on ``stdout``.

    ``progress``: a progress bar on ``stderr``; by default only for several files on a terminal.
    ``ocr``: see :func:`import_paths` (``kansli import`` passes ``auto`` by default).
    Returns 0 when every file was read and stored (or was there already), 1 when any failed,
    2 when the database is not ready, 130 when interrupted.
    """
    problem = _database_ready()
    if problem:
        print(f"fel: {problem}", file=stderr)
        return 2
    report = import_paths(paths, progress=progress, stderr=stderr, ocr=ocr)
    stdout.write(report.summary())
    stdout.flush()
    return report.exit_code()


# --- the summary ---------------------------------------------------------------------------------


def _n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _kinds(counter: Counter) -> str:
    parts = [
        _n(counter[kind], *KIND_NAMES[kind]) for kind in KIND_NAMES if counter.get(kind)
    ]
    return ", ".join(parts) if parts else "inga"


def _summary(r: ImportReport) -> str:
    lines = ["Import avbruten." if r.interrupted else "Import klar."]
    details = []
    if r.files_failed:
        details.append(f"{r.files_failed} med fel")
    if r.files_unchanged:
        details.append(f"{r.files_unchanged} redan importerade")
    more = f" ({', '.join(details)})" if details else ""
    lines.append(f"Filer: {r.files}{more}; {_n(r.pages, 'sida', 'sidor')}.")
    lines.append(f"Dokument funna: {_kinds(r.found)}.")
    lines.append(f"Sparade dokument: {_kinds(r.stored)}.")
    lines.append(
        f"Sparat: {_n(r.meetings, 'nytt sammanträde', 'nya sammanträden')}, "
        f"{_n(r.paragraphs, 'paragraf', 'paragrafer')}, "
        f"{_n(r.participants, 'deltagare', 'deltagare')}, "
        f"{_n(r.agenda_items, 'punkt', 'punkter')} på föredragningslistor."
    )
    if r.page_quality:
        lines.append(f"Sidkvalitet (textlager och OCR), {_n(r.ocr_pages, 'sida', 'sidor')} "
                     "lästa med OCR:")
        lines.extend(f"  - {q}" for q in r.page_quality)
        if r.good_files:
            lines.append(f"  - övriga {_n(r.good_files, 'fil', 'filer')}: alla sidor har gott "
                         "textlager.")
    elif r.good_files:
        lines.append("Sidkvalitet: alla sidor har gott textlager; ingen OCR behövdes.")
    if r.already:
        lines.append(f"Redan importerade ({len(r.already)}), inget ändrat:")
        lines.extend(f"  - {a}" for a in r.already)
    if r.skipped:
        lines.append(f"Ej sparade ({len(r.skipped)}):")
        lines.extend(f"  - {s}" for s in r.skipped)
    warnings = list(dict.fromkeys(r.warnings))
    if warnings:
        lines.append(f"Varningar ({len(warnings)}):")
        lines.extend(f"  - {w}" for w in warnings)
    else:
        lines.append("Varningar: inga.")
    if r.failures:
        lines.append(f"Fel ({len(r.failures)}):")
        lines.extend(f"  - {f}" for f in r.failures)
    else:
        lines.append("Fel: inga.")
    return "\n".join(lines) + "\n"


__all__ = [
    "DEFAULT_MUNICIPALITY",
    "ImportFailure",
    "ImportReport",
    "find_files",
    "import_document",
    "import_file",
    "import_paths",
    "run_import",
    "store_notice",
]
