"""The OParl 1.1 endpoint against the official schemas, with the demo municipality published."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote, urlsplit

import pytest
from django.utils import timezone

from kansli.cases.models import Case, Document
from kansli.meetings.models import Ballot, Meeting, Paragraph
from kansli.oparl.models import Stamp
from kansli.organisation.models import Municipality, Person

from .conftest import TYPES

pytestmark = pytest.mark.django_db

BODY_LISTS = [
    "organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "locationList",
    "legislativeTermList", "membership",
]


def town() -> str:
    return f"/oparl/body/{Municipality.objects.get().pk}"



def get(api, url: str, status: int = 200) -> dict:
    response = api.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def crawl(api, url: str) -> list[dict]:
    """Every object of an external list, following links.next."""
    items, seen_pages = [], set()
    while url:
        assert url not in seen_pages, f"links.next points back to {url}"
        seen_pages.add(url)
        page = get(api, url)
        assert set(page) >= {"data", "pagination", "links"}
        items += page["data"]
        url = page["links"].get("next")
        if url:
            assert page["pagination"]["currentPage"] < page["pagination"]["totalPages"]
    return items


def path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def walk_all(api, limit: int = 100) -> dict[str, list[dict]]:
    system = get(api, "/oparl/")
    lists: dict[str, list[dict]] = {"System": [system], "Body": crawl(api, path(system["body"]))}
    for body in lists["Body"]:
        for key in BODY_LISTS:
            lists[key] = crawl(api, path(body[key]) + f"?limit={limit}")
    return lists


def embedded(obj, found: list[dict]) -> list[dict]:
    """All objects inside ``obj`` (those with an id and a type), depth first."""
    if isinstance(obj, dict):
        if "id" in obj and "type" in obj:
            found.append(obj)
        for value in obj.values():
            embedded(value, found)
    elif isinstance(obj, list):
        for value in obj:
            embedded(value, found)
    return found


def test_every_object_type_validates_against_the_official_schemas(demo, api, oparl_validator):
    lists = walk_all(api, limit=7)
    objects: dict[str, dict] = {}
    for items in lists.values():
        for obj in embedded(items, []):
            objects.setdefault(obj["id"], obj)
    errors = [e for obj in objects.values() for e in oparl_validator.errors(obj)]
    assert errors == []
    kinds = {obj["type"].rsplit("/", 1)[-1] for obj in objects.values()}
    assert kinds == set(TYPES)
    for obj in objects.values():
        assert obj["type"] == f"https://schema.oparl.org/1.1/{obj['type'].rsplit('/', 1)[-1]}"
        if obj["type"].endswith("/System"):
            continue
        assert "created" in obj and "modified" in obj, obj["id"]  # OParl 1.1: also when embedded

    # Every object answers at its id, as the same object (two of each type, to keep it quick).
    by_type: dict[str, list[str]] = {}
    for obj_id, obj in objects.items():
        by_type.setdefault(obj["type"], []).append(obj_id)
    for ids in by_type.values():
        for obj_id in ids[:2]:
            fetched = get(api, path(obj_id))
            assert fetched["id"] == obj_id
            assert oparl_validator.errors(fetched) == []

    # The validator does look inside embedded objects: a protokoll file without accessUrl fails.
    meeting = next(o for o in lists["meeting"] if "resultsProtocol" in o)
    broken = json.loads(json.dumps(meeting))
    del broken["resultsProtocol"]["accessUrl"]
    assert any("accessUrl" in e for e in oparl_validator.errors(broken))


def test_paging_follows_links_next_and_keeps_the_filters(demo, api):
    everyone = crawl(api, f"{town()}/person?limit=500")
    assert len(everyone) == Person.objects.count() > 10
    since = quote("2000-01-01T00:00:00+01:00")
    first = get(api, f"{town()}/person?modified_since={since}&limit=4")
    assert first["pagination"] == {
        "totalElements": len(everyone), "elementsPerPage": 4, "currentPage": 1,
        "totalPages": -(-len(everyone) // 4),
    }
    assert "modified_since=2000-01-01T00%3A00%3A00%2B01%3A00" in first["links"]["next"]
    assert "limit=4" in first["links"]["next"]
    paged = crawl(api, f"{town()}/person?modified_since={since}&limit=4")
    assert [p["id"] for p in paged] == [p["id"] for p in everyone]
    last = get(api, path(first["links"]["last"]))
    assert "next" not in last["links"] and last["data"]
    assert get(api, f"{town()}/person?limit=4&page=999")["data"] == []


def test_created_and_modified_filters(demo, api, django_capture_on_commit_callbacks):
    walk_all(api)  # every object has its stamp
    old = timezone.now() - dt.timedelta(days=30)
    Stamp.objects.update(created=old, modified=old)
    cutoff = (timezone.now() - dt.timedelta(seconds=1)).replace(microsecond=0)
    since = quote(cutoff.isoformat())

    assert get(api, f"{town()}/paper?modified_since={since}")["data"] == []
    case = Case.objects.filter(secret=False).order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        case.title = "Ny ärendemening om färdtjänst"
        case.save()
        newcomer = Person.objects.create(municipality=Municipality.objects.get(), name="Ny Ledamot")

    changed = get(api, f"{town()}/paper?modified_since={since}")["data"]
    assert [p["id"] for p in changed] == [f"http://testserver/oparl/paper/{case.pk}"]
    assert changed[0]["name"] == "Ny ärendemening om färdtjänst"
    assert dt.datetime.fromisoformat(changed[0]["modified"]) >= cutoff
    assert get(api, f"{town()}/paper?created_since={since}")["data"] == []
    created = get(api, f"{town()}/person?created_since={since}")["data"]
    assert [p["name"] for p in created] == [newcomer.name]
    until = quote((cutoff - dt.timedelta(days=1)).isoformat())
    assert newcomer.name not in {p["name"] for p in crawl(api, f"{town()}/person?created_until={until}")}
    everyone_old = crawl(api, f"{town()}/person?modified_until={until}")
    assert len(everyone_old) == Person.objects.count() - 1

    # A '+' sent unencoded arrives as a space; it is still understood.
    plain = cutoff.isoformat()
    assert get(api, f"{town()}/paper?modified_since={plain}")["data"][0]["id"] == changed[0]["id"]
    # The paper's embedded files and consultations were not changed, only the paper.
    assert get(api, f"{town()}/file?modified_since={since}")["data"] == []


def test_soft_delete_keeps_deleted_objects_in_filtered_lists(demo, api, django_capture_on_commit_callbacks):
    walk_all(api)
    document = next(d for d in Document.objects.order_by("pk") if not d.secret and not d.case.secret)
    doc_pk = document.pk
    doc_url = f"http://testserver/oparl/file/{doc_pk}"
    assert doc_url in {f["id"] for f in crawl(api, f"{town()}/file")}
    cutoff = timezone.now().replace(microsecond=0) - dt.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()

    assert doc_url not in {f["id"] for f in crawl(api, f"{town()}/file")}
    stub = get(api, f"/oparl/file/{doc_pk}")
    assert set(stub) == {"id", "type", "created", "modified", "deleted"}
    assert stub["deleted"] is True and stub["type"] == "https://schema.oparl.org/1.1/File"
    assert dt.datetime.fromisoformat(stub["modified"]) >= cutoff
    recent = crawl(api, f"{town()}/file?modified_since={quote(cutoff.isoformat())}")
    assert stub in recent

    # A case made secret disappears the same way, and nothing of it is left but its id.
    case = next(c for c in Case.objects.filter(secret=False).order_by("pk") if c.documents.exists())
    title = case.title
    public_documents = [d.pk for d in case.documents.all() if not d.secret]
    assert public_documents
    with django_capture_on_commit_callbacks(execute=True):
        case.secret = True
        case.save()
    response = api.get(f"/oparl/paper/{case.pk}")
    assert response.status_code == 200 and response.json()["deleted"] is True
    assert title not in response.content.decode()
    assert f"http://testserver/oparl/paper/{case.pk}" not in {p["id"] for p in crawl(api, f"{town()}/paper")}
    recent = crawl(api, f"{town()}/file?modified_since={quote(cutoff.isoformat())}")
    assert {f"http://testserver/oparl/file/{pk}" for pk in public_documents} <= {
        f["id"] for f in recent if f.get("deleted")
    }


def test_secret_cases_documents_and_paragraphs_never_appear(demo, api):
    secret_cases = list(Case.objects.filter(secret=True))
    assert secret_cases, "the demo has secret cases"
    secret_paragraphs = list(Paragraph.objects.filter(secret=True))
    assert secret_paragraphs, "the demo has a secret §"
    lists = walk_all(api)
    text = json.dumps(lists, ensure_ascii=False)
    for secret_case in secret_cases:
        assert secret_case.title not in text
        assert secret_case.case_number not in text
    for p in secret_paragraphs:
        assert f"/oparl/paragraph/{p.pk}\"" not in text
        if p.decision:
            assert p.decision not in text
    for d in Document.objects.filter(secret=True):
        assert d.title not in text
        assert f"/oparl/file/{d.pk}\"" not in text
    # Never public, so unknown: 404, not even a deleted stub.
    assert get(api, f"/oparl/paper/{secret_cases[0].pk}", 404)["type"] == "https://schema.oparl.org/1.1/Error"
    assert get(api, f"/oparl/paragraph/{secret_paragraphs[0].pk}", 404)


def test_unknown_ids_and_bad_filters_answer_with_json_errors(demo, api):
    for url in ["/oparl/meeting/999999", "/oparl/paper/999999", "/oparl/file/0", "/oparl/finns-inte",
                "/oparl/body/999/meeting", "/oparl/organization/999/meeting", "/oparl/meeting/abc"]:
        error = get(api, url, 404)
        assert error["type"] == "https://schema.oparl.org/1.1/Error"
        assert "finns inte" in error["message"] and error["debug"]
    for query in ["created_since=2026-01-01", "modified_since=igår", "modified_until=2026-01-01T10:00:00",
                  "limit=0", "limit=abc", "page=-1", "omit_internal=ja"]:
        error = get(api, f"{town()}/meeting?{query}", 400)
        assert error["type"] == "https://schema.oparl.org/1.1/Error"
        assert "Ogiltigt värde" in error["message"] and "Invalid" in error["debug"]
    assert "Traceback" not in api.get(f"{town()}/meeting?created_since=%00").content.decode()
    response = api.post(f"{town()}/meeting")
    assert response.status_code == 405 and response.json()["type"].endswith("/Error")


def test_swedish_facts_as_vendor_fields(demo, api):
    meeting = get(api, f"/oparl/meeting/{demo.pk}")
    assert meeting["kansli:adjusted"] == demo.adjusted.isoformat()
    assert meeting["kansli:noticePosted"] == demo.notice_posted.isoformat()
    assert meeting["resultsProtocol"]["accessUrl"] == f"http://testserver/sammantraden/{demo.pk}/protokoll.pdf"
    serving = [a for a in meeting["kansli:attendance"] if a["role"] == "serving_substitute"]
    assert {(a["name"], a["servingFor"]) for a in serving} == {
        (a.person.name, a.serving_for.name) for a in demo.attendances.filter(role="serving_substitute")
    }
    assert all(a["roleLabel"] == "tjänstgörande ersättare" for a in serving)

    paragraph = Paragraph.objects.get(meeting=demo, votes__isnull=False)
    item = next(i for i in meeting["agendaItem"] if i["id"].endswith(f"/paragraph/{paragraph.pk}"))
    assert item["number"] == f"§ {paragraph.number}"
    assert item["resolutionFile"]["accessUrl"].endswith(f"/sammantraden/{demo.pk}/utdrag/{paragraph.number}.pdf")
    ballots = item["kansli:votes"][0]["ballots"]
    assert [(b["name"], b["choice"], b.get("servingFor", "")) for b in ballots] == [
        (b.name, b.choice, b.serving_for) for b in Ballot.objects.filter(vote__paragraph=paragraph).order_by("order")
    ]
    assert all(b["person"].startswith("http://testserver/oparl/person/") for b in ballots)
    assert [r["by"] for r in item["kansli:reservations"]] == [d.by for d in paragraph.dissents.all()]
    assert [s["kindLabel"] for s in item["kansli:statements"]] == ["protokollsanteckning"]
    consultation = get(api, path(item["consultation"]))
    assert consultation["paper"] == f"http://testserver/oparl/paper/{paragraph.case_id}"
    paper = get(api, path(consultation["paper"]))
    assert consultation["id"] in {c["id"] for c in paper["consultation"]}
    assert paper["mainFile"]["accessUrl"].startswith(f"http://testserver/arenden/{paragraph.case_id}/handlingar/")

    # Before the protokoll is public, a meeting shows its föredragningslista instead.
    upcoming = Meeting.objects.filter(status="planned", agenda_items__isnull=False).distinct().first()
    planned = get(api, f"/oparl/meeting/{upcoming.pk}")
    assert [i["name"] for i in planned["agendaItem"]] == [
        i.title for i in upcoming.agenda_items.order_by("order") if not (i.case and i.case.secret)
    ]
    assert "resultsProtocol" not in planned and "kansli:attendance" not in planned

    person = get(api, f"/oparl/person/{paragraph.votes.first().ballots.first().person_id}")
    assert person["membership"] and "person" not in person["membership"][0]  # no back reference inside
    omitted = get(api, f"{town()}/person?omit_internal=true")["data"]
    assert all("membership" not in p for p in omitted)


def test_a_personnummer_typed_anywhere_never_reaches_the_api(demo, api, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from kansli.meetings.models import AgendaItem

    number = "19121212-1212"  # checksum-valid test number
    case = Case.objects.filter(secret=False, agenda_items__isnull=False).distinct().first()
    with django_capture_on_commit_callbacks(execute=True):
        document = Document(case=case, kind="other", title=f"Skrivelse från {number}")
        document.file.save(f"skrivelse-{number}.txt", ContentFile(b"text"), save=False)
        document.save()
        case.title = f"Ansökan från {number}"
        case.save()
        item = AgendaItem.objects.filter(meeting__status="planned").first()
        item.title = f"Ärende om {number}"
        item.proposed_decision = f"Bifall för {number}."
        item.save()
    text = json.dumps(walk_all(api), ensure_ascii=False)
    text += get(api, f"/oparl/file/{document.pk}", 200).__repr__()
    assert f"http://testserver/oparl/file/{document.pk}" in text
    assert number not in text and "121212-1212" not in text and "1212121212" not in text


def test_a_protokoll_taken_back_from_publication_leaves_as_deleted(demo, api, django_capture_on_commit_callbacks):
    from kansli.publishing.services import reopen

    paragraphs = [f"http://testserver/oparl/paragraph/{p.pk}" for p in demo.paragraphs.filter(secret=False)]
    assert set(paragraphs) <= {a["id"] for a in crawl(api, f"{town()}/agendaItem")}
    cutoff = timezone.now().replace(microsecond=0) - dt.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        reopen(demo)

    assert not set(paragraphs) & {a["id"] for a in crawl(api, f"{town()}/agendaItem")}
    recent = crawl(api, f"{town()}/agendaItem?modified_since={quote(cutoff.isoformat())}")
    assert set(paragraphs) <= {a["id"] for a in recent if a.get("deleted")}
    meeting = get(api, f"/oparl/meeting/{demo.pk}")
    assert "resultsProtocol" not in meeting and "kansli:attendance" not in meeting
    assert get(api, f"/oparl/meeting/{demo.pk}/protokoll")["deleted"] is True
    assert api.get(f"/oparl/meeting/{demo.pk}/voteringar.csv").status_code == 404
