import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from kansli.meetings.models import Meeting, Paragraph
from kansli.meetings.services import add_paragraph, next_paragraph_number
from kansli.organisation.models import Body, Municipality


@pytest.fixture
def bodies(db):
    town = Municipality.objects.create(name="Provkommun")
    return (Body.objects.create(municipality=town, name="Provnämnden"),
            Body.objects.create(municipality=town, name="Andra nämnden"))


def meeting(body, day):
    return Meeting.objects.create(body=body, date=day)


@pytest.mark.django_db
def test_numbering_is_continuous_per_body_over_meetings_and_restarts_each_year(bodies):
    von, other = bodies
    march, may = meeting(von, dt.date(2026, 3, 5)), meeting(von, dt.date(2026, 5, 7))
    assert [add_paragraph(march, title=f"P{i}").number for i in range(3)] == [1, 2, 3]
    assert [add_paragraph(may, title=f"P{i}").number for i in range(2)] == [4, 5]
    # another body has its own series
    assert add_paragraph(meeting(other, dt.date(2026, 5, 7)), title="X").number == 1
    # a new calendar year starts again at 1
    january = meeting(von, dt.date(2027, 1, 14))
    assert [add_paragraph(january).number for _ in range(2)] == [1, 2]
    assert next_paragraph_number(von, 2026) == 6
    assert str(Paragraph.objects.get(body=von, year=2027, number=2)) == "§ 2/2027"
    assert Paragraph.objects.get(body=von, year=2026, number=4).body == von


@pytest.mark.django_db
def test_a_paragraph_number_cannot_be_used_twice(bodies):
    von, _ = bodies
    m = meeting(von, dt.date(2026, 3, 5))
    add_paragraph(m)
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraph.objects.create(meeting=m, year=2026, number=1)


@pytest.mark.django_db(transaction=True)
def test_numbering_under_concurrency_gives_each_number_once(bodies):
    von, _ = bodies
    m = meeting(von, dt.date(2026, 3, 5))
    numbers, errors = [], []
    lock, start = threading.Lock(), threading.Barrier(6)

    def work():
        try:
            start.wait()
            for _ in range(8):
                n = add_paragraph(m, title="Samtidigt").number
                with lock:
                    numbers.append(n)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(numbers) == list(range(1, 49))
    assert sorted(Paragraph.objects.filter(body=von).values_list("number", flat=True)) == list(range(1, 49))
