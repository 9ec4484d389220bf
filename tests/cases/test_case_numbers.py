import datetime as dt
import hashlib
import threading

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction

from kansli.cases.models import Case, CaseSeries, Document, DocumentKind
from kansli.cases.services import issue_case_number, register_case
from kansli.organisation.models import Municipality


@pytest.fixture
def series(db):
    town = Municipality.objects.create(name="Provkommun")
    return CaseSeries.objects.create(municipality=town, code="VON", format="{series}/{year}:{seq:05d}")


@pytest.mark.django_db
def test_numbers_follow_the_series_format_and_restart_each_year(series):
    assert issue_case_number(series, 2026).text == "VON/2026:00001"
    assert issue_case_number(series, 2026).text == "VON/2026:00002"
    assert issue_case_number(series, 2027).text == "VON/2027:00001"
    other = CaseSeries.objects.create(municipality=series.municipality, code="KS", format="{series} {year}/{seq}")
    assert issue_case_number(other, 2026).text == "KS 2026/1"


@pytest.mark.django_db
def test_register_case_stores_the_issued_number(series):
    case = register_case(series, "Yttrande över motion", registered=dt.date(2026, 2, 3))
    assert (case.year, case.sequence, case.case_number) == (2026, 1, "VON/2026:00001")
    assert str(case) == "VON/2026:00001 Yttrande över motion"


@pytest.mark.django_db
def test_case_number_is_unique_per_series(series):
    register_case(series, "A", registered=dt.date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(series=series, year=2026, sequence=99, case_number="VON/2026:00001",
                            title="Dubblett", registered=dt.date(2026, 1, 2))
    # the same text in another series is fine
    other = CaseSeries.objects.create(municipality=series.municipality, code="KS")
    Case.objects.create(series=other, year=2026, sequence=1, case_number="VON/2026:00001",
                        title="Annan serie", registered=dt.date(2026, 1, 2))


@pytest.mark.django_db
def test_a_failed_registration_gives_its_number_back(series):
    register_case(series, "A", registered=dt.date(2026, 1, 1))
    with pytest.raises(RuntimeError), transaction.atomic():
        register_case(series, "B", registered=dt.date(2026, 1, 1))
        raise RuntimeError("abort after issuing")
    assert register_case(series, "C", registered=dt.date(2026, 1, 1)).sequence == 2


@pytest.mark.django_db
def test_a_new_counter_continues_after_imported_cases(series):
    Case.objects.create(series=series, year=2025, sequence=41, case_number="VON/2025:00041",
                        title="Importerat", registered=dt.date(2025, 5, 5))
    assert issue_case_number(series, 2025).sequence == 42


@pytest.mark.django_db(transaction=True)
def test_issuing_is_gap_free_under_concurrency(series):
    threads_n, per_thread = 8, 10
    issued: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads_n)

    def work():
        try:
            start.wait()
            for _ in range(per_thread):
                case = register_case(series, "Samtidigt", registered=dt.date(2026, 3, 1))
                with lock:
                    issued.append(case.sequence)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    total = threads_n * per_thread
    assert sorted(issued) == list(range(1, total + 1))
    stored = list(Case.objects.filter(series=series, year=2026).values_list("sequence", flat=True))
    assert sorted(stored) == list(range(1, total + 1))
    assert len(set(Case.objects.values_list("case_number", flat=True))) == total


@pytest.mark.django_db
def test_document_checksum_and_type_are_computed_and_the_file_is_stored(series, media_root):
    case = register_case(series, "Ärende med handling", registered=dt.date(2026, 1, 1))
    body = b"%PDF-1.4\nfake but fine\n%%EOF\n"
    doc = Document(case=case, kind=DocumentKind.MEMO, title="Tjänsteskrivelse")
    doc.file.save("tjansteskrivelse.pdf", ContentFile(body), save=False)
    doc.save()
    doc.refresh_from_db()
    assert doc.sha256 == hashlib.sha256(body).hexdigest()
    assert doc.content_type == "application/pdf"
    assert (media_root / doc.file.name).read_bytes() == body
    assert doc.file.name.startswith("handlingar/VON/2026/1/")
    # replacing the file recomputes the checksum
    doc.file.save("ny.txt", ContentFile(b"annat"), save=True)
    stored = Document.objects.get(pk=doc.pk)
    assert stored.sha256 == hashlib.sha256(b"annat").hexdigest()
    assert stored.content_type == "text/plain"
    assert DocumentKind.CHAIR_PROPOSAL.label == "ordförandeförslag"


@pytest.mark.django_db
def test_series_formats_are_law_templates_validated_and_parsed(series):
    from django.core.exceptions import ValidationError

    dashed = CaseSeries(municipality=series.municipality, code="SN", format="{series}-{year}/{seq}")
    dashed.full_clean()
    assert dashed.format_number(2026, 1319) == "SN-2026/1319"
    parsed = series.parse_number("Dnr VON/2026:00160")
    assert (parsed.series, parsed.year, parsed.sequence) == ("VON", 2026, 160)
    assert series.parse_number("KS/2026:00160") is None  # another series' number
    for bad in ("{code}/{number}", "{series}/{seq}/{suffix}/{year}"):
        with pytest.raises(ValidationError, match="Ogiltigt format"):
            CaseSeries(municipality=series.municipality, code="X", format=bad).full_clean()
