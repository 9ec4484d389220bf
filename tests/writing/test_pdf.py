from io import BytesIO

import pypdfium2 as pdfium
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from kansli.writing.pdf import extract_pdf, notice_of_meeting_pdf

from .sample import sample_minutes


def page_texts(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def catalog(data: bytes):
    return PdfFileReader(BytesIO(data), strict=False).root


def xmp(data: bytes) -> str:
    return catalog(data)["/Metadata"].get_object().data.decode("utf-8")


def test_pdf_is_pdfa_2b(minutes_pdf_bytes):
    assert minutes_pdf_bytes.startswith(b"%PDF-")
    meta = xmp(minutes_pdf_bytes)
    assert "<pdfaid:part>2</pdfaid:part>" in meta or 'pdfaid:part="2"' in meta
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta or 'pdfaid:conformance="B"' in meta


def test_pdf_is_tagged_with_language_and_title(minutes_pdf_bytes):
    root = catalog(minutes_pdf_bytes)
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("sv")
    meta = xmp(minutes_pdf_bytes)
    assert "Sammanträdesprotokoll – Omsorgsnämnden – 2026-03-09" in meta
    assert "Karin Sjöö" in meta  # author: the secretary


def test_pdf_text_has_page_numbers_headings_and_footer(minutes_pdf_bytes):
    texts = page_texts(minutes_pdf_bytes)
    n = len(texts)
    assert n > 5
    for i, text in enumerate(texts, 1):
        assert f"Sida {i} av {n}" in text
        assert "Omsorgsnämnden" in text  # running head
        assert "Justerandes signatur" in text
    whole = "\n".join(texts)
    for number in (28, 29, 30, 31, 33):
        assert f"§ {number}" in whole
    assert "Taxor för trygghetslarm 2027" in whole
    assert "ANSLAG/BEVIS" in texts[0]  # on the front page, as on paper
    # each § starts on its own page; the attachments come last
    assert any(t.lstrip().find("Bilaga: Reservation § 29") >= 0 for t in texts[-3:])


def test_extract_pdf_has_one_paragraph():
    data = extract_pdf(sample_minutes(), 30)
    whole = "\n".join(page_texts(data))
    assert data.startswith(b"%PDF-")
    assert "Protokollsutdrag" in whole
    assert "§ 30" in whole and "Ansökan om projektmedel för digital tillsyn" in whole
    assert "§ 29" not in whole
    assert "Utdragsbestyrkande" in whole
    assert "Sida 1 av" in whole
    assert "/StructTreeRoot" in catalog(data)
    with pytest.raises(KeyError):
        extract_pdf(sample_minutes(), 404)


def test_notice_pdf_has_no_signature_box():
    data = notice_of_meeting_pdf(sample_minutes())
    whole = "\n".join(page_texts(data))
    assert "Föredragningslista" in whole
    assert "Justerandes signatur" not in whole
    assert "Sida 1 av 1" in whole
