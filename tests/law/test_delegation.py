import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kansli.law.delegation import (
    Delegate,
    DelegateKind,
    Point,
    Scheme,
    check_decision,
    normalise_code,
    scheme_in_force,
)

HEAD = Delegate(DelegateKind.ROLE, "Förvaltningschef")
UNIT = Delegate(DelegateKind.ROLE, "Enhetschef")
WORKS = Delegate(DelegateKind.BODY, "Arbetsutskottet")

OLD = Scheme("2024:1", dt.date(2024, 1, 1), dt.date(2025, 6, 30), (
    Point("A.1.3", "Yttrande till tillsynsmyndighet", (HEAD,)),
    Point("C 2.4", "Bistånd i form av hemtjänst", (UNIT,)),
))
NEW = Scheme("2025:1", dt.date(2025, 7, 1), None, (
    Point("A.1.3", "Yttrande till tillsynsmyndighet", (HEAD, WORKS)),
    Point("C 2.4", "Bistånd i form av hemtjänst", (UNIT, HEAD)),
))


def test_codes_written_in_different_ways_are_one_point():
    assert normalise_code("C 2.4") == normalise_code("c2.4") == normalise_code("C.2.4") == "C.2.4"
    assert normalise_code("A.1.3") != normalise_code("A.1.4")


@given(st.text())
def test_normalising_a_normalised_code_changes_nothing(code):
    assert normalise_code(normalise_code(code)) == normalise_code(code)


def test_the_version_in_force_on_the_decision_date_decides():
    assert scheme_in_force([OLD, NEW], dt.date(2025, 6, 30)) is OLD
    assert scheme_in_force([OLD, NEW], dt.date(2025, 7, 1)) is NEW
    assert scheme_in_force([OLD, NEW], dt.date(2023, 12, 31)) is None
    # The utskott got point A.1.3 only in the new version.
    before = check_decision([OLD, NEW], dt.date(2025, 3, 1), "A.1.3", "Arbetsutskottet")
    after = check_decision([OLD, NEW], dt.date(2025, 9, 1), "A 1.3", "Arbetsutskottet")
    assert not before.allowed and "Förvaltningschef" in before.reason and "2024:1" in before.reason
    assert after.allowed and after.point.code == "A.1.3"


def test_a_role_delegate_matches_by_position_and_a_named_person_does_not_by_title():
    ok = check_decision([NEW], dt.date(2025, 9, 1), "C2.4", "Eva Exempel", "enhetschef")
    assert ok.allowed
    refused = check_decision([NEW], dt.date(2025, 9, 1), "C2.4", "Eva Exempel", "Handläggare")
    assert not refused.allowed and "Handläggare" in refused.reason


def test_unknown_point_and_no_scheme_are_refused_with_the_reason():
    unknown = check_decision([NEW], dt.date(2025, 9, 1), "Z.9", "Förvaltningschef", "Förvaltningschef")
    assert not unknown.allowed and "Z.9" in unknown.reason and "finns inte" in unknown.reason
    none = check_decision([], dt.date(2025, 9, 1), "A.1.3", "x")
    assert not none.allowed and "Ingen delegationsordning" in none.reason


def test_urgent_decisions_are_for_the_chair_only():
    assert check_decision([], dt.date(2025, 9, 1), "", "Anna Ordf", "Ordförande", urgent=True).allowed
    refused = check_decision([NEW], dt.date(2025, 9, 1), "", "Bo Chef", "Förvaltningschef", urgent=True)
    assert not refused.allowed and "39 §" in refused.reason
