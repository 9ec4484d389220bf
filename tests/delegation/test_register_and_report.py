"""Registering delegated decisions against the versioned scheme and reporting them to the body."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kansli.delegation import services
from kansli.delegation.models import Communication, DelegatedDecision
from kansli.delegation.services import DecisionInput
from kansli.meetings.models import AgendaItem, Meeting, MeetingStatus
from kansli.meetings.services import add_paragraph
from kansli.noticeboard.models import Notice

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def upcoming(body) -> Meeting:
    return Meeting.objects.filter(body=body, status__in=[MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT]).order_by("date").first()


def test_a_decision_by_someone_the_scheme_does_not_allow_is_refused_with_the_reason(von):
    before = DelegatedDecision.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.register_decision(von, DecisionInput("B.1.1", TODAY, "Ada Assistent", "Avtal om städning", position="Assistent"))
    assert "B.1.1" in refused.value.messages[0] and "Förvaltningschef" in refused.value.messages[0]
    assert DelegatedDecision.objects.count() == before


def test_the_scheme_in_force_on_the_decision_date_is_used(von):
    # The utskott may go to court only from the current version, in force since two months.
    before = TODAY - dt.timedelta(days=90)
    with pytest.raises(ValidationError) as refused:
        services.register_decision(von, DecisionInput("A.2.1", before, "Arbetsutskottet", "Talan om skadestånd"))
    assert f"{TODAY.year - 1}:1" in " ".join(refused.value.messages)
    ok = services.register_decision(von, DecisionInput("A 2.1", TODAY - dt.timedelta(days=10), "Arbetsutskottet", "Talan om skadestånd"))
    assert ok.point.scheme.version == f"{TODAY.year}:1"


def test_duplicates_future_dates_and_personnummer_are_refused(von):
    data = DecisionInput("B.1.1", TODAY, "Kim Förvaltare", "Avtal om rullatorer", position="Förvaltningschef")
    services.register_decision(von, data)
    with pytest.raises(ValidationError, match="redan registrerat"):
        services.register_decision(von, data)
    with pytest.raises(ValidationError, match="framtiden"):
        services.register_decision(von, DecisionInput("B.1.1", TODAY + dt.timedelta(days=400), "Kim", "x", position="Förvaltningschef"))
    with pytest.raises(ValidationError, match="personnummer"):
        services.register_decision(von, DecisionInput(
            "C.1.1", TODAY, "Eva", "Hemtjänst för 19121212-1212", position="Biståndshandläggare"))


def test_individual_decisions_are_lists_per_period(von):
    with pytest.raises(ValidationError, match="period och antal"):
        services.register_decision(von, DecisionInput("C.1.1", TODAY, "Eva", "Hemtjänst", position="Enhetschef", individual=True))
    listing = services.register_decision(von, DecisionInput(
        "C.1.1", TODAY, "Eva", "Beslut om hemtjänst", position="Enhetschef", individual=True,
        period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 10, 31), count=12))
    assert "12 beslut i enskilda ärenden" in services.report_text([listing])


def test_proposal_lists_every_reportable_decision_grouped_by_point_and_delegate_and_is_reported_in_the_paragraph(von):
    meeting = upcoming(von)
    pending = services.reportable_decisions(von, meeting.date)
    assert pending and all(d.must_report and d.reported_in_id is None for d in pending)
    not_reported_kind = services.register_decision(von, DecisionInput(
        "B.1.2", TODAY, "Eva", "Attest av fakturor", position="Enhetschef"))
    item, proposed = services.propose_report(meeting)
    assert not_reported_kind not in proposed
    assert {d.pk for d in proposed} == {d.pk for d in pending}
    assert item.title == services.REPORT_TITLE
    text = item.proposed_decision
    for decision in proposed:
        assert decision.point_code in text
    # Grouped: each point heading appears once, even with several decisions under it.
    assert text.count("A.2.1 ") <= 1
    # Proposing again adds nothing new and keeps one item.
    _, again = services.propose_report(meeting)
    assert again == [] and AgendaItem.objects.filter(meeting=meeting, title=services.REPORT_TITLE).count() == 1
    comm_item, communications = services.propose_communications(meeting)
    assert communications and "Tillsynsmyndigheten" in comm_item.proposed_decision
    # At the meeting the § is taken for the item: the decisions are reported in it.
    meeting.status = MeetingStatus.HELD
    meeting.save()
    paragraph = add_paragraph(meeting, title=item.title, agenda_item=item)
    for decision in proposed:
        decision.refresh_from_db()
        assert decision.reported_in == paragraph
        assert services.appeal_start(decision) is None  # not until the protokoll is posted
    assert Communication.objects.filter(reported_in__isnull=True, agenda_item=item).count() == 0


def test_reported_decisions_show_the_notice_date_of_their_protokoll(von):
    reported = DelegatedDecision.objects.filter(body=von, reported_in__isnull=False).select_related("reported_in__meeting")
    assert reported
    for decision in reported:
        posted = decision.reported_in.meeting.notice_posted
        assert posted is not None
        assert services.appeal_start(decision) == posted


def test_urgent_chair_decisions_warn_until_reported(von):
    warnings = services.unreported_urgent(von, TODAY)
    assert len(warnings) == 1 and warnings[0][0].urgent
    later = Meeting.objects.create(body=von, date=TODAY + dt.timedelta(days=30), status=MeetingStatus.HELD)
    warnings = services.unreported_urgent(von, later.date)
    assert warnings[0][1] is True  # a meeting has passed without the report


def test_an_appealable_decision_that_is_not_reported_gets_its_own_notice(von):
    decision = services.register_decision(von, DecisionInput("C.2.1", TODAY, "Eva", "Färdtjänsttillstånd", position="Biståndshandläggare"))
    notice = services.post_own_notice(decision, TODAY)
    assert notice.appeal_last_day > TODAY and services.appeal_start(decision) == TODAY
    assert Notice.objects.filter(pk=notice.pk, body=von).exists()
    with pytest.raises(ValidationError, match="redan"):
        services.post_own_notice(decision, TODAY)
    reported_kind = DelegatedDecision.objects.filter(body=von, point__must_report=True).first()
    with pytest.raises(ValidationError):
        services.post_own_notice(reported_kind, TODAY)


def test_a_held_meeting_gets_no_new_proposal(von):
    held = Meeting.objects.filter(body=von, status=MeetingStatus.ADJUSTED).first()
    with pytest.raises(ValidationError, match="redan hållet"):
        services.propose_report(held)
