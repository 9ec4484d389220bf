"""The expediering page of an adjusted meeting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from kansli.meetings.models import Meeting
from kansli.workspace.permissions import Action, action_required

from . import services
from .models import DispatchRecord


def _meeting(request, pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body__municipality", "secretary"), pk=pk)


@action_required(Action.DISPATCH_DECISIONS, get_object=_meeting)
def meeting_dispatch(request, pk: int, obj: Meeting):
    if request.method == "POST":
        try:
            result = services.dispatch_meeting(obj, sent_by=request.user.get_username())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"Expedierat: {len(result.emailed)} med e-post, {len(result.post)} att skicka med post, "
                f"{len(result.manual)} att hantera manuellt.",
            )
            for _, reason in result.failed:
                messages.error(request, reason)
        return redirect("dispatch:meeting", pk=obj.pk)
    return render(request, "dispatch/meeting.html", {
        "meeting": obj,
        "records": DispatchRecord.objects.filter(paragraph__meeting=obj).select_related("paragraph"),
        "pending": services.undispatched(obj),
    })
