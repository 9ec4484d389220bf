"""The case workspace (handläggning): diariet, ärenden, handlingar and their history.

Every view checks its action with :mod:`kansli.workspace.permissions` on the server.
"""

from __future__ import annotations

import posixpath

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kansli.audit.context import get_current_user
from kansli.audit.models import Action as AuditAction
from kansli.audit.models import AuditEntry
from kansli.cases.models import Case, CaseStatus, Document
from kansli.cases.services import register_case

from .forms import ACCEPTED, CaseFilterForm, RegisterCaseForm, UploadDocumentForm
from .permissions import Action, action_required, can, check

OPENED = AuditAction.VIEW  # a secret document was opened

ACTION_WORDS = {"create": "skapade", "update": "ändrade", "delete": "tog bort", OPENED: "öppnade"}

#: Content types served inline; anything else is sent as a download.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}
SAFE_TYPES = {ct for ct, _ in ACCEPTED.values()} | {"text/plain"}


def _case(request, pk: int) -> Case:
    return get_object_or_404(Case.objects.select_related("series__body"), pk=pk)


def _document(request, pk: int, doc_pk: int) -> Document:
    return get_object_or_404(Document.objects.select_related("case__series"), pk=doc_pk, case_id=pk)


@action_required(Action.VIEW_CASE_REGISTER)
def case_list(request):
    form = CaseFilterForm(request.GET or None)
    cases = Case.objects.select_related("series__body").order_by("-registered", "-year", "-sequence")
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            cases = cases.filter(Q(title__icontains=q) | Q(case_number__icontains=q))
        if form.cleaned_data["status"]:
            cases = cases.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["body"]:
            cases = cases.filter(series__body=form.cleaned_data["body"])
    page = Paginator(cases, 50).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "workspace/case_list.html", {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_register": can(request.user, Action.REGISTER_CASE),
    })


@action_required(Action.REGISTER_CASE)
def case_register(request):
    form = RegisterCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = register_case(
            form.cleaned_data["series"], form.cleaned_data["title"], secret=form.cleaned_data["secret"]
        )
        messages.success(request, f"Ärendet är registrerat med diarienummer {case.case_number}.")
        return redirect("workspace:case", pk=case.pk)
    return render(request, "workspace/case_register.html", {"form": form})


@action_required(Action.VIEW_CASE_REGISTER, get_object=_case)
def case_detail(request, pk: int, obj: Case):
    user = request.user
    documents = [
        {"doc": doc, "visible": can(user, Action.VIEW_SECRET_DOCUMENT, doc)}
        for doc in obj.documents.all()
    ]
    return render(request, "workspace/case_detail.html", {
        "case": obj,
        "documents": documents,
        "may_upload": can(user, Action.UPLOAD_DOCUMENT, obj),
        "may_mark_secret": can(user, Action.MARK_DOCUMENT_SECRET, obj),
        "may_mark_ready": can(user, Action.MARK_CASE_READY, obj)
        and obj.status in (CaseStatus.REGISTERED, CaseStatus.IN_PREPARATION),
        "may_see_history": can(user, Action.VIEW_CASE_HISTORY, obj),
    })


@action_required(Action.UPLOAD_DOCUMENT, get_object=_case)
def document_upload(request, pk: int, obj: Case):
    form = UploadDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        doc = Document(
            case=obj,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            secret=form.cleaned_data["secret"],
            content_type=form.content_type,
        )
        doc.file.save(posixpath.basename(upload.name), upload, save=False)
        try:
            with transaction.atomic():
                doc.save()
        except Exception:
            doc.file.delete(save=False)  # no orphan file when the row could not be stored
            raise
        messages.success(request, f"Handlingen ”{doc.title}” är sparad.")
        return redirect("workspace:case", pk=obj.pk)
    return render(request, "workspace/document_upload.html", {"case": obj, "form": form}, status=400 if form.errors else 200)


@require_POST
@action_required(Action.MARK_DOCUMENT_SECRET, get_object=lambda request, pk, doc_pk: _document(request, pk, doc_pk).case)
def document_mark_secret(request, pk: int, doc_pk: int, obj: Case):
    doc = _document(request, pk, doc_pk)
    if doc.secret:
        messages.info(request, f"Handlingen ”{doc.title}” är redan sekretessmarkerad.")
    else:
        doc.secret = True
        doc.save()
        messages.success(request, f"Handlingen ”{doc.title}” är nu sekretessmarkerad.")
    return redirect("workspace:case", pk=pk)


def document_open(request, pk: int, doc_pk: int):
    doc = _document(request, pk, doc_pk)
    denied = check(request, Action.VIEW_CASE_REGISTER)
    if denied is None:
        denied = check(request, Action.VIEW_SECRET_DOCUMENT, doc)
    if denied is not None:
        return denied
    return serve_document(request, doc)


def serve_document(request, doc: Document) -> FileResponse:
    """The file of ``doc`` (permissions already checked); opening a secret one is audit-logged.

    Shared by the case workspace and the members' reading room (kansli.readingroom).
    """
    try:
        handle = doc.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Filen saknas.") from None
    if doc.secret:
        user = get_current_user() or request.user
        AuditEntry.objects.create(
            user=user,
            username=user.get_username(),
            action=OPENED,
            model_label=Document._meta.label,
            object_pk=str(doc.pk),
            object_repr=str(doc)[:300],
            changes={"öppnad": [None, doc.file.name]},
        )
    content_type = doc.content_type if doc.content_type in SAFE_TYPES else "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=content_type not in INLINE_TYPES,
        filename=posixpath.basename(doc.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if doc.secret else "private"
    return response


@require_POST
@action_required(Action.MARK_CASE_READY, get_object=_case)
def case_mark_ready(request, pk: int, obj: Case):
    if obj.status in (CaseStatus.REGISTERED, CaseStatus.IN_PREPARATION):
        obj.status = CaseStatus.READY
        obj.save()
        messages.success(request, f"Ärende {obj.case_number} är markerat som klart för beslut.")
    else:
        messages.error(
            request,
            f"Ärende {obj.case_number} har status ”{obj.get_status_display()}” och kan inte "
            "markeras som klart för beslut.",
        )
    return redirect("workspace:case", pk=obj.pk)


def _field_label(model, attname: str) -> str:
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return str(field.verbose_name)
    return attname


def _value(model, attname: str, value):
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            if field.choices and value is not None:
                return dict(field.flatchoices).get(value, value)
            if isinstance(value, bool):
                return "ja" if value else "nej"
    return "–" if value in (None, "") else value


@action_required(Action.VIEW_CASE_HISTORY, get_object=_case)
def case_history(request, pk: int, obj: Case):
    docs = {str(d.pk): d for d in obj.documents.all()}
    entries = AuditEntry.objects.filter(
        Q(model_label=Case._meta.label, object_pk=str(obj.pk))
        | Q(model_label=Document._meta.label, object_pk__in=list(docs))
    ).select_related("user").order_by("when", "pk")
    rows = []
    for entry in entries:
        model = Case if entry.model_label == Case._meta.label else Document
        doc = docs.get(entry.object_pk) if model is Document else None
        hidden = doc is not None and not can(request.user, Action.VIEW_SECRET_DOCUMENT, doc)
        what = "ärendet" if model is Case else (
            "en sekretessbelagd handling" if hidden else f"handlingen ”{doc.title if doc else entry.object_repr}”"
        )
        changes = []
        if entry.action == "update" and not hidden:
            changes = [
                (_field_label(model, k), _value(model, k, v[0]), _value(model, k, v[1]))
                for k, v in entry.changes.items()
                if k not in ("sha256",)
            ]
        who = entry.user.get_full_name() if entry.user else ""
        rows.append({
            "entry": entry,
            "who": who or entry.username or "systemet",
            "username": entry.username,
            "verb": ACTION_WORDS.get(entry.action, entry.action),
            "what": what,
            "changes": changes,
        })
    return render(request, "workspace/case_history.html", {"case": obj, "rows": rows})
