"""`kansli import` helper: read files and folders, print one JSON array of documents."""

from __future__ import annotations

import json
import os
import sys

from kansli.minutes import to_dict

from .api import read_file
from .ocr import OcrMode

SUFFIXES = (".pdf", ".txt", ".md")


def _files(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, _dirs, files in sorted(os.walk(p)):
                out.extend(os.path.join(root, f) for f in sorted(files)
                           if f.lower().endswith(SUFFIXES))
        else:
            out.append(p)
    return out


def run_json(paths: list[str], ocr: str | OcrMode = OcrMode.AUTO) -> int:
    """Print a JSON array with one object per document found; warnings and errors go to
    stderr naming each file, and so does the page quality of a file with pages that had no
    usable text layer or were OCR'd (each document's ``source.ocr_pages`` names the latter).
    Returns 1 when any file failed, else 0."""
    docs = []
    failed = False
    for f in _files(paths):
        res = read_file(f, ocr=ocr)
        if res.pages_in_doubt:
            print(f"sidkvalitet: {f}: {res.page_report}", file=sys.stderr)
        for w in res.warnings:
            print(f"varning: {w}", file=sys.stderr)
        if res.error:
            failed = True
            print(f"fel: {res.error}", file=sys.stderr)
            continue
        docs.extend(to_dict(d) for d in res.documents)
    json.dump(docs, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if failed else 0
