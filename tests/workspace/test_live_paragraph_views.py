"""The § screen, the vote entry for a 101-member fullmäktige and the protokoll draft, driven
through Django's test client against the real database."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from kansli.cases.models import CaseSeries
from kansli.cases.services import register_case
from kansli.meetings import live, recording
from kansli.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Ballot,
    Dissent,
    Meeting,
    MeetingStatus,
    Motion,
    Paragraph,
    Statement,
    Vote,
)
from kansli.organisation.models import Body, Membership, Municipality, Party, Person, Term

pytestmark = pytest.mark.django_db

PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]


def build_body(members: int, name: str = "Kommunfullmäktige") -> Body:
    town, _ = Municipality.objects.get_or_create(name="Vystad")
    body = Body.objects.create(municipality=town, name=name)
    term = Term.objects.create(municipality=town, start=dt.date(2026, 1, 1), end=dt.date(2029, 12, 31))
    parties = [Party.objects.get_or_create(municipality=town, short_name=p)[0] for p in PARTIES]
    offices = {0: "chair", 1: "first_vice_chair"}
    for i in range(members):
        person = Person.objects.create(municipality=town, name=f"Ledamot {i + 1:03d}", party=parties[i % 8])
        Membership.objects.create(person=person, body=body, term=term, office=offices.get(i, ""))
    return body


def open_meeting(body: Body, items: int = 2) -> Meeting:
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 11, 23), status=MeetingStatus.NOTICE_SENT)
    series = CaseSeries.objects.create(municipality=body.municipality, body=body, code="KF", name=body.name)
    for i in range(items):
        case = register_case(series, f"Ärende {i + 1}")
        AgendaItem.objects.create(meeting=meeting, order=i + 1, title=case.title, case=case,
                                  kind=AgendaItemKind.CASE, proposed_decision="Bifall till förslaget.")
    live.start_meeting(meeting)
    meeting.refresh_from_db()
    return meeting


def user_client(username: str, group: str) -> Client:
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def secretary() -> Client:
    return user_client("sekr", "Nämndsekreterare")


@pytest.fixture
def small():
    body = build_body(5, name="Tekniska nämnden")
    return open_meeting(body)


def first_paragraph(meeting: Meeting) -> Paragraph:
    return meeting.paragraphs.order_by("number").first()


def checked_choices(html: str) -> dict[int, str]:
    """The radio button checked for each member on the vote page."""
    found = {}
    for tag in re.findall(r"<input [^>]*>", html):
        name = re.search(r'name="rost_(\d+)"', tag)
        if name and " checked" in tag:
            found[int(name.group(1))] = re.search(r'value="(\w+)"', tag).group(1)
    return found


def test_the_hub_link_shows_the_paragraph_and_an_item_added_later_can_be_taken_up(small, secretary):
    item = small.agenda_items.get(order=1)
    response = secretary.get(reverse("workspace:paragraph_edit", args=[small.pk, item.pk]))
    assert response.status_code == 200
    assert "§ 1/2026 Ärende 1" in response.content.decode()

    late = AgendaItem.objects.create(meeting=small, order=3, title="Extra ärende", kind=AgendaItemKind.STANDING)
    url = reverse("workspace:paragraph_edit", args=[small.pk, late.pk])
    assert "Ta upp punkten som ny §" in secretary.get(url).content.decode()
    response = secretary.post(url, follow=True)
    assert "Punkten är upptagen som § 3." in response.content.decode()
    assert Paragraph.objects.get(agenda_item=late).number == 3


def test_text_form_saves_clauses_and_order_of_questions(small, secretary):
    paragraph = first_paragraph(small)
    response = secretary.post(reverse("workspace:paragraph_text", args=[paragraph.pk]), {
        "title": "Ny rubrik", "case_number": paragraph.case_number, "decision": "Nämnden beslutar",
        "decision_clauses": "att bifalla förslaget\n\natt uppdra åt förvaltningen",
        "order_of_questions": "Ordföranden ställer proposition på förslagen.",
        "recipients": "", "secret": "on",
    })
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.title == "Ny rubrik" and paragraph.secret
    assert paragraph.decision_clauses == ["att bifalla förslaget", "att uppdra åt förvaltningen"]
    assert paragraph.order_of_questions == ["Ordföranden ställer proposition på förslagen."]

    # an empty title is refused with the field named; nothing changes
    response = secretary.post(reverse("workspace:paragraph_text", args=[paragraph.pk]), {"title": ""})
    assert response.status_code == 400
    assert "Rubrik" in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.title == "Ny rubrik"


def test_a_101_member_vote_is_entered_from_the_all_yes_preset_and_round_trips(secretary):
    meeting = open_meeting(build_body(101), items=1)
    paragraph = first_paragraph(meeting)
    serving = recording.serving_members(meeting, paragraph.number)
    assert len(serving) == 101
    url = reverse("workspace:paragraph_vote", args=[paragraph.pk])

    page = secretary.get(url).content.decode()
    preset = checked_choices(page)
    assert preset == {m.person_id: "yes" for m in serving}  # every row starts at ja
    assert page.count("<tr>") >= 102 and "Ledamot 101" in page
    assert all(f'for="id_rost_{m.person_id}_0"' in page for m in serving)  # every radio has a label

    changed = dict(preset)
    nej = [m.person_id for m in serving[10:60]]
    avstar = [m.person_id for m in serving[60:62]]
    changed.update({pk: "no" for pk in nej})
    changed.update({pk: "abstain" for pk in avstar})
    data = {f"rost_{pk}": value for pk, value in changed.items()}
    data.update(yes_means="ordförandens förslag", no_means="Ledamot 011s yrkande", question="Votering begärs.")
    response = secretary.post(url, data, follow=True)
    text = response.content.decode()
    assert "Voteringen är registrerad: 49 ja, 50 nej, 2 avstår." in text
    assert "Beslut enligt Ledamot 011s yrkande." in text

    vote = Vote.objects.get(paragraph=paragraph)
    assert (vote.yes, vote.no, vote.abstain, vote.outcome) == (49, 50, 2, "Ledamot 011s yrkande")
    stored = dict(Ballot.objects.filter(vote=vote).values_list("person_id", "choice"))
    assert stored == changed

    # the correction page shows what was stored, not the preset
    edit = secretary.get(reverse("workspace:paragraph_vote_edit", args=[paragraph.pk, vote.pk])).content.decode()
    assert checked_choices(edit) == changed

    # and the draft protokoll prints the vote table with every name
    draft = secretary.get(reverse("workspace:minutes_draft_html", args=[meeting.pk])).content.decode()
    table = draft.split('<table class="ballots">')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 101  # one row per name (the Summa row has colspan)
    assert all(f"<th scope=\"row\">{m.name}</th>" in table for m in serving)
    assert "Omröstningen utfaller med 49 ja-röster och 50 nej-röster; 2 avstår" in draft


def test_all_no_preset_and_counting_without_saving(small, secretary):
    paragraph = first_paragraph(small)
    url = reverse("workspace:paragraph_vote", args=[paragraph.pk])
    page = secretary.get(url + "?forval=nej").content.decode()
    choices = checked_choices(page)
    assert set(choices.values()) == {"no"}

    # 2 ja, 2 nej, 1 avstår; the chair (first row) votes ja: "Räkna" shows the casting vote
    serving = recording.serving_members(small, paragraph.number)
    data = {f"rost_{pk}": "no" for pk in choices}
    data.update({f"rost_{serving[0].person_id}": "yes", f"rost_{serving[1].person_id}": "yes",
                 f"rost_{serving[4].person_id}": "abstain", "yes_means": "förslaget", "no_means": "avslag",
                 "rakna": "1"})
    response = secretary.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200 and "Räknat, inte sparat" in text
    assert "2 ja, 2 nej, 1 avstår." in text
    assert f"ordförandens utslagsröst ({serving[0].name}) avgör" in text
    assert checked_choices(text)[serving[4].person_id] == "abstain"  # what was typed is kept
    assert not Vote.objects.exists()


def test_a_vote_for_someone_not_serving_is_refused_in_swedish_and_nothing_saved(small, secretary):
    paragraph = first_paragraph(small)
    outsider = Person.objects.create(municipality=small.body.municipality, name="Inte Ledamot")
    data = {f"rost_{m.person_id}": "yes" for m in recording.serving_members(small, paragraph.number)}
    data.update({f"rost_{outsider.pk}": "no", "yes_means": "förslaget", "no_means": "avslag"})
    response = secretary.post(reverse("workspace:paragraph_vote", args=[paragraph.pk]), data)
    assert response.status_code == 400
    assert "Inte Ledamot tjänstgör inte vid § 1" in response.content.decode()
    assert not Vote.objects.exists() and not Ballot.objects.exists()


def test_dissents_and_statements_reach_the_draft_html_and_pdf(small, secretary):
    paragraph = first_paragraph(small)
    names = [m.name for m in recording.serving_members(small, paragraph.number)]
    r = secretary.post(reverse("workspace:paragraph_motion_add", args=[paragraph.pk]),
                       {"yrkande-people": [names[2]], "yrkande-others": "", "yrkande-kind": "main",
                        "yrkande-text": "avslag på förslaget"})
    assert r.status_code == 302
    r = secretary.post(reverse("workspace:paragraph_dissent_add", args=[paragraph.pk]),
                       {"reservation-people": [names[2], names[3]], "reservation-in_favour_of": f"{names[2]}s yrkande"})
    assert r.status_code == 302
    r = secretary.post(reverse("workspace:paragraph_statement_add", args=[paragraph.pk]),
                       {"yttrande-people": [names[4]], "yttrande-others": "", "yttrande-kind": "special_statement",
                        "yttrande-text": "Vi yttrar oss särskilt."})
    assert r.status_code == 302
    r = secretary.post(reverse("workspace:paragraph_recipients", args=[paragraph.pk]),
                       {"recipients": "Samhällsbyggnadsförvaltningen"})
    assert r.status_code == 302

    dissent = Dissent.objects.get()
    assert dissent.by == [names[2], names[3]] and not dissent.written

    # a suggested propositionsordning fills the form but is not saved by itself
    url = reverse("workspace:paragraph", args=[paragraph.pk])
    assert "Fyll i förslag till propositionsordning" in secretary.get(url).content.decode()
    filled = secretary.get(url + "?forslag=propositionsordning").content.decode()
    assert f"därefter på {names[2]}s yrkande och finner att" in filled
    paragraph.refresh_from_db()
    assert paragraph.order_of_questions == []
    overview = secretary.get(reverse("workspace:minutes_draft", args=[small.pk])).content.decode()
    assert "Skriftliga reservationer som saknas" in overview

    # the written reasoning arrives after the meeting has ended
    small.end = dt.time(20, 0)
    small.save()
    r = secretary.post(reverse("workspace:paragraph_dissent_text", args=[paragraph.pk, dissent.pk]),
                       {"text": "Vi reserverar oss eftersom kostnaden är för hög."})
    assert r.status_code == 302
    dissent.refresh_from_db()
    assert dissent.written

    statement = Statement.objects.get()
    r = secretary.post(reverse("workspace:paragraph_statement_text", args=[paragraph.pk, statement.pk]),
                       {"text": "Yttrandets fullständiga text."})
    assert r.status_code == 302

    html = secretary.get(reverse("workspace:minutes_draft_html", args=[small.pk])).content.decode()
    assert "Utkast" in html
    assert "Yttrandets fullständiga text." in html
    assert "reserverar sig mot beslutet till förmån för" in html
    assert "Vi reserverar oss eftersom kostnaden är för hög." in html
    assert "lämnar ett särskilt yttrande" in html
    assert "Samhällsbyggnadsförvaltningen" in html
    pdf = secretary.get(reverse("workspace:minutes_draft_pdf", args=[small.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    # after the end a new reservation can no longer be announced
    r = secretary.post(reverse("workspace:paragraph_dissent_add", args=[paragraph.pk]),
                       {"reservation-people": [names[4]]})
    assert r.status_code == 400
    assert "innan sammanträdet avslutas" in r.content.decode()
    assert Dissent.objects.count() == 1


def test_immediate_adjustment_locks_the_paragraph_and_the_screen_says_so(small, secretary):
    first, second = small.paragraphs.order_by("number")
    adjust = reverse("workspace:paragraph_adjust", args=[first.pk])
    r = secretary.post(adjust, {"confirm": "on"})
    assert r.status_code == 400 and "saknar beslut" in r.content.decode()
    recording.update_text(first, decision="Nämnden bifaller förslaget.")
    assert secretary.post(adjust, {}).status_code == 400  # not confirmed
    assert secretary.post(adjust, {"confirm": "on"}).status_code == 302
    first.refresh_from_db()
    assert first.locked

    r = secretary.post(reverse("workspace:paragraph_text", args=[first.pk]), {"title": "Ändrad", "decision": "X"})
    assert r.status_code == 409
    assert "§ 1/2026 är omedelbart justerad och kan inte ändras." in r.content.decode()
    r = secretary.post(reverse("workspace:paragraph_motion_add", args=[first.pk]),
                       {"yrkande-others": "Någon", "yrkande-kind": "main", "yrkande-text": "avslag"})
    assert r.status_code == 409 and not Motion.objects.exists()
    page = secretary.get(reverse("workspace:paragraph", args=[first.pk])).content.decode()
    assert "omedelbart justerad" in page and "Spara paragrafens text" not in page
    first.refresh_from_db()
    assert first.title != "Ändrad"

    # the next § is still open
    r = secretary.post(reverse("workspace:paragraph_statement_add", args=[second.pk]),
                       {"yttrande-others": "Någon Annan", "yttrande-kind": "minutes_note", "yttrande-text": ""})
    assert r.status_code == 302 and Statement.objects.filter(paragraph=second).count() == 1
