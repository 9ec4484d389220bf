"""Registering delegated decisions and communications, and proposing them for reporting.

Every write is atomic and checked against :mod:`kansli.law.delegation` with the scheme version
in force on the decision date; a refusal is a :class:`~django.core.exceptions.ValidationError`
with the reason in Swedish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q

from kansli.law import delegation as rules
from kansli.law.deadlines import appeal_period
from kansli.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus, Paragraph
from kansli.noticeboard.models import Notice, NoticeKind
from kansli.organisation.models import Body
from kansli.screening.detect import find_identity_numbers

from .models import (
    Communication,
    DecisionSource,
    DelegatedDecision,
    DelegationPoint,
    DelegationScheme,
)

REPORT_TITLE = "Anmälan av delegationsbeslut"
COMMUNICATIONS_TITLE = "Meddelanden"
REPORT_PROPOSAL = "Nämnden lägger redovisningen av delegationsbesluten till handlingarna."
COMMUNICATIONS_PROPOSAL = "Nämnden lägger meddelandena till handlingarna."


def schemes_for(body: Body) -> list[rules.Scheme]:
    return [s.to_rules() for s in DelegationScheme.objects.filter(body=body).prefetch_related("points")]


@dataclass(frozen=True)
class DecisionInput:
    """One decision as typed in the form or read from a CSV row."""

    point_code: str
    decided: dt.date
    delegate: str
    description: str
    position: str = ""
    case_number: str = ""
    urgent: bool = False
    individual: bool = False
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    count: int | None = None


def problems(
    body: Body, data: DecisionInput, schemes: list[rules.Scheme] | None = None, *, today: dt.date | None = None
) -> tuple[list[str], DelegationPoint | None]:
    """Everything wrong with ``data`` (empty when it may be registered) and its scheme point."""
    errors: list[str] = []
    if not data.delegate.strip():
        errors.append("Beslutsfattare saknas.")
    if not data.description.strip():
        errors.append("Beskrivning av beslutet saknas.")
    if find_identity_numbers(data.description) or find_identity_numbers(data.case_number):
        errors.append("Beskrivningen innehåller ett personnummer; skriv beslutet utan personuppgifter.")
    if data.individual:
        if data.period_start is None or data.period_end is None or data.count is None:
            errors.append("Beslut i enskilda ärenden registreras som förteckning: ange period och antal beslut.")
        elif data.period_end < data.period_start:
            errors.append("Periodens slut ligger före dess början.")
    if data.decided > (today or dt.date.today()):
        errors.append(f"Beslutsdatumet {data.decided:%Y-%m-%d} ligger i framtiden.")
    verdict = rules.check_decision(
        schemes if schemes is not None else schemes_for(body),
        data.decided, data.point_code, data.delegate, data.position, urgent=data.urgent,
    )
    point = None
    if not verdict.allowed:
        errors.append(verdict.reason)
    elif verdict.point is not None:
        point = DelegationPoint.objects.filter(
            scheme__body=body, scheme__version=verdict.scheme.version, key=verdict.point.key
        ).first()
    return errors, point


def _fingerprint(data: DecisionInput) -> str:
    return DelegatedDecision.make_fingerprint(
        data.decided, rules.normalise_code(data.point_code) if not data.urgent else "6:39",
        data.delegate, data.case_number, data.description,
    )


def register_decision(
    body: Body, data: DecisionInput, *, source: str = DecisionSource.MANUAL, today: dt.date | None = None
) -> DelegatedDecision:
    """Register one decision or refuse it with every reason (``today`` only for demo data)."""
    errors, point = problems(body, data, today=today)
    fingerprint = _fingerprint(data)
    if DelegatedDecision.objects.filter(body=body, fingerprint=fingerprint).exists():
        errors.append("Beslutet är redan registrerat (samma datum, punkt, beslutsfattare, diarienummer och text).")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return DelegatedDecision.objects.create(
            body=body, point=point, decided=data.decided, delegate=data.delegate.strip(),
            position=data.position.strip(), case_number=data.case_number.strip(),
            description=data.description.strip(), urgent=data.urgent, individual=data.individual,
            period_start=data.period_start, period_end=data.period_end, count=data.count,
            source=source, fingerprint=fingerprint,
        )


# --- reporting ------------------------------------------------------------------------------------


def reportable_decisions(body: Body, until: dt.date) -> list[DelegatedDecision]:
    """Decisions to report that are neither reported nor proposed for an agenda yet."""
    decisions = (
        DelegatedDecision.objects.filter(body=body, decided__lte=until, reported_in__isnull=True, agenda_item__isnull=True)
        .filter(Q(urgent=True) | Q(point__must_report=True))
        .select_related("point")
        .order_by("point__key", "delegate", "decided", "pk")
    )
    return list(decisions)


@dataclass
class ReportGroup:
    point: str
    matter: str
    delegate: str
    decisions: list[DelegatedDecision]


def report_groups(decisions: Iterable[DelegatedDecision]) -> list[ReportGroup]:
    """Grouped by point and delegate, as the agenda item lists them."""
    groups: dict[tuple[str, str], ReportGroup] = {}
    for d in decisions:
        matter = d.point.matter if d.point_id else "Brådskande beslut"
        key = (d.point.key if d.point_id else "~", rules.fold_text(d.position or d.delegate))
        group = groups.setdefault(key, ReportGroup(d.point_code, matter, d.position or d.delegate, []))
        group.decisions.append(d)
    return [groups[k] for k in sorted(groups)]


def _line(d: DelegatedDecision) -> str:
    if d.individual:
        return f"{d.period_start:%Y-%m-%d}–{d.period_end:%Y-%m-%d}: {d.count} beslut i enskilda ärenden"
    number = f", {d.case_number}" if d.case_number else ""
    return f"{d.decided:%Y-%m-%d}{number}: {d.description}"


def report_text(decisions: Iterable[DelegatedDecision]) -> str:
    lines: list[str] = []
    for group in report_groups(decisions):
        lines.append(f"{group.point} {group.matter} – {group.delegate}")
        lines.extend(f"  {_line(d)}" for d in group.decisions)
    return "\n".join(lines)


def _standing_item(meeting: Meeting, title: str) -> AgendaItem:
    item = meeting.agenda_items.filter(title__istartswith=title[:20]).first()
    if item is None:
        order = (meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 1
        item = AgendaItem.objects.create(meeting=meeting, order=order, title=title, kind=AgendaItemKind.STANDING)
    return item


def _check_plannable(meeting: Meeting) -> None:
    if meeting.locked or meeting.status in (MeetingStatus.HELD, MeetingStatus.ADJUSTED):
        raise ValidationError(
            f"Sammanträdet {meeting.date:%Y-%m-%d} är redan hållet; föreslå anmälan till nästa sammanträde."
        )


@transaction.atomic
def propose_report(meeting: Meeting) -> tuple[AgendaItem, list[DelegatedDecision]]:
    """Put every reportable decision on the meeting's "Anmälan av delegationsbeslut" item."""
    _check_plannable(meeting)
    item = _standing_item(meeting, REPORT_TITLE)
    new = reportable_decisions(meeting.body, meeting.date)
    DelegatedDecision.objects.filter(pk__in=[d.pk for d in new]).update(agenda_item=item)
    attached = list(item.delegated_decisions.select_related("point"))
    item.proposed_decision = f"{REPORT_PROPOSAL}\n\n{report_text(attached)}" if attached else REPORT_PROPOSAL
    item.save()
    return item, new


@transaction.atomic
def propose_communications(meeting: Meeting) -> tuple[AgendaItem, list[Communication]]:
    _check_plannable(meeting)
    item = _standing_item(meeting, COMMUNICATIONS_TITLE)
    new = list(
        Communication.objects.filter(
            body=meeting.body, received__lte=meeting.date, reported_in__isnull=True, agenda_item__isnull=True
        )
    )
    Communication.objects.filter(pk__in=[c.pk for c in new]).update(agenda_item=item)
    attached = list(item.communications.order_by("received", "pk"))
    listing = "\n".join(
        f"{c.received:%Y-%m-%d} {c.sender}: {c.title}{', ' + c.case_number if c.case_number else ''}" for c in attached
    )
    item.proposed_decision = f"{COMMUNICATIONS_PROPOSAL}\n\n{listing}" if attached else COMMUNICATIONS_PROPOSAL
    item.save()
    return item, new


def mark_reported(paragraph: Paragraph) -> None:
    """The § for an agenda item is taken: what was proposed on that item is now reported in it."""
    if paragraph.agenda_item_id is None:
        return
    DelegatedDecision.objects.filter(agenda_item_id=paragraph.agenda_item_id, reported_in__isnull=True).update(
        reported_in=paragraph
    )
    Communication.objects.filter(agenda_item_id=paragraph.agenda_item_id, reported_in__isnull=True).update(
        reported_in=paragraph
    )


def appeal_start(decision: DelegatedDecision) -> dt.date | None:
    """The day the appeal period started: the posting of the protokoll where the decision was
    reported, or of its own notice."""
    if decision.reported_in_id is not None:
        return decision.reported_in.meeting.notice_posted
    return decision.notice.posted if decision.notice_id else None


def unreported_urgent(body: Body, today: dt.date) -> list[tuple[DelegatedDecision, bool]]:
    """Urgent decisions (6:39) not yet reported, each with whether a meeting has passed since."""
    result = []
    held_dates = list(
        Meeting.objects.filter(body=body, status__in=[MeetingStatus.HELD, MeetingStatus.ADJUSTED], date__lte=today)
        .values_list("date", flat=True)
    )
    for decision in DelegatedDecision.objects.filter(body=body, urgent=True, reported_in__isnull=True).order_by("decided"):
        result.append((decision, any(day > decision.decided for day in held_dates)))
    return result


@transaction.atomic
def post_own_notice(decision: DelegatedDecision, posted: dt.date) -> Notice:
    """A decision that is appealable but not reported to the body gets its own notice (KL 8:12)."""
    if decision.point_id is None or decision.point.must_report or not decision.point.appealable:
        raise ValidationError("Bara beslut som kan överklagas och inte anmäls till nämnden får ett eget anslag.")
    if decision.notice_id is not None:
        raise ValidationError(f"Beslutet anslogs redan {decision.notice.posted:%Y-%m-%d}.")
    if posted < decision.decided:
        raise ValidationError("Anslaget kan inte sättas upp före beslutsdagen.")
    period = appeal_period(posted)
    body = decision.body
    subject = "Förteckning över beslut i enskilda ärenden" if decision.individual else decision.description
    notice = Notice.objects.create(
        municipality=body.municipality, body=body, kind=NoticeKind.OTHER,
        title=f"Delegationsbeslut {decision.decided:%Y-%m-%d}, punkt {decision.point.code}: {subject}"[:300],
        adjusted=decision.decided, posted=posted, remove_from=period.notice_remove_from,
        appeal_last_day=period.last_day, kept_at=body.municipality.minutes_kept_at,
        appeal_instructions=body.municipality.appeal_instructions,
    )
    decision.notice = notice
    decision.save(update_fields=["notice"])
    return notice
