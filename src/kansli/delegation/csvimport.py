"""Bulk import of delegated decisions from CSV, the usual export of case management systems.

The file is read whole and every row checked before anything is saved: :func:`preview` lists
each problem row with its line number; :func:`import_csv` saves all rows in one transaction or
none. Columns are found by their Swedish headings in any order; delimiter ``;``, ``,`` or tab;
UTF-8 (with or without BOM) or Windows-1252, as Excel writes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from kansli.organisation.models import Body

from .models import DecisionSource, DelegatedDecision
from .services import DecisionInput, _fingerprint, problems, register_decision, schemes_for

MAX_BYTES = 5 * 1024 * 1024

#: Accepted headings (folded) → field.
COLUMNS = {
    "beslutsdatum": "decided", "datum": "decided", "beslutsdag": "decided",
    "punkt": "point_code", "delegationspunkt": "point_code", "delegationsnummer": "point_code", "lagrum": "point_code",
    "beslutsfattare": "delegate", "delegat": "delegate", "handläggare": "delegate", "beslutad av": "delegate",
    "befattning": "position", "titel": "position", "roll": "position",
    "diarienummer": "case_number", "dnr": "case_number", "ärendenummer": "case_number",
    "beslut": "description", "beskrivning": "description", "ärendemening": "description", "rubrik": "description",
    "brådskande": "urgent",
    "period från": "period_start", "period till": "period_end", "antal": "count",
}
REQUIRED = {"decided", "point_code", "delegate", "description"}
YES = {"ja", "j", "x", "1", "true", "sant"}


class _Semicolon(csv.excel):
    delimiter = ";"


@dataclass
class Row:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: DecisionInput | None = None


@dataclass
class Preview:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the whole file

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows) and all(not r.errors for r in self.rows)

    @property
    def problem_rows(self) -> list[Row]:
        return [r for r in self.rows if r.errors]


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # what Excel writes on Swedish Windows


def _date(value: str, what: str) -> dt.date:
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{what} ”{value}” är inte ett datum; skriv det som ÅÅÅÅ-MM-DD.")


def _row_input(values: dict[str, str]) -> DecisionInput:
    errors = []
    try:
        decided = _date(values.get("decided", ""), "Beslutsdatum")
    except ValueError as exc:
        errors.append(str(exc))
        decided = None
    start = end = None
    count = None
    individual = bool(values.get("period_start") or values.get("period_end") or values.get("count"))
    if individual:
        try:
            start = _date(values.get("period_start", ""), "Period från")
            end = _date(values.get("period_end", ""), "Period till")
        except ValueError as exc:
            errors.append(str(exc))
        raw_count = values.get("count", "").strip()
        if raw_count.isdigit():
            count = int(raw_count)
        else:
            errors.append(f"Antal ”{raw_count}” är inte ett heltal.")
    if errors:
        raise ValueError(" ".join(errors))
    return DecisionInput(
        point_code=values.get("point_code", "").strip(), decided=decided,
        delegate=values.get("delegate", "").strip(), description=values.get("description", "").strip(),
        position=values.get("position", "").strip(), case_number=values.get("case_number", "").strip(),
        urgent=values.get("urgent", "").strip().casefold() in YES,
        individual=individual, period_start=start, period_end=end, count=count,
    )


def preview(body: Body, raw: bytes) -> Preview:
    result = Preview()
    if not raw.strip():
        result.errors.append("Filen är tom.")
        return result
    if len(raw) > MAX_BYTES:
        result.errors.append("Filen är större än 5 MB; dela upp den.")
        return result
    if raw[:5] == b"%PDF-" or raw[:2] == b"PK":
        result.errors.append("Filen är inte en CSV-fil (den ser ut att vara PDF eller Excel); spara den som CSV först.")
        return result
    text = _decode(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        result.errors.append("Filen är tom.")
        return result
    fields = [COLUMNS.get(re.sub(r"\s+", " ", h).strip().casefold()) for h in header]
    missing = REQUIRED - {f for f in fields if f}
    if missing:
        names = {"decided": "Beslutsdatum", "point_code": "Punkt", "delegate": "Beslutsfattare", "description": "Beslut"}
        result.errors.append(
            "Kolumner saknas: " + ", ".join(sorted(names[m] for m in missing))
            + ". Första raden ska ha rubrikerna Beslutsdatum; Punkt; Beslutsfattare; Befattning; Diarienummer; Beslut."
        )
        return result
    schemes = schemes_for(body)
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {f: c for f, c in zip(fields, cells, strict=False) if f}
        row = Row(line, values)
        result.rows.append(row)
        try:
            row.data = _row_input(values)
        except ValueError as exc:
            row.errors.append(str(exc))
            continue
        errors, _ = problems(body, row.data, schemes)
        row.errors.extend(errors)
        fingerprint = _fingerprint(row.data)
        if fingerprint in seen:
            row.errors.append(f"Samma beslut som på rad {seen[fingerprint]}.")
        elif DelegatedDecision.objects.filter(body=body, fingerprint=fingerprint).exists():
            row.errors.append("Beslutet är redan registrerat.")
        seen.setdefault(fingerprint, line)
    if not result.rows and not result.errors:
        result.errors.append("Filen har rubriker men inga beslut.")
    return result


def import_csv(body: Body, raw: bytes) -> list[DelegatedDecision]:
    """Save every row, or nothing: raises ValidationError listing the problems."""
    checked = preview(body, raw)
    if not checked.ok:
        messages = list(checked.errors) + [f"Rad {r.line}: {' '.join(r.errors)}" for r in checked.problem_rows]
        raise ValidationError(messages)
    with transaction.atomic():
        return [register_decision(body, row.data, source=DecisionSource.CSV) for row in checked.rows]
