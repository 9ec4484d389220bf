"""The two full-text backends behind one interface: PostgreSQL (``swedish`` tsvector, GIN index,
``phraseto_tsquery``, ts_rank, ts_headline) and SQLite (FTS5 over Snowball stems, bm25,
snippets made in Python). :mod:`kansli.search.engine` uses only this interface.

Both find the newest hits of a search first and rank only those (``match``), so that a word in
every third entry costs about as much as a rare one:

* SQLite: the FTS5 rowid of an entry is its date's day number above its id (:func:`fts_key`),
  so FTS5 returns the matching rows newest first straight from its index and stops at the limit.
* PostgreSQL: each tsvector also holds a lexeme for the entry's month, and the GIN index is asked
  for the words in the newest month, then in the three before, and so on (``MONTH_SLICES``),
  until enough hits are found. Rows are read only for those hits; ts_rank reads their tsvectors.

Snippets (ts_headline, or :func:`kansli.search.text.snippet` on SQLite) are made for the shown
page only.

A search string reaches the database only as bound parameters: on PostgreSQL as the arguments
of ``phraseto_tsquery`` (which accepts any text), on SQLite as an FTS5 expression built by
:meth:`kansli.search.text.Query.fts5` from stems (letters and digits) in double quotes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import BooleanField, F, Max, QuerySet
from django.db.models.expressions import RawSQL

from . import text as T
from .models import SearchActor, SearchEntry

#: Weights of the title (with diarienummer) and of the text.
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0
#: PostgreSQL: the months (counted back from the newest entry's month) searched one slice after
#: the other for the newest hits, until enough are found; then all older entries.
MONTH_SLICES = (1, 4, 16, 64)
#: The lexeme of an entry's month in its tsvector (migration 0003): "§" and year * 100 + month.
#: The parser never makes a lexeme with "§" out of a search string, so no search matches it.
MONTH_LEXEME = "§{:06d}"
#: PostgreSQL: filters that the planner expects to leave at most this many entries are applied
#: before the words (their indexes and the GIN index together), not month by month.
FILTER_FIRST = 20_000
#: PostgreSQL: a filter by person or party is passed as a list of entry ids up to this many.
ACTOR_IDS = 10_000


class Backend:
    vendor = ""

    def write(self, entries: Sequence[SearchEntry]) -> None:
        """Bring the full-text index up to date for ``entries`` (already saved)."""

    def delete(self, ids: Iterable[int]) -> None:
        """Forget entries about to be deleted."""

    def clear(self) -> None:
        """Forget every entry."""

    def match(self, query: T.Query, entries: QuerySet[SearchEntry], limit: int) -> tuple[list[int], bool]:
        """The ids of the newest ``limit`` entries among ``entries`` that match ``query`` (newest:
        by date, then id), most relevant first and equally relevant ones newest first; and
        whether more entries match. The work grows with ``limit`` more than with the number of
        hits."""
        raise NotImplementedError

    def acted_in(self, entries: QuerySet[SearchEntry], actors: QuerySet[SearchActor]) -> QuerySet[SearchEntry]:
        """``entries`` in which one of ``actors`` moved or dissented."""
        return entries.filter(pk__in=actors.values("entry_id"))

    def snippets(self, query: T.Query, ids: Sequence[int]) -> dict[int, str]:
        """Escaped HTML passages of the entries' texts with the hits in ``<mark>``."""
        wanted = query.highlight_stems
        return {
            pk: T.snippet(text, wanted)
            for pk, text in SearchEntry.objects.filter(pk__in=ids).values_list("pk", "text")
        }


def _filtered(entries: QuerySet[SearchEntry]) -> bool:
    return bool(entries.query.where)


def _ranked(rows: list[tuple[int, float]], limit: int, better_first: bool) -> tuple[list[int], bool]:
    """``rows`` of (id, score), newest first and at most ``limit`` + 1 of them, as the ids of the
    first ``limit`` in order of score (a stable sort: equal scores stay newest first), and
    whether there was one more."""
    more = len(rows) > limit
    ordered = sorted(rows[:limit], key=lambda row: row[1], reverse=better_first)
    return [pk for pk, _ in ordered], more


#: On SQLite an entry's row in ``search_fts`` has the rowid ``fts_key(date, id)``: the date's
#: day number above the 32 bits of the id, so that FTS5 walks a term's entries newest first
#: (``ORDER BY rowid DESC``) straight from its index. Triggers made by migration 0003 move the
#: row when the entry's date changes and delete it with the entry.
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
#: SQLite's julianday() of a date, as an integer, is its Python ordinal plus this.
_JULIAN_OFFSET = 1_721_424


def fts_key(date: dt.date | str | None, pk: int) -> int:
    """The ``search_fts`` rowid of the entry ``pk`` dated ``date`` (in SQL: :func:`fts_key_sql`)."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    day = date.toordinal() + _JULIAN_OFFSET if date else 0
    return (day << ID_BITS) | pk


def fts_key_sql(table: str) -> str:
    """:func:`fts_key` in SQLite's SQL, of the row ``table`` (a name, NEW or OLD)."""
    return f"((coalesce(CAST(julianday({table}.date) AS INTEGER), 0) << {ID_BITS}) | {table}.id)"


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def write(self, entries: Sequence[SearchEntry]) -> None:
        if not entries:
            return
        rows = [
            (fts_key(e.date, e.pk), T.index_text(f"{e.title} {e.reference}"), T.index_text(e.text))
            for e in entries
        ]
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)", rows)

    def delete(self, ids: Iterable[int]) -> None:
        rows = SearchEntry.objects.filter(pk__in=list(ids)).values_list("date", "pk")
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(fts_key(d, pk),) for d, pk in rows])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def match(self, query: T.Query, entries: QuerySet[SearchEntry], limit: int) -> tuple[list[int], bool]:
        # FTS5 walks the matching rows newest first (the rowid order) and stops after limit + 1;
        # bm25 is computed for those rows only. Filters are a set of ids, built once, that each
        # row is looked up in (an FTS5 lookup per filtered entry would cost far more).
        sql = (
            f"SELECT rowid, bm25(search_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) FROM search_fts "
            "WHERE search_fts MATCH %s"
        )
        params: list[object] = [query.fts5()]
        if _filtered(entries):
            sub, sub_params = entries.order_by().values("id").query.sql_with_params()
            sql += f" AND (search_fts.rowid & {ID_MASK}) IN ({sub})"
            params += list(sub_params)
        sql += " ORDER BY rowid DESC LIMIT %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit + 1])
            rows = [(key & ID_MASK, score) for key, score in cursor.fetchall()]
        return _ranked(rows, limit, better_first=False)  # bm25: the lower, the better


class PostgreSQLBackend(Backend):
    vendor = "postgresql"

    @staticmethod
    def _query(query: T.Query):
        """The tsquery of the read search string: its structure (AND, OR, NOT) from
        :func:`kansli.search.text.parse_query`, each phrase parsed and stemmed by PostgreSQL
        (``phraseto_tsquery``), every text a bound parameter."""
        from django.contrib.postgres.search import SearchQuery

        def phrase(p: T.Phrase) -> SearchQuery:
            return SearchQuery(p.raw, config="swedish", search_type="phrase")

        combined = None
        for clause in query.clauses:
            alternatives = phrase(clause[0])
            for p in clause[1:]:
                alternatives = alternatives | phrase(p)
            combined = alternatives if combined is None else combined & alternatives
        for p in query.excluded:
            combined = combined & ~phrase(p)
        return combined

    @staticmethod
    def _tsquery_sql(query: T.Query) -> tuple[str, list[str]]:
        """:meth:`_query` as SQL with bound parameters (the same ``phraseto_tsquery`` calls)."""

        def phrase(p: T.Phrase) -> str:
            params.append(p.raw)
            return "phraseto_tsquery('swedish'::regconfig, %s)"

        params: list[str] = []
        sql = " && ".join("(" + " || ".join(phrase(p) for p in clause) + ")" for clause in query.clauses)
        for p in query.excluded:
            sql += f" && !!{phrase(p)}"
        return f"({sql})", params

    def acted_in(self, entries: QuerySet[SearchEntry], actors: QuerySet[SearchActor]) -> QuerySet[SearchEntry]:
        # The actors are looked up once (for a person a scan of all names) and their entries
        # passed as one array: the search uses them several times (estimate, month slices), and
        # with an array the planner can combine the primary key's index with the GIN index.
        ids = list(actors.order_by().values_list("entry_id", flat=True).distinct()[: ACTOR_IDS + 1])
        if len(ids) > ACTOR_IDS:
            return super().acted_in(entries, actors)
        return entries.filter(
            RawSQL('"search_searchentry"."id" = ANY(%s::bigint[])', [ids], output_field=BooleanField())
        )

    @staticmethod
    def _rows(sql: str, params: Sequence[object]) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def match(self, query: T.Query, entries: QuerySet[SearchEntry], limit: int) -> tuple[list[int], bool]:
        tsquery, tsparams = self._tsquery_sql(query)
        vector = '"search_searchentry"."search_vector"'
        parts: list[str] = []
        params: list[object] = []

        def part(condition: str, condition_params: list[object]) -> None:
            sql, sql_params = (
                entries.filter(RawSQL(condition, condition_params, output_field=BooleanField()))
                .annotate(vector=RawSQL(vector, []))
                .order_by(F("date").desc(nulls_last=True), F("id").desc())
                .values_list("id", "date", "vector")[: limit + 1]
                .query.sql_with_params()
            )
            parts.append(f"({sql})")
            params.extend(sql_params)

        newest = SearchEntry.objects.aggregate(newest=Max("date"))["newest"]
        if newest is None or (_filtered(entries) and self._estimate(entries) <= FILTER_FIRST):
            # Few entries pass the filters: the GIN index and the filters' indexes together
            # name the hits among them.
            part(f"{vector} @@ {tsquery}", list(tsparams))
        else:
            # The newest hits, month slice after month slice. In a slice the GIN index finds the
            # entries that have both the words and one of the slice's month lexemes, so only the
            # hits of that slice are read from the table: a common word is done after a month or
            # a few, a rare one looks at every month and then at the older entries.
            month = newest.year * 12 + newest.month - 1
            start = 0
            for end in MONTH_SLICES:
                months = " | ".join(
                    "'" + MONTH_LEXEME.format((m // 12) * 100 + m % 12 + 1) + "'"
                    for m in range(month - end + 1, month - start + 1)
                )
                # Two conditions, not one tsquery: a search whose words all vanish (stop words)
                # must find nothing, not the whole month. The GIN index answers both in one scan.
                part(f"{vector} @@ {tsquery} AND {vector} @@ %s::tsquery", [*tsparams, months])
                start = end
            oldest = max(month - start + 1, 12)  # the first month of the slices (not before year 1)
            older = dt.date(oldest // 12, oldest % 12 + 1, 1)
            part(
                f'{vector} @@ {tsquery} AND ("search_searchentry"."date" < %s OR "search_searchentry"."date" IS NULL)',
                [*tsparams, older],
            )
        weights = "'{0, 0, %s, 1}'::real[]" % (TEXT_WEIGHT / TITLE_WEIGHT)
        with transaction.atomic():
            # Only through the indexes named above: never a sequential scan or a walk along
            # another index, which would read and test every row's tsvector; no JIT, which costs
            # more than these queries take; no parallel workers, so that the parts of the UNION
            # ALL run one after the other and the LIMIT stops them as soon as it is reached.
            # SET LOCAL lasts to the end of the outermost transaction, maybe a caller's: RESET.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL jit = off; "
                    "SET LOCAL max_parallel_workers_per_gather = 0"
                )
            # ts_rank reads the tsvector of the returned rows only.
            rows = self._rows(
                f"SELECT id, date, ts_rank({weights}, vector, {tsquery}, 1) "
                f"FROM ({' UNION ALL '.join(parts)}) hits LIMIT %s",
                [*tsparams, *params, limit + 1],
            )
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan; RESET enable_indexscan; RESET jit; RESET max_parallel_workers_per_gather")
        rows.sort(key=lambda row: (row[1] is not None, row[1] or dt.date.min, row[0]), reverse=True)  # newest first
        return _ranked([(pk, rank) for pk, _, rank in rows], limit, better_first=True)

    @staticmethod
    def _estimate(entries: QuerySet[SearchEntry]) -> float:
        """The planner's estimate of the number of ``entries`` (nothing is read)."""
        sql, params = entries.order_by().values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return float(plan[0]["Plan"]["Plan Rows"])

    def snippets(self, query: T.Query, ids: Sequence[int]) -> dict[int, str]:
        from django.contrib.postgres.search import SearchHeadline

        rows = SearchEntry.objects.filter(pk__in=ids).annotate(
            headline=SearchHeadline(
                "text",
                self._query(query),
                config="swedish",
                start_sel=T.HIT_START,
                stop_sel=T.HIT_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        return {pk: T.headline_html(h) for pk, h in rows.values_list("pk", "headline")}


_BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgreSQLBackend()}


def current() -> Backend:
    """The backend of the default database (a plain Backend, without full text, for others)."""
    return _BACKENDS.get(connection.vendor) or Backend()
