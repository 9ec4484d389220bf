"""The two full-text backends behind one interface: PostgreSQL (``swedish`` tsvector, GIN index,
``websearch_to_tsquery``, ts_rank, ts_headline) and SQLite (FTS5 over Snowball stems, bm25,
snippets made in Python). :mod:`kansli.search.engine` uses only this interface.

A search string reaches the database only as a bound parameter: on PostgreSQL as the argument
of ``websearch_to_tsquery`` (which accepts any text), on SQLite as an FTS5 expression built by
:meth:`kansli.search.text.Query.fts5` from stems (letters and digits) in double quotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Count, F, QuerySet, Window
from django.db.models.expressions import RawSQL

from . import text as T
from .models import SearchEntry

#: Weights of the title (with diarienummer) and of the text.
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0


class Backend:
    vendor = ""

    def write(self, entries: Sequence[SearchEntry]) -> None:
        """Bring the full-text index up to date for ``entries`` (already saved)."""

    def delete(self, ids: Iterable[int]) -> None:
        """Forget entries about to be deleted."""

    def clear(self) -> None:
        """Forget every entry."""

    def match(
        self, query: T.Query, entries: QuerySet[SearchEntry], offset: int, limit: int
    ) -> tuple[int, list[int]]:
        """(number of matching entries, ids of the page in rank order) among ``entries``."""
        raise NotImplementedError

    def snippets(self, query: T.Query, ids: Sequence[int]) -> dict[int, str]:
        """Escaped HTML passages of the entries' texts with the hits in ``<mark>``."""
        wanted = query.highlight_stems
        return {
            pk: T.snippet(text, wanted)
            for pk, text in SearchEntry.objects.filter(pk__in=ids).values_list("pk", "text")
        }


def _filtered(entries: QuerySet[SearchEntry]) -> bool:
    return bool(entries.query.where)


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def write(self, entries: Sequence[SearchEntry]) -> None:
        if not entries:
            return
        rows = [
            (e.pk, T.index_text(f"{e.title} {e.reference}"), T.index_text(e.text)) for e in entries
        ]
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany("INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)", rows)

    def delete(self, ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def match(
        self, query: T.Query, entries: QuerySet[SearchEntry], offset: int, limit: int
    ) -> tuple[int, list[int]]:
        where = ["search_fts MATCH %s"]
        params: list[object] = [query.fts5()]
        if _filtered(entries):
            sub, sub_params = entries.order_by().values("id").query.sql_with_params()
            where.append(f"e.id IN ({sub})")
            params += list(sub_params)
        sql_from = (
            "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid WHERE "
            + " AND ".join(where)
        )
        with connection.cursor() as cursor:
            # One pass: the page in rank order, and the number of all hits alongside.
            cursor.execute(
                "WITH hits AS MATERIALIZED ("
                f"SELECT e.id AS id, e.date AS date, bm25(search_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS score "
                f"{sql_from}) "
                "SELECT id, count(*) OVER () FROM hits ORDER BY score, date DESC, id DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
            if rows:
                return rows[0][1], [row[0] for row in rows]
            cursor.execute(f"SELECT count(*) {sql_from}", params)  # a page past the end
            return cursor.fetchone()[0], []


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
    def _vector():
        from django.contrib.postgres.search import SearchVectorField

        return RawSQL('"search_searchentry"."search_vector"', [], output_field=SearchVectorField())

    def match(
        self, query: T.Query, entries: QuerySet[SearchEntry], offset: int, limit: int
    ) -> tuple[int, list[int]]:
        from django.contrib.postgres.search import SearchRank

        tsquery = self._query(query)
        matching = entries.annotate(vector=self._vector()).filter(vector=tsquery)
        ranked = matching.annotate(
            rank=SearchRank(self._vector(), tsquery, weights=[0.0, 0.0, TEXT_WEIGHT / TITLE_WEIGHT, 1.0], normalization=1),
            total=Window(Count("pk")),  # one pass: the number of all hits alongside the page
        ).order_by("-rank", F("date").desc(nulls_last=True), "-pk")
        rows = list(ranked.values_list("pk", "total")[offset : offset + limit])
        if rows:
            return rows[0][1], [pk for pk, _ in rows]
        return matching.count(), []  # a page past the end

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
