"""The public search page /sok/: a GET form, ranked hits with highlighted passages, paging."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .engine import search
from .forms import SearchForm
from .text import MAX_QUERY_LENGTH


def _page_url(params: QueryDict, page: int) -> str:
    query = params.copy()
    query["sida"] = str(page)
    return "?" + query.urlencode()


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if request.GET:
        data = form.valid_data()
        results = search(data.get("q") or "", form.filters(), data.get("sida") or 1)
    pages = []
    if results is not None and results.pages > 1:
        window = range(max(1, results.page - 4), min(results.pages, results.page + 4) + 1)
        pages = [(n, _page_url(request.GET, n)) for n in window]
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "results": results,
            "pages": pages,
            "previous_url": _page_url(request.GET, results.page - 1) if results and results.has_previous else "",
            "next_url": _page_url(request.GET, results.page + 1) if results and results.has_next else "",
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
