"""The importer's cheap tests before its expensive patterns (issue 4, import speed) never
change an answer.

Each fast path is compared with the plain pattern it stands in for: on lines of real and
generated protokoll, on hand-picked lines that the pattern matches, and on text that Hypothesis
builds from the pieces that matter (the label and furniture words, "ſ" and "İ", which a
case-insensitive pattern takes for s and i while str.lower() does not, "jj", "vv", junk
characters).
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kansli.reading import cleanup, paragraphs, protocol, quality, split
from kansli.reading.cleanup import Line
from kansli.reading.extract import normalise, pages_from_pdf

from .ocr_pdfs import STADS, UNGDOM, VALFARD, fictional_minutes, images_to_pdf, page_images

FAST = settings(max_examples=400, deadline=None)


def _pieces(*words: str) -> st.SearchStrategy[str]:
    bits = [*words, " ", "  ", "\t", ":", ".", "-", "1", "23", "2024", "§", "(", ")", "ſ", "İ", "ı",
            "x", "A", "é"]
    return st.lists(st.sampled_from(bits), max_size=10).map("".join) | st.lists(
        st.sampled_from(bits), max_size=8).map(" ".join)


def _lines() -> list[str]:
    """Every line of the fixture PDFs that are there (development data) and of a Kansli
    protokoll."""
    from kansli.writing.pdf import minutes_pdf

    out: list[str] = []
    for path in (UNGDOM, STADS, VALFARD):
        if path.exists():
            out += [t for p in pages_from_pdf(str(path), str(path)).pages
                    for t in p.text.split("\n")]
    return out + _kansli_lines(minutes_pdf(fictional_minutes(6)))


def _kansli_lines(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [t for i in range(len(doc))
                for t in normalise(doc[i].get_textpage().get_text_range()).split("\n")]
    finally:
        doc.close()


@pytest.fixture(scope="module")
def lines() -> list[str]:
    pytest.importorskip("weasyprint")
    return _lines()


# --- § part labels -----------------------------------------------------------------------

LABELS = ["Beslut", "Kommunstyrelsens förslag till beslut", "Förslag till beslut:",
          "Socialförvaltningens förslag till beslut", "Nämndens beslut", "Arbetsutskottets förslag",
          "1. Sammanfattning av ärendet", "Omröstning 2", "Beslutet skickas till:",
          "Beslutet ska expedieras till", "Särskilda yttranden", "Jäv", "Yrkanden",
          "För kännedom till", "Tidigare behandling", "BESLUTSUNDERLAG", "beſlut", "Förſlag"]


def _same_match(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    return (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


def test_label_fast_path_on_labels_and_real_lines(lines: list[str]) -> None:
    for t in LABELS:
        assert paragraphs.LABEL.match(t), t
    for t in LABELS + lines:
        assert _same_match(paragraphs.match_label(t), paragraphs.LABEL.match(t)), t


@FAST
@given(_pieces("beslut", "Beslut", "förslag", "FÖRSLAG", "till", "s", "Kommunstyrelsens",
               "förvaltningens", "sammanfattning", "av ärendet", "omröstning", "skickas"))
def test_label_fast_path_on_built_text(text: str) -> None:
    assert _same_match(paragraphs.match_label(text), paragraphs.LABEL.match(text))


# --- page furniture and document markers -----------------------------------------------------

FURNITURE_ANYWHERE = ["Bankgiro 123-4567", "Kommunen, org.nr 212000-0001",
                      "Utdragsbestyrkande: datum och signatur", "Comfact Referensnummer: AB-12",
                      "Postgİro 1234-5"]


def test_furniture_fast_path_on_real_lines(lines: list[str]) -> None:
    for t in FURNITURE_ANYWHERE:
        assert cleanup.FURNITURE.match(t), t
    for t in FURNITURE_ANYWHERE + lines:
        assert cleanup.is_furniture(t) == bool(cleanup.FURNITURE.match(t)), t


@FAST
@given(_pieces("Utdragsbestyrkande", "datum och signatur", "Referensnummer", "AB-12", "Org.nr",
               "org nr", "BANKGIRO", "postgiro", "Sida", "av", "Justerandes sign", "www.ekeby.se"))
def test_furniture_fast_path_on_built_text(text: str) -> None:
    assert cleanup.is_furniture(text) == bool(cleanup.FURNITURE.match(text))


def _marker_in_full(text: str):  # noqa: ANN202 - what split._marker does without its test
    if len(text) > 120:
        return None
    for pat, kind in split.MARKERS:
        m = pat.match(text)
        if m:
            page = m.groupdict().get("page")
            return kind, int(page) if page else None
    return None


def test_marker_fast_path_on_real_lines(lines: list[str]) -> None:
    for t in lines:
        assert split._marker([Line(t, 1)], 0) == _marker_in_full(t), t


@FAST
@given(_pieces("Protokoll", "PROTOKOLL", "Kallelse", "KALLELSE", "utdrag ur protokoll",
               "Föredragningslista", "Ordförandeförslag", "Tjänsteskrivelse", "Referens",
               "Mottagare", "EKEBY KOMMUN", "sida", "(3)"))
def test_marker_fast_path_on_built_text(text: str) -> None:
    assert split._marker([Line(text, 1)], 0) == _marker_in_full(text)


@FAST
@given(_pieces("Ekeby", "EKEBY", "Öst-Ek", "kommun", "KOMMUN", "stad", "s", "en", "hela", "_",
               "\n"))
def test_municipality_patterns_find_what_the_word_boundary_patterns_find(text: str) -> None:
    name = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?)\s+(kommun|stad)(?:s|en)?\b")
    caps = re.compile(r"\b([A-ZÅÄÖ]{3,})\s+(KOMMUN|STAD)\b")
    for plain, fast in ((name, protocol._MUNICIPALITY_NAME), (caps, protocol._MUNICIPALITY_CAPS)):
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)]


# --- page quality ----------------------------------------------------------------------------

_PLAIN_WORD = re.compile(r"(?<![\w])[a-zåäöé][a-zåäöé]{3,}(?![\w])")


def _quality_agrees(text: str) -> None:
    assert quality._bad_pairs(text) == len(quality._BAD_PAIRS.findall(text.lower())), text
    visible = len(re.sub(r"\s", "", text))
    assert quality.visible_chars(text) == visible
    junk = sum(len(m) for m in quality._JUNK.findall(text)) / visible if visible else 0.0
    assert quality._junk_share(text) == junk
    assert quality._WORD.findall(text) == _PLAIN_WORD.findall(text)


def test_quality_fast_paths_on_real_and_garbled_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    for t in (text, text.replace("l", "j").replace("ä", "v"), "protokojjet föjjande vvllvrds"):
        _quality_agrees(t)


@FAST
@given(_pieces("jj", "vv", "vvl", "ejj", "avveckla", "protokojjet", "Vv", "_", "\ufffd",
               "\ue001", "\x03", "(cid:12)", "ord", "\n"))
def test_quality_fast_paths_on_built_text(text: str) -> None:
    _quality_agrees(text)


@FAST
@given(st.lists(st.sampled_from(list("aÅB \t\n\r\ufffe\u00ad\x02\ufeff\u200b\x00\u00a0\u2003-é")),
                max_size=30).map("".join))
def test_normalise_drops_the_same_characters(raw: str) -> None:
    text = re.sub(r"(?<=\w)\ufffe\s*(?=[A-ZÅÄÖÉÜ])", "-", raw)
    text = text.replace("\r\n", "\n").translate(str.maketrans(
        {c: None for c in "\ufffe\u00ad\x02\ufeff\u200b\r\x00"}))
    assert normalise(raw) == re.sub(r"[\t\u00a0\u2000-\u200a\u202f]+", " ", text)


def _cover_by_objects(page) -> float:  # noqa: ANN001 - pypdfium2 PdfPage
    """Image cover from pypdfium2's page objects: what quality.image_cover measured before."""
    width, height = page.get_size()
    area = 0.0
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        left, bottom = max(left, 0), max(bottom, 0)
        right, top = min(right, width), min(top, height)
        if right > left and top > bottom:
            area += (right - left) * (top - bottom)
    return min(1.0, area / max(1.0, width * height))


def test_image_cover_is_what_the_page_objects_give() -> None:
    pytest.importorskip("weasyprint")
    from kansli.writing.pdf import minutes_pdf

    text_pdf = minutes_pdf(fictional_minutes(3))
    sources = [text_pdf, images_to_pdf(page_images(text_pdf, dpi=40, pages=[1, 2]), dpi=40)]
    sources += [p.read_bytes() for p in (STADS, VALFARD) if p.exists()]
    covers = []
    for data in sources:
        doc = pdfium.PdfDocument(data)
        try:
            for i in range(len(doc)):
                page = doc[i]
                covers.append(quality.image_cover(page))
                assert covers[-1] == _cover_by_objects(page)
        finally:
            doc.close()
    assert any(c > 0.5 for c in covers) and any(c == 0 for c in covers)
