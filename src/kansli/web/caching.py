"""Rendered public pages of a locked protokoll, kept in Django's cache.

A locked (adjusted) meeting cannot change; what the public sees of it changes only with a new
publication review or its notice, so both are part of the key. Unlocked or unreviewed meetings
are never cached.

The key comes from :func:`kansli.publishing.public.locked_publication_key`, one small SQL query
beside the publication rule it mirrors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from kansli.publishing.public import locked_publication_key

TIMEOUT = 24 * 3600


def cached_page(pk: int, name: str) -> str | None:
    """The cached rendering ``name`` of locked, public meeting ``pk``, if there is one."""
    key = locked_publication_key(pk)
    return cache.get(f"kansli:{name}:{key}") if key else None


def cached_for_locked(meeting: Any, name: str, render: Callable[[], str]) -> str:
    """``render()``, kept while the meeting stays locked and its review and notice unchanged.
    The caller has already decided that the meeting is public."""
    key = locked_publication_key(meeting.pk)
    if key is None:
        return render()
    key = f"kansli:{name}:{key}"
    value = cache.get(key)
    if value is None:
        value = render()
        cache.set(key, value, TIMEOUT)
    return value
