"""Public full-text search: ``search(query, filters, page) -> Results``, the same on PostgreSQL
and SQLite (see :mod:`kansli.search.backends` for how each database does it).

A search with words shows at most :data:`HIT_LIMIT` hits: all of them when there are no more,
else the newest :data:`HIT_LIMIT` (and the page says that there are more). Either way they are
ordered by relevance (title and diarienummer weigh more than the text), equally relevant ones
newest first. The limit keeps the time of a search bounded by it rather than by the size of the
archive: ranking every one of 100 000 hits for the word "budget" costs far more than the page
is worth, and nobody reads beyond the first pages; filters (body, year, person) and more words
find the older hits. Snippets are made for the shown page only.

A search with filters only lists the entries that pass them, newest first, all of them counted.

The index holds public content only (:mod:`kansli.search.index`), so nothing here needs to
check secrecy again; every hit still links only to public pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from . import backends
from . import text as T
from .models import ActorRole, EntryKind, SearchActor, SearchEntry

PER_PAGE = 20
#: Pages beyond this are not served (deep paging costs and nobody reads it).
MAX_PAGE = 500
#: A search with words shows at most this many hits: the newest ones, in order of relevance.
HIT_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    body: int | None = None
    year: int | None = None
    kind: str | None = None
    person: str = ""
    party: str = ""
    role: str = ""  # "", ActorRole.MOVED or ActorRole.DISSENTED

    @property
    def by_actor(self) -> bool:
        return bool(self.person.strip() or self.party.strip())

    @property
    def any(self) -> bool:
        return bool(self.body or self.year or self.kind or self.by_actor)


@dataclass
class Hit:
    kind: str
    kind_label: str
    title_html: SafeString
    snippet_html: SafeString
    url: str
    meeting_url: str
    extract_url: str
    case_url: str
    body_name: str
    date: dt.date | None
    reference: str
    number: int | None
    year: int | None


@dataclass
class Results:
    query: T.Query
    filters: Filters
    page: int
    total: int = 0
    #: More entries matched than :data:`HIT_LIMIT`; ``total`` is then the limit.
    more: bool = False
    hits: list[Hit] = field(default_factory=list)
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, (self.total + self.per_page - 1) // self.per_page)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.hits) - 1

    @property
    def searched(self) -> bool:
        return not self.query.empty or self.filters.any

    @property
    def total_text(self) -> str:
        """The number of hits as the page writes it ("1 234", a no-break space between thousands)."""
        return _number(self.total)


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def _entries(filters: Filters) -> QuerySet[SearchEntry]:
    entries = SearchEntry.objects.all()
    if filters.body:
        entries = entries.filter(body_id=filters.body)
    if filters.year:
        entries = entries.filter(year=filters.year)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.by_actor:
        actors = SearchActor.objects.all()
        if filters.person.strip():
            actors = actors.filter(folded__contains=filters.person.strip().casefold())
        if filters.party.strip():
            actors = actors.filter(party=filters.party.strip())
        if filters.role in ActorRole.values:
            actors = actors.filter(role=filters.role)
        entries = backends.current().acted_in(entries, actors)
    return entries


def _url(name: str, *args: object) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _hit(entry: SearchEntry, query: T.Query, snippet: str) -> Hit:
    meeting_url = extract_url = ""
    if entry.meeting_id:
        meeting_url = _url("meeting", entry.meeting_id)
        if entry.number:
            meeting_url += f"#p{entry.number}"
            extract_url = _url("extract-html", entry.meeting_id, entry.number)
    case_url = _url("case", entry.case_id) if entry.case_id else ""
    if entry.kind == EntryKind.PARAGRAPH:
        url = extract_url or meeting_url
    elif entry.kind == EntryKind.DOCUMENT:
        url = _url("case-document", entry.case_id, entry.object_id) or case_url or meeting_url
    else:
        url = case_url or meeting_url
    title = entry.title or entry.reference or entry.get_kind_display().capitalize()
    return Hit(
        kind=entry.kind,
        kind_label=entry.get_kind_display(),
        title_html=mark_safe(T.highlight_all(title, query.highlight_stems)),  # noqa: S308 - escaped
        snippet_html=mark_safe(snippet),  # noqa: S308 - escaped by kansli.search.text
        url=url,
        meeting_url=meeting_url,
        extract_url=extract_url,
        case_url=case_url,
        body_name=entry.body.name if entry.body_id and entry.body else "",
        date=entry.date,
        reference=entry.reference,
        number=entry.number,
        year=entry.year,
    )


def search(query: str | T.Query | None, filters: Filters | None = None, page: int = 1) -> Results:
    """Search the public index. Never raises on any search string: it is read as words
    (:func:`kansli.search.text.parse_query`); an empty one with filters lists the newest entries
    that pass the filters; an empty one without filters finds nothing."""
    parsed = query if isinstance(query, T.Query) else T.parse_query(query)
    filters = filters or Filters()
    page = max(1, min(int(page or 1), MAX_PAGE))
    results = Results(query=parsed, filters=filters, page=page)
    if not results.searched:
        return results
    entries = _entries(filters)
    if parsed.empty:
        results.total = entries.count()
        results.page = page = min(page, max(1, results.pages))  # past the end (an old link): the last
        offset = (page - 1) * PER_PAGE
        ids = list(entries.order_by("-date", "-pk").values_list("pk", flat=True)[offset : offset + PER_PAGE])
    else:
        ranked, results.more = backends.current().match(parsed, entries, HIT_LIMIT)
        results.total = len(ranked)
        results.page = page = min(page, max(1, results.pages))
        offset = (page - 1) * PER_PAGE
        ids = ranked[offset : offset + PER_PAGE]
    rows = SearchEntry.objects.select_related("body").in_bulk(ids)
    if parsed.empty:
        snippets = {pk: T.snippet(rows[pk].text, frozenset()) for pk in ids}
    else:
        snippets = backends.current().snippets(parsed, ids)
    results.hits = [_hit(rows[pk], parsed, snippets.get(pk, "")) for pk in ids if pk in rows]
    return results
