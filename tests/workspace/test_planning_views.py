"""The planning screens through the test client, as the nämndsekreterare uses them."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from django.utils import timezone

from kansli.cases.models import CaseSeries, CaseStatus
from kansli.cases.services import register_case
from kansli.demo.pdf import make_pdf
from kansli.meetings.models import AgendaItem, Meeting, MeetingStatus
from kansli.organisation.models import Body
from kansli.workspace.planning import services

from .conftest import client_for
from .test_planning_services import add_doc, adjusted, orders, pdf_text, upcoming


@pytest.fixture
def secretary(demo):
    return client_for("sekreterare")


@pytest.fixture
def von(demo) -> Body:
    return Body.objects.get(abbreviation="VON")


def planned(body: Body, days: int) -> Meeting:
    """A meeting ``days`` after the real today (the forms judge dates by the clock)."""
    return services.create_meeting(body, timezone.localdate() + dt.timedelta(days=days), dt.time(18, 0), "Sessionssalen")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- schedule and new meetings -----------------------------------------------------------------


def test_index_lists_bodies(secretary, von):
    response = secretary.get(reverse("workspace:planning"))
    assert response.status_code == 200
    assert reverse("workspace:planning_schedule_year", args=[von.pk, timezone.localdate().year]) in response.content.decode()


def test_schedule_of_a_year_with_navigation_and_ical(secretary, von):
    year = upcoming().date.year
    response = secretary.get(reverse("workspace:planning_schedule_year", args=[von.pk, year]))
    assert response.status_code == 200
    html = response.content.decode()
    dates = list(von.meetings.filter(date__year=year).order_by("date").values_list("date", flat=True))
    assert len(dates) >= 5
    positions = [html.index(f"{d:%Y-%m-%d}</a>") for d in dates]
    assert positions == sorted(positions)
    assert reverse("body-calendar", args=[von.pk]) in html
    assert reverse("workspace:planning_schedule_year", args=[von.pk, year - 1]) in html
    assert reverse("workspace:planning_schedule_year", args=[von.pk, year + 1]) in html
    other = von.meetings.exclude(date__year=year).values_list("date", flat=True)
    assert all(f"{d:%Y-%m-%d}" not in html for d in other)

    empty = secretary.get(reverse("workspace:planning_schedule_year", args=[von.pk, year + 3]))
    assert "Inga sammanträden är planerade" in empty.content.decode()
    assert secretary.get(reverse("workspace:planning_schedule", args=[von.pk])).status_code == 200


def test_create_meeting(secretary, von):
    day = timezone.localdate() + dt.timedelta(days=12)
    url = reverse("workspace:planning_meeting_create", args=[von.pk])
    form = secretary.get(url)
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["chair"] is not None and initial["secretary"] is not None
    response = secretary.post(url, {
        "date": day.isoformat(), "start": "18:30", "place": "Sessionssalen, kommunhuset",
        "chair": initial["chair"].pk, "secretary": initial["secretary"].pk,
    })
    meeting = Meeting.objects.get(body=von, date=day)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:planning_meeting", args=[meeting.pk])
    assert meeting.start == dt.time(18, 30) and meeting.status == MeetingStatus.PLANNED
    assert meeting.chair == initial["chair"] and meeting.secretary == initial["secretary"]


@pytest.mark.parametrize("data, message", [
    ({"date": "2026-13-45", "place": "Salen"}, "Ange datumet som ÅÅÅÅ-MM-DD"),
    ({"date": "", "place": "Salen"}, "Ange sammanträdets datum"),
    ({"date": "2001-01-01", "place": "Salen"}, "redan passerat"),
    ({"date": "+30", "place": ""}, "Ange var sammanträdet hålls"),
    ({"date": "+30", "place": "Salen", "start": "25:99"}, "Ange tiden som TT:MM"),
    ({"date": "+30", "place": "Salen", "chair": "999999"}, "Välj en ledamot i organet"),
])
def test_create_meeting_bad_input(secretary, von, data, message):
    if data["date"] == "+30":
        data = {**data, "date": (timezone.localdate() + dt.timedelta(days=30)).isoformat()}
    count = Meeting.objects.count()
    response = secretary.post(reverse("workspace:planning_meeting_create", args=[von.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Meeting.objects.count() == count


def test_create_meeting_clash_is_a_form_error(secretary, von):
    meeting = planned(von, 20)
    response = secretary.post(reverse("workspace:planning_meeting_create", args=[von.pk]), {
        "date": meeting.date.isoformat(), "start": "18:00", "place": "Salen",
    })
    assert response.status_code == 400
    assert "har redan ett sammanträde" in response.content.decode()


# --- the agenda builder ------------------------------------------------------------------------


def test_agenda_page_lists_items_and_ready_cases(secretary, series):
    meeting = upcoming()
    case = register_case(series, "Riktlinjer för trygghetslarm", status=CaseStatus.READY)
    response = secretary.get(reverse("workspace:planning_meeting", args=[meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for _, title in orders(meeting):
        assert title in html
    assert case.case_number in html
    assert 'aria-label="Flytta upp punkt 2' in html and 'aria-label="Flytta ner punkt 1' in html
    assert 'aria-label="Flytta upp punkt 1,' not in html  # nothing above the first item
    assert reverse("workspace:planning_pack", args=[meeting.pk]) in html


def test_standing_items_by_one_post(secretary, von):
    meeting = planned(von, 20)
    url = reverse("workspace:planning_add_standing", args=[meeting.pk])
    response = secretary.post(url)
    assert response.status_code == 302
    assert [t for _, t in orders(meeting)] == [spec[0] for spec in services.STANDING_ITEMS]
    again = secretary.post(url, follow=True)
    assert "redan alla stående punkter" in " ".join(messages_of(again))
    assert meeting.agenda_items.count() == len(services.STANDING_ITEMS)
    assert secretary.get(url).status_code == 405


def test_add_case_with_edited_proposal(secretary, von, series):
    meeting = planned(von, 20)
    case = register_case(series, "Riktlinjer för trygghetslarm", status=CaseStatus.READY)
    response = secretary.post(reverse("workspace:planning_add_case", args=[meeting.pk]), {
        "case": case.pk, f"arende-{case.pk}-proposed_decision": "Nämnden antar riktlinjerna.",
    })
    assert response.status_code == 302
    item = meeting.agenda_items.get(case=case)
    assert item.proposed_decision == "Nämnden antar riktlinjerna." and item.order == 1
    assert response["Location"].endswith(f"#punkt-{item.pk}")

    update = secretary.post(reverse("workspace:planning_item_update", args=[meeting.pk, item.pk]), {
        f"punkt-{item.pk}-title": "Riktlinjer för trygghetslarm i hemtjänsten",
        f"punkt-{item.pk}-proposed_decision": "Nämnden antar reviderade riktlinjer.",
    })
    assert update.status_code == 302
    item.refresh_from_db()
    assert item.title.endswith("i hemtjänsten") and item.proposed_decision == "Nämnden antar reviderade riktlinjer."

    empty = secretary.post(reverse("workspace:planning_item_update", args=[meeting.pk, item.pk]), {
        f"punkt-{item.pk}-title": "  ", f"punkt-{item.pk}-proposed_decision": "x",
    })
    assert empty.status_code == 400 and "måste ha en rubrik" in empty.content.decode()
    item.refresh_from_db()
    assert item.proposed_decision == "Nämnden antar reviderade riktlinjer."


def test_foreign_body_case_is_refused_with_a_message(secretary, von):
    meeting = planned(von, 20)
    foreign = register_case(CaseSeries.objects.get(code="KS"), "Kommunstyrelsens ärende", status=CaseStatus.READY)
    response = secretary.post(reverse("workspace:planning_add_case", args=[meeting.pk]), {"case": foreign.pk})
    assert response.status_code == 400
    assert "hör inte till Vård- och omsorgsnämnden" in response.content.decode()
    assert meeting.agenda_items.count() == 0
    bad = secretary.post(reverse("workspace:planning_add_case", args=[meeting.pk]), {"case": "abc"})
    assert bad.status_code == 400 and "Välj ett ärende" in bad.content.decode()


def test_reorder_with_up_and_down(secretary):
    meeting = upcoming()
    items = list(meeting.agenda_items.order_by("order"))
    url = reverse("workspace:planning_item_move", args=[meeting.pk, items[2].pk])
    response = secretary.post(url, {"riktning": "upp"})
    assert response.status_code == 302 and response["Location"].endswith(f"#punkt-{items[2].pk}")
    now = list(meeting.agenda_items.order_by("order").values_list("pk", flat=True))
    assert now[1:3] == [items[2].pk, items[1].pk]
    secretary.post(url, {"riktning": "ner"})
    assert list(meeting.agenda_items.order_by("order").values_list("pk", flat=True)) == [i.pk for i in items]
    assert [o for o, _ in orders(meeting)] == list(range(1, len(items) + 1))
    sideways = secretary.post(url, {"riktning": "sidled"})
    assert sideways.status_code == 400 and "Okänd riktning" in sideways.content.decode()


def test_remove_item(secretary):
    meeting = upcoming()
    items = list(meeting.agenda_items.order_by("order"))
    response = secretary.post(reverse("workspace:planning_item_remove", args=[meeting.pk, items[0].pk]), follow=True)
    assert response.status_code == 200
    assert "är borttagen" in " ".join(messages_of(response))
    assert [o for o, _ in orders(meeting)] == list(range(1, len(items)))
    assert not AgendaItem.objects.filter(pk=items[0].pk).exists()


def test_locked_meeting_is_refused_in_swedish(secretary, series):
    meeting = adjusted()
    item = meeting.agenda_items.first() or AgendaItem(pk=0)
    before = orders(meeting)
    page = secretary.get(reverse("workspace:planning_meeting", args=[meeting.pk]))
    assert page.status_code == 200 and "är justerat och låst" in page.content.decode()
    assert reverse("workspace:planning_add_standing", args=[meeting.pk]) not in page.content.decode()
    response = secretary.post(reverse("workspace:planning_add_standing", args=[meeting.pk]))
    assert response.status_code == 409
    assert "föredragningslistan kan inte ändras" in response.content.decode()
    case = register_case(series, "Sent ärende", status=CaseStatus.READY)
    assert secretary.post(reverse("workspace:planning_add_case", args=[meeting.pk]), {"case": case.pk}).status_code == 409
    sent = secretary.post(reverse("workspace:planning_mark_sent", args=[meeting.pk]), {"sent": meeting.date.isoformat()})
    assert sent.status_code == 409
    if item.pk:
        assert secretary.post(reverse("workspace:planning_item_remove", args=[meeting.pk, item.pk])).status_code == 409
    assert orders(meeting) == before


def test_unknown_ids_are_404(secretary, von):
    meeting = upcoming()
    other_item = planned(von, 25)
    services.add_standing_items(other_item)
    foreign_item = other_item.agenda_items.first()
    for url, method in [
        (reverse("workspace:planning_schedule", args=[999999]), "get"),
        (reverse("workspace:planning_schedule_year", args=[von.pk, 99999]), "get"),
        (reverse("workspace:planning_meeting_create", args=[999999]), "get"),
        (reverse("workspace:planning_meeting", args=[999999]), "get"),
        (reverse("workspace:planning_kallelse", args=[999999]), "get"),
        (reverse("workspace:planning_kallelse_pdf", args=[999999]), "get"),
        (reverse("workspace:planning_pack", args=[999999]), "get"),
        (reverse("workspace:planning_add_standing", args=[999999]), "post"),
        (reverse("workspace:planning_item_move", args=[meeting.pk, 999999]), "post"),
        (reverse("workspace:planning_item_move", args=[meeting.pk, foreign_item.pk]), "post"),
        (reverse("workspace:planning_item_remove", args=[meeting.pk, foreign_item.pk]), "post"),
        (reverse("workspace:planning_item_update", args=[meeting.pk, 999999]), "post"),
    ]:
        response = getattr(secretary, method)(url, {"riktning": "upp"} if method == "post" else None)
        assert response.status_code == 404, url
    assert secretary.post(reverse("workspace:planning_add_case", args=[meeting.pk]), {"case": 999999}).status_code == 404
    assert AgendaItem.objects.filter(pk=foreign_item.pk).exists()


# --- kallelse, pack and sending ----------------------------------------------------------------


def test_kallelse_html_and_pdf(secretary):
    meeting = upcoming()
    html = secretary.get(reverse("workspace:planning_kallelse", args=[meeting.pk]))
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    text = html.content.decode()
    assert "Kallelse" in text and "Föredragningslista" in text
    titles = [t for _, t in orders(meeting)]
    assert all(t in text for t in titles)

    pdf = secretary.get(reverse("workspace:planning_kallelse_pdf", args=[meeting.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    pages, texts = pdf_text(pdf.content)
    assert pages >= 1
    joined = " ".join(" ".join(texts).split())
    assert "Kallelse" in joined and meeting.date.isoformat() in joined
    assert titles[-1] in joined


def test_pack_download_has_no_secret_documents(secretary, von, series):
    meeting = planned(von, 20)
    case = register_case(series, "Riktlinjer för trygghetslarm", status=CaseStatus.READY)
    add_doc(case, "Tjänsteskrivelse", make_pdf("OPPENHANDLING", ["Förslag."]))
    add_doc(case, "Utredning", make_pdf("HEMLIGHANDLING", ["Uppgifter om en enskild."]), secret=True)
    services.add_case(meeting, case)
    response = secretary.get(reverse("workspace:planning_pack", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages, texts = pdf_text(response.content)
    joined = "\n".join(texts)
    assert "OPPENHANDLING" in joined and "HEMLIGHANDLING" not in joined
    assert services.SECRET_NOTE in joined
    assert [m.get_title() for m in pdfium.PdfDocument(response.content).get_toc()].count(services.PACK_HEADING) == 1


def test_mark_sent_in_time(secretary, von):
    meeting = planned(von, 30)
    services.add_standing_items(meeting)
    today = timezone.localdate()
    response = secretary.post(reverse("workspace:planning_mark_sent", args=[meeting.pk]), {"sent": today.isoformat()}, follow=True)
    found = messages_of(response)
    assert any("markerad som skickad" in m for m in found)
    assert not any("Observera" in m for m in found)
    meeting.refresh_from_db()
    assert meeting.invitation_sent == today and meeting.status == MeetingStatus.NOTICE_SENT


def test_mark_sent_late_warns_but_saves(secretary, von):
    meeting = planned(von, 3)
    services.add_standing_items(meeting)
    today = timezone.localdate()
    last_day = meeting.date - dt.timedelta(days=von.kallelse_days_before)
    response = secretary.post(reverse("workspace:planning_mark_sent", args=[meeting.pk]), {"sent": today.isoformat()}, follow=True)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and f"sista dag {last_day:%Y-%m-%d}" in warnings[0]
    meeting.refresh_from_db()
    assert meeting.invitation_sent == today and meeting.status == MeetingStatus.NOTICE_SENT


@pytest.mark.parametrize("sent, message", [
    ("igår", "Ange datumet som ÅÅÅÅ-MM-DD"),
    ("", "Ange när kallelsen skickades"),
    ("+1", "ligger i framtiden"),
])
def test_mark_sent_bad_date(secretary, von, sent, message):
    meeting = planned(von, 30)
    services.add_standing_items(meeting)
    if sent == "+1":
        sent = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = secretary.post(reverse("workspace:planning_mark_sent", args=[meeting.pk]), {"sent": sent})
    assert response.status_code == 400 and message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.invitation_sent is None and meeting.status == MeetingStatus.PLANNED


def test_standing_items_bring_the_delegated_decisions_and_communications_to_report(secretary, von):
    from kansli.delegation.models import Communication, DelegatedDecision
    from kansli.delegation.services import reportable_decisions

    meeting = planned(von, 20)
    pending = reportable_decisions(von, meeting.date)
    assert pending
    response = secretary.post(reverse("workspace:planning_add_standing", args=[meeting.pk]), follow=True)
    assert f"föreslår {len(pending)} delegationsbeslut" in " ".join(messages_of(response))
    report = meeting.agenda_items.get(title="Anmälan av delegationsbeslut")
    assert set(DelegatedDecision.objects.filter(agenda_item=report)) == set(pending)
    for decision in pending:
        assert decision.point_code in report.proposed_decision
    messages_item = meeting.agenda_items.get(title__startswith="Meddelanden")
    assert Communication.objects.filter(agenda_item=messages_item).exists()
