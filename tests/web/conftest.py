
import pytest


@pytest.fixture
def demo(shared_demo, db, media_root, settings):
    """The demo as of 2026-11-23, loaded once per module."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
