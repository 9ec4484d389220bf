"""The publishing review pages (handläggning → publicering): for the kansli only.

Every view checks :data:`Action.REVIEW_PUBLICATION` on the server; the original texts shown
here are internal and never leave these pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kansli.meetings.models import Meeting, MeetingStatus
from kansli.screening import ALWAYS_MASKED
from kansli.workspace.permissions import Action, action_required

from . import services
from .models import Decision, Redaction
from .public import is_public_meeting


def _meeting(request, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body", "body__municipality"), pk=pk)


@action_required(Action.REVIEW_PUBLICATION)
def review_list(request):
    meetings = (
        Meeting.objects.filter(status__in=[MeetingStatus.HELD, MeetingStatus.ADJUSTED])
        .select_related("body", "publication_review")
        .annotate(pending=Count("publication_review__redactions",
                                filter=Q(publication_review__redactions__decision=Decision.PENDING)))
        .order_by("-date", "body__name")
    )
    return render(request, "publishing/review_list.html", {"meetings": meetings})


@action_required(Action.REVIEW_PUBLICATION, get_object=lambda request, pk: _meeting(request, pk))
def review_detail(request, pk: int, obj: Meeting):
    review = services.screen_meeting(obj)
    redactions = list(review.redactions.order_by("pk"))
    for r in redactions:
        r.may_reject = r.kind not in ALWAYS_MASKED
    pending = sum(1 for r in redactions if r.decision == Decision.PENDING)
    return render(request, "publishing/review_detail.html", {
        "meeting": obj,
        "review": review,
        "redactions": redactions,
        "pending": pending,
        "public": is_public_meeting(obj),
        "decisions": Decision,
    })


def _finding(pk: int, redaction_pk: int) -> Redaction:
    return get_object_or_404(Redaction.objects.select_related("review"), pk=redaction_pk, review__meeting_id=pk)


@require_POST
@action_required(Action.REVIEW_PUBLICATION, get_object=lambda request, pk, redaction_pk: _meeting(request, pk))
def decide(request, pk: int, redaction_pk: int, obj: Meeting):
    redaction = _finding(pk, redaction_pk)
    decision = request.POST.get("decision", "")
    mask = request.POST.get("mask")
    if mask is not None and mask.strip() == redaction.mask:
        mask = None
    try:
        services.decide(redaction, decision, request.user, mask)
    except services.ReviewError as exc:
        messages.error(request, f"{redaction.location}: {exc}")
    else:
        word = "maskeras" if decision == Decision.CONFIRMED else "maskeras inte"
        messages.success(request, f"{redaction.location}: uppgiften {word}.")
    return redirect(f"{_detail_url(pk)}#fynd-{redaction.pk}")


def _detail_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("publishing:review", args=[pk])


@require_POST
@action_required(Action.REVIEW_PUBLICATION, get_object=lambda request, pk: _meeting(request, pk))
def confirm_all(request, pk: int, obj: Meeting):
    count = services.confirm_all_pending(obj, request.user)
    messages.success(request, f"{count} fynd maskeras med föreslagen ersättning.")
    return redirect("publishing:review", pk=pk)


@require_POST
@action_required(Action.REVIEW_PUBLICATION, get_object=lambda request, pk: _meeting(request, pk))
def mark_reviewed(request, pk: int, obj: Meeting):
    try:
        services.mark_reviewed(obj, request.user)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Protokollet är granskat för publicering. Allmänheten ser den maskerade versionen.")
    return redirect("publishing:review", pk=pk)


@require_POST
@action_required(Action.REVIEW_PUBLICATION, get_object=lambda request, pk: _meeting(request, pk))
def reopen(request, pk: int, obj: Meeting):
    services.reopen(obj)
    messages.success(request, "Granskningen är återöppnad. Protokollet visas inte för allmänheten förrän det granskats igen.")
    return redirect("publishing:review", pk=pk)


__all__ = ["confirm_all", "decide", "mark_reviewed", "reopen", "review_detail", "review_list"]


def not_published(request, meeting: Meeting):
    """The public's page for a protokoll that is adjusted but not yet reviewed for publication."""
    return render(request, "publishing/not_published.html", {"meeting": meeting}, status=404)
