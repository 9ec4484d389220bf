"""OCR of PDF pages whose text layer is missing or broken: pypdfium2 renders, Tesseract reads.

Each page is rendered in grey (300 dpi by default) and read by Tesseract with its Swedish model
through pytesseract, as words with their boxes. The words are put back into lines the way a PDF
text layer reads: Tesseract's lines, then lines side by side at the same height joined into one
row (a label and its value, a two-column attendance list "[X] Namn … [X] Namn"), rows from top
to bottom. The text then goes through the same parsers as any other text.

Tesseract's Swedish model has no "§" (it reads "5 §" as "58", "5$" or "5&"): words that may
hide one get a second opinion from the English model, which has it — all such words of a page
cut out and read in one call. Check boxes ("[X]", "[ ]") are normalised.

Pages are read in parallel in a process pool (one Tesseract per core, each single-threaded),
with a progress bar. The Tesseract program is ``tesseract`` on the PATH, or the path in the
environment variable :data:`TESSERACT_ENV`; :func:`tesseract_problem` says in Swedish what is
missing when it cannot run or has no Swedish model.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from .quality import word_is_plausible

TESSERACT_ENV = "KANSLI_TESSERACT"
LANGUAGE = "swe"
SECTION_LANGUAGE = "eng"  # has "§"; used only for a second opinion on single words
DPI = 300
MIN_CONFIDENCE = 15  # words Tesseract is less sure of are noise from logos and pictures


class OcrMode(enum.StrEnum):
    """When pages are read with OCR: ``auto`` only pages without a usable text layer,
    ``always`` every page of a PDF, ``never`` none."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"

    @classmethod
    def parse(cls, value: str | OcrMode) -> OcrMode:
        if isinstance(value, OcrMode):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(
                f"okänt OCR-läge ”{value}”; välj auto, always eller never") from None


@dataclass
class OcrPage:
    number: int  # 1-based
    text: str = ""
    words: int = 0
    confidence: float = 0.0  # mean word confidence, 0–100
    seconds: float = 0.0
    error: str | None = None


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int] = (0, 0, 0)  # Tesseract's (block, paragraph, line)

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass
class OcrRun:
    pages: dict[int, OcrPage] = field(default_factory=dict)
    seconds: float = 0.0
    workers: int = 1


# --- is Tesseract there? -------------------------------------------------------------------------

def tesseract_command() -> str:
    return os.environ.get(TESSERACT_ENV) or "tesseract"


_CHECKED: dict[str, str | None] = {}


def tesseract_problem(command: str | None = None) -> str | None:
    """``None`` when Tesseract runs and has the Swedish model; else what is wrong, in Swedish,
    with what to do. The answer is remembered per program path and model folder."""
    cmd = command or tesseract_command()
    key = f"{cmd}\0{os.environ.get('TESSDATA_PREFIX', '')}"
    if key in _CHECKED:
        return _CHECKED[key]
    problem: str | None = None
    found = shutil.which(cmd)
    if found is None:
        problem = (f"OCR går inte att köra: programmet Tesseract ({cmd}) hittades inte. "
                   "Installera Debian-paketen tesseract-ocr och tesseract-ocr-swe (./dev gör det) "
                   f"eller ange programmets sökväg i miljövariabeln {TESSERACT_ENV}.")
    else:
        try:
            out = subprocess.run([found, "--list-langs"], capture_output=True, text=True,
                                 timeout=30, check=False)
            langs = {ln.strip() for ln in (out.stdout + out.stderr).splitlines()}
            if out.returncode != 0 and not langs:
                problem = (f"OCR går inte att köra: Tesseract ({cmd}) startar inte "
                           f"(slutkod {out.returncode}).")
            elif LANGUAGE not in langs:
                problem = ("OCR går inte att köra: Tesseracts svenska språkmodell (swe) saknas. "
                           "Installera Debian-paketet tesseract-ocr-swe (./dev gör det).")
        except (OSError, subprocess.SubprocessError) as exc:
            problem = f"OCR går inte att köra: Tesseract ({cmd}) startar inte ({exc})."
    _CHECKED[key] = problem
    return problem


def _has_language(cmd: str, lang: str) -> bool:
    try:
        out = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=30,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return lang in {ln.strip() for ln in out.stdout.splitlines()}


# --- one page ----------------------------------------------------------------------------------

def render(path: str, number: int, dpi: int = DPI):  # noqa: ANN201 - a PIL image
    """Page ``number`` (1-based) of the PDF at ``path`` as a grey PIL image."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[number - 1]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        page.close()
        return image
    finally:
        pdf.close()


def read_words(image, cmd: str, lang: str = LANGUAGE, psm: int = 3) -> list[Word]:  # noqa: ANN001
    """Tesseract's words with their boxes and confidence (pytesseract ``image_to_data``)."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = cmd
    data = pytesseract.image_to_data(image, lang=lang, config=f"--psm {psm}",
                                     output_type=pytesseract.Output.DICT)
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if data["level"][i] != 5 or not text:
            continue
        words.append(Word(text, int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
                          int(data["height"][i]), float(data["conf"][i]),
                          (int(data["block_num"][i]), int(data["par_num"][i]),
                           int(data["line_num"][i]))))
    return words


# A word that may be a misread "§" (the Swedish model has none): "58", "5$", "5&", "8", "$",
# "§12" read as "812" or "$12"; at most five characters.
_SECTION_SUSPECT = re.compile(r"^(?:\d{1,4}[8$&S]{1,2}|5?[8$&S]{1,2}\d{0,4}|\d{1,3}-\d{1,3}[8$&S]{1,2}"
                              r"|[$&])[.,:;)]?$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


_SECTION_READING = re.compile(r"^(?:\d{1,4}(?:-\d{1,4})?\s?§{1,2}|§{1,2}\s?\d{0,4})[.,:;)]?$")


def second_opinion_sections(image, words: list[Word], cmd: str) -> int:  # noqa: ANN001
    """Read every word that may hide a "§" again with the English model, and take its reading
    where it is a "§" (alone or with a number) with the same digits. All such words of a page
    are cut out and read together, twice — side by side as one line, and stacked as a column
    (each way misreads a different few) — the first "§" reading wins. Returns how many words
    changed."""
    suspects = [w for w in words if _SECTION_SUSPECT.match(w.text)][:60]
    if not suspects:
        return 0
    crops = []
    for w in suspects:
        px, py = max(4, w.height // 3), max(3, w.height // 5)
        crops.append(image.crop((max(0, w.left - px), max(0, w.top - py),
                                 min(image.width, w.right + px), min(image.height, w.bottom + py))))
    readings: list[list[str]] = [[] for _ in suspects]
    for across in (True, False):
        try:
            for k, text in enumerate(_read_crops(crops, cmd, across)):
                readings[k].append(text)
        except Exception:  # noqa: BLE001 - no second opinion is no worse than the first
            continue
    changed = 0
    for w, texts in zip(suspects, readings, strict=True):
        for other in texts:
            if not _SECTION_READING.match(other):
                continue
            mine, theirs = _digits(w.text), _digits(other)
            if theirs and theirs not in mine:
                continue
            w.text = other
            changed += 1
            break
    return changed


_ROLE_WORD = re.compile(r"(?i)^(?:ordförande|ledamot|ersättare|tjänstgörande|1:e|2:e|vice)$")


def second_opinion_parties(image, words: list[Word], cmd: str) -> int:  # noqa: ANN001
    """A party's letters alone in an attendance column ("Britt Ekdahl L ledamot") are read
    without context and come out as another letter ("E"). Letters that are no party, standing
    before a role, get a second reading from the English model; a known party wins."""
    from .participants import PARTIES

    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    suspects: list[Word] = []
    for ws in by_line.values():
        ws.sort(key=lambda w: w.left)
        for k, w in enumerate(ws[:-1]):
            core = w.text.strip("()")
            if re.fullmatch(r"[A-ZÅÄÖ]{1,3}", core) and core not in PARTIES and k >= 2 \
                    and _ROLE_WORD.match(ws[k + 1].text):
                suspects.append(w)
    if not suspects:
        return 0
    crops = []
    for w in suspects[:30]:
        px, py = max(6, w.height // 2), max(3, w.height // 5)
        crops.append(image.crop((max(0, w.left - px), max(0, w.top - py),
                                 min(image.width, w.right + px), min(image.height, w.bottom + py))))
    try:
        readings = _read_crops(crops, cmd, across=True)
    except Exception:  # noqa: BLE001 - no second opinion is no worse than the first
        return 0
    changed = 0
    for w, other in zip(suspects, readings, strict=False):
        other = other.strip("()|. ")
        if other in PARTIES:
            w.text = w.text.replace(w.text.strip("()"), other)
            changed += 1
    return changed


def _read_crops(crops: list, cmd: str, across: bool) -> list[str]:
    """The English model's reading of each crop: pasted on one sheet, in a row (one text line,
    ``--psm 7``) or in a column (``--psm 6``), mapped back by position."""
    from PIL import Image

    gap = 60 if across else 40
    if across:
        height = max(c.height for c in crops) + 2 * gap
        sheet = Image.new("L", (sum(c.width for c in crops) + gap * (len(crops) + 1), height), 255)
    else:
        sheet = Image.new("L", (max(c.width for c in crops) + 2 * gap,
                                sum(c.height for c in crops) + gap * (len(crops) + 1)), 255)
    slots: list[tuple[int, int]] = []
    at = gap
    for crop in crops:
        if across:
            sheet.paste(crop, (at, (height - crop.height) // 2))
            slots.append((at, at + crop.width))
            at += crop.width + gap
        else:
            sheet.paste(crop, (gap, at))
            slots.append((at, at + crop.height))
            at += crop.height + gap
    found: dict[int, list[Word]] = {}
    for r in read_words(sheet, cmd, SECTION_LANGUAGE, psm=7 if across else 6):
        centre = r.left + r.width / 2 if across else r.top + r.height / 2
        for k, (a, b) in enumerate(slots):
            if a - gap / 2 <= centre <= b + gap / 2:
                found.setdefault(k, []).append(r)
                break
    key = (lambda r: r.left) if across else (lambda r: (r.top, r.left))
    return [" ".join(r.text for r in sorted(found.get(k, []), key=key))
            for k in range(len(crops))]


def layout(words: Iterable[Word]) -> str:
    """Words → text lines as a PDF text layer gives them: Tesseract's lines; lines whose height
    overlaps joined left to right into one row; rows top to bottom."""
    words = list(words)
    typical = _typical_height(words)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    for ws in lines.values():
        ws.sort(key=lambda w: w.left)
    contents = sum(_leader_span(ws, typical) is not None or any(w.text == LEADER for w in ws)
                   for ws in lines.values()) >= 2
    segments = []
    for ws in lines.values():
        ws = _leaders(ws, typical)
        if contents:
            ws = _unseen_leader(ws)
        ws = [w for w in ws if _keep(w)]
        if not ws:
            continue
        top = min(w.top for w in ws)
        bottom = max(w.bottom for w in ws)
        # the height of a line is its letters', not its tallest junk's
        heights = sorted(w.height for w in ws)
        mid = heights[len(heights) // 2]
        centre = sorted(w.top + w.height / 2 for w in ws)[len(ws) // 2]
        segments.append({"top": top, "bottom": bottom, "centre": centre, "height": mid,
                         "left": ws[0].left, "text": " ".join(w.text for w in ws)})
    segments.sort(key=lambda s: (s["centre"], s["left"]))
    rows: list[list[dict]] = []
    for seg in segments:
        placed = False
        for row in reversed(rows[-4:]):
            centre = sum(s["centre"] for s in row) / len(row)
            height = max(min(s["height"] for s in row), seg["height"])
            if abs(seg["centre"] - centre) <= 0.45 * height:
                row.append(seg)
                placed = True
                break
        if not placed:
            rows.append([seg])
    rows.sort(key=lambda row: min(s["centre"] for s in row))
    text = "\n".join(" ".join(s["text"] for s in sorted(row, key=lambda s: s["left"]))
                     for row in rows)
    return tidy(text)


LEADER = ". . . . . . . ."


def _wordlike(text: str) -> bool:
    core = text.strip(".,:;()«»")
    return len(core) >= 4 and core.isalpha() and word_is_plausible(core.lower())


def _keep(w: Word) -> bool:
    """Words Tesseract is unsure of are mostly noise from logos and pictures, but a long word
    in a bold heading can score low too ("Verksamhetsberättelse" at 6), and so can a party's
    letter alone in its column ("L"): keep what could be Swedish or a party."""
    if w.conf >= MIN_CONFIDENCE or "§" in w.text or _SECTION_SUSPECT.match(w.text):
        return True
    return _wordlike(w.text) or bool(re.fullmatch(r"\(?[A-ZÅÄÖ]{1,3}\)?", w.text))


def _typical_height(words: Iterable[Word]) -> int:
    heights = sorted(w.height for w in words if w.conf >= 50) or [0]
    return heights[len(heights) // 2]


def _leader_span(ws: list[Word], typical: int) -> tuple[int, int] | None:
    """Where in a line (sorted by position) a dot leader lies, as word indices, or None."""
    if not typical:
        return None
    low = [k for k, w in enumerate(ws) if w.height < 0.35 * typical and len(w.text) > 1]
    if not low:
        return None
    first, last = low[0], low[-1]
    # unsure scraps on either side of the dots belong to them; words stay
    while first > 0 and ws[first - 1].conf < 50 and not _wordlike(ws[first - 1].text):
        first -= 1
    # after the dots comes only the page number ("sida 3"): anything unsure there is scraps
    while last + 1 < len(ws) and ws[last + 1].conf < 50:
        last += 1
    return first, last


def leader_boxes(words: list[Word]) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) around the dot leaders of a page, dots only: white
    them out and the titles before them read cleanly."""
    typical = _typical_height(words)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    boxes = []
    for ws in lines.values():
        ws.sort(key=lambda w: w.left)
        found = _leader_span(ws, typical)
        if found is None:
            continue
        first, last = found
        dots = [w for w in ws if w.height < 0.35 * typical and len(w.text) > 1]
        left = max(dots[0].left, ws[first - 1].right + 2) if first > 0 else dots[0].left
        span = ws[first:last + 1]
        bottom = max(w.bottom for w in span)
        boxes.append((left, min(min(w.top for w in span), bottom - typical) - 2,
                      max(w.right for w in span) + 2, bottom + 4))
    return boxes


def _leader_word(words: list[Word], box: tuple[int, int, int, int], typical: int,
                 k: int) -> Word:
    """A leader word for a whited-out box, in the line of the title it follows."""
    a, b, c, d = box
    top = max(b, d - 4 - typical)
    beside = [w for w in words if w.right <= a + 4 and top - typical / 2
              <= w.top + w.height / 2 <= d + typical / 2]
    line = max(beside, key=lambda w: w.right).line if beside else (-1, k, 0)
    return Word(LEADER, a, top, c - a, typical, 99.0, line)


def _unseen_leader(ws: list[Word]) -> list[Word]:
    """On a page of contents, a line "§ 15 Titel <scraps> sida 6" whose dots Tesseract read as
    letters of normal height: the unsure words before "sida 6" were the dots."""
    if len(ws) < 4 or any(w.text == LEADER for w in ws) or not ws[-1].text.isdigit() \
            or ws[-2].text.lower() != "sida" or not any("§" in w.text for w in ws[:3]):
        return ws
    k = len(ws) - 2
    # even a word-like reading is a guess there ("reser" for ". . ."): a title cut short
    # loses to the § heading's own, a wrong word might not
    while k > 2 and ws[k - 1].conf < 60:
        k -= 1
    left = ws[k - 1].right + 1
    leader = Word(LEADER, left, ws[-2].top, max(1, ws[-2].left - left), ws[-2].height, 99.0,
                  ws[-2].line)
    return ws[:k] + [leader] + ws[-2:]


def _leaders(ws: list[Word], typical: int) -> list[Word]:
    """A dot leader ("Taxor 2027 . . . . . sida 3") comes out of Tesseract as words a few
    pixels high ("ososerrere") and unsure letters around them ("rr", "ers"): one leader word
    takes their place."""
    found = _leader_span(ws, typical)
    if found is None:
        return ws
    first, last = found
    span = ws[first:last + 1]
    leader = Word(LEADER, span[0].left, min(w.top for w in span),
                  max(w.right for w in span) - span[0].left, typical, 99.0, span[0].line)
    return ws[:first] + [leader] + ws[last + 1:]


_BOX_CHECKED = re.compile(r"(?<!\S)[\[(|{I1l]\s?[xX×%]\s?[\])|}I1l](?!\S)")
_BOX_EMPTY = re.compile(r"(?<!\S)(?:\[\s*\]|\[\s*[|)]|[|(]\s*\]|\[\s?_\s?\]|\[_\]|\(\s*\))(?!\S)")


def tidy(text: str) -> str:
    """OCR habits the parsers would trip on: check boxes in a dozen shapes, "$" for "§",
    a "§" glued to its number, dashes."""
    text = _BOX_CHECKED.sub("[X]", text)
    text = _BOX_EMPTY.sub("[ ]", text)
    # Swedish protokoll never use "$": it is the model's "§"
    text = re.sub(r"(?<=\d)\s?\$|\$(?=\s?\d)|(?<!\S)\$(?!\S)", " §", text)
    text = re.sub(r"(?<=\d)§", " §", text)
    text = re.sub(r"§(?=\d)", "§ ", text)
    # "§ 13.Detaljplan": the first dot of a leader, or a stray speck, glued to the number
    text = re.sub(r"(§ \d{1,4})[.,](?=[A-ZÅÄÖ])", r"\1 ", text)
    # specks before a word read as guillemets: "«Detaljplan"
    text = re.sub(r"(?<!\S)[«»]+(?=\w)", "", text)
    # list bullets read as guillemets or asterisks
    text = re.sub(r"(?m)^[«»•·*°©®]+\s+", "", text)
    # the party "S" read as a five: "Anna Lindqvist 5 ordförande", "Leila Hassan (5)"
    text = re.sub(r"(?<=[a-zåäö] )5(?= (?:ordförande|1:e|2:e|vice|ledamot|ersättare|"
                  r"tjänstgörande)\b)|(?<=[a-zåäö] \()5(?=\))", "S", text)
    # the party "V" read with a ghost of its own
    text = re.sub(r"(?<!\S)Vv(?!\S)", "V", text)
    # a rule next to a heading is read as a dash: "6 § — Det våras …"
    text = re.sub(r"(?m)^(\d{1,4} §) [—–-] (?=[A-ZÅÄÖ])", r"\1 ", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"(?m)^ +| +$", "", text)
    return text


def ocr_page(path: str, number: int, dpi: int = DPI, cmd: str | None = None) -> OcrPage:
    """Read one page; never raises (a failure is in ``error``, in Swedish)."""
    started = time.perf_counter()
    cmd = cmd or tesseract_command()
    try:
        image = render(path, number, dpi)
        words = read_words(image, cmd)
        boxes = leader_boxes(words)
        if len(boxes) >= 2:
            # a table of contents: Tesseract reads a title run into its dots badly ("Taxor
            # för trygghetslarny"); read the page again with the dots whited out and put a
            # leader back where they were
            from PIL import ImageDraw

            clean = image.copy()
            draw = ImageDraw.Draw(clean)
            for box in boxes:
                draw.rectangle(box, fill=255)
            typical = _typical_height(words)
            words = read_words(clean, cmd)
            words += [_leader_word(words, box, typical, k) for k, box in enumerate(boxes)]
        if _second_opinion_available(cmd):
            second_opinion_sections(image, words, cmd)
            second_opinion_parties(image, words, cmd)
        text = layout(words)
        confs = [w.conf for w in words if w.conf >= 0]
        return OcrPage(number, text, len(words), sum(confs) / len(confs) if confs else 0.0,
                       time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - reported per page, the other pages go on
        return OcrPage(number, error=f"sida {number}: OCR misslyckades ({type(exc).__name__}: "
                       f"{str(exc).strip()[:200]})", seconds=time.perf_counter() - started)


_ENG: dict[str, bool] = {}


def _second_opinion_available(cmd: str) -> bool:
    key = f"{cmd}\0{os.environ.get('TESSDATA_PREFIX', '')}"
    if key not in _ENG:
        _ENG[key] = _has_language(shutil.which(cmd) or cmd, SECTION_LANGUAGE)
    return _ENG[key]


def _job(args: tuple[str, int, int, str]) -> OcrPage:
    return ocr_page(*args)


def _init_worker() -> None:
    # one Tesseract per core: its own OpenMP threads would only fight the other workers
    os.environ["OMP_THREAD_LIMIT"] = "1"


@contextlib.contextmanager
def _single_threaded() -> Iterator[None]:
    """Tesseract without OpenMP threads while reading in this process: measured here, one page
    takes twice as long with them (2.1 s against 0.95 s), the threads costing more than they
    give on a page this size."""
    before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = before


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def ocr_pages(path: str, numbers: Iterable[int], *, dpi: int = DPI, workers: int | None = None,
              progress: bool | None = None, stderr: TextIO | None = None) -> OcrRun:
    """OCR the given pages of one PDF, in parallel over ``workers`` processes (default: one per
    core; 1 reads in this process). ``progress``: a bar on ``stderr`` (default: when it is a
    terminal and there is more than one page). Never raises."""
    numbers = sorted(set(numbers))
    run = OcrRun()
    if not numbers:
        return run
    cmd = tesseract_command()
    stderr = sys.stderr if stderr is None else stderr
    show = progress if progress is not None else (len(numbers) > 1 and _is_tty(stderr))
    workers = min(len(numbers), workers or default_workers())
    run.workers = workers
    started = time.perf_counter()
    from tqdm import tqdm

    bar = tqdm(total=len(numbers), desc="OCR", unit="sida", file=stderr, disable=not show,
               dynamic_ncols=True, leave=False)
    try:
        if workers == 1:
            with _single_threaded():
                for n in numbers:
                    run.pages[n] = ocr_page(path, n, dpi, cmd)
                    bar.update()
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                     initializer=_init_worker) as pool:
                futures = {pool.submit(_job, (path, n, dpi, cmd)): n for n in numbers}
                for future in as_completed(futures):
                    n = futures[future]
                    try:
                        run.pages[n] = future.result()
                    except Exception as exc:  # noqa: BLE001 - a dead worker fails its page only
                        run.pages[n] = OcrPage(n, error=f"sida {n}: OCR misslyckades ({exc}).")
                    bar.update()
    finally:
        bar.close()
    run.seconds = time.perf_counter() - started
    return run


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
