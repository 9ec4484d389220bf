"""The daily reminder job, run by the database task worker (``kansli db_worker``).

``kansli reminders --schedule`` enqueues it once; every run enqueues the next one for the next
morning, so the worker keeps it going every day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from kansli.meetings.models import Meeting

from .checks import Reminder, collect
from .models import ReminderLog

RUN_AT = dt.time(6, 0)


def next_run(now: dt.datetime) -> dt.datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    day = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, RUN_AT, tzinfo=zone)


def secretaries(reminder: Reminder) -> list[str]:
    """Who is told: the body's secretary (of its latest meeting), else every user in the
    Nämndsekreterare group, else the site's reminder address."""
    latest = (
        Meeting.objects.filter(body=reminder.body, secretary__isnull=False)
        .exclude(secretary__email="").order_by("-date").values_list("secretary__email", flat=True).first()
    )
    if latest:
        return [latest]
    group = list(
        get_user_model().objects.filter(groups__name="Nämndsekreterare", is_active=True)
        .exclude(email="").values_list("email", flat=True)
    )
    return group or [getattr(settings, "KANSLI_REMINDER_EMAIL", settings.DEFAULT_FROM_EMAIL)]


def send_reminders(today: dt.date) -> list[ReminderLog]:
    """Send today's reminders not sent yet today, one e-mail per recipient."""
    by_recipient: dict[str, list[Reminder]] = defaultdict(list)
    logged = []
    for reminder in collect(today):
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    kind=reminder.kind, key=reminder.key, day=today, message=reminder.message,
                    recipients=", ".join(secretaries(reminder)),
                )
        except IntegrityError:
            continue  # already sent today
        logged.append(log)
        for email in secretaries(reminder):
            by_recipient[email].append(reminder)
    for email, reminders in by_recipient.items():
        lines = "\n".join(f"- {r.message}" for r in reminders)
        send_mail(
            subject=f"Kansli: {len(reminders)} missade tidsgränser",
            message=f"Hej!\n\nFöljande tidsgränser har passerats:\n\n{lines}\n\nKansli\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    return logged


@task()
def daily_reminders(reschedule: bool = True) -> int:
    count = len(send_reminders(timezone.localdate()))
    if reschedule:
        daily_reminders.using(run_after=next_run(timezone.now())).enqueue(reschedule=True)
    return count
