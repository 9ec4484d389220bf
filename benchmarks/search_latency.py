"""How fast is the public search on a large archive, on SQLite and on PostgreSQL?

Builds a synthetic archive of at least 200 000 paragraphs (fictional Swedish text assembled
from the reading module's word list plus municipal topics in several inflected forms; meetings,
attendance, motions and reservations by fictional members), bulk-inserted, then builds the
search index with the real code (:func:`kansli.search.index.rebuild`, through the publication
gate) and times :func:`kansli.search.engine.search` — the hits (at most ``HIT_LIMIT``, the
newest; "1000+" in the table when there are more), the ranked page, its snippets — for a set of
queries: single words common and rare, inflected forms, AND, phrases, OR, exclusion, filters by
body/year/person/party, a deep page.

It prints p50/p95 latency per backend against the targets (PostgreSQL p95 ≤ 100 ms, SQLite
p95 ≤ 200 ms), per query, and — as the baseline measured in the same run — a naive
``LIKE '%word%'`` scan over the same rows for a few words, with the ratio.

Run:
  .venv/bin/python benchmarks/search_latency.py                      # SQLite (temporary file)
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/kh_bench \\
      .venv/bin/python benchmarks/search_latency.py                  # SQLite and PostgreSQL

Measured at 200 000 paragraphs (258 066 index entries) on 2 shared cores, PostgreSQL 15 with
its default settings (shared_buffers 128 MB), before and after the search found the newest
hits first and ranked only those (issue 5): SQLite p50 212 → 21 ms, p95 695 → 56 ms;
PostgreSQL p50 375 → 35 ms, p95 1455 → 60 ms. Building the archive and its index took about
7 minutes on SQLite and 9 on PostgreSQL. Again on a machine about half as fast (static files
1 200 instead of 2 200 requests/s): SQLite p50 25 ms, p95 82 ms; PostgreSQL p50 38 ms, p95 65 ms.

The PostgreSQL database must be empty (it is migrated) or hold this benchmark's archive from an
earlier run of the same size, which is then reused. ``--sqlite-db FILE`` keeps the SQLite archive
in FILE for the next run instead of a temporary file. Not part of the pytest run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TOWN = "Benchmarkkommun"
DEFAULT_PARAGRAPHS = 200_000
PER_MEETING = 25
RUNS = 15  # timed runs per query (after one warm-up)
TARGET_P95_MS = {"postgresql": 100.0, "sqlite": 200.0}

BODIES = [
    ("Kommunfullmäktige", "KF"), ("Kommunstyrelsen", "KS"), ("Barn- och utbildningsnämnden", "BUN"),
    ("Vård- och omsorgsnämnden", "VON"), ("Samhällsbyggnadsnämnden", "SBN"), ("Kultur- och fritidsnämnden", "KFN"),
]
PARTIES = ["S", "M", "SD", "C", "V", "KD", "L", "MP"]
GIVEN = ["Alma", "Bertil", "Cecilia", "David", "Ebba", "Fredrik", "Greta", "Hugo", "Ines", "Jakob",
         "Klara", "Lars", "Maja", "Nils", "Olivia", "Petter", "Rut", "Sixten", "Tyra", "Ulf"]
FAMILY = ["Ankarberg", "Björkvik", "Dalström", "Ekenlund", "Fjällgren", "Granqvist", "Hägerlind",
          "Ivarsbo", "Järnefelt", "Kvarnström"]
#: Municipal topics in several inflected forms, so that stemming has work to do.
TOPICS = [
    ("förskola", "förskolan", "förskolor", "förskolorna"),
    ("detaljplan", "detaljplanen", "detaljplaner", "detaljplanerna"),
    ("bygglov", "bygglovet", "bygglovs"),
    ("strandskydd", "strandskyddet", "strandskyddsdispens"),
    ("budget", "budgeten", "budgetar", "budgetramen"),
    ("äldreboende", "äldreboendet", "äldreboenden"),
    ("hemtjänst", "hemtjänsten"),
    ("skolskjuts", "skolskjutsen", "skolskjutsar"),
    ("cykelväg", "cykelvägen", "cykelvägar"),
    ("bibliotek", "biblioteket", "biblioteken"),
    ("taxa", "taxan", "taxor"),
    ("upphandling", "upphandlingen", "upphandlingar"),
    ("motion", "motionen", "motioner"),
    ("medborgarförslag", "medborgarförslaget"),
    ("internkontroll", "internkontrollplan"),
    ("vatten", "avlopp", "dagvatten"),
]
PLACES = ["Norrby", "Söderåsen", "Västerviken", "Österbacka", "Kvarnbyn", "Lillsjö", "Ekudden", "Bergsäng"]
DECISIONS = [
    "Nämnden beslutar att godkänna förslaget.",
    "Nämnden beslutar att återremittera ärendet för ytterligare beredning.",
    "Förvaltningen får i uppdrag att återkomma med en budget i balans.",
    "Motionen anses besvarad.",
    "Ärendet bordläggs till nästa sammanträde.",
    "Informationen noteras och läggs till handlingarna.",
]

# (label, query, filters, page) — filters use the names of kansli.search.engine.Filters;
# "{person}" is replaced by a member who dissented in the archive.
QUERIES = [
    ("ett vanligt ord", "budget", {}, 1),
    ("böjd form", "förskolorna", {}, 1),
    ("två ord", "detaljplan bygglov", {}, 1),
    ("fras", '"budget i balans"', {}, 1),
    ("eller", "strandskydd or dagvatten", {}, 1),
    ("uteslut", "hemtjänsten -budget", {}, 1),
    ("sällsynt ord", "{rare}", {}, 1),
    ("ort + ämne", "Kvarnbyn cykelvägar", {}, 1),
    ("organ + år", "förskola", {"body": "{body}", "year": 2021}, 1),
    ("parti", "äldreboende", {"party": "M"}, 1),
    ("person reserverade sig", "", {"person": "{person}", "role": "dissented"}, 1),
    ("sida 10", "förskolorna", {}, 10),
    ("mycket vanliga ord", "nämnden beslutar", {}, 1),
    ("diarienummer", "{case_number}", {}, 1),
    ("fientlig sträng", "'; DROP TABLE x; -- <script>", {}, 1),
]
LIKE_WORDS = ["budget", "strandskydd", "Kvarnbyn"]


# --- building the archive -----------------------------------------------------------------------


def _words() -> list[str]:
    text = (ROOT / "src/kansli/reading/data/sv_words.txt").read_text("utf-8")
    return [w for w in text.split() if w.isalpha() and not w.startswith("#")]


def _sentences(rng: random.Random, n: int) -> list[str]:
    words = _words()
    weights = [1 / (i + 10) for i in range(len(words))]  # Zipf-like: a few words are common
    rng.shuffle(words)
    out = []
    for _ in range(n):
        chosen = rng.choices(words, weights, k=rng.randint(8, 18))
        if rng.random() < 0.6:
            chosen.insert(rng.randrange(len(chosen)), rng.choice(rng.choice(TOPICS)))
        if rng.random() < 0.2:
            chosen.insert(rng.randrange(len(chosen)), rng.choice(PLACES))
        out.append(" ".join(chosen).capitalize() + ".")
    return out


def build(paragraph_count: int, seed: int = 7) -> dict:
    import datetime as dt

    from django.apps import apps
    from django.db import transaction

    from kansli.cases.models import Case, CaseSeries
    from kansli.meetings.models import (
        Attendance,
        Dissent,
        Meeting,
        MeetingStatus,
        Motion,
        Paragraph,
    )
    from kansli.organisation.models import Body, Municipality, Party, Person

    rng = random.Random(seed)
    sentences = _sentences(rng, 30_000)
    started = time.perf_counter()
    with transaction.atomic():
        town = Municipality.objects.create(name=TOWN)
        bodies = [Body.objects.create(municipality=town, name=n, abbreviation=a) for n, a in BODIES]
        parties = {p: Party.objects.create(municipality=town, short_name=p) for p in PARTIES}
        people = [
            Person.objects.create(municipality=town, name=f"{g} {f}", party=parties[PARTIES[i % len(PARTIES)]])
            for i, (g, f) in enumerate((g, f) for f in FAMILY for g in GIVEN[:6])
        ]
        series = {b.pk: CaseSeries.objects.create(municipality=town, code=b.abbreviation, body=b) for b in bodies}
        meetings_total = (paragraph_count + PER_MEETING - 1) // PER_MEETING
        meetings = []
        for i in range(meetings_total):
            body = bodies[i % len(bodies)]
            year = 2010 + (i * 17 // meetings_total)
            day = dt.date(year, 1, 10) + dt.timedelta(days=(i // len(bodies)) % 340)
            meetings.append(Meeting(body=body, date=day, status=MeetingStatus.ADJUSTED, adjusted=day + dt.timedelta(days=6)))
        meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
        attendance = []
        for m in meetings:
            for order, person in enumerate(rng.sample(people, 9)):
                attendance.append(Attendance(meeting=m, order=order, person=person, party=person.party))
        Attendance.objects.bulk_create(attendance, batch_size=5000)
        cases = []
        sequence: dict[tuple[int, int], int] = {}
        paragraphs = []
        numbers: dict[tuple[int, int], int] = {}
        for m in meetings:
            for _ in range(PER_MEETING):
                if len(paragraphs) >= paragraph_count:
                    break
                key = (m.body_id, m.date.year)
                numbers[key] = numbers.get(key, 0) + 1
                topic = rng.choice(TOPICS)
                title = f"{rng.choice(topic).capitalize()} i {rng.choice(PLACES)}"
                case_number = ""
                if rng.random() < 0.3:
                    sequence[key] = sequence.get(key, 0) + 1
                    case_number = f"{m.body.abbreviation}/{m.date.year}:{sequence[key]:05d}"
                    cases.append((len(paragraphs), Case(
                        series=series[m.body_id], year=m.date.year, sequence=sequence[key],
                        case_number=case_number, title=title, registered=m.date,
                    )))
                paragraphs.append(Paragraph(
                    meeting=m, body_id=m.body_id, year=m.date.year, number=numbers[key], title=title,
                    case_number=case_number,
                    decision=rng.choice(DECISIONS),
                    decision_clauses=[rng.choice(sentences) for _ in range(rng.randint(1, 3))],
                    summary=" ".join(rng.choices(sentences, k=rng.randint(3, 7))),
                    deliberation=" ".join(rng.choices(sentences, k=rng.randint(0, 2))),
                    secret=rng.random() < 0.01,
                ))
        Case.objects.bulk_create([c for _, c in cases], batch_size=5000)
        for i, case in cases:
            paragraphs[i].case_id = case.pk
        paragraphs = Paragraph.objects.bulk_create(paragraphs, batch_size=2000)
        motions, dissents = [], []
        for p in paragraphs:
            if rng.random() < 0.25:
                mover, other = rng.sample(people, 2)
                motions.append(Motion(paragraph=p, order=0, by=[mover.name], text="Bifall till förslaget."))
                motions.append(Motion(paragraph=p, order=1, by=[other.name], text=rng.choice(sentences)))
                if rng.random() < 0.5:
                    dissents.append(Dissent(paragraph=p, order=0, by=[other.name], text=rng.choice(sentences)))
        Motion.objects.bulk_create(motions, batch_size=5000)
        Dissent.objects.bulk_create(dissents, batch_size=5000)
        # The protokoll are adjusted (locked) and, where kansli.publishing keeps reviews,
        # reviewed for publication: the state in which a protokoll is public.
        Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(locked=True)
        try:
            review = apps.get_model("publishing", "PublicationReview")
        except LookupError:
            review = None
        if review is not None:
            review.objects.bulk_create(
                [review(meeting_id=m.pk, reviewed=True) for m in meetings], batch_size=5000
            )
    inserted = time.perf_counter() - started
    return {"paragraphs": len(paragraphs), "meetings": len(meetings), "insert_s": inserted}


# --- one backend (child process) ----------------------------------------------------------------


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run_backend(paragraph_count: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansli.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from kansli.meetings.models import Dissent, Paragraph
    from kansli.organisation.models import Body, Municipality
    from kansli.search import index
    from kansli.search.engine import Filters, search
    from kansli.search.models import SearchEntry

    call_command("migrate", verbosity=0)
    others = Municipality.objects.exclude(name=TOWN)
    if others.exists():
        sys.exit(f"Databasen innehåller annat än benchmarkens data ({others.first()}); använd en tom databas.")
    info: dict = {"vendor": connection.vendor}
    have = Paragraph.objects.filter(body__municipality__name=TOWN).count()
    if have and have < paragraph_count:
        sys.exit(f"Databasen har ett mindre arkiv ({have} paragrafer) från en tidigare körning; använd en tom databas.")
    if not have:
        info.update(build(paragraph_count))
        started = time.perf_counter()
        counts = index.rebuild()
        info["index_s"] = time.perf_counter() - started
        info["indexed"] = counts.paragraphs + counts.cases + counts.documents
    else:
        info.update({"paragraphs": have, "reused": True})
        if not SearchEntry.objects.exists():
            started = time.perf_counter()
            index.rebuild()
            info["index_s"] = time.perf_counter() - started
        info["indexed"] = SearchEntry.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
            cursor.execute("VACUUM ANALYZE search_searchactor")

    rng = random.Random(3)
    dissenter = Dissent.objects.filter(paragraph__body__municipality__name=TOWN).values_list("by", flat=True).first()
    body = Body.objects.get(municipality__name=TOWN, abbreviation="BUN")
    rare = rng.choice([w for w in _words() if len(w) > 9])
    case_number = SearchEntry.objects.filter(kind="case").values_list("reference", flat=True).first() or "BUN"
    subst = {"{person}": dissenter[0] if dissenter else "", "{body}": body.pk, "{rare}": rare,
             "{case_number}": case_number}

    def resolve(value):
        return subst.get(value, value) if isinstance(value, str) else value

    per_query = []
    all_ms: list[float] = []
    for label, query, filters, page in QUERIES:
        filters = Filters(**{k: resolve(v) for k, v in filters.items()})
        query = resolve(query)
        results = search(query, filters, page)  # warm-up
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            results = search(query, filters, page)
            times.append((time.perf_counter() - started) * 1000)
        all_ms += times
        per_query.append({"label": label, "query": query, "total": results.total, "more": results.more,
                          "p50": statistics.median(times), "p95": _percentile(times, 0.95)})
    like = []
    for word in LIKE_WORDS:
        started = time.perf_counter()
        n = SearchEntry.objects.filter(text__icontains=word).count()
        list(SearchEntry.objects.filter(text__icontains=word).order_by("-date").values_list("pk", flat=True)[:20])
        like.append({"word": word, "ms": (time.perf_counter() - started) * 1000, "total": n})
    info.update({"queries": per_query, "p50": statistics.median(all_ms), "p95": _percentile(all_ms, 0.95),
                 "like": like})
    return info


# --- the report ---------------------------------------------------------------------------------


def _child(backend: str, paragraphs: int, database_url: str | None, sqlite_db: str | None = None) -> dict | None:
    env = dict(os.environ)
    tmp = None
    if backend == "sqlite":
        env.pop("DATABASE_URL", None)
        tmp = tempfile.mkdtemp(prefix="kansli-search-bench-")
        env["KANSLI_HOME"] = tmp
        if sqlite_db:
            env["DATABASE_URL"] = f"sqlite:///{Path(sqlite_db).resolve()}"
    else:
        env["DATABASE_URL"] = database_url or ""
        env.setdefault("KANSLI_HOME", tempfile.mkdtemp(prefix="kansli-search-bench-"))
    result = subprocess.run(
        [sys.executable, __file__, "--child", "--paragraphs", str(paragraphs)],
        env=env, capture_output=True, text=True,
    )
    if tmp:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    if result.returncode != 0:
        print(f"{backend}: misslyckades\n{result.stderr[-3000:]}", file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(backend: str, info: dict) -> bool:
    target = TARGET_P95_MS[backend]
    print(f"\n== {backend} ==")
    built = "återanvänt arkiv" if info.get("reused") else (
        f"infogat på {info['insert_s']:.0f} s" if "insert_s" in info else "")
    print(f"arkiv: {info['paragraphs']} paragrafer ({built}); sökindex: {info['indexed']} poster"
          + (f", byggt på {info['index_s']:.0f} s ({info['indexed'] / info['index_s']:.0f} poster/s)" if info.get("index_s") else ""))
    print(f"{'fråga':<26}{'träffar':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for q in info["queries"]:
        total = f"{q['total']}{'+' if q.get('more') else ''}"
        print(f"{q['label']:<26}{total:>9}{q['p50']:>9.1f}{q['p95']:>9.1f}")
    ok = info["p95"] <= target
    print(f"alla frågor: p50 {info['p50']:.1f} ms, p95 {info['p95']:.1f} ms — mål p95 ≤ {target:.0f} ms: "
          f"{'uppfyllt' if ok else 'EJ uppfyllt'}")
    like_ms = statistics.median(x["ms"] for x in info["like"])
    print(f"jämförelse: LIKE-sökning utan index, median {like_ms:.0f} ms per ord "
          f"({', '.join(x['word'] for x in info['like'])}); fulltextsökningens p50 är "
          f"{info['p50'] / like_ms:.3f} av den (kvot, lägre är bättre)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=DEFAULT_PARAGRAPHS)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--sqlite-db", metavar="FIL",
        help="SQLite-databas att bygga arkivet i och behålla (återanvänds nästa gång); annars en tillfällig fil",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_backend(args.paragraphs)))
        return 0
    if args.paragraphs < DEFAULT_PARAGRAPHS:
        print(f"OBS: {args.paragraphs} paragrafer är färre än de {DEFAULT_PARAGRAPHS} som målen gäller.")
    database_url = os.environ.get("DATABASE_URL")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = {}
    for backend in backends:
        if backend == "postgresql" and not (database_url or "").startswith("postgres"):
            print("\n== postgresql ==\nhoppas över: sätt DATABASE_URL=postgres://… till en tom databas")
            continue
        print(f"{backend}: bygger arkiv och mäter …", flush=True)
        results[backend] = _child(backend, args.paragraphs, database_url, args.sqlite_db)
    ok = True
    for backend, info in results.items():
        ok = (report(backend, info) if info else False) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
