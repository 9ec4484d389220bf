"""``kansli reindex``: build the public search index again from the records."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from kansli.search.index import RebuildCounts, rebuild


class Command(BaseCommand):
    help = (
        "Bygger om sökindexet för den publika sökningen från alla publicerade paragrafer, "
        "ärenden och handlingar (sekretess och maskering tillämpas)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        verbose = options["verbosity"] > 1

        def progress(counts: RebuildCounts) -> None:
            if verbose:
                self.stdout.write(f"  {counts.paragraphs} paragrafer …")

        counts = rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sökindexet är uppbyggt: {counts.paragraphs} paragrafer, {counts.cases} ärenden "
                f"och {counts.documents} handlingar ({time.perf_counter() - started:.1f} s)."
            )
        )
