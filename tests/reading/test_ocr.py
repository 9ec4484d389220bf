"""OCR with the real Tesseract: broken fixture pages, image-only pages of a Kansli protokoll,
--ocr always/never, and the OCR'd pages recorded in the JSON and the database.

To keep the run short, only a handful of pages are OCR'd: the fixture pages are picked out of
their files into small PDFs. The expectations on fixture pages were checked by looking at the
rendered page images, not taken from the importer's output.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest

from kansli.minutes import DocumentKind
from kansli.reading.api import read_file
from kansli.reading.ocr import tesseract_problem

from .ocr_pdfs import (
    UNGDOM,
    assemble,
    fictional_minutes,
    images_to_pdf,
    minutes_pdf_bytes,
    page_images,
)

pytest.importorskip("weasyprint")
if tesseract_problem("tesseract"):
    pytest.skip(f"Tesseract saknas: {tesseract_problem('tesseract')}", allow_module_level=True)


def _need_fixture(path) -> None:
    if not path.exists():
        pytest.skip(f"development data not found: {path}")


# Hand-checked on the page images of the Ungdomsfullmäktige protokoll (30.1.2023): pages 4, 5,
# 7 and 10 have scrambled text layers; page 1 (attendance) reads right.
UNGDOM_PAGES = [1, 4, 5, 7, 10]
UNGDOM_TITLES = {
    2: "Val av protokolljusterare",
    3: "Godkännande av föredragningslistan",
    5: "Dagens gäst; Välfärdschef",
    8: "Vårens möten, ungdomsfullmäktige",
}
UNGDOM_NAMES_ON_OCR_PAGES = [
    "Elias Nystedt", "Alex Sikkilä", "Julia Storskrubb", "Evelina Sundvik", "Tindra Wingren",
    "Katarina Östman", "Luzilla Backa", "Emilia Haverinen",
]


@pytest.fixture(scope="module")
def ungdom_pdf(tmp_path_factory):
    _need_fixture(UNGDOM)
    path = tmp_path_factory.mktemp("ocr") / "ungdom-utdrag.pdf"
    path.write_bytes(assemble([(UNGDOM, n) for n in UNGDOM_PAGES]))
    return path


@pytest.fixture(scope="module")
def ungdom_auto(ungdom_pdf):
    return read_file(ungdom_pdf, ocr="auto")


def test_broken_fixture_pages_are_read_right_after_ocr(ungdom_auto):
    res = ungdom_auto
    assert res.error is None, res.error
    assert res.ocr_pages == [2, 3, 4, 5]  # the four broken pages, not the good first page
    docs = [d for d in res.documents if d.kind == DocumentKind.MINUTES]
    assert len(docs) == 1
    doc = docs[0]
    assert doc.source.ocr_pages == [2, 3, 4, 5]
    titles = {i.number: i.title for i in doc.items}
    text = " ".join(res.ocr_text[n] for n in res.ocr_pages)
    right = [titles.get(n) == t for n, t in UNGDOM_TITLES.items()]
    right += [name in text for name in UNGDOM_NAMES_ON_OCR_PAGES]
    assert sum(right) / len(right) >= 0.95, (titles, [
        n for n in UNGDOM_NAMES_ON_OCR_PAGES if n not in text])
    by_number = {i.number: i for i in doc.items}
    assert "Evelina Sundvik och Tindra Wingren utsågs till protokolljusterare" in " ".join(
        by_number[2].decision_clauses)
    assert "Föredragningslistan godkändes utan tilläggsärende" in " ".join(
        by_number[3].decision_clauses)
    # the good page still gives the attendance list, check boxes and all
    names = {p.name for p in doc.participants}
    assert {"Emilia Haverinen", "William Sjöström", "Evelina Sundvik"} <= names


def test_the_same_pages_without_ocr_keep_the_scrambled_text(ungdom_pdf):
    res = read_file(ungdom_pdf, ocr="never")
    assert res.ocr_pages == []
    doc = next(d for d in res.documents if d.kind == DocumentKind.MINUTES)
    clauses = " ".join(c for i in doc.items for c in i.decision_clauses)
    assert "utsågs till protokolljusterare" not in clauses  # "tjj protokojjjusterare"


def test_image_only_kansli_protokoll_reads_back_after_ocr(tmp_path):
    """A protokoll Kansli wrote, printed and scanned (page images at 200 dpi, no text layer):
    § numbers, titles and participants' names come back."""
    m = fictional_minutes(4)
    scan = images_to_pdf(page_images(minutes_pdf_bytes(m), dpi=200), dpi=200)
    path = tmp_path / "inskannad.pdf"
    path.write_bytes(scan)
    res = read_file(path, ocr="auto")
    assert res.error is None, res.error
    assert res.ocr_pages == list(range(1, res.pages + 1))
    assert "saknar textlager (inskannad?)" in res.page_report
    doc = next(d for d in res.documents if d.kind == DocumentKind.MINUTES)
    assert doc.source.ocr_pages == res.ocr_pages
    got_titles = {i.number: i.title for i in doc.items}
    got_names = {p.name for p in doc.participants}
    checks = [got_titles.get(i.number) == i.title for i in m.items]
    checks += [p.name in got_names for p in m.participants]
    assert sum(checks) / len(checks) >= 0.95, (got_titles, got_names)
    assert doc.meeting.date == m.meeting.date
    assert doc.body == m.body


def test_always_reads_good_pages_with_ocr_too(tmp_path):
    m = fictional_minutes(1)
    data = minutes_pdf_bytes(m)
    path = tmp_path / "forsta-och-paragraf.pdf"
    path.write_bytes(assemble([(data, 1), (data, 3)]))  # the first page and the one with § 12
    res = read_file(path, ocr="always")
    assert res.ocr_pages == [1, 2]
    assert any("lästes med OCR" in w for w in res.warnings)
    doc = res.documents[0]
    assert (doc.body, doc.meeting.date) == (m.body, m.meeting.date)
    assert [i.number for i in doc.items] == [12]
    assert "§ 12 Taxor för trygghetslarm 2027" in res.ocr_text[2].splitlines()
    assert read_file(path, ocr="auto").ocr_pages == []


@pytest.mark.django_db
def test_import_records_ocr_pages_in_json_and_database(tmp_path):
    from kansli.meetings.importing import run_import
    from kansli.meetings.models import Meeting
    from kansli.reading.cli import run_json

    _need_fixture(UNGDOM)
    path = tmp_path / "ungdom-1-5.pdf"
    path.write_bytes(assemble([(UNGDOM, 1), (UNGDOM, 5)]))  # page 5: § 3, scrambled

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert run_json([str(path)]) == 0
    docs = json.loads(out.getvalue())
    minutes = [d for d in docs if d["kind"] == "protokoll"]
    assert minutes and minutes[0]["source"]["ocr_pages"] == [2]
    assert f"sidkvalitet: {path}: 2 sidor, 1 med gott textlager" in err.getvalue()

    out, err = io.StringIO(), io.StringIO()
    assert run_import([str(path)], stdout=out, stderr=err, ocr="auto") == 0, out.getvalue()
    meeting = Meeting.objects.get(body__name="Ungdomsfullmäktige")
    assert meeting.source_ocr_pages == [2]
    assert meeting.paragraphs.get(number=3).title == "Godkännande av föredragningslistan"
    summary = out.getvalue()
    assert "Sidkvalitet (textlager och OCR), 1 sida lästa med OCR:" in summary
    assert "1 förvanskat textlager (s. 2); OCR-tolkade: s. 2" in summary
