"""HTML → tagged PDF/A-2b with WeasyPrint (DESIGN §6: PDF/A-2b and tagging together; PDF/UA
cannot be declared at the same time).

Title, author (the secretary) and language come from the HTML ``<title>``, ``<meta
name=author>`` and ``<html lang>``; WeasyPrint writes them to the Info dictionary and XMP.
"""

from __future__ import annotations

from kansli.minutes.model import Minutes

from .html import render_extract_html, render_minutes_html, render_notice_of_meeting_html

__all__ = ["PDF_VARIANT", "extract_pdf", "minutes_pdf", "notice_of_meeting_pdf", "render_pdf"]

PDF_VARIANT = "pdf/a-2b"


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render an HTML document (as produced by :mod:`kansli.writing.html`) to PDF/A-2b bytes.

    The documents embed their stylesheet and reference no external resources; ``base_url`` is
    only needed for HTML that links images or styles relatively.
    """
    from weasyprint import HTML  # imported lazily: it loads pango/harfbuzz

    return HTML(string=html, base_url=base_url).write_pdf(
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        # A stable identifier is not wanted: every rendering is a new file.
    )


def minutes_pdf(minutes: Minutes, *, draft: bool = False, mask_secret: bool = False) -> bytes:
    """The protokoll as PDF/A-2b."""
    return render_pdf(render_minutes_html(minutes, draft=draft, mask_secret=mask_secret))


def extract_pdf(minutes: Minutes, number: int, *, mask_secret: bool = False) -> bytes:
    """A protokollsutdrag of § ``number`` as PDF/A-2b. Raises ``KeyError`` for an unknown §."""
    return render_pdf(render_extract_html(minutes, number, mask_secret=mask_secret))


def notice_of_meeting_pdf(minutes: Minutes) -> bytes:
    """The kallelse with föredragningslista as PDF/A-2b."""
    return render_pdf(render_notice_of_meeting_html(minutes))
