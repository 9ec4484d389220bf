"""The named votes (voteringar) of a meeting as CSV: one row per ballot, and the totals per vote.

Read from the published protokoll (:func:`kansli.publishing.public.public_minutes`), so only an
adjusted protokoll that may be published is offered, and never a secret §.

Format, chosen for Swedish spreadsheets as well as programs: UTF-8 with byte order mark,
semicolon as separator, a header row in Swedish, one vote per § numbered from 1. A cell that
would start with ``=``, ``+``, ``-``, ``@`` or a control character gets a leading apostrophe so
that no spreadsheet runs it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse

from kansli import minutes as mm
from kansli.meetings.models import Meeting
from kansli.publishing import public

from .serialize import CHOICE_LABELS
from .tracking import Context
from .views import OParlError, oparl_view

BALLOT_HEADER = [
    "Paragraf", "Ärende", "Diarienummer", "Votering", "Voteringsproposition", "Ja innebär", "Nej innebär",
    "Namn", "Parti", "Tjänstgör för", "Röst",
]
TOTALS_HEADER = [
    "Paragraf", "Ärende", "Diarienummer", "Votering", "Voteringsproposition", "Ja innebär", "Nej innebär",
    "Ja", "Nej", "Avstår", "Frånvarande", "Utfall", "Utslagsröst av",
]


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text and (text[0] in "=+-@" or text[0] in "\t\r\n"):
        return "'" + text
    return text


def _votes(minutes: mm.Minutes) -> Iterator[tuple[mm.Item, int, mm.Vote]]:
    for item in minutes.items:
        if item.secret:
            continue
        for index, vote in enumerate(item.votes, start=1):
            yield item, index, vote


def ballot_rows(minutes: mm.Minutes) -> list[list[str]]:
    rows = [BALLOT_HEADER]
    for item, index, vote in _votes(minutes):
        for ballot in vote.ballots:
            rows.append([safe_cell(v) for v in (
                f"§ {item.number}", item.title, item.case_number, index, vote.question, vote.yes_means,
                vote.no_means, ballot.name, ballot.party, ballot.serving_for,
                CHOICE_LABELS.get(str(ballot.choice), str(ballot.choice)),
            )])
    return rows


def total_rows(minutes: mm.Minutes) -> list[list[str]]:
    rows = [TOTALS_HEADER]
    for item, index, vote in _votes(minutes):
        rows.append([safe_cell(v) for v in (
            f"§ {item.number}", item.title, item.case_number, index, vote.question, vote.yes_means,
            vote.no_means, vote.yes, vote.no, vote.abstain, vote.absent, vote.outcome, vote.casting_vote_by,
        )])
    return rows


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _published_minutes(pk: int) -> tuple[Meeting, mm.Minutes]:
    meeting = Meeting.objects.filter(pk=pk).select_related("body").first()
    if meeting is None or not Context().protocol_published(meeting):
        raise OParlError(
            404,
            "Det finns inget publicerat protokoll för sammanträdet, och därför inga voteringar att hämta.",
            "No published (adjusted and reviewed) minutes for this meeting.",
        )
    return meeting, public.public_minutes(meeting)


def _response(meeting: Meeting, rows: list[list[str]], suffix: str) -> HttpResponse:
    code = meeting.body.abbreviation or f"organ{meeting.body_id}"
    response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{suffix}-{code}-{meeting.date:%Y-%m-%d}.csv"'
    return response


@oparl_view
def meeting_votes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _published_minutes(pk)
    return _response(meeting, ballot_rows(minutes), "voteringar")


@oparl_view
def meeting_vote_totals(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, minutes = _published_minutes(pk)
    return _response(meeting, total_rows(minutes), "voteringar-summering")

