"""The daily reminder job: each kind of missed limit, once a day, through the database worker
and a real SMTP server."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from kansli.delegation.models import DelegatedDecision
from kansli.demo import load_demo
from kansli.meetings.models import Dissent, Meeting, MeetingStatus, Paragraph
from kansli.organisation.models import Body
from kansli.reminders.checks import Kind, collect
from kansli.reminders.models import ReminderLog
from kansli.reminders.tasks import daily_reminders, next_run, send_reminders

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def von(db, media_root, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=timezone.localdate())
    return Body.objects.get(abbreviation="VON")


def test_every_kind_of_missed_limit_is_found(von):
    today = timezone.localdate()
    # A meeting in three days without a kallelse (the body wants it 7 days before).
    Meeting.objects.create(body=von, date=today + dt.timedelta(days=3), status=MeetingStatus.PLANNED)
    # A meeting held three weeks ago, not adjusted, with a written reservation still missing.
    held = Meeting.objects.create(body=von, date=today - dt.timedelta(days=21), status=MeetingStatus.HELD)
    paragraph = Paragraph.objects.create(meeting=held, body=von, year=held.date.year, number=900, title="Budget")
    Dissent.objects.create(paragraph=paragraph, by=["Ada Ledamot"], written=True)
    # A meeting adjusted a week ago whose notice was never posted.
    Meeting.objects.create(
        body=von, date=today - dt.timedelta(days=10), status=MeetingStatus.ADJUSTED,
        adjusted=today - dt.timedelta(days=7),
    )
    kinds = {r.kind for r in collect(today)}
    assert {Kind.KALLELSE, Kind.ADJUSTMENT, Kind.NOTICE, Kind.DISSENT} <= kinds
    messages = " ".join(r.message for r in collect(today))
    assert "Ada Ledamot" in messages and "8 kap. 12 § KL" in messages


def test_an_urgent_decision_not_reported_at_the_next_meeting_is_reminded(von):
    today = timezone.localdate()
    urgent = DelegatedDecision.objects.get(body=von, urgent=True)
    assert not any(r.kind == Kind.URGENT for r in collect(today))
    Meeting.objects.create(body=von, date=urgent.decided + dt.timedelta(days=1), status=MeetingStatus.HELD)
    reminders = [r for r in collect(today + dt.timedelta(days=2)) if r.kind == Kind.URGENT]
    assert len(reminders) == 1 and "6 kap. 39 § KL" in reminders[0].message


@pytest.fixture
def unlocked_von(transactional_db, media_root, settings):
    """The worker closes database connections between tasks, so this test commits for real;
    an unlocked demo lets the test database be emptied afterwards."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=timezone.localdate(), lock=False)
    return Body.objects.get(abbreviation="VON")


def test_the_worker_runs_the_job_sends_once_a_day_and_schedules_the_next_run(unlocked_von, smtp):
    von = unlocked_von
    today = timezone.localdate()
    Meeting.objects.create(body=von, date=today + dt.timedelta(days=2), status=MeetingStatus.PLANNED)
    daily_reminders.enqueue(reschedule=True)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert ReminderLog.objects.filter(kind=Kind.KALLELSE, day=today).exists()
    assert len(smtp.messages) >= 1
    assert "Kallelsen" in smtp.messages[0].get_payload(decode=True).decode()
    sent = len(smtp.messages)
    assert send_reminders(today) == [] and len(smtp.messages) == sent  # not twice the same day
    from django_tasks_db.models import DBTaskResult

    upcoming = DBTaskResult.objects.filter(status="READY").first()
    assert upcoming is not None and upcoming.run_after == next_run(timezone.now())


def test_next_run_is_tomorrow_morning_local_time():
    now = dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC)
    run = next_run(now)
    assert run.date() == dt.date(2026, 3, 30) and run.hour == 6  # 00:30 local on the 29th → the 30th
