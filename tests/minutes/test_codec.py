import json
from datetime import date, time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kansli.minutes import (
    Ballot,
    Choice,
    Dissent,
    Item,
    Meeting,
    Minutes,
    MinutesFormatError,
    ParagraphRange,
    Participant,
    Role,
    Statement,
    StatementKind,
    Vote,
    dumps,
    from_dict,
    json_schema,
    loads,
    to_dict,
)

SCHEMA_FILE = Path(__file__).parents[2] / "schema" / "minutes.schema.json"

# Times in the model carry no sub-second part: that is what "HH:MM[:SS]" can hold.
st.register_type_strategy(time, st.times().map(lambda t: t.replace(microsecond=0)))


def sample() -> Minutes:
    return Minutes(
        municipality="Exempelkommun",
        body="Vård- och omsorgsnämnden",
        meeting=Meeting(date=date(2026, 3, 9), start=time(18, 30), end=time(20, 5), place="Rådhuset"),
        chair="Anna Ek",
        adjusters=["Bo Lind"],
        adjusted=date(2026, 3, 16),
        participants=[
            Participant("Anna Ek", "S", Role.CHAIR),
            Participant("Eva Ström", "M", Role.SERVING_SUBSTITUTE, serving_for="Per Berg",
                        paragraphs=[ParagraphRange(12, 14)], remote=True),
        ],
        items=[
            Item(number=12, year=2026, title="Budget", case_number="VON/2026:00012",
                 votes=[Vote(yes=6, no=5, abstain=0,
                             ballots=[Ballot("Anna Ek", Choice.YES, party="S")])],
                 reservations=[Dissent(by=["Per Berg"], written=True)],
                 statements=[Statement(StatementKind.MINUTES_NOTE, by=["Eva Ström"])]),
        ],
    )


def test_contract_field_names_are_the_importers_json_contract():
    data = to_dict(sample())
    assert data["meeting"] == {"date": "2026-03-09", "start": "18:30", "end": "20:05",
                               "place": "Rådhuset", "remote_participation": False,
                               "adjournments": []}
    item = data["items"][0]
    assert item["votes"][0]["yes"] == 6 and item["votes"][0]["ballots"][0]["choice"] == "yes"
    assert item["reservations"][0]["by"] == ["Per Berg"]
    assert item["statements"][0] == {"kind": "minutes_note", "by": ["Eva Ström"], "text": None}
    assert data["participants"][1]["paragraphs"] == [{"first": 12, "last": 14}]
    assert data["adjusted"] == "2026-03-16"


def test_round_trip_of_a_sample_is_exact():
    m = sample()
    assert loads(dumps(m)) == m


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(Minutes))
def test_round_trip_is_lossless_for_any_record(m):
    assert from_dict(Minutes, json.loads(dumps(m))) == m


SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(json_schema())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(Minutes))
def test_every_record_validates_against_the_schema(m):
    SCHEMA_VALIDATOR.validate(to_dict(m))


def test_committed_schema_file_matches_the_model():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: kansli schema > schema/minutes.schema.json"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"meeting": {"date": "17 maj"}}, "$.meeting.date"),
        ({"items": [{"number": "28"}]}, "$.items[0].number"),
        ({"participants": [{"name": "A", "role": "boss"}]}, "$.participants[0].role"),
        ({"colour": "red"}, "okända fält colour"),
        ({"participants": [{"party": "S"}]}, "$.participants[0]"),
    ],
)
def test_bad_json_is_rejected_with_its_path(data, message):
    with pytest.raises(MinutesFormatError, match=message.replace("$", r"\$").replace("[", r"\[")):
        from_dict(Minutes, data)


def test_present_at_and_deciding_follow_paragraph_ranges():
    m = sample()
    assert [p.name for p in m.deciding(12)] == ["Anna Ek", "Eva Ström"]
    assert [p.name for p in m.deciding(15)] == ["Anna Ek"]
