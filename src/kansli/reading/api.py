"""read_file / read_text: one file in, its documents out, with warnings instead of exceptions."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field

from kansli.minutes.model import DocumentKind, Minutes, Source

from .cleanup import Line, mark_furniture, repair_ligatures
from .extract import Page, pages_from_pdf, pages_from_text
from .kallelse import build_notice, build_proposal, link_proposals
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

    @property
    def ok(self) -> bool:
        return self.error is None


def read_file(path: str | os.PathLike[str]) -> ReadResult:
    """Read a PDF (with a text layer), .txt or .md file. Never raises for bad input: problems
    are reported in Swedish, naming the file, in ``error`` or ``warnings``."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return ReadResult(error=f"{name}: filen kunde inte läsas ({exc.strerror or exc}).",
                          file=name)
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return ReadResult(error=f"{name}: filen är tom.", file=name)
    try:
        if data[:5] == b"%PDF-" or name.lower().endswith(".pdf"):
            if data[:1024].find(b"%PDF-") < 0:
                return ReadResult(error=f"{name}: filen är ingen PDF (saknar PDF-huvud).",
                                  file=name)
            ext = pages_from_pdf(name, name)
            if ext.error:
                return ReadResult(error=ext.error, warnings=ext.warnings,
                                  pages=len(ext.pages), file=name)
            res = _read_pages(ext.pages, name, digest)
            res.warnings[:0] = ext.warnings
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


def _read_pages(pages: list[Page], name: str, digest: str) -> ReadResult:
    res = ReadResult(pages=len(pages), file=name)
    garbled = [p.number for p in pages if p.garbled]
    res.garbled_pages = garbled
    if garbled:
        res.warnings.append(
            f"{name}: textlagret ser förvanskat ut på sida {_ranges(garbled)} "
            "(många ord som inte är svenska, t.ex. omkastade bokstäver); kontrollera mot PDF:en "
            "eller läs om sidorna med OCR.")
    if all(p.empty for p in pages):
        res.error = f"{name}: ingen text att läsa (tomt textlager)."
        return res
    lines = [Line(repair_ligatures(t), p.number) for p in pages for t in p.text.split("\n")]
    mark_furniture(lines, len(pages))
    whole = "\n".join(ln.text for ln in lines)
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
            m = build_minutes(doc_lines, d.kind, whole)
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
        m.source = Source(file=name, sha256=digest, pages=doc_pages)
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
