"""Deadlines computed from the legal calendar: appeal period, notice posting, kallelse, justering.

Statutory limits (the appeal period, the latest day to post the notice of justering) are moved
to the next working day by lag (1930:173) om beräkning av lagstadgad tid.  Limits set by a
body's reglemente (kallelse) or by custom (justering within 14 days) are not statutory and are
returned as plain dates.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .calendar import _check_date, is_working_day, next_working_day

__all__ = [
    "AppealPeriod",
    "adjustment_deadline",
    "appeal_period",
    "deadlines",
    "kallelse_deadline",
    "latest_posting",
]

APPEAL_WEEKS = 3
POSTING_DAYS_AFTER_ADJUSTMENT = 2
CUSTOMARY_ADJUSTMENT_DAYS = 14


@dataclass(frozen=True)
class AppealPeriod:
    """The period for laglighetsprövning counted from the day the notice was posted.

    ``last_day`` is the last day an appeal may arrive; the notice must stay on the anslagstavla
    through that day, so it may be taken down from ``notice_remove_from``.
    """

    posted: _dt.date
    last_day: _dt.date
    notice_remove_from: _dt.date

    @property
    def nominal_last_day(self) -> _dt.date:
        """Same weekday three weeks after posting, before any move by lag (1930:173)."""
        return self.posted + _dt.timedelta(weeks=APPEAL_WEEKS)

    @property
    def was_extended(self) -> bool:
        """True if lag (1930:173) moved the last day past the nominal one."""
        return self.last_day != self.nominal_last_day


def appeal_period(posted: _dt.date) -> AppealPeriod:
    """Appeal period for a decision whose notice was posted on ``posted``.

    KL (2017:725) 13 kap. 5 §: an appeal must arrive within three weeks from the day the notice
    of justering was posted on the anslagstavla.  A period of weeks ends on the same weekday
    three weeks later; lag (1930:173) 2 § moves a last day falling on a Saturday, Sunday,
    public holiday, midsommarafton, julafton or nyårsafton to the next weekday.  The notice
    stays up for the whole period (KL 8 kap. 12 §), so it comes down the day after the last day.
    """
    posted = _check_date(posted)
    last_day = next_working_day(posted + _dt.timedelta(weeks=APPEAL_WEEKS))
    return AppealPeriod(
        posted=posted,
        last_day=last_day,
        notice_remove_from=last_day + _dt.timedelta(days=1),
    )


def latest_posting(adjusted: _dt.date) -> _dt.date:
    """Latest day to post the notice that the protokoll has been adjusted.

    KL (2017:725) 8 kap. 12 §: the notice goes on the anslagstavla no later than the second day
    after justering; lag (1930:173) 2 § moves that day to the next weekday when it falls on a
    Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton.
    """
    adjusted = _check_date(adjusted)
    return next_working_day(adjusted + _dt.timedelta(days=POSTING_DAYS_AFTER_ADJUSTMENT))


def deadlines(posted: _dt.date | None = None, adjusted: _dt.date | None = None) -> dict[str, str]:
    """The deadlines printed by ``kansli deadlines`` as a JSON-ready dict of ISO dates.

    KL 8 kap. 12 § (posting after justering) and 13 kap. 5 § (appeal period), both with
    lag (1930:173).  With only ``adjusted``, the notice is assumed to be posted on the latest
    allowed day (``notice_post_by``) and the appeal dates are computed from that day.
    Keys, in order: ``posted``, ``appeal_last_day``, ``notice_remove_from`` and, when
    ``adjusted`` is given, ``adjusted`` and ``notice_post_by``.
    """
    if posted is None and adjusted is None:
        raise ValueError("Ange anslagsdatum (posted) eller justeringsdatum (adjusted).")
    post_by: _dt.date | None = None
    if adjusted is not None:
        post_by = latest_posting(adjusted)
        if posted is None:
            posted = post_by
        elif _check_date(posted) < adjusted:
            raise ValueError(
                f"Anslaget ({posted.isoformat()}) kan inte sättas upp före justeringen "
                f"({adjusted.isoformat()})."
            )
    assert posted is not None
    period = appeal_period(posted)
    result = {
        "posted": period.posted.isoformat(),
        "appeal_last_day": period.last_day.isoformat(),
        "notice_remove_from": period.notice_remove_from.isoformat(),
    }
    if adjusted is not None and post_by is not None:
        result["adjusted"] = adjusted.isoformat()
        result["notice_post_by"] = post_by.isoformat()
    return result


def kallelse_deadline(
    meeting_date: _dt.date, days_before: int, *, working_days: bool = False
) -> _dt.date:
    """Latest day the kallelse (notice of meeting) must be sent, per the body's reglemente.

    No statute fixes this time: it is set in the reglemente that fullmäktige issues for the
    body (KL 2017:725 6 kap. 44 §).  Reglementen usually say "senast N dagar före
    sammanträdet" and count calendar days, so by default this
    is ``meeting_date - days_before`` and is not moved by lag (1930:173), which covers only
    statutory time limits (sending earlier is always allowed).  Some reglementen count
    "arbetsdagar": pass ``working_days=True`` to count back working days instead.
    """
    meeting_date = _check_date(meeting_date)
    if isinstance(days_before, bool) or not isinstance(days_before, int):
        raise TypeError("Antalet dagar måste vara ett heltal.")
    if days_before < 0:
        raise ValueError("Antalet dagar före sammanträdet kan inte vara negativt.")
    if not working_days:
        return meeting_date - _dt.timedelta(days=days_before)
    day = meeting_date
    counted = 0
    while counted < days_before:
        day -= _dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def adjustment_deadline(meeting_date: _dt.date, days: int = CUSTOMARY_ADJUSTMENT_DAYS) -> _dt.date:
    """Customary last day for justering of the protokoll: ``days`` calendar days after the meeting.

    For fullmäktige KL (2017:725) 5 kap. 69 § sets 14 days; for nämnder the same limit is
    customary or set in the reglemente (KL 6 kap. 35 § only requires justering).  It is counted
    in calendar days and returned as is; apply `next_working_day` if a reglemente says so.
    """
    meeting_date = _check_date(meeting_date)
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError("Antalet dagar måste vara ett heltal.")
    if days < 0:
        raise ValueError("Antalet dagar för justering kan inte vara negativt.")
    return meeting_date + _dt.timedelta(days=days)
