"""Fixtures for the justering screens: the demo's held meeting re-opened for justering, a demo
CA in a temporary directory. Imported by the test modules that use them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from kansli.demo import load_demo
from kansli.meetings.models import Meeting, MeetingStatus

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def signing_home(settings, tmp_path):
    settings.KANSLI_SIGNING = {"backend": "demo", "ca_dir": str(tmp_path / "demo-ca")}
    return tmp_path / "demo-ca"


@pytest.fixture(scope="module")
def demo_recipe():
    def recipe() -> int:
        load_demo(today=TODAY, lock=False)
        get_user_model().objects.create_user("utan_roll", password="x")
        meeting = Meeting.objects.filter(paragraphs__votes__isnull=False).distinct().get()
        meeting.status = MeetingStatus.HELD
        meeting.adjusted = None
        meeting.notice_posted = None
        meeting.notice_removed = None
        meeting.save()
        return meeting.pk

    return recipe


@pytest.fixture
def held(shared_demo, db, signing_home) -> Meeting:
    """The demo meeting with votes and dissents as it stood before justering (held, not
    adjusted, no anslag); its chair is the user ordforande, its adjuster the user justerare.
    Also the user utan_roll (signed in, no group). Loaded once per module."""
    return Meeting.objects.get(pk=shared_demo)


_RENDERED: dict[str, bytes] = {}


@pytest.fixture
def render_once(monkeypatch):
    """Render each distinct protokoll to PDF/A once per test session: the demo is the same in
    every test, and WeasyPrint takes seconds. The PDF is still the real rendering."""
    from kansli.minutes import dumps
    from kansli.signing import services
    from kansli.writing.pdf import minutes_pdf

    def cached(minutes, **kwargs):
        key = dumps(minutes, indent=None) + repr(sorted(kwargs.items()))
        if key not in _RENDERED:
            _RENDERED[key] = minutes_pdf(minutes, **kwargs)
        return _RENDERED[key]

    monkeypatch.setattr(services, "minutes_pdf", cached)
