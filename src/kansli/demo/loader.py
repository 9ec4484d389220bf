"""Load the fictional demo municipality. Dates are relative to ``today`` so the demo stays current:
the fully recorded meeting was held three weeks ago and adjusted a few days later, the next one is
two weeks ahead with its föredragningslista.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kansli.cases.models import Case, CaseSeries, CaseStatus, Document, DocumentKind
from kansli.cases.services import register_case
from kansli.law.calendar import next_working_day, previous_working_day
from kansli.law.deadlines import appeal_period, latest_posting
from kansli.meetings.models import (
    Adjuster,
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceRole,
    Ballot,
    Choice,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    MotionKind,
    Paragraph,
    Recipient,
    Recusal,
    Statement,
    StatementKind,
    Vote,
)
from kansli.meetings.services import add_paragraph
from kansli.organisation.models import (
    Body,
    BodyKind,
    Membership,
    Municipality,
    Office,
    Party,
    Person,
    Role,
    Term,
)

from . import data
from .pdf import make_pdf

TERM_START = dt.date(2023, 1, 1)
TERM_END = dt.date(2026, 12, 31)
MEETING_START = dt.time(17, 0)
SCHEDULE_MONTHS = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)


@dataclass(frozen=True)
class DemoSummary:
    created: bool
    municipality: str
    bodies: int
    persons: int
    memberships: int
    meetings: int
    paragraphs: int
    cases: int
    documents: int
    users: int

    def __str__(self) -> str:
        verb = "Skapade" if self.created else "Demodata fanns redan:"
        return (
            f"{verb} {self.municipality}: {self.bodies} organ, {self.persons} personer, "
            f"{self.memberships} uppdrag, {self.meetings} sammanträden, {self.paragraphs} paragrafer, "
            f"{self.cases} ärenden, {self.documents} handlingar, {self.users} användare."
        )


def summary(municipality: Municipality, created: bool) -> DemoSummary:
    usernames = [u.username for u in data.DEMO_USERS]
    return DemoSummary(
        created=created,
        municipality=municipality.name,
        bodies=municipality.bodies.count(),
        persons=municipality.persons.count(),
        memberships=Membership.objects.filter(body__municipality=municipality).count(),
        meetings=Meeting.objects.filter(body__municipality=municipality).count(),
        paragraphs=Paragraph.objects.filter(body__municipality=municipality).count(),
        cases=Case.objects.filter(series__municipality=municipality).count(),
        documents=Document.objects.filter(case__series__municipality=municipality).count(),
        users=get_user_model().objects.filter(username__in=usernames).count(),
    )


def load_demo(today: dt.date | None = None, *, lock: bool = True) -> DemoSummary:
    """Create Exempelkommun with its bodies, people, cases, meetings and demo users.

    Does nothing (and says so in the summary) if the demo municipality already exists. Adjusted
    meetings are locked, as justering locks them, and their notices are put on the
    anslagstavla; ``lock=False`` leaves them editable (for tests that rebuild the demo meeting).
    """
    existing = Municipality.objects.filter(name=data.MUNICIPALITY).first()
    if existing is not None:
        return summary(existing, created=False)
    today = today or timezone.localdate()
    from kansli.search.index import deferred as search_deferred

    # One search reindex at the end, not one per saved row. (OParl keeps its stamps per row:
    # it creates the meeting places and the protokoll's File objects from them.)
    with search_deferred(), transaction.atomic():
        municipality = _Builder(today).build()
        if lock:
            _adjust_and_post(municipality)
        from kansli.publishing.services import review_demo_meetings

        review_demo_meetings(municipality)  # as the secretary would before publishing
        from kansli.delegation.demo import load_delegation_demo

        load_delegation_demo(municipality.bodies.get(abbreviation="VON"), today)
    return summary(municipality, created=True)


def _adjust_and_post(municipality: Municipality) -> None:
    """Lock every adjusted demo meeting and post its notice, on the dates the demo gave them."""
    from kansli.meetings.locking import adjust_meeting
    from kansli.noticeboard.services import post_minutes_notice

    adjusted = Meeting.objects.filter(
        body__municipality=municipality, status=MeetingStatus.ADJUSTED
    ).order_by("date")
    for meeting in adjusted:
        posted = meeting.notice_posted
        adjust_meeting(meeting, meeting.adjusted)
        if posted is not None:
            post_minutes_notice(meeting, posted)


def _weekday_on_or_before(day: dt.date) -> dt.date:
    return previous_working_day(day)


class _Builder:
    def __init__(self, today: dt.date):
        self.today = today
        self.persons: dict[str, Person] = {}
        self.parties: dict[str, Party] = {}
        self.cases: dict[str, Case] = {}
        self.held_date = _weekday_on_or_before(today - dt.timedelta(days=21))
        self.upcoming_date = next_working_day(today + dt.timedelta(days=14))

    # --- organisation ------------------------------------------------------------------------

    def build(self) -> Municipality:
        self.town = Municipality.objects.create(
            name=data.MUNICIPALITY,
            org_number=data.ORG_NUMBER,
            website="https://www.exempelkommun.example",
            notice_board_url="https://www.exempelkommun.example/anslagstavla",
            minutes_kept_at="Kommunkansliet, " + data.TOWN_HALL,
            appeal_instructions=(
                "Den som är medlem i kommunen kan överklaga beslutet genom laglighetsprövning. "
                "Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den "
                "dag då anslaget om protokollets justering sattes upp på kommunens anslagstavla."
            ),
        )
        self.term = Term.objects.create(
            municipality=self.town, name="Mandatperioden 2023–2026", start=TERM_START, end=TERM_END
        )
        for short, name in data.PARTIES:
            self.parties[short] = Party.objects.create(municipality=self.town, short_name=short, name=name)
        self._bodies()
        self._users()
        self._cases()
        self._meetings()
        return self.town

    def person(self, name: str, party: str | None = None, title: str = "") -> Person:
        if name not in self.persons:
            email = slugify(name.replace("ö", "o").replace("å", "a").replace("ä", "a")).replace("-", ".")
            self.persons[name] = Person.objects.create(
                municipality=self.town,
                name=name,
                party=self.parties[party] if party else None,
                title=title,
                email=f"{email}@exempelkommun.example",
            )
        return self.persons[name]

    def _bodies(self) -> None:
        town = self.town
        self.kf = Body.objects.create(
            municipality=town, name=data.KF_NAME, abbreviation="KF", kind=BodyKind.COUNCIL, seats=49,
            kallelse_days_before=10,
        )
        self.ks = Body.objects.create(
            municipality=town, name=data.KS_NAME, abbreviation="KS", kind=BodyKind.EXECUTIVE_BOARD, seats=13,
        )
        self.von = Body.objects.create(
            municipality=town, name=data.VON_NAME, abbreviation="VON", kind=BodyKind.COMMITTEE, seats=11,
            kallelse_days_before=7, adjustment_days=14,
        )
        self.au = Body.objects.create(
            municipality=town, name=data.VON_AU_NAME, abbreviation="VONAU", kind=BodyKind.SUBCOMMITTEE,
            parent=self.von, seats=3, kallelse_days_before=5,
        )
        for name, party, office in data.VON_MEMBERS:
            self._member(self.von, self.person(name, party), office)
        for order, (name, party) in enumerate(data.VON_SUBSTITUTES, start=1):
            self._substitute(self.von, self.person(name, party), order)
        for name, office in data.VON_AU_MEMBERS:
            self._member(self.au, self.persons[name], office)
        for order, name in enumerate(data.VON_AU_SUBSTITUTES, start=1):
            self._substitute(self.au, self.persons[name], order)
        for body, members in ((self.ks, data.KS_MEMBERS), (self.kf, data.KF_MEMBERS)):
            for name, party, office in members:
                self._member(body, self.person(name, party), office)
        for name, title in (data.SECRETARY, data.DIRECTOR, data.ECONOMIST, data.REGISTRAR):
            self.person(name, title=title)

    def _member(self, body: Body, person: Person, office: str) -> None:
        Membership.objects.create(person=person, body=body, term=self.term, role=Role.MEMBER, office=office)

    def _substitute(self, body: Body, person: Person, order: int) -> None:
        Membership.objects.create(
            person=person, body=body, term=self.term, role=Role.SUBSTITUTE, office=Office.NONE,
            substitute_order=order,
        )

    def _users(self) -> None:
        User = get_user_model()
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in data.GROUPS}
        for spec in data.DEMO_USERS:
            user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
            user.is_staff = spec.is_staff
            user.is_superuser = spec.is_superuser
            person = self.persons.get(spec.person) if spec.person else None
            if person is not None:
                first, _, last = person.name.partition(" ")
                user.first_name, user.last_name, user.email = first, last, person.email
            else:
                user.first_name, user.email = "Demo", f"{spec.username}@exempelkommun.example"
                user.last_name = spec.description
            user.set_password(spec.password)
            user.save()
            user.groups.add(groups[spec.group])
            if person is not None:
                person.user = user
                person.save(update_fields=["user"])

    # --- cases -------------------------------------------------------------------------------

    def _cases(self) -> None:
        self.von_series = CaseSeries.objects.create(
            municipality=self.town, code="VON", name="Vård- och omsorgsnämndens diarium", body=self.von,
            format="{series}/{year}:{seq:05d}",
        )
        self.ks_series = CaseSeries.objects.create(
            municipality=self.town, code="KS", name="Kommunstyrelsens diarium", body=self.ks,
            format="{series} {year}/{seq}",
        )
        # Register in date order, so numbers grow with time like in a real diarium.
        for spec in sorted(data.CASES, key=lambda c: -c.days_before_today):
            registered = self.today - dt.timedelta(days=spec.days_before_today)
            case = register_case(
                self.von_series, spec.title, registered=registered, status=spec.status, secret=spec.secret
            )
            self.cases[spec.key] = case
            self._documents(case, spec)
        ks_case = register_case(
            self.ks_series, "Sammanträdesplan för kommunstyrelsen och nämnderna",
            registered=self.today - dt.timedelta(days=100), status=CaseStatus.CLOSED,
        )
        self._document(
            ks_case, DocumentKind.MEMO, "Tjänsteskrivelse – sammanträdesplan",
            [f"Diarienummer: {ks_case.case_number}",
             "Kommunledningskontoret föreslår datum för sammanträdena under året."],
        )

    def _documents(self, case: Case, spec: data.DemoCase) -> None:
        director = data.DIRECTOR
        memo = [
            f"Diarienummer: {case.case_number}",
            "Sammanfattning",
            spec.summary,
            "Förslag till beslut",
            spec.proposal or "Förvaltningen återkommer med förslag till beslut.",
            f"{director[0]}, {director[1]}",
        ]
        self._document(case, DocumentKind.MEMO, f"Tjänsteskrivelse – {spec.title}", memo, secret=spec.secret)
        if spec.status in (CaseStatus.READY, CaseStatus.DECIDED, CaseStatus.CLOSED) and spec.proposal:
            self._document(
                case, DocumentKind.CHAIR_PROPOSAL, f"Ordförandeförslag – {spec.title}",
                [f"Diarienummer: {case.case_number}", "Ordförandens förslag till beslut", spec.proposal],
                secret=spec.secret,
            )
        if spec.attachment:
            text = (
                f"{spec.attachment}\nBilaga till ärende {case.case_number}\n\n"
                "Underlaget är framtaget för demonstrationen och innehåller inga verkliga uppgifter.\n"
            )
            doc = Document(case=case, kind=DocumentKind.ATTACHMENT, title=f"Bilaga – {spec.attachment}")
            doc.file.save(f"{slugify(spec.attachment)}.txt", ContentFile(text.encode("utf-8")), save=False)
            doc.save()

    def _document(self, case: Case, kind: str, title: str, paragraphs: list[str], secret: bool = False) -> Document:
        doc = Document(case=case, kind=kind, title=title, secret=secret, content_type="application/pdf")
        name = f"{slugify(title)[:60] or 'handling'}.pdf"
        doc.file.save(name, ContentFile(make_pdf(title, paragraphs)), save=False)
        doc.save()
        return doc

    # --- meetings ----------------------------------------------------------------------------

    def _schedule(self) -> list[dt.date]:
        """About ten meetings of the nämnd in the current year, plus the two worked examples."""
        year = self.today.year
        dates = {self.held_date, self.upcoming_date}
        for month in SCHEDULE_MONTHS:
            day = dt.date(year, month, 1)
            while day.weekday() != 3:  # Thursday
                day += dt.timedelta(days=1)
            day += dt.timedelta(weeks=2)  # the third Thursday
            day = next_working_day(day)
            if not (self.held_date - dt.timedelta(days=12) < day < self.upcoming_date + dt.timedelta(days=12)):
                dates.add(day)
        return sorted(dates)

    def _meetings(self) -> None:
        secretary = self.persons[data.SECRETARY[0]]
        chair = self.persons[data.VON_MEMBERS[0][0]]
        for day in self._schedule():
            meeting = Meeting.objects.create(
                body=self.von, date=day, start=MEETING_START, end=None, place=f"Sessionssalen, {data.TOWN_HALL}",
                chair=chair, secretary=secretary, minutes_kept_at=self.town.minutes_kept_at,
            )
            if day == self.held_date:
                self._held(meeting)
            elif day == self.upcoming_date:
                self._upcoming(meeting)
            elif day < self.today:
                self._past(meeting)
        # The arbetsutskott prepared the held meeting a week before.
        Meeting.objects.create(
            body=self.au, date=previous_working_day(self.held_date - dt.timedelta(days=7)), start=dt.time(13, 0),
            place="Lilla sammanträdesrummet, " + data.TOWN_HALL, status=MeetingStatus.HELD,
            chair=chair, secretary=secretary,
        )

    def _adjust(self, meeting: Meeting, adjusted: dt.date) -> None:
        meeting.status = MeetingStatus.ADJUSTED
        meeting.adjusted = adjusted
        meeting.adjustment_place = "Kommunkansliet"
        meeting.notice_posted = latest_posting(adjusted) if adjusted < self.today else None
        if meeting.notice_posted and meeting.notice_posted > self.today:
            meeting.notice_posted = None
        if meeting.notice_posted:
            meeting.notice_removed = appeal_period(meeting.notice_posted).notice_remove_from
        meeting.invitation_sent = meeting.date - dt.timedelta(days=self.von.kallelse_days_before)
        meeting.end = dt.time(19, 0)
        meeting.save()

    def _past(self, meeting: Meeting) -> None:
        """An earlier meeting of the year: adjusted, with its standing paragraphs only."""
        self._adjust(meeting, next_working_day(meeting.date + dt.timedelta(days=6)))
        adjuster = self.persons[data.VON_MEMBERS[5][0]]
        Adjuster.objects.create(meeting=meeting, person=adjuster)
        add_paragraph(meeting, title="Val av justerare",
                      decision=f"{adjuster.name} utses att justera protokollet.")
        add_paragraph(meeting, title="Anmälan av delegationsbeslut",
                      decision="Anmälan av delegationsbeslut läggs till handlingarna.")
        add_paragraph(meeting, title="Meddelanden", decision="Meddelandena läggs till handlingarna.")

    def _upcoming(self, meeting: Meeting) -> None:
        items: list[tuple[str, str, Case | None, str]] = [
            (AgendaItemKind.STANDING, "Mötets öppnande och upprop", None, ""),
            (AgendaItemKind.STANDING, "Val av justerare och tid för justering", None,
             "Nämnden utser en justerare att tillsammans med ordföranden justera protokollet."),
            (AgendaItemKind.STANDING, "Information från förvaltningen", None, "Informationen noteras."),
        ]
        by_key = {c.key: c for c in data.CASES}
        for key in data.UPCOMING_CASES:
            items.append((AgendaItemKind.CASE, by_key[key].title, self.cases[key], by_key[key].proposal))
        items += [
            (AgendaItemKind.STANDING, "Anmälan av delegationsbeslut", None,
             "Anmälan av delegationsbeslut läggs till handlingarna."),
            (AgendaItemKind.STANDING, "Meddelanden", None, "Meddelandena läggs till handlingarna."),
        ]
        for order, (kind, title, case, proposal) in enumerate(items, start=1):
            AgendaItem.objects.create(
                meeting=meeting, order=order, kind=kind, title=title, case=case, proposed_decision=proposal
            )

    def _held(self, meeting: Meeting) -> None:
        p = self.persons
        meeting.remote_participation = True
        meeting.adjournments = ["18.05–18.15"]
        meeting.adjustment_time = f"{next_working_day(meeting.date + dt.timedelta(days=4)):%Y-%m-%d} kl. 10.00"
        self._adjust(meeting, next_working_day(meeting.date + dt.timedelta(days=4)))
        adjuster = p["Anders Bergqvist"]
        Adjuster.objects.create(meeting=meeting, person=adjuster, order=0)

        def para(title: str, **fields) -> Paragraph:
            return add_paragraph(meeting, title=title, **fields)

        def case_para(key: str, **fields) -> Paragraph:
            case = self.cases[key]
            spec = next(c for c in data.CASES if c.key == key)
            return para(
                spec.title, case=case, case_number=case.case_number, summary=spec.summary,
                proposed_decision=spec.proposal, secret=case.secret,
                decision_basis=[f"Tjänsteskrivelse {case.registered:%Y-%m-%d}", "Ordförandeförslag"],
                **fields,
            )

        first = para(
            "Upprop och val av justerare",
            decision=f"{adjuster.name} (M) utses att tillsammans med ordföranden justera protokollet.",
            decision_clauses=[f"{adjuster.name} (M) utses att justera protokollet."],
        )
        para("Godkännande av föredragningslistan", decision="Föredragningslistan godkänns.",
             decision_clauses=["Föredragningslistan godkänns."])
        para("Information från förvaltningen",
             decision="Informationen noteras.",
             deliberation="Förvaltningschefen informerar om läget i verksamheterna och om rekryteringen "
                          "av sjuksköterskor inför sommaren.")

        follow_up = case_para(
            "follow_up",
            decision="Vård- och omsorgsnämnden godkänner den ekonomiska uppföljningen och uppdrar åt "
                     "förvaltningen att återkomma med åtgärder för en budget i balans.",
            decision_clauses=[
                "den ekonomiska uppföljningen godkänns",
                "förvaltningen får i uppdrag att återkomma med åtgärder för en budget i balans",
            ],
            deliberation="Under överläggningen yttrar sig ordföranden, Anders Bergqvist (M), "
                         "Jonas Ekberg (V) och Tove Lundell (BL).",
            order_of_questions=[
                "Ordföranden ställer proposition på ordförandeförslaget mot Anders Bergqvists "
                "ändringsyrkande och finner att nämnden bifaller ordförandeförslaget.",
                "Votering begärs och verkställs.",
            ],
        )
        Motion.objects.create(paragraph=follow_up, order=0, by=["Karin Sjöholm"],
                              text="Bifall till ordförandeförslaget.")
        Motion.objects.create(
            paragraph=follow_up, order=1, by=["Anders Bergqvist", "Göran Lindfors"], kind=MotionKind.AMENDMENT,
            text="Förvaltningen ska redan till nästa sammanträde redovisa konkreta besparingar inom "
                 "administrationen innan åtgärder riktas mot hemtjänsten.",
        )
        vote = Vote.objects.create(
            paragraph=follow_up, order=0,
            question="Den som vill bifalla ordförandeförslaget röstar ja, den som vill bifalla "
                     "Anders Bergqvists ändringsyrkande röstar nej.",
            yes_means="ordförandeförslaget", no_means="Anders Bergqvists ändringsyrkande",
            outcome="Nämnden har beslutat i enlighet med ordförandeförslaget.",
        )
        choices = {
            "Karin Sjöholm": Choice.YES, "Anders Bergqvist": Choice.NO, "Göran Lindfors": Choice.NO,
            "Fatima Yilmaz": Choice.YES, "Ahmed Karimi": Choice.YES, "Elin Nordmark": Choice.NO,
            "Roger Nyström": Choice.NO, "Sofia Wallinder": Choice.YES, "Jonas Ekberg": Choice.YES,
            "Birgitta Holm": Choice.YES, "Tove Lundell": Choice.ABSTAIN,
        }
        for order, (name, choice) in enumerate(choices.items()):
            person = p[name]
            Ballot.objects.create(
                vote=vote, order=order, name=name, person=person, party=person.party.short_name,
                serving_for="Mikael Strand" if name == "Roger Nyström" else "", choice=choice,
            )
        counts = {c: sum(1 for v in choices.values() if v == c) for c in Choice}
        vote.yes, vote.no, vote.abstain, vote.absent = (
            counts[Choice.YES], counts[Choice.NO], counts[Choice.ABSTAIN], counts[Choice.ABSENT]
        )
        vote.save()
        Dissent.objects.create(
            paragraph=follow_up, order=0,
            by=["Anders Bergqvist", "Elin Nordmark", "Göran Lindfors", "Roger Nyström"],
            text="Vi anser att besparingar i administrationen ska prövas innan den enskildes insatser berörs.",
            written=True, in_favour_of="Anders Bergqvists ändringsyrkande",
        )
        Statement.objects.create(
            paragraph=follow_up, order=0, kind=StatementKind.MINUTES_NOTE, by=["Tove Lundell"],
            text="Bygdelistan vill att landsbygdens hemtjänst särskilt följs upp i nästa rapport.",
        )
        Recipient.objects.create(paragraph=follow_up, order=0, name="Kommunstyrelsen")
        Recipient.objects.create(paragraph=follow_up, order=1, name="Ekonomiavdelningen")

        housing = case_para(
            "motion_housing",
            decision="Vård- och omsorgsnämnden antar förvaltningens yttrande som sitt eget och "
                     "överlämnar det till kommunstyrelsen.",
            decision_clauses=["förvaltningens yttrande antas som nämndens eget",
                              "yttrandet överlämnas till kommunstyrelsen"],
        )
        Motion.objects.create(paragraph=housing, order=0, by=["Karin Sjöholm"], text="Bifall till förslaget.")
        Statement.objects.create(
            paragraph=housing, order=0, kind=StatementKind.SPECIAL_STATEMENT, by=["Jonas Ekberg"],
            text="Vänsterpartiet vill att utredningen även omfattar hyresnivåerna i trygghetsboendena.",
        )
        Recipient.objects.create(paragraph=housing, order=0, name="Kommunstyrelsen")

        meals = case_para(
            "procurement_meals",
            decision="Vård- och omsorgsnämnden godkänner förfrågningsunderlaget och ger förvaltningschefen "
                     "i uppdrag att genomföra upphandlingen.",
            decision_clauses=["förfrågningsunderlaget godkänns",
                              "förvaltningschefen får i uppdrag att genomföra upphandlingen"],
        )
        Recusal.objects.create(
            paragraph=meals, order=0, name="Sofia Wallinder", person=p["Sofia Wallinder"],
            reason="Närstående är delägare i ett företag som kan komma att lämna anbud.",
        )
        Recipient.objects.create(paragraph=meals, order=0, name="Upphandlingsenheten")

        guidelines = case_para(
            "guidelines",
            decision="Vård- och omsorgsnämnden antar reviderade riktlinjer för biståndsbedömning.",
            decision_clauses=["reviderade riktlinjer för biståndsbedömning antas",
                              "paragrafen förklaras omedelbart justerad"],
            immediately_adjusted=True,
        )
        Recipient.objects.create(paragraph=guidelines, order=0, name="Biståndsenheten")
        case_para(
            "individual",
            decision="Vård- och omsorgsnämnden beslutar i enlighet med förvaltningens förslag. "
                     "Beslutet framgår av särskilt protokoll som omfattas av sekretess.",
        )
        para("Anmälan av delegationsbeslut", decision="Anmälan av delegationsbeslut läggs till handlingarna.",
             decision_basis=["Förteckning över delegationsbeslut"])
        last = para("Meddelanden", decision="Meddelandena läggs till handlingarna.")

        self._attendance(meeting, first.number, meals.number, last.number, follow_up.number)

    def _attendance(self, meeting: Meeting, first: int, jav: int, last: int, economy: int) -> None:
        p = self.persons
        around_jav = [[first, jav - 1], [jav + 1, last]]
        rows: list[dict] = []
        roles = {"chair": AttendanceRole.CHAIR, "first_vice_chair": AttendanceRole.FIRST_VICE_CHAIR,
                 "second_vice_chair": AttendanceRole.SECOND_VICE_CHAIR, "": AttendanceRole.MEMBER}
        for name, _, office in data.VON_MEMBERS:
            if name == "Mikael Strand":
                continue  # absent; Roger Nyström serves for him
            rows.append({"person": p[name], "role": roles[office],
                         "paragraphs": around_jav if name == "Sofia Wallinder" else [],
                         "remote": name in ("Birgitta Holm",)})
        rows.append({"person": p["Roger Nyström"], "role": AttendanceRole.SERVING_SUBSTITUTE,
                     "serving_for": p["Mikael Strand"], "remote": False})
        rows.append({"person": p["Oskar Hedlund"], "role": AttendanceRole.SERVING_SUBSTITUTE,
                     "serving_for": p["Sofia Wallinder"], "paragraphs": [[jav, jav]], "remote": False})
        rows.append({"person": p["Oskar Hedlund"], "role": AttendanceRole.SUBSTITUTE,
                     "paragraphs": around_jav, "remote": False})
        for name in ("Patrik Sandell", "Henrik Dahl", "Ingrid Falk", "Daniel Moberg"):
            rows.append({"person": p[name], "role": AttendanceRole.SUBSTITUTE, "remote": name == "Daniel Moberg"})
        for (name, title), paragraphs in ((data.DIRECTOR, []), (data.ECONOMIST, [[economy, economy]]),
                                          (data.SECRETARY, [])):
            rows.append({"person": p[name], "role": AttendanceRole.OTHER, "office": title,
                         "paragraphs": paragraphs, "party": None})
        for order, row in enumerate(rows):
            row.setdefault("party", row["person"].party)
            row.setdefault("remote", None)
            Attendance.objects.create(meeting=meeting, order=order, **row)
