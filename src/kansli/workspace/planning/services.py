"""Planning a meeting without HTTP: the föredragningslista, the kallelse and the pack behind it.

Every function that changes the agenda refuses (with :class:`PlanningError`, a Swedish message)
when the meeting has been held or its protokoll adjusted: after that the agenda is part of the
record. Order numbers stay unique per meeting (the ``agendaitem_unique_order`` constraint) and
always run 1, 2, 3 …: :func:`renumber` writes them in two passes inside one transaction.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

import pypdfium2 as pdfium
from django.db import transaction
from django.db.models import Max, QuerySet

from kansli import minutes as mm
from kansli.cases.models import Case, CaseStatus, Document
from kansli.law.deadlines import kallelse_deadline
from kansli.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from kansli.organisation.models import Body, Membership, Office, Person
from kansli.writing.html import render_notice_of_meeting_html
from kansli.writing.pdf import notice_of_meeting_pdf

#: Statuses of a meeting whose agenda may still change (an "open" agenda).
OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT)

#: The standing items: (title, proposed decision, placed first?, words that show the agenda
#: already has it under another wording, e.g. "Mötets öppnande och upprop"). The first three
#: open the meeting, the rest follow the cases.
STANDING_ITEMS: list[tuple[str, str, bool, tuple[str, ...]]] = [
    ("Mötets öppnande", "", True, ("öppnande",)),
    ("Val av justerare och tid för justering", "", True, ("justerare",)),
    ("Godkännande av föredragningslistan", "Föredragningslistan godkänns.", True,
     ("föredragningslista", "dagordning")),
    ("Anmälan av delegationsbeslut", "Anmälan av delegationsbeslut läggs till handlingarna.", False,
     ("delegationsbeslut",)),
    ("Meddelanden/anmälningsärenden", "Meddelandena läggs till handlingarna.", False,
     ("meddelande", "anmälningsärende")),
    ("Information", "Informationen noteras.", False, ("information",)),
]

#: The heading (and bookmark) of the pack's part after the kallelse.
PACK_HEADING = "Handlingar till sammanträdet"

NO_PAGE_NUMBERS = "<style>@page { @bottom-right { content: none; } }</style>"

#: What the pack says instead of a secret document.
SECRET_NOTE = "sekretessbelagd handling – finns hos nämndsekreteraren"

_TEMPORARY_BASE = 30000  # below PositiveSmallIntegerField's 32767; agendas are far shorter


class PlanningError(ValueError):
    """The planning step was refused; the message says why and what to do (Swedish)."""


class AgendaClosed(PlanningError):
    """The meeting has been held or adjusted: its agenda is part of the record now."""


# --- meetings ------------------------------------------------------------------------------------


def default_chair(body: Body, day: dt.date) -> Person | None:
    """The body's ordförande on ``day`` from its memberships (None when there is none)."""
    for membership in Membership.objects.filter(body=body, office=Office.CHAIR).select_related("term", "person"):
        if membership.active_on(day):
            return membership.person
    return None


def default_secretary(body: Body, fallback: Person | None = None) -> Person | None:
    """The secretary of the body's latest meeting, else ``fallback`` (e.g. the signed-in user)."""
    latest = (
        Meeting.objects.filter(body=body, secretary__isnull=False)
        .order_by("-date", "-start")
        .select_related("secretary")
        .first()
    )
    return latest.secretary if latest else fallback


def create_meeting(
    body: Body,
    date: dt.date,
    start: dt.time | None,
    place: str,
    *,
    chair: Person | None = None,
    secretary: Person | None = None,
) -> Meeting:
    """Plan a meeting; the chair defaults to the body's ordförande on that day."""
    if Meeting.objects.filter(body=body, date=date, start=start).exists():
        when = f"{date:%Y-%m-%d}" + (f" kl. {start:%H.%M}" if start else "")
        raise PlanningError(f"{body.name} har redan ett sammanträde {when}. Välj en annan dag eller tid.")
    for person, what in ((chair, "Ordföranden"), (secretary, "Sekreteraren")):
        if person is not None and person.municipality_id != body.municipality_id:
            raise PlanningError(f"{what} måste höra till {body.municipality.name}.")
    return Meeting.objects.create(
        body=body,
        date=date,
        start=start,
        place=place.strip(),
        chair=chair or default_chair(body, date),
        secretary=secretary,
        minutes_kept_at=getattr(body.municipality, "minutes_kept_at", "") or "",
        status=MeetingStatus.PLANNED,
    )


# --- the agenda ----------------------------------------------------------------------------------


def agenda_is_editable(meeting: Meeting) -> bool:
    return not meeting.locked and meeting.status in OPEN_STATUSES


def check_editable(meeting: Meeting) -> None:
    if meeting.locked or meeting.status == MeetingStatus.ADJUSTED:
        raise AgendaClosed(
            f"Protokollet för sammanträdet {meeting.date:%Y-%m-%d} är justerat och låst; "
            "föredragningslistan kan inte ändras."
        )
    if meeting.status not in OPEN_STATUSES:
        raise AgendaClosed(
            f"Sammanträdet {meeting.date:%Y-%m-%d} är redan genomfört; föredragningslistan kan inte "
            "längre ändras. Ändringar görs i protokollet."
        )


def agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.select_related("case").order_by("order", "pk"))


def renumber(meeting: Meeting, items: list[AgendaItem]) -> None:
    """Give ``items`` (all the meeting's items, in their new order) the numbers 1, 2, 3 …

    Two passes in one transaction so that no intermediate state breaks the unique
    (meeting, order) constraint, whatever the database checks it against.
    """
    with transaction.atomic():
        for index, item in enumerate(items):
            AgendaItem.objects.filter(pk=item.pk, meeting=meeting).update(order=_TEMPORARY_BASE + index)
        for index, item in enumerate(items, start=1):
            AgendaItem.objects.filter(pk=item.pk, meeting=meeting).update(order=index)
            item.order = index


def _locked_meeting(meeting: Meeting) -> Meeting:
    """Re-read the meeting under a row lock so two edits of one agenda do not interleave."""
    fresh = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    check_editable(fresh)
    return fresh


def missing_standing(items: list[AgendaItem]) -> list[tuple[str, str, bool, tuple[str, ...]]]:
    """The standing items an agenda lacks: none of its standing items mentions their words."""
    have = [item.title.casefold() for item in items if item.kind == AgendaItemKind.STANDING]
    return [spec for spec in STANDING_ITEMS if not any(word in title for title in have for word in spec[3])]


def add_standing_items(meeting: Meeting) -> list[AgendaItem]:
    """Add the standing items the agenda lacks; the opening ones go first."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        current = agenda(meeting)
        top: list[AgendaItem] = []
        bottom: list[AgendaItem] = []
        start = (meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 1
        for title, proposal, first, _ in missing_standing(current):
            item = AgendaItem.objects.create(
                meeting=meeting, order=start, title=title, kind=AgendaItemKind.STANDING,
                proposed_decision=proposal,
            )
            start += 1
            (top if first else bottom).append(item)
        if top or bottom:
            # New opening items go after the opening items the agenda already has.
            at = _opening_end(current)
            renumber(meeting, current[:at] + top + current[at:] + bottom)
        return top + bottom


def _is_opening(item: AgendaItem) -> bool:
    title = item.title.casefold()
    return item.kind == AgendaItemKind.STANDING and any(
        word in title for _, _, first, words in STANDING_ITEMS if first for word in words
    )


def _opening_end(items: list[AgendaItem]) -> int:
    """Index after the leading run of opening standing items."""
    at = 0
    while at < len(items) and _is_opening(items[at]):
        at += 1
    return at


def ready_cases(meeting: Meeting) -> QuerySet[Case]:
    """Cases of the meeting's body that are ready for decision and on no open agenda."""
    on_open_agenda = AgendaItem.objects.filter(
        case__isnull=False, meeting__status__in=OPEN_STATUSES
    ).values("case_id")
    return (
        Case.objects.filter(series__body=meeting.body, status=CaseStatus.READY)
        .exclude(pk__in=on_open_agenda)
        .select_related("series")
        .order_by("year", "sequence")
    )


def case_proposal(case: Case) -> str:
    """A starting point for the proposed decision: the case's latest one on any agenda, else empty."""
    earlier = (
        AgendaItem.objects.filter(case=case).exclude(proposed_decision="").order_by("-meeting__date", "-pk").first()
    )
    return earlier.proposed_decision if earlier else ""


def add_case(meeting: Meeting, case: Case, proposed_decision: str = "") -> AgendaItem:
    """Put a ready case of the meeting's body on the agenda, after the last case item."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        case = Case.objects.select_for_update().select_related("series").get(pk=case.pk)
        if case.series.body_id != meeting.body_id:
            raise PlanningError(
                f"Ärendet {case.case_number} hör inte till {meeting.body.name} och kan inte tas upp på "
                "dess föredragningslista."
            )
        if case.status != CaseStatus.READY:
            raise PlanningError(
                f"Ärendet {case.case_number} är inte klart för beslut (status: {case.get_status_display()}). "
                "Markera det som klart för beslut först."
            )
        other = (
            AgendaItem.objects.filter(case=case, meeting__status__in=OPEN_STATUSES)
            .select_related("meeting")
            .first()
        )
        if other is not None:
            raise PlanningError(
                f"Ärendet {case.case_number} står redan på föredragningslistan för sammanträdet "
                f"{other.meeting.date:%Y-%m-%d}. Ta bort det där först."
            )
        current = agenda(meeting)
        new = AgendaItem.objects.create(
            meeting=meeting,
            order=(max((i.order for i in current), default=0) + 1),
            title=case.title[:500],
            kind=AgendaItemKind.CASE,
            case=case,
            proposed_decision=proposed_decision.strip(),
        )
        # After the last case item, or after the opening standing items when there is none.
        position = _opening_end(current)
        for index, item in enumerate(current, start=1):
            if item.kind == AgendaItemKind.CASE:
                position = index
        renumber(meeting, current[:position] + [new] + current[position:])
        return new


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    try:
        return AgendaItem.objects.get(pk=item_pk, meeting=meeting)
    except AgendaItem.DoesNotExist:
        raise PlanningError("Punkten finns inte på den här föredragningslistan.") from None


def move_item(meeting: Meeting, item_pk: int, step: int) -> AgendaItem:
    """Move an item one place up (``step=-1``) or down (``step=1``); at either end nothing moves."""
    if step not in (-1, 1):
        raise PlanningError("Okänd riktning: välj Upp eller Ner.")
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        item = _item(meeting, item_pk)
        items = agenda(meeting)
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index + step
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
        renumber(meeting, items)
        return next(other for other in items if other.pk == item.pk)


def remove_item(meeting: Meeting, item_pk: int) -> AgendaItem:
    """Remove an item and close the gap in the numbering; returns the removed item."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        item = _item(meeting, item_pk)
        item.delete()
        renumber(meeting, agenda(meeting))
        return item


def update_item(meeting: Meeting, item_pk: int, title: str, proposed_decision: str) -> AgendaItem:
    title = title.strip()
    if not title:
        raise PlanningError("Punkten måste ha en rubrik.")
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        item = _item(meeting, item_pk)
        item.title = title[:500]
        item.proposed_decision = proposed_decision.strip()
        item.save(update_fields=["title", "proposed_decision"])
        return item


# --- kallelse and sending ------------------------------------------------------------------------


def notice_minutes(meeting: Meeting, items: Iterable[AgendaItem] | None = None) -> mm.Minutes:
    """The kallelse as a minutes-model document, numbered in agenda order.

    ``items`` are the agenda rows to print, in order (default: the meeting's whole agenda as
    recorded). The public kallelse passes the rows as the public may read them.
    """
    body = meeting.body
    return mm.Minutes(
        kind=mm.DocumentKind.NOTICE_OF_MEETING,
        municipality=body.municipality.name,
        body=body.name,
        body_kind=mm.BodyKind(body.kind),
        meeting=mm.Meeting(date=meeting.date, start=meeting.start, end=meeting.end, place=meeting.place or None),
        chair=meeting.chair.name if meeting.chair_id else None,
        secretary=meeting.secretary.name if meeting.secretary_id else None,
        invitation_sent=meeting.invitation_sent,
        items=[
            mm.Item(
                number=item.order,
                title=item.title,
                case_number=item.case.case_number if item.case_id else None,
                proposed_decision=item.proposed_decision or None,
            )
            for item in (agenda(meeting) if items is None else items)
        ],
    )


def kallelse_html(meeting: Meeting) -> str:
    return render_notice_of_meeting_html(notice_minutes(meeting))


def kallelse_pdf(meeting: Meeting) -> bytes:
    return notice_of_meeting_pdf(notice_minutes(meeting))


def deadline(meeting: Meeting) -> dt.date:
    """The last day to send the kallelse under the body's reglemente."""
    return kallelse_deadline(meeting.date, meeting.body.kallelse_days_before)


@dataclass
class SendResult:
    meeting: Meeting
    deadline: dt.date
    late: bool
    already_sent: dt.date | None

    @property
    def warning(self) -> str:
        if not self.late:
            return ""
        days = self.meeting.body.kallelse_days_before
        return (
            f"Observera: kallelsen skickades {self.meeting.invitation_sent:%Y-%m-%d}, efter sista dag "
            f"{self.deadline:%Y-%m-%d} ({days} dagar före sammanträdet enligt reglementet för "
            f"{self.meeting.body.name})."
        )


def mark_sent(meeting: Meeting, sent: dt.date) -> SendResult:
    """Record that the kallelse was sent on ``sent``; late sending is allowed but reported."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if sent > meeting.date:
            raise PlanningError(
                f"Kallelsen kan inte ha skickats efter sammanträdet ({meeting.date:%Y-%m-%d}). Kontrollera datumet."
            )
        if not meeting.agenda_items.exists():
            raise PlanningError("Föredragningslistan är tom. Lägg till punkter innan kallelsen skickas.")
        already = meeting.invitation_sent
        meeting.invitation_sent = sent
        meeting.status = MeetingStatus.NOTICE_SENT
        meeting.save(update_fields=["invitation_sent", "status"])
        last_day = deadline(meeting)
        return SendResult(meeting=meeting, deadline=last_day, late=sent > last_day, already_sent=already)


# --- the pack ------------------------------------------------------------------------------------


@dataclass
class PackEntry:
    item: AgendaItem
    included: list[Document] = field(default_factory=list)
    secret: list[Document] = field(default_factory=list)
    not_pdf: list[Document] = field(default_factory=list)
    unreadable: list[Document] = field(default_factory=list)


@dataclass
class Pack:
    pdf: bytes
    entries: list[PackEntry]

    @property
    def included(self) -> list[Document]:
        return [d for e in self.entries for d in e.included]


def _is_pdf(doc: Document) -> bool:
    return doc.content_type == "application/pdf" or doc.file.name.lower().endswith(".pdf")


def _read(doc: Document) -> bytes | None:
    try:
        with doc.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def _open_pdf(data: bytes) -> pdfium.PdfDocument | None:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    if len(pdf) == 0:
        pdf.close()
        return None
    return pdf


def _section(entry: PackEntry, first: bool) -> str:
    item = entry.item
    case = item.case
    style = "" if first else ' style="break-before: page"'
    lines = [
        f'<section class="pack-item"{style}>',
        f"<h3>{item.order}. {escape(item.title)}</h3>",
    ]
    if case is not None:
        lines.append(f'<p class="case-number">Dnr {escape(case.case_number)}</p>')
    lines.append('<p class="pack-docs">Handlingar i ärendet:</p><ul>')
    for doc in entry.included:
        lines.append(f"<li>{escape(doc.title)}</li>")
    for doc in entry.secret:
        lines.append(f"<li>{escape(doc.title if not (case and case.secret) else doc.get_kind_display())}: {SECRET_NOTE}</li>")
    for doc in entry.not_pdf:
        lines.append(f"<li>{escape(doc.title)}: finns hos nämndsekreteraren (inte i PDF-format)</li>")
    for doc in entry.unreadable:
        lines.append(f"<li>{escape(doc.title)}: kunde inte läsas – finns hos nämndsekreteraren</li>")
    if not (entry.included or entry.secret or entry.not_pdf or entry.unreadable):
        lines.append("<li>Inga handlingar.</li>")
    lines.append("</ul></section>")
    return "\n".join(lines)


def _section_starts(pdf: pdfium.PdfDocument, count: int) -> list[int]:
    """0-based first pages of the ``count`` item sections under the pack heading's bookmark."""
    toc = list(pdf.get_toc())
    heading = max(i for i, mark in enumerate(toc) if mark.get_title() == PACK_HEADING)
    level = toc[heading].level
    starts = []
    for mark in toc[heading + 1:]:
        if mark.level <= level:
            break
        if mark.level == level + 1:
            starts.append(mark.get_dest().get_index())
    if len(starts) != count:
        raise RuntimeError(f"Handlingarna kunde inte placeras: {len(starts)} av {count} avsnitt hittades.")
    return starts


def build_pack(meeting: Meeting) -> Pack:
    """The kallelse followed by the non-secret PDF documents of each case item, in agenda order.

    Before each case item's documents comes a page listing them (and naming the secret ones,
    which are never included); those pages are bookmarks in the PDF's outline. A document is
    secret when it is marked secret or its case is. The pack is tagged PDF but makes no PDF/A
    claim: the documents it carries are whatever was uploaded.
    """
    from weasyprint import HTML  # lazily: loads pango

    entries: list[PackEntry] = []
    sources: dict[int, pdfium.PdfDocument] = {}
    try:
        for item in agenda(meeting):
            if item.case_id is None:
                continue
            entry = PackEntry(item=item)
            for doc in item.case.documents.order_by("created", "pk"):
                if doc.secret or item.case.secret:
                    entry.secret.append(doc)
                elif not _is_pdf(doc):
                    entry.not_pdf.append(doc)
                else:
                    data = _read(doc)
                    pdf = _open_pdf(data) if data is not None else None
                    if pdf is None:
                        entry.unreadable.append(doc)
                    else:
                        sources[doc.pk] = pdf
                        entry.included.append(doc)
            entries.append(entry)

        html = kallelse_html(meeting)
        if entries:
            sections = (
                '<section class="pack" aria-labelledby="pack-h">\n'
                f'<h2 id="pack-h" style="break-before: page">{PACK_HEADING}</h2>\n'
            )
            sections += "\n".join(_section(e, n == 0) for n, e in enumerate(entries)) + "\n</section>\n"
            cut = html.rfind("</main>")
            html = html[:cut] + sections + html[cut:] if cut >= 0 else html + sections
            # The documents put in afterwards would make "Sida X av Y" wrong: no page numbers.
            cut = html.find("</head>")
            if cut >= 0:
                html = html[:cut] + NO_PAGE_NUMBERS + html[cut:]
        front = pdfium.PdfDocument(HTML(string=html).write_pdf(pdf_tags=True))
        try:
            # Each case item's documents go right after its list page(s): before the next
            # item's list, found through the outline WeasyPrint made from the headings.
            starts = _section_starts(front, len(entries)) if entries else []
            ends = starts[1:] + [len(front)] if starts else []
            inserted = 0
            for entry, end in zip(entries, ends, strict=True):
                at = end + inserted
                for doc in entry.included:
                    source = sources[doc.pk]
                    front.import_pages(source, index=at)
                    at += len(source)
                    inserted += len(source)
            buffer = io.BytesIO()
            front.save(buffer)
        finally:
            front.close()
        return Pack(pdf=buffer.getvalue(), entries=entries)
    finally:
        for pdf in sources.values():
            pdf.close()
