"""Fictional documents for the import tests, as text and as generated PDFs (WeasyPrint)."""

from __future__ import annotations

import html
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURE_PDFS = SHARED / "fixtures" / "pdf"


def protokoll_text(body: str = "Kultur- och fritidsnämnden", date: str = "2025-03-12",
                   first: int = 14, count: int = 3) -> str:
    """A small fictional protokoll of Provköpings kommun in the layout of real ones."""
    numbers = range(first, first + count)
    paragraphs = "\n".join(
        f"""§ {n}

Ärende nummer {n} om biblioteket och simhallen
KFN/2025:{n:05d}

Beslut

{body} beslutar att godkänna förvaltningens förslag i ärende {n}.

Sammanfattning

Förvaltningen har utrett frågan och föreslår att nämnden godkänner förslaget.

Beslutet skickas till
Kultur- och fritidsförvaltningen
"""
        for n in numbers
    )
    return f"""Provköpings kommun
Sammanträdesprotokoll för {body.lower()} 2025

Datum och tid: {date} kl. 18:00-19:30
Plats: Stadshuset, sal Ekoxen

Utses att justera Per Holm (M)
Justering: 2025-03-19
Sekreterare: Lisa Berg § {first} - {first + count - 1}
Ordförande: Anna Lind (S)
Justerare: Per Holm (M)

Närvarolista

Ledamöter
Anna Lind (S), ordförande
Per Holm (M), 1:e vice ordförande
Karin Sjö (S), ledamot
Olle Ek (C), ledamot
Mona Åberg (V), tjänstgörande ersättare

Ersättare
Sven Dal (S)

Övriga deltagare
Lisa Berg, sekreterare

{paragraphs}
"""


def pdf_from_text(text: str) -> bytes:
    """A PDF with a real text layer: each line of ``text`` a paragraph, form feeds → pages."""
    import weasyprint

    pages = []
    for page in text.split("\f"):
        lines = "".join(f"<p>{html.escape(line) or '&nbsp;'}</p>" for line in page.split("\n"))
        pages.append(f'<section style="page-break-after: always">{lines}</section>')
    doc = (
        "<html><head><style>@page { size: A4; margin: 2cm } "
        "p { margin: 0; font: 11pt 'DejaVu Sans' }</style></head><body>"
        + "".join(pages)
        + "</body></html>"
    )
    return weasyprint.HTML(string=doc).write_pdf()
