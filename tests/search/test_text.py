"""Swedish words, search strings and snippets, without a database."""

import re

import pytest

from kansli.search import text as T


@pytest.mark.parametrize(
    "forms",
    [
        ["förskola", "förskolor", "förskolorna"],
        ["nämnd", "nämnden", "nämnder", "nämnderna"],
        ["beslut", "beslutet", "besluten"],
        ["skola", "skolor", "skolorna"],
    ],
)
def test_inflected_forms_share_one_stem(forms):
    assert len({T.stem(w) for w in forms}) == 1


def test_stop_words_are_not_indexed_and_case_is_folded():
    assert T.index_text("Nämnden beslutar att bygga och förvalta FÖRSKOLORNA") == " ".join(
        T.stems(["nämnden", "beslutar", "bygga", "förvalta", "förskolorna"])
    )
    assert "att" not in T.index_text("att och det").split()


def stems_of(clauses):
    return [[p.stems for p in clause] for clause in clauses]


def test_plain_words_are_all_required():
    q = T.parse_query("förskolorna Norrby")
    assert stems_of(q.clauses) == [[(T.stem("förskolorna"),)], [(T.stem("norrby"),)]]
    assert q.fts5() == f'("{T.stem("förskolorna")}") AND ("{T.stem("norrby")}")'


def test_phrase_or_and_exclusion_are_read_like_websearch():
    q = T.parse_query('"budget i balans" skola or förskola -gymnasium')
    assert stems_of(q.clauses) == [
        [(T.stem("budget"), T.stem("balans"))],
        [(T.stem("skola"),), (T.stem("förskola"),)],
    ]
    assert [p.stems for p in q.excluded] == [(T.stem("gymnasium"),)]
    assert [p.raw for c in q.clauses for p in c] == ["budget i balans", "skola", "förskola"]
    assert q.fts5().endswith(f'NOT ("{T.stem("gymnasium")}")')


@pytest.mark.parametrize(
    "hostile",
    ['"', '""', "OR", "or or", "-", "- -", "AND", "NOT", "*", "^", "NEAR(", "(", ")", ":", "'", "\\",
     "'; DROP TABLE search_searchentry; --", "<script>alert(1)</script>", "a\x00b", "\ue000x\ue001",
     '"unclosed phrase', "title:x", "x*", "{a b}", "-\"a\""],
)
def test_hostile_strings_become_quoted_stems_or_nothing(hostile):
    q = T.parse_query(hostile)
    expression = q.fts5() if not q.empty else ""
    # Only quoted runs of letters/digits, the operators we put there, and brackets.
    leftover = re.sub(r'"[^\W_]+(?: [^\W_]+)*"', "", expression)
    assert re.fullmatch(r"[() ]*(?:(?:AND|OR|NOT)[() ]*)*", leftover), expression


def test_lone_operators_give_an_empty_query():
    for text in ['"', "OR", "-", "och att", "   ", "", None, "-budget"]:
        assert T.parse_query(text).empty, text


def test_very_long_search_strings_are_cut_and_say_so():
    q = T.parse_query("förskola " * 1000)
    assert q.truncated and len(q.text) <= T.MAX_QUERY_LENGTH
    assert sum(len(p.stems) for c in q.clauses for p in c) <= T.MAX_QUERY_TERMS


def test_snippet_escapes_the_text_and_marks_only_hits():
    text = "Inledning. " * 40 + "En skrivelse om förskolorna <script>alert('x')</script> & skolgårdar. " + "Slut. " * 40
    html = T.snippet(text, T.parse_query("förskola").highlight_stems)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>förskolorna</mark>" in html
    assert "&amp;" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert re.sub(r"</?mark>", "", html).count("<") == 0


def test_highlight_all_marks_inflected_forms_in_titles():
    html = T.highlight_all("Förskolornas <öppettider>", T.parse_query("förskola").highlight_stems)
    assert html == "<mark>Förskolornas</mark> &lt;öppettider&gt;"


def test_postgresql_headline_markers_become_marks_and_the_rest_is_escaped():
    raw = f"<b>x</b> {T.HIT_START}förskola{T.HIT_END} & co"
    assert T.headline_html(raw) == "&lt;b&gt;x&lt;/b&gt; <mark>förskola</mark> &amp; co"


def test_indexed_text_cannot_smuggle_hit_markers():
    assert T.HIT_START not in T.clean(f"a{T.HIT_START}b{T.HIT_END}")
