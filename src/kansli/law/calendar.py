"""The legal calendar: which days count as working days for statutory time limits.

Lag (1930:173) om beräkning av lagstadgad tid, 2 §: when the last day of a statutory time
limit falls on a Saturday, a Sunday or another public holiday, midsommarafton, julafton or
nyårsafton, the action may still be taken on the next weekday.  Public holidays are those of
lag (1989:253) om allmänna helgdagar.

The `holidays` package supplies the public holidays (category ``public``) and the three
"aftnar" (category ``de_facto``).  Weekends are decided by ``date.weekday()`` here, so the
answer never depends on whether the package lists Sundays.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import holidays

__all__ = [
    "holiday_name",
    "is_non_working_day",
    "is_working_day",
    "next_working_day",
    "previous_working_day",
]

_ONE_DAY = _dt.timedelta(days=1)
_SATURDAY = 5


def _check_date(d: object) -> _dt.date:
    # datetime is a subclass of date but never equals a date key, so reject it explicitly.
    if isinstance(d, _dt.datetime) or not isinstance(d, _dt.date):
        raise TypeError(f"Ett datum (datetime.date) krävs, inte {type(d).__name__}.")
    return d


@lru_cache(maxsize=512)
def _holidays_for_year(year: int) -> Mapping[_dt.date, str]:
    """Public holidays (1989:253) plus midsommarafton, julafton, nyårsafton for one year."""
    calendar = holidays.Sweden(
        years=year,
        categories=("public", "de_facto"),
        include_sundays=False,
        language="sv",
    )
    return MappingProxyType(dict(calendar.items()))


def holiday_name(d: _dt.date) -> str | None:
    """Swedish name of the holiday or "afton" on ``d`` (lag 1989:253; lag 1930:173 2 §), else None.

    Ordinary Saturdays and Sundays have no name here; use `is_non_working_day` for those.
    """
    d = _check_date(d)
    return _holidays_for_year(d.year).get(d)


def is_non_working_day(d: _dt.date) -> bool:
    """True if a statutory time limit ending on ``d`` moves on (lag 1930:173 2 §).

    That is a Saturday, a Sunday, a public holiday under lag (1989:253) om allmänna
    helgdagar, midsommarafton, julafton or nyårsafton.
    """
    d = _check_date(d)
    return d.weekday() >= _SATURDAY or d in _holidays_for_year(d.year)


def is_working_day(d: _dt.date) -> bool:
    """True if ``d`` is a weekday ("vardag") in the sense of lag (1930:173) 2 §."""
    return not is_non_working_day(d)


def next_working_day(d: _dt.date) -> _dt.date:
    """``d`` itself if it is a working day, else the first working day after it (lag 1930:173 2 §)."""
    d = _check_date(d)
    while is_non_working_day(d):
        d += _ONE_DAY
    return d


def previous_working_day(d: _dt.date) -> _dt.date:
    """``d`` itself if it is a working day, else the last working day before it (lag 1930:173 2 §)."""
    d = _check_date(d)
    while is_non_working_day(d):
        d -= _ONE_DAY
    return d
