"""The per-page quality check, the OCR modes that need no OCR run, and a missing Tesseract.

No test here runs Tesseract on a page (tests/reading/test_ocr.py does); the checks that
Tesseract is missing do run the program's ``--list-langs`` or look for it on the PATH.
"""

from __future__ import annotations

import pytest

from kansli.reading import quality
from kansli.reading.api import read_file
from kansli.reading.extract import pages_from_pdf
from kansli.reading.ocr import TESSERACT_ENV, OcrMode, Word, layout, tesseract_problem, tidy

from .ocr_pdfs import (
    STADS,
    UNGDOM,
    VALFARD,
    assemble,
    fictional_minutes,
    images_to_pdf,
    minutes_pdf_bytes,
    page_images,
)

pytest.importorskip("weasyprint")


@pytest.fixture(scope="module")
def kansli_pdf() -> bytes:
    return minutes_pdf_bytes(fictional_minutes(3))


def _verdicts(path) -> dict[int, str]:
    ext = pages_from_pdf(str(path), str(path))
    assert ext.error is None
    return {p.number: p.quality.verdict for p in ext.pages}


def _need_fixture(path) -> None:
    if not path.exists():
        pytest.skip(f"development data not found: {path}")


# --- verdicts ------------------------------------------------------------------------------------

def test_a_kansli_protokoll_has_a_good_text_layer_on_every_page(kansli_pdf, tmp_path):
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(kansli_pdf)
    assert set(_verdicts(path).values()) == {quality.GOOD}


def test_garbled_fixture_pages_are_flagged_and_clean_ones_are_not():
    """Hand-checked against the page images: in the Ungdomsfullmäktige protokoll the text
    layer of pages 4–5 and 7–11 is scrambled ("Förgdrggnnngslnsagn", "protokojjet"); pages
    1–3 and 6 read right."""
    _need_fixture(UNGDOM)
    verdicts = _verdicts(UNGDOM)
    assert [n for n, v in verdicts.items() if v == quality.GARBLED] == [4, 5, 7, 8, 9, 10, 11]
    assert all(verdicts[n] == quality.GOOD for n in (1, 2, 3, 6))
    # Välfärdsnämnden: the same fonts; page 4 "protokojjet", pages 24–25 the appeal instructions
    _need_fixture(VALFARD)
    verdicts = _verdicts(VALFARD)
    assert {4, 17, 18, 24, 25} <= {n for n, v in verdicts.items() if v == quality.GARBLED}
    assert all(verdicts[n] == quality.GOOD for n in (1, 3, 5, 11, 12, 15))


def test_l_to_j_encoding_is_caught_although_its_words_look_swedish():
    # trigrams alone let "medjemmarna" and "föjjande" pass; the letter pair "jj" does not
    text = ("Val av protokolljusterare\nI tur at justera protokojjet är medjemmarna Elias "
            "Nystedt och Alex Sikkilä. (Föjjande i tur är Julia Storskrubb).\n"
            "Ungdomsfullmäktige utser två protokojjjusterare.")
    assert quality.is_garbled(text)
    clean = ("I tur att justera protokollet är medlemmarna Elias Nystedt och Alex Sikkilä. "
             "Tjejjouren och avvecklingen av avtalen diskuterades, www.exempel.se.")
    assert not quality.is_garbled(clean)


def test_dashes_turned_into_letters_flag_a_page_with_few_non_words():
    # two non-words in about thirty are too few on their own (a name, an English word)
    text = ("27.6n8.7 utställning i siadsbiblioiekei om invasiva växtarter. Sommarlovsprogrammet "
            "skickades ut till alla skolelever i åk 1n9 och ett femveckorsprogram ordnades "
            "för fyktngar som deltog i sommarverksamheten under juni och juli. "
            "Evenemanget 11n19.6 samlade ungdomar från flera länder kring miljöfrågor.")
    assert quality.is_garbled(text)
    assert not quality.is_garbled(text.replace("n8", "–8").replace("1n9", "1–9")
                                  .replace("11n19", "11–19"))


def test_replacement_characters_are_junk():
    assert quality.is_garbled("Protokoll \ufffd\ufffd\ufffd\ufffd \ue001\ue002 (cid:12)(cid:13)")


def test_scanned_attachments_with_a_stamp_are_sparse_pictures():
    """Stadsstyrelsen's pages 8–9 and 49–51 are scanned letters whose only text is the
    stamp 'Bilaga Stadsstyrelsen, 26.09.2022 § 191' (checked on the page images)."""
    _need_fixture(STADS)
    verdicts = _verdicts(STADS)
    for n in (8, 9, 49, 50, 51):
        assert verdicts[n] == quality.SPARSE, (n, verdicts[n])
    for n in (1, 6, 10, 12):
        assert verdicts[n] == quality.GOOD, (n, verdicts[n])


def test_image_only_pages_have_no_text_and_a_blank_page_is_blank(kansli_pdf, tmp_path):
    images = page_images(kansli_pdf, dpi=60, pages=[1, 2])
    blank = images[0].point(lambda _v: 255)
    path = tmp_path / "scan.pdf"
    path.write_bytes(images_to_pdf([*images, blank], dpi=60))
    assert _verdicts(path) == {1: quality.NO_TEXT, 2: quality.NO_TEXT, 3: quality.BLANK}


def test_summary_names_each_kind_of_page():
    qs = [quality.PageQuality(1, quality.GOOD), quality.PageQuality(2, quality.GARBLED),
          quality.PageQuality(3, quality.GARBLED), quality.PageQuality(4, quality.NO_TEXT),
          quality.PageQuality(5, quality.BLANK)]
    text = quality.summary(qs, [2, 3, 4])
    assert text == ("5 sidor, 1 med gott textlager, 2 förvanskat textlager (s. 2–3), "
                    "1 saknar textlager (inskannad?) (s. 4), 1 tom sida (s. 5); "
                    "OCR-tolkade: s. 2–4")


# --- modes without an OCR run ---------------------------------------------------------------------

def test_auto_leaves_good_pages_alone(kansli_pdf, tmp_path, monkeypatch):
    # were any page sent to OCR, the missing program would show up among the warnings
    monkeypatch.setenv(TESSERACT_ENV, str(tmp_path / "finns-inte" / "tesseract"))
    path = tmp_path / "protokoll.pdf"
    path.write_bytes(kansli_pdf)
    res = read_file(path, ocr="auto")
    assert res.error is None and res.ocr_pages == []
    assert not [w for w in res.warnings if "OCR" in w], res.warnings
    assert not res.pages_in_doubt
    assert [i.title for i in res.documents[0].items] == [i.title for i in fictional_minutes(3).items]


def test_never_on_a_scan_says_to_use_ocr(kansli_pdf, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(images_to_pdf(page_images(kansli_pdf, dpi=60)))
    res = read_file(path, ocr="never")
    assert res.error is not None
    assert "saknar textlager" in res.error and "--ocr auto" in res.error
    assert res.ocr_pages == []


def test_never_keeps_the_garbled_warning_and_reads_the_text_layer():
    _need_fixture(UNGDOM)
    res = read_file(UNGDOM, ocr=OcrMode.NEVER)
    assert res.ocr_pages == [] and res.documents[0].source.ocr_pages == []
    assert any("förvanskat" in w and "--ocr auto" in w for w in res.warnings), res.warnings
    assert "7 förvanskat textlager (s. 4–5, 7–11)" in res.page_report


def test_unknown_mode_is_refused_in_swedish():
    with pytest.raises(ValueError, match="okänt OCR-läge"):
        OcrMode.parse("ibland")


# --- Tesseract missing ------------------------------------------------------------------------------

def test_missing_tesseract_is_named_and_good_pages_still_import(kansli_pdf, tmp_path, monkeypatch):
    monkeypatch.setenv(TESSERACT_ENV, str(tmp_path / "saknas" / "tesseract"))
    problem = tesseract_problem()
    assert problem and "Tesseract" in problem and "hittades inte" in problem
    assert "tesseract-ocr-swe" in problem and TESSERACT_ENV in problem
    # a protokoll whose § 13 page is a scan: the other pages have a good text layer
    scan = images_to_pdf(page_images(kansli_pdf, dpi=100, pages=[4]), dpi=100)
    path = tmp_path / "blandad.pdf"
    path.write_bytes(assemble([(kansli_pdf, 1), (kansli_pdf, 2), (kansli_pdf, 3), (scan, 1),
                               (kansli_pdf, 5)]))
    res = read_file(path, ocr="auto")
    assert res.error is None
    assert res.ocr_pages == []
    note = next(w for w in res.warnings if "hittades inte" in w)
    assert "Sidorna 4 lästes inte med OCR" in note
    doc = res.documents[0]
    assert doc.source.ocr_pages == []
    titles = {i.number: i.title for i in doc.items}
    assert titles[12] == "Taxor för trygghetslarm 2027"
    assert titles[14] == "Verksamhetsberättelse för Kulturskolan"
    assert {p.name for p in doc.participants} >= {"Anna Lindqvist", "Per Öberg", "Karin Sjöö"}


def test_missing_swedish_model_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a model folder without swe
    problem = tesseract_problem("tesseract")
    if problem and "hittades inte" in problem:
        pytest.skip("Tesseract is not installed here")
    assert problem and "svenska språkmodell" in problem and "tesseract-ocr-swe" in problem


# --- layout and clean-up (no Tesseract) ---------------------------------------------------------------

def _w(text, left, top, line, height=30, conf=95.0):
    return Word(text, left, top, 20 * len(text), height, conf, line)


def test_two_columns_at_one_height_become_one_row_in_reading_order():
    words = [
        _w("[X]", 300, 950, (3, 7, 1)), _w("Haverinen", 368, 950, (3, 7, 1)),
        _w("Emilia,", 588, 950, (3, 7, 1)), _w("ordförande", 732, 950, (3, 7, 1)),
        _w("[X]", 1383, 952, (4, 1, 1)), _w("Sjöström", 1447, 952, (4, 1, 1)),
        _w("William", 1640, 952, (4, 1, 1)),
        _w("[", 300, 1010, (3, 8, 1)), _w("]", 336, 1010, (3, 8, 1)),
        _w("Liljeqvist", 365, 1010, (3, 8, 1)), _w("Ella", 553, 1010, (3, 8, 1)),
        _w("IX]", 1388, 1012, (4, 2, 1)), _w("Sundvik", 1453, 1012, (4, 2, 1)),
        _w("Evelina", 1625, 1012, (4, 2, 1)),
        _w("Beslutande", 300, 880, (3, 6, 1)),
    ]
    assert layout(words).splitlines() == [
        "Beslutande",
        "[X] Haverinen Emilia, ordförande [X] Sjöström William",
        "[ ] Liljeqvist Ella [X] Sundvik Evelina",
    ]


def test_dot_leaders_and_noise_become_one_leader():
    line = (5, 1, 1)
    words = [_w("§", 260, 1594, line), _w("12", 300, 1594, line), _w("Taxor", 360, 1594, line),
             _w("ososerrereerer", 800, 1622, line, height=6, conf=0.0),
             _w("rr", 1700, 1590, line, height=53, conf=36.0),
             _w("sida", 1900, 1594, line), _w("3", 2000, 1594, line)]
    words += [_w("Namn", 260, 500 + 60 * k, (k + 10, 1, 1)) for k in range(5)]
    assert "§ 12 Taxor . . . . . . . . sida 3" in layout(words).splitlines()


def test_tidy_repairs_what_the_swedish_model_cannot_read():
    assert tidy("Protokoll 5$ 30.01.2023") == "Protokoll 5 § 30.01.2023"
    assert tidy("[x] Ek Anna\n| ] Berg Per\n« Leila Hassan (S)") == (
        "[X] Ek Anna\n[ ] Berg Per\nLeila Hassan (S)")
    assert tidy("6 § — Det våras för ungdomsfullmäktige") == "6 § Det våras för ungdomsfullmäktige"
    assert tidy("§ 13.Detaljplan för Östra hamnen") == "§ 13 Detaljplan för Östra hamnen"
    # ordinary text is left alone
    text = "Anna Ek (S) yrkar bifall. Kostnaden är 58 000 kr & moms."
    assert tidy(text) == text
