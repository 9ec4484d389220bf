"""Fixtures for justering: the demo's held meeting, re-opened so that it can be adjusted again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from kansli.demo import load_demo
from kansli.meetings.models import Meeting, MeetingStatus

TODAY = dt.date(2026, 11, 23)


def reopen_held_meeting() -> Meeting:
    """The demo meeting with votes and dissents, as it stood before justering: held, not
    adjusted, no anslag. Needs the demo loaded with ``lock=False``."""
    meeting = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
    meeting.status = MeetingStatus.HELD
    meeting.adjusted = None
    meeting.notice_posted = None
    meeting.notice_removed = None
    meeting.save()
    return meeting


@pytest.fixture(autouse=True)
def _signing_home(settings, tmp_path, media_root):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.KANSLI_SIGNING = {"backend": "demo", "ca_dir": str(tmp_path / "demo-ca")}
    return settings.KANSLI_SIGNING


@pytest.fixture(scope="module")
def demo_recipe():
    def recipe() -> int:
        load_demo(today=TODAY, lock=False)
        return reopen_held_meeting().pk

    return recipe


@pytest.fixture
def held(shared_demo, db) -> Meeting:
    """The re-opened held meeting (the demo is loaded once per module)."""
    return Meeting.objects.get(pk=shared_demo)


def user(username: str):
    return get_user_model().objects.get(username=username)
