"""Justering in the app: send the protokoll to justering, sign it in turn, lock and post.

KL (2017:725) 5 kap. 69 § and 6 kap. 35 §: the protokoll is adjusted by the chair and the
elected adjuster(s). Kansli makes that a sequence of PAdES signatures on one frozen PDF/A
(:mod:`kansli.writing.signing`): the chair signs first, then each adjuster in the order they
were elected, each as an incremental revision that keeps the earlier signatures valid. The
last signature is the justering: the meeting is locked (:func:`adjust_meeting`) and the notice
goes on the anslagstavla (:func:`post_minutes_notice`), in the same transaction.

The signed file is the protokoll as it stood when it was sent to justering, unmasked: the
archive original. Its Anslag/bevis block has no dates (they follow from the justering, which
the signatures themselves record); the public notice and the published, masked rendering
(``kansli.web.documents``) carry them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kansli.meetings.conversion import meeting_to_minutes
from kansli.meetings.locking import adjust_meeting
from kansli.meetings.models import Adjuster, Meeting
from kansli.minutes import dumps
from kansli.noticeboard.services import post_minutes_notice
from kansli.organisation.models import Person
from kansli.writing.pdf import minutes_pdf
from kansli.writing.signing import sign_pdf

from .backends import SigningError, certificate_info, check_validity, get_backend
from .models import AdjustmentRound, RoundStatus, Signature, SignerRole

__all__ = [
    "SignResult",
    "Step",
    "SigningError",
    "current_round",
    "official_round",
    "record_sha256",
    "send_to_adjustment",
    "sign",
    "steps",
]

CHANGED = (
    "Protokollet har ändrats sedan det skickades på justering, så den frysta versionen stämmer "
    "inte längre. Sekreteraren måste skicka protokollet på justering igen."
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_sha256(meeting: Meeting) -> str:
    """SHA-256 of the meeting record as minutes JSON: what the frozen PDF was rendered from."""
    return sha256(dumps(meeting_to_minutes(meeting), indent=None).encode("utf-8"))


@dataclass(frozen=True)
class Step:
    """One signature the justering needs, in order: the chair (0), then each adjuster."""

    order: int
    role: SignerRole
    person: Person

    @property
    def field_name(self) -> str:
        return "Ordforande" if self.role == SignerRole.CHAIR else f"Justerare{self.order}"

    @property
    def reason(self) -> str:
        return f"Justering av protokoll ({self.role.label})"


def steps(meeting: Meeting) -> list[Step]:
    found = [Step(0, SignerRole.CHAIR, meeting.chair)] if meeting.chair_id else []
    adjusters = Adjuster.objects.filter(meeting=meeting).select_related("person").order_by("order", "pk")
    found += [Step(n, SignerRole.ADJUSTER, a.person) for n, a in enumerate(adjusters, 1)]
    return found


def current_round(meeting: Meeting) -> AdjustmentRound | None:
    """The open round, or else the completed one, or None."""
    rounds = meeting.adjustment_rounds.exclude(status=RoundStatus.SUPERSEDED)
    return rounds.filter(status=RoundStatus.OPEN).first() or rounds.filter(status=RoundStatus.COMPLETED).first()


def official_round(meeting: Meeting) -> AdjustmentRound | None:
    """The completed justering: its ``signed_pdf`` is the meeting's official protokoll."""
    return meeting.adjustment_rounds.filter(status=RoundStatus.COMPLETED).first()


def _refuse_unless_ready(meeting: Meeting, today: dt.date) -> None:
    where = f"{meeting.body.name} {meeting.date:%Y-%m-%d}"
    if meeting.locked:
        raise ValidationError(f"Protokollet för {where} är redan justerat och kan inte skickas på justering igen.")
    if meeting.date > today:
        raise ValidationError(f"Sammanträdet {where} har inte hållits ännu; protokollet kan inte justeras.")
    if not meeting.paragraphs.exists():
        raise ValidationError("Protokollet har inga paragrafer ännu. Skriv protokollet innan det skickas på justering.")
    if not meeting.chair_id:
        raise ValidationError(
            "Sammanträdet saknar ordförande. Ange vem som var ordförande innan protokollet skickas på justering."
        )
    adjusters = list(Adjuster.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    if not adjusters:
        raise ValidationError(
            "Ingen justerare är vald. Ange vem som valdes att justera protokollet (paragrafen om val av "
            "justerare) innan det skickas på justering."
        )
    if meeting.chair_id in adjusters:
        raise ValidationError("Ordföranden kan inte också vara justerare; välj en annan justerare.")


def send_to_adjustment(meeting: Meeting, user, today: dt.date | None = None) -> AdjustmentRound:
    """Freeze the protokoll as PDF/A and open a round of signatures.

    An open round is replaced (its signatures no longer count): that is how the secretary
    sends a changed protokoll again. Raises ``ValidationError`` with a Swedish message when
    the meeting cannot be adjusted (already adjusted, not held, no §, no chair, no adjuster).
    """
    today = today or timezone.localdate()
    _refuse_unless_ready(meeting, today)
    minutes = meeting_to_minutes(meeting)
    record = sha256(dumps(minutes, indent=None).encode("utf-8"))
    pdf = minutes_pdf(minutes)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        _refuse_unless_ready(meeting, today)
        if record_sha256(meeting) != record:  # changed while the PDF was being rendered
            raise ValidationError("Protokollet ändrades medan det förbereddes. Försök igen.")
        meeting.adjustment_rounds.filter(status=RoundStatus.OPEN).update(status=RoundStatus.SUPERSEDED)
        return AdjustmentRound.objects.create(
            meeting=meeting, created_by=user if getattr(user, "pk", None) else None,
            record_sha256=record, pdf=pdf, pdf_sha256=sha256(pdf),
        )


@dataclass
class SignResult:
    signature: Signature
    completed: bool
    notice: object | None = None
    warnings: list[str] = field(default_factory=list)


def next_step(round: AdjustmentRound) -> Step | None:
    signed = set(round.signatures.values_list("order", flat=True))
    return next((s for s in steps(round.meeting) if s.order not in signed), None)


def sign(
    round: AdjustmentRound, user, role: SignerRole | str, secret: str | None = None,
    today: dt.date | None = None,
) -> SignResult:
    """``user`` signs the round's protokoll as ``role``; the last signature adjusts and posts.

    Refused with :class:`SigningError` (Swedish message, nothing written) when the round is
    not open, the user is not the one whose turn it is in that role, has signed already, the
    record changed since it was frozen, or the key cannot be used. Permission to sign for the
    meeting at all is the caller's check (``SIGN_AS_CHAIR`` / ``SIGN_AS_ADJUSTER``).
    """
    from kansli.workspace.permissions import person_of

    role = SignerRole(role)
    today = today or timezone.localdate()
    person = person_of(user)
    backend = get_backend()
    with transaction.atomic():
        round = AdjustmentRound.objects.select_for_update().select_related("meeting__body").get(pk=round.pk)
        meeting = round.meeting
        if round.status != RoundStatus.OPEN:
            raise SigningError(
                "Protokollet är redan justerat." if round.status == RoundStatus.COMPLETED
                else "Den här versionen av protokollet har ersatts; öppna justeringssidan igen."
            )
        if person is None:
            raise SigningError("Ditt konto är inte kopplat till någon person och kan inte skriva under.")
        if round.signatures.filter(person=person).exists():
            raise SigningError("Du har redan skrivit under protokollet.")
        mine = [s for s in steps(meeting) if s.person.pk == person.pk and s.role == role]
        if not mine:
            raise SigningError(f"Du är inte {role.label} för det här sammanträdet.")
        step = next_step(round)
        if step is None or step.order != mine[0].order:
            if role == SignerRole.ADJUSTER and step is not None and step.role == SignerRole.CHAIR:
                raise SigningError("Ordföranden skriver under först; du kan justera när ordföranden har skrivit under.")
            raise SigningError(f"Det är inte din tur att skriva under; nästa att skriva under är {step.person.name}.")
        if record_sha256(meeting) != round.record_sha256:
            raise SigningError(CHANGED)

        with backend.signer(user, secret) as signer:
            info = certificate_info(signer)
            check_validity(info)
            signed = sign_pdf(
                round.current_pdf(), signer, field_name=step.field_name, reason=step.reason,
                location=meeting.adjustment_place or None,
            )
        signature = Signature.objects.create(
            round=round, order=step.order, person=person, user=user, role=step.role,
            field_name=step.field_name, certificate_subject=info.subject[:500],
            certificate_serial=info.serial[:100], certificate_issuer=info.issuer[:500],
            pdf=signed, pdf_sha256=sha256(signed),
        )
        if next_step(round) is not None:
            return SignResult(signature, completed=False)

        round.status = RoundStatus.COMPLETED
        round.signed_pdf = signed
        round.signed_sha256 = signature.pdf_sha256
        round.completed = timezone.now()
        adjust_meeting(meeting, today)
        notice = post_minutes_notice(meeting, today)
        round.notice_warnings = [str(w) for w in getattr(notice, "warnings", [])]
        round.save()
        return SignResult(signature, completed=True, notice=notice, warnings=round.notice_warnings)
