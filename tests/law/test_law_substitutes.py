"""Substitutes, late arrivals, departures and jäv, paragraph by paragraph."""

import pytest

from kansli.law.quorum import has_quorum
from kansli.law.substitutes import (
    MemberSeat,
    Roster,
    Sitting,
    SittingState,
    Substitute,
    SubstitutionError,
    SubstitutionRules,
    call_in_order,
    propose,
    serving_count,
)

ROSTER = Roster(
    members=(
        MemberSeat("Anna", "S"),
        MemberSeat("Bertil", "S"),
        MemberSeat("Cecilia", "M"),
        MemberSeat("David", "M"),
        MemberSeat("Erik", "SD"),
    ),
    substitutes=(
        Substitute("Maja", "M", 1),
        Substitute("Sara", "S", 2),
        Substitute("Sven", "S", 3),
        Substitute("Mats", "M", 4),
        Substitute("Vera", "V", 5),
    ),
)
MEMBERS = ("Anna", "Bertil", "Cecilia", "David", "Erik")


def seats(assignments) -> dict[str, str | None]:
    return {a.member: a.serving for a in assignments}


def sitting_with(*present: str, rules: SubstitutionRules | None = None) -> Sitting:
    sitting = Sitting(ROSTER, rules)
    for name in present:
        sitting.arrive(name)
    return sitting


def test_all_members_present_serve_themselves() -> None:
    result = sitting_with(*MEMBERS, "Maja").begin_paragraph(1)
    assert seats(result) == {m: m for m in MEMBERS}
    assert not any(a.by_substitute for a in result)


def test_own_group_substitute_first_even_if_later_in_set_order() -> None:
    sitting = sitting_with("Bertil", "Cecilia", "David", "Erik", "Maja", "Sven")
    result = seats(sitting.begin_paragraph(1))
    assert result["Anna"] == "Sven"  # S seat: S substitute although Maja is first in order


def test_other_groups_in_set_order_when_no_own_group_substitute() -> None:
    sitting = sitting_with("Anna", "Bertil", "Cecilia", "David", "Vera", "Maja")
    result = seats(sitting.begin_paragraph(1))
    assert result["Erik"] == "Maja"  # no SD substitute; Maja (1) before Vera (5)


def test_own_group_claim_beats_member_order_of_seats() -> None:
    # Erik (SD) and Cecilia (M) are absent; only Maja (M) is there.  Maja goes to the M seat.
    sitting = sitting_with("Anna", "Bertil", "David", "Maja")
    assignments = sitting.begin_paragraph(1)
    result = seats(assignments)
    assert result["Cecilia"] == "Maja"
    assert result["Erik"] is None
    assert serving_count(assignments) == 4


def test_later_own_group_arrival_replaces_other_group_substitute_at_next_paragraph() -> None:
    sitting = sitting_with("Bertil", "Cecilia", "David", "Erik", "Vera")
    assert seats(sitting.begin_paragraph(1))["Anna"] == "Vera"
    sitting.arrive("Sven")  # arrives during § 1: no change until § 2
    assert seats(sitting.assignments)["Anna"] == "Vera"
    second = seats(sitting.begin_paragraph(2))
    assert second["Anna"] == "Sven"
    assert "Vera" not in second.values()


def test_serving_own_group_substitute_is_not_replaced_by_a_higher_ranked_one() -> None:
    sitting = sitting_with("Bertil", "Cecilia", "David", "Erik", "Sven")
    assert seats(sitting.begin_paragraph(1))["Anna"] == "Sven"
    sitting.arrive("Sara")  # S, order 2, ahead of Sven (3)
    assert seats(sitting.begin_paragraph(2))["Anna"] == "Sven"


def test_replacement_by_own_group_can_be_switched_off() -> None:
    rules = SubstitutionRules(allow_replacement_by_own_group=False)
    sitting = sitting_with("Bertil", "Cecilia", "David", "Erik", "Vera", rules=rules)
    sitting.begin_paragraph(1)
    sitting.arrive("Sven")
    assert seats(sitting.begin_paragraph(2))["Anna"] == "Vera"


def test_late_member_takes_the_seat_back() -> None:
    sitting = sitting_with("Bertil", "Cecilia", "David", "Erik", "Sara")
    assert seats(sitting.begin_paragraph(1))["Anna"] == "Sara"
    sitting.arrive("Anna")
    result = sitting.begin_paragraph(2)
    assert seats(result)["Anna"] == "Anna"
    assert "Sara" not in seats(result).values()


def test_member_who_left_cannot_return_the_same_day() -> None:
    sitting = sitting_with(*MEMBERS, "Sara")
    sitting.begin_paragraph(1)
    sitting.leave("Bertil")
    assert seats(sitting.begin_paragraph(2))["Bertil"] == "Sara"
    with pytest.raises(SubstitutionError, match="samma dag"):
        sitting.arrive("Bertil")
    assert seats(sitting.begin_paragraph(3))["Bertil"] == "Sara"


def test_leaving_takes_effect_only_at_the_next_paragraph() -> None:
    sitting = sitting_with(*MEMBERS, "Sara")
    sitting.begin_paragraph(1)
    sitting.leave("Anna")
    assert seats(sitting.assignments)["Anna"] == "Anna"
    assert seats(sitting.begin_paragraph(2))["Anna"] == "Sara"


def test_substitute_who_left_cannot_return_either() -> None:
    sitting = sitting_with("Bertil", "Cecilia", "David", "Erik", "Sara", "Sven")
    sitting.begin_paragraph(1)
    sitting.leave("Sara")
    assert seats(sitting.begin_paragraph(2))["Anna"] == "Sven"
    with pytest.raises(SubstitutionError):
        sitting.arrive("Sara")


def test_jav_applies_to_one_paragraph_only() -> None:
    sitting = sitting_with(*MEMBERS, "Mats", "Sara")
    sitting.begin_paragraph(1)
    sitting.recuse("Cecilia", 2)
    second = sitting.begin_paragraph(2)
    by_member = {a.member: a for a in second}
    assert by_member["Cecilia"].serving == "Mats"
    assert by_member["Cecilia"].recusal_only
    assert serving_count(second) == 5
    third = seats(sitting.begin_paragraph(3))
    assert third["Cecilia"] == "Cecilia"  # back without any "arrive": jäv is not leaving
    assert "Mats" not in third.values()


def test_jav_of_a_serving_substitute_hands_the_seat_over_for_that_paragraph_only() -> None:
    sitting = sitting_with("Bertil", "Cecilia", "David", "Erik", "Sara", "Sven")
    assert seats(sitting.begin_paragraph(1))["Anna"] == "Sara"
    sitting.recuse("Sara", 2)
    second = {a.member: a for a in sitting.begin_paragraph(2)}
    assert second["Anna"].serving == "Sven"
    assert second["Anna"].recusal_only
    assert seats(sitting.begin_paragraph(3))["Anna"] == "Sara"


def test_jav_without_substitute_leaves_seat_empty_and_can_break_quorum() -> None:
    sitting = sitting_with("Anna", "Bertil", "Cecilia")
    sitting.recuse("Bertil", 7)
    assignments = sitting.begin_paragraph(7)
    assert seats(assignments)["Bertil"] is None
    assert serving_count(assignments) == 2
    assert not has_quorum(len(assignments), serving_count(assignments))


def test_jav_must_be_declared_before_the_paragraph_begins() -> None:
    sitting = sitting_with(*MEMBERS)
    sitting.begin_paragraph(4)
    with pytest.raises(SubstitutionError, match="redan påbörjats"):
        sitting.recuse("Anna", 4)


def test_impossible_operations_raise_swedish_errors() -> None:
    sitting = sitting_with("Anna")
    with pytest.raises(SubstitutionError, match="redan"):
        sitting.arrive("Anna")
    with pytest.raises(SubstitutionError, match="varken ledamot eller ersättare"):
        sitting.arrive("Okänd Person")
    with pytest.raises(SubstitutionError, match="inte närvarande"):
        sitting.leave("Bertil")
    sitting.begin_paragraph(1)
    with pytest.raises(SubstitutionError, match="redan behandlats"):
        sitting.begin_paragraph(1)


def test_roster_rejects_duplicate_names() -> None:
    with pytest.raises(SubstitutionError, match="mer än en gång"):
        Roster(
            members=(MemberSeat("Anna", "S"),),
            substitutes=(Substitute("Anna", "S", 1),),
        )


def test_call_in_order_follows_rules() -> None:
    anna = ROSTER.members[0]
    assert [s.name for s in call_in_order(anna, ROSTER)] == ["Sara", "Sven", "Maja", "Mats", "Vera"]
    plain = SubstitutionRules(own_group_first=False)
    assert [s.name for s in call_in_order(anna, ROSTER, plain)] == [
        "Maja",
        "Sara",
        "Sven",
        "Mats",
        "Vera",
    ]
    fm = SubstitutionRules(fullmaktige_order=("Vera", "Mats"))
    assert [s.name for s in call_in_order(anna, ROSTER, fm)][2:4] == ["Vera", "Mats"]
    explicit = SubstitutionRules(member_orders={"Anna": ("Vera", "Sven", "Sara")})
    assert [s.name for s in call_in_order(anna, ROSTER, explicit)][:3] == ["Vera", "Sven", "Sara"]


def test_explicit_member_order_is_used_by_propose() -> None:
    rules = SubstitutionRules(own_group_first=False, member_orders={"Erik": ("Vera", "Maja")})
    state = SittingState(
        present={"Anna": 1, "Bertil": 2, "Cecilia": 3, "David": 4, "Maja": 5, "Vera": 6}
    )
    assert seats(propose(state, ROSTER, rules))["Erik"] == "Vera"


def test_propose_is_pure_and_keeps_continuing_substitute() -> None:
    state = SittingState(
        present={"Bertil": 1, "Cecilia": 2, "David": 3, "Erik": 4, "Sara": 5, "Sven": 6},
        serving_for={"Anna": "Sven"},
    )
    first = propose(state, ROSTER)
    assert seats(first)["Anna"] == "Sven"
    assert propose(state, ROSTER) == first
