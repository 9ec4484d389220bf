"""Planning without HTTP: standing items, cases, order, the kallelse deadline and the pack."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest
from django.core.files.base import ContentFile

from kansli.cases.models import Case, CaseSeries, CaseStatus, Document, DocumentKind
from kansli.cases.services import register_case
from kansli.demo.pdf import make_pdf
from kansli.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from kansli.organisation.models import Body
from kansli.workspace.planning import services

from .conftest import docx_bytes


def upcoming() -> Meeting:
    """The demo's planned meeting that already has an agenda."""
    return Meeting.objects.filter(status=MeetingStatus.PLANNED, agenda_items__isnull=False).distinct().get()


def adjusted() -> Meeting:
    return Meeting.objects.filter(locked=True).order_by("-date").first()


DEMO_TODAY = dt.date(2026, 11, 23)  # the demo fixture's "today"; the demo term ends 2026-12-31


def new_meeting(days: int = 17, body: Body | None = None) -> Meeting:
    body = body or Body.objects.get(abbreviation="VON")
    return services.create_meeting(body, DEMO_TODAY + dt.timedelta(days=days), dt.time(18, 0), "Sessionssalen")


def add_doc(case: Case, title: str, data: bytes, *, secret: bool = False, name: str = "handling.pdf",
            content_type: str = "application/pdf") -> Document:
    doc = Document(case=case, kind=DocumentKind.MEMO, title=title, secret=secret, content_type=content_type)
    doc.file.save(name, ContentFile(data), save=False)
    doc.save()
    return doc


def ready_case(series: CaseSeries, title: str = "Riktlinjer för trygghetslarm") -> Case:
    return register_case(series, title, status=CaseStatus.READY)


def orders(meeting: Meeting) -> list[tuple[int, str]]:
    return list(meeting.agenda_items.order_by("order").values_list("order", "title"))


def pdf_text(data: bytes) -> tuple[int, list[str]]:
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf), [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


# --- meetings ------------------------------------------------------------------------------------


def test_create_meeting_defaults_chair_from_memberships(demo):
    meeting = new_meeting()
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.chair is not None
    assert meeting.chair == services.default_chair(meeting.body, meeting.date)
    assert meeting.chair.memberships.filter(body=meeting.body, office="chair").exists()


def test_create_meeting_twice_at_same_time_is_refused(demo):
    meeting = new_meeting()
    with pytest.raises(services.PlanningError, match="redan ett sammanträde"):
        services.create_meeting(meeting.body, meeting.date, meeting.start, "Annan plats")
    assert Meeting.objects.filter(body=meeting.body, date=meeting.date).count() == 1


def test_default_secretary_is_the_latest_meetings(demo):
    body = Body.objects.get(abbreviation="VON")
    assert services.default_secretary(body).title == "nämndsekreterare"


# --- the agenda ----------------------------------------------------------------------------------


def test_standing_items_added_once_opening_first(demo, series):
    meeting = new_meeting()
    case = ready_case(series)
    services.add_case(meeting, case, "Nämnden antar riktlinjerna.")
    added = services.add_standing_items(meeting)
    assert len(added) == 6
    titles = [title for _, title in orders(meeting)]
    assert titles == [
        "Mötets öppnande",
        "Val av justerare och tid för justering",
        "Godkännande av föredragningslistan",
        case.title,
        "Anmälan av delegationsbeslut",
        "Meddelanden/anmälningsärenden",
        "Information",
    ]
    assert [o for o, _ in orders(meeting)] == list(range(1, 8))
    assert all(
        i.kind == AgendaItemKind.STANDING for i in meeting.agenda_items.exclude(case=case)
    )
    assert services.add_standing_items(meeting) == []
    assert meeting.agenda_items.count() == 7


def test_add_case_goes_after_the_last_case(demo, series):
    meeting = upcoming()
    before = orders(meeting)
    last_case = meeting.agenda_items.filter(kind=AgendaItemKind.CASE).order_by("-order").first()
    case = ready_case(series)
    item = services.add_case(meeting, case, "  Nämnden antar riktlinjerna. ")
    assert item.order == last_case.order + 1
    assert item.proposed_decision == "Nämnden antar riktlinjerna."
    assert item.title == case.title and item.kind == AgendaItemKind.CASE
    after = orders(meeting)
    assert [o for o, _ in after] == list(range(1, len(before) + 2))
    assert [t for _, t in after if t != case.title] == [t for _, t in before]


def test_ready_cases_of_this_body_only_and_not_on_another_open_agenda(demo, series):
    meeting = new_meeting()
    mine = ready_case(series)
    not_ready = register_case(series, "Under beredning", status=CaseStatus.IN_PREPARATION)
    ks = CaseSeries.objects.get(code="KS")
    foreign = register_case(ks, "Kommunstyrelsens ärende", status=CaseStatus.READY)
    found = set(services.ready_cases(meeting))
    assert mine in found and not_ready not in found and foreign not in found
    # The demo's ready cases are all on the upcoming meeting's open agenda.
    assert not found & {i.case for i in upcoming().agenda_items.filter(case__isnull=False)}

    with pytest.raises(services.PlanningError, match="hör inte till"):
        services.add_case(meeting, foreign)
    with pytest.raises(services.PlanningError, match="inte klart för beslut"):
        services.add_case(meeting, not_ready)
    taken = upcoming().agenda_items.filter(case__isnull=False).first().case
    with pytest.raises(services.PlanningError, match="står redan på föredragningslistan"):
        services.add_case(meeting, taken)
    assert meeting.agenda_items.count() == 0


def test_move_up_down_and_at_the_ends(demo):
    meeting = upcoming()
    items = list(meeting.agenda_items.order_by("order"))
    first, second, last = items[0], items[1], items[-1]
    services.move_item(meeting, second.pk, -1)
    assert [i.pk for i in meeting.agenda_items.order_by("order")][:2] == [second.pk, first.pk]
    services.move_item(meeting, second.pk, -1)  # already first: nothing moves
    assert meeting.agenda_items.order_by("order").first().pk == second.pk
    services.move_item(meeting, last.pk, 1)  # already last
    assert meeting.agenda_items.order_by("order").last().pk == last.pk
    services.move_item(meeting, second.pk, 1)
    assert [i.pk for i in meeting.agenda_items.order_by("order")] == [i.pk for i in items]
    assert [o for o, _ in orders(meeting)] == list(range(1, len(items) + 1))
    with pytest.raises(services.PlanningError):
        services.move_item(meeting, first.pk, 2)


def test_remove_closes_the_gap(demo):
    meeting = upcoming()
    items = list(meeting.agenda_items.order_by("order"))
    services.remove_item(meeting, items[2].pk)
    assert not AgendaItem.objects.filter(pk=items[2].pk).exists()
    assert [pk for pk in meeting.agenda_items.order_by("order").values_list("pk", flat=True)] == [
        i.pk for i in items if i.pk != items[2].pk
    ]
    assert [o for o, _ in orders(meeting)] == list(range(1, len(items)))


def test_item_of_another_meeting_is_refused(demo):
    meeting = new_meeting()
    other_item = upcoming().agenda_items.first()
    with pytest.raises(services.PlanningError, match="finns inte"):
        services.remove_item(meeting, other_item.pk)
    assert AgendaItem.objects.filter(pk=other_item.pk).exists()


@pytest.mark.parametrize("status", [MeetingStatus.HELD, "locked"])
def test_held_or_adjusted_meeting_agenda_is_closed(demo, series, status):
    if status == "locked":
        meeting = adjusted()
    else:
        meeting = Meeting.objects.get(status=MeetingStatus.HELD, body__abbreviation="VONAU")
        AgendaItem.objects.create(meeting=meeting, order=1, title="Information", kind=AgendaItemKind.STANDING)
    before = orders(meeting)
    item_pk = meeting.agenda_items.values_list("pk", flat=True).first()
    case = ready_case(series)
    attempts = [
        lambda: services.add_standing_items(meeting),
        lambda: services.add_case(meeting, case),
        lambda: services.mark_sent(meeting, meeting.date),
    ]
    if item_pk:
        attempts += [
            lambda: services.move_item(meeting, item_pk, 1),
            lambda: services.remove_item(meeting, item_pk),
            lambda: services.update_item(meeting, item_pk, "Ny rubrik", ""),
        ]
    for attempt in attempts:
        with pytest.raises(services.AgendaClosed) as err:
            attempt()
        assert "kan inte" in str(err.value)
    assert orders(meeting) == before


# --- sending -------------------------------------------------------------------------------------


def test_mark_sent_in_time_and_late(demo):
    meeting = upcoming()
    days = meeting.body.kallelse_days_before
    last_day = meeting.date - dt.timedelta(days=days)
    result = services.mark_sent(meeting, last_day)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.NOTICE_SENT and meeting.invitation_sent == last_day
    assert not result.late and result.warning == ""

    late = services.mark_sent(meeting, last_day + dt.timedelta(days=1))
    assert late.late and late.deadline == last_day
    assert f"efter sista dag {last_day:%Y-%m-%d}" in late.warning
    meeting.refresh_from_db()
    assert meeting.invitation_sent == last_day + dt.timedelta(days=1)  # warned, not refused

    with pytest.raises(services.PlanningError, match="efter sammanträdet"):
        services.mark_sent(meeting, meeting.date + dt.timedelta(days=1))


def test_mark_sent_refuses_an_empty_agenda(demo):
    meeting = new_meeting()
    with pytest.raises(services.PlanningError, match="tom"):
        services.mark_sent(meeting, DEMO_TODAY)
    meeting.refresh_from_db()
    assert meeting.invitation_sent is None and meeting.status == MeetingStatus.PLANNED


# --- kallelse and pack ---------------------------------------------------------------------------


def test_kallelse_lists_the_agenda_in_order(demo):
    meeting = upcoming()
    html = services.kallelse_html(meeting)
    titles = list(meeting.agenda_items.order_by("order").values_list("title", flat=True))
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)
    case_item = meeting.agenda_items.filter(case__isnull=False).first()
    assert f"Dnr {case_item.case.case_number}" in html
    pages, texts = pdf_text(services.kallelse_pdf(meeting))
    assert pages >= 1 and "Kallelse" in texts[0]
    assert "Föredragningslista" in "".join(texts)


def test_pack_has_non_secret_pdfs_only_in_agenda_order(demo, series):
    meeting = new_meeting()
    services.add_standing_items(meeting)
    first = ready_case(series, "Riktlinjer för trygghetslarm")
    second = ready_case(series, "Taxa för matdistribution")
    long_text = [f"Stycke {n} i utredningen om trygghetslarm." for n in range(80)]
    open_a = add_doc(first, "Tjänsteskrivelse trygghetslarm", make_pdf("ALFAHANDLING", long_text))
    add_doc(first, "Utredning om enskild", make_pdf("HEMLIGHANDLING", ["Uppgifter om en enskild."]), secret=True)
    add_doc(first, "Skiss i Word", docx_bytes(), name="skiss.docx",
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    open_b = add_doc(second, "Tjänsteskrivelse taxa", make_pdf("BETAHANDLING", ["Förslag till taxa."]))
    add_doc(second, "Trasig fil", b"%PDF-1.4 inte en riktig pdf")
    services.add_case(meeting, first)
    services.add_case(meeting, second)

    alone, _ = pdf_text(services.kallelse_pdf(meeting))
    pack = services.build_pack(meeting)
    pages, texts = pdf_text(pack.pdf)
    a_pages = len(pdfium.PdfDocument(open_a.file.open("rb").read()))
    assert a_pages >= 2
    assert pack.included == [open_a, open_b]
    # Kallelse, a heading page + a list page per case, and the included documents' pages.
    assert pages >= alone + 2 + a_pages + 1
    joined = "\n".join(texts)
    assert "HEMLIGHANDLING" not in joined
    assert "Uppgifter om en enskild" not in joined
    assert services.SECRET_NOTE in joined
    assert "inte i PDF-format" in joined and "kunde inte läsas" in joined
    assert texts[0].lstrip().startswith("Vård- och omsorgsnämnden") or "Kallelse" in texts[0]
    # Agenda order: list page of the first case, its document, list page of the second, its document.
    a_at = next(i for i, t in enumerate(texts) if "ALFAHANDLING" in t)
    b_at = next(i for i, t in enumerate(texts) if "BETAHANDLING" in t)
    list_b = max(i for i, t in enumerate(texts) if "Tjänsteskrivelse taxa" in t and i < b_at)
    assert a_at < list_b < b_at
    assert all("ALFAHANDLING" not in t for t in texts[:alone])

    outline = pdfium.PdfDocument(pack.pdf).get_toc()
    marks = [(m.get_title(), m.get_dest().get_index()) for m in outline]
    titles = [t for t, _ in marks]
    assert services.PACK_HEADING in titles
    first_mark = next(p for t, p in marks if t.endswith(first.title) and p >= alone)
    second_mark = next(p for t, p in marks if t.endswith(second.title) and p >= alone)
    assert first_mark < a_at < second_mark < b_at


def test_pack_leaves_out_every_document_of_a_secret_case(demo, series):
    meeting = new_meeting()
    case = register_case(series, "Individärende", status=CaseStatus.READY, secret=True)
    add_doc(case, "Beslutsunderlag", make_pdf("INDIVIDHANDLING", ["Uppgifter om en enskild."]))
    services.add_case(meeting, case)
    pack = services.build_pack(meeting)
    _, texts = pdf_text(pack.pdf)
    assert pack.included == []
    assert "INDIVIDHANDLING" not in "\n".join(texts)
    assert services.SECRET_NOTE in "\n".join(texts)


def test_pack_of_an_agenda_without_cases_is_the_kallelse(demo):
    meeting = new_meeting()
    services.add_standing_items(meeting)
    alone, _ = pdf_text(services.kallelse_pdf(meeting))
    pack = services.build_pack(meeting)
    pages, texts = pdf_text(pack.pdf)
    assert pack.entries == [] and pages == alone
    assert services.PACK_HEADING not in "\n".join(texts)


def test_standing_items_under_other_wordings_are_not_added_twice(demo):
    meeting = upcoming()  # has "Mötets öppnande och upprop", "Information från förvaltningen", …
    before = [t for _, t in orders(meeting)]
    added = services.add_standing_items(meeting)
    assert [i.title for i in added] == ["Godkännande av föredragningslistan"]
    after = [t for _, t in orders(meeting)]
    assert after == before[:2] + ["Godkännande av föredragningslistan"] + before[2:]
