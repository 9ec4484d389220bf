import datetime as dt

import pytest

from kansli.meetings.models import Meeting
from kansli.organisation.models import Body, Municipality, Person


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The demo creates six accounts; PBKDF2 would dominate the test time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def town(db):
    return Municipality.objects.create(
        name="Provkommun", minutes_kept_at="Kommunkansliet, Stadshuset",
        notice_board_url="https://provkommun.example/anslagstavla",
    )


@pytest.fixture
def body(town):
    return Body.objects.create(municipality=town, name="Vård- och omsorgsnämnden", abbreviation="VON")


@pytest.fixture
def person(town):
    return Person.objects.create(municipality=town, name="Anna Andersson")


@pytest.fixture
def draft(body):
    """A held meeting whose protokoll is not adjusted yet."""
    return Meeting.objects.create(body=body, date=dt.date(2025, 11, 27), status="held", place="Stadshuset")
