"""PDF or text file → pages of text, with a quality check per page.

pypdfium2 gives text in content-stream order (a page header may come after the body); the
parsers downstream never rely on the order of page furniture. Text files extracted from PDFs
separate pages with form feeds when they can; without them the whole text is one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import quality
from .quality import is_garbled, non_word_share, word_is_plausible  # noqa: F401 - re-exported

# pdfium marks soft hyphens / hyphenation points with U+FFFE; U+00AD is the soft hyphen
# (dropped one by one with str.replace: much faster than str.translate on non-ASCII text)
_INVISIBLE = ("\ufffe", "\u00ad", "\x02", "\ufeff", "\u200b", "\r", "\x00")
_BROKEN_HYPHEN = re.compile(r"(?<=\w)\ufffe\s*(?=[A-ZÅÄÖÉÜ])")
_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f]+")


@dataclass
class Page:
    number: int  # 1-based
    text: str
    garbled: bool = False
    empty: bool = False
    quality: quality.PageQuality | None = None  # the verdict on the text layer
    ocr: bool = False  # the text comes from OCR, not from the text layer


@dataclass
class Extraction:
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def normalise(text: str) -> str:
    # pdfium writes U+FFFE for a hyphen where a line was broken: a real hyphen before a
    # capital ("Bergström-Lund"), a soft one inside a word
    if "\ufffe" in text:
        text = _BROKEN_HYPHEN.sub("-", text)
    # "\r\n" → "\n" is the same as dropping every "\r"
    for ch in _INVISIBLE:
        if ch in text:
            text = text.replace(ch, "")
    return _SPACES.sub(" ", text)


def pages_from_text(text: str) -> list[Page]:
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts = parts[:-1]
    return [_page(i + 1, p) for i, p in enumerate(parts or [""])]


def _page(number: int, raw: str, pdf_page=None) -> Page:  # noqa: ANN001 - pypdfium2 PdfPage
    text = normalise(raw)
    chars = quality.visible_chars(text)
    cover = ink = None
    if pdf_page is not None and chars < quality.SPARSE_CHARS:
        try:
            cover = quality.image_cover(pdf_page)
            if chars < 15:  # a scan, a picture of text, text as outlines, or blank?
                ink = quality.ink_share(pdf_page)
        except Exception:  # noqa: BLE001 - a page pdfium cannot measure is judged by its text
            cover = ink = None
    verdict = quality.assess(number, text, image_cover=cover, ink=ink, chars=chars)
    return Page(number, text, garbled=verdict.verdict == quality.GARBLED, empty=chars < 15,
                quality=verdict)


def pages_from_pdf(source: str | bytes, name: str) -> Extraction:
    """The pages of a PDF, from its path or from its bytes (when the caller has read the file
    already, pdfium then need not read it again)."""
    import pypdfium2 as pdfium

    out = Extraction()
    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            out.error = f"{name}: PDF-filen är krypterad (lösenordsskyddad) och kan inte läsas."
        elif "format" in msg or "file" in msg:
            out.error = f"{name}: filen är ingen läsbar PDF ({exc})."
        else:
            out.error = f"{name}: PDF-filen kunde inte öppnas ({exc})."
        return out
    except Exception as exc:  # noqa: BLE001 - any failure of the library is reported, not raised
        out.error = f"{name}: PDF-filen kunde inte öppnas ({exc})."
        return out
    try:
        for i in range(len(pdf)):
            page = None
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                raw = textpage.get_text_range()
                textpage.close()
            except Exception:  # noqa: BLE001
                raw = ""
            out.pages.append(_page(i + 1, raw, page))
            if page is not None:
                page.close()
    finally:
        pdf.close()
    if not out.pages:
        out.error = f"{name}: PDF-filen har inga sidor."
    # pages without a text layer are not an error here: OCR may read them (see api.read_file)
    return out
