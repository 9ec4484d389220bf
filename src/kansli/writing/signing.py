"""Justering with electronic signatures: PAdES-B-B signatures with pyHanko.

Each signature is a new incremental revision of the PDF, so the chair signs first and every
adjuster signs the file the previous person signed (:func:`adjust`). The earlier signatures
stay valid because each later revision only adds a signature field (DESIGN §6).

Keys come from a PKCS#12 file (:meth:`Signer.from_pkcs12`) or from a smart card / HSM
through PKCS#11 (:meth:`Signer.from_pkcs11`). :func:`create_demo_ca` and
:func:`issue_user_certificate` make a local certificate authority for demonstrations and
tests; its certificates prove nothing to anyone outside the installation.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = [
    "CA",
    "Signer",
    "adjust",
    "create_demo_ca",
    "issue_certificate",
    "issue_user_certificate",
    "sign_pdf",
]

CA_KEY_FILE = "ca-key.pem"
CA_CERT_FILE = "ca-cert.pem"


@dataclass
class CA:
    """A local certificate authority: an EC P-256 key and its self-signed certificate."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    directory: Path | None = None

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def trust_root(self):
        """The CA certificate as pyHanko/asn1crypto wants it, for :func:`verify_pdf`."""
        from asn1crypto import x509 as asn1_x509

        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))

    @classmethod
    def load(cls, directory: str | Path) -> CA:
        """Load a CA written by :func:`create_demo_ca`."""
        directory = Path(directory)
        cert = x509.load_pem_x509_certificate((directory / CA_CERT_FILE).read_bytes())
        key = serialization.load_pem_private_key((directory / CA_KEY_FILE).read_bytes(), None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("CA-nyckeln är inte en EC-nyckel")
        return cls(cert, key, directory)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_demo_ca(directory: str | Path, name: str = "Kansli demo-CA") -> CA:
    """Create a self-signed CA in ``directory`` (``ca-key.pem`` unencrypted, mode 0600, and
    ``ca-cert.pem``) and return it. For demonstrations and tests only."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kansli (demonstration)"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
        ]
    )
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_file = directory / CA_KEY_FILE
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    (directory / CA_CERT_FILE).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return CA(cert, key, directory)


def issue_certificate(
    ca: CA, public_key: Any, name: str, email: str, *, days: int = 730
) -> x509.Certificate:
    """Issue a signing certificate for ``name`` over ``public_key`` (a ``cryptography`` public
    key, e.g. one read from a smart card or HSM whose private key never leaves it).

    Key usage digitalSignature and nonRepudiation, e-mail in subjectAltName, valid ``days``.
    """
    now = _now()
    return (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, name),
                    x509.NameAttribute(NameOID.EMAIL_ADDRESS, email),
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
                ]
            )
        )
        .issuer_name(ca.cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )


def issue_user_certificate(
    ca: CA, name: str, email: str, *, days: int = 730
) -> tuple[bytes, str]:
    """Issue a signing certificate for ``name`` and return ``(pkcs12_bytes, password)``.

    The PKCS#12 holds a new EC P-256 key, its certificate (see :func:`issue_certificate`) and
    the CA certificate. The password is random; hand it to the person by a different channel
    than the file.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issue_certificate(ca, key.public_key(), name, email, days=days)
    password = secrets.token_urlsafe(18)
    data = pkcs12.serialize_key_and_certificates(
        name=name.encode("utf-8"),
        key=key,
        cert=cert,
        cas=[ca.cert],
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    return data, password


class Signer:
    """A person's signing key, wrapping a pyHanko signer."""

    def __init__(self, pyhanko_signer: Any, *, session: Any = None):
        self.pyhanko_signer = pyhanko_signer
        self._session = session  # PKCS#11 session to close, if any

    @property
    def name(self) -> str:
        """The common name in the signing certificate."""
        cert = self.pyhanko_signer.signing_cert
        return _common_name(cert) if cert is not None else ""

    @classmethod
    def from_pkcs12(cls, path_or_bytes: str | Path | bytes, passphrase: str | bytes | None) -> Signer:
        """Load a key and certificate chain from a PKCS#12 (``.p12``/``.pfx``) file or bytes.

        Raises ``ValueError`` if the data cannot be read or the passphrase is wrong.
        """
        from pyhanko.sign.signers import SimpleSigner

        data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
        if isinstance(passphrase, str):
            passphrase = passphrase.encode("utf-8")
        return cls(SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase))

    @classmethod
    def from_pkcs11(
        cls,
        lib_location: str,
        *,
        user_pin: str | None,
        token_label: str | None = None,
        slot_no: int | None = None,
        key_label: str | None = None,
        cert_label: str | None = None,
        raw_mechanism: bool = False,
    ) -> Signer:
        """Sign with a key on a smart card, USB token or HSM through its PKCS#11 module.

        Example (OpenSC with a Swedish e-tjänstekort; labels differ per card)::

            signer = Signer.from_pkcs11(
                "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
                token_label="Signing", user_pin=pin, key_label="signature key",
            )
            try:
                signed = sign_pdf(pdf, signer, field_name="Ordforande", reason="Justering")
            finally:
                signer.close()

        Uses pyHanko's ``pyhanko.sign.pkcs11.PKCS11Signer`` (``python-pkcs11``). Tested
        against SoftHSM (tests/signing/test_pkcs11.py); a real card's labels and mechanisms
        should still be tried once before use. Call :meth:`close` when done to log out.

        ``raw_mechanism=True`` hashes the data here and has the token only sign the digest
        (e.g. ``CKM_ECDSA`` instead of ``CKM_ECDSA_SHA256``), for tokens such as SoftHSM and
        many cards that do not offer the combined mechanism.
        """
        from pyhanko.sign import pkcs11 as p11  # ImportError without python-pkcs11

        criteria = p11.TokenCriteria(label=token_label) if token_label else None
        session = p11.open_pkcs11_session(
            lib_location, slot_no=slot_no, token_criteria=criteria, user_pin=user_pin
        )
        signer = p11.PKCS11Signer(
            session, cert_label=cert_label, key_label=key_label, use_raw_mechanism=raw_mechanism
        )
        return cls(signer, session=session)

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


def _common_name(cert) -> str:
    """CN of an asn1crypto certificate, or its whole subject if it has no CN."""
    subject = cert.subject.native
    return subject.get("common_name") or cert.subject.human_friendly


def sign_pdf(
    pdf_bytes: bytes,
    signer: Signer,
    *,
    field_name: str,
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """Add a PAdES-B-B signature as a new incremental revision and return the whole file.

    ``field_name`` must be new in the document (one field per signer, e.g. ``Ordforande``,
    ``Justerare1``); the field is created invisible. Earlier revisions and signatures are
    kept byte for byte.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        name=signer.name or None,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    out = BytesIO()
    signers.sign_pdf(writer, meta, signer=signer.pyhanko_signer, output=out)
    return out.getvalue()


def adjust(
    pdf_bytes: bytes,
    chair: Signer,
    adjusters: Iterable[Signer],
    *,
    location: str | None = None,
) -> bytes:
    """Justering: the chair signs, then each adjuster in turn, each as its own revision."""
    signed = sign_pdf(
        pdf_bytes, chair, field_name="Ordforande", reason="Justering av protokoll (ordförande)",
        location=location,
    )
    for n, adjuster in enumerate(adjusters, 1):
        signed = sign_pdf(
            signed, adjuster, field_name=f"Justerare{n}",
            reason="Justering av protokoll (justerare)", location=location,
        )
    return signed
