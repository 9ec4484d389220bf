"""Where a person's signing key comes from: the demo CA, a PKCS#12 file or a PKCS#11 token.

Configured by the Django setting ``KANSLI_SIGNING`` (a dict) or, when the settings do not
define it, the environment variable ``KANSLI_SIGNING`` holding the same dict as JSON. Without
either, the demo backend is used.

``{"backend": "demo"}`` (default)
    A local certificate authority in ``ca_dir`` (default ``$KANSLI_HOME/signing/demo-ca``) is
    created on first use. Each user gets an EC P-256 certificate issued by it the first time
    they sign, stored as ``ca_dir/users/<user id>.p12``; the PKCS#12 is encrypted with a
    passphrase derived from ``SECRET_KEY`` (HMAC-SHA256 of the user id), so nobody is asked
    for a password. Anyone with the data directory and the secret key can sign as any user:
    this proves nothing outside the installation and is for demonstrations and tests.
    ``kansli verify FILE.pdf --trust ca_dir/ca-cert.pem`` checks the signatures.

``{"backend": "pkcs12", "path": "/etc/kansli/certs/{username}.p12"}``
    Each user's own PKCS#12 file (``{username}`` and ``{user_id}`` are filled in); the signing
    form asks for its passphrase, which is never stored.

``{"backend": "pkcs11", "module": "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
   "token_label": "{username}", "key_label": null, "cert_label": null, "slot": null,
   "raw_mechanism": false}``
    A smart card, USB token or HSM through its PKCS#11 module; the form asks for the PIN.
    ``raw_mechanism: true`` is for tokens that only sign a ready digest (SoftHSM and many
    cards with EC keys: ``CKM_ECDSA`` but not ``CKM_ECDSA_SHA256``).
    Uses the ``python-pkcs11`` package (a dependency); tested against SoftHSM
    (tests/signing/test_pkcs11.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from kansli.writing.signing import CA, Signer, create_demo_ca, issue_user_certificate

__all__ = [
    "Backend",
    "CertificateInfo",
    "DemoBackend",
    "Pkcs11Backend",
    "Pkcs12Backend",
    "SigningError",
    "certificate_info",
    "get_backend",
    "signing_config",
]


class SigningError(ValueError):
    """Signing could not be done; the message says why and what to do (Swedish)."""


def signing_config() -> dict[str, Any]:
    config = getattr(settings, "KANSLI_SIGNING", None)
    if config is None:
        raw = os.environ.get("KANSLI_SIGNING", "").strip()
        try:
            config = json.loads(raw) if raw else {}
        except json.JSONDecodeError as exc:
            raise SigningError(f"Miljövariabeln KANSLI_SIGNING är inte giltig JSON: {exc}") from None
    return dict(config)


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    common_name: str
    serial: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime


def certificate_info(signer: Signer) -> CertificateInfo:
    cert = signer.pyhanko_signer.signing_cert
    validity = cert["tbs_certificate"]["validity"]
    return CertificateInfo(
        subject=cert.subject.human_friendly,
        common_name=signer.name,
        serial=format(cert.serial_number, "x"),
        issuer=cert.issuer.human_friendly,
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
    )


def check_validity(info: CertificateInfo, now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.now(dt.UTC)
    if now < info.not_before:
        raise SigningError(
            f"Certifikatet för {info.common_name} gäller först från {info.not_before:%Y-%m-%d}."
        )
    if now > info.not_after:
        raise SigningError(
            f"Certifikatet för {info.common_name} gick ut {info.not_after:%Y-%m-%d}. "
            "Skaffa ett nytt certifikat och försök igen."
        )


class Backend:
    """Gives a :class:`Signer` for a user. ``secret_label`` names what the form asks for."""

    name = ""
    secret_label: str | None = None  # None: nothing is asked
    secret_help = ""

    def __init__(self, config: dict[str, Any]):
        self.config = config

    @contextmanager
    def signer(self, user, secret: str | None = None):
        raise NotImplementedError

    def trust_root_path(self) -> Path | None:
        """A CA certificate file to give ``kansli verify --trust``, when the backend knows one."""
        return None


def _fill(template: str, user) -> str:
    return template.format(username=user.get_username(), user_id=user.pk)


class DemoBackend(Backend):
    name = "demo"

    @property
    def ca_dir(self) -> Path:
        configured = self.config.get("ca_dir")
        return Path(configured) if configured else Path(settings.DATA_DIR) / "signing" / "demo-ca"

    def trust_root_path(self) -> Path:
        return self.ca_dir / "ca-cert.pem"

    def ca(self) -> CA:
        """The demo CA, created on first use (atomically: two first uses get the same CA)."""
        directory = self.ca_dir
        if not (directory / "ca-cert.pem").exists():
            directory.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".demo-ca-", dir=directory.parent))
            create_demo_ca(staging, name="Kansli demo-CA")
            try:
                staging.rename(directory)
            except OSError:  # somebody else created it first
                shutil.rmtree(staging, ignore_errors=True)
        return CA.load(directory)

    def _passphrase(self, user) -> bytes:
        mac = hmac.new(
            settings.SECRET_KEY.encode("utf-8"), f"kansli.signing.demo:{user.pk}".encode(), hashlib.sha256
        )
        return base64.urlsafe_b64encode(mac.digest())

    def _path(self, user) -> Path:
        return self.ca_dir / "users" / f"{user.pk}.p12"

    def _issue(self, ca: CA, user, path: Path) -> None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.serialization import pkcs12

        from kansli.workspace.permissions import person_of

        person = person_of(user)
        name = (person.name if person else "") or user.get_full_name() or user.get_username()
        email = (person.email if person else "") or user.email or f"{user.get_username()}@kansli.invalid"
        data, password = issue_user_certificate(ca, name, email)
        key, cert, cas = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
        protected = pkcs12.serialize_key_and_certificates(
            name=name.encode("utf-8"), key=key, cert=cert, cas=cas,
            encryption_algorithm=serialization.BestAvailableEncryption(self._passphrase(user)),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(protected)
        tmp.chmod(0o600)
        tmp.replace(path)

    def _issued_by(self, ca: CA, path: Path, user) -> bool:
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            _, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), self._passphrase(user))
            cert.verify_directly_issued_by(ca.cert)
        except Exception:  # another CA, another SECRET_KEY or a damaged file: issue anew
            return False
        return dt.datetime.now(dt.UTC) < cert.not_valid_after_utc

    @contextmanager
    def signer(self, user, secret: str | None = None):
        ca = self.ca()
        path = self._path(user)
        if not path.exists() or not self._issued_by(ca, path, user):
            self._issue(ca, user, path)
        yield Signer.from_pkcs12(path, self._passphrase(user))


class Pkcs12Backend(Backend):
    name = "pkcs12"
    secret_label = "Lösenord till din certifikatfil"
    secret_help = "Lösenordet till din personliga certifikatfil (PKCS#12). Det sparas inte."

    @contextmanager
    def signer(self, user, secret: str | None = None):
        template = self.config.get("path")
        if not template:
            raise SigningError(
                "Underskrifter med certifikatfil är inte konfigurerade (KANSLI_SIGNING saknar \"path\"). "
                "Kontakta administratören."
            )
        path = Path(_fill(template, user))
        if not path.is_file():
            raise SigningError(
                f"Det finns ingen certifikatfil för dig ({path.name}). Kontakta administratören."
            )
        if not secret:
            raise SigningError("Skriv lösenordet till din certifikatfil.")
        try:
            signer = Signer.from_pkcs12(path, secret)
        except Exception:
            raise SigningError(
                "Certifikatfilen kunde inte öppnas: lösenordet stämmer inte eller filen är skadad. "
                "Försök igen."
            ) from None
        yield signer


class Pkcs11Backend(Backend):
    name = "pkcs11"
    secret_label = "PIN-kod"
    secret_help = "PIN-koden till ditt e-tjänstekort eller din säkerhetsnyckel. Den sparas inte."

    @contextmanager
    def signer(self, user, secret: str | None = None):
        module = self.config.get("module")
        if not module:
            raise SigningError(
                "Underskrifter med kort är inte konfigurerade (KANSLI_SIGNING saknar \"module\"). "
                "Kontakta administratören."
            )
        if not secret:
            raise SigningError("Skriv PIN-koden.")

        def opt(key: str) -> str | None:
            value = self.config.get(key)
            return _fill(value, user) if isinstance(value, str) else None

        if not Path(module).is_file():
            raise SigningError(
                f"PKCS#11-modulen {module} finns inte på servern (KANSLI_SIGNING \"module\"). "
                "Kontakta administratören."
            )
        try:
            signer = Signer.from_pkcs11(
                module, user_pin=secret, token_label=opt("token_label"), slot_no=self.config.get("slot"),
                key_label=opt("key_label"), cert_label=opt("cert_label"),
                raw_mechanism=bool(self.config.get("raw_mechanism", False)),
            )
        except ImportError:
            raise SigningError(
                "Stöd för PKCS#11 är inte installerat på servern (python-pkcs11). Kontakta administratören."
            ) from None
        except Exception as exc:
            raise SigningError(_pkcs11_message(exc)) from None
        try:
            signer.pyhanko_signer.signing_cert  # noqa: B018 - fetch the certificate now, inside the error handling
        except Exception as exc:
            signer.close()
            raise SigningError(_pkcs11_message(exc)) from None
        from pkcs11.exceptions import PKCS11Error

        try:
            yield signer
        except PKCS11Error as exc:  # the token refused to sign
            raise SigningError(_pkcs11_message(exc)) from None
        finally:
            signer.close()


def _pkcs11_message(exc: Exception) -> str:
    """A Swedish message for a failure to open a PKCS#11 token or read its key and certificate."""
    from pkcs11 import exceptions as p11

    if isinstance(exc, (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange)):
        return (
            "PIN-koden är fel. Kontrollera den och försök igen; efter flera felaktiga försök "
            "kan kortet spärras."
        )
    if isinstance(exc, p11.PinLocked):
        return (
            "Kortet är spärrat efter för många felaktiga PIN-koder. Lås upp det med PUK-koden "
            "eller kontakta administratören."
        )
    if isinstance(exc, p11.MechanismInvalid):
        return (
            "Kortet eller säkerhetsnyckeln kan inte skriva under på det sätt Kansli begär. "
            "Administratören kan prova inställningen \"raw_mechanism\": true i KANSLI_SIGNING."
        )
    if isinstance(exc, p11.PinExpired):
        return "PIN-koden har gått ut. Byt PIN-kod och försök igen."
    if isinstance(exc, (p11.NoSuchToken, p11.TokenNotPresent, p11.TokenNotRecognised)) or "No token" in str(exc):
        return "Kortet eller säkerhetsnyckeln hittades inte. Sätt i det och försök igen."
    return (
        f"Kortet eller säkerhetsnyckeln kunde inte användas ({type(exc).__name__}: {exc}). "
        "Kontrollera att rätt kort sitter i och försök igen, eller kontakta administratören."
    )


BACKENDS: dict[str, type[Backend]] = {
    DemoBackend.name: DemoBackend,
    Pkcs12Backend.name: Pkcs12Backend,
    Pkcs11Backend.name: Pkcs11Backend,
}


def get_backend() -> Backend:
    config = signing_config()
    name = config.get("backend", "demo")
    try:
        return BACKENDS[name](config)
    except KeyError:
        raise SigningError(
            f"Okänd signeringsmetod {name!r} i KANSLI_SIGNING; välj demo, pkcs12 eller pkcs11."
        ) from None
