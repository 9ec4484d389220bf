import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from kansli.demo import load_demo


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db, media_root):
    load_demo(today=dt.date(2026, 11, 23))
    get_user_model().objects.create_user("utan_roll", password="x")


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path
