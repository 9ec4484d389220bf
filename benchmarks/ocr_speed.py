"""How fast does the importer OCR pages, and how long does a partly scanned protokoll take?

In one run, on this machine:

1. **OCR pages per second**, serial (one Tesseract at a time, in this process) and parallel
   (:func:`kansli.reading.ocr.ocr_pages` with one worker process per core), on the broken
   pages of the Ungdomsfullmäktige fixture PDF (``../shared/fixtures/pdf``), and their ratio;
2. **a 50-page protokoll with 10 broken pages**: a fictional protokoll rendered by Kansli's own
   writer (48 §§, 50 pages), with 10 pages replaced by page images at 200 dpi (scans without a
   text layer), read with :func:`kansli.reading.api.read_file` and ``ocr="auto"`` — quality
   check, OCR of the 10 pages, parsing. Target: under a minute. The database step of
   ``kansli import`` is not included (it takes well under a second for one protokoll).

Run: ``.venv/bin/python benchmarks/ocr_speed.py`` (a few minutes; needs Tesseract with the
Swedish model: Debian ``tesseract-ocr`` and ``tesseract-ocr-swe``).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIXTURE = ROOT.parent / "shared" / "fixtures" / "pdf" / (
    "ungdomsfullmaktige_protokoll_30_01_2023_16_15_153457.pdf")
BROKEN = [4, 5, 7, 8, 9, 10]  # the fixture's pages with a scrambled text layer
PAGES = 50
SCANNED = 10
TARGET_SECONDS = 60.0

TITLES = ["Taxor för trygghetslarm", "Detaljplan för Östra hamnen", "Verksamhetsberättelse",
          "Svar på medborgarförslag om belysning", "Yttrande över remiss om avfallsplan",
          "Lokalförsörjningsplan för förskolor", "Uppföljning av internkontrollplan",
          "Revidering av delegationsordning"]


def _minutes(items: int):
    from kansli.minutes.model import Item, Meeting, Minutes, Participant, Role

    people = [Participant("Anna Lindqvist", "S", Role.CHAIR),
              Participant("Per Öberg", "M", Role.FIRST_VICE_CHAIR),
              *[Participant(f"{a} {b}", p, Role.MEMBER) for a, b, p in [
                  ("Karin", "Sjöö", "C"), ("Johan", "Wikström", "V"), ("Ylva", "Håkansson", "KD"),
                  ("Gustav", "Tallqvist", "SD"), ("Britt", "Ekdahl", "L")]],
              Participant("Eva Sandberg", role=Role.OTHER, office="nämndsekreterare")]
    return Minutes(
        municipality="Ekeby kommun", body="Kultur- och fritidsnämnden",
        meeting=Meeting(date=dt.date(2026, 3, 9), start=dt.time(18, 0), end=dt.time(21, 0),
                        place="Kommunhuset, sal Ljusnan"),
        chair="Anna Lindqvist", secretary="Eva Sandberg", adjusters=["Per Öberg"],
        adjusted=dt.date(2026, 3, 12), participants=people,
        items=[Item(number=k + 1, year=2026, title=f"{TITLES[k % len(TITLES)]} {2027 + k // 8}",
                    case_number=f"KFN/2026:{k + 1:05d}",
                    decision_clauses=["Nämnden godkänner redovisningen."])
               for k in range(items)])


def _partly_scanned(pdf: bytes, scanned: list[int]) -> bytes:
    """The PDF with the given pages (1-based) replaced by 200 dpi page images."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(io.BytesIO(pdf))
    out = pdfium.PdfDocument.new()
    scans = []
    for n in range(1, len(src) + 1):
        if n in scanned:
            image = src[n - 1].render(scale=200 / 72, grayscale=True).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PDF", resolution=200)
            scan = pdfium.PdfDocument(buf.getvalue())
            scans.append(scan)
            out.import_pages(scan, [0])
        else:
            out.import_pages(src, [n - 1])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def main() -> int:
    from kansli.reading.api import read_file
    from kansli.reading.ocr import default_workers, ocr_pages, tesseract_problem

    problem = tesseract_problem()
    if problem:
        print(problem)
        return 2
    cores = default_workers()
    print(f"Maskin: {os.cpu_count()} kärnor ({cores} tillgängliga), belastning "
          f"{os.getloadavg()[0]:.1f}")

    if FIXTURE.exists():
        t = time.perf_counter()
        serial = ocr_pages(str(FIXTURE), BROKEN, workers=1, progress=False)
        t_serial = time.perf_counter() - t
        t = time.perf_counter()
        parallel = ocr_pages(str(FIXTURE), BROKEN, progress=False)
        t_parallel = time.perf_counter() - t
        failed = [p.error for r in (serial, parallel) for p in r.pages.values() if p.error]
        n = len(BROKEN)
        print(f"OCR av {n} trasiga fixtursidor (300 dpi, swe + §-kontroll):")
        print(f"  seriellt:   {n / t_serial:5.2f} sidor/s ({t_serial:5.1f} s)")
        print(f"  parallellt: {n / t_parallel:5.2f} sidor/s ({t_parallel:5.1f} s, "
              f"{parallel.workers} processer)")
        print(f"  kvot parallellt/seriellt: {t_serial / t_parallel:4.2f}")
        if failed:
            print("  fel:", "; ".join(failed))
    else:
        print(f"(fixturen saknas: {FIXTURE}; seriellt/parallellt mäts inte)")

    from kansli.writing.pdf import minutes_pdf

    t = time.perf_counter()
    pdf = minutes_pdf(_minutes(PAGES - 2))
    import pypdfium2 as pdfium

    total = len(pdfium.PdfDocument(io.BytesIO(pdf)))
    step = max(1, total // SCANNED)
    scanned = list(range(3, total + 1, step))[:SCANNED]
    data = _partly_scanned(pdf, scanned)
    t_make = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "protokoll-delvis-inskannat.pdf"
        path.write_bytes(data)
        t = time.perf_counter()
        res = read_file(path, ocr="auto", progress=False)
        t_read = time.perf_counter() - t
    doc = res.documents[0] if res.documents else None
    found = len(doc.items) if doc else 0
    print(f"Protokoll med {total} sidor, varav {len(scanned)} inskannade (s. "
          f"{', '.join(map(str, scanned))}); skapat på {t_make:.1f} s:")
    print(f"  läst med --ocr auto på {t_read:5.1f} s (mål < {TARGET_SECONDS:.0f} s): "
          f"{'OK' if t_read < TARGET_SECONDS else 'FÖR LÅNGSAMT'}")
    print(f"  OCR-tolkade sidor: {res.ocr_pages} ({res.ocr_seconds:.1f} s för OCR)")
    print(f"  §§ funna: {found} av {PAGES - 2}; fel: {res.error or 'inga'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
