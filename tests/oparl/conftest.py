"""The demo municipality, published as the secretary would, and an OParl schema validator.

The official OParl 1.1 schemas (../shared/oparl-1.1/schema) point to the schema of an embedded
object with the non-standard key ``"schema": "File.json"``. :func:`validator` turns each such key
into a ``$ref`` and resolves it in a local registry of the twelve schemas, so embedded objects
are validated too, without the network. The OParl string formats (``url``, ``date``,
``date-time`` as ``yyyy-mm-ddThh:mm:ss±hh:mm``) are checked.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from kansli.demo import load_demo

SCHEMA_DIR = Path(__file__).parents[3] / "shared" / "oparl-1.1" / "schema"
if not SCHEMA_DIR.exists():
    SCHEMA_DIR = Path("/work/shared/oparl-1.1/schema")
BASE = "https://schema.oparl.org/1.1/schema/"
TYPES = [
    "System", "Body", "LegislativeTerm", "Organization", "Person", "Membership", "Meeting", "AgendaItem",
    "Paper", "Consultation", "File", "Location",
]
TODAY = dt.date(2026, 11, 23)


def _with_refs(node):
    if isinstance(node, dict):
        out = {k: _with_refs(v) for k, v in node.items() if k != "schema"}
        if isinstance(node.get("schema"), str):
            out["$ref"] = node["schema"]
        return out
    if isinstance(node, list):
        return [_with_refs(v) for v in node]
    return node


def _schemas() -> dict[str, dict]:
    found = {}
    for name in TYPES:
        raw = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
        schema = _with_refs(copy.deepcopy(raw))
        schema["$id"] = BASE + f"{name}.json"
        found[name] = schema
    return found


def _no_network(uri: str):
    raise LookupError(f"Schema {uri} is not in the local registry (no network lookups).")


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def _checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    @checker.checks("url")
    def is_url(value) -> bool:
        parts = urlsplit(value) if isinstance(value, str) else None
        return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)

    @checker.checks("date")
    def is_date(value) -> bool:
        if not isinstance(value, str) or not DATE.match(value):
            return False
        dt.date.fromisoformat(value)
        return True

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value) -> bool:
        if not isinstance(value, str) or not DATE_TIME.match(value):
            return False
        dt.datetime.fromisoformat(value)
        return True

    return checker


class OParlValidator:
    def __init__(self) -> None:
        self.schemas = _schemas()
        registry = Registry(retrieve=_no_network).with_resources(
            (s["$id"], Resource.from_contents(s, default_specification=DRAFT202012)) for s in self.schemas.values()
        )
        checker = _checker()
        self.validators = {
            name: Draft202012Validator(schema, registry=registry, format_checker=checker)
            for name, schema in self.schemas.items()
        }

    def errors(self, obj: dict) -> list[str]:
        kind = obj.get("type", "").rsplit("/", 1)[-1]
        if kind not in self.validators:
            return [f"unknown type {obj.get('type')!r}"]
        return [
            f"{kind} {obj.get('id')}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in self.validators[kind].iter_errors(obj)
        ]


@pytest.fixture(scope="session")
def oparl_validator() -> OParlValidator:
    return OParlValidator()


@pytest.fixture(scope="module")
def demo_recipe():
    """The demo, reviewed for publishing; its commit callbacks run as a real commit would (OParl
    stamps written). Returns the held meeting's primary key."""

    def recipe() -> int:
        from kansli.meetings.models import Meeting
        from kansli.organisation.models import Municipality
        from kansli.publishing import public

        load_demo(today=TODAY)
        held = Meeting.objects.filter(status="adjusted", paragraphs__votes__isnull=False).distinct().get()
        if not public.is_public_meeting(held):
            from kansli.publishing.services import review_demo_meetings

            review_demo_meetings(Municipality.objects.get())
        return held.pk

    return recipe


@pytest.fixture
def demo(shared_demo, db, media_root, settings):
    """The demo loaded once per module (see ``demo_recipe``); returns the held meeting."""
    from kansli.meetings.models import Meeting

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    return Meeting.objects.get(pk=shared_demo)


@pytest.fixture
def api() -> Client:
    return Client()
