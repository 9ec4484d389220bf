import datetime as dt
import hashlib

import pypdfium2 as pdfium
import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group

from kansli.cases.models import Case, CaseStatus, Document, DocumentKind
from kansli.demo import DEMO_USERS, load_demo
from kansli.meetings.conversion import meeting_to_minutes
from kansli.meetings.models import (
    AgendaItemKind,
    AttendanceRole,
    Meeting,
    MeetingStatus,
    Paragraph,
)
from kansli.minutes import DECIDING_ROLES, Role
from kansli.organisation.models import Body, BodyKind, Membership, Municipality, Office, Party

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(media_root):
    summary = load_demo(today=TODAY)
    return summary, Municipality.objects.get(name="Exempelkommun")


def test_loading_twice_changes_nothing(demo):
    first, _ = demo
    assert first.created
    counts = {m: m.objects.count() for m in (Body, Membership, Meeting, Paragraph, Case, Document)}
    second = load_demo(today=TODAY)
    assert not second.created
    assert {m: m.objects.count() for m in counts} == counts
    assert (second.cases, second.meetings, second.documents) == (first.cases, first.meetings, first.documents)


def test_organisation(demo):
    _, town = demo
    shorts = set(Party.objects.filter(municipality=town).values_list("short_name", flat=True))
    assert {"S", "M", "SD", "C", "V", "KD", "L", "MP"} <= shorts and len(shorts) >= 9
    von = Body.objects.get(municipality=town, abbreviation="VON")
    assert von.kind == BodyKind.COMMITTEE and von.seats == 11
    members = von.memberships.filter(role="member")
    substitutes = von.memberships.filter(role="substitute")
    assert members.count() == 11 and substitutes.count() == 11
    assert sorted(substitutes.values_list("substitute_order", flat=True)) == list(range(1, 12))
    assert len(set(members.values_list("person__party__short_name", flat=True))) >= 7
    offices = sorted(members.exclude(office="").values_list("office", flat=True))
    assert offices == sorted([Office.CHAIR, Office.FIRST_VICE_CHAIR, Office.SECOND_VICE_CHAIR])
    term = members.first().term
    assert (term.start, term.end) == (dt.date(2023, 1, 1), dt.date(2026, 12, 31))
    au = Body.objects.get(municipality=town, kind=BodyKind.SUBCOMMITTEE)
    assert au.parent == von and au.memberships.exists()
    for kind in (BodyKind.EXECUTIVE_BOARD, BodyKind.COUNCIL):
        assert Body.objects.get(municipality=town, kind=kind).memberships.count() >= 3


def test_meeting_schedule_and_the_two_worked_meetings(demo):
    _, town = demo
    von = Body.objects.get(municipality=town, abbreviation="VON")
    this_year = Meeting.objects.filter(body=von, date__year=TODAY.year)
    assert 8 <= this_year.count() <= 12

    held = Meeting.objects.filter(body=von, date__lt=TODAY, paragraphs__votes__isnull=False).distinct().get()
    assert held.status == MeetingStatus.ADJUSTED
    assert 18 <= (TODAY - held.date).days <= 24
    assert 1 <= (held.adjusted - held.date).days <= 7
    assert held.notice_posted >= held.adjusted and held.notice_removed > held.notice_posted
    assert held.adjusters.exists() and held.chair.name and held.secretary.name

    paragraphs = held.paragraphs.order_by("number")
    assert paragraphs.count() >= 8
    numbers = [p.number for p in paragraphs]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # continuous
    # continuous with the body's earlier meetings of the year
    earlier = Paragraph.objects.filter(body=von, year=held.date.year, meeting__date__lt=held.date)
    assert numbers[0] == earlier.count() + 1

    minutes = meeting_to_minutes(held)
    items = minutes.items
    voted = [i for i in items if i.votes]
    assert len(voted) == 1
    vote = voted[0].votes[0]
    deciding = minutes.deciding(voted[0].number)
    assert len(vote.ballots) == 11 == len(deciding) == von.seats
    assert {b.name for b in vote.ballots} == {p.name for p in deciding}
    assert (vote.yes, vote.no, vote.abstain) == tuple(
        sum(1 for b in vote.ballots if b.choice == c) for c in ("yes", "no", "abstain")
    )
    dissenters = {n for d in voted[0].reservations for n in d.by}
    assert dissenters and dissenters <= {b.name for b in vote.ballots if b.choice == "no"}
    assert any(i.statements for i in items)
    jav = [i for i in items if i.recusals]
    assert len(jav) == 1
    recused = jav[0].recusals[0].name
    present = {p.name for p in minutes.deciding(jav[0].number)}
    assert recused not in present and len(present) == 11
    stand_in = next(p for p in minutes.participants if p.serving_for == recused)
    assert stand_in.paragraphs[0].first == stand_in.paragraphs[0].last == jav[0].number
    whole_meeting = [p for p in minutes.participants if p.role == Role.SERVING_SUBSTITUTE and not p.paragraphs]
    assert len(whole_meeting) == 1 and whole_meeting[0].serving_for
    assert all(p.role in DECIDING_ROLES or p.role in (Role.SUBSTITUTE, Role.OTHER) for p in minutes.participants)
    assert any(i.secret for i in items)
    assert held.attendances.filter(role=AttendanceRole.SERVING_SUBSTITUTE).count() == 2

    upcoming = (
        Meeting.objects.filter(body=von, date__gt=TODAY, agenda_items__isnull=False).distinct().get()
    )
    assert 12 <= (upcoming.date - TODAY).days <= 17
    agenda = list(upcoming.agenda_items.order_by("order"))
    titles = " | ".join(a.title.lower() for a in agenda)
    for word in ("upprop", "justerare", "delegationsbeslut", "meddelanden", "information"):
        assert word in titles
    case_items = [a for a in agenda if a.kind == AgendaItemKind.CASE]
    assert len(case_items) >= 3 and all(a.case and a.case.status == CaseStatus.READY for a in case_items)


def test_cases_and_documents(demo, media_root):
    _, town = demo
    cases = Case.objects.filter(series__municipality=town)
    assert cases.count() >= 12
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus.values)
    assert cases.filter(secret=True).exists()
    assert all(c.documents.exists() for c in cases)
    pdfs = Document.objects.filter(case__series__municipality=town, content_type="application/pdf")
    assert pdfs.filter(kind=DocumentKind.MEMO).count() >= 12
    assert pdfs.filter(kind=DocumentKind.CHAIR_PROPOSAL).exists()
    assert Document.objects.filter(kind=DocumentKind.ATTACHMENT).exists()
    for doc in Document.objects.all():
        path = media_root / doc.file.name
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == doc.sha256
        if doc.content_type == "application/pdf":
            pdf = pdfium.PdfDocument(data)
            page = pdf[0]
            text = page.get_textpage()
            try:
                assert doc.case.case_number in text.get_text_range()
            finally:
                text.close()
                page.close()
                pdf.close()
    numbers = list(cases.filter(series__code="VON").values_list("case_number", flat=True))
    assert len(numbers) == len(set(numbers)) and all(n.startswith("VON/") for n in numbers)


def test_demo_users_log_in_and_belong_to_their_groups(demo):
    expected_groups = {"Administratör", "Registrator", "Nämndsekreterare", "Ordförande", "Justerare",
                       "Ledamot/ersättare"}
    assert set(Group.objects.values_list("name", flat=True)) >= expected_groups
    assert {u.username for u in DEMO_USERS} == {"admin", "registrator", "sekreterare", "ordforande",
                                                 "justerare", "ledamot"}
    for spec in DEMO_USERS:
        user = authenticate(username=spec.username, password=spec.password)
        assert user is not None, spec.username
        assert user.groups.filter(name=spec.group).exists()
    admin = authenticate(username="admin", password="demo-admin")
    assert admin.is_superuser and admin.is_staff
    assert authenticate(username="sekreterare", password="demo-sekreterare").is_staff
    von = Body.objects.get(abbreviation="VON")
    chair = authenticate(username="ordforande", password="demo-ordforande").person
    assert von.memberships.get(office=Office.CHAIR).person == chair
    adjuster = authenticate(username="justerare", password="demo-justerare").person
    held = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    assert adjuster in held.adjusters.all()
    member = authenticate(username="ledamot", password="demo-ledamot").person
    assert von.memberships.filter(person=member, role="member").exists()


@pytest.mark.parametrize("today", [dt.date(2026, 1, 8), dt.date(2026, 7, 1), dt.date(2026, 12, 30)])
def test_the_demo_loads_on_any_day(media_root, today):
    summary = load_demo(today=today)
    assert summary.created and summary.cases >= 12
    held = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    assert held.paragraphs.count() >= 8 and held.status == MeetingStatus.ADJUSTED
