"""Justering with a key on a PKCS#11 token, for real: a SoftHSM token in a temporary directory.

The key pair is generated ON the token (the private key never leaves it), the demo CA issues
a certificate for its public key, the certificate is stored on the token, and Kansli signs
the protokoll through :meth:`Signer.from_pkcs11` and through the ``pkcs11`` signing backend
that the justering view uses. Skipped only when SoftHSM's library is not installed
(``./dev`` installs the Debian package ``softhsm2``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives import serialization

from kansli.signing.backends import SigningError
from kansli.signing.models import Signature, SignerRole
from kansli.signing.services import send_to_adjustment, sign
from kansli.writing.signing import Signer, create_demo_ca, issue_certificate, sign_pdf
from kansli.writing.verify import verify_pdf

from .conftest import TODAY, user

TOKEN = "kansli-test"
PIN = "1234"
SO_PIN = "5678"
KEY = "justering"  # EC P-256; SoftHSM only signs a ready digest with it (CKM_ECDSA)
RSA_KEY = "justering-rsa"  # RSA 2048; SoftHSM hashes and signs (CKM_SHA256_RSA_PKCS)
HOLDER = "Tova Kortström"  # fictional
EMAIL = "tova.kortstrom@exempelkommun.invalid"


def softhsm_module() -> str | None:
    """SoftHSM's PKCS#11 library: Debian's path, else wherever the system keeps it."""
    candidates = [
        os.environ.get("SOFTHSM2_MODULE", ""),
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
        "/usr/lib64/pkcs11/libsofthsm2.so",
        "/usr/lib/pkcs11/libsofthsm2.so",
    ]
    candidates += [str(p) for p in sorted(Path("/usr/lib").glob("*/softhsm/libsofthsm2.so"))]
    return next((c for c in candidates if c and Path(c).is_file()), None)


MODULE = softhsm_module()
pytestmark = pytest.mark.skipif(
    MODULE is None or shutil.which("softhsm2-util") is None,
    reason="SoftHSM (Debian package softhsm2, installed by ./dev) is not installed",
)


@pytest.fixture(scope="session")
def token(tmp_path_factory):
    """A SoftHSM token with an EC P-256 and an RSA 2048 key pair generated on it and a
    demo-CA certificate for each.

    Session-scoped: the PKCS#11 library reads SOFTHSM2_CONF once per process, when it is first
    initialised, so every test in the process must use the same token directory (also when
    pytest-xdist interleaves these tests with other files).
    """
    import pkcs11
    from asn1crypto import keys
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters
    from pkcs11.util.rsa import encode_rsa_public_key

    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN],
        check=True, capture_output=True,
    )

    ca = create_demo_ca(base / "ca", name="Kansli test-CA")
    lib = pkcs11.lib(MODULE)
    with lib.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        params = session.create_domain_parameters(
            KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")}, local=True,
        )
        ec_public, _ = params.generate_keypair(store=True, label=KEY, id=b"\x01")
        rsa_public, _ = session.generate_keypair(KeyType.RSA, 2048, store=True, label=RSA_KEY, id=b"\x02")
        spki = {
            KEY: encode_ec_public_key(ec_public),
            RSA_KEY: keys.PublicKeyInfo.wrap(
                keys.RSAPublicKey.load(encode_rsa_public_key(rsa_public)), "rsa"
            ).dump(),
        }
        certs = {}
        for n, (label, der) in enumerate(spki.items(), 1):
            cert = issue_certificate(ca, serialization.load_der_public_key(der), HOLDER, EMAIL)
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: label,
                Attribute.ID: bytes([n]),
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            })
            certs[label] = cert
            # the private key is on the token and cannot be read out of it
            private = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label)
            assert private[Attribute.SENSITIVE] and not private[Attribute.EXTRACTABLE]

    yield SimpleNamespace(module=MODULE, ca=ca, certs=certs, trust=[ca.cert_pem])

    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


def pkcs11_config(token) -> dict:
    return {
        "backend": "pkcs11", "module": token.module, "token_label": TOKEN, "key_label": KEY,
        "raw_mechanism": True,
    }


@pytest.mark.parametrize(("label", "raw"), [(KEY, True), (RSA_KEY, False)])
def test_signer_from_pkcs11_signs_the_protokoll(token, held, label, raw):
    pdf = bytes(send_to_adjustment(held, user("sekreterare"), today=TODAY).pdf)
    signer = Signer.from_pkcs11(
        token.module, user_pin=PIN, token_label=TOKEN, key_label=label, raw_mechanism=raw
    )
    try:
        assert signer.name == HOLDER
        signed = sign_pdf(pdf, signer, field_name="Ordforande", reason="Justering av protokoll (ordförande)")
    finally:
        signer.close()

    report = verify_pdf(signed, token.trust)
    assert report.intact and report.trusted, report.problems
    (signature,) = report.signatures
    assert signature.valid and signature.intact and signature.covers_entire_file
    assert (signature.signer, signature.email, signature.field_name) == (HOLDER, EMAIL, "Ordforande")

    # the same file checked against another CA is intact but not trusted
    other = create_demo_ca(Path(token.ca.directory).parent / "other-ca", name="Annan CA")
    assert not verify_pdf(signed, [other.cert_pem]).trusted


def test_justering_through_the_pkcs11_backend(token, held, settings):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    settings.KANSLI_SIGNING = pkcs11_config(token)
    result = sign(round, user("ordforande"), SignerRole.CHAIR, secret=PIN, today=TODAY)
    assert not result.completed

    saved = Signature.objects.get(round=round)
    assert HOLDER in saved.certificate_subject
    assert saved.certificate_serial == format(token.certs[KEY].serial_number, "x")
    report = verify_pdf(bytes(saved.pdf), token.trust)
    assert report.intact and report.trusted, report.problems
    assert [(s.signer, s.field_name) for s in report.signatures] == [(HOLDER, "Ordforande")]


def test_wrong_pin_gives_a_swedish_message_and_writes_nothing(token, held, settings):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    settings.KANSLI_SIGNING = pkcs11_config(token)
    with pytest.raises(SigningError) as caught:
        sign(round, user("ordforande"), SignerRole.CHAIR, secret="0000", today=TODAY)
    assert str(caught.value).startswith("PIN-koden är fel.")
    assert "Traceback" not in str(caught.value)
    assert not Signature.objects.filter(round=round).exists()

    # the right PIN still works afterwards
    sign(round, user("ordforande"), SignerRole.CHAIR, secret=PIN, today=TODAY)
    assert Signature.objects.filter(round=round).count() == 1


def test_missing_pin_token_or_module_are_explained(token, held, settings):
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    cases = [
        (pkcs11_config(token), "", "Skriv PIN-koden."),
        ({**pkcs11_config(token), "token_label": "finns-inte"}, PIN, "Kortet eller säkerhetsnyckeln hittades inte."),
        ({**pkcs11_config(token), "module": "/saknas/libpkcs11.so"}, PIN, "PKCS#11-modulen /saknas/libpkcs11.so finns inte"),
    ]
    for config, secret, message in cases:
        settings.KANSLI_SIGNING = config
        with pytest.raises(SigningError) as caught:
            sign(round, user("ordforande"), SignerRole.CHAIR, secret=secret, today=TODAY)
        assert str(caught.value).startswith(message), str(caught.value)
    assert not Signature.objects.filter(round=round).exists()


def test_a_mechanism_the_token_lacks_is_explained(token, held, settings):
    """SoftHSM has no CKM_ECDSA_SHA256: without raw_mechanism the EC key cannot sign."""
    round = send_to_adjustment(held, user("sekreterare"), today=TODAY)
    settings.KANSLI_SIGNING = {**pkcs11_config(token), "raw_mechanism": False}
    with pytest.raises(SigningError) as caught:
        sign(round, user("ordforande"), SignerRole.CHAIR, secret=PIN, today=TODAY)
    assert '"raw_mechanism": true' in str(caught.value)
    assert not Signature.objects.filter(round=round).exists()
