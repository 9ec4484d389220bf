"""Who is acting right now: set per request by the middleware, or explicitly by scripts."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

_current_user: ContextVar[Any] = ContextVar("kansli_current_user", default=None)


def get_current_user() -> Any:
    """The authenticated user acting in this context, or ``None``."""
    user = _current_user.get()
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


@contextlib.contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute changes made inside the block to ``user`` (e.g. in commands and tests)."""
    token = _current_user.set(user)
    try:
        yield
    finally:
        _current_user.reset(token)
