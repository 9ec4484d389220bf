"""A small copy of the demo's Vård- och omsorgsnämnd (fictional people) for the live meeting
tests, without the slow rest of the demo."""

from __future__ import annotations

import datetime as dt

from kansli.demo import data
from kansli.meetings import live
from kansli.meetings.locking import adjust_meeting
from kansli.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from kansli.organisation.models import (
    Body,
    BodyKind,
    Membership,
    Municipality,
    Party,
    Person,
    Role,
    Term,
)


def build_board(today: dt.date = dt.date(2026, 11, 23)) -> Meeting:
    """The demo's Vård- och omsorgsnämnd (fictional people), without the slow rest of the demo.

    Returns its planned meeting with nine agenda items; a locked earlier meeting exists too.
    """
    town = Municipality.objects.create(name="Exempelkommun")
    term = Term.objects.create(municipality=town, start=dt.date(2023, 1, 1), end=dt.date(2026, 12, 31))
    parties = {short: Party.objects.create(municipality=town, short_name=short) for short, _ in data.PARTIES}
    von = Body.objects.create(municipality=town, name=data.VON_NAME, seats=11)
    ks = Body.objects.create(municipality=town, name=data.KS_NAME, kind=BodyKind.EXECUTIVE_BOARD, seats=13)
    for name, party, office in data.VON_MEMBERS:
        person = Person.objects.create(municipality=town, name=name, party=parties[party])
        Membership.objects.create(person=person, body=von, term=term, role=Role.MEMBER, office=office)
    for order, (name, party) in enumerate(data.VON_SUBSTITUTES, start=1):
        person = Person.objects.create(municipality=town, name=name, party=parties[party])
        Membership.objects.create(person=person, body=von, term=term, role=Role.SUBSTITUTE, substitute_order=order)
    outsider = Person.objects.create(municipality=town, name="Kim Styrelse", party=parties["M"])
    Membership.objects.create(person=outsider, body=ks, term=term, role=Role.MEMBER)
    for name, title in (data.SECRETARY, data.DIRECTOR):
        Person.objects.create(municipality=town, name=name, title=title)
    # An earlier, adjusted and locked meeting with its attendance.
    old = Meeting.objects.create(body=von, date=today - dt.timedelta(days=30), status=MeetingStatus.HELD)
    AgendaItem.objects.create(meeting=old, order=1, title="Val av justerare")
    live.start_meeting(old)
    adjust_meeting(old, old.date + dt.timedelta(days=3))
    meeting = Meeting.objects.create(body=von, date=today + dt.timedelta(days=10), place="Sessionssalen")
    for order in range(1, 10):
        AgendaItem.objects.create(meeting=meeting, order=order, title=f"Punkt {order}", kind=AgendaItemKind.CASE)
    return meeting
