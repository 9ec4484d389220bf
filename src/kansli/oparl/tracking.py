"""When each OParl object was created, modified and deleted, kept from the other apps' signals.

OParl 1.1 requires ``created`` and ``modified`` on every object, lists filtered by them, and
*soft delete*: an object that is removed — or, here, no longer public (a case made secret) —
stays in the lists filtered by ``modified_since`` as ``{"deleted": true}``.

Writing is cheap: a save or delete of a row records which OParl objects it touches (a ballot
touches its § and its meeting, a case touches its paper, documents, consultations …) and, when
the transaction commits, bumps their :class:`~kansli.oparl.models.Stamp` and marks them *dirty*.
Reading decides visibility: before a list or an object is served, dirty stamps are looked at
through :mod:`kansli.publishing.public` (the one gate for what the public may see), and rows
that never had a stamp (bulk loads, data older than this app) get one.

Kinds (the OParl object each row is served as):

=========================  ==========================  =====================================
kind                       row                         OParl type
=========================  ==========================  =====================================
body                       organisation.Municipality   Body
organization               organisation.Body           Organization (nämnd, utskott …)
party                      organisation.Party          Organization (Fraktion)
person                     organisation.Person         Person
membership                 organisation.Membership     Membership
term                       organisation.Term           LegislativeTerm
location                   oparl.Location              Location
meeting                    meetings.Meeting            Meeting
minutes                    meetings.Meeting            File (the adjusted protokoll)
invitation                 meetings.Meeting            File (the kallelse, once sent)
agendaitem                 meetings.AgendaItem         AgendaItem (föredragningslista)
agendaitem-consultation    meetings.AgendaItem         Consultation (a case on the agenda)
paragraph                  meetings.Paragraph          AgendaItem (a § of the protokoll)
paragraph-consultation     meetings.Paragraph          Consultation (a case decided in a §)
extract                    meetings.Paragraph          File (protokollsutdrag)
paper                      cases.Case                  Paper
document                   cases.Document              File
=========================  ==========================  =====================================

A föredragningslista is replaced by the §§ once the protokoll is published: its items then
count as deleted and the §§ take their place.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from kansli.publishing import public

from .models import Location, Stamp

Pair = tuple[str, int]


def now() -> Any:
    """Whole seconds: what OParl prints is what the filters compare."""
    return timezone.now().replace(microsecond=0)


def _model(label: str):
    return apps.get_model(label)


# --- visibility ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    visible: bool
    municipality: int | None
    group: int | None = None


class Context:
    """Caches for one request or one pass: whether each meeting's protokoll is public."""

    def __init__(self) -> None:
        self._public_meeting: dict[int, bool] = {}

    def meeting_public(self, meeting: Any) -> bool:
        if meeting.pk not in self._public_meeting:
            self._public_meeting[meeting.pk] = bool(public.is_public_meeting(meeting))
        return self._public_meeting[meeting.pk]

    def protocol_published(self, meeting: Any) -> bool:
        """The adjusted protokoll is public: its §§ replace the föredragningslista."""
        return meeting.status == "adjusted" and self.meeting_public(meeting)

    def paragraph_visible(self, paragraph: Any) -> bool:
        return (
            self.protocol_published(paragraph.meeting)
            and not paragraph.secret
            and (paragraph.case_id is None or public.is_public_case(paragraph.case))
        )

    def agenda_item_visible(self, item: Any) -> bool:
        return not self.protocol_published(item.meeting) and (
            item.case_id is None or public.is_public_case(item.case)
        )


@dataclass(frozen=True)
class Kind:
    name: str
    model: str
    candidates: Callable[[], QuerySet]
    resolve: Callable[[Iterable[Any], Context], dict[int, Resolved]]
    related: tuple[str, ...] = ()


def _simple(field: str | None = None, group: str | None = None):
    def resolve(rows: Iterable[Any], ctx: Context) -> dict[int, Resolved]:
        out = {}
        for row in rows:
            muni = row.pk if field is None else _path(row, field)
            out[row.pk] = Resolved(True, muni, _path(row, group) if group else None)
        return out

    return resolve


def _path(row: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        row = getattr(row, part)
        if row is None:
            return None
    return row


def _meeting_kind(test: Callable[[Any, Context], bool]):
    def resolve(rows: Iterable[Any], ctx: Context) -> dict[int, Resolved]:
        return {m.pk: Resolved(test(m, ctx), m.body.municipality_id, m.body_id) for m in rows}

    return resolve


def _part_kind(test: Callable[[Any, Context], bool]):
    def resolve(rows: Iterable[Any], ctx: Context) -> dict[int, Resolved]:
        return {
            r.pk: Resolved(test(r, ctx), r.meeting.body.municipality_id, r.meeting.body_id) for r in rows
        }

    return resolve


def _objects(label: str) -> Callable[[], QuerySet]:
    return lambda: _model(label)._default_manager.all()


def _with_case(label: str) -> Callable[[], QuerySet]:
    return lambda: _model(label)._default_manager.filter(case__isnull=False)


def _resolve_invitation(rows: Iterable[Any], ctx: Context) -> dict[int, Resolved]:
    from kansli.web.kallelse import meetings_with_public_kallelse

    rows = list(rows)
    public_kallelse = meetings_with_public_kallelse(rows)
    return {m.pk: Resolved(m.pk in public_kallelse, m.body.municipality_id, m.body_id) for m in rows}


def _resolve_paper(rows: Iterable[Any], ctx: Context) -> dict[int, Resolved]:
    return {c.pk: Resolved(public.is_public_case(c), c.series.municipality_id, c.series.body_id) for c in rows}


def _resolve_document(rows: Iterable[Any], ctx: Context) -> dict[int, Resolved]:
    return {
        d.pk: Resolved(public.is_public_document(d), d.case.series.municipality_id, d.case.series.body_id)
        for d in rows
    }


KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        Kind("body", "organisation.Municipality", _objects("organisation.Municipality"), _simple()),
        Kind("organization", "organisation.Body", _objects("organisation.Body"), _simple("municipality_id", "pk")),
        Kind("party", "organisation.Party", _objects("organisation.Party"), _simple("municipality_id")),
        Kind("person", "organisation.Person", _objects("organisation.Person"), _simple("municipality_id")),
        Kind(
            "membership", "organisation.Membership", _objects("organisation.Membership"),
            _simple("body.municipality_id", "body_id"), ("body", "person"),
        ),
        Kind("term", "organisation.Term", _objects("organisation.Term"), _simple("municipality_id")),
        Kind("location", "oparl.Location", _objects("oparl.Location"), _simple("municipality_id")),
        Kind("meeting", "meetings.Meeting", _objects("meetings.Meeting"), _meeting_kind(lambda m, c: True), ("body",)),
        Kind(
            "minutes", "meetings.Meeting", _objects("meetings.Meeting"),
            _meeting_kind(lambda m, c: c.protocol_published(m)), ("body",),
        ),
        Kind(
            "invitation", "meetings.Meeting",
            lambda: _model("meetings.Meeting")._default_manager.filter(invitation_sent__isnull=False),
            _resolve_invitation, ("body",),
        ),
        Kind(
            "agendaitem", "meetings.AgendaItem", _objects("meetings.AgendaItem"),
            _part_kind(lambda a, c: c.agenda_item_visible(a)), ("meeting__body", "case"),
        ),
        Kind(
            "agendaitem-consultation", "meetings.AgendaItem", _with_case("meetings.AgendaItem"),
            _part_kind(lambda a, c: a.case_id is not None and c.agenda_item_visible(a)), ("meeting__body", "case"),
        ),
        Kind(
            "paragraph", "meetings.Paragraph", _objects("meetings.Paragraph"),
            _part_kind(lambda p, c: c.paragraph_visible(p)), ("meeting__body", "case"),
        ),
        Kind(
            "paragraph-consultation", "meetings.Paragraph", _with_case("meetings.Paragraph"),
            _part_kind(lambda p, c: p.case_id is not None and c.paragraph_visible(p)), ("meeting__body", "case"),
        ),
        Kind(
            "extract", "meetings.Paragraph", _objects("meetings.Paragraph"),
            _part_kind(lambda p, c: c.paragraph_visible(p)), ("meeting__body", "case"),
        ),
        Kind("paper", "cases.Case", _objects("cases.Case"), _resolve_paper, ("series",)),
        Kind("document", "cases.Document", _objects("cases.Document"), _resolve_document, ("case__series",)),
    ]
}


def resolve(kind: str, keys: Iterable[int], ctx: Context | None = None) -> dict[int, Resolved]:
    """Whether each row of ``kind`` exists and is public now (absent keys: the row is gone)."""
    spec = KINDS[kind]
    rows = _model(spec.model)._base_manager.filter(pk__in=list(keys))
    if spec.related:
        rows = rows.select_related(*spec.related)
    return spec.resolve(rows, ctx or Context())


# --- writing: marks ------------------------------------------------------------------------------

_local = threading.local()


def mark(pairs: Iterable[Pair]) -> None:
    """Record that these objects changed; their stamps are bumped when the transaction commits.

    One batch per transaction, flushed by one ``on_commit`` callback: a rolled-back transaction
    drops its callback and with it its batch, so nothing it touched is bumped.
    """
    pairs = {(kind, int(key)) for kind, key in pairs if key is not None}
    if not pairs:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        write_marks(pairs)
        return
    callback = getattr(_local, "callback", None)
    registered = (
        callback is not None
        and not callback.done
        and any(entry[1] is callback for entry in connection.run_on_commit)
    )
    if not registered:
        batch: set[Pair] = set()

        def callback() -> None:
            callback.done = True  # type: ignore[attr-defined]
            write_marks(batch)

        callback.done = False  # type: ignore[attr-defined]

        callback.batch = batch  # type: ignore[attr-defined]
        _local.callback = callback
        transaction.on_commit(callback, robust=True)
    _local.callback.batch.update(pairs)


def write_marks(items: Iterable[Pair], when: Any = None) -> None:
    """Bump the stamps of ``items`` to ``when`` (now) and mark them dirty; create missing ones."""
    when = when or now()
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, key in items:
        by_kind[kind].add(key)
    for kind, keys in by_kind.items():
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            Stamp.objects.filter(kind=kind, key__in=chunk).update(modified=when, dirty=True)
            existing = set(Stamp.objects.filter(kind=kind, key__in=chunk).values_list("key", flat=True))
            Stamp.objects.bulk_create(
                [Stamp(kind=kind, key=k, created=when, modified=when, dirty=True) for k in chunk if k not in existing],
                ignore_conflicts=True,
            )


# --- reading: deciding what is public --------------------------------------------------------------


def process(stamps: list[Stamp], ctx: Context | None = None) -> None:
    """Decide the visibility of dirty ``stamps`` (in place and in the database)."""
    if not stamps:
        return
    ctx = ctx or Context()
    # Clear the flag first: a change marked while we look sets it again and is looked at later.
    Stamp.objects.filter(pk__in=[s.pk for s in stamps]).update(dirty=False)
    by_kind: dict[str, list[Stamp]] = defaultdict(list)
    for s in stamps:
        by_kind[s.kind].append(s)
    for kind, group in by_kind.items():
        found = resolve(kind, [s.key for s in group], ctx)
        for s in group:
            r = found.get(s.key)
            if r is not None:
                s.municipality_id, s.group = r.municipality, r.group
            if r is not None and r.visible:
                if not s.published:
                    s.published, s.created = True, s.modified
                s.deleted = False
            else:
                s.deleted = True
            s.dirty = False
    Stamp.objects.bulk_update(stamps, ["municipality_id", "group", "published", "deleted", "created"], batch_size=500)


def process_dirty(ctx: Context | None = None) -> None:
    ctx = ctx or Context()
    while True:
        stamps = list(Stamp.objects.filter(dirty=True).order_by("pk")[:2000])
        if not stamps:
            return
        process(stamps, ctx)


def backfill(kinds: Iterable[str]) -> None:
    """Give a stamp to every row of ``kinds`` that has none (rows written around the signals)."""
    kinds = list(kinds)
    if "location" in kinds:
        ensure_locations()
    for kind in kinds:
        spec = KINDS[kind]
        missing = list(
            spec.candidates()
            .exclude(pk__in=Stamp.objects.filter(kind=kind).values("key"))
            .values_list("pk", flat=True)
        )
        if missing:
            write_marks((kind, key) for key in missing)


def refresh(kinds: Iterable[str], ctx: Context | None = None) -> None:
    """Make the stamps of ``kinds`` current before they are listed."""
    backfill(kinds)
    process_dirty(ctx)


def stamp_for(kind: str, key: int, ctx: Context | None = None) -> Stamp | None:
    """The current stamp of one object (created if the row has none yet)."""
    stamp = Stamp.objects.filter(kind=kind, key=key).first()
    if stamp is None:
        if key not in resolve(kind, [key], ctx):
            return None
        write_marks([(kind, key)])
        stamp = Stamp.objects.filter(kind=kind, key=key).first()
    if stamp is not None and stamp.dirty:
        process([stamp], ctx)
    return stamp


def ensure_locations(municipality_id: int | None = None) -> None:
    """A :class:`Location` for every meeting place in use."""
    Meeting = _model("meetings.Meeting")
    places = Meeting.objects.exclude(place="")
    if municipality_id is not None:
        places = places.filter(body__municipality_id=municipality_id)
    wanted = set(places.values_list("body__municipality_id", "place").distinct())
    have = set(Location.objects.values_list("municipality_id", "description"))
    for muni, place in sorted(wanted - have):
        Location.objects.get_or_create(municipality_id=muni, description=place[:300])


# --- signals: which objects a saved or deleted row touches -------------------------------------------

#: Fields whose old value matters (a § moved to another case touches the old case's paper too).
_TRACKED = {
    "meetings.AgendaItem": ("case_id", "meeting_id"),
    "meetings.Paragraph": ("case_id", "meeting_id"),
    "cases.Document": ("case_id",),
    "organisation.Membership": ("person_id",),
    "meetings.Meeting": ("place", "status", "date", "body_id", "adjusted"),
    "cases.Case": ("secret", "case_number"),
}


def _old(instance: Any, field: str) -> Any:
    return getattr(instance, "_oparl_old", {}).get(field)


def _meeting_parts(meeting_ids: Iterable[int]) -> list[Pair]:
    AgendaItem = _model("meetings.AgendaItem")
    Paragraph = _model("meetings.Paragraph")
    ids = [m for m in meeting_ids if m is not None]
    pairs: list[Pair] = []
    for m in ids:
        pairs += [("meeting", m), ("minutes", m), ("invitation", m)]
    for pk, case_id in AgendaItem.objects.filter(meeting_id__in=ids).values_list("pk", "case_id"):
        pairs += [("agendaitem", pk), ("agendaitem-consultation", pk), ("paper", case_id)]
    for pk, case_id in Paragraph.objects.filter(meeting_id__in=ids).values_list("pk", "case_id"):
        pairs += [("paragraph", pk), ("paragraph-consultation", pk), ("extract", pk), ("paper", case_id)]
    return pairs


def _location_pairs(municipality_id: int | None, places: Iterable[str]) -> list[Pair]:
    places = [p for p in places if p]
    if municipality_id is None or not places:
        return []
    for place in places:
        Location.objects.get_or_create(municipality_id=municipality_id, description=place[:300])
    return [("location", pk) for pk in Location.objects.filter(
        municipality_id=municipality_id, description__in=[p[:300] for p in places]
    ).values_list("pk", flat=True)]


def affected(label: str, obj: Any, deleted: bool = False) -> list[Pair]:  # noqa: C901 - a table
    """The OParl objects whose JSON a change of ``obj`` (a ``label`` row) may change."""
    pk = obj.pk
    if label == "organisation.Municipality":
        return [("body", pk)]
    if label == "organisation.Body":
        Meeting = _model("meetings.Meeting")
        return [("organization", pk)] + [("meeting", m) for m in Meeting.objects.filter(body_id=pk).values_list("pk", flat=True)]
    if label == "organisation.Party":
        return [("party", pk)]
    if label == "organisation.Person":
        Attendance = _model("meetings.Attendance")
        meetings = set(Attendance.objects.filter(person_id=pk).values_list("meeting_id", flat=True))
        memberships = list(_model("organisation.Membership").objects.filter(person_id=pk).values_list("pk", flat=True))
        return [("person", pk)] + [("meeting", m) for m in meetings] + [("membership", m) for m in memberships]
    if label == "organisation.Membership":
        return [("membership", pk), ("person", obj.person_id), ("person", _old(obj, "person_id")),
                ("organization", obj.body_id)]
    if label == "organisation.Term":
        Membership = _model("organisation.Membership")
        rows = list(Membership.objects.filter(term_id=pk).values_list("pk", "person_id"))
        return ([("term", pk), ("body", obj.municipality_id)] + [("membership", m) for m, _ in rows]
                + [("person", p) for _, p in rows])
    if label == "oparl.Location":
        Meeting = _model("meetings.Meeting")
        meetings = Meeting.objects.filter(body__municipality_id=obj.municipality_id, place=obj.description)
        return [("location", pk)] + [("meeting", m) for m in meetings.values_list("pk", flat=True)]
    if label == "meetings.Meeting":
        muni = _model("organisation.Body").objects.filter(pk=obj.body_id).values_list("municipality_id", flat=True).first()
        places = _location_pairs(muni, [obj.place, _old(obj, "place") or ""])
        old = getattr(obj, "_oparl_old", {})
        same = all(old.get(f) == getattr(obj, f) for f in ("status", "date", "body_id", "adjusted"))
        if same and not deleted:
            return [("meeting", pk), ("minutes", pk), ("invitation", pk)] + places  # its §§ and agenda look the same
        return _meeting_parts([pk]) + places
    if label == "meetings.AgendaItem":
        return [("agendaitem", pk), ("agendaitem-consultation", pk), ("meeting", obj.meeting_id),
                ("invitation", obj.meeting_id), ("invitation", _old(obj, "meeting_id")),
                ("paper", obj.case_id), ("paper", _old(obj, "case_id"))]
    if label == "meetings.Paragraph":
        return [("paragraph", pk), ("paragraph-consultation", pk), ("extract", pk), ("meeting", obj.meeting_id),
                ("meeting", _old(obj, "meeting_id")), ("paper", obj.case_id), ("paper", _old(obj, "case_id"))]
    if label in ("meetings.Motion", "meetings.Vote", "meetings.Dissent", "meetings.Statement",
                 "meetings.Recusal", "meetings.Recipient"):
        return _paragraph_pairs(obj.paragraph_id)
    if label == "meetings.Ballot":
        paragraph_id = _model("meetings.Vote")._base_manager.filter(pk=obj.vote_id).values_list(
            "paragraph_id", flat=True).first()
        return _paragraph_pairs(paragraph_id)
    if label in ("meetings.Attendance", "meetings.Adjuster"):
        return [("meeting", obj.meeting_id)]
    if label == "cases.Case":
        old = getattr(obj, "_oparl_old", {})
        if not deleted and (old.get("secret"), old.get("case_number")) == (obj.secret, obj.case_number):
            return [("paper", pk)]  # what depends on the case (secrecy, number) is unchanged
        AgendaItem = _model("meetings.AgendaItem")
        Paragraph = _model("meetings.Paragraph")
        Document = _model("cases.Document")
        pairs: list[Pair] = [("paper", pk)]
        pairs += [("document", d) for d in Document.objects.filter(case_id=pk).values_list("pk", flat=True)]
        for a, m in AgendaItem.objects.filter(case_id=pk).values_list("pk", "meeting_id"):
            pairs += [("agendaitem", a), ("agendaitem-consultation", a), ("meeting", m), ("invitation", m)]
        for p, m in Paragraph.objects.filter(case_id=pk).values_list("pk", "meeting_id"):
            pairs += [("paragraph", p), ("paragraph-consultation", p), ("extract", p), ("meeting", m)]
        return pairs
    if label == "cases.Document":
        return [("document", pk), ("paper", obj.case_id), ("paper", _old(obj, "case_id"))]
    if label == "publishing.PublicationReview":
        return _meeting_parts([obj.meeting_id])
    if label == "publishing.Redaction":
        review = _model("publishing.PublicationReview")._base_manager.filter(pk=obj.review_id).values_list(
            "meeting_id", flat=True).first()
        return _meeting_parts([review]) if review else []
    return []


def _paragraph_pairs(paragraph_id: int | None) -> list[Pair]:
    if paragraph_id is None:
        return []
    meeting_id = _model("meetings.Paragraph")._base_manager.filter(pk=paragraph_id).values_list(
        "meeting_id", flat=True).first()
    return [("paragraph", paragraph_id), ("meeting", meeting_id)]


WATCHED = (
    "organisation.Municipality", "organisation.Body", "organisation.Party", "organisation.Person",
    "organisation.Membership", "organisation.Term", "oparl.Location",
    "meetings.Meeting", "meetings.AgendaItem", "meetings.Paragraph", "meetings.Motion", "meetings.Vote",
    "meetings.Ballot", "meetings.Dissent", "meetings.Statement", "meetings.Recusal", "meetings.Recipient",
    "meetings.Attendance", "meetings.Adjuster", "cases.Case", "cases.Document",
    "publishing.PublicationReview", "publishing.Redaction",
)


def _on_change(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    label = sender._meta.label
    mark(affected(label, instance, deleted=kwargs.get("signal") is post_delete))
    if label in _TRACKED:
        _on_init(sender, instance)  # the next save compares with what is stored now


def _on_init(sender: Any, instance: Any, **kwargs: Any) -> None:
    fields = _TRACKED[sender._meta.label]
    instance._oparl_old = {f: instance.__dict__.get(f) for f in fields}


def connect() -> None:
    for label in WATCHED:
        try:
            model = _model(label)
        except LookupError:
            continue
        uid = f"kansli.oparl.{label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ".delete")
        if label in _TRACKED:
            post_init.connect(_on_init, sender=model, dispatch_uid=uid + ".init")
