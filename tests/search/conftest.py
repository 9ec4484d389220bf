"""A small fictional archive for the search tests: two bodies, three parties, adjusted and
unadjusted meetings, secret paragraphs, a secret case, and PDF documents with a text layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile

from kansli.cases.models import Case, CaseSeries, Document, DocumentKind
from kansli.cases.services import register_case
from kansli.demo.pdf import make_pdf
from kansli.meetings.models import (
    Attendance,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    Paragraph,
)
from kansli.meetings.services import add_paragraph
from kansli.organisation.models import Body, Membership, Municipality, Party, Person, Term


def publish(meeting: Meeting) -> None:
    """Let the meeting's protokoll out as the secretary does: review for publication (screening
    findings confirmed, so they are masked). Without the publishing review in this checkout an
    adjusted meeting is public as it is."""
    try:
        from kansli.publishing import services
    except ImportError:
        return
    services.confirm_all_pending(meeting)
    services.mark_reviewed(meeting)


@dataclass
class Archive:
    bun: Body
    mn: Body
    people: dict[str, Person]
    meetings: dict[str, Meeting] = field(default_factory=dict)
    paragraphs: dict[str, Paragraph] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


def _meeting(body: Body, day: dt.date, people: dict[str, Person], adjusted: bool = True) -> Meeting:
    meeting = Meeting.objects.create(
        body=body,
        date=day,
        start=dt.time(18, 0),
        place="Stadshuset",
        status=MeetingStatus.ADJUSTED if adjusted else MeetingStatus.HELD,
        adjusted=day + dt.timedelta(days=5) if adjusted else None,
    )
    for order, person in enumerate(people.values()):
        Attendance.objects.create(meeting=meeting, order=order, person=person, party=person.party)
    return meeting


def _document(case: Case, title: str, text: list[str], secret: bool = False) -> Document:
    document = Document(case=case, kind=DocumentKind.MEMO, title=title, secret=secret)
    document.file.save(f"{title[:20]}.pdf", ContentFile(make_pdf(title, text)), save=False)
    document.save()
    return document


def build_archive() -> Archive:
    town = Municipality.objects.create(name="Provkommun")
    bun = Body.objects.create(municipality=town, name="Barn- och utbildningsnämnden", abbreviation="BUN")
    mn = Body.objects.create(municipality=town, name="Miljönämnden", abbreviation="MN")
    term = Term.objects.create(municipality=town, start=dt.date(2023, 1, 1), end=dt.date(2026, 12, 31))
    parties = {code: Party.objects.create(municipality=town, short_name=code) for code in ("S", "M", "V")}
    people = {
        name: Person.objects.create(municipality=town, name=name, party=parties[code])
        for name, code in (("Alva Provsson", "S"), ("Bo Exempelman", "M"), ("Cilla Testberg", "V"))
    }
    for body in (bun, mn):
        for person in people.values():
            Membership.objects.create(person=person, body=body, term=term)
    archive = Archive(bun=bun, mn=mn, people=people)

    series = CaseSeries.objects.create(municipality=town, code="BUN", body=bun)
    preschool = register_case(series, "Utbyggnad av förskolor i Norrby", registered=dt.date(2025, 1, 20))
    secret_case = register_case(
        series, "Skolplacering av enskild elev hemligord", registered=dt.date(2026, 1, 10), secret=True
    )
    archive.cases = {"preschool": preschool, "secret": secret_case}
    archive.documents = {
        "memo": _document(
            preschool, "Tjänsteskrivelse om lokaler",
            ["Utredningen visar att köerna till förskolorna i Norrby växer.", "Lokalerna räcker inte."],
        ),
        "secret_memo": _document(
            preschool, "Hemlig bilaga", ["Uppgifter om hemligord i en enskild familj."], secret=True
        ),
        "secret_case_memo": _document(
            secret_case, "Utredning om eleven", ["Utredningen om hemligord och skolgången."]
        ),
    }

    m2025 = _meeting(bun, dt.date(2025, 3, 10), people)
    m2026 = _meeting(bun, dt.date(2026, 2, 5), people)
    mn2026 = _meeting(mn, dt.date(2026, 2, 6), people)
    held = _meeting(bun, dt.date(2026, 4, 1), people, adjusted=False)
    archive.meetings = {"bun2025": m2025, "bun2026": m2026, "mn2026": mn2026, "held": held}

    p = archive.paragraphs
    p["build"] = add_paragraph(
        m2025, title="Utbyggnad av förskolor", case=preschool,
        decision="Nämnden beslutar att bygga en ny förskola i Norrby.",
        decision_clauses=["en ny förskola byggs i Norrby", "finansiering sker inom budgetramen"],
        summary="Barnen i Norrby saknar platser.",
    )
    Motion.objects.create(paragraph=p["build"], order=0, by=["Alva Provsson"], text="Bifall till förslaget.")
    Motion.objects.create(
        paragraph=p["build"], order=1, by=["Bo Exempelman"], text="Avslag; bygg i stället en skola i Söderby."
    )
    Dissent.objects.create(paragraph=p["build"], order=0, by=["Bo Exempelman"], text="Fel prioritering.")
    p["hours"] = add_paragraph(
        m2026, title="Öppettider", decision="Förskolornas öppettider förlängs till 18.30.",
        deliberation="Under överläggningen yttrar sig Cilla Testberg.",
    )
    Motion.objects.create(paragraph=p["hours"], order=0, by=["Cilla Testberg"], text="Bifall.")
    Dissent.objects.create(paragraph=p["hours"], order=0, by=["Alva Provsson"])
    p["secret"] = add_paragraph(
        m2026, title="Elevärende hemligord", decision="Beslut om hemligord enligt bilaga.", secret=True
    )
    p["secret_case"] = add_paragraph(
        m2026, title="Skolplacering", case=secret_case, decision="Eleven placeras, se hemligord."
    )
    p["markup"] = add_paragraph(
        m2026, title="Skrivelse om <b>skolgårdar</b>",
        summary="En medborgare skriver <script>alert('x')</script> om skolgårdar & lekplatser.",
        decision="Skrivelsen om skolgårdar besvaras.",
    )
    p["env"] = add_paragraph(
        mn2026, title="Tillsyn av förskolor", decision="Miljönämnden beslutar om tillsyn av förskolor.",
    )
    p["held"] = add_paragraph(
        held, title="Förskola i Österby", decision="Nämnden beslutar om en förskola i Österby."
    )
    for key in ("bun2025", "bun2026", "mn2026"):
        publish(archive.meetings[key])
    return archive


@pytest.fixture
def archive(db, media_root) -> Archive:
    return build_archive()
