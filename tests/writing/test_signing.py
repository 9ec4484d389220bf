from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from kansli.writing.signing import CA, Signer, issue_user_certificate, sign_pdf
from kansli.writing.verify import (
    UnreadablePdf,
    format_report,
    pdf_reader,
    verify_main,
    verify_pdf,
)


def revisions(data: bytes) -> int:
    return PdfFileReader(BytesIO(data), strict=False).xrefs.total_revisions


def test_two_signers_two_revisions_intact_and_trusted(signed_pdf, minutes_pdf_bytes, ca):
    assert signed_pdf.startswith(minutes_pdf_bytes)  # incremental: the original is untouched
    assert revisions(signed_pdf) == revisions(minutes_pdf_bytes) + 2
    report = verify_pdf(signed_pdf, [ca.cert])
    assert report.intact and report.trusted
    assert [s.signer for s in report.signatures] == ["Ylva Sandberg", "Gustav Mörk"]
    assert [s.field_name for s in report.signatures] == ["Ordforande", "Justerare1"]
    first, last = report.signatures
    assert first.coverage == "entire_revision" and last.coverage == "entire_file"
    assert all(s.intact and s.valid and s.trusted for s in report.signatures)
    assert all(s.signing_time is not None for s in report.signatures)
    assert last.email == "gustav.mork@ekeby.example"
    assert first.reason == "Justering av protokoll (ordförande)" and first.location == "Ekeby"
    text = format_report(report)
    assert "Ylva Sandberg" in text and "Gustav Mörk" in text
    assert "Resultat: OK" in text


def test_without_trust_roots_integrity_still_checked(signed_pdf):
    report = verify_pdf(signed_pdf)
    assert report.intact and not report.trusted
    assert "Betrodd: nej" in format_report(report)


def test_other_ca_is_not_trusted(signed_pdf, tmp_path):
    from kansli.writing.signing import create_demo_ca

    other = create_demo_ca(tmp_path / "other")
    report = verify_pdf(signed_pdf, [other.cert])
    assert report.intact and not report.trusted


def test_flipped_byte_in_signed_range_is_detected(signed_pdf, minutes_pdf_bytes):
    data = bytearray(signed_pdf)
    # a byte in the first stream of the original document: inside both signatures' ranges
    pos = minutes_pdf_bytes.index(b"stream\n") + 100
    data[pos] ^= 0x01
    report = verify_pdf(bytes(data))
    assert not report.intact
    assert any(not s.intact for s in report.signatures)
    assert "EJ GODKÄND" in format_report(report)


def test_metadata_only_update_after_signing_is_not_intact(signed_pdf):
    writer = IncrementalPdfFileWriter(BytesIO(signed_pdf), strict=False)
    info_ref = writer.trailer.raw_get("/Info")
    info_ref.get_object()["/Title"] = generic.TextStringObject("Ändrad titel efter justering")
    writer.mark_update(info_ref)
    out = BytesIO()
    writer.write(out)
    tampered = out.getvalue()
    assert tampered.startswith(signed_pdf) and len(tampered) > len(signed_pdf)

    # pyHanko on its own accepts this (DESIGN §6) ...
    last = pdf_reader(tampered).embedded_signatures[-1]
    status = validate_pdf_signature(last, ValidationContext(trust_roots=[], allow_fetching=False))
    assert status.intact and status.valid and status.docmdp_ok

    # ... but the protokoll is no longer the one that was signed
    report = verify_pdf(tampered)
    assert not report.intact
    assert report.signatures[-1].coverage == "entire_revision"
    assert "ändrats efter den sista underskriften" in format_report(report)


def test_unsigned_pdf_is_not_intact(minutes_pdf_bytes):
    report = verify_pdf(minutes_pdf_bytes)
    assert not report.intact and not report.signed
    assert "Inga underskrifter" in format_report(report)


def test_garbage_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(UnreadablePdf):
        verify_pdf(b"this is not a pdf at all")
    with pytest.raises(UnreadablePdf):
        verify_pdf(b"%PDF-1.7\n garbage without xref")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"\x00\x01garbage")
    assert verify_main(bad) == 2
    err = capsys.readouterr().err
    assert "inte en PDF" in err and "Traceback" not in err
    assert verify_main(tmp_path / "missing.pdf") == 2
    assert "Kan inte läsa" in capsys.readouterr().err


def test_verify_main_exit_codes(tmp_path, signed_pdf, minutes_pdf_bytes, capsys):
    good = tmp_path / "signed.pdf"
    good.write_bytes(signed_pdf)
    assert verify_main(good) == 0
    out = capsys.readouterr()
    assert "Resultat: OK" in out.out and "Traceback" not in out.err
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(minutes_pdf_bytes)
    assert verify_main(unsigned) == 1
    assert "inga underskrifter" in capsys.readouterr().out


def test_pkcs12_from_file_and_wrong_password(ca, tmp_path, minutes_pdf_bytes):
    data, password = issue_user_certificate(ca, "Sara Holm", "sara.holm@ekeby.example")
    path = tmp_path / "sara.p12"
    path.write_bytes(data)
    signer = Signer.from_pkcs12(path, password)
    assert signer.name == "Sara Holm"
    signed = sign_pdf(minutes_pdf_bytes, signer, field_name="Sekreterare", reason="Kontroll")
    report = verify_pdf(signed, [CA.load(ca.directory).cert])
    assert report.intact and report.trusted
    with pytest.raises(ValueError):
        Signer.from_pkcs12(data, "fel lösenord")


def test_content_added_between_signatures_is_detected(minutes_pdf_bytes, chair_signer, ca):
    """Someone draws on page 1 after the chair signed, then a (trusted) adjuster signs: the
    last signature covers the whole file, but the chair's signature no longer holds."""
    chair_signed = sign_pdf(minutes_pdf_bytes, chair_signer, field_name="Ordforande")
    writer = IncrementalPdfFileWriter(BytesIO(chair_signed), strict=False)
    stream = writer.add_object(generic.StreamObject(stream_data=b"0 0 m 500 500 l S"))
    writer.add_stream_to_page(0, stream)
    out = BytesIO()
    writer.write(out)
    data, password = issue_user_certificate(ca, "Mallory Test", "mallory@ekeby.example")
    tampered = sign_pdf(out.getvalue(), Signer.from_pkcs12(data, password), field_name="Justerare1")
    report = verify_pdf(tampered, [ca.cert])
    assert report.signatures[-1].covers_entire_file
    assert not report.intact
    assert report.signatures[0].problems
    assert "EJ GODKÄND" in format_report(report)
