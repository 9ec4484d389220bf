"""Run the importer on every development document and score it against hand-checked output.

Targets (issue 4): meeting date always right; ≥ 95 % of § with the right number and title;
≥ 90 % of participants with the right name, party and role. Run with ``pytest -s`` to see the
score table.
"""

from __future__ import annotations

import pytest

from kansli.minutes.model import DocumentKind
from kansli.reading import read_file
from kansli.reading.ocr import tesseract_problem

from .layout_pdf import layout_pdf
from .scoring import Score, load_expected, match_document, norm, score_document, source_path, table

CASES = load_expected()
_SCORES: list[Score] = []


def _source(spec: dict):
    path = source_path(spec)
    if not path.exists():
        pytest.skip(f"development data not found: {path}")
    return path


def _check_scores(name: str, spec: dict, res, label: str = "") -> None:
    """The targets (date, § numbers and titles, participants) and every hand-checked field."""
    assert res.error is None, res.error
    used: set[int] = set()
    for want in spec["documents"]:
        doc = match_document(res.documents, want, used)
        score = score_document(name + label, doc, want)
        _SCORES.append(score)
        assert score.date_ok, f"{name}: datum fel ({doc and doc.meeting.date})"
        if score.items is not None:
            assert score.items >= 0.95, (score.items, score.field_errors)
        if score.participants is not None:
            assert score.participants >= 0.90, (score.participants, score.field_errors)
        assert not score.field_errors, score.field_errors
    for kind in spec.get("absent_kinds", []):
        assert not [d for d in res.documents if d.kind.value == kind], kind
    if "proposals" in spec:
        props = [d.items[0] for d in res.documents if d.items and d.kind in (
            DocumentKind.CHAIR_PROPOSAL, DocumentKind.MEMO)]
        found = [w for w in spec["proposals"] if any(
            norm(p.title) == norm(w["title"]) and (p.case_number or "").lower() == w["case_number"]
            for p in props)]
        share = len(found) / len(spec["proposals"])
        _SCORES.append(Score(name + label, "förslag", True, share, None, []))
        assert share >= 0.8, [w["title"] for w in spec["proposals"] if w not in found]


@pytest.mark.parametrize("name, spec", CASES, ids=[c[0] for c in CASES])
def test_development_document(name, spec):
    res = read_file(_source(spec))
    _check_scores(name, spec, res)
    if "garbled_pages" in spec:
        flagged = " ".join(res.warnings)
        assert "förvanskat" in flagged
        assert set(spec["garbled_pages"]) <= set(res.garbled_pages), res.garbled_pages


LAYOUT_CASES = [c for c in CASES if c[1]["source"].startswith("layouts/")
                and "\f" in source_path(c[1]).read_text("utf-8")]


@pytest.mark.parametrize("name, spec", LAYOUT_CASES, ids=[c[0] for c in LAYOUT_CASES])
def test_own_layout_reads_the_same_from_a_pdf(name, spec, tmp_path):
    """The same document set as a PDF: its columns reach the parser as single spaces, its
    running headers at the page edges."""
    pdf = layout_pdf(source_path(spec).read_text("utf-8"), tmp_path / f"{name}.pdf")
    _check_scores(name, spec, read_file(pdf), label=" (PDF)")


OCR_CASES = [c for c in CASES if "garbled_pages" in c[1]]


@pytest.mark.parametrize("name, spec", OCR_CASES, ids=[c[0] for c in OCR_CASES])
def test_development_document_with_ocr(name, spec):
    """Issue 7: with ``--ocr auto`` the files with broken pages reach the same targets and the
    same hand-checked fields as without, and every scrambled page is read by Tesseract."""
    problem = tesseract_problem()
    if problem:
        pytest.skip(problem)
    res = read_file(_source(spec), ocr="auto", progress=False)
    _check_scores(name, spec, res, label=" (OCR)")
    assert set(spec["garbled_pages"]) <= set(res.ocr_pages), res.ocr_pages


def test_print_score_table():
    if _SCORES:
        print("\n" + table(_SCORES))
