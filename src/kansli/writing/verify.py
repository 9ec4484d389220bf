"""Check the signatures of a signed protokoll, in Swedish, for people and for ``kansli verify``.

pyHanko's own verdict accepts an incremental update appended after the last signature when it
only touches document metadata (DESIGN §6). A justerat protokoll must not change at all, so
:func:`verify_pdf` calls a file intact only when every signature is intact and valid **and
the last signature covers the entire file**.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

__all__ = ["SignatureReport", "UnreadablePdf", "pdf_reader", "VerifyReport", "format_report", "verify_main", "verify_pdf"]


class UnreadablePdf(ValueError):
    """The data is not a PDF that can be read."""


@dataclass
class SignatureReport:
    field_name: str
    signer: str  # common name of the signing certificate
    email: str | None
    signing_time: dt.datetime | None  # as claimed by the signer (PAdES-B-B: no timestamp)
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # the certificate chains to one of the given trust roots
    coverage: str  # "entire_file", "entire_revision", "contiguous_block_from_start", "unclear"
    covers_entire_file: bool
    modification_level: str | None  # what changed after this signature, per pyHanko
    reason: str | None = None
    location: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class VerifyReport:
    signatures: list[SignatureReport]
    intact: bool  # every signature intact and valid, and the last one covers the whole file
    trusted: bool  # every signer chains to a trust root (False without trust roots)
    problems: list[str] = field(default_factory=list)

    @property
    def signed(self) -> bool:
        return bool(self.signatures)


def _reader_class():
    """pyHanko's reader with an index of object streams.

    pyHanko 0.38 re-parses an object stream's header from the start for every object it
    looks up, which is quadratic in the number of objects per stream. WeasyPrint puts a
    tagged PDF's thousand-odd structure elements into one object stream, and the difference
    analysis visits all of them: 5 s for an 11-page protokoll. Indexing each stream once
    makes that linear. Anything unusual falls back to pyHanko's own code.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.decode_limits import DecodePurpose
    from pyhanko.pdf_utils.reader import PdfFileReader

    class IndexedReader(PdfFileReader):
        def _get_object_from_stream(self, idnum, stmnum, idx):
            cache = self.__dict__.setdefault("_kansli_objstm", {})
            entry = cache.get(stmnum)
            if entry is None:
                entry = cache[stmnum] = self._kansli_index(stmnum)
            data, offsets = entry
            offset = offsets.get(idnum)
            if offset is None:
                return super()._get_object_from_stream(idnum, stmnum, idx)
            buf = BytesIO(data)
            buf.seek(offset)
            try:
                obj = generic.read_object(buf, generic.Reference(idnum, 0, self))
            except Exception:
                return super()._get_object_from_stream(idnum, stmnum, idx)
            if isinstance(obj, generic.StreamObject | generic.IndirectObject):
                return super()._get_object_from_stream(idnum, stmnum, idx)
            return obj

        def _kansli_index(self, stmnum) -> tuple[bytes, dict[int, int]]:
            try:
                stream = generic.Reference(stmnum, 0, self).get_object()
                data = stream.read_data(DecodePurpose.OBJECT_STREAM)
                first = int(stream["/First"])
                count = int(stream["/N"])
                numbers = data[:first].split()
                offsets = {
                    int(numbers[2 * i]): first + int(numbers[2 * i + 1]) for i in range(count)
                }
            except Exception:
                return b"", {}
            return data, offsets

    return IndexedReader


def pdf_reader(data: bytes):
    """A pyHanko ``PdfFileReader`` over ``data`` that looks objects up in linear time."""
    return _reader_class()(BytesIO(data), strict=False)


def _trust_root(cert: Any):
    """Accept asn1crypto or cryptography certificates, or PEM/DER bytes."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    if isinstance(cert, asn1_x509.Certificate):
        return cert
    if hasattr(cert, "public_bytes"):  # cryptography.x509.Certificate
        from cryptography.hazmat.primitives.serialization import Encoding

        return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
    if isinstance(cert, bytes):
        if pem.detect(cert):
            _, _, cert = pem.unarmor(cert)
        return asn1_x509.Certificate.load(cert)
    raise TypeError(f"okänd certifikattyp: {type(cert).__name__}")


def verify_pdf(data: bytes, trust_roots: list | None = None) -> VerifyReport:
    """Validate every signature in ``data``.

    ``trust_roots``: CA certificates (cryptography, asn1crypto, PEM or DER) that signers must
    chain to for ``trusted``; without them nothing is trusted but integrity is still checked.
    Raises :class:`UnreadablePdf` when ``data`` is not a readable PDF.
    """
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise UnreadablePdf("filen är inte en PDF (saknar %PDF-huvud)")
    try:
        reader = pdf_reader(data)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # untrusted input: any parser failure means "unreadable"
        raise UnreadablePdf(f"PDF-filen kan inte läsas: {exc}") from exc

    roots = [_trust_root(c) for c in (trust_roots or [])]
    reports: list[SignatureReport] = []
    for sig in embedded:
        context = ValidationContext(
            trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
        )
        problems: list[str] = []
        try:
            status = validate_pdf_signature(sig, context)
        except Exception as exc:  # pyHanko raises many kinds on malformed signatures
            reports.append(
                SignatureReport(
                    field_name=sig.field_name, signer="okänd", email=None, signing_time=None,
                    intact=False, valid=False, trusted=False, coverage="unclear",
                    covers_entire_file=False, modification_level=None,
                    problems=[f"underskriften kan inte valideras: {exc}"],
                )
            )
            continue
        cert = status.signing_cert
        subject = cert.subject.native
        coverage = status.coverage
        level = status.modification_level
        if not status.intact:
            problems.append("de underskrivna byten har ändrats")
        if not status.valid:
            problems.append("den kryptografiska underskriften stämmer inte")
        if status.docmdp_ok is False:
            problems.append("dokumentet har ändrats på ett otillåtet sätt efter underskriften")
        reports.append(
            SignatureReport(
                field_name=sig.field_name,
                signer=subject.get("common_name") or cert.subject.human_friendly,
                email=subject.get("email_address"),
                signing_time=status.signer_reported_dt,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                coverage=coverage.name.lower() if coverage is not None else "unclear",
                covers_entire_file=coverage == SignatureCoverageLevel.ENTIRE_FILE,
                modification_level=level.name.lower() if level is not None else None,
                reason=_text(sig.sig_object.get("/Reason")),
                location=_text(sig.sig_object.get("/Location")),
                problems=problems,
            )
        )

    problems: list[str] = []
    if not reports:
        problems.append("filen har inga underskrifter")
    elif not reports[-1].covers_entire_file:
        problems.append(
            "filen har ändrats efter den sista underskriften (den sista underskriften "
            "omfattar inte hela filen)"
        )
    intact = bool(reports) and not problems and all(
        r.intact and r.valid and not r.problems for r in reports
    )
    trusted = bool(reports) and all(r.trusted for r in reports)
    return VerifyReport(reports, intact, trusted, problems)


def _text(value) -> str | None:
    return str(value) if value is not None else None


def _yes_no(value: bool) -> str:
    return "ja" if value else "nej"


COVERAGE_LABELS = {
    "entire_file": "hela filen",
    "entire_revision": "hela sin version (senare tillägg finns)",
    "contiguous_block_from_start": "en del av filen från början",
    "unclear": "oklar",
}


def format_report(report: VerifyReport) -> str:
    """A plain-text report in Swedish."""
    lines: list[str] = []
    if not report.signatures:
        lines.append("Inga underskrifter: filen är inte elektroniskt underskriven.")
    else:
        lines.append(f"Underskrifter: {len(report.signatures)}")
        for n, s in enumerate(report.signatures, 1):
            who = s.signer + (f" <{s.email}>" if s.email else "")
            lines.append(f"{n}. {who}")
            lines.append(f"   Fält: {s.field_name}")
            if s.signing_time:
                when = s.signing_time.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
                lines.append(f"   Tidpunkt (enligt undertecknaren): {when}")
            if s.reason:
                lines.append(f"   Skäl: {s.reason}")
            if s.location:
                lines.append(f"   Plats: {s.location}")
            lines.append(f"   Oförändrad: {_yes_no(s.intact)}   Giltig: {_yes_no(s.valid)}   "
                         f"Betrodd: {_yes_no(s.trusted)}")
            lines.append(f"   Omfattar: {COVERAGE_LABELS.get(s.coverage, s.coverage)}")
            for p in s.problems:
                lines.append(f"   Problem: {p}")
    for p in report.problems:
        lines.append(f"Problem: {p}")
    if report.intact:
        verdict = "Resultat: OK – dokumentet är oförändrat sedan det skrevs under."
        if not report.trusted:
            verdict += (" Observera: minst en undertecknares certifikat kunde inte kopplas till "
                        "en betrodd utfärdare.")
    elif not report.signatures:
        verdict = "Resultat: EJ GODKÄND – inga underskrifter."
    else:
        verdict = "Resultat: EJ GODKÄND – dokumentet har ändrats eller underskrifterna håller inte."
    lines.append(verdict)
    return "\n".join(lines) + "\n"


def verify_main(path: str | Path, trust_roots: list | None = None) -> int:
    """``kansli verify FILE.pdf``: print the report; exit 0 intact, 1 not, 2 unreadable.

    ``trust_roots`` as for :func:`verify_pdf`; a ``--trust CA.pem`` option can pass
    ``[Path(p).read_bytes()]``.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        print(f"Kan inte läsa {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    # pyHanko logs a traceback for every certificate it cannot chain to a trust root; the
    # report already says "Betrodd: nej", so keep the terminal readable.
    pyhanko_logger = logging.getLogger("pyhanko")
    level = pyhanko_logger.level
    pyhanko_logger.setLevel(logging.CRITICAL)
    try:
        report = verify_pdf(data, trust_roots)
    except UnreadablePdf as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    finally:
        pyhanko_logger.setLevel(level)
    sys.stdout.write(format_report(report))
    return 0 if report.intact else 1
