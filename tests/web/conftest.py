import datetime as dt

import pytest

from kansli.demo import load_demo


@pytest.fixture
def demo(db, media_root, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=dt.date(2026, 11, 23))
