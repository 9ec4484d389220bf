"""The public anslagstavla: current notices, the archive, one notice. No sign-in.

Which notices are on the board is a query on today's date (see :class:`NoticeQuerySet`).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Notice

ARCHIVE_PAGE_SIZE = 25


def _notices():
    return Notice.objects.select_related("municipality", "body", "meeting")


def board(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    notices = _notices().current(today)
    return render(request, "noticeboard/board.html", {"notices": notices, "today": today})


def archive(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    archived = _notices().archived(today)
    years = list(
        archived.annotate(year=ExtractYear("posted")).order_by("-year").values_list("year", flat=True).distinct()
    )
    asked = request.GET.get("ar", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (years[0] if years else today.year)
    page = Paginator(archived.filter(posted__year=year), ARCHIVE_PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(
        request,
        "noticeboard/archive.html",
        {"page": page, "notices": page.object_list, "year": year, "years": years, "today": today},
    )


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    notice = get_object_or_404(_notices().published(today), pk=pk)
    return render(
        request,
        "noticeboard/notice.html",
        {"notice": notice, "current": notice.is_current(today), "today": today},
    )
