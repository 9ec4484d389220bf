"""The delegation register in the workspace: scheme, decisions, CSV import, communications and
the proposal of the reporting items for the next meeting."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from kansli.meetings.models import Meeting, MeetingStatus
from kansli.organisation.models import Body
from kansli.workspace.permissions import Action, action_required, can
from kansli.writing.pdf import render_pdf

from . import csvimport, services
from .forms import CommunicationForm, CsvForm, DecisionForm
from .models import Communication, DelegatedDecision, DelegationScheme

SESSION_KEY = "delegation_csv"


def _body(request, pk: int, **kwargs) -> Body:
    return get_object_or_404(Body.objects.select_related("municipality"), pk=pk)


@action_required(Action.REGISTER_DELEGATED_DECISION)
def index(request):
    bodies = Body.objects.order_by("kind", "name")
    return render(request, "delegation/index.html", {"bodies": bodies})


@action_required(Action.REGISTER_DELEGATED_DECISION, get_object=_body)
def body_register(request, pk: int, obj: Body):
    today = dt.date.today()
    decisions = DelegatedDecision.objects.filter(body=obj).select_related(
        "point", "reported_in__meeting", "notice", "agenda_item__meeting"
    )
    next_meeting = (
        Meeting.objects.filter(body=obj, date__gte=today, status__in=[MeetingStatus.PLANNED, MeetingStatus.NOTICE_SENT])
        .order_by("date").first()
    )
    return render(request, "delegation/body.html", {
        "body": obj,
        "schemes": DelegationScheme.objects.filter(body=obj),
        "decisions": decisions[:200],
        "communications": Communication.objects.filter(body=obj).select_related("reported_in__meeting")[:100],
        "urgent": services.unreported_urgent(obj, today),
        "pending": services.reportable_decisions(obj, today),
        "next_meeting": next_meeting,
        "may_manage": can(request.user, Action.MANAGE_DELEGATION),
    })


def _scheme(request, pk: int, **kwargs) -> DelegationScheme:
    return get_object_or_404(DelegationScheme.objects.select_related("body__municipality"), pk=pk)


@action_required(Action.REGISTER_DELEGATED_DECISION, get_object=_scheme)
def scheme_detail(request, pk: int, obj: DelegationScheme):
    context = {"scheme": obj, "points": obj.points.all()}
    if request.GET.get("format") == "pdf":
        html = render_to_string("delegation/scheme_document.html", context)
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="delegationsordning-{obj.version.replace("/", "-")}.pdf"'
        return response
    if request.GET.get("format") == "html":
        return render(request, "delegation/scheme_document.html", context)
    return render(request, "delegation/scheme.html", context)


def _form_input(data: dict) -> services.DecisionInput:
    return services.DecisionInput(
        point_code=data["point_code"], decided=data["decided"], delegate=data["delegate"],
        description=data["description"], position=data["position"], case_number=data["case_number"],
        urgent=data["urgent"], individual=data["individual"], period_start=data["period_start"],
        period_end=data["period_end"], count=data["count"],
    )


@action_required(Action.REGISTER_DELEGATED_DECISION, get_object=_body)
def decision_new(request, pk: int, obj: Body):
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.register_decision(obj, _form_input(form.cleaned_data))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Delegationsbeslutet {decision.decided:%Y-%m-%d} ({decision.point_code}) är registrerat.")
            return redirect("delegation:body", pk=obj.pk)
    return render(request, "delegation/decision_form.html", {"body": obj, "form": form})


@action_required(Action.REGISTER_DELEGATED_DECISION, get_object=_body)
def csv_import(request, pk: int, obj: Body):
    form = CsvForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(SESSION_KEY) or {}
        raw = bytes.fromhex(stored.get("data", "")) if stored.get("body") == obj.pk else b""
        if not raw or hashlib.sha256(raw).hexdigest() != request.POST.get("digest"):
            messages.error(request, "Förhandsgranskningen har gått ut. Läs in filen igen.")
            return redirect("delegation:csv", pk=obj.pk)
        try:
            saved = csvimport.import_csv(obj, raw)
        except ValidationError as exc:
            return render(request, "delegation/csv.html", {
                "body": obj, "form": CsvForm(), "preview": csvimport.preview(obj, raw), "errors": exc.messages,
            })
        request.session.pop(SESSION_KEY, None)
        messages.success(request, f"{len(saved)} delegationsbeslut är registrerade.")
        return redirect("delegation:body", pk=obj.pk)
    preview = digest = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        raw = upload.read(csvimport.MAX_BYTES + 1)
        preview = csvimport.preview(obj, raw)
        digest = hashlib.sha256(raw).hexdigest()
        if preview.ok:
            request.session[SESSION_KEY] = {"body": obj.pk, "data": raw.hex()}
    return render(request, "delegation/csv.html", {"body": obj, "form": form, "preview": preview, "digest": digest})


@action_required(Action.REGISTER_DELEGATED_DECISION, get_object=_body)
def communication_new(request, pk: int, obj: Body):
    form = CommunicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Communication.objects.create(body=obj, **form.cleaned_data)
        messages.success(request, "Meddelandet är registrerat och föreslås till nästa sammanträde.")
        return redirect("delegation:body", pk=obj.pk)
    return render(request, "delegation/communication_form.html", {"body": obj, "form": form})


def _meeting(request, pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


@require_POST
@action_required(Action.MANAGE_DELEGATION, get_object=_meeting)
def propose(request, pk: int, obj: Meeting):
    try:
        report, decisions = services.propose_report(obj)
        _, communications = services.propose_communications(obj)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Föreslaget till sammanträdet {obj.date:%Y-%m-%d}: {len(decisions)} delegationsbeslut under punkt "
            f"{report.order} och {len(communications)} meddelanden.",
        )
    return redirect("delegation:body", pk=obj.body_id)


def _decision(request, pk: int, **kwargs) -> DelegatedDecision:
    return get_object_or_404(
        DelegatedDecision.objects.select_related("body", "point__scheme", "reported_in__meeting", "notice"), pk=pk
    )


@action_required(Action.REGISTER_DELEGATED_DECISION, get_object=_decision)
def decision_detail(request, pk: int, obj: DelegatedDecision):
    return render(request, "delegation/decision.html", {
        "decision": obj,
        "appeal_start": services.appeal_start(obj),
        "may_post": can(request.user, Action.POST_NOTICE) and obj.point_id and not obj.point.must_report
        and obj.point.appealable and obj.notice_id is None,
    })


@require_POST
@action_required(Action.POST_NOTICE, get_object=_decision)
def decision_notice(request, pk: int, obj: DelegatedDecision):
    try:
        notice = services.post_own_notice(obj, dt.date.today())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Beslutet är anslaget {notice.posted:%Y-%m-%d}; sista dag för överklagande {notice.appeal_last_day:%Y-%m-%d}.")
    return redirect("delegation:decision", pk=obj.pk)
