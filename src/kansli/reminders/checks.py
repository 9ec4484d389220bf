"""Missed limits the secretary must hear about, computed from the record and :mod:`kansli.law`.

- kallelse not sent by the body's days-before limit (reglemente, KL 6:44);
- protokoll not adjusted within the body's limit (KL 5:69 for fullmäktige, reglemente otherwise);
- notice not posted by the second day after justering (KL 8:12);
- a reservation announced as written whose reasoning has not arrived, before justering (KL 4:27);
- an urgent chair's decision not reported at the meeting after it (KL 6:39).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kansli.delegation.models import DelegatedDecision
from kansli.law.deadlines import adjustment_deadline, kallelse_deadline, latest_posting
from kansli.meetings.models import Dissent, Meeting, MeetingStatus
from kansli.organisation.models import Body


class Kind:
    KALLELSE = "kallelse"
    ADJUSTMENT = "justering"
    NOTICE = "anslag"
    DISSENT = "reservation"
    URGENT = "bradskande"


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str  # stable per object, so a reminder is sent once a day, not once per run
    body: Body
    message: str
    due: dt.date

    @property
    def overdue_days(self) -> int:
        return (dt.date.today() - self.due).days


def _meetings(today: dt.date):
    return Meeting.objects.select_related("body", "secretary").filter(date__gte=today - dt.timedelta(days=400))


def collect(today: dt.date) -> list[Reminder]:
    found: list[Reminder] = []
    for m in _meetings(today).filter(status=MeetingStatus.PLANNED, invitation_sent__isnull=True, date__gte=today):
        due = kallelse_deadline(m.date, m.body.kallelse_days_before)
        if today > due:
            found.append(Reminder(Kind.KALLELSE, f"meeting-{m.pk}", m.body,
                f"Kallelsen till {m.body.name} {m.date:%Y-%m-%d} skulle ha skickats senast {due:%Y-%m-%d} "
                f"({m.body.kallelse_days_before} dagar före enligt reglementet) och är inte skickad.", due))
    for m in _meetings(today).filter(status=MeetingStatus.HELD, adjusted__isnull=True):
        due = adjustment_deadline(m.date, m.body.adjustment_days)
        if today > due:
            found.append(Reminder(Kind.ADJUSTMENT, f"meeting-{m.pk}", m.body,
                f"Protokollet från {m.body.name} {m.date:%Y-%m-%d} skulle ha justerats senast {due:%Y-%m-%d}.", due))
    for m in _meetings(today).filter(status=MeetingStatus.ADJUSTED, adjusted__isnull=False, notice_posted__isnull=True):
        due = latest_posting(m.adjusted)
        if today > due:
            found.append(Reminder(Kind.NOTICE, f"meeting-{m.pk}", m.body,
                f"Anslaget om justeringen av protokollet från {m.body.name} {m.date:%Y-%m-%d} skulle ha satts upp "
                f"senast {due:%Y-%m-%d} (8 kap. 12 § KL).", due))
    pending = Dissent.objects.filter(
        written=True, text="", paragraph__meeting__adjusted__isnull=True,
        paragraph__meeting__status=MeetingStatus.HELD,
    ).select_related("paragraph__meeting__body")
    for d in pending:
        m = d.paragraph.meeting
        due = adjustment_deadline(m.date, m.body.adjustment_days)
        found.append(Reminder(Kind.DISSENT, f"dissent-{d.pk}", m.body,
            f"Den skriftliga reservationen från {', '.join(d.by) or 'okänd'} i § {d.paragraph.number} "
            f"({m.body.name} {m.date:%Y-%m-%d}) har inte kommit in; den ska lämnas före justeringen.", due))
    held = {}
    for decision in DelegatedDecision.objects.filter(urgent=True, reported_in__isnull=True).select_related("body"):
        dates = held.setdefault(decision.body_id, list(
            Meeting.objects.filter(body_id=decision.body_id, status__in=[MeetingStatus.HELD, MeetingStatus.ADJUSTED])
            .values_list("date", flat=True)))
        passed = sorted(d for d in dates if decision.decided < d <= today)
        if passed:
            found.append(Reminder(Kind.URGENT, f"decision-{decision.pk}", decision.body,
                f"Det brådskande beslutet {decision.decided:%Y-%m-%d} ({decision.description}) har inte anmälts, "
                f"fast nämnden sammanträdde {passed[0]:%Y-%m-%d} (6 kap. 39 § KL).", passed[0]))
    return sorted(found, key=lambda r: (r.due, r.kind))
