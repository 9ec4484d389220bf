"""The secretary's planning screens: sammanträdesplan, föredragningslista, kallelse and pack.

Schedule, new meetings, the kallelse, the pack and "markera som skickad" need
``plan_meeting``; the agenda builder needs ``edit_agenda``. Each view checks its action on
the server; the work itself is done in :mod:`.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kansli.cases.models import Case
from kansli.meetings.models import AgendaItem, Meeting, MeetingStatus
from kansli.organisation.models import Body

from ..permissions import Action, action_required, can, person_of
from . import services
from .forms import AddCaseForm, ItemForm, MarkSentForm, MeetingForm

MIN_YEAR, MAX_YEAR = 1900, 2200


def _body(request: HttpRequest, pk: int, **kwargs) -> Body:
    return get_object_or_404(Body.objects.select_related("municipality"), pk=pk)


def _meeting(request: HttpRequest, pk: int, **kwargs) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("body__municipality", "chair", "secretary"), pk=pk
    )


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)


def _live_url(meeting: Meeting) -> str | None:
    """The live meeting screen, when that part of the workspace is installed."""
    try:
        return reverse("workspace:live_meeting", args=[meeting.pk])
    except NoReverseMatch:
        return None


def _file_name(meeting: Meeting, what: str) -> str:
    code = meeting.body.abbreviation or f"organ-{meeting.body_id}"
    return f"{what}-{code}-{meeting.date:%Y-%m-%d}.pdf"


# --- schedule and new meetings -----------------------------------------------------------------


@action_required(Action.PLAN_MEETING)
def index(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.select_related("municipality").order_by("municipality__name", "name")
    return render(request, "workspace/planning/index.html", {
        "bodies": bodies, "year": timezone.localdate().year,
    })


@action_required(Action.PLAN_MEETING, get_object=_body)
def schedule(request: HttpRequest, pk: int, obj: Body, year: int | None = None) -> HttpResponse:
    if year is None:
        year = timezone.localdate().year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("Okänt år.")
    meetings = list(
        obj.meetings.filter(date__year=year).select_related("chair", "secretary").order_by("date", "start")
    )
    today = timezone.localdate()
    rows = []
    for meeting in meetings:
        last_day = services.deadline(meeting)
        rows.append({
            "meeting": meeting,
            "deadline": last_day,
            "items": meeting.agenda_items.count(),
            "overdue": meeting.status == MeetingStatus.PLANNED and today > last_day and meeting.date >= today,
        })
    return render(request, "workspace/planning/schedule.html", {
        "body": obj, "year": year, "rows": rows,
        "previous_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
    })


@action_required(Action.PLAN_MEETING, get_object=_body)
def meeting_create(request: HttpRequest, pk: int, obj: Body) -> HttpResponse:
    today = timezone.localdate()
    latest = obj.meetings.exclude(place="").order_by("-date").first()
    initial = {
        "chair": services.default_chair(obj, today),
        "secretary": services.default_secretary(obj, person_of(request.user)),
        "place": latest.place if latest else "",
    }
    form = MeetingForm(request.POST or None, body=obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.create_meeting(
                obj, data["date"], data["start"], data["place"], chair=data["chair"], secretary=data["secretary"]
            )
        except services.PlanningError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Sammanträdet {meeting.date:%Y-%m-%d} är planerat. Bygg nu föredragningslistan.",
            )
            return redirect("workspace:planning_meeting", pk=meeting.pk)
    status = 400 if form.errors else 200
    return render(request, "workspace/planning/meeting_form.html", {"body": obj, "form": form}, status=status)


# --- the agenda builder ------------------------------------------------------------------------


def _agenda_page(request: HttpRequest, meeting: Meeting, *, status: int = 200, sent_form: MarkSentForm | None = None,
                 item_forms: dict[int, ItemForm] | None = None) -> HttpResponse:
    items = services.agenda(meeting)
    editable = services.agenda_is_editable(meeting)
    item_forms = item_forms or {}
    rows = [
        {
            "item": item,
            "form": item_forms.get(item.pk)
            or ItemForm(prefix=f"punkt-{item.pk}", initial={"title": item.title, "proposed_decision": item.proposed_decision}),
            "first": index == 0,
            "last": index == len(items) - 1,
        }
        for index, item in enumerate(items)
    ]
    candidates = [
        {"case": case, "form": AddCaseForm(prefix=f"arende-{case.pk}", initial={
            "case": case.pk, "proposed_decision": services.case_proposal(case)})}
        for case in services.ready_cases(meeting)
    ] if editable else []
    may_plan = can(request.user, Action.PLAN_MEETING, meeting)
    today = timezone.localdate()
    last_day = services.deadline(meeting)
    return render(request, "workspace/planning/agenda.html", {
        "meeting": meeting,
        "body": meeting.body,
        "rows": rows,
        "candidates": candidates,
        "editable": editable,
        "missing_standing": editable and bool(services.missing_standing(items)),
        "may_plan": may_plan,
        "deadline": last_day,
        "late_now": meeting.invitation_sent is None and today > last_day,
        "sent_form": sent_form or MarkSentForm(initial={"sent": today}),
        "may_send": may_plan and editable,
        "live_url": _live_url(meeting),
    }, status=status)


def _refused(request: HttpRequest, meeting: Meeting, exc: services.PlanningError, **kwargs) -> HttpResponse:
    messages.error(request, str(exc))
    status = 409 if isinstance(exc, services.AgendaClosed) else 400
    meeting.refresh_from_db()
    return _agenda_page(request, meeting, status=status, **kwargs)


def _back(meeting: Meeting, item_pk: int | None = None):
    url = reverse("workspace:planning_meeting", args=[meeting.pk])
    return redirect(f"{url}#punkt-{item_pk}" if item_pk else url)


@action_required(Action.EDIT_AGENDA, get_object=_meeting)
def meeting_agenda(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    if not services.agenda_is_editable(obj):
        try:
            services.check_editable(obj)
        except services.AgendaClosed as exc:
            messages.info(request, str(exc))
    return _agenda_page(request, obj)


@require_POST
@action_required(Action.EDIT_AGENDA, get_object=_meeting)
def add_standing(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    try:
        added = services.add_standing_items(obj)
    except services.PlanningError as exc:
        return _refused(request, obj, exc)
    if added:
        messages.success(request, f"{len(added)} stående punkter lades till: " + ", ".join(i.title for i in added) + ".")
    else:
        messages.info(request, "Föredragningslistan har redan alla stående punkter.")
    _propose_reports(request, obj)
    return _back(obj)


def _propose_reports(request: HttpRequest, meeting: Meeting) -> None:
    """Fill the reporting items with every delegated decision and communication not yet reported."""
    from kansli.delegation.services import propose_communications, propose_report

    _, decisions = propose_report(meeting)
    _, communications = propose_communications(meeting)
    if decisions or communications:
        messages.info(
            request,
            f"Kansli föreslår {len(decisions)} delegationsbeslut och {len(communications)} meddelanden "
            "att anmäla; de står under respektive punkt.",
        )


@require_POST
@action_required(Action.EDIT_AGENDA, get_object=_meeting)
def add_case(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    raw = request.POST.get("case", "")
    if not raw.isdigit():
        return _refused(request, obj, services.PlanningError("Välj ett ärende att lägga till."))
    case = get_object_or_404(Case.objects.select_related("series"), pk=int(raw))
    form = AddCaseForm(request.POST, prefix=f"arende-{case.pk}")
    proposal = form.data.get(f"arende-{case.pk}-proposed_decision", "")
    try:
        item = services.add_case(obj, case, proposal)
    except services.PlanningError as exc:
        return _refused(request, obj, exc)
    messages.success(request, f"Ärendet {case.case_number} står nu som punkt {item.order} på föredragningslistan.")
    return _back(obj, item.pk)


@require_POST
@action_required(Action.EDIT_AGENDA, get_object=_meeting)
def item_update(request: HttpRequest, pk: int, item_pk: int, obj: Meeting) -> HttpResponse:
    item = _item(obj, item_pk)
    form = ItemForm(request.POST, prefix=f"punkt-{item.pk}")
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _refused(request, obj, services.PlanningError(f"Punkt {item.order}: {error}"), item_forms={item.pk: form})
    try:
        item = services.update_item(obj, item.pk, form.cleaned_data["title"], form.cleaned_data["proposed_decision"])
    except services.PlanningError as exc:
        return _refused(request, obj, exc)
    messages.success(request, f"Punkt {item.order} är sparad.")
    return _back(obj, item.pk)


@require_POST
@action_required(Action.EDIT_AGENDA, get_object=_meeting)
def item_move(request: HttpRequest, pk: int, item_pk: int, obj: Meeting) -> HttpResponse:
    item = _item(obj, item_pk)
    step = {"upp": -1, "ner": 1}.get(request.POST.get("riktning", ""))
    if step is None:
        return _refused(request, obj, services.PlanningError("Okänd riktning: välj Upp eller Ner."))
    try:
        moved = services.move_item(obj, item.pk, step)
    except services.PlanningError as exc:
        return _refused(request, obj, exc)
    messages.success(request, f"”{moved.title}” är nu punkt {moved.order}.")
    return _back(obj, moved.pk)


@require_POST
@action_required(Action.EDIT_AGENDA, get_object=_meeting)
def item_remove(request: HttpRequest, pk: int, item_pk: int, obj: Meeting) -> HttpResponse:
    item = _item(obj, item_pk)
    try:
        removed = services.remove_item(obj, item.pk)
    except services.PlanningError as exc:
        return _refused(request, obj, exc)
    messages.success(request, f"”{removed.title}” är borttagen från föredragningslistan.")
    return _back(obj)


# --- kallelse, pack and sending ----------------------------------------------------------------


@action_required(Action.PLAN_MEETING, get_object=_meeting)
def kallelse_html(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    return HttpResponse(services.kallelse_html(obj), content_type="text/html; charset=utf-8")


@action_required(Action.PLAN_MEETING, get_object=_meeting)
def kallelse_pdf(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    response = HttpResponse(services.kallelse_pdf(obj), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_name(obj, "kallelse")}"'
    return response


@action_required(Action.PLAN_MEETING, get_object=_meeting)
def pack_pdf(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    pack = services.build_pack(obj)
    response = HttpResponse(pack.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(obj, "kallelse-med-handlingar")}"'
    return response


@require_POST
@action_required(Action.PLAN_MEETING, get_object=_meeting)
def mark_sent(request: HttpRequest, pk: int, obj: Meeting) -> HttpResponse:
    form = MarkSentForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _refused(request, obj, services.PlanningError(error), sent_form=form)
    try:
        result = services.mark_sent(obj, form.cleaned_data["sent"])
    except services.PlanningError as exc:
        return _refused(request, obj, exc, sent_form=form)
    if result.late:
        messages.warning(request, result.warning)
    messages.success(
        request,
        f"Kallelsen är markerad som skickad {result.meeting.invitation_sent:%Y-%m-%d} "
        f"(sista dag enligt reglementet: {result.deadline:%Y-%m-%d}).",
    )
    return _back(obj)
