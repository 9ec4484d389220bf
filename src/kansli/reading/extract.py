"""PDF or text file → pages of text, with a quality check per page.

pypdfium2 gives text in content-stream order (a page header may come after the body); the
parsers downstream never rely on the order of page furniture. Text files extracted from PDFs
separate pages with form feeds when they can; without them the whole text is one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# pdfium marks soft hyphens / hyphenation points with U+FFFE; U+00AD is the soft hyphen
_INVISIBLE = str.maketrans({"\ufffe": None, "\u00ad": None, "\x02": None, "\ufeff": None,
                            "\u200b": None, "\r": None, "\x00": None})
_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f]+")


@dataclass
class Page:
    number: int  # 1-based
    text: str
    garbled: bool = False
    empty: bool = False


@dataclass
class Extraction:
    pages: list[Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def normalise(text: str) -> str:
    # pdfium writes U+FFFE for a hyphen where a line was broken: a real hyphen before a
    # capital ("Bergström-Lund"), a soft one inside a word
    text = re.sub(r"(?<=\w)\ufffe\s*(?=[A-ZÅÄÖÉÜ])", "-", text)
    text = text.replace("\r\n", "\n").translate(_INVISIBLE)
    return _SPACES.sub(" ", text)


def pages_from_text(text: str) -> list[Page]:
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts = parts[:-1]
    return [_page(i + 1, p) for i, p in enumerate(parts or [""])]


def _page(number: int, raw: str) -> Page:
    text = normalise(raw)
    empty = len(re.sub(r"\s", "", text)) < 15
    return Page(number, text, garbled=not empty and is_garbled(text), empty=empty)


def pages_from_pdf(path: str, name: str) -> Extraction:
    import pypdfium2 as pdfium

    out = Extraction()
    try:
        pdf = pdfium.PdfDocument(path)
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
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                raw = textpage.get_text_range()
                textpage.close()
                page.close()
            except Exception:  # noqa: BLE001
                raw = ""
            out.pages.append(_page(i + 1, raw))
    finally:
        pdf.close()
    if not out.pages:
        out.error = f"{name}: PDF-filen har inga sidor."
        return out
    empty = [p.number for p in out.pages if p.empty]
    if len(empty) == len(out.pages):
        out.error = (f"{name}: PDF-filen saknar textlager (inskannad?); "
                     "text kan inte läsas utan OCR.")
        return out
    if empty and len(empty) > len(out.pages) / 2:
        out.warnings.append(f"{name}: sidorna {_pages(empty)} saknar text (inskannade eller bilder).")
    return out


def _pages(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


# --- quality ---------------------------------------------------------------------------------

@cache
def _trigrams() -> frozenset[str]:
    data = resources.files(__package__).joinpath("data/sv_trigrams.txt").read_text("utf-8")
    return frozenset(line for line in data.splitlines() if line and not line.startswith("#"))


_WORD = re.compile(r"(?<![\w])[a-zåäöé][a-zåäöé]{3,}(?![\w])")


def word_is_plausible(word: str) -> bool:
    tri = _trigrams()
    p = f"_{word}_"
    grams = [p[i:i + 3] for i in range(len(p) - 2)]
    return sum(g in tri for g in grams) >= 0.75 * len(grams)


def non_word_share(text: str) -> tuple[float, int]:
    """Share of lower-case words whose letter trigrams do not look Swedish, and the count."""
    words = _WORD.findall(text)
    if not words:
        return 0.0, 0
    bad = sum(not word_is_plausible(w) for w in words)
    return bad / len(words), len(words)


def is_garbled(text: str) -> bool:
    share, count = non_word_share(text)
    return count >= 8 and share >= 0.12
