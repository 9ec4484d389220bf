"""Today's missed limits, for the secretary (the same list the daily job e-mails)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from kansli.workspace.permissions import Action, action_required

from .checks import collect


@action_required(Action.PLAN_MEETING)
def reminder_list(request):
    today = timezone.localdate()
    return render(request, "reminders/list.html", {"reminders": collect(today), "today": today})
