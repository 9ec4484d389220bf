"""Which workspace sections the signed-in user may open, for the main menu."""

from __future__ import annotations

from .permissions import Action, can


def workspace_nav(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav": {
        "cases": can(user, Action.VIEW_CASE_REGISTER),
        "planning": can(user, Action.PLAN_MEETING),
        "reading": can(user, Action.READ_MEETING_PACK),
        "delegation": can(user, Action.REGISTER_DELEGATED_DECISION),
        "publishing": can(user, Action.REVIEW_PUBLICATION),
        "reminders": can(user, Action.PLAN_MEETING),
        "adjustment": any(
            can(user, a) for a in (Action.DRAFT_MINUTES, Action.SIGN_AS_CHAIR, Action.SIGN_AS_ADJUSTER)
        ),
    }}
