"""How fast does the importer read PDFs, compared with bare text extraction?

Builds a corpus of at least 300 PDF pages in a temporary folder (the three fixture PDFs from
``../shared/fixtures/pdf`` repeated, plus protokoll generated with WeasyPrint), then in the same
run measures

* raw extraction: pypdfium2 opens each file and takes every page's text (``get_textpage()`` /
  ``get_text_range()``) — the floor no reader can beat;
* the importer's parse: :func:`kansli.reading.api.read_file` on each file (extraction, clean-up,
  splitting, section parsing; no database),

and prints pages per second for both and their ratio (target ≥ 0.5). It also prints memory after
the first files and after all of them — process RSS, and Python's traced heap — to show that
memory does not grow with the number of files.

The two are timed file by file, the raw extraction of a file right before the importer reads
the same file, in three rounds; each file counts with its fastest time of each kind. A burst of
load from other processes on the machine then hits both alike instead of one whole pass.

Run: ``.venv/bin/python benchmarks/import_speed.py`` (under a minute; no database needed).
"""

from __future__ import annotations

import gc
import html
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIXTURES = ROOT.parent / "shared" / "fixtures" / "pdf"
MIN_PAGES = 300
FIXTURE_COPIES = 3
GENERATED = 3
ROUNDS = 3  # each file is timed this often; its fastest time counts (the box may be busy)
TARGET_RATIO = 0.5
FIRST_N = 5  # memory is compared after this many files and after all
HEAP_SLACK_MB = 1.0  # growth allowed from there to the end before memory "grows"
RSS_SLACK_MB = 16.0


# --- corpus --------------------------------------------------------------------------------------


def _protokoll_html(k: int, paragraphs: int = 24) -> str:
    body = "Kultur- och fritidsnämnden"
    parts = [
        "Provköpings kommun",
        f"Sammanträdesprotokoll för {body.lower()} 2025",
        f"Datum och tid: 2025-{(k % 12) + 1:02d}-10 kl. 18:00-20:30",
        "Plats: Stadshuset, sal Ekoxen",
        "Justerare: Per Holm (M)",
        "Sekreterare: Lisa Berg",
        "Ordförande: Anna Lind (S)",
        "Närvarolista",
        "Ledamöter",
        "Anna Lind (S), ordförande",
        "Per Holm (M), 1:e vice ordförande",
        "Karin Sjö (S), ledamot",
        "Olle Ek (C), ledamot",
        "Mona Åberg (V), tjänstgörande ersättare",
        "Ersättare",
        "Sven Dal (S)",
    ]
    text = "\n".join(f"<p>{html.escape(line)}</p>" for line in parts)
    for n in range(1, paragraphs + 1):
        text += (
            f"<h2>§ {n}</h2><p>Ärende {n}: lokaler, bibliotek och föreningsbidrag</p>"
            f"<p>KFN/2025:{100 * k + n:05d}</p><h3>Beslut</h3>"
            f"<p>{body} beslutar att godkänna förvaltningens förslag.</p><h3>Sammanfattning</h3>"
            + "<p>Förvaltningen har utrett frågan om lokaler för föreningslivet och "
            "bibliotekets öppettider, och redovisar kostnader, alternativ och konsekvenser "
            "för barn och unga. Nämnden föreslås godkänna förslaget.</p>" * 3
            + "<h3>Beslutet skickas till</h3><p>Kultur- och fritidsförvaltningen</p>"
        )
    return (
        "<html><head><style>@page { size: A4; margin: 2.5cm } body { font: 11pt 'DejaVu Sans' }"
        "</style></head><body>" + text + "</body></html>"
    )


def build_corpus(folder: Path) -> list[Path]:
    import weasyprint

    files: list[Path] = []
    fixtures = sorted(FIXTURES.glob("*.pdf"))
    if not fixtures:
        print(f"(inga fixture-PDF:er i {FIXTURES}; bara genererade PDF:er används)")
    for copy in range(FIXTURE_COPIES):
        for f in fixtures:
            target = folder / f"{copy}_{f.name}"
            shutil.copyfile(f, target)
            files.append(target)
    k = 0
    while k < GENERATED or _pages(files) < MIN_PAGES:
        target = folder / f"genererat_{k:02d}.pdf"
        weasyprint.HTML(string=_protokoll_html(k)).write_pdf(target)
        files.append(target)
        k += 1
    return files


def _pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        total += len(pdf)
        pdf.close()
    return total


# --- measurements --------------------------------------------------------------------------------


def raw_extraction(f: Path) -> tuple[int, float]:
    """Pages and seconds for pypdfium2 to take the text of every page of one file."""
    import pypdfium2 as pdfium

    pages = 0
    t0 = time.perf_counter()
    pdf = pdfium.PdfDocument(str(f))
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
        pages += 1
    pdf.close()
    return pages, time.perf_counter() - t0


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def importer_parse(f: Path) -> tuple[int, float, int, str | None]:
    """Pages, seconds, documents found and the error (if any) for the importer on one file."""
    from kansli.reading.api import read_file

    t0 = time.perf_counter()
    res = read_file(f)
    seconds = time.perf_counter() - t0
    return res.pages, seconds, len(res.documents), res.error


def timed(files: list[Path]) -> dict:
    """Both measurements, file by file and round by round (see the module docstring), and the
    process's memory after the first files and after all of them in the first round."""
    n = len(files)
    raw = [float("inf")] * n
    parse = [float("inf")] * n
    raw_pages = parse_pages = documents = 0
    errors: list[str] = []
    memory: dict = {}
    for r in range(ROUNDS):
        for k, f in enumerate(files):
            pages, seconds = raw_extraction(f)
            raw[k] = min(raw[k], seconds)
            got, seconds, docs, error = importer_parse(f)
            parse[k] = min(parse[k], seconds)
            if r == 0:
                raw_pages += pages
                parse_pages += got
                documents += docs
                errors += [error] if error else []
                if k + 1 == FIRST_N:
                    memory["first"] = (_rss_mb(), _max_rss_mb())
        if r == 0:
            memory["all"] = (_rss_mb(), _max_rss_mb())
    return {"raw": (raw_pages, sum(raw)), "parse": (parse_pages, sum(parse)),
            "documents": documents, "errors": errors, "memory": memory}


def traced_heap(files: list[Path]) -> dict:
    """Python heap (tracemalloc) after the first files and after all: current and peak."""
    from kansli.reading.api import read_file

    out = {}
    tracemalloc.start()
    for n, f in enumerate(files, 1):
        read_file(f)
        if n == FIRST_N or n == len(files):
            gc.collect()
            current, peak = tracemalloc.get_traced_memory()
            out["first" if n == FIRST_N else "all"] = (current / 2**20, peak / 2**20)
    tracemalloc.stop()
    return out


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kansli-bench-") as tmp:
        print("Bygger korpus …", flush=True)
        files = build_corpus(Path(tmp))
        total_pages = _pages(files)
        size = sum(f.stat().st_size for f in files) / 2**20
        print(f"Korpus: {len(files)} PDF-filer, {total_pages} sidor, {size:.1f} MB")

        # warm up: imports, compiled patterns, font/file caches
        from kansli.reading.api import read_file

        read_file(files[-1])
        raw_extraction(files[-1])

        result = timed(files)
        raw_pages, raw_s = result["raw"]
        parse_pages, parse_s = result["parse"]
        documents, errors = result["documents"], result["errors"]
        rss = result["memory"]  # the first round: memory from a cold start
        heap = traced_heap(files)

    raw_rate = raw_pages / raw_s
    parse_rate = parse_pages / parse_s
    ratio = parse_rate / raw_rate
    print()
    print(f"Hastighet (samma körning, fil för fil, varje fils snabbaste av {ROUNDS} omgångar)")
    print(f"  råextraktion, pypdfium2:      {raw_pages:5d} sidor på {raw_s:6.2f} s = {raw_rate:7.1f} sidor/s")
    print(f"  importerarens tolkning:       {parse_pages:5d} sidor på {parse_s:6.2f} s = {parse_rate:7.1f} sidor/s"
          f"  ({documents} dokument)")
    verdict = "uppnått" if ratio >= TARGET_RATIO else "EJ uppnått"
    print(f"  kvot tolkning/råextraktion:   {ratio:.2f}  (mål ≥ {TARGET_RATIO}: {verdict})")
    if errors:
        print(f"  fel vid läsningen ({len(errors)}):")
        for e in errors:
            print(f"    - {e}")
    print()
    print(f"Minne efter de första {FIRST_N} filerna och efter alla {len(files)}")
    (rss1, max1), (rss2, max2) = rss["first"], rss["all"]
    print(f"  RSS nu:                 {rss1:7.1f} MB → {rss2:7.1f} MB  ({rss2 - rss1:+.1f} MB)")
    print(f"  RSS högsta hittills:    {max1:7.1f} MB → {max2:7.1f} MB  ({max2 - max1:+.1f} MB)")
    (cur1, peak1), (cur2, peak2) = heap["first"], heap["all"]
    print(f"  Python-heap kvar:       {cur1:7.2f} MB → {cur2:7.2f} MB  ({cur2 - cur1:+.2f} MB)")
    print(f"  Python-heap topp:       {peak1:7.2f} MB → {peak2:7.2f} MB  ({peak2 - peak1:+.2f} MB)")
    grows = cur2 - cur1 > HEAP_SLACK_MB or rss2 - rss1 > RSS_SLACK_MB
    print(f"  minnet {'VÄXER' if grows else 'växer inte'} med antalet filer"
          f" (gräns: heap +{HEAP_SLACK_MB} MB, RSS +{RSS_SLACK_MB} MB)")
    print()
    print(f"Total tid: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
