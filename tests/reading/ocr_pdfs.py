"""PDFs for the page-quality and OCR tests: a fictional Kansli protokoll rendered by
:func:`kansli.writing.pdf.minutes_pdf`, the same as page images (a scan without text layer),
pages mixed from both, and pages picked out of the fixture PDFs."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdfium2 as pdfium

from kansli.minutes.model import Item, Meeting, Minutes, Participant, Role

from .scoring import shared_dir

FIXTURES = shared_dir() / "fixtures" / "pdf"
UNGDOM = FIXTURES / "ungdomsfullmaktige_protokoll_30_01_2023_16_15_153457.pdf"
STADS = FIXTURES / "stadsstyrelsen_foredragningslista_26_09_2022_16_30_140208.pdf"
VALFARD = FIXTURES / "valfardsnamnden_protokoll_15_09_2022_18_00_139758.pdf"

TITLES = ["Taxor för trygghetslarm 2027", "Detaljplan för Östra hamnen",
          "Verksamhetsberättelse för Kulturskolan", "Svar på medborgarförslag om belysning",
          "Yttrande över remiss om ny avfallsplan", "Lokalförsörjningsplan för förskolor"]
CLAUSES = ["Nämnden godkänner redovisningen.", "Ärendet läggs till handlingarna.",
           "Yttrandet antas som nämndens eget."]


def fictional_minutes(items: int = 3) -> Minutes:
    """A protokoll of a fictional body: ten participants, ``items`` §§ from § 12."""
    people = [
        Participant("Anna Lindqvist", "S", Role.CHAIR),
        Participant("Per Öberg", "M", Role.FIRST_VICE_CHAIR),
        Participant("Karin Sjöö", "C", Role.MEMBER),
        Participant("Johan Wikström", "V", Role.MEMBER),
        Participant("Ylva Håkansson", "KD", Role.MEMBER),
        Participant("Gustav Tallqvist", "SD", Role.MEMBER),
        Participant("Britt Ekdahl", "L", Role.MEMBER),
        Participant("Leila Hassan", "S", Role.SUBSTITUTE),
        Participant("Oskar Nyström", "MP", Role.SUBSTITUTE),
        Participant("Eva Sandberg", role=Role.OTHER, office="nämndsekreterare"),
    ]
    return Minutes(
        municipality="Ekeby kommun", body="Kultur- och fritidsnämnden",
        meeting=Meeting(date=dt.date(2026, 3, 9), start=dt.time(18, 0), end=dt.time(20, 30),
                        place="Kommunhuset, sal Ljusnan"),
        chair="Anna Lindqvist", secretary="Eva Sandberg", adjusters=["Per Öberg"],
        adjusted=dt.date(2026, 3, 12), participants=people,
        items=[Item(number=12 + k, year=2026, title=TITLES[k],
                    case_number=f"KFN/2026:{31 + 7 * k:05d}",
                    decision_clauses=[CLAUSES[k % len(CLAUSES)]])
               for k in range(items)])


def minutes_pdf_bytes(m: Minutes) -> bytes:
    from kansli.writing.pdf import minutes_pdf

    return minutes_pdf(m)


def page_images(pdf: bytes | Path, dpi: int = 200, pages: list[int] | None = None) -> list:
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        return [doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil() for n in numbers]
    finally:
        doc.close()


def images_to_pdf(images: list, dpi: int = 200) -> bytes:
    """Page images → a PDF without any text layer, as a scanner makes it."""
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def assemble(parts: list[tuple[bytes | Path, int]]) -> bytes:
    """A PDF of the given (PDF, 1-based page) pairs, in order."""
    out = pdfium.PdfDocument.new()
    opened = []
    try:
        for src, number in parts:
            doc = pdfium.PdfDocument(src if isinstance(src, Path) else io.BytesIO(src))
            opened.append(doc)
            out.import_pages(doc, [number - 1])
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        for doc in opened:
            doc.close()
        out.close()
