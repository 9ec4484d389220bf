"""Kansli's records as OParl 1.1 objects (JSON-ready dicts).

Every text passes :mod:`kansli.publishing.public` (``public_text``; a protokoll's contents come
from ``public_minutes``), so masking and secrecy hold here as on the public pages. Swedish facts
OParl has no field for carry the vendor prefix ``kansli:`` (OParl 1.1, 3.0 "Herstellerspezifische
Erweiterungen"): named votes, attendance with substitutes, reservations, statements, jäv,
justering and the dates on the anslagstavla.

The objects embedded in others (memberships in a person, agenda items and files in a meeting,
consultations and files in a paper, terms in a body) leave out the reference back to their
parent, as the specification says, and carry their own ``created``/``modified``.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kansli import minutes as mm
from kansli.publishing import public

from .models import Location, Stamp
from .tracking import KINDS, Context, _model, stamp_for

OPARL = "https://schema.oparl.org/1.1/"
VENDOR = "kansli:"

#: The OParl type each kind is served as.
TYPES = {
    "body": "Body",
    "organization": "Organization",
    "party": "Organization",
    "person": "Person",
    "membership": "Membership",
    "term": "LegislativeTerm",
    "location": "Location",
    "meeting": "Meeting",
    "minutes": "File",
    "invitation": "File",
    "agendaitem": "AgendaItem",
    "agendaitem-consultation": "Consultation",
    "paragraph": "AgendaItem",
    "paragraph-consultation": "Consultation",
    "extract": "File",
    "paper": "Paper",
    "document": "File",
}

#: URL name (in namespace ``oparl``) of each kind's object.
URL_NAMES = {kind: f"oparl:{kind}" for kind in TYPES}

ROLE_LABELS = {
    "chair": "ordförande",
    "first_vice_chair": "1:e vice ordförande",
    "second_vice_chair": "2:e vice ordförande",
    "member": "ledamot",
    "serving_substitute": "tjänstgörande ersättare",
    "substitute": "ej tjänstgörande ersättare",
    "other": "övrig närvarande",
}
CHOICE_LABELS = {"yes": "ja", "no": "nej", "abstain": "avstår", "absent": "frånvarande"}
STATEMENT_LABELS = {"special_statement": "särskilt yttrande", "minutes_note": "protokollsanteckning"}
MOTION_LABELS = {
    "main": "yrkande",
    "amendment": "tilläggs- eller ändringsyrkande",
    "referral_back": "återremiss",
    "postponement": "bordläggning",
}


def type_uri(kind: str) -> str:
    return OPARL + TYPES[kind]


def stamp_time(value: dt.datetime) -> str:
    """``yyyy-mm-ddThh:mm:ss±hh:mm`` in the site's time zone (OParl 2.4)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _local(day: dt.date, time: dt.time) -> str:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE)).isoformat()


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    """No ``null``, no empty strings or lists for optional fields (OParl 2.4)."""
    return {k: v for k, v in obj.items() if v is not None and v != "" and v != []}


class Serializer:
    """Builds OParl objects for one request (absolute URLs from its host)."""

    def __init__(self, request: Any, ctx: Context | None = None, omit_internal: bool = False):
        self.request = request
        self.ctx = ctx or Context()
        self.omit_internal = omit_internal
        self._minutes_cache: dict[int, mm.Minutes] = {}
        self._stamps: dict[tuple[str, int], Stamp | None] = {}
        self._rows: dict[tuple[str, int], Any] = {}
        self._paragraph_order: dict[int, list[int]] = {}

    # --- helpers --------------------------------------------------------------------------------

    def absolute(self, name: str, *args: Any) -> str:
        return self.request.build_absolute_uri(reverse(name, args=args))

    def maybe_absolute(self, name: str, *args: Any) -> str | None:
        try:
            return self.absolute(name, *args)
        except NoReverseMatch:
            return None

    def url(self, kind: str, key: int) -> str:
        return self.absolute(URL_NAMES[kind], key)

    def list_url(self, municipality_id: int, what: str) -> str:
        return self.absolute(f"oparl:body-{what}", municipality_id)

    def stamp(self, kind: str, key: int) -> Stamp | None:
        if (kind, key) not in self._stamps:
            self._stamps[(kind, key)] = stamp_for(kind, key, self.ctx)
        return self._stamps[(kind, key)]

    def prime(self, stamps: list[Stamp]) -> None:
        for s in stamps:
            self._stamps[(s.kind, s.key)] = s

    def prefetch(self, kinds: Iterable[str], keys: Iterable[int]) -> None:
        """Load the stamps (and rows) of many objects at once; a dirty one is looked at singly."""
        keys = [k for k in keys if k is not None]
        for kind in kinds:
            wanted = [k for k in keys if (kind, k) not in self._stamps]
            if not wanted:
                continue
            for s in Stamp.objects.filter(kind=kind, key__in=wanted):
                if not s.dirty:
                    self._stamps[(kind, s.key)] = s
            self.prefetch_rows(kind, wanted)

    def prefetch_rows(self, kind: str, keys: Iterable[int]) -> None:
        spec = KINDS[kind]
        wanted = [k for k in keys if (spec.model, k) not in self._rows]
        if not wanted:
            return
        rows = _model(spec.model)._base_manager.filter(pk__in=wanted)
        if spec.related:
            rows = rows.select_related(*spec.related)
        for row in rows:
            self._rows[(spec.model, row.pk)] = row

    def row(self, kind: str, key: int) -> Any:
        spec = KINDS[kind]
        if (spec.model, key) not in self._rows:
            self.prefetch_rows(kind, [key])
        return self._rows.get((spec.model, key))

    def live(self, kind: str, key: int | None) -> Stamp | None:
        """The stamp of a published, not deleted object (else None: it is not shown)."""
        if key is None:
            return None
        s = self.stamp(kind, key)
        return s if s is not None and s.published and not s.deleted else None

    def ref(self, kind: str, key: int | None) -> str | None:
        """The URL of a related object, only when it is public."""
        return self.url(kind, key) if self.live(kind, key) is not None else None

    def minutes_of(self, meeting: Any) -> mm.Minutes:
        if meeting.pk not in self._minutes_cache:
            self._minutes_cache[meeting.pk] = public.public_minutes(meeting)
        return self._minutes_cache[meeting.pk]

    def base(self, kind: str, key: int, stamp: Stamp) -> dict[str, Any]:
        return {
            "id": self.url(kind, key),
            "type": type_uri(kind),
            "created": stamp_time(stamp.created),
            "modified": stamp_time(stamp.modified),
        }

    def deleted(self, kind: str, key: int, stamp: Stamp) -> dict[str, Any]:
        """What is left of a deleted object (OParl 2.8): id, type, created, modified."""
        return {**self.base(kind, key, stamp), "deleted": True}

    # --- entry points ---------------------------------------------------------------------------

    def render(self, kind: str, key: int, stamp: Stamp, *, embedded: bool = False) -> dict[str, Any]:
        """The object, or its deleted stub if it is deleted or no longer public."""
        if stamp.deleted or not stamp.published:
            return self.deleted(kind, key, stamp)
        row = self.row(kind, key)
        if row is None or not KINDS[kind].resolve([row], self.ctx)[row.pk].visible:
            # Changed around the signals (bulk update, raw SQL): never show it; fix the stamp.
            from .tracking import write_marks

            write_marks([(kind, key)])
            return self.deleted(kind, key, Stamp.objects.get(kind=kind, key=key))
        builder: Callable[..., dict[str, Any]] = getattr(self, "_" + kind.replace("-", "_"))
        return _clean({**self.base(kind, key, stamp), **builder(row, embedded=embedded)})

    def embed(self, kind: str, key: int | None) -> dict[str, Any] | None:
        stamp = self.live(kind, key)
        return self.render(kind, key, stamp, embedded=True) if stamp is not None else None

    # --- System and Body ------------------------------------------------------------------------

    def system(self) -> dict[str, Any]:
        bodies = Stamp.objects.filter(kind="body", published=True)
        first = bodies.order_by("created").first()
        last = Stamp.objects.filter(kind="body").order_by("-modified").first()
        from .tracking import now

        obj = {
            "id": self.absolute("oparl:system"),
            "type": OPARL + "System",
            "oparlVersion": OPARL,
            "body": self.absolute("oparl:body-list"),
            "name": "Kansli – öppna data om nämnder och sammanträden",
            "website": self.absolute("home"),
            "license": getattr(settings, "KANSLI_OPARL_LICENSE", None),
            "created": stamp_time(first.created if first else now()),
            "modified": stamp_time(last.modified if last else now()),
            "web": self.absolute("home"),
        }
        return _clean(obj)

    def _body(self, town: Any, embedded: bool = False) -> dict[str, Any]:
        terms = [self.embed("term", t) for t in town.terms.order_by("start").values_list("pk", flat=True)]
        obj = {
            "system": self.absolute("oparl:system"),
            "name": town.name,
            "website": town.website,
            "classification": "Kommun",
            "organization": self.list_url(town.pk, "organization"),
            "person": self.list_url(town.pk, "person"),
            "meeting": self.list_url(town.pk, "meeting"),
            "paper": self.list_url(town.pk, "paper"),
            "agendaItem": self.list_url(town.pk, "agendaItem"),
            "consultation": self.list_url(town.pk, "consultation"),
            "file": self.list_url(town.pk, "file"),
            "locationList": self.list_url(town.pk, "locationList"),
            "legislativeTermList": self.list_url(town.pk, "legislativeTermList"),
            "membership": self.list_url(town.pk, "membership"),
            "web": self.absolute("home"),
            VENDOR + "organizationNumber": town.org_number,
            VENDOR + "noticeBoard": town.notice_board_url,
        }
        obj = _clean(obj)
        if not self.omit_internal:
            obj["legislativeTerm"] = [t for t in terms if t]  # required, even when empty
        return obj

    def _term(self, term: Any, embedded: bool = False) -> dict[str, Any]:
        return {
            "body": None if embedded else self.url("body", term.municipality_id),
            "name": str(term),
            "startDate": term.start.isoformat(),
            "endDate": term.end.isoformat(),
        }

    # --- Organization, Person, Membership -----------------------------------------------------------

    def _organization(self, body: Any, embedded: bool = False) -> dict[str, Any]:
        memberships = list(body.memberships.order_by("pk").values_list("pk", flat=True))
        self.prefetch(("membership",), memberships)
        return {
            "body": self.url("body", body.municipality_id),
            "name": body.name,
            "shortName": body.abbreviation,
            "membership": [self.url("membership", m) for m in memberships if self.live("membership", m)],
            "meeting": self.absolute("oparl:organization-meeting", body.pk),
            "consultation": self.absolute("oparl:organization-consultation", body.pk),
            "subOrganizationOf": self.ref("organization", body.parent_id),
            "organizationType": "Gremium",
            "classification": body.get_kind_display(),
            "web": self.maybe_absolute("body", body.pk),
            VENDOR + "seats": body.seats or None,
        }

    def _party(self, party: Any, embedded: bool = False) -> dict[str, Any]:
        return {
            "body": self.url("body", party.municipality_id),
            "name": party.name or party.short_name,
            "shortName": party.short_name,
            "organizationType": "Fraktion",
            "classification": "parti",
        }

    def _person(self, person: Any, embedded: bool = False) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "body": self.url("body", person.municipality_id),
            "name": person.name,
            "status": [person.title] if person.title else None,
            VENDOR + "party": person.party.short_name if person.party_id else None,
        }
        if not self.omit_internal:
            keys = list(person.memberships.order_by("pk").values_list("pk", flat=True))
            self.prefetch(("membership",), keys)
            obj["membership"] = [m for m in (self.embed("membership", k) for k in keys) if m]
        return obj

    def _membership(self, m: Any, embedded: bool = False) -> dict[str, Any]:
        role = m.get_office_display() if m.office else m.get_role_display()
        return {
            "name": f"{m.person.name}, {role} i {m.body.name}",
            "person": None if embedded else self.url("person", m.person_id),
            "organization": self.url("organization", m.body_id),
            "role": role,
            "votingRight": m.role == "member",
            "startDate": m.start.isoformat(),
            "endDate": m.end.isoformat(),
            "onBehalfOf": self.ref("party", m.person.party_id),
            VENDOR + "substituteOrder": m.substitute_order,
            VENDOR + "legislativeTerm": self.url("term", m.term_id),
        }

    # --- Location ----------------------------------------------------------------------------------

    def _location(self, place: Location, embedded: bool = False) -> dict[str, Any]:
        description = public.public_text(place.description, obj=place, field="description")
        obj: dict[str, Any] = {
            "name": description,  # not in the schema, but clients show a name for every object
            "description": description,
            "streetAddress": place.street_address,
            "room": place.room,
            "postalCode": place.postal_code,
            "locality": place.locality,
        }
        if place.latitude is not None and place.longitude is not None:
            obj["geojson"] = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]},
                "properties": {"name": place.description},
            }
        if not embedded:
            from kansli.meetings.models import Meeting

            meetings = Meeting.objects.filter(
                body__municipality_id=place.municipality_id, place=place.description
            ).order_by("date", "pk").values_list("pk", flat=True)
            obj["bodies"] = [self.url("body", place.municipality_id)]
            obj["meetings"] = [self.url("meeting", m) for m in meetings]
        return obj

    # --- Meeting and its files ---------------------------------------------------------------------

    def _meeting(self, meeting: Any, embedded: bool = False) -> dict[str, Any]:
        body = meeting.body
        published = self.ctx.protocol_published(meeting)
        start = _local(meeting.date, meeting.start or dt.time(0, 0))
        end = _local(meeting.date, meeting.end) if meeting.end else None
        location = Location.objects.filter(
            municipality_id=body.municipality_id, description=meeting.place[:300]
        ).values_list("pk", flat=True).first() if meeting.place else None
        obj: dict[str, Any] = {
            "name": f"{body.name} {meeting.date:%Y-%m-%d}",
            "meetingState": meeting.get_status_display(),
            "cancelled": False,
            "start": start,
            "end": end,
            "location": self.embed("location", location),
            "organization": [self.url("organization", body.pk)],
            "web": self.maybe_absolute("meeting", meeting.pk),
            VENDOR + "startTimeKnown": meeting.start is not None,
            VENDOR + "invitationSent": meeting.invitation_sent.isoformat() if meeting.invitation_sent else None,
            "invitation": self.embed("invitation", meeting.pk),
        }
        if published:
            minutes = self.minutes_of(meeting)
            obj.update(self._protocol_facts(meeting, minutes))
            obj["resultsProtocol"] = self.embed("minutes", meeting.pk)
        if not self.omit_internal:
            obj["agendaItem"] = self._agenda(meeting, published)
        return obj

    def _agenda(self, meeting: Any, published: bool) -> list[dict[str, Any]]:
        if published:
            keys = list(meeting.paragraphs.order_by("year", "number").values_list("pk", flat=True))
            self._paragraph_order[meeting.pk] = keys
            kind = "paragraph"
            self.prefetch(("paragraph", "extract", "paragraph-consultation"), keys)
        else:
            keys = list(meeting.agenda_items.order_by("order").values_list("pk", flat=True))
            kind = "agendaitem"
            self.prefetch(("agendaitem", "agendaitem-consultation"), keys)
        return [o for o in (self.embed(kind, k) for k in keys) if o]

    def _protocol_facts(self, meeting: Any, minutes: mm.Minutes) -> dict[str, Any]:
        attendance_rows = list(meeting.attendances.order_by("order", "pk").values_list("person_id", "serving_for_id"))
        people = {}
        for person_id, serving_id in attendance_rows:
            people[person_id] = True
            if serving_id:
                people[serving_id] = True
        from kansli.organisation.models import Person

        names = dict(Person.objects.filter(pk__in=people).values_list("pk", "name"))
        attendance = []
        for index, p in enumerate(minutes.participants):
            person_id, serving_id = attendance_rows[index] if index < len(attendance_rows) else (None, None)
            attendance.append(_clean({
                "name": p.name,
                "person": self.url("person", person_id) if person_id and names.get(person_id) == p.name else None,
                "party": p.party,
                "role": str(p.role),
                "roleLabel": ROLE_LABELS.get(str(p.role)),
                "office": p.office,
                "servingFor": p.serving_for,
                "servingForPerson": (
                    self.url("person", serving_id) if serving_id and names.get(serving_id) == p.serving_for else None
                ),
                "paragraphs": [[r.first, r.last] for r in p.paragraphs],
                "remote": p.remote,
            }))
        participants = [
            self.url("person", pid) for pid in dict.fromkeys(pid for pid, _ in attendance_rows)
        ]
        return {
            "participant": participants,
            VENDOR + "attendance": attendance,
            VENDOR + "chair": minutes.chair,
            VENDOR + "secretary": minutes.secretary,
            VENDOR + "adjusters": minutes.adjusters,
            VENDOR + "adjusted": minutes.adjusted.isoformat() if minutes.adjusted else None,
            VENDOR + "adjustmentPlace": minutes.adjustment_place,
            VENDOR + "noticePosted": minutes.notice_posted.isoformat() if minutes.notice_posted else None,
            VENDOR + "noticeRemoved": minutes.notice_removed.isoformat() if minutes.notice_removed else None,
            VENDOR + "minutesKeptAt": minutes.minutes_kept_at,
            VENDOR + "remoteParticipation": minutes.meeting.remote_participation,
            VENDOR + "adjournments": minutes.meeting.adjournments,
            VENDOR + "votesCsv": self.absolute("oparl:meeting-votes-csv", meeting.pk),
            VENDOR + "voteTotalsCsv": self.absolute("oparl:meeting-vote-totals-csv", meeting.pk),
        }

    def _minutes(self, meeting: Any, embedded: bool = False) -> dict[str, Any]:
        code = meeting.body.abbreviation or f"organ{meeting.body_id}"
        return {
            "name": f"Protokoll {meeting.body.name} {meeting.date:%Y-%m-%d}",
            "fileName": f"protokoll-{code}-{meeting.date:%Y-%m-%d}.pdf",
            "mimeType": "application/pdf",
            "date": meeting.adjusted.isoformat() if meeting.adjusted else None,
            "accessUrl": self.absolute("minutes-pdf", meeting.pk),
            "downloadUrl": self.absolute("minutes-pdf-download", meeting.pk),
            "meeting": None if embedded else [self.url("meeting", meeting.pk)],
            VENDOR + "htmlUrl": self.maybe_absolute("minutes-html", meeting.pk),
        }

    def _invitation(self, meeting: Any, embedded: bool = False) -> dict[str, Any]:
        """The kallelse with föredragningslista, as the public site prints it (masked; an item of a
        secret case without its title, Dnr and proposed decision)."""
        from kansli.web.kallelse import kallelse_file_name

        return {
            "name": f"Kallelse med föredragningslista, {meeting.body.name} {meeting.date:%Y-%m-%d}",
            "fileName": kallelse_file_name(meeting),
            "mimeType": "application/pdf",
            "date": meeting.invitation_sent.isoformat() if meeting.invitation_sent else None,
            "accessUrl": self.absolute("kallelse-pdf", meeting.pk),
            "downloadUrl": self.absolute("kallelse-pdf-download", meeting.pk),
            "meeting": None if embedded else [self.url("meeting", meeting.pk)],
            "web": self.maybe_absolute("meeting", meeting.pk),
        }

    def _extract(self, p: Any, embedded: bool = False) -> dict[str, Any]:
        meeting = p.meeting
        code = meeting.body.abbreviation or f"organ{meeting.body_id}"
        return {
            "name": f"Protokollsutdrag § {p.number}, {meeting.body.name} {meeting.date:%Y-%m-%d}",
            "fileName": f"protokoll-{code}-{meeting.date:%Y-%m-%d}-par{p.number}.pdf",
            "mimeType": "application/pdf",
            "date": meeting.adjusted.isoformat() if meeting.adjusted else None,
            "accessUrl": self.absolute("extract-pdf", meeting.pk, p.number),
            "downloadUrl": self.absolute("extract-pdf-download", meeting.pk, p.number),
            "meeting": None if embedded else [self.url("meeting", meeting.pk)],
            "agendaItem": None if embedded else [self.url("paragraph", p.pk)],
            VENDOR + "htmlUrl": self.maybe_absolute("extract-html", meeting.pk, p.number),
        }

    # --- AgendaItem and Consultation -------------------------------------------------------------------

    def _agendaitem(self, item: Any, embedded: bool = False) -> dict[str, Any]:
        return {
            "meeting": None if embedded else self.url("meeting", item.meeting_id),
            "number": str(item.order),
            "order": item.order,
            "name": public.public_text(item.title, obj=item, field="title"),
            "public": True,
            "consultation": self.ref("agendaitem-consultation", item.pk),
            "web": self.maybe_absolute("meeting", item.meeting_id),
            VENDOR + "kind": item.get_kind_display(),
            VENDOR + "proposedDecision": public.public_text(item.proposed_decision, obj=item, field="proposed_decision"),
        }

    def _paragraph(self, p: Any, embedded: bool = False) -> dict[str, Any]:
        meeting = p.meeting
        minutes = self.minutes_of(meeting)
        item = next((i for i in minutes.items if i.number == p.number and (i.year or p.year) == p.year), None)
        item = item or mm.Item(number=p.number, year=p.year)
        if meeting.pk not in self._paragraph_order:
            self._paragraph_order[meeting.pk] = list(
                meeting.paragraphs.order_by("year", "number").values_list("pk", flat=True)
            )
        numbers = self._paragraph_order[meeting.pk]
        web = self.maybe_absolute("meeting", meeting.pk)
        return {
            "meeting": None if embedded else self.url("meeting", meeting.pk),
            "number": f"§ {p.number}",
            "order": numbers.index(p.pk) + 1,
            "name": item.title or f"§ {p.number}",
            "public": True,
            "consultation": self.ref("paragraph-consultation", p.pk),
            "resolutionText": item.decision or "\n".join(item.decision_clauses) or None,
            "resolutionFile": self.embed("extract", p.pk),
            "web": f"{web}#p{p.number}" if web else None,
            **_paragraph_facts(item, self._ballot_people(p) if item.votes else {}),
        }

    def _ballot_people(self, p: Any) -> dict[tuple[int, int], tuple[int, str]]:
        """(vote index, ballot index) → (person id, name) from the database rows."""
        from kansli.meetings.models import Ballot

        out = {}
        votes = list(p.votes.order_by("order", "pk").values_list("pk", flat=True))
        rows = Ballot.objects.filter(vote_id__in=votes).order_by("vote__order", "vote_id", "order", "pk")
        counters: dict[int, int] = {}
        for vote_id, person_id, name in rows.values_list("vote_id", "person_id", "name"):
            index = counters.get(vote_id, 0)
            counters[vote_id] = index + 1
            if person_id:
                out[(votes.index(vote_id), index)] = (self.url("person", person_id), name)
        return out

    def _consultation(self, item_kind: str, row: Any, embedded: bool) -> dict[str, Any]:
        meeting = row.meeting
        return {
            "name": f"{row.case.case_number} i {meeting.body.name} {meeting.date:%Y-%m-%d}",
            "paper": None if embedded else self.url("paper", row.case_id),
            "agendaItem": self.url(item_kind, row.pk),
            "meeting": self.url("meeting", row.meeting_id),
            "organization": [self.url("organization", row.meeting.body_id)],
            "role": "beslut" if item_kind == "paragraph" else "behandling",
            "authoritative": True if item_kind == "paragraph" else None,
            VENDOR + "caseNumber": row.case.case_number,
        }

    def _agendaitem_consultation(self, item: Any, embedded: bool = False) -> dict[str, Any]:
        return self._consultation("agendaitem", item, embedded)

    def _paragraph_consultation(self, p: Any, embedded: bool = False) -> dict[str, Any]:
        return self._consultation("paragraph", p, embedded)

    # --- Paper and documents ---------------------------------------------------------------------------

    def _paper(self, case: Any, embedded: bool = False) -> dict[str, Any]:
        docs = list(case.documents.order_by("created", "pk").values_list("pk", "kind"))
        self.prefetch(("document",), [pk for pk, _ in docs])
        main = next((pk for pk, kind in docs if kind == "memo" and self.live("document", pk)), None)
        obj: dict[str, Any] = {
            "body": self.url("body", case.series.municipality_id),
            "name": public.public_text(case.title, obj=case, field="title"),
            "reference": case.case_number,
            "date": case.registered.isoformat(),
            "paperType": "ärende",
            "underDirectionOf": [self.url("organization", case.series.body_id)] if case.series.body_id else None,
            "web": self.maybe_absolute("case", case.pk),
            VENDOR + "status": case.get_status_display(),
        }
        if not self.omit_internal:
            obj["mainFile"] = self.embed("document", main)
            obj["auxiliaryFile"] = [d for d in (self.embed("document", pk) for pk, _ in docs if pk != main) if d]
        from kansli.meetings.models import AgendaItem, Paragraph

        decided = list(
            Paragraph.objects.filter(case=case).order_by("meeting__date", "number").values_list("pk", flat=True)
        )
        planned = list(
            AgendaItem.objects.filter(case=case).order_by("meeting__date", "order").values_list("pk", flat=True)
        )
        self.prefetch(("paragraph-consultation",), decided)
        self.prefetch(("agendaitem-consultation",), planned)
        consultations = [self.embed("paragraph-consultation", pk) for pk in decided]
        consultations += [self.embed("agendaitem-consultation", pk) for pk in planned]
        obj["consultation"] = [c for c in consultations if c]
        return obj

    def _document(self, doc: Any, embedded: bool = False) -> dict[str, Any]:
        try:
            size = doc.file.size
        except (OSError, ValueError):
            size = None
        access = self.maybe_absolute("case-document", doc.case_id, doc.pk)
        download = self.maybe_absolute("case-document-download", doc.case_id, doc.pk)
        return {
            "name": public.public_text(doc.title, obj=doc, field="title"),
            "fileName": public.public_text(posixpath.basename(doc.file.name), obj=doc, field="file"),
            "mimeType": doc.content_type,
            "date": timezone.localtime(doc.created).date().isoformat() if doc.created else None,
            "size": size,
            "accessUrl": access,
            "downloadUrl": download,
            "paper": None if embedded else [self.url("paper", doc.case_id)],
            VENDOR + "documentKind": doc.get_kind_display(),
            VENDOR + "sha256Checksum": doc.sha256,
        }


def _paragraph_facts(item: mm.Item, people: dict[tuple[int, int], tuple[str, str]]) -> dict[str, Any]:
    votes = []
    for vi, v in enumerate(item.votes):
        ballots = []
        for bi, b in enumerate(v.ballots):
            person = people.get((vi, bi))
            ballots.append(_clean({
                "name": b.name,
                "person": person[0] if person and person[1] == b.name else None,
                "party": b.party,
                "servingFor": b.serving_for,
                "choice": str(b.choice),
                "choiceLabel": CHOICE_LABELS.get(str(b.choice)),
            }))
        votes.append(_clean({
            "question": v.question,
            "yesMeans": v.yes_means,
            "noMeans": v.no_means,
            "yes": v.yes,
            "no": v.no,
            "abstain": v.abstain,
            "absent": v.absent,
            "outcome": v.outcome,
            "castingVoteBy": v.casting_vote_by,
            "ballots": ballots,
        }))
    return {
        VENDOR + "paragraph": item.number,
        VENDOR + "year": item.year,
        VENDOR + "caseNumber": item.case_number,
        VENDOR + "decisionClauses": item.decision_clauses,
        VENDOR + "proposedDecision": item.proposed_decision,
        VENDOR + "summary": item.summary,
        VENDOR + "decisionBasis": item.decision_basis,
        VENDOR + "deliberation": item.deliberation,
        VENDOR + "motions": [
            _clean({"by": m.by, "text": m.text, "kind": str(m.kind), "kindLabel": MOTION_LABELS.get(str(m.kind)),
                    "withdrawn": m.withdrawn})
            for m in item.motions
        ],
        VENDOR + "orderOfQuestions": item.order_of_questions,
        VENDOR + "votes": votes,
        VENDOR + "reservations": [
            _clean({"by": d.by, "text": d.text, "written": d.written, "inFavourOf": d.in_favour_of})
            for d in item.reservations
        ],
        VENDOR + "statements": [
            _clean({"kind": str(s.kind), "kindLabel": STATEMENT_LABELS.get(str(s.kind)), "by": s.by, "text": s.text})
            for s in item.statements
        ],
        VENDOR + "recusals": [_clean({"name": r.name, "reason": r.reason}) for r in item.recusals],
        VENDOR + "recipients": item.recipients,
        VENDOR + "immediatelyAdjusted": item.immediately_adjusted,
    }

