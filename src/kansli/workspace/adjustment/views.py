"""Justering in the workspace: send the protokoll to justering, sign it, download the signed file.

The secretary sends the drafted protokoll to justering (``DRAFT_MINUTES``): it is frozen as
PDF/A. The chair signs first (``SIGN_AS_CHAIR`` for this meeting), then each elected
adjuster (``SIGN_AS_ADJUSTER`` for this meeting); the last signature locks the meeting and
puts the notice on the anslagstavla (:mod:`kansli.signing.services`). The signed original
is served to signed-in users with a role (``VIEW_CASE_REGISTER``); the public reads the
published, masked rendering at ``/sammantraden/<pk>/protokoll.pdf``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kansli.law import adjustment_deadline
from kansli.meetings.models import Meeting, MeetingStatus
from kansli.signing.backends import DemoBackend, SigningError, get_backend
from kansli.signing.models import AdjustmentRound, RoundStatus, SignerRole
from kansli.signing.services import (
    current_round,
    next_step,
    official_round,
    send_to_adjustment,
    sign,
    steps,
)

from ..permissions import Action, action_required, can, person_of
from .forms import SignForm


def _meeting(request, pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body", "chair"), pk=pk)


def _errors(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    return [str(exc)]


def _file_name(meeting: Meeting, suffix: str) -> str:
    code = meeting.body.abbreviation or f"organ{meeting.body_id}"
    return f"protokoll-{code}-{meeting.date:%Y-%m-%d}{suffix}"


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _page(request, meeting: Meeting, *, form: SignForm | None = None, errors: list[str] | None = None,
          status: int = 200):
    user = request.user
    backend = get_backend()
    round = current_round(meeting)
    signed = {s.order: s for s in round.signatures.select_related("person")} if round else {}
    upcoming = next_step(round) if round and round.status == RoundStatus.OPEN else None
    person = person_of(user)
    rows = [
        {"step": step, "signature": signed.get(step.order), "next": upcoming is not None and step.order == upcoming.order}
        for step in steps(meeting)
    ]
    my_turn = None
    if upcoming is not None and person is not None and upcoming.person.pk == person.pk:
        action = Action.SIGN_AS_CHAIR if upcoming.role == SignerRole.CHAIR else Action.SIGN_AS_ADJUSTER
        if can(user, action, meeting):
            my_turn = upcoming
    kansli = can(user, Action.DRAFT_MINUTES)
    deadline = adjustment_deadline(meeting.date, meeting.body.adjustment_days)
    trust = backend.trust_root_path() if isinstance(backend, DemoBackend) and kansli else None
    return render(request, "workspace/adjustment/adjustment.html", {
        "meeting": meeting,
        "round": round,
        "rows": rows,
        "upcoming": upcoming,
        "my_turn": my_turn,
        "form": form or (SignForm(backend=backend) if my_turn else None),
        "errors": errors or [],
        "may_send": kansli and not meeting.locked,
        "resend": round is not None and round.status == RoundStatus.OPEN,
        "show_warnings": can(user, Action.POST_NOTICE),
        "official": official_round(meeting),
        "trust_path": trust,
        "backend": backend,
        "deadline": deadline,
        "late": not meeting.locked and timezone.localdate() > deadline,
    }, status=status)


@action_required(Action.VIEW_CASE_REGISTER)
def adjustment_list(request):
    """Protokoll waiting for justering, and the ones the user is to sign."""
    person = person_of(request.user)
    open_rounds = (
        AdjustmentRound.objects.filter(status=RoundStatus.OPEN)
        .select_related("meeting__body").order_by("meeting__date")
    )
    waiting = []
    for round in open_rounds:
        step = next_step(round)
        waiting.append({"round": round, "next": step, "mine": step is not None and person is not None
                        and step.person.pk == person.pk})
    unsent = []
    if can(request.user, Action.DRAFT_MINUTES):
        unsent = (
            Meeting.objects.filter(status=MeetingStatus.HELD, locked=False, paragraphs__isnull=False)
            .exclude(adjustment_rounds__status=RoundStatus.OPEN)
            .select_related("body").distinct().order_by("date")
        )
    return render(request, "workspace/adjustment/adjustment_list.html", {"waiting": waiting, "unsent": unsent})


@action_required(Action.VIEW_CASE_REGISTER, get_object=_meeting)
def adjustment(request, pk: int, obj: Meeting):
    return _page(request, obj)


@require_POST
@action_required(Action.DRAFT_MINUTES, get_object=_meeting)
def adjustment_send(request, pk: int, obj: Meeting):
    try:
        round = send_to_adjustment(obj, request.user)
    except ValidationError as exc:
        return _page(request, obj, errors=_errors(exc), status=409)
    first = next_step(round)
    messages.success(
        request,
        f"Protokollet är skickat på justering. {first.person.name} ({first.role.label}) skriver under först.",
    )
    return redirect("workspace:adjustment", pk=obj.pk)


def _sign(request, meeting: Meeting, role: SignerRole):
    backend = get_backend()
    form = SignForm(request.POST, backend=backend)
    round = meeting.adjustment_rounds.filter(status=RoundStatus.OPEN).first()
    if round is None:
        done = official_round(meeting) is not None
        return _page(request, meeting, status=409, errors=[
            "Protokollet är redan justerat." if done else
            "Protokollet har inte skickats på justering ännu; sekreteraren skickar det när det är klart."
        ])
    if not form.is_valid():
        return _page(request, meeting, form=form, status=400)
    try:
        result = sign(round, request.user, role, form.cleaned_data.get("secret"))
    except (SigningError, ValidationError) as exc:
        return _page(request, meeting, errors=_errors(exc), status=409)
    if result.completed:
        messages.success(
            request,
            "Protokollet är justerat och låst. Anslaget om justeringen är uppsatt på anslagstavlan.",
        )
        for warning in result.warnings:
            messages.warning(request, warning)
    else:
        upcoming = next_step(round)
        messages.success(
            request,
            f"Du har skrivit under protokollet som {role.label}. Nästa att skriva under är "
            f"{upcoming.person.name} ({upcoming.role.label}).",
        )
    return redirect("workspace:adjustment", pk=meeting.pk)


@require_POST
@action_required(Action.SIGN_AS_CHAIR, get_object=_meeting)
def adjustment_sign_chair(request, pk: int, obj: Meeting):
    return _sign(request, obj, SignerRole.CHAIR)


@require_POST
@action_required(Action.SIGN_AS_ADJUSTER, get_object=_meeting)
def adjustment_sign_adjuster(request, pk: int, obj: Meeting):
    return _sign(request, obj, SignerRole.ADJUSTER)


@action_required(Action.VIEW_CASE_REGISTER, get_object=_meeting)
def adjustment_pdf(request, pk: int, obj: Meeting):
    """The protokoll as it is being signed: the frozen PDF with the signatures so far."""
    round = current_round(obj)
    if round is None:
        raise Http404("Protokollet har inte skickats på justering.")
    return _pdf(round.current_pdf(), _file_name(obj, "-justering.pdf"))


@action_required(Action.VIEW_CASE_REGISTER, get_object=_meeting)
def signed_minutes(request, pk: int, obj: Meeting):
    """The official protokoll: the PDF signed by the chair and the adjusters (unmasked)."""
    round = official_round(obj)
    if round is None:
        raise Http404("Det finns inget elektroniskt justerat protokoll för sammanträdet.")
    return _pdf(bytes(round.signed_pdf), _file_name(obj, "-justerat.pdf"))
