import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from kansli.demo import load_demo
from kansli.organisation.models import Body

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(db, media_root, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=TODAY)
    get_user_model().objects.create_user("utan_roll", password="x")


@pytest.fixture
def von(demo) -> Body:
    return Body.objects.get(abbreviation="VON")
