"""The project's own layout texts (tests/reading/layouts) as real PDFs: each form-feed page
set in a monospaced font on an A4 page by WeasyPrint, so that the importer reads them through
pypdfium2's text layer — single spaces where the text had columns, as in published PDFs."""

from __future__ import annotations

import html
from pathlib import Path


def layout_pdf(text: str, target: Path) -> Path:
    from weasyprint import HTML

    pages = "".join(f'<div style="break-after: page"><pre>{html.escape(p)}</pre></div>'
                    for p in text.split("\f"))
    style = "@page { size: A4; margin: 15mm } pre { font: 7.5pt 'DejaVu Sans Mono' }"
    HTML(string=f"<html><head><style>{style}</style></head><body>{pages}</body></html>").write_pdf(target)
    return target
