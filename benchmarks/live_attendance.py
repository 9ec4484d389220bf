"""How fast the live meeting's attendance changes are, for a nämnd and for a 101-seat fullmäktige.

Builds, in a temporary KANSLI_HOME (SQLite, or PostgreSQL when DATABASE_URL is set), a body of
11 ledamöter / 11 ersättare and one of 101 ledamöter / 60 ersättare, each with a meeting of 30
§§, and measures in the same run

* the baseline: reading who serves at one § (:func:`kansli.meetings.live.serving_at`);
* the substitute proposal for an absent member (``preview_absence``), the change itself
  (``mark_absent``, which recomputes every later § and writes the rows), jäv, and the
  beslutsförhet of all 30 §§ that the hub shows on every page load.

Prints the median in milliseconds and the ratio to the baseline of the same body. Target: every
change well under a second on a 2-core machine, so the secretary is never waiting between §§.

Run: ``.venv/bin/python benchmarks/live_attendance.py [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _setup() -> None:
    os.environ.setdefault("KANSLI_HOME", tempfile.mkdtemp(prefix="kansli-bench-live-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansli.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _body(name: str, members: int, substitutes: int, paragraphs: int):
    from kansli.meetings import live
    from kansli.meetings.models import AgendaItem, Meeting
    from kansli.organisation.models import Body, Membership, Municipality, Party, Person, Role, Term

    town = Municipality.objects.create(name=f"Mätkommun {name}")
    term = Term.objects.create(municipality=town, start=dt.date(2023, 1, 1), end=dt.date(2026, 12, 31))
    parties = [Party.objects.create(municipality=town, short_name=f"P{i}") for i in range(8)]
    body = Body.objects.create(municipality=town, name=name, seats=members)
    for i in range(members):
        person = Person.objects.create(municipality=town, name=f"Ledamot {i}", party=parties[i % 8])
        Membership.objects.create(person=person, body=body, term=term, role=Role.MEMBER,
                                  office="chair" if i == 0 else "")
    for i in range(substitutes):
        person = Person.objects.create(municipality=town, name=f"Ersättare {i}", party=parties[i % 8])
        Membership.objects.create(person=person, body=body, term=term, role=Role.SUBSTITUTE,
                                  substitute_order=i + 1)
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 6, 1))
    for i in range(paragraphs):
        AgendaItem.objects.create(meeting=meeting, order=i + 1, title=f"Punkt {i + 1}")
    live.start_meeting(meeting)
    return meeting


def _median_ms(calls, repeat: int) -> float:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        calls(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(name: str, members: int, substitutes: int, repeat: int) -> None:
    from kansli.meetings import live
    from kansli.organisation.models import Person

    meeting = _body(name, members, substitutes, 30)
    numbers = live.paragraph_numbers(meeting)
    people = {p.name: p for p in Person.objects.filter(municipality=meeting.body.municipality)}
    baseline = _median_ms(lambda i: live.serving_at(meeting, numbers[i % 30]), repeat * 3)
    figures = {
        "förslag (preview_absence)": _median_ms(
            lambda i: live.preview_absence(meeting, people[f"Ledamot {i + 1}"], numbers[i]), repeat),
        "frånvarande (mark_absent)": _median_ms(
            lambda i: live.mark_absent(meeting, people[f"Ledamot {i + 1}"], numbers[i]), repeat),
        "jäv (recuse)": _median_ms(
            lambda i: live.recuse(meeting, people[f"Ledamot {i + repeat + 2}"], numbers[20 + i % 10]), repeat),
        "beslutsförhet, alla §§": _median_ms(lambda i: live.quorum_table(meeting), repeat),
    }
    print(f"\n{name}: {members} ledamöter, {substitutes} ersättare, 30 §§")
    print(f"  baslinje serving_at: {baseline:8.1f} ms")
    for label, ms in figures.items():
        print(f"  {label:28s} {ms:8.1f} ms  ({ms / baseline:5.1f} × baslinjen)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _setup()
    measure("Nämnd", 11, 11, args.repeat)
    measure("Fullmäktige", 101, 60, args.repeat)


if __name__ == "__main__":
    main()
