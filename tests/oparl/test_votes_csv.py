"""CSV of a meeting's votes: one row per ballot, and the totals per vote."""

from __future__ import annotations

import csv
import io

import pytest

from kansli import minutes as mm
from kansli.meetings.models import Ballot, Meeting, Paragraph, Vote
from kansli.oparl.votes_csv import BALLOT_HEADER, TOTALS_HEADER, ballot_rows, safe_cell

CHOICE = {"yes": "ja", "no": "nej", "abstain": "avstår", "absent": "frånvarande"}


def read(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = response.content
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_votes_csv_of_the_demo_meeting(demo, api):
    page = api.get(f"/sammantraden/{demo.pk}/").content.decode()
    assert f'href="/oparl/meeting/{demo.pk}/voteringar.csv"' in page
    assert f'href="/oparl/meeting/{demo.pk}/voteringar-summering.csv"' in page

    rows = read(api.get(f"/oparl/meeting/{demo.pk}/voteringar.csv"))
    assert rows[0] == BALLOT_HEADER
    paragraph = Paragraph.objects.get(meeting=demo, votes__isnull=False)
    vote = paragraph.votes.get()
    expected = [
        [f"§ {paragraph.number}", paragraph.title, paragraph.case_number, "1", vote.question, vote.yes_means,
         vote.no_means, b.name, b.party, b.serving_for, CHOICE[b.choice]]
        for b in Ballot.objects.filter(vote=vote).order_by("order")
    ]
    assert rows[1:] == expected
    assert len(expected) == 11
    roger = next(r for r in rows if r[7] == "Roger Nyström")
    assert roger[9:] == ["Mikael Strand", "nej"]

    totals = read(api.get(f"/oparl/meeting/{demo.pk}/voteringar-summering.csv"))
    assert totals[0] == TOTALS_HEADER
    assert totals[1][:4] == [f"§ {paragraph.number}", paragraph.title, paragraph.case_number, "1"]
    counted = {c: sum(1 for r in rows[1:] if r[10] == CHOICE[c]) for c in CHOICE}
    absent = "" if vote.absent is None else str(vote.absent)
    assert totals[1][7:11] == [str(vote.yes), str(vote.no), str(vote.abstain), absent]
    assert [counted["yes"], counted["no"], counted["abstain"]] == [vote.yes, vote.no, vote.abstain]
    assert len(totals) == 1 + Vote.objects.filter(paragraph__meeting=demo).count()


@pytest.mark.django_db
def test_votes_csv_only_for_a_published_protokoll(demo, api):
    planned = Meeting.objects.filter(status="planned").first()
    for url in [f"/oparl/meeting/{planned.pk}/voteringar.csv", "/oparl/meeting/999999/voteringar-summering.csv"]:
        response = api.get(url)
        assert response.status_code == 404
        assert "publicerat protokoll" in response.json()["message"]


def test_secret_paragraphs_are_left_out_and_formulas_are_defused():
    ballots = [mm.Ballot(name="=HYPERLINK(\"x\")", choice=mm.Choice.YES, party="S")]
    minutes = mm.Minutes(items=[
        mm.Item(number=1, title="Öppet", votes=[mm.Vote(yes=1, ballots=ballots)]),
        mm.Item(number=2, title="Hemligt", secret=True, votes=[mm.Vote(yes=1, ballots=ballots)]),
    ])
    rows = ballot_rows(minutes)
    assert [r[0] for r in rows[1:]] == ["§ 1"]
    assert rows[1][7] == "'=HYPERLINK(\"x\")"
    assert safe_cell("-1") == "'-1" and safe_cell("Anna") == "Anna" and safe_cell(None) == ""
