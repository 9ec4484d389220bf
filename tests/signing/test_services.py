"""Justering as a service: freeze, sign in turn with real PAdES signatures, lock and post."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kansli.meetings.locking import MeetingLocked
from kansli.meetings.models import Adjuster, Paragraph
from kansli.noticeboard.models import Notice
from kansli.signing.backends import DemoBackend
from kansli.signing.models import AdjustmentRound, RoundStatus, Signature, SignerRole
from kansli.signing.services import SigningError, send_to_adjustment, sign
from kansli.writing.verify import verify_pdf

from .conftest import TODAY, user


def trust(settings):
    return [DemoBackend(settings.KANSLI_SIGNING).trust_root_path().read_bytes()]


def test_chair_then_adjuster_sign_and_the_meeting_is_locked_and_posted(held, settings):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    assert bytes(round.pdf).startswith(b"%PDF-")
    first = sign(round, user("ordforande"), SignerRole.CHAIR, today=TODAY)
    assert not first.completed
    held.refresh_from_db()
    assert not held.locked
    last = sign(round, user("justerare"), SignerRole.ADJUSTER, today=TODAY)
    assert last.completed

    round.refresh_from_db()
    held.refresh_from_db()
    assert round.status == RoundStatus.COMPLETED
    assert held.locked and held.adjusted == TODAY
    notice = Notice.objects.get(meeting=held)
    assert notice.posted == TODAY and notice.adjusted == TODAY

    report = verify_pdf(bytes(round.signed_pdf), trust(settings))
    assert report.intact and report.trusted
    assert [s.signer for s in report.signatures] == ["Karin Sjöholm", "Anders Bergqvist"]
    assert [s.field_name for s in report.signatures] == ["Ordforande", "Justerare1"]

    with pytest.raises(MeetingLocked):
        p = held.paragraphs.first()
        p.title = "Ändrad"
        p.save()


def test_a_byte_changed_after_signing_is_detected(held, settings):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    sign(round, user("ordforande"), SignerRole.CHAIR, today=TODAY)
    sign(round, user("justerare"), SignerRole.ADJUSTER, today=TODAY)
    round.refresh_from_db()
    data = bytearray(round.signed_pdf)
    at = data.index(b"Sammantr")  # inside the signed range of the first revision? any content byte
    data[at] ^= 0x01
    report = verify_pdf(bytes(data), trust(settings))
    assert not report.intact


def test_adjuster_cannot_sign_before_the_chair(held):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    with pytest.raises(SigningError, match="Ordföranden skriver under först"):
        sign(round, user("justerare"), SignerRole.ADJUSTER, today=TODAY)
    assert not Signature.objects.exists()


def test_signing_twice_is_refused(held):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    sign(round, user("ordforande"), SignerRole.CHAIR, today=TODAY)
    with pytest.raises(SigningError, match="redan skrivit under"):
        sign(round, user("ordforande"), SignerRole.CHAIR, today=TODAY)
    assert Signature.objects.count() == 1


def test_someone_else_cannot_sign(held):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    with pytest.raises(SigningError, match="inte ordförande"):
        sign(round, user("ledamot"), SignerRole.CHAIR, today=TODAY)
    assert not Signature.objects.exists()


def test_a_change_after_freezing_refuses_signing_until_sent_again(held):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    p = held.paragraphs.order_by("number").first()
    p.decision += " Tillägg."
    p.save()
    with pytest.raises(SigningError, match="skicka protokollet på justering igen"):
        sign(round, user("ordforande"), SignerRole.CHAIR, today=TODAY)
    again = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    round.refresh_from_db()
    assert round.status == RoundStatus.SUPERSEDED and again.status == RoundStatus.OPEN
    sign(again, user("ordforande"), SignerRole.CHAIR, today=TODAY)


def test_no_adjuster_or_no_chair_refuses_sending(held):
    Adjuster.objects.filter(meeting=held).delete()
    with pytest.raises(ValidationError, match="Ingen justerare"):
        send_to_adjustment(held, user("sekreterare"), today=TODAY)
    held.chair = None
    held.save()
    with pytest.raises(ValidationError, match="saknar ordförande"):
        send_to_adjustment(held, user("sekreterare"), today=TODAY)
    assert not AdjustmentRound.objects.exists()
    assert Paragraph.objects.filter(meeting=held).exists()
