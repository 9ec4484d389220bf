"""The publishing review as actions: screen a meeting, decide a finding, mark it reviewed.

Every action is atomic. A change after the meeting was marked *granskad för publicering* (a
decision changed, a text changed) takes the mark away: the protokoll is not public again until
the secretary has looked at it once more.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kansli.meetings.conversion import meeting_to_minutes
from kansli.meetings.models import Meeting
from kansli.minutes import Minutes
from kansli.organisation.models import Membership, Party
from kansli.screening import (
    ALWAYS_MASKED,
    FindingKind,
    ScreeningConfig,
    find_identity_numbers,
    public_names,
    screen_minutes,
    texts_digest,
)

from .models import Decision, PublicationReview, Redaction


class ReviewError(ValueError):
    """The action cannot be done; the message says why and what to do, in Swedish."""


def email_domains(municipality: Any) -> list[str]:
    """The municipality's own e-mail domains, whose addresses are never flagged.

    The host of the municipality's website (``www.`` dropped), the Django setting
    ``KANSLI_PUBLIC_EMAIL_DOMAINS`` (a list) and the environment variable of the same name
    (comma-separated), e.g. ``exempelkommun.se,skola.exempelkommun.se``.
    """
    domains = list(getattr(settings, "KANSLI_PUBLIC_EMAIL_DOMAINS", []))
    domains += [d.strip() for d in os.environ.get("KANSLI_PUBLIC_EMAIL_DOMAINS", "").split(",") if d.strip()]
    host = urlsplit(municipality.website).hostname if municipality.website else None
    if host:
        domains.append(host.removeprefix("www."))
    return domains


def screening_config(meeting: Meeting, minutes: Minutes | None = None) -> ScreeningConfig:
    """Screening settings for ``meeting``: its municipality's domains; elected members' names."""
    municipality = meeting.body.municipality
    names = set(
        Membership.objects.filter(body__municipality=municipality).values_list("person__name", flat=True)
    )
    names.update(Party.objects.filter(municipality=municipality).exclude(name="").values_list("name", flat=True))
    if minutes is not None:
        names.update(public_names(minutes))
    return ScreeningConfig.build(email_domains(municipality), names)


def review_of(meeting: Meeting) -> PublicationReview:
    review, _ = PublicationReview.objects.get_or_create(meeting=meeting)
    return review


def screen_meeting(meeting: Meeting) -> PublicationReview:
    """Run the screening over every text of the meeting's protokoll and store what is new.

    Findings already decided keep their decision; undecided ones that no longer occur are
    removed. If the texts changed since the meeting was marked reviewed, the mark is taken away.
    """
    return _screen(meeting)[0]


def _screen(meeting: Meeting) -> tuple[PublicationReview, Minutes]:
    minutes = meeting_to_minutes(meeting)
    config = screening_config(meeting, minutes)
    with transaction.atomic():
        review = PublicationReview.objects.select_for_update().get(pk=review_of(meeting).pk)
        seen: set[int] = set()
        for text, finding in screen_minutes(minutes, config):
            redaction, _ = Redaction.objects.get_or_create(
                review=review, location=text.location, kind=finding.kind.value,
                start=finding.start, original=finding.text,
                defaults={"end": finding.end, "mask": finding.mask},
            )
            seen.add(redaction.pk)
        review.redactions.filter(decision=Decision.PENDING).exclude(pk__in=seen).delete()
        review.screened_at = timezone.now()
        fields = ["screened_at"]
        if review.reviewed and review.content_digest != texts_digest(minutes):
            review.reviewed = False
            fields.append("reviewed")
        review.save(update_fields=fields)
    return review, minutes


def _unreview(review: PublicationReview) -> None:
    if review.reviewed:
        review.reviewed = False
        review.save(update_fields=["reviewed"])


def decide(redaction: Redaction, decision: str, user: Any = None, mask: str | None = None) -> Redaction:
    """Confirm (with the suggested or an edited mask) or reject one finding."""
    if decision not in (Decision.CONFIRMED, Decision.REJECTED):
        raise ReviewError("Välj om uppgiften ska maskeras eller inte.")
    if decision == Decision.REJECTED and redaction.kind in ALWAYS_MASKED:
        raise ReviewError(
            "Ett giltigt person- eller samordningsnummer maskeras alltid på webben och kan inte "
            "släppas igenom. Du kan ändra vad det ersätts med."
        )
    if mask is not None:
        mask = " ".join(mask.split())
        if not mask:
            raise ReviewError("Ersättningstexten är tom. Skriv vad uppgiften ska ersättas med, t.ex. [namn].")
        if len(mask) > 200:
            raise ReviewError("Ersättningstexten får vara högst 200 tecken.")
        if redaction.original.strip() and redaction.original.strip() in mask:
            raise ReviewError("Ersättningstexten innehåller uppgiften som ska maskeras. Skriv en annan text.")
        if find_identity_numbers(mask):
            raise ReviewError("Ersättningstexten får inte innehålla ett personnummer.")
    with transaction.atomic():
        if mask is not None:
            redaction.mask = mask
        redaction.decision = decision
        redaction.decided_by = user if getattr(user, "is_authenticated", False) else None
        redaction.decided_at = timezone.now()
        redaction.save()
        _unreview(redaction.review)
    return redaction


def confirm_all_pending(meeting: Meeting, user: Any = None) -> int:
    """Confirm every undecided finding with its suggested mask; returns how many."""
    review = screen_meeting(meeting)
    with transaction.atomic():
        count = 0
        for redaction in review.redactions.filter(decision=Decision.PENDING):
            decide(redaction, Decision.CONFIRMED, user)
            count += 1
    return count


def mark_reviewed(meeting: Meeting, user: Any = None) -> PublicationReview:
    """Mark the protokoll *granskad för publicering*: from now on the public sees its masked version.

    Screens once more first, so nothing typed since the last look slips through; refuses while
    any finding is undecided.
    """
    review, minutes = _screen(meeting)
    with transaction.atomic():
        review = PublicationReview.objects.select_for_update().get(pk=review.pk)
        pending = review.redactions.filter(decision=Decision.PENDING).count()
        if pending:
            raise ReviewError(
                f"{pending} fynd är inte {'avgjort' if pending == 1 else 'avgjorda'}. Bekräfta eller "
                "avvisa varje fynd innan protokollet markeras som granskat."
            )
        review.reviewed = True
        review.reviewed_by = user if getattr(user, "is_authenticated", False) else None
        review.reviewed_at = timezone.now()
        review.content_digest = texts_digest(minutes)
        review.save()
    return review


def reopen(meeting: Meeting) -> PublicationReview:
    """Take the *granskad* mark away: the protokoll is no longer public until reviewed again."""
    review = review_of(meeting)
    _unreview(review)
    return review


def review_demo_meetings(municipality: Any) -> None:
    """The demo's adjusted meetings, reviewed as a secretary would: every finding masked."""
    from kansli.meetings.models import MeetingStatus

    for meeting in Meeting.objects.filter(body__municipality=municipality, status=MeetingStatus.ADJUSTED):
        review, minutes = _screen(meeting)
        for redaction in review.redactions.filter(decision=Decision.PENDING):
            redaction.decision = Decision.CONFIRMED
            redaction.decided_at = timezone.now()
            redaction.save(update_fields=["decision", "decided_at"])
        review.reviewed = True
        review.reviewed_at = timezone.now()
        review.content_digest = texts_digest(minutes)
        review.save()


__all__ = [
    "FindingKind",
    "ReviewError",
    "confirm_all_pending",
    "decide",
    "email_domains",
    "mark_reviewed",
    "reopen",
    "review_demo_meetings",
    "review_of",
    "screen_meeting",
    "screening_config",
]
