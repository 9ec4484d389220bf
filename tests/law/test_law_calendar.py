"""Legal calendar: lag (1930:173) with holidays per lag (1989:253) and the three aftnar."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kansli.law.calendar import (
    holiday_name,
    is_non_working_day,
    is_working_day,
    next_working_day,
    previous_working_day,
)

D = dt.date
dates = st.dates(min_value=D(1960, 1, 1), max_value=D(2100, 12, 31))


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2025, 1, 1), "Nyårsdagen"),
        (D(2025, 1, 6), "Trettondedag jul"),
        (D(2025, 4, 18), "Långfredagen"),
        (D(2025, 4, 21), "Annandag påsk"),
        (D(2025, 5, 1), "Första maj"),
        (D(2025, 5, 29), "Kristi himmelsfärdsdag"),
        (D(2025, 6, 6), "Nationaldagen"),
        (D(2025, 6, 20), "Midsommarafton"),
        (D(2025, 6, 21), "Midsommardagen"),
        (D(2025, 12, 24), "Julafton"),
        (D(2025, 12, 25), "Juldagen"),
        (D(2025, 12, 26), "Annandag jul"),
        (D(2025, 12, 31), "Nyårsafton"),
        (D(2026, 4, 3), "Långfredagen"),
        (D(2026, 4, 6), "Annandag påsk"),
        (D(2026, 5, 14), "Kristi himmelsfärdsdag"),
        (D(2026, 6, 19), "Midsommarafton"),
        (D(2027, 3, 26), "Långfredagen"),
        (D(2027, 5, 6), "Kristi himmelsfärdsdag"),
    ],
)
def test_holidays_and_aftnar_are_non_working_days(day: dt.date, name: str) -> None:
    assert holiday_name(day) == name
    assert is_non_working_day(day)
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 12, 23),  # lillejulafton, a Tuesday
        D(2025, 6, 19),  # Thursday before midsommarafton
        D(2025, 4, 17),  # skärtorsdag
        D(2025, 6, 9),  # annandag pingst: no longer a holiday since 2005
        D(2025, 4, 30),  # valborgsmässoafton
        D(2025, 12, 29),  # Monday between jul and nyår
    ],
)
def test_ordinary_weekdays_are_working_days(day: dt.date) -> None:
    assert day.weekday() < 5
    assert holiday_name(day) is None
    assert is_working_day(day)


def test_weekends_are_non_working_without_a_holiday_name() -> None:
    saturday, sunday = D(2025, 3, 8), D(2025, 3, 9)
    assert (saturday.weekday(), sunday.weekday()) == (5, 6)
    assert holiday_name(saturday) is None and holiday_name(sunday) is None
    assert is_non_working_day(saturday) and is_non_working_day(sunday)


def test_holiday_reform_of_2005() -> None:
    # Lag (1989:253) as amended in 2005: nationaldagen replaced annandag pingst.
    assert holiday_name(D(2004, 5, 31)) == "Annandag pingst"
    assert holiday_name(D(2004, 6, 6)) is None
    assert holiday_name(D(2005, 6, 6)) == "Nationaldagen"
    assert holiday_name(D(2005, 5, 16)) is None  # annandag pingst 2005, a Monday
    assert is_working_day(D(2005, 5, 16))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 3, 5), D(2025, 3, 5)),  # a working Wednesday stays
        (D(2025, 3, 8), D(2025, 3, 10)),  # Saturday -> Monday
        (D(2025, 12, 24), D(2025, 12, 29)),  # julafton, jul, annandag, weekend
        (D(2025, 12, 31), D(2026, 1, 2)),  # nyårsafton, nyårsdagen
        (D(2026, 12, 31), D(2027, 1, 4)),  # nyårsafton Thu, nyårsdagen Fri, weekend
        (D(2026, 4, 3), D(2026, 4, 7)),  # långfredag to tisdag after påsk
        (D(2025, 6, 20), D(2025, 6, 23)),  # midsommarafton to Monday
    ],
)
def test_next_working_day(day: dt.date, expected: dt.date) -> None:
    assert next_working_day(day) == expected


def test_previous_working_day() -> None:
    assert previous_working_day(D(2025, 12, 26)) == D(2025, 12, 23)
    assert previous_working_day(D(2025, 12, 23)) == D(2025, 12, 23)


def test_datetime_is_rejected() -> None:
    with pytest.raises(TypeError):
        next_working_day(dt.datetime(2025, 3, 5, 12, 0))  # type: ignore[arg-type]


@given(dates)
def test_next_working_day_is_the_first_working_day_on_or_after(day: dt.date) -> None:
    result = next_working_day(day)
    assert result >= day
    assert is_working_day(result)
    probe = day
    while probe < result:
        assert is_non_working_day(probe)
        probe += dt.timedelta(days=1)
    assert (result - day).days <= 5  # the longest run is jul + weekend


@given(dates)
def test_weekend_days_are_always_non_working(day: dt.date) -> None:
    if day.weekday() >= 5:
        assert is_non_working_day(day)
    if holiday_name(day) is not None:
        assert is_non_working_day(day)
