import datetime as dt

import pytest

from kansli.organisation.models import Body

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(shared_demo, db, media_root, settings):
    """The demo as of TODAY and the user utan_roll, loaded once per module."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def von(demo) -> Body:
    return Body.objects.get(abbreviation="VON")
