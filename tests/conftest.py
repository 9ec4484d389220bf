"""Shared pytest fixtures.

SQLite test databases are files, not ``:memory:``: tests that start real threads (concurrent
diarienummer and § numbering) need every thread's connection to see the same database.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh directory per test (with the shared demo's files in it)."""
    root = tmp_path / "files"
    if _shared_media is not None:
        shutil.copytree(_shared_media, root)
    settings.MEDIA_ROOT = root
    return root


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        import email

        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 and Django's SMTP backend pointed at it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.DEFAULT_FROM_EMAIL = "kansli@exempel.test"
    yield inbox
    controller.stop()


#: The files of the demo loaded once for the current test module (see ``shared_demo``).
_shared_media: Path | None = None


@pytest.fixture(scope="module")
def demo_recipe():
    """What ``shared_demo`` builds: the demo as of 2026-11-23 plus a signed-in user without a
    group. A package's conftest overrides this to build a variant (unlocked, re-opened…)."""

    def recipe():
        from django.contrib.auth import get_user_model

        from kansli.demo import load_demo

        load_demo(today=dt.date(2026, 11, 23))
        get_user_model().objects.create_user("utan_roll", password="x")

    return recipe


@pytest.fixture(scope="module")
def shared_demo(demo_recipe, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, built once per test module inside an outer transaction.

    Each test's own ``db`` transaction is a savepoint inside it and is rolled back after the
    test, so every test starts from the same demo, as if it had loaded it alone; the outer
    transaction is rolled back when the module is done. Loading the demo takes seconds, and the
    role matrices call it for every cell. Not for tests with ``transactional_db`` or
    ``live_server``: those need committed data. The demo's files are copied into each test's
    ``media_root``. Returns what the recipe returns (primary keys, never model instances, which
    a test could change for the next one).
    """
    global _shared_media
    from django.db import transaction
    from django.test import TestCase
    from django.test.utils import override_settings

    media = tmp_path_factory.mktemp("demo-files")
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS):
        with django_db_blocker.unblock():
            if transaction.get_connection().in_atomic_block:
                raise RuntimeError(
                    "shared_demo was set up inside a test's transaction: request the demo fixture as "
                    "a test argument, not through request.getfixturevalue()."
                )
            outer = transaction.atomic()
            outer._from_testcase = True  # as Django's TestCase marks its class atomic
            outer.__enter__()
            try:
                with TestCase.captureOnCommitCallbacks(execute=True):
                    result = demo_recipe()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        _shared_media = media
        try:
            yield result
        finally:
            _shared_media = None
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
