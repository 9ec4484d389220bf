"""The record lock after justering, in Python and in the database (both vendors)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from kansli.meetings.locking import (
    MeetingLocked,
    adjust_meeting,
    adjust_paragraph_immediately,
    is_locked,
)
from kansli.meetings.models import (
    Adjuster,
    AgendaItem,
    Attendance,
    Ballot,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    Paragraph,
    Recipient,
    Recusal,
    Statement,
    StatementKind,
    Vote,
)
from kansli.meetings.services import add_paragraph

pytestmark = pytest.mark.django_db

ADJUSTED = dt.date(2025, 12, 1)
MESSAGE = "Protokollet för Vård- och omsorgsnämnden 2025-11-27 är justerat och kan inte ändras."


@pytest.fixture
def record(draft, person):
    """A complete small record: every kind of row that belongs to a meeting."""
    m = draft
    p = add_paragraph(m, title="Ekonomisk uppföljning", decision="Uppföljningen godkänns.")
    vote = Vote.objects.create(paragraph=p, yes=1, no=0)
    rows = {
        "adjuster": Adjuster.objects.create(meeting=m, person=person),
        "agenda_item": AgendaItem.objects.create(meeting=m, order=1, title="Ekonomisk uppföljning"),
        "attendance": Attendance.objects.create(meeting=m, person=person),
        "paragraph": p,
        "motion": Motion.objects.create(paragraph=p, by=["Anna Andersson"], text="Bifall."),
        "vote": vote,
        "ballot": Ballot.objects.create(vote=vote, name="Anna Andersson", person=person, choice="yes"),
        "dissent": Dissent.objects.create(paragraph=p, by=["Anna Andersson"]),
        "statement": Statement.objects.create(paragraph=p, kind=StatementKind.MINUTES_NOTE, by=["Anna Andersson"]),
        "recusal": Recusal.objects.create(paragraph=p, name="Bo Berg"),
        "recipient": Recipient.objects.create(paragraph=p, name="Kommunstyrelsen"),
    }
    return m, rows


def _new_child(kind, m, rows, person):
    """An unsaved new row of the same kind, attached to the locked record."""
    p, vote = rows["paragraph"], rows["vote"]
    return {
        "adjuster": lambda: Adjuster(meeting=m, person=person, order=1),
        "agenda_item": lambda: AgendaItem(meeting=m, order=2, title="Ny punkt"),
        "attendance": lambda: Attendance(meeting=m, person=person, order=1),
        "paragraph": lambda: Paragraph(meeting=m, body=m.body, year=2025, number=99, title="Ny §"),
        "motion": lambda: Motion(paragraph=p, by=["X"], text="Avslag."),
        "vote": lambda: Vote(paragraph=p, order=1),
        "ballot": lambda: Ballot(vote=vote, name="Ny ledamot", choice="no"),
        "dissent": lambda: Dissent(paragraph=p, by=["X"]),
        "statement": lambda: Statement(paragraph=p, kind=StatementKind.MINUTES_NOTE, by=["X"]),
        "recusal": lambda: Recusal(paragraph=p, name="X"),
        "recipient": lambda: Recipient(paragraph=p, name="X"),
    }[kind]()


KINDS = ["adjuster", "agenda_item", "attendance", "paragraph", "motion", "vote", "ballot",
         "dissent", "statement", "recusal", "recipient"]


def test_adjust_meeting_sets_status_date_and_lock(draft):
    adjust_meeting(draft, ADJUSTED)
    draft.refresh_from_db()
    assert (draft.status, draft.adjusted, draft.locked) == (MeetingStatus.ADJUSTED, ADJUSTED, True)
    assert is_locked(draft)
    with pytest.raises(MeetingLocked, match="är justerat"):
        adjust_meeting(draft, ADJUSTED)  # justering happens once


def test_adjusting_before_the_meeting_is_refused(draft):
    with pytest.raises(ValidationError, match="före sammanträdet"):
        adjust_meeting(draft, draft.date - dt.timedelta(days=1))


def test_the_exception_is_both_a_form_error_and_a_403(draft):
    error = MeetingLocked(MESSAGE)
    assert isinstance(error, ValidationError) and isinstance(error, PermissionDenied)
    assert error.messages == [MESSAGE]


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_of_an_adjusted_meeting_refuses_update_delete_and_create(record, person, kind):
    m, rows = record
    adjust_meeting(m, ADJUSTED)
    row = type(rows[kind]).objects.get(pk=rows[kind].pk)
    if kind == "paragraph":
        row.title = "Ändrad rubrik"
    else:
        row.order = 7
    with pytest.raises(MeetingLocked) as refused:
        row.save()
    assert str(refused.value.messages[0]) == MESSAGE
    with pytest.raises(ValidationError, match="är justerat och kan inte ändras"):
        row.full_clean()  # forms (the admin) show the same message
    with pytest.raises(MeetingLocked, match="är justerat och kan inte ändras"):
        row.delete()
    with pytest.raises(MeetingLocked, match="är justerat och kan inte ändras"):
        _new_child(kind, m, rows, person).save()
    assert type(row).objects.filter(pk=row.pk).exists()


def test_an_unchanged_locked_row_still_validates(record):
    """An admin page of a locked meeting lists its rows unchanged; only changes are refused."""
    m, rows = record
    adjust_meeting(m, ADJUSTED)
    for row in rows.values():
        type(row).objects.get(pk=row.pk).full_clean()
    Meeting.objects.get(pk=m.pk).full_clean()


def test_the_meeting_itself_is_locked_except_the_notice_dates(record):
    m, _ = record
    adjust_meeting(m, ADJUSTED)
    meeting = Meeting.objects.get(pk=m.pk)
    meeting.place = "Någon annanstans"
    with pytest.raises(MeetingLocked, match=MESSAGE):
        meeting.save()
    with pytest.raises(ValidationError, match=MESSAGE):
        meeting.full_clean()
    meeting = Meeting.objects.get(pk=m.pk)
    meeting.locked = False
    with pytest.raises(MeetingLocked):
        meeting.save()  # no way back
    meeting = Meeting.objects.get(pk=m.pk)
    meeting.notice_posted, meeting.notice_removed = dt.date(2025, 12, 3), dt.date(2025, 12, 30)
    meeting.save()  # the anslag dates are the notice board's to set
    meeting.save(update_fields=["notice_posted", "notice_removed"])
    meeting.save()  # saving unchanged is not a change
    with pytest.raises(MeetingLocked, match=MESSAGE):
        meeting.delete()
    with pytest.raises(MeetingLocked, match=MESSAGE), transaction.atomic():
        Meeting.objects.filter(pk=m.pk).delete()  # the cascade is refused too
    assert Meeting.objects.filter(pk=m.pk, notice_posted=dt.date(2025, 12, 3)).exists()


def test_a_draft_meeting_stays_editable(record, person):
    m, rows = record
    m.place = "Lilla salen"
    m.save()
    for kind, row in rows.items():
        row.full_clean()
        row.save()
        _new_child(kind, m, rows, person)  # constructible
    Paragraph.objects.filter(pk=rows["paragraph"].pk).update(title="Ny rubrik")
    rows["recipient"].delete()
    assert not is_locked(m) and not is_locked(rows["paragraph"])
    m.delete()
    assert not Meeting.objects.filter(pk=m.pk).exists()


def _db_refuses(run):
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        run()
    return str(refused.value)


def test_queryset_update_and_delete_are_refused_by_the_database(record):
    m, rows = record
    adjust_meeting(m, ADJUSTED)
    p = rows["paragraph"]
    text = _db_refuses(lambda: Paragraph.objects.filter(pk=p.pk).update(title="Smygändring"))
    assert "justerat och kan inte ändras" in text
    _db_refuses(lambda: Motion.objects.filter(paragraph=p).update(text="Smygändring"))
    _db_refuses(lambda: Ballot.objects.filter(vote__paragraph=p).update(choice="no"))
    _db_refuses(lambda: Attendance.objects.filter(meeting=m)._raw_delete(connection.alias))
    _db_refuses(lambda: Meeting.objects.filter(pk=m.pk).update(place="Smygändring"))
    _db_refuses(lambda: Meeting.objects.filter(pk=m.pk).update(locked=False))
    _db_refuses(lambda: Recipient.objects.bulk_create([Recipient(paragraph=p, name="Smyg")]))
    Meeting.objects.filter(pk=m.pk).update(notice_posted=dt.date(2025, 12, 3))  # allowed
    p.refresh_from_db()
    assert p.title == "Ekonomisk uppföljning"


def test_raw_sql_is_refused_by_the_database(record):
    m, rows = record
    adjust_meeting(m, ADJUSTED)
    p = rows["paragraph"]
    table = Paragraph._meta.db_table

    def raw(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    _db_refuses(lambda: raw(f"UPDATE {table} SET decision = %s WHERE id = %s", ["Annat beslut", p.pk]))
    _db_refuses(lambda: raw(f"DELETE FROM {table} WHERE id = %s", [p.pk]))
    _db_refuses(lambda: raw(f"DELETE FROM {Recipient._meta.db_table} WHERE paragraph_id = %s", [p.pk]))
    _db_refuses(lambda: raw(f"UPDATE {Meeting._meta.db_table} SET date = %s WHERE id = %s",
                            [dt.date(2025, 1, 1), m.pk]))
    p.refresh_from_db()
    assert p.decision == "Uppföljningen godkänns."


def test_immediate_adjustment_locks_one_paragraph_and_its_parts(record, person):
    m, rows = record
    p = rows["paragraph"]
    other = add_paragraph(m, title="Meddelanden")
    adjust_paragraph_immediately(p)
    p.refresh_from_db()
    assert p.immediately_adjusted and p.locked and is_locked(p) and not is_locked(m)
    message = f"§ {p.number}/2025 är omedelbart justerad och kan inte ändras."
    p.title = "Ändrad"
    with pytest.raises(MeetingLocked, match=message):
        p.save()
    for kind in ("motion", "vote", "ballot", "dissent", "statement", "recusal", "recipient"):
        with pytest.raises(MeetingLocked, match=message):
            rows[kind].delete()
        with pytest.raises(MeetingLocked, match=message):
            _new_child(kind, m, rows, person).save()
    _db_refuses(lambda: Paragraph.objects.filter(pk=p.pk).update(title="Smyg"))
    _db_refuses(lambda: Vote.objects.filter(paragraph=p).update(yes=5))
    _db_refuses(lambda: Paragraph.objects.filter(pk=p.pk).update(locked=False))
    # the rest of the meeting is still a draft
    other.title = "Meddelanden och skrivelser"
    other.save()
    Motion.objects.create(paragraph=other, by=["Anna Andersson"], text="Bifall.")
    m.place = "Lilla salen"
    m.save()
    rows["attendance"].delete()
    with pytest.raises((MeetingLocked, DatabaseError)), transaction.atomic():
        m.delete()  # the adjusted § cannot go with it
    adjust_meeting(m, ADJUSTED)  # and later the whole protokoll
    assert is_locked(other)


def test_demo_and_imported_records_are_built_first_and_locked_by_the_service(media_root):
    from kansli.demo import load_demo

    load_demo(today=dt.date(2026, 11, 23), lock=False)
    held = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    assert held.status == MeetingStatus.ADJUSTED and not held.locked  # status alone does not lock
    adjust_meeting(held, held.adjusted)
    vote = Vote.objects.get(paragraph__meeting=held)
    with pytest.raises(MeetingLocked, match="är justerat och kan inte ändras"):
        vote.ballots.first().delete()
    _db_refuses(lambda: Ballot.objects.filter(vote=vote).update(choice="abstain"))


def test_a_form_shows_the_lock_as_a_form_error(record):
    """ModelForms (the admin's too) call clean(): the message appears on the form, no 500."""
    from django.forms import modelform_factory

    m, rows = record
    adjust_meeting(m, ADJUSTED)
    p = rows["paragraph"]
    form = modelform_factory(Paragraph, fields=["title", "decision"])(
        data={"title": "Ändrad rubrik", "decision": p.decision}, instance=Paragraph.objects.get(pk=p.pk)
    )
    assert not form.is_valid()
    assert form.non_field_errors() == [MESSAGE]
    unchanged = modelform_factory(Paragraph, fields=["title", "decision"])(
        data={"title": p.title, "decision": p.decision}, instance=Paragraph.objects.get(pk=p.pk)
    )
    assert unchanged.is_valid()
