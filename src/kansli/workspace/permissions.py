"""Who may do what in Kansli: the roles, the actions and :func:`can`, in one place.

Roles come from Django groups (the demo creates them with these names); a superuser is an
administratör. Two roles are not groups but facts about one meeting:

- *justerare* for a meeting: the user's :class:`~kansli.organisation.models.Person` is among
  that meeting's adjusters (elected per meeting, 5 kap. 69 § KL: the protokoll is adjusted by
  the chair and at least one elected justerare). The group "Justerare" only marks an elected
  member who is often chosen; it gives no right to sign a particular protokoll.
- *ordförande* of a meeting: the user's Person is ``meeting.chair``.

Signing is personal: not even an administratör may sign as somebody else.

Views enforce the rules on the server with :func:`action_required` (function views) or
:class:`ActionRequiredMixin` (class-based views): an anonymous visitor is sent to the sign-in
page, a signed-in user without the right gets a 403 page in Swedish.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


class Role(enum.StrEnum):
    ADMIN = "administratör"
    REGISTRAR = "registrator"
    SECRETARY = "nämndsekreterare"
    CHAIR = "ordförande"
    ADJUSTER = "justerare"
    MEMBER = "ledamot/ersättare"
    PUBLIC = "allmänheten"


#: Django group name → role. Group names are what the demo and administrators create.
GROUP_ROLES: dict[str, Role] = {
    "Administratör": Role.ADMIN,
    "Registrator": Role.REGISTRAR,
    "Nämndsekreterare": Role.SECRETARY,
    "Ordförande": Role.CHAIR,
    "Justerare": Role.ADJUSTER,
    "Ledamot/ersättare": Role.MEMBER,
}


class Action(enum.StrEnum):
    VIEW_PUBLIC = "view_public"
    VIEW_CASE_REGISTER = "view_case_register"
    REGISTER_CASE = "register_case"
    UPLOAD_DOCUMENT = "upload_document"
    MARK_DOCUMENT_SECRET = "mark_document_secret"
    VIEW_SECRET_DOCUMENT = "view_secret_document"
    MARK_CASE_READY = "mark_case_ready"
    VIEW_CASE_HISTORY = "view_case_history"
    PLAN_MEETING = "plan_meeting"
    EDIT_AGENDA = "edit_agenda"
    RUN_MEETING = "run_meeting"
    DRAFT_MINUTES = "draft_minutes"
    SIGN_AS_CHAIR = "sign_as_chair"
    SIGN_AS_ADJUSTER = "sign_as_adjuster"
    POST_NOTICE = "post_notice"
    MANAGE_USERS = "manage_users"
    REVIEW_PUBLICATION = "review_publication"
    MANAGE_DELEGATION = "manage_delegation"
    REGISTER_DELEGATED_DECISION = "register_delegated_decision"
    DISPATCH_DECISIONS = "dispatch_decisions"
    READ_MEETING_PACK = "read_meeting_pack"


#: What the action is, in Swedish, as it completes "Du har inte behörighet att …".
ACTION_LABELS: dict[Action, str] = {
    Action.VIEW_PUBLIC: "se de offentliga sidorna",
    Action.VIEW_CASE_REGISTER: "se diariet",
    Action.REGISTER_CASE: "registrera ärenden",
    Action.UPLOAD_DOCUMENT: "lägga till handlingar",
    Action.MARK_DOCUMENT_SECRET: "sekretessmarkera handlingar",
    Action.VIEW_SECRET_DOCUMENT: "öppna sekretessbelagda handlingar",
    Action.MARK_CASE_READY: "markera ärenden som klara för beslut",
    Action.VIEW_CASE_HISTORY: "se ärendets historik",
    Action.PLAN_MEETING: "planera sammanträden",
    Action.EDIT_AGENDA: "ändra föredragningslistan",
    Action.RUN_MEETING: "leda sammanträdet",
    Action.DRAFT_MINUTES: "skriva protokoll",
    Action.SIGN_AS_CHAIR: "justera protokollet som ordförande",
    Action.SIGN_AS_ADJUSTER: "justera protokollet som justerare",
    Action.POST_NOTICE: "sätta upp anslag",
    Action.MANAGE_USERS: "hantera användare",
    Action.REVIEW_PUBLICATION: "granska protokoll inför publicering",
    Action.MANAGE_DELEGATION: "ändra delegationsordningen och föreslå anmälan av delegationsbeslut",
    Action.REGISTER_DELEGATED_DECISION: "registrera delegationsbeslut och meddelanden",
    Action.DISPATCH_DECISIONS: "expediera beslut",
    Action.READ_MEETING_PACK: "läsa sammanträdeshandlingarna i läsrummet",
}

_KANSLI = frozenset({Role.ADMIN, Role.REGISTRAR, Role.SECRETARY})
_ELECTED = frozenset({Role.CHAIR, Role.ADJUSTER, Role.MEMBER})
_INTERNAL = _KANSLI | _ELECTED

#: The roles an action is granted to. Actions about one meeting (the signatures) need an
#: object as well: see :func:`can`.
GRANTS: dict[Action, frozenset[Role]] = {
    Action.VIEW_PUBLIC: frozenset(Role),
    Action.VIEW_CASE_REGISTER: _INTERNAL,
    Action.REGISTER_CASE: frozenset({Role.ADMIN, Role.REGISTRAR}),
    Action.UPLOAD_DOCUMENT: _KANSLI,
    Action.MARK_DOCUMENT_SECRET: _KANSLI,
    Action.VIEW_SECRET_DOCUMENT: _KANSLI,
    Action.MARK_CASE_READY: frozenset({Role.ADMIN, Role.SECRETARY}),
    Action.VIEW_CASE_HISTORY: _KANSLI,
    Action.PLAN_MEETING: frozenset({Role.ADMIN, Role.SECRETARY}),
    Action.EDIT_AGENDA: frozenset({Role.ADMIN, Role.SECRETARY, Role.CHAIR}),
    Action.RUN_MEETING: frozenset({Role.ADMIN, Role.SECRETARY, Role.CHAIR}),
    Action.DRAFT_MINUTES: frozenset({Role.ADMIN, Role.SECRETARY}),
    # Without a meeting these say "may sign in general" (e.g. to show a menu entry); with a
    # meeting only that meeting's chair / elected adjusters may sign.
    Action.SIGN_AS_CHAIR: frozenset({Role.CHAIR}),
    Action.SIGN_AS_ADJUSTER: frozenset({Role.ADJUSTER}),
    Action.POST_NOTICE: frozenset({Role.ADMIN, Role.SECRETARY}),
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
    Action.REVIEW_PUBLICATION: frozenset({Role.ADMIN, Role.SECRETARY}),
    Action.MANAGE_DELEGATION: frozenset({Role.ADMIN, Role.SECRETARY}),
    Action.REGISTER_DELEGATED_DECISION: _KANSLI,
    Action.DISPATCH_DECISIONS: frozenset({Role.ADMIN, Role.SECRETARY}),
    Action.READ_MEETING_PACK: _INTERNAL,
}

_CACHE = "_kansli_roles"


def roles(user: Any) -> frozenset[Role]:
    """The roles of ``user`` (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset({Role.PUBLIC})
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    found = {Role.PUBLIC}
    found.update(GROUP_ROLES[g] for g in user.groups.values_list("name", flat=True) if g in GROUP_ROLES)
    if user.is_superuser:
        found.add(Role.ADMIN)
    result = frozenset(found)
    setattr(user, _CACHE, result)
    return result


def person_of(user: Any):
    """The :class:`Person` linked to ``user``, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from kansli.organisation.models import Person

    return Person.objects.filter(user=user).first()


def _meeting(obj: Any):
    from kansli.meetings.models import Meeting

    if isinstance(obj, Meeting):
        return obj
    meeting = getattr(obj, "meeting", None)  # e.g. a Paragraph
    return meeting if isinstance(meeting, Meeting) else None


def is_chair_of(user: Any, meeting: Any) -> bool:
    person = person_of(user)
    return person is not None and meeting is not None and meeting.chair_id == person.pk


def is_adjuster_of(user: Any, meeting: Any) -> bool:
    person = person_of(user)
    return person is not None and meeting is not None and meeting.adjusters.filter(pk=person.pk).exists()


def _is_secret(obj: Any) -> bool:
    """A Document is secret by its own flag; a Case when flagged secret."""
    return bool(getattr(obj, "secret", True))


def can(user: Any, action: Action | str, obj: Any = None) -> bool:
    """May ``user`` (anonymous or None = the public) do ``action`` (on ``obj``)?

    - ``sign_as_chair`` / ``sign_as_adjuster`` with a meeting (or anything with ``.meeting``):
      only that meeting's chair / one of its elected adjusters, whatever their groups.
    - ``view_secret_document`` with a Document or Case that is not secret: the same as
      ``view_case_register`` (nothing secret to protect); when secret: the kansli roles.

    Unknown actions raise ``ValueError`` so that a typo never silently denies or allows.
    """
    action = Action(action)
    if not getattr(user, "is_active", True):
        user = None
    if action is Action.SIGN_AS_CHAIR and obj is not None:
        return is_chair_of(user, _meeting(obj))
    if action is Action.SIGN_AS_ADJUSTER and obj is not None:
        return is_adjuster_of(user, _meeting(obj))
    if action is Action.VIEW_SECRET_DOCUMENT and obj is not None and not _is_secret(obj):
        action = Action.VIEW_CASE_REGISTER
    return bool(roles(user) & GRANTS[action])


def forbidden(request, action: Action | str, status: int = 403):
    """The Swedish "not allowed" page."""
    action = Action(action)
    return render(
        request,
        "workspace/forbidden.html",
        {"action": action, "action_label": ACTION_LABELS[action]},
        status=status,
    )


def check(request, action: Action | str, obj: Any = None):
    """None when allowed; otherwise the response to return (login redirect or 403)."""
    if can(request.user, action, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return forbidden(request, action)


def action_required(action: Action | str, get_object: Callable[..., Any] | None = None):
    """Decorator for a function view: enforce ``can(request.user, action, obj)``.

    ``get_object(request, **kwargs)`` fetches the object (404 if missing); when given, the
    object is passed to the view as the keyword argument ``obj``.
    """
    action = Action(action)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            obj = get_object(request, **kwargs) if get_object is not None else None
            denied = check(request, action, obj)
            if denied is not None:
                return denied
            if get_object is not None:
                kwargs["obj"] = obj
            return view(request, *args, **kwargs)

        wrapper.kansli_action = action
        return wrapper

    return decorator


class ActionRequiredMixin:
    """Mixin for class-based views: set ``action`` and optionally override ``permission_object``."""

    action: Action | str

    def permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        denied = check(request, self.action, self.permission_object())
        if denied is not None:
            return denied
        return super().dispatch(request, *args, **kwargs)
