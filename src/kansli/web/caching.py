"""Rendered public pages of a locked protokoll, kept in Django's cache.

A locked (adjusted) meeting cannot change; what the public sees of it changes only with a new
publication review or its notice, so both are part of the key. Unlocked meetings are never
cached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from kansli.publishing.public import publication_stamp

TIMEOUT = 24 * 3600


def cached_for_locked(meeting: Any, name: str, render: Callable[[], str]) -> str:
    if not meeting.locked:
        return render()
    key = f"kansli:{name}:{meeting.pk}:{publication_stamp(meeting)}:{meeting.notice_posted}"
    value = cache.get(key)
    if value is None:
        value = render()
        cache.set(key, value, TIMEOUT)
    return value
