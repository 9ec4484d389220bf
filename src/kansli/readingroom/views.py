"""The reading room (läsrummet), the kallelse sending, and övriga frågor at a §."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kansli.cases.models import Document
from kansli.meetings.locking import MeetingLocked, is_locked
from kansli.meetings.models import Meeting, Paragraph, Question
from kansli.workspace.permissions import Action, action_required, can, check
from kansli.workspace.views import serve_document

from . import services
from .forms import HighlightForm, NoteForm, QuestionForm
from .models import DeliveryChannel, DocumentNote, Highlight, KallelseDelivery


def _meeting(request, pk: int, **kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body__municipality", "secretary", "chair"), pk=pk)


@action_required(Action.READ_MEETING_PACK)
def index(request):
    meetings = Meeting.objects.select_related("body").order_by("-date", "-pk")
    return render(request, "readingroom/index.html", {"meetings": meetings})


@action_required(Action.READ_MEETING_PACK, get_object=_meeting)
def meeting(request, pk: int, obj: Meeting):
    items, since = services.pack(obj, request.user)
    rows = []
    for entry in items:
        docs = [(doc, mark, can(request.user, Action.VIEW_SECRET_DOCUMENT, doc)) for doc, mark in entry.documents]
        rows.append((entry, docs))
    return render(request, "readingroom/meeting.html", {
        "meeting": obj, "rows": rows, "since": since,
        "may_send": can(request.user, Action.PLAN_MEETING),
        "may_record": can(request.user, Action.DRAFT_MINUTES),
    })


def _document(request, pk: int, doc_pk: int) -> tuple[Meeting, Document] | object:
    """(meeting, document) when the reader may open it; otherwise the response to return."""
    denied = check(request, Action.READ_MEETING_PACK)
    if denied is not None:
        return denied
    meeting_obj = _meeting(request, pk)
    doc = services.meeting_documents(meeting_obj).filter(pk=doc_pk).select_related("case").first()
    if doc is None:
        raise Http404("Handlingen hör inte till det här sammanträdet.")
    denied = check(request, Action.VIEW_SECRET_DOCUMENT, doc)
    if denied is not None:
        return denied
    return meeting_obj, doc


def _document_page(request, meeting_obj, doc, note_form=None, highlight_form=None, status=200):
    return render(request, "readingroom/document.html", {
        "meeting": meeting_obj, "doc": doc,
        "notes": DocumentNote.objects.filter(user=request.user, document=doc),
        "highlights": Highlight.objects.filter(user=request.user, document=doc),
        "note_form": note_form or NoteForm(), "highlight_form": highlight_form or HighlightForm(),
        "inline": doc.content_type == "application/pdf",
    }, status=status)


def document(request, pk: int, doc_pk: int):
    found = _document(request, pk, doc_pk)
    if not isinstance(found, tuple):
        return found
    return _document_page(request, *found)


def document_file(request, pk: int, doc_pk: int):
    """The file itself (PDF inline); opening a secret one is logged like in the workspace."""
    found = _document(request, pk, doc_pk)
    if not isinstance(found, tuple):
        return found
    return serve_document(request, found[1])


@require_POST
def note_add(request, pk: int, doc_pk: int):
    found = _document(request, pk, doc_pk)
    if not isinstance(found, tuple):
        return found
    meeting_obj, doc = found
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _document_page(request, meeting_obj, doc, note_form=form, status=400)
    DocumentNote.objects.create(user=request.user, document=doc, text=form.cleaned_data["text"])
    messages.success(request, "Anteckningen är sparad. Bara du kan se den.")
    return redirect("readingroom:document", pk=pk, doc_pk=doc_pk)


@require_POST
def highlight_add(request, pk: int, doc_pk: int):
    found = _document(request, pk, doc_pk)
    if not isinstance(found, tuple):
        return found
    meeting_obj, doc = found
    form = HighlightForm(request.POST)
    if not form.is_valid():
        return _document_page(request, meeting_obj, doc, highlight_form=form, status=400)
    highlight = form.save(commit=False)
    highlight.user, highlight.document = request.user, doc
    highlight.save()
    messages.success(request, "Markeringen är sparad.")
    return redirect("readingroom:document", pk=pk, doc_pk=doc_pk)


@require_POST
def note_delete(request, pk: int, doc_pk: int, note_pk: int):
    found = _document(request, pk, doc_pk)
    if not isinstance(found, tuple):
        return found
    get_object_or_404(DocumentNote, pk=note_pk, user=request.user, document=found[1]).delete()
    messages.success(request, "Anteckningen är borttagen.")
    return redirect("readingroom:document", pk=pk, doc_pk=doc_pk)


# --- kallelse ---------------------------------------------------------------------------------


@action_required(Action.PLAN_MEETING, get_object=_meeting)
def kallelse(request, pk: int, obj: Meeting):
    """GET: who has been sent the kallelse; POST: send it to everyone not yet reached."""
    if request.method == "POST":
        try:
            result = services.send_kallelse(
                obj, base_url=request.build_absolute_uri("/"), sent_by=request.user.get_username()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Kallelsen är skickad med e-post till {len(result.emailed)} personer.")
            if result.without_email:
                messages.warning(request, "Saknar e-postadress och måste kallas på annat sätt: "
                                 + ", ".join(d.name for d in result.without_email) + ".")
            for d in result.failed:
                messages.error(request, f"{d.name}: {d.note}")
        return redirect("readingroom:kallelse", pk=obj.pk)
    deliveries = KallelseDelivery.objects.filter(meeting=obj)
    return render(request, "readingroom/kallelse.html", {
        "meeting": obj,
        "deliveries": deliveries,
        "missing": deliveries.exclude(channel=DeliveryChannel.EMAIL),
        "recipients": services.recipients(obj),
    })


# --- övriga frågor and information at a § -----------------------------------------------------


def _paragraph(request, pk: int, **kwargs) -> Paragraph:
    return get_object_or_404(Paragraph.objects.select_related("meeting__body"), pk=pk)


@action_required(Action.DRAFT_MINUTES, get_object=_paragraph)
def questions(request, pk: int, obj: Paragraph):
    locked = is_locked(obj)
    form = QuestionForm()
    status = 200
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if locked:
            messages.error(request, "Paragrafen är justerad och kan inte ändras; frågan sparades inte.")
            return redirect("readingroom:questions", pk=obj.pk)
        if form.is_valid():
            try:
                with transaction.atomic():
                    question = form.save(commit=False)
                    question.paragraph = obj
                    question.order = obj.questions.count()
                    question.save()
            except MeetingLocked as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"Sparat i § {obj.number}.")
            return redirect("readingroom:questions", pk=obj.pk)
        status = 400
    return render(request, "readingroom/questions.html", {
        "paragraph": obj, "form": form, "locked": locked,
        "questions": Question.objects.filter(paragraph=obj),
    }, status=status)
