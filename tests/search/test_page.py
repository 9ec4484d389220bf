"""The public search page /sok/: form, results, permanent URLs, bad input, every role."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from kansli.meetings.models import Meeting
from kansli.meetings.services import add_paragraph
from kansli.search.models import SearchEntry

from .conftest import publish
from .test_search import HOSTILE

pytestmark = pytest.mark.django_db

URL = "/sok/"


def page_of(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_search_page_url_and_empty_form(client, archive):
    assert reverse("search:search") == URL
    html = page_of(client)
    for name, label in [("q", "Sökord"), ("organ", "Organ"), ("ar", "År"), ("typ", "Typ av träff"),
                        ("person", "Person"), ("parti", "Parti"), ("roll", "Som")]:
        assert re.search(rf'<label for="id_{name}">{label}</label>', html), name
        assert f'id="id_{name}"' in html
    assert 'role="search"' in html
    assert "Sökresultat" not in html


def test_results_show_highlighted_titles_snippets_and_links(client, archive):
    p = archive.paragraphs["build"]
    html = page_of(client, q="förskolorna", typ="paragraph", ar="2025")
    assert "1 träff på ”förskolorna”" in html
    assert "<mark>förskolor</mark>" in html  # the title "Utbyggnad av förskolor"
    assert f'href="/sammantraden/{p.meeting_id}/utdrag/{p.number}.html"' in html
    assert f'href="/sammantraden/{p.meeting_id}/#p{p.number}"' in html
    assert archive.bun.name in html


def test_html_in_records_and_in_the_query_is_escaped(client, archive):
    html = page_of(client, q="<script>alert(1)</script> skolgårdar")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; skolgårdar" in html  # the query, echoed as text
    html = page_of(client, q="skolgårdar")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;<mark>skolgårdar</mark>&lt;/b&gt;" in html


def test_hostile_queries_give_a_normal_page(client, archive):
    entries = SearchEntry.objects.count()
    for hostile in [*HOSTILE, "x" * 5000, "förskola " * 2000, '"' * 300]:
        html = page_of(client, q=hostile)
        assert "Sök i protokoll, ärenden och handlingar" in html
    html = page_of(client, q="förskola " * 2000)
    assert "bara början av den har använts" in html
    assert SearchEntry.objects.count() == entries


def test_invalid_filters_are_explained_and_left_out(client, archive):
    html = page_of(client, q="förskola", organ="abc", ar="tjugohundra", typ="x", parti="ZZ", sida="-1")
    assert "Några av sökvillkoren kunde inte användas" in html
    assert "Organ: Välj ett giltigt alternativ" in html
    assert "År: Ange året med fyra siffror" in html
    assert "träffar på ”förskola”" in html  # the search itself still ran
    assert page_of(client, q="förskola", ar="99999999999999999999").count("År:") >= 1


def test_paging_links_keep_the_search_as_a_permanent_url(client, archive):
    meeting: Meeting = archive.meetings["mn2026"]
    for i in range(25):
        add_paragraph(meeting, title=f"Dispens för brygga {i}", decision="Dispens ges.")
    publish(meeting)
    html = page_of(client, q="brygga", organ=str(archive.mn.pk))
    assert "25 träffar" in html and "sida 1 av 2" in html
    next_link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(next_link).query) == {"q": ["brygga"], "organ": [str(archive.mn.pk)], "sida": ["2"]}
    second = page_of(client, **{k: v[0] for k, v in parse_qs(urlsplit(next_link).query).items()})
    assert "visar 21–25" in second and 'rel="prev"' in second
    assert 'aria-current="page"' in second


def test_every_page_of_the_public_site_has_the_search_box(client, archive):
    html = client.get(reverse("home")).content.decode()
    assert f'action="{URL}"' in html and '<label for="sidsok">Sök</label>' in html


def test_post_is_refused_and_changes_nothing(client, archive):
    entries = SearchEntry.objects.count()
    assert client.post(URL, {"q": "förskola"}).status_code == 405
    assert SearchEntry.objects.count() == entries
