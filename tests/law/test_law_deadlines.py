"""Appeal period (KL 13 kap. 5 §), posting (KL 8 kap. 12 §), kallelse and justering limits."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kansli.law.calendar import is_non_working_day, is_working_day
from kansli.law.deadlines import (
    adjustment_deadline,
    appeal_period,
    deadlines,
    kallelse_deadline,
    latest_posting,
)

D = dt.date
dates = st.dates(min_value=D(1960, 1, 1), max_value=D(2100, 12, 1))


def test_design_example_julafton() -> None:
    period = appeal_period(D(2025, 12, 3))
    assert period.nominal_last_day == D(2025, 12, 24)
    assert period.last_day == D(2025, 12, 29)
    assert period.notice_remove_from == D(2025, 12, 30)
    assert period.was_extended


@pytest.mark.parametrize(
    ("posted", "last_day"),
    [
        (D(2025, 3, 5), D(2025, 3, 26)),  # plain Wednesday, no move
        (D(2025, 6, 13), D(2025, 7, 4)),  # plain Friday
        (D(2025, 12, 10), D(2026, 1, 2)),  # nyårsafton, nyårsdagen -> Friday 2 Jan
        (D(2025, 12, 11), D(2026, 1, 2)),  # ends on nyårsdagen itself
        (D(2026, 12, 10), D(2027, 1, 4)),  # nyårsafton Thu, nyårsdagen Fri, weekend
        (D(2026, 12, 4), D(2026, 12, 28)),  # juldagen Fri, weekend
        (D(2026, 3, 13), D(2026, 4, 7)),  # långfredagen .. annandag påsk
        (D(2026, 3, 16), D(2026, 4, 7)),  # annandag påsk (Monday)
        (D(2025, 5, 8), D(2025, 5, 30)),  # Kristi himmelsfärdsdag
        (D(2027, 4, 15), D(2027, 5, 7)),  # Kristi himmelsfärdsdag 2027
        (D(2025, 5, 16), D(2025, 6, 9)),  # nationaldagen on a Friday
        (D(2025, 5, 30), D(2025, 6, 23)),  # midsommarafton Fri, midsommardagen Sat
        (D(2025, 5, 3), D(2025, 5, 26)),  # posted on a Saturday, ends on a Saturday
    ],
)
def test_appeal_last_day(posted: dt.date, last_day: dt.date) -> None:
    period = appeal_period(posted)
    assert period.last_day == last_day
    assert period.notice_remove_from == last_day + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("adjusted", "post_by"),
    [
        (D(2025, 3, 3), D(2025, 3, 5)),  # Monday -> Wednesday
        (D(2025, 11, 27), D(2025, 12, 1)),  # Thursday -> Saturday -> Monday
        (D(2025, 11, 28), D(2025, 12, 1)),  # Friday -> Sunday -> Monday
        (D(2025, 12, 22), D(2025, 12, 29)),  # -> julafton -> after jul weekend
        (D(2025, 6, 18), D(2025, 6, 23)),  # -> midsommarafton
        (D(2026, 4, 1), D(2026, 4, 7)),  # -> långfredagen .. annandag påsk
    ],
)
def test_latest_posting(adjusted: dt.date, post_by: dt.date) -> None:
    assert latest_posting(adjusted) == post_by


def test_cli_json_posted_only() -> None:
    out = json.dumps(deadlines(posted=D(2025, 12, 3)))
    assert out == (
        '{"posted": "2025-12-03", "appeal_last_day": "2025-12-29", '
        '"notice_remove_from": "2025-12-30"}'
    )


def test_cli_json_with_adjusted_only_assumes_posting_on_last_allowed_day() -> None:
    assert deadlines(adjusted=D(2025, 12, 1)) == {
        "posted": "2025-12-03",
        "appeal_last_day": "2025-12-29",
        "notice_remove_from": "2025-12-30",
        "adjusted": "2025-12-01",
        "notice_post_by": "2025-12-03",
    }


def test_cli_json_with_both_uses_actual_posting() -> None:
    result = deadlines(posted=D(2025, 12, 2), adjusted=D(2025, 12, 1))
    assert result["posted"] == "2025-12-02"
    assert result["appeal_last_day"] == "2025-12-23"
    assert result["notice_post_by"] == "2025-12-03"
    assert list(result) == [
        "posted",
        "appeal_last_day",
        "notice_remove_from",
        "adjusted",
        "notice_post_by",
    ]


def test_deadlines_rejects_posting_before_adjustment_and_missing_input() -> None:
    with pytest.raises(ValueError, match="före justeringen"):
        deadlines(posted=D(2025, 11, 30), adjusted=D(2025, 12, 1))
    with pytest.raises(ValueError, match="Ange"):
        deadlines()


def test_kallelse_deadline_counts_calendar_days() -> None:
    # Meeting Thursday 2025-12-11, reglemente: 7 days -> Thursday 4 December.
    assert kallelse_deadline(D(2025, 12, 11), 7) == D(2025, 12, 4)
    # Calendar days are not moved even when the result is a Sunday.
    assert kallelse_deadline(D(2025, 3, 13), 4) == D(2025, 3, 9)
    assert kallelse_deadline(D(2025, 3, 13), 0) == D(2025, 3, 13)


def test_kallelse_deadline_in_working_days() -> None:
    # Monday 2025-12-29 minus five working days skips jul and the weekend: 2025-12-17.
    assert kallelse_deadline(D(2025, 12, 29), 5, working_days=True) == D(2025, 12, 17)
    assert kallelse_deadline(D(2025, 3, 13), 5, working_days=True) == D(2025, 3, 6)


def test_kallelse_deadline_validates() -> None:
    with pytest.raises(ValueError):
        kallelse_deadline(D(2025, 3, 13), -1)
    with pytest.raises(TypeError):
        kallelse_deadline(D(2025, 3, 13), 4.5)  # type: ignore[arg-type]


def test_adjustment_deadline() -> None:
    assert adjustment_deadline(D(2025, 12, 18)) == D(2026, 1, 1)
    assert adjustment_deadline(D(2025, 3, 5), 10) == D(2025, 3, 15)
    with pytest.raises(ValueError):
        adjustment_deadline(D(2025, 3, 5), -3)


@given(dates)
def test_appeal_last_day_properties(posted: dt.date) -> None:
    period = appeal_period(posted)
    nominal = posted + dt.timedelta(days=21)
    assert nominal <= period.last_day < nominal + dt.timedelta(days=7)
    assert is_working_day(period.last_day)
    day = nominal
    while day < period.last_day:
        assert is_non_working_day(day)
        day += dt.timedelta(days=1)
    assert period.notice_remove_from == period.last_day + dt.timedelta(days=1)


@given(dates)
def test_latest_posting_properties(adjusted: dt.date) -> None:
    post_by = latest_posting(adjusted)
    assert post_by >= adjusted + dt.timedelta(days=2)
    assert is_working_day(post_by)
    assert post_by < adjusted + dt.timedelta(days=2 + 7)


@given(dates, st.integers(min_value=0, max_value=30))
def test_kallelse_working_days_property(meeting: dt.date, days: int) -> None:
    sent = kallelse_deadline(meeting, days, working_days=True)
    span = [sent + dt.timedelta(days=i) for i in range((meeting - sent).days)]
    assert sum(1 for d in span if is_working_day(d)) == days
    if days:
        assert is_working_day(sent)
    else:
        assert sent == meeting
