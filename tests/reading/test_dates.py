import datetime as dt

import pytest

from kansli.reading.dates import find_dates, parse_date, parse_time_range


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Datum och tid: 2021-05-17 kl. 18:30-19:50", dt.date(2021, 5, 17)),
        ("Sammanträdesdag 25 februari 2021", dt.date(2021, 2, 25)),
        ("måndagen den 17 maj 2021 kl 18.30", dt.date(2021, 5, 17)),
        ("Sammanträdestid 30.1.2023 kl. 16:15 – 18:35", dt.date(2023, 1, 30)),
        ("Protokoll 15.09.2022 Sida", dt.date(2022, 9, 15)),
        ("den 3 mars 2021", dt.date(2021, 3, 3)),
        ("inget datum här", None),
        ("2021-02-30", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_find_dates_in_order():
    found = [d for _, d in find_dates("Anslaget den 2021-05-27, nedtas den 18 juni 2021")]
    assert found == [dt.date(2021, 5, 27), dt.date(2021, 6, 18)]


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2021-05-17 kl.  18:30-19:50", (18, 30), (19, 50)),
        ("Klockan 17:00-19:00 (paus 18.15-18.20), A-salen", (17, 0), (19, 0)),
        ("15.9.2022 kl. 18.00 – 19.37", (18, 0), (19, 37)),
        ("18.30–19.50", (18, 30), (19, 50)),
        ("Tid 2019-09-19, Kl 18:30", (18, 30), None),
        ("26.09.2022 kl. 16:30", (16, 30), None),
        ("ingen tid", None, None),
    ],
)
def test_parse_time_range(text, start, end):
    s, e = parse_time_range(text)
    assert s == (dt.time(*start) if start else None)
    assert e == (dt.time(*end) if end else None)
