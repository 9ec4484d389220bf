"""Compare the importer's output with hand-checked expectations (tests/reading/expected)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kansli.minutes.model import Minutes

EXPECTED = Path(__file__).parent / "expected"


def shared_dir() -> Path:
    env = os.environ.get("KANSLI_SHARED")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for base in (here.parents[2].parent / "shared", Path("/work/shared")):
        if base.is_dir():
            return base
    return here.parents[2].parent / "shared"


def norm(s: str | None) -> str:
    s = (s or "").lower().replace("–", "-")
    s = re.sub(r"\s+", " ", s)
    return s.strip(" .,;:")


def title_ok(got: str | None, want: str | list[str]) -> bool:
    wants = want if isinstance(want, list) else [want]
    return any(norm(got) == norm(w) for w in wants)


@dataclass
class Score:
    name: str
    kind: str
    date_ok: bool
    items: float | None
    participants: float | None
    field_errors: list[str] = field(default_factory=list)


def match_document(docs: list[Minutes], want: dict, used: set[int]) -> Minutes | None:
    cands = [(i, d) for i, d in enumerate(docs) if d.kind.value == want["kind"] and i not in used]
    for i, d in cands:
        if d.meeting.date and d.meeting.date.isoformat() == want.get("date"):
            used.add(i)
            return d
    if cands:
        used.add(cands[0][0])
        return cands[0][1]
    return None


def score_document(name: str, doc: Minutes | None, want: dict) -> Score:
    if doc is None:
        return Score(name, want["kind"], False, 0.0 if want.get("items") else None,
                     0.0 if want.get("participants") else None, ["dokumentet hittades inte"])
    errors: list[str] = []
    date_ok = doc.meeting.date is not None and doc.meeting.date.isoformat() == want["date"]
    items = None
    if want.get("items"):
        good = 0
        for wi in want["items"]:
            got = doc.item(wi["number"])
            if got and title_ok(got.title, wi["title"]):
                good += 1
            elif got is None:
                errors.append(f"§ {wi['number']} saknas")
            else:
                errors.append(f"§ {wi['number']} titel {got.title!r}")
            if got and "case_number" in wi and (got.case_number or "").lower() != wi["case_number"].lower():
                errors.append(f"§ {wi['number']} dnr {got.case_number!r} != {wi['case_number']!r}")
            if got and "proposed_decision_starts" in wi and not norm(got.proposed_decision).startswith(
                    norm(wi["proposed_decision_starts"])):
                errors.append(f"§ {wi['number']} förslag {got.proposed_decision!r}")
            if got and "votes" in wi:
                votes = [{k: getattr(v, k) for k in w} for v, w in zip(got.votes, wi["votes"],
                                                                        strict=False)]
                if len(got.votes) != len(wi["votes"]) or votes != wi["votes"]:
                    errors.append(f"§ {wi['number']} votering {votes}")
            if got and "statements_by" in wi:
                said = [[st.kind.value, st.by] for st in got.statements]
                if said != wi["statements_by"]:
                    errors.append(f"§ {wi['number']} yttranden {said}")
            if got and "reservations_by" in wi:
                by = [r.by for r in got.reservations]
                if by != wi["reservations_by"]:
                    errors.append(f"§ {wi['number']} reservationer {by}")
            if got and "recipients" in wi and got.recipients != wi["recipients"]:
                errors.append(f"§ {wi['number']} mottagare {got.recipients}")
        items = good / len(want["items"])
    parts = None
    if want.get("participants"):
        pool = [(norm(p.name), p.party, p.role.value, [(r.first, r.last) for r in p.paragraphs],
                 p.serving_for) for p in doc.participants]
        good = 0
        for wp in want["participants"]:
            key = (norm(wp["name"]), wp["party"], wp["role"])
            hit = next((k for k in pool if k[:3] == key), None)
            if hit:
                pool.remove(hit)
                good += 1
                if "paragraphs" in wp and [list(x) for x in hit[3]] != wp["paragraphs"]:
                    errors.append(f"{wp['name']}: §§ {hit[3]}")
                if "serving_for" in wp and hit[4] != wp["serving_for"]:
                    errors.append(f"{wp['name']}: ersätter {hit[4]!r}")
            else:
                errors.append(f"deltagare {key} saknas")
        parts = good / len(want["participants"])
        if pool:
            errors.append(f"oväntade deltagare {[k[:3] for k in pool]}")
    simple = {
        "municipality": doc.municipality, "body": doc.body, "chair": doc.chair,
        "secretary": doc.secretary, "adjusters": doc.adjusters,
        "adjusted": doc.adjusted and doc.adjusted.isoformat(),
        "notice_posted": doc.notice_posted and doc.notice_posted.isoformat(),
        "notice_removed": doc.notice_removed and doc.notice_removed.isoformat(),
        "start": doc.meeting.start and doc.meeting.start.strftime("%H:%M"),
        "end": doc.meeting.end and doc.meeting.end.strftime("%H:%M"),
        "place": doc.meeting.place,
        "minutes_kept_at": doc.minutes_kept_at,
    }
    for key, got in simple.items():
        if key in want and got != want[key]:
            errors.append(f"{key}: {got!r} != {want[key]!r}")
    return Score(name, want["kind"], date_ok, items, parts, errors)


def source_path(spec: dict) -> Path:
    """Development documents live in ../shared; the layouts written for this project (fictional
    text in the shapes other municipalities print) beside these tests."""
    own = Path(__file__).parent / spec["source"]
    return own if spec["source"].startswith("layouts/") else shared_dir() / spec["source"]


def load_expected() -> list[tuple[str, dict]]:
    return [(p.stem, json.loads(p.read_text("utf-8"))) for p in sorted(EXPECTED.glob("*.json"))]


def table(scores: list[Score]) -> str:
    rows = [f"{'dokument':<58} {'typ':<17} {'datum':<6} {'§ rätt':>7} {'deltagare':>10} fel"]
    for s in scores:
        it = "-" if s.items is None else f"{s.items:.0%}"
        pa = "-" if s.participants is None else f"{s.participants:.0%}"
        rows.append(f"{s.name[:58]:<58} {s.kind:<17} {'ja' if s.date_ok else 'NEJ':<6} "
                    f"{it:>7} {pa:>10} {len(s.field_errors)}")
    return "\n".join(rows)
