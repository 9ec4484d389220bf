"""A search with words shows at most HIT_LIMIT hits, the newest, ranked; the backends find them
newest first (SQLite: FTS5 rowids ordered by date; PostgreSQL: month lexemes, month slices) and
make snippets for the shown page only. These tests run on SQLite and, with DATABASE_URL, on
PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from kansli.meetings.services import add_paragraph
from kansli.publishing.public import public_text
from kansli.search import backends, engine
from kansli.search.engine import PER_PAGE, Filters, Results, search
from kansli.search.models import EntryKind, SearchEntry
from kansli.search.text import Phrase, Query, parse_query

from .conftest import _meeting, publish

pytestmark = pytest.mark.django_db

#: From more than 64 months before the archive's newest entry (PostgreSQL: the part after the
#: month slices) to the newest months (the first slices).
DATES = [dt.date(2015, 5, 4), dt.date(2023, 6, 1), dt.date(2025, 11, 13), dt.date(2026, 1, 20), dt.date(2026, 2, 3)]


@pytest.fixture
def windbreaks(archive) -> dict[dt.date, int]:
    """One public paragraph about "vindskydd" per date; only the one of DATES[3] has the word in
    its title. Returns date -> paragraph number's search entry id."""
    ids = {}
    for day in DATES:
        meeting = _meeting(archive.bun, day, archive.people)
        titled = day == DATES[3]
        paragraph = add_paragraph(
            meeting,
            title="Vindskydd vid badplatsen" if titled else "Badplatser i kommunen",
            decision="Nämnden beslutar om vindskydd vid badplatserna.",
        )
        publish(meeting)
        ids[day] = SearchEntry.objects.get(kind=EntryKind.PARAGRAPH, object_id=paragraph.pk).pk
    return ids


def hit_ids(results: Results) -> list[int]:
    by_url = {}
    for entry in SearchEntry.objects.filter(kind=EntryKind.PARAGRAPH):
        by_url[f"/sammantraden/{entry.meeting_id}/utdrag/{entry.number}.html"] = entry.pk
    return [by_url[h.url] for h in results.hits]


def test_all_hits_ranked_when_within_the_limit(windbreaks):
    results = search("vindskydd")
    assert results.total == len(DATES) and not results.more
    # The title hit first, then the others newest first (equal relevance).
    expected = [windbreaks[DATES[3]], *(windbreaks[d] for d in sorted(DATES, reverse=True) if d != DATES[3])]
    assert hit_ids(results) == expected


def test_more_hits_than_the_limit_show_the_newest_ranked(windbreaks, monkeypatch):
    monkeypatch.setattr(engine, "HIT_LIMIT", 3)
    results = search("vindskydd")
    assert results.total == 3 and results.more and results.pages == 1
    # The three newest, the title hit among them first; the two oldest are not shown.
    assert hit_ids(results) == [windbreaks[DATES[3]], windbreaks[DATES[4]], windbreaks[DATES[2]]]
    monkeypatch.setattr(engine, "HIT_LIMIT", 1)
    results = search("vindskydd")
    assert hit_ids(results) == [windbreaks[DATES[4]]] and results.more
    # Filters find the older ones.
    old = search("vindskydd", Filters(year=2015))
    assert hit_ids(old) == [windbreaks[DATES[0]]] and not old.more


def test_the_page_says_there_are_more_hits(client, windbreaks, monkeypatch):
    monkeypatch.setattr(engine, "HIT_LIMIT", 3)
    html = client.get("/sok/", {"q": "vindskydd"}).content.decode()
    assert "Fler än 3 träffar på ”vindskydd”" in html
    assert "De 3 nyaste visas, de mest relevanta först" in html
    assert "avgränsa med organ, år eller typ" in html
    monkeypatch.setattr(engine, "HIT_LIMIT", 10)
    html = client.get("/sok/", {"q": "vindskydd"}).content.decode()
    assert "5 träffar på ”vindskydd”" in html and "Fler än" not in html


def test_numbers_are_written_with_a_space_between_thousands():
    assert Results(query=parse_query("x"), filters=Filters(), page=1, total=1000).total_text == "1\u00a0000"
    assert Results(query=parse_query("x"), filters=Filters(), page=1, total=20).total_text == "20"


def test_snippets_on_a_later_page_are_highlighted_escaped_and_masked(archive):
    pnr = "19811218-9876"
    masks = public_text(pnr) != pnr
    meeting = _meeting(archive.mn, dt.date(2026, 2, 20), archive.people)
    for i in range(PER_PAGE + 5):
        add_paragraph(
            meeting, title=f"Anmälan {i}",
            summary=f"Klagomål <b>nr {i}</b> om solcellsparken vid Norrby från {pnr}.",
        )
    publish(meeting)
    first, second = search("solcellsparken"), search("solcellsparken", page=2)
    assert first.total == second.total == PER_PAGE + 5
    assert len(second.hits) == 5 and second.page == 2
    assert not {h.url for h in first.hits} & {h.url for h in second.hits}
    for hit in second.hits:
        assert "<mark>solcellsparken</mark>" in hit.snippet_html
        # The text's markup is text (SQLite) or left out (PostgreSQL's ts_headline); never markup.
        assert "<" not in hit.snippet_html.replace("<mark>", "").replace("</mark>", "")
        if masks:
            assert "9876" not in hit.snippet_html


def test_a_changed_date_moves_the_entry_and_a_deleted_entry_is_gone(windbreaks, monkeypatch):
    monkeypatch.setattr(engine, "HIT_LIMIT", 1)
    oldest = windbreaks[DATES[0]]
    # Bulk updates and deletes bypass the index code: the database keeps the index in step.
    SearchEntry.objects.filter(pk=oldest).update(date=dt.date(2026, 2, 10))
    assert hit_ids(search("vindskydd")) == [oldest]
    SearchEntry.objects.filter(pk=oldest).delete()
    results = search("vindskydd")
    assert hit_ids(results) == [windbreaks[DATES[4]]] and results.more
    monkeypatch.setattr(engine, "HIT_LIMIT", 10)
    assert search("vindskydd").total == len(DATES) - 1


def test_month_lexemes_are_not_searchable(windbreaks):
    for month in ("§202602", "202602", "§ 202602", "'§202602'"):
        assert search(month).total == 0, month


def test_words_the_database_drops_find_nothing(windbreaks):
    # Should the database's parser drop every word that the search string's reading kept, the
    # search finds nothing (PostgreSQL: not every entry of a month slice).
    assert search(Query(text="och", clauses=[[Phrase(("och",), "och")]])).total == 0


@pytest.mark.parametrize("filter_first", [0, 10**9])
def test_filters_month_by_month_or_first_give_the_same_hits(windbreaks, archive, monkeypatch, filter_first):
    monkeypatch.setattr(backends, "FILTER_FIRST", filter_first)
    assert hit_ids(search("vindskydd", Filters(body=archive.bun.pk, year=2023))) == [windbreaks[DATES[1]]]
    assert search("vindskydd", Filters(body=archive.mn.pk)).total == 0
    assert search("vindskydd", Filters(kind=EntryKind.PARAGRAPH)).total == len(DATES)
    p = archive.paragraphs
    # Alva Provsson (S) dissented in § hours; Bo Exempelman (M) moved and dissented in § build.
    assert search("förskolornas", Filters(party="S", role="dissented")).total == 1
    assert search("förskola", Filters(person="exempelman")).hits[0].number == p["build"].number


@pytest.mark.parametrize("actor_ids", [0, 10_000])
def test_actor_filters_as_ids_or_as_a_subquery_give_the_same_hits(archive, monkeypatch, actor_ids):
    monkeypatch.setattr(backends, "ACTOR_IDS", actor_ids)
    p = archive.paragraphs
    assert [h.number for h in search("", Filters(person="alva", role="dissented")).hits] == [p["hours"].number]
    assert [h.number for h in search("förskola", Filters(party="M")).hits] == [p["build"].number]
    assert search("förskola", Filters(person="Ingen Alls")).total == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner settings")
def test_planner_settings_do_not_outlast_the_search(windbreaks, archive):
    def settings():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'), "
                           "current_setting('jit'), current_setting('max_parallel_workers_per_gather')")
            return cursor.fetchone()

    before = settings()
    search("vindskydd")
    search("vindskydd", Filters(body=archive.bun.pk))
    assert settings() == before
