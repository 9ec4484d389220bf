"""Issuing diarienummer and registering cases.

Numbers are gap-free and never reused: the counter row for (series, year) is locked with
``SELECT … FOR UPDATE`` inside the caller's transaction, so concurrent requests queue on it
(PostgreSQL); on SQLite the settings open every transaction with ``BEGIN IMMEDIATE``, which
serialises writers the same way. Issue the number in the same transaction that stores the case
— :func:`register_case` does — so a failure rolls the number back with the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import Case, CaseNumberCounter, CaseSeries, CaseStatus


@dataclass(frozen=True)
class IssuedCaseNumber:
    year: int
    sequence: int
    text: str

    def __str__(self) -> str:
        return self.text


def issue_case_number(series: CaseSeries, year: int) -> IssuedCaseNumber:
    """Take the next diarienummer of ``series`` in ``year``."""
    with transaction.atomic():
        # Make sure the counter row exists without racing: INSERT … ON CONFLICT DO NOTHING.
        # A new counter starts after any numbers already used (e.g. imported cases).
        if not CaseNumberCounter.objects.filter(series=series, year=year).exists():
            used = Case.objects.filter(series=series, year=year).aggregate(m=Max("sequence"))["m"]
            CaseNumberCounter.objects.bulk_create(
                [CaseNumberCounter(series=series, year=year, last_number=used or 0)],
                ignore_conflicts=True,
            )
        counter = CaseNumberCounter.objects.select_for_update().get(series=series, year=year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        number = counter.last_number
    return IssuedCaseNumber(year=year, sequence=number, text=series.format_number(year, number))


def register_case(
    series: CaseSeries,
    title: str,
    *,
    registered: dt.date | None = None,
    status: str = CaseStatus.REGISTERED,
    secret: bool = False,
) -> Case:
    """Register a new case with the next diarienummer, atomically."""
    registered = registered or timezone.localdate()
    with transaction.atomic():
        number = issue_case_number(series, registered.year)
        return Case.objects.create(
            series=series,
            year=number.year,
            sequence=number.sequence,
            case_number=number.text,
            title=title,
            registered=registered,
            status=status,
            secret=secret,
        )
