"""Is a page's text layer usable? A per-page verdict made before any parsing.

Three kinds of broken page are common in municipal archives:

* **scanned** pages: an image with no text layer, or only a stamp added later ("Bilaga … § 191");
  the page has ink that its text does not explain;
* **garbled** text layers: the page looks perfect but a broken font encoding turns its text into
  swapped letters ("Förgdrggnnngslnsagn"), spaces into letters and wrong digits ("27.6n8.7");
* **symbol soup**: replacement characters, private-use code points or ``(cid:12)`` escapes.

The checks are cheap: letter-trigram plausibility of the lower-case words (the share of words
that cannot be Swedish), a few character statistics, and, only for a page with little text, the
share of the page under images (from the page objects, nothing decoded) and, on a page without
text, the share of dark pixels in a coarse rendering. A page with Finnish or English text may look
garbled too; OCR is then tried and kept only when it reads better (see :mod:`.api`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

GOOD = "good"  # a usable text layer
BLANK = "blank"  # no text and (as far as we know) no ink: nothing to read
GARBLED = "garbled"  # text layer present but scrambled
NO_TEXT = "no_text"  # no text layer on a page with ink (a scan or a picture of text)
SPARSE = "sparse"  # a little text (a stamp, a page number) on a page with much more ink

#: Swedish words for the verdicts, as printed in the import summary.
VERDICT_NAMES = {
    GOOD: "gott textlager",
    BLANK: "tom sida",
    GARBLED: "förvanskat textlager",
    NO_TEXT: "saknar textlager (inskannad?)",
    SPARSE: "nästan bara bild (inskannad?)",
}

#: Below this many non-space characters a page's text is "sparse": if images cover at least
#: :data:`IMAGE_COVER` of it, the text is a stamp or a caption on a scan or a picture of text.
SPARSE_CHARS = 400
IMAGE_COVER = 0.3
#: A page with no text but this share of dark pixels (24 dpi) carries something to read: text
#: drawn as outlines, for instance. A logo and a rule alone stay below (≈ 0.5 %).
INK_NO_TEXT = 0.012
INK_ANY = 0.001


@dataclass(frozen=True)
class PageQuality:
    """The verdict on one page's text layer and the figures it rests on."""

    number: int
    verdict: str
    chars: int = 0  # non-space characters in the text layer
    words: int = 0  # lower-case words of four letters or more
    non_words: float = 0.0  # share of those words that cannot be Swedish
    junk: float = 0.0  # share of characters that are replacement/private-use/control
    image_cover: float | None = None  # share under images, measured for pages with little text
    ink: float | None = None  # dark-pixel share, measured for pages without text

    @property
    def needs_ocr(self) -> bool:
        return self.verdict in (GARBLED, NO_TEXT, SPARSE)

    @property
    def name(self) -> str:
        return VERDICT_NAMES[self.verdict]


# --- words -------------------------------------------------------------------------------------

@cache
def _trigrams() -> frozenset[str]:
    data = resources.files(__package__).joinpath("data/sv_trigrams.txt").read_text("utf-8")
    return frozenset(line for line in data.splitlines() if line and not line.startswith("#"))


# a whole word of lower-case letters: the same as (?<!\w)[a-zåäöé]{4,}(?!\w), but \b is
# tested without a look-behind at every position, which is about twice as fast
_WORD = re.compile(r"\b[a-zåäöé]{4,}\b")
# A broken encoding turns the dash of a range into a letter: "27.6n8.7", "1n9", "5nmånaders"
_DIGIT_LETTER_DIGIT = re.compile(r"(?<![\w])\d{1,2}(?:\.\d{1,2})?[a-zåäö]\d{1,2}(?:\.\d{1,2})?(?![\w])"
                                 r"|(?<![\w])\d[nq][a-zåäö]{4,}")
# Letter pairs Swedish does not have, which one common broken encoding (l → j, ä → v) makes:
# "protokojjet", "föjjande", "vvllvrdsnvmnden" ("tjejjouren" and "avveckla" are Swedish)
_BAD_PAIRS = re.compile(r"(?<![\W\d_])\w*?(?:[^\We]jj|\bvv|vv[^\Waeiouyåäös])\w*")
# only a word holding "jj" or "vv" can have a bad pair: each is found once, from its first
# letter, and only those words are given to _BAD_PAIRS (whose lazy \w*? tried from every
# letter of every word is quadratic in the word's length)
_PAIR_WORD = re.compile(r"\b\w*?(?:jj|vv)\w*")
_JUNK = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]|\(cid:\d+\)")
# the same, counted in two passes that the regex engine runs much faster: runs of junk
# characters, and "(cid:N)" escapes (which share no character with them)
_JUNK_CHARS = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]+")
_CID = re.compile(r"\(cid:\d+\)")


def word_is_plausible(word: str) -> bool:
    """Could ``word`` (lower case) be Swedish? At least 3/4 of its letter trigrams, with word
    boundaries, occur in Swedish municipal text."""
    return _plausible(word)


# every page asks about the same common words again: remember the answers, but only for a
# bounded number of words, so that memory does not grow with the number of files read
@lru_cache(maxsize=1 << 15)
def _plausible(word: str) -> bool:
    tri = _trigrams()
    p = f"_{word}_"
    n = len(p) - 2
    return sum([p[i:i + 3] in tri for i in range(n)]) >= 0.75 * n


def non_word_share(text: str) -> tuple[float, int]:
    """Share of lower-case words whose letter trigrams do not look Swedish, and the count."""
    words = _WORD.findall(text)
    if not words:
        return 0.0, 0
    bad = len(words) - sum(map(_plausible, words))
    return bad / len(words), len(words)


def visible_chars(text: str) -> int:
    """Non-space characters in ``text`` (``\\s`` and :meth:`str.split` agree on what a space
    is)."""
    return sum(map(len, text.split()))


def _bad_pairs(text: str) -> int:
    """How many matches ``_BAD_PAIRS.findall(text.lower())`` has: a match never leaves its
    word, and only words with "jj" or "vv" can hold one."""
    low = text.lower()
    if "jj" not in low and "vv" not in low:
        return 0
    return sum(1 for m in _PAIR_WORD.finditer(low)
               if _BAD_PAIRS.search(low, m.start(), m.end()))


def is_garbled(text: str) -> bool:
    """Does this text look scrambled (many non-words, letters where dashes should be, symbol
    soup)? Short texts need a clearer signal than long ones."""
    share, count = non_word_share(text)
    return _garbled(share, count, text, _junk_share(text))


def _junk_share(text: str, visible: int | None = None) -> float:
    if visible is None:
        visible = visible_chars(text)
    if not visible:
        return 0.0
    junk = sum(map(len, _JUNK_CHARS.findall(text)))
    if "(cid:" in text:
        junk += sum(map(len, _CID.findall(text)))
    return junk / visible


def _garbled(share: float, count: int, text: str, junk: float) -> bool:
    if junk >= 0.05:
        return True
    if _bad_pairs(text) >= 2:
        return True
    # one unknown word (a name, an inflection the trigrams lack) on a short page is not enough
    if count >= 8 and share >= 0.12 and round(share * count) >= 2:
        return True
    if 3 <= count < 8 and share >= 0.34:
        return True
    # a partly broken encoding: fewer non-words, but dashes turned into letters
    return count >= 8 and share >= 0.06 and len(_DIGIT_LETTER_DIGIT.findall(text)) >= 2


# --- ink ---------------------------------------------------------------------------------------

def image_cover(page) -> float:  # noqa: ANN001 - a pypdfium2 PdfPage
    """Share of the page covered by images (capped at 1), from the page objects' bounds: no
    image is decoded. Images inside form XObjects count down to the third level.

    Walks the objects with pdfium's own calls: ``page.get_objects()`` makes a Python object
    with a finaliser for every object on the page, which took three times as long."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    area = 0.0
    left, bottom, right, top = (pdfium_c.FS_FLOAT() for _ in range(4))
    image, form = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM

    def walk(parent, count, get, level: int) -> None:  # noqa: ANN001 - pdfium handles
        nonlocal area
        n = count(parent)
        if n < 0:
            raise RuntimeError("pdfium could not count the page objects")
        for i in range(n):
            obj = get(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj) if obj else pdfium_c.FPDF_PAGEOBJ_UNKNOWN
            if kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
                raise RuntimeError("pdfium could not read a page object")
            if kind == image:
                if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                    raise RuntimeError("pdfium could not place an image")
                x0, y0 = max(left.value, 0), max(bottom.value, 0)
                x1, y1 = min(right.value, width), min(top.value, height)
                if x1 > x0 and y1 > y0:
                    area += (x1 - x0) * (y1 - y0)
            elif kind == form and level < 2:
                walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject,
                     level + 1)

    walk(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)
    return min(1.0, area / max(1.0, width * height))


def ink_share(page) -> float:  # noqa: ANN001 - a pypdfium2 PdfPage
    """Share of dark pixels of a pypdfium2 page rendered at 24 dpi in grey (a few ms, some
    tens of ms with a full-page scan; measured only on pages without text)."""
    image = page.render(scale=1 / 3, grayscale=True).to_pil()
    histogram = image.histogram()
    width, height = image.size
    return sum(histogram[:160]) / max(1, width * height)


# --- the verdict -------------------------------------------------------------------------------

def assess(number: int, text: str, *, image_cover: float | None = None,
           ink: float | None = None, chars: int | None = None) -> PageQuality:
    """The verdict on one page: ``text`` is its normalised text layer; ``image_cover`` the share
    of the page under images and ``ink`` the dark-pixel share, when they were measured (only
    pages with fewer than :data:`SPARSE_CHARS` characters need them); ``chars`` its
    :func:`visible_chars`, when the caller has counted them already."""
    if chars is None:
        chars = visible_chars(text)
    share, count = non_word_share(text)
    junk = _junk_share(text, chars)
    common = {"chars": chars, "words": count, "non_words": round(share, 3),
              "junk": round(junk, 3),
              "image_cover": None if image_cover is None else round(image_cover, 3),
              "ink": None if ink is None else round(ink, 4)}
    pictured = image_cover is not None and image_cover >= IMAGE_COVER
    if chars < 15:
        # a scanned page needs only a little ink to hold a line of text; a blank scan has none
        if (pictured and (ink is None or ink >= INK_ANY)) or (ink is not None and ink >= INK_NO_TEXT):
            return PageQuality(number, NO_TEXT, **common)
        return PageQuality(number, BLANK, **common)
    if _garbled(share, count, text, junk):
        return PageQuality(number, GARBLED, **common)
    if pictured and chars < SPARSE_CHARS:
        return PageQuality(number, SPARSE, **common)
    return PageQuality(number, GOOD, **common)


def page_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 7]`` → ``"1–3, 7"``."""
    out: list[list[int]] = []
    for n in sorted(set(numbers)):
        if out and n == out[-1][1] + 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in out)


def summary(qualities: list[PageQuality], ocr_pages: list[int] | None = None) -> str:
    """One Swedish line on a file's pages: how many are good, which are not, which were OCR'd."""
    total = len(qualities)
    parts = [f"{total} {'sida' if total == 1 else 'sidor'}"]
    good = sum(q.verdict == GOOD for q in qualities)
    parts.append(f"{good} med gott textlager")
    for verdict in (GARBLED, NO_TEXT, SPARSE, BLANK):
        pages = [q.number for q in qualities if q.verdict == verdict]
        if pages:
            parts.append(f"{len(pages)} {VERDICT_NAMES[verdict]} (s. {page_ranges(pages)})")
    text = ", ".join(parts)
    if ocr_pages:
        text += f"; OCR-tolkade: s. {page_ranges(ocr_pages)}"
    return text
