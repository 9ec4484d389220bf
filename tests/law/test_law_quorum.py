"""Quorum, KL 6 kap. 27 §: more than half of the members present."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kansli.law.quorum import has_quorum, quorum_needed


@pytest.mark.parametrize(
    ("seats", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (7, 4), (9, 5), (11, 6), (13, 7)]
)
def test_quorum_needed(seats: int, needed: int) -> None:
    assert quorum_needed(seats) == needed


def test_exactly_half_is_not_enough() -> None:
    assert not has_quorum(10, 5)
    assert has_quorum(10, 6)
    assert not has_quorum(11, 5)
    assert has_quorum(11, 6)


@pytest.mark.parametrize(
    ("seats", "present", "error"),
    [(0, 0, ValueError), (-3, 0, ValueError), (9, -1, ValueError), (9, 10, ValueError)],
)
def test_invalid_counts_are_rejected(seats: int, present: int, error: type) -> None:
    with pytest.raises(error):
        has_quorum(seats, present)


def test_non_integers_are_rejected() -> None:
    with pytest.raises(TypeError):
        quorum_needed(9.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        has_quorum(9, True)  # type: ignore[arg-type]


def test_error_messages_are_swedish() -> None:
    with pytest.raises(ValueError, match="fler än antalet ledamöter"):
        has_quorum(9, 10)


@given(st.integers(min_value=1, max_value=200), st.data())
def test_quorum_is_strictly_more_than_half(seats: int, data: st.DataObject) -> None:
    present = data.draw(st.integers(min_value=0, max_value=seats))
    assert has_quorum(seats, present) == (2 * present > seats)
    assert has_quorum(seats, quorum_needed(seats))
    assert not has_quorum(seats, quorum_needed(seats) - 1)
