"""Shared pytest fixtures.

SQLite test databases are files, not ``:memory:``: tests that start real threads (concurrent
diarienummer and § numbering) need every thread's connection to see the same database.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT
