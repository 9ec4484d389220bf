"""Fictional delegation data for Exempelkommun's vård- och omsorgsnämnd.

Two scheme versions (so the versioning shows), decisions already reported in the held meeting,
and new ones waiting to be proposed to the next meeting — including one urgent chair's decision.
"""

from __future__ import annotations

import datetime as dt

from kansli.meetings.models import Meeting, MeetingStatus, Paragraph
from kansli.organisation.models import Body

from .models import Communication, CommunicationKind, DelegationPoint, DelegationScheme
from .services import DecisionInput, register_decision

HEAD = {"kind": "role", "name": "Förvaltningschef"}
UNIT = {"kind": "role", "name": "Enhetschef"}
OFFICER = {"kind": "role", "name": "Biståndshandläggare"}
WORKS = {"kind": "body", "name": "Arbetsutskottet"}
CHAIR = {"kind": "chair", "name": ""}

POINTS = [
    ("A.1.1", "Yttrande till tillsynsmyndighet i ärende som inte är av principiell beskaffenhet", [HEAD, WORKS], "", True, False),
    ("A.1.2", "Avvisning av överklagande som kommit in för sent", [HEAD], "", True, True),
    ("A.2.1", "Beslut om att föra talan i domstol", [WORKS], "", True, True),
    ("B.1.1", "Upphandling och avtal inom budget", [HEAD, UNIT], "Högst 500 000 kronor per avtal", True, True),
    ("B.1.2", "Attest av fakturor", [UNIT], "Inom egen budget", False, False),
    ("C.1.1", "Bistånd i form av hemtjänst enligt socialtjänstlagen", [OFFICER, UNIT], "", True, True),
    ("C.1.2", "Bistånd i form av särskilt boende", [UNIT], "", True, True),
    ("C.2.1", "Färdtjänsttillstånd", [OFFICER], "", False, True),
]


def load_delegation_demo(body: Body, today: dt.date) -> None:
    year = today.year
    switch = today - dt.timedelta(days=60)  # the current version came into force two months ago
    old = DelegationScheme.objects.create(
        body=body, version=f"{year - 1}:1", valid_from=switch - dt.timedelta(days=365),
        valid_to=switch - dt.timedelta(days=1), adopted_by=f"{body.abbreviation} § 5/{year - 1}",
    )
    new = DelegationScheme.objects.create(
        body=body, version=f"{year}:1", valid_from=switch, adopted_by=f"{body.abbreviation} § 3/{year}",
    )
    for order, (code, matter, delegates, limits, report, appealable) in enumerate(POINTS):
        for scheme in (old, new):
            if scheme is old and code == "A.2.1":
                continue  # the utskott got the right to go to court only in the current version
            DelegationPoint.objects.create(
                scheme=scheme, order=order, code=code, matter=matter, delegates=delegates,
                limits=limits, must_report=report, appealable=appealable,
            )
    held = (
        Meeting.objects.filter(body=body, status=MeetingStatus.ADJUSTED).order_by("-date").first()
    )
    before_held = (held.date if held else today) - dt.timedelta(days=20)
    reported = [
        DecisionInput("A.1.1", before_held, "Kim Förvaltare", "Yttrande över tillsyn av nattbemanning",
                      position="Förvaltningschef", case_number=f"{body.abbreviation} {year}/31"),
        DecisionInput("C.1.1", before_held, "Biståndsenheten", "Beslut om hemtjänst",
                      position="Biståndshandläggare", individual=True,
                      period_start=before_held.replace(day=1), period_end=before_held, count=37),
    ]
    decisions = [register_decision(body, d, today=today) for d in reported]
    if held is not None:
        paragraph = Paragraph.objects.filter(meeting=held, title__startswith="Anmälan av delegationsbeslut").first()
        for decision in decisions:
            decision.reported_in = paragraph
            decision.save(update_fields=["reported_in"])
    since = max(before_held + dt.timedelta(days=25), today - dt.timedelta(days=14))
    for data in [
        DecisionInput("B.1.1", since, "Kim Förvaltare", "Avtal om inköp av trygghetslarm",
                      position="Förvaltningschef", case_number=f"{body.abbreviation} {year}/58"),
        DecisionInput("A.2.1", since, "Arbetsutskottet", "Talan i förvaltningsrätten om återkrav"),
        DecisionInput("", since + dt.timedelta(days=1), "Ordförande", "Yttrande till IVO som inte kunde vänta",
                      position="Ordförande", urgent=True),
    ]:
        if data.decided <= today:
            register_decision(body, data, today=today)
    Communication.objects.create(
        body=body, kind=CommunicationKind.SUPERVISION, received=today - dt.timedelta(days=7),
        sender="Tillsynsmyndigheten", title="Beslut efter tillsyn av ett särskilt boende",
        case_number=f"{body.abbreviation} {year}/60",
    )
