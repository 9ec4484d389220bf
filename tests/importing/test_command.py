"""The real command in a fresh data directory: ``kansli migrate`` then ``kansli import``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .samples import protokoll_text

CLI = Path(__file__).resolve().parents[2] / "src" / "kansli" / "cli.py"


@pytest.fixture
def kansli(tmp_path):
    env = {
        k: v for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER")
    }
    env["KANSLI_HOME"] = str(tmp_path / "home")

    def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
        if code is not None and args[:1] == ("import",):
            args = args[1:]  # the code stands for "kansli import"
        cmd = [sys.executable, "-m", "kansli.cli", *args] if code is None else [sys.executable, "-c", code, *args]
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)

    return run


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "protokoll.txt"
    good.write_text(protokoll_text(), encoding="utf-8")
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"inte en pdf")
    return good, bad


def _check_import(kansli, good, bad, **kw):
    first = kansli("import", str(good), **kw)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Import klar." in first.stdout
    assert "Sparat: 1 nytt sammanträde, 3 paragrafer, 7 deltagare" in first.stdout
    assert "Fel: inga." in first.stdout
    assert "Traceback" not in first.stderr

    again = kansli("import", str(good), str(bad), **kw)
    assert again.returncode == 1
    assert "redan importerad" in again.stdout
    assert "Sparat: 0 nya sammanträden" in again.stdout
    assert f"{bad}: filen är ingen PDF" in again.stdout
    assert "Traceback" not in again.stderr


def test_kansli_import_command(kansli, files):
    if "kansli.meetings.importing" not in CLI.read_text(encoding="utf-8"):
        pytest.skip("kansli.cli leder ännu inte 'kansli import' till kansli.meetings.importing")
    assert kansli("migrate", "-v0").returncode == 0
    _check_import(kansli, *files)


RUN_IMPORT = (
    "import sys, django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'kansli.settings');"
    "django.setup(); from kansli.meetings.importing import run_import;"
    "sys.exit(run_import(sys.argv[1:]))"
)


def test_run_import_in_a_fresh_process(kansli, files):
    """The same check through ``run_import`` directly, whichever function the command calls."""
    not_ready = kansli(str(files[0]), code=RUN_IMPORT)
    assert not_ready.returncode == 2
    assert "kansli migrate" in not_ready.stderr and "Traceback" not in not_ready.stderr
    assert kansli("migrate", "-v0").returncode == 0
    _check_import(kansli, *files, code=RUN_IMPORT)
