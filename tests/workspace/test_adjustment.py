# ruff: noqa: F811 (the fixtures imported from adjustment_fixtures are parameters here)
"""The justering screens: send to justering, the chair and the adjuster sign, lock, anslag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kansli.meetings.locking import MeetingLocked
from kansli.meetings.models import Adjuster
from kansli.noticeboard.models import Notice
from kansli.signing.models import AdjustmentRound, RoundStatus, Signature
from kansli.writing.verify import verify_pdf

from .adjustment_fixtures import demo_recipe, held, signing_home  # noqa: F401 (fixtures)
from .conftest import client_for

CONFIRM = {"confirm": "on"}


def url(name: str, meeting) -> str:
    return reverse(f"workspace:{name}", args=[meeting.pk])


def send(meeting):
    response = client_for("sekreterare").post(url("adjustment_send", meeting))
    assert response.status_code == 302, response.content.decode()[:2000]
    return AdjustmentRound.objects.get(meeting=meeting, status=RoundStatus.OPEN)


def test_whole_justering_in_the_workspace(held, signing_home):
    page = client_for("sekreterare").get(url("adjustment", held))
    assert page.status_code == 200
    assert "Skicka protokollet på justering" in page.content.decode()

    round = send(held)
    chair = client_for("ordforande")
    page = chair.get(url("adjustment", held)).content.decode()
    assert "Skriv under som ordförande" in page and "Står på tur" in page
    assert chair.get(url("adjustment_pdf", held)).content == bytes(round.pdf)

    response = chair.post(url("adjustment_sign_chair", held), CONFIRM, follow=True)
    assert "Nästa att skriva under är Anders Bergqvist" in response.content.decode()
    response = client_for("justerare").post(url("adjustment_sign_adjuster", held), CONFIRM, follow=True)
    assert "Protokollet är justerat och låst" in response.content.decode()

    held.refresh_from_db()
    assert held.locked and held.notice_posted is not None
    notice = Notice.objects.get(meeting=held)
    assert notice.adjusted == held.adjusted
    assert client_for("anonym").get("/anslagstavla/").content.decode().count(held.body.name) >= 1

    signed = client_for("ledamot").get(url("signed_minutes", held))
    assert signed.status_code == 200 and signed["Content-Type"] == "application/pdf"
    report = verify_pdf(signed.content, [(signing_home / "ca-cert.pem").read_bytes()])
    assert report.intact and report.trusted
    assert [s.signer for s in report.signatures] == ["Karin Sjöholm", "Anders Bergqvist"]

    tampered = bytearray(signed.content)
    tampered[len(tampered) // 3] ^= 0x01
    assert not verify_pdf(bytes(tampered), [(signing_home / "ca-cert.pem").read_bytes()]).intact

    with pytest.raises(MeetingLocked):
        held.place = "Annan plats"
        held.save()
    # the public does not get the signed (unmasked) original
    assert client_for("anonym").get(url("signed_minutes", held)).status_code == 302
    assert client_for("utan_roll").get(url("signed_minutes", held)).status_code == 403


def test_someone_who_is_not_the_chair_gets_a_swedish_403_and_nothing_changes(held):
    send(held)
    for role in ("ledamot", "sekreterare", "admin", "justerare"):
        response = client_for(role).post(url("adjustment_sign_chair", held), CONFIRM)
        assert response.status_code == 403
        assert "justera protokollet som ordförande" in response.content.decode()
    response = client_for("ordforande").post(url("adjustment_sign_adjuster", held), CONFIRM)
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_adjuster_before_chair_and_signing_twice_are_refused(held):
    send(held)
    response = client_for("justerare").post(url("adjustment_sign_adjuster", held), CONFIRM)
    assert response.status_code == 409
    assert "Ordföranden skriver under först" in response.content.decode()
    assert not Signature.objects.exists()
    chair = client_for("ordforande")
    assert chair.post(url("adjustment_sign_chair", held), CONFIRM).status_code == 302
    response = chair.post(url("adjustment_sign_chair", held), CONFIRM)
    assert response.status_code == 409
    assert "redan skrivit under" in response.content.decode()
    assert Signature.objects.count() == 1


def test_signing_needs_the_confirmation(held):
    send(held)
    response = client_for("ordforande").post(url("adjustment_sign_chair", held), {})
    assert response.status_code == 400
    assert "Kryssa i att du har läst protokollet" in response.content.decode()
    assert not Signature.objects.exists()


def test_changed_record_refuses_signing_until_sent_again(held):
    round = send(held)
    paragraph = held.paragraphs.order_by("number").last()
    paragraph.decision = "Ändrat beslut efter att protokollet skickades."
    paragraph.save()
    response = client_for("ordforande").post(url("adjustment_sign_chair", held), CONFIRM)
    assert response.status_code == 409
    assert "skicka protokollet på justering igen" in response.content.decode()
    assert not Signature.objects.exists()
    new = send(held)
    round.refresh_from_db()
    assert round.status == RoundStatus.SUPERSEDED and new.pk != round.pk
    assert client_for("ordforande").post(url("adjustment_sign_chair", held), CONFIRM).status_code == 302


def test_sending_without_adjusters_is_refused_with_a_message(held):
    Adjuster.objects.filter(meeting=held).delete()
    response = client_for("sekreterare").post(url("adjustment_send", held))
    assert response.status_code == 409
    assert "Ingen justerare är vald" in response.content.decode()
    assert not AdjustmentRound.objects.exists()


def test_sending_without_chair_is_refused_with_a_message(held):
    held.chair = None
    held.save()
    response = client_for("sekreterare").post(url("adjustment_send", held))
    assert response.status_code == 409
    assert "saknar ordförande" in response.content.decode()
    assert not AdjustmentRound.objects.exists()


def test_pkcs12_backend_asks_for_the_passphrase(held, settings, tmp_path):
    """Production mode: each user's own PKCS#12 file; a wrong passphrase is refused, the right one signs."""
    from kansli.writing.signing import create_demo_ca, issue_user_certificate

    ca = create_demo_ca(tmp_path / "ca")
    passwords = {}
    for username, name in (("ordforande", "Karin Sjöholm"), ("justerare", "Anders Bergqvist")):
        data, passwords[username] = issue_user_certificate(ca, name, f"{username}@exempelkommun.example")
        (tmp_path / f"{username}.p12").write_bytes(data)
    settings.KANSLI_SIGNING = {"backend": "pkcs12", "path": str(tmp_path / "{username}.p12")}
    send(held)
    chair = client_for("ordforande")
    page = chair.get(url("adjustment", held)).content.decode()
    assert "Lösenord till din certifikatfil" in page
    response = chair.post(url("adjustment_sign_chair", held), {**CONFIRM, "secret": "fel"})
    assert response.status_code == 409 and "lösenordet stämmer inte" in response.content.decode()
    assert not Signature.objects.exists()
    response = chair.post(url("adjustment_sign_chair", held), {**CONFIRM})
    assert response.status_code == 400
    chair.post(url("adjustment_sign_chair", held), {**CONFIRM, "secret": passwords["ordforande"]})
    client_for("justerare").post(
        url("adjustment_sign_adjuster", held), {**CONFIRM, "secret": passwords["justerare"]}
    )
    round = AdjustmentRound.objects.get(meeting=held, status=RoundStatus.COMPLETED)
    report = verify_pdf(bytes(round.signed_pdf), [ca.cert_pem])
    assert report.intact and report.trusted
    assert {s.email for s in report.signatures} == {
        "ordforande@exempelkommun.example", "justerare@exempelkommun.example"
    }


def test_the_page_warns_when_the_customary_time_for_justering_has_passed(held):
    """The held demo meeting was three weeks ago; the nämnd adjusts within 14 days."""
    page = client_for("sekreterare").get(url("adjustment", held)).content.decode()
    deadline = held.date + dt.timedelta(days=held.body.adjustment_days)
    assert f"senast {deadline:%Y-%m-%d}" in page
    assert "Den tiden har passerat" in page
