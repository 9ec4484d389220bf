"""Makes ``request.user`` known to the audit signals for the duration of the request."""

from __future__ import annotations

from .context import _current_user


class CurrentUserMiddleware:
    """Place after ``AuthenticationMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # request.user is lazy; the audit code only resolves it when something is saved.
        token = _current_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _current_user.reset(token)
