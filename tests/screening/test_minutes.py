"""The texts of a minutes record, by location, and the record with a change applied."""

from __future__ import annotations

import datetime as dt

from kansli import minutes as mm
from kansli.screening import (
    FindingKind,
    map_minutes_texts,
    minutes_texts,
    public_names,
    screen_minutes,
    texts_digest,
)


def record() -> mm.Minutes:
    return mm.Minutes(
        municipality="Exempelkommun", body="Vård- och omsorgsnämnden",
        meeting=mm.Meeting(date=dt.date(2026, 3, 5), place="Sessionssalen"),
        chair="Karin Sjöholm", adjusters=["Anders Bergqvist"],
        participants=[
            mm.Participant("Karin Sjöholm", "S", mm.Role.CHAIR),
            mm.Participant("Anders Bergqvist", "M"),
            mm.Participant("Eva Ek", role=mm.Role.OTHER, office="förvaltningschef, tel 070-123 45 67"),
        ],
        items=[
            mm.Item(
                number=12, year=2026, title="Ansökan", decision="Beslut X",
                decision_clauses=["att A", "att B"], summary="Sammanfattning",
                motions=[mm.Motion(by=["Karin Sjöholm"], text="Bifall")],
                votes=[mm.Vote(question="Fråga", ballots=[mm.Ballot("Anders Bergqvist", mm.Choice.NO, "M")])],
                reservations=[mm.Dissent(by=["Anders Bergqvist"], text="Skäl")],
                statements=[mm.Statement(mm.StatementKind.MINUTES_NOTE, ["Karin Sjöholm"], "Notering")],
                recusals=[mm.Recusal("Anders Bergqvist", "Närstående")],
                recipients=["Kommunstyrelsen", "Maria Lindqvist"],
            )
        ],
    )


def test_every_public_text_is_named_by_where_it_sits_and_names_of_members_are_not_texts():
    texts = {t.location: t for t in minutes_texts(record())}
    assert texts["§ 12/2026 sammanfattning"].text == "Sammanfattning"
    assert texts["§ 12/2026 att-sats 2"].text == "att B"
    assert texts["§ 12/2026 yrkande 1"].text == "Bifall"
    assert texts["§ 12/2026 votering 1 voteringsproposition"].text == "Fråga"
    assert texts["§ 12/2026 jäv 1 skäl"].text == "Närstående"
    assert texts["övrig närvarande 3 titel"].text.endswith("45 67")
    assert texts["§ 12/2026 beslutet skickas till 2"].name_field
    values = {t.text for t in texts.values()}
    assert "Karin Sjöholm" not in values and "Anders Bergqvist" not in values
    assert public_names(record()) == {"Karin Sjöholm", "Anders Bergqvist"}


def test_map_changes_a_copy_every_text_and_leaves_names_and_the_original_alone():
    original = record()
    changed = map_minutes_texts(original, lambda text: text.upper())
    assert original == record()
    item = changed.items[0]
    assert item.summary == "SAMMANFATTNING" and item.decision_clauses == ["ATT A", "ATT B"]
    assert item.motions[0].text == "BIFALL" and item.reservations[0].text == "SKÄL"
    assert item.recipients == ["KOMMUNSTYRELSEN", "MARIA LINDQVIST"]
    assert item.motions[0].by == ["Karin Sjöholm"]
    assert item.votes[0].ballots[0].name == "Anders Bergqvist"
    assert changed.participants[0].name == "Karin Sjöholm" and changed.participants[0].party == "S"
    assert changed.chair == "Karin Sjöholm"
    assert {t.text for t in minutes_texts(changed)} == {t.text.upper() for t in minutes_texts(original)}


def test_digest_changes_with_any_screened_text():
    a = record()
    b = record()
    assert texts_digest(a) == texts_digest(b)
    b.items[0].statements[0].text = "Notering 811218-9876"
    assert texts_digest(a) != texts_digest(b)


def test_screen_minutes_finds_data_in_an_imported_record_with_its_location():
    record_ = record()
    record_.items[0].deliberation = "Skrivelsen från 811218-9876 redovisas."
    found = [(t.location, f.kind) for t, f in screen_minutes(record_)]
    assert found == [
        ("övrig närvarande 3 titel", FindingKind.PHONE),
        ("§ 12/2026 överläggning", FindingKind.PERSONNUMMER),
        ("§ 12/2026 beslutet skickas till 2", FindingKind.NAME),
    ]
