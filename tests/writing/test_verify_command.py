"""`kansli verify FILE.pdf` as a secretary or a citizen would run it."""

import os
import subprocess
import sys


def verify(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run([sys.executable, "-m", "kansli.cli", "verify", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_signed_protokoll_is_accepted_with_both_signers(tmp_path, signed_pdf, ca):
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(signed_pdf)
    (tmp_path / "ca.pem").write_bytes(ca.cert_pem)
    done = verify(str(pdf), "--trust", str(tmp_path / "ca.pem"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Ylva Sandberg" in done.stdout and "Gustav Mörk" in done.stdout


def test_tampered_copy_is_rejected(tmp_path, signed_pdf):
    data = bytearray(signed_pdf)
    index = data.index(b"/Title") if b"/Title" in data else len(data) // 3
    data[index + 2] ^= 0x01
    pdf = tmp_path / "andrad.pdf"
    pdf.write_bytes(bytes(data))
    done = verify(str(pdf))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr


def test_unreadable_file_gets_exit_code_2_and_a_message(tmp_path):
    bogus = tmp_path / "inte-en.pdf"
    bogus.write_text("hej")
    done = verify(str(bogus))
    assert done.returncode == 2
    assert "inte-en.pdf" in done.stderr and "Traceback" not in done.stderr
