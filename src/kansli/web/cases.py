"""Public case pages: every case that is not secret, with its public documents and the
paragraphs and agendas it appeared on.

The diarium is public (allmänna handlingar, TF 2 kap.); secrecy is decided per case and per
document, and :mod:`kansli.publishing.public` is asked before anything is shown.
"""

from __future__ import annotations

import posixpath

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kansli.cases.models import Case, Document
from kansli.meetings.models import MeetingStatus, Paragraph
from kansli.organisation.models import Body
from kansli.publishing.public import (
    is_public_case,
    is_public_document,
    is_public_meeting,
    public_text,
)

CASES_PER_PAGE = 50
#: Served in the browser; everything else is a download. Never served as HTML.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def case_list(request: HttpRequest) -> HttpResponse:
    cases = Case.objects.filter(secret=False).select_related("series__body").order_by("-year", "-sequence")
    body_id = request.GET.get("organ", "")
    body = Body.objects.filter(pk=int(body_id)).first() if body_id.isdigit() else None
    if body is not None:
        cases = cases.filter(series__body=body)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        cases = cases.filter(Q(title__icontains=query) | Q(case_number__icontains=query))
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("sida"))
    for case in page:
        case.public_title = public_text(case.title, obj=case, field="title")
    params = request.GET.copy()
    params.pop("sida", None)
    return render(request, "web/case_list.html", {
        "page": page,
        "bodies": Body.objects.order_by("name"),
        "body": body,
        "query": query,
        "params": params.urlencode(),
    })


def _public_case(pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("series__body__municipality"), pk=pk)
    if not is_public_case(case):
        raise Http404("Ärendet finns inte.")
    return case


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _public_case(pk)
    documents = [d for d in case.documents.select_related("case").order_by("created", "pk") if is_public_document(d)]
    withheld = case.documents.count() - len(documents)
    # Imported protokoll name the case by its number only, without a link to the record.
    decided = Paragraph.objects.filter(
        Q(case=case) | Q(case__isnull=True, case_number=case.case_number, body=case.series.body),
        meeting__status=MeetingStatus.ADJUSTED, secret=False,
    )
    paragraphs = [
        p for p in decided.select_related("meeting__body").order_by("meeting__date", "number")
        if is_public_meeting(p.meeting)
    ]
    agenda = case.agenda_items.exclude(meeting__status=MeetingStatus.PLANNED).select_related("meeting__body")
    return render(request, "web/case_detail.html", {
        "case": case,
        "title": public_text(case.title, obj=case, field="title"),
        "documents": documents,
        "withheld": withheld,
        "paragraphs": paragraphs,
        "agenda_items": agenda.order_by("meeting__date"),
    })


def document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    case = _public_case(pk)
    document = get_object_or_404(Document.objects.select_related("case"), pk=doc_pk, case=case)
    if not is_public_document(document):
        raise Http404("Handlingen finns inte.")
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Filen saknas.") from None
    content_type = document.content_type if document.content_type in INLINE_TYPES else "application/octet-stream"
    response = FileResponse(
        handle, content_type=content_type, as_attachment=content_type not in INLINE_TYPES,
        filename=posixpath.basename(document.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
