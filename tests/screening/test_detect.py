"""Screening for personal data: identity numbers, phones, e-mail, individual cases, names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kansli.screening import (
    FindingKind,
    ScreeningConfig,
    apply_masks,
    identity_number,
    mask_identity_numbers,
    screen,
)


def luhn_digit(nine: str) -> str:
    total = 0
    for i, c in enumerate(nine):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@st.composite
def identity_numbers(draw, coordination: bool | None = None):
    """(century, yymmdd, serial+check, is_coordination) of a valid personnummer/samordningsnummer."""
    # within the last hundred years, so that the two-digit year reads the same with "-"
    day = draw(st.dates(dt.date(1927, 1, 1), dt.date(2024, 12, 31)))
    co = draw(st.booleans()) if coordination is None else coordination
    dd = day.day + (60 if co else 0)
    yymmdd = f"{day:%y%m}{dd:02d}"
    serial = f"{draw(st.integers(1, 999)):03d}"  # serial 000 is never issued
    return f"{day.year // 100}", yymmdd, serial + luhn_digit(yymmdd + serial), co


SPELLINGS = [
    lambda c, d, t: f"{d}-{t}",
    lambda c, d, t: f"{d}{t}",
    lambda c, d, t: f"{c}{d}{t}",
    lambda c, d, t: f"{c}{d}-{t}",
    lambda c, d, t: f"{d} {t}",
    lambda c, d, t: f"{c}{d} {t}",
    lambda c, d, t: f"{d} - {t}",
    lambda c, d, t: f"{d}\u2013{t}",
]


@given(identity_numbers(), st.sampled_from(SPELLINGS), st.sampled_from(["", "Pnr: ", "sökande ", "("]),
       st.sampled_from(["", ".", " bor i kommunen.", ")", ", ansökan"]))
def test_every_spelling_of_a_valid_number_is_found_and_masked(number, spell, before, after):
    century, date, tail, co = number
    written = spell(century, date, tail)
    text = f"{before}{written}{after}"
    found = [f for f in screen(text) if f.kind in (FindingKind.PERSONNUMMER, FindingKind.SAMORDNINGSNUMMER)]
    assert [f.text for f in found] == [written]
    assert found[0].kind == (FindingKind.SAMORDNINGSNUMMER if co else FindingKind.PERSONNUMMER)
    masked = mask_identity_numbers(text)
    assert tail not in masked and date not in masked
    assert masked == f"{before}ÅÅMMDD-XXXX{after}"


@given(identity_numbers(), st.integers(1, 9))
def test_a_wrong_check_digit_is_not_an_identity_number(number, delta):
    century, date, tail, _ = number
    wrong = tail[:3] + str((int(tail[3]) + delta) % 10)
    assert identity_number(f"{date}-{wrong}") is None
    assert identity_number(f"{century}{date}{wrong}") is None
    assert not [f for f in screen(f"Nummer {date}-{wrong}.") if f.kind != FindingKind.PHONE]
    assert mask_identity_numbers(f"{date}-{wrong}") == f"{date}-{wrong}"


def test_plus_means_a_hundred_years_and_samordningsnummer_adds_sixty_to_the_day():
    assert identity_number("811218-9876") == FindingKind.PERSONNUMMER
    assert identity_number("811218+9876") == FindingKind.PERSONNUMMER
    serial = "123"
    sam = "811278" + serial + luhn_digit("811278" + serial)
    assert identity_number(sam) == FindingKind.SAMORDNINGSNUMMER
    assert identity_number("19" + sam) == FindingKind.SAMORDNINGSNUMMER
    assert identity_number("811232-1234") is None  # no 32nd day
    assert identity_number("19811218+9876") is None  # '+' only with a two-digit year


case_numbers = st.one_of(
    st.builds(lambda p, y, n: f"{p} {y}/{n}", st.sampled_from(["KS", "VON", "BUN", "KS KF"]),
              st.integers(2000, 2030), st.integers(1, 99999)),
    st.builds(lambda p, y, n: f"{p}/{y}:{n}", st.sampled_from(["VON", "KS"]), st.integers(2000, 2030),
              st.integers(1, 99999)),
    st.builds(lambda p, y, n: f"{p}/{y}:{n:05d}", st.sampled_from(["VON", "KS"]), st.integers(2000, 2030),
              st.integers(1, 99999)),
    st.builds(lambda p, y, n, m: f"{p}-{y}/{n}.{m}", st.sampled_from(["VON", "SBN"]),
              st.integers(2000, 2030), st.integers(1, 9999), st.integers(1, 999)),
    st.builds(lambda p, y, n: f"{p}.{y}.{n}", st.sampled_from(["VON", "MBN"]), st.integers(2000, 2030),
              st.integers(1, 999)),
)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).flatmap(
    lambda d: st.sampled_from([f"{d:%Y-%m-%d}", f"{d.day}/{d.month} {d.year}", f"{d:%Y%m%d}",
                               f"{d:%Y-%m-%d} kl. 10.00", f"{d:%y%m%d}"])
)


def _swedish_amount(n: int) -> str:
    return f"{n:,}".replace(",", " ")


amounts = st.integers(0, 10**10).flatmap(
    lambda n: st.sampled_from([f"{_swedish_amount(n)} kr", f"{_swedish_amount(n)},50 kronor",
                               f"{n / 1000:.1f} tkr".replace(".", ","), f"{_swedish_amount(n)} mnkr"])
)
paragraphs = st.one_of(
    st.builds(lambda n: f"§ {n}", st.integers(1, 400)),
    st.builds(lambda a, b: f"§§ {a}–{a + b}", st.integers(1, 300), st.integers(1, 30)),
    st.builds(lambda n, y: f"§ {n}/{y}", st.integers(1, 400), st.integers(2000, 2030)),
)


@given(st.lists(st.one_of(case_numbers, dates, amounts, paragraphs), min_size=1, max_size=5))
def test_case_numbers_dates_amounts_and_paragraph_numbers_are_not_personal_data(parts):
    text = "Ärendet " + ", ".join(parts) + " behandlades."
    assert screen(text) == []
    assert mask_identity_numbers(text) == text


@pytest.mark.parametrize("number", [
    "070-123 45 67", "0701234567", "070 123 45 67", "08-123 456 78", "08-12 34 56", "031-701 00 00",
    "0771-23 45 67", "+46 70 123 45 67", "+46701234567", "+46 (0)8 123 456 78", "0046 70 123 45 67",
    "0046 8 123 456 78", "08/123 456 78",
])
def test_swedish_phone_numbers_are_found(number):
    found = screen(f"Ring {number} för mer information.")
    assert [(f.kind, f.text) for f in found] == [(FindingKind.PHONE, number)]
    assert found[0].mask == "[telefonnummer]"


@pytest.mark.parametrize("text", [
    "Sammanträdet pågick kl. 08.30-12.00.", "Budgeten 2025-2027 antas.", "Postnummer 123 45.",
    "Bilaga 0.5 visar", "Mellan 1 och 2 procent", "Årsarbetare 0,75.", "Tel. 08-12 (ej fullständigt).",
])
def test_things_that_are_not_phone_numbers(text):
    assert [f for f in screen(text) if f.kind == FindingKind.PHONE] == []


def test_private_email_is_found_municipal_and_organisational_are_not():
    config = ScreeningConfig.build(["exempelkommun.se"])
    text = ("Synpunkter från anna.berg@gmail.com och lars@privat.nu skickades till "
            "registrator@exempelkommun.se, karin.sjoholm@vard.exempelkommun.se och info@bygg-ab.se.")
    found = screen(text, config)
    assert [(f.kind, f.text) for f in found] == [
        (FindingKind.EMAIL, "anna.berg@gmail.com"), (FindingKind.EMAIL, "lars@privat.nu")
    ]
    assert all(f.mask == "[e-post]" for f in found)
    # the allowed domains are configuration: without them the official's address is flagged too
    assert "karin.sjoholm@vard.exempelkommun.se" in [f.text for f in screen(text)]


@pytest.mark.parametrize("text", [
    "Ansökan om bistånd enligt SoL för sökande beviljas.",
    "Nämnden beslutar om placering av pojken i familjehem enligt LVU.",
    "Individärende, se särskilt protokoll.",
    "Han har ansökt om försörjningsstöd för mars.",
    "Ansökan om insats enligt LSS avslås för A.B.",
    "Vård enligt LVM ska beredas kvinnan.",
])
def test_individual_social_services_cases_are_flagged_not_masked(text):
    found = screen(text)
    assert [f.kind for f in found] == [FindingKind.INDIVIDUAL_CASE]
    assert found[0].text == text
    assert mask_identity_numbers(text) == text  # flagged for the secretary; never masked on its own


@pytest.mark.parametrize("text", [
    "Reviderade riktlinjer för biståndsbedömning enligt SoL antas.",
    "Nämnden följer upp kostnaderna för försörjningsstöd under året.",
    "Verksamheten enligt LSS redovisas i bilaga 2.",
    "Placeringen av nya förskolor utreds.",
])
def test_general_policy_on_social_services_is_not_an_individual_case(text):
    assert screen(text) == []


def test_only_the_sentence_is_flagged_in_a_longer_text():
    text = "Nämnden godkänner rapporten. Sökande beviljas försörjningsstöd enligt SoL. Informationen noteras."
    [finding] = screen(text)
    assert text[finding.start:finding.end] == "Sökande beviljas försörjningsstöd enligt SoL."


def test_names_in_name_fields_private_persons_flagged_members_and_organisations_not():
    config = ScreeningConfig.build([], public_names=["Karin Sjöholm", "Anders Bergqvist"])
    assert [f.text for f in screen("Maria Lindqvist", config, name_field=True)] == ["Maria Lindqvist"]
    assert [f.text for f in screen("Per-Olof von Essen, sökande", config, name_field=True)] == ["Per-Olof von Essen"]
    for value in ["Karin Sjöholm", "Anders  Bergqvist", "Kommunstyrelsen", "Ekonomiavdelningen",
                  "Socialnämnden", "Revisorerna", "Vård- och omsorgsförvaltningen", "Akten", "Bygg AB"]:
        assert screen(value, config, name_field=True) == [], value
    # names in running text are never guessed at: members' and parties' names stay
    assert screen("Anders Bergqvist (M) och Maria Lindqvist yrkar bifall.", config) == []


def test_identity_number_wins_over_phone_where_both_fit():
    # 10 digits starting with 0 and a valid personnummer (born 2007): masked as personnummer
    number = "070123" + "456" + luhn_digit("070123456")
    [finding] = screen(f"Nummer {number}")
    assert finding.kind == FindingKind.PERSONNUMMER


def test_apply_masks_replaces_spans_and_merges_overlaps():
    assert apply_masks("abc 123 def", [(4, 7, "X")]) == "abc X def"
    assert apply_masks("abcdef", [(0, 3, "1"), (2, 5, "2")]) == "1f"
    assert apply_masks("abc", []) == "abc"


@given(st.text(max_size=200))
def test_screening_never_fails_and_spans_point_at_the_text(text):
    for finding in screen(text, name_field=True):
        assert text[finding.start:finding.end] == finding.text


@given(st.text(alphabet="0123456789 -+/:.,", max_size=60))
def test_masked_text_holds_no_valid_identity_number(text):
    masked = mask_identity_numbers(text)
    assume(masked is not None)
    assert not [f for f in screen(masked) if f.always_masked]
