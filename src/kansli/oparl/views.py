"""The OParl 1.1 endpoint: the System object, the Body lists and every object at its own URL.

Read-only, stateless (no cookies), JSON in UTF-8 with ``Access-Control-Allow-Origin: *``
(OParl 2.6). Lists are paged (``page``, ``limit``; ``links.next`` on every page but the last)
and take the filters ``created_since``, ``created_until``, ``modified_since``,
``modified_until`` (OParl 2.5) and ``omit_internal``; with ``modified_since`` the deleted
objects are listed too. Errors are OParl error objects (OParl 2.9) with a Swedish message and
an English ``debug`` text — never a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse

from .models import Stamp
from .serialize import OPARL, Serializer
from .tracking import KINDS, Context, refresh, stamp_for

log = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
TIME_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
#: Canonical order of the query parameters in the links (OParl 2.3: one spelling per URL).
PARAM_ORDER = (*TIME_FILTERS, "omit_internal", "limit", "page")

#: The external lists of a Body (OParl names) and the kinds each holds.
BODY_LISTS: dict[str, tuple[str, ...]] = {
    "organization": ("organization", "party"),
    "person": ("person",),
    "meeting": ("meeting",),
    "paper": ("paper",),
    "agendaItem": ("agendaitem", "paragraph"),
    "consultation": ("agendaitem-consultation", "paragraph-consultation"),
    "file": ("document", "minutes", "invitation", "extract"),
    "locationList": ("location",),
    "legislativeTermList": ("term",),
    "membership": ("membership",),
}

EXAMPLE_TIME = "2026-01-31T08:00:00+01:00"


class OParlError(Exception):
    def __init__(self, status: int, message: str, debug: str):
        super().__init__(message)
        self.status, self.message, self.debug = status, message, debug


def json_response(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/json; charset=utf-8"
    return response


def error_response(status: int, message: str, debug: str) -> JsonResponse:
    return json_response({"type": OPARL + "Error", "message": message, "debug": debug}, status=status)


def not_found(what: str = "Objektet") -> OParlError:
    return OParlError(
        404,
        f"{what} finns inte i Kanslis öppna data. Kontrollera adressen eller börja från {{system}}.",
        "Not found: no such OParl object or list.",
    )


def oparl_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only, CORS for everybody, and every failure as an OParl error object."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                raise OParlError(
                    405, "Gränssnittet kan bara läsas (GET).", f"Method {request.method} not allowed; use GET."
                )
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            else:
                response = view(request, *args, **kwargs)
        except OParlError as exc:
            message = exc.message.replace("{system}", request.build_absolute_uri("/oparl/"))
            response = error_response(exc.status, message, exc.debug)
            if exc.status == 405:
                response["Allow"] = "GET, HEAD, OPTIONS"
        except Exception:
            log.exception("OParl request failed: %s", request.get_full_path())
            response = error_response(
                500,
                "Ett internt fel inträffade. Försök igen senare; felet är loggat.",
                "Internal error; logged on the server.",
            )
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


# --- parameters ----------------------------------------------------------------------------------------


def parse_time(name: str, value: str) -> dt.datetime:
    """A full date-time with time zone (OParl 2.4); a ``+`` left unencoded arrives as a space."""
    text = re.sub(r" (\d\d:?\d\d)$", r"+\1", value.strip())
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or "T" not in text.upper():
        raise OParlError(
            400,
            f"Ogiltigt värde för {name}: ”{value[:60]}”. Ange datum och klockslag med tidszon, "
            f"t.ex. {EXAMPLE_TIME} (skriv + som %2B i adressen).",
            f"Invalid {name}: expected an ISO 8601 date-time with time zone, e.g. {EXAMPLE_TIME}.",
        )
    return moment


def parse_int(name: str, value: str | None, default: int, low: int, high: int | None = None) -> int:
    if value is None or value == "":
        return default
    if not value.isdigit() or int(value) < low or (high is not None and int(value) > high):
        bound = f"{low}–{high}" if high is not None else f"minst {low}"
        raise OParlError(
            400,
            f"Ogiltigt värde för {name}: ”{value[:30]}”. Ange ett heltal ({bound}).",
            f"Invalid {name}: expected an integer "
            + (f"between {low} and {high}." if high is not None else f"of at least {low}."),
        )
    return int(value)


class ListQuery:
    def __init__(self, request: HttpRequest):
        get = request.GET
        self.times = {name: parse_time(name, get[name]) for name in TIME_FILTERS if name in get}
        omit = get.get("omit_internal", "")
        if omit not in ("", "true", "false"):
            raise OParlError(
                400,
                f"Ogiltigt värde för omit_internal: ”{omit[:30]}”. Ange true eller false.",
                "Invalid omit_internal: expected true or false.",
            )
        self.omit_internal = omit == "true"
        self.limit = parse_int("limit", get.get("limit"), PAGE_SIZE, 1, MAX_PAGE_SIZE)
        self.page = parse_int("page", get.get("page"), 1, 1)
        self.raw = {name: get[name] for name in PARAM_ORDER if name in get and get[name] != ""}

    def apply(self, stamps: QuerySet) -> QuerySet:
        t = self.times
        if "created_since" in t:
            stamps = stamps.filter(created__gte=t["created_since"])
        if "created_until" in t:
            stamps = stamps.filter(created__lte=t["created_until"])
        if "modified_since" in t:
            stamps = stamps.filter(modified__gte=t["modified_since"])
        else:
            stamps = stamps.filter(deleted=False)  # OParl 2.5: deleted objects only for modified_since
        if "modified_until" in t:
            stamps = stamps.filter(modified__lte=t["modified_until"])
        return stamps

    def link(self, request: HttpRequest, page: int) -> str:
        params = {**self.raw, "page": str(page)}
        if page == 1:
            params.pop("page")
        query = urlencode([(k, params[k]) for k in PARAM_ORDER if k in params])
        return request.build_absolute_uri(request.path) + (f"?{query}" if query else "")


def object_list(
    request: HttpRequest, kinds: tuple[str, ...], *, municipality: int | None = None, group: int | None = None,
    web: str | None = None,
) -> HttpResponse:
    query = ListQuery(request)
    ctx = Context()
    refresh(kinds, ctx)
    stamps = Stamp.objects.filter(kind__in=kinds, published=True)
    if municipality is not None:
        stamps = stamps.filter(municipality_id=municipality)
    if group is not None:
        stamps = stamps.filter(group=group)
    stamps = query.apply(stamps).order_by("pk")
    total = stamps.count()
    pages = max(1, math.ceil(total / query.limit))
    start = (query.page - 1) * query.limit
    page_stamps = list(stamps[start:start + query.limit]) if query.page <= pages else []
    serializer = Serializer(request, ctx, omit_internal=query.omit_internal)
    serializer.prime(page_stamps)
    for kind in kinds:
        serializer.prefetch_rows(kind, [s.key for s in page_stamps if s.kind == kind])
    meetings = [s.key for s in page_stamps if s.kind == "meeting"]
    if meetings:
        serializer.prefetch(("minutes", "invitation"), meetings)  # their embedded files
    with_deleted = "modified_since" in query.times
    data = [serializer.render(s.kind, s.key, s) for s in page_stamps]
    data = [d for d in data if with_deleted or not d.get("deleted")]
    links = {
        "first": query.link(request, 1),
        "self": query.link(request, query.page),
        "last": query.link(request, pages),
    }
    if query.page > 1:
        links["prev"] = query.link(request, min(query.page - 1, pages))
    if query.page < pages:
        links["next"] = query.link(request, query.page + 1)
    if web:
        links["web"] = web
    return json_response({
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": query.limit,
            "currentPage": query.page,
            "totalPages": pages,
        },
        "links": links,
    })


# --- views ---------------------------------------------------------------------------------------------


@oparl_view
def system(request: HttpRequest) -> HttpResponse:
    refresh(["body"])
    return json_response(Serializer(request).system())


@oparl_view
def body_list(request: HttpRequest) -> HttpResponse:
    return object_list(request, ("body",))


def _municipality(pk: int) -> int:
    from kansli.organisation.models import Municipality

    if not Municipality.objects.filter(pk=pk).exists():
        raise not_found("Kommunen (Body)")
    return pk


def body_sublist(what: str) -> Callable[..., HttpResponse]:
    kinds = BODY_LISTS[what]

    @oparl_view
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return object_list(request, kinds, municipality=_municipality(pk))

    view.__name__ = f"body_{what}"
    return view


def organization_sublist(kinds: tuple[str, ...]) -> Callable[..., HttpResponse]:
    @oparl_view
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        from kansli.organisation.models import Body

        if not Body.objects.filter(pk=pk).exists():
            raise not_found("Organet (Organization)")
        return object_list(request, kinds, group=pk)

    return view


def detail(kind: str) -> Callable[..., HttpResponse]:
    if kind not in KINDS:
        raise ValueError(kind)

    @oparl_view
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        ctx = Context()
        stamp = stamp_for(kind, pk, ctx)
        if stamp is None or not stamp.published:
            raise not_found()
        return json_response(Serializer(request, ctx).render(kind, pk, stamp))

    view.__name__ = f"{kind}_detail"
    return view


@oparl_view
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise OParlError(
        404,
        "Adressen finns inte i Kanslis öppna data (OParl). Börja från {system}.",
        f"No OParl resource at {request.path}.",
    )
