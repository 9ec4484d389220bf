"""The secretary's screen for one § during the meeting (and its text afterwards)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from kansli.meetings.locking import MeetingLocked
from kansli.meetings.models import AgendaItem, Meeting
from kansli.meetings.recording import paragraph_for, take_up

from ..permissions import Action, action_required


def _meeting(request, meeting_pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_pk)


@action_required(Action.RUN_MEETING, get_object=_meeting)
def paragraph_edit(request, meeting_pk: int, item_pk: int, obj: Meeting):
    item = get_object_or_404(AgendaItem.objects.select_related("case"), pk=item_pk, meeting=obj)
    paragraph = paragraph_for(item)
    if request.method == "POST" and paragraph is None:
        try:
            paragraph, _ = take_up(item)
        except MeetingLocked as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, f"Punkten är upptagen som § {paragraph.number}.")
        return redirect("workspace:paragraph_edit", meeting_pk=obj.pk, item_pk=item.pk)
    return render(request, "workspace/live/paragraph_edit.html", {"meeting": obj, "item": item, "paragraph": paragraph})
