"""Public case pages: every case that is not secret, with its public documents and the
paragraphs and agendas it appeared on.

The diarium is public (allmänna handlingar, TF 2 kap.); secrecy is decided per case and per
document, and :mod:`kansli.publishing.public` is asked before anything is shown.
"""

from __future__ import annotations

import posixpath
import re

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
#: Shown by the browser's own viewer as they are. Every other type is served as stored too, but
#: with a sandbox policy, so that a document that is HTML or SVG runs no script on this site.
#: (Not PDF: browsers refuse to open their PDF viewer in a sandbox.)
VIEWER_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain", "text/csv"}
_MIME_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")


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


def served_content_type(stored: str) -> str:
    """The Content-Type a document is served with: its stored type when that is a plain media
    type (else ``application/octet-stream``); text as UTF-8, as it was read when screened."""
    kind = (stored or "").strip().lower()
    if not _MIME_TYPE.match(kind):
        return "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


def document_view(request: HttpRequest, pk: int, doc_pk: int, download: bool = False) -> FileResponse:
    """A public document with its own content type: to read (``inline``, OParl File.accessUrl),
    or with ``download`` as an attachment (File.downloadUrl). OParl 1.1 (2.7) forbids
    ``attachment`` on the address for reading, whatever the type."""
    case = _public_case(pk)
    document = get_object_or_404(Document.objects.select_related("case"), pk=doc_pk, case=case)
    if not is_public_document(document):
        raise Http404("Handlingen finns inte.")
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Filen saknas.") from None
    content_type = served_content_type(document.content_type)
    # The stored name is the uploaded one: it may hold a personnummer, as a title may.
    name = public_text(posixpath.basename(document.file.name), obj=document, field="file")
    response = FileResponse(handle, content_type=content_type, as_attachment=download, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    if content_type.split(";")[0] not in VIEWER_TYPES:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    return response
