"""The live meeting hub: attendance, substitutes, jäv, quorum, justerare and the agenda.

One page (``workspace:live_meeting``) the secretary keeps open during the meeting. Every
change is a plain POST form (no JavaScript) that goes through :mod:`kansli.meetings.live`
and comes back to the page with a Swedish message; the attendance table is one form whose
buttons (``formaction``) say what happens to whom from the § chosen once at the top.
Everything needs :attr:`Action.RUN_MEETING` (nämndsekreterare, ordförande, administratör),
checked on the server for every request. Once the meeting has ended (its sluttid is set),
a change is part of drafting the protokoll and needs :attr:`Action.DRAFT_MINUTES` as well
(the same rule as the § screen, ``paragraph_views.recording_action``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kansli.meetings import live
from kansli.meetings.live import AttendanceError
from kansli.meetings.locking import MeetingLocked
from kansli.meetings.models import Attendance, AttendanceRole, Meeting, MeetingStatus, Recusal
from kansli.organisation.models import Person
from kansli.organisation.models import Role as MembershipRole

from ..permissions import Action, action_required, can, check, person_of


def _meeting(request, meeting_pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body", "chair", "secretary"), pk=meeting_pk)


def _change(view):
    """A POST that changes the meeting: RUN_MEETING, and DRAFT_MINUTES once the meeting has ended."""

    @require_POST
    @action_required(Action.RUN_MEETING, get_object=_meeting)
    @wraps(view)
    def wrapper(request, *args, obj: Meeting, **kwargs):
        if obj.end is not None:
            denied = check(request, Action.DRAFT_MINUTES, obj)
            if denied is not None:
                return denied
        return view(request, *args, obj=obj, **kwargs)

    return wrapper


def _hub(meeting: Meeting, number: int | None = None, anchor: str = "") -> str:
    url = reverse("workspace:live_meeting", args=[meeting.pk])
    if number is not None:
        url += f"?paragraf={number}"
    return url + (f"#{anchor}" if anchor else "")


def ranges_text(paragraphs: list[list[int]]) -> str:
    """[[3, 5], [8, 8]] → '§§ 3–5, § 8'; [] → 'hela sammanträdet'."""
    if not paragraphs:
        return "hela sammanträdet"
    parts = []
    for first, last in paragraphs:
        parts.append(f"§ {first}" if first == last else f"§§ {first}–{last}")
    return ", ".join(parts)


def _merge(rows: list[Attendance]) -> str:
    if any(not r.paragraphs for r in rows):
        return "hela sammanträdet"
    spans = sorted(span for r in rows for span in r.paragraphs)
    return ranges_text(spans)


@dataclass
class Line:
    """One ledamot or ersättare on the attendance table, as things stand at the chosen §."""

    person: Person
    kind: str  # "ledamot" or "ersättare"
    office: str = ""
    status: str = "frånvarande"
    present: bool = False
    serving: bool = False
    recused: bool = False
    seat_taken_by: str = ""
    serving_for: str = ""
    spans: str = "frånvarande"
    rows: list[Attendance] = field(default_factory=list)


def _lines(meeting: Meeting, number: int | None) -> tuple[list[Line], list[Line]]:
    """(members, substitutes) with their state at § ``number``."""
    memberships = live._memberships(meeting)
    rows_by_person: dict[int, list[Attendance]] = {}
    for row in meeting.attendances.exclude(role=AttendanceRole.OTHER).select_related("serving_for"):
        rows_by_person.setdefault(row.person_id, []).append(row)
    recused: set[int] = set()
    if number is not None:
        recused = set(
            Recusal.objects.filter(paragraph__meeting=meeting, paragraph__number=number)
            .exclude(person=None).values_list("person_id", flat=True)
        )
    members: list[Line] = []
    substitutes: list[Line] = []
    seat_holder: dict[int, str] = {}
    for m in sorted(
        memberships,
        key=lambda m: (m.role != MembershipRole.MEMBER, live._OFFICE_RANK.get(m.office, 3), m.substitute_order or 0),
    ):
        rows = rows_by_person.get(m.person_id, [])
        is_member = m.role == MembershipRole.MEMBER
        line = Line(
            person=m.person,
            kind="ledamot" if is_member else "ersättare",
            office=m.get_office_display() if m.office else "",
            rows=rows,
            spans=_merge(rows) if rows else "frånvarande",
        )
        current = [r for r in rows if number is not None and r.present_at(number)]
        if current:
            row = current[0]
            line.present = True
            line.recused = m.person_id in recused
            line.serving = row.role in live.DECIDING_ROLES and not line.recused
            if row.role == AttendanceRole.SERVING_SUBSTITUTE:
                line.serving_for = row.serving_for.name if row.serving_for else ""
                if not line.recused and row.serving_for_id:
                    seat_holder[row.serving_for_id] = m.person.name
            if line.recused:
                line.status = "jäv"
            elif row.role == AttendanceRole.SERVING_SUBSTITUTE:
                line.status = f"tjänstgör för {line.serving_for}"
            elif row.role == AttendanceRole.SUBSTITUTE:
                line.status = "närvarande, ej tjänstgörande"
            else:
                line.status = "tjänstgör"
        elif rows:
            line.status = "inte närvarande vid paragrafen"
        (members if is_member else substitutes).append(line)
    for line in members:
        line.seat_taken_by = seat_holder.get(line.person.pk, "")
    return members, substitutes


def _paragraph_url(meeting: Meeting, item) -> str | None:
    try:
        return reverse("workspace:paragraph_edit", args=[meeting.pk, item.pk])
    except NoReverseMatch:
        return None


def _number_param(request, numbers: list[int], default: int | None) -> int | None:
    value = request.GET.get("paragraf")
    try:
        chosen = int(value) if value else default
    except ValueError:
        chosen = default
    return chosen if chosen in numbers else default


@action_required(Action.RUN_MEETING, get_object=_meeting)
def live_meeting(request, meeting_pk: int, obj: Meeting):
    meeting = obj
    running = meeting.status == MeetingStatus.HELD and not meeting.locked and (
        meeting.end is None or can(request.user, Action.DRAFT_MINUTES, meeting)
    )
    numbers = live.paragraph_numbers(meeting)
    next_number = live.next_number(meeting) if numbers else None
    number = _number_param(request, numbers, next_number or (numbers[-1] if numbers else None))
    paragraphs = {p.number: p for p in meeting.paragraphs.prefetch_related("votes", "motions", "recusals")}
    members, substitutes = _lines(meeting, number)
    quorums = []
    if numbers and meeting.attendances.exists():
        try:
            quorums = live.quorum_table(meeting, numbers)
        except AttendanceError as exc:
            messages.error(request, str(exc))
    quorum = next((q for q in quorums if q.number == number), None)
    items = []
    for item in meeting.agenda_items.select_related("case").order_by("order"):
        paragraph = getattr(item, "paragraph", None)
        items.append({
            "item": item,
            "paragraph": paragraph,
            "decided": paragraph is not None and live.is_decided(paragraph),
            "quorum": next((q for q in quorums if paragraph is not None and q.number == paragraph.number), None),
            "url": _paragraph_url(meeting, item),
        })
    serving_now = live.serving_at(meeting, number) if number is not None else []
    present_people = [line for line in members + substitutes if line.present]
    return render(request, "workspace/live/meeting.html", {
        "meeting": meeting,
        "running": running,
        "planned": meeting.status in (MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT),
        "ended": meeting.end is not None,
        "numbers": numbers,
        "number": number,
        "next_number": next_number,
        "members": members,
        "substitutes": substitutes,
        "serving_substitutes": [line for line in substitutes if line.serving_for],
        "others": meeting.attendances.filter(role=AttendanceRole.OTHER).select_related("person"),
        "quorum": quorum,
        "quorums": quorums,
        "items": items,
        "serving_now": serving_now,
        "present_people": present_people,
        "recusals": Recusal.objects.filter(paragraph__meeting=meeting).select_related("paragraph")
        .order_by("paragraph__number", "order"),
        "adjusters": list(meeting.adjusters.order_by("adjuster__order")),
        "paragraph_numbers_decided": {n for n, p in paragraphs.items() if live.is_begun(p)},
    })


# --- actions -----------------------------------------------------------------------------------


def _int(request, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _required_number(request) -> int:
    number = _int(request, "paragraf")
    if number is None:
        raise AttendanceError("Välj från vilken paragraf ändringen gäller.")
    return number


def _run(request, meeting: Meeting, action, anchor: str = "narvaro"):
    """Do ``action()`` and go back to the hub with its message, or with the refusal."""
    number = _int(request, "paragraf")
    try:
        result = action()
    except MeetingLocked as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_hub(meeting, None, anchor))
    except (AttendanceError, ValidationError) as exc:
        text = str(exc) if isinstance(exc, AttendanceError) else " ".join(exc.messages)
        messages.error(request, text)
        return redirect(_hub(meeting, number, anchor))
    message = getattr(result, "message", None) or (result if isinstance(result, str) else "Ändringen är sparad.")
    messages.success(request, message)
    return redirect(_hub(meeting, getattr(result, "number", None) or number, anchor))


@_change
def live_start(request, meeting_pk: int, obj: Meeting):
    def action():
        live.start_meeting(obj, secretary=person_of(request.user))
        return "Sammanträdet är öppnat. Närvaron är hämtad från uppdragen: markera den som är frånvarande."

    return _run(request, obj, action)


@_change
def live_end(request, meeting_pk: int, obj: Meeting):
    def action():
        live.end_meeting(obj, timezone.now())
        return "Sammanträdet är avslutat; sluttiden är registrerad."

    return _run(request, obj, action, anchor="")


@_change
def live_absent(request, meeting_pk: int, obj: Meeting):
    """Absent / leaves from § N. For a ledamot: first the proposal, then the secretary confirms."""
    person = request.POST.get("person")
    confirmed = request.POST.get("bekrafta") == "1"
    if not confirmed:
        try:
            number = _required_number(request)
            proposal = live.preview_absence(obj, person, number)
        except MeetingLocked as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(_hub(obj, None, "narvaro"))
        except AttendanceError as exc:
            messages.error(request, str(exc))
            return redirect(_hub(obj, _int(request, "paragraf"), "narvaro"))
        if proposal.eligible or proposal.proposed is not None:
            return render(request, "workspace/live/_attendance_confirm.html", {
                "meeting": obj,
                "proposal": proposal,
                "first": proposal.number == live.paragraph_numbers(obj)[0],
            })
    return _run(
        request, obj,
        lambda: live.mark_absent(obj, person, _required_number(request), request.POST.get("ersattare") or None),
    )


@_change
def live_arrive(request, meeting_pk: int, obj: Meeting):
    return _run(request, obj, lambda: live.arrive(obj, request.POST.get("person"), _required_number(request)))


@_change
def live_substitute(request, meeting_pk: int, obj: Meeting):
    return _run(request, obj, lambda: live.choose_substitute(
        obj, request.POST.get("person"), request.POST.get("ersattare"), _required_number(request)
    ))


@_change
def live_recuse(request, meeting_pk: int, obj: Meeting):
    def action():
        number = _int(request, "jav_paragraf")
        if number is None:
            raise AttendanceError("Välj i vilken paragraf jävet gäller.")
        return live.recuse(obj, request.POST.get("person"), number, request.POST.get("skal", ""))

    return _run(request, obj, action, anchor="jav")


@_change
def live_recusal_remove(request, meeting_pk: int, obj: Meeting, recusal_pk: int):
    return _run(request, obj, lambda: live.remove_recusal(obj, recusal_pk), anchor="jav")


@_change
def live_other_add(request, meeting_pk: int, obj: Meeting):
    def action():
        row = live.add_other(obj, request.POST.get("namn", ""), request.POST.get("titel", ""))
        return f"{row.person.name}, {row.office}, är tillagd bland övriga närvarande."

    return _run(request, obj, action, anchor="ovriga")


@_change
def live_other_remove(request, meeting_pk: int, obj: Meeting, attendance_pk: int):
    def action():
        live.remove_other(obj, attendance_pk)
        return "Personen är borttagen från övriga närvarande."

    return _run(request, obj, action, anchor="ovriga")


@_change
def live_adjusters(request, meeting_pk: int, obj: Meeting):
    def action():
        chosen = [request.POST.get("justerare_1"), request.POST.get("justerare_2")]
        live.set_adjusters(obj, chosen, time=request.POST.get("tid", ""), place=request.POST.get("plats", ""))
        names = " och ".join(p.name for p in obj.adjusters.order_by("adjuster__order"))
        return f"{names} utses att justera protokollet."

    return _run(request, obj, action, anchor="justering")


@_change
def live_chair(request, meeting_pk: int, obj: Meeting):
    def action():
        meeting = live.set_chair(obj, request.POST.get("person"))
        return f"{meeting.chair.name} är ordförande för sammanträdet."

    return _run(request, obj, action, anchor="ordforande")
