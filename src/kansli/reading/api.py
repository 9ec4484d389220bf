"""read_file / read_text: one file in, its documents out, with warnings instead of exceptions."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field

from kansli.minutes.model import DocumentKind, Minutes, Source

from . import ballots
from . import quality as pq
from .cleanup import Line, mark_furniture, repair_ligatures
from .extract import Page, normalise, pages_from_pdf, pages_from_text
from .kallelse import build_notice, build_proposal, link_proposals
from .ocr import OcrMode, ocr_pages, tesseract_problem
from .protocol import build_minutes
from .split import refine_kind, split_documents, statement_blocks


@dataclass
class ReadResult:
    documents: list[Minutes] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    pages: int = 0
    file: str | None = None
    garbled_pages: list[int] = field(default_factory=list)  # text layer looks scrambled
    quality: list[pq.PageQuality] = field(default_factory=list)  # verdict per page
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text comes from OCR
    ocr_text: dict[int, str] = field(default_factory=dict)  # their text, to check by eye
    ocr_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def page_report(self) -> str:
        """One Swedish line on the file's pages: good, garbled, scanned, OCR'd."""
        return pq.summary(self.quality, self.ocr_pages)

    @property
    def pages_in_doubt(self) -> bool:
        """Some page had no usable text layer, or was read with OCR."""
        return bool(self.ocr_pages) or any(q.verdict != pq.GOOD for q in self.quality)


def read_file(path: str | os.PathLike[str], *, ocr: str | OcrMode = OcrMode.NEVER,
              progress: bool | None = None) -> ReadResult:
    """Read a PDF, .txt or .md file. Never raises for bad input: problems are reported in
    Swedish, naming the file, in ``error`` or ``warnings``.

    ``ocr`` (PDF only): ``"auto"`` reads pages without a usable text layer (see
    :mod:`.quality`) with Tesseract, ``"always"`` every page, ``"never"`` none (the default
    here, so that library callers never start OCR processes unasked; ``kansli import``
    defaults to ``auto``). ``progress``: show a bar while pages are OCR'd (default: on a
    terminal).
    """
    mode = OcrMode.parse(ocr)
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return ReadResult(error=f"{name}: filen kunde inte läsas ({exc.strerror or exc}).",
                          file=name)
    digest = hashlib.sha256(data).hexdigest()
    if not data or data.isspace():  # what data.strip() tests, without copying the file
        return ReadResult(error=f"{name}: filen är tom.", file=name)
    try:
        if data[:5] == b"%PDF-" or name.lower().endswith(".pdf"):
            if data[:1024].find(b"%PDF-") < 0:
                return ReadResult(error=f"{name}: filen är ingen PDF (saknar PDF-huvud).",
                                  file=name)
            ext = pages_from_pdf(data, name)  # the bytes read above: the file is read once
            if ext.error:
                return ReadResult(error=ext.error, warnings=ext.warnings,
                                  pages=len(ext.pages), file=name)
            qualities = [p.quality for p in ext.pages if p.quality is not None]
            notes, seconds = _apply_ocr(name, ext.pages, mode, progress)
            ocr_done = [p.number for p in ext.pages if p.ocr]
            ocr_text = {p.number: p.text for p in ext.pages if p.ocr}
            if all(p.empty for p in ext.pages):
                return ReadResult(error=_no_text(name, mode, notes), pages=len(ext.pages),
                                  file=name, quality=qualities, ocr_pages=ocr_done,
                                  ocr_text=ocr_text, ocr_seconds=seconds)
            listed = [p.number for p in ext.pages if not p.ocr and p.text
                      and ballots.may_have_header(p.text)
                      and any(ballots.is_header(t) for t in p.text.split("\n"))]
            res = _read_pages(ext.pages, name, digest,
                              ballots.tables_from_pdf(name, listed) if listed else None)
            res.warnings[:0] = ext.warnings + notes
            res.quality = qualities
            res.ocr_pages = ocr_done
            res.ocr_text = ocr_text
            res.ocr_seconds = seconds
            return res
        if b"\x00" in data[:4096]:
            return ReadResult(error=f"{name}: filen är varken PDF eller text (binärt innehåll).",
                              file=name)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        return _read_pages(pages_from_text(text), name, digest)
    except Exception as exc:  # noqa: BLE001 - never let a parser bug escape to the caller
        return ReadResult(error=f"{name}: oväntat fel vid tolkningen ({type(exc).__name__}: {exc}).",
                          file=name)


def read_text(text: str, name: str = "<text>") -> ReadResult:
    """Read text extracted from PDFs (form feeds between pages when known)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        if not text.strip():
            return ReadResult(error=f"{name}: texten är tom.", file=name)
        return _read_pages(pages_from_text(text), name, digest)
    except Exception as exc:  # noqa: BLE001
        return ReadResult(error=f"{name}: oväntat fel vid tolkningen ({type(exc).__name__}: {exc}).",
                          file=name)


def _apply_ocr(name: str, pages: list[Page], mode: OcrMode,
               progress: bool | None) -> tuple[list[str], float]:
    """OCR the pages ``mode`` asks for and put the OCR text in place where it reads better.
    Returns Swedish notes for the file's warnings and the seconds spent."""
    if mode == OcrMode.NEVER:
        return [], 0.0
    wanted = [p for p in pages if mode == OcrMode.ALWAYS or (p.quality and p.quality.needs_ocr)]
    if not wanted:
        return [], 0.0
    problem = tesseract_problem()
    if problem:
        return [f"{name}: {problem} Sidorna {_ranges([p.number for p in wanted])} lästes inte "
                "med OCR; sidor med gott textlager lästes som vanligt."], 0.0
    run = ocr_pages(name, [p.number for p in wanted], progress=progress)
    notes: list[str] = []
    failed: list[str] = []
    worse: list[int] = []
    for page in wanted:
        got = run.pages.get(page.number)
        if got is None or got.error:
            failed.append(got.error if got and got.error else f"sida {page.number}: inget svar")
            continue
        text = normalise(got.text)
        if _ocr_reads_better(page, text, mode):
            page.text = text
            page.ocr = True
            page.empty = len(re.sub(r"\s", "", text)) < 15
        elif page.quality and page.quality.needs_ocr:
            worse.append(page.number)
    if failed:
        notes.append(f"{name}: OCR misslyckades för " + "; ".join(failed))
    if worse:
        notes.append(f"{name}: OCR gav ingen bättre text än textlagret på sida {_ranges(worse)} "
                     "(annat språk än svenska, eller bilder utan text?); textlagret användes.")
    return notes, run.seconds


def _ocr_reads_better(page: Page, text: str, mode: OcrMode) -> bool:
    """Should the OCR text replace the text layer of ``page``?"""
    ocr_chars = len(re.sub(r"\s", "", text))
    if ocr_chars < 15:
        return False
    q = page.quality
    if mode == OcrMode.ALWAYS or q is None or q.verdict in (pq.NO_TEXT, pq.BLANK):
        return True
    if q.verdict == pq.SPARSE:
        return ocr_chars >= 1.5 * q.chars  # the picture holds more text than the layer
    share, count = pq.non_word_share(text)
    if q.verdict == pq.GARBLED:
        return share < q.non_words and count >= 0.5 * q.words
    return True


def _no_text(name: str, mode: OcrMode, notes: list[str]) -> str:
    if mode == OcrMode.NEVER:
        return (f"{name}: PDF-filen saknar textlager (inskannad?); läs den med OCR: "
                "kansli import --ocr auto.")
    if notes:
        return f"{name}: PDF-filen saknar textlager och OCR gav ingen text. " + " ".join(
            n.removeprefix(f"{name}: ") for n in notes)
    return f"{name}: PDF-filen saknar textlager och OCR hittade ingen text på sidorna."


def _read_pages(pages: list[Page], name: str, digest: str,
                tables: dict[int, list[ballots.Table]] | None = None) -> ReadResult:
    res = ReadResult(pages=len(pages), file=name)
    res.quality = [p.quality for p in pages if p.quality is not None]
    res.garbled_pages = [p.number for p in pages if p.garbled]
    unread = [p for p in pages if not p.ocr and p.quality is not None and p.quality.needs_ocr]
    garbled = [p.number for p in unread if p.quality.verdict == pq.GARBLED]
    scanned = [p.number for p in unread if p.quality.verdict != pq.GARBLED]
    if garbled:
        res.warnings.append(
            f"{name}: textlagret ser förvanskat ut på sida {_ranges(garbled)} "
            "(många ord som inte är svenska, t.ex. omkastade bokstäver); kontrollera mot PDF:en "
            "eller läs om sidorna med OCR (kansli import --ocr auto).")
    if scanned:
        res.warnings.append(
            f"{name}: sida {_ranges(scanned)} saknar text eller är nästan bara bild "
            "(inskannad?); läs om sidorna med OCR (kansli import --ocr auto).")
    ocr_set = {p.number for p in pages if p.ocr}
    if ocr_set:
        res.warnings.append(
            f"{name}: sida {_ranges(sorted(ocr_set))} lästes med OCR; kontrollera namn, siffror "
            "och §-nummer mot PDF:en.")
    if all(p.empty for p in pages):
        res.error = f"{name}: ingen text att läsa (tomt textlager)."
        return res
    # a ligature repair never crosses a line: one call per page does what one per line did
    lines = [Line(t, p.number) for p in pages for t in repair_ligatures(p.text).split("\n")]
    mark_furniture(lines, len(pages))
    whole = "\n".join(ln.text for ln in lines)
    by_line: dict[int, ballots.Table] = {}  # a voteringslista header line → its list
    seen: dict[int, int] = {}
    for ln in lines if tables else ():
        if ln.page in tables and ballots.is_header(ln.text):
            k = seen[ln.page] = seen.get(ln.page, -1) + 1
            if k < len(tables[ln.page]):
                by_line[id(ln)] = tables[ln.page][k]
    documents = split_documents(lines)
    out: list[Minutes] = []
    for d in documents:
        doc_lines = d.lines
        if d.kind in (DocumentKind.MINUTES, DocumentKind.EXTRACT):
            cut = statement_blocks(doc_lines)
            if cut:
                keep = set(range(len(doc_lines)))
                for a, b in cut:
                    keep -= set(range(a, b))
                doc_lines = [ln for k, ln in enumerate(doc_lines) if k in keep]
            m = build_minutes(doc_lines, d.kind, whole, ballot_tables=by_line,
                              warnings=res.warnings, where=f"{name}: ")
            m.kind = refine_kind(d, bool(m.participants), len(m.items))
            if not m.items and not m.participants and m.kind == DocumentKind.EXTRACT:
                m.kind = DocumentKind.OTHER
        elif d.kind == DocumentKind.NOTICE_OF_MEETING:
            m = build_notice(doc_lines, whole)
        elif d.kind in (DocumentKind.MEMO, DocumentKind.CHAIR_PROPOSAL):
            m = build_proposal(doc_lines, d.kind, whole)
        else:
            m = Minutes(kind=DocumentKind.OTHER)
            from .protocol import find_body, find_municipality
            m.body = find_body("\n".join(ln.text for ln in doc_lines))
            m.municipality = find_municipality(whole)
        doc_pages = sorted({ln.page for ln in d.lines})
        m.source = Source(file=name, sha256=digest, pages=doc_pages,
                          ocr_pages=[n for n in doc_pages if n in ocr_set])
        out.append(m)
    notices = [m for m in out if m.kind == DocumentKind.NOTICE_OF_MEETING]
    proposals = [m for m in out if m.kind in (DocumentKind.MEMO, DocumentKind.CHAIR_PROPOSAL)]
    for n in notices:
        link_proposals(n, proposals)
        for p in proposals:
            p.body = p.body or n.body
    res.documents = out
    if not any(m.kind in (DocumentKind.MINUTES, DocumentKind.EXTRACT,
                          DocumentKind.NOTICE_OF_MEETING, DocumentKind.MEMO,
                          DocumentKind.CHAIR_PROPOSAL) for m in out):
        res.warnings.append(
            f"{name}: inget protokoll, ingen kallelse och ingen tjänsteskrivelse hittades; "
            "filen verkar inte vara sammanträdeshandlingar.")
    for m in out:
        if m.kind in (DocumentKind.MINUTES, DocumentKind.EXTRACT) and m.meeting.date is None:
            res.warnings.append(f"{name}: sammanträdesdatum hittades inte i protokollet "
                                f"(sidorna {_ranges(m.source.pages)}).")
    return res


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    for n in sorted(numbers):
        if out and re.fullmatch(r"\d+(?:–\d+)?", out[-1]):
            last = int(out[-1].split("–")[-1])
            if n == last + 1:
                out[-1] = f"{out[-1].split('–')[0]}–{n}"
                continue
        out.append(str(n))
    return ", ".join(out)
