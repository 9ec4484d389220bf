"""Keeping the search index current: what of a paragraph, case or document is indexed, and when.

Everything is read through :mod:`kansli.publishing.public`: a paragraph is indexed only when it
is not secret, its meeting is adjusted and public, and its case (if any) is public; a case only
when :func:`~kansli.publishing.public.is_public_case`; a document only when
:func:`~kansli.publishing.public.is_public_document`. Every text passes
:func:`~kansli.publishing.public.public_text`, so the index holds the masked version only.
Anything that is not (or no longer) public is removed from the index.

:mod:`kansli.search.signals` calls these functions on save and delete. Code that changes what is
public without saving one of the indexed models (e.g. confirming a masking) calls
:func:`reindex_for` (or :func:`reindex_meeting`) itself. ``kansli reindex`` runs
:func:`rebuild`.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from kansli.cases.models import Case, Document
from kansli.meetings.models import Attendance, Meeting, MeetingStatus, Paragraph
from kansli.publishing.public import (
    is_public_case,
    is_public_document,
    is_public_meeting,
    public_text,
)

from . import backends
from .models import ActorRole, EntryKind, SearchActor, SearchEntry
from .text import clean

log = logging.getLogger(__name__)

#: Extracted text of one document is indexed up to this many characters.
MAX_DOCUMENT_CHARS = 100_000

_NAME_WITH_PARTY = re.compile(r"^\s*(?P<name>.+?)\s*\((?P<party>[^()]{1,20})\)\s*$")


@dataclass
class EntryData:
    kind: str
    object_id: int
    title: str
    reference: str = ""
    text: str = ""
    body_id: int | None = None
    meeting_id: int | None = None
    number: int | None = None
    case_id: int | None = None
    year: int | None = None
    date: date | None = None
    actors: list[tuple[str, str, str]] = field(default_factory=list)  # role, name, party

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title[:10_000],
            "reference": self.reference[:100],
            "text": self.text,
            "body_id": self.body_id,
            "meeting_id": self.meeting_id,
            "number": self.number,
            "case_id": self.case_id,
            "year": self.year,
            "date": self.date,
        }


_masking = threading.local()
#: Joins many texts of one meeting for one call of public_text; private-use characters never
#: occur in indexed text (kansli.search.text.clean), so the split is exact.
_SEPARATOR = "\n\ue002\n"


def _meeting_key(obj: Any) -> int | None:
    if isinstance(obj, Paragraph):
        return obj.meeting_id
    paragraph = getattr(obj, "paragraph", None)
    return paragraph.meeting_id if isinstance(paragraph, Paragraph) else None


def _public(text: str | None, obj: Any, name: str) -> str:
    """``text`` through the publication gate (masked)."""
    text = clean(text)
    if not text:
        return ""
    collecting = getattr(_masking, "collecting", None)
    if collecting is not None:
        collecting.append((text, obj, name))
        return text
    cache = getattr(_masking, "cache", None)
    if cache is not None:
        hit = cache.get((text, _meeting_key(obj), name, type(obj).__name__))
        if hit is not None:
            return hit
    return clean(public_text(text, obj=obj, field=name))


@contextlib.contextmanager
def _masked_in_bulk(build: Any) -> Iterator[None]:
    """While the block runs, texts of meeting records that ``build()`` passes to :func:`_public`
    are already masked: collected in a dry run, then masked with one call of ``public_text`` per
    meeting, field and kind of record (their texts joined) instead of one per text. The gate
    still decides every character; this only saves its per-call cost on a full rebuild."""
    _masking.collecting = []
    try:
        build()
        requests = _masking.collecting
    finally:
        _masking.collecting = None
    groups: dict[tuple, tuple[Any, list[str]]] = {}
    for text, obj, name in requests:
        meeting = _meeting_key(obj)
        if meeting is None:
            continue
        key = (meeting, name, type(obj).__name__)
        groups.setdefault(key, (obj, []))[1].append(text)
    cache: dict[tuple, str] = {}
    for (meeting, name, kind), (obj, texts) in groups.items():
        unique = list(dict.fromkeys(texts))
        joined = public_text(_SEPARATOR.join(unique), obj=obj, field=name) or ""
        masked = [clean(part) for part in joined.split(_SEPARATOR)]
        if len(masked) != len(unique):  # the gate changed a separator: ask text by text
            masked = [clean(public_text(t, obj=obj, field=name)) for t in unique]
        cache.update(((t, meeting, name, kind), m) for t, m in zip(unique, masked, strict=True))
    _masking.cache = cache
    try:
        yield
    finally:
        _masking.cache = None


def _join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p and p.strip())


# --- paragraphs -------------------------------------------------------------------------------


def meeting_is_public(meeting: Meeting) -> bool:
    """An adjusted meeting that :func:`~kansli.publishing.public.is_public_meeting` lets out."""
    return meeting.status == MeetingStatus.ADJUSTED and is_public_meeting(meeting)


def _paragraph_is_public(paragraph: Paragraph, meeting_public: bool | None = None) -> bool:
    if paragraph.secret or (paragraph.case is not None and not is_public_case(paragraph.case)):
        return False
    return meeting_is_public(paragraph.meeting) if meeting_public is None else meeting_public


def _parties_at(meeting_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Per meeting: name → party short name as its attendance (else the person record) has it."""
    parties: dict[int, dict[str, str]] = {}
    attendances = Attendance.objects.filter(meeting_id__in=list(meeting_ids)).select_related(
        "party", "person__party"
    )
    for a in attendances:
        party = a.party or a.person.party
        if party is not None:
            parties.setdefault(a.meeting_id, {}).setdefault(a.person.name.casefold(), party.short_name)
    return parties


def _actor(name: str, parties: dict[str, str]) -> tuple[str, str]:
    match = _NAME_WITH_PARTY.match(name)
    if match:
        return match["name"], match["party"].strip()
    return name.strip(), parties.get(name.strip().casefold(), "")


def paragraph_data(
    paragraph: Paragraph, parties: dict[str, str] | None = None, meeting_public: bool | None = None
) -> EntryData | None:
    """What the index holds of ``paragraph``, or None when it is not public (``meeting_public``:
    whether its meeting is, when the caller knows)."""
    if not _paragraph_is_public(paragraph, meeting_public):
        return None
    meeting = paragraph.meeting
    if parties is None:
        parties = _parties_at([meeting.pk]).get(meeting.pk, {})
    p = paragraph
    motions = list(p.motions.all())
    texts = [
        _public(p.decision, p, "decision"),
        _join(_public(c, p, "decision_clauses") for c in p.decision_clauses or [] if isinstance(c, str)),
        _public(p.summary, p, "summary"),
        _public(p.deliberation, p, "deliberation"),
    ]
    actors: list[tuple[str, str, str]] = []
    for m in motions:
        names = [_public(n, m, "by") for n in m.by or [] if isinstance(n, str)]
        texts.append(f"{', '.join(names)}: {_public(m.text, m, 'text')}" if names else _public(m.text, m, "text"))
        actors += [(ActorRole.MOVED, *_actor(n, parties)) for n in names if n.strip()]
    for d in p.dissents.all():
        names = [_public(n, d, "by") for n in d.by or [] if isinstance(n, str)]
        actors += [(ActorRole.DISSENTED, *_actor(n, parties)) for n in names if n.strip()]
    return EntryData(
        kind=EntryKind.PARAGRAPH,
        object_id=p.pk,
        title=_public(p.title, p, "title"),
        reference=_public(p.case_number, p, "case_number"),
        text=_join(texts),
        body_id=p.body_id,
        meeting_id=meeting.pk,
        number=p.number,
        case_id=p.case_id,
        year=p.year,
        date=meeting.date,
        actors=sorted(set(actors)),
    )


def _paragraphs() -> Any:
    return Paragraph.objects.select_related("meeting", "case").prefetch_related("motions", "dissents")


# --- cases and documents ----------------------------------------------------------------------


def _latest_link(case_id: int) -> tuple[int | None, int | None]:
    """(meeting, § number) of the newest indexed (so public) paragraph about the case."""
    row = (
        SearchEntry.objects.filter(kind=EntryKind.PARAGRAPH, case_id=case_id)
        .order_by("-date", "-number")
        .values_list("meeting_id", "number")
        .first()
    )
    return row or (None, None)


def case_data(case: Case, link: tuple[int | None, int | None] | None = None) -> EntryData | None:
    if not is_public_case(case):
        return None
    meeting_id, number = link or _latest_link(case.pk)
    return EntryData(
        kind=EntryKind.CASE,
        object_id=case.pk,
        title=_public(case.title, case, "title"),
        reference=_public(case.case_number, case, "case_number"),
        body_id=case.series.body_id,
        meeting_id=meeting_id,
        number=number,
        case_id=case.pk,
        year=case.year,
        date=case.registered,
    )


def document_text(document: Document) -> str:
    """The text layer of a PDF document, or "" when there is none (a scan without OCR, a file
    pdfium cannot open). Pages that look garbled are kept: their readable words are still worth
    finding, the rest never matches."""
    if not document.file or not (document.content_type or "").endswith("pdf"):
        return ""
    import pypdfium2 as pdfium

    from kansli.reading.extract import normalise

    parts: list[str] = []
    size = 0
    try:
        with document.file.open("rb") as f:
            pdf = pdfium.PdfDocument(f.read())
        try:
            for page in pdf:
                textpage = page.get_textpage()
                parts.append(normalise(textpage.get_text_range()))
                textpage.close()
                page.close()
                size += len(parts[-1])
                if size >= MAX_DOCUMENT_CHARS:
                    break
        finally:
            pdf.close()
    except Exception as exc:  # noqa: BLE001 - an unreadable file is indexed by its title only
        log.warning("Handling %s kunde inte läsas för sökindexet: %s", document.pk, exc)
    return "\n".join(parts)[:MAX_DOCUMENT_CHARS]


def document_data(document: Document, link: tuple[int | None, int | None] | None = None) -> EntryData | None:
    if not is_public_document(document):
        return None
    case = document.case
    meeting_id, number = link or _latest_link(case.pk)
    created = document.created.date() if document.created else None
    return EntryData(
        kind=EntryKind.DOCUMENT,
        object_id=document.pk,
        title=_public(document.title, document, "title"),
        reference=_public(case.case_number, case, "case_number"),
        text=_public(document_text(document), document, "text"),
        body_id=case.series.body_id,
        meeting_id=meeting_id,
        number=number,
        case_id=case.pk,
        year=created.year if created else case.year,
        date=created,
    )


# --- writing ----------------------------------------------------------------------------------


def _store(data: EntryData) -> SearchEntry:
    entry, _ = SearchEntry.objects.update_or_create(
        kind=data.kind, object_id=data.object_id, defaults=data.fields()
    )
    SearchActor.objects.filter(entry=entry).delete()
    SearchActor.objects.bulk_create(
        SearchActor(entry=entry, role=role, name=name[:200], folded=name.casefold()[:200], party=party[:20])
        for role, name, party in data.actors
    )
    backends.current().write([entry])
    return entry


def remove(kind: str, object_id: int) -> None:
    """Take an object out of the index."""
    ids = list(SearchEntry.objects.filter(kind=kind, object_id=object_id).values_list("pk", flat=True))
    if ids:
        backends.current().delete(ids)
        SearchEntry.objects.filter(pk__in=ids).delete()


def _apply(kind: str, object_id: int, data: EntryData | None) -> None:
    with transaction.atomic():
        if data is None:
            remove(kind, object_id)
        else:
            _store(data)


def reindex_paragraph(paragraph: Paragraph | int) -> None:
    pk = paragraph if isinstance(paragraph, int) else paragraph.pk
    found = _paragraphs().filter(pk=pk).first()
    if found is not None and not meeting_is_public(found.meeting):
        # The whole meeting is not (or no longer) public, e.g. its text changed after review.
        _unindex_meeting(found.meeting_id)
        return
    data = paragraph_data(found, meeting_public=True) if found else None
    with transaction.atomic():
        old_case = (
            SearchEntry.objects.filter(kind=EntryKind.PARAGRAPH, object_id=pk)
            .values_list("case_id", flat=True)
            .first()
        )
        _apply(EntryKind.PARAGRAPH, pk, data)
        for case_id in {old_case, data.case_id if data else None} - {None}:
            _refresh_case_links(case_id)


def reindex_meeting(meeting: Meeting | int) -> None:
    """Every paragraph of the meeting (after a change of its status or attendance)."""
    pk = meeting if isinstance(meeting, int) else meeting.pk
    found = Meeting.objects.filter(pk=pk).first()
    with transaction.atomic():
        kept: set[int] = set()
        if found is not None and meeting_is_public(found):
            parties = _parties_at([pk]).get(pk, {})
            cases: set[int] = set()
            for p in _paragraphs().filter(meeting_id=pk):
                p.meeting = found
                data = paragraph_data(p, parties, meeting_public=True)
                if data is not None:
                    _store(data)
                    kept.add(p.pk)
                    if data.case_id:
                        cases.add(data.case_id)
            for case_id in cases:
                _refresh_case_links(case_id)
        _unindex_meeting(pk, keep=kept)


def _unindex_meeting(meeting_id: int, keep: set[int] | frozenset[int] = frozenset()) -> None:
    """Remove the meeting's paragraphs from the index (except ``keep``)."""
    stale = SearchEntry.objects.filter(kind=EntryKind.PARAGRAPH, meeting_id=meeting_id).exclude(
        object_id__in=keep
    )
    cases = set()
    for object_id, case_id in list(stale.values_list("object_id", "case_id")):
        remove(EntryKind.PARAGRAPH, object_id)
        cases.add(case_id)
    for case_id in cases - {None}:
        _refresh_case_links(case_id)


def _refresh_case_links(case_id: int) -> None:
    """Point the case's and its documents' entries at the newest public paragraph about it."""
    entries = SearchEntry.objects.filter(case_id=case_id, kind__in=[EntryKind.CASE, EntryKind.DOCUMENT])
    if not entries.exists():
        return
    meeting_id, number = _latest_link(case_id)
    entries.exclude(meeting_id=meeting_id, number=number).update(meeting_id=meeting_id, number=number)


def reindex_case(case: Case | int, *, related: bool = True) -> None:
    """The case; and (``related``) its documents and paragraphs, whose publicity follows the
    case's: out of the index when the case is not public, into it when they are missing."""
    pk = case if isinstance(case, int) else case.pk
    found = Case.objects.select_related("series").filter(pk=pk).first()
    data = case_data(found) if found else None
    with transaction.atomic():
        _apply(EntryKind.CASE, pk, data)
        if not related or found is None:
            return
        documents = set(Document.objects.filter(case_id=pk).values_list("pk", flat=True))
        paragraphs = set(Paragraph.objects.filter(case_id=pk).values_list("pk", flat=True))
        if data is None:
            for doc_pk in documents:
                remove(EntryKind.DOCUMENT, doc_pk)
            for par_pk in paragraphs:
                remove(EntryKind.PARAGRAPH, par_pk)
            return
        indexed = set(
            SearchEntry.objects.filter(
                Q(kind=EntryKind.DOCUMENT, object_id__in=documents)
                | Q(kind=EntryKind.PARAGRAPH, object_id__in=paragraphs)
            ).values_list("kind", "object_id")
        )
        for doc_pk in documents:
            if (EntryKind.DOCUMENT, doc_pk) not in indexed:
                reindex_document(doc_pk)
        for par_pk in paragraphs:
            if (EntryKind.PARAGRAPH, par_pk) not in indexed:
                reindex_paragraph(par_pk)


def reindex_document(document: Document | int) -> None:
    pk = document if isinstance(document, int) else document.pk
    found = Document.objects.select_related("case", "case__series").filter(pk=pk).first()
    _apply(EntryKind.DOCUMENT, pk, document_data(found) if found else None)


def reindex_for(obj: Any) -> None:
    """Reindex whatever index entries depend on ``obj`` (a meeting, paragraph, one of its parts,
    a case or a document)."""
    if isinstance(obj, Meeting):
        reindex_meeting(obj)
    elif isinstance(obj, Paragraph):
        reindex_paragraph(obj)
    elif isinstance(obj, Case):
        reindex_case(obj)
    elif isinstance(obj, Document):
        reindex_document(obj)
    elif getattr(obj, "paragraph_id", None):
        reindex_paragraph(obj.paragraph_id)
    elif getattr(obj, "meeting_id", None):
        reindex_meeting(obj.meeting_id)


# --- batching (used by the signal receivers) ---------------------------------------------------

_pending = threading.local()


def _batch() -> set[tuple[str, int]] | None:
    return getattr(_pending, "items", None)


def request(kind: str, pk: int) -> None:
    """Reindex now, or at the end of the surrounding :func:`deferred` block."""
    batch = _batch()
    if batch is not None:
        batch.add((kind, pk))
        return
    _run(kind, pk)


def _run(kind: str, pk: int) -> None:
    if kind == "meeting":
        reindex_meeting(pk)
    elif kind == EntryKind.PARAGRAPH:
        reindex_paragraph(pk)
    elif kind == EntryKind.CASE:
        reindex_case(pk)
    elif kind == EntryKind.DOCUMENT:
        reindex_document(pk)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Collect reindexing requests and run each once when the block ends (bulk writes such as an
    import save a paragraph's parts one by one)."""
    if _batch() is not None:
        yield
        return
    _pending.items = set()
    try:
        yield
        items = _pending.items
    finally:
        _pending.items = None
    # Several paragraphs of one meeting: reindex the meeting once (its publicity is decided once).
    paragraphs = [pk for kind, pk in items if kind == EntryKind.PARAGRAPH]
    meeting_of = dict(Paragraph.objects.filter(pk__in=paragraphs).values_list("pk", "meeting_id"))
    per_meeting: dict[int, int] = {}
    for meeting_id in meeting_of.values():
        per_meeting[meeting_id] = per_meeting.get(meeting_id, 0) + 1
    meetings = {pk for kind, pk in items if kind == "meeting"}
    meetings |= {m for m, n in per_meeting.items() if n > 1}
    for kind, pk in sorted(items, key=lambda i: (i[0] != "meeting", i)):
        if kind == EntryKind.PARAGRAPH and meeting_of.get(pk) in meetings:
            continue
        if kind != "meeting":
            _run(kind, pk)
    for pk in sorted(meetings):
        _run("meeting", pk)


# --- the whole index --------------------------------------------------------------------------


@dataclass
class RebuildCounts:
    paragraphs: int = 0
    cases: int = 0
    documents: int = 0


def _bulk_store(rows: list[EntryData]) -> None:
    entries = SearchEntry.objects.bulk_create(
        SearchEntry(kind=d.kind, object_id=d.object_id, **d.fields()) for d in rows
    )
    SearchActor.objects.bulk_create(
        (
            SearchActor(entry=e, role=role, name=name[:200], folded=name.casefold()[:200], party=party[:20])
            for e, d in zip(entries, rows, strict=True)
            for role, name, party in d.actors
        ),
        batch_size=2000,
    )
    backends.current().write(entries)


def _paragraph_rows(paragraphs: list[Paragraph], parties: dict[int, dict[str, str]]) -> list[EntryData]:
    rows = []
    for p in paragraphs:
        data = paragraph_data(p, parties.get(p.meeting_id, {}), meeting_public=True)
        if data is not None:
            rows.append(data)
    return rows


def _all_links() -> dict[int, tuple[int, int]]:
    """Case id → (meeting, §) of the newest indexed paragraph about it."""
    links: dict[int, tuple[int, int]] = {}
    rows = (
        SearchEntry.objects.filter(kind=EntryKind.PARAGRAPH, case_id__isnull=False)
        .order_by("date", "number")
        .values_list("case_id", "meeting_id", "number")
    )
    for case_id, meeting_id, number in rows.iterator(chunk_size=5000):
        links[case_id] = (meeting_id, number)
    return links


def rebuild(chunk: int = 2000, progress: Any = None) -> RebuildCounts:
    """Empty the index and build it again from every public paragraph, case and document."""
    counts = RebuildCounts()
    with transaction.atomic():
        backends.current().clear()
        with connection.cursor() as cursor:  # one statement each, not a row-by-row ORM delete
            cursor.execute(f"DELETE FROM {SearchActor._meta.db_table}")
            cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")
        meeting_ids = list(
            Meeting.objects.filter(status=MeetingStatus.ADJUSTED).order_by("pk").values_list("pk", flat=True)
        )
        for start in range(0, len(meeting_ids), 200):
            ids = meeting_ids[start : start + 200]
            public = {m.pk for m in Meeting.objects.filter(pk__in=ids) if meeting_is_public(m)}
            parties = _parties_at(public)
            paragraphs = list(_paragraphs().filter(meeting_id__in=public).order_by("meeting_id", "number"))
            build = functools.partial(_paragraph_rows, paragraphs, parties)
            with _masked_in_bulk(build):
                rows = build()
            for i in range(0, len(rows), chunk):
                _bulk_store(rows[i : i + chunk])
            counts.paragraphs += len(rows)
            if progress:
                progress(counts)
        links = _all_links()
        rows = []
        for case in Case.objects.select_related("series").iterator(chunk_size=chunk):
            data = case_data(case, links.get(case.pk, (None, None)))
            if data is not None:
                rows.append(data)
            if len(rows) >= chunk:
                _bulk_store(rows)
                counts.cases += len(rows)
                rows = []
        _bulk_store(rows)
        counts.cases += len(rows)
        rows = []
        for document in Document.objects.select_related("case", "case__series").iterator(chunk_size=200):
            data = document_data(document, links.get(document.case_id, (None, None)))
            if data is not None:
                rows.append(data)
            if len(rows) >= 200:
                _bulk_store(rows)
                counts.documents += len(rows)
                rows = []
        _bulk_store(rows)
        counts.documents += len(rows)
    return counts
