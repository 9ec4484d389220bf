"""``kansli import`` into the database: counts against the reader, re-imports, bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import pytest

from kansli import minutes as mm
from kansli.meetings.importing import DEFAULT_MUNICIPALITY, find_files
from kansli.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    Meeting,
    MeetingStatus,
    Paragraph,
)
from kansli.organisation.models import Municipality, Person
from kansli.reading.api import ReadResult, read_file

from .conftest import row_counts
from .samples import FIXTURE_PDFS, SEEDS, pdf_from_text, protokoll_text

pytestmark = pytest.mark.django_db


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed(prefix: str):
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} saknas i {SEEDS}")
    return found[0]


# --- real documents ----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seed_protokoll_is_stored_with_what_the_reader_found(shared, run_import, prefix):
    path = seed(prefix)
    read = read_file(path)
    assert read.ok
    [doc] = [d for d in read.documents if d.kind == mm.DocumentKind.MINUTES]
    assert doc.items and doc.participants

    result = run_import(path)

    assert result.code == 0, result.out
    [meeting] = Meeting.objects.filter(source_sha256=sha256(path))
    assert meeting.source_file == str(path)
    assert meeting.source_pages == doc.source.pages
    assert meeting.body.name == doc.body
    assert meeting.body.municipality.name == doc.municipality
    assert meeting.date == doc.meeting.date
    assert meeting.paragraphs.count() == len(doc.items)
    assert sorted(meeting.paragraphs.values_list("number", flat=True)) == sorted(i.number for i in doc.items)
    assert meeting.attendances.count() == len(doc.participants)
    names = {p.name for p in doc.participants}
    assert set(Person.objects.filter(name__in=names).values_list("name", flat=True)) == names
    assert f"{len(doc.items)} paragrafer" in result.out
    assert f"{len(doc.participants)} deltagare" in result.out
    assert "1 protokoll" in result.out
    assert "Fel: inga." in result.out


def test_both_seed_protokoll_in_one_batch(shared, run_import):
    paths = [seed("000"), seed("001")]
    docs = [d for p in paths for d in read_file(p).documents if d.kind == mm.DocumentKind.MINUTES]

    result = run_import(*paths)

    assert result.code == 0, result.out
    assert Meeting.objects.count() == 2
    assert Paragraph.objects.count() == sum(len(d.items) for d in docs)
    assert Attendance.objects.count() == sum(len(d.participants) for d in docs)
    assert "Filer: 2;" in result.out and "2 protokoll" in result.out


def test_kallelse_becomes_a_meeting_with_its_agenda(shared, run_import):
    path = seed("004")
    read = read_file(path)
    [notice] = [d for d in read.documents if d.kind == mm.DocumentKind.NOTICE_OF_MEETING]
    memos = sum(d.kind in (mm.DocumentKind.MEMO, mm.DocumentKind.CHAIR_PROPOSAL) for d in read.documents)

    result = run_import(path)

    assert result.code == 0, result.out
    [meeting] = Meeting.objects.all()
    assert meeting.status == MeetingStatus.NOTICE_SENT
    assert meeting.date == notice.meeting.date and meeting.start == notice.meeting.start
    assert meeting.source_sha256 == sha256(path)
    items = list(meeting.agenda_items.order_by("order"))
    assert [a.title for a in items] == [" ".join(i.title.split()) for i in notice.items]
    assert [a.proposed_decision for a in items] == [
        i.proposed_decision or "\n".join(i.decision_clauses) for i in notice.items
    ]
    assert not Paragraph.objects.exists()
    assert "1 kallelse" in result.out
    assert f"{len(items)} punkter på föredragningslistor" in result.out
    assert memos and "lagras inte" in result.out


def test_fixture_pdfs(shared, run_import):
    pdfs = sorted(FIXTURE_PDFS.glob("*.pdf"))
    assert len(pdfs) == 3
    read = {p: read_file(p) for p in pdfs}

    result = run_import(FIXTURE_PDFS)

    assert result.code == 0, result.out
    for path, res in read.items():
        for doc in res.documents:
            if doc.kind not in (mm.DocumentKind.MINUTES, mm.DocumentKind.NOTICE_OF_MEETING):
                continue
            meeting = Meeting.objects.get(source_sha256=sha256(path), source_pages=doc.source.pages)
            if doc.kind == mm.DocumentKind.MINUTES:
                assert meeting.paragraphs.count() == len(doc.items)
                assert meeting.attendances.count() == len(doc.participants)
            else:
                assert meeting.agenda_items.count() == len(doc.items)
    assert f"{sum(r.pages for r in read.values())} sidor" in result.out
    # warnings from the reader are listed, each naming its file
    warned = [line for line in result.out.splitlines() if line.startswith("  - ") and "förvanskat" in line]
    assert warned and all(any(p.name in line for p in pdfs) for line in warned)


def test_generated_pdf(tmp_path, run_import):
    path = tmp_path / "kfn-2025-03-12.pdf"
    path.write_bytes(pdf_from_text(protokoll_text() + "\f" + "Sista sidan\n"))

    result = run_import(path)

    assert result.code == 0, result.out
    [meeting] = Meeting.objects.all()
    assert meeting.body.name == "Kultur- och fritidsnämnden"
    assert meeting.body.municipality.name == "Provköpings kommun"
    assert list(meeting.paragraphs.values_list("number", flat=True)) == [14, 15, 16]
    assert meeting.attendances.count() == 7
    assert meeting.source_sha256 == sha256(path)
    pages = read_file(path).pages
    assert pages >= 2 and meeting.source_pages == list(range(1, pages + 1))
    assert f"{pages} sidor" in result.out


# --- importing twice -----------------------------------------------------------------------------


def test_importing_the_same_files_twice_changes_nothing(shared, run_import, tmp_path):
    generated = tmp_path / "gen.pdf"
    generated.write_bytes(pdf_from_text(protokoll_text()))
    paths = [seed("000"), seed("001"), seed("003"), seed("004"), FIXTURE_PDFS, generated]

    first = run_import(*paths)
    assert first.code == 0, first.out
    before = row_counts()
    assert before["meetings.Meeting"] >= 7

    second = run_import(*paths)

    assert second.code == 0, second.out
    assert row_counts() == before
    assert "redan importerad" in second.out
    assert "Sparat: 0 nya sammanträden, 0 paragrafer, 0 deltagare, 0 punkter" in second.out


def test_a_copy_under_another_name_is_recognised(run_import, tmp_path):
    first, copy = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(protokoll_text(), encoding="utf-8")
    shutil.copy(first, copy)
    assert run_import(first).code == 0
    before = row_counts()

    result = run_import(copy)

    assert result.code == 0
    assert row_counts() == before
    assert f"{copy} (protokoll" in result.out and "redan importerad" in result.out


# --- bad input -----------------------------------------------------------------------------------


def test_a_batch_with_bad_files_imports_the_good_one_and_names_the_others(run_import, tmp_path):
    good = tmp_path / "bra.pdf"
    good.write_bytes(pdf_from_text(protokoll_text()))
    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    not_pdf = tmp_path / "inte-pdf.pdf"
    not_pdf.write_bytes(b"PK\x03\x04 ett zip-arkiv med fel namn\n")
    truncated = tmp_path / "avbruten.pdf"
    truncated.write_bytes(good.read_bytes()[:400])
    garbage = tmp_path / "skrap.txt"
    garbage.write_text("qwrt zxcv plmk\n1234 5678\nasdf ghjk lööp\n", encoding="utf-8")

    result = run_import(tmp_path)

    assert result.code == 1
    fel = result.out.split("Fel (")[1]
    for bad in (empty, not_pdf, truncated, garbage):
        assert str(bad) in fel, bad
    assert str(good) not in fel
    assert "Filer: 5 (4 med fel)" in result.out
    # only the good file's records exist
    assert Meeting.objects.count() == 1
    assert Paragraph.objects.count() == 3
    assert Attendance.objects.count() == 7
    assert list(Municipality.objects.values_list("name", flat=True)) == ["Provköpings kommun"]
    assert "Traceback" not in result.out + result.err


def test_paths_that_do_not_exist_are_reported(run_import, tmp_path):
    (tmp_path / "tom-mapp").mkdir()
    result = run_import(tmp_path / "finns-inte.pdf", tmp_path / "tom-mapp")
    assert result.code == 1
    assert f"{tmp_path / 'finns-inte.pdf'}: filen eller mappen finns inte." in result.out
    assert "inga filer att läsa" in result.out


def _minutes(path, *, kind=mm.DocumentKind.MINUTES, numbers=(1, 2), body="Provnämnden",
             date=dt.date(2025, 5, 5), municipality="Provkommun", pages=(1,)) -> mm.Minutes:
    return mm.Minutes(
        kind=kind,
        municipality=municipality,
        body=body,
        meeting=mm.Meeting(date=date, start=dt.time(18) if kind != mm.DocumentKind.EXTRACT else None),
        participants=[] if kind != mm.DocumentKind.MINUTES else [
            mm.Participant("Ada Ek", "S", mm.Role.CHAIR), mm.Participant("Bo Ask", "M"),
        ],
        items=[mm.Item(number=n, title=f"Ärende {n}", proposed_decision=f"Förslag {n}") for n in numbers],
        source=mm.Source(file=str(path), sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                         pages=list(pages)),
    )


@pytest.fixture
def fake_reader(monkeypatch):
    """Make ``read_file`` return crafted documents for given files."""
    results: dict[str, ReadResult] = {}

    def fake(path):
        return results[str(path)]

    monkeypatch.setattr("kansli.reading.api.read_file", fake)

    def give(path, *documents, **kw):
        path.write_text(f"{path.name}\n{len(results)}\n", encoding="utf-8")
        docs = [d(path) for d in documents]
        results[str(path)] = ReadResult(documents=docs, pages=1, file=str(path), **kw)

    return give


def test_a_document_failing_halfway_leaves_no_rows(run_import, tmp_path, fake_reader, counts):
    path = tmp_path / "dubbel.txt"
    # § 1 twice: the first § is written before the second one fails
    fake_reader(path, lambda p: _minutes(p, numbers=(1, 2, 1)))
    before = counts()

    result = run_import(path)

    assert result.code == 1
    assert counts() == before
    assert f"{path} (protokoll Provnämnden 2025-05-05 sida 1): Provnämnden har redan § 1/2025." in result.out


def test_one_bad_document_does_not_stop_the_others(run_import, tmp_path, fake_reader):
    path = tmp_path / "blandat.txt"
    fake_reader(
        path,
        lambda p: _minutes(p, numbers=(1, 2)),
        lambda p: _minutes(p, body="Annan nämnd", date=None, pages=(2,)),
        lambda p: _minutes(p, kind=mm.DocumentKind.NOTICE_OF_MEETING, body="Tredje nämnden",
                           numbers=(1, 2, 3), pages=(3,)),
    )

    result = run_import(path)

    assert result.code == 1
    assert "Sammanträdets datum saknas i protokollet." in result.out
    assert Meeting.objects.count() == 2
    assert Paragraph.objects.count() == 2 and AgendaItem.objects.count() == 3
    assert not Meeting.objects.filter(body__name="Annan nämnd").exists()

    # the failed document is retried, the stored ones are recognised
    before = row_counts()
    again = run_import(path)
    assert again.code == 1 and row_counts() == before
    assert again.out.count("redan importerad") == 2


def test_a_reader_crash_is_a_reported_failure(run_import, tmp_path, monkeypatch):
    def boom(path):
        raise RuntimeError("parserfel")

    monkeypatch.setattr("kansli.reading.api.read_file", boom)
    path = tmp_path / "x.txt"
    path.write_text("x", encoding="utf-8")
    result = run_import(path)
    assert result.code == 1
    assert f"{path}: oväntat fel vid läsningen (RuntimeError: parserfel)." in result.out


def test_missing_municipality_goes_to_the_default(run_import, tmp_path, fake_reader):
    path = tmp_path / "utan-kommun.txt"
    fake_reader(path, lambda p: _minutes(p, municipality=None))
    result = run_import(path)
    assert result.code == 0
    assert Meeting.objects.get().body.municipality.name == DEFAULT_MUNICIPALITY
    assert f"{path} (protokoll Provnämnden 2025-05-05 sida 1): kommunen framgår inte" in result.out


def test_an_adjusted_protokoll_is_locked(run_import, tmp_path, fake_reader):
    good, odd = tmp_path / "justerat.txt", tmp_path / "konstigt.txt"

    def adjusted(p, on):
        m = _minutes(p, body=p.stem)
        m.adjusted = on
        return m

    fake_reader(good, lambda p: adjusted(p, dt.date(2025, 5, 12)))
    fake_reader(odd, lambda p: adjusted(p, dt.date(2025, 5, 1)))

    result = run_import(good, odd)

    assert result.code == 0, result.out
    ok, early = Meeting.objects.get(body__name="justerat"), Meeting.objects.get(body__name="konstigt")
    assert ok.status == early.status == MeetingStatus.ADJUSTED
    assert ok.adjusted == dt.date(2025, 5, 12)
    if hasattr(ok, "locked"):  # the record lock (kansli.meetings.locking) is installed
        assert ok.locked and not early.locked
        assert "justeringsdatumet 2025-05-01 ligger före sammanträdet" in result.out


# --- kallelse and protokoll of the same meeting ---------------------------------------------------


def test_protokoll_after_its_kallelse_takes_the_meetings_place(run_import, tmp_path, fake_reader):
    kallelse, protokoll = tmp_path / "kallelse.txt", tmp_path / "protokoll.txt"
    fake_reader(kallelse, lambda p: _minutes(p, kind=mm.DocumentKind.NOTICE_OF_MEETING, numbers=(1, 2, 3)))
    fake_reader(protokoll, lambda p: _minutes(p, numbers=(7, 8)))
    assert run_import(kallelse).code == 0
    assert Meeting.objects.get().status == MeetingStatus.NOTICE_SENT

    result = run_import(protokoll)

    assert result.code == 0, result.out
    [meeting] = Meeting.objects.all()
    assert meeting.status == MeetingStatus.HELD
    assert list(meeting.paragraphs.values_list("number", flat=True)) == [7, 8]
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Ärende 1", "Ärende 2", "Ärende 3"]
    assert meeting.source_file == str(protokoll)
    # both files again: nothing changes
    before = row_counts()
    assert run_import(kallelse, protokoll).code == 0
    assert row_counts() == before


def test_kallelse_after_its_protokoll_adds_the_agenda_once(run_import, tmp_path, fake_reader):
    kallelse, protokoll = tmp_path / "kallelse.txt", tmp_path / "protokoll.txt"
    fake_reader(protokoll, lambda p: _minutes(p, numbers=(7, 8)))
    fake_reader(kallelse, lambda p: _minutes(p, kind=mm.DocumentKind.NOTICE_OF_MEETING, numbers=(1, 2)))
    assert run_import(protokoll).code == 0

    assert run_import(kallelse).code == 0
    [meeting] = Meeting.objects.all()
    assert meeting.agenda_items.count() == 2 and meeting.paragraphs.count() == 2

    before = row_counts()
    again = run_import(kallelse)
    assert again.code == 0 and row_counts() == before
    assert "finns redan" in again.out


def test_extract_of_an_imported_meeting_changes_nothing(run_import, tmp_path, fake_reader):
    protokoll, extract = tmp_path / "protokoll.txt", tmp_path / "utdrag.txt"
    fake_reader(protokoll, lambda p: _minutes(p, numbers=(7, 8)))
    fake_reader(extract, lambda p: _minutes(p, kind=mm.DocumentKind.EXTRACT, numbers=(8,)))
    assert run_import(protokoll).code == 0
    before = row_counts()

    result = run_import(extract)

    assert result.code == 0, result.out
    assert row_counts() == before
    assert "finns redan" in result.out


def test_agenda_items_standing_or_case(tmp_path, run_import, fake_reader):
    path = tmp_path / "kallelse.txt"

    def notice(p):
        m = _minutes(p, kind=mm.DocumentKind.NOTICE_OF_MEETING, numbers=())
        m.items = [
            mm.Item(number=1, title="Val av justerare"),
            mm.Item(number=2, title="Budget 2026", case_number="KS/2025:1"),
            mm.Item(number=None, title="Övriga frågor"),
        ]
        return m

    fake_reader(path, notice)
    assert run_import(path).code == 0
    rows = list(AgendaItem.objects.order_by("order").values_list("order", "title", "kind"))
    # numbers incomplete: the agenda is numbered in order
    assert rows == [
        (1, "Val av justerare", AgendaItemKind.STANDING),
        (2, "Budget 2026", AgendaItemKind.CASE),
        (3, "Övriga frågor", AgendaItemKind.STANDING),
    ]


# --- output --------------------------------------------------------------------------------------


def test_progress_bar_only_when_asked_or_on_a_terminal(run_import, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(protokoll_text(date=f"2025-0{len(name) + 2}-01"), encoding="utf-8")
    quiet = run_import(tmp_path)
    assert quiet.err == ""
    shown = run_import(tmp_path, progress=True)
    assert "Importerar" in shown.err
    assert "Import klar." in quiet.out and "Import klar." in shown.out


def test_find_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".dold").mkdir()
    for name in ("a/1.PDF", "a/b/2.txt", "a/b/3.md", "a/skip.docx", "a/.gömd.pdf", ".dold/4.pdf"):
        (tmp_path / name).write_text("x")
    explicit = tmp_path / "a" / "skip.docx"

    files, problems = find_files([tmp_path, explicit, tmp_path / "a" / "b" / "2.txt", tmp_path / "nej"])

    assert files == [str(tmp_path / p) for p in ("a/1.PDF", "a/b/2.txt", "a/b/3.md", "a/skip.docx")]
    assert problems == [f"{tmp_path / 'nej'}: filen eller mappen finns inte."]


def test_overlong_texts_are_shortened_the_same_on_every_database(run_import, tmp_path, fake_reader):
    path = tmp_path / "lang.txt"

    def long(p):
        m = _minutes(p, numbers=(1,))
        m.items[0].recipients = ["Socialförvaltningen", "Lång text " * 80]
        m.meeting.place = "Rum " * 100
        return m

    fake_reader(path, long)

    result = run_import(path)

    assert result.code == 0, result.out
    names = list(Paragraph.objects.get().recipients.values_list("name", flat=True))
    assert names[0] == "Socialförvaltningen"
    assert len(names[1]) == 300 and names[1].endswith("…")
    assert len(Meeting.objects.get().place) == 300
    assert "en mottagare i § 1 är längre än 300 tecken och kortades" in result.out
    assert "platsen är längre än 300 tecken" in result.out


def test_kallelse_for_an_adjusted_locked_protokoll_is_skipped(run_import, tmp_path, fake_reader):
    kallelse, protokoll = tmp_path / "kallelse.txt", tmp_path / "protokoll.txt"

    def adjusted(p):
        m = _minutes(p, numbers=(7,))
        m.adjusted = dt.date(2025, 5, 9)
        return m

    fake_reader(protokoll, adjusted)
    fake_reader(kallelse, lambda p: _minutes(p, kind=mm.DocumentKind.NOTICE_OF_MEETING, numbers=(1,)))
    assert run_import(protokoll).code == 0
    if not getattr(Meeting.objects.get(), "locked", False):
        pytest.skip("protokollslåset (kansli.meetings.locking) finns inte i denna utcheckning")
    before = row_counts()

    result = run_import(kallelse)

    assert result.code == 0, result.out
    assert row_counts() == before
    assert "är justerat och låst; föredragningslistan lades inte till" in result.out
